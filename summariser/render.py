"""The markdown briefing. Every story-controlled string is escaped: no injected markup."""

from __future__ import annotations

import re

from .schemas import Briefing, StoryRecord

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Plain text safe inside a CommonMark paragraph or list item, on one line."""
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # A line starting with these would become a list, heading or quote.
    return re.sub(r"^([-=>]|\d+[.)])", r"\\\1", text)


def _join(items: list[str]) -> str:
    return "; ".join(items)


def render_story(story: StoryRecord) -> list[str]:
    lines = [f"## {escape(story.headline or story.title or story.lead)}", ""]
    if story.status != "summarised":
        lines += [f"*Not summarised:* {escape(story.reason or 'unknown reason')}", ""]
        lines += [f"Lead: {escape(story.lead)}", ""]
    elif story.summary:
        lines += [escape(story.summary), ""]
    if story.reason and story.status == "summarised":
        lines += [f"*Note:* {escape(story.reason)}", ""]
    bullets: list[str] = []
    for point in story.key_points:
        bullets.append(f"- {escape(point)}")
    if story.figures:
        figures = [
            f"{escape(f.value)} ({escape(f.context)})" if f.context else escape(f.value)
            for f in story.figures
        ]
        bullets.append(f"- **Figures:** {_join(figures)}")
    if story.people:
        people = [
            f"{escape(p.name)} ({escape(p.role)})" if p.role else escape(p.name)
            for p in story.people
        ]
        bullets.append(f"- **People:** {_join(people)}")
    if story.organisations:
        bullets.append(f"- **Organisations:** {_join([escape(o.name) for o in story.organisations])}")
    if story.places:
        bullets.append(f"- **Places:** {_join([escape(p.name) for p in story.places])}")
    if story.dates:
        bullets.append(f"- **Dates:** {_join([escape(d.text) for d in story.dates])}")
    for quote in story.quotes:
        speaker = escape(quote.speaker) if quote.speaker else "unattributed"
        bullets.append(f"- **Quote** ({speaker}): “{escape(quote.text)}”")
    if story.sources:
        bullets.append(f"- **Sources:** {_join([escape(s.name) for s in story.sources])}")
    if bullets:
        lines += bullets + [""]
    return lines


def render_markdown(briefing: Briefing) -> str:
    meta = briefing.meta
    lines = [f"# Daily briefing: {escape(meta.date)}", ""]
    for story in briefing.stories:
        lines += render_story(story)
    g = meta.grounding
    lines += [
        "---",
        "",
        (
            f"{meta.stories} stories, {meta.failed} not summarised. "
            f"Backend {escape(meta.backend)}, model {escape(meta.model)}, "
            f"prompt {escape(meta.prompt_version)}, schema {escape(meta.schema_version)}. "
            f"Tokens: {meta.prompt_tokens} prompt, {meta.completion_tokens} completion. "
            f"Grounding: {g.proposed} items proposed, {g.grounded} grounded, "
            f"{g.dropped} dropped, {g.reasks} re-asks."
        ),
        "",
    ]
    return "\n".join(lines)
