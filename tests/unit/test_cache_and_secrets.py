"""Nothing lost, nothing leaked: the story cache, atomic output, and the API key.

- a re-run after a failure calls the model only for the stories that failed (counted on the
  fake server), and a third run calls it not at all;
- --no-cache neither reads nor writes; --cache-dir and SUMMARISER_CACHE_DIR choose the folder;
  a corrupt entry is a miss, an unwritable cache folder costs time, never the run;
- -o writes atomically and leaves no temporary file; an unwritable -o is one line, exit 2;
- OPENAI_API_KEY appears in no output, error, output file or cache file, even when the
  server echoes it back in a 401, and credentials in --base-url are not printed either.
"""

from __future__ import annotations

import json
import subprocess
import uuid
from pathlib import Path

import pytest

from summariser.calllog import LOG_FILE, find_stories
from tests.helpers import run_cli
from tests.servers.common import Fault, FaultPlan
from tests.servers.fake_openai import FakeOpenAIServer

BULLETIN = (
    "Flooding closed the main road into Herat on Monday, officials said. Traffic was diverted.\n"
    "\n"
    "The council in Kabul approved a new budget for schools. Teachers welcomed it.\n"
    "\n"
    "Farmers near Kandahar reported a strong pomegranate harvest this year.\n"
)


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    return path


def cli(
    bulletin: Path, url: str, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = run_cli(
        str(bulletin),
        "--base-url",
        url,
        "--model",
        "fake-model",
        "--timeout",
        "1",
        "--concurrency",
        "1",
        "--format",
        "json",
        "--quiet",
        *extra,
        env={"SUMMARISER_TRANSPORT_BUDGET": "2", **(env or {})},
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def files_under(folder: Path) -> list[Path]:
    """The story cache's entries (the call log beside them is not the cache)."""
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(LOG_FILE)
    )


# --------------------------------------------------------------------------- the cache


def test_a_rerun_after_a_failure_asks_only_for_the_failed_story(
    bulletin: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    with FakeOpenAIServer(plan=FaultPlan().when("Kabul", Fault.http(503))) as server:
        first = cli(bulletin, server.base_url, "--cache-dir", str(cache))
        assert first.returncode == 3
        assert [s["status"] for s in json.loads(first.stdout)["stories"]] == [
            "summarised",
            "not_summarised",
            "summarised",
        ]
        assert len(files_under(cache)) == 2  # failures are not cached

        server.plan.clear()
        before = len(server.chat_requests)
        second = cli(bulletin, server.base_url, "--cache-dir", str(cache))
        assert second.returncode == 0, second.stderr
        asked = server.chat_requests[before:]
        assert len(asked) == 1 and "Kabul" in asked[0].story
        stories = json.loads(second.stdout)["stories"]
        assert [s["status"] for s in stories] == ["summarised"] * 3
        assert [s["usage"]["cached"] for s in stories] == [True, False, True]

        before = len(server.chat_requests)
        third = cli(bulletin, server.base_url, "--cache-dir", str(cache))
        assert third.returncode == 0
        assert len(server.chat_requests) == before
        assert json.loads(third.stdout)["meta"]["model_calls"] == 0
        # The cached run prints the same briefing (timings aside).
        for a, b in zip(
            json.loads(second.stdout)["stories"], json.loads(third.stdout)["stories"], strict=True
        ):
            assert (a["headline"], a["summary"], a["source"]) == (
                b["headline"],
                b["summary"],
                b["source"],
            )


def test_no_cache_neither_reads_nor_writes(bulletin: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with FakeOpenAIServer() as server:
        assert cli(bulletin, server.base_url, "--cache-dir", str(cache)).returncode == 0
        written = files_under(cache)
        assert len(written) == 3
        before = len(server.chat_requests)
        assert (
            cli(bulletin, server.base_url, "--cache-dir", str(cache), "--no-cache").returncode == 0
        )
        assert len(server.chat_requests) - before == 3  # not read
        assert files_under(cache) == written  # not written

        other = tmp_path / "other"
        assert (
            cli(
                bulletin, server.base_url, "--no-cache", env={"SUMMARISER_CACHE_DIR": str(other)}
            ).returncode
            == 0
        )
        assert not files_under(other)


def test_the_cache_folder_comes_from_the_environment_and_the_flag_wins(
    bulletin: Path, tmp_path: Path
) -> None:
    env_dir, flag_dir = tmp_path / "from-env", tmp_path / "from-flag"
    with FakeOpenAIServer() as server:
        assert (
            cli(bulletin, server.base_url, env={"SUMMARISER_CACHE_DIR": str(env_dir)}).returncode
            == 0
        )
        assert len(files_under(env_dir)) == 3
        assert (
            cli(
                bulletin,
                server.base_url,
                "--cache-dir",
                str(flag_dir),
                env={"SUMMARISER_CACHE_DIR": str(env_dir)},
            ).returncode
            == 0
        )
        assert len(files_under(flag_dir)) == 3


def test_a_corrupt_cache_entry_is_a_miss_not_a_crash(bulletin: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with FakeOpenAIServer() as server:
        assert cli(bulletin, server.base_url, "--cache-dir", str(cache)).returncode == 0
        entries = files_under(cache)
        entries[0].write_text('{"draft": {"headline": ', encoding="utf-8")  # cut short
        entries[1].write_text(
            '{"draft": {"nothing": 1}, "usage": {}}', encoding="utf-8"
        )  # wrong shape
        before = len(server.chat_requests)
        result = cli(bulletin, server.base_url, "--cache-dir", str(cache))
        assert result.returncode == 0, result.stderr
        assert len(server.chat_requests) - before == 2
        assert [s["status"] for s in json.loads(result.stdout)["stories"]] == ["summarised"] * 3


def test_an_unwritable_cache_folder_costs_time_not_the_run(bulletin: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with FakeOpenAIServer() as server:
        result = cli(bulletin, server.base_url, "--cache-dir", str(blocker / "cache"))
    assert result.returncode == 0, result.stderr
    # One warning line says the cache is off (issue 18): silence hid a mistyped --cache-dir.
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise: warning: cannot use the cache")
    assert not list(tmp_path.rglob("*.tmp"))


# --------------------------------------------------------------------------- atomic output


def test_output_is_written_atomically_with_no_temporary_file_left(
    bulletin: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out" / "nested"
    out = out_dir / "brief.md"
    with FakeOpenAIServer() as server:
        result = run_cli(
            str(bulletin),
            "--base-url",
            server.base_url,
            "--model",
            "fake-model",
            "--no-cache",
            "-o",
            str(out),
            "--quiet",
            timeout=300,
        )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("# Daily briefing")
    assert [p.name for p in out_dir.iterdir()] == ["brief.md"]


def test_an_unwritable_output_path_is_one_line_and_exit_2(bulletin: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with FakeOpenAIServer() as server:
        result = run_cli(
            str(bulletin),
            "--base-url",
            server.base_url,
            "--model",
            "fake-model",
            "--no-cache",
            "-o",
            str(blocker / "brief.md"),
            timeout=300,
        )
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise: error: cannot write"), result.stderr
    assert "Traceback" not in result.stderr
    assert blocker.read_text(encoding="utf-8") == "not a folder"


# --------------------------------------------------------------------------- the API key


def _assert_nowhere(secret: str, texts: list[str], folders: list[Path]) -> None:
    for text in texts:
        assert secret not in text
    for folder in folders:
        for path in folder.rglob("*"):  # every file, the call log included
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path


def test_the_api_key_is_in_no_output_file_or_cache(bulletin: Path, tmp_path: Path) -> None:
    key = f"sk-test-UNIQUE-{uuid.uuid4().hex}"
    cache, out = tmp_path / "cache", tmp_path / "brief.json"
    with FakeOpenAIServer() as server:
        result = cli(
            bulletin,
            server.base_url,
            "--cache-dir",
            str(cache),
            "-o",
            str(out),
            env={"OPENAI_API_KEY": key},
        )
        md = run_cli(
            str(bulletin),
            "--base-url",
            server.base_url,
            "--model",
            "fake-model",
            "--cache-dir",
            str(cache),
            env={"OPENAI_API_KEY": key},
            timeout=300,
        )
        sent = [r.headers.get("authorization") for r in server.chat_requests]
    assert result.returncode == 0 and md.returncode == 0
    assert sent and all(h == f"Bearer {key}" for h in sent)  # it was really used
    assert len(files_under(cache)) == 3
    # The call log holds both runs' prompts and answers, and is scanned with the rest.
    logged = find_stories(cache / LOG_FILE, None, None)
    assert len(logged) == 6 and sum(len(s["calls"]) for s in logged) == 3
    _assert_nowhere(key, [result.stdout, result.stderr, md.stdout, md.stderr], [tmp_path])


def test_a_401_that_echoes_the_key_is_redacted(bulletin: Path, tmp_path: Path) -> None:
    key = f"sk-test-UNIQUE-{uuid.uuid4().hex}"
    cache, out = tmp_path / "cache", tmp_path / "brief.json"
    with FakeOpenAIServer(api_key="sk-the-right-one") as server:
        result = cli(
            bulletin,
            server.base_url,
            "--cache-dir",
            str(cache),
            "-o",
            str(out),
            env={"OPENAI_API_KEY": key},
        )
        echoed = server.answer("GET", "/v1/models", {"authorization": f"Bearer {key}"}, b"")
        chats = len(server.chat_requests)
    assert key.encode() in echoed.body  # the server does echo it
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise: error: "), result.stderr
    assert "refused the API key" in lines[0] and "***" in lines[0]
    assert chats == 1  # a refused key is not retried, nor tried again for every story
    assert not out.exists()
    _assert_nowhere(key, [result.stdout, result.stderr], [tmp_path])


def test_a_401_during_model_discovery_is_redacted_too(bulletin: Path) -> None:
    key = f"sk-test-UNIQUE-{uuid.uuid4().hex}"
    with FakeOpenAIServer(api_key="sk-the-right-one") as server:
        result = run_cli(
            str(bulletin),
            "--base-url",
            server.base_url,
            "--no-cache",
            env={"OPENAI_API_KEY": key},
            timeout=300,
        )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "***" in result.stderr and key not in result.stderr + result.stdout


def test_credentials_in_the_base_url_are_not_printed(bulletin: Path) -> None:
    server = FakeOpenAIServer().start()
    port = server.port
    server.stop()
    password = f"pw-{uuid.uuid4().hex}"
    url = f"http://user:{password}@127.0.0.1:{port}/v1"
    result = cli(bulletin, url, "--no-cache")
    assert result.returncode == 1
    assert password not in result.stderr + result.stdout
    assert f"127.0.0.1:{port}" in result.stderr
