"""The real embedded model, end to end through the command line (slow)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import ROOT, SEED, every_item, run_cli

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    cache = tmp_path_factory.mktemp("cache")
    result = run_cli(str(SEED), "--format", "json", "--quiet", "--cache-dir", str(cache))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout), cache


def test_six_stories_that_validate_against_the_exported_schema(seed_run: tuple[dict, Path]) -> None:
    briefing, _ = seed_run
    schema = json.loads((ROOT / "schemas" / "briefing.json").read_text(encoding="utf-8"))
    jsonschema.validate(briefing, schema)
    assert len(briefing["stories"]) == 6
    assert briefing["stories"][0]["title"] == (
        "Pakistani Military Commanders Urge Afghan Taliban To Act Against TTP"
    )
    assert all(s["status"] == "summarised" for s in briefing["stories"])
    assert all(s["headline"] and s["summary"] for s in briefing["stories"])
    assert briefing["meta"]["backend"] == "embedded"
    assert briefing["meta"]["completion_tokens"] > 0


def test_every_item_occurs_in_its_story_by_plain_search(seed_run: tuple[dict, Path]) -> None:
    """Checked independently of the product's grounding code: a plain search of the input."""
    briefing, _ = seed_run
    text = SEED.read_text(encoding="utf-8")
    ungrounded = []
    for story in briefing["stories"]:
        story_text = text[story["source"]["start"] : story["source"]["end"]]
        flat = " ".join(story_text.split())
        for kind, value, evidence in every_item(story):
            assert evidence is not None, (kind, value)
            if text[evidence["start"] : evidence["end"]] != evidence["text"]:
                ungrounded.append((kind, value, "evidence offsets"))
            if " ".join(value.split()) not in flat:
                ungrounded.append((kind, value, "not in story"))
    print(f"\nungrounded items on the seed: {len(ungrounded)}")
    assert ungrounded == []


def test_markdown_renders_from_the_warm_cache(seed_run: tuple[dict, Path]) -> None:
    _, cache = seed_run
    result = run_cli(str(SEED), "--quiet", "--cache-dir", str(cache))
    assert result.returncode == 0, result.stderr
    markdown = result.stdout
    assert markdown.startswith("# Daily briefing")
    assert markdown.count('<a id="story-') == 6
    # Warm cache: no model call at all, and the footer says where the stories came from.
    assert "all stories came from the cache of an earlier run" in markdown
