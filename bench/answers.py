"""Valid story drafts built from the prompt itself: grounded by construction.

The pipeline's user message carries the story between `<<<` and `>>>` and, in hybrid mode,
the rule-found items as `- kind: text (role)` lines. A draft that copies its headline,
summary and key points from the story, and its items from that list, passes every check.
"""

from __future__ import annotations

import re
from typing import Any

_SENTENCE = re.compile(r"(?<=[.!?”])\s+(?=[“\"A-Z0-9])")
_ITEM = re.compile(r"^- (person|organisation|place|figure|date|source): (.+?)(?: \((.+)\))?$")
_QUOTE = re.compile(r"“([^”]{8,200}?)[,.]?”")


def story_of(messages: list[dict[str, Any]]) -> str:
    """The story text of the first user message (re-asks append later messages)."""
    for message in messages:
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str) and "<<<\n" in content:
            return content.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
    return ""


def _items(messages: list[dict[str, Any]]) -> dict[str, list[tuple[str, str | None]]]:
    found: dict[str, list[tuple[str, str | None]]] = {}
    for message in messages:
        content = message.get("content")
        if (
            message.get("role") != "user"
            or not isinstance(content, str)
            or "Items found" not in content
        ):
            continue
        for line in content.splitlines():
            match = _ITEM.match(line.strip())
            if match:
                found.setdefault(match.group(1), []).append((match.group(2), match.group(3)))
        break
    return found


def _headline(story: str) -> str:
    words = story.split("\n", 1)[0].split()[:10]
    return " ".join(words).rstrip(".,;:")[:120] or "News"


def draft(messages: list[dict[str, Any]], *, full: bool | None = None) -> dict[str, Any]:
    """A draft for the story in `messages`.

    `full` adds the items (people, places, ...); None: add them when the prompt lists items.
    """
    story = story_of(messages)
    sentences = [s.strip() for s in _SENTENCE.split(" ".join(story.split())) if s.strip()]
    summary = sentences[0][:380] if sentences else story[:380]
    points = [s[:190] for s in sentences[1:3]]
    answer: dict[str, Any] = {
        "headline": _headline(story),
        "summary": summary,
        "key_points": points,
        "topic": "news",
    }
    items = _items(messages)
    if full is None:
        full = bool(items)
    if full:
        answer["people"] = [{"name": n, "role": r} for n, r in items.get("person", [])]
        answer["organisations"] = [n for n, _ in items.get("organisation", [])]
        answer["places"] = [n for n, _ in items.get("place", [])]
        answer["figures"] = [{"value": n, "context": "count"} for n, _ in items.get("figure", [])]
        answer["dates"] = [n for n, _ in items.get("date", [])]
        answer["sources"] = [n for n, _ in items.get("source", [])]
        answer["quotes"] = [{"text": q, "speaker": None} for q in _QUOTE.findall(story)[:3]]
    return answer
