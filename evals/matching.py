"""How the scorer matches a predicted item with a gold one: normal forms and match strengths.

Split out of `evals.score`, whose module docstring states these rules as the contract of the
numbers; kept apart from the product's own matching on purpose (see there).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from rapidfuzz import fuzz

FUZZY_MIN_RATIO = 90.0
QUOTE_MIN_SHARE = 0.6

#: The field holding an item's surface text, per type.
TEXT_FIELD: dict[str, str] = {
    "people": "name", "organisations": "name", "places": "name", "sources": "name",
    "figures": "value", "dates": "text", "quotes": "text",
}

_STRAIGHTEN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
})
_POSSESSIVE_RE = re.compile(r"'s\b")
_NON_WORD_RE = re.compile(r"[^\w\s]|_")
_NUMBER_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_NUMBER_WORDS_TEXT = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "trillion trillions half quarter dozen dozens"
)
_NUMBER_WORDS = frozenset(_NUMBER_WORDS_TEXT.split())


# --------------------------------------------------------------------------- normalising


def _fold(text: str) -> str:
    """NFKD without combining marks, straight quotes, casefolded."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.translate(_STRAIGHTEN).casefold()


def normalise(text: str | None) -> str:
    """The comparison form of a name, value or quote (see the module docstring)."""
    if not text:
        return ""
    folded = _POSSESSIVE_RE.sub("", _fold(text))
    words = _NON_WORD_RE.sub(" ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def loose(text: str | None) -> str:
    """Case-, whitespace- and curly-quote-insensitive form, punctuation kept (grounding)."""
    if not text:
        return ""
    return " ".join(text.translate(_STRAIGHTEN).casefold().split())


def number_tokens(text: str | None) -> tuple[str, ...]:
    """The numbers a string carries, in order: canonical digits and number words."""
    if not text:
        return ()
    tokens: list[str] = []
    for match in _NUMBER_TOKEN_RE.finditer(_fold(text)):
        token = match.group()
        if token[0].isdigit():
            if _THOUSANDS_RE.fullmatch(token):
                token = token.replace(",", "")
            with contextlib.suppress(InvalidOperation):  # "1,3": kept as written
                token = format(Decimal(token).normalize(), "f")
            tokens.append(token)
        elif token in _NUMBER_WORDS:
            tokens.append(token)
    return tuple(tokens)


def contains_words(longer: str, shorter: str) -> bool:
    """Whether `shorter` occurs in `longer` on word boundaries (both normalised)."""
    return bool(shorter) and f" {shorter} " in f" {longer} "


# --------------------------------------------------------------------------- item matching

EXACT = 2
LOOSE = 1
NO_MATCH = 0


def forms_of(item: Mapping[str, Any], kind: str) -> list[str]:
    """Normalised, non-empty, de-duplicated surface forms of an item (text plus aliases)."""
    raw = [item.get(TEXT_FIELD[kind])]
    raw.extend(item.get("aliases") or [])
    out: list[str] = []
    for value in raw:
        form = normalise(value if isinstance(value, str) else None)
        if form and form not in out:
            out.append(form)
    return out


def match_forms(pred_forms: Sequence[str], gold_forms: Sequence[str]) -> int:
    """EXACT when a form is shared, LOOSE on a fuzzy match carrying the same numbers."""
    if any(p in gold_forms for p in pred_forms):
        return EXACT
    for p in pred_forms:
        for g in gold_forms:
            if fuzz.ratio(p, g) >= FUZZY_MIN_RATIO and number_tokens(p) == number_tokens(g):
                return LOOSE
    return NO_MATCH


def match_figure(pred_value: str | None, gold_value: str | None) -> int:
    """Figures: equal values, or word-boundary containment with the same numbers."""
    p, g = normalise(pred_value), normalise(gold_value)
    if not p or not g:
        return NO_MATCH
    if p == g:
        return EXACT
    numbers = number_tokens(pred_value)
    if (
        numbers
        and numbers == number_tokens(gold_value)
        and (contains_words(p, g) or contains_words(g, p))
    ):
        return LOOSE
    return NO_MATCH


def match_quote(pred_text: str | None, gold_text: str | None) -> int:
    """Quotes: one contains the other and the shorter is >= 60% of the longer."""
    p, g = normalise(pred_text), normalise(gold_text)
    if not p or not g:
        return NO_MATCH
    if p == g:
        return EXACT
    shorter, longer = (p, g) if len(p) <= len(g) else (g, p)
    if contains_words(longer, shorter) and len(shorter) >= QUOTE_MIN_SHARE * len(longer):
        return LOOSE
    return NO_MATCH


def match_items(kind: str, pred: Mapping[str, Any], gold: Mapping[str, Any]) -> int:
    """How strongly a predicted item of `kind` matches a gold item of `kind`."""
    if kind == "figures":
        return match_figure(pred.get("value"), gold.get("value"))
    if kind == "quotes":
        return match_quote(pred.get("text"), gold.get("text"))
    return match_forms(forms_of(pred, kind), forms_of(gold, kind))


def greedy_pairs(strength: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """One-to-one greedy matching over a pred x gold strength matrix: strongest first,
    then reading order."""
    scored = [
        (s, p, g)
        for p, row in enumerate(strength)
        for g, s in enumerate(row)
        if s > 0
    ]
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, p, g in scored:
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        pairs.append((p, g))
    pairs.sort()
    return pairs


def items_of(story: Mapping[str, Any] | None, kind: str) -> list[Mapping[str, Any]]:
    """The well-formed items of one kind of a story (none for a missing story)."""
    if story is None:
        return []
    return [i for i in story.get(kind) or [] if isinstance(i, Mapping)]
