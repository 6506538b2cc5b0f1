"""The eval's count of printed sentences that rest on no story sentence (issue 21): the
remote path must print none, whatever model writes its prose."""

from __future__ import annotations

from evals.prose_metrics import unsupported_sentences

STORY = ("Floods displaced 4,000 people in Kogi on Monday. "
         "The governor of Kogi said 12 schools were closed.")
SOURCE = {"start": 0, "end": len(STORY)}
EVIDENCE = {"text": "x", "start": 0, "end": 1}


def record(**fields: object) -> dict[str, object]:
    return {"source": SOURCE, **fields}


def test_a_record_whose_sentences_all_have_evidence_has_none() -> None:
    story = record(summary="Floods displaced 4,000 people in Kogi on Monday.",
                   summary_evidence=[EVIDENCE], key_points=["12 schools were closed."],
                   key_point_evidence=[EVIDENCE])
    assert unsupported_sentences(story, STORY) == []


def test_a_key_point_without_evidence_and_a_summary_short_of_it_are_counted() -> None:
    story = record(summary="Floods hit Kogi. Schools shut.", summary_evidence=[EVIDENCE],
                   key_points=["A point.", "Another."], key_point_evidence=[EVIDENCE, None])
    assert unsupported_sentences(story, STORY) == ["Another.", "Floods hit Kogi. Schools shut."]


def test_a_summary_sentence_joining_two_story_sentences_is_counted() -> None:
    joined = "The governor said 12 schools closed on Monday."
    story = record(summary=joined, summary_evidence=[EVIDENCE])
    assert unsupported_sentences(story, STORY) == [joined]


def test_the_baseline_lead_without_evidence_links_is_not_judged() -> None:
    assert unsupported_sentences(record(summary="Anything at all."), STORY) == []
