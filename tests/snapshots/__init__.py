"""Checked-in snapshots of the extractor and the briefing, for behaviour-preserving refactors.

`python -m tests.snapshots` rewrites them from the current code; `tests/extract/test_snapshots.py`
fails when the code's output differs from them. A change that means to alter the output
regenerates them in the same commit, so the diff of the snapshot files shows what changed.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = ROOT / "seeds" / "000_308f2c399fe30051.txt"
# The development bulletins only: the holdout (007-009) is read through its totals alone.
DEV_BULLETINS = ("001", "002", "003", "004", "005", "006", "010", "011", "012", "013", "014")


def snapshot_inputs() -> dict[str, Path]:
    """Snapshot name to bulletin file: the seed and every development bulletin."""
    inputs = {"seed": SEED}
    for path in sorted((ROOT / "evals" / "bulletins").glob("*.txt")):
        if path.name[:3] in DEV_BULLETINS:
            inputs[path.stem] = path
    return inputs


def candidates_snapshot(text: str) -> str:
    """Every story's candidates, as indented JSON (the story split as the pipeline does)."""
    from summariser.check.context import candidate_text
    from summariser.extract import extract_candidates
    from summariser.segment import segment

    stories = []
    for story in segment(text):
        found = extract_candidates(candidate_text(story))
        stories.append([dataclasses.asdict(c) for c in found])
    return json.dumps(stories, indent=1, ensure_ascii=False) + "\n"


def _grounded_answer(kwargs: dict[str, Any]) -> dict[str, Any]:
    user = kwargs["messages"][1]["content"]
    body = user.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
    lead = body.splitlines()[0][:300]
    return {
        "headline": " ".join(lead.split()[:8]),
        "summary": lead,
        "key_points": [],
        "topic": "security",
    }


def briefing_snapshots(text: str) -> dict[str, str]:
    """The seed's briefing through a scripted backend, as markdown and JSON (timings zeroed)."""
    from summariser.backends.fake import FakeBackend
    from summariser.config import Config
    from summariser.pipeline import summarise_text
    from summariser.render import briefing_json, render_markdown

    config = Config(use_cache=False, date="2026-12-01", concurrency=1)
    backend = FakeBackend(default=_grounded_answer)
    briefing = summarise_text(text, config, backend, source_name="seed.txt")
    briefing.meta.seconds = 0.0
    for record in briefing.stories:
        record.usage.seconds = 0.0
    return {"md": render_markdown(briefing), "json": briefing_json(briefing)}


def write_all() -> None:
    for name, path in snapshot_inputs().items():
        text = path.read_text(encoding="utf-8")
        (HERE / f"candidates_{name}.json").write_text(candidates_snapshot(text), encoding="utf-8")
    seed = SEED.read_text(encoding="utf-8")
    for fmt, rendered in briefing_snapshots(seed).items():
        (HERE / f"briefing_seed.{fmt}").write_text(rendered, encoding="utf-8")
