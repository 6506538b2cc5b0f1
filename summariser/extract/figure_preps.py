"""What a figure counts when it is the object of a preposition: "a forecast of 4.9 billion
euros", "took 18,402 votes against 16,977", "up 8% from 2023", "compared with 21,600".

The preposition hangs on what the number is an amount of (a noun), on a verb whose clause
states it, or on a comparison whose other side says what both count; which one is read from
the parse, never from the next words. Split from figure_labels.py, which calls it with a
``relabel`` callback so that a compared figure is labelled by the same walk as any other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from summariser.extract.figure_clauses import _governing_verb, _subject, _verb_label
from summariser.extract.figure_counts import (
    _amount_heads_before,
    _compared_amount,
    _earlier_counted_noun,
    _previous_amount,
)
from summariser.extract.figure_heads import (
    _NOUNS,
    _UNIT_RE,
    _bare_number,
    _figure_span_of,
    _in_span,
    _noun_phrase,
)
from summariser.extract.figure_nouns import (
    _COMPARATIVES,
    _compared_noun,
    _counted_object,
    _object_before_of,
    _reported_verb,
    _superlative_object,
)
from summariser.text import SCALE_VALUES
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story

_IDIOM_NOUNS = frozenset(words("approximation_idiom_nouns"))

#: Labels the figure whose character span is given (the caller's own walk, one level deeper).
Relabel = Callable[[int, int], "list[Token]"]


def _label_of(amount: Token | None, relabel: Relabel) -> list[Token]:
    """The label of the figure an amount token heads, or none."""
    span = _figure_span_of(amount) if amount is not None else None
    return relabel(span[0], span[1]) if span is not None else []


def _outside_idiom(head: Token) -> Token:
    """The preposition an amount hangs on, seen through an idiom that only hedges it: in
    "to the tune of $20 million" and "on the order of millions" the amount stands where
    "to" and "on" do, and what they hang on says what it counts (not "tune", "order")."""
    idiom = head.head
    if (
        head.lower_ == "of" and head.dep_ == "prep" and idiom.lower_ in _IDIOM_NOUNS
        and idiom.dep_ == "pobj" and idiom.head.tag_ == "IN"
        and idiom.head.lower_ in ("to", "in", "on", "of")
        and all(c.dep_ == "det" for c in idiom.children if c.i < idiom.i)
    ):
        return idiom.head
    return head


def _prep_object_label(
    story: _Story,
    root: Token,
    start: int,
    end: int,
    *,
    bare: bool,
    relabel: Relabel,
    can_recurse: bool,
) -> list[Token] | None:
    """The label of a figure whose root is the object of a preposition, or None when the
    preposition's attachment says nothing (the caller goes on with its other readings).

    ``bare`` is whether the figure has no unit of its own (a count, not an amount)."""
    head = _outside_idiom(root.head)
    # "increase by either 49 percent or by 27 percent": a preposition coordinated with
    # another hangs where the first does (the parallel conjunct's attachment).
    first = head
    while first.dep_ == "conj" and first.head.tag_ == "IN" and first.head.i < first.i:
        first = first.head
    if first.dep_ not in ("prep", "agent"):
        first = head
    owner = first.head
    compared_noun = _compared_noun(head, owner, start, end)
    if compared_noun:
        return compared_noun
    top = _superlative_object(owner, start, end) if head.lower_ == "with" else None
    if top is not None:
        # "he would end the race leading the most laps with 70": 70 laps, not a race.
        return _noun_phrase(top, start, end)
    if head.lower_ in ("below", "above") and owner.tag_ in ("NNP", "NNPS") and can_recurse:
        # "expects a crop of 650,000 tonnes ..., according to Reuters, well below the 1
        # million tonnes it harvested": a comparison the parser hung on a name is set
        # beside the amount before it, and counts what that one counts (never the name).
        earlier = _previous_amount(root, start, end)
        return _label_of(earlier, relabel) if earlier is not None else []
    if bare and head.lower_ in ("against", "versus", "vs", "vs."):
        # "took 18,402 votes against 16,977 for her rival": the count set against the
        # verb's counts what that one counts.
        verb = _governing_verb(owner)
        counted = _counted_object(verb, start, end) if verb is not None else None
        if counted is not None:
            return _noun_phrase(counted, start, end, with_preps=False)
        own = next(
            (c for c in verb.children
             if c.dep_ in ("dobj", "attr") and c.like_num and c.i < root.i),
            None,
        ) if verb is not None else None
        if own is not None and can_recurse:
            # "winning 159 of the 400 seats against 87 for the DA": set against the
            # verb's own count, it counts what that one does.
            return relabel(own.idx, own.idx + len(own))
        subject = _subject(verb) if verb is not None else None
        if subject is not None and subject.like_num and can_recurse:
            # "212 were admitted, against 344 in the comparison group": set against
            # the subject's count, it counts what that one does.
            return relabel(subject.idx, subject.idx + len(subject))
    if head.lower_ in ("with", "to") and owner.lower_ == "compared":
        # "recorded 11,200 arrivals ..., compared with 21,600": the compared count
        # counts what the clause's count does.
        verb = _governing_verb(owner.head)
        counted = _counted_object(verb, start, end) if verb is not None else None
        if counted is not None:
            return _noun_phrase(counted, start, end, with_preps=False)
    own_holder = any(
        c.dep_ == "prep" and c.lower_ in ("for", "among") for c in root.children
    )
    if not bare and not own_holder and (
        head.lower_ in ("with", "to") and owner.lower_ == "compared"
        or head.lower_ in ("against", "versus", "vs", "vs.")
    ):
        # ("compared with 12% for maize": a value with a holder of its own is not.)
        # "cleared in 94% of cases, compared with 89%": a share compared with the
        # sentence's share before it is a share of the same thing.
        label = _label_of(_previous_amount(root, start, end), relabel)
        if label:
            return label
    owner = _object_before_of(first, start, end) or owner
    if owner.tag_ in _NOUNS and not _in_span(owner, start, end) and not owner.like_num:
        # "a forecast of 4.9 billion euros", "a fine of 1.2 billion CFA francs".
        before = first.nbor(-1) if first.i > 0 else None
        if before is not None and before.dep_ == "conj" and before.head.i == owner.i:
            # "rain and winds of up to 110 km/h": the phrase is the nearer conjunct's.
            owner = before
        return _noun_phrase(owner, start, end, with_preps=False)
    if (
        bare and head.lower_ == "from" and owner.lower_ in ("up", "down")
        and owner.dep_ == "advmod" and owner.head.tag_ in _NOUNS
    ):
        # "A crowd of 84,312 attended ..., down from 90,000 last year": the change is
        # the noun's, counted before it in the sentence; this is what it was.
        noun = owner.head
        if any(t.like_num and t.i < owner.i for t in noun.subtree):
            return _noun_phrase(noun, start, end, with_preps=False)
    verb = _reported_verb(head, _governing_verb(owner))
    if verb is not None:
        # "Turnout was 41%, down from 48%": an earlier or compared value of the same
        # measure is labelled like the value it is compared with.
        compared = head.lower_ in ("from", "than") and owner.lower_ in _COMPARATIVES
        if compared and bare and root.lower_ in SCALE_VALUES:
            # "provided a grant of 48 million CFP francs this year, up from 42 million": a
            # bare "42 million" compared with an amount of its sentence has left out that
            # amount's unit; it is an earlier value of what that amount is.
            # Only the nearest amount before it: a count of its own noun in between
            # ("48 million subscribers, up from 42 million") is what it is compared with.
            amount = next(iter(_amount_heads_before(root, start, end)), None)
            span = _figure_span_of(amount) if amount is not None else None
            if amount is not None and span is not None:
                unit = amount.head
                while unit.dep_ == "compound" and unit.head.i > unit.i:
                    unit = unit.head  # "CFP francs"
                # "48 million CFP francs": the parser's number phrase stops before its unit.
                has_unit = (
                    amount.dep_ == "nummod" and unit.i > amount.i
                    and _UNIT_RE.fullmatch(unit.text) is not None
                )
                if has_unit or not _bare_number(story, span[0], span[1]):
                    if has_unit:
                        span = (span[0], unit.idx + len(unit))
                    label = relabel(span[0], span[1])
                    if label:
                        return label
        if compared and bare and owner.dep_ == "advmod":
            # "between 1,500 and 2,000 miners ..., down from an estimated twenty
            # thousand": a bare count compared with a count of this sentence counts
            # what that one counts (not the verb's object: "work the lake").
            earlier = _earlier_counted_noun(story, root)
            if earlier is not None and earlier.sent.start == root.sent.start:
                return _noun_phrase(earlier, start, end)
        if compared and not bare:
            # "will supply 38% of the utility's electricity, up from 17% now": an
            # earlier value compared with the verb's amount is a value of what it counts.
            label = _label_of(_compared_amount(verb, root, start, end), relabel)
            if label:
                return label
        # "sales were up 4% to $2.1 billion": the end point of a change the subject went
        # through is the subject's new value, as "sales were $2.1 billion" would be.
        # "life span is on the order of millions": through a hedging idiom the amount is
        # what the clause says its subject is, as "is about millions" would.
        attribute = compared or (head.lower_ == "to" and owner.lower_ in ("up", "down")) or (
            head.i != root.head.i
        )
        label = _verb_label(verb, head, start, end, attribute=attribute)
        if not label and verb.dep_ == "advcl" and verb.tag_ == "VBG" and _subject(verb) is None:
            # "expects 3 million passengers this year, rising to 4.5 million": the
            # participle goes on with the count of the clause it hangs on.
            counted = _counted_object(verb.head, start, end)
            if counted is not None:
                return _noun_phrase(counted, start, end, with_preps=False)
        return label
    return None
