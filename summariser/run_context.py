"""One run's shared state: the backend, the prompt, the modes decided once for the run
(what the model is asked for, how its items and prose are checked), the cache, the call log
and the memo that asks the model once for a story repeated across inputs.

Kept apart from the pipeline (pipeline.py), which summarises stories under it.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .backends.base import Backend
from .cache import StoryCache
from .calllog import CallLog
from .config import Config
from .model_call import DraftResult, model_writes, resolve_draft_kind
from .prompts import StoryPrompt, load_story_prompt

if TYPE_CHECKING:
    from .extract.prefetch import CandidatePrefetch


@dataclass
class RunContext:
    backend: Backend
    config: Config
    prompt: StoryPrompt
    entity_mode: str
    cache: StoryCache | None
    prose_check: str = "strict"
    prefetch: CandidatePrefetch | None = None
    log: CallLog | None = None
    input_name: str = ""
    #: Story answers of this run by cache key, so a story repeated in several inputs is
    #: asked once even with the cache off or while its first copy is still in flight.
    memo: dict[str, Future[DraftResult]] = field(default_factory=dict)
    memo_lock: threading.Lock = field(default_factory=threading.Lock)
    #: What the model is asked for ("full", "prose", "select"): see `resolve_draft_kind`.
    draft_kind: str = ""

    def __post_init__(self) -> None:
        if not self.draft_kind:
            writes = model_writes(self.config, self.backend)
            self.draft_kind = resolve_draft_kind(self.entity_mode, writes, self.config.key_points)


def resolve_entity_mode(config: Config, backend: Backend, writes: bool | None = None) -> str:
    """`hybrid` where the model writes, `candidates` where it only selects (the embedded
    model by default, or `--ask select`), unless asked otherwise; the briefing's meta says
    which.

    The candidates are the floor in hybrid mode (`items.merge_model_items`), so a model that
    cannot type names only adds nothing; a model that can adds and corrects. A selecting
    model is not asked for items at all, so its items are the candidates, and the meta must
    not claim a hybrid run.
    """
    if not (model_writes(config, backend) if writes is None else writes):
        return "candidates"
    return "hybrid" if config.entity_mode == "auto" else config.entity_mode


def resolve_prose_check(config: Config, backend: Backend) -> str:
    """Small models get the strict check: they recombine true words into false sentences."""
    if config.prose_check != "auto":
        return config.prose_check
    return "lenient" if backend.trusted_with_entities else "strict"


def open_run(config: Config, backend: Backend, log: CallLog | None = None) -> RunContext:
    """What every input of one run shares: backend, prompt, modes, cache, call log and the
    memo that asks the model once for a story repeated across inputs.

    Whether the model writes is decided once here: under `--ask auto` a remote backend is
    asked its model's name, which a server that does not answer would cost a whole transport
    budget each time it is asked."""
    writes = model_writes(config, backend)
    entity_mode = resolve_entity_mode(config, backend, writes)
    return RunContext(
        backend=backend,
        config=config,
        prompt=load_story_prompt(),
        entity_mode=entity_mode,
        draft_kind=resolve_draft_kind(entity_mode, writes, config.key_points),
        cache=StoryCache(config.cache_dir) if config.use_cache else None,
        prose_check=resolve_prose_check(config, backend),
        log=log,
    )
