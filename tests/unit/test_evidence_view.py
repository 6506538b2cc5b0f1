"""The HTML evidence view, round two: prose linked to its passages, every highlight clickable
when highlights nest or share their words, labels for a reviewer, top lines at the top, and a
filter by kind that needs no script. Fast, no browser (tests/test_html_chromium.py clicks).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from summariser.render import render_html
from summariser.render.highlight import KINDS
from summariser.schemas import Evidence, NamedRecord, Span
from summariser.text import split_sentences
from tests.unit.test_render import SEED, parse_html, realistic_briefing, story


class _Texts(HTMLParser):
    """The text inside each element with an id, continuation pieces (`data-for`) included,
    and every link's target and text."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []
        self.texts: dict[str, str] = {}
        self.links: list[tuple[str, str, str]] = []  # (class, href, text)
        self._link: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        owner = a.get("id") or a.get("data-for")
        if owner:
            self.texts.setdefault(owner, "")
        self.open.append((tag, owner))
        if tag == "a":
            self._link = [str(a.get("class") or ""), str(a.get("href") or ""), ""]

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], self._link[1], self._link[2]))
            self._link = None

    def handle_data(self, data: str) -> None:
        for _, owner in self.open:
            if owner:
                self.texts[owner] += data
        if self._link is not None:
            self._link[2] += data


def texts_of(page: str) -> _Texts:
    parsed = _Texts()
    parsed.feed(page)
    return parsed


@pytest.fixture
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_each_summary_sentence_and_key_point_links_to_its_passage(seed: str) -> None:
    briefing = realistic_briefing(seed)
    page = render_html(briefing, seed)
    parse_html(page)
    parsed = texts_of(page)
    prose = [(href, text) for cls, href, text in parsed.links if cls == "prose"]
    expected = []
    for s in briefing.stories:
        body = _squash(seed[s.source.start:s.source.end])
        failed = [s.lead] if s.status != "summarised" else []  # its lead stands in
        for sentence in [*split_sentences(_squash(s.summary)), *s.key_points, *failed]:
            if _squash(sentence) in body:
                expected.append(_squash(sentence))
    assert len(expected) >= 2  # the realistic briefing paraphrases most of its prose
    assert sorted(_squash(t) for _, t in prose) == sorted(expected)
    for href, text in prose:
        target = href.removeprefix("#")
        assert re.fullmatch(r"story-\d+-passage-\d+", target)
        # The passage is the sentence's own words in the story (line breaks aside).
        assert _squash(parsed.texts[target]) == _squash(text)
    # A sentence the story does not hold word for word is shown, not linked.
    assert 'class="unlinked"' in page


def test_passages_nest_with_highlights_and_the_page_stays_well_formed(seed: str) -> None:
    briefing = realistic_briefing(seed)
    page = render_html(briefing, seed)
    parse_html(page)  # every end tag closes the innermost element
    # A passage holds highlights: the lead of story 3 holds Sirajuddin Haqqani's name.
    lead = re.search(r'<span class="passage" id="story-3-passage-0">(.*?)</span>', page)
    assert lead and 'id="story-3-person-0"' in lead.group(1)


def test_highlights_on_the_same_words_each_stay_clickable() -> None:
    text = "Dawn reported the plan. The Drug Control Agency of Tajikistan said so."
    dawn = Evidence(text="Dawn", start=0, end=4)
    agency = Evidence(text="Drug Control Agency of Tajikistan", start=28, end=61)
    place = Evidence(text="Tajikistan", start=51, end=61)
    s = story(1, organisations=[NamedRecord(name="Dawn", evidence=dawn),
                                NamedRecord(name="DCAT", evidence=agency)],
              sources=[NamedRecord(name="Dawn", evidence=dawn)],
              places=[NamedRecord(name="Tajikistan", evidence=place)],
              source=Span(start=0, end=len(text)))
    from tests.unit.test_render import briefing_of

    page = render_html(briefing_of(s), text)
    parse_html(page)
    links = {href for _, href, _ in texts_of(page).links}
    for record in ("organisation-0", "organisation-1", "source-0", "place-0"):
        assert f"#story-1-{record}-rec" in links, record
    # The outer of two highlights on the same words gets a tab of its own, with no text.
    assert re.search(r'<a class="hl tab" href="#story-1-organisation-0-rec" [^>]*></a></mark>',
                     page)
    # The text is still the story's, word for word.
    assert re.sub(r"<[^>]+>", "", page.split('<div class="text">', 1)[1].split("</div>")[0]) \
        == text


def test_labels_speak_to_a_reviewer_and_top_lines_come_first(seed: str) -> None:
    page = render_html(realistic_briefing(seed), seed)
    assert "found by the name recogniser" in page and "found by the extraction rules" in page
    assert not re.search(r"chars \d|from ner|from rule", page)
    header = page.split("</header>", 1)[0]
    assert header.index("Top lines") < header.index('class="legend"')
    assert header.count('<li>') >= 6 + 7  # six top lines, seven kinds in the legend
    assert "Grounding:" not in page and "Tokens:" not in page


def test_the_legend_filters_each_kind_without_a_script(seed: str) -> None:
    page = render_html(realistic_briefing(seed), seed)
    tags = parse_html(page).tags
    assert "script" not in {t for t, _ in tags}
    boxes = [a for t, a in tags if t == "input"]
    assert [b["id"] for b in boxes] == [f"show-{kind}" for kind in KINDS]
    assert all(b["type"] == "checkbox" and "checked" in b for b in boxes)
    for kind in KINDS:
        assert f"body:has(#show-{kind}:not(:checked)) mark.{kind}{{" in page


def test_docs_screenshot_is_committed() -> None:
    """The README shows the evidence view; the browser test writes the picture."""
    shot = Path(__file__).resolve().parents[2] / "docs" / "evidence-view.png"
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
