"""The HTML evidence view: each story's source text with every extracted item highlighted.

One self-contained page: inline CSS, no script, no external resource. At the top, the top
lines (as in the markdown briefing) and a legend whose boxes switch each kind's highlights
off and on (CSS only: `:has()` on a checkbox). For each story, the left column is the
story's text (`text[source.start:source.end]`) with a `<mark>` at every item's evidence
offsets, one colour per kind (`highlight.py` says how overlaps nest); the right column is the
story's record. Every highlight links to its record and every record back to its
highlight; each summary sentence and key point links to the passage of the story it rests
on, with plain `#fragment` links. Every string from the input or the briefing is escaped,
and bidirectional controls are dropped, so a story can neither inject markup nor reorder
what the reviewer sees.

A passage is the record's `evidence` span when prose carries one, else the sentence's own
words found in the story (spacing aside); a sentence found nowhere is shown without a link.
Evidence that lies outside its story's text is not highlighted; the record says so.
"""

from __future__ import annotations

from ..schemas import Briefing, Evidence, StoryRecord
from ..text import split_sentences
from .footer import footer_sentence
from .highlight import (
    KINDS,
    Item,
    Passage,
    find_passage,
    highlight,
    html_text,
    story_items,
)
from .ordering import place_of
from .titles import story_anchors, story_title
from .toplines import top_lines

__all__ = ["KINDS", "KIND_LABELS", "highlight", "render_html", "render_story", "story_items"]

KIND_LABELS = {
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "figure": "Figures",
    "date": "Dates",
    "quote": "Quotes",
    "source": "Sources cited",
}
# Background and underline per kind: distinct hues, dark text stays readable on all of them.
KIND_COLOURS = {
    "person": ("#ffd8a8", "#e8590c"),
    "organisation": ("#b2f2bb", "#2f9e44"),
    "place": ("#a5d8ff", "#1971c2"),
    "figure": ("#ffc9c9", "#e03131"),
    "date": ("#d0bfff", "#6741d9"),
    "quote": ("#fff3a3", "#e0b000"),
    "source": ("#dee2e6", "#495057"),
}
# How each extractor found an item, said for a reviewer rather than a developer.
ORIGIN_WORDS = {
    "ner": "found by the name recogniser",
    "rule": "found by the extraction rules",
    "gazetteer": "found in the gazetteer of places",
    "model": "proposed by the model, found in the text",
    "model+rule": "proposed by the model and found by the extraction rules",
}


def _in_story(evidence: Evidence | None, story: StoryRecord, text: str) -> bool:
    return (
        evidence is not None
        and story.source.start <= evidence.start < evidence.end <= story.source.end
        and evidence.end <= len(text)
    )


def _record_html(item: Item, siblings: list[Item]) -> str:
    label = html_text(item.label)
    if item.kind == "quote":
        label = f"“{label}”"
    head = (f'<a class="jump" href="#{item.mark_id}">{label}</a>' if item.highlighted
            else f'<span class="nohl">{label}</span>')
    parts = [head]
    if item.detail:
        parts.append(f' <span class="detail">— {html_text(item.detail)}</span>')
    if item.aliases:
        parts.append(f' <span class="aliases">(also {html_text("; ".join(item.aliases))})</span>')
    notes: list[str] = []
    if item.evidence is None:
        notes.append("no place in the text recorded")
    elif not item.highlighted:
        notes.append("its evidence lies outside this story's text")
    if item.origin:
        notes.append(html_text(ORIGIN_WORDS.get(item.origin, f"found by {item.origin}")))
    if siblings:
        links = ", ".join(f'<a href="#{s.record_id}">{KIND_LABELS[s.kind].lower()} '
                          f'“{html_text(s.label)}”</a>' for s in siblings)
        notes.append(f"the same words as {links}")
    if notes:
        parts.append(f' <span class="note">{"; ".join(notes)}</span>')
    return f'<li class="{item.kind}" id="{item.record_id}">{"".join(parts)}</li>'


def _same_span(item: Item, items: list[Item]) -> list[Item]:
    if not item.highlighted or item.evidence is None:
        return []
    span = (item.evidence.start, item.evidence.end)
    return [
        other for other in items
        if other is not item and other.highlighted and other.evidence is not None
        and (other.evidence.start, other.evidence.end) == span
    ]


class _Prose:
    """The record's sentences, each linked to its passage; collects the passages to mark."""

    def __init__(self, text: str, start: int, end: int, anchor: str) -> None:
        self.text, self.start, self.end, self.anchor = text, start, end, anchor
        self.passages: dict[tuple[int, int], Passage] = {}

    def link(self, sentence: str) -> str:
        span = find_passage(self.text, self.start, self.end, sentence)
        if span is None:
            return f'<span class="unlinked">{html_text(sentence)}</span>'
        if span not in self.passages:
            passage_id = f"{self.anchor}-passage-{len(self.passages)}"
            self.passages[span] = Passage(span[0], span[1], passage_id)
        target = self.passages[span].passage_id
        return (f'<a class="prose" href="#{target}" title="the passage this rests on">'
                f"{html_text(sentence)}</a>")


def render_story(story: StoryRecord, anchor: str, text: str) -> str:
    items = story_items(story, anchor)
    inside = [i for i in items if _in_story(i.evidence, story, text)]
    start = max(0, min(story.source.start, len(text)))
    end = max(start, min(story.source.end, len(text)))
    prose = _Prose(text, start, end, anchor)
    record: list[str] = []
    if story.status != "summarised":
        record.append(f'<p class="failed"><strong>Not summarised:</strong> '
                      f'{html_text(story.reason or "no reason recorded")}</p>')
        record.append(f"<p><strong>Lead:</strong> {prose.link(story.lead)}</p>")
    else:
        sentences = split_sentences(" ".join(story.summary.split()))
        if sentences:
            record.append(f'<p class="summary">{" ".join(map(prose.link, sentences))}</p>')
        if story.reason:
            record.append(f'<p class="note"><strong>Note:</strong> {html_text(story.reason)}</p>')
    if story.key_points:
        points = "".join(f"<li>{prose.link(p)}</li>" for p in story.key_points)
        record.append(f'<h4>Key points</h4><ul class="points">{points}</ul>')
    source_html = highlight(text, start, end, inside, list(prose.passages.values()))
    for kind in KINDS:
        of_kind = [i for i in items if i.kind == kind]
        if not of_kind:
            continue
        rows = "".join(_record_html(i, _same_span(i, items)) for i in of_kind)
        record.append(f'<h4><span class="swatch {kind}"></span>{KIND_LABELS[kind]} '
                      f'({len(of_kind)})</h4><ol class="records">{rows}</ol>')
    if not items:
        record.append('<p class="note">No items were extracted from this story.</p>')
    status = "summarised" if story.status == "summarised" else "not summarised"
    return (
        f'<section class="story" id="{anchor}">'
        f"<h2>{html_text(story_title(story))}</h2>"
        f'<p class="about">Story {story.id} · {html_text(place_of(story))} · {status}</p>'
        f'<div class="cols">'
        f'<div class="source"><h3>Source text</h3><div class="text">{source_html}</div></div>'
        f'<div class="record"><h3>Briefing record</h3>{"".join(record)}</div>'
        f"</div></section>"
    )


def _css() -> str:
    marks = "\n".join(
        f"mark.{kind}{{background:{bg};border-bottom:2px solid {line}}}"
        f".swatch.{kind}{{background:{bg};border-color:{line}}}"
        f"li.{kind}::marker{{color:{line}}}"
        f"mark.{kind}>a.tab::after{{background:{line}}}"
        # The legend's box for a kind switches its highlights off (no script: `:has()`).
        f"body:has(#show-{kind}:not(:checked)) mark.{kind}"
        "{background:transparent;border-bottom-color:transparent}"
        f"body:has(#show-{kind}:not(:checked)) mark.{kind}>a.tab{{display:none}}"
        for kind, (bg, line) in KIND_COLOURS.items()
    )
    return f"""
*{{box-sizing:border-box}}
body{{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1d1d1f;background:#f6f7f9}}
header,main,footer{{padding:1rem 2rem}}
header{{background:#fff;border-bottom:1px solid #d8dbe0}}
h1{{margin:.2rem 0 .5rem;font-size:1.6rem}}
h2{{margin:0 0 .2rem;font-size:1.25rem}}
h3{{margin:0 0 .5rem;font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:#666}}
h4{{margin:1rem 0 .3rem;font-size:.95rem}}
.legend{{display:flex;flex-wrap:wrap;gap:.4rem 1rem;padding:0;margin:.5rem 0;list-style:none}}
.legend label{{cursor:pointer}}
.legend input{{margin:0 .3em 0 0;vertical-align:-.1em}}
.swatch{{display:inline-block;width:.9em;height:.9em;margin-right:.35em;vertical-align:-.1em;
border:2px solid;border-radius:2px}}
.toplines{{margin:.3rem 0 .6rem;padding-left:1.5rem}}
.toplines li{{margin:.15rem 0}}
nav ol{{margin:.3rem 0;padding-left:1.5rem}}
.story{{background:#fff;border:1px solid #d8dbe0;border-radius:6px;padding:1rem 1.25rem;
margin:0 0 1.5rem;scroll-margin-top:1rem}}
.about{{margin:0 0 .8rem;color:#666;font-size:.9rem}}
.cols{{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem}}
@media (max-width:900px){{.cols{{grid-template-columns:1fr}}}}
.text{{white-space:pre-wrap;font:16px/1.9 Georgia,"Times New Roman",serif;
background:#fcfcfc;border:1px solid #eceef1;border-radius:4px;padding:.75rem 1rem}}
mark{{color:inherit;padding:.1em 0;border-radius:2px}}
mark mark{{padding:0}}
a.hl{{color:inherit;text-decoration:none}}
a.hl:hover{{text-decoration:underline}}
a.tab::after{{content:"";display:inline-block;width:.45em;height:.45em;margin:0 .1em;
border-radius:50%;vertical-align:super}}
a.prose{{color:inherit;text-decoration:underline dotted #888}}
a.prose:hover{{text-decoration:underline}}
.passage:target{{background:#fff7d6;outline:2px solid #f59f00}}
mark:target,li:target{{outline:3px solid #111;outline-offset:1px}}
mark,li,.passage{{scroll-margin-top:40vh}}
.records{{margin:0;padding-left:1.4rem}}
.records li{{margin:.15rem 0}}
.detail{{color:#333}}
.aliases,.note{{color:#777;font-size:.85rem}}
.nohl{{font-style:italic}}
.failed{{background:#fff4e6;border-left:4px solid #e8590c;padding:.4rem .6rem}}
.summary{{margin-top:0}}
footer{{color:#555;font-size:.9rem}}
{marks}
"""


def render_html(briefing: Briefing, text: str) -> str:
    """The evidence view of `briefing` over `text`, the whole input it was made from."""
    stories = briefing.stories
    anchors = story_anchors(stories)
    title = "Daily briefing"
    if briefing.meta.date.strip():
        title += f" — {briefing.meta.date.strip()}"
    sections = [render_story(story, anchor, text) for story, anchor in zip(stories, anchors,
                                                                             strict=True)]
    counts = dict.fromkeys(KINDS, 0)
    for story in stories:
        for kind, items in (("person", story.people), ("organisation", story.organisations),
                            ("place", story.places), ("figure", story.figures),
                            ("date", story.dates), ("quote", story.quotes),
                            ("source", story.sources)):
            counts[kind] += len(items)
    legend = "".join(
        f'<li><label><input type="checkbox" id="show-{kind}" checked>'
        f'<span class="swatch {kind}"></span>{KIND_LABELS[kind]} ({counts[kind]})</label></li>'
        for kind in KINDS
    )
    shown, more = top_lines(stories)
    lines = "".join(
        f'<li>{html_text(line.text)} (<a href="#{anchors[line.position]}">'
        f"{html_text(place_of(stories[line.position]))}</a>"
        f'{"" if stories[line.position].status == "summarised" else ", not summarised"})</li>'
        for line in shown
    )
    if more:
        lines += f"<li>{more} more {'story' if more == 1 else 'stories'} below.</li>"
    toc = "".join(
        f'<li><a href="#{anchor}">{html_text(story_title(story))}</a> '
        f'<span class="note">({html_text(place_of(story))}'
        f'{"" if story.status == "summarised" else ", not summarised"})</span></li>'
        for story, anchor in zip(stories, anchors, strict=True)
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html_text(title)} · evidence view</title>"
        f"<style>{_css()}</style></head><body>"
        f"<header><h1>{html_text(title)} · evidence view</h1>"
        f'<h3>Top lines</h3><ol class="toplines">{lines}</ol>'
        "<p>Each story's text, with every extracted item highlighted where it was found. "
        "Click a highlight to see its record, a record to see its words, a summary sentence "
        "or key point to see the passage it rests on. Untick a kind to hide its highlights.</p>"
        f'<ul class="legend">{legend}</ul>'
        f"<h3>Stories</h3><nav><ol>{toc}</ol></nav></header>"
        f"<main>{''.join(sections)}</main>"
        f"<footer><p>{html_text(footer_sentence(briefing))}</p></footer>"
        "</body></html>\n"
    )

