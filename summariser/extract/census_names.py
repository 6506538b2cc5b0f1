"""Whether a one-word name is a personal name people bear: the US Census Bureau's 1990 lists.

A lone word the NER model reads as a person's, with no role, speech or other cue in the
story, is most often a famous person named by surname ("a quote attributed to Einstein",
"Clinton came into office") or a town, a region, a storm or a chart the model took for one
("Desaguadero", "Tuscany", "Ompong", "Billboard"). What tells them apart is not in the
story: it is whether the word is a name people are called by. The Census lists of surnames
(88,799, every one borne by at least a few hundred people in 1990) and given names (5,163)
answer that from outside the text and outside our gold: they were drawn up from the 1990
count of US residents, and hold names from every language US residents bring (Peres, Machel,
Mahfouz) but few words that are only a place's or a thing's.

The files in `summariser/data/census/` hold the names alone, one per line, in the Census's
capitals (SOURCES.md there says where they come from and under what terms).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

_FOLDER = "census"


@cache
def _surnames() -> dict[str, float]:
    """Surname -> its share of the 1990 population, in per cent."""
    return {name: float(share) for name, share in _rows("surnames.txt")}


@cache
def _given_names() -> dict[str, float]:
    """Given name -> its share of the 1990 population, in per cent (the Census gives the
    share of men and of women; half of each)."""
    return {name: (float(men) + float(women)) / 2 for name, men, women in _rows("given_names.txt")}


def _rows(file: str) -> list[list[str]]:
    text = resources.files("summariser.data").joinpath(_FOLDER, file).read_text("ascii")
    return [line.split() for line in text.splitlines() if line.strip()]


def _census_form(word: str) -> str:
    """'Peres’' -> 'PERES', 'Núñez' -> 'NUNEZ': the Census writes names in ASCII capitals,
    without accents, apostrophes or hyphens ("O'Brien" is OBRIEN)."""
    word = word.strip()
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain if ch.isalpha()).upper()


def is_surname(word: str) -> bool:
    """Whether `word` is borne as a surname more often than as a given name ("Peres",
    "Lara"; not "Mark" or "Karl", which the surname list also holds, nor "Clinton", more
    often a given name): a lone surname is how news copy names a person it need not
    introduce, a lone given name is not."""
    form = _census_form(word)
    share = _surnames().get(form) if form else None
    return share is not None and share >= _given_names().get(form, 0.0)


def is_given_name(word: str) -> bool:
    """Whether `word` is borne as a given name more often than as a surname ("Regina",
    "Jan"; not "Merrill", more often a surname)."""
    form = _census_form(word)
    share = _given_names().get(form) if form else None
    return share is not None and share > _surnames().get(form, 0.0)
