"""`python -m llama_cpp.server`, started so that it survives CPUs that report AMX.

A llama-cpp-python built natively on a CPU with AMX crashes (SIGSEGV) at the first
generation under some hypervisors; the embedded backend avoids it by loading the model
without llama.cpp's extra buffer types, and this launcher does the same for the server:

    python -m tests.servers.llama_guarded --model model.gguf --host 127.0.0.1 --port 8080

`llama_server()` here is `tests.helpers.llama_server()` with this launcher.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _cpu_has_amx() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            return " amx_tile" in handle.read()
    except OSError:
        return False


def _guard() -> None:
    import llama_cpp.llama_cpp as low_level

    original = low_level.llama_model_default_params

    def without_extra_buffer_types() -> Any:
        params = original()
        params.use_extra_bufts = False
        return params

    low_level.llama_model_default_params = without_extra_buffer_types


def main() -> None:
    if _cpu_has_amx():
        _guard()
    from llama_cpp.server.__main__ import main as server_main

    sys.argv[0] = "llama_cpp.server"
    server_main()


@contextlib.contextmanager
def llama_server(model: Path | None = None, startup_seconds: float = 120) -> Iterator[str]:
    """A real llama.cpp server on 127.0.0.1 (guarded as above); yields its /v1 base URL."""
    from tests.helpers import embedded_gguf, free_port

    port = free_port()
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    log = open(ROOT / ".pytest_cache" / f"llama_guarded_{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.servers.llama_guarded",
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
        cwd=ROOT,
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
            process.wait(timeout=20)
        log.close()


if __name__ == "__main__":
    main()
