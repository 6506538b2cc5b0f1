"""Figure labels come from the number's own phrase in the parse, never from a neighbour's."""

from __future__ import annotations

import pytest

from summariser.extract.figure_labels import figure_label
from summariser.extract.story import _Story
from summariser.nlp import load_nlp


def _label(sentence: str, value: str) -> str:
    story = _Story(sentence, load_nlp()(sentence))
    start = sentence.index(value)
    return figure_label(story, start, start + len(value))


@pytest.mark.parametrize(
    ("sentence", "value", "wanted", "unwanted"),
    [
        # An elided head is filled from the parallel conjunct, never across to its words.
        ("There are an estimated 1.3 million Afghans in Pakistan with PoR cards and 700,000 "
         "with ACC cards.", "700,000", "Afghans with ACC cards", "PoR"),
        ("There are an estimated 1.3 million Afghans in Pakistan with PoR cards and 700,000 "
         "with ACC cards.", "1.3 million", "Afghans in Pakistan with PoR cards", "ACC"),
        # Forecast beside actual: each amount is labelled by its own noun.
        ("The company reported revenue of 5.1 billion euros, beating analyst forecasts of "
         "4.9 billion euros.", "4.9 billion euros", "forecasts", "revenue"),
        ("The company reported revenue of 5.1 billion euros, beating analyst forecasts of "
         "4.9 billion euros.", "5.1 billion euros", "revenue", "forecast"),
        # The noun the number modifies, with its own modifiers.
        ("Tajikistan reported a 59% increase in the seizure of Afghan-origin synthetic drugs.",
         "59%", "increase in the seizure of Afghan-origin synthetic drugs", "Tajikistan"),
        ("Officers seized 121 kilograms of methamphetamine on Tuesday.", "121 kilograms",
         "methamphetamine", "Tuesday"),
        # An amount a verb sets: the thing it sets, not the subject that sets it.
        ("The central bank raised its base rate to 16.25% on Thursday.", "16.25%", "base rate",
         "Thursday"),
    ],
)
def test_label_is_the_numbers_own_phrase(
    sentence: str, value: str, wanted: str, unwanted: str
) -> None:
    label = _label(sentence, value)
    assert wanted in label
    assert unwanted not in label


def test_a_figure_whose_clause_names_nothing_gets_no_label() -> None:
    # "for nearly two years" says how long Sher was there, not what two years are.
    label = _label("Sher had been in Pakistan for nearly two years.", "two years")
    assert label == ""
