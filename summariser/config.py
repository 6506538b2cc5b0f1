"""Run settings: flags win over environment variables, which win over defaults."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import ConfigError
from .names import safe_url

EntityMode = Literal["auto", "candidates", "hybrid"]
ResponseFormat = Literal["auto", "json_schema", "json_object"]
ProseCheck = Literal["auto", "strict", "lenient"]
Ask = Literal["auto", "select", "write"]

ENV_PREFIX = "SUMMARISER_"
#: The least each numeric setting may be: the CLI's flags declare the same minimums, and an
#: environment variable below one is the same usage error as the flag would be.
MINIMUMS: dict[str, float] = {
    "concurrency": 1,
    "max_reasks": 0,
    "max_tokens": 32,
    "n_threads": 1,
    "timeout": 1.0,
    "transport_budget": 0.0,
    "batch_min": 1,  # environment only (SUMMARISER_BATCH_MIN)
    "batch_poll": 0.01,  # environment only (SUMMARISER_BATCH_POLL): never a busy loop
}


def env(name: str) -> str | None:
    value = os.environ.get(ENV_PREFIX + name)
    return value if value not in (None, "") else None


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summariser"


@dataclass
class Config:
    """Everything one run needs to know. Build it with `Config.resolve`."""

    base_url: str | None = None
    model: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model_path: Path | None = None
    entity_mode: EntityMode = "auto"
    response_format: ResponseFormat = "auto"
    prose_check: ProseCheck = "auto"
    #: What the model is asked for: "select" (which story sentences are key, by number),
    #: "write" (headline, summary and key points, and items in hybrid mode), or "auto"
    #: (select on the embedded model, write on remote ones): see `model_call.model_writes`.
    ask: Ask = "auto"
    #: Who picks a selecting model's key points: "model" (by number, the ranking filling in
    #: what it leaves unusable) or "ranked" (the ranking alone: the model is not asked).
    key_points: str = "model"
    max_reasks: int = 1
    max_tokens: int | None = None  # None: sized to the schema and the story
    temperature: float = 0.0
    concurrency: int | None = None  # None: the backend's default
    timeout: float = 120.0
    transport_budget: float = 300.0
    transport_attempts: int = 6
    n_ctx: int = 4096
    n_threads: int | None = None
    use_cache: bool = True
    cache_dir: Path = field(default_factory=default_cache_dir)
    date: str = field(default_factory=lambda: dt.date.today().isoformat())
    #: --batch: fewer deferred requests than this go as ordinary calls, not as a batch job.
    batch_min: int = 20
    #: --batch: seconds before the first status check of a job (doubling up to 5 minutes).
    batch_poll: float = 10.0

    @property
    def backend_kind(self) -> str:
        return "openai" if self.base_url or self.model else "embedded"

    @classmethod
    def resolve(cls, **flags: object) -> Config:
        """Combine flags (None = not given) with SUMMARISER_* / OPENAI_* variables."""
        values: dict[str, object] = {k: v for k, v in flags.items() if v is not None}
        fallbacks = {
            "base_url": env("BASE_URL") or os.environ.get("OPENAI_BASE_URL") or None,
            "model": env("MODEL"),
            "api_key": os.environ.get("OPENAI_API_KEY") or None,
            "model_path": Path(p) if (p := env("MODEL_PATH")) else None,
            "entity_mode": env("ENTITY_MODE"),
            "response_format": env("RESPONSE_FORMAT"),
            "prose_check": env("PROSE_CHECK"),
            "ask": env("ASK"),
            "key_points": env("KEY_POINTS"),
            "cache_dir": Path(p) if (p := env("CACHE_DIR")) else None,
        }
        numeric: dict[str, type] = {
            "concurrency": int,
            "max_reasks": int,
            "max_tokens": int,
            "n_threads": int,
            "timeout": float,
            "transport_budget": float,
            "batch_min": int,
            "batch_poll": float,
        }
        for key, kind in numeric.items():
            raw = env(key.upper())
            if raw is not None:
                try:
                    fallbacks[key] = kind(raw)
                except ValueError as exc:
                    raise ConfigError(f"{ENV_PREFIX}{key.upper()} must be a number") from exc
                least = MINIMUMS[key]
                if not fallbacks[key] >= least:  # type: ignore[operator]  # NaN fails too
                    raise ConfigError(
                        f"{ENV_PREFIX}{key.upper()}={raw} is below the minimum "
                        f"{least:g} (as for --{key.replace('_', '-')}); raise it or unset it"
                    )
        for key, value in fallbacks.items():
            if key not in values and value is not None:
                values[key] = value
        config = cls(**values)  # type: ignore[arg-type]
        config.validate()
        return config

    def validate(self) -> None:
        if self.entity_mode not in ("auto", "candidates", "hybrid"):
            raise ConfigError("--entity-mode must be auto, candidates or hybrid")
        if self.response_format not in ("auto", "json_schema", "json_object"):
            raise ConfigError("--response-format must be auto, json_schema or json_object")
        if self.prose_check not in ("auto", "strict", "lenient"):
            raise ConfigError("--prose-check must be auto, strict or lenient")
        if self.ask not in ("auto", "select", "write"):
            raise ConfigError("--ask must be auto, select or write")
        if self.key_points not in ("model", "ranked"):
            raise ConfigError("SUMMARISER_KEY_POINTS must be model or ranked")
        if self.concurrency is not None and self.concurrency < 1:
            raise ConfigError("--concurrency must be at least 1")
        if self.max_reasks < 0:
            raise ConfigError("--max-reasks must be 0 or more")
        if self.base_url and not self.base_url.startswith(("http://", "https://")):
            raise ConfigError(
                f"--base-url must start with http:// or https:// (got {safe_url(self.base_url)!r})"
            )
        if self.model_path is not None and self.base_url:
            raise ConfigError("--model-path is for the embedded model; drop it or drop --base-url")
