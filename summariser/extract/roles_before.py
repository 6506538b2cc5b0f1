"""Roles written before a person's name: a bare title ("said glaciologist X", "Rovers
coach X"), one set off by commas ("Vietnam's agriculture minister, X,", "China's vice-
minister of commerce, X,") and a possessed noun ("his pacemaker, X"). Split from `roles`,
which reads every role in its order of trust.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser.extract.cues import ADDRESSED_BEFORE_RE, _role_before, role_phrase_set_off_before
from summariser.extract.role_holders import _DESCRIPTORS
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.story import _Story


_POSSESSED_BEFORE_RE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+([a-z][\w\-]*),?\s+$")


def _possessed_noun_before(story: _Story, start: int) -> str | None:
    """'with his pacemaker, Dawit Bekele', 'pulled his neighbour Ane Petersen out': a
    singular common noun a possessive pronoun owns, right before the name, is what the
    person is to the pronoun's antecedent (read with the other holders, `role_holders`),
    whether or not a list of kin and offices holds the noun (family "parsed-roles")."""
    if story.off("parsed-roles"):
        return None
    match = _POSSESSED_BEFORE_RE.search(story.text, max(0, start - 40), start)
    if match is None:
        return None
    noun = story.token_at(match.start(1))
    pronoun = story.token_at(match.start())
    name = story.token_at(start)
    if noun is None or pronoun is None or name is None:
        return None
    if noun.tag_ != "NN" or pronoun.head.i != noun.i:
        return None
    # The name is what the noun is: set beside it ("with his pacemaker, Dawit Bekele"), or
    # right after it with no comma and not as a clause's subject ("pulled his neighbour
    # Ane Petersen out"); not the subject a fronted phrase leads into ("In his speech,
    # Ramaphosa said", "After his arrest Bolsonaro was taken").
    # (The parser may hang the apposition on an earlier name: "with her cousin, Bimala
    # Gurung" after "Sunita Gurung"; a subject is never one.)
    root = name if name.dep_ != "compound" else name.head
    if root.dep_ in ("nsubj", "nsubjpass"):
        return None
    if "," in match.group(0) and root.dep_ != "appos":
        return None
    return match.group(1)


_OFFICE_OF_FIELD_BEFORE_RE = re.compile(
    r"(?:^|[.!?]\s+|\n|[;:(]\s*)"
    r"(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3}['’]s\s+|(?:[Tt]he|[Ii]ts|[Tt]heir)\s+)"
    r"((?:[a-z][\w\-]*\s+){0,2}([a-z][\w\-]*)\s+(?:of|for)\s+(?:the\s+)?"
    r"[a-z][\w\-]*(?:\s+(?:and\s+)?[a-z][\w\-]*){0,2}),\s+$"
)


def _office_of_field_set_off_before(text: str, start: int, end: int, lex: _Lexicon) -> str | None:
    """'China's vice-minister of commerce, Li Jianhua, signed': an office with its field,
    set off by commas before the name at the start of its clause (`_role_set_off_before`
    reads the office whose last word is the role noun; the possessor is the holder, read
    with the others in `role_holders`)."""
    if text[end : end + 1] != ",":
        return None
    match = _OFFICE_OF_FIELD_BEFORE_RE.search(text, max(0, start - 100), start)
    if match is None or match.group(2).casefold() not in lex.role_nouns:
        return None
    return match.group(1)


def _role_set_off_before(text: str, start: int, end: int, lex: _Lexicon) -> str | None:
    """'Vietnam's agriculture minister, Do Thanh Phuong, said': a role set off from the name
    by commas, read from the words when the parse does not reach it (here the tagger takes
    "Do" for a verb). The role is read as `_role_before` reads one right before a name."""
    if text[end : end + 1] != "," or not role_phrase_set_off_before(text, start, lex):
        return None
    before = text[: start - 2] + " "
    role = _role_before(before, len(before), lex)
    # ("..., and the trade minister, X,": the conjunct's role, without its "and".)
    return re.sub(r"^(?:and|or)\s+(?:the\s+)?", "", role) if role else None


def _bare_role_before(story: _Story, start: int, end: int, lex: _Lexicon) -> str | None:
    """'stayed on under jockey Ciaran Doyle', 'after Australian rider X': wire copy's role
    noun with no article, right before the name, anywhere in the sentence (`_role_before`
    reads the longer phrase where an article or a clause start bounds it).

    A noun no word list holds is a role too where the parse makes it a modifier of the name
    ("said glaciologist X", "Manta resident X", "mask maker X"): news puts what a person is
    right before the name whatever the occupation, and a list of occupations is never
    complete (family "parsed-roles")."""
    text = story.text
    match = _BARE_ROLE_RE.search(text, max(0, start - 80), start)
    if match is None:
        return None
    *modifiers, noun = match.group(2).split()
    noun_token = story.token_at(match.end(2) - len(noun))
    parsed = (
        not story.off("parsed-roles")
        and _bare_title_shape(text, match, start, noun_token)
        and noun not in _DESCRIPTORS
        and _names_the_person(noun_token, start, end)
    )
    if noun not in lex.role_nouns and not parsed:
        return None
    # "Arianespace chief executive X": the words before the noun that qualify the office
    # are part of it; the first that does not ends the role (and leaves no owner).
    owner = match.group(1)
    kept: list[str] = []
    at = match.start(2)
    offsets = [at + m.start() for m in re.finditer(r"\S+", match.group(2))][:-1]
    for word, offset in reversed(list(zip(modifiers, offsets, strict=True))):
        listed = word in _ROLE_MODIFIERS or word in lex.role_nouns
        if not listed and not (parsed and _qualifies(story.token_at(offset), noun_token)):
            owner = None
            break
        kept.insert(0, word)
    role = " ".join([*kept, noun])
    # "Fuerza Popular lawmaker X": a name before the noun is whose role it is; not the one a
    # verb of speech addresses ("Officials told Reuters deputy minister X had resigned"),
    # nor, for a noun only the parse vouches for, a capitalised word that names nothing
    # ("As coauthor X told").
    owner_token = story.token_at(match.start(1)) if owner else None
    if owner and (
        owner.split()[0] in ("The", "A", "An")
        or (noun not in lex.role_nouns and (owner_token is None or owner_token.tag_ != "NNP"))
        or ADDRESSED_BEFORE_RE.search(text, max(0, match.start() - 30), match.start())
    ):
        owner = None
    return f"{owner} {role}" if owner else role


def _bare_title_shape(text: str, match: re.Match[str], start: int, noun: Token | None) -> bool:
    """A title written bare before the name on the same line: no article or possessive of
    its own ("the band Fela led", "a recently-accepted Evolution paper Bos" are noun
    phrases of their own), no hyphen into it ("the 400-bed Centro Médico"), no line break
    after it (a headline's last word over the lead's first name)."""
    noun_start = match.end(2) - len(match.group(2).split()[-1])
    return (
        noun is not None
        and "\n" not in text[match.start(2) : start]
        and text[noun_start - 1 : noun_start] != "-"
        and not any(c.dep_ in ("det", "poss") for c in noun.children)
        and not _ARTICLE_RE.search(text, max(0, noun_start - 40), noun_start)
    )


_ARTICLE_RE = re.compile(r"\b(?:the|a|an|The|A|An)\s+(?:[^\s,;:.!?\"“”]+\s+){0,2}$")


def _names_the_person(noun: Token | None, start: int, end: int) -> bool:
    """Whether the parse makes a singular common noun right before a name that name's own
    modifier ("glaciologist" in "said glaciologist Hana Whitaker"): a compound of a word of
    the name, not the object of a verb ("told reporters X") or a plural ("residents X")."""
    return (
        noun is not None
        and noun.tag_ == "NN"
        and noun.dep_ == "compound"
        and start <= noun.head.idx < end
    )


def _qualifies(word: Token | None, noun: Token | None) -> bool:
    """A modifier the parse hangs on the role noun ("marine" biologist, "mask" maker), not
    a verb or a word of another phrase ("said" in "said marine biologist X")."""
    return (
        word is not None
        and noun is not None
        and word.head.i == noun.i
        and word.dep_ in ("amod", "compound")
        and word.tag_ in ("JJ", "NN")
    )


_BARE_ROLE_RE = re.compile(
    r"(?:\b([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})\s+)?"
    r"\b((?:[a-z][\w\-]*\s+){0,2}[a-z][\w\-]*)\s+$"
)
_ROLE_MODIFIERS = frozenset(words("role_modifiers"))
