"""An age is labelled "age", never with the noun its clause happens to have ("**88**: My
mother"); a count a copula says a thing is stays that thing's."""

from __future__ import annotations

import pytest

from tests.extract.test_figure_kinds import _label


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("My grandfather is 93 and still drives to the market.", "93"),
        ("She was 71 when the album came out.", "71"),
        ("The poet, who is 45, read from her new book.", "45"),
        ("Famed drummer Kofi Mensah dies at 77", "77"),
        ("The sculptor died on Friday at 102 in her studio.", "102"),
        ("The club trains 200 girls aged between 9 and 16.", "9"),
        ("The club trains 200 girls aged between 9 and 16.", "16"),
        ("A woman aged 34 was taken to hospital.", "34"),
        # An age a person turns.
        ("The singer, who turns 80 next week, will give one last concert.", "80"),
        ("She turned 40 on Monday.", "40"),
    ],
)
def test_an_age_is_labelled_age(sentence: str, value: str) -> None:
    assert _label(sentence, value) == "age"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The price was 93 on Friday.", "93"),
        ("The tower is 71 metres tall.", "71 metres"),
        ("The final score was 45 to 30.", "45"),
        ("Prices died down at 77 after the auction.", "77 after"),
        # A thing that turns a number, a phrasal "turn".
        ("The firm turns 100 this year.", "100"),
        ("He turned down 40 offers.", "40"),
        ("He turned 3 of the club's 5 penalties into goals last season.", "3"),
        # Scores, groups, a sentence's first word typed a person's, times of day.
        ("Mensah was 45 not out at stumps.", "45"),
        ("Ghana, who were 98 for four, needed 60 more.", "98"),
        ("Her cousins were 9 at the wedding.", "9"),
        ("Attendance was 72, the club said.", "72"),
        ("The patient died at 4 on Sunday morning.", "4"),
    ],
)
def test_a_thing_s_count_is_no_age(sentence: str, value: str) -> None:
    assert _label(sentence, value.split(" after")[0]) != "age"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # The compound's first hyphen left out, as real copy often does.
        ("After the final, the 31 year-old said she would rest.", "31 year"),
        ("Police arrested the 47 year old at his home.", "47 year"),
        # The second hyphen left out: the first already makes the compound, wherever it is.
        ("An injured, two-month old foal was found in the field.", "two-month"),
        ("Vets treated a 3-week old calf on Sunday.", "3-week"),
    ],
)
def test_a_count_of_years_before_old_is_an_age(sentence: str, value: str) -> None:
    assert _label(sentence, value) == "age"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The club signed a 10 year lease on the ground.", "10 year"),
        # A span of time before a phrase that opens with "old": no compound of the figure.
        ("Over 15 years old-growth woodland in the park has halved.", "15 years"),
        ("Farmers marched against a 2 year old-age pension freeze.", "2 year"),
    ],
)
def test_a_count_of_years_before_another_phrase_is_no_age(sentence: str, value: str) -> None:
    assert _label(sentence, value) != "age"


def test_a_tally_in_a_bracket_inside_a_bracket_is_no_age() -> None:
    """A match's statistics give bookings as "Okafor, Brandt (Yellow (2))": a count in a
    bracket inside a bracket is a tally, not the age of the name before it."""
    text = "Cautions (Rovers) Okafor, Brandt (Yellow (2)), Lisle (Red (1))"
    assert _label(text, "2") != "age"
    # An age bracketed once after a name is still an age, and so is one in an aside.
    assert _label("The driver, Tomas Brandt (44), was unhurt.", "44") == "age"
    assert _label("Two people (among them the cook, Ada Moss (52)) were hurt.", "52") == "age"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The ferry carries pupils under 16 free of charge.", "16"),
        ("Flu shots are free for residents over 70 from Monday.", "70"),
        ("Of the 40 injured, nine were children under 10.", "10"),
    ],
)
def test_a_bound_on_a_bare_count_after_people_is_their_age(sentence: str, value: str) -> None:
    assert _label(sentence, value) == "age"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # A bound after things, or a count of a noun after the number, is no age.
        ("Shops under 50 square metres may open on Sundays.", "50"),
        ("Farms under 20 hectares get the subsidy.", "20"),
        ("Boats over 12 metres need a licence.", "12"),
    ],
)
def test_a_bound_after_things_is_no_age(sentence: str, value: str) -> None:
    assert _label(sentence, value) != "age"
