"""Per-story results on disk, so a re-run only calls the model for what changed or failed.

The key covers everything that shapes a story's answer: its text, the backend and model,
the prompt and schema versions and the entity mode. Entries hold the model's validated
draft and its cost; never a key, a URL's credentials, or anything from the environment.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_key(**parts: str) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _write_atomic(path: Path, data: str, durable: bool) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written
    entry, and no temporary file left behind. Entries are private (mkstemp's 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class StoryCache:
    """One JSON file per story result under `directory`; unreadable entries are misses and
    unwritable ones are skipped, so the cache can cost time but never a run."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @staticmethod
    def unusable(directory: Path) -> str | None:
        """Why `directory` cannot hold the cache (a file, or an unwritable folder), or None.

        Checked once at the start, so the user hears of it instead of every entry being
        silently skipped."""
        folder = directory
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir():
            return f"{folder} is not a folder"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"{folder} is not writable"
        return None

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        # A cache that cannot be written only costs time, never the run.
        with contextlib.suppress(OSError, TypeError, ValueError):
            _write_atomic(self._path(key), json.dumps(entry, ensure_ascii=False), durable=False)
