"""When a "one" (or "a dozen", "a few") counts nothing: an indefinite or emphatic "one"
("one example of", "this one woman", "on the one hand"), an unnamed source ("one official
said", "One reader pointed out that ..."), someone the story goes on to name ("One
Rohingya, Muhammad Amin, said"), or some day ("One day, he will return"). GOLD_FORMAT:
"one" as an indefinite or an unnamed source is no figure; a counting "one" stays one
("fired one rocket", "only one level").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser.extract.cues import _SPEECH_RE
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story


def counts_nothing(story: _Story, last: int, lower: str) -> bool:
    """Whether the "one", "a dozen" or "a few" whose last character is at `last` (its
    casefolded text `lower`) is no count: no noun or adjective after it, an "of" or
    "another" ("one of them"), or one of the readings above."""
    text = story.text
    token = story.token_at(last)
    nxt = token.nbor(1) if token is not None and token.i + 1 < len(story.doc) else None
    prev = token.nbor(-1) if token is not None and token.i > 0 else None
    start = token.idx if token is not None else last
    return bool(
        nxt is None
        or not nxt.tag_.startswith(("NN", "JJ"))
        or nxt.lower_ in ("of", "another")
        # "this one woman's face", "that one moment": emphasis, not a count.
        or (lower == "one" and prev is not None and prev.lower_ in ("this", "that"))
        # "one example of", "on one level": an indefinite ("only one level" counts).
        or (
            lower == "one" and nxt.lower_ in _INSTANCE_NOUNS
            and not (prev is not None and prev.lower_ in _ONLY_WORDS)
        )
        # "on the one hand": an idiom ("lost one hand" counts).
        or (
            lower == "one" and nxt.lower_ == "hand"
            and _ON_HAND_RE.search(text, max(0, start - 8), start) is not None
        )
        # "One Rohingya, Muhammad Amin, said": someone the story goes on to name, as
        # the subject ("signed one striker, Harry Kane, and two defenders" counts).
        or (
            lower == "one" and nxt.dep_ in ("nsubj", "nsubjpass")
            and _NAMED_AFTER_RE.match(text, nxt.idx + len(nxt)) is not None
        )
        # "one mother said": an unnamed speaker, not a count.
        or _SPEECH_RE.match(text[nxt.idx + len(nxt) :].lstrip())
        or _reports_a_clause(token, nxt)
    )


def _reports_a_clause(one: Token | None, noun: Token) -> bool:
    """'One reader pointed out that ...', 'One witness at the trial alleged that ...': a
    singular 'one X' that reports or thinks a clause is an unnamed source, not a count (a
    count's subject dies, arrives or is paid; it does not govern a clause). A 'one' that is
    itself modified is counted ("only one juror believed that ...": one, not two). The
    noun is the one the 'one' counts, past the words that name whose ("one EU official
    said")."""
    if one is not None and one.dep_ == "nummod" and one.head.i > one.i:
        noun = one.head
    verb = noun.head
    return (
        noun.dep_ == "nsubj" and noun.tag_ == "NN" and verb.tag_.startswith("VB")
        and (
            any(child.dep_ == "ccomp" for child in verb.children)
            or _SPEECH_RE.fullmatch(verb.lower_) is not None and (
                # ("One firm added 500 jobs", "posted a loss": an object says it is no speech.)
                verb.lower_ in ("told", "tells")
                or not any(c.dep_ in ("dobj", "prt") for c in verb.children)
            )
        )
        and not (one is not None and any(c.dep_ == "advmod" for c in one.children))
    )


_INSTANCE_NOUNS = frozenset(words("instance_nouns"))
_ONLY_WORDS = frozenset({"only", "just", "exactly", "least", "than"})
_ON_HAND_RE = re.compile(r"\b[Oo]n\s+(?:the\s+)?\Z")
#: ", Muhammad Amin," after "one <noun>": the one is named, not counted.
_NAMED_AFTER_RE = re.compile(r",\s+(?:[A-Z][\w’'\-]+\s+){1,3}[A-Z][\w’'\-]+\s*,")


#: "one day", "one morning": a time that may be indefinite (see `_indefinite_time`).
_ONE_TIME_RE = re.compile(r"one\s+(?:day|night|morning|evening|afternoon|week|month|year)")


def _indefinite_time(story: _Story, end: int) -> bool:
    """'One day, he will return', 'and one day they are going to mature': "one day" set
    before its clause's subject, with nothing of its own ("One day later", "one day after
    the vote" count a day), is some day, as "one" is an indefinite elsewhere ("one reader
    said"); after its verb it is a length ("stayed one day in Paris")."""
    unit = story.token_at(end - 1)
    if unit is None or unit.dep_ != "npadvmod" or not unit.head.tag_.startswith("VB"):
        return False
    if any(c.dep_ != "nummod" for c in unit.children):
        return False
    subject = next((c for c in unit.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and unit.i < subject.i < unit.head.i
