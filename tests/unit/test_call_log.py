"""The call log: every model call of a run, with its prompt, raw answer, validation error and
cost, keyed by run and story; readable by run or story id; and never holding the API key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, field_validator

from summariser.backends.fake import FakeBackend
from summariser.cache import content_id
from summariser.calllog import CallLog, find_stories, list_runs, log_path
from summariser.config import Config
from summariser.pipeline import summarise_text
from summariser.run_context import open_run

BULLETIN = (
    "Flooding closed the main road into Herat on Monday, officials said.\n"
    "\n"
    "The council in Kabul approved a new budget for schools.\n"
)


class Answer(BaseModel):
    count: int

    @field_validator("count")
    @classmethod
    def positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError("count must be positive")
        return value


def _lead(kwargs: dict[str, Any]) -> str:
    user = kwargs["messages"][1]["content"]
    return user.split("<<<\n", 1)[1].split("\n>>>", 1)[0].splitlines()[0]


def test_extract_keeps_each_attempt_with_its_validation_error() -> None:
    backend = FakeBackend([{"count": -1}, {"count": 2}])
    backend.keep_calls = True
    messages = [{"role": "user", "content": "Count."}]
    result = backend.extract(messages, Answer, max_reasks=1, max_tokens=20, temperature=0)
    assert [c.response for c in result.calls] == ['{"count": -1}', '{"count": 2}']
    assert result.calls[0].error is not None and "count must be positive" in result.calls[0].error
    assert result.calls[1].error is None
    assert result.calls[0].messages == messages
    # the re-ask carries the reason back to the model, and the log shows that prompt too
    assert "count must be positive" in json.dumps(result.calls[1].messages)
    assert result.calls[0].prompt_tokens == 10 and result.calls[0].params["max_tokens"] == 20


def test_without_the_log_no_attempt_is_kept() -> None:
    backend = FakeBackend([{"count": 2}])
    result = backend.extract(
        [{"role": "user", "content": "Count."}],
        Answer,
        max_reasks=0,
        max_tokens=20,
        temperature=0,
    )
    assert result.calls == []


def test_a_run_logs_each_story_and_call_and_reads_back(tmp_path: Path) -> None:
    first_story = BULLETIN.split("\n\n")[0]
    invalid = {"headline": "Floods in Paris", "summary": "Paris flooded.", "key_points": []}

    def answer(kwargs: dict[str, Any]) -> dict[str, Any]:
        lead = _lead(kwargs)
        return {"headline": lead[:40], "summary": lead, "key_points": [], "topic": "x"}

    backend = FakeBackend([invalid], default=answer)
    config = Config(use_cache=False, cache_dir=tmp_path, concurrency=1)
    log = CallLog.open(tmp_path, secrets=["sk-secret-value"])
    assert log is not None
    log.start_run(backend="fake", model="m", inputs=["desk.txt"], options={}, version="t")
    backend.keep_calls = True
    briefing = summarise_text(
        BULLETIN, config, backend, source_name="desk.txt", run=open_run(config, backend, log)
    )
    log.close()
    assert briefing.meta.run_id == log.run_id
    runs = list_runs(log_path(tmp_path))
    assert [r["run_id"] for r in runs] == [log.run_id]
    assert runs[0]["stories"] == 2 and runs[0]["calls"] == 3
    story = find_stories(log_path(tmp_path), None, content_id(first_story)[:8])
    assert len(story) == 1 and story[0]["input"] == "desk.txt"
    calls = story[0]["calls"]
    assert [c["attempt"] for c in calls] == [1, 2]
    assert "Paris" in calls[0]["response"] and calls[0]["error"]
    assert calls[1]["error"] is None and "Herat" in calls[0]["messages"][1]["content"]
    by_run = find_stories(log_path(tmp_path), log.run_id[:10], None)
    assert {s["story_id"] for s in by_run} == {r.story_id for r in briefing.stories}


def test_known_secrets_are_scrubbed_from_every_stored_text(tmp_path: Path) -> None:
    secret = "sk-test-" + "x" * 24
    text = f"The leaked key {secret} was posted in Kabul on Monday, officials said.\n"
    backend = FakeBackend(default=lambda kwargs: {"headline": secret, "summary": secret})
    backend.keep_calls = True
    config = Config(use_cache=False, cache_dir=tmp_path, concurrency=1, max_reasks=0)
    log = CallLog.open(tmp_path, secrets=[secret])
    assert log is not None
    summarise_text(text, config, backend, source_name="a.txt", run=open_run(config, backend, log))
    log.close()
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("calls.sqlite*"))
    assert b"[redacted]" in stored
    assert secret.encode() not in stored


def test_an_unusable_log_folder_costs_the_log_not_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert CallLog.open(blocker / "cache") is None
