"""Soak: the fault matrix against a real `llama_cpp.server` behind the fault-injecting proxy.

Each story of a small bulletin meets two faults in turn, one of transport (a 500, a 429 with
Retry-After, a body cut short, a body that is not JSON, a 503) and one of the answer (not
JSON, against the schema, cut at the token limit). Whatever the tiny model then answers, no
story may be lost: every story is in the briefing, none fails for a transport reason, and no
traceback reaches the user.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summariser.pipeline import TRANSPORT_PREFIX
from tests.helpers import llama_server, run_cli
from tests.servers.common import Fault, FaultPlan
from tests.servers.fault_proxy import FaultProxy

STORIES = {
    "Kabul": "The council in Kabul approved a new budget for schools on Monday. "
    "Teachers welcomed the decision.",
    "Herat": "Farmers in Herat said the wheat harvest was larger than last year. "
    "Prices fell in the city's markets.",
    "Mazar": "A new bridge opened in Mazar on Tuesday after two years of work. "
    "The governor cut the ribbon.",
    "Kandahar": "Officials in Kandahar reported heavy rain on Wednesday. "
    "Several roads were closed for hours.",
}


def fault_matrix() -> FaultPlan:
    """Two faults a story, each delivered once, to the story whose text names its marker."""
    plan = FaultPlan()
    matrix = {
        "Kabul": (Fault.http(500), Fault.schema_violation()),
        "Herat": (Fault.http(429, retry_after=1), Fault.malformed_answer()),
        "Mazar": (Fault.truncated_body(), Fault.http(503)),
        "Kandahar": (Fault.malformed_body(), Fault.truncated_answer()),
    }
    for marker, faults in matrix.items():
        for fault in faults:
            plan.when(marker, fault, times=1)
    return plan


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_the_fault_matrix_against_a_real_server_loses_no_story(tmp_path: Path) -> None:
    path = tmp_path / "bulletin.txt"
    text = "\n\n".join(STORIES.values()) + "\n"
    path.write_text(text, encoding="utf-8")
    with llama_server() as upstream, FaultProxy(upstream, fault_matrix()) as proxy:
        result = run_cli(
            str(path),
            "--base-url", proxy.base_url,
            "--format", "json",
            "--quiet",
            "--no-cache",
            "--concurrency", "1",
            # Asked to write: the answer faults are a writing model's (a selecting one is
            # not asked about a two-sentence story at all: there is nothing to choose).
            "--ask", "write",
            "--max-reasks", "1",
            "--timeout", "600",
            env={"SUMMARISER_TRANSPORT_BUDGET": "1200"},  # a loaded 2-core machine is slow
            timeout=2000,
        )
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 3), result.stderr
    stories = json.loads(result.stdout)["stories"]
    assert len(stories) == len(STORIES)
    for story, marker in zip(stories, STORIES, strict=True):
        source = story["source"]
        assert marker in text[source["start"] : source["end"]]
        # A transport fault is retried; it never costs a story.
        assert not (story.get("reason") or "").startswith(TRANSPORT_PREFIX), story["reason"]
    delivered = [r.fault for r in proxy.chat_requests if r.fault]
    assert len(delivered) == 8, delivered
