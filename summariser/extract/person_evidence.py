"""Counter-evidence against an NER person, by kind: what in the text says a name the NER
model reads as a person's is a thing's, an event's, a facility's or a place's.

Part of the person-evidence family: `roles._person_evidence` asks these before the person
cues, since they say more than a verb the parse hangs on a thing's name ("Space Shuttle
Discovery will take the place of ...") or a title read off it ("Space"); an apposition or an
age still keeps the person. Each kind is a shape of the text around the mention, built from
the word lists in `summariser/data/lexicon/things.toml` and the place, body and outlet
nouns; none is a list of names. A missing cue is never evidence: these look for words that
speak against a person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from summariser.extract.cues import before_name_or_list
from summariser.extract.spans import _alternation, _name_tokens
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.model import Candidate, Mention
    from summariser.extract.story import _Story


@lru_cache(maxsize=1)
def _at_re() -> re.Pattern[str]:
    """'at X' or 'through X', not after a verb that takes a person there ('looked at X')."""
    stems = _alternation(words("at_person_verb_stems"))
    return re.compile(rf"(?<!\w)(?!(?:{stems})\w*\s)\w+\s+(?:at|through)\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    before = _alternation(words("thing_nouns_before"))
    after = _alternation(
        [
            *words("thing_nouns_after"),
            *words("place_cue_nouns"),
            *words("body_cue_nouns"),
            *words("outlet_cue_nouns"),
        ]
    )
    return (
        # "the container ship MSC Aurora", "Cyclone Shakti": the noun right before the name
        # (or before an honorific the name carries: "the research ship Sir David X").
        re.compile(rf"\b(?:{before})\s+(?:(?:Sir|Dame|Lord|Lady|St\.?|Saint)\s+)?$",
                   re.IGNORECASE),
        # "Lassa fever", "Sayed ul-Shuhada school", "the Vakhsh river": a lower-case noun
        # right after it (not "Khan's school", not "Vakhsh River" of a longer name).
        re.compile(rf"^\s(?:{after})\b(?![\-’'])"),
        frozenset(w.casefold() for w in words("thing_nouns_before")),
    )


@lru_cache(maxsize=1)
def _animal_nouns() -> frozenset[str]:
    return frozenset(words("animal_nouns"))


@lru_cache(maxsize=1)
def _animal_before_re() -> re.Pattern[str]:
    """'the colt X', 'a 4-year-old mare X', 'the giant panda X': an animal's lower-case noun
    after an article or an age, right before the name (not "dark horse Mike Johnson")."""
    animals = _alternation(_animal_nouns())
    return re.compile(
        rf"\b(?:(?:the|a|an|its|their)\s+(?:[a-z][\w\-]*\s+)?|\d+-year-old\s+|-bred\s+)"
        rf"(?:{animals})\s+$"
    )


def _thing_before(text: str, mention: Mention) -> bool:
    """A vessel, craft, storm, operation or work named right before: 'the ship X', or
    'Space Shuttle Columbia' with the noun at the head of the name itself; an animal's noun
    after an article ('the colt X')."""
    before_re, _, heads = _patterns()
    before = text[max(0, mention.start - 40) : mention.start]
    if before_re.search(before[-30:]) or _animal_before_re().search(before):
        return True
    words_ = _name_tokens(mention.text)
    return any(w.casefold() in heads for w in words_[:-1])


def _thing_after(text: str, mention: Mention) -> bool:
    """A lower-case noun right after the name that makes it an illness's, an event's, a
    facility's, a place's or an outlet's: 'Lassa fever', 'the Islam Qala camp'."""
    return _patterns()[1].match(text[mention.end : mention.end + 40]) is not None


def _at_place(text: str, mention: Mention) -> bool:
    """'crossing back into Afghanistan at Dogharoun', 'comes through Torkham': a name right
    after 'at' or 'through' (or in a list right after one) is where something happens."""
    if re.match(r"['’]", text[mention.end : mention.end + 1]):
        return False  # "at Khan's home": the possessor may be anyone
    return _at_re().search(before_name_or_list(text, mention.start)[-40:]) is not None


def _word_token(story: _Story, mention: Mention) -> Token | None:
    span = story.span(mention.start, mention.end)
    return span.root if span is not None and len(span) == 1 else None


def _modifies_lower_noun(token: Token, lex: _Lexicon) -> bool:
    """'the Hera spacecraft', 'the Bamum kingdom', 'Formica fusca': the name hangs on a
    lower-case word after it, as a modifier hangs on its noun (not on a verb, "Obama said";
    not as a possessor, "Gloria's eczema"), and that noun is not one a person's name
    commonly modifies ('the Trump administration')."""
    head = token.head
    return (
        token.dep_ != "poss"
        and not any(c.dep_ == "case" for c in token.children)
        and head.i > token.i
        and head.i - token.i <= 3
        and head.text.islower()
        and not head.tag_.startswith(("VB", "MD"))
        and head.lower_ not in lex.person_modified_nouns
    )


def _listed_with_others(token: Token) -> bool:
    """'Google, Bing, and Yahoo!', 'Northern Sámi, Welsh and Basque': listed with two or
    more names the NER model types as something other than a person, and with no person's
    (one such name is no evidence: the model types an unfamiliar surname as a body's, as in
    "Tarkovsky and Antonioni")."""
    kinds = [c.ent_type_ for c in token.conjuncts if c.ent_type_]
    return len(kinds) >= 2 and "PERSON" not in kinds


_ADJECTIVE_TAGS = frozenset({"JJ", "JJR", "JJS"})
_PHRASE_TAGS = _ADJECTIVE_TAGS | {"NN", "NNS", "NNP", "NNPS", "HYPH", "VBN", "CD"}


def _with_article(token: Token) -> bool:
    """'the east bank of the Dniester', 'the rival Metropolis of Bessarabia': a name heading a
    phrase with an article, with nothing but adjectives between, is a thing's, a river's or a
    body's; people's names take none."""
    doc = token.doc
    # Between them, words of the phrase; only adjectives before a subject, since a parse
    # hangs the article on a reduced clause's subject ('the band Fela led').
    between = _ADJECTIVE_TAGS if token.dep_.startswith("nsubj") else _PHRASE_TAGS
    return any(
        c.dep_ == "det"
        and c.lower_ in ("the", "a", "an")
        and c.i < token.i
        and all(doc[i].tag_ in between for i in range(c.i + 1, token.i))
        for c in token.children
    )


@lru_cache(maxsize=1)
def _kind_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """The nouns that name a body's or a thing's kind before its name (singular), and the
    verbs whose object is a language."""
    kinds = {w.casefold() for w in (*words("body_cue_nouns"), *words("thing_nouns_before"))}
    return frozenset(kinds), frozenset(words("language_verbs"))


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _list_head(token: Token) -> Token:
    """The first name of the list a name closes ("Creemos and Unidad Nacional")."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def _named_by_kind(token: Token) -> bool:
    """'Opposition parties Creemos and Unidad Nacional', 'the companies Google and Meta':
    a name (or a list of names) in apposition to a lower-case noun before it that names a
    body's or a thing's kind."""
    first = _list_head(token)
    head = first.head
    return (
        first.dep_ == "appos" and head.i < first.i and head.text.islower()
        and _singular(head.lower_) in _kind_nouns()[0]
    )


def _spoken(token: Token) -> bool:
    """'speak Shughni or Wakhi': the direct object of a verb of speaking is a language."""
    first = _list_head(token)
    return first.dep_ == "dobj" and first.head.lower_ in _kind_nouns()[1]


def _quoted(story: _Story, token: Token) -> bool:
    """'the thriller "Itsasoa"': a single word in quotation marks of its own is a title (not
    a quotation that opens on a name, '"Gloria's eczema ...', nor one that closes on it)."""
    if token.idx == 0:
        return False
    quoted = _QUOTED_RE.match(story.text, token.idx - 1)
    return quoted is not None and quoted.end() == token.idx + len(token.text) + 1


_QUOTED_RE = re.compile(r"[\"“‘][^\W\d_][\w\-]*[\"”’](?![\w’'])")


def lone_word_evidence(story: _Story, person: Candidate, lex: _Lexicon) -> bool:
    """Whether a one-word name the NER model reads as a person's is, by the text around
    any mention, something else's: a modifier of a lower-case noun (a craft's, a people's,
    a species' name), a word listed with other kinds of name, a phrase with an article, a
    title in quotation marks, a name in apposition to a body's or a thing's kind
    ("opposition parties Creemos and ..."), the object of a verb of speaking (a language:
    "speak Shughni or Wakhi"), a plural or a verb by the tagger at every mention ("Ivy
    League elites and Professors", "Cheer the team"), or the end of a longer name after a
    number ("Movimento 5 Stelle"). A lone name with no cue is no such evidence: public copy
    names the famous by surname alone ("a quote attributed to Einstein")."""
    tokens = [t for t in (_word_token(story, m) for m in person.mentions) if t is not None]
    if not tokens:
        return False
    # One mention shaped as a thing's says what the name is; a tag is the tagger's guess
    # about one occurrence, so only every occurrence tagged so counts.
    if any(
        _modifies_lower_noun(t, lex)
        or _listed_with_others(t)
        or _with_article(t)
        or _quoted(story, t)
        or _named_by_kind(t)
        or _spoken(t)
        or (t.i > 0 and t.doc[t.i - 1].like_num)
        for t in tokens
    ):
        return True
    return all(t.tag_ in ("NNPS", "VB", "VBP", "VBZ") for t in tokens)


def _animal_apposed(story: _Story, mention: Mention) -> bool:
    """'Don Aurelio, a 4-year-old colt,', 'X, the Brazilian-bred mare who won': an
    apposition after the name says it is an animal's."""
    span = story.span(mention.start, mention.end)
    if span is None:
        return False
    animals = _animal_nouns()
    # ("Paul Kagame, the lion of Rwandan politics": a likeness, with its "of".)
    return any(
        c.dep_ == "appos" and c.lower_ in animals
        and not any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children)
        for c in span.root.children
    )


def thing_evidence(story: _Story, person: Candidate) -> bool:
    """Whether any mention is shaped as a thing's, an event's, a facility's, a place's or an
    animal's name: a noun before or after that names what it is, 'at'/'through' before it,
    or an animal's noun in apposition after it."""
    text = story.text
    return any(
        _thing_before(text, m) or _thing_after(text, m) or _at_place(text, m)
        or _animal_apposed(story, m)
        for m in person.mentions
    )
