"""The order of the briefing: how significant each story is, and where it is filed.

Significance (the order of the top lines and of the place groups) is a deterministic
heuristic over the grounded records, documented on `significance()`; no model is called.
The markdown and the HTML briefing both file a story under `place_of()`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..schemas import FigureRecord, StoryRecord
from ..text import NUMBER_VALUES, SCALE_VALUES

_DEATH_WORDS = re.compile(
    r"(?i)\b(killed|kills?|dead|deaths?|died|dying|lives|fatalit\w*|bodies|massacred?|"
    r"executed|suicides?|murdered)\b"
)
_PEOPLE_WORDS = re.compile(
    r"(?i)\b(people|persons?|individuals|refugees?|migrants?|asylum[- ]seekers|afghans|"
    r"nationals|citizens|civilians|residents|families|households|children|women|men|girls|"
    r"boys|students|workers|employees|soldiers|troops|police(?:men)?|officers|militants|"
    r"fighters|prisoners|detainees|returnees|deportees|displaced|evacuees|victims|casualties|"
    r"injured|wounded|pilgrims|cardholders|population|deported|expelled|arrested|detained|"
    r"repatriated|returned|fled|evacuated|rescued|relocated)\b"
)
# Values that measure something other than a head count.
_NOT_A_COUNT = re.compile(
    r"(?i)(%|\bper ?cent\b|[$£€¥₹]|\b(dollars?|usd|euros?|pounds|rupees|afghanis?|rials?|"
    r"tomans?|somoni|yuan)\b|\b(kilo(gram|metre|meter)s?|kg|km|tonnes?|tons?|miles?|"
    r"metres?|meters?|litres?|liters?|hectares?|acres?|years?|year-old|months?|weeks?|days?|"
    r"hours?|minutes?)\b)"
)
_WORD_NUMBERS = {
    **{word: value for word, value in NUMBER_VALUES.items() if word != "zero"},
    "dozen": 12,
    "a dozen": 12,
}
_PLURAL_SCALES = {"dozens": 24.0, "hundreds": 2e2, "thousands": 2e3, "millions": 2e6}
_NUMBER = re.compile(
    r"(?i)(\d[\d,]*(?:\.\d+)?|\b(?:" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
    + r")\b)\s*(hundred|thousand|million|billion)?"
)


def figure_magnitude(value: str) -> float | None:
    """The largest head count a figure's value states, or None when it states none.

    `"1.3 million"` is 1,300,000, `"Between 10,000 and 15,000"` is 15,000, `"six"` is 6,
    `"thousands"` counts as 2,000. Percentages, money, weights, distances and durations are
    not counts and give None.
    """
    if _NOT_A_COUNT.search(value):
        return None
    best: float | None = None
    for match in _NUMBER.finditer(value):
        raw, scale = match.group(1), match.group(2)
        number = _WORD_NUMBERS.get(raw.lower())
        amount = float(number) if number is not None else float(raw.replace(",", ""))
        if scale:
            amount *= SCALE_VALUES[scale.lower()]
        best = amount if best is None else max(best, amount)
    if best is None:
        for word, amount in _PLURAL_SCALES.items():
            if re.search(rf"(?i)\b{word}\b", value):
                best = amount if best is None else max(best, amount)
    return best


@dataclass(frozen=True)
class Significance:
    """The parts of a story's significance, kept for tests and for explaining an order."""

    deaths: float
    affected: float
    figures: int
    actors: int
    quotes: int

    @property
    def score(self) -> float:
        return (
            4.0 * math.log10(1 + self.deaths)
            + 2.0 * math.log10(1 + self.affected)
            + 0.5 * min(self.figures, 6)
            + 0.5 * min(self.actors, 10)
            + 0.25 * min(self.quotes, 4)
        )


def significance(story: StoryRecord) -> Significance:
    """How much a story matters to a reader, from its grounded records alone.

    The score is

        4·log10(1 + deaths) + 2·log10(1 + people affected)
        + 0.5·min(figures, 6) + 0.5·min(people + organisations, 10) + 0.25·min(quotes, 4)

    where *deaths* is the largest head count among figures whose value or context speaks of
    death (killed, died, lives, …) and *people affected* the largest head count among figures
    that count people (refugees, soldiers, deported, …), both read by `figure_magnitude()`.
    Logarithms keep one huge number from swamping everything else; the largest figure (not
    the sum) is used because stories restate the same total in several ways. Status is not
    part of the score: `rank_stories()` puts every summarised story before every
    not-summarised one, and ties keep the bulletin's order.
    """
    deaths = affected = 0.0
    for figure in story.figures:
        amount = figure_magnitude(figure.value)
        if amount is None:
            continue
        words = f"{figure.value} {figure.context}"
        if _DEATH_WORDS.search(words):
            deaths = max(deaths, amount)
            affected = max(affected, amount)
        elif _PEOPLE_WORDS.search(words):
            affected = max(affected, amount)
    return Significance(
        deaths=deaths,
        affected=affected,
        figures=len(story.figures),
        actors=len(story.people) + len(story.organisations),
        quotes=len(story.quotes),
    )


def rank_stories(stories: list[StoryRecord]) -> list[int]:
    """Positions of `stories`, most significant first (summarised first, then score, then order)."""
    scores = [significance(story).score for story in stories]
    return sorted(
        range(len(stories)),
        key=lambda i: (stories[i].status != "summarised", -round(scores[i], 9), i),
    )


def key_figure(story: StoryRecord) -> FigureRecord | None:
    """The figure that makes the story significant: the largest head count of the dead, else
    of the people affected (as `significance()` reads them), else None."""
    best: tuple[int, float, int] | None = None
    found: FigureRecord | None = None
    for n, figure in enumerate(story.figures):
        amount = figure_magnitude(figure.value)
        if amount is None:
            continue
        words = f"{figure.value} {figure.context}"
        rank = 2 if _DEATH_WORDS.search(words) else 1 if _PEOPLE_WORDS.search(words) else 0
        if rank and (best is None or (rank, amount, -n) > best):
            best, found = (rank, amount, -n), figure
    return found


OTHER = "Other"


def place_of(story: StoryRecord) -> str:
    """The one place a story is filed under: primary place, else first country, else Other."""
    for candidate in (story.primary_place or "", *story.countries):
        if candidate.strip():
            return " ".join(candidate.split())
    return OTHER


def group_by_place(stories: list[StoryRecord]) -> list[tuple[str, list[int]]]:
    """(place, story positions) groups, ordered by their most significant story; Other last.

    Places compare case-insensitively; a group keeps the spelling it was first seen with.
    Within a group stories are in significance order too.
    """
    groups: dict[str, tuple[str, list[int]]] = {}
    for position in rank_stories(stories):
        name = place_of(stories[position])
        key = name.casefold()
        groups.setdefault(key, (name, []))[1].append(position)
    ordered = [g for key, g in groups.items() if key != OTHER.casefold()]
    if OTHER.casefold() in groups:
        ordered.append(groups[OTHER.casefold()])
    return ordered
