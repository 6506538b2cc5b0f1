"""The HTML evidence view: each story's source text with every extracted item highlighted.

One self-contained page: inline CSS, no script, no external resource. For each story, the
left column is the story's text (`text[source.start:source.end]`) with a `<mark>` at every
item's evidence offsets, one colour per kind; the right column is the story's record. Every
highlight links to its record and every record links back to its highlight, with plain
`#fragment` links. Every string from the input or the briefing goes through `html.escape`.

Overlapping evidence. Highlights *nest*: a span inside another (`Tajikistan` inside `Drug
Control Agency of Tajikistan`, or the same words found as an organisation and as a source) is
a `<mark>` inside the outer `<mark>`. Two spans that cross (each starts inside the other) can
not nest, so the later one is split where the earlier one ends: its first piece carries its
`id`, the other pieces are `<mark class="<kind> cont" data-for="<id>">`. No span is skipped,
so each item with evidence in its story has exactly one `<mark id=...>`. Anchors may not
nest, so the text of each piece links to the record of its innermost highlight; a record
whose words are wholly covered by another highlight with the same span links to that
sibling record ("same words as"), and every record still links to its own highlight.
Evidence that lies outside its story's text is not highlighted; the record says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..schemas import Briefing, Evidence, StoryRecord
from .ordering import place_of
from .titles import story_anchors, story_title

KINDS = ("person", "organisation", "place", "figure", "date", "quote", "source")
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


@dataclass
class Item:
    """One extracted item of a story, with where it is highlighted and where it is listed."""

    kind: str
    index: int
    label: str  # the item's main text (name, value, quote), unescaped
    detail: str  # role, context or speaker, unescaped
    aliases: list[str]
    evidence: Evidence | None
    mark_id: str
    record_id: str
    origin: str = ""
    highlighted: bool = False

    @property
    def order(self) -> tuple[int, int, int, int]:
        """Nesting order: earlier start first, then the longer span (the outer one)."""
        assert self.evidence is not None
        return (self.evidence.start, -self.evidence.end, KINDS.index(self.kind), self.index)


def story_items(story: StoryRecord, anchor: str) -> list[Item]:
    """Every item of `story` that can carry evidence, in kind order."""
    rows: list[tuple[str, str, str, list[str], Evidence | None, str]] = []
    rows += [("person", p.name, p.role or "", p.aliases, p.evidence, p.origin)
             for p in story.people]
    rows += [("organisation", o.name, "", o.aliases, o.evidence, o.origin)
             for o in story.organisations]
    rows += [("place", p.name, "", p.aliases, p.evidence, p.origin) for p in story.places]
    rows += [("figure", f.value, f.context, [], f.evidence, f.origin) for f in story.figures]
    rows += [("date", d.text, "", [], d.evidence, d.origin) for d in story.dates]
    rows += [("quote", q.text, q.speaker or "", [], q.evidence, q.origin) for q in story.quotes]
    rows += [("source", s.name, "", s.aliases, s.evidence, s.origin) for s in story.sources]
    items: list[Item] = []
    counters = dict.fromkeys(KINDS, 0)
    for kind, label, detail, aliases, evidence, origin in rows:
        n = counters[kind]
        counters[kind] += 1
        mark_id = f"{anchor}-{kind}-{n}"
        items.append(Item(kind, n, label, detail, list(aliases), evidence, mark_id,
                          f"{mark_id}-rec", origin))
    return items


def _in_story(evidence: Evidence | None, story: StoryRecord, text: str) -> bool:
    return (
        evidence is not None
        and story.source.start <= evidence.start < evidence.end <= story.source.end
        and evidence.end <= len(text)
    )


def highlight(text: str, start: int, end: int, items: list[Item]) -> str:
    """`text[start:end]` as escaped HTML with a `<mark>` per item (see the module docstring).

    Sets `highlighted` on the items it marks. The text is cut at every span boundary; for
    each piece the open marks are exactly the spans covering it, in nesting order, so the
    markup stays well formed whatever the overlaps.
    """
    spans = sorted((i for i in items if i.evidence is not None), key=lambda i: i.order)
    points = {start, end}
    for item in spans:
        assert item.evidence is not None
        points.update((item.evidence.start, item.evidence.end))
        item.highlighted = True
    cuts = sorted(p for p in points if start <= p <= end)
    out: list[str] = []
    stack: list[Item] = []
    opened: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [
            i for i in spans
            if i.evidence is not None and i.evidence.start <= a and i.evidence.end >= b
        ]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        stack = stack[:keep]
        for item in active[keep:]:
            title = escape(f"{item.kind}: {item.label}", quote=True)
            if item.mark_id in opened:
                out.append(f'<mark class="{item.kind} cont" data-for="{item.mark_id}" '
                           f'title="{title}">')
            else:
                out.append(f'<mark class="{item.kind}" id="{item.mark_id}" title="{title}">')
                opened.add(item.mark_id)
            stack.append(item)
        piece = escape(text[a:b])
        if stack:
            out.append(f'<a class="hl" href="#{stack[-1].record_id}">{piece}</a>')
        else:
            out.append(piece)
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def _record_html(item: Item, siblings: list[Item]) -> str:
    label = escape(item.label)
    if item.kind == "quote":
        label = f"“{label}”"
    head = (f'<a class="jump" href="#{item.mark_id}">{label}</a>' if item.highlighted
            else f'<span class="nohl">{label}</span>')
    parts = [head]
    if item.detail:
        parts.append(f' <span class="detail">— {escape(item.detail)}</span>')
    if item.aliases:
        parts.append(f' <span class="aliases">(also {escape("; ".join(item.aliases))})</span>')
    notes: list[str] = []
    if item.evidence is None:
        notes.append("no evidence span")
    elif not item.highlighted:
        notes.append("evidence lies outside this story's text")
    else:
        ev = item.evidence
        notes.append(f"chars {ev.start}–{ev.end}")
    if item.origin:
        notes.append(f"from {escape(item.origin)}")
    if siblings:
        links = ", ".join(f'<a href="#{s.record_id}">{escape(s.kind)} “{escape(s.label)}”</a>'
                          for s in siblings)
        notes.append(f"same words as {links}")
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


def render_story(story: StoryRecord, anchor: str, text: str) -> str:
    items = story_items(story, anchor)
    inside = [i for i in items if _in_story(i.evidence, story, text)]
    start = max(0, min(story.source.start, len(text)))
    end = max(start, min(story.source.end, len(text)))
    source_html = highlight(text, start, end, inside)
    heading = escape(story_title(story))
    about = [escape(place_of(story))]
    if story.topic.strip():
        about.append(escape(story.topic))
    about.append("summarised" if story.status == "summarised" else "not summarised")
    record: list[str] = []
    if story.status != "summarised":
        record.append(f'<p class="failed"><strong>Not summarised:</strong> '
                      f'{escape(story.reason or "no reason recorded")}</p>')
        record.append(f'<p><strong>Lead:</strong> {escape(story.lead)}</p>')
    else:
        if story.summary.strip():
            record.append(f'<p class="summary">{escape(story.summary)}</p>')
        if story.reason:
            record.append(f'<p class="note"><strong>Note:</strong> {escape(story.reason)}</p>')
        if story.key_points:
            points = "".join(f"<li>{escape(p)}</li>" for p in story.key_points)
            record.append(f'<ul class="points">{points}</ul>')
    for kind in KINDS:
        of_kind = [i for i in items if i.kind == kind]
        if not of_kind:
            continue
        rows = "".join(_record_html(i, _same_span(i, items)) for i in of_kind)
        record.append(f'<h4><span class="swatch {kind}"></span>{KIND_LABELS[kind]} '
                      f'({len(of_kind)})</h4><ol class="records">{rows}</ol>')
    if not items:
        record.append('<p class="note">No items were extracted from this story.</p>')
    return (
        f'<section class="story" id="{anchor}">'
        f"<h2>{heading}</h2>"
        f'<p class="about">Story {story.id} · {" · ".join(about)}</p>'
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
.swatch{{display:inline-block;width:.9em;height:.9em;margin-right:.35em;vertical-align:-.1em;
border:2px solid;border-radius:2px}}
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
mark:target,li:target{{outline:3px solid #111;outline-offset:1px}}
mark,li{{scroll-margin-top:40vh}}
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


def _footer(briefing: Briefing) -> str:
    meta = briefing.meta
    g = meta.grounding
    return (
        "<footer><p>"
        f"Backend {escape(meta.backend or 'unknown')}, model {escape(meta.model or 'unknown')}, "
        f"prompt {escape(meta.prompt_version or 'unknown')}, "
        f"schema {escape(meta.schema_version or 'unknown')}. "
        f"Stories processed: {meta.stories}, failed: {meta.failed}. "
        f"Tokens: {meta.prompt_tokens} prompt, {meta.completion_tokens} completion."
        "</p><p>"
        f"Grounding: {g.proposed} proposed, {g.grounded} grounded, {g.dropped} dropped, "
        f"{g.reasks} re-asks, {g.summary_fallbacks} summaries from the lead."
        "</p></footer>"
    )


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
        f'<li><span class="swatch {kind}"></span>{KIND_LABELS[kind]} ({counts[kind]})</li>'
        for kind in KINDS
    )
    toc = "".join(
        f'<li><a href="#{anchor}">{escape(story_title(story))}</a> '
        f'<span class="note">({escape(place_of(story))}'
        f'{"" if story.status == "summarised" else ", not summarised"})</span></li>'
        for story, anchor in zip(stories, anchors, strict=True)
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · evidence view</title>"
        f"<style>{_css()}</style></head><body>"
        f"<header><h1>{escape(title)} · evidence view</h1>"
        "<p>Each story's text, with every extracted item highlighted where it was found. "
        "Click a highlight to see its record; click a record to see its words.</p>"
        f'<ul class="legend">{legend}</ul>'
        f"<nav><ol>{toc}</ol></nav></header>"
        f"<main>{''.join(sections)}</main>"
        f"{_footer(briefing)}"
        "</body></html>\n"
    )
