"""Consistency checks for the hand-annotated gold data (see evals/GOLD_FORMAT.md).

The gold sets of our bulletins: evals/gold/ (the seed and the bulletins the extractor was
developed on), evals/holdout/ (bulletins written later by annotators who never saw the
extractor), evals/fresh/ and evals/fresh2/ (bulletins helpers wrote and annotated blind, for
figures, countries and layout only: their top-level "annotated" says so) and
evals/countries/ (story openings written blind, for the story's country alone) and
evals/fresh3/ and evals/fresh4/ (bulletins written blind for people, bodies and places;
fresh4 also for speakers, figures, roles and wire layout; fresh5 to fresh9 the same).

Fast and model-free. For every gold file: the JSON has the documented fields and types, the
bulletin it names exists, each story's offsets agree with start_text/end_text and with the
line structure of the bulletin, stories are ordered and do not overlap, and every annotated
string (names, aliases, figure values, date texts, quote texts, key facts) occurs inside its
own story's span.

Quotes: a quotation in a bulletin may be broken across two lines. Gold quote text is written
with single spaces (no line breaks, no runs of spaces), so it is compared against the story
span after collapsing every whitespace run in the span to one space. All other strings must
be exact substrings of the span.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summariser.wire import is_separator

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "evals" / "gold"
HOLDOUT_DIR = ROOT / "evals" / "holdout"
FRESH_DIR = ROOT / "evals" / "fresh"
FRESH2_DIR = ROOT / "evals" / "fresh2"
COUNTRIES_DIR = ROOT / "evals" / "countries"
FRESH3_DIR = ROOT / "evals" / "fresh3"
FRESH4_DIR = ROOT / "evals" / "fresh4"
FRESH5_DIR = ROOT / "evals" / "fresh5"
FRESH6_DIR = ROOT / "evals" / "fresh6"
FRESH7_DIR = ROOT / "evals" / "fresh7"
FRESH8_DIR = ROOT / "evals" / "fresh8"
FRESH9_DIR = ROOT / "evals" / "fresh9"
BULLETIN_DIR = ROOT / "evals" / "bulletins"
SEED_GOLD = GOLD_DIR / "000_308f2c399fe30051.json"
SEED_FIRST_TITLE = "Pakistani Military Commanders Urge Afghan Taliban To Act Against TTP"

GOLD_FILES = sorted(
    [*GOLD_DIR.glob("*.json"), *HOLDOUT_DIR.glob("*.json"), *FRESH_DIR.glob("*.json"),
     *FRESH2_DIR.glob("*.json"), *COUNTRIES_DIR.glob("*.json"),
     *FRESH3_DIR.glob("*.json"), *FRESH4_DIR.glob("*.json"),
     *FRESH5_DIR.glob("*.json"), *FRESH6_DIR.glob("*.json"),
     *FRESH7_DIR.glob("*.json"), *FRESH8_DIR.glob("*.json"),
     *FRESH9_DIR.glob("*.json")]
)

TOP_KEYS = {"bulletin", "annotator_notes", "stories"}
OPTIONAL_TOP_KEYS = {"annotated"}
STORY_KEYS = {
    "title",
    "start",
    "end",
    "start_text",
    "end_text",
    "people",
    "organisations",
    "places",
    "figures",
    "dates",
    "quotes",
    "sources",
    "reference_summary",
    "key_facts",
}
#: Wire layout (GOLD_FORMAT.md), annotated on the bulletins that carry it.
#: `country` is annotated on the development gold only: where the story happens.
OPTIONAL_STORY_KEYS = {"byline", "dateline", "country"}
NAMED_LISTS = ("people", "organisations", "places", "sources")


def _collapse(s: str) -> str:
    return re.sub(r"\s+", " ", s)


def _load(path: Path) -> tuple[dict, str]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    text = (ROOT / doc["bulletin"]).read_text(encoding="utf-8")
    return doc, text


def _spans(doc: dict, text: str):
    for i, story in enumerate(doc["stories"]):
        yield i, story, text[story["start"] : story["end"]]


def test_gold_files_exist():
    assert GOLD_FILES, "no gold files in evals/gold/"
    assert SEED_GOLD in GOLD_FILES


@pytest.mark.parametrize("bulletin", sorted(BULLETIN_DIR.glob("*.txt")), ids=lambda p: p.name)
def test_every_own_bulletin_has_gold_and_is_clean(bulletin: Path):
    dirs = (
        GOLD_DIR, HOLDOUT_DIR, FRESH_DIR, FRESH2_DIR, COUNTRIES_DIR, FRESH3_DIR, FRESH4_DIR,
        FRESH5_DIR, FRESH6_DIR, FRESH7_DIR, FRESH8_DIR, FRESH9_DIR,
    )
    gold = [d / f"{bulletin.stem}.json" for d in dirs]
    assert sum(g.is_file() for g in gold) == 1, f"no gold (or gold twice) for {bulletin.name}"
    raw = bulletin.read_bytes()
    raw.decode("utf-8")  # must be valid UTF-8
    assert b"\r" not in raw, "bulletins use LF line endings"
    assert raw.endswith(b"\n"), "bulletins end with a trailing newline"


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name)
def test_schema(gold: Path):
    doc = json.loads(gold.read_text(encoding="utf-8"))
    assert TOP_KEYS <= set(doc) <= TOP_KEYS | OPTIONAL_TOP_KEYS
    assert isinstance(doc["bulletin"], str) and isinstance(doc["annotator_notes"], str)
    assert Path(doc["bulletin"]).stem == gold.stem, "gold file is named after its bulletin"
    assert (ROOT / doc["bulletin"]).is_file(), f"bulletin {doc['bulletin']} not found"
    assert isinstance(doc["stories"], list) and doc["stories"]
    for i, s in enumerate(doc["stories"]):
        where = f"story {i + 1}"
        assert STORY_KEYS <= set(s) <= STORY_KEYS | OPTIONAL_STORY_KEYS, where
        # a country, or null where the story has no single one (it happens in orbit)
        assert s.get("country") is None or (isinstance(s["country"], str) and s["country"]), where
        assert s.get("byline") is None or (isinstance(s["byline"], str) and s["byline"]), where
        dateline = s.get("dateline")
        if dateline is not None:
            assert set(dateline) == {"text", "place", "date"}, where
            assert isinstance(dateline["text"], str) and dateline["text"], where
            for part in ("place", "date"):
                value = dateline[part]
                assert value is None or (isinstance(value, str) and value in dateline["text"]), (
                    where
                )
        assert s["title"] is None or (isinstance(s["title"], str) and s["title"]), where
        assert isinstance(s["start"], int) and isinstance(s["end"], int), where
        assert isinstance(s["start_text"], str) and isinstance(s["end_text"], str), where
        for p in s["people"]:
            allowed = {"name", "role", "aliases", "holder"}
            assert {"name", "role", "aliases"} <= set(p) <= allowed, where
            assert p["role"] is None or isinstance(p["role"], str), where
            # Whom or what the role is a role of (optional): the story's words, inside the role.
            holder = p.get("holder")
            assert holder is None or (isinstance(holder, str) and holder and p["role"]), where
        for key in ("organisations", "places", "sources"):
            for it in s[key]:
                assert set(it) == {"name", "aliases"}, (where, key)
        for key in NAMED_LISTS:
            for it in s[key]:
                assert isinstance(it["name"], str) and it["name"], (where, key)
                assert isinstance(it["aliases"], list), (where, key)
                assert all(isinstance(a, str) and a for a in it["aliases"]), (where, key)
        for f in s["figures"]:
            assert {"value", "context"} <= set(f) <= {"value", "context", "head"}, where
            # What the figure counts (optional): a non-empty phrase, scored against labels.
            assert f.get("head") is None or (isinstance(f["head"], str) and f["head"]), where
            assert isinstance(f["value"], str) and f["value"], where
            assert isinstance(f["context"], str) and f["context"], where
        for d in s["dates"]:
            assert set(d) == {"text"} and isinstance(d["text"], str) and d["text"], where
        for q in s["quotes"]:
            assert set(q) == {"text", "speaker"}, where
            assert isinstance(q["text"], str) and q["text"], where
            assert q["speaker"] is None or (isinstance(q["speaker"], str) and q["speaker"]), where
        assert isinstance(s["reference_summary"], str) and s["reference_summary"].strip(), where
        assert isinstance(s["key_facts"], list), where
        # A file that annotates no item (evals/countries/: stories and countries only) has
        # no key facts either; every other story has three to six.
        least = 0 if doc.get("annotated") == [] else 3
        assert least <= len(s["key_facts"]) <= 6, where
        assert all(isinstance(k, str) and k for k in s["key_facts"]), where


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name)
def test_offsets(gold: Path):
    doc, text = _load(gold)
    prev_end = 0
    for i, s, span in _spans(doc, text):
        where = f"story {i + 1}"
        start, end = s["start"], s["end"]
        assert 0 <= start < end <= len(text), where
        assert start >= prev_end, f"{where} overlaps or is out of order"
        prev_end = end
        assert text[start : start + 40] == s["start_text"], where
        assert text[end - 40 : end] == s["end_text"], where
        assert start == 0 or text[start - 1] == "\n", f"{where} does not start at a line start"
        assert end == len(text) or text[end] == "\n", f"{where}: text[end] is not a newline"
        assert not span[0].isspace() and not span[-1].isspace(), where
        if s["title"] is not None:
            # A wire slug ("UPDATE 2-") or a markdown "# " may precede the title on its line.
            first_line = span.split("\n", 1)[0]
            assert first_line.endswith(s["title"]), f"{where}: title is not its first line"
        lines = span.split("\n")
        if s.get("byline") is not None:
            assert s["byline"] in lines[1:4], f"{where}: byline is not a line under the title"
        if s.get("dateline") is not None:
            opening = [line for line in lines[1:5] if line.startswith(s["dateline"]["text"])]
            assert opening, f"{where}: no line under the title opens with the dateline"
    for i in range(1, len(doc["stories"])):
        gap = text[doc["stories"][i - 1]["end"] : doc["stories"][i]["start"]]
        # Blank, or a break between stories ("---", a script's "###"): no story's text.
        assert all(not line.strip() or is_separator(line) for line in gap.split("\n")), (
            f"text between stories {i} and {i + 1} is not blank"
        )
    for edge in (text[: doc["stories"][0]["start"]], text[doc["stories"][-1]["end"] :]):
        assert all(not line.strip() or is_separator(line) for line in edge.split("\n"))


@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: p.name)
def test_items_occur_in_their_story(gold: Path):
    doc, text = _load(gold)
    for i, s, span in _spans(doc, text):
        where = f"story {i + 1}"
        flat = _collapse(span)
        for key in NAMED_LISTS:
            for it in s[key]:
                for name in [it["name"], *it["aliases"]]:
                    assert name in span, f"{where} {key}: {name!r} not in story"
        for f in s["figures"]:
            assert f["value"] in span, f"{where} figure {f['value']!r} not in story"
        for d in s["dates"]:
            assert d["text"] in span, f"{where} date {d['text']!r} not in story"
        for q in s["quotes"]:
            assert q["text"] == _collapse(q["text"]).strip(), f"{where}: quote not single-spaced"
            assert q["text"] in flat, f"{where} quote {q['text'][:40]!r}... not in story"
            if q["speaker"] is not None:
                assert q["speaker"] in span, f"{where} speaker {q['speaker']!r} not in story"
        for k in s["key_facts"]:
            assert k in span, f"{where} key fact {k!r} not in story"


def test_seed_gold():
    doc, _ = _load(SEED_GOLD)
    assert doc["bulletin"] == "seeds/000_308f2c399fe30051.txt"
    assert len(doc["stories"]) == 6
    assert doc["stories"][0]["title"] == SEED_FIRST_TITLE
    assert doc["stories"][0]["start"] == 0
    assert all(s["title"] is None for s in doc["stories"][1:])
