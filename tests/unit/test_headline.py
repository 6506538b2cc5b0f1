"""Headlines cut from the lead: the story's own words, shorter, still a clause."""

from __future__ import annotations

from summariser.check.headline import ends_well, lead_headline, sentence_span, shorten


def test_framing_goes_but_appositions_stay_so_the_headline_is_one_span() -> None:
    # Dropping the apposition would join two pieces of the sentence into one headline.
    assert lead_headline(
        "The ministry has confirmed that Leyla Aliyeva, the country's health minister, has "
        "resigned."
    ) == "Leyla Aliyeva, the country's health minister, has resigned"
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


def test_what_cannot_be_cut_well_is_the_whole_sentence() -> None:
    lead = " ".join(["word"] * 40) + "."
    assert lead_headline(lead, max_words=16) == lead[:-1]
    assert shorten("short") == "short"


def _is_span(headline: str, lead: str) -> bool:
    return sentence_span(headline, [lead])


def test_never_ends_on_a_determiner_preposition_or_auxiliary() -> None:
    leads = [
        "They may not be able to return to their villages before the rains begin in the "
        "northern hills next month, aid workers said.",
        "A British aid worker and two local drivers were freed on Sunday by the gunmen who "
        "had held them for three weeks in the mountains.",
        "Russia read the statement as a rejection of the offer of talks made by the "
        "president during his visit to the region on Friday.",
    ]
    for lead in leads:
        headline = lead_headline(lead, max_words=12)
        assert _is_span(headline, lead), headline
        last = headline.split()[-1].casefold()
        assert last not in {"a", "the", "be", "not", "of", "to", "by", "and", "may"}, headline


def test_never_cut_inside_an_abbreviation_or_a_number() -> None:
    lead = (
        "Police charged a woman over an arms find in N. Ireland on Friday after searching a "
        "farm near the border with 2.5 tonnes of explosives in its barns."
    )
    headline = lead_headline(lead, max_words=10)
    assert _is_span(headline, lead)
    assert not headline.endswith((" N", " 2", " N.", "2."))


def test_clause_boundary_cut_is_a_clause() -> None:
    lead = (
        "Flooding closed the main road to the port, stranding hundreds of lorries and their "
        "drivers for a third day as the river kept rising."
    )
    headline = lead_headline(lead, max_words=10)
    assert headline == "Flooding closed the main road to the port"


def test_sentence_span_is_case_and_space_blind_but_contiguous() -> None:
    lead = "The ministry said the  talks would resume on Monday."
    assert sentence_span("the talks would resume", [lead])
    assert not sentence_span("The ministry said talks would resume", [lead])
    assert ends_well("The talks would resume on Monday")
    assert not ends_well("The talks would")
    assert not ends_well("The talks would resume on the")
    # Cut inside a clause of its own, a quotation, or before what a word wants after it.
    assert not ends_well("That was the case for the champion when")
    assert not ends_well("In 1998 she met a producer who")
    assert not ends_well("Trouble began in March when rebel forces")
    assert not ends_well("She told the radio station: \u201cA")
    assert not ends_well("Since the strike, the port's traffic has been")
    assert not ends_well("The festival opens when the drums are played, such")
    assert ends_well("Floods hit the town where the river burst its banks")
