"""What a figure counts when the parse of its own clause reaches no noun, or only a clause's
words: the readings that borrow the label of another figure of the sentence (a forecast's
for the actual set against it, a coordinated amount's, a rated amount's) or of a count before
("put the figure at 40,000", "about 65% of them").

Split from figure_labels.py, whose whole walk these readings call again, one level deeper, for
the other figure; the walk is passed in (``Walk``) so that the depth bound stays the caller's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from summariser.extract.figure_clauses import _CHANGE_VERBS, _end_point_before, _rated_amount
from summariser.extract.figure_counts import _coordinated_amount, _earlier_counted_noun
from summariser.extract.figure_forecasts import _EXPECTATION_VERBS, _actual_of
from summariser.extract.figure_heads import (
    _COPULAS,
    _UNIT_RE,
    _bare_number,
    _figure_span_of,
    _is_amount,
    _is_verb,
    _noun_phrase,
)
from summariser.extract.figure_multiples import _of_them
from summariser.extract.figure_preps import _label_of
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story

#: The whole label walk: the label of the figure at [start, end) read at the given depth.
Walk = Callable[[int, int, int], "list[Token]"]

_PLACEHOLDERS = frozenset(words("figure_placeholder_nouns"))
_RESTATING = frozenset(words("restating_words"))
_RISING_FALLING = frozenset(words("rising_falling_verbs"))
_COSTING = frozenset(words("cost_verbs"))


def _amount_label(walk: Walk, amount: Token | None, depth: int) -> list[Token]:
    """The label of the figure an amount token heads, read one level below ``depth``."""
    return _label_of(amount, lambda s, e: walk(s, e, depth + 1))


def _refined_label(
    story: _Story,
    root: Token,
    start: int,
    end: int,
    tokens: list[Token],
    depth: int,
    walk: Walk,
) -> list[Token]:
    """The label ``tokens`` the parse gave the figure at [start, end), or, where they are a
    clause's words, nothing, a pronoun, a rate or a placeholder noun, the label another
    figure or count of the sentence gives it."""
    if (not tokens or any(t.i == root.head.i for t in tokens)) and depth < 2:
        # A clause's words, or none, beside a forecast: the actual is of what the forecast
        # measures ("forecast gusts of up to 200 kph, but a station recorded 238 kph").
        expected = _actual_of(root, start, end)
        label = _amount_label(walk, expected, depth + 1) if expected is not None else []
        # (Not the forecast's own clause: "Forecasters had predicted" is no measure.)
        if label and not any(t.lower_ in _EXPECTATION_VERBS for t in label):
            return label
    if not tokens and root.dep_ == "conj" and depth < 2:
        tokens = _conjunct_label(story, root, start, end, depth, walk)
    unit_only = bool(tokens) and all(_UNIT_RE.fullmatch(t.text) for t in tokens)
    if (not tokens or unit_only) and depth < 2 and not story.off("parallel-figures"):
        parallel = _same_verb_subject(root, start, end)
        if parallel is not None:
            # (Without its "in Hyderabad": what the first clause says of its own place. A
            # unit borrowed from the first amount, "metres", says how, not what.)
            tokens = [*_noun_phrase(parallel, start, end, with_preps=False), root.head]
    if (
        (not tokens or any(t.i == root.head.i for t in tokens)) and _is_verb(root.head)
        # ("its shares rose 3%": a change is of what changes, not a share of a whole.)
        and root.head.lower_ not in _RISING_FALLING
        and root.head.lower_ not in _CHANGE_VERBS
    ):
        # "came second with 27.9% of the vote, and the SLPP won 6.4%": a bare share a verb
        # takes, with no whole of its own, is a share of the whole an earlier share of its
        # sentence names, not of the verb's subject ("SLPP won").
        whole = _whole_of_earlier_share(story, root, start, end)
        if whole:
            return whole
    if not tokens and not story.off("clause-figures"):
        # "it cost $103.7 million to build the station", "Investments were up by 6%".
        tokens = _cost_of_doing(root, start, end) or _copula_change(root, start, end)
    if not tokens:
        tokens = _restated_noun(story, start, end)
    if not tokens:
        # "temperatures fell to minus 47 degrees Celsius and deep snow buried ...": where the
        # parser hangs the amount elsewhere, the preposition right before it still makes
        # it the end point of its verb's change.
        tokens = _end_point_before(story, start, end)
    if not tokens or all(t.tag_ in ("PRP", "PRP$") for t in tokens):
        # "198 conflicts ..., about 65% of them": when the parse reaches no noun, the
        # pronoun's set is the count before.
        return _of_them(story, root, start, end) or tokens
    words_ = [t for t in tokens if t.tag_ not in ("DT", "PRP$", "POS")]
    rated = _rated_amount(words_[0]) if len(words_) == 1 and depth < 2 else None
    if rated is not None and not rated[0] <= start < rated[1]:
        # "dropped to 6,800 dong a kilogram from 8,200 dong": a rate ("a kilogram") is no
        # label; this amount is of what the rated amount is.
        return walk(rated[0], rated[1], depth + 1)
    if len(words_) == 1 and words_[0].lower_ in _PLACEHOLDERS and _bare_number(
        story, start, end
    ) and not any(c.dep_ == "prep" for c in words_[0].children):
        # "put the figure at 40,000": "figure" stands for the count before ("150,000
        # people"); what that count counts is what this bare count does. ("The number is
        # 14% lower" keeps "number": the share is a change of the number itself.)
        earlier = _earlier_counted_noun(story, root)
        if earlier is not None:
            return _noun_phrase(earlier, start, end, with_preps=False)
    return tokens


#: Common nouns that name a party acting (a body, a government), not a measure.
_ACTORS = frozenset(w.casefold() for w in (*words("org_descriptors"), *words("group_nouns")))


def _an_actor_takes(root: Token) -> bool:
    """Whether the verb taking `root` has a party for a subject: a pronoun, a name (the NER
    model's person, body, country or people, or any proper noun), or a noun for a body ("the company
    has offered 5%"); not a measure ("turnout reached 45%")."""
    verb = root.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ == "conj":
        # "Shell sold a 40% stake in the field and kept 20%": the first verb's party.
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    return (
        subject.tag_ in ("PRP", "NNP", "NNPS")
        or subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or subject.lower_ in _ACTORS
    )


def _cost_of_doing(root: Token, start: int, end: int) -> list[Token]:
    """"it cost $103.7 million to build the station", "It will take $2 billion to repair the
    dam": with "it" standing in for the infinitive after the amount, the amount is the cost
    of doing that; the verb, the infinitive and its object."""
    verb = root.head
    if root.dep_ not in ("dobj", "npadvmod") or not _is_verb(verb) or verb.lower_ not in _COSTING:
        return []
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "expl")), None)
    doing = next((c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.i > root.i), None)
    if subject is None or subject.lower_ != "it" or doing is None:
        return []
    to = next((c for c in doing.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    obj = next((c for c in doing.children if c.dep_ == "dobj"), None)
    if to is None or obj is None or obj.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
        return []
    phrase = _noun_phrase(obj, start, end, with_preps=False)
    if not phrase:
        return []
    # (From "to" to the object's last word, its determiner kept: "to build the station".)
    return [verb, *verb.doc[to.i : phrase[-1].i + 1]]


def _copula_change(root: Token, start: int, end: int) -> list[Token]:
    """"Investments in this area were up by 6% in 2015 to $221bn": a change by an amount, or
    its end points, stated with a copula and "up" or "down", are of the copula's subject
    (which the clause reading leaves out, as a copula's amount is not always said of its
    subject)."""
    prep = root.head
    copula = prep.head
    if (
        root.dep_ != "pobj" or prep.lower_ not in ("by", "to", "from")
        or copula.lower_ not in _COPULAS
    ):
        return []
    if sum(c.dep_ == "prep" and c.lower_ == prep.lower_ for c in copula.children) != 1:
        return []  # "Prices were up by 8% and wages by 3%": the second change is not theirs
    direction = next((c for c in copula.children if c.lower_ in ("up", "down")), None)
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if direction is None or subject is None or subject.tag_ not in ("NN", "NNS"):
        return []
    return [*_noun_phrase(subject, start, end, with_preps=False), copula, direction]


def _same_verb_subject(root: Token, start: int, end: int) -> Token | None:
    """"The temperature in Hyderabad reached 48 degrees, and in Jacobabad it reached 51": an
    amount whose verb has only a pronoun for a subject, joined to a clause with the same
    verb taking an amount of its own, repeats that clause; that clause's subject."""
    verb = root.head
    if root.dep_ not in ("dobj", "attr") or not _is_verb(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # (The parser joins the two clauses either way round: "and" makes the second a
    # conjunct of the first, a comma often the first a clausal complement of the second.)
    linked = [verb.head] if verb.dep_ == "conj" else [
        c for c in verb.children if c.dep_ in ("ccomp", "conj") and c.i < verb.i
    ]
    first = next((v for v in linked if v.lower_ == verb.lower_ and v.i < verb.i), None)
    if subject is None or subject.tag_ != "PRP" or first is None:
        return None
    obj = next((c for c in first.children if c.dep_ == root.dep_), None)
    own = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if obj is None or _figure_span_of(obj) is None or own is None:
        return None
    if own.tag_ not in ("NN", "NNS") or _is_amount(own):
        return None
    return own


def _restated_noun(story: _Story, start: int, end: int) -> list[Token]:
    """"she gave her royalties, about 1.2 million rand, to ...", "the second stage, worth
    $740 million, had ...": an amount set off by commas right after a noun restates it
    (the parser, which often hangs it elsewhere, gave it no words of its own)."""
    first = story.token_at(start)
    if first is None:
        return []
    doc = first.doc
    i = first.i - 1
    while i > first.sent.start and doc[i].lower_ in _RESTATING:
        i -= 1
    if i <= first.sent.start or doc[i].text != ",":
        return []
    noun = doc[i - 1]
    if noun.tag_ not in ("NN", "NNS") or _UNIT_RE.fullmatch(noun.text) or any(
        t.tag_ == "CD" for t in noun.lefts
    ):
        return []  # (A count has its own label: "12,000 houses, 7,500 of them".)
    if _bare_number(story, start, end) or noun.dep_ == "pobj":
        # (A bare count after a comma is a crowd or an age, "Despite the rain, some 5,000,
        # mostly students,", "The striker, almost 35,"; a preposition's object is where or
        # when, "In the south, about 40,000".)
        return []
    after = story.token_at(end) or story.token_at(end + 1)
    if after is not None and after.sent.start == first.sent.start and after.text not in ",.;":
        return []  # ("its shares, about 9% of the total": the amount says its own whole.)
    return _noun_phrase(noun, start, end, with_preps=False)


def _conjunct_label(
    story: _Story, root: Token, start: int, end: int, depth: int, walk: Walk
) -> list[Token]:
    """"grants of 500 pesos per month and 300 pesos per dependant": an amount coordinated
    with another, with no words of its own, is labelled like it (or, if the parser
    coordinated it with the counted noun itself, by that noun)."""
    partner = root.head
    other = _figure_span_of(partner)
    counted = not any(
        t.like_num or t.tag_ == "CD" for left in partner.lefts for t in left.subtree
    )
    if (
        partner.tag_ in ("NN", "NNS") and counted and not _is_amount(partner)
        and not partner.like_num
    ):
        # (A noun with a number of its own is another amount: "₹10 lakh, or $12,000".)
        return _noun_phrase(partner, start, end, with_preps=False)
    if _is_verb(partner):
        # "raise the bill by $4.80 a month, or about 3%": coordinated with the verb, it
        # restates (or parallels) the verb's amount before it.
        return _amount_label(walk, _coordinated_amount(root, start, end), depth)
    if other is not None and not other[0] <= start < other[1]:
        return walk(other[0], other[1], depth + 1)
    return []


_SHARE_RE = re.compile(r"(?:%|\bper\s?cent|\bpercent)$")


def _whole_of_earlier_share(story: _Story, root: Token, start: int, end: int) -> list[Token]:
    """The noun an earlier share of the sentence is "of" ("27.9% of the vote": "vote"), for
    a bare share at [start, end) (a percentage with no "of" of its own). Nothing when no
    earlier share names a whole."""
    if not _SHARE_RE.search(story.text[start:end]):
        return []
    after = story.token_at(end) or story.token_at(end + 1)
    if after is not None and after.lower_ == "of":
        return []
    sentence = root.sent
    for token in reversed(list(sentence)):
        if token.idx >= start:
            continue
        counted = token.head
        if (
            token.text == "%" and token.dep_ in ("compound", "nummod", "amod")
            and counted.tag_ in ("NN", "NNS") and counted.i > token.i
            and counted.idx + len(counted) <= start and not story.off("parallel-figures")
            and counted.dep_ == "dobj" and root.dep_ == "dobj" and _an_actor_takes(root)
        ):
            # "The union is demanding a 12% pay rise; the company has offered 5%": the
            # earlier share is of the noun it modifies, one verb's object; the bare share
            # a party takes is more of the same (not of that party). (A measure that
            # reaches a share is its own: "a 60% majority, and turnout reached 45%".)
            return [t for t in _noun_phrase(counted, start, end, with_preps=False)
                    if t.i > token.i]
        if token.lower_ != "of" or token.i == 0:
            continue
        before = story.text[max(sentence.start_char, token.idx - 12) : token.idx].rstrip()
        whole = next((c for c in token.children if c.dep_ == "pobj"), None)
        if not _SHARE_RE.search(before) or whole is None or whole.tag_ not in ("NN", "NNS"):
            continue
        return _noun_phrase(whole, start, end, with_preps=False)
    return []
