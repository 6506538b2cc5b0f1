"""Markdown escaping: story text renders as literal text, never as markup.

Every story-controlled string of the markdown briefing goes through `escape()`, so a story
cannot inject HTML, links, images, headings, lists or emphasis.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")
# Control characters other than whitespace have no business in a briefing.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# GFM's extended autolinks fire on `scheme:` and `www.` without any markup; breaking the
# colon or the dot with a backslash escape keeps the text and loses the link.
_AUTOLINK_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data|file|vbscript):")
_AUTOLINK_WWW = re.compile(r"(?i)\b(www)\.")


def escape(text: str, line_start: bool = True) -> str:
    """Plain text safe inside a CommonMark paragraph, heading, link text or list item.

    The result is one line (whitespace runs collapse to a space) and renders as the literal
    text: every ASCII punctuation character with a meaning in CommonMark or GFM is
    backslash-escaped, and a leading `-`, `=` or `1.`/`1)` cannot start a block. Pass
    `line_start=False` for text that can never begin a line (it keeps `1.0.0` readable).
    """
    text = _CONTROL.sub("", text)
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _AUTOLINK_SCHEME.sub(r"\1\\:", text)
    text = _AUTOLINK_WWW.sub(r"\1\\.", text)
    if not line_start:
        return text
    # A line starting with `-`, `=` or `1.`/`1)` would become a list, a setext underline or a
    # thematic break; escaping the punctuation (never the digit) is harmless mid-line too.
    return re.sub(r"^(-|=|\d+(?=[.)]))([.)]?)", _escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    lead, mark = match.group(1), match.group(2)
    return f"{lead}\\{mark}" if mark else f"\\{lead}"
