"""Many bulletins a run: N bulletins of S stories through `--output-dir`, scripted model.

What a newsroom's scheduler does: every desk's export in one `summarise` run. The run goes
through the real runner (inputs read from a folder, one briefing written per input, the call
log on, the cache off), so it pays everything a real run pays but the model. Measured against
the same runner over one bulletin of the same size, in fresh processes, after a warm-up:
per-story time should stay flat (nothing grows with the number of inputs) and peak memory
bounded (each input's briefing is written and dropped before the next is read).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import json_from_module
from bench.bulletin import bulletin
from bench.scale import _fake_backend, _peak_rss_mib, _reset_peak_rss, _status_mib


def _write_inputs(folder: Path, bulletins: int, stories: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(bulletins):
        text = bulletin(stories, seed=seed + number)
        (folder / f"desk_{number:04d}.txt").write_text(text, encoding="utf-8")


def measure(bulletins: int, stories: int, *, seed: int = 11) -> dict[str, Any]:
    """One run of `bulletins` inputs of `stories` stories each, in this process."""
    from summariser.runner import RunRequest, run

    with tempfile.TemporaryDirectory(prefix="bench-multi-") as temp:
        root = Path(temp)
        flags = {"use_cache": False, "concurrency": 1, "cache_dir": root / "cache"}
        # Warm up spaCy, the gazetteer and instructor before the clock starts.
        _write_inputs(root / "warm", 1, 3, seed=seed + 10_000)
        warm = RunRequest(
            sources=[str(root / "warm")], output_dir=root / "warm_out", quiet=True, flags=flags
        )
        run(warm, backend=_fake_backend())
        _write_inputs(root / "in", bulletins, stories, seed)
        request = RunRequest(
            sources=[str(root / "in")], output_dir=root / "out", quiet=True, flags=flags
        )
        backend = _fake_backend()
        baseline = _status_mib("VmRSS") or 0.0
        windowed = _reset_peak_rss()
        cpu = time.process_time()
        started = time.perf_counter()
        code = run(request, backend=backend)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        written = len(list((root / "out").iterdir()))
    total = bulletins * stories
    return {
        "bulletins": bulletins,
        "stories": total,
        "exit_code": code,
        "written": written,
        "model_calls": len(backend.calls),
        "seconds": round(seconds, 3),
        "per_story_ms": round(seconds / total * 1000, 3),
        "cpu_per_story_ms": round(cpu / total * 1000, 3),
        "peak_rss_mib": round(_peak_rss_mib(windowed), 1),
        "baseline_rss_mib": round(baseline, 1),
    }


def measure_in_subprocess(bulletins: int, stories: int, timeout: float = 7200) -> dict[str, Any]:
    result: dict[str, Any] = json_from_module(
        "bench.multi",
        ["--bulletins", str(bulletins), "--stories", str(stories)],
        timeout=timeout,
        show_progress=False,
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one multi-input run, printed as one JSON line")
    parser.add_argument("--bulletins", type=int, required=True)
    parser.add_argument("--stories", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.bulletins, args.stories)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
