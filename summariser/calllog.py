"""A log of every model call, so that `summarise log` can show why a story says what it says.

Each run appends to one SQLite file in the cache folder: the run (backend, model, inputs),
each story it handled (input, content hash, cache key, status, whether the cache served it)
and each model call of that story: the messages sent, the raw answer, the validation error
that led to a re-ask, tokens and seconds. Writes go through one writer thread, so the stories
in flight never wait on the disk; a log that cannot be written costs the log, never the run.

Nothing from the environment is stored: the request's messages and sampling parameters are
the only parts of a call kept, and every stored text is scrubbed of the secrets the run knows
(its API key), should one ever appear in a story or an answer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import queue
import secrets as _secrets
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LOG_FILE = "calls.sqlite"
REDACTED = "[redacted]"
_COMMIT_EVERY = 200
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY, started TEXT, finished TEXT, backend TEXT, model TEXT,
    inputs TEXT, options TEXT, version TEXT
);
CREATE TABLE IF NOT EXISTS stories (
    run_id TEXT, story_id TEXT, input TEXT, position INTEGER, cache_key TEXT,
    status TEXT, cached INTEGER, reason TEXT
);
CREATE TABLE IF NOT EXISTS calls (
    id INTEGER PRIMARY KEY, run_id TEXT, story_id TEXT, input TEXT, attempt INTEGER,
    messages TEXT, params TEXT, response TEXT, error TEXT,
    prompt_tokens INTEGER, completion_tokens INTEGER, seconds REAL, at TEXT
);
CREATE INDEX IF NOT EXISTS calls_story ON calls (story_id);
CREATE INDEX IF NOT EXISTS calls_run ON calls (run_id);
CREATE INDEX IF NOT EXISTS stories_story ON stories (story_id);
CREATE INDEX IF NOT EXISTS stories_run ON stories (run_id);
"""
# Request fields worth keeping beside the messages; anything else (headers, clients, extra
# options a backend might add) is left out by construction rather than filtered afterwards.
LOGGED_PARAMS = ("model", "max_tokens", "temperature", "response_format")


@dataclass
class CallAttempt:
    """One request and its answer, as the backend saw them."""

    messages: list[dict[str, Any]]
    params: dict[str, Any]
    response: str | None = None
    error: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    at: str = field(default_factory=lambda: _now())


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def new_run_id() -> str:
    """Sortable by start time, unique across runs started in the same second."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}-{_secrets.token_hex(3)}"


def log_path(cache_dir: Path) -> Path:
    return cache_dir / LOG_FILE


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=10.0)
    # Several scheduled runs may append at once: WAL lets readers and one writer overlap.
    with contextlib.suppress(sqlite3.DatabaseError):
        connection.execute("PRAGMA journal_mode=WAL")
    connection.executescript(_SCHEMA)
    return connection


class CallLog:
    """The writer side: one run's rows, queued and written by a thread of its own."""

    def __init__(self, path: Path, *, secrets: Iterable[str | None] = ()) -> None:
        self.path = path
        self.run_id = new_run_id()
        self.model: str | None = None
        self._secrets = tuple(s for s in secrets if s)
        self._queue: queue.Queue[tuple[str, tuple[Any, ...]] | None] = queue.Queue()
        self.error: str | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        # Open here, so an unusable file is known before the run starts; the thread reopens.
        _connect(path).close()
        self._thread = threading.Thread(target=self._write_loop, name="call-log", daemon=True)
        self._thread.start()

    @classmethod
    def open(cls, cache_dir: Path, *, secrets: Iterable[str | None] = ()) -> CallLog | None:
        """The run's log, or None when the folder or file cannot be used."""
        try:
            return cls(log_path(cache_dir), secrets=secrets)
        except (OSError, sqlite3.Error):
            return None

    # ------------------------------------------------------------------ scrubbing

    def _scrub(self, text: str | None) -> str | None:
        if text is None:
            return None
        # A file name that is not UTF-8 carries surrogates, which SQLite cannot store.
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def _json(self, value: Any) -> str:
        return self._scrub(json.dumps(value, ensure_ascii=False, default=str)) or ""

    # ------------------------------------------------------------------ writing

    def start_run(
        self, *, backend: str, model: str, inputs: list[str], options: dict[str, Any], version: str
    ) -> None:
        self._put(
            "INSERT OR REPLACE INTO runs VALUES (?, ?, NULL, ?, ?, ?, ?, ?)",
            (self.run_id, _now(), backend, model, self._json(inputs), self._json(options), version),
        )

    def story(
        self,
        *,
        story_id: str,
        input_name: str,
        position: int,
        cache_key: str,
        status: str,
        cached: bool,
        reason: str | None,
        attempts: list[CallAttempt],
    ) -> None:
        """One story's outcome and each of its model calls (none when the cache served it)."""
        self._put(
            "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.run_id,
                story_id,
                self._scrub(input_name),
                position,
                cache_key,
                status,
                int(cached),
                self._scrub(reason),
            ),
        )
        for number, attempt in enumerate(attempts, start=1):
            self._put(
                "INSERT INTO calls (run_id, story_id, input, attempt, messages, params, response,"
                " error, prompt_tokens, completion_tokens, seconds, at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    self.run_id,
                    story_id,
                    self._scrub(input_name),
                    number,
                    self._json(attempt.messages),
                    self._json(attempt.params),
                    self._scrub(attempt.response),
                    self._scrub(attempt.error),
                    attempt.prompt_tokens,
                    attempt.completion_tokens,
                    round(attempt.seconds, 4),
                    attempt.at,
                ),
            )

    def close(self, model: str | None = None) -> None:
        """Finish the run's row (with the model's name, known once a story was asked) and
        wait for every queued row to be written."""
        if not self._thread.is_alive():
            return
        self._put(
            "UPDATE runs SET finished = ?, model = COALESCE(?, model) WHERE run_id = ?",
            (_now(), model, self.run_id),
        )
        self._queue.put(None)
        self._thread.join()

    def _put(self, sql: str, values: tuple[Any, ...]) -> None:
        self._queue.put((sql, values))

    def _write_loop(self) -> None:
        try:
            connection = _connect(self.path)
        except (OSError, sqlite3.Error) as exc:
            self.error = str(exc)
            self._drain()
            return
        pending = 0
        try:
            while True:
                item = self._queue.get()
                if item is None:
                    break
                try:
                    connection.execute(*item)
                except (sqlite3.Error, ValueError) as exc:
                    self.error = str(exc)
                    continue
                pending += 1
                if pending >= _COMMIT_EVERY or self._queue.empty():
                    connection.commit()
                    pending = 0
            connection.commit()
        except sqlite3.Error as exc:
            self.error = str(exc)
        finally:
            connection.close()

    def _drain(self) -> None:
        while self._queue.get() is not None:
            pass


# --------------------------------------------------------------------------- reading


def _rows(path: Path, sql: str, values: tuple[Any, ...]) -> list[dict[str, Any]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10.0)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute(sql, values)]
    finally:
        connection.close()


def list_runs(path: Path, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs, newest first, with their story and call counts and tokens."""
    return _rows(
        path,
        "SELECT r.run_id, r.started, r.finished, r.backend, r.model, r.inputs,"
        " (SELECT COUNT(*) FROM stories s WHERE s.run_id = r.run_id) AS stories,"
        " (SELECT COUNT(*) FROM calls c WHERE c.run_id = r.run_id) AS calls,"
        " (SELECT COALESCE(SUM(prompt_tokens + completion_tokens), 0) FROM calls c"
        "  WHERE c.run_id = r.run_id) AS tokens"
        " FROM runs r ORDER BY r.started DESC LIMIT ?",
        (limit,),
    )


def find_stories(path: Path, run: str | None, story: str | None) -> list[dict[str, Any]]:
    """Stories of a run and/or by story id (both match by prefix), each with its calls."""
    where, values = _filters(run, story)
    stories = _rows(
        path,
        "SELECT s.*, r.backend, r.model, r.started FROM stories s"
        " LEFT JOIN runs r ON r.run_id = s.run_id"
        f" WHERE {where} ORDER BY s.run_id, s.input, s.position",
        values,
    )
    for entry in stories:
        calls = _rows(
            path,
            "SELECT attempt, messages, params, response, error, prompt_tokens,"
            " completion_tokens, seconds, at FROM calls"
            " WHERE run_id = ? AND story_id = ? AND input = ? ORDER BY attempt",
            (entry["run_id"], entry["story_id"], entry["input"]),
        )
        for call in calls:
            call["messages"] = json.loads(call["messages"] or "[]")
            call["params"] = json.loads(call["params"] or "{}")
        entry["cached"] = bool(entry["cached"])
        entry["calls"] = calls
    return stories


def _filters(run: str | None, story: str | None) -> tuple[str, tuple[str, ...]]:
    clauses: list[str] = []
    values: list[str] = []
    if run:
        clauses.append("s.run_id LIKE ? ESCAPE '\\'")
        values.append(_prefix(run))
    if story:
        clauses.append("s.story_id LIKE ? ESCAPE '\\'")
        values.append(_prefix(story))
    return " AND ".join(clauses) or "1", tuple(values)


def _prefix(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"
