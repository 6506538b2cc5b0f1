"""Benchmarks for `summariser` (issue 5): overhead, prefix reuse, concurrency, cache, scale.

Run `python -m bench.run [--quick] [--out bench/results]`. Nothing here changes the product:
the benchmarks drive the public pipeline (`summarise_text`) and instrument objects they own
(a backend instance, its `Llama`) from the outside.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def usable_cores() -> int:
    """Cores this process may run on (its affinity), else all the machine's."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def json_from_module(module: str, args: list[str], *, timeout: float, show_progress: bool) -> Any:
    """The last line of `python -m module args`, as JSON: a section measured in a fresh
    process, as a `summarise` run starts. With `show_progress` its stderr passes through;
    otherwise it is kept for the error when the module fails."""
    completed = subprocess.run(
        [sys.executable, "-m", module, *args],
        stdout=subprocess.PIPE,
        stderr=None if show_progress else subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        detail = completed.stderr or f"exit code {completed.returncode}"
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{detail[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])
