"""A value set against a forecast: what an expectation or the actual beside it measures.

"had forecast gusts of up to 200 kph, but a station recorded 238 kph": the actual is of the
measure the forecast names; "Turnout fell to about 50% ..., and analysts expect between 55%
and 60%": the expectation is of the measure before it. Split from figure_counts.py, whose
amounts-before search both use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.figure_clauses import _CHANGE_VERBS
from summariser.extract.figure_counts import _amount_heads_before
from summariser.extract.figure_heads import _is_verb
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

_EXPECTATION_VERBS = frozenset(words("expectation_verbs"))
#: Prepositions by which a clause says what its amount is for or of.
_PURPOSE_PREPS = frozenset({"on", "for", "of", "in", "to", "from"})


def _expected_of(root: Token, start: int, end: int) -> Token | None:
    """For a value that is the object of a verb of expectation coordinated with a clause
    holding a value of the same kind ("Turnout fell to about 50% ..., and analysts expect
    between 55% and 60% in October"), that earlier value: the expectation is of its
    measure, not of the people who expect it."""
    verb = root.head
    if root.dep_ != "dobj" or verb.lower_ not in _EXPECTATION_VERBS or verb.dep_ != "conj":
        return None
    share = "%" in root.doc.text[start:end]
    earlier = next(
        (t for t in _amount_heads_before(root, start, end)
         if ("%" in t.text or any(c.text == "%" for c in t.children)) == share),
        None,
    )
    if earlier is None or earlier.i not in {t.i for t in verb.head.subtree}:
        return None
    if any(t.i >= verb.left_edge.i for t in earlier.subtree):
        return None  # in the expecting clause itself
    return earlier


def _actual_of(root: Token, start: int, end: int) -> Token | None:
    """For a value with no noun of its own, stated in a clause set against a verb of
    expectation whose clause holds a value in the same unit ("had forecast gusts of up to
    200 kph, but a station recorded 238 kph"; "had predicted turnout of 60%, but only 48%
    voted"), that expected value: the actual is of the measure the forecast names, not of
    whoever recorded it (the converse of `_expected_of`). Not an amount moved rather than
    measured ("but the firm spent $2 billion", "borrowed", "lost": data list
    `transaction_verbs`), a change of something ("but the cartel cut 500,000 barrels"),
    or one the clause says is for, to or from something ("on buybacks", "to contractors";
    a time or a place says nothing of what it is)."""
    verb = root.head
    if root.dep_ not in ("dobj", "nsubj", "nsubjpass") or not _is_verb(verb):
        return None
    expecting = verb.head
    if verb.dep_ != "conj" or expecting.lower_ not in _EXPECTATION_VERBS:
        return None
    # Set against the forecast ("but", "yet"); "and" may add another amount of another
    # thing ("expected profit of $1 billion, and the company spent $2 billion").
    if not any(c.dep_ == "cc" and c.lower_ in ("but", "yet") for c in expecting.children):
        return None
    # (The pipeline has no lemmatizer: the lists hold every form.)
    form = verb.lower_
    unit = _unit_of(root)
    if form in _TRANSACTION_VERBS or (form in _CHANGE_VERBS and unit != ("%", "")):
        return None
    preps = [c for c in [*root.children, *verb.children] if c.dep_ == "prep"]
    if any(p.lower_ in _PURPOSE_PREPS and not _when_or_where(p) for p in preps):
        return None  # "but spent $2 billion on buybacks": what it was for names it
    return next(
        (t for t in _amount_heads_before(root, start, end)
         if _unit_of(t) == unit and expecting in t.ancestors and verb not in t.ancestors),
        None,
    )


def _unit_of(token: Token) -> tuple[str, str]:
    """An amount's unit as its head token gives it: the unit noun ("kph", "%", "barrels"),
    with its currency sign; for a scale word ("$2 billion") its currency sign alone; a
    bare count's is empty."""
    currency = "".join(c.text for c in token.children if c.tag_ == "$")
    if token.tag_ == "$":
        return token.text, ""
    if token.like_num:
        # "$1.2 billion" beside "$900 million": money in one currency, whatever its scale.
        return currency, ""
    return token.lower_, currency


def _when_or_where(prep: Token) -> bool:
    """'for the year', 'in two days', 'in Sydney': a phrase of time or place."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC") for o in objects
    )


_TRANSACTION_VERBS = frozenset(words("transaction_verbs"))
