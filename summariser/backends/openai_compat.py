"""Any OpenAI-compatible endpoint: OpenAI, vLLM, Ollama, llama.cpp's server.

Transport errors are retried here, and only here: connection failures, timeouts, HTTP 408,
409, 429 and 5xx, and bodies that are not the JSON they claim to be. Waits follow the
server's Retry-After when it sends one, else jittered exponential backoff; the whole story,
retries and waits included, stays within the transport budget (`SUMMARISER_TRANSPORT_BUDGET`),
and no single request outlives what is left of it. When the endpoint cannot be connected to
at all, or refuses the API key, the rest of the run fails fast instead of paying the budget
again for every story.

Validation errors are not handled here: instructor re-asks them in `Backend.extract`. An
answer cut off at the token limit is handed on with its finish reason, and `Backend` asks
again with a larger limit (see `Backend._recording_create`).

The API key never appears in a message: every error text is redacted of it and of any
credentials in the URL, and the URL is shown without its password or query values
(instructor's own logging, which prints raw errors, is muted in base).
"""

from __future__ import annotations

import ipaddress
import json
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from ..config import Config
from ..errors import ConfigError, TransportError
from ..names import safe_url, url_secrets
from .base import Backend
from .http_errors import (
    AUTH_STATUSES,
    BadResponseBody,
    cap_body,
    connect_failure,
    innermost_detail,
    is_transient,
    rejects_format,
    retry_after,
    server_words,
    short,
    too_large,
)
from .request_body import as_extra_body, misses_schema, with_schema_hint

if TYPE_CHECKING:
    import openai
    from tenacity import RetryCallState, Retrying

OPENAI_URL = "https://api.openai.com/v1"
MIN_REQUEST_TIMEOUT = 1.0


def redact(text: str, secret: str | None) -> str:
    return text.replace(secret, "***") if secret else text


#: Stories in flight at once on a remote server, unless --concurrency says otherwise.
REMOTE_CONCURRENCY = 4


def default_concurrency(base_url: str) -> int:
    """One story at a time for a server on this machine, else `REMOTE_CONCURRENCY`.

    A server on this machine (llama.cpp's, Ollama) computes on the cores this run shares with
    it and answers one request at a time: stories sent together only queue there, and a
    story's re-ask or larger-limit retry then follows other stories' prompts instead of its
    own, so the server evaluates the story's prompt again instead of reusing it. A server
    here that does batch requests (vLLM on a GPU) is given --concurrency explicitly.
    """
    try:
        host = urlsplit(base_url).hostname or ""
    except ValueError:
        return REMOTE_CONCURRENCY
    if host == "localhost":
        return 1
    try:
        return 1 if ipaddress.ip_address(host).is_loopback else REMOTE_CONCURRENCY
    except ValueError:
        return REMOTE_CONCURRENCY


class _Attempts:
    """The retry policy of one logical request: attempts, a time budget, server waits."""

    def __init__(self, config: Config, closed: threading.Event) -> None:
        self.closed = closed
        self.max_attempts = max(1, config.transport_attempts)
        self.budget = max(0.0, config.transport_budget)
        self.timeout = config.timeout
        self.started = time.monotonic()
        self.last_timeout = config.timeout
        from tenacity.wait import wait_random_exponential

        self._backoff = wait_random_exponential(multiplier=0.5, max=20)

    def remaining(self) -> float:
        return self.budget - (time.monotonic() - self.started)

    def request_timeout(self) -> float:
        """This attempt's timeout: the configured one, cut to what is left of the budget."""
        self.last_timeout = max(MIN_REQUEST_TIMEOUT, min(self.timeout, self.remaining()))
        return self.last_timeout

    def wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc)
        pause = asked if asked is not None else float(self._backoff(state))
        return max(0.0, min(pause, self.remaining()))

    def stop(self, state: RetryCallState) -> bool:
        if (
            state.attempt_number >= self.max_attempts
            or self.remaining() <= 0
            or self.closed.is_set()
        ):
            return True
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc)
        # The server will not be ready before the budget runs out: waiting is pointless.
        return asked is not None and asked > self.remaining()


class OpenAICompatBackend(Backend):
    name = "openai"
    trusted_with_entities = True

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        base_url = config.base_url or OPENAI_URL
        key = config.api_key
        if key is None:
            if base_url.startswith(OPENAI_URL):
                raise ConfigError(
                    "OPENAI_API_KEY is not set: export it, or pass --base-url for a local server"
                )
            key = "no-key"  # local servers accept any key; the client insists on one
        self._secret = config.api_key
        self._url = safe_url(base_url)
        self._url_secrets = url_secrets(base_url)
        self.max_concurrency = max(1, config.concurrency or default_concurrency(base_url))
        self._base_url, self._key = base_url, key
        self._built_client: openai.OpenAI | None = None
        self._client_lock = threading.Lock()
        self._model = config.model
        self._format = config.response_format
        self._format_lock = threading.Lock()
        # Whether json_object requests carry the schema in words too. Not at first: a server
        # of the llama.cpp family builds its grammar from the schema sent beside json_object,
        # and the words would only cost every story's prompt (measured behind
        # llama_cpp.server: 155 tokens a story, most not reused, since the schema's offered
        # sentence numbers differ by story; 1.5x the embedded seconds). Set for the rest of
        # the run by the first answer that does not have the schema's shape.
        self._schema_in_words = False
        self._model_lock = threading.Lock()
        self._down: str | None = None  # why the endpoint is given up on for this run
        self._closed = threading.Event()  # set by close(): retries stop, waits end at once
        self.last_latency = 0.0

    @property
    def _client(self) -> openai.OpenAI:
        """The client, built on first use: importing `openai` costs a few hundred ms, which
        a run whose stories are all cached (under a named --model) never needs."""
        if self._built_client is None:
            with self._client_lock:
                if self._built_client is None:
                    import openai

                    self._built_client = openai.OpenAI(
                        base_url=self._base_url,
                        api_key=self._key,
                        timeout=self.config.timeout,
                        max_retries=0,
                        # Our own HTTP client, so a body over the cap is refused as it is
                        # read instead of filling memory.
                        http_client=openai.DefaultHttpx2Client(
                            timeout=self.config.timeout, event_hooks={"response": [cap_body]}
                        ),
                    )
        return self._built_client

    # ----------------------------------------------------------------- naming

    @property
    def model_name(self) -> str:
        if self._model is None:
            with self._model_lock:
                if self._model is None:
                    self._model = self._discover_model()
        return self._model

    def _discover_model(self) -> str:
        """Servers that host one model (llama.cpp, vLLM) name it at /models."""
        page = self._call(lambda timeout: self._client.models.list(timeout=timeout))
        models = list(getattr(page, "data", None) or [])
        if not models:
            raise ConfigError("the server lists no models: pass --model NAME")
        return str(models[0].id)

    # ----------------------------------------------------------------- transport

    def _safe(self, text: str) -> str:
        text = redact(text, self._secret)
        for secret in self._url_secrets:
            text = redact(text, secret)
        return text

    def _call(self, request: Callable[[float], Any]) -> Any:
        """`request(timeout)` with transport retries; a TransportError when they are spent."""
        import openai
        from tenacity import Retrying, retry_if_exception

        if self._down is not None:
            raise TransportError(self._down)
        if self._closed.is_set():
            raise TransportError("the run is over (Ctrl-C?): no more requests")
        policy = _Attempts(self.config, self._closed)
        retrying = Retrying(
            retry=retry_if_exception(is_transient),
            wait=policy.wait,
            stop=policy.stop,
            sleep=self._pause,
            reraise=True,
        )
        try:
            return retrying(lambda: request(policy.request_timeout()))
        except openai.APIStatusError as exc:
            message = self._status_message(exc, retrying)
            if exc.status_code in AUTH_STATUSES:
                self._down = message
            raise TransportError(message) from None
        except openai.APITimeoutError:
            raise TransportError(
                self._safe(
                    f"no answer from {self._url} within {policy.last_timeout:.3g} s"
                    f"{_tries(retrying)}; raise --timeout or SUMMARISER_TRANSPORT_BUDGET"
                )
            ) from None
        except openai.APIConnectionError as exc:
            large = too_large(exc)
            if large is not None:
                raise TransportError(
                    self._safe(f"{self._url} sent {large}; refused, not read")
                ) from None
            failure = connect_failure(exc)
            if failure is not None:
                message = self._safe(
                    f"cannot reach {self._url}: {failure}{_tries(retrying)}; "
                    "is the server running? (check --base-url)"
                )
                self._down = message
                raise TransportError(message) from None
            detail = innermost_detail(exc)
            raise TransportError(
                self._safe(
                    f"cannot reach {self._url}: connection failed ({detail}){_tries(retrying)}"
                )
            ) from None
        except BadResponseBody as exc:
            raise TransportError(
                self._safe(f"{self._url} sent a broken response ({exc}){_tries(retrying)}")
            ) from None
        except openai.APIError as exc:
            raise TransportError(self._safe(f"{self._url}: {short(str(exc))}")) from None

    def _pause(self, seconds: float) -> None:
        """Sleep between retries; close() ends the sleep at once."""
        self._closed.wait(seconds)

    def _status_message(self, exc: Any, retrying: Retrying) -> str:
        detail = server_words(exc)
        status = exc.status_code
        if status in AUTH_STATUSES:
            return self._safe(
                f"the server refused the API key (HTTP {status}: {detail}); check OPENAI_API_KEY"
            )
        return self._safe(f"server answered HTTP {status}: {detail}{_tries(retrying)}")

    # ----------------------------------------------------------------- requests

    def create(self, **kwargs: Any) -> Any:
        kwargs["model"] = self.model_name
        requested = kwargs.pop("response_format", None)
        # An answer cut off at the token limit keeps its finish reason: `Backend` retries it.
        return self._call(lambda timeout: self._attempt(kwargs, requested, timeout))

    def _attempt(self, kwargs: dict[str, Any], requested: Any, timeout: float) -> Any:
        form = self._format
        if form == "auto":
            return self._probe_format(kwargs, requested, timeout)
        return self._send(kwargs, requested, form, timeout)

    def _probe_format(self, kwargs: dict[str, Any], requested: Any, timeout: float) -> Any:
        """Ask with json_schema; a server that rejects it gets json_object with the schema
        for the rest of the run. Any other failure propagates and is retried as usual.

        Every request sent before the first answer probes, in parallel: holding the others
        back behind one probe would cost every story in flight a whole answer's wait, while
        a refusal comes back at once, before any generation.
        """
        import openai

        try:
            response = self._send(kwargs, requested, "json_schema", timeout)
        except openai.APIStatusError as exc:
            if not rejects_format(exc):
                raise
            self._settle_format("json_object")
            return self._send(kwargs, requested, "json_object", timeout)
        self._settle_format("json_schema")
        return response

    def _settle_format(self, form: Literal["json_schema", "json_object"]) -> None:
        """The first probe to learn the answer decides for the run."""
        with self._format_lock:
            if self._format == "auto":
                self._format = form

    def _send(self, kwargs: dict[str, Any], requested: Any, form: str, timeout: float) -> Any:
        import openai

        body = dict(kwargs)
        response_format = requested
        schema: Any = None
        in_words = self._schema_in_words
        asked_schema = isinstance(requested, dict) and requested.get("type") == "json_schema"
        if asked_schema and form != "json_schema":
            schema = requested.get("json_schema", {}).get("schema")
            response_format = {"type": "json_object", "schema": schema}
            if in_words:
                body["messages"] = with_schema_hint(body["messages"], schema)
        if response_format is not None:
            body["response_format"] = response_format
        started = time.monotonic()
        try:
            response = self._client.chat.completions.create(**as_extra_body(body), timeout=timeout)
        except (json.JSONDecodeError, openai.APIResponseValidationError) as exc:
            raise BadResponseBody("its body is not a chat completion") from exc
        self.last_latency = time.monotonic() - started
        choices = getattr(response, "choices", None)
        if not choices or getattr(choices[0], "message", None) is None:
            raise BadResponseBody("a chat completion without a message")
        if schema is not None and not in_words and misses_schema(choices[0], schema):
            # The server took json_object but not its schema: from now on, and for this
            # request again, the schema goes into the prompt in words.
            self._schema_in_words = True
            return self._send(kwargs, requested, form, timeout)
        return response

    def close(self) -> None:
        """End the run's requests: retries and waits in other threads stop at once."""
        self._closed.set()
        if self._built_client is not None:
            self._built_client.close()


def _tries(retrying: Retrying) -> str:
    attempts = int(retrying.statistics.get("attempt_number", 1) or 1)
    seconds = float(retrying.statistics.get("delay_since_first_attempt", 0.0) or 0.0)
    return f" (after {attempts} attempts over {seconds:.1f} s)" if attempts > 1 else ""
