"""Whole-process times: what a user waits for when `summarise` runs again over its cache.

An in-process warm run (section 4's first rows) leaves out what a new process pays before
its first story: the interpreter, the imports, and whatever is loaded (spaCy, the model).
Here every run is its own `python -m summariser SEED --cache-dir D -q` process on the seed
with the default embedded model: one cold run into an empty cache folder, then warm runs
over it, beside `python -c pass` (the interpreter's own start, the floor) and `--help`.
Warm, `--help` and the floor are each the median of `repeats` runs, taken in turn so that
all three see the same machine load. One more warm run under `-X importtime` lists what a
warm process imports: no spaCy, llama_cpp, instructor, openai or numpy is the aim.

`python -m bench.startup [--stories N] [--repeats N]` prints the result as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import ROOT

if TYPE_CHECKING:
    from bench.run import Row

#: What a warm run should not import: the NER, the model, the SDKs only a model call needs.
HEAVY = ("spacy", "thinc", "llama_cpp", "instructor", "openai", "numpy", "summariser.extract")
TARGET_WARM_PROCESS = 0.02  # warm / cold
TARGET_OVER_FLOOR = 0.40  # seconds a warm process may take beyond `python -c pass`


def _clean_env() -> dict[str, str]:
    """The environment without settings that would pick another backend or cache."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARISER_", "OPENAI_"))}


def _timed(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_clean_env(),
        timeout=1800,
        check=False,
    )
    return time.perf_counter() - started, completed


def imported(stderr: str) -> list[str]:
    """Module names in `-X importtime`'s report."""
    names = []
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.append(name)
    return names


def heavy(modules: list[str]) -> list[str]:
    """The top-level packages of `HEAVY` among `modules`."""
    return sorted(
        {h for h in HEAVY for m in modules if m == h or m.startswith(h + ".")},
    )


def seed_file(folder: Path, stories: int | None) -> Path:
    from bench.embedded import seed_text

    path = folder / "bulletin.txt"
    path.write_text(seed_text(stories), encoding="utf-8")
    return path


def run(stories: int | None = None, repeats: int = 5) -> dict[str, Any]:
    """Cold and warm `summarise` processes on the seed (or its first `stories` stories)."""
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        source = seed_file(Path(folder), stories)
        cache = Path(folder) / "cache"
        out = Path(folder) / "out.json"
        command = [
            "-m",
            "summariser",
            str(source),
            "--cache-dir",
            str(cache),
            "-q",
            "-f",
            "json",
            "-o",
            str(out),
        ]
        cold_s, cold = _timed(command)
        cold_calls = _model_calls(out)
        floor, helps, warms, exits = [], [], [], []
        for _ in range(repeats):
            floor.append(_timed(["-c", "pass"])[0])
            helps.append(_timed(["-m", "summariser", "--help"])[0])
            seconds, warm = _timed(command)
            warms.append(seconds)
            exits.append(warm.returncode)
        warm_calls = _model_calls(out)
        _, traced = _timed(["-X", "importtime", *command])
    modules = imported(traced.stderr)
    warm_s = statistics.median(warms)
    floor_s = statistics.median(floor)
    return {
        "stories": stories,
        "repeats": repeats,
        "cold_s": round(cold_s, 3),
        "cold_exit": cold.returncode,
        "cold_model_calls": cold_calls,
        "warm_s": round(warm_s, 3),
        "warm_runs_s": [round(x, 3) for x in warms],
        "warm_exits": exits,
        "warm_model_calls": warm_calls,
        "floor_s": round(floor_s, 3),
        "help_s": round(statistics.median(helps), 3),
        "ratio": round(warm_s / cold_s, 4) if cold_s else None,
        "over_floor_s": round(warm_s - floor_s, 3),
        "warm_modules": len(modules),
        "warm_heavy_imports": heavy(modules),
    }


def _model_calls(out: Path) -> int | None:
    try:
        return int(json.loads(out.read_text(encoding="utf-8"))["meta"]["model_calls"])
    except (OSError, ValueError, KeyError):
        return None


def rows(data: dict[str, Any]) -> list[Row]:
    """The table's rows for `run`'s result."""
    from bench.run import Row, _status

    d = data
    ratio, over = d["ratio"], d["over_floor_s"]
    heavy = ", ".join(d["warm_heavy_imports"]) or "none"
    return [
        Row(
            "4 cache",
            "process: cold `python -m summariser SEED --cache-dir D -q`: wall, model calls",
            f"{d['cold_s']:.2f} s, {d['cold_model_calls']} (exit {d['cold_exit']})",
        ),
        Row(
            "4 cache",
            f"process: warm, same command (median of {d['repeats']}): wall, model calls",
            f"{d['warm_s']:.3f} s, {d['warm_model_calls']} "
            f"(runs {', '.join(f'{x:.2f}' for x in d['warm_runs_s'])})",
        ),
        Row(
            "4 cache",
            "process: `python -c pass` / `summarise --help` (medians)",
            f"{d['floor_s']:.3f} s / {d['help_s']:.3f} s",
        ),
        Row(
            "4 cache",
            "process: warm / cold",
            f"{ratio:.4f}",
            f"<= {TARGET_WARM_PROCESS:.2f}",
            _status(ratio is not None and ratio <= TARGET_WARM_PROCESS),
        ),
        Row(
            "4 cache",
            "process: warm minus `python -c pass`",
            f"{over:.3f} s",
            f"<= {TARGET_OVER_FLOOR:.2f} s",
            _status(over <= TARGET_OVER_FLOOR),
        ),
        Row(
            "4 cache",
            "process: warm run imports (spaCy, model, SDKs, numpy among them)",
            f"{d['warm_modules']} modules; heavy: {heavy}",
            "none heavy",
            _status(not d["warm_heavy_imports"]),
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    parser.add_argument("--stories", type=int, default=None, help="first N seed stories")
    parser.add_argument("--repeats", type=int, default=5, help="warm runs (median)")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.stories, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
