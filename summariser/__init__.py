"""summariser: grounded, typed daily briefings from plain-text news bulletins."""

__version__ = "0.1.0"
