"""Abbreviations introduced as "Long Form (ABBR)", read off their initials: the NER model
misses names it has not seen, but the abbreviation spells them out.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from summariser.extract.spans import _WORD_RE, _clean_span, _is_capitalised, _name_tokens
from summariser.text import NAME_CONNECTORS

if TYPE_CHECKING:
    from summariser.extract.model import _Proposal
    from summariser.extract.story import _Story


# Abbreviations: "Tehreek-e-Taliban Pakistan (TTP)", "Proof of Registration (PoR)".
_ABBR_RE = re.compile(r"\(\s*([A-Z](?:[^\W\d_]|[&.\-]){0,12}[^\W\d_]\.?)\s*\)")


def _units(words: list[tuple[str, int]]) -> list[str]:
    """Hyphenated words split into parts."""
    return [part for word, _s in words for part in re.split(r"[-‐]", word) if part]


def _initials_match(letters: str, units: list[str]) -> bool:
    """Can `letters` be read off `units` (each content unit giving its initial first)?"""

    @cache
    def solve(li: int, ui: int) -> bool:
        if ui == len(units):
            return li == len(letters)
        word = units[ui]
        if word.casefold() in NAME_CONNECTORS and solve(li, ui + 1):
            return True
        if li == len(letters) or word[0].upper() != letters[li]:
            return False
        if solve(li + 1, ui + 1):
            return True
        # A unit may give more letters from inside it ("NADRA": NAtional DAtabase ...).
        pos, nli = 1, li + 1
        upper = word.upper()
        while nli < len(letters):
            found = upper.find(letters[nli], pos)
            if found < 0:
                break
            pos, nli = found + 1, nli + 1
            if solve(nli, ui + 1):
                return True
        return False

    return solve(0, 0)


def _abbreviations(
    story: _Story, proposals: list[_Proposal]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(long form span, abbreviation span) pairs introduced as 'Long Form (ABBR)'."""
    text = story.text
    pairs = []
    for match in _ABBR_RE.finditer(text):
        abbr = match.group(1).rstrip(".")
        abbr_span = (match.start(1), match.start(1) + len(abbr))
        letters = "".join(ch for ch in abbr if ch.isupper())
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()]
        words = [(m.group(0), line_start + m.start()) for m in _WORD_RE.finditer(before)]
        if not words or text[words[-1][1] + len(words[-1][0]) : match.start()].strip():
            continue
        found: tuple[int, int] | None = None
        if len(letters) >= 2:
            for first in range(len(words) - 1, max(-1, len(words) - 13), -1):
                head = words[first][0]
                if head.casefold() in NAME_CONNECTORS or not _is_capitalised(head):
                    continue
                if _initials_match(letters, _units(words[first:])):
                    found = (words[first][1], words[-1][1] + len(words[-1][0]))
                    break
        if found is None:
            # Acronyms of foreign names ("Cochilco", "Ibama") do not spell the English form:
            # trust a name the NER model found right before the parenthesis.
            end = words[-1][1] + len(words[-1][0])
            for prop in proposals:
                named = prop.label in ("ORG", "GPE", "LOC", "FAC", "PERSON")
                if prop.end == end and named and len(_name_tokens(text[prop.start : end])) >= 2:
                    found = (prop.start, prop.end)
                    break
        if found is None:
            continue
        # "the Ghana Cocoa Board (COCOBOD)": the initials stop at "Cocoa"; a name the NER
        # model found around them is the full form.
        for prop in proposals:
            if prop.label == "ORG" and prop.end == found[1] and prop.start < found[0]:
                found = (prop.start, found[1])
        long_start, long_end = _clean_span(text, *found)
        pairs.append(((long_start, long_end), abbr_span))
    return pairs
