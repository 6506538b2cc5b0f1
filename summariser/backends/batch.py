"""OpenAI's Batch API: every uncached story of a run as one job, at half the price.

A batch answers all at once, hours later, while the pipeline asks story by story and
re-asks when an answer fails validation. The two meet in rounds:

1. a dry pass runs the pipeline with `BatchBackend`, which answers the calls it has answers
   for and defers the others (a `Deferred` error), keeping each deferred request by its
   story's cache key (the `custom_id`) and attempt;
2. the deferred requests go out as one batch (JSONL to `/v1/files`, then `/v1/batches`),
   polled with backoff; or, below `min_size` requests, as ordinary calls;
3. their answers join the others and the next pass runs. Answers are validated by the same
   instructor path as ever; one that fails is re-asked in the next pass, so the re-asks go
   out as a second, smaller batch. When a pass defers nothing, the run is answered.

Stories that succeed land in the per-story cache like any other. A job's state (its id, the
answers so far and the run's request) is saved under the cache folder, so an interrupted
wait resumes with `summarise --batch-resume ID`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import BackendError, UsageError
from .base import STORY_KEY, Backend

CHAT_URL = "/v1/chat/completions"
WAITING = ("validating", "in_progress", "finalizing", "cancelling")
Request = tuple[str, int]  # (custom_id, attempt)


class Deferred(BackendError):
    """The story's answer will come from a batch: no answer yet."""


class BatchBackend(Backend):
    """Answers from batch results; the calls it cannot answer are deferred and kept."""

    def __init__(self, inner: Any) -> None:
        super().__init__()
        self.inner = inner
        self.name = inner.name
        self.trusted_with_entities = inner.trusted_with_entities
        self.supports_schema = inner.supports_schema
        self.max_concurrency = inner.max_concurrency
        self.answers: dict[Request, dict[str, Any]] = {}
        self.pending: dict[Request, dict[str, Any]] = {}

    @property
    def model_name(self) -> str:
        return str(self.inner.model_name)

    def create(self, **kwargs: Any) -> Any:
        from openai.types.chat import ChatCompletion

        key = STORY_KEY.get()
        attempt = self._local.ledger.attempts + 1
        answer = self.answers.get((key, attempt))
        if answer is not None:
            return ChatCompletion.model_validate(answer)
        body = dict(kwargs)
        body["model"] = self.model_name
        self.pending[(key, attempt)] = body
        raise Deferred("answer deferred to a batch")

    def close(self) -> None:
        self.inner.close()


# --------------------------------------------------------------------------- the job


def batch_lines(pending: dict[Request, dict[str, Any]]) -> str:
    """The batch input file: one request a line, named by its story's cache key."""
    return "".join(
        json.dumps({"custom_id": key, "method": "POST", "url": CHAT_URL, "body": body}) + "\n"
        for (key, _attempt), body in sorted(pending.items())
    )


def submit(client: Any, pending: dict[Request, dict[str, Any]]) -> str:
    """Upload the requests and start the job; its id."""
    upload = client.files.create(
        file=("batch.jsonl", batch_lines(pending).encode("utf-8")), purpose="batch"
    )
    job = client.batches.create(input_file_id=upload.id, endpoint=CHAT_URL, completion_window="24h")
    return str(job.id)


def wait(
    client: Any,
    batch_id: str,
    *,
    first_poll: float,
    max_poll: float,
    note: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> Any:
    """Poll the job until it ends, waiting longer each time (up to `max_poll` seconds)."""
    delay = first_poll
    while True:
        job = client.batches.retrieve(batch_id)
        if job.status not in WAITING:
            return job
        counts = getattr(job, "request_counts", None)
        done = f" ({counts.completed}/{counts.total} done)" if counts is not None else ""
        note(f"batch {batch_id}: {job.status}{done}; next check in {delay:.0f} s")
        sleep(delay)
        delay = min(max_poll, delay * 2)


def results(client: Any, job: Any) -> dict[str, dict[str, Any]]:
    """The answered requests of an ended job, by custom_id; failed lines are left out, so
    their stories are asked again (by the next batch or an ordinary call)."""
    if job.status not in ("completed", "expired", "cancelled", "failed"):
        raise BackendError(f"batch {job.id} ended as {job.status}")
    found: dict[str, dict[str, Any]] = {}
    file_id = getattr(job, "output_file_id", None)
    if not file_id:
        return found
    for line in client.files.content(file_id).text.splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        response = item.get("response") or {}
        if response.get("status_code") == 200 and isinstance(response.get("body"), dict):
            found[str(item["custom_id"])] = response["body"]
    return found


# --------------------------------------------------------------------------- saved state


def state_path(cache_dir: Path, batch_id: str) -> Path:
    if not batch_id or "/" in batch_id or batch_id.startswith("."):
        raise UsageError(f"--batch-resume {batch_id!r} is not a batch id")
    return cache_dir / "batches" / f"{batch_id}.json"


def save_state(
    cache_dir: Path,
    batch_id: str,
    request: dict[str, Any],
    answers: dict[Request, dict[str, Any]],
    pending: dict[Request, dict[str, Any]],
) -> Path:
    from ..cache import _write_atomic

    path = state_path(cache_dir, batch_id)
    state = {
        "batch_id": batch_id,
        "request": request,
        "answers": [[key, attempt, body] for (key, attempt), body in answers.items()],
        "pending": [[key, attempt] for key, attempt in pending],
    }
    _write_atomic(path, json.dumps(state), durable=True)
    return path


def load_state(cache_dir: Path, batch_id: str) -> dict[str, Any]:
    path = state_path(cache_dir, batch_id)
    try:
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(
            f"no saved batch {batch_id} in {path.parent}; give the id summarise printed "
            "(and the same --cache-dir)"
        ) from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the saved batch {path} ({exc})") from None
    return state


def answers_of(state: dict[str, Any]) -> dict[Request, dict[str, Any]]:
    return {(str(key), int(attempt)): body for key, attempt, body in state["answers"]}


def pending_of(state: dict[str, Any]) -> dict[str, int]:
    return {str(key): int(attempt) for key, attempt in state["pending"]}
