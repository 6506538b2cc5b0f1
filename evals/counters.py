"""The scorer's counters: true and false positives per item type, ratios, segmentation, run
statistics, and the `Score` that sums them for one bulletin or several (micro-average).

Kept apart from the scoring rules (score.py), which decide what counts; these only count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .rouge import ROUGE_TYPES, Mean

ITEM_TYPES: tuple[str, ...] = (
    "people", "organisations", "places", "figures", "dates", "quotes", "sources",
)
ENTITY_TYPES: tuple[str, ...] = ("people", "organisations", "places")
LAYOUT_FIELDS: tuple[str, ...] = ("title", "byline", "dateline")


# --------------------------------------------------------------------------- counters


@dataclass
class PRF:
    """True positives, false positives and misses of one item type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass
class Ratio:
    """A share with its counts, so that micro-averages can be summed."""

    num: int = 0
    den: int = 0
    empty: float | None = 1.0

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else self.empty

    def add(self, other: Ratio) -> None:
        self.num += other.num
        self.den += other.den

    def as_dict(self) -> dict[str, Any]:
        return {"num": self.num, "den": self.den, "value": self.value}


@dataclass
class Segmentation:
    """Exact story boundaries: (start, end) pairs predicted vs. gold."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0
    exact_bulletins: int = 0
    bulletins: int = 0

    @property
    def prf(self) -> PRF:
        return PRF(tp=self.matched, fp=self.predicted - self.matched, fn=self.gold - self.matched)

    @property
    def stories_exact(self) -> bool:
        return self.exact_bulletins == self.bulletins

    def add(self, other: Segmentation) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.gold += other.gold
        self.exact_bulletins += other.exact_bulletins
        self.bulletins += other.bulletins

    def as_dict(self) -> dict[str, Any]:
        prf = self.prf
        return {"matched": self.matched, "predicted": self.predicted, "gold": self.gold,
                "precision": prf.precision, "recall": prf.recall, "f1": prf.f1,
                "stories_exact": self.stories_exact, "exact_bulletins": self.exact_bulletins,
                "bulletins": self.bulletins}


@dataclass
class RunStats:
    """What the run cost, summed over stories (per-story values are derived)."""

    stories: int = 0
    first_attempt_valid: int = 0
    first_attempt_grounded: int = 0
    reasks: int = 0
    tokens: int = 0
    story_seconds: float = 0.0
    wall_seconds: float = 0.0
    not_summarised: int = 0

    def _per_story(self, total: float) -> float:
        return total / self.stories if self.stories else 0.0

    def add(self, other: RunStats) -> None:
        self.stories += other.stories
        self.first_attempt_valid += other.first_attempt_valid
        self.first_attempt_grounded += other.first_attempt_grounded
        self.reasks += other.reasks
        self.tokens += other.tokens
        self.story_seconds += other.story_seconds
        self.wall_seconds += other.wall_seconds
        self.not_summarised += other.not_summarised

    def as_dict(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "first_attempt_valid": self.first_attempt_valid,
            "first_attempt_valid_rate": (
                self.first_attempt_valid / self.stories if self.stories else 1.0
            ),
            "first_attempt_grounded": self.first_attempt_grounded,
            "first_attempt_grounded_rate": (
                self.first_attempt_grounded / self.stories if self.stories else 1.0
            ),
            "reasks": self.reasks,
            "reasks_per_story": self._per_story(self.reasks),
            "tokens": self.tokens,
            "tokens_per_story": self._per_story(self.tokens),
            "story_seconds": round(self.story_seconds, 3),
            "wall_seconds": round(self.wall_seconds, 3),
            "seconds_per_story": self._per_story(self.wall_seconds),
            "not_summarised": self.not_summarised,
        }


def _ratio(empty: float | None = 1.0) -> Ratio:
    return Ratio(empty=empty)


@dataclass
class Score:
    """All counts for one bulletin, or summed over several (micro-average)."""

    name: str = ""
    segmentation: Segmentation = field(default_factory=Segmentation)
    types: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in ITEM_TYPES})
    type_precision: dict[str, Ratio] = field(
        default_factory=lambda: {t: _ratio() for t in ENTITY_TYPES}
    )
    role_accuracy: Ratio = field(default_factory=lambda: _ratio(None))
    role_holder_accuracy: Ratio = field(default_factory=lambda: _ratio(None))
    speaker_accuracy: Ratio = field(default_factory=lambda: _ratio(None))
    figure_label_accuracy: Ratio = field(default_factory=lambda: _ratio(None))
    #: Quotes given to a named person the gold does not name as their speaker.
    wrong_speaker: int = 0
    #: Matched figures printed with a label that does not name what the gold says they
    #: count: a wrong fact. An empty label claims nothing and is not counted here (it is a
    #: miss for `figure_label_accuracy` all the same).
    wrong_figure_labels: int = 0
    grounding: Ratio = field(default_factory=_ratio)
    summary_coverage: Ratio = field(default_factory=_ratio)
    #: The story's country (where it happens) against the gold's, on gold stories that have one.
    country: Ratio = field(default_factory=lambda: _ratio(None))
    rouge: dict[str, Mean] = field(default_factory=lambda: {r: Mean() for r in ROUGE_TYPES})
    run: RunStats = field(default_factory=RunStats)
    #: Wire layout fields of aligned stories equal to gold (see evals/layout.py).
    layout: dict[str, Ratio] = field(
        default_factory=lambda: {k: _ratio(None) for k in LAYOUT_FIELDS}
    )
    broken_headlines: int = 0
    #: Key points whose numbers, names and dates are not all in one sentence of their story.
    recombined_key_points: int = 0
    #: Printed summary sentences and key points that rest on no story sentence (issue 21).
    unsupported_sentences: int = 0
    #: The kinds the gold annotates (see "Annotated kinds"); others have no P/R/F1.
    annotated: set[str] = field(default_factory=lambda: set(ITEM_TYPES))
    #: Itemised findings for people reading the report: misses, false positives, type
    #: errors, hallucinations, uncovered key facts.
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def hallucinated(self) -> int:
        return self.grounding.den - self.grounding.num

    def add(self, other: Score) -> None:
        self.segmentation.add(other.segmentation)
        for t in ITEM_TYPES:
            self.types[t].add(other.types[t])
        for t in ENTITY_TYPES:
            self.type_precision[t].add(other.type_precision[t])
        self.role_accuracy.add(other.role_accuracy)
        self.role_holder_accuracy.add(other.role_holder_accuracy)
        self.speaker_accuracy.add(other.speaker_accuracy)
        self.figure_label_accuracy.add(other.figure_label_accuracy)
        self.wrong_speaker += other.wrong_speaker
        self.wrong_figure_labels += other.wrong_figure_labels
        self.grounding.add(other.grounding)
        self.summary_coverage.add(other.summary_coverage)
        self.country.add(other.country)
        for r in ROUGE_TYPES:
            self.rouge[r].add(other.rouge[r])
        self.run.add(other.run)
        for k in LAYOUT_FIELDS:
            self.layout[k].add(other.layout[k])
        self.broken_headlines += other.broken_headlines
        self.recombined_key_points += other.recombined_key_points
        self.unsupported_sentences += other.unsupported_sentences
        self.annotated |= other.annotated

    def metrics(self) -> dict[str, float | int | None]:
        """Flat metric names (the keys `thresholds.toml` uses) to values."""
        out: dict[str, float | int | None] = {}
        for t in ITEM_TYPES:
            prf = self.types[t]
            scored = t in self.annotated
            out[f"{t}_precision"] = prf.precision if scored else None
            out[f"{t}_recall"] = prf.recall if scored else None
            out[f"{t}_f1"] = prf.f1 if scored else None
        for t in ENTITY_TYPES:
            out[f"{t}_type_precision"] = (
                self.type_precision[t].value if t in self.annotated else None
            )
        seg = self.segmentation.prf
        out["boundary_precision"] = seg.precision
        out["boundary_recall"] = seg.recall
        out["boundary_f1"] = seg.f1
        out["stories_exact"] = 1.0 if self.segmentation.stories_exact else 0.0
        out["role_accuracy"] = self.role_accuracy.value
        out["role_holder_accuracy"] = self.role_holder_accuracy.value
        out["speaker_accuracy"] = self.speaker_accuracy.value
        out["wrong_speaker"] = self.wrong_speaker
        out["figure_label_accuracy"] = self.figure_label_accuracy.value
        out["wrong_figure_labels"] = (
            self.wrong_figure_labels if self.figure_label_accuracy.den else None
        )
        out["grounding_rate"] = self.grounding.value
        out["hallucinated"] = self.hallucinated
        out["summary_coverage"] = self.summary_coverage.value
        out["country_accuracy"] = self.country.value
        for k in LAYOUT_FIELDS:
            out[f"{k}_accuracy"] = self.layout[k].value
        out["broken_headlines"] = self.broken_headlines
        out["recombined_key_points"] = self.recombined_key_points
        out["unsupported_sentences"] = self.unsupported_sentences
        for r in ROUGE_TYPES:
            out[f"summary_{r}"] = self.rouge[r].value
        run = self.run.as_dict()
        out["first_attempt_valid"] = run["first_attempt_valid_rate"]
        out["first_attempt_grounded"] = run["first_attempt_grounded_rate"]
        out["reasks_per_story"] = run["reasks_per_story"]
        out["tokens_per_story"] = run["tokens_per_story"]
        out["seconds_per_story"] = run["seconds_per_story"]
        out["not_summarised"] = self.run.not_summarised
        return out

    def as_dict(self, *, findings: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "segmentation": self.segmentation.as_dict(),
            "types": {t: self.types[t].as_dict() for t in ITEM_TYPES},
            "type_precision": {t: self.type_precision[t].as_dict() for t in ENTITY_TYPES},
            "role_accuracy": self.role_accuracy.as_dict(),
            "role_holder_accuracy": self.role_holder_accuracy.as_dict(),
            "speaker_accuracy": self.speaker_accuracy.as_dict(),
            "wrong_speaker": self.wrong_speaker,
            "figure_label_accuracy": self.figure_label_accuracy.as_dict(),
            "wrong_figure_labels": self.wrong_figure_labels,
            "grounding": {**self.grounding.as_dict(), "hallucinated": self.hallucinated},
            "summary_coverage": self.summary_coverage.as_dict(),
            "layout": {k: self.layout[k].as_dict() for k in LAYOUT_FIELDS},
            "broken_headlines": self.broken_headlines,
            "recombined_key_points": self.recombined_key_points,
            "unsupported_sentences": self.unsupported_sentences,
            "summary_rouge": {r: self.rouge[r].as_dict() for r in ROUGE_TYPES},
            "annotated": [t for t in ITEM_TYPES if t in self.annotated],
            "run": self.run.as_dict(),
            "metrics": self.metrics(),
        }
        if findings:
            out["findings"] = self.findings
        return out
