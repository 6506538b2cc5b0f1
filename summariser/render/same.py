"""Which items of a briefing name the same thing: one rule for a story's lists and the index.

A story names one person, body or place in several forms ('General Asim Munir', 'Asim Munir',
'Munir'; 'International Olympic Committee', 'IOC'; 'Afghan Taliban', 'Taliban'), and the
extractor records each form it finds. `Sameness.of()` groups the mentions of a whole briefing
once; a story's list prints one item per group with the group's other forms, and the index
prints one entry per group across stories, so the two cannot disagree.

Two mentions are one thing when

1. they share a key: a name or alias without titles, case and punctuation;
2. they are spelling variants of a multi-word name that share a word (rapidfuzz ratio ≥ 90);
3. within one story, a shorter form fits exactly one longer name of that story: a person's
   surname or last words ('Haqqani' → 'Sirajuddin Haqqani'), a body's acronym ('IOC') or its
   last words ('Taliban' → 'Afghan Taliban'), a place's acronym ('UAE');
4. across the briefing, a person's shorter form or a body's acronym fits exactly one group.
   A body's last words are not joined across stories: 'Taliban' in one story and 'Pakistani
   Taliban' in another need not be one body.

Figures are grouped within a story by `figure_groups()`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..schemas import FigureRecord, StoryRecord
from ..text import ACRONYM_SKIP_WORDS, NUMBER_VALUES, SCALE_VALUES, fold_name
from ..wordlists import words

_TITLE_WORDS = frozenset(words("index_title_words"))
_ORG_STOPWORDS = frozenset({"the"})
KINDS = ("person", "organisation", "place", "source")
_FIELDS = {"person": "people", "organisation": "organisations", "place": "places",
           "source": "sources"}


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """A person's name without titles, case or punctuation: 'General Asim Munir' → 'asim munir'."""
    tokens = fold_name(name).split()
    while len(tokens) > 1 and tokens[0].rstrip(".") in _TITLE_WORDS:
        tokens = tokens[1:]
    return " ".join(tokens)


@lru_cache(maxsize=65536)
def organisation_key(name: str) -> str:
    return " ".join(t for t in fold_name(name).split() if t not in _ORG_STOPWORDS)


def acronym(name: str) -> str:
    """The initials of a name's capitalised words: 'International Olympic Committee' → 'IOC'."""
    parts = re.split(r"[\s-]+", name)
    return "".join(w[0] for w in parts
                   if w and w.casefold() not in ACRONYM_SKIP_WORDS and w[0].isupper())


def is_acronym(form: str) -> bool:
    return form.isupper() and 2 <= len(form) <= 6 and " " not in form


@dataclass
class Mention:
    """One record of a story (a person, body, place or source), with every form it has."""

    story: int  # position of the story in the briefing
    slot: int  # position of the record in the story's list
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


def _tails(key: str) -> list[str]:
    tokens = key.split()
    return [" ".join(tokens[-size:]) for size in range(1, len(tokens))]


def _shorter_forms(kind: str, mention: Mention, in_story: bool) -> list[str]:
    """The lookup words of a mention's forms that may stand for a longer name (rule 3/4)."""
    found: list[str] = []
    for form in mention.forms:
        if kind == "person":
            found.append("tail:" + person_key(form))
        elif is_acronym(form):
            found.append("acronym:" + form)
        elif kind != "place" and in_story:
            found.append("tail:" + organisation_key(form))
    return found


def _longer_forms(kind: str, mention: Mention, in_story: bool) -> list[str]:
    """The lookup words a mention's forms offer to shorter ones (see `_shorter_forms`)."""
    if kind == "person":
        return ["tail:" + tail for key in mention.keys for tail in _tails(key)]
    found: list[str] = []
    for form in mention.forms:
        if not is_acronym(form):
            found.append("acronym:" + acronym(form))
        if kind != "place" and in_story:
            found += ["tail:" + tail for tail in _tails(organisation_key(form))]
    return found


def _join_unique_fits(kind: str, mentions: list[Mention], members: list[int],
                      clusters: _Clusters, in_story: bool) -> None:
    """Rules 3 and 4 over `members` (numbers into `mentions`): a shorter form joins the one
    group that has a longer name it fits, and nothing when two groups fit. Names are indexed
    by their groups once, so the work grows with the mentions, not with their square."""
    offered: dict[str, set[int]] = {}
    for j in members:
        root = clusters.find(j)
        for word in _longer_forms(kind, mentions[j], in_story):
            offered.setdefault(word, set()).add(root)
    for i in members:
        for word in _shorter_forms(kind, mentions[i], in_story):
            fitting = {clusters.find(j) for j in offered.get(word, ())}
            if len(fitting) == 1:
                clusters.union(i, fitting.pop())


def _group(kind: str, mentions: list[Mention]) -> list[list[Mention]]:
    clusters = _Clusters(len(mentions))
    # 1. Same key.
    by_key: dict[str, int] = {}
    for i, mention in enumerate(mentions):
        for key in sorted(mention.keys):
            if key in by_key:
                clusters.union(by_key[key], i)
            else:
                by_key[key] = i
    # 2. Spelling variants, compared only between names that share a word (a variant rarely
    #    differs in every word, and comparing all pairs would be quadratic). Not for places:
    #    'North Darfur' and 'South Darfur' are close spellings of two places.
    if kind != "place":
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
    # 3. Within each story, then 4. across the briefing.
    by_story: dict[int, list[int]] = {}
    for i, mention in enumerate(mentions):
        by_story.setdefault(mention.story, []).append(i)
    for members in by_story.values():
        _join_unique_fits(kind, mentions, members, clusters, in_story=True)
    _join_unique_fits(kind, mentions, list(range(len(mentions))), clusters, in_story=False)
    grouped: dict[int, list[Mention]] = {}
    for i, mention in enumerate(mentions):
        grouped.setdefault(clusters.find(i), []).append(mention)
    return list(grouped.values())


def _unique(items: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        item = " ".join(item.split())
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def mentions_of(kind: str, stories: list[StoryRecord]) -> list[Mention]:
    """Every record of `kind` in `stories`, with its keys (rule 1)."""
    out: list[Mention] = []
    for position, story in enumerate(stories):
        for slot, record in enumerate(getattr(story, _FIELDS[kind])):
            forms = _unique([record.name, *record.aliases])
            if not forms:
                continue
            if kind == "person":
                # A bare surname is not a key of a fuller name: 'Haqqani' could be two people.
                # Rules 3 and 4 join it when only one fuller name fits.
                single = len(person_key(record.name).split()) <= 1
                keys = {k for k in map(person_key, forms) if k and (single or " " in k)}
            else:
                keys = {organisation_key(f) for f in forms} - {""}
            role = getattr(record, "role", None)
            out.append(Mention(position, slot, record.name, forms, keys, role))
    return out


@dataclass
class Sameness:
    """The groups of every kind across a briefing; each group is one thing."""

    groups: dict[str, list[list[Mention]]] = field(default_factory=dict)
    _by_story: dict[tuple[str, int], list[list[Mention]]] = field(default_factory=dict)

    @classmethod
    def of(cls, stories: list[StoryRecord]) -> Sameness:
        sameness = cls({kind: _group(kind, mentions_of(kind, stories)) for kind in KINDS})
        for kind, groups in sameness.groups.items():
            for group in groups:
                here: dict[int, list[Mention]] = {}
                for mention in group:
                    here.setdefault(mention.story, []).append(mention)
                for position, mentions in here.items():
                    mentions.sort(key=lambda m: m.slot)
                    sameness._by_story.setdefault((kind, position), []).append(mentions)
        for found in sameness._by_story.values():
            found.sort(key=lambda g: g[0].slot)
        return sameness

    def in_story(self, kind: str, position: int) -> list[list[Mention]]:
        """The story's own mentions of `kind`, grouped, in the order the story lists them."""
        return self._by_story.get((kind, position), [])


def headword(kind: str, forms: list[str]) -> str:
    """The form to print: a full name over an acronym, no title, the most words, the longest,
    then the first seen."""
    def titled(form: str) -> bool:
        if kind == "person":
            return person_key(form) != fold_name(form)
        return fold_name(form).startswith("the ")

    return min(forms, key=lambda f: (is_acronym(f), titled(f), -len(f.split()), -len(f),
                                     forms.index(f)))


def other_forms(kind: str, name: str, forms: Iterable[str]) -> list[str]:
    """Forms that tell the reader something the headword does not: an acronym, a different
    spelling, an alias; not a surname or a titled copy of the headword."""
    key: Callable[[str], str] = person_key if kind == "person" else organisation_key
    words_of_name = set(key(name).split()) | set(fold_name(name).split())
    out: list[str] = []
    for form in forms:
        if form == name or form.casefold() in {f.casefold() for f in out}:
            continue
        if set(key(form).split()) <= words_of_name:
            continue
        out.append(form)
    return out


def unique_roles(roles: Iterable[str | None]) -> list[str]:
    """Roles once each; one that another contains says nothing more ('head' in 'agency's
    head')."""
    kept: list[str] = []
    for role in roles:
        role = " ".join((role or "").split())
        if not role:
            continue
        folded = role.casefold()
        if any(folded in k.casefold() for k in kept):
            continue
        kept = [k for k in kept if k.casefold() not in folded] + [role]
    return kept


# --------------------------------------------------------------------------- figures

_NUMBER = re.compile(
    r"(?i)(\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(sorted(NUMBER_VALUES, key=len, reverse=True))
    + r")\b)(?:\s*(" + "|".join(SCALE_VALUES) + r")\b)?"
)


@lru_cache(maxsize=65536)
def figure_key(value: str) -> str:
    """A figure's value with its numbers as amounts: '1.3 million' and '1,300,000' agree."""
    def amount(match: re.Match[str]) -> str:
        raw, scale = match.group(1), match.group(2)
        number = NUMBER_VALUES.get(raw.lower())
        base = float(number) if number is not None else float(raw.replace(",", ""))
        return repr(base * (SCALE_VALUES[scale.lower()] if scale else 1))

    return " ".join(_NUMBER.sub(amount, value.casefold()).split())


_LABEL_SKIP_WORDS = frozenset(words("figure_label_skip_words"))


def _content_words(context: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", context.casefold()) if w not in _LABEL_SKIP_WORDS]


def _same_figure(a: FigureRecord, b: FigureRecord) -> bool:
    if figure_key(a.value) != figure_key(b.value):
        return False
    wa, wb = _content_words(a.context), _content_words(b.context)
    return not wa or not wb or wa[0] == wb[0] or set(wa) <= set(wb) or set(wb) <= set(wa)


def figure_groups(figures: list[FigureRecord]) -> list[list[int]]:
    """A story's figures grouped: the same amount with the same label ('$10 million: bounty
    placed' and '$10 million: bounty on Haqqani remains in effect') is one fact. The label is
    the same when the two contexts start with the same content word or one holds the other's
    words; a figure without a context adds nothing to one with the same amount."""
    groups: list[list[int]] = []
    for i, figure in enumerate(figures):
        for group in groups:
            if _same_figure(figures[group[0]], figure):
                group.append(i)
                break
        else:
            groups.append([i])
    return groups
