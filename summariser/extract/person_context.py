"""What the words around a name say about whose name it is: a person's surname standing
alone as a speaker elsewhere, a list the name stands in, whether the name ends the phrase a
relation word before it governs.

Split from `kinds`, which decides a name's kind from these and the gazetteers; `roles` reads
`listed_with_people` as a person cue too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser.extract.cues import person_after_re

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.model import _Proposal
    from summariser.extract.story import _Story


def _word_after(story: _Story, prop: _Proposal) -> Token | None:
    """The word right after the name, one space on."""
    nxt = story.token_at(prop.end + 1)
    return nxt if nxt is not None and nxt.idx == prop.end + 1 else None


_CAPITALISED_BEFORE_RE = re.compile(r"[A-Z][\w'’\-]*$")


def _surname_speaks(text: str, last: str, props: list[_Proposal]) -> bool:
    """Whether the name's last word stands alone elsewhere as a speaker ("Horbach told
    Reuters"): a person referred to by surname. The NER model sometimes reads an unfamiliar
    full name ("Mykola Horbach said ...") as a body; bodies are not named by a last word
    alone, and the ones with a body word in the name were decided before this."""
    spans = [(p.start, p.end) for p in props]
    at = text.find(last)
    while at >= 0:
        end = at + len(last)
        whole = (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        )
        inside = any(start <= at < stop for start, stop in spans)
        before = text[max(0, at - 30) : at].rstrip()
        if (
            whole
            and not inside
            and not _CAPITALISED_BEFORE_RE.search(before)
            and person_after_re().match(text[end : end + 80])
        ):
            return True
        at = text.find(last, at + 1)
    return False


_LIST_SEPARATOR_RE = re.compile(r"(?:,\s+|,?\s+and\s+|,?\s+or\s+)")


def listed_with_people(story: _Story, start: int) -> bool:
    """'such as Ansel Adams, Chuck Close, Walker Evans, Robert Mapplethorpe, and Helmut
    Newton': a name the NER model calls a body (with no body word, decided before this), in
    a list of three or more whose other members it reads mostly as people's (two or more,
    over half, and no place), is a person's too (the converse of a lone word listed with
    names of other kinds). Also a person cue for a name the NER model reads as a person's
    (`roles`)."""
    ents = list(story.doc.ents)
    index = next((i for i, e in enumerate(ents) if e.start_char <= start < e.end_char), None)
    if index is None:
        return False
    members = [ents[index]]
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(ents):
            a, b = (ents[i + step], ents[i]) if step < 0 else (ents[i], ents[i + step])
            if not _LIST_SEPARATOR_RE.fullmatch(story.text[a.end_char : b.start_char]):
                break
            members.append(ents[i + step])
            i += step
    others = [e for e in members if e is not ents[index]]
    people = sum(e.label_ == "PERSON" for e in others)
    places = any(e.label_ in ("GPE", "LOC", "FAC") for e in others)
    return people >= 2 and people * 2 > len(others) and not places


def _ends_its_phrase(story: _Story, prop: _Proposal) -> bool:
    """Whether the name is the whole of what the relation word before it governs, not a
    modifier of a noun ("the death of Wagner chief X") or the subject of a clause ("the
    man Arsenal signed")."""
    after = _word_after(story, prop)
    if after is not None and after.tag_.startswith("NN"):
        return False
    span = story.span(prop.start, prop.end)
    return span is None or span.root.dep_ not in ("compound", "nsubj", "nsubjpass", "amod")
