"""What a clause says of an amount: its subject and verb ("Trade between Pakistan and
Afghanistan fell" to $1.6 billion), the thing a verb changes or sets when the amount is its
end point ("raised the base rate to 16.25%"), and what the counted subjects did ("soldiers
lost their lives"). figure_labels.py falls back on these when the number's own phrase names
nothing it counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.figure_counts import _partitive
from summariser.extract.figure_heads import (
    _COPULAS,
    _CURRENCY_RE,
    _NOUNS,
    _TIME_NOUNS,
    _UNIT_RE,
    _figure_span_of,
    _in_span,
    _is_amount,
    _is_verb,
    _noun_phrase,
    _phrase_owner,
)
from summariser.extract.figure_nouns import _of_owner
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story

#: Prepositions that put an amount as the end point, start or size of a change or a level
#: ("raised the rate to 16%", "keep the deficit below 3%", "pushed inflation above 10%").
_END_POINTS = frozenset({"to", "from", "by", "at", "above", "below", "under", "over"})
_PRICE_VERBS = frozenset(words("price_verbs"))
_CHANGE_VERBS = frozenset(words("change_verbs"))
_VALUATION_PARTICIPLES = frozenset(words("valuation_participles"))


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "expl"):
            return child if child.dep_ != "expl" else None
        if child.dep_ == "csubj" and child.tag_ in ("VBN", "VBD"):
            # "Remittances sent home by migrants reached ...": the small parser reads the
            # reduced relative as a clausal subject; the noun it describes is the subject.
            inner = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if inner is not None:
                return inner
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (
        before is not None and before.dep_ == "compound" and before.head.i == verb.i
        and before.tag_ in ("NN", "NNS") and verb.tag_ in ("VBD", "VBZ", "VBP")
    ):
        # "The wing cost 14 million Australian dollars": the parser read the subject and
        # its verb as one noun ("wing cost"), and the tagger still says the verb is one.
        return before
    if verb.dep_ in ("conj", "xcomp", "acomp") and _is_verb(verb.head):
        # "inflation rose ... and reached 10.8%": the first verb's subject; "the appeal was
        # only 38% funded": the predicate's participle is said of the copula's subject.
        return _subject(verb.head)
    return None


def _clause_label(
    verb: Token, start: int, end: int, *, amount_is_attribute: bool = False
) -> list[Token]:
    """'Trade between Pakistan and Afghanistan fell': the subject's phrase and its verb, for
    an amount the clause states."""
    subject = _subject(verb)
    if (
        subject is not None
        and subject.tag_ in ("WDT", "WP")
        and verb.dep_ == "relcl"
        and verb.head.tag_ in _NOUNS
        and not _in_span(verb.head, start, end)
    ):
        # "the route, which had been closed for 26 days": what the relative clause is about
        # ("remittances from Egyptians working abroad, which rose 51%": not the name).
        return _noun_phrase(_phrase_owner(verb.head), start, end, with_preps=False)
    if subject is None or subject.tag_ in ("PRP", "WDT", "WP", "EX") or _in_span(
        subject, start, end
    ):
        return []
    if subject.tag_ == "CD" or subject.like_num:
        # "twelve of the country's counties were ..., up from seven": the subject is itself
        # a count, and what it counts is what the compared value counts, not its words.
        return _partitive(subject, start, end) if amount_is_attribute else []
    phrase = _noun_phrase(subject, start, end)
    if not phrase:
        return []
    if verb.lower_ in _COPULAS:
        # "Turnout was 41%" names what 41% is; "Sher had been in Pakistan for two years"
        # does not say what two years are.
        return phrase if amount_is_attribute else []
    if phrase[-1].i > verb.i:
        return phrase
    between = verb.doc[phrase[-1].i + 1 : verb.i]
    if all(t.dep_ in ("aux", "auxpass", "neg", "advmod") for t in between):
        return [*phrase, *between, verb]
    return [*phrase, verb]


def _predicate(noun: Token, start: int, end: int) -> list[Token]:
    """What the story says happened to the counted subjects ("soldiers lost their lives",
    "refugees have been expelled"): its verb with a short object, which is what tells deaths
    from other counts (render/ordering.py reads it)."""
    return _predicate_of(noun, start, end)


def _predicate_of(noun: Token, start: int, end: int) -> list[Token]:
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or not _is_verb(verb) or verb.i < noun.i:
        return []
    between = [t for t in verb.lefts if t.i > noun.i and t.dep_ in ("aux", "auxpass", "neg")]
    out = [*between, verb]
    for child in verb.rights:
        sub = list(child.subtree)
        if child.dep_ in ("prt", "dobj", "acomp") and len(sub) <= 3 and not any(
            t.like_num for t in sub
        ):
            out += sub
            break
        break
    return out


def _verb_label(
    verb: Token, prep: Token | None, start: int, end: int, *, attribute: bool = False
) -> list[Token]:
    """The label of an amount a verb states: what the verb changes or sets when the amount
    is its end point ("raised the base rate to 16.25%", "cut its growth forecast to 0.9%"),
    the noun a participle describes ("revenue, estimated at Rp 14 trillion"; "voters aged
    18 to 29"), else the clause's subject and verb ("trade fell to $1.6 billion")."""
    valued = _valued_noun(verb, prep, start, end)
    if valued is not None:
        # "the cost of the study, put at $12 million": the value set is the noun's.
        return _noun_phrase(_of_owner(valued), start, end, with_preps=valued.dep_ == "pobj")
    if (
        prep is not None and prep.lower_ == "by" and verb.dep_ == "relcl"
        and verb.head.tag_ in _NOUNS and not _in_span(verb.head, start, end)
        and not any(c.tag_ == "WRB" for c in verb.children)
        and not _subject_relative_with_object(verb)
    ):
        # "raise the price it pays farmers by 45%": a relative clause names no change of
        # its own; the rate changes the noun the clause describes. ("the area, where
        # yields have fallen by a third": a "where" clause is about its own subject; "the
        # plan, which will raise the bill by $4.80": a clause with an object changes it.)
        return _noun_phrase(verb.head, start, end, with_preps=False)
    price = (
        prep is not None and prep.lower_ == "for" and verb.lower_ in _PRICE_VERBS
        and _is_money(prep, start, end)
    )
    if prep is not None and (prep.lower_ in _END_POINTS or prep.lower_ == "than" or price):
        # ("sell each course for less than $1": money "for" on a verb is its object's price.)
        # "set air conditioners no lower than 25C": a bound on the verb's object.
        for child in verb.children:
            if (
                child.dep_ == "dobj" and child.tag_ in _NOUNS and not _in_span(child, start, end)
                and not _is_amount(child) and not _rate_of_amount(child, end)
            ):
                return _noun_phrase(child, start, end)
            if (
                child.dep_ == "dobj" and child.tag_ in ("WDT", "WP") and verb.dep_ == "relcl"
                and verb.head.tag_ in _NOUNS and not _in_span(verb.head, start, end)
            ):
                # "ore reserves, which he put at about 5.3 billion tonnes": the object is
                # the relative pronoun; what it stands for is the noun the clause describes.
                return _noun_phrase(verb.head, start, end, with_preps=False)
    changed = _changed_through_participle(verb, prep, start, end)
    if changed is not None:
        return _noun_phrase(changed, start, end)
    if verb.dep_ in ("acl", "amod") and verb.head.tag_ in _NOUNS and verb.i > verb.head.i:
        # "the value of the equipment destroyed at R$18 million": of the whole phrase.
        return _noun_phrase(_of_owner(verb.head), start, end, with_preps=verb.head.dep_ == "pobj")
    return _clause_label(verb, start, end, amount_is_attribute=attribute)


def _changed_through_participle(
    verb: Token, prep: Token | None, start: int, end: int
) -> Token | None:
    """The object of a verb of change whose end point the parser hung on a participle
    inside that object ("lowered its inflation projection for the fiscal year ending in
    March to 2.1% from 2.6%": the year does not end "to 2.1%"; the projection went there)."""
    if prep is None or prep.lower_ not in ("to", "from") or verb.dep_ != "acl":
        return None
    noun = verb.head
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.tag_ in _NOUNS:
        noun = noun.head.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and _is_verb(noun.head.head):
        # "raised its forecast for the year ending in June to 4.2%": the "for" on the verb.
        noun = next((c for c in noun.head.head.children if c.dep_ == "dobj"), noun)
    changer = noun.head
    if (
        noun.dep_ == "dobj" and noun.tag_ in _NOUNS and changer.lower_ in _CHANGE_VERBS
        and not _in_span(noun, start, end) and not _is_amount(noun)
    ):
        return noun
    return None


def _valued_noun(verb: Token, prep: Token | None, start: int, end: int) -> Token | None:
    """The noun before ", put at", ", estimated at" when the parser made the reduced
    relative a coordinated verb or an adverbial clause (it has no subject, auxiliary or
    object of its own)."""
    if (
        prep is None or prep.lower_ != "at" or verb.lower_ not in _VALUATION_PARTICIPLES
        or verb.dep_ not in ("conj", "advcl") or verb.i < 2 or verb.doc[verb.i - 1].text != ","
        or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "dobj") for c in verb.children)
    ):
        return None
    noun = verb.doc[verb.i - 2]
    if noun.tag_ not in ("NN", "NNS") or _in_span(noun, start, end) or _is_amount(noun):
        return None
    return noun


def _subject_relative_with_object(verb: Token) -> bool:
    """'the plan, which will raise the bill': the relative pronoun is the subject and the
    clause changes an object of its own (unlike 'the price the state pays farmers', or 'which
    ended the session down by 7%', whose object is not what changed)."""
    children = list(verb.children)
    return verb.lower_ in _CHANGE_VERBS and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in children
    ) and any(c.dep_ == "dobj" for c in children)


def _is_money(prep: Token, start: int, end: int) -> bool:
    """Whether the amount a preposition governs is money ("for less than $1")."""
    return any(
        _in_span(t, start, end) and (t.tag_ == "$" or _CURRENCY_RE.fullmatch(t.text) is not None)
        for t in prep.subtree
    )


def _governing_verb(token: Token) -> Token | None:
    """The verb a preposition's phrase hangs from, through at most two adverbs or
    prepositions ("down from 48%", "fell to $1.6 billion"), never through a coordination."""
    for _ in range(3):
        if _is_verb(token):
            return token
        if token.dep_ not in ("advmod", "prep", "acomp", "npadvmod", "pcomp", "oprd"):
            return None
        token = token.head
    return None


#: The words of a figure's sign ("minus 25 degrees"; figures.py reads them into the figure).
_SIGN_WORDS = frozenset({"minus", "negative"})


def _signed_on_verb(root: Token, start: int, end: int) -> list[Token] | None:
    """The label of a signed amount the parser hangs on its sign: "temperatures rarely rise
    above minus 25 degrees" (the sign read as a conjunction or a preposition on the verb,
    the amount as its object), "Bond yields fell to minus 0.3%" (the sign read as the
    preposition's object). The amount is the verb's, as it would be unsigned; None when
    the sign is not so read."""
    if root.lower_ not in _SIGN_WORDS:
        return None
    head = root.head
    if root.dep_ in ("cc", "prep", "advmod") and _is_verb(head):
        return _verb_label(head, None, start, end, attribute=True)
    if root.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and _is_verb(head.head):
        return _verb_label(head.head, head, start, end, attribute=True)
    return None


def _rate_of_amount(noun: Token, end: int) -> bool:
    """'dropped to 6,800 dong a kilogram': "a kilogram" right after the amount is its rate
    (per kilogram), which the parser may read as the verb's object; it is not what the
    verb changes."""
    det = noun.left_edge
    return (
        det.lower_ in ("a", "an", "per", "each", "every") and 0 <= det.idx - end <= 1
        and det.i < noun.i and _per_unit(noun)
    )


def _per_unit(noun: Token) -> bool:
    """A noun an amount is given per: a unit ("a kilogram", "a tonne"), a length of time
    ("a month") or a count of people or doses ("a head", "a dose"); not "a total"."""
    return bool(
        _UNIT_RE.fullmatch(noun.text) or noun.lower_ in _TIME_NOUNS
        or noun.lower_ in _PER_COUNT_NOUNS
    )


#: Counts an amount is given per besides units and times ("$1.50 a dose").
_PER_COUNT_NOUNS = frozenset(words("per_count_nouns"))


def _rated_amount(noun: Token) -> tuple[int, int] | None:
    """The span of the amount a rate noun follows ("6,800 dong" of "6,800 dong a
    kilogram"), or None when the noun is no such rate."""
    det = noun.left_edge
    if det.i == 0 or det.i >= noun.i or det.lower_ not in ("a", "an", "per", "each", "every"):
        return None
    unit = noun.doc[det.i - 1]
    span = _figure_span_of(unit) if unit.tag_ in _NOUNS or unit.like_num else None
    if span is None or not _rate_of_amount(noun, span[1]):
        return None
    return span


def _end_point_before(story: _Story, start: int, end: int) -> list[Token]:
    """The label of an amount right after a preposition of a change's end point on a verb
    ("fell to", "rose above"), read from that verb, for an amount the parser hung elsewhere
    (here into the subject of the next clause)."""
    span = story.span(start, end)
    if span is None or span.start == 0:
        return []
    prep = span.doc[span.start - 1]
    if prep.lower_ not in _END_POINTS or prep.dep_ != "prep" or not _is_verb(prep.head):
        return []
    if any(t.head.i == prep.i for t in span):
        return []  # the parse does hang it there, and found nothing to say
    return _verb_label(prep.head, prep, start, end)
