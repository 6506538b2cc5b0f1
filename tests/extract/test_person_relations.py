"""Issue 16/17: what the text relates a name to, and who a pronoun is. Sentences written for
the tests (not from any gold set); each assertion failed before its rule."""

from __future__ import annotations

from summariser.extract import extract_candidates


def _named(text: str) -> set[tuple[str, str]]:
    return {
        (c.kind, c.text)
        for c in extract_candidates(text)
        if c.kind in ("person", "organisation", "place")
    }


def _speakers(text: str) -> dict[str, str | None]:
    return {c.text: c.speaker for c in extract_candidates(text) if c.kind == "quote"}


def test_a_lone_name_that_only_a_person_is_related_to_so_is_a_person() -> None:
    """'portraits of X', 'the funeral of X', 'the woman X': what only a person has, or a
    person's noun before the name, is the text's word for a person (a lone word with no
    role or speech is otherwise left out by `lone-names`)."""
    names = _named("Hundreds of marchers carried portraits of Mandela through the square on "
                   "Sunday. The novel follows the woman Maria across three decades.")
    assert ("person", "Mandela") in names
    assert ("person", "Maria") in names


def test_a_shared_descriptor_yields_to_who_on_a_person() -> None:
    """'the property developer X, who bought ...': developers are people and bodies; the
    relative 'who' says which."""
    names = _named("The colt races for a syndicate headed by the Cork property developer "
                   "Eamon Rafferty, who bought him for 40,000 euros last spring.")
    assert ("person", "Eamon Rafferty") in names


def test_a_pronoun_never_points_to_a_name_the_gate_leaves_out() -> None:
    """'..., she said' after 'the Bertolli auction house': the nearest name is a body's,
    so the speaker is the person named before it."""
    speakers = _speakers(
        "Culture Secretary Ana Ruiz said the mask, valued by the Bertolli auction house at "
        "2 million euros, had been smuggled out. \"These objects were taken,\" she said."
    )
    assert speakers["These objects were taken,"] == "Ana Ruiz"


def test_a_definite_role_points_to_its_holder() -> None:
    """'the mayor said ...' after 'Mayor Chiara Bassi', then '..., she said': the role is
    the nearer antecedent than the minister named in between."""
    speakers = _speakers(
        "Mayor Chiara Bassi said the walls were never built. Minister Franco Deidda rejected "
        "the charge. Speaking from the emergency centre, the mayor said families were "
        "exhausted. \"Every time it rains, the town holds its breath,\" she said."
    )
    assert speakers["Every time it rains, the town holds its breath,"] == "Chiara Bassi"


def test_a_quote_inside_a_sentence_with_its_own_subject_does_not_continue_the_last_speaker(
) -> None:
    """'X accused the party of "..."': the sentence has its own subject (a name the entity
    pass may miss); the speaker of the sentence before is not the one quoted."""
    speakers = _speakers(
        "Finance Minister Sipho Dube said in a statement that the money was needed. "
        "Party official Ngcobo Zulu accused the opposition of \"holding the economy hostage\"."
    )
    assert speakers["holding the economy hostage"] != "Sipho Dube"
