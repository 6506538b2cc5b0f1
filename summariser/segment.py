"""Split a plain-text bulletin into stories, deterministically and with exact offsets.

Blank lines (and markdown `---` breaks, which always end a story) separate blocks. A short
unpunctuated single-line block followed by more text is the next story's title; so is a
markdown `#` heading, and a wire headline in capitals, with a slug, or ending in a full stop
when a byline or dateline confirms it (see `wire.py`). Bylines, datelines and trailers are
recorded apart from the body, with offsets. A block that begins by repeating the previous
block verbatim (bulletin exports often print a lead twice) continues that story. When a
bulletin titles its stories and separates one-line paragraphs by blank lines, titles alone
start stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .text import first_sentence, squash_spaces
from .wire import (
    INVISIBLE,
    Byline,
    Dateline,
    byline_name,
    has_slug,
    heading_text,
    is_all_caps,
    is_blank,
    is_dateline_line,
    is_separator,
    is_trailer,
    match_dateline,
    slug_length,
    strip_slug,
    visible,
)
from .wordlists import words

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_CLOSING = tuple(".!?:;,\"'”’)…»]")
# A title may end in a full stop (wire headlines often do), never mid-clause.
_OPEN_ENDS = tuple(":;,-–—")
_SENTENCE_ENDS = tuple(".!?\"”’')")
_EDGE = INVISIBLE + " \t\f\v\u00a0\u3000"

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
        """Blank: whitespace or invisible characters only, or a markdown `---` break."""
        return is_blank(self.text) or is_separator(self.text)

    def span(self) -> tuple[int, int]:
        """Offsets of the line's visible text."""
        lead = len(self.text) - len(self.text.lstrip(_EDGE))
        return self.start + lead, self.start + lead + len(visible(self.text))


@dataclass
class Story:
    """One story: its exact input span, its title, and the de-duplicated body the model sees.

    The byline, dateline and trailer are not the story's text: they stay out of `body`, and
    `layout_spans` (offsets within `text`) says where they are, for the candidate extractor.
    """

    id: int
    start: int
    end: int
    text: str
    title: str | None
    body: str
    dropped_repeats: int = 0
    paragraphs: list[str] = field(default_factory=list)
    byline: Byline | None = None
    dateline: Dateline | None = None
    layout_spans: list[tuple[int, int]] = field(default_factory=list)
    #: The story's own id when it came from a .jsonl input.
    ref: str | None = None

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


def _blocks(lines: list[Line]) -> tuple[list[list[Line]], set[int], set[int]]:
    """Blocks of non-blank lines; which of them follow a `---` break (a story starts); and
    which follow a wider gap than the bulletin's paragraphs do (see `_wide_gaps`)."""
    blocks: list[list[Line]] = []
    breaks: set[int] = set()
    gaps: list[int] = []
    current: list[Line] = []
    blank_run = 0
    for line in lines:
        if line.blank:
            if current:
                blocks.append(current)
                current = []
            blank_run += 1
            if is_separator(line.text):
                breaks.add(len(blocks))
        else:
            if not current:
                gaps.append(blank_run)
            blank_run = 0
            current.append(line)
    if current:
        blocks.append(current)
    return blocks, breaks, _wide_gaps(gaps)


def _wide_gaps(gaps: list[int]) -> set[int]:
    """The blocks set off by more blank lines than the bulletin's paragraphs are.

    Wire exports and hand-made bulletins alike put two blank lines between stories and one
    between paragraphs: where the gaps inside the bulletin come in exactly two widths and the
    narrow one is the more common (paragraphs outnumber stories), a wide gap starts a story,
    whatever its first line looks like ("Floods swamp Faenza as river bursts banks." ends
    in a full stop). A bulletin with one gap width, or with gaps of many widths, says
    nothing by them.
    """
    inner = gaps[1:]  # the first block's gap is the file's leading blank lines
    widths = sorted(set(inner))
    if len(widths) != 2 or widths[0] < 1:
        return set()
    narrow, wide = widths
    if inner.count(narrow) <= inner.count(wide):
        return set()
    return {i + 1 for i, gap in enumerate(inner) if gap == wide}


def _norm(text: str) -> str:
    return squash_spaces(visible(text))


def is_title_line(text: str) -> bool:
    """A headline-like line: short, no closing punctuation, starts with a capital or digit."""
    stripped = visible(text)
    return _title_shaped(stripped) and not stripped.endswith(_CLOSING)


def _title_shaped(stripped: str, *, long: bool = False) -> bool:
    """Short enough for a title and opening as one; `long`: as long as a title over a date
    line can be (a title of two clauses)."""
    factor = 2 if long else 1
    if not stripped or len(stripped) > factor * MAX_TITLE_CHARS:
        return False
    if len(stripped.split()) > factor * MAX_TITLE_WORDS:
        return False
    return stripped[0].isupper() or stripped[0].isdigit()


def _is_title(line: Line, after: list[Line], alone: bool) -> bool:
    """Whether `line` is a story's title, given the lines after it (`alone`: its own block).

    A line that ends in a full stop is a title only where the layout says so: a dateline or
    a "By" byline under it (or a name, then a dateline), a slug, or capitals; else a short
    one-sentence paragraph before a title-case line would be one.
    """
    text = visible(line.text)
    if heading_text(text):
        return True
    if not after or is_dateline_line(text) or is_trailer(text):
        return False
    if alone and is_title_line(text):
        return True
    if (
        is_dateline_line(after[0].text) and _title_shaped(text, long=True)
        and not text.endswith(_CLOSING + _OPEN_ENDS)
    ):
        # "Dublin mayor suggests not sending Irish representative to Israel for Eurovision
        # 2019; two European Parliament lawmakers support boycott" over "Wednesday, May 16,
        # 2018" alone on its line: a date line under it makes a long line a title.
        return True
    if not _title_shaped(text) or text.endswith(_OPEN_ENDS):
        return False
    if alone and (is_all_caps(text) or has_slug(text)):
        return True
    if match_dateline(after[0].text) is not None or byline_name(after[0].text, False):
        return True
    if (
        is_title_line(text) and len(after) > 1 and byline_name(after[0].text, True)
        and _prose_line(after[1].text, len(text))
    ):
        # "MSPs back 3% cap on private rent rises", then "Morag Campbell, Political
        # Correspondent" alone on its line, then the story's prose.
        return True
    if (
        is_title_line(text) and len(after) > 1 and is_title_line(after[0].text)
        and len(visible(after[0].text)) < len(text) // 2
        and visible(after[1].text).rstrip().endswith(_SENTENCE_ENDS)
        # Not a breadcrumb ("Home | News | Africa"), a credit line, or a body line over an
        # agency's name.
        and "|" not in text and not is_trailer(text) and not is_trailer(after[0].text)
        and not _credit_re().match(text) and visible(after[0].text).strip() not in _outlets()
    ):
        # "Wikinews interviews Mario J. Lucero ...", "General questions", "What is ...?":
        # a title over a much shorter section heading over the text.
        return True
    if is_title_line(text) and _prose_line(after[0].text, len(text)):
        # "New faces emerge as veteran politicians step down ...", then the story's first
        # paragraph on the next line: web copy pasted as text keeps no blank line between.
        return True
    return (
        len(after) > 1
        and byline_name(after[0].text, True) is not None
        and match_dateline(after[1].text) is not None
    )


def _opens_story(line: Line, after: list[Line]) -> bool:
    """A headline-shaped line that the layout puts at a story's start: a title even when it
    ends in a full stop, when a paragraph of prose comes after it."""
    text = visible(line.text)
    return (
        _title_shaped(text)
        and not text.endswith(_OPEN_ENDS)
        and not is_dateline_line(text)
        and not is_trailer(text)
        and bool(after)
        and (_prose_line(after[0].text, len(text)) or match_dateline(after[0].text) is not None)
    )


def headline_over_prose(first: str, following: str) -> bool:
    """Whether a story's first line, set off from the next by a blank line, is its headline
    though it ends in a full stop ("Newcastle's $1.9 billion hospital gets green light."):
    headline-shaped, with a paragraph of prose after it (`_opens_story`'s reading, for the
    extractor, which sees the story's text without the segmenter's title)."""
    return _opens_story(Line(first, 0), [Line(following, 0)])


@lru_cache(maxsize=1)
def _credit_re() -> re.Pattern[str]:
    """A credit line ("Reporting by ...", "Editing by ..."), with or without brackets."""
    openers = "|".join(re.escape(w) for w in words("wire_trailer_openers"))
    return re.compile(rf"^\(?(?:{openers})\b")


@lru_cache(maxsize=1)
def _outlets() -> frozenset[str]:
    return frozenset(words("outlets"))


def _prose_line(text: str, title_length: int) -> bool:
    """A paragraph of the story: longer than the title before it, and ending as a sentence
    ends (a full stop, question or exclamation mark, maybe inside a closing quote)."""
    stripped = visible(text).rstrip()
    return len(stripped) > max(title_length + 20, 80) and stripped.endswith(_SENTENCE_ENDS)


_Header = list[tuple[str, Line]]


def _split_header(
    block: list[Line], following: list[Line], pending: _Header, story_start: bool = False
) -> _Header:
    """The layout lines (title, byline, dateline) that open `block`, after `pending` ones;
    `following` are the first lines of the blocks after it; `story_start`: the block opens
    a story by the layout (a wider gap before it)."""
    kinds = [kind for kind, _ in pending]
    header: _Header = []
    for i, line in enumerate(block):
        after = (block[i + 1 :] + following)[:2]
        if not after:
            break
        if not kinds and (
            _is_title(line, after, len(block) == 1)
            or (story_start and i == 0 and _opens_story(line, after))
        ):
            kind = "title"
        elif (
            "byline" not in kinds
            and "dateline" not in kinds
            and not is_dateline_line(line.text)
            and byline_name(line.text, bool(kinds) and kinds[-1] == "title") is not None
        ):
            kind = "byline"
        elif "dateline" not in kinds and is_dateline_line(line.text):
            kind = "dateline"
        else:
            break
        kinds.append(kind)
        header.append((kind, line))
    return header


def _repeats_prefix(block: list[Line], previous: list[Line]) -> bool:
    """True when `block` opens with every line of `previous`, verbatim."""
    if len(previous) > len(block):
        return False
    return all(_norm(a.text) == _norm(b.text) for a, b in zip(previous, block, strict=False))


def _group(
    blocks: list[list[Line]], breaks: set[int] | None = None, wide: set[int] | None = None
) -> list[tuple[_Header, list[list[Line]]]]:
    """Group blocks into (layout lines, content blocks) per story; a block in `breaks`
    (after a `---` line) or in `wide` (after a story's wider gap) never continues the story
    before it, and a headline-shaped first line of a `wide` block is its title even when it
    ends in a full stop."""
    wide = wide or set()
    breaks = (breaks or set()) | wide
    splits: list[tuple[_Header, list[Line]]] = []
    pending: _Header = []
    sections: set[int] = set()
    for i, block in enumerate(blocks):
        following = [b[0] for b in blocks[i + 1 : i + 3]]
        if wide and i not in breaks and i > 0 and not pending and _section_heading(block):
            # Where wider gaps set the stories apart, a heading over a paragraph with no
            # blank line between, after a paragraph's gap, is a section of the story (a
            # press release's "About Zagros Petroleum" over its boilerplate).
            sections.add(i)
            splits.append(([], block))
            continue
        header = _split_header(block, following, pending, i in wide)
        if not header and _has_title(pending):
            header = _split_header(block, following, [])  # a second title in a row
        rest = block[len(header) :]
        splits.append((header, rest))
        pending = [] if rest else pending + header
    title_flags = [_has_title(header) for header, _ in splits]
    # Titles alone start stories only in bulletins laid out as "title, then blank-separated
    # one-line paragraphs"; where stories are multi-line blocks, a blank line ends a story
    # even after a titled one (bulletins mix titled and untitled stories).
    content_blocks = [rest for _, rest in splits if rest]
    single_line_share = (
        sum(len(b) == 1 for b in content_blocks) / len(content_blocks) if content_blocks else 0.0
    )
    titled_mode = (
        sum(title_flags) >= 2 and bool(title_flags) and title_flags[0] and single_line_share >= 0.8
    )
    stories: list[tuple[_Header, list[list[Line]]]] = []
    pending = []
    for position, (header, rest) in enumerate(splits):
        if position in breaks and pending:
            stories.append(([], [[line for _, line in pending]]))
            pending = []
        if header:
            if _has_title(pending) and _has_title(header):
                # Two titles in a row: the first is a story of one line.
                stories.append(([], [[line for _, line in pending]]))
                pending = []
            pending = pending + header
            if not rest:
                continue
        elif (
            stories
            and not pending
            and position not in breaks
            and all(is_trailer(line.text) for line in rest)
        ):
            stories[-1][1].append(rest)  # a trailer on a block of its own
            continue
        if stories and not pending and position not in breaks:
            last_blocks = stories[-1][1]
            if titled_mode or position in sections or _repeats_prefix(rest, last_blocks[-1]):
                last_blocks.append(rest)
                continue
        stories.append((pending, [rest]))
        pending = []
    if pending:
        stories.append(([], [[line for _, line in pending]]))
    return stories


def _section_heading(block: list[Line]) -> bool:
    """A short plain heading line right over a paragraph of prose in one block ("About
    Zagros Petroleum", "Background"): not a dateline, a "#" heading, capitals, a slug or a
    byline, which open stories whatever the gap before them."""
    if len(block) < 2:
        return False
    text = visible(block[0].text)
    return (
        is_title_line(text) and _prose_line(block[1].text, len(text))
        and not heading_text(text) and not is_all_caps(text) and not has_slug(text)
        and not is_dateline_line(text) and match_dateline(block[1].text) is None
        and byline_name(block[1].text, True) is None
    )


def _has_title(header: _Header) -> bool:
    return any(kind == "title" for kind, _ in header)


def _title_of(line: Line) -> str:
    text = visible(line.text)
    return heading_text(text) or strip_slug(text)


def segment(text: str) -> list[Story]:
    """Split `text` into stories. Offsets index `text` exactly as given."""
    blocks, breaks, wide = _blocks(split_lines(text))
    stories: list[Story] = []
    for number, (header, content) in enumerate(_group(blocks, breaks, wide), start=1):
        first = header[0][1] if header else content[0][0]
        lines = [line for block in content for line in block]
        byline: Byline | None = None
        dateline: Dateline | None = None
        title: str | None = None
        layout: list[tuple[int, int]] = []
        for kind, line in header:
            start, end = line.span()
            if kind == "title":
                title = _title_of(line)
                slug = slug_length(visible(line.text))
                if slug:  # "UPDATE 1-" is no figure of the story
                    layout.append((start, start + slug))
            elif kind == "byline":
                name = byline_name(line.text, True) or ""
                byline = Byline(visible(line.text), name, start, end)
                layout.append((start, end))
            else:
                dateline = match_dateline(line.text, line.start)
                layout.append((start, end))
        while len(lines) > 1 and is_trailer(lines[-1].text):
            layout.append(lines.pop().span())
        opening = match_dateline(lines[0].text, lines[0].start, opening=True)
        cut = 0
        if dateline is None and opening is not None and opening.body_start < lines[0].end:
            dateline = opening
            cut = opening.body_start - lines[0].start
            layout.append((opening.start, opening.body_start))
        last = content[-1][-1]
        seen: set[str] = set()
        paragraphs: list[str] = []
        repeats = 0
        for position, line in enumerate(lines):
            line_text = line.text[cut:] if position == 0 else line.text
            key = _norm(line_text)
            if key in seen:
                repeats += 1
                continue
            seen.add(key)
            paragraphs.append(visible(line_text))
        stories.append(
            Story(
                id=number,
                start=first.start,
                end=last.end,
                text=text[first.start : last.end],
                title=title,
                body="\n".join(paragraphs),
                dropped_repeats=repeats,
                paragraphs=paragraphs,
                byline=byline,
                dateline=dateline,
                layout_spans=sorted((s - first.start, e - first.start) for s, e in layout),
            )
        )
    return stories
