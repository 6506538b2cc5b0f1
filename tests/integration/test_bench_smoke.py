"""The benchmark's moving parts work: the delay server answers, the scale run returns its keys.

No timing is asserted here: timings belong to `python -m bench.run`, not to a test.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from bench import multi, scale
from bench.answers import draft
from bench.bulletin import bulletin
from bench.delay_server import base_url, serve
from summariser.segment import segment


def _post(url: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode("utf-8"), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        data: dict[str, Any] = json.load(response)
    return data


def test_delay_server_answers_a_grounded_draft_and_lists_a_model() -> None:
    story = "The World Food Programme (WFP) said on Tuesday that 1.3 million people need help."
    messages = [
        {"role": "system", "content": "You are a careful news editor."},
        {"role": "user", "content": f"Story:\n<<<\n{story}\n>>>\n\nWrite a JSON object with:"},
    ]
    with serve(0.01) as server:
        url = base_url(server)
        with urllib.request.urlopen(f"{url}/models", timeout=10) as response:
            assert json.load(response)["data"][0]["id"]
        answer = _post(f"{url}/chat/completions", {"model": "m", "messages": messages})
    assert answer["object"] == "chat.completion"
    assert answer["usage"]["completion_tokens"] > 0
    content = json.loads(answer["choices"][0]["message"]["content"])
    assert set(content) >= {"headline", "summary", "key_points", "topic"}
    assert content["summary"] in story
    assert server.requests == 1


def test_draft_copies_listed_items_in_hybrid_prompts() -> None:
    user = (
        "Story:\n<<<\nAhmad Rahimi, the governor of Herat, spoke.\n>>>\n\n"
        "Items found in the story (kind: text):\n- person: Ahmad Rahimi (the governor of Herat)\n"
        "- place: Herat\n\nWrite a JSON object with:"
    )
    answer = draft([{"role": "user", "content": user}])
    assert answer["people"] == [{"name": "Ahmad Rahimi", "role": "the governor of Herat"}]
    assert answer["places"] == ["Herat"]


def test_generated_bulletin_segments_into_the_requested_stories() -> None:
    assert len(segment(bulletin(20))) == 20


def test_scale_benchmark_runs_on_a_tiny_bulletin() -> None:
    result = scale.measure(20)
    for key in scale.KEYS:
        assert key in result
    assert result["stories"] == 20
    assert result["model_calls"] == 20
    assert result["failed"] == 0
    stages = set(result["stages_ms_per_story"])
    assert {"segment", "candidates", "grounding_check", "render_md"} <= stages


def test_multi_benchmark_writes_every_bulletin_and_asks_every_story() -> None:
    result = multi.measure(3, 4)
    assert (result["written"], result["model_calls"], result["exit_code"]) == (3, 12, 0)
    assert result["stories"] == 12 and result["per_story_ms"] > 0


class _CopyForbidden:
    """Stands for a logits processor bound to a model that may be closed by replay time."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _CopyForbidden:
        raise AssertionError("a recorded processor must not be copied")


def test_replayed_request_shares_its_processor_and_copies_the_rest() -> None:
    from bench.embedded import _copy_request

    processor = _CopyForbidden()
    recorded = {"messages": [{"role": "user", "content": "x"}], "logits_processor": [processor]}
    copied = _copy_request(recorded)
    assert copied["logits_processor"] is recorded["logits_processor"]
    assert copied["messages"] == recorded["messages"]
    assert copied["messages"] is not recorded["messages"]


def test_concurrency_benchmark_gives_every_run_a_bulletin_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Runs share no stories (a run over checked prose would read the process's caches), and
    the top level is repeated for its median."""
    from bench import concurrency
    from bench.run import concurrency_rows

    seen: list[str] = []
    original = concurrency._one_run

    def recording(text: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        seen.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(concurrency, "_one_run", recording)
    data = concurrency.run(
        8, 0.01, levels=(1, 4), repeats=2, longer_delays=(0.02,), log=lambda line: None
    )
    assert len(seen) == 7  # warm-up, two levels, one repeat, floor, named format, longer delay
    stories = [{s.text for s in segment(text)} for text in seen]
    for i, first in enumerate(stories):
        for second in stories[i + 1 :]:
            assert not first & second
    assert [r["failed"] for r in data["runs"]] == [0, 0]
    assert len(data["top_ratios"]) == 2
    assert any("median of 2 runs" in row.metric for row in concurrency_rows(data))
    assert data["bare_client"]["wall_s"] > 0
    assert data["client_cpu"]["candidates_ms_per_story"] > 0
    assert [d["delay_s"] for d in data["longer_delays"]] == [0.02]
