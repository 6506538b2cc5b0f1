"""Where a pipeline run spends its time, measured from outside the product.

`StageTimer` temporarily wraps functions that the pipeline's modules look up by name (the
benchmark's process only; files are untouched) and sums, per stage, the wall time and the
CPU time of the calling thread. Thread CPU time is what matters when stories run on a thread
pool: wall time there includes waiting for the GIL, CPU time does not.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import summariser.check.context as context
import summariser.check.items as items
import summariser.check.prose as prose
import summariser.pipeline as pipeline
from summariser.extract.prefetch import CandidatePrefetch

#: (stage, module or class, function name looked up there). `ask_model` contains
#: `draft_problems` (the grounding validator instructor runs); `exclusive` below subtracts
#: it. With the prefetch pool on, a story's candidates come from worker processes: the
#: stage then counts what the pipeline itself spends on them (starting the pool, waiting
#: for a story's result), which is what they cost the run. The checks are imported by the
#: pipeline when a story needs them, from their own modules: they are wrapped there.
WRAPPED: tuple[tuple[str, Any, str], ...] = (
    ("segment", pipeline, "segment"),
    ("candidates", context, "extract_candidates"),
    ("candidates", CandidatePrefetch, "__init__"),
    ("candidates", CandidatePrefetch, "candidates"),
    ("index", context, "StoryIndex"),
    ("index", context, "number_values"),
    ("index", context, "abbreviation_pairs"),
    ("model_call", pipeline, "ask_model"),
    ("grounding_check", prose, "draft_problems"),
    ("grounding_merge", prose, "clean_prose"),
    ("grounding_merge", items, "merge_candidates"),
    ("grounding_merge", items, "merge_model_items"),
    ("grounding_merge", items, "places_and_countries"),
)


@dataclass
class StageTimes:
    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)

    def exclusive(self, which: str = "cpu") -> dict[str, float]:
        """Per-stage seconds with the grounding validator taken out of the model call."""
        source = self.cpu if which == "cpu" else self.wall
        out = dict(source)
        if "model_call" in out:
            out["model_call"] = out["model_call"] - out.get("grounding_check", 0.0)
        return out


class StageTimer:
    def __init__(self) -> None:
        self.times = StageTimes()
        self._lock = threading.Lock()

    def _add(self, stage: str, wall: float, cpu: float) -> None:
        with self._lock:
            self.times.wall[stage] = self.times.wall.get(stage, 0.0) + wall
            self.times.cpu[stage] = self.times.cpu.get(stage, 0.0) + cpu
            self.times.calls[stage] = self.times.calls.get(stage, 0) + 1

    def _wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            wall, cpu = time.perf_counter(), time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                self._add(stage, time.perf_counter() - wall, time.thread_time() - cpu)

        return timed

    @contextmanager
    def installed(self) -> Iterator[StageTimes]:
        originals = {(module, name): getattr(module, name) for _, module, name in WRAPPED}
        try:
            for stage, module, name in WRAPPED:
                setattr(module, name, self._wrap(stage, originals[(module, name)]))
            yield self.times
        finally:
            for (module, name), function in originals.items():
                setattr(module, name, function)
