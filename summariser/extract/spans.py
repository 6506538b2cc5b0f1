"""Small span helpers every rule uses: capitalised runs, trimming a span to the name inside
it, cutting a place off a body's name.

They know nothing of kinds or cues, so any extractor may import them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.text import ONES, TEENS, TENS
from summariser.wordlists import words

if TYPE_CHECKING:
    from summariser.extract.story import _Story


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# Capitalised word runs, on one line. Place runs keep particles ("Dar es Salaam", "Valle del
# Cauca") but not "and", which joins lists of places; organisation runs keep "and"/"for"
# ("Ministry of Water and Environment").
_NAME_WORD = r"[A-Z](?:[\w&’'\-]|\.(?=\w))*"
_PLACE_PARTICLES = "|".join(words("place_run_particles"))
_ORG_PARTICLES = "|".join(words("org_run_particles"))
_NAME_RUN = rf"{_NAME_WORD}(?:[ \t]+(?:(?:{_PLACE_PARTICLES})[ \t]+)?{_NAME_WORD})*"
_ORG_RUN = rf"{_NAME_WORD}(?:[ \t]+(?:(?:{_ORG_PARTICLES})[ \t]+)?{_NAME_WORD})*"


_LEADING_THE_RE = re.compile(r"^(?:the|The|THE)\s+")
#: "New York-listed ", "Kremlin-backed ", "Tokyo-based ": capitalised words ending in a
#: hyphen and a lower-case participle, before a name.
_LEADING_MODIFIER_RE = re.compile(
    r"^(?:[A-Z][\w.’']*[ \t]+){0,3}[A-Z][\w.’']*-[a-z]+(?:ed|en)[ \t]+(?=[A-Z])"
)
_TRAILING_DATE_RE = re.compile(
    r"\s+(?:on|in|at|by|since|until|from)\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?$"
)
_POSSESSIVE_RE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_WORD_RE = re.compile(r"[^\W_][\w'’&.\-]*")
_TIME_WORDS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|"
    r"tonight|night|morning|evening|afternoon|midnight|noon|weekend|day|days|week|weeks|month|"
    r"months|year|years|decade|decades|century|centuries|quarter|season|spring|summer|autumn|"
    r"winter|period|hours?|minutes?|\d"
)
_HAS_TIME_WORD_RE = re.compile(rf"(?:\b(?:{_TIME_WORDS})|\d)", re.IGNORECASE)
_ORDINAL_WORDS = "|".join(words("ordinal_words"))


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _name_tokens(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name) if w]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the', a trailing possessive, stray punctuation and a broken line."""
    piece = text[start:end]
    if "\n" in piece or "\r" in piece:
        parts = re.split(r"[\r\n]+", piece)
        best = max(parts, key=lambda p: sum(ch.isalpha() for ch in p))
        start += piece.index(best)
        end = start + len(best)
        piece = best
    match = _LEADING_THE_RE.match(piece)
    if match:
        start += match.end()
        piece = text[start:end]
    match = _LEADING_MODIFIER_RE.match(piece)
    if match and match.end() < len(piece):
        # "New York-listed Critical Metals Corp", "Tokyo-based Rakuten": a place's compound
        # modifier is no part of the name after it.
        start += match.end()
        piece = text[start:end]
    match = _TRAILING_DATE_RE.search(piece)
    if match and match.start() > 0:
        # "Suez on Nov 9": the NER model ran the name on into the date after it.
        end = start + match.start()
        piece = text[start:end]
    # An unclosed parenthesis means the NER span ran into "Long Form (ABBR"; keep the name.
    if piece.count("(") > piece.count(")"):
        cut = piece.rindex("(")
        end = start + len(piece[:cut].rstrip())
        piece = text[start:end]
    match = _POSSESSIVE_RE.search(piece)
    if match and len(piece) > 2:
        end -= len(match.group(0))
        piece = text[start:end]
    while len(piece) > 1 and piece[-1] in ",;:!?\"“”'‘’)( \t":
        end -= 1
        piece = text[start:end]
    while len(piece) > 1 and piece[0] in ",;:\"“”'‘’( \t":
        start += 1
        piece = text[start:end]
    return start, end


def _strip_lowercase_lead(text: str, start: int, end: int) -> int:
    """'national statistics institute INDEC' -> 'INDEC': names start with a capital."""
    words = list(re.finditer(r"\S+", text[start:end]))
    index = 0
    while index < len(words) - 1 and words[index].group(0).islower():
        index += 1
    return start + words[index].start() if words else start


# Number words a name does not end in ("Croatia eleven"): up to a billion, as ever.
_NUMBER_WORDS = frozenset((*ONES, *TEENS, *TENS, "hundred", "thousand", "million", "billion"))


_LINKED_AFTER_RE = re.compile(r"(?:-[a-z]{1,3}-[A-Z][\w’']*)+")
_LINKED_BEFORE_RE = re.compile(r"(?<![\w\-])[A-Z][\w’']*(?:-[a-z]{1,3}-[A-Z][\w’']*)*-[a-z]{1,3}-$")


def _join_hyphenated(text: str, start: int, end: int) -> tuple[int, int]:
    """'Qala' + '-i-Naw', 'Hizb' + '-ut-Tahrir': the NER model cuts names joined by a
    lower-case particle between hyphens; the whole compound is the name."""
    after = _LINKED_AFTER_RE.match(text, end)
    before = _LINKED_BEFORE_RE.search(text[max(0, start - 40) : start])
    return (start - len(before.group(0)) if before else start), (after.end() if after else end)


def _split_org(story: _Story, start: int, end: int) -> list[tuple[int, int, str]]:
    """Cut a place off an organisation: "Peru’s Ministry of Energy", "Congress in Buenos Aires"."""
    text = story.text
    pieces: list[tuple[int, int, str]] = []
    match = re.match(rf"({_NAME_RUN})['’]s\s+", text[start:end])
    if match and gazetteer.lookup(match.group(1)) is not None:
        pieces.append((start, start + len(match.group(1)), "GPE"))
        start += match.end()
    match = re.search(rf"\s+(?:in|of)\s+(?:the\s+)?({_NAME_RUN})$", text[start:end])
    if match and " in " in match.group(0) and gazetteer.lookup(match.group(1)) is not None:
        pieces.append((start + match.start(1), end, "GPE"))
        end = start + match.start()
    pieces.append((start, end, "ORG"))
    return pieces


def body_confirmed_prefix(story: _Story, start: int, end: int) -> int | None:
    """The end of the longest run of two or more of a headline name's first words that the
    body writes as they stand ("Nordvik Energy" of the NER model's "Nordvik Energy Profit
    Beats Forecasts", which ran on into the headline's other Title Case words), or None.
    (Plain string search: a pattern per name would be compiled on every story.)"""
    text = story.text
    cuts = [m.end() for m in _WORD_RUN_RE.finditer(text, start, end)]
    body_start = max(max((e for _, e in story.title_zones), default=0), end)
    for prefix_end in reversed(cuts[1:-1]):
        prefix = text[start:prefix_end]
        at = text.find(prefix, body_start)
        while at >= 0:
            before = text[at - 1] if at > 0 else " "
            after = text[at + len(prefix)] if at + len(prefix) < len(text) else " "
            if not (before.isalnum() or before == "-" or after.isalnum() or after == "-"):
                return prefix_end
            at = text.find(prefix, at + 1)
    return None


_WORD_RUN_RE = re.compile(r"\S+")
