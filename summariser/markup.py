"""Which passages of a story are code, markup or a model's answer rather than prose.

A bulletin can carry text shaped like the tool's own output (a JSON object with a
"headline" key, a chat transcript's "assistant:" line, a code fence). Copied into the
briefing it would speak as the tool: a story's JSON would become its headline, and its
quoted keys quotes "by" whoever is named nearby. Such passages stay in the story as data
(offsets, the model's view) but are never a source of headline, summary, key points or
quotes. The marks are data (`data/lexicon/markup.toml`); the patterns are built from them.

A passage is markup when it is:
- a JSON-like object: `{` ... `}` (braces balanced outside strings, or to the end of the
  paragraph when never closed) holding at least one quoted key followed by a colon;
- a code fence and what it fences (to the closing fence, or the end of the text);
- a line that opens with a chat role marker ("assistant:", "User:") or holds a chat
  template token ("<|im_start|>", "[INST]");
- an HTML or XML tag.
"""

from __future__ import annotations

import re
from functools import cache

from .wordlists import words

Span = tuple[int, int]

_KEY_RE = re.compile(r"""(?:"[^"\n]{1,60}"|'[^'\n]{1,60}')\s*:""")
_TAG_RE = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>\n]{0,300})?/?>")
_PARAGRAPH_END_RE = re.compile(r"\n[ \t]*\n")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    roles = "|".join(re.escape(r) for r in words("markup_roles"))
    tokens = "|".join(re.escape(t) for t in words("markup_chat_tokens"))
    fences = "|".join(re.escape(f) for f in words("markup_fences"))
    role_line = re.compile(rf"(?im)^[ \t]*(?:{roles})[ \t]*:.*$|^.*(?:{tokens}).*$")
    fence = re.compile(rf"(?m)^[ \t]*({fences})")
    return role_line, fence, re.compile(r"\{")


def _object_end(text: str, start: int) -> int:
    """Where the brace-balanced object opened at `start` ends (strings skipped), or the end
    of its paragraph when it is never closed."""
    depth = 0
    quote: str | None = None
    i = start
    while i < len(text):
        char = text[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = None
        elif char == '"':
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    paragraph = _PARAGRAPH_END_RE.search(text, start)
    return paragraph.start() if paragraph else len(text)


def markup_spans(text: str) -> list[Span]:
    """The (start, end) spans of `text` that are markup, merged and in order."""
    if not any(mark in text for mark in ("{", "<", ":", "`", "~", "[")):
        return []
    role_line, fence, brace = _patterns()
    spans: list[Span] = [m.span() for m in role_line.finditer(text)]
    spans += [m.span() for m in _TAG_RE.finditer(text)]
    fences = list(fence.finditer(text))
    opened: re.Match[str] | None = None
    for match in fences:
        if opened is None:
            opened = match
        elif match.group(1) == opened.group(1):
            spans.append((opened.start(), match.end()))
            opened = None
    if opened is not None:
        spans.append((opened.start(), len(text)))
    position = 0
    for match in brace.finditer(text):
        if match.start() < position:
            continue  # inside an object already taken
        end = _object_end(text, match.start())
        if _KEY_RE.search(text, match.start(), end):
            spans.append((match.start(), end))
            position = end
    return _merged(spans)


def _merged(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def in_markup(start: int, end: int, spans: list[Span]) -> bool:
    """Whether the span (start, end) overlaps any of `spans`."""
    return any(start < s_end and s_start < end for s_start, s_end in spans)


def looks_like_markup(text: str) -> bool:
    """Whether `text` (a headline, a summary, a title) holds code, markup or a model answer."""
    return bool(markup_spans(text))


def blank_markup(text: str) -> str:
    """`text` with its markup replaced by spaces (line breaks kept), so offsets still hold
    and nothing in the markup can support a claim."""
    spans = markup_spans(text)
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)
