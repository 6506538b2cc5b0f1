"""How a figure is written: the regular grammar of numbers in digits and words, their
currencies, units and hedges, and when "X to Y" is one range. figures.py finds figures in
a story with these patterns and decides what each is; this module only says what text a
figure can be, and which word a bracket holding only a figure names it with ("(pop.
256,000)").
"""

from __future__ import annotations

import re

from summariser.text import (
    ONES,
    SCALE_VALUES,
    SPACE_GROUPED_DIGITS,
    TEENS,
    TENS,
    digit_value,
)
from summariser.wordlists import alternation, words

_ONES = "|".join(ONES)
_TEENS = "|".join(TEENS)
_TENS = "|".join(TENS)
_SCALES = "|".join((*SCALE_VALUES, "lakh", "crore"))  # Indian scales too
_BASIC = rf"(?:(?:{_TENS})(?:[-\s](?:{_ONES})\b)?|{_TEENS}|{_ONES})"
_FRACTION = r"(?:(?:one|two|three|four)-(?:half|halves|thirds?|quarters?|fifths?))"
# "one in three visits", "1 in 5 adults", "one in every four": a ratio is one figure; read
# as two numbers, "three" would count the visits.
_VAGUE_CORE = (
    rf"(?:(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)"
    rf"|(?:several|a\s+few)\s+(?:{_SCALES}|dozen)"
    rf"|dozens|hundreds|thousands|millions|billions)"
)
# "half a million", "a quarter of a million", "the quarter million": a share of a scale is
# one number (read apart, "a million" would be twice or four times the figure).
_SCALE_SHARE = (
    rf"(?:(?:half|(?:a|one|three)[\s-]+quarters?|(?:a|one|two)[\s-]+thirds?)(?:\s+of)?"
    rf"\s+(?:a|an)\s+(?:{_SCALES})\b|(?:(?:a|one|three)\s+)?quarters?\s+(?:{_SCALES})\b)"
)
#: A vague count alone ("hundreds", "tens of thousands").
_VAGUE_RE = re.compile(rf"^{_VAGUE_CORE}$", re.IGNORECASE)
# Number words join only through a scale ("three hundred and forty") or "and a half": two
# bare numbers side by side are two things ("five three-pointers").
_WORDNUM = (
    rf"(?:{_SCALE_SHARE}|{_FRACTION}|{_VAGUE_CORE}|(?:a|an)\s+(?:{_SCALES}|dozen)|{_BASIC})"
    rf"(?:(?:\s+|-)(?:{_SCALES}|dozen)\b(?:(?:\s+and\s+|\s+)(?!and\b){_BASIC}\b)?"
    rf"|\s+and\s+a\s+(?:half|quarter)\b)*"
)
# "10.000.000": thousands grouped by dots, as much of Europe writes them; only with two
# groups or more, since "10.000" alone is ten to three decimals in English. "15 000":
# grouped by spaces (the SI's way, and Wikinews's), each group three digits.
_DIGITS = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:\.\d{{3}}){{2,}}(?!\.?\d)"
    rf"|{SPACE_GROUPED_DIGITS}|\d+)(?:\.\d+)?"
    # ("$1.2 bln", "5 mln euros": the wire's short scales after a space.)
    rf"(?:(?:bn|mn|m|k)\b|\s+(?:bln|mln|trln)\b|(?:\s+(?:{_SCALES}))+)?"
)
_CODES = (
    r"USD|EUR|GBP|JPY|CNY|INR|PKR|AFN|IRR|KES|TZS|UGX|ETB|SOS|SDG|SSP|RWF|NGN|ZAR|EGP|"
    r"COP|PEN|CLP|ARS|BRL|MXN|BOB|VES|UYU|PYG|TRY|RUB|UAH|KZT|UZS|TJS|TMT|KGS|AED|SAR|QAR|"
    r"IQD|SYP|LBP|JOD|ILS|BDT|NPR|LKR|MMK|THB|IDR|MYR|PHP|VND|KRW|AUD|CAD|CHF|SEK|NOK|DKK|"
    r"RON|BGN|MDL|RSD|BAM|MKD|HUF|PLN|CZK|AMD|AZN|GEL|XOF|XAF|GHS|RM|Rp"
)
_CURRENCY_PRE = (
    rf"(?:(?:US|U\.S\.|A|C|HK|NZ|R|Mex|S)?\$|£|€|¥|₹|₦|₱|₩|₺|₽|(?:GH)?₵|"
    rf"(?:{_CODES}|KSh|Ksh|TSh|Tsh|USh|Ush|Rs\.?|Tk|Br|S/\.?)\s?)"
)
_CORE = rf"(?:{_CURRENCY_PRE}\s?)?(?:{_DIGITS}|{_WORDNUM})"
# "46 million Canadian dollars", "300 million Hong Kong dollars", "1.1 billion Danish
# crowns": the country's adjective or name before a currency is part of the amount; some
# currencies are named so only with it ("crowns": "won three crowns" is no amount).
_OWNER_WORDS = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
_OWNER = rf"(?-i:US|{_OWNER_WORDS})"
_CURRENCY_NAMES = alternation("currency_words")
_OWNED_CURRENCY_NAMES = alternation("owned_currency_words")
_CURRENCY_WORDS = (
    rf"(?:(?:{_OWNER}\s+)?(?:{_CURRENCY_NAMES})|{_OWNER}\s+(?:{_OWNED_CURRENCY_NAMES}))"
)
_UNIT_WORDS = rf"(?:{alternation('unit_words')})"
_TIME_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries)"
# Never inside a larger number ("1,500 in 10,000"), never before a scale or a unit of time
# ("1 in 2 million", "killed 12 in 24 hours").
_RATIO_RE = re.compile(
    rf"(?<![\w.,])(?P<a>\d+|{_BASIC})\s+in\s+(?:every\s+)?(?P<b>\d[\d,]*|{_BASIC})\b"
    rf"(?!\s+(?:{_SCALES}|hundred|{_TIME_UNITS})\b)(?![.,]\d)",
    re.I,
)
_COMPOUND_UNITS = (
    r"(?:year-old|years?-old|month-old|week-old|day-old|second|minute|hour|day|night|week|"
    r"month|year|decade|metre|meter|kilometre|kilometer|km|mile|foot|feet|inch|hectare|acre|"
    r"tonne|ton|kilogram|kg|litre|liter|gallon|megawatt|storey|story|member|seat|point|page|"
    r"strong|man|person|bed|lane|car)"
)
# A time count may join a smaller one ("six years and eight months"); "year on year" is a
# rate, not a count.
_SUFFIX = (
    # ("9 billion crowns": after a scale word such a currency needs no owner; "won three
    # crowns" has none.)
    rf"(?:\s?%|\s+(?:percent|per\s+cent|percentage\s+points?)|\s+{_CURRENCY_WORDS}|"
    rf"(?:(?<=illion)|(?<=bn)|(?<=mn))\s+(?:{_OWNED_CURRENCY_NAMES})\b|"
    rf"\s?{_UNIT_WORDS}|\s+{_TIME_UNITS}(?!\s+on\s|-on-)"
    rf"(?:(?:,?\s+and|,)\s+(?:{_DIGITS}|{_BASIC})\s+{_TIME_UNITS})?|-{_COMPOUND_UNITS}|\s+year-old)"
)
_QUALIFIER = (
    r"(?:approximately|about|around|nearly|almost|roughly|over|under|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|as\s+many\s+as|as\s+much\s+as|close\s+to|"
    r"an\s+estimated|estimated|just\s+over|just\s+under|well\s+over|upwards\s+of|"
    r"in\s+excess\s+of|some)"
)
# A figure's sign is part of its value ("minus 25 degrees Celsius", "-3.5%"): without it
# the briefing would state the opposite. A hyphen is a sign only before a digit and after
# no word, number or range ("10-20" is a range); "minus" is none after a number ("10 minus
# 4") or in "plus or minus 3", a margin.
_SIGN = r"(?:(?<!or\s)(?<!\d\s)(?<!±)(?:minus|negative)\s+(?=\d)|[−-](?=\d))?"
# A figure ends at a word boundary, and not inside a domain name ("24.kg").
_FIGURE_END = r"(?![\w%]|\.[^\W\d_])"
_FIGURE_RE = re.compile(
    rf"(?<![\w.,:$£€\-/])(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?P<num>{_SIGN}(?:between\s+{_CORE}(?:{_SUFFIX})?\s+and\s+{_CORE}"
    rf"|(?P<lo>{_CORE})(?P<lo_unit>{_SUFFIX})?(?:\s*(?:–|-|to)\s*(?P<hi>{_CORE}))?)"
    rf"(?P<unit>{_SUFFIX})?){_FIGURE_END}",
    re.IGNORECASE,
)
# One number with its unit: the first half of a "to" pair that is no range.
_SINGLE_FIGURE_RE = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER})\s+)?(?P<num>{_SIGN}{_CORE}(?:{_SUFFIX})?){_FIGURE_END}",
    re.IGNORECASE,
)
# "more than half of the votes", "close to a third": a share is a figure only when it is
# a share of something or hedged, not in "half an hour" or "the first half".
_SHARE_RE = re.compile(
    rf"(?<![\w\-])(?:(?P<qual>{_QUALIFIER}|by)\s+)?"
    r"(?P<num>half|a\s+third|a\s+quarter|a\s+fifth|two\s+thirds|three\s+quarters)\b(?!-)"
    r"(?P<of>\s+of\b)?",
    re.IGNORECASE,
)
_CHANGE_FROM_RE = re.compile(r"\b(?:by|from)\s+$", re.IGNORECASE)
_RANGE_FROM_RE = re.compile(r"\b(?:rang\w*|aged|var\w*)\s+from\s+$", re.IGNORECASE)
_YEAR = r"(?:1[89]\d{2}|20\d{2})(?:/\d{2,4})?"
_YEAR_RE = re.compile(rf"^{_YEAR}$")


def _is_range(text: str, match: re.Match[str]) -> bool:
    """Whether 'X to Y' is one range ("5% to 7%", "18 to 35") and not a change or a pair.

    "by one percentage point to 16.25%" and "cut from eight years to five" give two figures:
    a change and a level, or two levels. So do ends of different kinds (a unit on the first
    end only, different units, digits against words: "RM 3.2 million to two officials").
    """
    before = text[max(0, match.start() - 30) : match.start()]
    if _CHANGE_FROM_RE.search(before) and not _RANGE_FROM_RE.search(before):
        return False
    lo_unit, unit = match.group("lo_unit"), match.group("unit")
    if lo_unit and not unit:
        return False
    if lo_unit and unit and _unit_kind(lo_unit) != _unit_kind(unit):
        return False
    lo_digits = bool(re.search(r"\d", match.group("lo")))
    if lo_digits != bool(re.search(r"\d", match.group("hi"))):
        return False
    lo, hi = digit_value(match.group("lo")), digit_value(match.group("hi"))
    if lo is None or hi is None:
        return True
    if _YEAR_RE.match(match.group("lo")) and not _YEAR_RE.match(match.group("hi")):
        return False  # "up by 6% in 2015 to $221bn": a year, then a level
    # "earn 3% on £12,000 – £360": money below the money it starts from is what the first
    # amount comes to, set off by a dash (a score runs down: "won 3-1").
    return not (hi < lo and _CURRENCY_START_RE.match(match.group("hi")))


_CURRENCY_START_RE = re.compile(_CURRENCY_PRE)


def _unit_kind(unit: str) -> str:
    return re.sub(r"s$", "", re.sub(r"\s+", "", unit.casefold()))


#: "(pop. 256,000)", "(turnout: 61%)": a bracket that opens with a word naming a measure (data
#: list `bracket_measure_words`), set off by a full stop or a colon, and holds only the figure
#: names what the figure is; other words there are references or bounds ("(no. 9)",
#: "(max. $5,000)").
_BRACKET_MEASURES = frozenset(words("bracket_measure_words"))
_BRACKET_NAME_BEFORE_RE = re.compile(r"\(\s*([a-z]{2,})\s*[.:]\s*\Z")
_BRACKET_NAME_AFTER_RE = re.compile(r"\s*\)")


def _bracket_name(text: str, start: int, end: int) -> str:
    """The word a bracket names its only figure with ("pop" in "Falluja (pop. 256,000)"),
    or "" (the parse hangs such a bracket anywhere in the clause)."""
    before = _BRACKET_NAME_BEFORE_RE.search(text, max(0, start - 30), start)
    if before is None or not _BRACKET_NAME_AFTER_RE.match(text, end):
        return ""
    word = before.group(1)
    return word if word in _BRACKET_MEASURES else ""
