"""The one interface the pipeline sees, and the instructor plumbing every backend shares.

A backend supplies a raw `create(**kwargs)` that speaks the OpenAI chat-completions shape
and retries its own transport errors. `Backend.extract` wraps it with instructor, so
validation errors (schema or grounding) are re-asked by instructor, and the two retry layers
stay apart. Usage of every attempt, re-asks included, is counted here.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

import pydantic_core
from pydantic import BaseModel

from ..calllog import LOGGED_PARAMS, CallAttempt
from ..errors import BackendError, SummariserError, ValidationFailure

T = TypeVar("T", bound=BaseModel)

#: The cache key of the story whose model call is under way in this thread: what a batch
#: request is named by (`custom_id`), so that its answer finds its story again.
STORY_KEY: ContextVar[str] = ContextVar("story_key", default="")


@dataclass
class Extraction:
    """A validated answer, with what it cost."""

    value: BaseModel
    prompt_tokens: int
    completion_tokens: int
    attempts: int
    first_content: str | None = None
    calls: list[CallAttempt] = field(default_factory=list)


class _CallLedger:
    """Counts attempts and tokens of one extract() call, re-asks included; with `keep_calls`,
    also keeps each request and answer for the call log."""

    def __init__(self, keep_calls: bool = False) -> None:
        self.attempts = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.first_content: str | None = None
        self.last_content: str | None = None
        self.keep_calls = keep_calls
        self.calls: list[CallAttempt] = []

    def record(self, response: Any) -> tuple[int, int]:
        self.attempts += 1
        usage = getattr(response, "usage", None)
        prompt = completion = 0
        if usage is not None:
            prompt = int(getattr(usage, "prompt_tokens", 0) or 0)
            completion = int(getattr(usage, "completion_tokens", 0) or 0)
            self.prompt_tokens += prompt
            self.completion_tokens += completion
        try:
            self.last_content = response.choices[0].message.content
        except (AttributeError, IndexError):
            self.last_content = None
        if self.attempts == 1:
            self.first_content = self.last_content
        return prompt, completion

    def keep(self, kwargs: dict[str, Any], response: Any, seconds: float) -> None:
        """Keep one request and its answer (after `record` counted it)."""
        prompt, completion = self.record(response) if response is not None else (0, 0)
        self.calls.append(
            CallAttempt(
                messages=[dict(m) for m in kwargs.get("messages", [])],
                params={k: kwargs[k] for k in LOGGED_PARAMS if k in kwargs},
                response=self.last_content if response is not None else None,
                prompt_tokens=prompt,
                completion_tokens=completion,
                seconds=seconds,
            )
        )

    def parse_error(self, error: Exception, **_: Any) -> None:
        """instructor's parse:error hook: the reason the last answer was re-asked."""
        if self.calls:
            self.calls[-1].error = _first_line(str(error), limit=4000)


def escape_raw_control_chars(content: str) -> str:
    """Escape raw newlines/tabs inside JSON strings.

    llama.cpp's JSON grammar lets raw control characters into strings, which strict JSON
    parsers reject; escaping them keeps the model's words instead of forcing a re-ask.
    """
    out: list[str] = []
    in_string = False
    escaped = False
    for char in content:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            elif char < " ":
                out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, " "))
                continue
        elif char == '"':
            in_string = True
        out.append(char)
    return "".join(out)


class Backend(ABC):
    """A model that fills a pydantic schema from chat messages."""

    name: str = "abstract"
    #: Largest number of requests worth running at once (1: not thread-safe, e.g. in-process).
    max_concurrency: int = 1
    #: Whether the model is strong enough to pick, type and propose items itself.
    trusted_with_entities: bool = False
    #: Whether the backend enforces the JSON schema while decoding.
    supports_schema: bool = True
    #: Whether the model computes on this machine's cores (then nothing else should).
    uses_local_cores: bool = False
    #: Whether `extract` keeps each request and answer for the call log (`Extraction.calls`).
    keep_calls: bool = False

    def __init__(self) -> None:
        self._local = threading.local()
        self._patched: Callable[..., Any] | None = None
        self._hooks: Any = None

    @property
    @abstractmethod
    def model_name(self) -> str:
        """The model's name as reports and cache keys should show it."""

    @abstractmethod
    def create(self, **kwargs: Any) -> Any:
        """One raw chat completion in the OpenAI response shape; transport retries inside."""

    def prepare(self) -> None:  # noqa: B027 - optional hook, a no-op by default
        """Get ready to answer (load a model): called once a run knows a story needs the
        model, before candidates are extracted for it, so that a model that cannot be had
        fails the run before seconds go elsewhere. Backends build nothing heavy before this
        or their first call: a run answered from the cache never needs them."""

    def close(self) -> None:  # noqa: B027 - optional hook, a no-op by default
        """Release the model or connections; safe to call twice."""

    def _instructor_create(self) -> Callable[..., Any]:
        if self._patched is None:
            import instructor

            # instructor logs every failed attempt at ERROR; re-asks are normal here and are
            # accounted in the record, so its log would only be noise on the user's terminal.
            # Set once: setLevel clears every logger's level cache, which all threads share.
            logging.getLogger("instructor").setLevel(logging.CRITICAL)
            remember_async_validator_scans()
            self._patched = instructor.patch(
                create=self._recording_create, mode=instructor.Mode.JSON_SCHEMA
            )
            self._hooks = _ledger_hooks(self._local)
        return self._patched

    def _recording_create(self, **kwargs: Any) -> Any:
        ledger: _CallLedger = self._local.ledger
        if not ledger.keep_calls:
            return self._checked(self.create(**kwargs), ledger)
        started = time.perf_counter()
        try:
            response = self.create(**kwargs)
        except Exception as exc:
            ledger.keep(kwargs, None, time.perf_counter() - started)
            ledger.calls[-1].error = f"{type(exc).__name__}: {_first_line(str(exc))}"
            raise
        seconds = time.perf_counter() - started
        self._checked(response, None)
        ledger.keep(kwargs, response, seconds)
        return response

    @staticmethod
    def _checked(response: Any, ledger: _CallLedger | None) -> Any:
        choice = response.choices[0]
        content = choice.message.content
        if isinstance(content, str):
            choice.message.content = escape_raw_control_chars(content)
        if choice.finish_reason == "length":
            # instructor gives up at once on a cut-off answer; to us it is an invalid
            # answer like any other, so let the JSON parse fail and the re-ask happen.
            choice.finish_reason = "stop"
        if ledger is not None:
            ledger.record(response)
        return response

    def extract(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        max_reasks: int,
        max_tokens: int,
        temperature: float,
    ) -> Extraction:
        """Fill `response_model`; instructor re-asks up to `max_reasks` times on invalid answers."""
        from instructor.core.exceptions import InstructorRetryException

        create = self._instructor_create()
        ledger = _CallLedger(self.keep_calls)
        self._local.ledger = ledger
        try:
            value = create(
                response_model=_instructor_model(response_model),
                messages=messages,
                max_retries=max_reasks,
                max_tokens=max_tokens,
                temperature=temperature,
                **({"hooks": self._hooks} if ledger.keep_calls else {}),
            )
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, SummariserError):
                cause.calls = ledger.calls
                raise cause from None
            if not getattr(exc, "failed_attempts", None):
                error = BackendError(f"{self.name}: {cause or exc}")
                error.calls = ledger.calls
                raise error from None
            failure = ValidationFailure(
                _first_line(str(cause or exc)),
                first_raw=ledger.first_content,
                last_raw=ledger.last_content,
                attempts=ledger.attempts,
                prompt_tokens=ledger.prompt_tokens,
                completion_tokens=ledger.completion_tokens,
            )
            failure.calls = ledger.calls
            raise failure from None
        return Extraction(
            value,
            ledger.prompt_tokens,
            ledger.completion_tokens,
            ledger.attempts,
            ledger.first_content,
            ledger.calls,
        )


def _ledger_hooks(local: threading.local) -> Any:
    """One instructor `Hooks` per backend, handing each parse error to the calling thread's
    ledger (built once: a per-call object would cost every story, logged or not)."""
    from instructor.v2.core.hooks import Hooks

    hooks = Hooks()
    hooks.on("parse:error", lambda error, **kw: local.ledger.parse_error(error, **kw))
    return hooks


@lru_cache(maxsize=32)
def _instructor_model(model: type[BaseModel]) -> type[BaseModel]:
    """`model` wrapped as instructor's response schema, once per class.

    instructor wraps a plain model on every call, which costs pydantic a model build each
    time (several ms of CPU a story, paid under the GIL when stories run in parallel).
    """
    import instructor

    wrapped: type[BaseModel] = instructor.openai_schema(model)
    return wrapped


def remember_async_validator_scans() -> None:
    """Make instructor scan each response model for async validators once, not every call.

    instructor 1.17 walks the whole model tree four times per call to refuse models with
    async validators; on our drafts that is about 1 ms of CPU a story, held under the GIL
    while other stories wait on theirs. A class passes or fails the same way every time,
    so a class that passed is remembered; one that fails is scanned (and refused) again.
    Nothing changes if instructor moves the scan: then there is nothing to wrap.
    """
    try:
        from instructor.v2.core import patch as patch_module
        from instructor.v2.validation import async_validators
    except ImportError:
        return
    scan = getattr(async_validators, "reject_async_validators", None)
    if scan is None or getattr(scan, "remembers_passes", False):
        return
    passed: set[type] = set()

    def remembering_scan(response_model: Any) -> None:
        if isinstance(response_model, type) and response_model in passed:
            return
        scan(response_model)
        if isinstance(response_model, type):
            passed.add(response_model)

    remembering_scan.remembers_passes = True  # type: ignore[attr-defined]
    async_validators.reject_async_validators = remembering_scan
    if getattr(patch_module, "reject_async_validators", None) is scan:
        patch_module.reject_async_validators = remembering_scan


_PYDANTIC_LINK_RE = re.compile(r"\s*For further information visit \S+")


def _first_line(text: str, limit: int = 300) -> str:
    line = " ".join(_PYDANTIC_LINK_RE.sub("", text).split())
    return line[:limit]


def parse_json_object(raw: str | None) -> dict[str, Any] | None:
    """Best-effort parse of a model's last answer, for lenient salvage after re-asks.

    An answer cut off at the token limit keeps its complete fields: the string it was cut
    in is dropped, the arrays and objects it left open are closed.
    """
    if not raw:
        return None
    try:
        data = pydantic_core.from_json(escape_raw_control_chars(raw), allow_partial=True)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
