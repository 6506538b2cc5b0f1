"""Which headline figure is which figure of the body: the lead's same value, the body's same
amount, or the first paragraph's count of the same kind of toll. Split from figures.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser.wordlists import words

if TYPE_CHECKING:
    from summariser.extract.figures import _Figure
    from summariser.extract.story import _Story


def _lead_end(story: _Story) -> int:
    """Where the lead ends: the end of the first sentence after the headline."""
    zone = story.headline
    # (the parser may run the headline into the lead's sentence: that sentence is the lead)
    after = [(s, e) for s, e in story.sentences if zone is None or e > zone[1] + 1]
    return after[0][1] if after else len(story.text)


def _first_paragraph_end(story: _Story) -> int:
    """Where the first paragraph after the headline ends (its first line break)."""
    zone = story.headline
    start = zone[1] + 1 if zone is not None else 0
    while start < len(story.text) and story.text[start] in " \t\n":
        start += 1
    end = story.text.find("\n", start)
    return len(story.text) if end < 0 else end


def _toll_kinds(words_: str) -> set[str]:
    return {_CASUALTY[w] for w in re.findall(r"[a-z]+", words_.casefold()) if w in _CASUALTY}


_CASUALTY = dict(pair.split(":")[::-1] for pair in words("casualty_words"))


def _same_toll_below(
    story: _Story,
    headline: _Figure,
    figures: list[_Figure],
    labels: list[str],
    paragraph_end: int,
) -> _Figure | None:
    """'Magnitude 6.9 earthquake kills 43' over '... The death toll rose to 43 on Thursday':
    a headline's count is the first paragraph's count of the same value when both name the
    same kind of toll (`casualty_words`); a count of another kind is another count."""
    text = story.text
    zone = story.headline
    kinds = _toll_kinds(text[zone[0] : zone[1]]) if zone is not None else set()
    value = text[headline.value_start : headline.end].casefold()
    if not kinds:
        return None
    for fig, label in zip(figures, labels, strict=True):
        if story.in_headline(fig.start, fig.end) or fig.start >= paragraph_end:
            continue
        if text[fig.value_start : fig.end].casefold() == value and kinds & _toll_kinds(label):
            return fig
    return None
