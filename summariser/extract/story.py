"""The story model: the text with its spaCy parse, sentences, token lookup and headline zones,
and the rule families switched off for it.

Every rule reads the story, so the switches travel with it: a rule family asks
`story.off(name)` where it would run, one set lookup, and the default path stays as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.spans import _is_capitalised
from summariser.segment import headline_over_prose, is_title_line, split_lines

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class _Story:
    """The story text with its parse and precomputed zones."""

    def __init__(self, text: str, doc: Doc, disabled: frozenset[str] = frozenset()) -> None:
        self.disabled = disabled
        self.text = text
        self.doc = doc
        self.title_zones = _title_zones(text)
        self.headline = _headline(text)
        self.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        self._char_token = [-1] * (len(text) + 1)
        for token in doc:
            for offset in range(token.idx, token.idx + len(token)):
                self._char_token[offset] = token.i
        # Filled in by the dates section once the story exists (it reads the tokens), before
        # any rule runs: names inside such a date ("the end of Esfand") are no names.
        self.other_calendar: list[tuple[int, int]] = []

    def off(self, family: str) -> bool:
        """Whether the named rule family is switched off for this story."""
        return family in self.disabled

    def in_headline(self, start: int, end: int) -> bool:
        """Inside the story's headline: a Title Case line, or its first line when that is
        headline-shaped (short, no closing stop) and text follows it."""
        zone = self.headline
        return self.in_title(start, end) or (zone is not None and zone[0] <= start < zone[1])

    def in_title(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.title_zones)

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def sentence_of(self, offset: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return (0, len(self.text))

    def token_at(self, offset: int) -> Token | None:
        if 0 <= offset < len(self.text) and self._char_token[offset] >= 0:
            return self.doc[self._char_token[offset]]
        return None

    def sentence_initial(self, start: int) -> bool:
        token = self.token_at(start)
        if token is None:
            return False
        if token.is_sent_start:
            return True
        line_start = self.text.rfind("\n", 0, start) + 1
        return not self.text[line_start:start].strip(" \"“‘'(")


def _headline(text: str) -> tuple[int, int] | None:
    """The first line's span, when it is headline-shaped and the story goes on after it, or
    ends in a full stop as a paragraph of its own over a paragraph of prose."""
    lines = [line for line in split_lines(text) if line.text.strip()]
    if len(lines) > 1 and is_title_line(lines[0].text.strip()):
        return lines[0].start, lines[0].end
    if (
        len(lines) > 1
        and not text[lines[0].end : lines[1].start].strip()
        and text[lines[0].end : lines[1].start].count("\n") > 1
        and headline_over_prose(lines[0].text.strip(), lines[1].text.strip())
    ):
        # "Newcastle's $1.9 billion hospital gets green light." over its lead paragraph.
        return lines[0].start, lines[0].end
    return None


def _title_zones(text: str) -> list[tuple[int, int]]:
    """Headline-like lines in Title Case, where the NER model over-extends names."""
    zones = []
    for line in split_lines(text):
        stripped = line.text.strip()
        if not stripped or not is_title_line(stripped):
            continue
        long_words = [w for w in stripped.split() if len(w) > 3]
        if not long_words:
            continue
        capitalised = sum(1 for w in long_words if _is_capitalised(w))
        if capitalised / len(long_words) >= 0.6:
            zones.append((line.start, line.end))
    return zones
