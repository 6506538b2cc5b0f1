"""Roles no word list holds, read where the parse ties the noun to the name (family
"parsed-roles"): a bare title right before the name, a possessed noun, an office with its
field set off before the name. Sentences written for these tests."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates


def _roles(text: str, disabled: frozenset[str] = frozenset()) -> dict[str, str | None]:
    return {
        c.text: c.role for c in extract_candidates(text, disabled=disabled) if c.kind == "person"
    }


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ('"The ice is older than our species," said glaciologist Hana Whitaker on Monday.',
         "Hana Whitaker", "glaciologist"),
        ('"The plane shook," said passenger Sunita Gurung, 34, after the landing.',
         "Sunita Gurung", "passenger"),
        ('"Every horn tells a story," said mask maker Rafael Almonte, who made 14 of them.',
         "Rafael Almonte", "mask maker"),
        # A place before the noun is whose resident the person is.
        ('"I ran into the street," Manta resident Gloria Zambrano told the newspaper.',
         "Gloria Zambrano", "Manta resident"),
        # The adjective the parse hangs on the noun stays; the verb of speech does not.
        ('"The reef will recover," said marine biologist Nadia Hoareau on Friday.',
         "Nadia Hoareau", "marine biologist"),
    ],
)
def test_a_bare_title_before_the_name_is_the_role(text: str, name: str, role: str) -> None:
    assert _roles(text)[name] == role


def test_the_family_switched_off_leaves_the_unlisted_noun_alone() -> None:
    text = '"The ice is older than our species," said glaciologist Hana Whitaker on Monday.'
    assert _roles(text, frozenset({"parsed-roles"}))["Hana Whitaker"] is None


@pytest.mark.parametrize(
    ("text", "name", "unwanted"),
    [
        # The noun has its own article: a noun phrase, not a title ("the band Fela led").
        ("The album features members of Egypt 80, the band Fela Kuti led until 1997.",
         "Fela Kuti", "band"),
        # A plural object of a verb of speech is no title of the name after it.
        ("Police told reporters Maria Lopez had left the country on Sunday.",
         "Maria Lopez", "reporters"),
        # A capitalised word that names nothing is no owner of the title.
        ('As coauthor Colette Heald told the paper, "The climate is changing."',
         "Colette Heald", "As coauthor"),
    ],
)
def test_no_title_where_the_noun_is_no_title_of_the_name(
    text: str, name: str, unwanted: str
) -> None:
    assert _roles(text).get(name) != unwanted


def test_a_headline_word_is_no_title_of_the_leads_first_name() -> None:
    text = ("Refinery deal signed for new chip plant\n\nMaria Santos said on Tuesday the "
            "refinery would open in 2027.")
    assert _roles(text).get("Maria Santos") is None


@pytest.mark.parametrize(
    ("text", "name", "role", "holder"),
    [
        ('"The last kilometres were the hardest," said Tesfaye Gebremedhin, who trained '
         "in Sululta with his pacemaker, Dawit Bekele.", "Dawit Bekele", "pacemaker",
         "Tesfaye Gebremedhin"),
        ("Fisherman Hans Zeeb, 54, pulled his neighbour Ane Petersen out of the water on "
         "Sunday.", "Ane Petersen", "neighbour", "Hans Zeeb"),
    ],
)
def test_a_possessed_noun_before_the_name_is_held_by_the_antecedent(
    text: str, name: str, role: str, holder: str
) -> None:
    got = _roles(text)[name]
    assert got is not None and role in got and holder in got


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A fronted phrase's possessed noun is no role of the subject it leads into.
        ("In his speech, Cyril Ramaphosa said South Africa would not take sides.",
         "Cyril Ramaphosa"),
        ("After his arrest Jair Bolsonaro was taken to a police station in Brasilia.",
         "Jair Bolsonaro"),
    ],
)
def test_a_fronted_phrase_gives_the_subject_no_role(text: str, name: str) -> None:
    assert _roles(text).get(name) is None


def test_an_office_with_its_field_set_off_before_the_name_keeps_its_possessor() -> None:
    text = ("China signs copper deal with Zambia\n\nChina's vice-minister of commerce, Li "
            "Jianhua, signed agreements worth $1.4 billion in Lusaka on Tuesday.")
    assert _roles(text)["Li Jianhua"] == "China's vice-minister of commerce"
