"""Who a pronoun or a role noun that speaks points back to: the person the story named
before it ("'...,' she said", "'...,' said the minister").

Split from `quotes.py`, which attributes a quote and asks these when the speech verb's
subject is a pronoun or a common noun. A guess is never made: each returns None when the
text does not single out one named person.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser.extract.cues import _SPEECH_RE

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story


_REPORTED_RE = re.compile(rf"\s+(?:{_SPEECH_RE.pattern})(?:\s+that)?\s+")


def _antecedent(text: str, before: list[tuple[int, int, str]]) -> str | None:
    """The person a pronoun points back to: the nearest one named before it, unless that one
    is only the start of what the person before them said ("Ryabova said Lebedev would
    appeal. '...,' she told reporters": she is Ryabova)."""
    if not before:
        return None
    if len(before) >= 2 and _REPORTED_RE.fullmatch(text[before[-2][1] : before[-1][0]]):
        return before[-2][2]
    return before[-1][2]


def _role_holder(subject: Token, roles: dict[str, str]) -> str | None:
    """The one named person whose role ends in the common noun that is the speech verb's
    subject ('"...," said the minister' after "Mexico's energy minister, Lucía Barragán
    Ochoa"), or None when no one or several hold it."""
    if not subject.tag_.startswith("NN") or subject.text[:1].isupper():
        return None
    # Only "the minister" alone: "a police spokesman", "another farmer", "one official" are
    # someone else than the story's holder of the role.
    if any(
        c.dep_ in ("amod", "compound", "nummod", "poss", "quantmod", "nmod")
        or (c.dep_ == "det" and c.lower_ != "the")
        for c in subject.children
    ) or not any(c.dep_ == "det" for c in subject.children):
        return None
    return _sole_holder(subject.lower_, roles)


def _sole_holder(noun: str, roles: dict[str, str]) -> str | None:
    """The one named person whose role ends in `noun`, or None when no one or several do."""
    holders = [name for name, role in roles.items() if role.casefold().split()[-1:] == [noun]]
    return holders[0] if len(holders) == 1 else None


def _subject_antecedent(story: _Story, before: list[tuple[int, int, str]]) -> str | None:
    """The person a pronoun points back to when the sentence the last person is named in
    has a person speaking in it: that speaker, not a person the reported clause names
    ("Wijeratne said his side had dropped Alleyne twice. '...,' he said": Wijeratne)."""
    if not before:
        return None
    s_start, s_end = story.sentence_of(before[-1][0])
    subjects: list[tuple[int, str]] = []
    for p_start, p_end, name in reversed(before):
        if not s_start <= p_start < s_end:
            break
        span = story.span(p_start, p_end)
        if span is None:
            continue
        node = span.root
        while node.dep_ in ("appos", "compound", "flat") and node.head.i != node.i:
            node = node.head
        if node.dep_ == "nsubj" and _SPEECH_RE.fullmatch(node.head.text):
            # The one speaking in that sentence goes on speaking; of several, the one whose
            # verb is nearest the parse's root ("Ryabova said Lebedev would appeal"). Not the
            # subject of another verb: in "Officer Tom Reed arrested Sarah Cole. '...,' she
            # said" the officer is not the speaker (no gender is read).
            subjects.append((len(list(node.head.ancestors)), name))
    return min(subjects, key=lambda item: item[0])[1] if subjects else None


def _role_antecedent(text: str, start: int, end: int, roles: dict[str, str]) -> str | None:
    """The named person a definite role description between start and end points to ("the
    mayor" after "Faenza Mayor Chiara Bassi"): the last such description whose noun ends
    exactly one person's role."""
    found = None
    for match in _ROLE_REFERENCE_RE.finditer(text, start, end):
        found = _sole_holder(match.group(1).casefold(), roles) or found
    return found


_ROLE_REFERENCE_RE = re.compile(r"\b[Tt]he\s+(?:[a-z\-]+\s+){0,2}?([a-z\-]+)\s+(?=said|told|added)")
