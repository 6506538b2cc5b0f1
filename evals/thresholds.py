"""Check a run's metrics against a thresholds file's limits, and against the NER baseline.

A key `X` is a minimum for metric X, `max_X` a maximum, and `min_delta_X` a minimum for our
X minus the baseline's X (spaCy alone on the same stories), the floor the pipeline must not
fall through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: A thresholds key `min_delta_<metric>` is a minimum for ours minus the baseline's value.
DELTA_PREFIX = "min_delta_"


def baseline_comparisons(
    metrics: Mapping[str, float | int | None],
    baseline: Mapping[str, float | int | None] | None,
    thresholds: Mapping[str, float | int],
) -> list[dict[str, Any]]:
    """Each `min_delta_X` key as a comparison: ours, the baseline's, the difference, the
    minimum difference, and whether it holds (it fails when either side is unmeasured)."""
    rows: list[dict[str, Any]] = []
    for key, limit in thresholds.items():
        if not key.startswith(DELTA_PREFIX):
            continue
        metric = key[len(DELTA_PREFIX):]
        ours = metrics.get(metric)
        theirs = baseline.get(metric) if baseline is not None else None
        delta = ours - theirs if ours is not None and theirs is not None else None
        rows.append({"metric": metric, "ours": ours, "baseline": theirs, "delta": delta,
                     "min_delta": limit, "passed": delta is not None and delta >= limit})
    return rows


def check_thresholds(
    metrics: Mapping[str, float | int | None],
    thresholds: Mapping[str, float | int],
    baseline: Mapping[str, float | int | None] | None = None,
) -> list[str]:
    """Every metric below its minimum (or above a `max_` limit), one line each.

    A key `max_X` bounds metric X from above; a key `min_delta_X` is a minimum for our X
    minus the baseline's X (`baseline`: the NER baseline's metrics; without them the key
    fails); any other key is a minimum for the metric of that name. An unmeasured metric
    (None) fails any non-zero minimum. Unknown keys fail too, so a typo cannot silently
    disable a check.
    """
    failures: list[str] = []
    for key, limit in thresholds.items():
        if key.startswith(DELTA_PREFIX):
            metric = key[len(DELTA_PREFIX):]
            if metric not in metrics:
                failures.append(f"{key}: unknown metric {metric!r}")
                continue
            row = baseline_comparisons(metrics, baseline, {key: limit})[0]
            if baseline is None:
                failures.append(f"{key}: needs the baseline's metrics (run with the baseline)")
            elif row["delta"] is None:
                failures.append(f"{metric}: not measured for ours or the baseline ({key})")
            elif not row["passed"]:
                failures.append(
                    f"{metric} = {_fmt(row['ours'])} is {_fmt(-row['delta'])} below the "
                    f"baseline's {_fmt(row['baseline'])} (minimum difference {limit})")
            continue
        metric = key[4:] if key.startswith("max_") else key
        if metric not in metrics:
            failures.append(f"{key}: unknown metric {metric!r}")
            continue
        value = metrics[metric]
        if key.startswith("max_"):
            if value is not None and value > limit:
                failures.append(f"{metric} = {_fmt(value)} is above its maximum {limit}")
        elif value is None:
            if limit > 0:
                failures.append(f"{metric} was not measured (minimum {limit})")
        elif value < limit:
            failures.append(f"{metric} = {_fmt(value)} is below its threshold {limit}")
    return failures


def _fmt(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"
