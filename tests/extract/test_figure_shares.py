"""A bare share is of the whole an earlier share of its sentence names (a change is not); a
headline's amount is the body's same amount further down, a bare count only where the first
paragraph counts the same kind of toll. Sentences written for these tests."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates
from tests.extract.test_figure_labels import _label


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        ("The Labour Front came second with 31.2% of the vote, and the Green Alliance won "
         "8.5%.", "8.5%", "vote"),
        ("The coalition won 44% of the seats in the north, and the rival bloc took 21%.",
         "21%", "seats"),
    ],
)
def test_a_bare_share_is_of_the_whole_an_earlier_share_names(
    sentence: str, value: str, wanted: str
) -> None:
    assert wanted in _label(sentence, value).split()


@pytest.mark.parametrize(
    ("sentence", "value", "unwanted"),
    [
        # No earlier share names a whole: nothing to borrow (a measure is no whole).
        ("Turnout was 61%, and the ruling party won 40%.", "40%", "Turnout"),
        ("Shares rose 4% and profit climbed 12%.", "12%", "Shares"),
    ],
)
def test_no_whole_is_borrowed_where_no_earlier_share_names_one(
    sentence: str, value: str, unwanted: str
) -> None:
    assert unwanted not in _label(sentence, value)


def test_a_headline_amount_is_the_bodys_same_amount_further_down() -> None:
    # Money, a share or a measure is the same figure wherever the body repeats it; the
    # body's label says what it is (a headline ending in a full stop is still a headline).
    text = (
        "Lagos gets $2.4 billion rail link approval.\n\n"
        "The federal government has approved a light rail line for the city's mainland, "
        "ending a decade of delays.\n\n"
        "The $2.4 billion project will be built in three phases, the transport minister said."
    )
    figures = [c for c in extract_candidates(text) if c.kind == "figure"]
    money = [f for f in figures if f.text == "$2.4 billion"]
    assert len(money) == 1 and "project" in (money[0].context or "")


def test_a_headline_count_is_not_merged_with_another_count_further_down() -> None:
    # A bare count further down may count something else ("3 dead" is not "3 missing").
    text = (
        "Storm leaves 3 dead in Philippines\n\n"
        "A tropical storm swept across Luzon on Saturday. Three fishermen drowned when "
        "their boat capsized, and 3 more people were missing."
    )
    threes = [c for c in extract_candidates(text) if c.kind == "figure" and c.text == "3"]
    assert not any("missing" in (f.context or "") and len(f.mentions) > 1 for f in threes)


@pytest.mark.parametrize(
    ("text", "value", "wanted"),
    [
        ("Quake kills 52 in northern Peru\n\nA magnitude 7.0 earthquake struck the region on "
         "Monday night, flattening adobe homes. The death toll rose to 52 on Tuesday, "
         "officials said.\n\nAid arrived by road.", "52", "death"),
        ("Ferry runs aground off Zanzibar, injuring 17\n\nA passenger ferry ran aground on a "
         "reef on Sunday. The injury toll reached 17 by the evening, the port said.",
         "17", "injury"),
    ],
)
def test_a_headline_toll_is_the_first_paragraphs_toll_of_the_same_kind(
    text: str, value: str, wanted: str
) -> None:
    figures = [c for c in extract_candidates(text) if c.kind == "figure" and c.text == value]
    assert len(figures) == 1 and wanted in (figures[0].context or "")


@pytest.mark.parametrize(
    ("sentence", "value", "unwanted"),
    [
        ("Apple holds 20% of the smartphone market, and its shares rose 3% on Tuesday.",
         "3%", "smartphone"),
        ("China accounts for 35% of global output, and its economy grew 5.2% last year.",
         "5.2%", "output"),
    ],
)
def test_a_change_is_no_share_of_an_earlier_whole(
    sentence: str, value: str, unwanted: str
) -> None:
    assert unwanted not in _label(sentence, value)
