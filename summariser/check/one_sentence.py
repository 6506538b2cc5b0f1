"""A generated sentence must rest on one story sentence: its numbers, names and dates together.

The claim check (`claims.py`) finds a passage for each claim, and the grounding check finds
each name and number somewhere in the story. Neither stops a sentence that takes its names
from one story sentence and its date from another ("In a report released last month, part of
the smuggling was discovered ...": the report came out that day; the seizure was last
month). Holding every anchor of the generated sentence (the numbers it writes, the story's
named items and time expressions it mentions) to a single story sentence does: a sentence
that joins two facts of two sentences has no sentence holding all its anchors, and is
dropped (a key point) or replaced by the lead (a summary sentence).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..markup import blank_markup
from ..text import NUMBER_VALUES, SCALE_VALUES, fold_for_matching, split_sentences

if TYPE_CHECKING:
    from .context import StoryContext

#: Item kinds whose forms anchor a sentence to the story sentence that states them.
ANCHOR_KINDS = ("person", "organisation", "place", "source", "date")
_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = frozenset(NUMBER_VALUES) | frozenset(SCALE_VALUES)
_NON_WORD_RE = re.compile(r"[^\w%$€£.,]+|[.,](?!\d)")


def _folded(text: str) -> str:
    words = _NON_WORD_RE.sub(" ", fold_for_matching(text)).split()
    return f" {' '.join(words)} "


def _numbers(folded: str) -> set[str]:
    digits = {d.replace(",", "") for d in _DIGITS_RE.findall(folded)}
    return digits | {w for w in folded.split() if w in _NUMBER_WORDS}


def anchors(text: str, ctx: StoryContext) -> tuple[set[str], set[str]]:
    """The numbers `text` writes and the folded forms of the story's items it mentions."""
    folded = _folded(text)
    forms: set[str] = set()
    for cand in ctx.candidates:
        if cand.kind not in ANCHOR_KINDS:
            continue
        for form in (cand.text, *cand.aliases):
            key = _folded(form)
            if key.strip() and key in folded:
                forms.add(key)
    # A form inside a longer one mentioned ("Kabul" in "Kabul University") is not its own.
    forms = {f for f in forms if not any(f != g and f in g for g in forms)}
    return _numbers(folded), forms


def unsupported_by_one_sentence(text: str, ctx: StoryContext) -> str | None:
    """Why no single story sentence holds all of `text`'s anchors, or None when one does
    (or when the text has fewer than two anchors: one fact cannot be recombined)."""
    numbers, forms = anchors(text, ctx)
    if len(numbers) + len(forms) < 2:
        return None
    for sentence in split_sentences(blank_markup(ctx.story.text)):
        folded = _folded(sentence)
        if numbers <= _numbers(folded) and all(f in folded for f in forms):
            return None
    named = sorted(f.strip() for f in forms) + sorted(numbers)
    return "its " + ", ".join(f"'{a}'" for a in named[:4]) + " are not stated in one sentence"
