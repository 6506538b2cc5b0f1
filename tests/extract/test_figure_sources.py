"""What is no count though written with a number: an unnamed source ("one reader"), a number
inside a web address; and thousands grouped by dots, which are one count. Sentences written
for these tests."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates


def _figures(text: str) -> list[str]:
    return [c.text for c in extract_candidates(text) if c.kind == "figure"]


@pytest.mark.parametrize(
    "sentence",
    [
        "One reader pointed out that the minister had never visited the dam.",
        "One witness at the hearing in Lagos alleged that the guards had been paid.",
        "One analyst at the bank thinks the rate will fall in spring.",
    ],
)
def test_one_source_reporting_a_clause_is_no_count(sentence: str) -> None:
    """'One reader' who reports or thinks a clause is an unnamed source: printing **One**
    as a figure would count readers the story never counted."""
    assert _figures(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("One soldier was killed when the convoy was hit.", "One"),
        ("One man was arrested near the border, police said.", "One"),
        ("One passenger said that 40 trucks were stuck.", "40"),
        # Modified, "one" is the count the sentence is about: one juror, not two.
        ("Only one juror believed that the defendant was guilty.", "one"),
    ],
)
def test_a_count_of_one_is_still_a_count(sentence: str, value: str) -> None:
    """A subject that dies, is arrested or is counted governs no reported clause."""
    assert value in _figures(sentence)


def test_a_number_inside_a_web_address_is_no_figure() -> None:
    sentence = "See http://www.example-news.com/Articles/news.asp?ArticleID=97508 for 12 photos."
    assert _figures(sentence) == ["12"]
    assert _figures("Investigators traced 12 calls to 192.168.100.200 last week.") == ["12"]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The fund could save 10.000.000 people a year.", "10.000.000"),
        ("The debt grew to 2.500.000.", "2.500.000"),
    ],
)
def test_thousands_grouped_by_dots_are_one_figure(sentence: str, value: str) -> None:
    assert value in _figures(sentence)


def test_one_dotted_group_stays_a_decimal() -> None:
    """'Firmware 10.500 ships' is no thousands (one group); 'rose 2.125%' a decimal."""
    assert "2.125%" in _figures("The yield rose 2.125% on Monday.")
