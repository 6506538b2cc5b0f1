"""The relation metrics' comparisons: speakers, roles and their holders, figure heads.

Each says when a predicted relation (who said a quote, whose office a role is, what a figure
counts) is the gold's one, loosely enough that wording does not decide and strictly enough
that a bare "head" or a wrong person does not pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .matching import forms_of, items_of, match_forms, normalise


def speaker_forms(
    speaker: str | None, story: Mapping[str, Any] | None
) -> list[str]:
    """A speaker's forms, widened by the aliases of the story's entity that it names."""
    base = normalise(speaker)
    if not base:
        return []
    forms = [base]
    for kind in ("people", "organisations", "sources"):
        for item in items_of(story, kind):
            item_forms = forms_of(item, kind)
            if base in item_forms:
                forms.extend(f for f in item_forms if f not in forms)
    return forms


_ROLE_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "for", "at", "s"})


def same_role_words(pred_role: str, gold_role: str) -> bool:
    """The same office in other words order or prepositions: "COCOBOD's chief executive" ~
    "chief executive of COCOBOD", "spokesman of the X" ~ "spokesman for the X". One role's
    content words must all be among the other's."""
    pred = {w for w in pred_role.split() if w not in _ROLE_FUNCTION_WORDS}
    gold = {w for w in gold_role.split() if w not in _ROLE_FUNCTION_WORDS}
    return bool(pred) and bool(gold) and (pred <= gold or gold <= pred)


def names_person(
    speaker: str | None, pred: Mapping[str, Any] | None, gold: Mapping[str, Any] | None
) -> bool:
    """Whether a predicted speaker names a person of the story (either side's people), so
    that a wrong one puts words in a real person's mouth, not in 'an official's'."""
    forms = [normalise(speaker)] if normalise(speaker) else []
    if not forms:
        return False
    people = items_of(pred, "people") + items_of(gold, "people")
    return any(match_forms(forms, forms_of(item, "people")) for item in people)


def _same_word(a: str, b: str) -> bool:
    """The same word, singular or plural ("Afghan" ~ "Afghans", "business" ~ "businesses")."""
    short, long_ = sorted((a, b), key=len)
    return long_ in (short, short + "s", short + "es")


def _holds(words: Sequence[str], word: str) -> bool:
    return any(_same_word(w, word) for w in words)


def has_head(label: str | None, head: str) -> bool:
    """A figure's label names what it counts when it holds the gold head word(s), plural
    or singular ("Afghans" ~ "Afghan")."""
    words = normalise(label).split()
    wanted = normalise(head).split()
    return bool(wanted) and all(_holds(words, w) for w in wanted)


_HOLDER_SMALL = frozenset({"the", "of", "for", "and", "a", "an", "s"})


def has_holder(role: str | None, holder: str) -> bool:
    """A role keeps its holder when it names it: all of a short holder's words, two thirds
    of a long one's ("head of the Drug Control Agency" keeps "Drug Control Agency of
    Tajikistan"), so that a shortened name still counts and a bare "head" does not."""
    words = normalise(role).split()
    wanted = [w for w in normalise(holder).split() if w not in _HOLDER_SMALL]
    if not wanted:
        return False
    found = sum(1 for w in wanted if _holds(words, w))
    return found == len(wanted) if len(wanted) <= 2 else 3 * found >= 2 * len(wanted)
