"""The story model: the text with its spaCy parse, sentences, token lookup and headline zones,
and the rule families switched off for it.

Every rule reads the story, so the switches travel with it: a rule family asks
`story.off(name)` where it would run, one set lookup, and the default path stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from summariser.errors import ConfigError
from summariser.extract.spans import _is_capitalised
from summariser.segment import is_title_line, split_lines

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


#: Rule families that can be switched off by name, for measuring what each earns, with what
#: switching one off leaves out. The default runs them all.
RULE_FAMILY_DOCS: dict[str, str] = {
    "person-evidence": "the gate that drops an NER person the text speaks against, and a "
    "rule's person the story never treats as one",
    "acronyms": '"Long Form (ABBR)" read off its initials, and acronyms that speak ("ECOWAS said")',
    "citations": 'known outlets named where the story cites them ("told Salam Watandar")',
    "org-cues": 'bodies named by a descriptor or body word ("the state oil company X")',
    "teams": "sides of a match result or a league table",
    "place-cues": 'places named by a place noun ("the Bazarak district", "province of X")',
    "gazetteer-places": "places the gazetteer knows that the NER model missed",
    "place-lists": 'known places listed next to a place ("Córdoba, Rosario and Mendoza")',
    "appositions": 'persons named by a role or an age apposition ("X, the governor", "X, 29,")',
    "gazetteer-retyping": "the gazetteer's say in typing a name (country, large place, town)",
    "headline-confirmation": "Title Case headline names kept only when the body confirms them",
    "surnames": "a full name's surname counted as a mention of that person",
    "roles": "a person's role read from the story",
    "other-calendars": "dates of the Iranian, Afghan and Hijri calendars and festivals",
    "collective-sources": 'sources named by a group noun ("officials said", "residents told")',
}
RULE_FAMILIES: tuple[str, ...] = tuple(RULE_FAMILY_DOCS)


def rule_families(names: Iterable[str]) -> frozenset[str]:
    """The given family names as a set, each checked: a misspelt name would measure nothing."""
    chosen = frozenset(n.strip() for n in names if n.strip())
    unknown = sorted(chosen - RULE_FAMILY_DOCS.keys())
    if unknown:
        raise ConfigError(
            f"unknown rule family {', '.join(unknown)}; known: {', '.join(RULE_FAMILIES)}"
        )
    return chosen


class _Story:
    """The story text with its parse and precomputed zones."""

    def __init__(self, text: str, doc: Doc, disabled: frozenset[str] = frozenset()) -> None:
        self.disabled = disabled
        self.text = text
        self.doc = doc
        self.title_zones = _title_zones(text)
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
