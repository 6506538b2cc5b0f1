"""Rendering a briefing: markdown (the default), the HTML evidence view, or JSON.

The package exposes the three renderers and `render()`, which picks one by output format.
Their helpers live in modules of their own, imported by full path: `escape` (markdown
escaping), `ordering` (significance and filing by place), `titles` (a story's anchor and
heading) and `index` (people and organisations across the briefing).
"""

from __future__ import annotations

from ..errors import UsageError
from ..schemas import Briefing
from .html import render_html
from .json import briefing_json
from .markdown import render_markdown

__all__ = ["FORMATS", "briefing_json", "render", "render_html", "render_markdown"]

FORMATS = ("md", "html", "json")


def render(briefing: Briefing, fmt: str, text: str) -> str:
    """The briefing in output format `fmt` (one of `FORMATS`); `text` is the input, which
    only the HTML view shows. An unknown format is a usage error, not a silent markdown."""
    if fmt == "json":
        return briefing_json(briefing)
    if fmt == "html":
        return render_html(briefing, text)
    if fmt == "md":
        return render_markdown(briefing)
    raise UsageError(f"unknown output format {fmt!r}; expected one of {', '.join(FORMATS)}")
