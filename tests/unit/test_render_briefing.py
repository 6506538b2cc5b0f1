"""The briefing an editor can hand on (issue 22): top lines, lists without repeats, an index
only when it earns its place, a footer in plain words, markdown without needless escapes, and
no bidirectional controls.

The seed and every development bulletin go through the real pipeline with a scripted backend
(once, for the module), and each property is checked on each of them; hand-built briefings
check the rules one by one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summariser.errors import UsageError
from summariser.render import render_html, render_markdown
from summariser.render.escape import escape
from summariser.render.markdown import INDEX_STORIES
from summariser.render.toplines import TOP_LINES_LIMIT, repeats
from summariser.schemas import (
    Briefing,
    Evidence,
    FigureRecord,
    NamedRecord,
    PersonRecord,
    QuoteRecord,
    RunMeta,
    StoryRecord,
)
from summariser.text import split_sentences
from tests.snapshots import snapshot_inputs
from tests.unit.test_render import briefing_of, commonmark, lint, sections, story

# --------------------------------------------------------------------------- the bulletins


def _scripted(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Headline: the lead's first eight words; summary: the lead; one key point: the lead."""
    user = kwargs["messages"][-1]["content"]
    body = user.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
    lead = body.splitlines()[0][:300]
    return {"headline": " ".join(lead.split()[:8]), "summary": lead, "key_points": [lead],
            "topic": "news"}


@pytest.fixture(scope="module")
def bulletins() -> dict[str, tuple[Briefing, str]]:
    """Name → (briefing, markdown) for the seed and every development bulletin."""
    from summariser.backends.fake import FakeBackend
    from summariser.config import Config
    from summariser.pipeline import summarise_text

    out = {}
    for name, path in snapshot_inputs().items():
        config = Config(use_cache=False, date="2026-12-01", concurrency=1)
        briefing = summarise_text(path.read_text(encoding="utf-8"), config,
                                  FakeBackend(default=_scripted), source_name=name)
        out[name] = (briefing, render_markdown(briefing))
    return out


NAMES = sorted(snapshot_inputs())


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s-]", " ", text.casefold()).split())


def _initials(text: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", text) if w and w[0].isupper())


def _list_items(line: str) -> list[str]:
    """The names of a '**Label:** a (x; y); b' line, without their parentheses."""
    body = line.split(":** ", 1)[1]
    items, depth, current = [], 0, ""
    for char in body:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    return [re.sub(r"\s*\(.*\)$", "", item.strip()) for item in items]


def repeated_items(markdown: str) -> list[tuple[str, ...]]:
    """Pairs of items in one list of one story that name the same thing, by the test's own
    reading: the same words, one the initials of the other, a name that ends another (a
    surname, 'Taliban' in 'Afghan Taliban'), or one amount twice with the same label."""
    found: list[tuple[str, ...]] = []
    for section in markdown.split("\n### ")[1:]:
        heading = section.split("\n", 1)[0]
        for line in section.splitlines():
            label = re.match(r"\*\*(People|Organisations|Places|Dates|Sources cited):\*\* ", line)
            if not label:
                continue
            items = _list_items(line)
            for i, a in enumerate(items):
                for b in items[i + 1:]:
                    fa, fb = _fold(a), _fold(b)
                    same = fa == fb or _initials(a) == b or _initials(b) == a
                    tail = fa.endswith(" " + fb) or fb.endswith(" " + fa)
                    if same or (tail and label.group(1) not in {"Places", "Dates"}):
                        found.append((heading, a, b))
        facts = re.findall(r"^- \*\*(.+?)\*\*(?: \(also [^)]*\))?(?:: (.*))?$",
                           section.split("**Key facts:**", 1)[-1].split("\n\n**", 1)[0], re.M)
        seen: dict[tuple[str, str], str] = {}
        for value, context in facts if "**Key facts:**" in section else []:
            words = [w for w in re.findall(r"[a-z]+", context.lower()) if len(w) > 3]
            key = (value.casefold(), words[0] if words else "")
            if key in seen:
                found.append((heading, value, seen[key], context))
            seen[key] = context
    return found


@pytest.mark.parametrize("name", NAMES)
def test_no_list_repeats_an_item(bulletins: dict[str, tuple[Briefing, str]], name: str) -> None:
    assert repeated_items(bulletins[name][1]) == []


def _escapes(markdown: str) -> list[int]:
    """Offsets of every backslash that escapes the next character."""
    return [m.start() for m in re.finditer(r"\\[!-/:-@\[-`{-~]", markdown)
            if not re.search(r"(?<!\\)(\\\\)*$", markdown[:m.start()]).group(0)]  # type: ignore[union-attr]


@pytest.mark.parametrize("name", NAMES)
def test_no_escape_renders_as_the_bare_character(bulletins: dict[str, tuple[Briefing, str]],
                                                 name: str) -> None:
    """Each backslash, taken out alone, changes the rendered page: none is there for show."""
    markdown = bulletins[name][1]
    parser = commonmark()
    rendered = parser.render(markdown)
    needless = [markdown[max(0, at - 20):at + 20] for at in _escapes(markdown)
                if parser.render(markdown[:at] + markdown[at + 1:]) == rendered]
    assert needless == []


def test_the_seed_briefing_has_no_escape_at_all(bulletins: dict[str, tuple[Briefing, str]]
                                                ) -> None:
    # Brackets, parentheses, '&' and intraword '_' render as themselves.
    assert "\\" not in bulletins["seed"][1]
    assert "[Iranian calendar]" in bulletins["seed"][1]


@pytest.mark.parametrize("name", NAMES)
def test_every_story_has_a_top_line_that_is_not_its_heading(
        bulletins: dict[str, tuple[Briefing, str]], name: str) -> None:
    briefing, markdown = bulletins[name]
    assert len(briefing.stories) <= TOP_LINES_LIMIT
    top = sections(markdown, 2)["Top lines"]
    linked = re.findall(r"^- (.*) \(\[[^\]]+\]\(#(story-\d+)\)[^)]*\)$", top, flags=re.M)
    assert sorted(anchor for _, anchor in linked) == sorted(
        f"story-{s.id}" for s in briefing.stories)
    headings = dict(re.findall(r'^<a id="(story-\d+)"></a>\n\n### (.*)$', markdown, flags=re.M))
    records = {f"story-{s.id}": s for s in briefing.stories}
    for line, anchor in linked:
        # A line may only restate its heading when the record holds no sentence that does
        # not (a headline cut from nothing shorter than the lead, and no key point).
        record = records[anchor]
        others = [t for t in (*record.key_points, *split_sentences(record.summary), record.lead)
                  if not repeats(t, headings[anchor])]
        assert not repeats(line, headings[anchor]) or not others, (line, headings[anchor])


@pytest.mark.parametrize("name", NAMES)
def test_the_briefings_pass_the_markdown_linter(bulletins: dict[str, tuple[Briefing, str]],
                                                name: str) -> None:
    assert lint(bulletins[name][1]) == []


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize("text", [
    "since the solar year [Iranian calendar], 200,000", "SmolLM2-135M-Instruct-Q4_1",
    "National Database & Registration Authority", "R&D", "a rise (about 5%)", "C++ and C#",
    "5 * 3 = 15", "He said: “No!”", "{braces} and a|b", "costs $10, not £5", "2 < 3 > 1",
    "one ~ two", "the #1 seed", "x_y",
])
def test_punctuation_that_renders_the_same_is_not_escaped(text: str) -> None:
    for escaped in (escape(text), escape(text, line_start=False)):
        assert escaped == text
        tokens = commonmark().parse(f"- {escaped}")
        inline = [t for t in tokens if t.type == "inline"][0]
        assert [c.type for c in inline.children or []] == ["text"]
        assert inline.children and inline.children[0].content == text


def test_bidi_controls_do_not_reach_the_page() -> None:
    """A story cannot reorder what the reader sees (U+202A-U+202E, U+2066-U+2069)."""
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    evil = f"Deal signed\u202e.exe{controls}"
    text = f"{evil} in Kabul.\n"
    s = story(1, headline=evil, summary=text.strip(), key_points=[evil], lead=text.strip(),
              people=[PersonRecord(name="Ali\u202eKhan", role=evil)],
              organisations=[NamedRecord(name=evil, evidence=Evidence(
                  text=evil, start=0, end=len(evil)))],
              source={"start": 0, "end": len(text) - 1})
    briefing = briefing_of(s)
    for page in (render_markdown(briefing), render_html(briefing, text)):
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", page)
        assert "Deal signed.exe" in page


# --------------------------------------------------------------------------- lists


def _same_thing_story(n: int = 1, **extra: Any) -> StoryRecord:
    return story(
        n,
        people=[PersonRecord(name="Sirajuddin Haqqani", role="Interior Minister"),
                PersonRecord(name="Haqqani"), PersonRecord(name="General Asim Munir"),
                PersonRecord(name="Asim Munir", role="army chief")],
        organisations=[NamedRecord(name="International Olympic Committee"),
                       NamedRecord(name="IOC"), NamedRecord(name="World Health Organization"),
                       NamedRecord(name="WHO"), NamedRecord(name="Afghan Taliban"),
                       NamedRecord(name="Taliban")],
        places=[NamedRecord(name="United Arab Emirates"), NamedRecord(name="UAE")],
        figures=[FigureRecord(value="$10 million", context="bounty placed"),
                 FigureRecord(value="$10 million", context="bounty on Haqqani remains"),
                 FigureRecord(value="ten", context="days of travel"),
                 FigureRecord(value="10", context="people arrested")],
        dates=[{"text": "Tuesday"}, {"text": "tuesday"}],
        quotes=[QuoteRecord(text="We will act.", speaker="Haqqani"),
                QuoteRecord(text="We will act.", speaker="Sirajuddin Haqqani")],
        **extra,
    )


def test_items_that_name_the_same_thing_are_one_item_with_its_other_forms() -> None:
    md = render_markdown(briefing_of(_same_thing_story()))
    assert ("**People:** Sirajuddin Haqqani (Interior Minister); Asim Munir (army chief)\n"
            in md)
    assert ("**Organisations:** International Olympic Committee (also IOC); World Health "
            "Organization (also WHO); Afghan Taliban\n") in md
    assert "**Places:** United Arab Emirates (also UAE)\n" in md
    assert "**Dates:** Tuesday\n" in md
    assert md.count("We will act.") == 1
    facts = sections(md, 3)["Headline 1"].split("**Key facts:**", 1)[1].split("\n\n**")[0]
    # The same amount with the same label is one fact; the same amount of other things is not.
    assert facts.strip().splitlines() == ["- **$10 million**: bounty placed",
                                          "- **ten**: days of travel",
                                          "- **10**: people arrested"]
    assert repeated_items(md) == []


def test_the_index_and_the_story_lists_group_alike() -> None:
    """One function groups both: each story lists as many people and bodies as the index
    has entries linking to it."""
    stories = [_same_thing_story(1),
               story(2, people=[PersonRecord(name="Haqqani"), PersonRecord(name="Munir")],
                     organisations=[NamedRecord(name="WHO"), NamedRecord(name="Taliban")]),
               story(3, people=[PersonRecord(name="Anas Haqqani"), PersonRecord(name="Haqqani")],
                     organisations=[NamedRecord(name="World Health Organization")])]
    md = render_markdown(Briefing(stories=stories, meta=RunMeta()), index="always")
    index = sections(md, 2)["Index of people and organisations"]
    for n in (1, 2, 3):
        body = sections(md, 3)[f"Headline {n}"]
        for label, part in (("People", "### People"), ("Organisations", "### Organisations")):
            listed = _list_items(re.search(rf"^\*\*{label}:\*\* .*$", body, re.M).group(0))  # type: ignore[union-attr]
            block = index.split(part, 1)[1].split("###", 1)[0]
            entries = [e for e in block.splitlines() if f"(#story-{n})" in e]
            assert len(listed) == len(entries), (n, label, listed, entries)


# --------------------------------------------------------------------------- the index


def _recurring_briefing(count: int, recur: bool) -> Briefing:
    long = "The defence ministers of both countries signed the agreement in the capital today"
    names = ["Amina Yusuf", "Bola Adeyemi", "Carlos Ruiz", "Dilnoza Karimova", "Emre Kaya",
             "Farida Noori", "Gulnara Saidova", "Hamid Rahimi", "Ines Duarte", "Jomo Otieno"]
    stories = [story(i, headline=f"{long} {i}",
                     people=[PersonRecord(name=names[i - 1])] +
                     ([PersonRecord(name="Asim Munir")] if recur and i <= 2 else []))
               for i in range(1, count + 1)]
    return Briefing(stories=stories, meta=RunMeta())


def test_index_auto_shows_only_names_in_several_stories_on_a_short_briefing() -> None:
    md = render_markdown(_recurring_briefing(3, recur=True))
    index = sections(md, 2)["Names in more than one story"]
    assert "Asim Munir" in index and "Amina Yusuf" not in index
    # Its links carry each story's whole headline, not eight words of it.
    assert ("[The defence ministers of both countries signed the agreement in the capital "
            "today 1](#story-1)") in index
    assert "Index of people and organisations" not in md
    no_recurrence = render_markdown(_recurring_briefing(3, recur=False))
    assert "more than one story" not in no_recurrence and "Index of" not in no_recurrence


def test_index_auto_shows_the_whole_index_on_a_long_briefing() -> None:
    md = render_markdown(_recurring_briefing(INDEX_STORIES + 1, recur=False))
    index = sections(md, 2)["Index of people and organisations"]
    assert index.count("- **") == INDEX_STORIES + 1


@pytest.mark.parametrize(("mode", "heading"), [
    ("always", "## Index of people and organisations"), ("never", None),
])
def test_index_always_and_never(mode: str, heading: str | None) -> None:
    md = render_markdown(_recurring_briefing(2, recur=False), index=mode)
    assert (heading in md) if heading else ("## Index" not in md and "## Names" not in md)


def test_an_unknown_index_mode_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown index mode 'some'"):
        render_markdown(_recurring_briefing(2, recur=False), index="some")


def test_the_index_option_is_in_the_help_and_checked() -> None:
    from summariser.cli import app

    runner = CliRunner()
    help_text = " ".join(runner.invoke(app, ["--help"]).output.split())
    assert "--index" in help_text and f"whole index above {INDEX_STORIES} stories" in help_text
    bad = runner.invoke(app, ["x.txt", "--index", "sometimes"])
    assert bad.exit_code == 2


# --------------------------------------------------------------------------- the footer


def test_a_cached_run_says_so_in_the_footer(tmp_path: Path) -> None:
    from summariser.backends.fake import FakeBackend
    from summariser.config import Config
    from summariser.pipeline import summarise_text

    text = ("Flooding closed the main road into Herat on Monday. Traffic was diverted.\n\n"
            "The council in Kabul approved a new budget for schools.\n")
    footers = []
    for _ in range(2):
        config = Config(use_cache=True, cache_dir=tmp_path, date="2026-12-01", concurrency=1)
        briefing = summarise_text(text, config, FakeBackend(default=_scripted))
        footers.append(render_markdown(briefing).rsplit("\n---\n", 1)[1])
    assert "cache" not in footers[0]
    assert "all stories came from the cache of an earlier run" in footers[1]
    assert "Tokens" not in footers[1]


def test_rendering_loads_no_spacy() -> None:
    """A fully cached run loads no spaCy (tests/test_warm_start.py); rendering its briefing
    as markdown or HTML must not load it either."""
    import subprocess
    import sys

    from tests.helpers import ROOT

    code = (
        "import sys, json\n"
        "from tests.unit.test_render import realistic_briefing, SEED\n"
        "from summariser.render import render_markdown, render_html\n"
        "text = SEED.read_text('utf-8')\n"
        "b = realistic_briefing(text)\n"
        "render_markdown(b, index='always'); render_html(b, text)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('spacy', 'thinc', 'numpy'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
