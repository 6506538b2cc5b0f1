"""Score a briefing against a gold annotation: pure functions, no model, no product code.

The scorer deliberately re-implements its own matching and grounding checks instead of
importing `summariser.check.grounding`, so a bug in the product's grounding cannot hide itself.

Matching rules (the contract of these numbers; see also the module constants):

- Names (people, organisations, places, sources) and dates: both sides are normalised
  (`normalise`). A predicted item matches a gold item when any predicted form (name or
  alias) equals any gold form, or when rapidfuzz `fuzz.ratio` of some pair of forms is
  >= 90 *and* both forms carry the same numbers (a fuzzy match never bridges "3 February"
  and "13 February").
- Figures match on value: equal normalised values, or one normalised value contains the
  other on word boundaries and both carry the same sequence of numbers (digits and number
  words, thousands separators ignored): "an estimated 1.3 million" ~ "1.3 million", but
  "between 40% and 60%" !~ "40%" and "1.3 million" !~ "1.4 million". No fuzzy matching.
- Quotes match when one normalised text contains the other on word boundaries and the
  shorter is at least 60% of the longer (in normalised characters).
- Within an aligned story, matching is one-to-one and greedy: exact matches first, then
  fuzzy/containment ones, each in reading order; a gold item is matched at most once.
- Stories are aligned one-to-one by largest character overlap of their spans. Items of an
  unaligned predicted story are all false positives; items of an unaligned gold story are
  all misses. Counts are micro-averaged (summed) per type over a bulletin and over bulletins.
- Empty denominators: precision is 1.0 when nothing was predicted and nothing was missed,
  0.0 when nothing was predicted but gold exists; recall is 1.0 when there is no gold.
  Other rates (type precision, grounding, coverage, validity) are 1.0 on an empty
  denominator; role and speaker accuracy are `None` (not measured) then.
- Annotated kinds: a gold file may say which kinds it annotates (`"annotated": ["people",
  "organisations", "places"]`); the other kinds of its stories are not scored (neither
  misses nor false positives), and a kind no scored file annotates has no P/R/F1 (`None`).
  A file without the field annotates every kind. Grounding is checked for every item.
- Summary ROUGE: each gold story's reference summaries (`reference_summaries`, else
  `reference_summary`) against the aligned predicted story's `summary`: ROUGE-1, ROUGE-2 and
  ROUGE-L F1 (Porter stemming, best over the references), averaged over the gold stories
  that have references; an unaligned gold story scores 0.
- Summary coverage: a gold key fact is covered when its normalised form occurs on word
  boundaries in the normalised headline + summary + key points of the aligned story.
  Digit/word equivalents ("18" vs "eighteen") are deliberately NOT accepted: the product is
  asked to copy numbers as written.
- Layout and headlines (evals/layout.py): title, byline and dateline accuracy over aligned
  stories; `broken_headlines` counts headlines that end on a function word, inside an
  abbreviation or number, or are not one span of one story sentence (nor the title).
- Grounding: an item is grounded when its `evidence.text` equals `input[start:end]` exactly
  (non-empty) and its name/value/text occurs in its story's text, compared case-, whitespace-
  and curly-quote-insensitively. Every other item counts as hallucinated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .layout import broken_headlines, layout_matches
from .matching import (
    EXACT,
    LOOSE,
    NO_MATCH,
    TEXT_FIELD,
    contains_words,
    forms_of,
    greedy_pairs,
    items_of,
    loose,
    match_figure,
    match_forms,
    match_items,
    match_quote,
    normalise,
    number_tokens,
)
from .prose_metrics import recombined_points, unsupported_sentences
from .relations import has_head, has_holder, names_person, same_role_words, speaker_forms
from .rouge import ROUGE_TYPES, Mean, reference_summaries, rouge_f1

#: The matching names tests and the runner import from here, the scorer's one front door.
__all__ = [
    "ENTITY_TYPES", "EXACT", "ITEM_TYPES", "LAYOUT_FIELDS", "LOOSE", "NO_MATCH", "TEXT_FIELD",
    "Score", "annotated_kinds", "check_gold", "match_figure", "match_forms", "match_quote",
    "micro", "normalise", "number_tokens", "score_bulletin",
]

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


# --------------------------------------------------------------------------- alignment


def _span(story: Mapping[str, Any]) -> tuple[int, int]:
    """(start, end) of a predicted story (`source`) or a gold story (`start`/`end`)."""
    source = story.get("source")
    if isinstance(source, Mapping):
        return int(source["start"]), int(source["end"])
    return int(story["start"]), int(story["end"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def align_stories(
    pred_stories: Sequence[Mapping[str, Any]], gold_stories: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs by largest character overlap."""
    gold_spans = [_span(s) for s in gold_stories]
    return greedy_pairs(
        [[_overlap(_span(p), g) for g in gold_spans] for p in pred_stories]
    )


def score_segmentation(
    pred_stories: Sequence[Mapping[str, Any]], gold_stories: Sequence[Mapping[str, Any]]
) -> Segmentation:
    pred = [_span(s) for s in pred_stories]
    gold = [_span(s) for s in gold_stories]
    matched = len(set(pred) & set(gold))
    exact = len(pred) == len(gold) and sorted(pred) == sorted(gold)
    return Segmentation(matched=matched, predicted=len(pred), gold=len(gold),
                        exact_bulletins=int(exact), bulletins=1)


# --------------------------------------------------------------------------- per story


def _label(item: Mapping[str, Any], kind: str) -> str:
    return str(item.get(TEXT_FIELD[kind]) or "")


def _score_figure_labels(
    pred: Mapping[str, Any], gold: Mapping[str, Any], score: Score, story_label: str
) -> None:
    """Of matched figures whose gold names a head, the share whose label contains it."""
    p_items, g_items = items_of(pred, "figures"), items_of(gold, "figures")
    pairs = greedy_pairs([[match_items("figures", p, g) for g in g_items] for p in p_items])
    for p, g in pairs:
        head = g_items[g].get("head")
        if not isinstance(head, str) or not head:
            continue
        # The printed line is the value and its label: "**27 points**: Jelić scored" says
        # what was counted as plainly as a label holding "points" would.
        line = f'{p_items[p].get("value") or ""} {p_items[p].get("context") or ""}'
        ok = has_head(line, head)
        score.figure_label_accuracy.den += 1
        score.figure_label_accuracy.num += int(ok)
        if not ok:
            score.findings.append({
                "story": story_label, "type": "figures", "finding": "wrong_label",
                "text": _label(p_items[p], "figures"), "predicted": p_items[p].get("context"),
                "gold": head,
            })


def score_story_pair(
    pred: Mapping[str, Any] | None,
    gold: Mapping[str, Any] | None,
    score: Score,
    story_label: str,
    kinds: Sequence[str] = ITEM_TYPES,
) -> None:
    """Add one aligned (or unaligned, when one side is None) story pair to `score`, counting
    only the item kinds in `kinds` (the ones the gold annotates)."""
    for kind in kinds:
        p_items, g_items = items_of(pred, kind), items_of(gold, kind)
        pairs = greedy_pairs([[match_items(kind, p, g) for g in g_items] for p in p_items])
        prf = score.types[kind]
        prf.tp += len(pairs)
        prf.fp += len(p_items) - len(pairs)
        prf.fn += len(g_items) - len(pairs)
        matched_p = {p for p, _ in pairs}
        matched_g = {g for _, g in pairs}
        for i, item in enumerate(p_items):
            if i not in matched_p:
                score.findings.append({"story": story_label, "type": kind,
                                       "finding": "false_positive", "text": _label(item, kind)})
        for i, item in enumerate(g_items):
            if i not in matched_g:
                score.findings.append({"story": story_label, "type": kind,
                                       "finding": "missed", "text": _label(item, kind)})
        if kind == "people":
            for p, g in pairs:
                gold_role = normalise(g_items[g].get("role"))
                if not gold_role:
                    continue
                pred_role = normalise(p_items[p].get("role"))
                ok = bool(pred_role) and (
                    contains_words(pred_role, gold_role) or contains_words(gold_role, pred_role)
                    or same_role_words(pred_role, gold_role)
                )
                score.role_accuracy.den += 1
                score.role_accuracy.num += int(ok)
                holder = g_items[g].get("holder")
                if isinstance(holder, str) and holder:
                    held = has_holder(p_items[p].get("role"), holder)
                    score.role_holder_accuracy.den += 1
                    score.role_holder_accuracy.num += int(held)
                    if not held:
                        score.findings.append({
                            "story": story_label, "type": "people",
                            "finding": "role_without_holder",
                            "text": _label(p_items[p], kind), "predicted": p_items[p].get("role"),
                            "gold": holder,
                        })
                if not ok:
                    score.findings.append({
                        "story": story_label, "type": "people", "finding": "wrong_role",
                        "text": _label(p_items[p], kind), "predicted": p_items[p].get("role"),
                        "gold": g_items[g].get("role"),
                    })
        if kind == "quotes":
            for p, g in pairs:
                gold_speaker = g_items[g].get("speaker")
                pred_speaker = p_items[p].get("speaker")
                if not normalise(gold_speaker):
                    ok = not normalise(pred_speaker)
                else:
                    ok = match_forms(speaker_forms(pred_speaker, pred),
                                     speaker_forms(gold_speaker, gold)) > 0
                score.speaker_accuracy.den += 1
                score.speaker_accuracy.num += int(ok)
                if not ok and names_person(pred_speaker, pred, gold):
                    score.wrong_speaker += 1
                if not ok:
                    score.findings.append({
                        "story": story_label, "type": "quotes", "finding": "wrong_speaker",
                        "text": _label(p_items[p], kind), "predicted": pred_speaker,
                        "gold": gold_speaker,
                    })
    if pred is not None and gold is not None:
        if "figures" in kinds:
            _score_figure_labels(pred, gold, score, story_label)
        _score_type_precision(pred, gold, score, story_label,
                              [t for t in ENTITY_TYPES if t in kinds])
    if gold is not None:
        _score_coverage(pred, gold, score, story_label)
        _score_rouge(pred, gold, score)


def _score_type_precision(
    pred: Mapping[str, Any], gold: Mapping[str, Any], score: Score, story_label: str,
    types: Sequence[str] = ENTITY_TYPES,
) -> None:
    """Of predicted entities that name some gold entity, how many have its type."""
    gold_forms = {t: [forms_of(i, t) for i in items_of(gold, t)] for t in types}
    for kind in types:
        for item in items_of(pred, kind):
            forms = forms_of(item, kind)
            hits = {t for t in types if any(match_forms(forms, g) for g in gold_forms[t])}
            if not hits:
                continue
            ratio = score.type_precision[kind]
            ratio.den += 1
            if kind in hits:
                ratio.num += 1
            else:
                score.findings.append({
                    "story": story_label, "type": kind, "finding": "type_error",
                    "text": _label(item, kind), "gold_types": sorted(hits),
                })


def _score_coverage(
    pred: Mapping[str, Any] | None, gold: Mapping[str, Any], score: Score, story_label: str
) -> None:
    prose = ""
    if pred is not None:
        parts = [pred.get("headline") or "", pred.get("summary") or ""]
        parts.extend(str(p) for p in pred.get("key_points") or [])
        prose = normalise(" ".join(parts))
    for fact in gold.get("key_facts") or []:
        ok = contains_words(prose, normalise(fact))
        score.summary_coverage.den += 1
        score.summary_coverage.num += int(ok)
        if not ok:
            score.findings.append({"story": story_label, "type": "key_facts",
                                   "finding": "not_in_summary", "text": fact})


def _score_rouge(pred: Mapping[str, Any] | None, gold: Mapping[str, Any], score: Score) -> None:
    refs = reference_summaries(gold)
    if not refs:
        return
    summary = str(pred.get("summary") or "") if pred is not None else ""
    for r, value in rouge_f1(refs, summary).items():
        score.rouge[r].total += value
        score.rouge[r].count += 1


# --------------------------------------------------------------------------- grounding


def grounding_problem(
    item: Mapping[str, Any], kind: str, text: str, story_span: tuple[int, int]
) -> str | None:
    """Why an output item is not grounded in `text`, or None when it is."""
    evidence = item.get("evidence")
    if not isinstance(evidence, Mapping):
        return "no evidence"
    ev_text, start, end = evidence.get("text"), evidence.get("start"), evidence.get("end")
    if not isinstance(ev_text, str) or not ev_text:
        return "empty evidence"
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
        return "evidence offsets out of range"
    if text[start:end] != ev_text:
        return "evidence text differs from the input at its offsets"
    value = loose(_label(item, kind))
    if not value:
        return "empty value"
    if value not in loose(text[story_span[0] : story_span[1]]):
        return "value does not occur in the story"
    return None


def score_grounding(
    pred_stories: Sequence[Mapping[str, Any]], text: str, score: Score
) -> None:
    for story in pred_stories:
        span = _span(story)
        for kind in ITEM_TYPES:
            for item in items_of(story, kind):
                problem = grounding_problem(item, kind, text, span)
                score.grounding.den += 1
                score.grounding.num += int(problem is None)
                if problem is not None:
                    score.findings.append({
                        "story": f"pred {story.get('id', '?')}", "type": kind,
                        "finding": "hallucinated", "text": _label(item, kind), "why": problem,
                    })


# --------------------------------------------------------------------------- run stats


def run_stats(briefing: Mapping[str, Any]) -> RunStats:
    stories = briefing.get("stories") or []
    stats = RunStats(stories=len(stories))
    for story in stories:
        usage = story.get("usage") or {}
        grounding = story.get("grounding") or {}
        stats.first_attempt_valid += int(
            bool(usage.get("first_attempt_valid")) or bool(usage.get("cached"))
        )
        stats.first_attempt_grounded += int(
            bool(usage.get("first_attempt_grounded")) or bool(usage.get("cached"))
        )
        stats.reasks += int(grounding.get("reasks") or 0)
        stats.tokens += int(usage.get("prompt_tokens") or 0) + int(
            usage.get("completion_tokens") or 0
        )
        stats.story_seconds += float(usage.get("seconds") or 0.0)
        stats.not_summarised += int(story.get("status", "summarised") != "summarised")
    meta = briefing.get("meta") or {}
    stats.wall_seconds = float(meta.get("seconds") or 0.0) or stats.story_seconds
    return stats


# --------------------------------------------------------------------------- bulletin


def as_plain(briefing: Any) -> dict[str, Any]:
    """A briefing as a JSON-shaped dict (accepts a pydantic `Briefing` or a dict)."""
    dump = getattr(briefing, "model_dump", None)
    if callable(dump):
        plain: dict[str, Any] = dump(mode="json")
        return plain
    return dict(briefing)


def score_bulletin(
    gold: Mapping[str, Any], briefing: Any, text: str, *, name: str = ""
) -> Score:
    """Every metric for one bulletin: `briefing` against `gold` over input `text`."""
    plain = as_plain(briefing)
    pred_stories: list[Mapping[str, Any]] = list(plain.get("stories") or [])
    gold_stories: list[Mapping[str, Any]] = list(gold.get("stories") or [])
    score = Score(name=name or str(gold.get("bulletin", "")))
    kinds = annotated_kinds(gold)
    score.annotated = set(kinds)
    score.segmentation = score_segmentation(pred_stories, gold_stories)
    pairs = align_stories(pred_stories, gold_stories)
    aligned_p = {p for p, _ in pairs}
    aligned_g = {g for _, g in pairs}
    for p, g in pairs:
        score_story_pair(pred_stories[p], gold_stories[g], score, f"gold {g + 1}", kinds)
        for k, same in layout_matches(pred_stories[p], gold_stories[g]).items():
            if same is None:
                continue
            score.layout[k].den += 1
            score.layout[k].num += int(same)
            if not same:
                score.findings.append({"story": f"gold {g + 1}", "type": k,
                                       "finding": "layout_differs",
                                       "text": str(pred_stories[p].get(k))})
    for p, story in enumerate(pred_stories):
        if p not in aligned_p:
            score_story_pair(story, None, score, f"pred {story.get('id', p + 1)} (unaligned)",
                             kinds)
    for g, story in enumerate(gold_stories):
        if g not in aligned_g:
            score_story_pair(None, story, score, f"gold {g + 1} (unaligned)", kinds)
    score_grounding(pred_stories, text, score)
    _score_prose(pred_stories, gold_stories, pairs, text, score)
    broken = broken_headlines(pred_stories, text)
    score.broken_headlines = len(broken)
    score.findings.extend(broken)
    gold_of = {p: gold_stories[g] for p, g in pairs}
    for p, story in enumerate(pred_stories):
        for point in recombined_points(story, text, gold_of.get(p)):
            score.recombined_key_points += 1
            score.findings.append({"story": f"pred {story.get('id', p + 1)}",
                                   "type": "key_points", "finding": "recombined",
                                   "text": point})
    for p, story in enumerate(pred_stories):
        for sentence in unsupported_sentences(story, text):
            score.unsupported_sentences += 1
            score.findings.append({"story": f"pred {story.get('id', p + 1)}",
                                   "type": "prose", "finding": "unsupported",
                                   "text": sentence})
    score.run = run_stats(plain)
    return score


def _score_prose(
    pred_stories: Sequence[Mapping[str, Any]],
    gold_stories: Sequence[Mapping[str, Any]],
    pairs: Iterable[tuple[int, int]],
    text: str,
    score: Score,
) -> None:
    """The story's country (`evals.prose_metrics`); recombined key points are counted by
    the caller."""
    from .prose_metrics import same_country

    for p, g in pairs:
        gold_country = gold_stories[g].get("country")
        if not gold_country:
            continue
        pred_country = pred_stories[p].get("country")
        ok = same_country(pred_country, gold_country)
        score.country.den += 1
        score.country.num += int(ok)
        if not ok:
            score.findings.append({"story": f"gold {g + 1}", "type": "country",
                                   "finding": "wrong_country", "text": str(pred_country),
                                   "gold": gold_country})


def annotated_kinds(gold: Mapping[str, Any]) -> tuple[str, ...]:
    """The item kinds a gold file annotates, in `ITEM_TYPES` order (all when unsaid)."""
    named = gold.get("annotated")
    if not isinstance(named, list):
        return ITEM_TYPES
    return tuple(t for t in ITEM_TYPES if t in named)


def micro(scores: Iterable[Score], name: str = "micro") -> Score:
    """Sum of counts over bulletins: micro-averaged rates."""
    total = Score(name=name, annotated=set())
    for score in scores:
        total.add(score)
    return total


# --------------------------------------------------------------------------- gold checks


def check_gold(gold: Mapping[str, Any], text: str) -> list[str]:
    """Inconsistencies between a gold file and its bulletin (offsets, missing substrings)."""
    problems: list[str] = []
    named = gold.get("annotated")
    if named is not None and (
        not isinstance(named, list) or any(k not in ITEM_TYPES for k in named)
    ):
        problems.append(f"annotated {named!r} is not a list of {', '.join(ITEM_TYPES)}")
    for n, story in enumerate(gold.get("stories") or [], start=1):
        start, end = int(story.get("start", -1)), int(story.get("end", -1))
        if not 0 <= start < end <= len(text):
            problems.append(f"story {n}: span {start}:{end} is outside the text")
            continue
        body = text[start:end]
        if story.get("start_text") and not body.startswith(story["start_text"]):
            problems.append(f"story {n}: does not start with start_text")
        if story.get("end_text") and not body.endswith(story["end_text"]):
            problems.append(f"story {n}: does not end with end_text")
        folded = loose(body)
        for kind in ITEM_TYPES:
            for item in items_of(story, kind):
                values = [item.get(TEXT_FIELD[kind])] + list(item.get("aliases") or [])
                for value in values:
                    if isinstance(value, str) and loose(value) not in folded:
                        problems.append(f"story {n}: {kind} {value!r} is not in the story")
        for fact in story.get("key_facts") or []:
            if loose(fact) not in folded:
                problems.append(f"story {n}: key fact {fact!r} is not in the story")
    return problems
