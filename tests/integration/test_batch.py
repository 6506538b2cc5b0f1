"""--batch against a local server implementing /v1/files and /v1/batches, with the real
openai client: answers re-join their stories by custom_id, go through the same validation,
re-asks go out as a second, smaller batch, small runs fall back to ordinary calls, and an
interrupted wait resumes with --batch-resume."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summariser.batchrun as batchrun
from summariser.cli import app
from tests.servers.fake_batch import FakeBatchServer
from tests.servers.fake_openai import draft_for

runner = CliRunner()
STORIES = (
    "Flooding closed the main road into Herat on Monday, officials said.",
    "The council in Kabul approved a new budget for schools.",
    "Farmers near Kandahar reported a strong harvest this year.",
)


def first_answer_wrong(story: str, request: dict[str, Any]) -> dict[str, Any]:
    """An ungrounded figure in the first answer (re-asked), a grounded draft after."""
    draft = draft_for(story)
    if len(request["messages"]) <= 2:
        draft["headline"] = "999 people missing"
    return draft


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "bulletin.txt"
    path.write_text("\n\n".join(STORIES) + "\n", encoding="utf-8")
    return path


def summarise(server: FakeBatchServer, tmp_path: Path, *args: str, batch_min: int = 2) -> Any:
    return runner.invoke(
        app,
        [
            *args,
            "--base-url",
            server.base_url,
            "--model",
            "fake-model",
            "--format",
            "json",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--timeout",
            "5",
        ],
        env={"SUMMARISER_BATCH_MIN": str(batch_min), "SUMMARISER_BATCH_POLL": "0.01"},
    )


def test_batch_answers_rejoin_their_stories_and_reasks_go_as_a_smaller_batch(
    bulletin: Path, tmp_path: Path
) -> None:
    out = tmp_path / "brief.json"
    with FakeBatchServer(content=first_answer_wrong) as server:
        result = summarise(
            server, tmp_path, str(bulletin), "--batch", "-o", str(out), "--max-reasks", "1"
        )
        direct = len(server.chat_requests)
        inputs = server.batch_inputs
    assert result.exit_code == 0, result.output
    assert direct == 0  # every answer came through a batch
    assert [len(lines) for lines in inputs] == [3, 3]
    first_ids = {line["custom_id"] for line in inputs[0]}
    assert {line["custom_id"] for line in inputs[1]} == first_ids  # the same stories' keys
    assert all(len(i) == 64 for i in first_ids)
    assert all(len(line["body"]["messages"]) > 2 for line in inputs[1])  # re-asks
    stories = json.loads(out.read_text(encoding="utf-8"))["stories"]
    assert [s["status"] for s in stories] == ["summarised"] * 3
    assert all("999" not in s["headline"] for s in stories)  # validated like any answer
    assert [s["usage"]["attempts"] for s in stories] == [2, 2, 2]


def test_below_the_batch_size_the_stories_go_as_ordinary_calls(
    bulletin: Path, tmp_path: Path
) -> None:
    with FakeBatchServer() as server:
        result = summarise(server, tmp_path, str(bulletin), "--batch", batch_min=10)
        assert result.exit_code == 0, result.output
        assert server.batch_inputs == [] and len(server.chat_requests) == 3


def test_an_interrupted_wait_resumes_with_batch_resume(
    bulletin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "brief.json"
    real_wait = batchrun.wait

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        # The process ends while it waits (killed, or the machine went down); the CLI's
        # Ctrl-C path would end this test process itself, as it ends a real run at once.
        raise SystemExit(143)

    with FakeBatchServer() as server:
        monkeypatch.setattr(batchrun, "wait", interrupted)
        first = summarise(server, tmp_path, str(bulletin), "--batch", "-o", str(out))
        assert first.exit_code == 143 and not out.exists()
        saved = list((tmp_path / "cache" / "batches").glob("*[0-9].json"))
        assert len(saved) == 1
        batch_id = saved[0].stem
        assert f"summarise --batch-resume {batch_id}" in first.output
        kept = (tmp_path / "cache" / "batches" / f"{batch_id}.input.jsonl").read_text()
        assert [json.loads(x)["url"] for x in kept.splitlines()] == ["/v1/chat/completions"] * 3
        monkeypatch.setattr(batchrun, "wait", real_wait)
        resumed = summarise(server, tmp_path, "--batch-resume", batch_id)
        assert resumed.exit_code == 0, resumed.output
        assert len(server.batch_inputs) == 1 and server.chat_requests == []
    stories = json.loads(out.read_text(encoding="utf-8"))["stories"]
    assert [s["status"] for s in stories] == ["summarised"] * 3


def test_batch_resume_with_an_unknown_id_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--batch-resume", "batch_nope", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.startswith("summarise: error: no saved batch batch_nope")


def test_batch_needs_a_remote_endpoint(bulletin: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, [str(bulletin), "--batch", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "summarise: error: --batch needs an OpenAI-compatible endpoint: give --base-url or --model"
    )
