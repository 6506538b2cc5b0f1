"""A bare share is of the whole an earlier share of its sentence names (a change is not); a
headline's amount is the body's same amount further down, a bare count only where the first
paragraph counts the same kind of toll. Sentences written for these tests."""

from __future__ import annotations

import pytest

from summariser.extract import extract_candidates
from tests.extract.test_figure_labels import _label


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        ("The Labour Front came second with 31.2% of the vote, and the Green Alliance won "
         "8.5%.", "8.5%", "vote"),
        ("The coalition won 44% of the seats in the north, and the rival bloc took 21%.",
         "21%", "seats"),
    ],
)
def test_a_bare_share_is_of_the_whole_an_earlier_share_names(
    sentence: str, value: str, wanted: str
) -> None:
    assert wanted in _label(sentence, value).split()


@pytest.mark.parametrize(
    ("sentence", "value", "unwanted"),
    [
        # No earlier share names a whole: nothing to borrow (a measure is no whole).
        ("Turnout was 61%, and the ruling party won 40%.", "40%", "Turnout"),
        ("Shares rose 4% and profit climbed 12%.", "12%", "Shares"),
    ],
)
def test_no_whole_is_borrowed_where_no_earlier_share_names_one(
    sentence: str, value: str, unwanted: str
) -> None:
    assert unwanted not in _label(sentence, value)


def test_a_headline_amount_is_the_bodys_same_amount_further_down() -> None:
    # Money, a share or a measure is the same figure wherever the body repeats it; the
    # body's label says what it is (a headline ending in a full stop is still a headline).
    text = (
        "Lagos gets $2.4 billion rail link approval.\n\n"
        "The federal government has approved a light rail line for the city's mainland, "
        "ending a decade of delays.\n\n"
        "The $2.4 billion project will be built in three phases, the transport minister said."
    )
    figures = [c for c in extract_candidates(text) if c.kind == "figure"]
    money = [f for f in figures if f.text == "$2.4 billion"]
    assert len(money) == 1 and "project" in (money[0].context or "")


def test_a_headline_count_is_not_merged_with_another_count_further_down() -> None:
    # A bare count further down may count something else ("3 dead" is not "3 missing").
    text = (
        "Storm leaves 3 dead in Philippines\n\n"
        "A tropical storm swept across Luzon on Saturday. Three fishermen drowned when "
        "their boat capsized, and 3 more people were missing."
    )
    threes = [c for c in extract_candidates(text) if c.kind == "figure" and c.text == "3"]
    assert not any("missing" in (f.context or "") and len(f.mentions) > 1 for f in threes)


@pytest.mark.parametrize(
    ("text", "value", "wanted"),
    [
        ("Quake kills 52 in northern Peru\n\nA magnitude 7.0 earthquake struck the region on "
         "Monday night, flattening adobe homes. The death toll rose to 52 on Tuesday, "
         "officials said.\n\nAid arrived by road.", "52", "death"),
        ("Ferry runs aground off Zanzibar, injuring 17\n\nA passenger ferry ran aground on a "
         "reef on Sunday. The injury toll reached 17 by the evening, the port said.",
         "17", "injury"),
    ],
)
def test_a_headline_toll_is_the_first_paragraphs_toll_of_the_same_kind(
    text: str, value: str, wanted: str
) -> None:
    figures = [c for c in extract_candidates(text) if c.kind == "figure" and c.text == value]
    assert len(figures) == 1 and wanted in (figures[0].context or "")


@pytest.mark.parametrize(
    ("sentence", "value", "unwanted"),
    [
        ("Apple holds 20% of the smartphone market, and its shares rose 3% on Tuesday.",
         "3%", "smartphone"),
        ("China accounts for 35% of global output, and its economy grew 5.2% last year.",
         "5.2%", "output"),
    ],
)
def test_a_change_is_no_share_of_an_earlier_whole(
    sentence: str, value: str, unwanted: str
) -> None:
    assert unwanted not in _label(sentence, value)


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        # A comparative set after its noun sizes that noun (rule family measured-nouns).
        ("The blaze burned 90,000 hectares, an area 30% larger than last year.", "30%", "area"),
        # An amount between a noun and "above" or "below" is how far the noun stands from a
        # norm, though the parser coordinates it with the nouns before.
        ("Farmers blame late frosts and rainfall 25% below average.", "25%", "rainfall"),
        ("Importers sold steel in Kenya at prices 18% below cost.", "18%", "prices"),
        # A measure adjective on an "of" object is said of the noun the "of" hangs on.
        ("The eruption sent a plume of smoke 9 kilometres high over the island.",
         "9 kilometres", "plume"),
        # A share with no noun of its own, parallel to an earlier share's noun, both verbs'
        # objects (rule family parallel-figures).
        ("The nurses want a 9% pay rise, but the ministry has offered 4%.", "4%", "rise"),
        ("The fund holds a 15% stake in the port, and the government owns 60%.", "60%",
         "stake"),
        ("Maersk sold a 30% stake in the terminal and kept 10%.", "10%", "stake"),
        # A number whose clause has only "it" for a subject repeats the same verb's clause.
        ("The river in Mopti reached 6 metres on Friday, and downstream in Timbuktu it "
         "reached 7.", "7", "river"),
    ],
)
def test_a_figure_takes_the_noun_it_sizes_or_parallels(
    sentence: str, value: str, wanted: str
) -> None:
    assert wanted in _label(sentence, value).split()


@pytest.mark.parametrize(
    ("sentence", "value", "unwanted"),
    [
        # The earlier share's noun is a subject, not a parallel object: the verb's own
        # subject says what the share is.
        ("A 9% pay rise was agreed, and inflation hit 7%.", "7%", "rise"),
        # A measure that reaches a share is its own, whatever an earlier share counted.
        ("Voters gave the coalition a 58% majority, and turnout reached 47%.", "47%",
         "majority"),
        # A place said of the first clause only is not carried to the second.
        ("The river in Mopti reached 6 metres on Friday, and downstream in Timbuktu it "
         "reached 7.", "7", "Mopti"),
    ],
)
def test_a_parallel_figure_takes_no_words_that_are_not_its_own(
    sentence: str, value: str, unwanted: str
) -> None:
    assert unwanted not in _label(sentence, value)


def test_a_subject_the_parser_glued_to_its_verb_is_still_its_subject() -> None:
    # The parse the small model gave "The wing cost 14 million Australian dollars." inside
    # a story: "wing" a compound of "cost", which the tagger still reads as a past verb.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from summariser.extract.figure_clauses import _subject

    doc = Doc(
        Vocab(), words=["The", "wing", "cost", "14", "million", "dollars", "."],
        heads=[2, 2, 2, 4, 5, 2, 2],
        deps=["det", "compound", "ROOT", "compound", "nummod", "dobj", "punct"],
        tags=["DT", "NN", "VBD", "CD", "CD", "NNS", "."],
    )
    subject = _subject(doc[2])
    assert subject is not None and subject.text == "wing"
    # A noun glued to a noun is no subject: "the wing cost" read as one noun stays one.
    doc = Doc(
        Vocab(), words=["The", "wing", "cost", "rose", "."], heads=[2, 2, 3, 3, 3],
        deps=["det", "compound", "nsubj", "ROOT", "punct"], tags=["DT", "NN", "NN", "VBD", "."],
    )
    assert _subject(doc[2]) is None


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        # "it" standing in for the infinitive after the amount (rule family clause-figures).
        ("By comparison, it cost $40 million to build the new ferry terminal.", "$40 million",
         "terminal"),
        ("Engineers said it would take about six weeks to repair the dam.", "about six weeks",
         "dam"),
        # A change by an amount stated with a copula and "up" or "down".
        ("Remittances from the Gulf were up by 9% in the first quarter.", "9%", "Remittances"),
    ],
)
def test_a_clause_says_what_an_amount_is_where_the_parse_gives_no_noun(
    sentence: str, value: str, wanted: str
) -> None:
    assert wanted in _label(sentence, value).split()


@pytest.mark.parametrize(
    ("sentence", "value", "unwanted"),
    [
        # The verb left out of the second clause: the second change is not the first's.
        ("Exports were up by 5% and imports by 2%.", "2%", "Exports"),
        # An infinitive of purpose after a verb that is no cost says nothing of the amount.
        ("The ruling party said it won 52% to form the next government alone.", "52%", "form"),
    ],
)
def test_a_clause_reading_takes_no_other_clause_s_words(
    sentence: str, value: str, unwanted: str
) -> None:
    assert unwanted not in _label(sentence, value).split()


def test_the_end_point_of_a_change_stated_with_a_copula_is_the_subject_s() -> None:
    label = _label("Remittances from the Gulf were up by 9% in 2023 to $41bn.", "$41bn")
    assert "Remittances" in label.split()


@pytest.mark.parametrize(
    ("sentence", "value", "wanted"),
    [
        # The whole has a number of its own and an adjective before its noun.
        ("The Farmers' Union took 38.2% of the 2.4 million valid ballots, its best result.",
         "38.2%", "ballots"),
        ("Customs seized 70% of the 1,200 counterfeit watches found at the port.",
         "70%", "watches"),
        # An adverb or a hyphenated word in the modifier (a review's cases).
        ("Crews have repaired 40% of the 300 newly built homes.", "40%", "homes"),
        ("The chain laid off 35% of the 900 part-time staff.", "35%", "staff"),
    ],
)
def test_a_share_of_a_counted_whole_is_of_its_noun_past_an_adjective(
    sentence: str, value: str, wanted: str
) -> None:
    assert wanted in _label(sentence, value).split()


def test_a_share_of_a_counted_unit_still_names_no_unit() -> None:
    """'12% of the 3.5 million tonnes shipped': a unit is no whole to name."""
    assert "tonnes" not in _label(
        "Exports made up 12% of the 3.5 million heavy tonnes shipped last year.", "12%"
    ).split()
