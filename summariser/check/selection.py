"""Key points chosen, not written: a selecting model's pick by number, or the ranking's.

The headline and summary of a selecting model's story are the story's own (title or lead,
first sentences). Its key points are sentences after the summary, verbatim (a long one cut
to its main clause). The model sees only those candidate sentences, numbered from 1, and its
answer's grammar allows only their numbers, so every answer names a real candidate.

When the model's picks are fewer than `RANKED_KEY_POINTS` usable ones (a number outside the
candidates from a model without a grammar, or the model was not asked), the rest come from
a deterministic ranking of the candidates (`rank_candidates`):
most of the story's grounded names, figures and dates first, a sentence that opens with a
bare pronoun ("He added...") after those that stand on their own, then story order. Each
key point records who chose it (`StoryRecord.key_point_origins`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, create_model

from ..schemas import Evidence, GroundingStats, SelectionDraft, StoryRecord
from ..segment import Story
from ..text import starts_with_pronoun
from .context import StoryContext
from .headline import lead_headline
from .prose import (
    MAX_HEADLINE_WORDS,
    MIN_KEY_POINT_WORDS,
    SENTENCE_ENDINGS,
    clean_topic,
    items_mentioned,
    lead_sentences,
    lead_summary,
    sentence_evidence,
)
from .sentences import NumberedSentence, main_clause, numbered_sentences

#: Key points a story gets: what the model picks, and what the ranking gives in its place.
MAX_KEY_POINTS = 3
RANKED_KEY_POINTS = MAX_KEY_POINTS


def summary_length(story: Story) -> int:
    """How many of the story's first sentences its summary is (`lead_sentences`): key
    points come after them."""
    return len(lead_sentences(story))


def whole_sentence(text: str) -> bool:
    """Whether `text` reads as a sentence on its own: it ends as one (a subheading does not)
    and its quotation marks pair up (a quote the splitter cut in two leaves one open)."""
    balanced = text.count("“") == text.count("”") and text.count('"') % 2 == 0
    return text.rstrip().endswith(SENTENCE_ENDINGS) and balanced


def key_candidates(story: Story) -> list[NumberedSentence]:
    """The sentences a key point may be: after the summary, whole, long enough for a bullet."""
    after = numbered_sentences(story)[summary_length(story) :]
    return [
        s for s in after if len(s.text.split()) >= MIN_KEY_POINT_WORDS and whole_sentence(s.text)
    ]


def selection_schema(count: int) -> type[SelectionDraft]:
    """The answer's schema for `count` candidates: numbers 1..count only, so the
    grammar-constrained embedded model cannot name a sentence that is not offered; as many
    as `MAX_KEY_POINTS` allows (measured on the development gold: three key points cover
    0.87 of the key facts with the summary, two 0.84, the model's own count of 1-3 0.86)."""
    numbers: Any = Literal[tuple(range(1, count + 1))]
    return create_model(
        "SelectionDraft",
        __base__=SelectionDraft,
        key_sentences=(
            list[numbers],
            Field(min_length=min(MAX_KEY_POINTS, count), max_length=min(MAX_KEY_POINTS, count)),
        ),
    )


def rank_candidates(
    candidates: list[NumberedSentence], ctx: StoryContext
) -> list[NumberedSentence]:
    """The candidates best first: most grounded items, then not opening with a pronoun,
    then story order."""
    return sorted(
        candidates,
        key=lambda s: (-items_mentioned(s.text, ctx), starts_with_pronoun(s.text), s.number),
    )


def _usable_point(sentence: NumberedSentence) -> str | None:
    point = main_clause(sentence.text)
    return point if len(point.split()) >= MIN_KEY_POINT_WORDS else None


def clean_selection(
    draft: SelectionDraft, ctx: StoryContext, record: StoryRecord, stats: GroundingStats
) -> None:
    """A selecting model's answer made into the record's prose (see the module docstring).

    The draft's numbers index `key_candidates`; a number outside them is dropped and counted,
    never re-asked. The ranking fills what the model's usable picks leave of
    `RANKED_KEY_POINTS` (all of them when the model was not asked).
    """
    story = ctx.story
    record.headline = story.title or lead_headline(story.lead, MAX_HEADLINE_WORDS)
    record.summary = lead_summary(story)
    sentences = numbered_sentences(story)
    record.summary_evidence = [
        e
        for s in sentences[: summary_length(story)]
        if (e := sentence_evidence(ctx, s)) is not None
    ]
    candidates = key_candidates(story)
    chosen: list[tuple[NumberedSentence, str, Literal["model", "ranked"]]] = []
    for number in sorted(set(draft.key_sentences)):
        if not 1 <= number <= len(candidates):
            stats.dropped_items.append(f"key sentence {number} (no such sentence)")
            continue
        sentence = candidates[number - 1]
        if (point := _usable_point(sentence)) is not None:
            chosen.append((sentence, point, "model"))
    taken = {sentence.number for sentence, _, _ in chosen}
    for sentence in rank_candidates(candidates, ctx):
        if len(chosen) >= RANKED_KEY_POINTS:
            break
        if sentence.number not in taken and (point := _usable_point(sentence)) is not None:
            chosen.append((sentence, point, "ranked"))
    chosen.sort(key=lambda c: c[0].number)
    chosen = chosen[:MAX_KEY_POINTS]
    record.key_points = [point for _, point, _ in chosen]
    evidence: list[Evidence | None] = [sentence_evidence(ctx, s) for s, _, _ in chosen]
    record.key_point_evidence = evidence
    record.key_point_origins = [origin for _, _, origin in chosen]
    record.topic = clean_topic(draft.topic, ctx)
