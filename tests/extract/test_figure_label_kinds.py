"""Figure labels of kinds first met in Wikinews articles (evals/public/wikinews): a measure
noun with adjectives before it, a vague count whose noun the clause leaves out. Sentences
written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.test_figure_labels import _label


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("A new magnitude 5.9 aftershock shook the coast on Monday.", "5.9"),
        ("The town was flattened by the devastating magnitude 7.8 earthquake of 2015.", "7.8"),
        ("A strong magnitude 6.1 quake hit the island overnight.", "6.1"),
    ],
)
def test_a_measure_noun_after_adjectives_still_names_the_measure(
    sentence: str, value: str
) -> None:
    """'a new magnitude 5.9 aftershock' is a magnitude, as 'a magnitude 5.9 aftershock' is;
    the adjectives between the article and the measure change nothing."""
    assert "magnitude" in _label(sentence, value)


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        ("Officials said at least forty people had been killed and hundreds had been hurt.",
         "hundreds", "people"),
        ("Twelve soldiers died in the ambush and dozens were wounded.", "dozens", "soldiers"),
        # A number word opening the sentence, which the tagger reads as an adjective.
        ("Sixty people were killed and hundreds were wounded in the attack.", "hundreds",
         "people"),
    ],
)
def test_a_vague_count_without_its_noun_counts_the_coordinated_clause_s(
    sentence: str, value: str, wanted: str
) -> None:
    assert wanted in _label(sentence, value)


def test_a_vague_count_that_acts_in_its_own_clause_borrows_no_noun() -> None:
    """'Three ministers resigned and thousands protested': the thousands are not ministers."""
    assert "ministers" not in _label(
        "Three ministers resigned and thousands protested outside parliament.", "thousands"
    )


def test_a_vague_count_with_its_own_noun_keeps_it() -> None:
    assert "protesters" in _label(
        "Police detained ten organisers and thousands of protesters marched on.", "thousands"
    )


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        ("She ended the season leading the most tackles with 140.", "140", "tackles"),
        ("The party won the largest share of the vote with 38%.", "38%", "share"),
    ],
)
def test_with_after_a_superlative_object_counts_that_object(
    sentence: str, value: str, wanted: str
) -> None:
    """'leading the most laps with 70': 70 laps; not the race the clause is about."""
    assert wanted in _label(sentence, value)


def test_an_amount_hung_on_its_bracketed_equivalent_s_unit_is_the_clause_s_value() -> None:
    """'more than 4000°C (7232°F)': the parser hangs 4000 on the "F" of the bracket; the
    amount is what the clause says it is, never "F"."""
    sentence = "The report says the core temperature is more than 3000°C (5432°F) at noon."
    label = _label(sentence, "3000°C")
    assert "temperature" in label and "F" not in label.split()
    # A noun after the closing bracket is still the amount's own.
    assert "investment" in _label(
        "The firm announced a 48 billion yen (about $310 million) investment in a plant.",
        "48 billion yen",
    )
