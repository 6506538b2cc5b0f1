"""The markdown briefing: top lines, stories grouped by place, an index, and a footer.

Every story-controlled string goes through `escape()`, so a story cannot inject HTML, links,
images, headings, lists or emphasis. The only markup not written by `escape()` is ours: the
headings, bullets, labels, the links of the top lines and the index, and one
`<a id="story-N"></a>` anchor line just above each story heading. Plain CommonMark gives
headings no ids, and slugs differ between renderers and change with the headline, so the
anchor is explicit; it sits outside the heading because linters (pymarkdown's MD051) only see
ids in inline HTML outside headings, and there they can check every `#story-N` link.

The order of the top lines and the groups comes from `ordering`, the index from `index`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..schemas import Briefing, StoryRecord
from .escape import escape
from .index import IndexEntry, build_index
from .ordering import OTHER, group_by_place, place_of, top_line_positions
from .titles import heading_text, short, story_anchors, story_title, top_line_text

_FIXED_HEADINGS = ("Daily briefing", "Top lines", "Index of people and organisations", "People",
                   "Organisations")


def _join(items: list[str]) -> str:
    return "; ".join(items)


class _Headings:
    """Keeps every heading of the document distinct (two stories may share a headline)."""

    def __init__(self, *fixed: str) -> None:
        self.taken = {h.casefold() for h in fixed}

    def claim(self, text: str, suffix: str) -> str:
        candidate, n = text, 2
        while candidate.casefold() in self.taken:
            candidate = f"{text} ({suffix})" if n == 2 else f"{text} ({suffix}, {n})"
            n += 1
        self.taken.add(candidate.casefold())
        return candidate


def _mid(text: str) -> str:
    """`escape()` for text that never starts a block: after a label, inside `**` or `[]`."""
    return escape(text, line_start=False)


def _names(names: Iterable[str | tuple[str, str | None]]) -> str:
    """Escaped names (or name and role) joined by '; ', each once: records may repeat one."""
    seen: set[str] = set()
    out: list[str] = []
    for item in names:
        name, role = item if isinstance(item, tuple) else (item, None)
        key = " ".join(f"{name} {role or ''}".split()).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(f"{_mid(name)} ({_mid(role)})" if role else _mid(name))
    return "; ".join(out)


def render_story(story: StoryRecord, anchor: str = "", heading: str = "") -> list[str]:
    """The `###` section of one story; every story-controlled string is escaped."""
    anchor = anchor or f"story-{story.id}"
    title = story_title(story)
    heading = heading or title
    lines = [f'<a id="{anchor}"></a>', "", f"### {_mid(heading)}", ""]
    # The wire's byline and dateline: who filed it, from where and when (never story text).
    filed = [r.text for r in (story.byline, story.dateline) if r is not None]
    if filed:
        lines += [f"Filed: {_mid(' — '.join(filed))}", ""]
    if story.status != "summarised":
        lines += [f"**Not summarised:** {_mid(story.reason or 'no reason recorded')}", ""]
        if title != " ".join(story.lead.split()) and story.lead.strip():
            lines += [f"Lead: {_mid(story.lead)}", ""]
    else:
        about = []
        if story.topic.strip():
            about.append(f"Topic: {_mid(story.topic)}.")
        if story.countries:
            about.append(f"Countries: {_mid(', '.join(story.countries))}.")
        if about:
            lines += [" ".join(about), ""]
        if story.summary.strip():
            lines += [escape(story.summary), ""]
        if story.reason:
            lines += [f"**Note:** {_mid(story.reason)}", ""]
    if story.key_points:
        lines += ["Key points:", ""] + [f"- {escape(p)}" for p in story.key_points] + [""]
    if story.figures:
        lines += ["Key facts:", ""]
        for figure in story.figures:
            what = f": {_mid(figure.context)}" if figure.context.strip() else ""
            lines.append(f"- **{_mid(figure.value) or 'figure'}**{what}")
        lines.append("")
    if story.people:
        people = _names((p.name, p.role) for p in story.people)
        lines += [f"**People:** {people}", ""]
    if story.organisations:
        lines += [f"**Organisations:** {_names(o.name for o in story.organisations)}", ""]
    if story.places:
        lines += [f"**Places:** {_names(p.name for p in story.places)}", ""]
    if story.dates:
        lines += [f"**Dates:** {_names(d.text for d in story.dates)}", ""]
    if story.quotes:
        lines += ["Quotes:", ""]
        for quote in story.quotes:
            speaker = _mid(quote.speaker) if quote.speaker else "unattributed"
            lines.append(f"- “{_mid(quote.text)}” ({speaker})")
        lines.append("")
    if story.sources:
        lines += [f"**Sources cited:** {_names(s.name for s in story.sources)}", ""]
    return lines


def _index_lines(entries: list[IndexEntry], stories: list[StoryRecord],
                 anchors: list[str]) -> list[str]:
    lines = []
    for entry in entries:
        text = f"- **{_mid(entry.name)}**"
        if entry.forms:
            text += f" (also {_join([_mid(f) for f in entry.forms])})"
        if entry.roles:
            text += f", {_join([_mid(r) for r in entry.roles])}"
        links = [
            f"[{_mid(short(story_title(stories[p])))}](#{anchors[p]})" for p in entry.stories
        ]
        lines.append(f"{text}: {_join(links)}")
    return lines + [""]


def render_footer(briefing: Briefing) -> list[str]:
    meta = briefing.meta
    g = meta.grounding

    def value(text: str) -> str:
        return _mid(text) or "unknown"

    return [
        "---",
        "",
        (
            f"Backend {value(meta.backend)}, model {value(meta.model)}, "
            f"prompt {value(meta.prompt_version)}, schema {value(meta.schema_version)}. "
            f"Stories processed: {meta.stories}, failed: {meta.failed}. "
            f"Tokens: {meta.prompt_tokens} prompt, {meta.completion_tokens} completion."
        ),
        "",
        (
            f"Grounding: {g.proposed} proposed, {g.grounded} grounded, "
            f"{g.dropped} dropped, {g.reasks} re-asks, "
            f"{g.summary_fallbacks} summaries from the lead."
        ),
        "",
    ]


def render_markdown(briefing: Briefing) -> str:
    """The whole briefing as CommonMark (one trailing newline, no raw HTML from stories)."""
    meta = briefing.meta
    stories = briefing.stories
    anchors = story_anchors(stories)
    title = "# Daily briefing"
    if meta.date.strip():
        title += f" — {_mid(meta.date)}"
    lines = [title, ""]
    failed = sum(story.status != "summarised" for story in stories)
    count = f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}"
    lines += [f"{count}, {failed} not summarised." if failed else f"{count}.", ""]

    if stories:
        lines += ["## Top lines", ""]
        for position in top_line_positions(stories):
            story = stories[position]
            text = f"[{_mid(top_line_text(story))}](#{anchors[position]})"
            note = "" if story.status == "summarised" else ", not summarised"
            lines.append(f"- {text} ({_mid(place_of(story))}{note})")
        lines.append("")

    headings = _Headings(*_FIXED_HEADINGS)
    for place, positions in group_by_place(stories):
        heading = headings.claim(heading_text(place, OTHER), "place")
        lines += [f"## {_mid(heading)}", ""]
        for position in positions:
            story = stories[position]
            title = heading_text(story_title(story), f"Story {story.id}")
            heading = headings.claim(title, f"story {story.id}")
            lines += render_story(story, anchors[position], heading)

    people, organisations = build_index(stories)
    if people or organisations:
        lines += ["## Index of people and organisations", ""]
        if people:
            lines += ["### People", ""] + _index_lines(people, stories, anchors)
        if organisations:
            lines += ["### Organisations", ""] + _index_lines(organisations, stories, anchors)

    lines += render_footer(briefing)
    return "\n".join(lines)
