"""Many bulletins a run: --output-dir, failing inputs, clashes, --merge, JSONL out and in,
and `summarise log`, through the CLI with a scripted backend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summariser.backends as backends
from summariser.backends.fake import FakeBackend
from summariser.cache import content_id
from summariser.cli import app
from summariser.cli import main as cli_main
from summariser.schemas import BriefingLine, MetaLine, StoryLine

runner = CliRunner()

HERAT = "Flooding closed the main road into Herat on Monday, officials said."
KABUL = "The council in Kabul approved a new budget for schools."
KANDAHAR = "Farmers near Kandahar reported a strong harvest."


def _lead(kwargs: dict[str, Any]) -> str:
    user = kwargs["messages"][1]["content"]
    return str(user.split("<<<\n", 1)[1].split("\n>>>", 1)[0].splitlines()[0])


def grounded(kwargs: dict[str, Any]) -> dict[str, Any]:
    lead = _lead(kwargs)
    return {"headline": " ".join(lead.split()[:6]), "summary": lead, "key_points": []}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeBackend:
    backend = FakeBackend(default=grounded)
    monkeypatch.setattr(backends, "create_backend", lambda config: backend)
    return backend


def write(path: Path, *stories: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(stories) + "\n", encoding="utf-8")
    return path


def invoke(tmp_path: Path, *args: str) -> Any:
    return runner.invoke(app, [*args, "--cache-dir", str(tmp_path / "cache")])


def test_several_inputs_write_one_briefing_each_and_ask_a_repeated_story_once(
    fake: FakeBackend, tmp_path: Path
) -> None:
    a = write(tmp_path / "a.txt", HERAT, KABUL)
    b = write(tmp_path / "b.txt", KABUL, KANDAHAR)
    write(tmp_path / "desk" / "c.md", KANDAHAR)
    write(tmp_path / "desk" / "notes.csv", "x,y")  # not a bulletin: left alone
    out = tmp_path / "out"
    result = invoke(
        tmp_path,
        str(a),
        str(b),
        str(tmp_path / "desk"),
        "--output-dir",
        str(out),
        "--format",
        "json",
        "--no-cache",
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "b.json", "c.json"]
    assert len(fake.calls) == 3  # five stories, three different texts, cache off
    b_json = json.loads((out / "b.json").read_text(encoding="utf-8"))
    kabul = b_json["stories"][0]
    assert kabul["summary"] == KABUL and kabul["story_id"] == content_id(KABUL)
    assert kabul["origins"] == [
        {"input": str(b), "story_id": content_id(KABUL), "start": 0, "end": len(KABUL), "ref": None}
    ]
    assert "[3/3]" in result.output  # progress across inputs


def test_a_failing_input_is_one_line_and_the_others_go_on(
    fake: FakeBackend, tmp_path: Path
) -> None:
    good = write(tmp_path / "good.txt", HERAT)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke(
        tmp_path, str(empty), str(tmp_path / "missing.txt"), str(good), "--output-dir", str(out)
    )
    assert result.exit_code == 3
    errors = [line for line in result.output.splitlines() if "error" in line]
    assert len(errors) == 2 and all(e.startswith("summarise: error: ") for e in errors)
    assert "empty.txt" in errors[0] and "missing.txt" in errors[1]
    assert [p.name for p in out.iterdir()] == ["good.md"]


def test_when_no_input_can_be_read_the_exit_code_is_the_errors_own(
    fake: FakeBackend, tmp_path: Path
) -> None:
    result = invoke(
        tmp_path,
        str(tmp_path / "x.txt"),
        str(tmp_path / "y.txt"),
        "--output-dir",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    ("names", "fragment"),
    [(("a.txt", "desk/a.md"), "would both be written to"), (("a.md",), "overwritten by its own")],
)
def test_output_clashes_are_refused_before_any_work(
    fake: FakeBackend, tmp_path: Path, names: tuple[str, ...], fragment: str
) -> None:
    paths = [str(write(tmp_path / name, HERAT)) for name in names]
    before = {p: Path(p).read_text(encoding="utf-8") for p in paths}
    result = invoke(tmp_path, *paths, "--output-dir", str(tmp_path))
    assert result.exit_code == 2 and fragment in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not fake.calls
    assert {p: Path(p).read_text(encoding="utf-8") for p in paths} == before


def test_several_inputs_need_an_output_dir_or_merge(fake: FakeBackend, tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", HERAT), write(tmp_path / "b.txt", KABUL)
    result = invoke(tmp_path, str(a), str(b))
    assert result.exit_code == 2 and "--output-dir" in result.output and "--merge" in result.output


def _event(desk: str) -> str:
    """One event as a desk writes it: its own wording, the same lead facts."""
    if desk == "east":
        return (
            "Ahmad Shah Massoud Khan said on Monday in Herat that 45 families lost their homes. "
            "Aid workers arrived later."
        )
    return (
        "In Herat, Ahmad Shah Massoud Khan told reporters that 45 families lost their homes "
        "on Monday. The governor promised help."
    )


def test_merge_tells_each_event_once_with_links_to_every_source(
    fake: FakeBackend, tmp_path: Path
) -> None:
    a = write(tmp_path / "east.txt", KABUL, _event("east"))
    b = write(tmp_path / "west.txt", _event("west"), KABUL, KANDAHAR)
    result = invoke(
        tmp_path,
        str(a),
        str(b),
        "--merge",
        "--format",
        "json",
        "--quiet",
        "--entity-mode",
        "candidates",
    )
    assert result.exit_code == 0, result.output
    briefing = json.loads(result.output)
    stories = briefing["stories"]
    origins = [[(o["input"], o["start"]) for o in s["origins"]] for s in stories]
    east_event = len(KABUL) + 2
    assert origins == [
        [(str(a), 0), (str(b), len(_event("west")) + 2)],  # the same text
        [(str(a), east_event), (str(b), 0)],  # the same lead facts
        [(str(b), len(_event("west")) + 2 + len(KABUL) + 2)],
    ]
    assert [s["id"] for s in stories] == [1, 2, 3]
    assert briefing["meta"]["inputs"] == [str(a), str(b)]


def test_merge_keeps_one_desks_two_stories_thin_leads_and_other_places_apart(
    fake: FakeBackend, tmp_path: Path
) -> None:
    a = write(tmp_path / "a.txt", _event("east"), _event("west"))
    b = write(tmp_path / "b.txt", "Officials met on Monday.")
    c = write(tmp_path / "c.txt", "Officials met on Monday. They spoke.")
    elsewhere = write(tmp_path / "d.txt", _event("east").replace("Herat", "Kabul"))
    result = invoke(
        tmp_path, str(a), str(b), str(c), str(elsewhere), "--merge", "--format", "json", "--quiet"
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)["stories"]) == 5


def test_jsonl_output_is_one_story_a_line_then_meta(fake: FakeBackend, tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", HERAT, KABUL)
    result = invoke(tmp_path, str(a), "--format", "jsonl", "--quiet")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    parsed = [BriefingLine.model_validate_json(line).root for line in lines]
    assert [type(p) for p in parsed] == [StoryLine, StoryLine, MetaLine]
    stories = [p for p in parsed if isinstance(p, StoryLine)]
    assert [s.story_id for s in stories] == [content_id(HERAT), content_id(KABUL)]
    assert {s.input for s in stories} == {"a.txt"}


def test_a_jsonl_input_is_read_as_stories(fake: FakeBackend, tmp_path: Path) -> None:
    lines = [
        {"id": "wire-1", "title": "Road closed", "text": HERAT},
        {"id": 7, "text": KABUL + "\n\nTeachers welcomed it."},
    ]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    result = invoke(tmp_path, str(path), "--format", "json", "--quiet")
    assert result.exit_code == 0, result.output
    stories = json.loads(result.output)["stories"]
    assert [s["title"] for s in stories] == ["Road closed", None]
    assert [s["origins"][0]["ref"] for s in stories] == ["wire-1", "7"]
    layout = f"Road closed\n{HERAT}\n\n{KABUL}\n\nTeachers welcomed it."
    for story in stories:
        for place in story["places"]:
            evidence = place["evidence"]
            assert layout[evidence["start"] : evidence["end"]] == evidence["text"]


def test_a_bad_jsonl_line_is_one_line_and_exit_2(fake: FakeBackend, tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text('{"id": 1, "text": "A story."}\n{"id": 2}\n', encoding="utf-8")
    result = invoke(tmp_path, str(path))
    assert result.exit_code == 2
    assert result.output.strip() == "summarise: error: wire.jsonl: line 2: text: field required"


def test_the_log_shows_a_story_and_no_log_writes_none(
    fake: FakeBackend, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write(tmp_path / "a.txt", HERAT)
    cache = tmp_path / "cache"
    assert invoke(tmp_path, str(a), "--quiet", "--no-cache", "--no-log").exit_code == 0
    assert not (cache / "calls.sqlite").exists()
    result = invoke(tmp_path, str(a), "--quiet", "--format", "json")
    run_id = json.loads(result.output)["meta"]["run_id"]
    with pytest.raises(SystemExit) as code:
        cli_main(["log", "--cache-dir", str(cache), "--story", content_id(HERAT)[:6], "--json"])
    assert code.value.code == 0
    shown = json.loads(capsys.readouterr().out)
    assert [s["run_id"] for s in shown] == [run_id]
    assert shown[0]["calls"][0]["response"] and HERAT in json.dumps(shown[0]["calls"][0])
    with pytest.raises(SystemExit) as code:
        cli_main(["log", "--cache-dir", str(cache)])
    assert code.value.code == 0 and run_id in capsys.readouterr().out
    with pytest.raises(SystemExit) as code:
        cli_main(["log", "--cache-dir", str(cache), "--run", "nosuchrun"])
    assert code.value.code == 2
    assert capsys.readouterr().err.startswith("summarise: error: no logged story")


def test_a_story_repeated_while_in_flight_is_asked_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Four stories in flight at once, two of them the same text: one call for the pair,
    whichever thread gets there first, and both records carry the answer."""
    import threading

    started = threading.Barrier(3, timeout=30)

    def slow(kwargs: dict[str, Any]) -> dict[str, Any]:
        started.wait()  # three different stories are in flight together
        return grounded(kwargs)

    backend = FakeBackend(default=slow, max_concurrency=4)
    monkeypatch.setattr(backends, "create_backend", lambda config: backend)
    a = write(tmp_path / "a.txt", HERAT, KABUL, HERAT, KANDAHAR)
    result = invoke(
        tmp_path, str(a), "--format", "json", "--quiet", "--no-cache", "--concurrency", "4"
    )
    assert result.exit_code == 0, result.output
    stories = json.loads(result.output)["stories"]
    assert len(backend.calls) == 3
    assert stories[0]["summary"] == stories[2]["summary"] == HERAT
    cached = [s["usage"]["cached"] for s in stories]
    assert sorted([cached[0], cached[2]]) == [False, True] and not cached[1] and not cached[3]


def test_a_record_served_from_the_cache_links_to_the_input_at_hand(
    fake: FakeBackend, tmp_path: Path
) -> None:
    first, second = write(tmp_path / "a.txt", HERAT), write(tmp_path / "b.txt", HERAT)
    assert invoke(tmp_path, str(first), "--quiet").exit_code == 0
    result = invoke(tmp_path, str(second), "--quiet", "--format", "json")
    assert result.exit_code == 0, result.output
    story = json.loads(result.output)["stories"][0]
    assert len(fake.calls) == 1 and story["usage"]["cached"]
    assert [o["input"] for o in story["origins"]] == ["b.txt"]


def test_an_interrupt_says_which_briefings_were_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def answer(kwargs: dict[str, Any]) -> dict[str, Any]:
        if KABUL in _lead(kwargs):
            raise KeyboardInterrupt
        return grounded(kwargs)

    backend = FakeBackend(default=answer)
    monkeypatch.setattr(backends, "create_backend", lambda config: backend)
    a, b = write(tmp_path / "a.txt", HERAT), write(tmp_path / "b.txt", KABUL)
    out = tmp_path / "out"
    result = invoke(tmp_path, str(a), str(b), "--output-dir", str(out), "--quiet")
    assert result.exit_code == 130
    assert result.output.strip().endswith(
        "summarise: interrupted; 1 briefing(s) were written before it, the rest were not"
    )
    assert [p.name for p in out.iterdir()] == ["a.md"]
