"""Key points chosen by sentence number, meta-language, and the evidence of prose."""

from __future__ import annotations

import json

import pytest

from summariser.backends.fake import FakeBackend
from summariser.check.prose import meta_language
from summariser.check.sentences import main_clause, numbered_sentences
from summariser.config import Config
from summariser.pipeline import summarise_text
from summariser.segment import segment

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


def test_a_selecting_model_sees_numbered_sentences_and_gets_them_back_verbatim() -> None:
    backend, briefing = _run({"key_sentences": [4, 3, 9], "topic": "floods"})
    prompt = backend.calls[0]["messages"][-1]["content"]
    assert "[3] The river rose by two metres" in prompt
    assert "headline" not in prompt and "summary" not in prompt
    (story,) = briefing.stories  # type: ignore[attr-defined]
    # Story order, verbatim; 9 is no sentence: dropped and counted, never re-asked.
    assert story.key_points == [
        "The river rose by two metres and the main bridge was closed.",
        "The Red Cross opened 14 shelters in Lakeside and Northfield, where 300 families stay.",
    ]
    assert len(backend.calls) == 1
    assert any("key sentence 9" in d for d in story.grounding.dropped_items)
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


def test_a_sentence_in_the_summary_is_not_repeated_as_a_key_point() -> None:
    _backend, briefing = _run({"key_sentences": [1, 2], "topic": "floods"})
    assert briefing.stories[0].key_points == []  # type: ignore[attr-defined]


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
