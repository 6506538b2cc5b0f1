"""The index of people and organisations: every mention across the briefing, merged.

One person or body appears under many forms ('General Asim Munir', 'Asim Munir', 'Munir');
`build_index()` merges them into one entry that links every story naming it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..schemas import StoryRecord
from ..text import ACRONYM_SKIP_WORDS, fold_name
from ..wordlists import words

_TITLE_WORDS = frozenset(words("index_title_words"))
_ORG_STOPWORDS = {"the"}


def person_key(name: str) -> str:
    """A person's name without titles, case or punctuation: 'General Asim Munir' → 'asim munir'."""
    tokens = fold_name(name).split()
    while len(tokens) > 1 and tokens[0].rstrip(".") in _TITLE_WORDS:
        tokens = tokens[1:]
    return " ".join(tokens)


def organisation_key(name: str) -> str:
    return " ".join(t for t in fold_name(name).split() if t not in _ORG_STOPWORDS)


def _acronym(name: str) -> str:
    words = re.split(r"[\s-]+", name)
    return "".join(w[0] for w in words
                   if w and w.casefold() not in ACRONYM_SKIP_WORDS and w[0].isupper())


@dataclass
class IndexEntry:
    """One person or organisation across the briefing, with every form it appeared in."""

    name: str
    forms: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    stories: list[int] = field(default_factory=list)


@dataclass
class _Mention:
    story: int
    name: str
    forms: list[str]
    keys: set[str]
    role: str | None = None


class _Clusters:
    """A tiny union-find over mention numbers."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _fuzzy_same(a: str, b: str) -> bool:
    """Spelling variants of a multi-word name ('Serajuddin Haqqani' ~ 'Sirajuddin Haqqani')."""
    if len(a) < 8 or len(b) < 8 or " " not in a or " " not in b:
        return False
    from rapidfuzz import fuzz

    return bool(fuzz.ratio(a, b) >= 90)


def _merge(mentions: list[_Mention], people: bool) -> list[list[_Mention]]:
    """Cluster mentions of one entity. Every step looks names up in an index built once, so
    the work grows with the number of mentions, not with its square."""
    clusters = _Clusters(len(mentions))
    # 1. Same key: a name or an alias, without titles, case and punctuation.
    by_key: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        for key in sorted(mention.keys):
            if key in by_key:
                clusters.union(by_key[key], i)
            else:
                by_key[key] = i
    # 2. Spelling variants, compared only between names that share a word (a variant
    #    rarely differs in every word, and comparing all pairs would be quadratic).
    by_word: dict[str, list[str]] = {}
    for key in sorted(by_key):
        for word in set(key.split()):
            by_word.setdefault(word, []).append(key)
    compared: set[tuple[str, str]] = set()
    for keys in by_word.values():
        for a_index, a in enumerate(keys):
            for b in keys[a_index + 1:]:
                if (a, b) not in compared:
                    compared.add((a, b))
                    if _fuzzy_same(a, b):
                        clusters.union(by_key[a], by_key[b])
    # 3. A shorter form that ends a longer one ('Haqqani', 'Sadegh Motamedian') for people, or
    #    an acronym of a longer one ('IOM') for organisations: merged when only one cluster fits.
    #    Names are indexed by their clusters after steps 1 and 2, not by their mentions: a
    #    surname met in thousands of mentions of a few people is then a few lookups, and a
    #    mention's cluster now is still the cluster of its cluster then.
    longer: dict[str, set[int]] = {}  # people: a name's last words -> clusters with that name
    acronyms: dict[str, dict[str, set[int]]] = {}  # organisations: acronym -> form -> clusters
    for j, other in enumerate(mentions):
        root = clusters.find(j)
        if people:
            for key in other.keys:
                tokens = key.split()
                for size in range(1, len(tokens)):
                    longer.setdefault(" ".join(tokens[-size:]), set()).add(root)
        else:
            for form in other.forms:
                acronyms.setdefault(_acronym(form), {}).setdefault(form, set()).add(root)
    for i, mention in enumerate(mentions):
        for form in mention.forms:
            if people:
                fitting_then = longer.get(person_key(form), set())
            elif form.isupper() and 2 <= len(form) <= 6:
                spelt = acronyms.get(form, {})
                fitting_then = set().union(*(roots for f, roots in spelt.items() if f != form))
            else:
                continue
            fitting = {clusters.find(j) for j in fitting_then}
            if len(fitting) == 1:
                clusters.union(i, fitting.pop())
    grouped: dict[int, list[_Mention]] = {}
    for i, mention in enumerate(mentions):
        grouped.setdefault(clusters.find(i), []).append(mention)
    return list(grouped.values())


def _entry(members: list[_Mention]) -> IndexEntry:
    counts: dict[str, int] = {}
    for mention in members:
        counts[mention.name] = counts.get(mention.name, 0) + 1
    # The headword: the name most records use, then one without a title, then the fullest.
    name = min(counts, key=lambda n: (-counts[n], person_key(n) != fold_name(n), -len(n.split()),
                                      -len(n), n))
    forms: list[str] = []
    roles: list[str] = []
    stories: list[int] = []
    for mention in members:
        for form in mention.forms:
            if form != name and form.casefold() not in {f.casefold() for f in forms}:
                forms.append(form)
        if mention.role and mention.role.casefold() not in {r.casefold() for r in roles}:
            roles.append(mention.role)
        if mention.story not in stories:
            stories.append(mention.story)
    return IndexEntry(name=name, forms=forms, roles=roles, stories=sorted(stories))


def build_index(stories: list[StoryRecord]) -> tuple[list[IndexEntry], list[IndexEntry]]:
    """People and organisations across stories, each merged over the forms they appear in.

    Two mentions are one entry when they share a name or alias once titles, case and
    punctuation are dropped ('General Asim Munir' and 'Asim Munir'), when they are spelling
    variants of a multi-word name that share a word (rapidfuzz ratio ≥ 90), when a person's
    shorter form ends exactly one longer name in the briefing ('Haqqani' → 'Sirajuddin
    Haqqani'), or when an organisation's acronym spells exactly one longer name ('IOM').
    Entries are sorted by headword; story positions are into `stories`.
    """
    people: list[_Mention] = []
    organisations: list[_Mention] = []
    for position, story in enumerate(stories):
        for person in story.people:
            forms = _unique([person.name, *person.aliases])
            # A bare surname is not a key of a fuller name: 'Haqqani' could be two people.
            # Step 3 of `_merge` joins it when only one fuller name in the briefing fits.
            single = len(person_key(person.name).split()) <= 1
            keys = {k for k in map(person_key, forms) if k and (single or " " in k)}
            people.append(_Mention(position, person.name, forms, keys, person.role))
        for org in story.organisations:
            forms = _unique([org.name, *org.aliases])
            keys = {organisation_key(f) for f in forms} - {""}
            organisations.append(_Mention(position, org.name, forms, keys))
    result = []
    for mentions, is_people in ((people, True), (organisations, False)):
        entries = [_entry(members) for members in _merge(mentions, is_people)]
        result.append(sorted(entries, key=lambda e: (e.name.casefold(), e.name)))
    return result[0], result[1]


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        item = " ".join(item.split())
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out
