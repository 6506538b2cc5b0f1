"""The markdown briefing (and the HTML view's markup) on hand-built briefings: fast, no model.

The realistic briefing is built over the seed bulletin with real offsets; the hostile one puts
markup-looking strings in every story-controlled field. A real CommonMark parser
(markdown-it-py, installed with rich) checks that hostile text stays text, and pymarkdownlnt
lints the output.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pymarkdown.api import PyMarkdownApi

from summariser.render import briefing_json, render_html, render_markdown
from summariser.render.escape import escape
from summariser.render.html import highlight, story_items
from summariser.render.index import build_index
from summariser.render.ordering import figure_magnitude, rank_stories, significance
from summariser.render.toplines import TOP_LINES_LIMIT, top_lines
from summariser.schemas import (
    Briefing,
    Evidence,
    FigureRecord,
    GroundingStats,
    NamedRecord,
    PersonRecord,
    QuoteRecord,
    RunMeta,
    Span,
    StoryRecord,
)

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_308f2c399fe30051.txt"

# --------------------------------------------------------------------------- builders

_STORY_STARTS = (
    "Pakistani Military Commanders Urge",
    "Sources report that a young Afghan man",
    "The United Nations has confirmed",
    "According to informed sources cited by Dawn",
    "Mohammad Sadegh Motamedian, the governor",
    "The Drug Control Agency of Tajikistan",
)


def seed_spans(text: str) -> list[Span]:
    starts = [text.index(s) for s in _STORY_STARTS] + [len(text)]
    return [Span(start=a, end=a + len(text[a:b].rstrip())) for a, b in zip(starts, starts[1:],
                                                                          strict=False)]


class _Finder:
    """Evidence for phrases of one story, found at their real offsets in the input."""

    def __init__(self, text: str, span: Span) -> None:
        self.text, self.span = text, span

    def __call__(self, phrase: str, nth: int = 0) -> Evidence:
        at = self.span.start
        for _ in range(nth + 1):
            at = self.text.index(phrase, at, self.span.end) + 1
        return Evidence(text=phrase, start=at - 1, end=at - 1 + len(phrase))

    def person(self, name: str, role: str | None = None, aliases: tuple[str, ...] = (),
               phrase: str = "") -> PersonRecord:
        return PersonRecord(name=name, role=role, aliases=list(aliases),
                            evidence=self(phrase or name), origin="ner")

    def named(self, name: str, aliases: tuple[str, ...] = (), phrase: str = "") -> NamedRecord:
        return NamedRecord(name=name, aliases=list(aliases), evidence=self(phrase or name),
                           origin="ner")

    def figure(self, value: str, context: str) -> FigureRecord:
        return FigureRecord(value=value, context=context, evidence=self(value), origin="rule")

    def quote(self, text: str, speaker: str) -> QuoteRecord:
        return QuoteRecord(text=text, speaker=speaker, evidence=self(text), origin="rule")


def realistic_briefing(text: str) -> Briefing:
    """The seed's six stories as the pipeline would record them; story 2 failed."""
    spans = seed_spans(text)
    f = [_Finder(text, span) for span in spans]

    def lead(i: int) -> str:
        body = text[spans[i].start:spans[i].end]
        return body.split("\n\n", 1)[-1].split("\n", 1)[0] if i == 0 else body.split("\n")[0]

    stories = [
        StoryRecord(
            id=1, title="Pakistani Military Commanders Urge Afghan Taliban To Act Against TTP",
            lead=lead(0), headline="Pakistani commanders urge Afghan Taliban to act against TTP",
            summary="Senior Pakistani military commanders called for concrete actions from the "
                    "Afghan Taliban to curb TTP activities. The meeting in Rawalpindi was "
                    "chaired by General Asim Munir.",
            key_points=["The conference of top military officials met in Rawalpindi.",
                        "18 Pakistani soldiers lost their lives in Balochistan."],
            topic="security", countries=["Pakistan", "Afghanistan"], primary_place="Pakistan",
            people=[f[0].person("General Asim Munir", "Pakistan’s Chief of Army Staff")],
            organisations=[f[0].named("Afghan Taliban"),
                           f[0].named("TTP", ("Tehreek-e-Taliban Pakistan",))],
            places=[f[0].named("Rawalpindi"), f[0].named("Balochistan"),
                    f[0].named("Afghanistan")],
            figures=[f[0].figure("18", "Pakistani soldiers lost their lives")],
            quotes=[f[0].quote("concrete actions", "Senior Pakistani military commanders")],
            sources=[f[0].named("Pakistani military")],
            source=spans[0],
        ),
        StoryRecord(
            id=2, lead=lead(1), status="not_summarised",
            reason="the model's answer failed grounding after 3 attempts",
            countries=["Pakistan"], primary_place="Pakistan", source=spans[1],
        ),
        StoryRecord(
            id=3, lead=lead(2), headline="UN lets Sirajuddin Haqqani travel to Saudi Arabia",
            summary="The United Nations has confirmed that Sirajuddin Haqqani, the Taliban's "
                    "Interior Minister, has travelled to Saudi Arabia to perform the Umrah "
                    "pilgrimage.",
            topic="diplomacy", countries=["Saudi Arabia", "United Arab Emirates"],
            primary_place="Saudi Arabia",
            people=[f[2].person("Sirajuddin Haqqani", "Taliban's Interior Minister", ("Haqqani",)),
                    f[2].person("Ahmad al-Sharaa", "head of Syria’s interim government")],
            organisations=[f[2].named("United Nations"), f[2].named("UN Security Council")],
            places=[f[2].named("Saudi Arabia"),
                    f[2].named("United Arab Emirates", ("UAE",))],
            figures=[f[2].figure("ten days", "travel ban was temporarily lifted"),
                     f[2].figure("$10 million", "bounty placed")],
            source=spans[2],
        ),
        StoryRecord(
            id=4, lead=lead(3), headline="Pakistan plans to expel Afghan migrants from Islamabad",
            summary="According to informed sources cited by Dawn newspaper, the Pakistani "
                    "government is planning to expel registered Afghan migrants from Islamabad "
                    "and Rawalpindi and gradually return them to Afghanistan.",
            key_points=["Holders of Afghanistan Citizenship Cards will be expelled first.",
                        "Refugees awaiting resettlement must leave by 31 March."],
            topic="migration", countries=["Pakistan", "Afghanistan"], primary_place="Pakistan",
            people=[f[3].person("Shehbaz Sharif", "Prime Minister",
                                ("Prime Minister Shehbaz Sharif",)),
                    f[3].person("Asim Munir", "Pakistan’s Chief of Army Staff")],
            organisations=[f[3].named("Dawn"),
                           f[3].named("National Database & Registration Authority"),
                           f[3].named("Ministry of Interior"),
                           f[3].named("International Organization for Migration")],
            places=[f[3].named("Islamabad"), f[3].named("Rawalpindi")],
            figures=[f[3].figure("an estimated 1.3 million",
                                 "Afghans in Pakistan with PoR cards"),
                     f[3].figure("700,000", "Afghans with ACC cards"),
                     f[3].figure("more than 800,000",
                                 "Afghan migrants have returned to Afghanistan")],
            sources=[f[3].named("Dawn")],
            source=spans[3],
        ),
        StoryRecord(
            id=5, lead=lead(4), headline="Tehran expels 200,000 undocumented refugees",
            summary="Mohammad Sadegh Motamedian, the governor of Tehran, has announced that "
                    "200,000 undocumented refugees have been expelled from the province.",
            topic="migration", countries=["Iran"], primary_place="Iran",
            people=[f[4].person("Mohammad Sadegh Motamedian", "governor of Tehran",
                                ("Motamedian",)),
                    f[4].person("Morteza Ali Pouri", "deputy governor of Alborz"),
                    f[4].person("Eskandar Momeni", "Iran’s Minister of Interior")],
            organisations=[f[4].named("Islamic Republic News Agency", ("IRNA",))],
            places=[f[4].named("Tehran"), f[4].named("Alborz")],
            figures=[f[4].figure("200,000", "undocumented refugees have been expelled"),
                     f[4].figure("approximately 1.1 million",
                                 "Afghan migrants have been deported")],
            quotes=[f[4].quote("Simply arresting and expelling foreign nationals is not "
                               "sufficient.", "Mohammad Sadegh Motamedian"),
                    f[4].quote("We believe that public cooperation is crucial in addressing "
                               "the issue of foreign nationals.", "Motamedian")],
            sources=[f[4].named("Islamic Republic News Agency", ("IRNA",))],
            source=spans[4],
        ),
        StoryRecord(
            id=6, lead=lead(5), headline="Tajikistan seizes 121 kilograms of methamphetamine",
            summary="The Drug Control Agency of Tajikistan seized 121 kilograms of "
                    "methamphetamine from two trucks bound from Afghanistan to China.",
            topic="drugs", countries=["Tajikistan", "Afghanistan", "China"],
            people=[f[5].person("Zafar Samad", "agency’s head", ("Samad",))],
            organisations=[f[5].named("Drug Control Agency of Tajikistan")],
            places=[f[5].named("Tajikistan"), f[5].named("China")],
            figures=[f[5].figure("121 kilograms", "methamphetamine seized"),
                     f[5].figure("59%", "increase in seizures of synthetic drugs")],
            source=spans[5],
        ),
    ]
    meta = RunMeta(
        input="000_308f2c399fe30051.txt", date="2026-11-25", backend="openai",
        model="smollm2-135m", entity_mode="candidates", prompt_version="story-v1",
        stories=6, failed=1, prompt_tokens=12345, completion_tokens=2345, model_calls=9,
        grounding=GroundingStats(proposed=120, grounded=101, dropped=19, reasks=4),
    )
    return Briefing(stories=stories, meta=meta)


HOSTILE = [
    "<script>alert(1)</script>",
    "[x](http://evil)",
    "# Heading",
    "![i](x)",
    "`code` and ``more``",
    "*bold* and _it_ and __strong__",
    "a | b | c",
    "~~strike~~",
    "<img src=x onerror=alert(1)>",
    "&lt;b&gt; &amp; &#42;",
    "1. item",
    "2) item",
    "- item",
    "+ item",
    "> quote",
    "---",
    "=====",
    "http://evil.example/x and www.evil.example",
    "\\*escaped\\* trailing \\",
    "[ref]: http://evil",
    "<http://evil>",
    "x_y_z __init__",
    "line one\n# line two\n\n- line three",
    "    indented code",
]


def hostile_briefing() -> tuple[Briefing, str]:
    """Every story-controlled field hostile; evidence points into a hostile input text."""
    text = "\n\n".join(HOSTILE) + "\n"
    offsets: list[int] = []
    at = 0
    for s in HOSTILE:
        offsets.append(text.index(s, at))
        at = offsets[-1] + len(s)

    def ev(i: int, lo: int = 0, hi: int | None = None) -> Evidence:
        start = offsets[i] + lo
        end = offsets[i] + (len(HOSTILE[i]) if hi is None else hi)
        return Evidence(text=text[start:end], start=start, end=end)

    stories = []
    for n, s in enumerate(HOSTILE):
        other = HOSTILE[(n + 1) % len(HOSTILE)]
        stories.append(StoryRecord(
            id=n + 1, title=s, lead=other, headline=s, summary=f"{s} {other}",
            status="summarised" if n % 5 else "not_summarised",
            reason=s if n % 5 == 0 else None,
            key_points=[s, other], topic=s, countries=[s, other],
            primary_place=s if n % 3 else None,
            people=[PersonRecord(name=s, role=other, aliases=[other], evidence=ev(n))],
            organisations=[NamedRecord(name=other, evidence=ev(n, 0, 3))],
            places=[NamedRecord(name=s, evidence=ev(n, 2, 6))],  # crosses the organisation
            figures=[FigureRecord(value=s, context=other, evidence=ev(n, 1, 4))],
            quotes=[QuoteRecord(text=s, speaker=other, evidence=ev(n))],
            sources=[NamedRecord(name=s, aliases=[other])],  # no evidence at all
            source=Span(start=offsets[n], end=offsets[n] + len(s)),
        ))
    meta = RunMeta(date="<b>2026</b>", backend="*fake*", model="[m](http://evil)",
                   prompt_version="# v1", schema_version="`1`", stories=len(stories),
                   failed=sum(s.status != "summarised" for s in stories),
                   grounding=GroundingStats(proposed=9, grounded=8, dropped=1, reasks=2))
    return Briefing(stories=stories, meta=meta), text


def story(id: int, **fields: Any) -> StoryRecord:
    fields.setdefault("lead", f"Lead of story {id}.")
    fields.setdefault("headline", f"Headline {id}")
    fields.setdefault("source", Span(start=0, end=0))
    return StoryRecord(id=id, **fields)


def briefing_of(*stories: StoryRecord) -> Briefing:
    return Briefing(stories=list(stories), meta=RunMeta(date="2026-11-25"))


@pytest.fixture
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def realistic(seed: str) -> str:
    return render_markdown(realistic_briefing(seed))


# --------------------------------------------------------------------------- helpers


def sections(markdown: str, level: int) -> dict[str, str]:
    """Heading text → the markdown under it, for headings of exactly `level`."""
    prefix = "#" * level + " "
    out: dict[str, str] = {}
    current: str | None = None
    for line in markdown.splitlines():
        if re.match(rf"#{{1,{level}}} ", line):
            current = line[len(prefix):] if line.startswith(prefix) else None
            if current is not None:
                out[current] = ""
        elif current is not None:
            out[current] += line + "\n"
    return out


def anchors_in(markdown: str) -> list[str]:
    return re.findall(r'^<a id="([^"]+)"></a>$', markdown, flags=re.M)


def lint(markdown: str) -> list[str]:
    """pymarkdownlnt over `markdown`; the failures as readable lines."""
    api = (
        PyMarkdownApi()
        # MD013 (line length): a summary, a quote or a list of names is one line by design, so
        # that no story text is ever re-wrapped into something a parser could misread.
        .disable_rule_by_identifier("md013")
        # MD033 (inline HTML): the only HTML allowed is our own `<a id="story-N"></a>`
        # anchors; any other element (a story's `<script>`) still fails the lint.
        .set_string_property("plugins.md033.allowed_elements", "a")
    )
    result = api.scan_string(markdown)
    return [f"{f.line_number}:{f.column_number} {f.rule_id} {f.rule_description}"
            f"{f.extra_error_information}" for f in result.scan_failures] + [
        str(e) for e in (*result.pragma_errors, *result.critical_errors)]


def commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def inline_texts(tokens: list[Token]) -> list[str]:
    """The plain text of every inline run (paragraph, heading, list item, link text)."""
    texts = []
    for token in tokens:
        if token.type == "inline":
            texts.append("".join(c.content if c.type == "text" else " "
                                 for c in token.children or []
                                 if c.type in {"text", "softbreak", "hardbreak"}))
    return texts


# --------------------------------------------------------------------------- title, top lines


def test_title_carries_the_date(realistic: str) -> None:
    assert realistic.splitlines()[0] == "# Daily briefing — 2026-11-25"
    assert realistic.count("\n# ") == 0  # one title
    assert render_markdown(briefing_of(story(1))).startswith("# Daily briefing — 2026-11-25\n")


def test_every_story_has_a_top_line_most_significant_first(realistic: str) -> None:
    top = sections(realistic, 2)["Top lines"]
    bullets = [line for line in top.splitlines() if line.startswith("- ")]
    links = [re.search(r"\]\(#(story-\d+)\)", b) for b in bullets]
    # Scores: 4 (1.3 million affected), 5 (1.1 million), 1 (18 deaths), 3, 6; story 2 failed.
    assert [m.group(1) for m in links if m] == ["story-4", "story-5", "story-1", "story-3",
                                                "story-6", "story-2"]
    # Each line is the story's key fact, not its headline: here its first key point.
    assert bullets[0] == ("- Holders of Afghanistan Citizenship Cards will be expelled first "
                          "([Pakistan](#story-4))")
    headlines = {s.headline for s in realistic_briefing(SEED.read_text("utf-8")).stories}
    assert not any(h and h in b for b in bullets for h in headlines)
    assert bullets[-1].endswith("([Pakistan](#story-2), not summarised)")
    assert set(anchors_in(realistic)) >= {m.group(1) for m in links if m}


@pytest.mark.parametrize(("summarised", "failed"), [
    (1, 0), (3, 0), (8, 0), (9, 0), (2, 2), (0, 4), (5, 3), (7, 5), (30, 0),
])
def test_top_lines_count(summarised: int, failed: int) -> None:
    stories = [story(i) for i in range(1, summarised + 1)]
    stories += [story(100 + i, status="not_summarised", reason="timeout", headline="")
                for i in range(failed)]
    total = summarised + failed
    shown, more = top_lines(stories)
    assert len(shown) == min(total, TOP_LINES_LIMIT) and more == total - len(shown)
    # Not-summarised stories come last.
    statuses = [stories[line.position].status for line in shown]
    assert statuses == sorted(statuses, key=lambda s: s != "summarised")
    top = sections(render_markdown(briefing_of(*stories)), 2)["Top lines"]
    bullets = [line for line in top.splitlines() if line.startswith("- ")]
    assert len(bullets) == len(shown) + bool(more)
    if more:
        assert bullets[-1] == f"- {more} more {'story' if more == 1 else 'stories'} below."


def test_a_top_line_carries_the_key_fact_not_the_headline() -> None:
    quake = story(1, headline="Quake hits the city",
                  summary="The city was shaken at dawn. A quake killed 40 people in the city.",
                  key_points=["Rescue teams are still searching."],
                  figures=[FigureRecord(value="40", context="people killed")])
    md = render_markdown(briefing_of(quake))
    # The sentence with the figure that makes the story significant comes first.
    assert "- A quake killed 40 people in the city ([Other](#story-1))" in md
    # Without figures: the first key point; a line that only repeats the heading gives way.
    plain = story(2, headline="Talks resume in Geneva",
                  summary="Talks resume in Geneva. Both sides sent delegations.",
                  key_points=["Talks resume in Geneva."])
    assert top_lines([plain])[0][0].text == "Both sides sent delegations"


@pytest.mark.parametrize(("value", "amount"), [
    ("18", 18), ("1.3 million", 1_300_000), ("an estimated 1.3 million", 1_300_000),
    ("700,000", 700_000), ("Between 10,000 and 15,000", 15_000), ("at least six million", 6e6),
    ("thousands", 2000), ("two", 2), ("59%", None), ("$10 million", None),
    ("121 kilograms", None), ("ten days", None), ("23-year-old", None), ("several", None),
])
def test_figure_magnitude(value: str, amount: float | None) -> None:
    assert figure_magnitude(value) == amount


def test_significance_weighs_deaths_then_people_then_detail() -> None:
    deaths = story(1, figures=[FigureRecord(value="40", context="people were killed")])
    affected = story(2, figures=[FigureRecord(value="40", context="families displaced")])
    busy = story(3, figures=[FigureRecord(value="40", context="trucks")],
                 people=[PersonRecord(name="A B")], organisations=[NamedRecord(name="C")])
    plain = story(4)
    assert significance(deaths).deaths == 40 and significance(affected).affected == 40
    assert rank_stories([plain, busy, affected, deaths]) == [3, 2, 1, 0]
    # Ties keep the bulletin's order; a failed story ranks after every summarised one.
    failed = story(5, status="not_summarised", figures=deaths.figures)
    assert rank_stories([failed, plain, story(6)]) == [1, 2, 0]


# --------------------------------------------------------------------------- grouping


def test_stories_are_grouped_under_their_primary_place(realistic: str) -> None:
    groups = sections(realistic, 2)
    places = [h for h in groups if h not in {"Top lines", "Names in more than one story"}]
    # Groups in order of their most significant story; story 6 has no primary place and is
    # filed under its first country.
    assert places == ["Pakistan", "Iran", "Saudi Arabia", "Tajikistan"]
    assert anchors_in(groups["Pakistan"]) == ["story-4", "story-1", "story-2"]
    assert anchors_in(groups["Iran"]) == ["story-5"]
    assert anchors_in(groups["Saudi Arabia"]) == ["story-3"]
    assert anchors_in(groups["Tajikistan"]) == ["story-6"]
    assert sorted(anchors_in(realistic)) == [f"story-{i}" for i in range(1, 7)]


def test_a_story_with_no_place_goes_under_other_last() -> None:
    md = render_markdown(briefing_of(story(1), story(2, countries=["Iran"]),
                                     story(3, primary_place="pakistan", countries=["Iran"]),
                                     story(4, primary_place="Pakistan")))
    places = [h for h in sections(md, 2) if h != "Top lines"]
    assert places == ["Iran", "pakistan", "Other"]
    assert anchors_in(sections(md, 2)["pakistan"]) == ["story-3", "story-4"]


def test_duplicate_headlines_get_distinct_headings() -> None:
    md = render_markdown(briefing_of(story(1, headline="Iran"), story(2, headline="Iran"),
                                     story(3, headline="Top lines", primary_place="Iran")))
    expected = {"Iran (story 1)", "Iran (story 2)", "Top lines (story 3)"}
    assert set(sections(md, 3)) >= {escape(h) for h in expected}
    assert lint(md) == []


# --------------------------------------------------------------------------- story content


def test_story_sections_carry_every_part_of_the_record(realistic: str) -> None:
    body = sections(realistic, 3)["Tehran expels 200,000 undocumented refugees"]
    assert body.startswith("\nMohammad Sadegh Motamedian,")  # no unchecked topic line
    assert "- **200,000**: undocumented refugees have been expelled" in body
    assert ("**People:** Mohammad Sadegh Motamedian (governor of Tehran); Morteza Ali Pouri "
            "(deputy governor of Alborz); Eskandar Momeni (Iran’s Minister of Interior)") in body
    assert "**Organisations:** Islamic Republic News Agency" in body
    assert "**Places:** Tehran; Alborz" in body
    assert ("- “We believe that public cooperation is crucial in addressing the issue of "
            "foreign nationals.” (Motamedian)") in body
    assert "**Sources cited:** Islamic Republic News Agency" in body
    first = sections(realistic, 3)["Pakistani commanders urge Afghan Taliban to act against TTP"]
    assert ("**Key points:**\n\n- The conference of top military officials met in "
            "Rawalpindi.\n") in first


def test_a_name_repeated_by_the_records_is_listed_once() -> None:
    md = render_markdown(briefing_of(story(
        1, sources=[NamedRecord(name="Dawn"), NamedRecord(name="Dawn")],
        people=[PersonRecord(name="Sher", role="refugee"),
                PersonRecord(name="Sher", role="refugee"), PersonRecord(name="Sher")])))
    assert "**Sources cited:** Dawn\n" in md
    assert "**People:** Sher (refugee)\n" in md


def test_a_not_summarised_story_is_listed_with_its_lead_and_reason(realistic: str,
                                                                    seed: str) -> None:
    heading = seed_spans(seed)[1]
    lead = seed[heading.start:heading.end].split("\n")[0]
    body = sections(realistic, 3)[escape(lead.rstrip("."))]  # a heading drops the full stop
    assert "**Not summarised:** the model's answer failed grounding after 3 attempts" in body
    assert "story-2" in sections(realistic, 2)["Pakistan"]
    # With a title, the heading is the title and the lead follows.
    md = render_markdown(briefing_of(story(9, headline="", title="The title", lead="The lead.",
                                           status="not_summarised", reason="timed out")))
    assert "### The title\n\n**Not summarised:** timed out\n\n**Lead:** The lead.\n" in md


# --------------------------------------------------------------------------- index


def test_index_merges_general_asim_munir_with_asim_munir(seed: str) -> None:
    full = render_markdown(realistic_briefing(seed), index="always")
    people = sections(full, 3)["People"]
    entries = [line for line in people.splitlines() if "Asim Munir" in line]
    assert len(entries) == 1
    entry = entries[0]
    # 'General Asim Munir' is merged and not repeated: it says nothing the headword does not.
    assert entry.startswith("- **Asim Munir**, Pakistan’s Chief of Army Staff: ")
    assert "(#story-1)" in entry and "(#story-4)" in entry
    # Aliases and surnames merge too; names that merely share a word do not. Links carry
    # the story's whole headline.
    assert [line for line in people.splitlines() if "Motamedian" in line] == [
        "- **Mohammad Sadegh Motamedian**, governor of Tehran: "
        "[Tehran expels 200,000 undocumented refugees](#story-5)"]
    assert ("[Pakistani commanders urge Afghan Taliban to act against TTP](#story-1)"
            in entry)
    organisations = sections(full, 3)["Organisations"]
    assert organisations.count("Islamic Republic News Agency") == 1
    assert "- **Islamic Republic News Agency** (also IRNA): " in organisations


def test_index_merging_rules() -> None:
    stories = [
        story(1, people=[PersonRecord(name="Sirajuddin Haqqani"), PersonRecord(name="Asim Munir")],
              organisations=[NamedRecord(name="International Organization for Migration")]),
        story(2, people=[PersonRecord(name="Haqqani"), PersonRecord(name="General Asim Munir"),
                         PersonRecord(name="Serajuddin Haqqani")],
              organisations=[NamedRecord(name="IOM"),
                             NamedRecord(name="Ministry of the Interior")]),
        story(3, organisations=[NamedRecord(name="Ministry of Interior"),
                                NamedRecord(name="Taliban"), NamedRecord(name="Afghan Taliban")]),
        story(4, organisations=[NamedRecord(name="Pakistani Taliban")]),
    ]
    people, organisations = build_index(stories)
    assert [(e.name, e.forms, e.stories) for e in people] == [
        ("Asim Munir", ["General Asim Munir"], [0, 1]),
        ("Serajuddin Haqqani", ["Sirajuddin Haqqani", "Haqqani"], [0, 1]),
    ]
    orgs = {e.name: e.stories for e in organisations}
    assert orgs["International Organization for Migration"] == [0, 1]
    assert [n for n in orgs if "Interior" in n] and sum("Interior" in n for n in orgs) == 1
    # A story that names 'Afghan Taliban' and 'Taliban' names one body; a body's last words
    # are not joined across stories ('Pakistani Taliban' elsewhere stays apart).
    assert orgs["Afghan Taliban"] == [2] and "Taliban" not in orgs
    assert orgs["Pakistani Taliban"] == [3]
    # A bare surname shared by two people is not merged with either.
    two = [story(1, people=[PersonRecord(name="Sirajuddin Haqqani"),
                            PersonRecord(name="Anas Haqqani")]),
           story(2, people=[PersonRecord(name="Haqqani")])]
    assert len(build_index(two)[0]) == 3
    # Within a story, a surname goes with the one full name of that story.
    own = [story(1, people=[PersonRecord(name="Anas Haqqani"), PersonRecord(name="Haqqani")]),
           story(2, people=[PersonRecord(name="Sirajuddin Haqqani")])]
    assert [(e.name, e.stories) for e in build_index(own)[0]] == [
        ("Anas Haqqani", [0]), ("Sirajuddin Haqqani", [1])]


def test_index_work_grows_with_the_mentions_not_their_square(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Thousands of mentions of a few people who share a surname, and of a few bodies that
    share an acronym: the index looks clusters up a number of times that grows with the
    stories, not with their square (counted, not timed). The merge itself is unchanged."""
    from summariser.render import same

    lookups = 0
    find = same._Clusters.find

    def counting_find(self: Any, i: int) -> int:
        nonlocal lookups
        lookups += 1
        return find(self, i)

    monkeypatch.setattr(same._Clusters, "find", counting_find)

    def lookups_for(count: int) -> tuple[int, list[str], list[str]]:
        nonlocal lookups
        people = ["Sirajuddin Haqqani", "Anas Haqqani", "Haqqani", "Asim Munir", "Munir"]
        bodies = ["International Organization for Migration", "IOM", "Ministry of Interior"]
        stories = [
            story(n, people=[PersonRecord(name=people[n % 5]), PersonRecord(name=people[3])],
                  organisations=[NamedRecord(name=bodies[n % 3])])
            for n in range(1, count + 1)
        ]
        lookups = 0
        found_people, found_bodies = build_index(stories)
        return lookups, [e.name for e in found_people], [e.name for e in found_bodies]

    small, large = lookups_for(300), lookups_for(3_000)
    assert small[1:] == large[1:]
    assert large[1] == ["Anas Haqqani", "Asim Munir", "Haqqani", "Sirajuddin Haqqani"]
    assert large[2] == ["International Organization for Migration", "Ministry of Interior"]
    assert large[0] <= 12 * small[0], (small[0], large[0])


def test_json_export_is_the_text_json_dumps_would_write() -> None:
    """The export is pydantic's own writer; it must give json.dumps's text, byte for byte,
    on hostile strings, non-ASCII, control characters and line separators included."""
    import json

    briefing, _ = hostile_briefing()
    odd = "tab\there, nul\x00, bell\x07, del\x7f, sep\u2028 \u2029, “quotes” ‹‹‹ é 🚀 \\ \""
    briefing.stories[0].summary = odd
    briefing.stories[0].usage.seconds = 0.001
    briefing.meta.seconds = 12345.678
    expected = json.dumps(briefing.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    assert briefing_json(briefing) == expected
    assert json.loads(briefing_json(briefing))["stories"][0]["summary"] == odd



def test_render_dispatches_on_the_format_and_refuses_an_unknown_one() -> None:
    """`render()` is what the CLI calls: each format gives its own renderer's text, and a
    format nobody renders is a usage error (exit 2), not a markdown briefing in disguise."""
    from summariser.errors import UsageError
    from summariser.render import render

    briefing, text = hostile_briefing()
    assert render(briefing, "md", text) == render_markdown(briefing)
    assert render(briefing, "html", text) == render_html(briefing, text)
    assert render(briefing, "json", text) == briefing_json(briefing)
    with pytest.raises(UsageError, match="unknown output format 'pdf'") as raised:
        render(briefing, "pdf", text)
    assert raised.value.exit_code == 2


# --------------------------------------------------------------------------- footer


def test_footer_speaks_in_plain_words(realistic: str) -> None:
    footer = realistic.rsplit("\n---\n", 1)[1]
    assert footer == (
        "\n6 stories, 1 not summarised (each says why); all names, figures, dates and quotes "
        "checked against the story text; 19 items the text did not support left out; model "
        "smollm2-135m (over an OpenAI-compatible API).\n")
    for jargon in ("Tokens", "Grounding", "proposed", "re-ask", "prompt", "schema"):
        assert jargon not in footer


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize(("context", "line_start"), [
    ("paragraph", True), ("list", True), ("heading", True), ("heading", False),
    ("link", False), ("label", False), ("strong", False),
])
def test_escaped_text_renders_as_exactly_itself(hostile: str, context: str,
                                                line_start: bool) -> None:
    template = {"paragraph": "{}", "heading": "### {}", "link": "- [{}](#story-1)",
                "list": "- {}", "label": "**People:** {}", "strong": "- **{}**: x"}[context]
    escaped = escape(hostile, line_start=line_start, link_text=context == "link",
                     heading=context == "heading")
    tokens = commonmark().parse(template.format(escaped))
    kinds = [t.type for t in tokens]
    expected_block = {"paragraph": "paragraph_open", "heading": "heading_open",
                      "label": "paragraph_open"}.get(context, "bullet_list_open")
    assert kinds[0] == expected_block
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1
    children = [c.type for c in inline[0].children or []]
    ours = {"link": {"link_open", "link_close"}, "label": {"strong_open", "strong_close"},
            "strong": {"strong_open", "strong_close"}}.get(context, set())
    assert set(children) <= {"text"} | ours, children
    assert children.count("strong_open") == (context in {"label", "strong"})
    text = " ".join(hostile.split())
    expected = {"label": f"People: {text}", "strong": f"{text}: x"}.get(context, text)
    assert inline_texts(tokens) == [expected]


def test_escape_breaks_gfm_autolinks() -> None:
    assert "http\\://evil" in escape("see http://evil")
    assert "www\\.evil" in escape("see www.evil.example")


def test_hostile_briefing_injects_nothing() -> None:
    briefing, _ = hostile_briefing()
    md = render_markdown(briefing)
    tokens = commonmark().parse(md)
    flat = [t for t in tokens] + [c for t in tokens if t.children for c in t.children]
    kinds = {t.type for t in flat}
    assert not kinds & {"image", "code_inline", "code_block", "fence", "html_block", "table_open",
                        "s_open", "em_open", "blockquote_open", "ordered_list_open"}
    html_bits = {t.content for t in flat if t.type == "html_inline"}
    assert {re.sub(r"story-\d+", "story-N", b) for b in html_bits} <= {'<a id="story-N">', "</a>"}
    hrefs = {t.attrs.get("href") for t in flat if t.type == "link_open"}
    assert all(str(h).startswith("#story-") for h in hrefs)
    assert sum(t.type == "hr" for t in tokens) == 1  # the footer's rule only
    headings = [t.tag for t in tokens if t.type == "heading_open"]
    groups = {" ".join((s.primary_place or s.countries[0]).split()).casefold()
              for s in briefing.stories}
    assert headings.count("h1") == 1
    assert headings.count("h2") == 1 + len(groups) + 1  # top lines, places, index
    assert headings.count("h3") == len(briefing.stories) + 2  # stories, People, Organisations
    # And every hostile string survives as literal text somewhere.
    texts = "\n".join(inline_texts(tokens))
    for hostile in HOSTILE:
        assert " ".join(hostile.split()) in texts
    rendered = commonmark().render(md)
    assert "<script" not in rendered and "<img" not in rendered and "http://evil\"" not in rendered


def test_every_link_resolves_to_an_anchor(realistic: str) -> None:
    briefing, _ = hostile_briefing()
    for md in (realistic, render_markdown(briefing)):
        targets = set(re.findall(r"\]\(#([^)]+)\)", md))
        assert targets and targets <= set(anchors_in(md))


# --------------------------------------------------------------------------- lint


def test_realistic_briefing_passes_pymarkdownlnt(realistic: str) -> None:
    assert lint(realistic) == []


def test_hostile_briefing_passes_pymarkdownlnt() -> None:
    assert lint(render_markdown(hostile_briefing()[0])) == []


def test_small_briefings_pass_pymarkdownlnt() -> None:
    assert lint(render_markdown(briefing_of(story(1)))) == []
    assert lint(render_markdown(briefing_of(story(1, status="not_summarised", headline="",
                                                  reason="x")))) == []
    assert lint(render_markdown(Briefing(stories=[], meta=RunMeta()))) == []


def test_the_linter_would_catch_injected_html() -> None:
    assert any("MD033" in f for f in lint("# T\n\n<script>alert(1)</script>\n"))


# --------------------------------------------------------------------------- HTML markup


class _Nesting(HTMLParser):
    """Fails on any end tag that does not close the innermost open element."""

    VOID = {"meta", "br", "img", "hr", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def parse_html(page: str) -> _Nesting:
    parser = _Nesting()
    parser.feed(page)
    parser.close()
    assert parser.errors == [] and parser.stack == []
    return parser


def test_html_is_well_formed_self_contained_and_marks_every_item(seed: str) -> None:
    briefing = realistic_briefing(seed)
    page = render_html(briefing, seed)
    parsed = parse_html(page)
    tags = {t for t, _ in parsed.tags}
    assert not tags & {"script", "img", "link", "iframe", "object", "embed"}
    assert not re.search(r"(src|href)=\"(?!#)", page)
    ids = [str(a["id"]) for _, a in parsed.tags if a.get("id")]
    assert len(ids) == len(set(ids))
    marks = [a for t, a in parsed.tags if t == "mark" and a.get("id")]
    evidence = sum(1 for s in briefing.stories
                   for items in (s.people, s.organisations, s.places, s.figures, s.dates,
                                 s.quotes, s.sources) for i in items if i.evidence)
    assert len(marks) == evidence
    hrefs = [str(a["href"]) for t, a in parsed.tags if t == "a" and a.get("href")]
    assert {h[1:] for h in hrefs} <= set(ids)


def test_html_nests_contained_spans_and_splits_crossing_ones() -> None:
    text = "The Drug Control Agency of Tajikistan said so."
    org = Evidence(text="Drug Control Agency of Tajikistan", start=4, end=37)
    place = Evidence(text="Tajikistan", start=27, end=37)
    crossing = Evidence(text="Tajikistan said", start=27, end=42)
    s = story(1, organisations=[NamedRecord(name="DCA", evidence=org)],
              places=[NamedRecord(name="Tajikistan", evidence=place)],
              dates=[], sources=[NamedRecord(name="X", evidence=crossing)],
              source=Span(start=0, end=len(text)))
    html = highlight(text, 0, len(text), story_items(s, "story-1"))
    assert html == (
        'The <mark class="organisation" id="story-1-organisation-0" title="organisation: DCA">'
        '<a class="hl" href="#story-1-organisation-0-rec">Drug Control Agency of </a>'
        # The source crosses the organisation's end: nested inside it (outside the shorter
        # place), then closed with it and continued as a second piece without an id.
        '<mark class="source" id="story-1-source-0" title="source: X">'
        '<mark class="place" id="story-1-place-0" title="place: Tajikistan">'
        '<a class="hl" href="#story-1-place-0-rec">Tajikistan</a></mark></mark></mark>'
        '<mark class="source cont" data-for="story-1-source-0" title="source: X">'
        '<a class="hl" href="#story-1-source-0-rec"> said</a></mark> so.'
    )


def test_html_escapes_hostile_strings() -> None:
    briefing, text = hostile_briefing()
    page = render_html(briefing, text)
    parsed = parse_html(page)
    assert not {t for t, _ in parsed.tags} & {"script", "img"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    marks = [a for t, a in parsed.tags if t == "mark" and a.get("id")]
    inside = [i for s in briefing.stories for items in (s.people, s.organisations, s.places,
                                                        s.figures, s.quotes, s.sources)
              for i in items if i.evidence and i.evidence.end <= s.source.end]
    assert len(marks) == len(inside) > 90
    # Evidence that falls outside its story is listed, not highlighted.
    assert page.count("evidence lies outside this story") == 120 - len(inside)
