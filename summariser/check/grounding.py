"""Grounding: nothing reaches the briefing unless its evidence occurs in the story.

`StoryIndex` finds a phrase in a story exactly, or tolerant of case, whitespace,
punctuation, diacritics and possessives, and maps the hit back to exact offsets. The checks
here are pure functions; `schemas` calls them through a bound checker so that instructor
re-asks with their messages, and `pipeline` calls them again to drop what stays unsupported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..text import INITIALS_SKIP_WORDS, NUMBER_VALUES, SCALE_VALUES
from ..text import fold_for_matching as normalise
from ..text import fold_with_map as normalise_with_map

_QUOTE_TRANSLATION = str.maketrans({"“": '"', "”": '"', "„": '"', "’": "'", "‘": "'"})


@dataclass(frozen=True)
class Hit:
    """A span of the story (offsets relative to the story text)."""

    text: str
    start: int
    end: int


class StoryIndex:
    """Finds phrases in one story's text and returns their exact spans."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded, self._map = normalise_with_map(text)
        self._folded_padded = f" {self._folded} "

    def find(self, phrase: str) -> Hit | None:
        """The first occurrence of `phrase`: exact, then tolerant, on word boundaries."""
        phrase = phrase.strip()
        if not phrase:
            return None
        exact = self._find_exact(phrase)
        if exact is not None:
            return exact
        needle = normalise(phrase)
        if not needle:
            return None
        position = self._folded_padded.find(f" {needle} ")
        if position < 0:
            return None
        start_folded = position  # the padding space shifts by one: folded index = position
        end_folded = start_folded + len(needle) - 1
        start = self._map[start_folded]
        end = self._map[end_folded] + 1
        # Extend to the end of the last word (folding may drop trailing characters).
        while end < len(self.text) and self.text[end].isalnum():
            end += 1
        return Hit(self.text[start:end], start, end)

    def _find_exact(self, phrase: str) -> Hit | None:
        """Verbatim occurrence that does not start or end inside a word."""
        start = self.text.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            before_ok = start == 0 or not (phrase[0].isalnum() and self.text[start - 1].isalnum())
            after_ok = end == len(self.text) or not (
                phrase[-1].isalnum() and self.text[end].isalnum()
            )
            if before_ok and after_ok:
                return Hit(phrase, start, end)
            start = self.text.find(phrase, start + 1)
        return None

    def contains(self, phrase: str) -> bool:
        return self.find(phrase) is not None

    def count(self, phrase: str) -> int:
        needle = normalise(phrase)
        return self._folded_padded.count(f" {needle} ") if needle else 0


# --------------------------------------------------------------------------- abbreviations

_PAREN_ABBR_RE = re.compile(
    r"([A-Z][\w’'\-]*(?:[ \-]+(?:[A-Za-z][\w’'\-]*|&|of|and|for|the)){1,9})"
    r"\s*\(([A-Z][A-Za-z&.]{1,9})\)"
)


def _initials(words: list[str], skip_small: bool) -> str:
    return "".join(
        w[0] for w in words if w and not (skip_small and w.lower() in INITIALS_SKIP_WORDS)
    ).upper()


def _spellings(words: list[str]) -> set[str]:
    """Initials a long form can abbreviate to, with and without small words and hyphen parts."""
    split = [part for word in words for part in word.split("-") if part]
    return {_initials(form, skip) for form in (words, split) for skip in (True, False)}


def abbreviation_pairs(text: str) -> dict[str, str]:
    """Abbreviations the story itself defines, "Long Form (ABBR)", as {ABBR: long form}.

    The long form is the shortest tail of the words before the parenthesis whose initials
    spell the abbreviation, so "by Tehreek-e-Taliban Pakistan (TTP)" yields the name alone.
    """
    pairs: dict[str, str] = {}
    for match in _PAREN_ABBR_RE.finditer(text):
        words = match.group(1).split()
        abbr = match.group(2).replace(".", "").upper()
        for start in range(len(words) - 1, -1, -1):
            tail = words[start:]
            if abbr in _spellings(tail):
                pairs[match.group(2)] = " ".join(tail).strip(" ,;:")
                break
    return pairs


def same_entity(a: str, b: str, abbreviations: dict[str, str] | None = None) -> bool:
    """Whether two names denote the same thing in this story (alias-aware, tolerant)."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    for short, long in (abbreviations or {}).items():
        ns, nl = normalise(short), normalise(long)
        if {na, nb} == {ns, nl}:
            return True
    wa, wb = na.split(), nb.split()
    # A surname or a name with a title added ("Haqqani" / "Sirajuddin Haqqani",
    # "General Asim Munir" / "Asim Munir"): the shorter is a word-suffix of the longer.
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(shorter) >= 1 and longer[-len(shorter) :] == shorter and len(shorter[-1]) > 2


# --------------------------------------------------------------------------- numbers in prose

# Number words and their values; "a dozen" and "half" count here too.
_UNITS: dict[str, float] = {**NUMBER_VALUES, "a dozen": 12, "dozen": 12, "half": 0.5}
_SCALES = SCALE_VALUES
_NUMBER_WORD_RE = re.compile(
    r"\b(?:"
    + "|".join(sorted((k for k in _UNITS if " " not in k), key=len, reverse=True))
    + r")(?:[\s-]+(?:and[\s-]+)?(?:"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + "|"
    + "|".join(_SCALES)
    + r"))*\b",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(hundred|thousand|million|billion|trillion|bn|m|k)\b)?",
    re.IGNORECASE,
)
_SCALE_ABBR = {"bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}


def _words_value(phrase: str) -> float | None:
    tokens = [t for t in re.split(r"[\s-]+", phrase.lower()) if t and t != "and"]
    total = 0.0
    current = 0.0
    seen = False
    for token in tokens:
        if token in _UNITS:
            if token == "half" and current:
                current += 0.5
            else:
                current += _UNITS[token]
            seen = True
        elif token in _SCALES:
            current = (current or 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total += current
                current = 0
            seen = True
    return total + current if seen else None


def number_values(text: str) -> set[float]:
    """Every numeric value a text states, in digits or words ("ten days", "1.3 million")."""
    values: set[float] = set()
    for match in _DIGIT_RE.finditer(text):
        base = float(match.group(1).replace(",", ""))
        values.add(base)
        scale = match.group(2)
        if scale:
            factor = _SCALES.get(scale.lower()) or _SCALE_ABBR.get(scale.lower(), 1)
            values.add(base * factor)
    for match in _NUMBER_WORD_RE.finditer(text):
        value = _words_value(match.group(0))
        if value is not None:
            values.add(value)
    return values


def _prose_numbers(text: str) -> list[tuple[str, set[float]]]:
    found: list[tuple[str, set[float]]] = []
    for match in _DIGIT_RE.finditer(text):
        found.append((match.group(0).strip(), number_values(match.group(0))))
    for match in _NUMBER_WORD_RE.finditer(text):
        value = _words_value(match.group(0))
        if value is not None and match.group(0).lower() not in {"one", "a dozen", "half"}:
            found.append((match.group(0), {value}))
    return found


def unsupported_numbers(prose: str, story_values: set[float]) -> list[str]:
    """Numbers in `prose` that the story never states (in digits or in words)."""
    return [text for text, values in _prose_numbers(prose) if not values & story_values]


_ACRONYM_RE = re.compile(r"\b[A-Z][A-Z0-9&]{1,9}\b")
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"}


_NAME_CACHE: dict[str, tuple[tuple[str, str], ...]] = {}
_NAME_CACHE_SIZE = 8192


def _names_in(doc: Any, prose: str) -> tuple[tuple[str, str], ...]:
    names: list[tuple[str, str]] = []
    for entity in doc.ents:
        if entity.label_ in _NAME_LABELS:
            names.append((re.sub(r"^(?:the|The)\s+", "", entity.text).strip(), entity.label_))
    names.extend((match.group(0), "ACRONYM") for match in _ACRONYM_RE.finditer(prose))
    return tuple((n, label) for n, label in names if n)


def learn_prose_names(texts: list[str], index: StoryIndex | None = None) -> None:
    """Run NER once over every piece of prose about to be checked, as one batch.

    Batching shares the matrix work; the checks that follow read the cache. The re-ask
    validator and the final clean-up check the same prose, so each text is parsed once.
    Texts that `index`'s story holds word for word are left out: `unsupported_names` does
    not read their names (see `_verbatim`).
    """
    from ..nlp import ner_docs

    todo = list(
        dict.fromkeys(
            t
            for t in texts
            if t and t not in _NAME_CACHE and not (index is not None and _verbatim(t, index))
        )
    )
    if not todo:
        return
    docs = ner_docs(todo)
    if len(_NAME_CACHE) > _NAME_CACHE_SIZE:
        _NAME_CACHE.clear()
    for text, doc in zip(todo, docs, strict=True):
        _NAME_CACHE[text] = _names_in(doc, text)


def prose_names(prose: str) -> tuple[tuple[str, str], ...]:
    """(name, label) pairs a piece of prose uses: NER entities plus acronyms.

    NER rather than capitalisation, because headlines are often in Title Case.
    """
    if prose not in _NAME_CACHE:
        learn_prose_names([prose])
    return _NAME_CACHE.get(prose) or ()


_CAPITALISED_RUN_RE = re.compile(r"[A-Z][\w\-]*(?:[’']s)?(?:\s+[A-Z][\w\-]*(?:[’']s)?)*")
_DEMONYM_SUFFIX_RE = re.compile(r"(?:ians?|ans?|is|i|ese|s)$")


def _name_supported(name: str, label: str, index: StoryIndex) -> bool:
    if index.contains(name):
        return True
    if label == "NORP":
        # "Afghans" for "Afghan", "Iranian" for "Iran": a demonym of a word the story uses.
        stem = _DEMONYM_SUFFIX_RE.sub("", name)
        return len(stem) >= 3 and re.search(rf"\b{re.escape(stem)}", index.text, re.I) is not None
    # "Munir's forces", "Afghan Taliban leaders": every run of capitalised words is the
    # story's as a whole, so "Mohammad Ali" fails even where "Mohammad" and "Ali" occur apart.
    runs = _CAPITALISED_RUN_RE.findall(name)
    return bool(runs) and all(index.contains(run) for run in runs)


def _verbatim(prose: str, index: StoryIndex) -> bool:
    """Whether the story holds `prose` word for word (folded as `StoryIndex` folds).

    Every name in such prose is a run of the story's own words, so it passes the check
    below without NER: a copied headline, key point or lead costs no parse.
    """
    return len(prose) <= len(index.text) and index.contains(prose)


def unsupported_names(prose: str, index: StoryIndex) -> list[str]:
    """Names in `prose` that the story never uses: invented people, places, bodies."""
    return [] if _verbatim(prose, index) else names_missing_from(prose, index)


def names_missing_from(prose: str, index: StoryIndex) -> list[str]:
    """The NER check itself: each name in `prose` that `index`'s story does not support."""
    missing: list[str] = []
    for name, label in prose_names(prose):
        if name not in missing and not _name_supported(name, label, index):
            missing.append(name)
    return missing


@dataclass
class ProseCheck:
    field: str
    text: str
    problems: list[str]


def check_prose(fields: dict[str, str], index: StoryIndex, story_values: set[float]) -> list[str]:
    """Problems with numbers and names in headline/summary/key points, one line each."""
    problems: list[str] = []
    for field, text in fields.items():
        for number in unsupported_numbers(text, story_values):
            problems.append(f"{field}: the number '{number}' is not in the story")
        for name in unsupported_names(text, index):
            problems.append(f"{field}: '{name}' is not in the story")
    return problems


def quote_matches(quote: str, index: StoryIndex) -> Hit | None:
    """Quotes may wrap lines or carry their marks; compare on folded text."""
    cleaned = quote.strip().strip("\"“”'‘’").strip()
    return index.find(cleaned.translate(_QUOTE_TRANSLATION)) or index.find(cleaned)
