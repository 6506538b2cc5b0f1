"""Where the noun a figure counts sits when it is not the number's own head.

figure_labels.py reads a figure's label from the number's syntax; these are the shapes in
which that syntax points past the noun it quantifies, or the small parser hangs the number
somewhere else: a measure named before the number ("a magnitude 6.8 earthquake"), a number
hyphenated into a modifier ("a three-judge panel"), an amount restated in apposition ("its
lowest total"), a value compared with a noun's ("a fatality rate of 17.5%, higher than the
16.9%") and the purpose of an amount object ("collected 38 million afghani in duties").
Multiples and differences ("five times the value", "of them") are in figure_multiples.py.
Each returns nothing unless its shape is plain, so the label stays empty rather than wrong.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.figure_heads import (
    _NOUNS,
    _TIME_NOUNS,
    _UNIT_RE,
    _a_level,
    _bare_number,
    _changing,
    _clip,
    _in_span,
    _is_amount,
    _is_verb,
    _noun_phrase,
    _own_head,
    _phrase_owner,
    _prep_tail,
)
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story

_SPENDING_VERBS = frozenset(words("spending_verbs"))
_REPORTING = frozenset(words("reporting_words"))
_COMPARATIVES = frozenset({
    "up", "down", "higher", "lower", "more", "less", "compared", "fewer", "from",
})
_STANDING = frozenset(words("figure_standing_nouns"))
_MEASURE_ADJECTIVES = frozenset(words("measure_adjectives"))


def _hyphen_compound_head(root: Token, head: Token) -> Token | None:
    """'three-judge panel': the number is written into its noun with a hyphen, and that
    noun modifies another; the other is the noun being counted out."""
    doc = root.doc
    if (
        head.i != root.i + 2 or doc[root.i + 1].tag_ != "HYPH"
        or head.dep_ not in ("compound", "amod", "nmod") or head.head.i <= head.i
    ):
        return None
    outer = head.head
    if outer.tag_ in _NOUNS or outer.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
        return outer
    return None


#: Tags of the adjectives that may stand between a measure noun and its determiner.
_ADJECTIVES = frozenset({"JJ", "JJR", "JJS", "VBG", "VBN"})


def _measure_before(story: _Story, start: int, end: int) -> Token | None:
    """'a magnitude 6.8 earthquake', 'a category 5 storm': a bare number right after a
    singular common noun, itself right after a determiner, is that noun's value; so it is
    with adjectives between them ('a new magnitude 6.6 aftershock', 'the devastating
    magnitude 9.0 earthquake')."""
    span = story.span(start, end)
    if span is None or not _bare_number(story, start, end) or span.start < 2:
        return None
    doc = span.doc
    noun = doc[span.start - 1]
    det_at = span.start - 2
    while det_at > 0 and doc[det_at].tag_ in _ADJECTIVES:
        det_at -= 1
    if noun.tag_ != "NN" or not noun.is_lower or doc[det_at].tag_ != "DT":
        return None
    if _UNIT_RE.fullmatch(noun.text) or noun.lower_ in _TIME_NOUNS:
        return None
    if noun.lower_ in _STANDING:
        return None  # "from a record 3.4 million": how the amount stands, not a measure
    return noun


def _measure_of(root: Token, start: int, end: int) -> list[Token]:
    """The noun a measured number modifies ("6.8 earthquake"), if the parse says so."""
    head = root.head
    if root.dep_ in ("nummod", "compound", "amod") and head.tag_ in _NOUNS and head.i > root.i:
        return _noun_phrase(head, start, end, with_preps=False)
    return []


def _compared_noun(prep: Token, owner: Token, start: int, end: int) -> list[Token]:
    """'a case fatality rate of 17.5%, higher than the 16.9%': the value a comparative
    adjective of a noun compares with is a value of that noun."""
    if (
        prep.lower_ in ("than", "from") and owner.tag_ in ("JJR", "RBR")
        and owner.dep_ == "amod" and owner.head.tag_ in _NOUNS
        and not _in_span(owner.head, start, end) and owner.head.i < owner.i
    ):
        return _noun_phrase(owner.head, start, end, with_preps=False)
    return []


#: Prepositions after an amount object that say what it was paid, earned or spent for.
_PURPOSE_PREPS = frozenset({"from", "in", "on", "for", "per"})


def _amount_purpose(verb: Token, obj: Token, start: int, end: int) -> list[Token]:
    """The first prepositional phrase after an amount object, on the object or its verb,
    that says what the amount is of ("earned $1.43 billion from coffee exports", "spend
    12 billion tenge on subsidies"): a common noun, not a place, a date or another figure."""
    after = sorted(
        (t for t in [*obj.rights, *verb.rights] if t.i > obj.i and not _in_span(t, start, end)),
        key=lambda t: t.i,
    )
    for token in after:
        if token.is_punct or token.dep_ not in ("prep", "npadvmod", "advmod"):
            return []
        if token.dep_ != "prep":
            continue
        if token.lower_ not in _PURPOSE_PREPS:
            return []
        noun = next((c for c in token.children if c.dep_ == "pobj"), None)
        if noun is None or noun.tag_ not in ("NN", "NNS") or noun.lower_ in _TIME_NOUNS:
            return []
        if noun.tag_ == "NN" and not any(True for _ in noun.lefts) and noun.i + 1 < len(
            noun.doc
        ) and noun.doc[noun.i + 1].tag_ == "IN":
            return []  # "in front of", "on behalf of": a compound preposition, no purpose
        return [token, *_noun_phrase(noun, start, end, with_preps=False)]
    return []


def _reported_verb(prep: Token, verb: Token | None) -> Token | None:
    """'Shipments rose 21%, the agency said, with 1.9 million tonnes going to China': a
    "with" part the parser hung on the verb of speech goes on with the reported clause,
    not with who said it; else the verb itself."""
    if verb is None or prep.lower_ != "with" or verb.lower_ not in _REPORTING:
        return verb
    return next((c for c in verb.children if c.dep_ == "ccomp" and _is_verb(c)), verb)


def _passive_purpose(root: Token, start: int, end: int) -> list[Token]:
    """'1.2 billion euros had been spent on repairs': money a passive verb spends is for what
    its "on" says, as the object of "spent 1.2 billion on" is; not any passive's ("$1.5
    million was found in his house")."""
    verb = root.head
    if root.dep_ != "nsubjpass" or not _is_verb(verb) or verb.lower_ not in _SPENDING_VERBS:
        return []
    purpose = _amount_purpose(verb, root, start, end)
    return purpose[1:] if purpose and purpose[0].lower_ == "on" else []


def _absorbed_prep(story: _Story, start: int) -> Token | None:
    """A "to" or "by" the parser hung on the amount as a modifier ("to 375 kwanzas")."""
    first = story.token_at(start)
    if first is None or first.i == 0:
        return None
    prev = first.doc[first.i - 1]
    return prev if prev.lower_ in ("to", "by") and prev.dep_ == "quantmod" else None


def _counted_object(verb: Token, start: int, end: int) -> Token | None:
    """The verb's object when it is a counted noun ("recorded 11,200 new arrivals")."""
    for child in verb.children:
        if (
            child.dep_ == "dobj" and child.tag_ in ("NNS", "NN") and not _in_span(child, start, end)
            and not _is_amount(child) and any(c.dep_ == "nummod" for c in child.children)
        ):
            return child
    return None


def _superlative_object(verb: Token, start: int, end: int) -> Token | None:
    """'leading the most laps with 70', 'won the largest share of the vote with 45%': the
    verb's object a superlative picks out; the amount "with" gives is how many of it."""
    if not _is_verb(verb):
        return None
    for child in verb.children:
        if (
            child.dep_ == "dobj" and child.tag_ in ("NNS", "NN") and not _in_span(child, start, end)
            and any(c.dep_ in ("amod", "advmod") and c.tag_ in ("JJS", "RBS")
                    for c in child.children)
        ):
            return child
    return None


def _restatement(root: Token, start: int, end: int) -> Token | None:
    """An apposition of an amount that names what it is ("its lowest total"): a definite
    common noun with no proper name in its phrase (a person's title after an amount is a
    misparse; a bare "south-east" after a distance says where, not what)."""
    for child in root.rights:
        if (
            child.dep_ == "appos" and child.tag_ in ("NN", "NNS") and not _is_amount(child)
            and not _in_span(child, start, end)
            and any(c.dep_ in ("det", "poss") for c in child.lefts)
            and not any(
                t.tag_ in ("NNP", "NNPS") or t.like_num for t in child.subtree if t.i < child.i
            )
        ):
            return child
    return None


#: Singular nouns a count before a plural counts in their own right ("a three time winner").
_REPEATED_NOUNS = _TIME_NOUNS | {"time", "term", "season"}


def _shared_plural_head(root: Token, head: Token) -> Token | None:
    """'twenty-three arid and semi-arid counties': the parser takes the first adjective for
    a singular noun and the plural noun for its conjunct; a count above one counts the
    plural noun the coordination shares. So it does the plural noun right after a singular
    one that the parser made part of a name after it or an apposition to the singular noun
    ('Two veteran politicians Lee Cheuk-yan and Frederick Fung': "veteran" is no count of
    two, "politicians" is)."""
    if head.tag_ != "NN" or root.lower_ in ("one", "1") or head.i < root.i:
        return None
    after = head.nbor(1) if head.i + 1 < len(head.doc) else None
    if (
        # ("Three time winners Ana Ruiz and Leo Park": a count of times, three-time.)
        after is not None and head.lower_ not in _REPEATED_NOUNS and after.tag_ == "NNS" and (
            after.dep_ == "compound" and after.head.tag_ in ("NNP", "NNPS")
            and after.head.i > after.i
            # (With no comma between, a plural right after the noun restates nothing.)
            or after.dep_ == "appos" and after.head.i == head.i
            # (Or the singular noun read as the plural's adjective: "Two veteran politicians".)
            or head.dep_ == "amod" and head.head.i == after.i
        )
    ):
        return after
    return next((c for c in head.rights if c.dep_ == "conj" and c.tag_ == "NNS"), None)


def _described_by_participle(story: _Story, start: int, end: int) -> Token | None:
    """The common noun right before a participle or "worth" that takes the amount after
    it ("bribes totalling RM 3.2 million", "reserves worth $780 million")."""
    first = story.token_at(start)
    if first is None:
        return None
    at = first.i - 1
    end_token = story.token_at(end - 1) if end > start else None
    last = end_token.i if end_token is not None else first.i
    while at > 0 and (
        first.doc[at].dep_ == "quantmod"
        # "contracts worth a combined 46 million": an article and a modifier of the amount
        or (
            first.doc[at].dep_ in ("det", "amod", "advmod")
            and first.i <= first.doc[at].head.i <= last
            and first.doc[at].lower_ != "worth"  # the link itself, however it was parsed
        )
    ):
        at -= 1  # "asset sales worth about 150 billion shillings": past the hedge
    if at < 1:
        return None
    link, noun = first.doc[at], first.doc[at - 1]
    if not (link.tag_ in ("VBG", "VBN") or link.lower_ == "worth"):
        return None
    if noun.lower_ in _DISTRIBUTIVES and noun.i >= 2 and noun.nbor(-1).text == ",":
        noun = noun.doc[noun.i - 2]  # "The satellites, each weighing about 715 kg"
    return noun if noun.tag_ in ("NN", "NNS") else None


#: Words that hand a participle's measure to each of the things named before them.
_DISTRIBUTIVES = frozenset({"each", "both", "all"})


def _of_owner(noun: Token) -> Token:
    """The noun whose "of" phrase `noun` is ("the value of the equipment"), else `noun`."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.tag_ in _NOUNS:
        return prep.head
    return noun


def _changed_by(root: Token, head: Token, start: int, end: int) -> list[Token]:
    """The verb's object, for an amount that measures a change hung on the verb ("30%
    more", "up 8%"); an object that is itself an amount gives its "of" phrase ("882,000
    tonnes of copper" -> copper)."""
    if root.dep_ != "npadvmod" or head.lower_ not in _COMPARATIVES or head.dep_ != "advmod":
        return []
    verb = head.head
    if not _is_verb(verb):
        return []
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.tag_ in _NOUNS), None)
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (
        subject is not None and subject.tag_ in _NOUNS and _counted(subject)
        and not _in_span(subject, start, end)
        and not any(_measured_object(c) for c in verb.children if c.dep_ == "dobj")
    ):
        # "38,400 migrants had reached Italian shores ..., down 12%": the change is of the
        # clause's count, its subject's here, not of the uncounted object.
        return _noun_phrase(subject, start, end, with_preps=False)
    if obj is None or _in_span(obj, start, end) or obj.lower_ in _STANDING:
        return []
    if _is_amount(obj) or _UNIT_RE.fullmatch(obj.text):
        tail = _prep_tail(obj, start, end)
        return _clip(tail[1:]) if tail and tail[0].lower_ == "of" else []
    return _noun_phrase(obj, start, end, with_preps=False)


def _counted(noun: Token) -> bool:
    """Whether a number counts the noun ("38,400 migrants")."""
    return any(c.dep_ == "nummod" and (c.like_num or c.tag_ == "CD") for c in noun.children)


def _measured_object(obj: Token) -> bool:
    """Whether an object is itself a quantity a change can be of: a number or an amount, a
    noun with a number or a comparative in its phrase ("$4 million in fines", "revenue of 5
    billion euros", "more passengers", "fewer phones")."""
    return any(
        t.like_num or t.tag_ in ("CD", "$", "JJR", "RBR") or _is_amount(t)
        or _UNIT_RE.fullmatch(t.text) is not None
        for t in obj.subtree
    )


def _names_a_thing(prep: Token) -> bool:
    """Whether an "in" phrase says what an amount is in ("$9 billion in reserves") rather
    than where or when ("twelve per cent in Riau", "21,600 in the same period")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and obj.tag_ in ("NN", "NNS") and obj.lower_ not in _TIME_NOUNS


def _apposed_noun(root: Token, start: int, end: int) -> Token | None:
    """The common noun an amount stands in apposition to, which is what the amount is:
    "Vietnamese exports 10.4 billion", "the record 14.4 metres", "the previous auction record
    for Gokhale, 2.1 million pounds" (through the name the parser hung it on). Not a noun a
    number of its own already counts ("3,100 cases, four times as many"), nor an amount."""
    if root.dep_ != "appos":
        return None
    noun = _phrase_owner(root.head)
    if (
        noun.tag_ not in ("NN", "NNS") or _in_span(noun, start, end) or noun.i > root.i
        or noun.like_num or _is_amount(noun) or _UNIT_RE.fullmatch(noun.text) is not None
        or any(c.dep_ == "nummod" for c in noun.children)
    ):
        return None
    # An apposition sits right after its noun's own short phrase ("record for Gokhale,");
    # one the parser hung on a subject a clause away ("The history of cyclones ... is
    # notable, with ..., millions left homeless") restates nothing of it.
    between = root.doc[noun.i + 1 : root.left_edge.i]
    phrase = {t.i for t in noun.subtree}
    if len(between) > 4 or any(t.i not in phrase for t in between):
        return None
    return (None if _a_level(noun, root) else _changing(noun)) or noun


def _measured_noun(story: _Story, root: Token, start: int, end: int) -> Token | None:
    """The noun a measure sizes through its adjective: "the wall, 300 metres long" and
    "the road, 40 kilometres wide" (the adjective modifies the noun), "the dam is 180 metres
    high" (the adjective is said of the copula's subject). With the rule family
    ``measured-nouns`` on, also a comparative set after its noun ("an area 40% larger than a
    year earlier"), and the noun an "of" phrase hangs on ("a column of ash 7 kilometres
    high": the column is high, the parser hung the adjective on the ash)."""
    adjective = root.head
    widened = not story.off("measured-nouns")
    comparative = widened and adjective.tag_ == "JJR" and adjective.dep_ == "amod"
    if root.dep_ != "npadvmod" or not (adjective.lower_ in _MEASURE_ADJECTIVES or comparative):
        return None
    while adjective.dep_ == "conj" and adjective.head.lower_ in _MEASURE_ADJECTIVES:
        adjective = adjective.head  # "71 metres tall and 68 metres wide": said of the same
    noun: Token | None
    if adjective.dep_ == "amod":
        noun = adjective.head
    elif adjective.dep_ == "acomp":
        noun = next(
            (c for c in adjective.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
        )
    else:
        return None
    if noun is None or noun.tag_ not in ("NN", "NNS") or _in_span(noun, start, end):
        return None
    if comparative and noun.i > adjective.i:
        return None  # ("a 40% larger area" is read by the number's own noun.)
    of = noun.head
    if (
        widened and noun.dep_ == "pobj" and of.lower_ == "of" and of.i == noun.i - 1
        and of.head.tag_ in ("NN", "NNS") and of.head.i == of.i - 1
        and not _UNIT_RE.fullmatch(of.head.text) and not _in_span(of.head, start, end)
    ):
        return of.head
    return noun


def _deviation_of(story: _Story, start: int, end: int) -> Token | None:
    """"temperatures 1.5 degrees above normal", "rainfall 20% below average": an amount set
    right after a common noun and before "above" or "below" is how far that noun stands
    from a norm (the parser, which often coordinates the amount with the nouns before it,
    says otherwise). Rule family ``measured-nouns``."""
    span = story.span(start, end)
    if story.off("measured-nouns") or span is None or span.start < 1 or span.end >= len(span.doc):
        return None
    doc = span.doc
    noun, after = doc[span.start - 1], doc[span.end]
    if after.lower_ not in ("above", "below") or noun.tag_ not in ("NN", "NNS"):
        return None
    if not noun.is_lower or _UNIT_RE.fullmatch(noun.text) or noun.lower_ in _TIME_NOUNS:
        return None
    return noun


_LENGTH_UNITS = frozenset(words("length_units"))
_DURATION_NOUNS = frozenset(
    {"minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"}
)


def _duration_of(story: _Story, start: int, end: int) -> Token | None:
    """The noun of a duration's own "of" phrase ("36 hours of rain", "two decades of war")."""
    own = _own_head(story, start, end)
    if own is None or own.lower_ not in _DURATION_NOUNS:
        return None
    for prep in own.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.tag_ in ("NN", "NNS") and not _in_span(obj, start, end):
                return obj
    return None


def _duration_owner(root: Token) -> Token | None:
    """The common noun whose "of" phrase a length of time is ("sentence" of "a sentence of
    14 years"), or None."""
    prep = root.head
    if root.lower_ not in _TIME_NOUNS or root.dep_ != "pobj" or prep.lower_ != "of":
        return None
    owner = prep.head
    if owner.tag_ not in ("NN", "NNS") or owner.lower_ in _TIME_NOUNS or owner.like_num:
        return None
    if owner.lower_ in _AMOUNT_NOUNS:
        return None  # "a minimum of three years in prison": a bound, not what is measured
    return owner


#: Nouns that stand for an amount itself, not for what it measures ("a minimum of").
_AMOUNT_NOUNS = frozenset(words("amount_nouns"))


def _object_before_of(of: Token, start: int, end: int) -> Token | None:
    """'take home prize money of US$250,000': an "of" the parser hung on the verb right
    after its object noun belongs to that noun ("a fine of", "a grant of")."""
    verb = of.head
    if of.lower_ != "of" or of.dep_ != "prep" or not _is_verb(verb):
        return None
    return next(
        (c for c in verb.children
         if c.dep_ == "dobj" and c.tag_ in ("NN", "NNS") and c.right_edge.i == of.i - 1
         and not _in_span(c, start, end) and not _is_amount(c) and not c.like_num),
        None,
    )

