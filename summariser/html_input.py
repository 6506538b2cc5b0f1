"""Reading a newsroom HTML export as a bulletin: its headings and paragraphs, not its tags.

An export is recognised by its content (a doctype or an `<html>` tag at the top), or by an
`.html`/`.htm` name. It is parsed with BeautifulSoup over the standard library's parser (no
compiled dependency, and it copes with the broken markup exports produce) and turned into
the plain-text layout the segmenter reads: every heading starts a story as its title line,
followed by a blank line and the story's paragraphs, one a line; stories are separated by
blank lines. Paragraph lines are not separated by blank lines, because a blank line is
what ends a story in plain text. Offsets in the output then index this converted text, not
the HTML file.
"""

from __future__ import annotations

import re

from .segment import is_title_line

_HTML_START_RE = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = (*_HEADINGS, "p", "li", "blockquote", "pre", "dd", "dt", "figcaption", "td")
_HIDDEN = ("head", "script", "style", "noscript", "template", "nav", "svg", "iframe")
_HEADING_END = ".:;,"


def is_html(text: str, name: str = "") -> bool:
    """An HTML document: a doctype or <html> at the top, or an .html/.htm file with a tag."""
    if _HTML_START_RE.match(text[:4096]):
        return True
    return name.lower().endswith((".html", ".htm")) and bool(re.search(r"<[A-Za-z/!]", text))


def _words(element: object) -> str:
    return " ".join(element.get_text(" ").split())  # type: ignore[attr-defined]


def html_to_text(text: str) -> str:
    """The stories of an HTML document as plain text (see the module docstring)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for hidden in soup(list(_HIDDEN)):
        hidden.decompose()
    stories: list[tuple[str | None, list[str]]] = []
    blocks = [b for b in soup.find_all(list(_BLOCKS)) if b.find_parent(list(_BLOCKS)) is None]
    if not blocks:  # no structure at all: its text, one line a line
        lines = [" ".join(line.split()) for line in soup.get_text("\n").splitlines()]
        return "\n".join(line for line in lines if line) + "\n"
    for block in blocks:
        words = _words(block)
        if not words:
            continue
        if block.name in _HEADINGS:
            stories.append((words, []))
        elif stories:
            stories[-1][1].append(words)
        else:
            stories.append((None, [words]))
    out: list[str] = []
    for heading, paragraphs in stories:
        lines = list(paragraphs)
        if heading is not None:
            title = heading.rstrip(_HEADING_END).rstrip()
            if paragraphs and is_title_line(title):
                out.append(f"{title}\n\n" + "\n".join(lines))
                continue
            lines.insert(0, heading)  # a heading that reads as a sentence opens its story
        if lines:
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
