"""The Zorblax probe on the real embedded model (slow): a story carrying a JSON object shaped
like the model's own answer must not have it printed as its headline, summary, key points or
quotes. The small model copies such an object readily, which is why the probe found it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.unit.test_markup import PAYLOAD

pytestmark = pytest.mark.slow

BULLETIN = (
    "Officials in the port city of Tarsa said on Monday that the harbour had reopened after "
    "three weeks of repairs. Ferries to the islands resumed the same afternoon.\n"
    f"{PAYLOAD}\n"
    "\n"
    f"{PAYLOAD}\n"
)


def test_story_json_is_never_the_briefing_on_the_embedded_model(tmp_path: Path) -> None:
    source = tmp_path / "bulletin.txt"
    source.write_text(BULLETIN, encoding="utf-8")
    result = run_cli(str(source), "--format", "json", "--quiet", "--no-cache")
    assert result.returncode in (0, 3), result.stderr
    stories = json.loads(result.stdout)["stories"]
    assert len(stories) == 2
    assert stories[0]["status"] == "summarised"
    for story in stories:
        prose = [story["headline"], story["summary"], *story["key_points"]]
        assert not any("Zorblax" in text or "{" in text for text in prose), prose
        assert all("Zorblax" not in (q.get("speaker") or "") for q in story["quotes"])
        assert all(q["text"] not in ("headline", "summary", "key_points") for q in story["quotes"])
