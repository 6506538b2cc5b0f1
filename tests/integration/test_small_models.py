"""Small models behind an OpenAI-compatible server: a cut-off or invalid answer degrades the
story to what the text itself yields, it never empties it (issue 21).

Through the real CLI against the fake model server on 127.0.0.1, which can cut its answers at
the request's `max_tokens` as a real server does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summariser.answer_budget import answer_tokens, estimate_tokens
from summariser.extract import extract_candidates
from summariser.segment import segment
from summariser.text import split_sentences
from tests.helpers import SEED, run_cli
from tests.integration.test_faults import BULLETIN, STORIES, statuses, summarise
from tests.servers.common import Fault, FaultPlan
from tests.servers.fake_openai import FakeOpenAIServer, draft_for


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    return path


def long_draft(story: str, request: dict[str, Any]) -> dict[str, Any]:
    """A valid draft whose JSON runs to about 600 characters (150 tokens at the server's 4),
    its key points first: cut short, nothing of it can be kept."""
    words = story.split(".")[0].split()
    draft = {"key_points": [" ".join(words[:n]) + "." for n in (len(words), 7, 6)]}
    draft.update({k: v for k, v in draft_for(story).items() if k != "key_points"})
    return draft


def chat_limits(server: FakeOpenAIServer, marker: str) -> list[int]:
    return [r.json()["max_tokens"] for r in server.chat_requests if marker in r.story]


def test_an_answer_cut_at_the_limit_is_asked_again_once_with_twice_the_limit(
    bulletin: Path,
) -> None:
    with FakeOpenAIServer(content=long_draft, honour_max_tokens=True) as server:
        size = len(json.dumps(long_draft(BULLETIN.split("\n")[0], {})))
        limit = size // 4 - 10  # cut at the first limit, whole at twice it
        result, data, _ = summarise(bulletin, server.base_url, "--max-tokens", str(limit))
    assert result.returncode == 0, result.stderr
    assert statuses(data) == ["summarised"] * STORIES
    assert data is not None
    herat = data["stories"][0]
    assert not herat["extractive"] and herat["reason"] is None
    assert chat_limits(server, "Herat") == [limit, 2 * limit]
    first, second = (r.json() for r in server.chat_requests if "Herat" in r.story)
    assert first["messages"] == second["messages"]  # asked again, not re-asked with errors
    assert herat["usage"]["attempts"] == 2 and herat["grounding"]["reasks"] == 0


def test_an_answer_cut_off_twice_is_not_reasked_and_the_story_is_extractive(
    bulletin: Path,
) -> None:
    with FakeOpenAIServer(content=long_draft, honour_max_tokens=True) as server:
        result, data, _ = summarise(bulletin, server.base_url, "--max-tokens", "32")
    assert result.returncode == 0, result.stderr
    assert statuses(data) == ["summarised"] * STORIES
    assert data is not None and data["meta"]["extractive"] == STORIES
    assert chat_limits(server, "Herat") == [32, 64]
    herat = data["stories"][0]
    assert herat["extractive"] and "cut off" in herat["reason"]
    assert herat["summary"].startswith("Flooding closed the main road into Herat on Monday")
    assert herat["headline"]
    assert [p["name"] for p in herat["places"]] == ["Herat"]  # the candidates still count
    assert herat["usage"]["attempts"] == 2 and herat["usage"]["completion_tokens"] > 0


def test_answers_that_stay_invalid_degrade_only_their_story_and_exit_0(bulletin: Path) -> None:
    plan = FaultPlan().when("Kabul", Fault.malformed_answer())
    with FakeOpenAIServer(plan=plan) as server:
        result, data, _ = summarise(bulletin, server.base_url, "--max-reasks", "1", quiet=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert statuses(data) == ["summarised"] * STORIES
    assert data is not None
    kabul = data["stories"][1]
    assert kabul["extractive"] and "stayed invalid" in kabul["reason"]
    assert kabul["summary"].startswith("The council in Kabul approved a new budget")
    assert [p["name"] for p in kabul["places"]] == ["Kabul"]
    assert [s["extractive"] for s in data["stories"]] == [False, True, False]
    assert sum("Kabul" in r.story for r in server.chat_requests) == 2  # first ask + one re-ask
    assert kabul["usage"]["attempts"] == 2


def test_an_extractive_story_is_cached_and_a_warm_run_asks_nothing(
    bulletin: Path, tmp_path: Path
) -> None:
    """The model's unusable answer is as repeatable as a usable one: a warm run reuses the
    extractive record instead of loading or asking the model to fail again."""
    plan = FaultPlan().when("Kabul", Fault.malformed_answer())
    args = (str(bulletin), "--base-url", "", "--model", "fake-model", "--cache-dir",
            str(tmp_path / "cache"), "--format", "json", "--quiet", "--concurrency", "1")
    with FakeOpenAIServer(plan=plan) as server:
        url_args = (args[0], args[1], server.base_url, *args[3:])
        first = run_cli(*url_args, timeout=300)
        asked = len(server.chat_requests)
        second = run_cli(*url_args, timeout=300)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert asked > 0 and len(server.chat_requests) == asked  # the warm run asked nothing
    warm = json.loads(second.stdout)
    kabul = warm["stories"][1]
    assert kabul["extractive"] and "stayed invalid" in kabul["reason"]
    assert all(s["usage"]["cached"] for s in warm["stories"])


def test_the_default_limit_grows_with_the_story_and_the_schema() -> None:
    stories = segment(SEED.read_text(encoding="utf-8"))
    short, long_ = min(stories, key=lambda s: len(s.body)), max(stories, key=lambda s: len(s.body))
    cands = extract_candidates(long_.text)
    assert answer_tokens(long_.body, cands, True, cap=10_000) > answer_tokens(
        long_.body, cands, False, cap=10_000
    )
    assert answer_tokens(long_.body, [], False, cap=10_000) >= answer_tokens(
        short.body, [], False, cap=10_000
    )
    assert answer_tokens(long_.body, cands, True, cap=100) == 100


@pytest.mark.parametrize("full", [False, True], ids=["prose", "full"])
def test_the_default_limit_holds_a_complete_answer_for_every_seed_story(full: bool) -> None:
    """The longest answer the prompt asks for: the two longest sentences as summary, the
    longest as every key point, and in a full draft a few added items and a flag."""
    for story in segment(SEED.read_text(encoding="utf-8")):
        cands = extract_candidates(story.text)
        sentences = sorted(split_sentences(story.body), key=len, reverse=True)
        answer: dict[str, Any] = {
            "headline": " ".join(story.lead.split()[:12]),
            "summary": " ".join(sentences[:2]),
            "key_points": sentences[:1] * 3,
            "topic": "politics",
        }
        if full:  # the prompt asks for the items the list misses, and flags: a few
            named = [c for c in cands if c.kind in ("organisation", "place")][:2]
            answer["organisations"] = [c.text for c in named]
            answer["people"] = [{"name": "Amina Noori Haidari", "role": "deputy governor"}]
            answer["figures"] = [{"value": "1,250", "context": "families displaced"}]
            answer["flags"] = [{"item": named[0].text if named else "X",
                                "reason": "part_of_longer_name",
                                "evidence": "the longer name the story writes", "kind": None}]
        needed = estimate_tokens(json.dumps(answer, indent=1))
        assert answer_tokens(story.body, cands, full, cap=10_000) >= needed, story.id


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8080/v1", 1),
        ("http://localhost:11434/v1", 1),
        ("http://[::1]:8000/v1", 1),
        ("https://api.openai.com/v1", 4),
        ("http://10.0.0.5:8000/v1", 4),
    ],
)
def test_a_server_on_this_machine_gets_one_story_at_a_time(url: str, expected: int) -> None:
    from summariser.backends.openai_compat import default_concurrency

    assert default_concurrency(url) == expected


def test_an_answer_cut_off_while_repeating_itself_is_not_asked_again() -> None:
    from summariser.backends.fake import FakeBackend, completion
    from summariser.config import Config
    from summariser.pipeline import summarise_text

    looping = '{"headline": "Council meets", "summary": "The council in Kabul met on Monday.", '
    looping += '"key_points": [], "topic": "civic", "places": [' + '"Kabul", ' * 40 + '"Ka'

    class Loops(FakeBackend):
        def create(self, **kwargs: Any) -> Any:
            self.calls.append(kwargs)
            response = completion(looping)
            response.choices[0].finish_reason = "length"
            return response

    backend = Loops()
    config = Config(use_cache=False, max_reasks=1, entity_mode="hybrid")
    briefing = summarise_text("The council in Kabul met on Monday.\n", config, backend)
    assert len(backend.calls) == 1
    story = briefing.stories[0]
    assert story.status == "summarised" and [p.name for p in story.places] == ["Kabul"]
    assert story.summary == "The council in Kabul met on Monday."


def test_a_degraded_story_gets_the_ranked_key_sentences_with_their_evidence() -> None:
    """The fallbacks are the embedded model's (issue 21): a cut-off answer leaves the lead
    as summary and the ranking's key sentences as key points, each linked to its sentence."""
    from summariser.backends.fake import FakeBackend, completion
    from summariser.config import Config
    from summariser.pipeline import summarise_text

    class CutOff(FakeBackend):
        def create(self, **kwargs: Any) -> Any:
            self.calls.append(kwargs)
            response = completion('{"headline": "Council meets", "summary": "The coun')
            response.choices[0].finish_reason = "length"
            return response

    text = ("The council in Kabul met on Monday to discuss the budget.\n"
            "Officials said 12 schools in Herat would reopen next week.\n"
            "The governor of Herat said 300 teachers had been hired for them.\n"
            "Parents in Kandahar asked for 40 more buses before the winter.\n"
            "The ministry said it would publish the full budget in March.\n")
    config = Config(use_cache=False, max_reasks=0, entity_mode="hybrid")
    story = summarise_text(text, config, CutOff()).stories[0]
    assert story.extractive and story.status == "summarised"
    assert story.key_points and set(story.key_point_origins) == {"ranked"}
    assert all(e is not None and e.text in text for e in story.key_point_evidence)
    assert len(story.summary_evidence) >= 1


def test_repetition_is_told_from_a_long_answer() -> None:
    from summariser.backends.base import repeats_itself

    assert repeats_itself('{"places": ["Kabul", "Herat", "Kabul", "He')
    assert repeats_itself('{"summary": "' + "and the council met again " * 12)
    assert not repeats_itself('{"places": ["Kabul", "Herat", "Kandahar", "Ba')
    assert not repeats_itself('{"summary": "' + " ".join(f"word{i}" for i in range(200)))
