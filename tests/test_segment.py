"""Segmentation is deterministic and keeps exact offsets."""

from __future__ import annotations

from summariser.segment import is_title_line, segment, split_lines

SEED_TITLE = "Pakistani Military Commanders Urge Afghan Taliban To Act Against TTP"


def test_seed_has_six_stories_with_the_first_titled(seed_text: str) -> None:
    stories = segment(seed_text)
    assert len(stories) == 6
    assert stories[0].title == SEED_TITLE
    assert [s.title for s in stories[1:]] == [None] * 5
    assert stories[1].body.startswith("Sources report that a young Afghan man")
    assert stories[5].body.startswith("The Drug Control Agency of Tajikistan")


def test_seed_repeated_lead_is_kept_once(seed_text: str) -> None:
    first = segment(seed_text)[0]
    lead = "Senior Pakistani military commanders have once again expressed serious concerns"
    assert first.body.count(lead) == 1
    assert first.dropped_repeats == 1
    assert seed_text.count(lead) == 2  # the input really does repeat it


def test_seed_subheadings_stay_inside_the_fourth_story(seed_text: str) -> None:
    fourth = segment(seed_text)[3]
    for heading in (
        "Phased Relocation of Afghan Migrants",
        "Expulsion of Afghans Awaiting Resettlement",
        "Implementation and Growing Criticism",
    ):
        assert heading in fourth.body


def test_offsets_are_exact(seed_text: str) -> None:
    for story in segment(seed_text):
        assert seed_text[story.start : story.end] == story.text
        assert not story.text[-1].isspace()
    stories = segment(seed_text)
    assert all(a.end < b.start for a, b in zip(stories, stories[1:], strict=False))


def test_crlf_gives_the_same_stories_with_crlf_offsets(seed_text: str) -> None:
    crlf = seed_text.replace("\n", "\r\n")
    plain, windows = segment(seed_text), segment(crlf)
    assert [s.body for s in plain] == [s.body for s in windows]
    for story in windows:
        assert crlf[story.start : story.end] == story.text


def test_runs_of_blank_lines_and_whitespace_lines(seed_text: str) -> None:
    padded = "\n\n \n" + seed_text.replace("\n\n", "\n\n  \n\t\n\n") + "\n\n\n"
    stories = segment(padded)
    assert [s.body for s in stories] == [s.body for s in segment(seed_text)]


def test_mixed_line_endings() -> None:
    text = "First story line one.\r\nLine two.\n\rSecond story here.\r\n"
    stories = segment(text)
    assert [s.body for s in stories] == ["First story line one.\nLine two.", "Second story here."]


def test_no_blank_lines_is_one_story() -> None:
    text = "One line.\nAnother line.\nA third."
    assert len(segment(text)) == 1


def test_titled_bulletin_keeps_blank_separated_paragraphs_together() -> None:
    text = (
        "Floods Hit the Coast\n\nHeavy rain fell on Monday.\n\nTwelve people were evacuated.\n\n"
        "Election Results Delayed\n\nThe commission said counting continues.\n\n"
        "Results are due Friday.\n"
    )
    stories = segment(text)
    assert [s.title for s in stories] == ["Floods Hit the Coast", "Election Results Delayed"]
    assert "Twelve people were evacuated." in stories[0].body


def test_title_line_rules() -> None:
    assert is_title_line("Pakistani Military Commanders Urge Afghan Taliban To Act Against TTP")
    assert not is_title_line("He said the plan was final.")
    assert not is_title_line("lower case start")
    assert not is_title_line("A " * 40)


def test_split_lines_handles_every_terminator() -> None:
    lines = split_lines("a\r\nb\rc\nd")
    assert [line.text for line in lines] == ["a", "b", "c", "d"]
    assert [line.start for line in lines] == [0, 3, 5, 7]
