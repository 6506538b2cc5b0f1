"""Bodies whose names the NER model mistypes or runs into the words before them."""

from __future__ import annotations

from summariser.extract import extract_candidates


def _named(text: str) -> set[tuple[str, str]]:
    return {
        (c.kind, c.text)
        for c in extract_candidates(text)
        if c.kind in ("person", "organisation", "place")
    }


def test_a_place_s_compound_modifier_is_no_part_of_the_name_after_it() -> None:
    names = _named("The mine, owned by London-listed Atlas Ridge Minerals Corp, will reopen in "
                   "2027.")
    assert ("organisation", "Atlas Ridge Minerals Corp") in names
    assert not any(text.startswith("London-listed") for _, text in names)


def test_a_one_word_name_after_a_country_s_possessive_is_the_country_s_body() -> None:
    names = _named(
        "Plant opens\n\nMONTERREY, Mexico (Reuters) - Spain's Iberdrola switched on a solar "
        "plant on Wednesday. Iberdrola's Mexican unit will run it, and Iberdrola would open a "
        "training centre, the company said."
    )
    assert ("organisation", "Iberdrola") in names
    assert ("place", "Iberdrola") not in names


def test_a_place_noun_after_the_name_keeps_it_a_place() -> None:
    names = _named("Oil exports through Turkey's Ceyhan port resumed in September.")
    assert not any(kind == "organisation" and "Ceyhan" in text for kind, text in names)
