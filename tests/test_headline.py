"""Headlines cut from the lead: the story's own words, shorter, still a clause."""

from __future__ import annotations

from summariser.check.headline import lead_headline, shorten


def test_framing_and_appositions_go() -> None:
    assert lead_headline(
        "The ministry has confirmed that Leyla Aliyeva, the country's health minister, has "
        "resigned."
    ) == "Leyla Aliyeva has resigned"
    assert lead_headline(
        "According to local media, flooding closed the main road to the port on Sunday."
    ) == "Flooding closed the main road to the port on Sunday"


def test_a_pronoun_left_alone_keeps_its_antecedent() -> None:
    # "It had seized ..." would leave the reader asking who "it" is.
    headline = lead_headline("The customs agency announced that it had seized 40 tonnes of rice.")
    assert headline == "The customs agency announced that it had seized 40 tonnes of rice"


def test_a_long_lead_ends_before_a_trailing_phrase_where_a_clause_is_whole() -> None:
    lead = (
        "A young farmer in the eastern district has lost his entire harvest due to weeks of "
        "heavy rain and flooding along the river valley, officials said."
    )
    assert lead_headline(lead, max_words=16) == (
        "A young farmer in the eastern district has lost his entire harvest"
    )
    # Never cut inside a that-clause ("... said that a new bridge").
    lead = (
        "The regional transport authority said on Tuesday that a new bridge over the river "
        "would open to traffic at the end of next month after repairs."
    )
    headline = lead_headline(lead, max_words=16)
    assert not headline.endswith("a new bridge")


def test_what_cannot_be_cut_well_is_shortened_with_an_ellipsis() -> None:
    lead = " ".join(["word"] * 40) + "."
    headline = lead_headline(lead, max_words=16)
    assert headline.endswith("…") and len(headline) <= 100
    assert shorten("short") == "short"
