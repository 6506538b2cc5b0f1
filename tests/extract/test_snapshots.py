"""The extractor's candidates and the seed's briefing equal their checked-in snapshots.

A refactor must leave these byte-identical; a change meant to alter the output regenerates
them (`python -m tests.snapshots`) in the same commit.
"""

from __future__ import annotations

import pytest

from tests.snapshots import HERE, SEED, briefing_snapshots, candidates_snapshot, snapshot_inputs


@pytest.mark.parametrize("name", sorted(snapshot_inputs()))
def test_candidates_equal_their_snapshot(name: str) -> None:
    text = snapshot_inputs()[name].read_text(encoding="utf-8")
    expected = (HERE / f"candidates_{name}.json").read_text(encoding="utf-8")
    assert candidates_snapshot(text) == expected


def test_seed_briefing_equals_its_snapshot() -> None:
    rendered = briefing_snapshots(SEED.read_text(encoding="utf-8"))
    for fmt in ("md", "json"):
        expected = (HERE / f"briefing_seed.{fmt}").read_text(encoding="utf-8")
        assert rendered[fmt] == expected, fmt
