"""One exception hierarchy, each class carrying the exit code the CLI turns it into."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class SummariserError(Exception):
    """Base of every error the program raises on purpose."""

    exit_code = 1
    #: The model calls made before the error (`calllog.CallAttempt`s), for the call log.
    calls: Sequence[Any] = ()


class UsageError(SummariserError):
    """The command line asks for something that cannot be done."""

    exit_code = 2


class InputError(SummariserError):
    """The input cannot be read as a text bulletin."""

    exit_code = 2


class ConfigError(SummariserError):
    """A setting is missing or wrong (a model file, a URL, a key)."""

    exit_code = 2


class BackendError(SummariserError):
    """The model could not be reached or loaded after all retries."""

    exit_code = 1


class TransportError(BackendError):
    """A request to a remote model failed (connection, timeout, 429, 5xx) after retries."""


class ValidationFailure(SummariserError):
    """The model's answers stayed invalid after every re-ask."""

    def __init__(
        self,
        message: str,
        last_raw: str | None = None,
        attempts: int = 0,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        first_raw: str | None = None,
    ) -> None:
        super().__init__(message)
        self.first_raw = first_raw
        self.last_raw = last_raw
        self.attempts = attempts
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens


class OutputError(SummariserError):
    """Writing the briefing failed part way (a full disk, an I/O error); nothing was renamed
    into place, so an existing output file is untouched."""

    exit_code = 1


class PromptError(SummariserError):
    """A prompt file is missing, malformed, or leaves a template variable unfilled."""


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised by the CLI's handler: a KeyboardInterrupt, so that a run unwinds
    exactly as it does on Ctrl-C (no output file, workers stopped, cache kept)."""


EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, what a shell reports for a killed process
