"""Counter-evidence against an NER person, by kind: what in the text says a name the NER
model reads as a person's is a thing's, an event's, a facility's or a place's.

Part of the person-evidence family: `roles._person_evidence` asks these before the person
cues, since they say more than a verb the parse hangs on a thing's name ("Space Shuttle
Discovery will take the place of ...") or a title read off it ("Space"); an apposition or an
age still keeps the person. Each kind is a shape of the text around the mention, built from
the word lists in `summariser/data/lexicon/things.toml` and the place, body and outlet
nouns; none is a list of names. A missing cue is never evidence: these look for words that
speak against a person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from summariser.extract.kinds import _LISTED_BEFORE_RE
from summariser.extract.spans import _alternation, _name_tokens
from summariser.wordlists import words

if TYPE_CHECKING:
    from summariser.extract.model import Candidate, Mention
    from summariser.extract.story import _Story


@lru_cache(maxsize=1)
def _at_re() -> re.Pattern[str]:
    """'at X' or 'through X', not after a verb that takes a person there ('looked at X')."""
    stems = _alternation(words("at_person_verb_stems"))
    return re.compile(rf"(?<!\w)(?!(?:{stems})\w*\s)\w+\s+(?:at|through)\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    before = _alternation(words("thing_nouns_before"))
    after = _alternation(
        [
            *words("thing_nouns_after"),
            *words("place_cue_nouns"),
            *words("body_cue_nouns"),
            *words("outlet_cue_nouns"),
        ]
    )
    return (
        # "the container ship MSC Aurora", "Cyclone Shakti": the noun right before the name.
        re.compile(rf"\b(?:{before})\s+$", re.IGNORECASE),
        # "Lassa fever", "Sayed ul-Shuhada school", "the Vakhsh river": a lower-case noun
        # right after it (not "Khan's school", not "Vakhsh River" of a longer name).
        re.compile(rf"^\s(?:{after})\b(?![\-’'])"),
        frozenset(w.casefold() for w in words("thing_nouns_before")),
    )


def _thing_before(text: str, mention: Mention) -> bool:
    """A vessel, craft, storm, operation or work named right before: 'the ship X', or
    'Space Shuttle Columbia' with the noun at the head of the name itself."""
    before_re, _, heads = _patterns()
    if before_re.search(text[max(0, mention.start - 30) : mention.start]):
        return True
    words_ = _name_tokens(mention.text)
    return any(w.casefold() in heads for w in words_[:-1])


def _thing_after(text: str, mention: Mention) -> bool:
    """A lower-case noun right after the name that makes it an illness's, an event's, a
    facility's, a place's or an outlet's: 'Lassa fever', 'the Islam Qala camp'."""
    return _patterns()[1].match(text[mention.end : mention.end + 40]) is not None


def _at_place(text: str, mention: Mention) -> bool:
    """'crossing back into Afghanistan at Dogharoun', 'comes through Torkham': a name right
    after 'at' or 'through' (or in a list right after one) is where something happens."""
    if re.match(r"['’]", text[mention.end : mention.end + 1]):
        return False  # "at Khan's home": the possessor may be anyone
    before = text[max(0, mention.start - 80) : mention.start]
    listed = _LISTED_BEFORE_RE.search(before)
    if listed is not None:
        before = before[: listed.start()]
    return _at_re().search(before[-40:]) is not None


def thing_evidence(story: _Story, person: Candidate) -> bool:
    """Whether any mention is shaped as a thing's, an event's, a facility's or a place's
    name: a noun before or after that names what it is, or 'at'/'through' before it."""
    text = story.text
    return any(
        _thing_before(text, m) or _thing_after(text, m) or _at_place(text, m)
        for m in person.mentions
    )
