"""What a figure counts, read from the dependency parse of the figure's own clause.

A label printed beside a number is a claim about the number ("**700,000**: Afghans with ACC
cards"), so it is built from the number's syntax, never from the words that happen to follow
it: the noun the number quantifies with its modifiers; for an amount (money, a percentage, a
length) the noun it is an amount of ("a forecast of 4.9 billion euros"), else the clause that
states it ("trade between Pakistan and Afghanistan fell to"). The walk never crosses a
coordination, so one figure cannot take another's words; a number whose noun is elided takes
the noun of its parallel conjunct ("1.3 million Afghans ... and 700,000 [Afghans] with ACC
cards"). A figure none of these reach gets an empty label: no label is better than a wrong one.
The phrase a noun heads is built in figure_heads.py; the shapes in which the counted noun is
not the number's own head (a measure, a restatement, a purpose) are read in figure_nouns.py;
the readings that borrow another figure's label where the parse gives none, in
figure_fallbacks.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.figure_ages import is_age
from summariser.extract.figure_clauses import (
    _clause_label,
    _governing_verb,
    _predicate,
    _predicate_of,
    _signed_on_verb,
    _verb_label,
)
from summariser.extract.figure_counts import (
    _among,
    _breakdown_of,
    _copula_attribute,
    _count_of_count,
    _earlier_counted_noun,
    _elided_head_label,
    _of_which,
    _part_of_amount,
    _partitive,
    _rival_amount,
    _vague_count_label,
)
from summariser.extract.figure_fallbacks import Walk, _amount_label, _refined_label
from summariser.extract.figure_forecasts import _expected_of
from summariser.extract.figure_grammar import _bracket_name
from summariser.extract.figure_heads import (
    _CURRENCY_RE,
    _NOUNS,
    _QUANTIFIES,
    _TIME_NOUNS,
    _UNIT_RE,
    _across_a_break,
    _bare_number,
    _clip,
    _dated,
    _figure_root,
    _figure_span_of,
    _fold_after,
    _has_unit,
    _in_span,
    _is_amount,
    _noun_after,
    _noun_phrase,
    _own_head,
    _phrase_owner,
    _prep_tail,
    _whole_words,
    _with_dollar_prefix,
)
from summariser.extract.figure_multiples import _as_many, _multiplied_noun
from summariser.extract.figure_nouns import (
    _LENGTH_UNITS,
    _STANDING,
    _absorbed_prep,
    _amount_purpose,
    _apposed_noun,
    _changed_by,
    _compared_noun,
    _described_by_participle,
    _deviation_of,
    _duration_of,
    _duration_owner,
    _hyphen_compound_head,
    _measure_before,
    _measure_of,
    _measured_noun,
    _names_a_thing,
    _passive_purpose,
    _restatement,
    _shared_plural_head,
)
from summariser.extract.figure_preps import Relabel, _prep_object_label
from summariser.text import SCALE_VALUES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story


def figure_label(story: _Story, start: int, end: int) -> str:
    """What the figure at [start, end) counts, or "" when its clause does not say."""
    start = _with_dollar_prefix(story.text, start)
    root = _figure_root(story, start, end)
    if root is not None and is_age(story, root, start, end):
        return "age"
    named = _bracket_name(story.text, start, end)
    if named:
        return named
    tokens = _label_tokens(story, start, end)
    if tokens and not story.in_headline(start, end) and all(
        story.in_headline(t.idx, t.idx + len(t)) for t in tokens
    ):
        # A body figure labelled with the headline's words alone: the parser ran the
        # headline into the body's first line ("Quick goal sees" for a score). (A label
        # that goes on into the body, "Indonesia's nickel exports rose", is the body's.)
        return ""
    if not tokens or all(t.tag_ in ("PRP", "PRP$") for t in tokens):
        # "about 65% of them": a pronoun alone says nothing of what was counted.
        return ""
    # Contiguous runs joined by a space: an elided head's label is two pieces of the text
    # ("Afghans" + "with ACC cards").
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    pieces = [
        _whole_words(story.text, run[0].idx, run[-1].idx + len(run[-1]), (start, end))
        for run in runs
    ]
    return " ".join(" ".join(pieces).split())


def _label_tokens(story: _Story, start: int, end: int, depth: int = 0) -> list[Token]:
    root = _figure_root(story, start, end)
    if root is None:
        return []
    tokens = _parsed_label(story, root, start, end, depth)
    return _refined_label(story, root, start, end, tokens, depth, _walk(story))


def _parsed_label(story: _Story, root: Token, start: int, end: int, depth: int) -> list[Token]:
    if depth > 2:
        return []
    # Inside the span the number may be a modifier of a unit noun that ends the span
    # ("121 kilograms"); the span's root is then the unit, a noun, and acts as the figure.
    head = root.head
    takes_noun = not (_has_unit(story, start, end) and head.lower_ in _TIME_NOUNS) and not (
        # "Sales reached 400 last month": the parser hung the count on the date after it;
        # a count is never of "last month" (the date's noun is in a date, the count not).
        _dated(head) and root.ent_type_ != "DATE"
    )
    signed = _signed_on_verb(root, start, end)
    if signed is not None:
        return signed
    measure = _measure_before(story, start, end)
    if measure is not None:
        # "a magnitude 6.8 earthquake": the noun the number follows names the measure.
        return [measure, *_measure_of(root, start, end)]
    if (
        root.tag_ == "PDT" and head.lower_ in _TIME_NOUNS and head.dep_ == "pobj"
        and head.head.lower_ == "by"
    ):
        # "has fallen by almost half this year": the parser read the fraction as the time
        # noun's; it is a change of what the verb changes.
        verb = _governing_verb(head.head.head)
        if verb is not None:
            return _verb_label(verb, None, start, end, attribute=True)
    deviating = _deviation_of(story, start, end)
    if deviating is not None:
        # "temperatures 1.5 degrees above normal": how far the noun before it stands.
        return _noun_phrase(deviating, start, end, with_preps=False)
    lasted = _duration_of(story, start, end)
    if lasted is not None:
        # "following 36 hours of torrential rain": a duration of what its "of" names.
        return _noun_phrase(lasted, start, end, with_preps=False)
    owner = _duration_owner(root)
    if owner is not None:
        # "a maximum sentence of 14 years in prison", "a delay of three months": a length of
        # time in a noun's "of" phrase is that noun's length (not of where it is served).
        return _noun_phrase(owner, start, end, with_preps=False)
    # "... and Moldova €2 billion in grants": with the verb left out, the parser hangs an
    # amount that has its own "in" or "of" phrase on the name before it; the name is who
    # gets it, the phrase says what it is.
    named_owner = head.tag_ in ("NNP", "NNPS") and any(
        c.dep_ == "prep" and c.lower_ in ("in", "of") for c in root.children
    ) and not _bare_number(story, start, end)
    if (
        root.dep_ in _QUANTIFIES and head.tag_ in _NOUNS and not _in_span(head, start, end)
        and takes_noun and not named_owner
    ):
        outer = _hyphen_compound_head(root, head) or _shared_plural_head(root, head)
        if outer is not None:
            # "a three-judge panel": the number and its noun are one modifier, what is
            # counted is the noun they modify; "twenty-three arid and semi-arid counties":
            # a count of many takes the plural noun its singular head is coordinated with.
            return _noun_phrase(outer, start, end) + _predicate(outer, start, end)
        verb = _across_a_break(root, head)
        if verb is not None:
            # "more than 4000°C (7232°F)": hung on its bracketed equivalent's unit.
            return _verb_label(verb, None, start, end, attribute=head.dep_ == "attr")
        if head.lower_ == "others" and not _in_span(head, start, end):
            # "12 people were killed and 30 others were injured": the others are more of
            # what the count of the clause it is coordinated with counts (not of a count in
            # another sentence, or one set apart by a semicolon: "20 survivors ...; 30
            # others remain missing").
            earlier = _earlier_counted_noun(story, root)
            clause = head.head
            if (
                earlier is not None and earlier.sent.start == root.sent.start
                and clause.dep_ == "conj" and clause.head.i == earlier.head.i
                and earlier.dep_ in ("nsubj", "nsubjpass")
            ):
                return [*_noun_phrase(earlier, start, end, with_preps=False),
                        *_predicate(head, start, end)]
        if head.lower_ in _STANDING and head.i < root.i:
            # "reached a record $14.8 billion": "record" says how the amount stands; what
            # it counts is the clause's ("Remittances ... reached").
            # "fell to $3.9 billion, from a record $10.2 billion": through its preposition.
            verb = _governing_verb(head.head if head.dep_ in ("dobj", "attr", "pobj") else head)
            if verb is None:
                return []
            label = _verb_label(verb, None, start, end, attribute=True)
            return label + _amount_purpose(verb, head, start, end) if label else []
        if _UNIT_RE.fullmatch(head.text) and head.i > root.i:
            # "38 million Swiss francs": the currency is the figure's unit, not what it counts.
            return _label_tokens(story, start, head.idx + len(head), depth + 1)
        if head.dep_ in ("compound", "nmod") and head.head.i > head.i and (
            head.tag_ in ("NNP", "NNPS") and head.head.tag_ in ("NN", "NNS")
            # ("a 300 soldier contingent": a singular noun after counts the first.)
            or head.tag_ == "NN" and head.head.tag_ == "NNS"
        ):
            # "28,000 Andy Warhol photographs", "150,000 silicon wafers", "five Ariane 6
            # missions": a name or noun before the noun says whose or of what; the count is
            # of the noun it modifies.
            head = head.head
        # "18 Pakistani soldiers", "a 59% increase in seizures".
        return _noun_phrase(head, start, end) + _predicate(head, start, end)
    bare = _bare_number(story, start, end)
    if bare:
        outer_count = _count_of_count(root, start, end)
        if outer_count is not None:
            # "14 of 52 samples", "61 votes to 48": a count set against another count
            # counts what that one counts.
            return _noun_phrase(outer_count, start, end, with_preps=False)
        after = _noun_after(story, end)
        if after is not None:
            # "between 300 and 400 people": a bare count right before its noun counts it,
            # however the parser attached the range.
            return _noun_phrase(after, start, end)
        partitive = _partitive(root, start, end)
        attr = _copula_attribute(root) if partitive else None
        if attr is not None:
            # "Two of the dead were children": of the set, the count is of what they were.
            return _noun_phrase(attr, start, end, with_preps=False)
        if partitive:
            # "twelve of the country's twenty-three counties", "nine of the 30 engines".
            return partitive
        partner = root.head
        other = _figure_span_of(partner) if root.dep_ == "conj" else None
        unit = other is not None and _UNIT_RE.fullmatch(partner.text) is not None
        if other is not None and unit and not other[0] <= start < other[1]:
            # "1.9 million tonnes going to China and 240,000 to Taiwan": the left-out noun is
            # the other amount's unit; the count is of what that amount counts.
            label = _label_tokens(story, other[0], other[1], depth + 1)
            if label:
                return label
        label = _elided_head_label(root, start, end)
        if label:
            # "... and 700,000 with ACC cards": the noun of the parallel conjunct.
            return label
        among = _among(root, start, end)
        if among is not None:
            # "Among children given the dose, 212 were admitted": a count of that set.
            return _noun_phrase(among, start, end, with_preps=False)
        if root.dep_ in ("nsubj", "nsubjpass", "dobj"):
            # "six million foreign nationals reside in Iran, with at least two million
            # lacking proper documentation": the count before it names the noun.
            earlier = _earlier_counted_noun(story, root)
            if earlier is not None:
                return [*_noun_phrase(earlier, start, end, with_preps=False),
                        *_predicate_of(root, start, end)]
        breakdown = _breakdown_of(story, root)
        if breakdown is not None:
            # "damaged 12,000 houses, with 7,500 in the valley": a part of the count before.
            return _noun_phrase(breakdown, start, end, with_preps=False)
        whole = _part_of_amount(root, start, end)
        if whole is not None:
            # "rose to $36.5 billion, with 11.2 billion coming from Saudi Arabia".
            return _label_of_amount(story, whole, depth)
    vague = _vague_count_label(root, start, end)
    if vague:
        # "at least sixty people have been killed and hundreds have been wounded".
        return vague
    described = None if bare else _described_by_participle(story, start, end)
    if described is not None:
        # "bribes totalling RM 3.2 million", "reserves worth $780 million".
        return _noun_phrase(described, start, end, with_preps=False)
    own_clause = next((c for c in root.rights if c.dep_ == "relcl"), None)
    if own_clause is not None and not any(
        t.lower_ in ("which", "who", "whom", "whose") for t in own_clause.subtree
    ) and not any(t.is_punct for t in root.doc[root.i + 1 : own_clause.left_edge.i]) and not any(
        c.dep_ == "dobj" for c in own_clause.children
    ):
        # (", most of it exported": a clause set off by a comma adds, it does not say what.)
        # ("FJD 14.6 million, of which Australia paid ..." says what a part of it is.)
        # "short of the $800 million the company had predicted": the amount's own clause.
        label = _clause_label(own_clause, start, end)
        if label:
            return label
    if root.dep_ == "relcl" and head.tag_ in _NOUNS and not _in_span(head, start, end):
        # "the courses, which last between 18 and 24 months": the clause describes them.
        return _noun_phrase(head, start, end, with_preps=False)
    of_which = _of_which(root)
    if of_which is not None:
        # "291 billion cubic metres of gas, of which 45% arrived as LNG": a part of the
        # amount before it counts what that amount counts.
        other = _figure_span_of(of_which)
        if _is_amount(of_which) and other is not None and not other[0] <= start < other[1]:
            return _label_tokens(story, other[0], other[1], depth + 1)
        return _noun_phrase(of_which, start, end, with_preps=False)
    as_many = _as_many(story, root, start, end)
    if as_many:
        # "300,000 copies ..., three times as many as", "44 points, five more than".
        return as_many
    share_of = root.text == "%" and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in root.children
    )
    # (Not a measure the parser hung on a counted noun: "checked 4,600 coral colonies ...,
    # when sea temperatures peaked at 31.4 degrees, 1.6 degrees above the average".)
    beside = root.dep_ == "appos" and not (
        _UNIT_RE.fullmatch(root.text) and root.lower_ != "times"
        and not _UNIT_RE.fullmatch(head.text) and head.tag_ == "NNS"
        and any(c.dep_ == "nummod" for c in head.children)
    )
    if beside and not share_of:
        # ("7,000 objects, roughly 4% of its collection": a share says itself of what.)
        if (
            head.tag_ == "NNS" and not _in_span(head, start, end)
            and not _CURRENCY_RE.fullmatch(root.text) and not _UNIT_RE.fullmatch(head.text)
            and any(c.dep_ == "nummod" for c in head.children)
        ):
            # "3,100 cases, four times as many": a count set beside a counted noun.
            return _noun_phrase(head, start, end, with_preps=False)
        other = _figure_span_of(head)
        if other is not None and not (other[0] <= start < other[1]):
            # "KSh 4.2 billion (about $32 million)": what the first amount is, this one is.
            return _label_tokens(story, other[0], other[1], depth + 1)
        gapped = _figure_span_of(head.head) if head.dep_ == "conj" else None
        if gapped is not None and not gapped[0] <= start < gapped[1] and not bare:
            # "The winners receive A$100,000 in prize money and the runners-up A$50,000":
            # the verb left out, the parser hangs the amount on its own clause's subject,
            # coordinated with the first clause's amount; it is an amount of the same thing.
            return _label_tokens(story, gapped[0], gapped[1], depth + 1)
        apposed = _apposed_noun(root, start, end)
        if apposed is not None and (not bare or root.lower_ in SCALE_VALUES):
            # "Vietnamese exports 10.4 billion": the amount is what the noun is. (A bare
            # small count beside a noun is as often an age: "two men, 24 and 31".)
            # ("a drop in brightness — about 0.5%": a change is named with what changed.)
            return _noun_phrase(apposed, start, end, with_preps=apposed.i != _phrase_owner(head).i)
    measured = _measured_noun(story, root, start, end)
    if measured is not None:
        # "The planned line, about 640 kilometres long": the length is the line's; "a
        # column of ash 7 kilometres high": the column's, named with what it is of.
        of_phrase = any(c.dep_ == "prep" and c.lower_ == "of" and c.i == measured.i + 1
                        for c in measured.children)
        return _noun_phrase(measured, start, end, with_preps=of_phrase)
    own = _own_head(story, start, end)
    if own is not None:
        # "121 kilograms of methamphetamine", "$9 billion in reserves", "a fifth of the
        # river's flow": the amount's own phrase says of what.
        tail = _prep_tail(own, start, end) or _prep_tail(root, start, end)
        # A bare count's "in" phrase says where or when ("21,600 in the same period"), a
        # share's which group ("64% in the control arm").
        # Money's "in" phrase says in what ("$9 billion in reserves"); a length's says where
        # ("water reached 2 metres in some streets").
        length = own.lower_ in _LENGTH_UNITS
        if tail and (tail[0].lower_ == "of" or tail[0].lower_ == "in" and not bare and not length
                     and root.text != "%" and _names_a_thing(tail[0])):
            return _clip(tail[1:])
    rival = _rival_amount(root, start, end)
    if rival is not None:
        # "ahead of Samsung Electronics at 30%": a share of what the leader's counts.
        label = _label_of_amount(story, rival, depth)
        if label:
            return label
    if root.dep_ == "pobj" and head.dep_ in ("prep", "agent", "conj") and head.tag_ == "IN":
        # A number that is the object of a preposition: what its preposition hangs on says
        # what it counts (figure_preps.py).
        by_prep = _prep_object_label(
            story, root, start, end, bare=bare, relabel=_relabel(story, depth),
            can_recurse=depth < 2,
        )
        if by_prep is not None:
            return by_prep
    if root.dep_ == "npadvmod" and head.lower_ in ("up", "down") and head.dep_ == "prt":
        # "sending its shares up 9.4%", "pushing prices down 3%": the change is of the
        # verb's object, which the particle moves.
        moved = next((c for c in head.head.children if c.dep_ == "dobj"), None)
        if moved is not None and moved.tag_ in _NOUNS:
            return _noun_phrase(moved, start, end, with_preps=False)
    if not takes_noun and head.dep_ == "npadvmod":
        # "Food prices rose 12.1% year on year": the rate hangs from its verb.
        verb = _governing_verb(head.head)
        if verb is not None:
            return _verb_label(verb, None, start, end, attribute=True)
    if root.dep_ == "prep" and root.lower_ == "than":
        # "higher than the 16.9%": the hedge climb made "than" the figure's root.
        compared_noun = _compared_noun(root, head, start, end)
        if compared_noun:
            return compared_noun
        verb = _governing_verb(head)
        if verb is not None:
            # "set air conditioners no lower than 25C": a bound on the verb's object.
            return _verb_label(verb, root, start, end, attribute=True)
    fold = _fold_after(root, story, end)
    if fold is not None:
        # "Traffic to the website had increased 18-fold": a multiple of what the verb changes.
        verb = _governing_verb(fold.head if fold.dep_ == "amod" else fold)
        if verb is not None:
            return _verb_label(verb, None, start, end, attribute=True)
    change = _changed_by(root, head, start, end)
    if change:
        # "handle 110,000 passengers a day, 30% more than last Ramadan", "produced 882,000
        # tonnes of copper, up 8% from 2023": a change hung on the verb is a change of
        # what the verb's object counts.
        return change
    multiplied = _multiplied_noun(story, start, end)
    if multiplied:
        # "five times the value of the bribes": the multiple is of that noun.
        return multiplied
    restated = _restatement(root, start, end)
    if restated is not None:
        # "mined 1.03 million tonnes, its lowest total": the apposition says what it is.
        return _noun_phrase(restated, start, end, with_preps=False)
    expected = _expected_of(root, start, end) if depth < 2 else None
    if expected is not None:
        label = _label_of_amount(story, expected, depth)
        if label:
            return label
    if root.dep_ in ("dobj", "attr", "npadvmod", "oprd", "advmod", "dative", "acomp"):
        verb = _governing_verb(head)
        if verb is not None:
            absorbed = _absorbed_prep(story, start)
            if root.dep_ == "dobj" and absorbed is not None:
                # "raised the price by a quarter to 375 kwanzas": the parser took the "to"
                # into the amount; the amount is still the end point of the change.
                label = _verb_label(verb, absorbed, start, end)
                if label:
                    return label
            label = _verb_label(verb, None, start, end, attribute=root.dep_ != "dobj")
            if root.dep_ == "dobj":
                # "collected 38 million afghani in duties": what the amount was for; with no
                # subject to name ("guilty of taking 48 million soms in bribes"), that alone.
                purpose = _amount_purpose(verb, root, start, end)
                if label:
                    label += purpose
                elif purpose and purpose[0].lower_ in ("on", "in"):
                    # ("receiving $2 million from donors": where it came from is not what.)
                    label = purpose[1:]
            return label
    if not bare:
        # "1.2 billion euros had been spent on repairs".
        return _passive_purpose(root, start, end)
    return []


def _walk(story: _Story) -> Walk:
    """The whole walk, at any depth, for the fallbacks of figure_fallbacks.py."""
    return lambda s, e, depth: _label_tokens(story, s, e, depth)


def _relabel(story: _Story, depth: int) -> Relabel:
    """The walk one level deeper, for a figure compared with another of its sentence."""
    return lambda s, e: _label_tokens(story, s, e, depth + 1)


def _label_of_amount(story: _Story, amount: Token | None, depth: int) -> list[Token]:
    """The label of the figure an amount token heads (another figure of the sentence that
    this one is compared with), or none."""
    return _amount_label(_walk(story), amount, depth)
