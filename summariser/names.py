"""File names as they may be printed or stored.

A POSIX file name is bytes; Python hands a name that is not UTF-8 over with its stray bytes
as lone surrogates, which no UTF-8 writer accepts, so a JSON export or an error line would
crash on it after all the work was done. Such bytes are shown as `\\xNN` escapes instead.
"""

from __future__ import annotations

import os


def printable(name: str | os.PathLike[str]) -> str:
    """`name` with any undecodable byte written as a `\\xNN` escape (valid UTF-8 always)."""
    text = os.fspath(name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape") if _only_escapes(text) else None
        if raw is None:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return text


def _only_escapes(text: str) -> bool:
    """Whether every surrogate in `text` is one that surrogateescape made (U+DC80-U+DCFF)."""
    return all(not "\ud800" <= ch <= "\udfff" or "\udc80" <= ch <= "\udcff" for ch in text)
