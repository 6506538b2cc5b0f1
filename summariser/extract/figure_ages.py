"""Whether a figure is someone's age: news copy gives ages in a few fixed shapes, and an
age printed with the noun its clause happens to have ("**88**: My mother") says something
false about the number.

The shapes: a bare count set off after a name ("Tan Kok Leong, 58,"); "N years old"; "aged
N", "aged between N and M"; a death or retirement "at N" ("dies at 84"); and a bare count a
copula says a person is ("My mother is 88", "She was 84", "who is 12"). A count a copula
says a thing is ("The price was 84") is not an age.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.figure_heads import _COPULAS, _bare_number
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story

_AGE_VERBS = frozenset(words("age_verbs"))
_PERSON_NOUNS = frozenset(words("person_kind_nouns")) | frozenset(words("person_relation_nouns"))
#: Pronouns that only stand for people ("it" and "that" do not).
_PERSON_PRONOUNS = frozenset({"i", "he", "she", "we", "you", "who"})
#: Words between "aged" and the number: "aged between 8 and 17", "aged about 40".
_RANGE_WORDS = frozenset({
    "between", "from", "and", "to", "about", "around", "over", "under", "nearly", "almost",
    "-", "–",
})
_OLDEST = 120


def is_age(story: _Story, root: Token, start: int, end: int) -> bool:
    """Whether the figure at [start, end), whose parse root is ``root``, is an age."""
    if root.lower_ == "years" and root.head.lower_ == "old":
        return True  # "some more than 2,500 years old": how old, of what the clause says
    if not _bare_number(story, start, end) or not _small_whole(story.text[start:end]):
        return False
    if root.dep_ == "appos" and root.head.tag_ == "NNP" and root.head.i < root.i:
        return True  # "Tan Kok Leong, 58, the former director": news copy's age apposition
    return _after_aged(root, start) or _at_age(root, start) or _person_is(root)


def _small_whole(text: str) -> bool:
    digits = text.strip()
    return digits.isdigit() and 0 < int(digits) <= _OLDEST


def _before(root: Token, start: int) -> list[Token]:
    """The sentence's tokens before the figure, nearest first."""
    sent = root.sent
    return [t for t in reversed(root.doc[sent.start : root.i + 1]) if t.idx + len(t) <= start]


def _after_aged(root: Token, start: int) -> bool:
    """"aged 45", "children aged between 8 and 17"."""
    for token in _before(root, start):
        if token.lower_ == "aged":
            return True
        if token.lower_ not in _RANGE_WORDS and not token.like_num:
            return False
    return False


def _at_age(root: Token, start: int) -> bool:
    """"dies at 84", "died on Sunday at 91", "retired at 65"."""
    before = _before(root, start)
    if not before or before[0].lower_ != "at":
        return False
    verb = before[0].head
    # (Not a phrasal verb: "prices died down at 77".)
    return verb.lower_ in _AGE_VERBS and not any(c.dep_ == "prt" for c in verb.children)


def _person_is(root: Token) -> bool:
    """"My mother is 88", "She was 84", "her son, who is 12": a copula's bare count on a
    person."""
    verb = root.head
    if root.dep_ not in ("attr", "acomp") or verb.lower_ not in _COPULAS:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    return (
        subject.lower_ in _PERSON_PRONOUNS
        or subject.ent_type_ == "PERSON"
        or subject.lower_ in _PERSON_NOUNS
    )
