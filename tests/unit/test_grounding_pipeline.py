"""Issue 7 over a scripted model: invented, wrong, misattributed and mistyped items never print."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summariser.backends.fake import FakeBackend
from summariser.config import Config
from summariser.pipeline import summarise_text
from summariser.segment import segment

MOTAMEDIAN_QUOTE = (
    "We believe that public cooperation is crucial in addressing the issue of foreign nationals."
)


@pytest.fixture
def iran_story(seed_text: str) -> str:
    return segment(seed_text)[4].text


def bad_draft() -> dict[str, Any]:
    return {
        "headline": "Tehran expels 250,000 refugees",
        "summary": "Mohammad Ali said 250,000 refugees were expelled from Tehran.",
        "key_points": [],
        "topic": "migration",
        "people": [
            {"name": "Mohammad Ali", "role": "minister"},
            {"name": "Mohammad Sadegh Motamedian", "role": "governor of Tehran"},
        ],
        "organisations": ["Tehran", "Islamic Republic News Agency"],
        "places": ["Alborz"],
        "figures": [
            {"value": "250,000", "context": "refugees expelled"},
            {"value": "200,000", "context": "undocumented refugees expelled"},
        ],
        "dates": ["Tuesday"],
        "quotes": [{"text": MOTAMEDIAN_QUOTE, "speaker": "Eskandar Momeni"}],
        "sources": ["IRNA"],
    }


def good_draft() -> dict[str, Any]:
    draft = bad_draft()
    draft.update(
        headline="Tehran expels 200,000 undocumented refugees",
        summary="The governor of Tehran said 200,000 undocumented refugees were expelled.",
        people=[{"name": "Mohammad Sadegh Motamedian", "role": "governor of Tehran"}],
        organisations=["Islamic Republic News Agency"],
        places=["Tehran", "Alborz"],
        figures=[{"value": "200,000", "context": "undocumented refugees expelled"}],
        quotes=[{"text": MOTAMEDIAN_QUOTE, "speaker": "Mohammad Sadegh Motamedian"}],
    )
    return draft


def run(text: str, backend: FakeBackend) -> dict[str, Any]:
    config = Config.resolve(use_cache=False, entity_mode="hybrid", max_reasks=2)
    briefing = summarise_text(text, config, backend)
    return json.loads(briefing.model_dump_json())["stories"][0]


def assert_clean(story: dict[str, Any]) -> None:
    printed = {k: v for k, v in story.items() if k != "grounding"}  # accounting names the drops
    rendered = json.dumps(printed)
    assert "Mohammad Ali" not in rendered
    assert "250,000" not in rendered
    assert "Tehran" not in [o["name"] for o in story["organisations"]]
    quote = next(q for q in story["quotes"] if q["text"].startswith("We believe"))
    assert quote["speaker"] == "Mohammad Sadegh Motamedian"


def test_each_bad_item_is_rejected_and_reasked_then_the_good_answer_is_used(
    iran_story: str,
) -> None:
    backend = FakeBackend([bad_draft(), good_draft()], trusted_with_entities=True)
    story = run(iran_story, backend)
    assert len(backend.calls) == 2
    reask = json.dumps(backend.calls[1]["messages"])
    for reason in ("Mohammad Ali", "250,000", "not Eskandar Momeni", "'Tehran' is a place"):
        assert reason in reask, reason
    assert_clean(story)
    assert story["grounding"]["reasks"] == 1
    assert story["summary"].startswith("The governor of Tehran")
    assert {p["name"] for p in story["places"]} >= {"Tehran", "Alborz"}


def test_after_the_last_reask_unsupported_items_are_dropped_and_counted(iran_story: str) -> None:
    backend = FakeBackend([bad_draft()] * 3, trusted_with_entities=True)
    story = run(iran_story, backend)
    assert len(backend.calls) == 3
    assert_clean(story)
    grounding = story["grounding"]
    assert grounding["reasks"] == 2
    assert grounding["dropped"] >= 3  # the invented person, the wrong figure, the mistyped place
    assert grounding["summary_fallback"] is True
    assert story["summary"].startswith("Mohammad Sadegh Motamedian, the governor of Tehran")
    assert all(p["evidence"]["text"] for p in story["people"])
    assert story["usage"]["completion_tokens"] == 15  # every attempt is counted


def test_candidates_mode_never_prints_what_the_model_names(iran_story: str) -> None:
    answer = {
        "headline": "Iran deports Afghans",
        "summary": "Mohammad Ali met nobody.",
        "key_points": [],
        "topic": "migration",
    }
    backend = FakeBackend([answer] * 3)
    config = Config.resolve(use_cache=False, entity_mode="candidates", max_reasks=2)
    story = json.loads(summarise_text(iran_story, config, backend).model_dump_json())["stories"][0]
    assert "Mohammad Ali" not in json.dumps({k: v for k, v in story.items() if k != "grounding"})
    assert {p["name"] for p in story["people"]} == {
        "Mohammad Sadegh Motamedian",
        "Morteza Ali Pouri",
        "Eskandar Momeni",
    }
