"""One story's call to the model: the prompt, the token limit, the answer and what it cost.

What the model is asked depends on what it is worth asking (`resolve_draft_kind`): items and
prose ("full"), prose over the candidates ("prose"), or only which sentences are key, by
number ("select", for a model whose own prose and items are not worth their tokens).

The story body is cut to fit the model's context, the answer's token limit is sized to what
the prompt asks for (`answer_budget`), and an answer that stays invalid after the re-asks is
salvaged where it parses. What cannot be salvaged is raised (`ValidationFailure`) for the
pipeline to degrade the story to what the story itself yields.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .answer_budget import FIT_RESERVE_TOKENS, answer_tokens
from .backends.base import Backend, escape_raw_control_chars, parse_json_object
from .config import Config
from .errors import SummariserError, ValidationFailure
from .prompts import StoryPrompt
from .schemas import FullDraft, ProseDraft, SelectionDraft, Usage, grounded_by
from .segment import Story
from .text import split_sentences

if TYPE_CHECKING:
    from .check.context import StoryContext
    from .extract import Candidate

PROMPT_OVERHEAD_TOKENS = 350
#: A selection's answer: a few sentence numbers and a topic word or two.
SELECTION_TOKENS = 64

Draft = ProseDraft | SelectionDraft
#: The draft schema of each kind of request (see `resolve_draft_kind`).
DRAFT_MODELS: dict[str, type[ProseDraft] | type[SelectionDraft]] = {
    "full": FullDraft,
    "prose": ProseDraft,
    "select": SelectionDraft,
    "rank": SelectionDraft,
}


@dataclass
class DraftResult:
    draft: Draft
    usage: Usage
    reasks: int
    salvaged: bool
    truncated: bool
    calls: Sequence[Any] = ()


def model_writes(config: Config, backend: Backend) -> bool:
    """Whether the model writes prose (and, in hybrid mode, proposes items) or only selects.

    `--ask` decides when given. Under `auto`, a backend that writes prose does (a remote
    endpoint: a strong model improves typing and prose) unless its model's name gives a size
    under `TINY_PARAMETERS`, and the embedded 135M model only selects: on the development
    gold every item it proposed was refused by the checks, and asking it for items and prose
    cost first-answer validity (0.79 against 0.80 required) and five times the tokens.
    `--entity-mode hybrid` given explicitly still asks it to write, to measure that again.
    """
    if config.ask != "auto":
        return config.ask == "write"
    if config.entity_mode == "hybrid":
        return True
    return backend.writes_prose and not _tiny_by_name(backend)


#: Below this many parameters a model behind a server is asked only to select, as the
#: embedded 135M model is: measured with that model behind `llama_cpp.server` (development
#: bulletin 001 and the first public bulletin), writing cost 8x the seconds (20.6 s a story
#: against 2.6 selecting), re-asks, answers cut off repeating themselves, and items no
#: better (the same P/R/F1).
TINY_PARAMETERS = 1e9
#: A size in a model's name: "SmolLM2-135M-Instruct", "qwen2.5:0.5b", "Llama-3.2-1B".
_SIZE_RE = re.compile(r"(?<![a-z0-9.])(\d+(?:\.\d+)?)\s?([mb])(?![a-z0-9])", re.IGNORECASE)


def parameters_in_name(name: str) -> float | None:
    """The parameter count a model's name states, if it states one (the last size in its
    file or tag name: "…/SmolLM2-135M-Instruct.Q4_1.gguf" -> 1.35e8), else None."""
    base = re.split(r"[/\\]", name)[-1]
    sizes = _SIZE_RE.findall(base)
    if not sizes:
        return None
    number, unit = sizes[-1]
    return float(number) * (1e6 if unit.lower() == "m" else 1e9)


def _tiny_by_name(backend: Backend) -> bool:
    """Whether a remote model's name says it is tiny. Naming is a convention, not a
    guarantee: a model whose name says nothing is taken to write (`--ask` decides when
    given). A server that cannot name its model yet is left to the stories' own requests."""
    try:
        name = backend.model_name
    except SummariserError:
        return False
    size = parameters_in_name(name)
    return size is not None and size < TINY_PARAMETERS


def resolve_draft_kind(entity_mode: str, writes: bool, key_points: str = "model") -> str:
    """What the model is asked for: items and prose ("full"), prose ("prose"), only which
    sentences are key ("select"), or nothing ("rank": key points from the ranking alone,
    `Config.key_points`)."""
    if not writes:
        return "rank" if key_points == "ranked" else "select"
    if entity_mode == "hybrid":
        return "full"
    return "prose"


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
    prompt: StoryPrompt, body: str, ctx: StoryContext, kind: bool | str
) -> list[dict[str, str]]:
    if kind == "select":
        # The model answers with numbers, so it sees the key-point candidates (the sentences
        # after the summary) numbered from 1; a story cut to fit the context is offered as
        # far as it goes.
        from .check.selection import key_candidates
        from .check.sentences import NumberedSentence, numbered_story

        shown = len(split_sentences(body))
        offered = [c for c in key_candidates(ctx.story) if c.number <= shown]
        body = numbered_story(
            [NumberedSentence(n, c.text, c.start, c.end) for n, c in enumerate(offered, 1)]
        )
    return prompt.messages(
        kind, story=neutralise_delimiters(body), candidates=format_candidates(ctx.candidates)
    )


def grounding_check(draft: Draft, ctx: StoryContext) -> list[str]:
    """What decides a re-ask. A selection has nothing to re-ask: a number out of range or in
    the lead is dropped in the merge, and a second answer to "which sentences matter" has no
    measured chance of being better."""
    if isinstance(draft, SelectionDraft):
        return []
    from .check.prose import draft_problems

    return draft_problems(draft, ctx)


def fits_schema(raw: str | None, model: type[Draft]) -> bool:
    """Whether an answer is JSON that fits the schema, grounding aside."""
    if not raw:
        return False
    try:
        model.model_validate_json(escape_raw_control_chars(raw))
    except ValidationError:
        return False
    return True


def ask_model(
    backend: Backend, config: Config, prompt: StoryPrompt, ctx: StoryContext, kind: bool | str
) -> DraftResult:
    """One story's draft; `kind` names the request ("full", "prose", "select", "rank"; a bool
    stands for "full" or "prose")."""
    name = ("full" if kind else "prose") if isinstance(kind, bool) else kind
    base = DRAFT_MODELS[name]
    body, truncated = _fit_body(ctx.story, backend, config)
    schema: type[ProseDraft] | type[SelectionDraft] = base
    if name in ("select", "rank"):
        from .check.selection import key_candidates, selection_schema

        shown = len(split_sentences(body))
        offered = sum(c.number <= shown for c in key_candidates(ctx.story))
        if name == "rank" or not offered:
            # Nothing to choose from, or the ranking chooses: the model is not asked.
            empty = SelectionDraft.model_construct(key_sentences=[], topic="")
            return DraftResult(empty, Usage(attempts=0), 0, False, truncated)
        schema = selection_schema(offered)
        max_tokens = config.max_tokens or SELECTION_TOKENS
    else:
        max_tokens = config.max_tokens or answer_tokens(
            body, ctx.candidates, name == "full", cap=_context_tokens(backend, config) // 2
        )
    messages = build_messages(prompt, body, ctx, name)
    started = time.monotonic()
    try:
        with grounded_by(partial(grounding_check, ctx=ctx)):
            result = backend.extract(
                messages,
                schema,
                max_reasks=config.max_reasks,
                max_tokens=max_tokens,
                temperature=config.temperature,
            )
    except ValidationFailure as failure:
        # Re-asks are spent: keep what parses, and let the merge drop what is unsupported.
        data = parse_json_object(failure.last_raw)
        try:
            draft = schema.model_validate(data) if data is not None else None
        except ValidationError:
            draft = None
        if draft is None:
            raise
        usage = Usage(
            prompt_tokens=failure.prompt_tokens,
            completion_tokens=failure.completion_tokens,
            attempts=failure.attempts,
            seconds=time.monotonic() - started,
            first_attempt_valid=fits_schema(failure.first_raw, schema),
        )
        return DraftResult(draft, usage, failure.reasks, True, truncated, failure.calls)
    usage = Usage(
        prompt_tokens=result.prompt_tokens,
        completion_tokens=result.completion_tokens,
        attempts=result.attempts,
        seconds=time.monotonic() - started,
        first_attempt_valid=result.attempts == 1 or fits_schema(result.first_content, schema),
        first_attempt_grounded=result.attempts == 1,
    )
    draft = base.model_validate(result.value.model_dump())
    reasks = max(0, result.attempts - 1 - result.length_retries)
    return DraftResult(draft, usage, reasks, False, truncated, result.calls)
