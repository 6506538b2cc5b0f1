"""The markdown briefing: top lines, stories grouped by place, an index, and a footer.

Every story-controlled string goes through `escape()`, so a story cannot inject HTML, links,
images, headings, lists or emphasis. The only markup not written by `escape()` is ours: the
headings, bullets, bold labels, the links of the top lines and the index, and one
`<a id="story-N"></a>` anchor line just above each story heading. Plain CommonMark gives
headings no ids, and slugs differ between renderers and change with the headline, so the
anchor is explicit; it sits outside the heading because linters (pymarkdown's MD051) only see
ids in inline HTML outside headings, and there they can check every `#story-N` link.

Every label is bold and ends in a colon. The model's one-word topic is not printed: it is
the one field nothing checks, and it was on some stories only.

The order of the top lines and the groups comes from `ordering`, the top lines from
`toplines`, what names the same thing from `same` (for a story's lists and the index alike),
the footer from `footer`.
"""

from __future__ import annotations

from ..errors import UsageError
from ..schemas import Briefing, StoryRecord
from .escape import escape
from .footer import footer_sentence
from .index import IndexEntry, build_index, recurring
from .ordering import OTHER, group_by_place, place_of
from .same import Sameness, figure_groups, headword, other_forms, unique_roles
from .titles import heading_text, story_anchors, story_title
from .toplines import top_lines

INDEX_MODES = ("auto", "always", "never")
#: `--index auto` prints the whole index above this many stories; at or below it, only the
#: names that recur across stories (or nothing, when none does).
INDEX_STORIES = 8
_INDEX_HEADING = "Index of people and organisations"
_RECURRING_HEADING = "Names in more than one story"
_FIXED_HEADINGS = ("Daily briefing", "Top lines", _INDEX_HEADING, _RECURRING_HEADING, "People",
                   "Organisations")


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
    """`escape()` for text that never starts a block: after a label, inside `**` or `()`."""
    return escape(text, line_start=False)


def _link(text: str, anchor: str) -> str:
    return f"[{escape(text, line_start=False, link_text=True)}](#{anchor})"


def _once(texts: list[str]) -> list[str]:
    """`texts` without repeats (case and spacing aside), in order."""
    seen: set[str] = set()
    out: list[str] = []
    for text in texts:
        key = " ".join(text.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(text)
    return out


def _grouped_names(story_position: int, kind: str, sameness: Sameness) -> str:
    """One item per thing the story names, with its roles and other forms, joined by '; '."""
    items: list[str] = []
    for group in sameness.in_story(kind, story_position):
        forms = list(dict.fromkeys(f for m in group for f in m.forms))
        name = headword(kind, forms)
        notes = [_mid(r) for r in unique_roles(m.role for m in group)]
        others = other_forms(kind, name, forms)
        if others:
            notes.append("also " + ", ".join(_mid(f) for f in others))
        items.append(f"{_mid(name)} ({'; '.join(notes)})" if notes else _mid(name))
    return "; ".join(items)


def _figure_lines(story: StoryRecord) -> list[str]:
    lines = []
    for group in figure_groups(story.figures):
        figures = [story.figures[i] for i in group]
        values = _once([f.value for f in figures])
        context = next((f.context for f in figures if f.context.strip()), "")
        # A bold value alone on its line would read as a heading: without a label, plain.
        value = _mid(values[0]) or "figure"
        line = f"- **{value}**" if context else f"- {escape(values[0]) or 'figure'}"
        if values[1:]:
            line += f" (also {', '.join(_mid(v) for v in values[1:])})"
        lines.append(line + (f": {_mid(context)}" if context else ""))
    return lines


def render_story(story: StoryRecord, anchor: str = "", heading: str = "",
                 position: int = 0, sameness: Sameness | None = None) -> list[str]:
    """The `###` section of one story; every story-controlled string is escaped.

    `position` is the story's place in the briefing that `sameness` was built from; alone,
    the story is its own briefing."""
    if sameness is None:
        sameness, position = Sameness.of([story]), 0
    anchor = anchor or f"story-{story.id}"
    title = story_title(story)
    heading = heading or title
    lines = [f'<a id="{anchor}"></a>', "",
             f"### {escape(heading, line_start=False, heading=True)}", ""]
    # The wire's byline and dateline: who filed it, from where and when (never story text).
    filed = [r.text for r in (story.byline, story.dateline) if r is not None]
    if filed:
        lines += [f"**Filed:** {_mid(' — '.join(filed))}", ""]
    if story.status != "summarised":
        lines += [f"**Not summarised:** {_mid(story.reason or 'no reason recorded')}", ""]
        if title != " ".join(story.lead.split()) and story.lead.strip():
            lines += [f"**Lead:** {_mid(story.lead)}", ""]
    else:
        if story.summary.strip():
            lines += [escape(story.summary), ""]
        if story.reason:
            lines += [f"**Note:** {_mid(story.reason)}", ""]
    points = _once(story.key_points)
    if points:
        lines += ["**Key points:**", ""] + [f"- {escape(p)}" for p in points] + [""]
    if story.figures:
        lines += ["**Key facts:**", "", *_figure_lines(story), ""]
    for kind, label in (("person", "People"), ("organisation", "Organisations"),
                        ("place", "Places")):
        names = _grouped_names(position, kind, sameness)
        if names:
            lines += [f"**{label}:** {names}", ""]
    dates = _once([d.text for d in story.dates])
    if dates:
        lines += [f"**Dates:** {'; '.join(_mid(d) for d in dates)}", ""]
    texts = _once([q.text for q in story.quotes])
    quotes = [next(q for q in story.quotes if q.text == text) for text in texts]
    if quotes:
        lines += ["**Quotes:**", ""]
        for quote in quotes:
            speaker = _mid(quote.speaker) if quote.speaker else "unattributed"
            lines.append(f"- “{_mid(quote.text)}” ({speaker})")
        lines.append("")
    sources = _grouped_names(position, "source", sameness)
    if sources:
        lines += [f"**Sources cited:** {sources}", ""]
    return lines


def _index_lines(entries: list[IndexEntry], kind: str, headings: list[str],
                 anchors: list[str]) -> list[str]:
    lines = []
    for entry in entries:
        text = f"- **{_mid(entry.name)}**"
        others = other_forms(kind, entry.name, entry.forms)
        if others:
            text += f" (also {'; '.join(_mid(f) for f in others)})"
        if entry.roles:
            text += f", {'; '.join(_mid(r) for r in entry.roles)}"
        links = [_link(headings[p], anchors[p]) for p in entry.stories]
        lines.append(f"{text}: {'; '.join(links)}")
    return lines + [""]


def _index(briefing: Briefing, sameness: Sameness, mode: str, headings: list[str],
           anchors: list[str]) -> list[str]:
    """The index section, if `mode` (see `INDEX_MODES`) and the briefing call for one."""
    if mode not in INDEX_MODES:
        raise UsageError(f"unknown index mode {mode!r}; expected one of {', '.join(INDEX_MODES)}")
    if mode == "never":
        return []
    people, organisations = build_index(briefing.stories, sameness)
    title = _INDEX_HEADING
    if mode == "auto" and len(briefing.stories) <= INDEX_STORIES:
        people, organisations, title = recurring(people), recurring(organisations), \
            _RECURRING_HEADING
    if not people and not organisations:
        return []
    lines = [f"## {title}", ""]
    if people:
        lines += ["### People", "", *_index_lines(people, "person", headings, anchors)]
    if organisations:
        lines += ["### Organisations", "",
                  *_index_lines(organisations, "organisation", headings, anchors)]
    return lines


def render_markdown(briefing: Briefing, index: str = "auto") -> str:
    """The whole briefing as CommonMark (one trailing newline, no raw HTML from stories).

    `index` is `auto` (the names that recur across stories, or the whole index when the
    briefing has more than `INDEX_STORIES` stories), `always` or `never`."""
    meta = briefing.meta
    stories = briefing.stories
    anchors = story_anchors(stories)
    sameness = Sameness.of(stories)
    title = "# Daily briefing"
    if meta.date.strip():
        title += f" — {_mid(meta.date)}"
    lines = [title, ""]
    failed = sum(story.status != "summarised" for story in stories)
    count = f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}"
    lines += [f"{count}, {failed} not summarised." if failed else f"{count}.", ""]

    if stories:
        lines += ["## Top lines", ""]
        shown, more = top_lines(stories)
        for line in shown:
            story = stories[line.position]
            note = "" if story.status == "summarised" else ", not summarised"
            place = _link(place_of(story), anchors[line.position])
            lines.append(f"- {escape(line.text)} ({place}{note})")
        if more:
            lines.append(f"- {more} more {'story' if more == 1 else 'stories'} below.")
        lines.append("")

    names = _Headings(*_FIXED_HEADINGS)
    headings = [""] * len(stories)
    for place, positions in group_by_place(stories):
        heading = names.claim(heading_text(place, OTHER), "place")
        lines += [f"## {escape(heading, line_start=False, heading=True)}", ""]
        for position in positions:
            story = stories[position]
            title = heading_text(story_title(story), f"Story {story.id}")
            headings[position] = names.claim(title, f"story {story.id}")
            lines += render_story(story, anchors[position], headings[position], position,
                                  sameness)

    lines += _index(briefing, sameness, index, headings, anchors)
    lines += ["---", "", escape(footer_sentence(briefing)), ""]
    return "\n".join(lines)
