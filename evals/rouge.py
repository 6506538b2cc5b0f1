"""ROUGE of a briefing's summaries against reference summaries (`rouge-score`, test extra).

Apart from `score.py` so that the scorer's matching rules stay in one readable module; the
scorer adds these numbers to its `Score` like its other means.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

ROUGE_TYPES: tuple[str, ...] = ("rouge1", "rouge2", "rougeL")


@dataclass
class Mean:
    """A running mean (sum and count), so that micro-averages can be summed."""

    total: float = 0.0
    count: int = 0

    @property
    def value(self) -> float | None:
        return self.total / self.count if self.count else None

    def add(self, other: Mean) -> None:
        self.total += other.total
        self.count += other.count

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "count": self.count, "value": self.value}


def reference_summaries(gold: Mapping[str, Any]) -> list[str]:
    """A gold story's reference summaries: `reference_summaries`, else `reference_summary`."""
    many = gold.get("reference_summaries")
    refs = many if isinstance(many, list) else [gold.get("reference_summary")]
    return [r for r in refs if isinstance(r, str) and r.strip()]


@lru_cache(maxsize=1)
def _rouge_scorer() -> Any:
    from rouge_score import rouge_scorer  # the `test` extra; only gold with summaries needs it

    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def rouge_f1(references: Sequence[str], summary: str) -> dict[str, float]:
    """ROUGE-1/2/L F1 of `summary`, best over `references` (0 for an empty summary)."""
    if not summary.strip():
        return dict.fromkeys(ROUGE_TYPES, 0.0)
    scores = _rouge_scorer().score_multi(list(references), summary)
    return {r: float(scores[r].fmeasure) for r in ROUGE_TYPES}
