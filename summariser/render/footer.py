"""The briefing's footer in plain words: how many stories, what was checked, where the
summaries came from, which model wrote them, and whether they came from the cache.

The run's accounting (tokens, re-asks, items proposed and dropped, prompt and schema
versions) stays in `--format json`; a reader handing the briefing on needs to know what they
can trust, not how it was counted.
"""

from __future__ import annotations

from ..schemas import Briefing

_BACKENDS = {
    "embedded": "embedded, run on this machine",
    "openai": "over an OpenAI-compatible API",
    "fake": "a scripted stand-in, no model",
}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def footer_sentence(briefing: Briefing) -> str:
    """One sentence, its parts joined by semicolons, ending in a full stop."""
    meta = briefing.meta
    stories = briefing.stories
    parts = [_count(len(stories), "story", "stories")]
    failed = sum(s.status != "summarised" for s in stories)
    if failed:
        parts[0] += f", {failed} not summarised (each says why)"
    parts.append("all names, figures, dates and quotes checked against the story text")
    dropped = meta.grounding.dropped
    if dropped:
        parts.append(f"{_count(dropped, 'item', 'items')} the text did not support left out")
    fallbacks = sum(s.grounding.summary_fallback for s in stories)
    if fallbacks:
        whose = "the story's" if fallbacks == 1 else "the stories'"
        parts.append(
            f"{_count(fallbacks, 'summary', 'summaries')} taken from {whose} own opening "
            "sentences because the model's did not pass the checks"
        )
    cached = sum(s.usage.cached for s in stories)
    if cached:
        parts.append("all stories came from the cache of an earlier run" if cached == len(stories)
                     else f"{cached} of {len(stories)} stories came from the cache of an "
                     "earlier run")
    model = " ".join(meta.model.split()) or "unknown"
    how = _BACKENDS.get(meta.backend, meta.backend)
    parts.append(f"model {model} ({how})" if how else f"model {model}")
    return "; ".join(parts) + "."
