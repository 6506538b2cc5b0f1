"""A number that names something is no figure; a measure's value and a count still are."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates


def _figures(text: str) -> list[str]:
    return [c.text for c in extract_candidates(text) if c.kind == "figure"]


@pytest.mark.parametrize(
    ("text", "name_number"),
    [
        ("The Apollo 11 crew splashed down in the Pacific on Thursday.", "11"),
        ("Guests queued outside Studio 54 until dawn, the club said.", "54"),
        ("The Movimento 5 Stelle party won the vote in Genoa.", "5"),
        ("Troops fired at border posts 17 and 18 near the river, officials said.", "18"),
        ("The council passed Resolution 2231 after a long debate.", "2231"),
        ("Users of 4chan posted the video before it was taken down.", "4chan"),
        # A number word capitalised after a name is the name's.
        ("She raced in Formula Two before moving to sports cars.", "Two"),
        ("The president boarded Air Force One in Dallas.", "One"),
    ],
)
def test_a_number_in_a_name_is_no_figure(text: str, name_number: str) -> None:
    assert not any(name_number in f for f in _figures(text))


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The strongest aftershock was of magnitude 5.4, the institute said.", "5.4"),
        ("Rescuers pulled 14 people from the rubble in Izmir on Monday.", "14"),
        ("The exhibit shows 100 photographs from the 1970s.", "100"),
    ],
)
def test_a_count_or_a_measure_is_still_a_figure(text: str, figure: str) -> None:
    assert any(figure in f for f in _figures(text))


def test_a_count_is_not_labelled_with_a_unit_of_time_before_it() -> None:
    """'exploded 73 seconds after liftoff, killing all six aboard': not six seconds."""
    text = ("The rocket exploded 73 seconds after liftoff on Tuesday, killing all six aboard, "
            "the agency said.")
    six = next(c for c in extract_candidates(text) if c.kind == "figure" and c.text == "six")
    assert "seconds" not in six.context


def test_a_ratio_is_one_figure_labelled_by_what_its_whole_counts() -> None:
    """'one in three visits': read as two numbers, "three" would count the visits."""
    figures = {
        c.text: c.context
        for c in extract_candidates("Nearly one in four adults in the region smokes daily.")
        if c.kind == "figure"
    }
    assert list(figures) == ["one in four"] and "adults" in figures["one in four"]
    # a part larger than its whole is no ratio: two counts
    assert _figures("Gunmen killed 5 in 2 attacks on Monday.") == ["5", "2"]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Air strikes killed 12 in 24 hours, medics said.", ["12", "24 hours"]),
        ("Gunmen killed 3 in 5 attacks on Monday.", ["3", "5"]),
        ("About 1,500 in 10,000 patients recovered.", ["1,500", "10,000"]),
        ("Around 1 in 2 million people carry the gene.", ["Around 1", "2 million"]),
    ],
)
def test_counts_with_in_between_are_no_ratio(text: str, figures: list[str]) -> None:
    """A count and when or where ("12 in 24 hours", "3 in 5 attacks"), and numbers whose
    whole goes on ("1,500", "2 million"), are not "A in B" ratios."""
    assert _figures(text) == figures


def test_a_headline_figure_is_the_bodys_figure_with_its_label() -> None:
    """A sentence-case headline ("Landslides kill 23 ...") repeats the lead's count: one
    figure, labelled from the body, never "Landslides kill"."""
    figures = [
        (c.text, c.context)
        for c in extract_candidates(
            "Storms kill 14 in the northern hills as rivers burst their banks\n\n"
            "At least 14 people were killed when rivers burst their banks on Sunday."
        )
        if c.kind == "figure"
    ]
    assert figures == [("14", "people were killed (At least)")]
    # a figure further down with the headline's value is another count
    later = [
        (c.text, c.context, len(c.mentions))
        for c in extract_candidates(
            "Storm kills 5 in coastal towns\n\nFive people died when the storm hit on Sunday. "
            "Officials later closed 5 roads."
        )
        if c.kind == "figure" and c.context == "roads"
    ]
    assert later == [("5", "roads", 1)]


def test_a_capitalised_number_word_in_a_headline_is_still_a_figure() -> None:
    """Every word of a title-case headline is capitalised: "Kills Five" names nothing."""
    figures = _figures("Ferry Fire Kills Five\n\nFive passengers died when a fire broke out.")
    assert any(f.casefold() == "five" for f in figures)


def test_the_minute_of_a_goal_is_no_figure() -> None:
    """"Osei (12', 77')" in a match's statistics: minutes of play, not counts."""
    text = "Goals for Rovers: Osei (12', 77'), Lisle (90+3'). Attendance was 21,400."
    figures = _figures(text)
    assert not any(f.startswith(("12", "77", "90")) for f in figures)
    assert "21,400" in figures
    # A single-quoted quote ending in a number, and a length after a common noun, stay.
    assert "9" in _figures("The coach said the squad was 'down to 9', with two players ill.")
    assert "31" in _figures("The yacht (31') was towed into the harbour.")


def test_one_that_introduces_an_unnamed_speaker_is_no_figure() -> None:
    """'one EU official said': an unnamed source, whatever words name whose it is."""
    text = "The quota must fall, one senior Commission official said on Monday."
    assert not any(f.casefold() == "one" for f in _figures(text))
    # A count of one that a clause is about still counts; so does one whose verb has an
    # object, which no speech verb takes ("added 500 jobs", not "added that ...").
    assert any(f.casefold() == "one" for f in _figures(
        "One Dutch supplier added 300 jobs at the plant in May."))
    assert any(f.casefold() == "one" for f in _figures(
        "Only one senior official attended the summit in Oslo."))


def test_a_body_figure_takes_no_label_from_the_headline_alone() -> None:
    """A match report's score line under its headline and date line: the parser runs the
    headline into the score line and labels the score with "Quick strike sees"; no label
    is better than the headline's words."""
    text = ("Quick strike sees Porto advance over Lyon\nWednesday, March 7, 2007\n"
            "Porto 2(6) 1(5) Lyon Match Stats Attendance 50500 Goalscorers for Porto "
            "Silva (1'), Costa (66')")
    labels = [c.context for c in extract_candidates(text) if c.kind == "figure"]
    assert labels and not any("sees" in label for label in labels)


def test_a_number_of_ways_is_no_figure() -> None:
    """'a two-way highway', 'a three-way race': how many sides a thing has, an adjective."""
    figures = _figures("Rivals set up a three-way race for the seat, funded by two donors.")
    assert [f.casefold() for f in figures] == ["two"]


@pytest.mark.parametrize(
    "text",
    [
        "Delegates ended the week in a 2-way split over the fishing quotas.",
        "Crews reopened the 12-way junction outside Leeds on Friday.",
    ],
)
def test_a_number_of_ways_in_digits_is_no_figure(text: str) -> None:
    """The NER model's cardinal must not bring back the number the ways rule set aside."""
    assert _figures(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Of all the portraits, that one face stayed with the jury.",
        "The mayor called the ruling one example of a wider failure.",
        "On one level, the film is a comedy about a wedding.",
        "One farmer, Joseph Mutua, lost his whole herd in the drought.",
        "On the one hand, the film is a comedy about a wedding.",
    ],
)
def test_one_as_an_indefinite_is_no_figure(text: str) -> None:
    """'that one face', 'one example of', 'on one level', 'one farmer, X,': an indefinite or
    emphatic "one", or someone the story goes on to name, counts nothing."""
    assert _figures(text) == []


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Rebels fired one rocket at the base overnight.", "one"),
        ("The home side won by one goal after extra time.", "one"),
        # A review's cases: a count of a noun on the instance list, or before a name.
        ("The miner lost one hand in the accident.", "one"),
        ("The new stadium has only one level of seating.", "one"),
        ("The club signed one striker, Ivan Petrov, and two defenders.", "one"),
    ],
)
def test_one_that_counts_is_still_a_figure(text: str, figure: str) -> None:
    assert any(f.casefold().startswith(figure) for f in _figures(text))


@pytest.mark.parametrize(
    ("text", "decade"),
    [
        ("The band toured Europe throughout the 70's and split in 1981.", "70"),
        ("Rents were lower in the early 60’s, residents recall.", "60"),
    ],
)
def test_a_decade_with_an_apostrophe_is_a_date(text: str, decade: str) -> None:
    found = extract_candidates(text)
    assert not [c for c in found if c.kind == "figure"]
    assert any(decade in c.text for c in found if c.kind == "date")


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The winner crossed the line in 1 minute, 58.2 seconds.", "1 minute, 58.2 seconds"),
        ("She served four years, six months of her sentence.", "four years, six months"),
    ],
)
def test_a_time_of_two_units_set_off_by_a_comma_is_one_count(text: str, figure: str) -> None:
    assert figure in _figures(text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("UPDATE 1-Regulators fine lender $3.4 bln over rate rigging\n\nLONDON, May 2 "
         "(Reuters) - Regulators on Friday fined the lender $3.4 billion over rate rigging.",
         "$3.4 billion"),
        ("Port gets £2.5bn upgrade\n\nThe government will spend £2.5 billion on the port, "
         "the minister said.", "£2.5 billion"),
    ],
)
def test_a_headline_s_short_scale_is_the_body_s_amount(text: str, body: str) -> None:
    """'$3.4 bln' over '$3.4 billion': one figure, in the body's words."""
    money = [c.text for c in extract_candidates(text) if c.kind == "figure" and c.text[0] in "$£"]
    assert money == [body]
