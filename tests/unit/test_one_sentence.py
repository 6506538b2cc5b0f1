"""A generated sentence rests on one story sentence: its names, numbers and dates together
(issue 17: key points that cannot recombine two sentences into a claim the story never makes)."""

from __future__ import annotations

from evals.prose_metrics import recombined
from summariser.check.context import StoryContext
from summariser.check.prose import prose_problems, supporting_sentence
from summariser.check.sentences import NumberedSentence
from summariser.segment import segment

STORY = (
    "Tajik Agency Seizes Drugs\n\n"
    "The Drug Control Agency of Tajikistan said on Monday it had seized 121 kilograms of "
    "methamphetamine. In a report released the same day, the agency's head, Zafar Samad, "
    "said the shipment was intercepted last month. According to the report, part of the "
    "drugs was found in a truck on the Dushanbe-Kulma highway, near the Chinese border.\n"
)


def _ctx() -> StoryContext:
    return StoryContext.build(segment(STORY)[0])


def test_a_point_joining_two_sentences_facts_is_a_problem() -> None:
    joined = ("In a report released last month, part of the drugs was found in a truck on "
              "the Dushanbe-Kulma highway.")
    problems = prose_problems("key point", joined, _ctx())
    assert problems and "not stated in one sentence" in problems[0]


def test_a_point_from_one_sentence_passes() -> None:
    own = "Part of the drugs was found in a truck on the Dushanbe-Kulma highway."
    assert prose_problems("key point", own, _ctx()) == []
    # One anchor cannot be recombined, wherever its sentence is.
    assert prose_problems("key point", "The shipment was intercepted last month.", _ctx()) == []


def test_the_scorer_counts_the_same_kind_without_the_products_check() -> None:
    joined = "In a report released last month, a truck was stopped on the Dushanbe-Kulma road."
    assert recombined(joined, STORY, dates=["last month", "Monday", "the same day"])
    assert not recombined("A truck was stopped on the Dushanbe-Kulma highway near the "
                          "Chinese border.", STORY, dates=["last month"])


def test_prose_about_the_story_is_rejected_under_either_check() -> None:
    """Issue 21: a small model's "The story is about ..." rests on no story sentence."""
    for level in ("strict", "lenient"):
        ctx = StoryContext.build(segment(STORY)[0], level)
        for meta in ("The story is about a drug seizure in Tajikistan.",
                     "This article describes how the agency found the drugs."):
            assert prose_problems("summary", meta, ctx), (level, meta)
    # A story's own "according to the report" is the story speaking, not prose about it.
    assert not prose_problems("key point", "According to the report, part of the drugs was "
                              "found in a truck.", _ctx())


def test_a_short_lead_sentence_with_no_content_word_is_its_own_support() -> None:
    """'She was 91.': a summary sentence that is a story sentence word for word rests on
    it, though it shares no content word with any."""
    sentences = [
        NumberedSentence(1, "The sculptor has died at her home in Hamburg.", 0, 45),
        NumberedSentence(2, "She was 91.", 46, 57),
    ]
    found = supporting_sentence("She  was 91.", sentences)
    assert found is not None and found.number == 2
