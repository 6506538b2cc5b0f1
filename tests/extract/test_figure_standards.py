"""A comparison's standard counts what the figure compared with it counts (issue 17).

The sentences are written for these tests; the rule reads the figures the extractor found.
"""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates


def _labels(text: str, *, disabled: frozenset[str] = frozenset()) -> dict[str, str]:
    return {
        c.text: c.context or "" for c in extract_candidates(text, disabled=disabled)
        if c.kind == "figure"
    }


@pytest.mark.parametrize(
    ("sentence", "value", "wanted", "unwanted"),
    [
        # A relative clause after the standard: its words are not what it counts.
        ("Gas shipments restarted in May at about 40,000 barrels a day, short of the 55,000 "
         "bpd the ministry had pledged.", "55,000 bpd", "Gas shipments", "ministry"),
        ("The squad played six friendlies in the summer, short of the nine it had scheduled.",
         "nine", "friendlies", ""),
        ("The port handled 830 ships in March, up from 610 in February, but well below the "
         "1,500 or so a month that called there before the strike.", "1,500", "ships",
         "strike"),
        # The parser read the relative clause's subject as the figure's noun.
        ("The town measured 95 millimetres of snow overnight, far above the 40 mm "
         "meteorologists had expected.", "40 mm", "snow", "meteorologists"),
        # A forecast standard says so, beside what it forecasts.
        ("Factory output grew 3.4% in May, above the 2.9% forecast by analysts.", "2.9%",
         "Factory output", ""),
        ("Factory output grew 3.4% in May, above the 2.9% forecast by analysts.", "2.9%",
         "forecast", ""),
    ],
)
def test_a_standard_counts_what_it_is_compared_with(
    sentence: str, value: str, wanted: str, unwanted: str
) -> None:
    label = _labels(sentence)[value]
    assert wanted in label
    if unwanted:
        assert unwanted not in label


def test_money_is_compared_with_money_past_a_possessive() -> None:
    labels = _labels(
        "The ministry said the grants were part of $5.4 billion in new aid for 14 countries "
        "this year, up 30% from last year's $4.1 billion."
    )
    assert labels["$4.1 billion"] == labels["$5.4 billion"] == "new aid"


def test_a_budgeted_standard_is_not_the_budgeter() -> None:
    labels = _labels(
        "Ticket sales brought in 3.2 million euros, well above the 2.5 million euros the club "
        "had budgeted."
    )
    assert "Ticket sales" in labels["2.5 million euros"]
    assert "club" not in labels["2.5 million euros"]


def test_a_standard_with_a_noun_of_its_own_keeps_it() -> None:
    labels = _labels(
        "The mill produced 12,000 tonnes of sugar, below the 15,000 tonnes of molasses it "
        "processed a year earlier."
    )
    assert "molasses" in labels["15,000 tonnes"]


def test_a_standard_is_never_compared_with_another_standard() -> None:
    labels = _labels(
        "Toll income would reach about $2.6 billion, short of the board's first estimate of "
        "$3 billion but well above the $1.9 billion collected in 2023."
    )
    assert "Toll income" in labels["$1.9 billion"]
    assert "estimate" not in labels["$1.9 billion"]


def test_a_share_is_not_compared_with_money() -> None:
    labels = _labels(
        "Exports reached $4 billion, above the 35% of output the plan had set aside."
    )
    assert "Exports" not in labels.get("35%", "")


def test_the_family_can_be_switched_off() -> None:
    text = ("The squad played six friendlies in the summer, short of the nine it had "
            "scheduled.")
    assert "friendlies" in _labels(text)["nine"]
    assert "friendlies" not in _labels(text, disabled=frozenset({"compared-figures"}))["nine"]


@pytest.mark.parametrize(
    ("sentence", "value", "unwanted"),
    [
        # A bound with no article is no figure compared: an age limit, a threshold.
        ("The clinic treated 45 patients on Sunday, all of them above 70.", "70", "patients"),
        ("Some 2,000 people applied for the 40 posts, open to those no older than 35.", "35",
         "posts"),
    ],
)
def test_a_bound_is_not_a_standard(sentence: str, value: str, unwanted: str) -> None:
    assert unwanted not in _labels(sentence).get(value, "")


def test_the_base_of_a_figure_is_not_what_a_standard_is_compared_with() -> None:
    labels = _labels(
        "Profit rose to $800 million on sales of $5 billion, above the $700 million analysts "
        "had expected."
    )
    assert "Profit" in labels["$700 million"]
    assert "sales" not in labels["$700 million"]


def test_an_expectation_is_read_in_the_standard_s_own_clause_only() -> None:
    labels = _labels("Exports grew 6% in May, up from 4% in April as analysts had predicted.")
    assert "predicted" not in labels["4%"]


@pytest.mark.parametrize(
    ("sentence", "value", "wanted", "unwanted"),
    [
        # A relative clause whose subject is a name, or whose verb is a simple past.
        ("Quarterly revenue came in at $31 billion, short of the $33 billion Wall Street had "
         "forecast.", "$33 billion", "revenue", "Wall Street"),
        ("The firm sold 2 million headsets, below the 3 million analysts expected.",
         "3 million", "headsets", "analysts"),
        # A count written without the unit of the amount it is compared with.
        ("The wheat harvest came in at 3.1 million tonnes, well below the 4 million the "
         "ministry had projected.", "4 million", "harvest", "ministry"),
    ],
)
def test_a_standard_s_relative_clause_is_not_its_noun(
    sentence: str, value: str, wanted: str, unwanted: str
) -> None:
    label = _labels(sentence)[value]
    assert wanted in label
    assert unwanted not in label
