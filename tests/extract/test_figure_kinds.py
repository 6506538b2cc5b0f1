"""Figures' values keep their sign and their currency's owner; labels of lengths of time,
amounts after 'worth' and measures given to 'each'. Sentences written for these tests."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates
from summariser.extract.figure_labels import figure_label
from summariser.extract.story import _Story
from summariser.nlp import load_nlp


def _figures(text: str) -> list[str]:
    return [c.text for c in extract_candidates(text) if c.kind == "figure"]


def _label(sentence: str, value: str) -> str:
    story = _Story(sentence, load_nlp()(sentence))
    start = sentence.index(value)
    return figure_label(story, start, start + len(value))


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        (
            "Night temperatures fell to minus 18 degrees Celsius in the pass.",
            "minus 18 degrees Celsius",
        ),
        ("Lows of -7C were forecast for the capital on Sunday.", "-7C"),
        ("The index posted a return of -4.2% over the year.", "-4.2%"),
    ],
)
def test_a_figure_keeps_its_sign(sentence: str, value: str) -> None:
    """Without its sign a temperature or a return says the opposite of the story."""
    assert value in _figures(sentence)


def test_a_hyphen_between_numbers_is_no_sign() -> None:
    figures = _figures("Between 40-60 homes were flooded and the match ended 2-0.")
    assert not any(f.startswith("-") for f in figures)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        (
            "The ministry fined the bank 12 million Norwegian crowns on Friday.",
            "12 million Norwegian crowns",
        ),
        (
            "The port authority borrowed 800 million Hong Kong dollars last year.",
            "800 million Hong Kong dollars",
        ),
        (
            "The settlement was worth 3.5 million Australian dollars, the court heard.",
            "3.5 million Australian dollars",
        ),
    ],
)
def test_a_currency_keeps_its_countrys_word(sentence: str, value: str) -> None:
    assert value in _figures(sentence)


def test_crowns_alone_are_no_currency() -> None:
    assert not any("crowns" in f for f in _figures("The club has won four crowns in six seasons."))


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        (
            "The law sets a minimum sentence of seven years in jail for the offence.",
            "seven years",
            "sentence",
        ),
        (
            "The airline blamed a delay of five hours at the gate on the storm.",
            "five hours",
            "delay",
        ),
        (
            "The council awarded three leases worth a combined 9 million euros to the firm.",
            "9 million euros",
            "leases",
        ),
        (
            "The two turbines, each weighing about 300 tonnes, arrived by barge.",
            "300 tonnes",
            "turbines",
        ),
        # (The parser may hang "worth" on the amount itself: it is still the link.)
        (
            "He was told to pay a fine of 2 million soms, and land worth 80 million soms, "
            "including a farm near the border, was seized.",
            "80 million soms",
            "land",
        ),
    ],
)
def test_the_label_is_what_the_figure_measures(sentence: str, value: str, wanted: str) -> None:
    assert wanted in _label(sentence, value)


def test_where_a_sentence_is_served_is_no_label() -> None:
    assert "jail" not in _label(
        "The law sets a minimum sentence of seven years in jail for the offence.", "seven years"
    )


@pytest.mark.parametrize(
    ("sentence", "unwanted"),
    [
        ("The survey's margin of error is plus or minus 4 percentage points.", "minus 4"),
        ("By 2031 Mexican pesos will be issued only in digital form, the bank said.", "2031"),
        # (The NER model may read the year and the currency as an amount of money.)
        ("By 2031 Swiss francs will be issued only in digital form, the bank said.", "2031"),
        ("Supporters gave 2,000 Champions League pounds to the appeal.", "League pounds"),
    ],
)
def test_no_sign_or_currency_a_sentence_does_not_give(sentence: str, unwanted: str) -> None:
    """A margin is no negative figure; a year is no amount; a competition is no country."""
    assert not any(unwanted in f for f in _figures(sentence))


def test_a_bound_of_a_length_of_time_is_no_label() -> None:
    assert "minimum" not in _label(
        "The crime carries a minimum of five years in prison.", "five years"
    )


def test_a_signed_amount_the_parser_hangs_on_its_sign_is_the_verbs() -> None:
    """The parser may read "minus" as a conjunction on the verb, with the amount as its
    object; the amount is still what the clause's subject reaches."""
    sentence = (
        "The crew wintered at the base, where temperatures seldom rise above minus 30 degrees "
        "Celsius."
    )
    assert "temperatures" in _label(sentence, "minus 30 degrees Celsius")


@pytest.mark.parametrize(
    ("sentence", "value", "label"),
    [
        (
            "The bureau had forecast winds of up to 150 kph, but a buoy off the cape logged "
            "190 kph.",
            "190 kph",
            "winds",
        ),
        (
            "Pollsters had predicted participation of 70%, but only 52% voted.",
            "52%",
            "participation",
        ),
    ],
)
def test_an_actual_beside_a_forecast_measures_what_the_forecast_names(
    sentence: str, value: str, label: str
) -> None:
    """A value with no noun of its own, set against a forecast by "but", is of the measure
    the forecast names, not of whoever recorded it."""
    assert label in _label(sentence, value)


def test_an_amount_for_something_else_beside_a_forecast_keeps_its_own_label() -> None:
    """An amount the clause says is for something else ("on buybacks") is not the
    forecast's measure."""
    sentence = "Analysts expected profit of $1 billion, but the firm spent $2 billion on buybacks."
    assert "profit" not in _label(sentence, "$2 billion")


def test_a_sign_read_as_a_prepositions_object_still_leaves_the_amount_the_verbs() -> None:
    """'fell to minus 0.3%': the parser may take "minus" for the object of "to"."""
    assert "yields" in _label("Bond yields fell to minus 0.3% on Friday.", "minus 0.3%")


@pytest.mark.parametrize(
    ("sentence", "value", "wrong"),
    [
        # Money moved, not measured (`transaction_verbs`).
        ("Analysts had forecast profit of $1.5 billion, but the firm spent $2 billion.",
         "$2 billion", "profit"),
        # Another unit: not the forecast's measure.
        ("Forecasters had predicted rainfall of 50 mm, but winds reached 100 kph.",
         "100 kph", "rainfall"),
        # A change of something, not its level.
        ("Traders had expected output of 2 million barrels, but the cartel cut 500,000 barrels.",
         "500,000 barrels", "output"),
    ],
)
def test_an_amount_of_another_thing_beside_a_forecast_is_not_its_measure(
    sentence: str, value: str, wrong: str
) -> None:
    assert wrong not in _label(sentence, value)


def test_a_time_or_place_phrase_does_not_stop_an_actual_taking_the_forecasts_measure() -> None:
    sentence = "Meteorologists had forecast 100 mm of rain, but 160 mm fell in Sydney."
    assert _label(sentence, "160 mm") == "rain"


def _context(text: str, value: str) -> str:
    """The label the extractor gives a figure, comparisons read (`figure_standards`)."""
    return next(
        c.context for c in extract_candidates(text) if c.kind == "figure" and c.text == value
    )


def test_a_rate_after_an_amount_is_no_label() -> None:
    """'rose to 300 naira a litre from 250 naira': "a litre" is the amount's rate, not what
    the verb changes nor what the second amount is of; "a total of" is no rate."""
    text = "Fuel prices rose to 300 naira a litre from 250 naira in Lagos."
    assert "prices" in _label(text, "300 naira")
    assert "prices" in _label(text, "250 naira")
    assert "total" in _label("The regulator fined 40 firms a total of €2 million.", "€2 million")


def test_a_standard_after_a_verb_of_beating_is_of_what_it_is_compared_with() -> None:
    text = (
        "Kenya's tea exports rose 6% to 610,000 tonnes in the first ten months, beating the "
        "580,000 tonnes the board had forecast."
    )
    assert "exports" in _context(text, "580,000 tonnes")


def test_crowns_after_a_scale_word_are_money() -> None:
    """'4 billion crowns' is an amount of money; 'won three crowns' is not."""
    assert "4 billion crowns" in _figures("The plan will cost 4 billion crowns over a decade.")
    assert "three crowns" not in _figures("She has won three crowns in Rome.")


def test_a_measure_coordinated_with_another_is_said_of_the_same_thing() -> None:
    text = "The new bridge, 1.2 kilometres long and 30 metres wide, opened on Monday."
    assert "bridge" in _label(text, "30 metres")


def test_an_amount_after_a_verbs_end_point_the_parser_hung_elsewhere() -> None:
    """'fell to minus 30 degrees Celsius and heavy snow blocked': the parser makes the
    amount part of the next clause's subject; "fell to" still makes it the fall's."""
    text = (
        "Schools closed after temperatures in the north fell to minus 30 degrees Celsius and "
        "heavy snow blocked the roads."
    )
    assert "temperatures" in _label(text, "minus 30 degrees Celsius")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # An end below the start is what the first amount comes to, set off by a dash.
        ("Savers earn 4% on £10,000 – £400 a year before tax.", ["4%", "£10,000", "£400"]),
        # A year, then a level: "in 2015 to $221bn" is no range.
        ("Spending was up by 6% in 2019 to $140bn.", ["6%", "$140bn"]),
        # Real ranges stay whole, in digits, with scales, or in money.
        ("Between 1.5 to 2 million people fled.", ["1.5 to 2 million"]),
        ("Rents of £3,000-£5,000 a month are common.", ["£3,000-£5,000"]),
    ],
)
def test_a_range_runs_upward_from_a_number_that_is_no_year(text: str, wanted: list[str]) -> None:
    assert _figures(text) == wanted
