"""One story's call to the model: the prompt, the token limit, the answer and what it cost.

The story body is cut to fit the model's context, the answer's token limit is sized to what
the prompt asks for (`answer_budget`), and an answer that stays invalid after the re-asks is
salvaged where it parses. What cannot be salvaged is raised (`ValidationFailure`) for the
pipeline to degrade the story to what the story itself yields.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .answer_budget import FIT_RESERVE_TOKENS, answer_tokens
from .backends.base import Backend, escape_raw_control_chars, parse_json_object
from .config import Config
from .errors import ValidationFailure
from .prompts import StoryPrompt
from .schemas import FullDraft, ProseDraft, Usage, grounded_by
from .segment import Story
from .text import split_sentences

if TYPE_CHECKING:
    from .check.context import StoryContext
    from .extract import Candidate

PROMPT_OVERHEAD_TOKENS = 350


@dataclass
class DraftResult:
    draft: ProseDraft
    usage: Usage
    reasks: int
    salvaged: bool
    truncated: bool
    calls: Sequence[Any] = ()


def _fit_body(story: Story, backend: Backend, config: Config) -> tuple[str, bool]:
    """The story body, cut at a sentence boundary when it would not fit the model's context."""
    reserve = config.max_tokens or FIT_RESERVE_TOKENS
    budget_tokens = _context_tokens(backend, config) - reserve - PROMPT_OVERHEAD_TOKENS
    budget_chars = max(400, budget_tokens * 3)
    body = story.body
    if len(body) <= budget_chars:
        return body, False
    kept: list[str] = []
    used = 0
    for sentence in split_sentences(body):
        if used + len(sentence) + 1 > budget_chars:
            break
        kept.append(sentence)
        used += len(sentence) + 1
    if not kept:
        return body[:budget_chars], True
    return " ".join(kept), True


def _context_tokens(backend: Backend, config: Config) -> int:
    value = getattr(backend, "context_tokens", None)
    return int(value) if isinstance(value, int) else max(config.n_ctx, 8192)


def format_candidates(candidates: list[Candidate]) -> str:
    lines = []
    for c in candidates:
        if c.kind == "quote":
            continue
        extra = f" ({c.role})" if c.role else ""
        lines.append(f"- {c.kind}: {c.text}{extra}")
    return "\n".join(lines) or "- (none found)"


def neutralise_delimiters(body: str) -> str:
    """A story cannot close the <<< >>> fence its text sits in and speak as the prompt."""
    return body.replace("<<<", "‹‹‹").replace(">>>", "›››")


def build_messages(
    prompt: StoryPrompt, body: str, ctx: StoryContext, full: bool
) -> list[dict[str, str]]:
    return prompt.messages(
        full, story=neutralise_delimiters(body), candidates=format_candidates(ctx.candidates)
    )


def fits_schema(raw: str | None, model: type[ProseDraft]) -> bool:
    """Whether an answer is JSON that fits the schema, grounding aside."""
    if not raw:
        return False
    try:
        model.model_validate_json(escape_raw_control_chars(raw))
    except ValidationError:
        return False
    return True


def ask_model(
    backend: Backend, config: Config, prompt: StoryPrompt, ctx: StoryContext, full: bool
) -> DraftResult:
    from .check.prose import draft_problems

    base: type[ProseDraft] = FullDraft if full else ProseDraft
    body, truncated = _fit_body(ctx.story, backend, config)
    messages = build_messages(prompt, body, ctx, full)
    max_tokens = config.max_tokens or answer_tokens(
        body, ctx.candidates, full, cap=_context_tokens(backend, config) // 2
    )
    started = time.monotonic()
    try:
        with grounded_by(partial(draft_problems, ctx=ctx)):
            result = backend.extract(
                messages,
                base,
                max_reasks=config.max_reasks,
                max_tokens=max_tokens,
                temperature=config.temperature,
            )
    except ValidationFailure as failure:
        # Re-asks are spent: keep what parses, and let the merge drop what is unsupported.
        data = parse_json_object(failure.last_raw)
        try:
            draft = base.model_validate(data) if data is not None else None
        except ValidationError:
            draft = None
        if draft is None:
            raise
        usage = Usage(
            prompt_tokens=failure.prompt_tokens,
            completion_tokens=failure.completion_tokens,
            attempts=failure.attempts,
            seconds=time.monotonic() - started,
            first_attempt_valid=fits_schema(failure.first_raw, base),
        )
        return DraftResult(draft, usage, failure.reasks, True, truncated, failure.calls)
    usage = Usage(
        prompt_tokens=result.prompt_tokens,
        completion_tokens=result.completion_tokens,
        attempts=result.attempts,
        seconds=time.monotonic() - started,
        first_attempt_valid=result.attempts == 1 or fits_schema(result.first_content, base),
        first_attempt_grounded=result.attempts == 1,
    )
    draft = base.model_validate(result.value.model_dump())
    reasks = max(0, result.attempts - 1 - result.length_retries)
    return DraftResult(draft, usage, reasks, False, truncated, result.calls)
