"""The extractor's records: what it hands out (`Candidate`, `Mention`) and what its rules
pass each other before typing and merging (`_Proposal`, `_Entity`).

Kept apart from every rule so that each rule module can build them without importing another.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

CandidateKind = Literal["person", "organisation", "place", "figure", "date", "quote", "source"]


@dataclass(frozen=True)
class Mention:
    text: str  # verbatim: story_text[start:end] == text
    start: int  # offset within the story text passed in
    end: int


@dataclass(frozen=True)
class Candidate:
    kind: CandidateKind
    text: str  # canonical surface form, verbatim from the text (fullest form)
    mentions: tuple[Mention, ...]  # every place it occurs (first = the mention `text` came from)
    origin: str  # "ner", "rule", "gazetteer": what proposed it
    label: str = ""  # raw NER label or rule name, for debugging/eval
    aliases: tuple[str, ...] = ()  # other verbatim forms
    role: str | None = None  # persons: role from an apposition or a title
    speaker: str | None = None  # quotes: attributed speaker's canonical name if found
    context: str = ""  # figures: a few words saying what it counts


@dataclass
class _Proposal:
    """A span some extractor believes is a name, before typing and merging."""

    start: int
    end: int
    label: str  # raw NER label or rule name
    origin: str  # ner | rule | gazetteer
    in_title: bool = False
    title: str | None = None  # title/rank before a person name ("Prime Minister")
    title_is_role: bool = False
    full_start: int | None = None  # start including the title ("General Asim Munir")
    nested_ok: bool = False  # a place that may sit inside an organisation's name
    bare_end: int | None = None  # end without a place type word ("Bazarak" of "... district")


@dataclass
class _Entity:
    kind: CandidateKind
    key: str
    forms: dict[str, int] = field(default_factory=dict)  # verbatim form -> first offset
    spans: list[tuple[int, int, bool]] = field(default_factory=list)  # start, end, nested_ok
    labels: Counter[str] = field(default_factory=Counter)
    origins: set[str] = field(default_factory=set)
    extra_aliases: dict[str, int] = field(default_factory=dict)
    retyped: str = ""
    title_role: str | None = None


_NER_KIND: dict[str, CandidateKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
