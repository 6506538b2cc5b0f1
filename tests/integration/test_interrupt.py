"""Ctrl-C: exit 130, one line, no output file and no temporary file, an existing output file
untouched, and the stories finished before the interrupt kept in the cache for the re-run.

The CLI runs as a real subprocess against the fake server, which holds every answer for a
few seconds; SIGINT is sent once the server has a request in hand, so the interrupt lands
while a model call is in flight.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import ROOT, run_cli
from tests.servers.common import Fault, FaultPlan
from tests.servers.fake_openai import FakeOpenAIServer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

BULLETIN = (
    "Flooding closed the main road into Herat on Monday, officials said. Traffic was diverted.\n"
    "\n"
    "The council in Kabul approved a new budget for schools. Teachers welcomed it.\n"
    "\n"
    "Farmers near Kandahar reported a strong pomegranate harvest this year.\n"
)
INTERRUPTED = "summarise: interrupted; nothing was written"


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    return path


def start(bulletin: Path, url: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "summariser",
            str(bulletin),
            "--base-url",
            url,
            "--model",
            "fake-model",
            "--timeout",
            "60",
            *extra,
        ],
        cwd=ROOT,
        env={**os.environ, "SUMMARISER_TRANSPORT_BUDGET": "120"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def interrupt(
    process: subprocess.Popen[str],
    server: FakeOpenAIServer,
    after_requests: int = 1,
    limit: float = 60,
) -> tuple[int, str, str, float]:
    """SIGINT once the server holds `after_requests` chat requests; (code, out, err, seconds
    from the signal to the exit). A CLI still running `limit` seconds after the signal is
    killed and the test fails (subprocess.TimeoutExpired)."""
    try:
        assert server.wait_for_chats(after_requests, timeout=120), "the CLI never called the model"
        time.sleep(0.3)  # let the request settle into its wait
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=limit)
        return process.returncode, out, err, time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".")
    )


def test_ctrl_c_exits_130_and_writes_nothing(bulletin: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    with FakeOpenAIServer(delay=5) as server:
        code, stdout, stderr, seconds = interrupt(
            start(bulletin, server.base_url, "--no-cache", "--concurrency", "1", "-o", str(out)),
            server,
        )
    assert code == 130
    assert stderr.strip() == INTERRUPTED
    assert stdout == ""
    assert not out.exists()
    assert leftovers(tmp_path) == []
    assert seconds < 5  # the held request is abandoned, not waited for


def test_ctrl_c_leaves_an_existing_output_file_untouched(bulletin: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    out.write_text("# Yesterday's briefing\n", encoding="utf-8")
    before = out.stat().st_mtime_ns
    with FakeOpenAIServer(delay=5) as server:
        code, _, stderr, _ = interrupt(
            start(bulletin, server.base_url, "--no-cache", "--concurrency", "1", "-o", str(out)),
            server,
        )
    assert code == 130, stderr
    assert out.read_text(encoding="utf-8") == "# Yesterday's briefing\n"
    assert out.stat().st_mtime_ns == before
    assert leftovers(tmp_path) == []


def test_ctrl_c_to_stdout_prints_no_partial_briefing(bulletin: Path) -> None:
    with FakeOpenAIServer(delay=5) as server:
        code, stdout, stderr, _ = interrupt(
            start(bulletin, server.base_url, "--no-cache", "--concurrency", "1"), server
        )
    assert code == 130
    assert stdout == ""
    assert stderr.strip() == INTERRUPTED


def test_ctrl_c_with_stories_in_flight_in_parallel_stops_promptly(tmp_path: Path) -> None:
    """Eight stories, two at a time, each answer held 10 s: after Ctrl-C no queued story is
    run and the exit does not wait for the two calls in flight."""
    bulletin = tmp_path / "eight.txt"
    bulletin.write_text(
        "\n\n".join(f"Story number {n} happened in Kabul on Monday." for n in range(1, 9)) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "brief.md"
    with FakeOpenAIServer(delay=10) as server:
        code, _, stderr, seconds = interrupt(
            start(bulletin, server.base_url, "--no-cache", "--concurrency", "2", "-o", str(out)),
            server,
            2,
            limit=8,
        )
        asked = len(server.chat_requests)
    assert code == 130, stderr
    assert stderr.strip().splitlines()[-1] == INTERRUPTED
    assert not out.exists() and leftovers(tmp_path) == []
    assert asked <= 4, f"{asked} model calls were made after Ctrl-C"
    assert seconds < 6


def test_stories_finished_before_ctrl_c_are_not_asked_again(bulletin: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plan = FaultPlan().when("Kabul", Fault.slow(30))
    with FakeOpenAIServer(plan=plan) as server:
        code, _, stderr, _ = interrupt(
            start(bulletin, server.base_url, "--cache-dir", str(cache), "--concurrency", "1"),
            server,
            2,
        )
        assert code == 130, stderr
        server.plan.clear()
        before = len(server.chat_requests)
        rerun = run_cli(
            str(bulletin),
            "--base-url",
            server.base_url,
            "--model",
            "fake-model",
            "--cache-dir",
            str(cache),
            "--format",
            "json",
            "--quiet",
            timeout=300,
        )
        asked = [r.story for r in server.chat_requests[before:]]
    assert rerun.returncode == 0, rerun.stderr
    assert len(asked) == 2
    assert {"Kabul", "Kandahar"} == {
        p for p in ("Herat", "Kabul", "Kandahar") for s in asked if p in s
    }
    cached = [s["usage"]["cached"] for s in json.loads(rerun.stdout)["stories"]]
    assert cached == [True, False, False]


def test_sigterm_exits_143_with_one_line_and_writes_nothing(bulletin: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief.md"
    with FakeOpenAIServer(delay=5) as server:
        process = start(
            bulletin, server.base_url, "--no-cache", "--concurrency", "1", "-o", str(out)
        )
        try:
            assert server.wait_for_chats(1, timeout=120), "the CLI never called the model"
            time.sleep(0.3)
            sent = time.monotonic()
            process.send_signal(signal.SIGTERM)
            stdout, stderr = process.communicate(timeout=60)
            seconds = time.monotonic() - sent
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
    assert process.returncode == 143
    assert stderr.strip() == "summarise: terminated; nothing was written"
    assert stdout == ""
    assert not out.exists() and leftovers(tmp_path) == []
    assert seconds < 5
