"""Outside evidence for a name the NER model reads as a person's: the US Census Bureau's
1990 lists of surnames and given names (`census_names`). Each rule is checked on sentences
written for these tests, with its family switched off for the case it decides."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates
from summariser.extract.census_names import is_given_name, is_surname


def _people(text: str, *, off: frozenset[str] = frozenset()) -> set[str]:
    return {c.text for c in extract_candidates(text, disabled=off) if c.kind == "person"}


def _named(text: str, *, off: frozenset[str] = frozenset()) -> set[tuple[str, str]]:
    return {
        (c.kind, c.text)
        for c in extract_candidates(text, disabled=off)
        if c.kind in ("person", "organisation", "place")
    }


def test_census_forms_fold_accents_possessives_and_case() -> None:
    assert is_surname("Peres") and is_surname("Núñez") and is_surname("Thatcher’s")
    # More often a given name than a surname: no surname of a lone name.
    assert not is_surname("Mark") and not is_surname("Clinton") and not is_surname("Karl")
    assert is_given_name("Regina") and is_given_name("Jan")
    assert not is_given_name("Merrill")  # more often a surname
    assert not is_surname("Tuscany") and not is_given_name("Tuscany")
    assert not is_surname("") and not is_given_name("'s")


def test_a_lone_surname_the_ner_model_reads_as_a_person_is_kept() -> None:
    """'compared with Thatcher': a famous person named by surname alone, with no role or
    speech; the lone-names gate leaves such a word out unless the Census knows it."""
    text = (
        "Budget row\n\nCritics compared the chancellor's plan with the policies of "
        "Thatcher in the 1980s, and the opposition called for a vote on Tuesday."
    )
    assert "Thatcher" in _people(text)
    assert "Thatcher" not in _people(text, off=frozenset({"census-names"}))


def test_a_lone_given_name_gets_no_census_cue() -> None:
    """A lone given name is not how copy names someone it need not introduce."""
    text = (
        "Book fair\n\nThe stall sold copies of the novel to Mark in the afternoon, "
        "and the fair closed early because of the rain."
    )
    assert "Mark" not in _people(text)


def test_a_given_name_after_an_inverted_name_is_no_one_of_its_own() -> None:
    """'Engels, Friedrich.': the word after '<Name>, ' that closes its item qualifies the
    name before it."""
    text = (
        "Reading list\n\nThe course reads two books this term.\n"
        "Weber, Friedrich. The Protestant Ethic\n"
        "Smith, Adam. The Wealth of Nations\n"
    )
    assert "Friedrich" not in _people(text)


def test_a_surname_the_model_tagged_a_body_after_a_possessive_is_the_persons() -> None:
    text = (
        "Rates outlook\n\nGoldman Sachs's Jan Hatzius expects two rate cuts this year, "
        "the bank said in a note to clients."
    )
    """'Goldman Sachs's Jan Hatzius': after a body's possessive the model may tag the
    surname as a body of its own."""
    names = _named(text)
    assert ("person", "Jan Hatzius") in names
    assert ("organisation", "Hatzius") not in names
    assert ("person", "Jan Hatzius") not in _named(text, off=frozenset({"names-in-bodies"}))


def test_a_person_run_into_a_bodys_span_is_cut_off_it() -> None:
    """'the Federation of Independent Retailers Karen Doyle said': the model's body span
    runs on over the name that is the subject of the verb after it."""
    text = (
        "Shop closures\n\nThe director of the regional branch of the Federation of "
        "Independent Retailers Karen Doyle said the closures would continue."
    )
    names = _named(text)
    assert ("person", "Karen Doyle") in names
    assert not any(kind == "organisation" and "Karen" in name for kind, name in names)
    assert ("person", "Karen Doyle") not in _named(text, off=frozenset({"names-in-bodies"}))


def test_a_body_whose_name_ends_in_a_surname_is_not_cut() -> None:
    """'Bank of America Merrill Lynch said': 'Merrill' is more often a surname than a given
    name, and 'America', a given name too, is a place's after the body's 'of'."""
    text = (
        "Bank results\n\nBank of America Merrill Lynch said on Monday that trading "
        "revenue rose in the third quarter."
    )
    assert not any("Lynch" in name for name in _people(text))


@pytest.mark.parametrize(
    "text",
    [
        "Shares in Babcock fell after the warship order was delayed.",
        "Investors sold Babcock after the company cut its forecast for the year.",
    ],
)
def test_a_surname_among_trade_words_is_a_firms(text: str) -> None:
    """A lone surname in a sentence about trade is most often a firm's named after its
    founder (`commerce_nouns`, `business_nouns`)."""
    assert "Babcock" not in _people("Markets\n\n" + text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Oracle's Janet Brook campus will host 2,000 engineers.", None),
        ("The University of North Carolina Aiken said the campus would close.", None),
        (
            "Yale's Edward Sloane School of Management will cut its budget.",
            "Edward Sloane School of Management",
        ),
    ],
)
def test_a_name_in_a_bodys_name_is_no_person_of_the_rule(text: str, body: str | None) -> None:
    """A name that modifies a noun after a possessive ("campus"), closes a place's name
    with the word before it ("North Carolina"), or holds a body word ("School") is no one
    the body speaks through: the rule changes nothing (whatever the NER model says)."""
    story = "Campus news\n\n" + text
    names = _named(story)
    assert names == _named(story, off=frozenset({"names-in-bodies"}))
    if body is not None:
        assert ("organisation", body) in names


def test_a_whole_name_the_model_reads_as_a_body_is_a_persons() -> None:
    """A given name then a surname, by the Census lists, that the NER model alone reads as
    a body's (it tags "the Dolly Parton" ORG here) is a person's name."""
    story = "Concerts\n\nFans queued overnight for the Dolly Parton concert in Nashville."
    assert ("person", "Dolly Parton") in _named(story)
    trial = "Courts\n\nFans queued overnight for the Dolly Parton trial in Nashville."
    assert ("person", "Dolly Parton") in _named(trial)
    assert ("organisation", "Dolly Parton") in _named(story, off=frozenset({"names-in-bodies"}))


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # Talk of trade: a firm named after its founder.
        ("Investors queued overnight for the Dolly Parton shares in Nashville.", "Dolly Parton"),
        # A first word more often a surname than a given name.
        ("Morgan Stanley raised its target for the stock.", "Morgan Stanley"),
        # An acronym is no one's name.
        ("The UN Security Council met on Tuesday.", "UN Security Council"),
        # A role after the name: its employer's ("an Edward Jones analyst").
        ("An Edward Jones analyst was arrested on Monday.", "Edward Jones"),
        # A maker's or seller's premises or goods after it (`maker_nouns`).
        ("Shoppers queued overnight for the Dolly Parton store in Nashville.", "Dolly Parton"),
        ("Fans queued overnight for the Dolly Parton showroom in Nashville.", "Dolly Parton"),
    ],
)
def test_a_body_that_reads_like_a_name_stays_a_body(text: str, body: str) -> None:
    """Trade words around the name, a first word that is more often a surname, an
    acronym, or a noun after it that an employer, a maker or a seller stands before keep
    the NER model's reading of a body."""
    names = _named("Markets\n\n" + text)
    assert ("organisation", body) in names
    assert ("person", body) not in names
