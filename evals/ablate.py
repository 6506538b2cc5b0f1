"""`python -m evals --ablate`: what each rule family of the extractor earns, measured.

A rule family earns its place by its net effect on text nobody here wrote (issue 16), so
each family in `summariser.extract.RULE_FAMILIES` is switched off in turn and the gold sets
are scored again; the table shows, per type, all families on minus that one off: a positive
difference is what the family adds, a negative one what it costs. The scripted backend is
used (no model): in candidates mode the items do not depend on the model, so a full pass of
every family over both sets takes minutes, not hours.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .score import ENTITY_TYPES

#: The measures shown per type, as in the report's metric keys.
MEASURES = ("precision", "recall", "f1")


def _score_sets(
    gold_dirs: Sequence[Path], disabled: str, log: Callable[[str], None]
) -> dict[Path, dict[str, Any]]:
    """Every gold set scored with the named families off (comma-separated; '' for none).

    The pipeline's candidate workers are forked from this process, so the switch is set
    through the environment and the cached reading of it is cleared before each run.
    """
    from summariser.backends.fake import FakeBackend
    from summariser.config import Config
    from summariser.extract import DISABLE_ENV, disabled_by_env

    from .run import load_cases, run_eval, scripted_answer

    os.environ[DISABLE_ENV] = disabled
    disabled_by_env.cache_clear()
    config = Config.resolve(entity_mode="candidates", use_cache=False)
    scores: dict[Path, dict[str, Any]] = {}
    for gold_dir in gold_dirs:
        backend = FakeBackend(default=scripted_answer, model="scripted-lead")
        try:
            report = run_eval(load_cases(gold_dir), backend, config, baseline=False,
                              log=lambda _line: None)
        finally:
            backend.close()
        scores[gold_dir] = report["ours"]["metrics"]
        log(f"  {disabled or 'all families on'}: {gold_dir} scored")
    return scores


def ablate(
    gold_dirs: Sequence[Path], log: Callable[[str], None]
) -> dict[str, dict[str, dict[str, float | None]]]:
    """Per gold set, per family: the metrics with every family on minus with it off.

    The result maps a set's path to {family: {"<type>_<measure>": difference}}, plus the
    row "(all on)" with the absolute figures. The environment switch is restored after.
    """
    from summariser.extract import DISABLE_ENV, RULE_FAMILIES, disabled_by_env

    saved = os.environ.get(DISABLE_ENV)
    keys = [f"{t}_{m}" for t in ENTITY_TYPES for m in MEASURES]
    try:
        full = _score_sets(gold_dirs, "", log)
        table: dict[str, dict[str, dict[str, float | None]]] = {
            str(d): {"(all on)": {k: full[d].get(k) for k in keys}} for d in gold_dirs
        }
        for family in RULE_FAMILIES:
            off = _score_sets(gold_dirs, family, log)
            for d in gold_dirs:
                table[str(d)][family] = {k: _delta(full[d].get(k), off[d].get(k)) for k in keys}
    finally:
        if saved is None:
            os.environ.pop(DISABLE_ENV, None)
        else:
            os.environ[DISABLE_ENV] = saved
        disabled_by_env.cache_clear()
    return table


def _delta(on: float | None, off: float | None) -> float | None:
    return None if on is None or off is None else round(on - off, 3)


def _cell(values: dict[str, float | None], kind: str, signed: bool) -> str:
    parts = []
    for m in MEASURES:
        v = values.get(f"{kind}_{m}")
        parts.append("–" if v is None else (f"{v:+.3f}" if signed else f"{v:.3f}"))
    return " / ".join(parts)


def render_ablation(table: dict[str, dict[str, dict[str, float | None]]]) -> str:
    """One markdown table per gold set: rows are families, cells P / R / F1 per type."""
    out: list[str] = []
    for gold_dir, rows in table.items():
        out += [f"### {gold_dir}", "",
                "net effect of each family (all on minus this one off), P / R / F1:", "",
                "| family | " + " | ".join(ENTITY_TYPES) + " |",
                "| --- |" + " --- |" * len(ENTITY_TYPES)]
        for family, values in rows.items():
            signed = family != "(all on)"
            cells = " | ".join(_cell(values, t, signed) for t in ENTITY_TYPES)
            out.append(f"| {family} | {cells} |")
        out.append("")
    return "\n".join(out)


def run_ablation(gold_dirs: Sequence[Path], out_dir: Path) -> int:
    """`--ablate`: the table of what each rule family earns, printed and written to
    `out_dir` (ablation.md, ablation.json); 0, or 2 when a set cannot be read."""
    from summariser.errors import SummariserError

    from .run import EXIT_OK, EXIT_USAGE, EvalError, _dumps, _relative, _stderr, _write, load_cases

    try:
        for gold_dir in gold_dirs:
            load_cases(gold_dir)  # a bad set fails before minutes of scoring
        table = ablate(gold_dirs, _stderr)
    except (EvalError, SummariserError) as exc:
        _stderr(f"evals: error: {exc}")
        return EXIT_USAGE if isinstance(exc, EvalError) else int(getattr(exc, "exit_code", 2))
    text = render_ablation({_relative(Path(d)): rows for d, rows in table.items()})
    _write(out_dir / "ablation.json", _dumps(table))
    _write(out_dir / "ablation.md", "# Rule family ablation\n\n" + text)
    print(text)
    return EXIT_OK
