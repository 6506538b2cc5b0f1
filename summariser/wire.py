"""The layout of wire copy around a story's text: slugs, bylines, datelines and trailers.

Agency copy frames each story with lines that are not the story: a slug before the title
("UPDATE 2-"), the reporter's name ("By Jane Morrow, Reuters"), a dateline that opens the
body ("WASHINGTON, March 4 (Reuters) -", "WARSAW 1996-12-06", "(CNN) --") and a trailer
("-- London Newsroom +44 171 542 7717"). Left in, they become headlines, summary openings
and people the story never mentions. Segmentation finds them with these matchers and keeps
them apart, with their offsets. Zero-width and bidi control characters are invisible in
print, so they never count as text here (a line of only such characters is blank).

The words (slugs, byline prefixes, trailer openers, months, name particles) are data in
`data/lexicon/wire.toml`; the patterns are built from them once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .schemas import BylineRecord, DatelineRecord
from .wordlists import words

# Zero-width characters, the BOM, and the bidi embedding, override, isolate and mark controls.
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_EDGE_CHARS = INVISIBLE + " \t\f\v\u00a0\u3000"


def visible(text: str) -> str:
    """`text` without surrounding whitespace and invisible characters."""
    return text.strip().strip(_EDGE_CHARS).strip()


def is_blank(text: str) -> bool:
    return not visible(text)


@lru_cache(maxsize=1)
def layout_words() -> dict[str, Any]:
    """The layout word lists (`data/lexicon/wire.toml`), by their short names."""
    keys = ("byline_prefixes", "byline_titles", "trailer_openers", "name_particles", "months",
            "weekdays", "abbreviations", "slugs")
    return {key: list(words(f"wire_{key}")) for key in keys}


#: An upper-case letter opening a name, in Latin scripts beyond ASCII too.
_UPPER = "[A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ]"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Patterns:
    slug: re.Pattern[str]
    markdown_heading: re.Pattern[str]
    separator: re.Pattern[str]
    titled_dateline: re.Pattern[str]
    dateline: tuple[re.Pattern[str], ...]
    byline: re.Pattern[str]
    name_line: re.Pattern[str]
    trailer: re.Pattern[str]
    #: Words closing a reporter's title after the name ("Science Correspondent").
    byline_titles: frozenset[str]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    words = layout_words()
    months = _alternation(words["months"])
    weekdays = _alternation(words["weekdays"])
    particles = _alternation(words["name_particles"])
    # A place as datelines print it: "WARSAW", "NEW YORK", "Kathmandu", "St. Petersburg",
    # in Latin scripts beyond ASCII too ("NYNÄSHAMN", "SÃO PAULO", "Bogotá").
    up = _UPPER
    word = rf"{up}[^\W\d_'’.\-]*(?:['’.\-][^\W\d_]*)*\.?"
    place = rf"{word}(?:[ ]{word}){{0,3}}"
    country = rf"(?:,[ ]{word}(?:[ ]{word}){{0,2}})?"
    caps = rf"(?:{up}|['’.\-])"
    caps_place = rf"{up}{caps}+(?:[ ]{up}{caps}+){{0,2}}"
    # "March 4" (US and wire style) or "4 March" (British and Commonwealth papers).
    month_day = rf"(?:(?:{months})\.?[ ]\d{{1,2}}|\d{{1,2}}[ ](?:{months})\.?)"
    iso = r"\d{4}-\d{2}-\d{2}"
    agency = r"[A-Z][A-Za-z&.\-]*(?:[ ][A-Z][A-Za-z&.\-]*){0,2}"
    dash = r"[ \t]*(?:-{1,2}|[–—])[ \t]*"
    # Names are written in more than ASCII ("Laura Menéndez", "Łukasz Wróbel").
    low = r"[a-zß-öø-ÿā-ž'’\-]"
    name_word = rf"(?:{up}{low}+(?:-{up}{low}+)?|{up}\.|(?:{particles})(?:-\w+)?)"
    name = rf"{up}{low}+(?:[ ]{name_word}){{1,3}}"
    caps_name = r"[A-Z][A-Z'’\-]+(?:[ ](?:[A-Z]\.|[A-Z][A-Z'’\-]+)){1,3}"
    prefixes = _alternation(words["byline_prefixes"])
    titles = _alternation(words["byline_titles"])
    slugs = _alternation(words["slugs"])
    openers = _alternation(words["trailer_openers"])
    return Patterns(
        # "UPDATE 2-", "INTERVIEW-", "RPT-UPDATE 1-": a slug word, maybe a number, a hyphen
        # ("UN-backed" and "NATO-Russia" are words of the title, not slugs).
        slug=re.compile(rf"^(?:(?:{slugs})(?:[ ]\d{{1,2}})?[ ]?-[ ]?)+(?=\S)"),
        markdown_heading=re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(?=\S)"),
        # A markdown rule ("---", "***", "___") or a newsroom's end mark under a story
        # ("###" and "-30-" in press releases and broadcast scripts): a break, no text.
        # "Lima, Peru —", "Nairobi –": a place in title case and a dash (agency and
        # regional copy), read only where a story's text opens (`match_dateline`), only with
        # an en or em dash and a place the gazetteer knows, so "Paris - based", "NATO — the
        # alliance" and a list of "Town — result" lines stay prose.
        titled_dateline=re.compile(rf"^(?P<place>{place}{country})[ \t]*[–—][ \t]*"),
        separator=re.compile(
            r"^[ ]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\#[ \t]*){3,}"
            r"|-[ \t]*30[ \t]*-)$"
        ),
        dateline=(
            # "WARSAW 1996-12-06" (CoNLL-style copy), alone or before the text.
            re.compile(rf"^(?P<place>{place}{country})[ ]+(?P<date>{iso})(?:{dash}|[ \t]*$)"),
            # "WASHINGTON, March 4 (Reuters) -", "Kathmandu, Nepal (CNN) --".
            re.compile(
                rf"^(?P<place>{place}{country})(?:,[ ](?P<date>{month_day}))?"
                rf"[ ]\((?P<agency>{agency})\){dash}"
            ),
            # "LONDON, Nov 14 —", "CHISINAU, Oct 21 -": a place and a day, no agency.
            re.compile(rf"^(?P<place>{place}{country}),[ ](?P<date>{month_day}){dash}"),
            # "MEXICO CITY —", "LIMA, Peru --" (newspaper and AP copy): a place in capitals
            # and a dash, no date or agency; only in capitals, so prose ("Paris — the city")
            # is not read as one.
            re.compile(
                rf"^(?P<place>{caps_place}{country})"
                rf"(?:[ \t]+-{{1,2}}[ \t]+|[ \t]*[–—][ \t]*)"
            ),
            # "(CNN) --" with no place.
            re.compile(rf"^\((?P<agency>{agency})\){dash}"),
            # "Sunday, August 2, 2015" or "2 August 2015": a date alone on its line, as web
            # news (Wikinews) prints it under the title; no place.
            re.compile(
                rf"^(?:(?:{weekdays}),?[ ])?(?P<date>{month_day},?[ ]\d{{4}}"
                rf"|\d{{1,2}}[ ](?:{months})\.?,?[ ]\d{{4}}|{iso})[ \t]*$"
            ),
        ),
        byline=re.compile(
            rf"^(?:{prefixes})[ ]+(?P<name>(?:{name}|{caps_name})"
            rf"(?:(?:,[ ]|[ ]and[ ])(?:{name}|{caps_name}))*)"
            rf"(?:,[ ]*(?P<agency>{agency}))?[ \t]*$"
        ),
        # A name alone on the line under a title: "Steven Silber", or with the reporter's
        # title after a comma: "Morag Campbell, Political Correspondent".
        name_line=re.compile(
            rf"^(?P<name>{name})(?:,[ ](?:{up}{low}*[ ]){{0,3}}(?:{titles}))?[ \t]*$"
        ),
        trailer=re.compile(rf"^(?:-{{2}}[ \t]*\S.*|\((?:{openers})\b.*\))$"),
        byline_titles=frozenset(words["byline_titles"]),
    )


@dataclass(frozen=True)
class Byline:
    """The reporter's line as written ("By Jane Morrow, Reuters"), the name, and offsets."""

    text: str
    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Dateline:
    """A dateline as written: the whole of it, its place, date and agency, and offsets."""

    text: str
    place: str | None
    date: str | None
    agency: str | None
    start: int
    end: int
    #: Where the story's own text begins after it (past the dash).
    body_start: int


def match_dateline(text: str, start: int = 0, *, opening: bool = False) -> Dateline | None:
    """The dateline opening `text` (a line, offset `start` in the input), if any; with
    `opening`, `text` is the first line of a story's text, where a place in title case
    before a dash is one too ("Lima, Peru — ...")."""
    lead = len(text) - len(text.lstrip(_EDGE_CHARS))
    body = text[lead:]
    found_patterns = patterns().dateline
    if opening:
        found_patterns = (*found_patterns, patterns().titled_dateline)
    for pattern in found_patterns:
        found = pattern.match(body)
        if not found:
            continue
        groups = found.groupdict()
        head = found.group(0).rstrip(" \t-–—")
        rest = body[found.end() :]
        if pattern is patterns().titled_dateline and (
            re.search(r"[–—]", rest[:80]) or not rest[:1].isupper()
        ):
            # "Germany — Europe's largest economy — has ...": an aside; "Dubai — 08:45": a
            # list; a dateline opens a sentence of prose.
            continue
        if rest and not rest.strip(_EDGE_CHARS):
            rest = ""
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'("):
            continue  # "Paris (France) - based ..." is prose, not a dateline
        if not (groups.get("date") or groups.get("agency")) and not _known_place(groups):
            continue  # "NATO — The alliance ...": capitals and a dash alone need a real place
        return Dateline(
            text=head,
            place=groups.get("place"),
            date=groups.get("date"),
            agency=groups.get("agency"),
            start=start + lead,
            end=start + lead + len(head),
            body_start=start + lead + found.end(),
        )
    return None


def _known_place(groups: dict[str, str | None]) -> bool:
    """Whether a dateline's place, a part of it, or a part's last word is a place the
    gazetteer knows ("MEXICO CITY", "LIMA, Peru", "THE CURRAGH, Co Kildare")."""
    from . import gazetteer  # only for the rare dateline with neither date nor agency

    forms = place_forms((groups.get("place") or "").split(","))
    return any(gazetteer.lookup_dateline_place(form.title()) is not None for form in forms)


def place_forms(parts: list[str]) -> list[str]:
    """The forms a dateline's place is looked up by: each part as written, then each
    several-word part's last word ("THE CURRAGH, Co Kildare": a place the gazetteer lacks,
    in a county it knows; "NEW YORK" is asked as written first, so it is not York)."""
    parts = [part.strip() for part in parts if part.strip()]
    return [*parts, *(part.split()[-1] for part in parts if len(part.split()) > 1)]


def is_dateline_line(text: str) -> bool:
    """A line that is a dateline and nothing else ("WARSAW 1996-12-06")."""
    found = match_dateline(text)
    return found is not None and not visible(text[found.body_start - found.start :])


def byline_name(text: str, after_title: bool) -> str | None:
    """The author's name when the line is a byline: "By NAME" (", Agency"), or a bare name
    line directly under a title."""
    line = visible(text)
    found = patterns().byline.match(line)
    if found:
        # "Priya Raman, Science Correspondent": a part closed by a title is no name.
        titles = patterns().byline_titles
        parts = found.group("name").split(", ")
        names = [part for part in parts if part.split()[-1] not in titles]
        return ", ".join(names) if names else found.group("name")
    if after_title:
        bare = patterns().name_line.match(line)
        if bare:
            return bare.group("name")
    return None


def is_trailer(text: str) -> bool:
    """"-- London Newsroom +44 171 542 7717", "(Reporting by ...; Editing by ...)"."""
    return bool(patterns().trailer.match(visible(text)))


def is_separator(text: str) -> bool:
    """A markdown thematic break (`---`, `***`, `___`) or a newsroom's end mark (`###`,
    `-30-`): it separates stories and belongs to none."""
    return bool(patterns().separator.match(text.strip(INVISIBLE)))


def heading_text(text: str) -> str | None:
    """The text of a markdown `#` heading line, else None."""
    line = visible(text)
    found = patterns().markdown_heading.match(line)
    if not found:
        return None
    return line[found.end() :].rstrip("#").strip() or None


def strip_slug(text: str) -> str:
    """A title without its wire slug: "UPDATE 2-Woman charged" gives "Woman charged"."""
    found = patterns().slug.match(text)
    return text[found.end() :] if found else text


def has_slug(text: str) -> bool:
    return bool(patterns().slug.match(visible(text)))


def slug_length(text: str) -> int:
    """Characters of the slug that opens `text` (already stripped), 0 when none."""
    found = patterns().slug.match(text)
    return found.end() if found else 0


def is_all_caps(text: str) -> bool:
    """A line set in capitals ("POLISH FARMERS BLOCK ROADS."), at least two words."""
    letters = [c for c in text if c.isalpha()]
    return len(text.split()) >= 2 and len(letters) >= 6 and all(c.isupper() for c in letters)


def byline_record(byline: Byline | None) -> BylineRecord | None:
    if byline is None:
        return None
    return BylineRecord(text=byline.text, name=byline.name, start=byline.start, end=byline.end)


def dateline_record(dateline: Dateline | None) -> DatelineRecord | None:
    if dateline is None:
        return None
    return DatelineRecord(
        text=dateline.text,
        place=dateline.place,
        date=dateline.date,
        agency=dateline.agency,
        start=dateline.start,
        end=dateline.end,
    )
