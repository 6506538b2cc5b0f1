"""Markdown escaping: story text renders as literal text, never as markup, with few escapes.

Every story-controlled string of the markdown briefing goes through `escape()`, so a story
cannot inject HTML, links, images, headings, lists or emphasis. A backslash is written only
where the character would change the rendering at that position: `(`, `)`, `&` before a space,
`[Iranian calendar]` or the `_` of `Q4_1` stay bare, because a reader of the raw markdown
sees every escape and a renderer shows the same thing without it.

A string is escaped on its own but is printed next to other strings and our own markup on
the same line (a list of names, a label in `**`), so an emphasis or code delimiter is escaped
whenever it *could* open or close, whatever stands beyond the string's ends: a partner may come
from the next name on the line.
"""

from __future__ import annotations

import re
import unicodedata
from html.entities import html5

# Control characters other than whitespace have no business in a briefing.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) let a story
# reorder what the reader sees around them (issue 18); they are dropped from rendered text.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# GFM's extended autolinks fire on `scheme:` and `www.` without any markup; breaking the
# colon or the dot with a backslash escape keeps the text and loses the link.
_AUTOLINK_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data|file|vbscript):")
_AUTOLINK_WWW = re.compile(r"(?i)\b(www)\.")
# `&amp;`, `&#42;`, `&#x2a;`: an entity or numeric character reference would be decoded.
_ENTITY = re.compile(r"&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
# `<` starts raw HTML (`<b`, `</b`, `<!--`, `<?`) or an autolink (`<http:…>`, `<a@b.c>`).
_ANGLE = re.compile(r"<(?=[A-Za-z/!?]|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@)")
_MID_LINE_ACTIVE = re.compile(r"[\\`*_~\]]")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_DELIMITERS = frozenset("*_~")
# At the start of a block: a heading, a block quote, a bullet, an ordered-list marker, a
# thematic break, a GFM task box or a link reference definition.
_BLOCK_START = re.compile(
    r"^(?:(?P<hash>#)(?=#{0,5}(?:\s|$))|(?P<quote>>)|(?P<bullet>[-+])(?=\s|$)"
    r"|\d{1,9}(?P<ordinal>[.)])(?=\s|$)|(?P<rule>-)(?=(?:\s*-){2,}\s*$)"
    r"|(?P<box>\[)(?=[ xX]\](?:\s|$)|(?:[^\]\\]|\\.)+\]:))"
)
# The closing sequence of an ATX heading: `### Title #` loses its last `#` without an escape.
_HEADING_CLOSE = re.compile(r"(?:(?<=\s)|^)#+$")


def neutralise_bidi(text: str) -> str:
    """`text` without bidirectional controls, so a story cannot reorder the page around it."""
    return BIDI_CONTROLS.sub("", text)


def _is_space(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Zs"


def _is_punct(char: str) -> bool:
    """CommonMark punctuation: ASCII punctuation and the Unicode P and S categories."""
    return char in _ASCII_PUNCT or unicodedata.category(char)[0] in "PS"


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """CommonMark's left- and right-flanking tests for a delimiter run between two chars."""
    left = not _is_space(after) and (
        not _is_punct(after) or _is_space(before) or _is_punct(before))
    right = not _is_space(before) and (
        not _is_punct(before) or _is_space(after) or _is_punct(after))
    return left, right


def _delimiter_can_act(char: str, before: str | None, after: str | None) -> bool:
    """Whether a run of `*`, `_` or `~` could open or close emphasis or strikethrough.

    Beyond the string's ends lies our markup or another string, so an edge is tried as a
    space and as punctuation, and the run is escaped if either lets it act.
    """
    for b in (before,) if before is not None else (" ", "!"):
        for a in (after,) if after is not None else (" ", "!"):
            left, right = _flanking(b, a)
            if char == "_":
                # `_` inside a word (`Q4_1`) neither opens nor closes.
                left, right = (left and (not right or _is_punct(b)),
                               right and (not left or _is_punct(a)))
            if left or right:
                return True
    return False


def _unbalanced_brackets(text: str, escaped: set[int]) -> set[int]:
    """Positions of `[` and `]` that have no partner inside `text` once the `escaped` ones
    are text (link text must balance)."""
    opened: list[int] = []
    lone: set[int] = set()
    for i, char in enumerate(text):
        if i in escaped:
            continue
        if char == "[":
            opened.append(i)
        elif char == "]":
            if opened:
                opened.pop()
            else:
                lone.add(i)
    return lone | set(opened)


def _positions(text: str, line_start: bool, link_text: bool, heading: bool) -> set[int]:
    """The positions of `text` whose character needs a backslash."""
    marks: set[int] = set()
    n = len(text)
    # Most story text holds none of the characters that act mid-line: skip the scan.
    i = n if _MID_LINE_ACTIVE.search(text) is None else 0
    while i < n:
        char = text[i]
        if char == "\\":
            following = text[i + 1] if i + 1 < n else None
            if following is None or following in _ASCII_PUNCT:
                marks.add(i)
        elif char == "`":
            marks.add(i)
        elif char in _DELIMITERS:
            j = i
            while j < n and text[j] == char:
                j += 1
            before = text[i - 1] if i else None
            after = text[j] if j < n else None
            if _delimiter_can_act(char, before, after):
                marks.update(range(i, j))
            i = j
            continue
        elif char == "]" and i + 1 < n and text[i + 1] == "(":
            marks.add(i)  # `[x](y)` and `![x](y)` need their `](`
        i += 1
    marks.update(m.start() for m in _ANGLE.finditer(text))
    marks.update(m.start() for m in _ENTITY.finditer(text) if m.group(1) in html5
                 or m.group(1).startswith("#"))
    if link_text:
        marks.update(_unbalanced_brackets(text, marks))
    if line_start:
        block = _BLOCK_START.match(text)
        if block:
            marks.add(block.start(block.lastgroup or 0))
    if heading:
        close = _HEADING_CLOSE.search(text)
        if close:
            marks.add(close.start())
    return marks


def escape(text: str, line_start: bool = True, *, link_text: bool = False,
           heading: bool = False) -> str:
    """Plain text that renders as exactly itself in a CommonMark paragraph, heading, link text
    or list item, with a backslash only where the bare character would be markup.

    The result is one line (whitespace runs collapse to a space). Pass `line_start=False` for
    text that never begins a block (after a label, inside `**` or a link); `link_text=True`
    inside `[...]`, where a bracket without a partner would end or nest the link;
    `heading=True` for a heading's whole text, whose trailing `#` would be dropped.
    """
    text = neutralise_bidi(_CONTROL.sub("", text))
    text = " ".join(text.split())
    marks = _positions(text, line_start, link_text, heading)
    out = "".join(f"\\{c}" if i in marks else c for i, c in enumerate(text))
    out = _AUTOLINK_SCHEME.sub(r"\1\\:", out)
    return _AUTOLINK_WWW.sub(r"\1\\.", out)
