"""A story's sentences, numbered, with their offsets: what key points are chosen from.

A key point that a model writes can join two true sentences into one false claim ("using
Jupiter's gravity to accelerate towards the planet"). A key point chosen by number is a
sentence of the story, printed as the story wrote it, so it cannot recombine anything; a
sentence too long for a bullet is cut to its main clause (a verbatim prefix, never pieces
joined).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..segment import Story
from ..text import split_sentences

#: A chosen sentence longer than this is cut to its main clause for a bullet.
MAX_KEY_POINT_WORDS = 35
#: Clause relations a long sentence may be cut before (the main clause is what precedes).
_CLAUSE_DEPS = frozenset({"conj", "advcl", "parataxis", "ccomp"})


@dataclass(frozen=True)
class NumberedSentence:
    """One sentence of a story: its number in the prompt (from 1) and its span in the story
    text (offsets relative to `Story.text`)."""

    number: int
    text: str
    start: int
    end: int


def numbered_sentences(story: Story) -> list[NumberedSentence]:
    """The body's sentences in order, each located in the story text.

    The body may drop a repeated lead, so each sentence is searched for from where the
    previous one ended; one that cannot be found (whitespace reflowed) keeps no span.
    """
    out: list[NumberedSentence] = []
    cursor = 0
    for sentence in split_sentences(story.body):
        start = story.text.find(sentence, cursor)
        if start < 0:
            start = story.text.find(sentence)
        end = start + len(sentence) if start >= 0 else -1
        out.append(NumberedSentence(len(out) + 1, sentence, start, end))
        if start >= 0:
            cursor = end
    return out


def numbered_story(sentences: list[NumberedSentence]) -> str:
    """The story as the prompt shows it when the model selects: one numbered sentence a line."""
    return "\n".join(f"[{s.number}] {s.text}" for s in sentences)


def main_clause(sentence: str) -> str:
    """`sentence` itself, or when too long for a bullet its main clause: the words before the
    first clause that hangs off the root verb after it (a coordinated or adverbial clause),
    ended with a full stop. Always a prefix of the sentence, so always the story's words.
    """
    if len(sentence.split()) <= MAX_KEY_POINT_WORDS:
        return sentence
    from ..nlp import load_nlp

    doc = load_nlp()(sentence)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return sentence
    root = roots[0]
    for child in root.children:
        if child.dep_ not in _CLAUSE_DEPS or child.i <= root.i:
            continue
        if child.dep_ == "conj" and not any(
            t.dep_ in ("nsubj", "nsubjpass") for t in child.children
        ):
            continue  # a coordinated noun or verb phrase, not a clause of its own
        cut = child.left_edge.i
        # Leave out what joins the clause on: ", and", ", while", "which".
        while cut > root.i + 1 and doc[cut - 1].dep_ in ("cc", "punct", "mark"):
            cut -= 1
        clause = doc[:cut].text.rstrip(" ,;:—-")
        if len(clause.split()) >= 6:
            return clause + "."
    return sentence
