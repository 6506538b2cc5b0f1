"""Split a plain-text bulletin into stories, deterministically and with exact offsets.

Blank lines separate blocks. A short unpunctuated single-line block followed by more text
is the next story's title. A block that begins by repeating the previous block verbatim
(bulletin exports often print a lead twice) continues that story. When a bulletin titles
its stories and separates one-line paragraphs by blank lines, titles alone start stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import first_sentence, squash_spaces

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_CLOSING = tuple(".!?:;,\"'”’)…»]")

MAX_TITLE_CHARS = 120
MAX_TITLE_WORDS = 16


@dataclass(frozen=True)
class Line:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Story:
    """One story: its exact input span, its title, and the de-duplicated body the model sees."""

    id: int
    start: int
    end: int
    text: str
    title: str | None
    body: str
    dropped_repeats: int = 0
    paragraphs: list[str] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return first_sentence(self.body)


def split_lines(text: str) -> list[Line]:
    """Lines without their terminators, with offsets; CR, LF and CRLF all end a line."""
    lines: list[Line] = []
    for match in _LINE_RE.finditer(text):
        raw = match.group(0)
        if not raw and match.start() == len(text):
            break
        content = raw.rstrip("\r\n")
        lines.append(Line(content, match.start()))
    return lines


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def is_title_line(text: str) -> bool:
    """A headline-like line: short, no closing punctuation, starts with a capital or digit."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_TITLE_CHARS:
        return False
    if len(stripped.split()) > MAX_TITLE_WORDS:
        return False
    if stripped.endswith(_CLOSING):
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


def _is_title_block(block: list[Line], has_next: bool) -> bool:
    return has_next and len(block) == 1 and is_title_line(block[0].text)


def _repeats_prefix(block: list[Line], previous: list[Line]) -> bool:
    """True when `block` opens with every line of `previous`, verbatim."""
    if len(previous) > len(block):
        return False
    pairs = zip(previous, block, strict=False)
    return all(squash_spaces(a.text) == squash_spaces(b.text) for a, b in pairs)


def _group(blocks: list[list[Line]]) -> list[tuple[Line | None, list[list[Line]]]]:
    """Group blocks into (title, content blocks) per story."""
    title_flags = [_is_title_block(b, i + 1 < len(blocks)) for i, b in enumerate(blocks)]
    # Titles alone start stories only in bulletins laid out as "title, then blank-separated
    # one-line paragraphs"; where stories are multi-line blocks, a blank line ends a story
    # even after a titled one (bulletins mix titled and untitled stories).
    content_blocks = [b for b, flag in zip(blocks, title_flags, strict=True) if not flag]
    single_line_share = (
        sum(len(b) == 1 for b in content_blocks) / len(content_blocks) if content_blocks else 0.0
    )
    titled_mode = (
        sum(title_flags) >= 2 and bool(title_flags) and title_flags[0] and single_line_share >= 0.8
    )
    stories: list[tuple[Line | None, list[list[Line]]]] = []
    pending_title: Line | None = None
    for block, is_title in zip(blocks, title_flags, strict=True):
        if is_title:
            if pending_title is not None:
                # Two title-like lines in a row: the first is a story of one line.
                stories.append((None, [[pending_title]]))
            pending_title = block[0]
            continue
        if stories and pending_title is None:
            last_title, last_blocks = stories[-1]
            if titled_mode or _repeats_prefix(block, last_blocks[-1]):
                last_blocks.append(block)
                continue
        stories.append((pending_title, [block]))
        pending_title = None
    if pending_title is not None:
        stories.append((None, [[pending_title]]))
    return stories


def segment(text: str) -> list[Story]:
    """Split `text` into stories. Offsets index `text` exactly as given."""
    blocks = _blocks(split_lines(text))
    stories: list[Story] = []
    for number, (title, content) in enumerate(_group(blocks), start=1):
        first = title if title is not None else content[0][0]
        last = content[-1][-1]
        seen: set[str] = set()
        paragraphs: list[str] = []
        repeats = 0
        for block in content:
            for line in block:
                key = squash_spaces(line.text)
                if key in seen:
                    repeats += 1
                    continue
                seen.add(key)
                paragraphs.append(line.text.strip())
        stories.append(
            Story(
                id=number,
                start=first.start,
                end=last.end,
                text=text[first.start : last.end],
                title=title.text.strip() if title is not None else None,
                body="\n".join(paragraphs),
                dropped_repeats=repeats,
                paragraphs=paragraphs,
            )
        )
    return stories
