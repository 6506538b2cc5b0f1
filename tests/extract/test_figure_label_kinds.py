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


@pytest.mark.parametrize(
    ("sentence", "value", "wanted", "idiom"),
    [
        ("The hotel's losses were on the order of millions each season.", "millions",
         "losses", "order"),
        ("Their yearly catch is in the region of 900 tonnes.", "900 tonnes", "catch",
         "region"),
        ("The club was fined sums in excess of $4 million.", "$4 million", "sums", "excess"),
        ("The council was billed to the tune of $30 million.", "$30 million", "council",
         "tune"),
    ],
)
def test_an_idiom_that_hedges_an_amount_is_not_what_it_counts(
    sentence: str, value: str, wanted: str, idiom: str
) -> None:
    """'to the tune of $20 million', 'on the order of millions': the idiom's noun only
    hedges; what the amount counts is what the idiom's preposition hangs on."""
    label = _label(sentence, value)
    assert wanted in label and idiom not in label.split()


def test_an_ordinary_of_phrase_keeps_its_noun() -> None:
    """'an order of 300 tanks' is an order (a count of tanks), no hedging idiom."""
    assert "tanks" in _label("The order of 300 tanks was cancelled on Monday.", "300")


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        ("The survey found a sharp increase in fares, 15%, over two years.", "15%",
         "increase in fares"),
        ("The survey found a steep rise in rents, 12%, over the year.", "12%",
         "rise in rents"),
    ],
)
def test_an_amount_beside_a_change_in_a_measure_sizes_the_change(
    sentence: str, value: str, wanted: str
) -> None:
    """'a minute drop in the star's brightness — about 0.5%': the parser hangs the
    apposition on "brightness"; the amount is the size of the drop, not the brightness."""
    assert wanted in _label(sentence, value)


def test_an_amount_a_measure_is_now_is_its_level_not_its_change() -> None:
    """'The rise in rents, now 7%': the level reached, not the size of the rise."""
    for sentence, value in (("The rise in rents, now 7%, worries tenants.", "7%"),
                            ("The increase in fares, currently 12%, angered commuters.", "12%")):
        label = _label(sentence, value)
        assert label and "rise" not in label and "increase" not in label


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        ("The comet is ten times brighter than any star in the sky.", "ten times",
         "brighter than any star"),
        ("Its new dam is about four and a half times taller than the old wall.",
         "four and a half times", "taller than the old wall"),
    ],
)
def test_a_multiple_of_a_comparison_says_what_it_is_set_against(
    sentence: str, value: str, wanted: str
) -> None:
    """'two and a half times larger than the Sun': the subject alone ("KELT-9") would say
    the star is the number; the comparison says what the multiple is of."""
    assert wanted in _label(sentence, value)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Two veteran politicians Mia Chan and Ho Wai lost their seats.", "Two"),
        ("Two pan-democratic veteran politicians Mia Chan of the Civic Party and Ho Wai of "
         "DAB were defeated in the district.", "Two"),
    ],
)
def test_a_count_above_one_counts_the_plural_before_the_names(sentence: str, value: str) -> None:
    """'Two veteran politicians Lee Cheuk-yan and Frederick Fung': the parser hangs the
    plural on the names or reads "veteran" as the counted noun; a count of two counts the
    plural noun."""
    assert "politicians" in _label(sentence, value)
    # A count of times stays one ("three time winners": three-time).
    assert "time" in _label("Three time champions Ana Ruiz and Leo Park were honoured.",
                            "Three").split()
    # A plural already counted keeps its label.
    assert "lawmakers" in _label(
        "Two veteran lawmakers Ana Ruiz and Leo Park lost their seats on Sunday.", "Two"
    )


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        ("The city (pop. 600,000) was shelled overnight.", "600,000", "pop"),
        ("Rebels took the town of Marib (pop. 40,000) on Sunday.", "40,000", "pop"),
        ("The referendum (turnout: 48%) passed by a narrow margin.", "48%", "turnout"),
    ],
)
def test_a_bracket_that_names_its_figure_labels_it(sentence: str, value: str, wanted: str) -> None:
    """'Falluja (pop. 256,000)': the bracket's word names the figure, wherever the parser
    hangs the bracket."""
    assert _label(sentence, value) == wanted


def test_a_hedge_a_source_a_reference_or_a_bound_in_a_bracket_is_no_label() -> None:
    assert _label("The village (est. 2,000) was cut off by floods.", "2,000") != "est"
    assert _label("The deal (Reuters: 900 jobs) closed.", "900") != "Reuters"
    assert _label("The winger (no. 11) limped off.", "11") != "no"
    assert _label("Firms face a penalty (max. $8,000) under the rule.", "$8,000") != "max"
