"""Grounding finds evidence exactly or tolerantly, and rejects what the story never says."""

from __future__ import annotations

from summariser.check.grounding import (
    StoryIndex,
    abbreviation_pairs,
    check_prose,
    number_values,
    quote_matches,
    same_entity,
    unsupported_numbers,
)

STORY = (
    "Pakistan’s Chief of Army Staff, General Asim Munir, met officials in Rawalpindi. "
    "Tehreek-e-Taliban Pakistan (TTP) militants killed 18 soldiers over ten days. "
    "There are an estimated 1.3 million Afghans with PoR cards and 59% of them wait.\n"
    "He said, “We believe that public cooperation\nis crucial.” São Paulo was mentioned."
)


def test_exact_and_tolerant_matches_map_back_to_exact_offsets() -> None:
    index = StoryIndex(STORY)
    for phrase in ("General Asim Munir", "pakistan's chief of army staff", "sao paulo", "TTP"):
        hit = index.find(phrase)
        assert hit is not None, phrase
        assert STORY[hit.start : hit.end] == hit.text
    assert index.find("pakistan's chief of army staff").text == "Pakistan’s Chief of Army Staff"


def test_invented_names_and_partial_words_are_not_found() -> None:
    index = StoryIndex(STORY)
    assert index.find("Mohammad Ali") is None
    assert index.find("Pak") is None  # word boundaries: no match inside a word


def test_abbreviation_defined_by_the_story() -> None:
    pairs = abbreviation_pairs(STORY)
    assert pairs["TTP"] == "Tehreek-e-Taliban Pakistan"
    assert same_entity("TTP", "Tehreek-e-Taliban Pakistan", pairs)
    assert not same_entity("TTP", "Tehreek-e-Taliban Pakistan", {})


def test_surnames_and_titles_name_the_same_person() -> None:
    assert same_entity("Haqqani", "Sirajuddin Haqqani")
    assert same_entity("General Asim Munir", "Asim Munir")
    assert not same_entity("Asim Munir", "Zafar Samad")


def test_numbers_in_prose_must_occur_in_the_story() -> None:
    values = number_values(STORY)
    assert {18.0, 10.0, 1_300_000.0, 59.0} <= values
    assert (
        unsupported_numbers("18 soldiers died over 10 days; 1.3 million wait; 59% too", values)
        == []
    )
    assert unsupported_numbers("19 soldiers died", values) == ["19"]
    assert unsupported_numbers("eighteen soldiers died", values) == []
    assert unsupported_numbers("twenty soldiers", values) == ["twenty"]


def test_prose_check_names_every_problem() -> None:
    index = StoryIndex(STORY)
    problems = check_prose(
        {"summary": "Mohammad Ali said 19 soldiers died in Rawalpindi."},
        index,
        number_values(STORY),
    )
    assert any("'19'" in p for p in problems)
    assert any("Mohammad" in p for p in problems)
    assert not any("Rawalpindi" in p for p in problems)


def test_quotes_spanning_lines_and_with_their_marks() -> None:
    index = StoryIndex(STORY)
    hit = quote_matches("“We believe that public cooperation is crucial.”", index)
    assert hit is not None and "\n" in hit.text
    assert quote_matches("We never said this", index) is None


def test_claims_rest_on_one_passage() -> None:
    from summariser.check.claims import ClaimChecker

    text = (
        "Sher had been in Pakistan for nearly two years, awaiting resettlement. "
        "He had also completed his medical examination. His family resides in Canada."
    )
    for level in ("strict", "lenient"):
        checker = ClaimChecker.for_story(text, level)
        assert checker.supported("summary", "He had completed his medical examination.")
        assert not checker.supported(
            "summary", "His wife and sister were still waiting for compensation."
        )


def test_under_the_strict_check_a_number_must_sit_in_the_supporting_passage() -> None:
    from summariser.check.claims import ClaimChecker

    text = (
        "The quake damaged 1,260 houses, 180 of them destroyed. Officials opened schools as "
        "shelters. The last deadly quake in the region killed more than twenty people."
    )
    strict = ClaimChecker.for_story(text, "strict")
    assert strict.supported("key point", "The last deadly quake killed more than twenty people.")
    assert not strict.supported(
        "key point", "The last deadly quake in the region killed more than 180 people."
    )


def test_prose_the_story_holds_word_for_word_would_pass_the_ner_check_too() -> None:
    """`unsupported_names` skips NER for verbatim prose; NER must agree on every gold story.

    Sentences, headline-sized heads and tails of them, as a model copies them, each checked
    by the NER path itself.
    """
    from pathlib import Path

    from summariser.check.grounding import _verbatim, names_missing_from, unsupported_names
    from summariser.segment import segment
    from summariser.text import split_sentences

    root = Path(__file__).resolve().parents[2]
    files = sorted((root / "evals" / "bulletins").glob("*.txt")) + sorted(
        (root / "seeds").glob("*.txt")
    )
    checked = 0
    for path in files:
        for story in segment(path.read_text(encoding="utf-8")):
            index = StoryIndex(story.text)
            for sentence in split_sentences(story.body):
                words = sentence.split()
                for prose in (sentence, " ".join(words[:10]), " ".join(words[-8:])):
                    assert _verbatim(prose, index)
                    assert unsupported_names(prose, index) == []
                    assert names_missing_from(prose, index) == [], (path.name, prose)
                    checked += 1
    assert checked > 1500
    # Prose the story does not hold still goes through NER.
    index = StoryIndex(STORY)
    assert not _verbatim("General Asim Munir met Imran Khan in Rawalpindi.", index)
    assert unsupported_names("General Asim Munir met Imran Khan in Rawalpindi.", index) == [
        "Imran Khan"
    ]
