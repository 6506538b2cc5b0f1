"""The curated word lists, loaded once and compiled into the patterns the rules share.

The words are data; the patterns are built from them here at load time, so a list can grow
without touching a rule.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from summariser.extract.spans import _alternation
from summariser.nlp import load_nlp
from summariser.text import group_key


@dataclass(frozen=True)
class _Lexicon:
    non_entities: frozenset[str]
    outlets: frozenset[str]
    outlet_names_re: re.Pattern[str]
    outlet_cue_re: re.Pattern[str]
    honorifics: tuple[str, ...]
    title_heads: tuple[str, ...]
    role_nouns: frozenset[str]
    portfolio_words: frozenset[str]
    not_org_heads: frozenset[str]
    place_cue_nouns: frozenset[str]
    generic_place_nouns: frozenset[str]
    place_cue_re: re.Pattern[str]
    modified_generic_re: re.Pattern[str]
    org_words: frozenset[str]
    org_before_re: re.Pattern[str]
    org_after_re: re.Pattern[str]
    org_appos_re: re.Pattern[str]
    group_nouns_re: str
    body_cue_re: re.Pattern[str]
    descriptors_re: str
    descriptor_words: frozenset[str]
    place_heads: frozenset[str]
    place_articles: frozenset[str]
    place_tails: frozenset[str]
    other_months_re: str
    festivals_re: str
    same_place_nouns: frozenset[str]
    bare_titles: frozenset[str]
    abbreviated_titles: frozenset[str]
    person_verbs: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = resources.files("summariser.data").joinpath("extraction_lexicon.json")
    data = json.loads(raw.read_text("utf-8"))
    descriptors = _alternation(data["org_descriptors"])
    return _Lexicon(
        non_entities=frozenset(group_key(w) for w in data["non_entities"]),
        outlets=frozenset(group_key(w) for w in data["outlets"]),
        outlet_names_re=re.compile(rf"(?<![\w\-])(?:{_alternation(data['outlets'])})(?![\w\-])"),
        outlet_cue_re=re.compile(rf"^\s+(?:{_alternation(data['outlet_cue_nouns'])})\b"),
        honorifics=tuple(sorted(data["honorifics"], key=len, reverse=True)),
        title_heads=tuple(sorted(data["title_heads"], key=len, reverse=True)),
        role_nouns=frozenset(w.casefold() for w in data["role_nouns"]),
        portfolio_words=frozenset(group_key(w) for w in data["portfolio_words"]),
        not_org_heads=frozenset(w.casefold() for w in data["not_org_heads"]),
        place_cue_nouns=frozenset(w.casefold() for w in data["place_cue_nouns"]),
        generic_place_nouns=frozenset(w.casefold() for w in data["generic_place_nouns"]),
        place_cue_re=re.compile(rf"^\s+({_alternation(data['place_cue_nouns'])})\b"),
        modified_generic_re=re.compile(
            rf"^\s+[a-z]+\s+({_alternation(data['generic_place_nouns'])})\b"
        ),
        org_words=frozenset(w.casefold() for w in data["org_words"]),
        org_before_re=re.compile(
            rf"(?:\b(?:{descriptors})|\b[Ss]tate-(?:owned|run))\s+$", re.IGNORECASE
        ),
        # Not "the Vardar river, the state news agency MIA reported": that descriptor
        # introduces the next name.
        org_after_re=re.compile(
            rf"^,\s+(?:the|a|an)\s+(?:[\w’'\-]+\s+){{0,4}}(?:{descriptors})\b"
            r"(?!\s+(?-i:[A-Z0-9]))",
            re.IGNORECASE,
        ),
        org_appos_re=re.compile(
            rf"(?:\b(?:the|a|an)|['’]s)\s+(?:[\w\-]+\s+){{0,3}}(?:{descriptors}),\s+$",
            re.IGNORECASE,
        ),
        group_nouns_re=_alternation(data["group_nouns"]),
        body_cue_re=re.compile(rf"^\s+(?:{_alternation(data['body_cue_nouns'])})\b"),
        descriptors_re=descriptors,
        descriptor_words=frozenset(w.split()[-1].casefold() for w in data["org_descriptors"]),
        place_heads=frozenset(data["place_name_heads"]),
        place_articles=frozenset(data["place_name_articles"]),
        place_tails=frozenset(data["place_name_tails"]),
        other_months_re=_alternation(data["other_calendar_months"]),
        festivals_re=_alternation(data["festivals"]),
        same_place_nouns=frozenset(data["same_place_nouns"]),
        person_verbs=frozenset(data["person_verbs"]),
        bare_titles=frozenset(
            w.rstrip(".").casefold() for w in (*data["honorifics"], *data["title_heads"])
        ),
        abbreviated_titles=frozenset(
            w.rstrip(".").casefold()
            for w in (*data["honorifics"], *data["title_heads"])
            if w.endswith(".") and " " not in w
        ),
    )


def _is_common_word(word: str) -> bool:
    """An English word in the dictionary, plurals included ("Mines", "Resources")."""
    lower = word.casefold()
    return lower in _dictionary() or (lower.endswith("s") and lower[:-1] in _dictionary())


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Common English words (the lemmatizer's WordNet index), to spot capitalised non-names."""
    words: set[str] = set()
    try:
        lookups = load_nlp().get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        table = lookups.get_table("lemma_index")
        for key in table:
            words.update(table[key])
    except (KeyError, AttributeError, ValueError):
        return frozenset()
    return frozenset(words)
