"""Figures: numbers with their unit, currency or percent sign, verbatim, with a label saying
what they count (read from the parse, in figure_labels.py).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.cues import _MONTH_NAMES
from summariser.extract.figure_grammar import (
    _BASIC,
    _CURRENCY_NAMES,
    _CURRENCY_PRE,
    _CURRENCY_WORDS,
    _FIGURE_RE,
    _OWNED_CURRENCY_NAMES,
    _OWNER_WORDS,
    _QUALIFIER,
    _RATIO_RE,
    _SCALES,
    _SHARE_RE,
    _SINGLE_FIGURE_RE,
    _TIME_UNITS,
    _UNIT_WORDS,
    _VAGUE_RE,
    _YEAR,
    _YEAR_RE,
    _is_range,
)
from summariser.extract.figure_headlines import _first_paragraph_end, _lead_end, _same_toll_below
from summariser.extract.figure_indefinites import _ONE_TIME_RE, _indefinite_time, counts_nothing
from summariser.extract.figure_labels import figure_label
from summariser.extract.figure_standards import Measured, compared_labels
from summariser.extract.model import Candidate, Mention
from summariser.extract.spans import _ORDINAL_WORDS, _overlaps
from summariser.text import NUMBER_VALUES, SHORT_SCALE_WORDS

if TYPE_CHECKING:
    from summariser.extract.story import _Story


_MONTH_RE = re.compile(rf"(?:{_MONTH_NAMES})", re.IGNORECASE)
_YEAR_SPAN_RE = re.compile(
    rf"^(?:between\s+)?{_YEAR}(?:\s*(?:–|-|to|and)\s*{_YEAR})?$", re.IGNORECASE
)
_SCALE_WORD_RE = re.compile(rf"\b(?:{_SCALES})\b", re.IGNORECASE)
_CLOCK_RE = re.compile(r"\d:\d\d|\d\s?(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
_TIME_OF_DAY_RE = re.compile(r"^\s*(?:am|pm|a\.m\.|p\.m\.|GMT|UTC|hrs|o'clock|:\d)", re.IGNORECASE)
_ANCHOR_BEFORE_RE = re.compile(
    r"(?:\bthe\s+)?\b(?:past|last|next|coming|previous|first|final|recent|following)\s+$",
    re.IGNORECASE,
)
# "two weeks since the visit" dates the visit; "eleven hours after a landslide" and "two
# weeks before the harvest" still count time.
_PERIOD_OF_RE = re.compile(
    rf"\s+of\s+(?:(?:the|this|last|next)\s+(?:year|decade|century|season)|{_YEAR})\b",
    re.IGNORECASE,
)
_ANCHOR_AFTER_RE = re.compile(r"^\s+(?:ago|since|later|earlier)\b", re.IGNORECASE)
_AGE_RE = re.compile(r"(?:year|month|week|day)s?-old|\byear-old", re.IGNORECASE)
# "voters aged 18 to 35", "a man aged 40": the number after "aged" is an age.
_AGED_BEFORE_RE = re.compile(r"\baged\s+(?:between\s+)?$", re.IGNORECASE)


# "Gudjohnsen (75')", "Makaay (1', 66')", "(90+2')": the minutes of a match goals came in,
# times, not counts: a bracket holding only numbers each with a prime (not feet and inches,
# "6'2\"", nor a single-quoted quote that ends in a number: "'down to 14', with ...").
_MINUTE = r"\d{1,3}(?:\+\d{1,2})?['′]"
_MINUTES_OF_PLAY_RE = re.compile(
    rf"(?<=[^\W\d_]\s)\(\s*{_MINUTE}(?:\s*,\s*{_MINUTE})*\s*\)"
)


# "a two-way highway", "a three-way race": how many directions or sides a thing has, an
# adjective, not a count.
_WAYS_RE = re.compile(r"[\-‐‑]way\b", re.IGNORECASE)


def _after_a_name(text: str, at: int) -> bool:
    """Whether the word before ``at`` is capitalised ("Osei (12')", not "the boat (24')")."""
    words_before = text[:at].split()
    return bool(words_before) and words_before[-1][:1].isupper()


@dataclass
class _Figure:
    start: int
    end: int
    value_start: int  # start of the value without its approximation word
    qualifier: str
    label: str
    origin: str = "rule"


def _figure_context(story: _Story, fig: _Figure) -> str:
    """What the number counts: "age" for an age, else the label its own clause's parse
    gives (figure_labels.py), which may be empty rather than a neighbour's words."""
    text = story.text
    if _AGE_RE.search(text[fig.value_start : fig.end]) or _AGED_BEFORE_RE.search(
        text[max(0, fig.start - 20) : fig.start]
    ):
        return "age"
    ratio = _RATIO_RE.match(text, fig.start) if fig.label == "ratio" else None
    if ratio is not None:
        # "one in five returnee families": what the whole counts, the ratio is a share of.
        return figure_label(story, ratio.start("b"), fig.end)
    return figure_label(story, fig.value_start, fig.end)


_PERCENT_RE = re.compile(r"%|\bper\s?cent\b|\bpercentage\s+points?\b", re.IGNORECASE)
_MONEY_RE = re.compile(rf"^(?:{_QUALIFIER}\s+)?{_CURRENCY_PRE}|\b{_CURRENCY_WORDS}$", re.IGNORECASE)
_DURATION_RE = re.compile(rf"\b{_TIME_UNITS}$", re.IGNORECASE)
_MEASURE_RE = re.compile(rf"{_UNIT_WORDS}$", re.IGNORECASE)


def _figure_kind(value: str) -> str:
    """What sort of amount a figure is, for setting it beside another: a share, money, a
    length of time, a measure in a unit, or a count."""
    if _PERCENT_RE.search(value):
        return "share"
    if _MONEY_RE.search(value):
        return "money"
    if _DURATION_RE.search(value):
        return "duration"
    if _MEASURE_RE.search(value):
        return "measure"
    return "count"


# The words before a figure's currency, read again to check they name a country ("US" is
# one by the pattern's own word).
_OWNED_CURRENCY_RE = re.compile(
    rf"\s+((?-i:{_OWNER_WORDS}))\s+(?:{_CURRENCY_NAMES}|{_OWNED_CURRENCY_NAMES})$",
    re.IGNORECASE,
)


def _unowned_currency(text: str, start: int, end: int) -> int | None:
    """Where a figure's value should end when the capitalised words before its currency
    name no country ("Premier League pounds", "Family Dollar"): the start of those words;
    None when they do ("Hong Kong dollars", "Danish crowns") or there are none. After a
    year, no words are an amount's."""
    match = _OWNED_CURRENCY_RE.search(text, start, end)
    if match is None:
        return None
    if _YEAR_RE.fullmatch(text[start : match.start()].strip()):
        return match.start()  # "In 1998 Russian roubles lost": a year, not an amount
    owner = match.group(1)
    words = owner.split()
    if gazetteer.lookup(owner) or gazetteer.is_demonym(words[-1]) or (
        len(words) == 2 and (gazetteer.lookup(words[1]) or gazetteer.is_demonym(words[0]))
    ):
        # (A second word may qualify the country: "New Taiwan", "East Caribbean".)
        return None
    return match.start()


def _figure_matches(text: str) -> Iterable[re.Match[str]]:
    """Every figure match in reading order, a 'to' pair that is no range split in two."""
    pos = 0
    while (match := _FIGURE_RE.search(text, pos)) is not None:
        if match.group("hi") is None or _is_range(text, match):
            yield match
            pos = match.end()
            continue
        first = _SINGLE_FIGURE_RE.match(text, match.start())
        if first is not None:
            yield first
        pos = match.start("hi")


def _number_compound(text: str, start: int, end: int) -> bool:
    """'three' in "five three-pointers": a number glued to a noun right after a count."""
    if not re.match(r"-[^\W\d_]", text[end : end + 2]):
        return False
    return bool(re.search(rf"(?:\d|\b{_BASIC})\s+$", text[max(0, start - 20) : start], re.I))


def _identifier(story: _Story, start: int, end: int, num: str) -> bool:
    """A bare number that names rather than counts: right after a proper name ("Vostok 1",
    "Studio 54", "Movimento 5 Stelle", "the Apollo 11 crew"), or after a plural or
    capitalised common noun, standing alone ("police posts 542 and 543", "Resolution
    2231"). A singular common noun before it makes it a measure's value ("magnitude 5.1").
    A number word capitalised after a name is the name's too ("Formula One", "Air Force
    One"), outside a headline, whose words are all capitalised ("Bus Crash Kills Five")."""
    word = num.strip()
    named = word.istitle() and word.casefold() in NUMBER_VALUES and not story.in_headline(
        start, end
    )
    if not named and not re.fullmatch(r"[\d,.\s]+(?:and\s+[\d,.]+)?", word):
        return False
    first, last = story.token_at(start), story.token_at(end - 1)
    if first is None or last is None or first.i == 0:
        return False
    doc = first.doc
    at = first.i
    # "posts 542 and 543": the second of a coordinated pair is what the first is.
    while at >= 2 and doc[at - 1].lower_ in ("and", "or", ",") and doc[at - 2].like_num:
        at -= 2
    if at == 0:
        return False
    before = doc[at - 1]
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if before.tag_ not in ("NN", "NNS", "NNP", "NNPS") or not before.text[:1].isalpha():
        return False
    if before.is_sent_start or _MONTH_RE.fullmatch(before.text):
        return False
    if before.tag_ == "NN" and before.is_lower:
        return False  # "of magnitude 5.1", "level 3": a measure's value, not a name
    if before.tag_ in ("NNP", "NNPS"):
        return True  # "Apollo 11 crew", "Studio 54": part of the name
    if named:
        return False
    noun_after = after is not None and after.tag_ in ("NN", "NNS")
    return not noun_after and (after is None or after.is_punct or after.tag_ in ("CC", "IN"))


def _is_ip_address(text: str) -> bool:
    if not any(ch.isdigit() for ch in text) or not ("." in text or ":" in text):
        return False  # most tokens: no parse attempt (this runs on every token)
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


#: "80's", "90s", "1980s": a decade, after "the" (or "early", "mid", "late").
_DECADE_RE = re.compile(r"(?P<num>[1-9]0|1[5-9]\d0|20\d0)(?:['’]s|s)\b")
_DECADE_BEFORE_RE = re.compile(r"\b(?:the|early|mid|late)[\s\-]+['’]?\Z", re.IGNORECASE)


def _is_ratio(story: _Story, ratio: re.Match[str]) -> bool:
    """Whether "A in B" is a ratio ("one in five adults") and not a count and where or when
    it happened ("killed 5 in 2 attacks", "arrested 3 in 5 raids"): the part is smaller than
    the whole, and the ratio is not a verb's count (no verb right before it) nor a number
    in a name ("Level 2 in 10 provinces")."""
    a, b = _small_value(ratio.group("a")), _small_value(ratio.group("b"))
    if a is None or b is None or not 0 < a < b or _YEAR_SPAN_RE.match(ratio.group("b")):
        return False
    first = story.token_at(ratio.start())
    if first is None:
        return False
    before = first.doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.tag_.startswith("VB"):
        return False
    return not _identifier(story, ratio.start(), ratio.end("a"), ratio.group("a"))


def _small_value(text: str) -> int | None:
    """The value of a number written in digits or as a word below a hundred, else None."""
    text = text.replace(",", "").casefold()
    if text.isdigit():
        return int(text)
    parts = re.split(r"[-\s]+", text)
    if all(p in NUMBER_VALUES for p in parts):
        return sum(NUMBER_VALUES[p] for p in parts)
    return None


def _figures(
    story: _Story, blocked: list[tuple[int, int]]
) -> tuple[list[_Figure], list[tuple[int, int]]]:
    """Figures, plus time counts anchored to a moment (handed over as dates)."""
    text = story.text
    figures: list[_Figure] = []
    anchored: list[tuple[int, int]] = []
    anything_but: list[tuple[int, int]] = []  # numbers read as something other than a figure
    # "news.asp?ArticleID=97508", "192.168.100.200": a number in an address counts nothing.
    blocked = [*blocked, *(
        (t.idx, t.idx + len(t)) for t in story.doc if t.like_url or _is_ip_address(t.text)
    ), *(m.span() for m in _MINUTES_OF_PLAY_RE.finditer(text) if _after_a_name(text, m.start()))]
    for ratio in _RATIO_RE.finditer(text):
        if _is_ratio(story, ratio) and not any(_overlaps(ratio.span(), x) for x in blocked):
            figures.append(_Figure(ratio.start(), ratio.end(), ratio.start(), "", "ratio"))
    blocked = [*blocked, *((f.start, f.end) for f in figures)]
    for match in _figure_matches(text):
        start, end = match.span()
        value_start = match.start("num")
        num = match.group("num")
        qualifier = match.group("qual") or ""
        owner_start = _unowned_currency(text, value_start, end)
        if owner_start is not None:
            # "5,000 Premier League pounds", "In 1998 Russian roubles lost": the words before
            # the currency name no country, so they and the currency are no part of it.
            end, num = owner_start, text[value_start:owner_start]
        if _YEAR_SPAN_RE.match(num) or _TIME_OF_DAY_RE.match(text[end : end + 6]):
            continue
        decade = _DECADE_RE.match(text, value_start)
        if decade is not None and decade.end("num") == end and _DECADE_BEFORE_RE.search(
            text, max(0, value_start - 12), value_start
        ):
            # "throughout the 80's", "in the early 90s": a decade is a date, not a count.
            anchored.append((value_start, decade.end()))
            continue
        if _WAYS_RE.match(text, end):
            # (Its span stays taken: the NER model's cardinal would bring "2-way" back.)
            anything_but.append((value_start, end))
            continue
        if _number_compound(text, value_start, end):
            continue
        if re.match(rf"\s+(?:{_MONTH_NAMES})\b", text[end : end + 12]):
            continue
        if any(_overlaps((start, end), b) for b in blocked):
            continue
        if _identifier(story, value_start, end, num):
            continue
        lower = num.casefold()
        if (
            lower in ("one", "a dozen") or re.fullmatch(r"(?:a|an)\s+\w+", lower)
        ) and counts_nothing(story, value_start + len(num) - 1, lower):
            continue
        if not qualifier and _ONE_TIME_RE.fullmatch(lower) and _indefinite_time(story, end):
            # "one day they are going to mature": some day, not a count of days.
            continue
        if re.search(rf"\b{_TIME_UNITS}$", lower) and not _AGE_RE.search(lower):
            before = _ANCHOR_BEFORE_RE.search(text[max(0, start - 20) : start])
            lead = before.group(0) if before else ""
            anchor = story.token_at(start - (len(lead) - len(lead.rstrip())) - 1) if lead else None
            lead_text = text[max(0, start - len(lead) - 12) : start - len(lead)]
            # "courses which last two years": the verb, not "the last two years".
            verb = anchor is not None and (
                anchor.tag_.startswith("VB")
                or re.search(r"\b(?:which|that|who|will|would|could|may|to)\s+$", lead_text)
            )
            if anchor is not None and not verb and not qualifier:
                # "the first nine months of the year": the period it counts in belongs to it.
                tail = _PERIOD_OF_RE.match(text, end)
                anchored.append((start - len(lead), tail.end() if tail else end))
                continue
            if _ANCHOR_AFTER_RE.match(text[end : end + 12]):
                anchored.append((value_start, end))
                continue
        label = "vague" if _VAGUE_RE.match(num) else "rule"
        figures.append(_Figure(start, end, value_start, qualifier, label))
    taken = [(f.start, f.end) for f in figures] + anchored + anything_but
    for match in _SHARE_RE.finditer(text):
        share = match.group("qual") or match.group("of")
        lead = text[max(0, match.start() - 15) : match.start()]
        ordinal = re.search(rf"\b(?:{_ORDINAL_WORDS})\s+$", lead)  # "the first half"
        if not share or ordinal or any(_overlaps(match.span("num"), t) for t in taken + blocked):
            continue
        qualifier = match.group("qual") or ""
        start = match.start() if qualifier.casefold() != "by" else match.start("num")
        qualifier = "" if qualifier.casefold() == "by" else qualifier
        figures.append(_Figure(start, match.end("num"), match.start("num"), qualifier, "share"))
    taken = [(f.start, f.end) for f in figures] + anchored + anything_but
    for ent in story.doc.ents:
        if ent.label_ not in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
            continue
        span = (ent.start_char, ent.end_char)
        if any(_overlaps(span, t) for t in taken + blocked):
            continue
        if not re.search(r"\d", ent.text) or _YEAR_RE.match(ent.text.strip()):
            continue
        numbers = re.findall(r"\d[\d,.]*", ent.text)
        if len(numbers) == 1 and _YEAR_RE.match(numbers[0]) and not _SCALE_WORD_RE.search(ent.text):
            continue  # "By 2031 Swiss francs will be ...": a year the model ran into a currency
        if _CLOCK_RE.search(ent.text) or re.search(r"\.[^\W\d_]", ent.text):
            continue  # "4:12am" is a time, "24.kg" a name
        if re.search(r"\d[^\W\d_]{2,}|[^\W\d_]\d", ent.text):
            continue  # "4chan", "G20": a name written with a number; a unit would have matched
        if _identifier(story, span[0], span[1], ent.text):
            continue
        figures.append(_Figure(span[0], span[1], span[0], "", ent.label_, "ner"))
    figures.sort(key=lambda f: f.start)
    return figures, anchored


#: Short scales a headline writes for the body's words ("$1.2 bln", "$1.2bn": "$1.2
#: billion"); not "m" or "k", which may be metres or a thousand of anything.
_SHORT_SCALE_RE = re.compile(r"(?<=\d)\s*(bln|bn|mln|mn|trln)\b", re.IGNORECASE)


def _value_key(value: str) -> str:
    """A figure's value as a headline and its body both write it ("$1.2 bln" is "$1.2
    billion"), for finding the body's figure a headline figure restates."""
    full = _SHORT_SCALE_RE.sub(lambda m: " " + SHORT_SCALE_WORDS[m.group(1).casefold()], value)
    return " ".join(full.casefold().split())


def _figure_candidates(story: _Story, figures: list[_Figure]) -> list[Candidate]:
    text = story.text
    grouped: dict[tuple[str, str], list[tuple[_Figure, str]]] = {}
    # A headline figure ("Nine Killed") is the lead's figure with the same value; a count
    # further down ("closed 5 roads" under "Storm kills 5") is another count.
    # An amount in money, a share or a unit is the body's same amount wherever it comes
    # ("$1.9 billion hospital gets green light." over "The $1.9 billion project" in the
    # second paragraph): only a bare count is too common to be the same figure far down.
    lead: dict[str, _Figure] = {}
    lead_end = _lead_end(story)
    for fig in figures:
        if story.in_headline(fig.start, fig.end):
            continue
        value = text[fig.value_start : fig.end]
        if fig.start < lead_end or _figure_kind(value) != "count":
            lead.setdefault(_value_key(value), fig)
    keys: dict[int, tuple[str, str]] = {}
    headline_figures = []
    labels = [_figure_context(story, fig) for fig in figures]
    if not story.off("compared-figures"):
        # "short of the 230,000 bpd the government had promised": a comparison's standard
        # counts what the figure compared with it counts (figure_standards.py).
        labels = compared_labels(story, [
            Measured(f.start, f.end, _figure_kind(text[f.start : f.end]), label)
            for f, label in zip(figures, labels, strict=True)
        ])
    paragraph_end = _first_paragraph_end(story)
    for fig, context in zip(figures, labels, strict=True):
        body = lead.get(_value_key(text[fig.value_start : fig.end]))
        if body is None and story.in_headline(fig.start, fig.end):
            body = _same_toll_below(story, fig, figures, labels, paragraph_end)
        if story.in_headline(fig.start, fig.end) and body is not None:
            headline_figures.append((fig, body))  # grouped with the lead's figure, below
            continue
        value = text[fig.value_start : fig.end]
        if fig.qualifier and context:
            context = f"{context} ({fig.qualifier})"
        elif fig.qualifier:
            # A hedge alone ("about") is no label: it stays with the value it hedges, which
            # the briefing then prints plain ("about 65%"), and the label stays empty.
            fig = replace(fig, value_start=fig.start)
            value = text[fig.value_start : fig.end]
        keys[fig.start] = (value.casefold(), context)
        grouped.setdefault(keys[fig.start], []).append((fig, context))
    for fig, body in headline_figures:
        # "Landslides kill 23" over "At least 23 people were killed": one figure.
        key = keys[body.start]
        grouped[key].append((fig, key[1]))
    out = []
    for items in grouped.values():
        # The body's wording over the headline's ("nine", not "Nine").
        items.sort(key=lambda item: story.in_headline(item[0].start, item[0].end))
        first, context = items[0]
        value = text[first.value_start : first.end]
        phrases = {text[f.start : f.end] for f, _c in items} - {value}
        out.append(
            Candidate(
                kind="figure",
                text=value,
                mentions=tuple(
                    Mention(text[f.value_start : f.end], f.value_start, f.end) for f, _c in items
                ),
                origin=first.origin,
                label=first.label,
                aliases=tuple(sorted(phrases)),
                context=context,
            )
        )
    return out
