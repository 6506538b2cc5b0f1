"""What is no count though written with a number: an unnamed source ("one reader"), a number
inside a web address, "one day" meaning some day; and what is one count though written in
parts: thousands grouped by dots or spaces, a share of a scale ("half a million").
Sentences written for these tests."""

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


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The minister spoke before over 12 000 farmers in the square.", "12 000"),
        ("Some 2 350 000 ballots were printed.", "2 350 000"),
        ("The prize rose to 4 500.50 euros.", "4 500.50 euros"),
        ("Organisers counted 12\u2009000 runners.", "12\u2009000"),  # a thin space
    ],
)
def test_thousands_grouped_by_spaces_are_one_figure(sentence: str, value: str) -> None:
    """'12 000' read as '12' and '000' prints two figures, neither of them the story's."""
    figures = _figures(sentence)
    assert any(value in f for f in figures), figures
    assert not any(f.strip() == "000" for f in figures)


def test_a_space_between_two_numbers_is_no_thousands_group() -> None:
    """'Route 9 is 1 200 km long': '9 1' is not a group (the second part is not three
    digits after the first), and a year beside a count stays two figures."""
    assert "1 200 km" in _figures("Route 9 is 1 200 km long.")
    assert _figures("In 2019 150 families moved.") == ["150"]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Half a million people left the city.", "Half a million"),
        ("Nearly half a billion dollars was lost.", "half a billion"),
        ("A quarter million tickets were sold.", "A quarter million"),
        ("About a quarter of a million homes lost power.", "a quarter of a million"),
        ("Three quarters of a million voters stayed home.", "Three quarters of a million"),
    ],
)
def test_a_share_of_a_scale_is_one_number(sentence: str, value: str) -> None:
    """'half a million' read as 'a million' doubles the figure: a wrong value printed."""
    figures = _figures(sentence)
    assert any(value in f for f in figures), figures
    assert "a million" not in figures and "a billion" not in figures


@pytest.mark.parametrize(
    "sentence",
    [
        "They are young, and one day they are going to come back to the party.",
        "One day, he said, the river will be clean again.",
    ],
)
def test_one_day_before_its_subject_is_some_day(sentence: str) -> None:
    """'one day they will ...' is an indefinite time, not a count of days."""
    assert _figures(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The strike lasted one day.", "one day"),
        ("He stayed one day in Nairobi before flying home.", "one day"),
        ("One day after the vote, 12 people were arrested.", "One day"),
    ],
)
def test_one_day_as_a_length_or_a_count_stays_a_figure(sentence: str, value: str) -> None:
    assert value in _figures(sentence)
