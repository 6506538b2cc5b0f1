"""A run whose stories are all cached starts in a blink: it loads neither spaCy nor a model.

- a story whose finished record is cached is answered without its candidates, and its
  record is the one a rebuild from the cached draft gives (timings included);
- when the code that checks changes, records are rebuilt from the cached drafts, with no
  model call; a story that moved in the bulletin gets its own offsets, not the old ones;
- a warm `python -m summariser` process (embedded default, and a remote server under a
  named --model, even with the server gone) imports no spaCy, llama_cpp, instructor, openai
  or numpy: checked on `-X importtime`'s list of imported modules, not on a clock.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import summariser.check.context as context
import summariser.pipeline as core
from bench.startup import HEAVY, imported
from summariser.backends.embedded import default_model_path
from summariser.backends.fake import FakeBackend
from summariser.config import Config
from summariser.errors import BackendError
from summariser.pipeline import summarise_text
from tests.helpers import ROOT, SEED, run_cli
from tests.servers.fake_openai import FakeOpenAIServer


def lead_answer(kwargs: dict[str, Any]) -> dict[str, Any]:
    """A grounded answer: the story's first line as headline and summary."""
    user = kwargs["messages"][1]["content"]
    lead = user.split("<<<\n", 1)[1].split("\n>>>", 1)[0].splitlines()[0][:300]
    return {"headline": " ".join(lead.split()[:8]), "summary": lead, "key_points": []}


def answering(name: str = "fake", model: str = "fake-model") -> FakeBackend:
    backend = FakeBackend(default=lead_answer, model=model)
    backend.name = name
    return backend


def refusing() -> FakeBackend:
    return FakeBackend(default=BackendError("the model must not be asked"))


def stories(briefing: Any) -> list[dict[str, Any]]:
    return [record.model_dump(mode="json") for record in briefing.stories]


def without_usage(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "usage"} for r in records]


def test_cached_records_need_no_candidates_and_match_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SEED.read_text(encoding="utf-8")
    config = Config.resolve(cache_dir=tmp_path)
    cold = summarise_text(text, config, answering())
    assert cold.meta.model_calls == 6

    with monkeypatch.context() as patch:
        patch.setattr(
            context.StoryContext, "build", lambda *a, **k: pytest.fail("candidates extracted")
        )
        warm = summarise_text(text, config, refusing())
    assert warm.meta.model_calls == 0
    assert all(r.usage.cached for r in warm.stories)

    # Other checking code: the records are rebuilt from the cached drafts, no model call.
    monkeypatch.setattr(core, "code_fingerprint", lambda: "other code")
    rebuilt = summarise_text(text, config, refusing())
    assert rebuilt.meta.model_calls == 0
    assert stories(rebuilt) == stories(warm)
    assert without_usage(stories(warm)) == without_usage(stories(cold))


def test_a_story_that_moved_gets_its_own_offsets(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    config = Config.resolve(cache_dir=tmp_path)
    summarise_text(text, config, answering())

    moved = "Flooding closed the main road into Herat on Monday, officials said.\n\n" + text
    backend = answering()
    cached = summarise_text(moved, config, backend)
    assert len(backend.calls) == 1  # only the new story; the others' drafts are cached
    fresh = summarise_text(moved, Config.resolve(use_cache=False), answering())
    assert without_usage(stories(cached)) == without_usage(stories(fresh))


# --------------------------------------------------------------------------- whole processes


def heavy_among(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def warm_process(*args: str) -> tuple[dict[str, Any], set[str]]:
    """A `summarise` process's JSON briefing and the modules it imported."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "summariser", *args, "-f", "json", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return json.loads(completed.stdout), set(imported(completed.stderr))


def test_a_warm_embedded_run_imports_neither_spacy_nor_the_model(tmp_path: Path) -> None:
    # The cache a cold embedded run leaves, made here by a scripted model under the
    # embedded backend's name and model identity, so no real model has to run.
    stand_in = answering("embedded", default_model_path().stem)
    summarise_text(SEED.read_text(encoding="utf-8"), Config.resolve(cache_dir=tmp_path), stand_in)
    assert len(stand_in.calls) == 6

    briefing, modules = warm_process(str(SEED), "--cache-dir", str(tmp_path))
    assert briefing["meta"]["model_calls"] == 0
    assert briefing["meta"]["backend"] == "embedded"
    assert "summariser.pipeline" in modules  # the report is read right
    assert heavy_among(modules) == []


def test_a_warm_remote_run_needs_no_client_and_no_server(tmp_path: Path) -> None:
    bulletin = tmp_path / "bulletin.txt"
    bulletin.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    remote = ("--model", "fake-model", "--cache-dir", str(tmp_path / "cache"))
    with FakeOpenAIServer() as server:
        url = server.base_url
        cold = run_cli(str(bulletin), "--base-url", url, *remote, "-q", timeout=300)
        assert cold.returncode == 0, cold.stderr
    briefing, modules = warm_process(str(bulletin), "--base-url", url, *remote)
    assert briefing["meta"]["model_calls"] == 0
    assert heavy_among(modules) == []

    # A story the cache cannot answer still finds the server gone, and says so.
    bulletin.write_text("A new story from Kabul.\n\n" + bulletin.read_text(), encoding="utf-8")
    missed = run_cli(str(bulletin), "--base-url", url, *remote, "-q", timeout=300)
    assert missed.returncode == 3
    assert "cannot reach" in missed.stdout
