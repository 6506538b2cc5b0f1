"""Key points chosen by sentence number, meta-language, and the evidence of prose."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summariser.backends.fake import FakeBackend
from summariser.check.context import StoryContext
from summariser.check.prose import meta_language
from summariser.check.selection import (
    MAX_KEY_POINTS,
    key_candidates,
    rank_candidates,
    selection_schema,
    whole_sentence,
)
from summariser.check.sentences import main_clause, numbered_sentences
from summariser.config import Config
from summariser.pipeline import summarise_text
from summariser.segment import segment
from summariser.text import starts_with_pronoun

STORY = (
    "About 1,200 people left Riverton after a week of heavy rain. "
    "Officials said the water would peak on Friday. "
    "The river rose by two metres and the main bridge was closed. "
    "The Red Cross opened 14 shelters in Lakeside and Northfield, where 300 families stay."
)


def _run(answer: dict[str, object], text: str = STORY) -> tuple[FakeBackend, object]:
    backend = FakeBackend([answer], writes_prose=False)
    config = Config.resolve(use_cache=False, entity_mode="candidates", max_reasks=1)
    return backend, summarise_text(text, config, backend)


def test_a_selecting_model_sees_only_the_candidates_numbered_and_gets_them_back_verbatim(
) -> None:
    backend, briefing = _run({"key_sentences": [2, 1], "topic": "floods"})
    request = backend.calls[0]
    prompt = request["messages"][-1]["content"]
    # The summary's two sentences are not offered: every number names a usable sentence.
    assert "[1] The river rose by two metres" in prompt
    assert "[2] The Red Cross opened 14 shelters" in prompt
    assert "About 1,200 people" not in prompt and "[3]" not in prompt
    assert "headline" not in prompt and "summary" not in prompt
    (story,) = briefing.stories  # type: ignore[attr-defined]
    assert story.key_points == [
        "The river rose by two metres and the main bridge was closed.",
        "The Red Cross opened 14 shelters in Lakeside and Northfield, where 300 families stay.",
    ]
    assert story.key_point_origins == ["model", "model"]
    assert len(backend.calls) == 1
    assert story.summary == (
        "About 1,200 people left Riverton after a week of heavy rain. "
        "Officials said the water would peak on Friday."
    )
    for point, evidence in zip(story.key_points, story.key_point_evidence, strict=True):
        assert evidence is not None and STORY[evidence.start:evidence.end] == point
    assert [e.text for e in story.summary_evidence] == [
        "About 1,200 people left Riverton after a week of heavy rain.",
        "Officials said the water would peak on Friday.",
    ]


def test_the_answer_schema_allows_only_the_offered_numbers_as_many_as_there_are_points(
) -> None:
    schema = selection_schema(5).model_json_schema()["properties"]["key_sentences"]
    assert schema["items"]["enum"] == [1, 2, 3, 4, 5]
    assert schema["minItems"] == schema["maxItems"] == MAX_KEY_POINTS
    two = selection_schema(2).model_json_schema()["properties"]["key_sentences"]
    assert two["items"]["enum"] == [1, 2] and two["minItems"] == two["maxItems"] == 2
    with pytest.raises(ValidationError):
        selection_schema(2).model_validate({"key_sentences": [1, 3]})


def test_a_story_with_nothing_after_its_summary_does_not_ask_the_model() -> None:
    text = "About 1,200 people left Riverton after heavy rain. Officials expect more rain."
    backend, briefing = _run({"key_sentences": [1], "topic": "floods"}, text)
    assert backend.calls == []
    (story,) = briefing.stories  # type: ignore[attr-defined]
    assert story.status == "summarised" and story.key_points == []


RANKED = (
    "About 1,200 people left Riverton after a week of heavy rain. "
    "Officials said the water would peak on Friday. "
    "The weather was described as unusual for the season by many. "
    "He said the Red Cross and the Army sent 40 trucks to Lakeside on Monday. "
    "The Red Cross and the Army sent 14 boats to Northfield on Tuesday. "
    "The mayor of Riverton asked for help."
)


def test_not_asked_the_ranking_picks_the_most_grounded_sentences_pronouns_last() -> None:
    backend = FakeBackend([], writes_prose=False)
    config = Config.resolve(use_cache=False, entity_mode="candidates", key_points="ranked")
    briefing = summarise_text(RANKED, config, backend)
    assert backend.calls == []  # the model is neither asked nor loaded
    (story,) = briefing.stories  # type: ignore[attr-defined]
    assert story.key_point_origins == ["ranked"] * len(story.key_points)
    # Most names, figures and dates first; of two as grounded, the one that stands alone
    # comes before the one opening with "He"; those naming less come after.
    ranked = rank_candidates(
        key_candidates(segment(RANKED)[0]),
        StoryContext.build(segment(RANKED)[0], "strict"),
    )
    assert ranked[0].text.startswith("The Red Cross and the Army sent 14 boats")
    assert ranked[1].text.startswith("He said")
    assert {s.text.split()[1] for s in ranked[2:]} == {"weather", "mayor"}
    assert story.key_points == [s.text for s in sorted(ranked[:3], key=lambda s: s.number)]


def test_a_top_line_does_not_open_with_a_bare_pronoun_when_another_sentence_says_more(
) -> None:
    from summariser.render.toplines import key_fact
    from summariser.schemas import Span, StoryRecord

    record = StoryRecord(
        id=1, story_id="x", lead="Floods hit Riverton.", headline="Floods hit Riverton",
        source=Span(start=0, end=1),
        key_points=["He said 40 trucks were sent to Lakeside on Monday.",
                    "The Red Cross opened 14 shelters in Northfield."],
    )
    assert key_fact(record).startswith("The Red Cross opened 14 shelters")
    assert not starts_with_pronoun(key_fact(record))
    assert starts_with_pronoun("He added that the road was closed.")
    assert starts_with_pronoun("“They will return,” the mayor said.")
    assert not starts_with_pronoun("Helsinki said the road was closed.")


def test_sentence_offsets_index_the_story_text() -> None:
    (story,) = segment("Floods\n\n" + STORY)
    for s in numbered_sentences(story):
        assert story.text[s.start:s.end] == s.text


def test_a_long_sentence_is_cut_to_a_prefix_that_is_its_main_clause() -> None:
    long = (
        "The probe used the gravity of Mars to speed up on its way towards Jupiter in a "
        "manoeuvre planned over many years by engineers at the agency, and it will reach the "
        "giant planet in 2031 after passing close to two asteroids that scientists have "
        "wanted to study since the nineteen nineties."
    )
    cut = main_clause(long)
    assert cut != long and long.startswith(cut[:-1]) and cut.endswith(".")
    assert "Jupiter" in cut and "2031" not in cut
    assert main_clause("Short sentence stays whole.") == "Short sentence stays whole."


@pytest.mark.parametrize(
    "text",
    [
        "The story is about a company that has lost its market share.",
        "This article describes a flood in Riverton.",
        "In the text, officials warn of more rain.",
    ],
)
def test_meta_language_is_recognised(text: str) -> None:
    assert meta_language(text)


@pytest.mark.parametrize(
    "text",
    [
        "The river rose by two metres.",
        "According to the text of the agreement, troops will withdraw.",
        "The report says 40 people died.",
    ],
)
def test_news_prose_is_not_meta_language(text: str) -> None:
    assert not meta_language(text)


def test_a_meta_language_summary_is_reasked_then_replaced_by_the_lead() -> None:
    meta = {"headline": "Riverton floods", "summary": "The story is about floods in Riverton.",
            "key_points": [], "topic": "floods"}
    backend = FakeBackend([meta, meta])
    config = Config.resolve(use_cache=False, entity_mode="candidates", max_reasks=1,
                            prose_check="lenient")
    briefing = summarise_text(STORY, config, backend)
    assert "not what the story or article does" in json.dumps(backend.calls[1]["messages"])
    assert "story is about" not in briefing.stories[0].summary


def test_a_subheading_or_half_a_split_quote_is_not_offered_as_a_key_point() -> None:
    text = (
        "About 1,200 people left Riverton after a week of heavy rain. "
        "Officials said the water would peak on Friday.\n"
        "Shelters Opened Across the Region\n"
        "The agency said on Tuesday: “Nobody should stay near the river. "
        "The bridge will stay closed until Monday.” "
        "The Red Cross opened 14 shelters in Lakeside and Northfield."
    )
    (story,) = segment(text)
    offered = [c.text for c in key_candidates(story)]
    assert offered == ["The Red Cross opened 14 shelters in Lakeside and Northfield."]
    assert whole_sentence("He said: “We stay.” Officials agreed.")
