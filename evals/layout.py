"""Scores of a briefing's layout fields and headlines: pure functions, no product code.

- Title, byline and dateline accuracy: of the gold stories aligned to a predicted story
  (and, for byline and dateline, annotated with the field), the share whose predicted field
  equals the gold one. Titles and bylines compare whitespace-normalised; a dateline must
  match in text, place and date. `null` equals `null`.
- Broken headlines: a predicted headline is broken when it ends on a determiner,
  preposition, auxiliary or conjunction (`headline_words.json`), ends inside an
  abbreviation, a word or a number ("Woman charged over N" of "N. Ireland", "paid 2" of
  "2.5", "fewer than one" of "one in five"), ends on a participle after a comma
  ("..., killing"), or is neither the story's title nor one contiguous span of one sentence of the
  story (case and whitespace aside; a trailing full stop ignored). Sentences are split by
  this module's own rule, not the product's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

_WORDS_FILE = Path(__file__).with_name("headline_words.json")
# A closing quote or bracket after the stop stays with its sentence ('... manual." In').
_SENTENCE_END_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD_RE = re.compile(r"[\w'’-]+")
_PARTICIPLE_END_RE = re.compile(r",\s+\w+ing$")


@lru_cache(maxsize=1)
def _words() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_WORDS_FILE.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def _dangling() -> frozenset[str]:
    words = _words()
    return frozenset(
        w for key in ("determiners", "prepositions", "auxiliaries", "conjunctions")
        for w in words[key]
    )


_NUMBER_END_RE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))$")
_RATIO_RE = re.compile(
    r"\s+(?:in|of|out of)\s+(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)"
)


@lru_cache(maxsize=1)
def _abbreviation_re() -> re.Pattern[str]:
    names = "|".join(re.escape(w) for w in _words()["abbreviations"])
    # A known abbreviation, an initial ("N."), or dotted letters ("U.S.").
    return re.compile(rf"(?:^|[\s(\"“])(?:{names}|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$")


def _collapse(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """Sentences of every line of `text`; a full stop after an abbreviation ends none."""
    out: list[str] = []
    for line in text.splitlines():
        merged: list[str] = []
        for piece in _SENTENCE_END_RE.split(_collapse(line)):
            if merged and _abbreviation_re().search(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
            elif piece:
                merged.append(piece)
        out.extend(merged)
    return out


def _clean_cut(sentence: str, at: int) -> bool:
    """Whether a span of `sentence` ending at `at` ends between words, not inside one, an
    abbreviation or a number."""
    rest = sentence[at:]
    if not rest:
        return True
    if rest[0].isalnum():
        return False  # mid-word or mid-number
    if rest[0] in ".," and len(rest) > 1 and rest[1].isalnum():
        return False  # "2" of "2.5", "1" of "1,000"
    if _RATIO_RE.match(rest) and _NUMBER_END_RE.search(sentence[:at]):
        return False  # "fewer than one" of "one in five"
    # A full stop with more of the same sentence after it is an abbreviation's: "over N" of
    # "over N. Ireland".
    return not (rest[0] == "." and rest[1:].strip())


def headline_problem(headline: str, title: str | None, story_text: str) -> str | None:
    """Why `headline` is broken, or None (see the module docstring)."""
    text = _collapse(headline)
    if not text:
        return None  # no headline is a missing field, not a broken one
    if title and text.casefold() == _collapse(title).casefold():
        return None
    whole = text.rstrip(".!?").casefold()
    if any(_collapse(s).rstrip(".!?").casefold() == whole for s in sentences(story_text)):
        # A whole sentence of the story is cut nowhere, whatever its last word ("... more
        # unsettled than it already is.").
        return None
    words = _WORD_RE.findall(text)
    if words and words[-1].casefold() in _dangling():
        return f"ends on {words[-1]!r}"
    if _PARTICIPLE_END_RE.search(text.rstrip(".")):
        return f"ends on a participle wanting its object ({words[-1]!r})"
    wanted = text.rstrip(".").casefold() if not _abbreviation_re().search(text) else text.casefold()
    for sentence in sentences(story_text):
        folded = sentence.casefold()
        start = folded.find(wanted)
        while start >= 0:
            if _clean_cut(sentence, start + len(wanted)):
                return None
            start = folded.find(wanted, start + 1)
    if any(wanted in s.casefold() for s in sentences(story_text)):
        return "ends inside an abbreviation, word or number"
    return "not one span of one story sentence"


def broken_headlines(pred_stories: list[Mapping[str, Any]], text: str) -> list[dict[str, Any]]:
    """Findings for every predicted story whose headline is broken."""
    findings: list[dict[str, Any]] = []
    for story in pred_stories:
        source = story.get("source") or {}
        start, end = int(source.get("start", 0)), int(source.get("end", 0))
        problem = headline_problem(
            str(story.get("headline") or ""), story.get("title"), text[start:end]
        )
        if problem:
            findings.append({"story": f"pred {story.get('id', '?')}", "type": "headline",
                             "finding": "broken_headline", "text": story.get("headline"),
                             "why": problem})
    return findings


def _same_text(a: str | None, b: str | None) -> bool:
    return _collapse(a or "") == _collapse(b or "")


def layout_matches(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> dict[str, bool | None]:
    """Per field (title, byline, dateline): equal to gold, or None when gold lacks the field."""
    out: dict[str, bool | None] = {"title": _same_text(pred.get("title"), gold.get("title"))}
    if "byline" in gold:
        byline = pred.get("byline")
        got = byline.get("text") if isinstance(byline, Mapping) else None
        out["byline"] = _same_text(got, gold.get("byline"))
    else:
        out["byline"] = None
    if "dateline" in gold:
        want, got = gold.get("dateline"), pred.get("dateline")
        if want is None or not isinstance(got, Mapping):
            out["dateline"] = want is None and got is None
        else:
            out["dateline"] = all(
                _same_text(got.get(k), want.get(k)) for k in ("text", "place", "date")
            )
    else:
        out["dateline"] = None
    return out
