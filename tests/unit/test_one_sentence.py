"""A generated sentence rests on one story sentence: its names, numbers and dates together
(issue 17: key points that cannot recombine two sentences into a claim the story never makes)."""

from __future__ import annotations

from evals.prose_metrics import recombined
from summariser.check.context import StoryContext
from summariser.check.prose import prose_problems
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
