"""Rendering a briefing: markdown (the default), the HTML evidence view, JSON, or JSON Lines.

The package exposes the three renderers and `render()`, which picks one by output format.
Their helpers live in modules of their own, imported by full path: `escape` (markdown
escaping), `ordering` (significance and filing by place), `titles` (a story's anchor and
heading), `toplines` (each story's key fact), `same` (which items name the same thing),
`index` (people and organisations across the briefing) and `footer` (the run in plain
words).
"""

from __future__ import annotations

from ..errors import UsageError
from ..schemas import Briefing
from .html import render_html
from .json import briefing_json
from .markdown import INDEX_MODES, render_markdown

__all__ = ["FORMATS", "INDEX_MODES", "briefing_json", "render", "render_html", "render_markdown"]

FORMATS = ("md", "html", "json", "jsonl")


def render(briefing: Briefing, fmt: str, text: str, index: str = "auto") -> str:
    """The briefing in output format `fmt` (one of `FORMATS`); `text` is the input, which
    only the HTML view shows; `index` is the markdown index mode (`INDEX_MODES`). An unknown
    format is a usage error, not a silent markdown."""
    if fmt == "json":
        return briefing_json(briefing)
    if fmt == "jsonl":
        from ..jsonl import render_jsonl

        return render_jsonl(briefing)
    if fmt == "html":
        return render_html(briefing, text)
    if fmt == "md":
        return render_markdown(briefing, index)
    raise UsageError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
