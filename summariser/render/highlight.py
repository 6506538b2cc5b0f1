"""A story's text as HTML with every item's evidence highlighted and every prose passage
marked, for the evidence view (`html.py`).

Overlapping evidence. Highlights *nest*: a span inside another (`Tajikistan` inside `Drug
Control Agency of Tajikistan`, or the same words found as an organisation and as a source) is
a `<mark>` inside the outer `<mark>`. Two spans that cross (each starts inside the other) can
not nest, so the later one is split where the earlier one ends: its first piece carries its
`id`, the other pieces are `<mark class="<kind> cont" data-for="<id>">`. No span is skipped,
so each item with evidence in its story has exactly one `<mark id=...>`.

Each highlight stays clickable. Anchors may not nest, so the text of each piece links to the
record of its innermost highlight; a highlight whose every piece is covered by inner ones
(the same words found twice) gets an empty tab link just before it closes, drawn by CSS, so
the text stays the story's own.

Passages. The sentences the summary and key points rest on are `<span class="passage">`
elements cut by the same rule, so prose in the record column can link to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..schemas import Evidence, StoryRecord
from .escape import neutralise_bidi

KINDS = ("person", "organisation", "place", "figure", "date", "quote", "source")


def html_text(text: str) -> str:
    """Story text as HTML: escaped, and without bidirectional controls (they could reorder
    what the reviewer sees)."""
    return escape(neutralise_bidi(text))


def html_attr(text: str) -> str:
    return escape(neutralise_bidi(text), quote=True)


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
    linked: bool = False  # some piece of its highlight links to its record

    @property
    def order(self) -> tuple[int, int, int, int]:
        """Nesting order: earlier start first, then the longer span (the outer one)."""
        assert self.evidence is not None
        return (self.evidence.start, -self.evidence.end, KINDS.index(self.kind), self.index)

    @property
    def start(self) -> int:
        assert self.evidence is not None
        return self.evidence.start

    @property
    def end(self) -> int:
        assert self.evidence is not None
        return self.evidence.end


@dataclass
class Passage:
    """The story's words that a summary sentence or key point rests on."""

    start: int
    end: int
    passage_id: str

    @property
    def order(self) -> tuple[int, int, int, int]:
        """Outside any highlight with the same span: prose is about whole passages."""
        return (self.start, -self.end, -1, 0)


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


def find_passage(text: str, start: int, end: int, sentence: str) -> tuple[int, int] | None:
    """Where `sentence` stands in `text[start:end]`, word for word (line breaks and runs of
    spaces in the story count as one space), or None."""
    words = sentence.split()
    if not words:
        return None
    found = re.compile(r"\s+".join(map(re.escape, words))).search(text, start, end)
    return (found.start(), found.end()) if found else None


def _open_tag(span: Item | Passage, opened: set[str]) -> str:
    if isinstance(span, Passage):
        if span.passage_id in opened:
            return f'<span class="passage cont" data-for="{span.passage_id}">'
        opened.add(span.passage_id)
        return f'<span class="passage" id="{span.passage_id}">'
    title = html_attr(f"{span.kind}: {span.label}")
    if span.mark_id in opened:
        return f'<mark class="{span.kind} cont" data-for="{span.mark_id}" title="{title}">'
    opened.add(span.mark_id)
    return f'<mark class="{span.kind}" id="{span.mark_id}" title="{title}">'


def _close_tag(span: Item | Passage, at: int) -> str:
    if isinstance(span, Passage):
        return "</span>"
    if at >= span.end and not span.linked:
        # Every piece was covered by an inner highlight: a tab of its own, drawn by CSS.
        span.linked = True
        title = html_attr(f"{span.kind}: {span.label}")
        return f'<a class="hl tab" href="#{span.record_id}" title="{title}"></a></mark>'
    return "</mark>"


def highlight(text: str, start: int, end: int, items: list[Item],
              passages: list[Passage] | None = None) -> str:
    """`text[start:end]` as escaped HTML with a `<mark>` per item and a `<span>` per passage
    (see the module docstring).

    Sets `highlighted` on the items it marks. The text is cut at every span boundary; for
    each piece the open elements are exactly the spans covering it, in nesting order, so the
    markup stays well formed whatever the overlaps.
    """
    spans: list[Item | Passage] = [i for i in items if i.evidence is not None]
    spans += passages or []
    spans.sort(key=lambda s: s.order)
    points = {start, end}
    for span in spans:
        points.update((span.start, span.end))
        if isinstance(span, Item):
            span.highlighted = True
    cuts = sorted(p for p in points if start <= p <= end)
    out: list[str] = []
    stack: list[Item | Passage] = []
    opened: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [s for s in spans if s.start <= a and s.end >= b]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        out.extend(_close_tag(span, a) for span in reversed(stack[keep:]))
        stack = stack[:keep]
        for span in active[keep:]:
            out.append(_open_tag(span, opened))
            stack.append(span)
        piece = html_text(text[a:b])
        inner = next((s for s in reversed(stack) if isinstance(s, Item)), None)
        if inner is not None:
            inner.linked = True
            out.append(f'<a class="hl" href="#{inner.record_id}">{piece}</a>')
        else:
            out.append(piece)
    out.extend(_close_tag(span, end) for span in reversed(stack))
    return "".join(out)
