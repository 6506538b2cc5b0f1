"""The pipeline: segment, propose grounded candidates, ask the model, check, merge, account.

The pipeline sees only the `Backend` interface; which SDK answers is not its business. Every
story comes out as a record, summarised or not, so no input story is ever dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial

from pydantic import ValidationError

from .answer_budget import FIT_RESERVE_TOKENS, answer_tokens
from .backends.base import Backend, escape_raw_control_chars, parse_json_object
from .cache import StoryCache, cache_key
from .candidates import Candidate
from .check.context import StoryContext, candidate_text
from .check.headline import lead_headline
from .check.items import merge_candidates, merge_model_items, places_and_countries
from .check.prose import MAX_HEADLINE_WORDS, clean_prose, draft_problems, lead_summary
from .config import Config
from .errors import BackendError, InputError, SummariserError, TruncatedAnswer, ValidationFailure
from .prefetch import CandidatePrefetch
from .prompts import StoryPrompt, load_story_prompt
from .schemas import (
    SCHEMA_VERSION,
    Briefing,
    FullDraft,
    GroundingStats,
    ProseDraft,
    RunMeta,
    Span,
    StoryRecord,
    Usage,
    grounded_by,
)
from .segment import Story, segment, split_sentences

ProgressCallback = Callable[[StoryRecord], None]
PROMPT_OVERHEAD_TOKENS = 350
TRANSPORT_PREFIX = "model unavailable: "


# --------------------------------------------------------------------------- model call


@dataclass
class DraftResult:
    draft: ProseDraft
    usage: Usage
    reasks: int
    salvaged: bool
    truncated: bool


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
        return DraftResult(draft, usage, failure.reasks, True, truncated)
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
    return DraftResult(draft, usage, reasks, False, truncated)


# --------------------------------------------------------------------------- one story


@dataclass
class RunContext:
    backend: Backend
    config: Config
    prompt: StoryPrompt
    entity_mode: str
    cache: StoryCache | None
    prose_check: str = "strict"
    prefetch: CandidatePrefetch | None = None


def resolve_entity_mode(config: Config, backend: Backend) -> str:
    """`hybrid` for every backend unless asked otherwise.

    The candidates are the floor in hybrid mode (`items.merge_model_items`), so a model that
    cannot type names only adds nothing; a model that can adds and corrects. `candidates`
    (the model writes prose only) stays for experiments.
    """
    return "hybrid" if config.entity_mode == "auto" else config.entity_mode


def resolve_prose_check(config: Config, backend: Backend) -> str:
    """Small models get the strict check: they recombine true words into false sentences."""
    if config.prose_check != "auto":
        return config.prose_check
    return "lenient" if backend.trusted_with_entities else "strict"


def _cache_key(run: RunContext, story: Story) -> str:
    return cache_key(
        text=story.text,
        backend=run.backend.name,
        model=run.backend.model_name,
        prompt=run.prompt.version,
        schema=SCHEMA_VERSION,
        entity_mode=run.entity_mode,
        prose_check=run.prose_check,
        max_tokens=str(run.config.max_tokens or "auto"),
    )


def summarise_story(story: Story, run: RunContext, position: int = 0) -> StoryRecord:
    """One story to one record. Model failures become a 'not summarised' record, never a loss.

    `position` is the story's place in the bulletin, where prefetched candidates wait.
    """
    started = time.monotonic()
    prefetched = run.prefetch.candidates(position) if run.prefetch else None
    ctx = StoryContext.build(story, run.prose_check, prefetched)
    stats = GroundingStats()
    record = StoryRecord(
        id=story.id,
        title=story.title,
        lead=story.lead,
        source=Span(start=story.start, end=story.end),
    )
    full = run.entity_mode == "hybrid"
    draft_result: DraftResult | None = None
    key = _cache_key(run, story) if run.cache else ""
    cached = run.cache.get(key) if run.cache else None
    if cached is not None:
        try:
            base: type[ProseDraft] = FullDraft if full else ProseDraft
            draft_result = DraftResult(
                base.model_validate(cached["draft"]),
                Usage.model_validate(cached["usage"]),
                int(cached["reasks"]),
                bool(cached["salvaged"]),
                bool(cached.get("truncated", False)),
            )
            draft_result.usage.cached = True
        except (KeyError, ValueError, ValidationError):
            draft_result = None
    unusable: ValidationFailure | None = None
    if draft_result is None:
        try:
            draft_result = ask_model(run.backend, run.config, run.prompt, ctx, full)
        except ValidationFailure as exc:
            unusable = exc
        except BackendError as exc:
            record.status = "not_summarised"
            record.reason = f"{TRANSPORT_PREFIX}{exc}"
        except SummariserError:
            raise
        else:
            if run.cache is not None:
                run.cache.put(
                    key,
                    {
                        "draft": draft_result.draft.model_dump(),
                        "usage": draft_result.usage.model_dump(),
                        "reasks": draft_result.reasks,
                        "salvaged": draft_result.salvaged,
                        "truncated": draft_result.truncated,
                    },
                )
    if draft_result is not None:
        record.usage = draft_result.usage.model_copy()
        stats.reasks = draft_result.reasks
        clean_prose(draft_result.draft, ctx, record, stats)
        if draft_result.truncated:
            record.reason = "story longer than the model's context: summary covers its first part"
        if full and isinstance(draft_result.draft, FullDraft):
            merge_model_items(record, draft_result.draft, ctx, stats)
        else:
            merge_candidates(record, ctx, stats)
    elif unusable is not None:
        summarise_without_model(record, ctx, stats, unusable)
    else:
        record.headline = story.title or lead_headline(story.lead, MAX_HEADLINE_WORDS)
        merge_candidates(record, ctx, stats)
    places_and_countries(record)
    record.grounding = stats
    if not record.usage.cached:
        record.usage.seconds = round(time.monotonic() - started, 3)
    return record


def summarise_without_model(
    record: StoryRecord, ctx: StoryContext, stats: GroundingStats, failure: ValidationFailure
) -> None:
    """A story whose model answer was unusable still gets its grounded candidates, its own
    title or lead as headline and its first sentences as summary, marked `extractive`.

    The model adds to what the story itself yields; a model that fails (a small one cut off,
    or stuck on invalid JSON) must not take that away. Such a story counts as summarised
    (exit 0): everything in it is grounded, and the record says the model had no part in it.
    """
    why = (
        "the model's answer was cut off"
        if isinstance(failure, TruncatedAnswer)
        else "the model's answer stayed invalid"
    )
    record.extractive = True
    record.reason = f"{why}: {failure}; headline, summary and items come from the story alone"
    record.usage = Usage(
        prompt_tokens=failure.prompt_tokens,
        completion_tokens=failure.completion_tokens,
        attempts=failure.attempts,
    )
    stats.reasks = failure.reasks
    record.headline = ctx.story.title or lead_headline(ctx.story.lead, MAX_HEADLINE_WORDS)
    record.summary = lead_summary(ctx.story)
    stats.summary_fallback = True
    merge_candidates(record, ctx, stats)


# --------------------------------------------------------------------------- the run


def _summarise_all(
    stories: list[Story], run: RunContext, workers: int, progress: ProgressCallback | None
) -> list[StoryRecord]:
    """Every story's record, in bulletin order; `workers` stories in flight at once."""
    records: list[StoryRecord] = []
    if workers == 1:
        for position, story in enumerate(stories):
            records.append(summarise_story(story, run, position))
            if progress:
                progress(records[-1])
        return records
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [
            pool.submit(summarise_story, story, run, position)
            for position, story in enumerate(stories)
        ]
        for future in futures:
            records.append(future.result())
            if progress:
                progress(records[-1])
    except BaseException:
        # Ctrl-C (or a fatal error): run no queued story and do not wait for calls in
        # flight; their results would be thrown away anyway.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return records


def summarise_text(
    text: str,
    config: Config,
    backend: Backend,
    *,
    source_name: str = "",
    progress: ProgressCallback | None = None,
) -> Briefing:
    """Summarise every story of `text` with `backend`; the caller owns the backend."""
    started = time.monotonic()
    stories = segment(text)
    if not stories:
        raise InputError(f"{source_name or 'input'}: no story text found")
    model_name = backend.model_name  # resolve it once, early: a dead server fails here
    run = RunContext(
        backend=backend,
        config=config,
        prompt=load_story_prompt(),
        entity_mode=resolve_entity_mode(config, backend),
        cache=StoryCache(config.cache_dir) if config.use_cache else None,
        prose_check=resolve_prose_check(config, backend),
    )
    asked = config.concurrency or backend.max_concurrency
    workers = max(1, min(asked, backend.max_concurrency, len(stories)))
    if not backend.uses_local_cores:
        # While stories wait on a remote model, spare cores extract the candidates ahead.
        run.prefetch = CandidatePrefetch.start([candidate_text(s) for s in stories])
    try:
        records = _summarise_all(stories, run, workers, progress)
    finally:
        if run.prefetch:
            run.prefetch.close()
    if all(r.status != "summarised" for r in records) and all(
        r.reason and r.reason.startswith(TRANSPORT_PREFIX) for r in records
    ):
        raise BackendError(f"no story could be summarised: {records[0].reason}")
    meta = RunMeta(
        input=source_name,
        date=config.date,
        backend=backend.name,
        model=model_name,
        entity_mode=run.entity_mode,
        prose_check=run.prose_check,
        prompt_version=run.prompt.version,
        stories=len(records),
        failed=sum(r.status != "summarised" for r in records),
        extractive=sum(r.extractive for r in records),
    )
    for r in records:
        meta.prompt_tokens += r.usage.prompt_tokens if not r.usage.cached else 0
        meta.completion_tokens += r.usage.completion_tokens if not r.usage.cached else 0
        meta.model_calls += r.usage.attempts if not r.usage.cached else 0
        meta.grounding.add(r.grounding)
    meta.seconds = round(time.monotonic() - started, 3)
    return Briefing(stories=records, meta=meta)
