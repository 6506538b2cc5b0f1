"""The index of people and organisations: every mention across the briefing, merged.

One person or body appears under many forms ('General Asim Munir', 'Asim Munir', 'Munir');
`build_index()` turns each group of `same.Sameness` into one entry that links every story
naming it. A story's own lists are grouped by the same `Sameness`, so a name the index
merges is merged in the story too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..schemas import StoryRecord
from ..text import fold_name
from .same import Mention, Sameness, person_key, unique_roles

__all__ = ["IndexEntry", "build_index", "person_key", "recurring"]


@dataclass
class IndexEntry:
    """One person or organisation across the briefing, with every form it appeared in."""

    name: str
    forms: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)


def _entry(members: list[Mention]) -> IndexEntry:
    counts: dict[str, int] = {}
    for mention in members:
        counts[mention.name] = counts.get(mention.name, 0) + 1
    # The headword: the name most records use, then one without a title, then the fullest.
    name = min(counts, key=lambda n: (-counts[n], person_key(n) != fold_name(n), -len(n.split()),
                                      -len(n), n))
    forms: list[str] = []
    stories: list[int] = []
    for mention in members:
        for form in mention.forms:
            if form != name and form.casefold() not in {f.casefold() for f in forms}:
                forms.append(form)
        if mention.story not in stories:
            stories.append(mention.story)
    roles = unique_roles(m.role for m in members)
    return IndexEntry(name=name, forms=forms, roles=roles, stories=sorted(stories))


def build_index(stories: list[StoryRecord], sameness: Sameness | None = None,
                ) -> tuple[list[IndexEntry], list[IndexEntry]]:
    """People and organisations across stories, one entry per group of `Sameness` (its
    docstring gives the rules). Entries are sorted by headword; story positions are into
    `stories`. Pass the briefing's `sameness` when it is already built."""
    sameness = sameness or Sameness.of(stories)
    result = []
    for kind in ("person", "organisation"):
        entries = [_entry(members) for members in sameness.groups[kind]]
        result.append(sorted(entries, key=lambda e: (e.name.casefold(), e.name)))
    return result[0], result[1]


def recurring(entries: list[IndexEntry]) -> list[IndexEntry]:
    """The entries named in more than one story."""
    return [entry for entry in entries if len(entry.stories) > 1]
