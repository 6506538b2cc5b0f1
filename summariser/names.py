"""File names and URLs as they may be printed or stored.

A POSIX file name is bytes; Python hands a name that is not UTF-8 over with its stray bytes
as lone surrogates, which no UTF-8 writer accepts, so a JSON export or an error line would
crash on it after all the work was done. Such bytes are shown as `\\xNN` escapes instead.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit


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


#: Query values shorter than this are left in messages: too short to be a credential, and
#: common words ("v1", "on") would otherwise be starred out of every message.
MIN_SECRET_LENGTH = 4


def safe_url(url: str) -> str:
    """`url` as it may be printed: no user:password@ part, every query value as `***`
    (servers take keys as `?api-key=...`, `?key=...`, `?token=...`)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "<an unparsable URL>"
    netloc = parts.hostname or ""
    if ":" in netloc:  # an IPv6 address keeps its brackets
        netloc = f"[{netloc}]"
    if port:
        netloc = f"{netloc}:{port}"
    query = "&".join(
        f"{name}=***" if value else name
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def url_secrets(url: str) -> list[str]:
    """Everything in `url` that may be a credential: its password and its query values, to be
    redacted from any text that quotes the URL (a library's error message does)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found = [parts.password or ""]
    found += [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    found += [quote(v, safe="") for v in found]
    return sorted({v for v in found if len(v) >= MIN_SECRET_LENGTH}, key=len, reverse=True)
