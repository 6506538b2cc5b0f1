"""The CLI end to end over a scripted backend: parsing, exit codes, outputs, no lost story."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summariser.backends as backends
from summariser.backends.fake import FakeBackend
from summariser.cli import app
from summariser.errors import BackendError

runner = CliRunner()


def prose(
    headline: str = "Military urges action", summary: str = "Commanders met in Rawalpindi."
) -> dict[str, Any]:
    return {"headline": headline, "summary": summary, "key_points": [], "topic": "security"}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeBackend:
    backend = FakeBackend(default=grounded_answer)
    monkeypatch.setattr(backends, "create_backend", lambda config: backend)
    return backend


def grounded_answer(kwargs: dict[str, Any]) -> dict[str, Any]:
    lead = _lead_of(kwargs)
    return prose(headline=" ".join(lead.split()[:8]), summary=lead)


def _lead_of(kwargs: dict[str, Any]) -> str:
    """A valid answer: the story's first line, which is grounded by construction."""
    user = kwargs["messages"][1]["content"]
    body = user.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
    return body.splitlines()[0][:300]


def test_json_output_has_every_story_and_the_contract_fields(
    fake: FakeBackend, tmp_path: Path
) -> None:
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_308f2c399fe30051.txt"
    result = runner.invoke(app, [str(seed), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["stories"]) == 6
    assert len(fake.calls) == 6
    story = data["stories"][0]
    for field in (
        "id",
        "title",
        "headline",
        "summary",
        "people",
        "organisations",
        "places",
        "figures",
        "dates",
        "quotes",
        "source",
    ):
        assert field in story
    assert data["meta"]["backend"] == "fake"


def test_markdown_to_file_is_written_atomically(fake: FakeBackend, tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_308f2c399fe30051.txt"
    out = tmp_path / "brief.md"
    result = runner.invoke(app, [str(seed), "-o", str(out), "--quiet", "--no-cache"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Daily briefing")
    assert text.count('<a id="story-') == 6
    assert not list(tmp_path.glob("*.tmp"))


def test_stdin_is_read_with_dash(fake: FakeBackend) -> None:
    result = runner.invoke(
        app, ["-", "--format", "json", "--no-cache"], input="One story about Kabul.\n"
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["stories"]) == 1


def test_a_failing_story_is_listed_as_not_summarised_with_exit_3(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    backend = FakeBackend([BackendError("server down")], default=grounded_answer)
    monkeypatch.setattr(backends, "create_backend", lambda config: backend)
    bulletin = tmp_path / "b.txt"
    bulletin.write_text("First story in Kabul.\n\nSecond story in Herat.\n", encoding="utf-8")
    result = runner.invoke(app, [str(bulletin), "--format", "json", "--no-cache"])
    assert result.exit_code == 3
    stories = json.loads(result.stdout)["stories"]
    assert [s["status"] for s in stories] == ["not_summarised", "summarised"]
    assert "server down" in stories[0]["reason"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/file.txt"], "no such file"),
        (["."], "is a directory"),
    ],
)
def test_bad_paths_give_one_line_and_exit_2(
    fake: FakeBackend, args: list[str], message: str
) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_version_and_help() -> None:
    assert runner.invoke(app, ["--version"]).stdout.startswith("summarise ")
    help_text = runner.invoke(app, ["--help"]).stdout
    for option in (
        "--output",
        "--format",
        "--quiet",
        "--base-url",
        "--model",
        "--model-path",
        "--no-cache",
        "--cache-dir",
        "--concurrency",
        "Exit codes",
    ):
        assert option in help_text


def test_an_unknown_output_format_fails_before_any_model_call(
    fake: FakeBackend, tmp_path: Path
) -> None:
    """The CLI's enum keeps bad formats out; a caller of `run()` gets a usage error before
    the model is asked anything, not after a whole run."""
    from summariser.errors import UsageError
    from summariser.runner import RunRequest, run

    bulletin = tmp_path / "b.txt"
    bulletin.write_text("Title\n\nCommanders met in Rawalpindi on Monday.\n", encoding="utf-8")
    with pytest.raises(UsageError, match="unknown output format"):
        run(RunRequest(source=str(bulletin), output_format="pdf", quiet=True), backend=fake)
    assert fake.calls == []
