"""A bare share is of the whole an earlier share of its sentence names; a headline's figure
is the first paragraph's, read to its second sentence. Sentences written for these tests."""

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


def test_a_headline_figure_is_the_first_paragraphs_second_sentences() -> None:
    text = (
        "Airliner overruns runway in Pokhara, injuring 27\n\n"
        "A turboprop overran the runway on Monday evening, injuring dozens of people. The "
        "injury toll rose to 27 on Tuesday from an earlier 15, the aviation authority said.\n\n"
        "Flights resumed on Wednesday after the runway was cleared."
    )
    figures = [c for c in extract_candidates(text) if c.kind == "figure" and c.text == "27"]
    assert len(figures) == 1
    assert "toll" in (figures[0].context or "")
