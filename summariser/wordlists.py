"""The curated word lists, read from the TOML files in `summariser/data/lexicon/`.

Word lists are data: a list grows by editing its file, and the rules that use it build their
patterns from it at load time. Each table has a one-line `doc` and either `words` or, where
the entries are pieces of a regular expression (an optional plural "s?"), `patterns`; the
order of the entries is kept, since a pattern built from them may depend on it.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources
from typing import Any

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the project claims Python 3.10
    import tomli as tomllib

_FOLDER = "lexicon"


@cache
def _tables() -> dict[str, dict[str, Any]]:
    """Every table of every file, checked once: a broken list fails loudly, not silently."""
    tables: dict[str, dict[str, Any]] = {}
    folder = resources.files("summariser.data").joinpath(_FOLDER)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        try:
            data = tomllib.loads(entry.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"word list file {entry.name}: {exc}") from exc
        for name, table in data.items():
            if name in tables:
                raise ConfigError(f"word list {name} is defined twice ({entry.name})")
            entries = table.get("words", table.get("patterns")) if isinstance(table, dict) else None
            keys = set(table) if isinstance(table, dict) else set()
            if (
                not isinstance(entries, list)
                or not all(isinstance(w, str) and w for w in entries)
                or not isinstance(table.get("doc"), str)
                or len(keys & {"words", "patterns"}) != 1
            ):
                raise ConfigError(
                    f"word list {name} ({entry.name}) needs a doc and one list of words or patterns"
                )
            tables[name] = table
    return tables


def _entries(name: str, key: str) -> tuple[str, ...]:
    table = _tables().get(name)
    if table is None or key not in table:
        raise ConfigError(f"no word list {name} with {key} in summariser/data/{_FOLDER}/")
    return tuple(table[key])


def words(name: str) -> tuple[str, ...]:
    """The words of the named list, in their file's order."""
    return _entries(name, "words")


def patterns(name: str) -> tuple[str, ...]:
    """The regular-expression pieces of the named list, in their file's order."""
    return _entries(name, "patterns")


def alternation(name: str) -> str:
    """The named pattern list as one alternation, "a|b|c", in its file's order."""
    return "|".join(patterns(name))
