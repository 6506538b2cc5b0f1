"""Any OpenAI-compatible endpoint: OpenAI, vLLM, Ollama, llama.cpp's server.

Transport errors (connection, timeout, 429, 5xx) are retried here with tenacity: jittered
exponential backoff, Retry-After honoured, a total time budget. Validation errors are not
handled here: instructor re-asks them in `Backend.extract`.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_after_delay
from tenacity.wait import wait_random_exponential

from ..config import Config
from ..errors import ConfigError, TransportError
from .base import Backend

OPENAI_URL = "https://api.openai.com/v1"
MAX_RETRY_AFTER = 60.0


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APIConnectionError, openai.APITimeoutError, openai.RateLimitError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def _retry_after(exc: BaseException | None) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    value = headers.get("retry-after")
    try:
        return min(float(value), MAX_RETRY_AFTER) if value is not None else None
    except ValueError:
        return None


class _WaitRetryAfter:
    """Wait what the server asked for (Retry-After), else jittered exponential backoff."""

    def __init__(self) -> None:
        self._fallback = wait_random_exponential(multiplier=0.5, max=20)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = _retry_after(exc)
        return asked if asked is not None else float(self._fallback(state))


def redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


class OpenAICompatBackend(Backend):
    name = "openai"
    trusted_with_entities = True

    def __init__(self, config: Config) -> None:
        super().__init__()
        import openai

        self.config = config
        base_url = config.base_url or OPENAI_URL
        key = config.api_key
        if key is None:
            if base_url.startswith(OPENAI_URL):
                raise ConfigError("OPENAI_API_KEY is not set: export it, or pass --base-url for a local server")
            key = "no-key"  # local servers accept any key; the client insists on one
        self._secret = config.api_key
        self.max_concurrency = max(1, config.concurrency)
        self._client = openai.OpenAI(
            base_url=base_url, api_key=key, timeout=config.timeout, max_retries=0
        )
        self._model = config.model
        self._format = config.response_format
        self._format_lock = threading.Lock()

    @property
    def model_name(self) -> str:
        if self._model is None:
            self._model = self._discover_model()
        return self._model

    def _discover_model(self) -> str:
        """Servers that host one model (llama.cpp, vLLM) name it at /models."""
        try:
            models = list(self._call(lambda: self._client.models.list()))
        except TransportError:
            raise
        if not models:
            raise ConfigError("the server lists no models: pass --model NAME")
        return str(models[0].id)

    def _call(self, request: Any) -> Any:
        import openai

        retrying = Retrying(
            retry=retry_if_exception(_is_transient),
            wait=_WaitRetryAfter(),
            stop=stop_after_attempt(self.config.transport_attempts)
            | stop_after_delay(self.config.transport_budget),
            reraise=True,
        )
        try:
            return retrying(request)
        except openai.APIStatusError as exc:
            raise TransportError(
                redact(f"server answered HTTP {exc.status_code}: {_short(exc.message)}", self._secret)
            ) from None
        except openai.APIError as exc:
            raise TransportError(
                redact(f"cannot reach {self._client.base_url}: {_short(str(exc))}", self._secret)
            ) from None

    def create(self, **kwargs: Any) -> Any:
        import openai

        kwargs["model"] = self.model_name
        requested = kwargs.pop("response_format", None)
        if self._format == "auto":
            with self._format_lock:
                if self._format == "auto":
                    try:
                        response = self._call(lambda: self._send(kwargs, requested, "json_schema"))
                        self._format = "json_schema"
                        return response
                    except TransportError:
                        # llama.cpp's server answers json_schema with HTTP 500; try the form
                        # every compatible server knows before giving up.
                        self._format = "json_object"
        try:
            return self._call(lambda: self._send(kwargs, requested, self._format))
        except openai.APIError as exc:  # pragma: no cover - _call maps these
            raise TransportError(redact(str(exc), self._secret)) from None

    def _send(self, kwargs: dict[str, Any], requested: Any, form: str) -> Any:
        body = dict(kwargs)
        if isinstance(requested, dict) and requested.get("type") == "json_schema":
            schema = requested.get("json_schema", {}).get("schema")
            if form == "json_schema":
                body["response_format"] = requested
            else:
                body["response_format"] = {"type": "json_object", "schema": schema}
                body["messages"] = _with_schema_hint(body["messages"], schema)
        elif requested is not None:
            body["response_format"] = requested
        started = time.monotonic()
        response = self._client.chat.completions.create(**body)
        self.last_latency = time.monotonic() - started
        return response

    def close(self) -> None:
        self._client.close()


def _with_schema_hint(messages: list[dict[str, Any]], schema: Any) -> list[dict[str, Any]]:
    """Servers that only know json_object need the schema in words."""
    hint = "Answer with one JSON object that matches this JSON Schema:\n" + json.dumps(schema)
    out = [dict(m) for m in messages]
    if out and out[0].get("role") == "system":
        out[0]["content"] = f"{out[0]['content']}\n\n{hint}"
    else:
        out.insert(0, {"role": "system", "content": hint})
    return out


def _short(text: str, limit: int = 200) -> str:
    line = " ".join(str(text).split())
    return line[:limit]
