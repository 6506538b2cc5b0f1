"""The top lines: one line per story that matters, most significant first, each the story's
key fact (who did what, with the number that matters) rather than its headline.

A top line is always the story's own words, already checked: a sentence of a key point, of
the summary or the lead, with its who-said-it framing taken off as `lead_headline` does for
headlines, but never cut (cutting a sentence well needs spaCy's tagger, and rendering a
cached run loads no spaCy). The sentence holding the figure that makes the story significant
(the most deaths, else the most people affected) comes first; a line that would only repeat
the story's heading gives way to the next sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..check.headline import lead_headline
from ..schemas import StoryRecord
from ..text import fold_name, split_sentences
from .ordering import key_figure, rank_stories
from .titles import story_title

#: With this many stories or fewer every story gets a top line; with more, the rest are
#: counted ("3 more stories below").
TOP_LINES_LIMIT = 8
# More words than any sentence has: `lead_headline` then trims but never cuts.
_NO_CUT = 10**6
# A line sharing this share of its words with the heading says nothing the heading does not.
_REPEAT_SHARE = 0.8


@dataclass(frozen=True)
class TopLine:
    position: int  # the story's position in the briefing
    text: str


def _words(text: str) -> set[str]:
    return set(fold_name(text).split())


def repeats(line: str, heading: str) -> bool:
    """Whether `line` only restates `heading` (most of its words are the heading's)."""
    words = _words(line)
    return not words or len(words & _words(heading)) >= _REPEAT_SHARE * len(words)


def _candidates(story: StoryRecord) -> list[str]:
    sentences = [sentence for text in (*story.key_points, story.summary)
                 for sentence in split_sentences(" ".join(text.split()))]
    sentences.append(" ".join(story.lead.split()))
    sentences = [s for s in dict.fromkeys(sentences) if s.strip()]
    figure = key_figure(story)
    if figure is not None:
        value = re.compile(re.escape(figure.value), re.IGNORECASE)
        sentences.sort(key=lambda s: value.search(s) is None)  # stable: the rest keep order
    return sentences


def key_fact(story: StoryRecord) -> str:
    """The story's key fact in its own words, not its heading (see the module docstring)."""
    heading = story_title(story)
    candidates = _candidates(story)
    for sentence in candidates:
        line = lead_headline(sentence, _NO_CUT)
        if not repeats(line, heading):
            return line
    # Nothing says more than the heading: the whole first sentence, which a cut heading
    # was taken from, still says more than the cut.
    return " ".join(candidates[0].split()).rstrip(".") if candidates else heading


def top_lines(stories: list[StoryRecord], limit: int = TOP_LINES_LIMIT,
              ) -> tuple[list[TopLine], int]:
    """The top lines, most significant first, and how many stories have none (0 when the
    briefing has at most `limit` stories)."""
    ranked = rank_stories(stories)
    shown = ranked if len(ranked) <= limit else ranked[:limit]
    return [TopLine(p, key_fact(stories[p])) for p in shown], len(ranked) - len(shown)
