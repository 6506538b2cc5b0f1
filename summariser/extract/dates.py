"""Dates: the minimal time expression, verbatim, of the Gregorian, Iranian, Afghan and Hijri
calendars, and festivals used as times.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from summariser.extract.cues import _MONTH_NAMES, _WEEKDAYS
from summariser.extract.figures import _AGE_RE, _CLOCK_RE, _YEAR
from summariser.extract.model import Candidate, Mention
from summariser.extract.spans import _HAS_TIME_WORD_RE, _ORDINAL_WORDS, _overlaps

if TYPE_CHECKING:
    from summariser.extract.figures import _Figure
    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.story import _Story


_MONTHS = rf"(?:{_MONTH_NAMES}|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_PERIODS = r"(?:week|weekend|month|year|decade|century|quarter|season|spring|summer|autumn|winter)"
_CALENDAR_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS}\s+\d{{4}}"
    rf"|{_MONTHS}(?:-to-|–|-){_MONTHS}"
    rf"|(?:early|mid|late)[-\s]{_MONTHS}(?:\s+\d{{4}})?)(?![\w])"
)
_RELATIVE_RES = [
    re.compile(
        rf"(?:\b(?:the|this|last|next)\s+)?\b"
        rf"(?:(?:the\s+)?(?:current|same|past|last|next|coming|previous|following)\s+)"
        rf"(?:(?:solar|lunar|fiscal|financial|academic|calendar|Iranian|Afghan|Hijri)\s+)?"
        rf"{_PERIODS}\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\bthis\s+{_PERIODS}\b", re.IGNORECASE),
    re.compile(r"\b(?:yesterday|today|tomorrow|tonight)\b", re.IGNORECASE),
    re.compile(rf"\b(?:last|next|this)\s+{_WEEKDAYS}\b"),
    # "the second quarter", "the first half of the year", "the final week of the month".
    re.compile(
        rf"\bthe\s+(?:{_ORDINAL_WORDS})\s+(?:half|quarter|week|weekend|month)"
        rf"(?:\s+of\s+(?:the\s+|this\s+|last\s+|next\s+)?(?:year|month|{_YEAR}|{_MONTHS}))?\b"
        r"(?!\s+(?:in\s+a\s+row|running|straight))",
        re.IGNORECASE,
    ),
    # "the end of the rainy season", "the end of next year"; a period with its own anchor
    # ("the beginning of the current year") is left to the expressions above, which keep
    # only the period.
    re.compile(
        r"\bthe\s+(?:start|end|beginning|middle|rest)\s+of\s+(?:the\s+"
        rf"(?:(?!current|same|past|previous|coming|following)[a-z]+\s+)?|next\s+|last\s+)"
        rf"(?:{_PERIODS}|month)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\bthat\s+(?:day|morning|afternoon|evening|night|week|month|year)\b"),
]
_CLOCK = r"(?:\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|noon|midnight)"
_SIMPLE_RES = [
    # "from 6am to 10am": a window of clock times is one date.
    re.compile(rf"\b{_CLOCK}\s+(?:to|until|till)\s+{_CLOCK}", re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAYS}(?:\s+(?:morning|afternoon|evening|night))?\b"),
    re.compile(
        r"(?<![\d,.$£€\-])\b(?:1[89]\d{2}|20\d{2})(?:/\d{2,4})?\b(?![\d%]|,\d|\s?(?:%|percent))"
    ),
    re.compile(
        rf"(?:(?<=\bin\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\bduring\s)"
        rf"|(?<=\bthrough\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\band\s)|(?<=\bor\s))"
        rf"{_MONTHS}\b"
    ),
    re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)", re.IGNORECASE),
    re.compile(r"(?<=\bat\s)(?:dawn|dusk|daybreak|nightfall|midday)\b", re.IGNORECASE),
]
_FREQUENCY_RE = re.compile(
    r"^(?:daily|weekly|monthly|yearly|annual|annually|quarterly|hourly|nightly"
    r"|(?:every|each)\s+(?:other\s+)?(?:day|night|morning|evening|week|month|year))$",
    re.IGNORECASE,
)
_DATE_LEAD_RE = re.compile(
    r"^(?:(?:between|from|since|until|till|by|in|on|during|for|over|within|through|of|at|"
    r"around|about|approximately|nearly|almost|some|over|earlier|later)\s+)+",
    re.IGNORECASE,
)
# Not a time reference: a bare period word ("in a normal winter", "waited years"), one
# length of time ("in a single season"), a phrase cut before its year ("the same period of").
_NOT_A_DATE_RE = re.compile(
    rf"^(?:(?:an?|one)\s+(?:(?:single|whole|full|normal|typical)\s+)?)?(?:{_PERIODS}|day)s?$"
    r"|^the\s+same\s+period(?:\s+of)?$|\s(?:of|the|and|to)$"
    # "rose 2% on the month", "rents rose over the year": a unit of change, not a time.
    r"|^the\s+(?:day|week|month|year)$",
    re.IGNORECASE,
)
# "Sunday and Monday", "November to March": two dates. A clock-time window ("6am to 1pm")
# stays one.
_DATE_PAIR_RE = re.compile(r"^(.+?)\s+(?:and|to|or)\s+(.+)$")


def _date_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Minimal time expressions in a spaCy DATE/TIME span (prepositions off, ranges split)."""
    piece = text[start:end]
    lead = _DATE_LEAD_RE.match(piece)
    had_between = bool(lead and re.match(r"between", lead.group(0), re.IGNORECASE))
    if lead:
        start += lead.end()
        piece = text[start:end]
    match = _DATE_PAIR_RE.match(piece)
    if match and (had_between or _date_pair(match.group(1), match.group(2))):
        return [(start + match.start(1), start + match.end(1)), (start + match.start(2), end)]
    return [(start, end)] if piece.strip() else []


def _date_pair(first: str, second: str) -> bool:
    """Two time expressions joined, not one window of clock times ("5pm to midnight")."""
    sides = (first, second)
    if any(_CLOCK_RE.search(side) or re.search(r"midnight|noon", side, re.I) for side in sides):
        return False
    return all(_HAS_TIME_WORD_RE.search(side) for side in sides)


def _other_calendar_dates(story: _Story, lex: _Lexicon) -> list[tuple[int, int]]:
    """Dates of the Iranian, Afghan and Hijri calendars and of festivals: '12 Hamal 1404',
    'the end of Esfand', 'the 27th night of Ramadan', 'last Ramadan', 'during Nowruz', 'the
    solar year 1403', and a year of those calendars after a preposition ('since 1404')."""
    text = story.text
    whole, after_preposition = _other_calendar_res(lex.other_months_re, lex.festivals_re)
    spans = [m.span() for pattern in whole for m in pattern.finditer(text)]
    for pattern in after_preposition:
        for match in pattern.finditer(text):
            nxt = story.token_at(match.end(1) + 1)
            if nxt is None or not nxt.tag_.startswith(("NN", "JJ", "CD")):
                spans.append(match.span(1))
    spans.sort(key=lambda sp: (sp[0], -sp[1]))
    return [sp for i, sp in enumerate(spans) if not any(_overlaps(sp, o) for o in spans[:i])]


@lru_cache(maxsize=1)
def _other_calendar_res(
    months: str, festivals: str
) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """Whole date expressions, and a festival or year whose group 1 is the date."""
    part = rf"(?:start|end|beginning|middle|{_ORDINAL_WORDS}|\d{{1,2}}(?:st|nd|rd|th))"
    whole = [
        rf"\b\d{{1,2}}\s+(?:{months})(?:\s+1[34]\d\d)?\b",
        rf"\bthe\s+{part}(?:\s+(?:day|night|week|days|nights|weeks))?\s+of\s+(?:{months})\b",
        rf"\b(?:last|next|this)\s+(?:{months}|{festivals})\b",
        r"\bthe\s+(?:solar|lunar|Hijri|Islamic|Persian|Iranian|Afghan)\s+year\s+1[34]\d\d\b",
    ]
    after_preposition = [
        rf"\b(?:during|over|before|after|until|since|throughout|in|for|of)\s+({festivals})\b",
        r"\b(?:in|since|until|by|from|before|after)\s+(1[34]\d\d)\b(?![\d,.]\d)",
    ]
    return [re.compile(p) for p in whole], [re.compile(p) for p in after_preposition]


def _date_spans(
    story: _Story, figures: list[_Figure], anchored: list[tuple[int, int]]
) -> list[tuple[int, int, str, str]]:
    text = story.text
    rules: list[tuple[int, int, str, str]] = []
    for match in _CALENDAR_RE.finditer(text):
        rules.append((match.start(), match.end(), "calendar", "rule"))
    for pattern in _RELATIVE_RES:
        for match in pattern.finditer(text):
            rules.append((match.start(), match.end(), "relative", "rule"))
    for pattern in _SIMPLE_RES:
        for match in pattern.finditer(text):
            rules.append((match.start(), match.end(), "simple", "rule"))
    for start, end in anchored:
        rules.append((start, end, "anchored-duration", "rule"))
    for start, end in story.other_calendar:
        rules.append((start, end, "other-calendar", "rule"))
    fig_spans = [(f.start, f.end) for f in figures]

    spans = list(rules)
    for ent in story.doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(_overlaps((ent.start_char, ent.end_char), f) for f in fig_spans):
            continue
        if ent.label_ == "TIME" and not re.search(r"\d|midnight|noon", ent.text, re.IGNORECASE):
            continue
        for start, end in _date_pieces(text, ent.start_char, ent.end_char):
            piece = text[start:end]
            if _FREQUENCY_RE.match(piece) or _AGE_RE.search(piece) or _NOT_A_DATE_RE.search(piece):
                continue
            if not _HAS_TIME_WORD_RE.search(piece):
                continue
            # "their first year", "the 88th minute": a rank in a sequence, not a date.
            ordinal_led = re.match(
                rf"^(?:an?|the|their|his|her|its|our|my|your)\s+(?:{_ORDINAL_WORDS}|\d+(?:st|nd|rd|th))\b",
                piece,
                re.IGNORECASE,
            )
            if ordinal_led and not re.search(rf"{_YEAR}|{_MONTH_NAMES}", piece):
                continue
            # "the same period last year": the rule's own expression is the minimal one.
            inner = [r for r in rules if r[2] == "relative" and start <= r[0] and r[1] <= end]
            if inner and (inner[0][0], inner[0][1]) != (start, end):
                continue
            spans.append((start, end, ent.label_, "ner"))
    spans = [sp for sp in spans if not any(_overlaps((sp[0], sp[1]), f) for f in fig_spans)]
    spans.sort(key=lambda sp: (-(sp[1] - sp[0]), sp[0]))
    chosen: list[tuple[int, int, str, str]] = []
    for sp in spans:
        if any(_overlaps((c[0], c[1]), (sp[0], sp[1])) for c in chosen):
            continue
        chosen.append(sp)
    chosen.sort()
    return chosen


def _date_candidates(story: _Story, spans: list[tuple[int, int, str, str]]) -> list[Candidate]:
    text = story.text
    grouped: dict[str, list[tuple[int, int, str, str]]] = {}
    for sp in spans:
        grouped.setdefault(re.sub(r"\s+", " ", text[sp[0] : sp[1]].casefold()), []).append(sp)
    out = []
    for items in grouped.values():
        first = items[0]
        out.append(
            Candidate(
                kind="date",
                text=text[first[0] : first[1]],
                mentions=tuple(Mention(text[s:e], s, e) for s, e, _l, _o in items),
                origin=first[3],
                label=first[2],
            )
        )
    return out
