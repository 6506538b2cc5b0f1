"""`--batch` and `--batch-resume`: a run's model calls as OpenAI Batch jobs (see
`backends/batch.py` for the rounds). This module drives the rounds around the ordinary
runner; it never imports a provider SDK (the backend's own client sends the job).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from .backends.batch import (
    BatchBackend,
    answers_of,
    batch_lines,
    load_state,
    pending_of,
    results,
    save_state,
    submit,
    wait,
)
from .config import Config
from .errors import UsageError

MAX_POLL_SECONDS = 300.0
PATH_FLAGS = ("cache_dir", "model_path")
Execute = Callable[[Any, bool], int]


class FallbackBatchBackend(BatchBackend):
    """The last pass: answers from the batches, and an ordinary call for anything else (a
    run below the batch size, a line the job failed, a re-ask past the last round)."""

    def create(self, **kwargs: Any) -> Any:
        from .backends.base import STORY_KEY

        answer = self.answers.get((STORY_KEY.get(), self._local.ledger.attempts + 1))
        if answer is not None:
            return super().create(**kwargs)
        return self.inner.create(**kwargs)


def request_state(request: Any) -> dict[str, Any]:
    """The run's request as JSON, paths made absolute, so a resume anywhere does the same."""
    state = asdict(request)
    state["sources"] = [s if s == "-" else str(Path(s).resolve()) for s in request.inputs]
    state["source"] = ""
    for name in ("output", "output_dir"):
        if state[name] is not None:
            state[name] = str(Path(state[name]).resolve())
    state["flags"] = {k: (str(v) if isinstance(v, Path) else v) for k, v in request.flags.items()}
    state["batch_resume"] = None
    return state


def request_from_state(state: dict[str, Any], request_type: type) -> Any:
    names = {f.name for f in fields(request_type)}
    values = {k: v for k, v in state.items() if k in names}
    for name in ("output", "output_dir"):
        if values.get(name) is not None:
            values[name] = Path(values[name])
    flags = dict(values.get("flags") or {})
    for name in PATH_FLAGS:
        if flags.get(name) is not None:
            flags[name] = Path(flags[name])
    values["flags"] = flags
    return request_type(**values)


def keep_input(cache_dir: Path, batch_id: str, pending: dict[Any, dict[str, Any]]) -> None:
    """The job's request file beside its state, for the record and for offline runs
    (`vllm run-batch -i <id>.input.jsonl ...`); a file that cannot be kept costs nothing."""
    from .cache import _write_atomic

    with contextlib.suppress(OSError):
        path = cache_dir / "batches" / f"{batch_id}.input.jsonl"
        _write_atomic(path, batch_lines(pending), durable=False)


def run_batch(request: Any, config: Config, backend: Any, execute: Execute) -> int:
    """Rounds of dry passes and batch jobs, then the real pass with every answer in hand."""
    client = getattr(backend, "_client", None)
    if client is None:
        raise UsageError("--batch needs an OpenAI-compatible endpoint: give --base-url or --model")

    def note(message: str) -> None:
        if not request.quiet:
            print(f"summarise: {message}", file=sys.stderr, flush=True)

    batch = BatchBackend(backend)
    resume = request.batch_resume
    rounds = config.max_reasks + 1
    for _ in range(rounds):
        if resume:
            state = load_state(config.cache_dir, resume)
            batch.answers = answers_of(state)
            asked = pending_of(state)
            batch_id, resume = resume, None
        else:
            batch.pending.clear()
            execute(batch, True)
            if len(batch.pending) < max(1, config.batch_min):
                if batch.pending:
                    note(f"{len(batch.pending)} requests: below --batch's size, sent as calls")
                break
            asked = {key: attempt for key, attempt in batch.pending}
            batch_id = submit(client, batch.pending)
            keep_input(config.cache_dir, batch_id, batch.pending)
            save_state(
                config.cache_dir, batch_id, request_state(request), batch.answers, batch.pending
            )
            note(
                f"batch {batch_id}: {len(asked)} requests sent; if this wait is cut short, "
                f"resume with: summarise --batch-resume {batch_id}"
            )
        job = wait(
            client, batch_id, first_poll=config.batch_poll, max_poll=MAX_POLL_SECONDS, note=note
        )
        found = results(client, job)
        for key, body in found.items():
            if key in asked:
                batch.answers[(key, asked[key])] = body
        note(f"batch {batch_id}: {job.status}, {len(found)} of {len(asked)} answered")
    final = FallbackBatchBackend(backend)
    final.answers = batch.answers
    final.keep_calls = batch.keep_calls
    return execute(final, False)
