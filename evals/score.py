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
from typing import Any

from .counters import (
    ENTITY_TYPES,
    ITEM_TYPES,
    LAYOUT_FIELDS,
    RunStats,
    Score,
    Segmentation,
)
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
from .rouge import reference_summaries, rouge_f1

#: The matching names tests and the runner import from here, the scorer's one front door.
__all__ = [
    "ENTITY_TYPES", "EXACT", "ITEM_TYPES", "LAYOUT_FIELDS", "LOOSE", "NO_MATCH", "TEXT_FIELD",
    "Score", "annotated_kinds", "check_gold", "match_figure", "match_forms", "match_quote",
    "micro", "normalise", "number_tokens", "score_bulletin",
]

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
        if not ok and str(p_items[p].get("context") or "").strip():
            score.wrong_figure_labels += 1
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
