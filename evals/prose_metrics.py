"""Scores of the briefing's prose that are not about items: the story's country, key
points that recombine facts from more than one story sentence (issue 17), and printed
sentences that name no supporting story sentence (issue 21).

Kept apart from `score` (items, segmentation, coverage), which is long enough already, and
written without the product's own check (`summariser.check.one_sentence`), so a bug there
cannot hide itself: the anchors here are the point's numbers, its capitalised words and the
gold's time expressions, not the extractor's candidates.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from summariser.text import fold_place_name, split_sentences

from .matching import normalise, number_tokens

#: A capitalised word inside a sentence: part of a name (the first word is left out).
_NAME_WORD_RE = re.compile(r"(?<=\s)[A-Z][\w’'-]+")


def same_country(pred: str | None, gold: str | None) -> bool:
    """Whether two country names denote one country (gazetteer codes, else folded names)."""
    if not pred or not gold:
        return False
    # The gazetteer is a lookup table, not the rule under test: it only says that "Turkey"
    # and "Türkiye" are one country.
    from summariser.gazetteer import country_code

    a, b = country_code(pred), country_code(gold)
    if a and b:
        return a == b
    return fold_place_name(pred) == fold_place_name(gold)


def _anchors(point: str, dates: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The numbers, name words and gold time expressions of a key point."""
    names = [normalise(w) for w in _NAME_WORD_RE.findall(f" {point}")[1:]]
    folded = f" {normalise(point)} "
    names += [d for d in (normalise(x) for x in dates) if d and f" {d} " in folded]
    return number_tokens(point), tuple(n for n in names if n)


def recombined(point: str, story_text: str, dates: Sequence[str] = ()) -> bool:
    """Whether the point's numbers, names and dates are not all in one sentence of the
    story (a point with fewer than two of them cannot join two sentences' facts)."""
    numbers, names = _anchors(point, dates)
    if len(numbers) + len(names) < 2:
        return False
    for sentence in split_sentences(story_text):
        folded = f" {normalise(sentence)} "
        held = set(number_tokens(sentence))
        if all(n in held for n in numbers) and all(f" {w} " in folded for w in names):
            return False
    return True


def recombined_points(
    story: Mapping[str, Any], text: str, gold: Mapping[str, Any] | None = None
) -> list[str]:
    """The key points of a predicted story that recombine (see `recombined`)."""
    source = story.get("source") or {}
    story_text = text[int(source.get("start", 0)) : int(source.get("end", len(text)))]
    dates = [str(d.get("text") or "") for d in (gold or {}).get("dates") or []
             if isinstance(d, Mapping)]
    return [
        str(p) for p in story.get("key_points") or []
        if recombined(str(p), story_text, dates)
    ]


def unsupported_sentences(story: Mapping[str, Any], text: str) -> list[str]:
    """The summary sentences and key points of a predicted story that rest on no story
    sentence: a key point whose evidence is missing, a summary with fewer evidence sentences
    than sentences, or a summary sentence whose numbers and names no one story sentence
    holds (`recombined`, the same independent test as for key points).

    Only records that carry evidence links are judged (the NER baseline's lead has none, and
    is the story's own text)."""
    if "summary_evidence" not in story and "key_point_evidence" not in story:
        return []
    out: list[str] = []
    points = [str(p) for p in story.get("key_points") or []]
    evidence = list(story.get("key_point_evidence") or [])
    out += [p for k, p in enumerate(points) if k >= len(evidence) or not evidence[k]]
    summary = str(story.get("summary") or "")
    parts = split_sentences(summary)
    source = story.get("source") or {}
    story_text = text[int(source.get("start", 0)) : int(source.get("end", len(text)))]
    if len(story.get("summary_evidence") or []) < len(parts):
        out.append(summary)
    else:
        out += [part for part in parts if recombined(part, story_text)]
    return out
