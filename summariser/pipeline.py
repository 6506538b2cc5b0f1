"""The pipeline: segment, propose grounded candidates, ask the model, check, merge, account.

The pipeline sees only the `Backend` interface; which SDK answers is not its business. Every
story comes out as a record, summarised or not, so no input story is ever dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .backends.base import STORY_KEY, Backend
from .cache import cache_key, code_fingerprint, content_id
from .config import Config
from .errors import BackendError, InputError, SummariserError, TruncatedAnswer, ValidationFailure
from .markup import blank_markup
from .model_call import DRAFT_MODELS, DraftResult, ask_model
from .run_context import RunContext, open_run
from .schemas import (
    SCHEMA_VERSION,
    Briefing,
    FullDraft,
    GroundingStats,
    Origin,
    RunMeta,
    SelectionDraft,
    Span,
    StoryRecord,
    Usage,
)
from .segment import Story, segment
from .wire import byline_record, dateline_record

if TYPE_CHECKING:
    # The candidates, the checks and the prefetch pool bring spaCy's rules with them (0.15 s
    # of imports before spaCy itself): only a story the cache cannot answer imports them.
    from .check.context import StoryContext

ProgressCallback = Callable[[StoryRecord], None]
TRANSPORT_PREFIX = "model unavailable: "


# --------------------------------------------------------------------------- one story


def _cache_key(run: RunContext, story: Story) -> str:
    return cache_key(
        text=story.text,
        backend=run.backend.name,
        model=run.backend.model_name,
        prompt=f"{run.prompt.version}/{run.draft_kind}",
        schema=SCHEMA_VERSION,
        entity_mode=run.entity_mode,
        prose_check=run.prose_check,
        max_tokens=str(run.config.max_tokens or "auto"),
    )


def _record_key(draft_key: str, story: Story) -> str:
    """The key of a story's finished record: its draft's, where the story sits in the
    bulletin (ids and evidence offsets are absolute), and the code and libraries that
    extract and check (`code_fingerprint`), which the draft's key leaves out."""
    return cache_key(
        draft=draft_key,
        id=str(story.id),
        start=str(story.start),
        end=str(story.end),
        title=story.title or "",
        body=story.body,
        code=code_fingerprint(),
    )


def cached_record(story: Story, run: RunContext) -> StoryRecord | None:
    """The story's finished record from an earlier run, when nothing that shapes it changed.

    Such a story needs neither the model nor its candidates (spaCy): a run whose stories
    all come from here loads neither. Anything unreadable is a miss.
    """
    if run.cache is None:
        return None
    key = _cache_key(run, story)
    saved = (run.cache.get(key) or {}).get("record")
    if not isinstance(saved, dict) or saved.get("key") != _record_key(key, story):
        return None
    try:
        record = StoryRecord.model_validate(saved["value"])
    except (KeyError, ValueError, ValidationError):
        return None
    # The same story at the same place of another input: its links are this input's.
    record.origins = [_origin(story, run)]
    return record


def _origin(story: Story, run: RunContext) -> Origin:
    return Origin(
        input=run.input_name,
        story_id=content_id(story.text),
        start=story.start,
        end=story.end,
        ref=story.ref,
    )


def _cache_entry(
    draft_result: DraftResult, record: StoryRecord, key: str, story: Story
) -> dict[str, Any]:
    """What the cache keeps of a story: the model's draft and its cost, and the finished
    record as a later run would rebuild it from that draft (usage marked cached)."""
    value = record.model_dump(mode="json")
    value["usage"] = {**draft_result.usage.model_dump(mode="json"), "cached": True}
    return {
        "draft": draft_result.draft.model_dump(),
        "usage": draft_result.usage.model_dump(),
        "reasks": draft_result.reasks,
        "salvaged": draft_result.salvaged,
        "truncated": draft_result.truncated,
        "record": {"key": _record_key(key, story), "value": value},
    }


def _answer(
    run: RunContext, key: str, ctx: StoryContext
) -> tuple[DraftResult | None, SummariserError | None, bool]:
    """The story's draft or the model failure that stands for it, from the cache, from a copy
    of the story earlier in this run, or from the model; and whether this story asked it."""
    with run.memo_lock:
        pending = run.memo.get(key)
        owner = pending is None
        if pending is None:
            pending = run.memo[key] = Future()
    if not owner:
        error = pending.exception()
        if error is not None:
            if isinstance(error, (ValidationFailure, BackendError)):
                return None, error, False
            raise error
        earlier = pending.result()
        shared = replace(earlier, usage=earlier.usage.model_copy(update={"cached": True}))
        return shared, None, False
    try:
        result, asked = _cached_or_asked(run, key, ctx)
    except (ValidationFailure, BackendError) as exc:
        pending.set_exception(exc)
        return None, exc, True
    except BaseException as exc:
        pending.set_exception(exc)
        raise
    # The memo keeps the draft for later copies, not the prompts the call log already has.
    pending.set_result(replace(result, calls=()))
    return result, None, asked


def _cached_or_asked(
    run: RunContext, key: str, ctx: StoryContext
) -> tuple[DraftResult, bool]:
    cached = run.cache.get(key) if run.cache else None
    if cached is not None:
        try:
            base = DRAFT_MODELS[run.draft_kind]
            draft_result = DraftResult(
                base.model_validate(cached["draft"]),
                Usage.model_validate(cached["usage"]),
                int(cached["reasks"]),
                bool(cached["salvaged"]),
                bool(cached.get("truncated", False)),
            )
            draft_result.usage.cached = True
            return draft_result, False
        except (KeyError, ValueError, ValidationError):
            pass
    token = STORY_KEY.set(key)
    try:
        draft_result = ask_model(run.backend, run.config, run.prompt, ctx, run.draft_kind)
    finally:
        STORY_KEY.reset(token)
    return draft_result, True


def summarise_story(story: Story, run: RunContext, position: int = 0) -> StoryRecord:
    """One story to one record. Model failures become a 'not summarised' record, never a loss.

    `position` is the story's place among the stories the prefetch pool was given.
    """
    from .check.context import StoryContext
    from .check.items import merge_candidates, merge_model_items, places_and_countries
    from .check.prose import clean_prose, fallback_headline
    from .check.selection import clean_selection

    started = time.monotonic()
    prefetched = run.prefetch.candidates(position) if run.prefetch else None
    ctx = StoryContext.build(story, run.prose_check, prefetched)
    stats = GroundingStats()
    story_id = content_id(story.text)
    record = StoryRecord(
        id=story.id,
        story_id=story_id,
        title=story.title,
        byline=byline_record(story.byline),
        dateline=dateline_record(story.dateline),
        lead=story.lead,
        source=Span(start=story.start, end=story.end),
        origins=[_origin(story, run)],
    )
    if not blank_markup(story.body).strip():
        # Nothing but code, markup or a model answer: data to keep, not prose to summarise.
        record.status = "not_summarised"
        record.reason = "the story is code, markup or a model's answer, not prose"
        record.lead = ""
        record.grounding = stats
        return record
    full = run.draft_kind == "full"
    key = _cache_key(run, story)
    draft_result, error, asked = _answer(run, key, ctx)
    calls: Sequence[Any] = ()
    if isinstance(error, ValidationFailure):
        # An unusable answer degrades the story to what the story itself yields (issue 21).
        summarise_without_model(record, ctx, stats, error)
    elif error is not None:
        record.status = "not_summarised"
        record.reason = f"{TRANSPORT_PREFIX}{error}"
    if error is not None:
        calls = error.calls if asked else ()
    elif asked and draft_result is not None:
        calls = draft_result.calls
    if run.log is not None:
        run.log.story(
            story_id=story_id,
            input_name=run.input_name,
            position=position,
            cache_key=key,
            status=record.status,
            cached=draft_result is not None and not asked,
            reason=record.reason,
            attempts=list(calls),
        )
    if draft_result is not None:
        record.usage = draft_result.usage.model_copy()
        stats.reasks = draft_result.reasks
        if isinstance(draft_result.draft, SelectionDraft):
            clean_selection(draft_result.draft, ctx, record, stats)
        else:
            clean_prose(draft_result.draft, ctx, record, stats)
        if draft_result.truncated:
            record.reason = "story longer than the model's context: summary covers its first part"
        if full and isinstance(draft_result.draft, FullDraft):
            merge_model_items(record, draft_result.draft, ctx, stats)
        else:
            merge_candidates(record, ctx, stats)
    elif not isinstance(error, ValidationFailure):  # the transport failed: not summarised
        record.headline = fallback_headline(story)
        merge_candidates(record, ctx, stats)
    dateline = story.dateline.place or story.dateline.text if story.dateline else None
    places_and_countries(record, story.body, dateline, story.title)
    record.grounding = stats
    if run.cache is not None and draft_result is not None:
        run.cache.put(key, _cache_entry(draft_result, record, key, story))
    elif run.cache is not None and record.extractive and asked:
        # The model's unusable answer is as repeatable as a usable one (temperature 0), so
        # the extractive record is kept too: a warm run must not load the model to fail
        # again. With no draft, only the finished record is reused (`cached_record`);
        # `--no-cache` asks again.
        value = record.model_dump(mode="json")
        value["usage"] = {**value["usage"], "cached": True}
        run.cache.put(key, {"record": {"key": _record_key(key, story), "value": value}})
    if not record.usage.cached:
        record.usage.seconds = round(time.monotonic() - started, 3)
    return record


def summarise_without_model(
    record: StoryRecord, ctx: StoryContext, stats: GroundingStats, failure: ValidationFailure
) -> None:
    """A story whose model answer was unusable still gets its grounded candidates, its own
    title or lead as headline, its first sentences as summary and the ranking's key
    sentences as key points, marked `extractive`.

    The model adds to what the story itself yields; a model that fails (a small one cut off,
    or stuck on invalid JSON) must not take that away. Such a story counts as summarised
    (exit 0): everything in it is grounded, and the record says the model had no part in it.
    """
    from .check.items import merge_candidates
    from .check.prose import fallback_headline
    from .check.selection import clean_selection

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
    # The same prose as a model that is not asked (`SUMMARISER_KEY_POINTS=ranked`): the
    # title or lead as headline, the lead's sentences as summary, the ranking's key
    # sentences, each with the story sentence it is (issue 21: the fallbacks are the
    # embedded model's; a degraded story still links every printed sentence to its source).
    clean_selection(SelectionDraft.model_construct(key_sentences=[], topic=""), ctx, record, stats)
    record.headline = fallback_headline(ctx.story)  # never a title that is code or markup
    stats.summary_fallback = True
    merge_candidates(record, ctx, stats)


# --------------------------------------------------------------------------- the run


def _summarise_all(
    stories: list[Story],
    run: RunContext,
    workers: int,
    progress: ProgressCallback | None,
    answered: dict[int, StoryRecord],
) -> list[StoryRecord]:
    """Every story's record, in bulletin order; `workers` stories in flight at once.

    Stories in `answered` (by position) are done; each other story is summarised with its
    place among those others, which is where the prefetch pool keeps its candidates.
    """
    pending = [position for position in range(len(stories)) if position not in answered]
    records: list[StoryRecord] = []
    if workers == 1:
        place = {position: n for n, position in enumerate(pending)}
        for position, story in enumerate(stories):
            done = answered.get(position)
            if done is None:
                done = summarise_story(story, run, place[position])
            records.append(done)
            if progress:
                progress(records[-1])
        return records
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = {
            position: pool.submit(summarise_story, stories[position], run, n)
            for n, position in enumerate(pending)
        }
        for position in range(len(stories)):
            done = answered.get(position)
            records.append(done if done is not None else futures[position].result())
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
    run: RunContext | None = None,
    stories: list[Story] | None = None,
) -> Briefing:
    """Summarise every story of `text` (or the `stories` given, read from it elsewhere) with
    `backend`; the caller owns the backend. `run` shares one run's state across inputs."""
    started = time.monotonic()
    stories = segment(text) if stories is None else stories
    if not stories:
        raise InputError(f"{source_name or 'input'}: no story text found")
    model_name = backend.model_name  # resolve it once, early: a dead server fails here
    run = replace(run or open_run(config, backend), input_name=source_name, prefetch=None)
    answered = {
        position: record
        for position, story in enumerate(stories)
        if (record := cached_record(story, run)) is not None
    }
    pending = [story for position, story in enumerate(stories) if position not in answered]
    if run.log is not None:
        for position, record in answered.items():
            run.log.story(
                story_id=record.story_id,
                input_name=source_name,
                position=position,
                cache_key=_cache_key(run, stories[position]),
                status=record.status,
                cached=True,
                reason=record.reason,
                attempts=[],
            )
    asked = config.concurrency or backend.max_concurrency
    workers = max(1, min(asked, backend.max_concurrency, len(pending)))
    if pending and run.draft_kind != "rank":
        backend.prepare()  # a model that cannot be loaded fails here, before any extraction
        if not backend.uses_local_cores:
            from .check.context import candidate_text
            from .extract.prefetch import CandidatePrefetch

            # While stories wait on a remote model, spare cores extract the candidates ahead.
            run.prefetch = CandidatePrefetch.start([candidate_text(s) for s in pending])
    try:
        records = _summarise_all(stories, run, workers, progress, answered)
    finally:
        if run.prefetch:
            run.prefetch.close()
    if all(r.status != "summarised" for r in records) and all(
        r.reason and r.reason.startswith(TRANSPORT_PREFIX) for r in records
    ):
        raise BackendError(f"no story could be summarised: {records[0].reason}")
    meta = RunMeta(
        input=source_name,
        run_id=run.log.run_id if run.log else "",
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
