"""The shared text helpers: the variants kept side by side differ where their users need it."""

from __future__ import annotations

from summariser.text import (
    NUMBER_VALUES,
    SCALE_VALUES,
    first_sentence,
    first_sentence_flowed,
    fold_for_matching,
    fold_name,
    fold_place_name,
    group_key,
    squash_spaces,
)


def test_normalisations_differ_on_purpose() -> None:
    name = "The  Kara-Darya’s  Río"
    assert squash_spaces(name) == "The Kara-Darya’s Río"
    assert group_key(name) == "kara-darya's río"  # accents and hyphens kept
    assert fold_place_name(name) == "kara darya's rio"  # hyphens, accents and 'the' go
    assert fold_name(name) == "the kara-darya rio"  # possessive goes, hyphen stays
    assert fold_for_matching(name) == "the kara darya rio"  # all punctuation is space


def test_number_words_have_their_values() -> None:
    assert NUMBER_VALUES["zero"] == 0
    assert NUMBER_VALUES["nine"] == 9
    assert NUMBER_VALUES["nineteen"] == 19
    assert NUMBER_VALUES["ninety"] == 90
    assert len(NUMBER_VALUES) == 28
    assert list(SCALE_VALUES.values()) == sorted(SCALE_VALUES.values())


def test_first_sentences_differ_on_purpose() -> None:
    text = "Dr. Ali spoke.\nHe left. Then\nmore."
    assert first_sentence(text) == "Dr. Ali spoke."
    assert first_sentence_flowed(text) == "Dr."  # no abbreviation list: prose rarely has one
    assert first_sentence('"It ended." Then more.') == '"It ended."'
    assert first_sentence_flowed("She said (it ended.) Then more.") == "She said (it ended."
