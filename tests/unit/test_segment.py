"""Segmentation is deterministic and keeps exact offsets."""

from __future__ import annotations

from summariser.segment import _wide_gaps, is_title_line, segment, split_lines
from summariser.text import split_sentences

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


# --------------------------------------------------------------------------- wire layouts

REUTERS = (
    "UPDATE 2-U.S. lawmakers approve St. Lawrence port funding\nBy Jane Morrow\n\n"
    "WASHINGTON, March 4 (Reuters) - U.S. lawmakers on Tuesday approved $1.2 billion.\n\n"
    "The vote was 61-38, officials said.\n\n"
    "-- Washington Newsroom +1 202 555 0142\n\n"
    "INTERVIEW-Ukraine grain chief sees higher exports\nBy Olga Petrenko, Reuters\n\n"
    "KIEV (Reuters) - Ukraine will export more grain, Olga Petrenko was told.\n\n"
    "He said so.\n"
)
CONLL = (
    "Woman charged over N. Ireland arms find.\n\nBELFAST 1996-12-06\n\n"
    "A woman was charged on Friday.\n\nPolice said the find was large.\n\n"
    "POLISH FARMERS BLOCK ROADS.\n\nSteven Silber\n\nWARSAW 1996-12-06\n\n"
    "Polish farmers blocked roads.\n\nThey want higher prices.\n"
)


def test_slug_is_cut_from_the_title_and_by_line_is_a_byline() -> None:
    first, second = segment(REUTERS)
    assert first.title == "U.S. lawmakers approve St. Lawrence port funding"
    assert second.title == "Ukraine grain chief sees higher exports"
    assert first.byline is not None and first.byline.name == "Jane Morrow"
    assert second.byline is not None and second.byline.text == "By Olga Petrenko, Reuters"
    assert REUTERS[second.byline.start : second.byline.end] == second.byline.text


def test_reuters_dateline_is_recorded_and_kept_out_of_the_body() -> None:
    first, second = segment(REUTERS)
    assert first.dateline is not None
    assert (first.dateline.place, first.dateline.date, first.dateline.agency) == (
        "WASHINGTON", "March 4", "Reuters")
    assert REUTERS[first.dateline.start : first.dateline.end] == "WASHINGTON, March 4 (Reuters)"
    assert first.body.startswith("U.S. lawmakers on Tuesday")
    assert second.dateline is not None and second.dateline.place == "KIEV"
    assert second.lead.startswith("Ukraine will export")


def test_trailer_stays_in_its_story_but_out_of_the_body() -> None:
    first, second = segment(REUTERS)
    assert first.text.endswith("+1 202 555 0142")
    assert "Newsroom" not in first.body
    assert second.text.startswith("INTERVIEW-")


def test_layout_spans_cover_byline_dateline_and_trailer() -> None:
    first = segment(REUTERS)[0]
    spans = [first.text[a:b] for a, b in first.layout_spans]
    assert spans == ["UPDATE 2-", "By Jane Morrow", "WASHINGTON, March 4 (Reuters) - ",
                     "-- Washington Newsroom +1 202 555 0142"]


def test_full_stop_and_capitals_titles_with_conll_datelines() -> None:
    first, second = segment(CONLL)
    assert first.title == "Woman charged over N. Ireland arms find."
    assert first.dateline is not None and first.dateline.text == "BELFAST 1996-12-06"
    assert (first.dateline.place, first.dateline.date) == ("BELFAST", "1996-12-06")
    assert first.body.startswith("A woman was charged")
    assert second.title == "POLISH FARMERS BLOCK ROADS."
    assert second.byline is not None and second.byline.name == "Steven Silber"
    assert "Silber" not in second.body and "WARSAW" not in second.body
    for story in (first, second):
        assert CONLL[story.start : story.end] == story.text


def test_full_stop_line_without_layout_is_not_a_title() -> None:
    text = "Floods hit the coast.\n\nTwelve people were evacuated on Monday.\n"
    assert [s.title for s in segment(text)] == [None, None]


def test_cnn_datelines_with_and_without_place() -> None:
    text = (
        "Kathmandu, Nepal (CNN) -- Floods killed 12 people on Monday.\nRescuers searched.\n\n"
        "(CNN) -- A second story here.\n"
    )
    first, second = segment(text)
    assert first.dateline is not None and first.dateline.place == "Kathmandu, Nepal"
    assert first.dateline.agency == "CNN"
    assert first.lead == "Floods killed 12 people on Monday."
    assert second.dateline is not None and second.dateline.place is None
    assert second.body == "A second story here."


def test_a_place_in_capitals_and_a_dash_is_a_dateline_only_when_it_is_a_place() -> None:
    text = (
        "Train line opens\n\nLIMA, Peru — The first train ran on Sunday.\nCrowds cheered.\n\n"
        "Alliance meets\n\nNATO — The alliance met on Monday.\nIt agreed a plan.\n"
    )
    first, second = segment(text)
    assert first.dateline is not None and first.dateline.place == "LIMA, Peru"
    assert first.dateline.date is None and first.dateline.agency is None
    assert first.lead == "The first train ran on Sunday."
    assert second.dateline is None  # capitals and a dash, but no place
    assert second.lead.startswith("NATO")


def test_datelines_in_title_case_and_with_the_day_before_the_month() -> None:
    # Regional and British copy: "Arequipa, Peru —", "QUITO, 3 March —"; a title-case word
    # and a dash that is no place ("Unions —", "Paris - based") stays prose.
    text = (
        "Miners walk out\n\nArequipa, Peru — Miners walked out on Sunday.\nTalks failed.\n\n"
        "Power cut in capital\n\nQUITO, 3 March (Reuters) - Power was cut.\nIt came back.\n\n"
        "Unions meet\n\nUnions — The unions met on Monday.\nThey agreed a plan.\n"
    )
    first, second, third = segment(text)
    assert first.dateline is not None and first.dateline.place == "Arequipa, Peru"
    assert first.lead == "Miners walked out on Sunday."
    assert second.dateline is not None and second.dateline.date == "3 March"
    assert second.dateline.place == "QUITO" and second.dateline.agency == "Reuters"
    assert third.dateline is None and third.lead.startswith("Unions")


def test_a_title_case_place_and_a_dash_is_a_dateline_only_where_the_text_opens() -> None:
    # Later paragraphs and lists ("Dubai — 08:45") keep their place; an aside between two
    # dashes is no dateline.
    listing = segment("Flight times\n\nDubai — 08:45\nDoha — 09:30\nMuscat — 10:15\n")
    assert len(listing) == 1 and listing[0].dateline is None
    aside = segment(
        "Energy future\n\nGermany — Europe's largest economy — has closed its last nuclear "
        "plants.\nIt will import more gas.\n"
    )
    assert aside[0].dateline is None
    updates = segment(
        "Election day in Kenya\n\nKisumu — Long queues formed before dawn on Tuesday.\n"
        "Voting was calm.\n\nMombasa — Turnout was lower in the coastal city, officials "
        "said.\n"
    )
    assert updates[0].title == "Election day in Kenya"
    assert updates[0].dateline is not None and updates[0].dateline.place == "Kisumu"


def test_a_title_line_over_a_first_paragraph_not_twice_its_length() -> None:
    text = (
        "Scientists explain how the cyclone formed over the warm bay\n"
        "The cyclone has winds measured at 200 km/h, so will it weaken as it moves over land?\n"
        "Yes, it will weaken quickly once it is over land.\n"
    )
    story = segment(text)[0]
    assert story.title == "Scientists explain how the cyclone formed over the warm bay"
    assert story.lead.startswith("The cyclone has winds")


def test_prose_in_parentheses_is_not_a_dateline() -> None:
    story = segment("Paris (France) - based groups met on Monday.\n")[0]
    assert story.dateline is None


def test_markdown_headings_are_titles_and_rules_separate_stories() -> None:
    text = (
        "# First heading\n\nBody one. More.\n\n---\n\n# Second heading\nBody two.\n\n***\n\n"
        "Third story without heading.\n"
    )
    stories = segment(text)
    assert [s.title for s in stories] == ["First heading", "Second heading", None]
    assert stories[1].body == "Body two."


def test_end_marks_under_stories_separate_them_and_belong_to_none() -> None:
    # Press releases and broadcast scripts close each story with "###" or "-30-", and a
    # headline may end in a full stop ("... in southern Peru."), so the mark, not the
    # headline's shape, is what sets the stories apart.
    text = (
        "Miners strike at copper pit in the south\n\nWorkers walked out on Monday. Talks "
        "failed over pay.\n\n###\n\nPort opens after repairs.\n\nThe port reopened on "
        "Friday after three weeks of work on its cranes and berths, officials said.\n\n"
        "# # #\n\nThird story here\n\n"
        "It has one line.\n\n-30-\n"
    )
    stories = segment(text)
    assert [s.title for s in stories] == [
        "Miners strike at copper pit in the south", "Port opens after repairs.", "Third story here"
    ]
    assert all("#" not in s.text and "-30-" not in s.text for s in stories)


def test_invisible_characters_do_not_change_segmentation() -> None:
    plain = "One line story.\n\nSecond story is here.\n\nThird.\n\nFourth.\n"
    hidden = (
        "One line story.\u200b\n\nSecond story is here.\n\u200b\u202c\nThird.\u202c\n\n"
        "Fourth.\n"
    )
    assert [s.body for s in segment(hidden)] == [s.body for s in segment(plain)]
    for story in segment(hidden):
        assert hidden[story.start : story.end] == story.text


def test_sentences_are_not_cut_at_abbreviations_initials_or_decimals() -> None:
    text = (
        "A woman was charged over the N. Ireland arms find. Police in St. Paul said U.S. "
        "officials paid 2.5 million. John F. Kennedy was there."
    )
    assert split_sentences(text) == [
        "A woman was charged over the N. Ireland arms find.",
        "Police in St. Paul said U.S. officials paid 2.5 million.",
        "John F. Kennedy was there.",
    ]


def test_candidate_text_blanks_layout_but_keeps_offsets() -> None:
    from summariser.check.context import candidate_text

    second = segment(REUTERS)[1]
    text = candidate_text(second)
    assert len(text) == len(second.text)
    assert "By Olga Petrenko" not in text and "KIEV (Reuters)" not in text
    # The name in the story's own text stays for the extractor.
    assert text.index("Olga Petrenko") == second.text.index("Olga Petrenko was told")


def test_markdown_briefing_has_a_filed_line_under_the_heading() -> None:
    from summariser.render.markdown import render_story
    from summariser.schemas import Span, StoryRecord
    from summariser.wire import byline_record, dateline_record

    story = segment(REUTERS)[0]
    record = StoryRecord(
        id=1, title=story.title, lead=story.lead, headline=story.title or "",
        byline=byline_record(story.byline), dateline=dateline_record(story.dateline),
        source=Span(start=story.start, end=story.end),
    )
    lines = render_story(record)
    # One bold label style; parentheses render as themselves, so they are not escaped.
    assert lines[4] == "**Filed:** By Jane Morrow — WASHINGTON, March 4 (Reuters)"


def test_web_copy_title_with_a_date_line_and_without_a_blank_line() -> None:
    """Wikinews pasted as text: the title, a date alone on its line ("Sunday, August 2,
    2015"), the story; or the title straight above the first paragraph. Neither title nor
    date goes into the story's lead."""
    text = ("Floods close schools in the north\n"
            "Sunday, August 2, 2015\n"
            "Heavy rain closed 40 schools in the north on Saturday, officials said.\n\n"
            "Council approves new bridge over the river\n"
            "The city council approved a new bridge over the river on Monday, after two "
            "years of debate about its cost and route.\n")
    first, second = segment(text)
    assert first.title == "Floods close schools in the north"
    assert first.dateline is not None and first.dateline.date == "August 2, 2015"
    assert first.dateline.place is None
    assert first.lead.startswith("Heavy rain")
    assert second.title == "Council approves new bridge over the river"
    assert second.lead.startswith("The city council")


def test_a_short_first_line_before_a_short_line_stays_text() -> None:
    """Only a paragraph (long, ending as a sentence) under it makes a line without closing
    punctuation a title: two short lines are a story's text."""
    (story,) = segment("Water levels rising\nin the valley towns")
    assert story.title is None


def test_a_title_over_a_section_heading_over_the_text() -> None:
    """Web copy pasted as text: a title, a much shorter section heading, then the text with
    no blank line between; the heading is text, never part of the title."""
    text = ("Reporters talk to the founders of a small puzzle studio in Oslo\n"
            "Early days\n"
            "How did the studio start?\n"
            "We met at university and built our first game in a kitchen.\n")
    (story,) = segment(text)
    assert story.title == "Reporters talk to the founders of a small puzzle studio in Oslo"
    assert story.lead.startswith("Early days")


def test_a_section_label_over_a_headline_is_no_title_of_its_own() -> None:
    """A short label above a longer headline is not a title over a section heading."""
    (story,) = segment("WORLD\nFloods kill 12 in the north\nHeavy rain fell for three days.\n")
    assert story.title != "WORLD"


def test_web_desk_bylines_and_datelines_beyond_ascii_and_agencies() -> None:
    """A byline with a name beyond ASCII ("Laura Menéndez"), a reporter's title after the
    name ("Science Correspondent" is no name), a dateline of a place and a day with no
    agency ("LONDON, Nov 14 —"), and a place the gazetteer lacks in a county it knows."""
    text = (
        "Drama takes top prize\nBy Laura Menéndez\n\"Tideline\" won the prize on Saturday.\n\n"
        "Album tops chart\nLONDON, Nov 14 — The singer went to No 1 on Friday.\n\n"
        "Cress toughens up\nBy Priya Raman, Science Correspondent\nCress grown in orbit "
        "developed thicker walls.\n\n"
        "Filly wins Derby\nTHE CURRAGH, Co Kildare — The filly won on Saturday.\n"
    )
    first, second, third, fourth = segment(text)
    assert first.byline is not None and first.byline.name == "Laura Menéndez"
    assert first.lead.startswith('"Tideline" won')
    assert second.dateline is not None
    assert (second.dateline.place, second.dateline.date) == ("LONDON", "Nov 14")
    assert second.lead == "The singer went to No 1 on Friday."
    assert third.byline is not None and third.byline.name == "Priya Raman"
    assert fourth.dateline is not None and fourth.dateline.place == "THE CURRAGH, Co Kildare"
    assert fourth.lead == "The filly won on Saturday."


def test_a_wider_gap_starts_a_story_whose_headline_ends_in_a_full_stop() -> None:
    """Two blank lines between stories, one between paragraphs: a headline after the wider
    gap starts a story though it ends in a full stop (issue 16's wire layouts)."""
    para = "The council met on Monday and agreed the budget after a long debate."
    text = (
        "Council agrees budget after long debate\n\n" + para + "\n\n" + para + "\n\n\n"
        "Floods swamp Faenza as river bursts its banks.\n\n"
        "Floodwaters swept through the town of Faenza on Wednesday after the river burst its "
        "banks following 36 hours of rain.\n\n" + para + "\n"
    )
    stories = segment(text)
    assert len(stories) == 2
    assert stories[1].title is not None and stories[1].title.startswith("Floods swamp Faenza")
    assert stories[1].body.startswith("Floodwaters swept")


def test_a_gap_is_a_story_break_only_in_a_bulletin_of_two_gap_widths() -> None:
    """One width says nothing; many widths say nothing; two widths where the narrow is the
    more common (paragraphs) make the wide ones story breaks. The first gap (the file's
    leading blank lines) is not counted."""
    assert _wide_gaps([0, 1, 1, 2, 1, 1]) == {3}
    assert _wide_gaps([3, 1, 1, 1]) == set()
    assert _wide_gaps([0, 1, 2, 3, 1]) == set()
    assert _wide_gaps([0, 2, 1, 2]) == set()


def test_datelines_in_latin_letters_beyond_ascii() -> None:
    """'NYNÄSHAMN, Sweden (AP) —', 'SÃO PAULO, Dec 3 (Reuters) -': a place's accented
    capitals are still a dateline's, kept out of the body."""
    text = (
        "Storm cuts ferry links\n\nNYNÄSHAMN, Sweden (AP) — A storm cut ferry links on "
        "Wednesday.\n\n\nReal steadies\n\nSÃO PAULO, Dec 3 (Reuters) - Brazil's real steadied "
        "on Tuesday.\n"
    )
    first, second = segment(text)
    assert first.dateline is not None and first.dateline.place == "NYNÄSHAMN, Sweden"
    assert first.body.startswith("A storm")
    assert second.dateline is not None
    assert (second.dateline.place, second.dateline.date) == ("SÃO PAULO", "Dec 3")


def test_a_section_heading_inside_a_story_does_not_start_one() -> None:
    """Where two blank lines set stories apart, a heading after one blank line (a press
    release's "About the company" over its boilerplate) is more of the same story."""
    para = "The company said output rose in the quarter and that exports would resume soon."
    text = (
        "Ridgeway Mining restarts copper exports\n\n" + para + "\n\n" + para + "\n\n"
        "About Ridgeway Mining\n"
        "Ridgeway Mining is listed in Toronto and has operated copper mines in the region "
        "since 2011.\n\n\n"
        "Storm closes ports along the coast\n\n" + para + "\n\n" + para + "\n"
    )
    stories = segment(text)
    assert [s.title for s in stories] == [
        "Ridgeway Mining restarts copper exports", "Storm closes ports along the coast"
    ]
    assert "listed in Toronto" in stories[0].body


def test_a_byline_with_the_reporter_s_title_under_a_headline() -> None:
    """"Name, Political Correspondent" alone under a headline is the byline, and the
    headline stays the story's title."""
    para = ("Councillors voted on Tuesday to freeze parking charges for another two years, "
            "despite a warning from officials about the budget.")
    text = (
        "Council freezes parking charges\nEwan Lindsay, Local Government Reporter\n\n"
        + para + "\n\n" + para + "\n"
    )
    stories = segment(text)
    assert stories[0].title == "Council freezes parking charges"
    assert stories[0].byline is not None and stories[0].byline.name == "Ewan Lindsay"
    assert stories[0].body.startswith("Councillors voted")


def test_a_story_after_a_single_gap_still_opens_by_its_layout() -> None:
    """In a bulletin of two gap widths, a dateline's story after a paragraph's gap is still
    a story: only a plain heading over a paragraph is read as a section."""
    para = ("The ministry said on Monday that the new rules would take effect next month, "
            "after a long consultation with industry groups.")
    text = (
        "Ministry sets new rules for lorries\n\n" + para + "\n\n" + para + "\n\n"
        "Chile approves lithium deal\n\n"
        "SANTIAGO, June 18 (Reuters) - Chile's senate approved a lithium deal on Tuesday "
        "after months of debate between the parties.\n\n\n"
        "Storm closes ports along the coast\n\n" + para + "\n\n" + para + "\n"
    )
    titles = [s.title for s in segment(text)]
    assert "Chile approves lithium deal" in titles


def test_a_long_title_over_a_date_line_is_a_title() -> None:
    """A Wikinews title of two clauses runs past a headline's usual length; the date line
    alone on the line under it makes it the title, not the opening of the lead (which would
    glue title and date into one sentence)."""
    title = ("City council votes to close the old river bridge to lorries from March; two "
             "neighbouring towns ask for a bypass instead")
    text = (f"{title}\nTuesday, May 15, 2018\nThe council voted 9 to 4 on Monday to close "
            "the bridge to heavy traffic, citing cracks found in its piers last year.\n")
    stories = segment(text)
    assert len(stories) == 1
    assert stories[0].title == title
    # Without the date line under it, a line that long is no title; nor is a line that
    # ends as if it went on.
    assert segment(f"{title}\nThe council voted 9 to 4 on Monday.\n")[0].title is None
    assert segment("Flood warning for the north —\nTuesday, May 15, 2018\nThe river rose "
                   "2 metres overnight and 300 homes were evacuated.\n")[0].title is None
