"""JSON Lines in and out, for pipelines.

Out (`--format jsonl`): one `StoryLine` a line, each with its input's name and its stable
`story_id`, then one `MetaLine`; `schemas/briefing_line.json` is the contract of a line. A
consumer can stream it and never holds a whole briefing.

In (a `.jsonl` input): one `{"id", "title", "text"}` object a line is one story, taken as the
desk wrote it, without segmenting. Offsets need a text to index, so the stories are laid out
as one: each story's title (when given) on a line of its own, then its text, stories
separated by a blank line. That layout is what the offsets of the records index, and each
record's `origins[].ref` carries the id the line gave.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputError
from .schemas import Briefing, MetaLine, StoryLine
from .segment import Story

STORY_SEPARATOR = "\n\n"


class JsonlStory(BaseModel):
    """One input line. Other keys a desk's export carries are ignored."""

    model_config = ConfigDict(extra="ignore")

    id: str | int | None = None
    title: str | None = None
    text: str


def render_jsonl(briefing: Briefing) -> str:
    """Story lines, then the meta line; every line one JSON object, non-ASCII kept."""
    lines: list[str] = []
    for record in briefing.stories:
        origin = record.origins[0].input if record.origins else briefing.meta.input
        line = StoryLine.model_construct(**dict(record), input=origin, type="story")
        lines.append(line.model_dump_json())
    lines.append(MetaLine.model_construct(**dict(briefing.meta), type="meta").model_dump_json())
    return "\n".join(lines) + "\n"


def read_jsonl_stories(text: str, name: str) -> tuple[str, list[Story]]:
    """The stories of a .jsonl input and the text their offsets index (see the module)."""
    parts: list[str] = []
    stories: list[Story] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            item = JsonlStory.model_validate_json(raw)
        except ValidationError as exc:
            raise InputError(f"{name}: line {number}: {_reason(exc)}") from None
        body_text = item.text.strip()
        if not body_text:
            raise InputError(f"{name}: line {number}: the story's text is empty")
        title = " ".join(item.title.split()) if item.title and item.title.strip() else None
        block = f"{title}\n{body_text}" if title else body_text
        if parts:
            offset += len(STORY_SEPARATOR)
        paragraphs = [line.strip() for line in body_text.splitlines() if line.strip()]
        stories.append(
            Story(
                id=len(stories) + 1,
                start=offset,
                end=offset + len(block),
                text=block,
                title=title,
                body="\n".join(paragraphs),
                paragraphs=paragraphs,
                ref=None if item.id is None else str(item.id),
            )
        )
        parts.append(block)
        offset += len(block)
    if not stories:
        raise InputError(f"{name}: has no story lines; give one JSON object a line")
    return STORY_SEPARATOR.join(parts), stories


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    if first["type"] in ("json_invalid", "json_type", "model_type"):
        return 'not a JSON object; each line must be {"id", "title", "text"}'
    where = ".".join(str(part) for part in first["loc"]) or "line"
    return f"{where}: {first['msg'].lower()}"
