"""Whether a figure is someone's age: news copy gives ages in a few fixed shapes, and an
age printed with the noun its clause happens to have ("**88**: My mother") says something
false about the number.

The shapes: a bare count set off after a name ("Tan Kok Leong, 58,"); "N years old"; "aged
N", "aged between N and M"; a death or retirement "at N" ("dies at 84"); and a bare count a
copula says a person is ("My mother is 88", "She was 84", "who is 12"). A count a copula
says a thing is ("The price was 84") is not an age.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser.extract.figure_heads import _bare_number
from summariser.text import NUMBER_VALUES
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story

_AGE_VERBS = frozenset(words("age_verbs"))
_PERSON_NOUNS = (
    frozenset(words("person_kind_nouns")) | frozenset(words("person_relation_nouns"))
    | frozenset(words("role_nouns"))
)
#: Pronouns that only stand for people ("it" and "that" do not).
_PERSON_PRONOUNS = frozenset({"i", "he", "she", "we", "you", "who"})
#: Words between "aged" and the number: "aged between 8 and 17", "aged about 40".
_RANGE_WORDS = frozenset({
    "between", "from", "and", "to", "about", "around", "over", "under", "nearly", "almost",
    "-", "–",
})
_OLDEST = 120
_NUMBER_WORDS = sorted((w for w in NUMBER_VALUES if w.isalpha()), key=len, reverse=True)
_SINGULAR_COPULAS = frozenset({"is", "was", "am", "'s", "’s"})
#: What may follow an age that ends its clause: "is 88 and needs oxygen", "was 8 when".
_CLAUSE_ENDS = frozenset({"and", "but", "when", "while", "now", "today"})
#: Words after "died at N" that make N a time of day.
_TIMES_OF_DAY = frozenset({
    "morning", "afternoon", "evening", "night", "a.m.", "p.m.", "am", "pm", "o'clock",
    "gmt", "hours", "local",
})


#: "(Yellow (4))": one word and a bracketed count, alone in a bracket.
_TALLY_BEFORE_RE = re.compile(r"\(\s*[^\W\d_]+\s*\(\s*\Z")
_TALLY_AFTER_RE = re.compile(r"\s*\)\s*\)")
#: A count of years as the figure's whole text, and "old" right after it as one compound.
_YEARS_COUNT_RE = re.compile(r"\d{1,3}[\s\-‐‑]*years?", re.IGNORECASE)
_OLD_AFTER_RE = re.compile(r"[\-‐‑ ]old(?![\-‐‑\w])")
# "a two-month old elephant", "the 3-week old foal": the number joined to its unit by a
# hyphen is already a compound adjective, so "old" after it is an age wherever it stands.
_HYPHENED_UNIT_RE = re.compile(
    rf"(?:\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})[\-‐‑](?:year|month|week|day)s?", re.IGNORECASE
)


def is_age(story: _Story, root: Token, start: int, end: int) -> bool:
    """Whether the figure at [start, end), whose parse root is ``root``, is an age."""
    if root.lower_ == "years" and root.head.lower_ == "old":
        return True  # "some more than 2,500 years old": how old, of what the clause says
    if (
        _YEARS_COUNT_RE.fullmatch(story.text[start:end]) and _OLD_AFTER_RE.match(story.text, end)
        and _determined(root, start)
    ):
        # "the 28 year-old lost", "the 53 year old": the compound's hyphen left out. (Not
        # a span of time before another phrase: "In 10 years old coal plants will go".)
        return True
    if _HYPHENED_UNIT_RE.fullmatch(story.text[start:end]) and _OLD_AFTER_RE.match(
        story.text, end
    ):
        return True
    if not _bare_number(story, start, end) or not _small_whole(story.text[start:end]):
        return False
    if (
        root.dep_ == "appos" and root.head.tag_ == "NNP" and root.head.i < root.i
        and not (
            _TALLY_BEFORE_RE.search(story.text, 0, start) and _TALLY_AFTER_RE.match(story.text, end)
        )
    ):
        # "Tan Kok Leong, 58, the former director": news copy's age apposition. (Not a
        # tally, a bracket holding one word and a bracketed count, as a match's statistics
        # give bookings: "Reina (Yellow (4))"; an age in an aside stays one: "(the driver,
        # Tom Hale (34))".)
        return True
    return (
        _after_aged(root, start) or _at_age(root, start, end) or _person_is(root, end)
        or _turns(root) or _people_bounded(root, start, end)
    )


_BOUNDS = frozenset({"under", "over", "below", "above"})
_BOUNDED_PEOPLE = frozenset(words("age_bounded_people"))


def _people_bounded(root: Token, start: int, end: int) -> bool:
    """"free entry for children under 12", "31 of them children under 15", "people over
    65": a bound on a bare count right after people is their age (not "companies under
    50", nor a count of a noun after it: "people over 20 kilometres")."""
    before = _before(root, start)
    if len(before) < 2 or before[0].lower_ not in _BOUNDS:
        return False
    if before[1].lower_ not in _BOUNDED_PEOPLE:
        return False
    after = next((t for t in root.doc[root.i : root.sent.end] if t.idx >= end), None)
    return after is None or not (after.like_num or after.tag_.startswith("NN"))


#: "turns 80", "turned 40": the verb a person's next age is the object of.
_TURN_FORMS = frozenset({"turn", "turns", "turned", "turning"})


def _turns(root: Token) -> bool:
    """"Castro, who turns 80 later this month", "She turned 40 on Monday": a bare count a
    person turns is the age they reach (not "the index turned 5% higher": no person)."""
    verb = root.head
    if root.dep_ not in ("dobj", "attr", "oprd", "npadvmod") or verb.lower_ not in _TURN_FORMS:
        return False
    if any(c.dep_ == "prt" or c.dep_ == "prep" and c.lower_ == "into" for c in verb.children):
        return False  # "turned down 40 offers", "turned 3 of 5 penalties into goals"
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
        return False  # "turned 3 of the club's 5 penalties": a part of a count
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and _a_person(subject)


def _determined(root: Token, start: int) -> bool:
    """Whether the word before the figure is a determiner or a possessive ("the", "a",
    "her"), as before a compound adjective, not a preposition of time ("after 14 years")."""
    before = _before(root, start)
    return bool(before) and before[0].tag_ in ("DT", "PRP$", "POS")


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


def _at_age(root: Token, start: int, end: int) -> bool:
    """"dies at 84", "died on Sunday at 91", "retired at 65": of a person, and not at a
    time of day ("died at 4 on Friday morning")."""
    before = _before(root, start)
    if not before or before[0].lower_ != "at":
        return False
    verb = before[0].head
    # (Not a phrasal verb: "prices died down at 77".)
    if verb.lower_ not in _AGE_VERBS or any(c.dep_ == "prt" for c in verb.children):
        return False
    after = [t for t in root.doc[root.i : root.sent.end] if t.idx >= end][:4]
    if any(t.lower_ in _TIMES_OF_DAY for t in after):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and _a_person(subject)


def _person_is(root: Token, end: int) -> bool:
    """"My mother is 88", "She was 84", "her son, who is 12": a singular copula's bare
    count on a person, ending its clause (not a score: "Kohli was 45 not out", "India were
    45 for three"; not a group: "Her family were 9")."""
    verb = root.head
    if root.dep_ not in ("attr", "acomp") or verb.lower_ not in _SINGULAR_COPULAS:
        return False
    after = next((t for t in root.doc[root.i : root.sent.end] if t.idx >= end), None)
    if after is not None and not (after.is_punct or after.lower_ in _CLAUSE_ENDS):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and _a_person(subject)


def _a_person(subject: Token) -> bool:
    """A pronoun only people are, a person's name the NER model found (not a sentence's
    first word alone, which it often types a person's: "Turnout was 61"), or a noun for a
    person."""
    if subject.lower_ in _PERSON_PRONOUNS or subject.lower_ in _PERSON_NOUNS:
        return True
    if subject.ent_type_ != "PERSON":
        return False
    name = [t for t in subject.doc[subject.sent.start : subject.sent.end]
            if t.ent_type_ == "PERSON" and t.i <= subject.i and t.i >= subject.i - 3]
    return subject.i != subject.sent.start or len(name) > 1
