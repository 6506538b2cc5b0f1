"""The phrase a noun heads, as a figure's label prints it.

Split from figure_labels.py, which decides which noun a figure counts; this module only
turns that noun into words: its left modifiers and the prepositional phrases that say what
it is, clipped, never across a comma, a conjunction, a relative clause or another figure;
and it says what shape a figure has (a bare count, an amount with its own unit).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser.wordlists import alternation, words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story


#: Dependents that belong to a noun's own phrase on its left ("Afghan-origin synthetic drugs").
_LEFT_MODS = frozenset({"amod", "compound", "nmod", "poss", "case", "advmod", "npadvmod"})
#: Prepositions whose phrase says what or where the counted thing is ("Afghans in Pakistan
#: with PoR cards", "increase in seizures"); others ("on Saturday", "after talks") say when or
#: why, and stop the label.
_KEEP_PREPS = frozenset({"of", "in", "with", "for", "from", "on", "at", "to", "per", "among"})
# A currency or unit the figure pattern left outside the figure ("Swiss francs").
_UNIT_RE = re.compile(
    rf"(?:{alternation('currency_words')}|{alternation('unit_words')})", re.IGNORECASE
)
_CURRENCY_RE = re.compile(alternation("currency_words"), re.IGNORECASE)
# "$2.5 billion two years earlier": an amount with its own unit does not count the years.
_TIME_NOUNS = frozenset({"years", "year", "months", "month", "weeks", "week", "days", "day"})
_MAX_WORDS = 10
_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")
_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
#: Links from a number to the noun it quantifies.
_QUANTIFIES = frozenset({"nummod", "quantmod", "amod", "compound", "nmod", "npadvmod"})

_COPULAS = frozenset({"be", "is", "are", "was", "were", "been", "being"})


def _in_span(token: Token, start: int, end: int) -> bool:
    return start <= token.idx < end


def _is_number_phrase(token: Token, start: int, end: int) -> bool:
    return _in_span(token, start, end) or token.like_num or token.tag_ == "CD"


def _noun_phrase(head: Token, start: int, end: int, *, with_preps: bool = True) -> list[Token]:
    """The noun `head` with its left modifiers and its descriptive prepositional phrases,
    outside the figure's span and never across a comma, a conjunction or a relative clause."""
    tokens: list[Token] = [head]
    counts = [c.i for c in head.lefts if c.dep_ == "nummod" or _is_number_phrase(c, start, end)]
    first_number = min(counts, default=-1)
    for child in reversed(list(head.lefts)):
        number = child.doc[child.i - 1] if child.i > 0 else child
        if (
            child.tag_ == "HYPH" and child.i == tokens[0].i - 1 and number.like_num
            and number.head == head and not _in_span(number, start, end)
        ):
            # "five three-pointers": a number written into its noun with a hyphen is a word.
            tokens = [number, child, *tokens]
            continue
        if _is_number_phrase(child, start, end) or child.dep_ in ("nummod", "quantmod"):
            continue  # "a magnitude 5.9 earthquake": the figure sits inside its noun's phrase
        if child.dep_ not in _LEFT_MODS:
            break
        if child.i < first_number and not (child.dep_ == "compound" and child.tag_ in _NOUNS):
            break  # "an estimated 1.3 million Afghans": a hedge before it is no modifier
        if child.i != tokens[0].i - 1 and not all(
            t.dep_ in _LEFT_MODS or t.dep_ in ("nummod", "quantmod")
            or _is_number_phrase(t, start, end) or t.is_punct and t.text in "-‐’'$%"
            for t in child.doc[child.i + 1 : tokens[0].i]
        ):
            break
        # "over 28,000 Andy Warhol photographs": the count inside the modifier's subtree
        # (and its hedge) is the figure, not part of what is counted.
        counted = {t.i for c in child.subtree if c.dep_ in ("nummod", "quantmod")
                   and c.i != child.i and any(_in_span(x, start, end) for x in c.subtree)
                   for t in c.subtree}
        tokens = [*(t for t in child.subtree if t.i not in counted), *tokens]
    if with_preps:
        tokens += _prep_tail(head, start, end)
    tokens = [t for t in tokens if not _in_span(t, start, end)]
    return _clip(tokens)


def _prep_tail(head: Token, start: int, end: int) -> list[Token]:
    """The prepositional phrases right after `head` that say what it is ("in Pakistan with
    PoR cards"), up to the first comma, conjunction or other clause."""
    out: list[Token] = []
    last = max([head.i, *(t.i for t in head.subtree if t.i <= head.i)])
    for child in head.rights:
        if _in_span(child, start, end):
            # "six years and eight months in prison": the figure's own coordination.
            last = max(last, *(t.i for t in child.subtree))
            continue
        if child.dep_ != "prep" or child.lower_ not in _KEEP_PREPS:
            break
        full = list(child.subtree)
        sub = full
        gap = child.doc[last + 1 : sub[0].i]
        if any(not t.is_space for t in gap):
            break
        cut = next(
            (k for k, t in enumerate(sub) if t.dep_ in ("relcl", "acl")
             or (t.dep_ == "cc" and any(_is_number_phrase(u, start, end) for u in sub[k:]))
             or (t.is_punct and t.text not in "-‐’'") or (t.like_num and not _is_year(t))
             or _in_span(t, start, end)),
            len(sub),
        )
        noun = _counted_after(sub, cut)
        # "85% of the $12.4 million cost": an amount before the preposition's noun says
        # how much that is; the noun is still what the share is of. (Not "of the $546
        # million required": no noun, nothing to name.)
        sub = sub[:cut]
        while sub and (sub[-1].tag_ in ("$", "DT") or sub[-1].dep_ == "quantmod"):
            sub = sub[:-1]  # "of $1.6 billion" cut at the number leaves no "of $"
        if noun is not None and sub:
            sub.append(noun)
        if len(sub) < 2:
            break
        out += sub
        last = sub[-1].i
        if cut < len(full):
            break
    return out


def _modifies(token: Token, noun: Token) -> bool:
    """Whether `token` is part of an adjective or noun modifier of `noun` ("valid", "newly
    built", "part-time")."""
    return any(
        a.dep_ in ("amod", "compound") and a.head.i == noun.i for a in (token, *token.ancestors)
    )


def _counted_after(sub: list[Token], cut: int) -> Token | None:
    """The common noun an amount inside an "of" phrase modifies, when the phrase is cut at
    that amount and the noun comes right after it ("of the $12.4 million cost", "of its
    $216 million appeal for Afghanistan")."""
    if cut >= len(sub) or not sub[cut].like_num or sub[0].lower_ != "of":
        return None
    noun = next((c for c in sub[0].children if c.dep_ == "pobj"), None)
    if (
        noun is not None and noun.tag_ in ("NN", "NNS") and noun.i > sub[cut].i
        and _UNIT_RE.fullmatch(noun.text) is None
        and all(t.like_num or t.tag_ in ("$", "CD") or t.dep_ in ("quantmod", "nummod", "compound")
                or _modifies(t, noun)
                for t in sub if sub[cut].i <= t.i < noun.i)
    ):
        return noun
    return None


#: Function words a label never ends on (a relative pronoun is a clause cut off: "from a
#: dealer in Munich who").
_TRAILING_TAGS = frozenset({"IN", "DT", "CC", "TO", "POS", "WDT", "WP", "WP$", "WRB"})


def _clip(tokens: list[Token]) -> list[Token]:
    """At most a few words, without a leading article or a trailing function word."""
    tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    while tokens and (tokens[0].dep_ in ("det", "case", "punct", "cc") or tokens[0].is_punct):
        tokens = tokens[1:]
    tokens = tokens[:_MAX_WORDS]
    while tokens and (tokens[-1].tag_ in _TRAILING_TAGS or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def _is_year(token: Token) -> bool:
    """A year modifying a noun ("its 2019 output"): part of the phrase, not another figure."""
    return token.dep_ in ("nummod", "compound") and _YEAR_RE.fullmatch(token.text) is not None


def _has_unit(story: _Story, start: int, end: int) -> bool:
    """A figure with its own currency, percent sign or unit ('$2.5 billion', '4%')."""
    span = story.span(start, end)
    return span is not None and any(t.tag_ in ("$", "NN", "NNS") or t.text == "%" for t in span)


def _bare_number(story: _Story, start: int, end: int) -> bool:
    """A figure that is only a count, with no unit, currency or percent of its own."""
    span = story.span(start, end)
    return span is not None and all(
        t.like_num or t.tag_ == "CD" or t.lower_ in ("between", "and", "to", "-", "–")
        for t in span
    )


def _is_amount(token: Token) -> bool:
    """A noun that is itself a figure's unit ("10.8%" as the object of "reached")."""
    return token.text == "%" or any(
        c.like_num or c.tag_ == "CD" for c in token.children if c.dep_ in ("nummod", "compound")
    ) and _UNIT_RE.fullmatch(token.text) is not None


def _is_verb(token: Token) -> bool:
    """A verb by its tag or, where the tagger slipped, by its arguments.

    Tags, not coarse POS: the pipeline runs without the attribute ruler (see nlp.py). The
    small tagger sometimes calls a verb a noun ("The election cost FJD 14.6 million" with
    "cost" tagged NN) while the parser still gives it a subject and an object; a token with
    both is a clause's predicate, whatever its tag.
    """
    if token.tag_.startswith("VB") or token.tag_ == "MD":
        return True
    deps = {c.dep_ for c in token.children}
    return bool(deps & {"nsubj", "nsubjpass"}) and "dobj" in deps


_HEDGES = frozenset({
    "than", "more", "less", "fewer", "least", "most", "about", "around", "nearly", "almost",
    "roughly", "approximately", "over", "under", "some", "estimated", "just",
})


def _figure_root(story: _Story, start: int, end: int) -> Token | None:
    """The figure's own syntactic head: the token of its span whose head lies outside it."""
    span = story.span(start, end)
    if span is None or len(span) == 0:
        return None
    root: Token = span.root
    if root.dep_ in ("det", "punct"):
        # "a billion-year-contract": the article and the count both hang outside the
        # span; the figure's place is the count's, not the article's.
        outside = [
            t for t in span
            if t.tag_ not in ("DT", "HYPH", ",", ":") and not _in_span(t.head, start, end)
        ]
        if outside:
            root = outside[0]
    if root.tag_.startswith("VB"):
        # "rose 3.7% to 612,000 won": the small tagger reads the Korean currency as the
        # verb; the figure's place in the clause is its number's.
        number = next(
            (t for t in span
             if (t.like_num or t.tag_ == "CD") and not _in_span(t.head, start, end)),
            None,
        )
        if number is not None:
            root = number
    # "more than KSh 900 million", "up to 20%": the hedge is part of the figure, and the
    # figure's place in the clause is the hedge's.
    for _ in range(3):
        head = root.head
        if head.i == root.i or head.i > root.i:
            break
        up_to = head.lower_ == "to" and head.i > 0 and head.nbor(-1).lower_ == "up"
        if head.lower_ not in _HEDGES and not up_to:
            break
        root = head
        if up_to and head.head.lower_ == "up" and head.head.i == head.i - 1:
            root = head.head
    return root


def _phrase_owner(noun: Token) -> Token:
    """The common noun whose prepositional phrase holds a name, else the noun itself.

    The small parser hangs an apposition or a relative clause on the nearest noun: in "the
    previous auction record for Gokhale, 2.1 million pounds" and "remittances from Egyptians
    working abroad, which rose 51%", on the name. A name is never what an amount counts or
    what rises by a share; the noun whose phrase the name completes is.
    """
    if noun.tag_ not in ("NNP", "NNPS") or noun.dep_ != "pobj":
        return noun
    prep = noun.head
    owner = prep.head
    if prep.dep_ == "prep" and owner.tag_ in ("NN", "NNS") and owner.i < noun.i:
        return owner
    return noun


#: Nouns of a change ("a drop", "a rise", "an increase"), the verbs' forms that are nouns too.
_CHANGE_NOUNS = frozenset(words("rising_falling_verbs")) | frozenset(words("change_verbs"))


def _changing(noun: Token) -> Token | None:
    """The change a measure's noun is the "in" or "of" object of: an amount set beside "a
    minute drop in KELT-9's brightness — about 0.5%" sizes the drop, not the brightness
    (the parser hangs the apposition on the nearest noun)."""
    prep = noun.head
    change = prep.head
    if (
        noun.dep_ == "pobj" and prep.lower_ in ("in", "of") and change.tag_ in ("NN", "NNS")
        and change.lower_ in _CHANGE_NOUNS and change.i < noun.i
    ):
        return change
    return None


def _a_level(noun: Token, amount: Token) -> bool:
    """"The drop in unemployment, now 3.9%": an amount said to be so now is the measure's
    level, not the size of its change."""
    between = noun.doc[noun.i + 1 : amount.i + 1]
    return any(t.lower_ in ("now", "currently", "still") for t in between)


def _own_head(story: _Story, start: int, end: int) -> Token | None:
    """The last word of the figure when it is a unit or a scale ('kilograms', 'billion',
    'fifth'): the word its own 'of'/'in' phrase hangs from."""
    last = story.token_at(end - 1)
    if last is None or not (
        last.tag_ in _NOUNS or last.like_num or last.tag_ == "CD"
        or _CURRENCY_RE.fullmatch(last.text)
    ):
        return None  # (a currency the tagger read as a verb, "1.2 trillion won", is the unit)
    return last


def _dated(token: Token) -> bool:
    """A time noun inside a date the NER model found ("last year", "last month"): what a
    count right before it counts is never that noun."""
    return token.lower_ in _TIME_NOUNS and token.ent_type_ == "DATE"


def _noun_after(story: _Story, end: int) -> Token | None:
    """The noun right after a bare count ("300 and 400 people"), through its modifiers."""
    token = story.token_at(end) or story.token_at(end + 1)
    if token is None:
        return None
    while token.tag_ in ("JJ", "JJR", "VBN", "NN", "NNP") and token.i + 1 < len(token.doc):
        nxt = token.nbor(1)
        if nxt.tag_ not in _NOUNS and nxt.tag_ not in ("JJ", "VBN"):
            break
        if token.tag_ in ("NN", "NNP") and token.dep_ not in ("compound", "amod", "nmod"):
            break
        token = nxt
    if _dated(token):
        return None  # "down from 1,500 last year": the date after a count is no noun of it
    return token if token.tag_ in ("NNS", "NN", "NNPS") and token.dep_ != "npadvmod" else None


def _figure_span_of(token: Token) -> tuple[int, int] | None:
    """The amount an apposition restates: the number tokens of its head's own phrase."""
    sub = [
        t for t in [*token.lefts, token]
        if t.like_num or t.tag_ in ("$", "CD") or t.dep_ in ("quantmod", "nummod")
    ]
    if not sub:
        return None
    first = min(sub, key=lambda t: t.i)
    return first.idx, token.idx + len(token)


def _fold_after(root: Token, story: _Story, end: int) -> Token | None:
    """The "fold" of "18-fold" right after the figure (the tokenizer splits it off)."""
    if not story.text[end : end + 6].lower().lstrip("-").startswith("fold"):
        return None
    return next((t for t in root.doc[root.i + 1 : root.i + 4] if t.lower_ == "fold"), None)


#: "NZ $ 26 million", "US $5 billion": a country's letters before a dollar sign (data list
#: `dollar_prefixes`) are the unit's, not a name the amount counts; never after an article
#: ("the US $8 billion in weapons", "the IMF $3 billion loan"), and one letter only when
#: joined ("A$5"; "A $5 fee" is an article).
_PREFIXES = words("dollar_prefixes")
_CURRENCY_PREFIX_RE = re.compile(
    r"(?<![\w.])(?<!the )(?<!The )(?:(?:"
    + "|".join(p for p in _PREFIXES if len(p) > 1)
    + ") ?|(?:"
    + "|".join(p for p in _PREFIXES if len(p) == 1)
    + "))$"
)


def _with_dollar_prefix(text: str, start: int) -> int:
    """Where an amount starting at `start` begins once a dollar's prefix is taken in."""
    if text[start : start + 1] == "$":
        prefix = _CURRENCY_PREFIX_RE.search(text, max(0, start - 4), start)
        if prefix is not None:
            return prefix.start()
    return start


def _across_a_break(root: Token, head: Token) -> Token | None:
    """The clause's verb, where the parser hung a number on the unit of its bracketed
    equivalent ("the surface temperature is more than 4000°C (7232°F)": 4000 on "F"; the
    amount is the clause's value); None when the phrase is whole (a noun after the closing
    bracket is the amount's own: "a 48 billion yen (about $310 million) investment")."""
    if head.i <= root.i:
        return None
    texts = [t.text for t in root.doc[root.i + 1 : head.i]]
    verb = head.head
    if "(" in texts and ")" not in texts and head.dep_ in ("attr", "dobj") and _is_verb(verb):
        return verb
    return None


_HYPHENS = "-‐‑"


def _whole_words(text: str, start: int, end: int, figure: tuple[int, int]) -> str:
    """The text from start to end, widened over a hyphenated word the tokenizer split ("a
    re-run would cost": the label is "re-run", not "run"), so that a label never begins or
    ends inside a word; never into the figure itself ("a 5-year plan")."""
    outside = figure[1] <= start or end <= figure[0]

    def clear(a: int, b: int) -> bool:
        return not outside or b <= figure[0] or figure[1] <= a

    while start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalnum():
        word = start - 1
        while word > 0 and text[word - 1].isalnum():
            word -= 1
        if not clear(word, start):
            break
        start = word
    while end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isalnum():
        word = end + 1
        while word < len(text) and text[word].isalnum():
            word += 1
        if not clear(end, word):
            break
        end = word
    return text[start:end]
