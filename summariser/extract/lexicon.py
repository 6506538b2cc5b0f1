"""The curated word lists, loaded once and compiled into the patterns the rules share.

The words are data; the patterns are built from them here at load time, so a list can grow
without touching a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summariser.extract.spans import _alternation
from summariser.nlp import load_nlp
from summariser.text import group_key
from summariser.wordlists import words


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
    of_place_re: re.Pattern[str]
    person_modified_nouns: frozenset[str]
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
    descriptors = _alternation(words("org_descriptors"))
    return _Lexicon(
        non_entities=frozenset(group_key(w) for w in words("non_entities")),
        outlets=frozenset(group_key(w) for w in words("outlets")),
        outlet_names_re=re.compile(rf"(?<![\w\-])(?:{_alternation(words('outlets'))})(?![\w\-])"),
        outlet_cue_re=re.compile(rf"^\s+(?:{_alternation(words('outlet_cue_nouns'))})\b"),
        honorifics=tuple(sorted(words("honorifics"), key=len, reverse=True)),
        title_heads=tuple(sorted(words("title_heads"), key=len, reverse=True)),
        role_nouns=frozenset(w.casefold() for w in words("role_nouns")),
        portfolio_words=frozenset(group_key(w) for w in words("portfolio_words")),
        not_org_heads=frozenset(w.casefold() for w in words("not_org_heads")),
        place_cue_nouns=frozenset(w.casefold() for w in words("place_cue_nouns")),
        generic_place_nouns=frozenset(w.casefold() for w in words("generic_place_nouns")),
        place_cue_re=re.compile(rf"^\s+({_alternation(words('place_cue_nouns'))})\b"),
        person_modified_nouns=frozenset(words("person_modified_nouns")),
        of_place_re=re.compile(
            rf"\b(?:(?:{_alternation([*words('place_cue_nouns'), *words('place_office_nouns')])})"
            rf"\s+of|{_alternation(words('place_object_verbs'))})\s+(?:the\s+)?$",
            re.IGNORECASE,
        ),
        modified_generic_re=re.compile(
            rf"^\s+[a-z]+\s+({_alternation(words('generic_place_nouns'))})\b"
        ),
        org_words=frozenset(w.casefold() for w in words("org_words")),
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
        group_nouns_re=_alternation(words("group_nouns")),
        body_cue_re=re.compile(rf"^\s+(?:{_alternation(words('body_cue_nouns'))})\b"),
        descriptors_re=descriptors,
        descriptor_words=frozenset(w.split()[-1].casefold() for w in words("org_descriptors")),
        place_heads=frozenset(words("place_name_heads")),
        place_articles=frozenset(words("place_name_articles")),
        place_tails=frozenset(words("place_name_tails")),
        other_months_re=_alternation(words("other_calendar_months")),
        festivals_re=_alternation(words("festivals")),
        same_place_nouns=frozenset(words("same_place_nouns")),
        person_verbs=frozenset(words("person_verbs")),
        bare_titles=frozenset(
            w.rstrip(".").casefold() for w in (*words("honorifics"), *words("title_heads"))
        ),
        abbreviated_titles=frozenset(
            w.rstrip(".").casefold()
            for w in (*words("honorifics"), *words("title_heads"))
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
