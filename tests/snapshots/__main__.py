"""Rewrite the snapshots from the current code: `python -m tests.snapshots`."""

from tests.snapshots import write_all

write_all()
