"""The eval report as markdown: our metrics beside the NER baseline's, the headline figures,
the threshold check and the findings. Kept apart from the runner (run.py), which measures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from .score import ENTITY_TYPES, ITEM_TYPES

# --------------------------------------------------------------------------- rendering

_TYPE_LABEL = {"organisations": "orgs"}


def _num(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def _triple(metrics: dict[str, Any] | None, keys: Sequence[str]) -> str:
    if metrics is None:
        return "–"
    return " / ".join(_num(metrics.get(k)) for k in keys)


def metric_table(ours: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    """The headline table (ours vs. NER baseline) from two `metrics` dicts."""
    rows: list[tuple[str, str, str]] = []

    def row(label: str, render: Callable[[dict[str, Any]], str], ours_only: bool = False) -> None:
        base_cell = "–" if baseline is None or ours_only else render(baseline)
        rows.append((label, render(ours), base_cell))

    for t in ITEM_TYPES:
        keys = (f"{t}_precision", f"{t}_recall", f"{t}_f1")
        row(f"{t} P / R / F1", partial(_triple, keys=keys))
    row("story boundaries P / R / F1 (exact)",
        lambda m: _triple(m, ("boundary_precision", "boundary_recall", "boundary_f1")))
    type_keys = tuple(f"{t}_type_precision" for t in ENTITY_TYPES)
    labels = " / ".join(_TYPE_LABEL.get(t, t) for t in ENTITY_TYPES)
    row(f"type precision ({labels})", lambda m: _triple(m, type_keys))
    row("role accuracy (matched people)", lambda m: _num(m.get("role_accuracy")))
    row("role holder kept (matched people)", lambda m: _num(m.get("role_holder_accuracy")))
    row("quote speaker accuracy", lambda m: _num(m.get("speaker_accuracy")))
    row("quotes given to a wrong person", lambda m: _num(m.get("wrong_speaker")))
    row("figure label names its head", lambda m: _num(m.get("figure_label_accuracy")))
    row("figure labels naming something else", lambda m: _num(m.get("wrong_figure_labels")))
    row("story's country", lambda m: _num(m.get("country_accuracy")))
    row("grounding rate", lambda m: _num(m.get("grounding_rate"), 3))
    row("hallucinated items", lambda m: _num(m.get("hallucinated")))
    row("summary coverage (baseline: first two sentences)",
        lambda m: _num(m.get("summary_coverage")))
    row("summary ROUGE-1 / 2 / L F1 (baseline: first two sentences)",
        partial(_triple, keys=("summary_rouge1", "summary_rouge2", "summary_rougeL")))
    row("title / byline / dateline accuracy",
        lambda m: _triple(m, ("title_accuracy", "byline_accuracy", "dateline_accuracy")))
    row("broken headlines", lambda m: _num(m.get("broken_headlines")))
    row("key points recombining two sentences", lambda m: _num(m.get("recombined_key_points")))
    row("printed sentences resting on no story sentence",
        lambda m: _num(m.get("unsupported_sentences")))
    row("first answer fits the schema", lambda m: _num(m.get("first_attempt_valid")), True)
    row("first answer passes every check", lambda m: _num(m.get("first_attempt_grounded")),
        True)
    row("re-asks / story", lambda m: _num(m.get("reasks_per_story")), True)
    row("tokens / story", lambda m: _num(m.get("tokens_per_story"), 0), True)
    row("seconds / story", lambda m: _num(m.get("seconds_per_story"), 1), True)
    row("stories not summarised", lambda m: _num(m.get("not_summarised")), True)

    lines = ["| metric | ours | NER baseline |", "| --- | --- | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def headline_table(report: dict[str, Any]) -> str:
    base = report.get("baseline")
    return metric_table(report["ours"]["metrics"], base["metrics"] if base else None)


def render_markdown(report: dict[str, Any]) -> str:
    meta = report["meta"]
    out = [
        "# Eval report",
        "",
        f"{meta['date']} · backend `{meta['backend']}` · model `{meta['model']}` · "
        f"entity mode `{meta['entity_mode']}` · prompt `{meta['prompt_version']}` · "
        f"{len(meta['bulletins'])} bulletins · {meta['seconds']:.0f} s",
        "",
        "## All bulletins (micro-averaged)",
        "",
        headline_table(report),
        "",
    ]
    check = report.get("check")
    if check is not None:
        out += ["## Threshold check", ""]
        if check["failures"]:
            out += [f"- FAIL {line}" for line in check["failures"]]
        else:
            out.append(f"All thresholds in `{check['thresholds']}` met.")
        out.append("")
        if check.get("comparisons"):
            out += ["Ours against the NER baseline (spaCy alone, same stories), "
                    "`min_delta_` keys:", "",
                    "| metric | ours | spaCy alone | difference | minimum | |",
                    "| --- | --- | --- | --- | --- | --- |"]
            out += [f"| {c['metric']} | {_num(c['ours'])} | {_num(c['baseline'])} | "
                    f"{_num(c['delta'])} | {_num(c['min_delta'])} | "
                    f"{'ok' if c['passed'] else 'FAIL'} |" for c in check["comparisons"]]
            out.append("")
    out += ["## Per bulletin", ""]
    for entry in report["bulletins"]:
        base = entry.get("baseline")
        out += [
            f"### {entry['name']}",
            "",
            f"`{entry['bulletin']}` · gold `{entry['gold']}`",
            "",
            metric_table(entry["ours"]["metrics"], base["metrics"] if base else None),
            "",
        ]
        notable = [
            f for f in entry["ours"].get("findings", [])
            if f["finding"] in ("hallucinated", "type_error")
        ]
        if notable:
            out += ["Hallucinated items and type errors (ours):", ""]
            out += [f"- {_finding(f)}" for f in notable]
            out.append("")
        if entry["gold_warnings"]:
            out += ["Gold warnings:", ""]
            out += [f"- {w}" for w in entry["gold_warnings"]]
            out.append("")
    out.append("Misses, false positives, wrong roles/speakers and uncovered key facts are "
               "listed per bulletin under `findings` in report.json.")
    return "\n".join(out) + "\n"


def _finding(f: dict[str, Any]) -> str:
    extra = f.get("why") or ""
    if f.get("gold_types"):
        extra = "gold type: " + ", ".join(f["gold_types"])
    suffix = f" ({extra})" if extra else ""
    return f"{f['story']}: {f['type']} {f['text']!r} — {f['finding']}{suffix}"
