"""How a story is named and linked: its anchor and heading.

Shared by the markdown and the HTML briefing, so both give a story the same anchor and the
same title.
"""

from __future__ import annotations

from ..schemas import StoryRecord


def story_anchors(stories: list[StoryRecord]) -> list[str]:
    """One stable, unique anchor per story: `story-<id>`, suffixed if an id repeats."""
    anchors: list[str] = []
    seen: set[str] = set()
    for story in stories:
        anchor = base = f"story-{story.id}"
        n = 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        anchors.append(anchor)
    return anchors


def story_title(story: StoryRecord) -> str:
    """The story's heading: its headline, else its title, else its lead."""
    for candidate in (story.headline, story.title or "", story.lead):
        if candidate.strip():
            return " ".join(candidate.split())
    return f"Story {story.id}"


def heading_text(text: str, fallback: str) -> str:
    """`text` without trailing sentence punctuation (a lead used as a heading ends in '.')."""
    return text.rstrip(".,;:!。，；：！ ") or fallback
