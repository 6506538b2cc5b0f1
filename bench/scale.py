"""Scale: segmentation, candidates, grounding and rendering over thousands of stories.

The model is `FakeBackend` answering a grounded draft built from each prompt, so what is
measured is everything but the model. Each size runs in a fresh process (`python -m
bench.scale --stories N`), so peak RSS (`ru_maxrss`) belongs to that size alone; spaCy and the
gazetteer are loaded and exercised before the clock starts, and the peak-RSS window is reset
(Linux `clear_refs`) so that the peak belongs to the measured run, not to loading.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from bench import json_from_module
from bench.answers import draft
from bench.bulletin import bulletin
from bench.stages import StageTimer

KEYS = (
    "cpu_per_story_ms",
    "stories",
    "seconds",
    "per_story_ms",
    "stages_ms_per_story",
    "render_seconds",
    "peak_rss_mib",
    "baseline_rss_mib",
    "failed",
    "model_calls",
    "bulletin_chars",
)


def _status_mib(field: str) -> float | None:
    """A size from /proc/self/status (VmRSS, VmHWM), MiB; None off Linux."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak_rss() -> bool:
    """Start a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return False
    return True


def _peak_rss_mib(windowed: bool) -> float:
    if windowed:
        peak = _status_mib("VmHWM")
        if peak is not None:
            return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _fake_backend() -> Any:
    from summariser.backends.fake import FakeBackend

    return FakeBackend(default=lambda kwargs: draft(kwargs["messages"]))


def measure(stories: int, *, seed: int = 5) -> dict[str, Any]:
    """Run the pipeline over a generated bulletin of `stories` stories, in this process."""
    from summariser.config import Config
    from summariser.pipeline import summarise_text
    from summariser.render import briefing_json, render_markdown

    config = Config.resolve(use_cache=False, concurrency=1)
    # Load spaCy, the gazetteer and instructor before the clock starts.
    summarise_text(bulletin(3, seed=seed + 1), config, _fake_backend())
    text = bulletin(stories, seed=seed)
    baseline = _status_mib("VmRSS") or 0.0
    windowed = _reset_peak_rss()  # the peak of this run, not of loading spaCy and gazetteers
    backend = _fake_backend()
    timer = StageTimer()
    cpu = time.process_time()
    with timer.installed() as times:
        started = time.perf_counter()
        briefing = summarise_text(text, config, backend)
        pipeline = time.perf_counter() - started
    peak_pipeline = _peak_rss_mib(windowed)
    windowed = windowed and _reset_peak_rss()
    started = time.perf_counter()
    markdown = render_markdown(briefing)
    markdown_s = time.perf_counter() - started
    exported = briefing_json(briefing)
    rendering = time.perf_counter() - started
    cpu = time.process_time() - cpu
    peak_render = _peak_rss_mib(windowed)
    total = pipeline + rendering
    stages = {k: round(v / stories * 1000, 3) for k, v in times.exclusive("wall").items()}
    stages["render_md"] = round(markdown_s / stories * 1000, 3)
    stages["export_json"] = round((rendering - markdown_s) / stories * 1000, 3)
    stages["other"] = round(
        (total - sum(times.exclusive("wall").values()) - rendering) / stories * 1000, 3
    )
    return {
        "stories": len(briefing.stories),
        "seconds": round(total, 3),
        "per_story_ms": round(total / stories * 1000, 3),
        "cpu_per_story_ms": round(cpu / stories * 1000, 3),
        "stages_ms_per_story": stages,
        "render_seconds": round(rendering, 3),
        "peak_rss_mib": round(max(peak_pipeline, peak_render), 1),
        "peak_rss_pipeline_mib": round(peak_pipeline, 1),
        "peak_rss_render_mib": round(peak_render, 1),
        "peak_rss_scope": "measured run (VmHWM reset after warm-up)" if windowed else "process",
        "baseline_rss_mib": round(baseline, 1),
        "failed": briefing.meta.failed,
        "model_calls": briefing.meta.model_calls,
        "bulletin_chars": len(text),
        "output_chars": len(markdown) + len(exported),
    }


def measure_in_subprocess(stories: int, timeout: float = 7200) -> dict[str, Any]:
    result: dict[str, Any] = json_from_module(
        "bench.scale", ["--stories", str(stories)], timeout=timeout, show_progress=False
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one scale measurement, printed as one JSON line")
    parser.add_argument("--stories", type=int, required=True)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.stories, seed=args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
