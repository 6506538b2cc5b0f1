"""Counts read through another count: what a number counts when the story says it by
setting the number against a set or an earlier count.

"twelve of the country's twenty-three counties" (a part of a set), "four of the injured"
(a set named by a participle), "14 of 52 samples" and "61 votes to 48" (one count against
another), "Two of the dead were children" (what the part is), "and 700,000 with ACC cards"
(a conjunct whose noun is left out), "another 100,000 have been arrested" (the count
before) and "damaged 12,000 houses, with 7,500 in the valley" (a breakdown of the count
before). figure_labels.py tries these on a bare number, which has no noun of its own; each
returns nothing unless its shape is plain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.figure_grammar import _VAGUE_RE
from summariser.extract.figure_heads import (
    _COPULAS,
    _NOUNS,
    _QUANTIFIES,
    _TIME_NOUNS,
    _UNIT_RE,
    _YEAR_RE,
    _clip,
    _in_span,
    _is_amount,
    _is_verb,
    _noun_phrase,
    _prep_tail,
)
from summariser.text import SCALE_VALUES
from summariser.wordlists import words

#: Units of time below a day, which count time and never things.
_CLOCK_NOUNS = frozenset({"seconds", "minutes", "hours"})

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story


def _earlier_counted_noun(story: _Story, root: Token) -> Token | None:
    """The plural noun the nearest count before this one quantifies, in this sentence or the
    one before: what an elided count ("another 100,000 have been arrested") counts."""
    sent_start = root.sent.start
    prev = root.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
    for token in reversed(root.doc[prev : root.i]):
        if _counts_things(token):
            return token.head
    return None


def _counts_things(token: Token) -> bool:
    """Whether the token is a count of the plural noun after it ("12,000 houses"), and not
    of time or a unit ("exploded 73 seconds after liftoff, killing all six": things are not
    counted in seconds, or in any unit)."""
    return (
        token.dep_ == "nummod" and token.head.tag_ == "NNS" and token.head.i > token.i
        and token.head.lower_ not in _TIME_NOUNS | _CLOCK_NOUNS
        and not _UNIT_RE.fullmatch(token.head.text)
    )

def _fronted_set(count: Token) -> Token | None:
    """'Of the pieces, 31 came from Paris': a set fronted on the verb of a bare count that
    is its subject, which the count is a part of."""
    if count.dep_ not in ("nsubj", "nsubjpass") or not count.like_num:
        return None
    for prep in count.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i < count.i:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.tag_ in ("NNS", "NNPS"):
                return obj
    return None


def _partitive(root: Token, start: int, end: int) -> list[Token]:
    fronted = _fronted_set(root)
    if fronted is not None and not _in_span(fronted, start, end):
        return _noun_phrase(fronted, start, end, with_preps=False)
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                nominal = obj.tag_ in ("JJ", "VBN") and any(c.dep_ == "det" for c in obj.children)
                if obj.dep_ == "pobj" and (obj.tag_ in _NOUNS or nominal) and obj.tag_ != "PRP":
                    # "twelve of the country's counties"; "four of the injured", "two of
                    # the dead": an adjective or participle with its article is a set.
                    owned = _possessed_set(obj)
                    if owned:
                        return owned
                    return _noun_phrase(obj, start, end, with_preps=False)
    return []

def _possessed_set(owner: Token) -> list[Token]:
    """'twelve of the country's twenty-three counties': the set is what the possessor owns.

    The small parser often takes the possessor for the object of 'of' and hangs the set
    noun elsewhere (an apposition of the number), which would label twelve counties
    "country". The set is the last noun of the phrase after the possessive marker, up to
    the clause's next verb, comma or preposition; its numbers (another figure) stay out.
    """
    doc = owner.doc
    if owner.i + 1 >= len(doc) or doc[owner.i + 1].tag_ != "POS":
        return []
    run: list[Token] = []
    for token in doc[owner.i + 2 : owner.i + 12]:
        if _is_verb(token) or token.tag_ in ("IN", "TO", "WDT", "WP") or (
            token.is_punct and token.text not in "-‐"
        ):
            break
        run.append(token)
    last_noun = max((k for k, t in enumerate(run) if t.tag_ in ("NNS", "NNPS")), default=-1)
    if last_noun < 0:
        return []
    words = [
        t for t in run[: last_noun + 1]
        if not (t.like_num or t.tag_ == "CD" or (t.tag_ == "HYPH" and t.i > 0 and
                                                 doc[t.i - 1].like_num))
    ]
    return [owner, doc[owner.i + 1], *words]


def _count_of_count(root: Token, start: int, end: int) -> Token | None:
    """The noun another count quantifies when this bare count is set against it: "14 of 52
    samples" (the parser hangs 14 on 52), a margin "by 61 votes to 48"."""
    head = root.head
    noun = _out_of(root, end)
    if noun is not None:
        return noun  # (a plural noun after the count: never in its span)
    if root.dep_ == "quantmod" and head.like_num and head.dep_ == "nummod":
        noun = head.head
    elif root.dep_ == "pobj" and head.lower_ == "to" and head.dep_ == "dative":
        # "won 2,941 votes to Ibrahim's 2,754": the verb's counted object against this one.
        noun = next((c for c in head.head.children if c.dep_ == "dobj"), None)
        if noun is None or not any(c.dep_ == "nummod" for c in noun.children):
            return None
    elif root.dep_ == "pobj" and head.lower_ == "to":
        # A margin "by 61 votes to 48": the "to" hangs on the "by" phrase or on its verb.
        anchor = head.head
        by = anchor if anchor.lower_ == "by" else next(
            (c for c in anchor.children if c.lower_ == "by" and c.dep_ in ("prep", "agent")),
            None,
        )
        noun = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        if noun is None or not any(c.dep_ == "nummod" for c in noun.children):
            return None
    else:
        return None
    if noun.tag_ not in ("NNS", "NNPS") or _in_span(noun, start, end):
        return None
    return noun

#: What may stand between "out of" and the noun it counts: "every 100", "the board's 34",
#: "3,763 polling".
_OUT_OF_MODIFIERS = frozenset({"DT", "CD", "JJ", "PRP$", "POS", "NN", "NNP", "HYPH"})


def _out_of(root: Token, end: int) -> Token | None:
    """"38 out of every 100 rupees", "96 out of 3,763 polling units": the counted noun of
    the "out of" right after the count, wherever the parser hung the phrase (on the count,
    or on the preposition before it)."""
    doc = root.doc
    after = next((t for t in doc[root.i :] if t.idx >= end), None)
    if after is None or after.lower_ != "out" or after.i + 1 >= len(doc):
        return None
    of = doc[after.i + 1]
    if of.lower_ != "of":
        return None
    # The first plural noun after "of", over its determiners, modifiers and count (the
    # parser may hang the noun elsewhere: "3 out of 10 voters turned out").
    for token in doc[of.i + 1 : of.i + 7]:
        if token.tag_ in ("NNS", "NNPS"):
            counted = any(t.like_num or t.tag_ == "CD" for t in doc[of.i + 1 : token.i])
            return token if counted else None
        if token.tag_ not in _OUT_OF_MODIFIERS:
            return None
    return None


def _copula_attribute(subject: Token) -> Token | None:
    """The noun a copula says its subject is ("Two of the dead were children")."""
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lower_ not in _COPULAS:
        return None
    return next((c for c in verb.rights if c.dep_ == "attr" and c.tag_ in ("NN", "NNS")), None)

def _elided_head_label(root: Token, start: int, end: int) -> list[Token]:
    """The label of a number whose noun is left out, from the conjunct it parallels: a
    coordinated noun ("1.3 million Afghans ... and 700,000 with ACC cards") or the same
    argument of a coordinated verb ("killing nine people and injuring more than 140",
    "nineteen people were treated ... and eleven were taken to hospital")."""
    noun = None
    if root.dep_ == "conj":
        partner = root.head
        if partner.tag_ in _NOUNS and not partner.like_num:
            noun = _gapped_count(root, partner) or partner
        elif partner.like_num and partner.dep_ in _QUANTIFIES and partner.head.tag_ in _NOUNS:
            noun = partner.head
    elif _is_verb(root.head) and root.head.dep_ == "conj" and _is_verb(root.head.head):
        # A count the parser hangs on its verb as a modifier ("and 140,000 hold only ...")
        # is that verb's subject.
        dep = "nsubj" if root.dep_ == "nummod" else root.dep_[:5]
        for other in root.head.head.children:
            # ("Sixty people were killed ...": a number word opening the sentence is
            # often tagged an adjective.)
            if other.dep_.startswith(dep) and any(
                c.dep_ == "nummod" or c.dep_ == "amod" and c.like_num for c in other.children
            ):
                noun = other
        if noun is not None and noun.tag_ in _NOUNS and dep == "nsubj":
            verb = root.head
            objects = [c for c in verb.rights if c.dep_ == "dobj"]
            tail = list(objects[0].subtree) if objects else []
            tail = tail if len(tail) <= 5 and not any(t.like_num for t in tail) else []
            return _clip([*_noun_phrase(noun, start, end, with_preps=False), verb, *tail])
    if noun is None or noun.tag_ not in _NOUNS:
        return []
    own = _prep_tail(root, start, end)
    left = _noun_phrase(noun, start, end, with_preps=False)
    return _clip([*left, *own])


def _vague_count_label(root: Token, start: int, end: int) -> list[Token]:
    """'at least sixty people have been killed and hundreds have been wounded': a vague
    count ("hundreds") with no noun of its own, that something was done to, counts what the
    coordinated clause's count does (`_elided_head_label`). ("Three ministers resigned and
    thousands protested": who act in a clause of their own are as often others.)"""
    if not _VAGUE_RE.match(root.text) or root.dep_ != "nsubjpass" or any(
        c.dep_ == "prep" and c.lower_ == "of" for c in root.children
    ):
        return []
    return _elided_head_label(root, start, end)


def _gapped_count(root: Token, partner: Token) -> Token | None:
    """'412,000 people had fled to evacuation centres in X and 96,000 in Y': the parser
    coordinates the bare count with the object of a preposition (where they fled), but the
    clause is the first one again with its verb left out, and the count is of the count's
    noun before it, the subject or object of that clause."""
    if partner.dep_ != "pobj" or any(t.like_num for t in partner.subtree if t.i < partner.i):
        return None
    for token in reversed(root.doc[root.sent.start : partner.i]):
        if _counts_things(token) and token.head.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return token.head
        fronted = _fronted_set(token)
        if fronted is not None:
            return fronted  # "Of the pieces, 31 came from X and 16 from Y"
    return None


def _breakdown_of(story: _Story, root: Token) -> Token | None:
    """'Floods damaged 12,000 houses, with 7,500 in the valley and 4,500 on the coast': a
    bare count in a "with" phrase hung on the clause is a part of a count before it in the
    sentence, and counts what that count counts ("with $5 billion going to Europe" too).
    A part is never larger than its whole: "68,400 cases and 1,630 deaths, with 41,000 in
    Khartoum" breaks down the cases, though the deaths are nearer."""
    first = _with_phrase(root)
    if first is None:
        return None
    part = _count_value(first)
    for token in reversed(first.doc[first.sent.start : first.i]):
        if _counts_things(token):
            whole = _count_value(token)
            if part is None or whole is None or whole >= part:
                return token.head
    return None


def _with_phrase(root: Token) -> Token | None:
    """The count a "with" phrase on a clause holds ("..., with 7,500 in the valley", "with
    $5 billion going to Europe"), the first of coordinated ones, or None."""
    while root.dep_ == "conj" and root.head.like_num:
        root = root.head
    prep = root.head
    if root.dep_ in ("nsubj", "nsubjpass") and prep.dep_ == "pcomp":
        prep = prep.head
    elif root.dep_ != "pobj":
        return None
    if prep.lower_ != "with" or not _is_verb(prep.head):
        return None
    return root


def _count_value(token: Token) -> float | None:
    """The value of a count written in digits and scale words ("68,400", "3 million"), or
    None when it is written otherwise."""
    value = 1.0
    seen = False
    for part in token.subtree:
        if part.i > token.i:
            break  # "800 in the capital": what follows the number is not its value
        text = part.lower_.replace(",", "")
        if text in SCALE_VALUES:
            value *= SCALE_VALUES[text]
        else:
            try:
                value *= float(text)
            except ValueError:
                if part.dep_ in ("quantmod", "advmod"):
                    continue  # "about", "more than": a hedge says nothing of the value
                return None
            seen = True
    return value if seen else None


def _like_amount(token: Token, root: Token, start: int, end: int) -> bool:
    """Whether `token` is another amount of the same kind as the figure at `root`: a share
    beside a share, money or a unit beside money or a unit."""
    return (
        _is_amount(token) and not _in_span(token, start, end)
        and _same_kind(token, root)
    )


def _compared_amount(verb: Token, root: Token, start: int, end: int) -> Token | None:
    """The verb's own amount before a compared value ("supply 38% of ..., up from 17%"),
    of the same kind: a share is compared with a share, money with money."""
    for child in verb.children:
        if child.dep_ in ("dobj", "attr") and child.i < root.i and _like_amount(
            child, root, start, end
        ):
            return child
    return None


def _of_which(root: Token) -> Token | None:
    """For a count or share opening an "of which" clause, what the clause is a part of:
    the nearest amount or counted noun before it in the sentence."""
    if root.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    which = next(
        (
            grand for child in root.head.children
            if child.dep_ == "prep" and child.lower_ == "of" and child.i < root.i
            for grand in child.children
            if grand.dep_ == "pobj" and grand.lower_ in ("which", "whom")
        ),
        None,
    )
    if which is None:
        return None
    for token in reversed(root.doc[root.sent.start : which.i - 1]):
        if _is_amount(token) or (
            token.tag_ == "NNS" and any(c.dep_ == "nummod" for c in token.children)
        ):
            return token
    return None


def _previous_amount(root: Token, start: int, end: int) -> Token | None:
    """The nearest amount before this one in its sentence, of the same kind (a share for a
    share, money for money): what a value "compared with" or "against" is set beside."""
    for token in reversed(root.doc[root.sent.start : root.i]):
        if _like_amount(token, root, start, end):
            return token
    return None


def _among(root: Token, start: int, end: int) -> Token | None:
    """For a bare count that is its clause's subject, the plural noun of an "among" phrase
    on its verb before it ("Among children given the dose, 212 were admitted")."""
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for child in root.head.children:
        if child.dep_ == "prep" and child.lower_ == "among" and child.i < root.i:
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
            # A set the text defines ("children given the single dose"), not "among other
            # measures" or "among the ruins".
            defined = noun is not None and any(
                c.dep_ in ("acl", "relcl") or c.tag_ == "VBN" for c in noun.children
            )
            if (
                defined and noun is not None and noun.tag_ in ("NNS", "NNPS")
                and not _in_span(noun, start, end)
            ):
                return noun
    return None


def _amount_heads_before(root: Token, start: int, end: int) -> list[Token]:
    """The amounts before this one in its sentence, nearest first: each the head token of
    its own number phrase ("billion" of "$25.9 billion", "%" of "2.6%")."""
    out = []
    for token in reversed(root.doc[root.sent.start : root.i]):
        if _in_span(token, start, end):
            continue
        number = token.like_num or token.tag_ == "CD" or _is_amount(token)
        inner = token.head.like_num or token.head.tag_ == "CD" or _is_amount(token.head)
        year = _YEAR_RE.fullmatch(token.text) is not None
        if number and not (inner and token.head.i != token.i) and not year:
            out.append(token)
    return out


def _same_kind(token: Token, root: Token) -> bool:
    """A share beside a share, money or a unit beside money or a unit."""
    return (token.text == "%") == (root.text == "%")


def _coordinated_amount(root: Token, start: int, end: int) -> Token | None:
    """For an amount the parser coordinated with a verb ("raise the bill by $4.80 a month,
    or about 3%"; "rose to $27.4 billion from $25.9 billion, or $22.1 billion under the
    IMF's method"), the amount of that verb's clause it restates or parallels: after "or",
    the nearest amount before it under the same verb, of any kind (a share restates money);
    after "and", the nearest of its own kind."""
    verb = root.head
    if root.dep_ != "conj" or not _is_verb(verb):
        return None
    restates = any(
        c.dep_ == "cc" and c.lower_ == "or" and c.i < root.i for c in verb.children
    )
    for token in _amount_heads_before(root, start, end):
        if verb not in token.ancestors:
            continue
        if restates or _same_kind(token, root):
            return token
    return None


def _part_of_amount(root: Token, start: int, end: int) -> Token | None:
    """'rose to a record $36.5 billion, with 11.2 billion coming from Saudi Arabia': a bare
    amount in a "with" phrase hung on the clause is a part of an amount before it in the
    sentence (never larger than it), and counts what that amount counts."""
    if _with_phrase(root) is None:
        return None
    part = _count_value(root)
    for token in _amount_heads_before(root, start, end):
        whole = _count_value(token)
        if part is not None and whole is not None and whole >= part:
            return token
    return None


_RIVAL_WORDS = frozenset(words("rival_comparison_words"))


def _rival_amount(root: Token, start: int, end: int) -> Token | None:
    """The leader's amount a rival's is set beside: "had 46.3% of the vote, ahead of Nino
    Beridze ... on 38.9%", "controls about 55% of the market, ahead of Samsung at 30% and
    Micron at 15%" (the nearest amount of the same kind before the rival word)."""
    if root.dep_ != "pobj" or root.head.lower_ not in ("at", "on", "with"):
        return None
    before = root.doc[root.sent.start : root.i]
    rival = next((t for t in reversed(before) if t.lower_ in _RIVAL_WORDS), None)
    if rival is None:
        return None
    for token in _amount_heads_before(root, start, end):
        if token.i < rival.i and _same_kind(token, root):
            return token
    return None
