"""What an HTTP exchange with an OpenAI-compatible server went wrong with, read from the
SDK's exceptions: whether to retry it, how long the server asked us to wait, whether no
connection was made at all, whether the server refused a response format, and the server's
own words for the one-line error. Also the cap on a response body, so that a runaway server
cannot fill memory.

Kept apart from the transport (openai_compat.py), which decides what to do with each answer.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

MAX_RETRY_AFTER = 60.0
RETRIED_STATUSES = frozenset({408, 409, 429})
AUTH_STATUSES = frozenset({401, 403})
# Statuses with which servers refuse a response_format they do not know. 4xx always means
# "not like that"; 404/500/501 only count when the message names the format (llama.cpp's
# server answers json_schema with a 500 whose message says response_format).
FORMAT_CLIENT_ERRORS = frozenset({400, 415, 422})
FORMAT_SERVER_ERRORS = frozenset({404, 500, 501})
FORMAT_WORDS = ("response_format", "json_schema", "json schema")


MAX_BODY_BYTES = 8 * 1024 * 1024
#: How much of a server's own error text is shown in the one-line error.
MAX_DETAIL = 200


class ResponseTooLarge(Exception):
    """The server's answer is over MAX_BODY_BYTES: refused before it is read whole (not
    retried: a server that sends this once will again)."""


@functools.cache
def _capped_stream_class() -> type:
    """A response body stream that stops at a cap instead of filling memory (a subclass of
    the HTTP library's sync stream, which it checks for; built once, on first use)."""
    import httpx2

    class CappedStream(httpx2.SyncByteStream):
        def __init__(self, stream: Any, cap: int) -> None:
            self._stream = stream
            self._cap = cap

        def __iter__(self) -> Any:
            seen = 0
            for chunk in self._stream:
                seen += len(chunk)
                if seen > self._cap:
                    raise ResponseTooLarge(f"a response over {self._cap // 1_048_576} MB")
                yield chunk

        def close(self) -> None:
            self._stream.close()

    return CappedStream


def cap_body(response: Any) -> None:
    """HTTP response hook: runs once the headers are in, before the body is read."""
    length = response.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
        response.close()
        raise ResponseTooLarge(f"a response over {MAX_BODY_BYTES // 1_048_576} MB")
    response.stream = _capped_stream_class()(response.stream, MAX_BODY_BYTES)


class BadResponseBody(Exception):
    """The server answered 200 with a body that is not a chat completion (retried)."""


def too_large(exc: BaseException) -> ResponseTooLarge | None:
    current: BaseException | None = exc
    while current is not None:
        if isinstance(current, ResponseTooLarge):
            return current
        current = current.__cause__ or current.__context__
    return None


def is_transient(exc: BaseException) -> bool:
    import openai

    if too_large(exc) is not None:
        return False
    if isinstance(exc, (BadResponseBody, openai.APIConnectionError, openai.RateLimitError)):
        return True  # APITimeoutError is an APIConnectionError
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code >= 500 or exc.status_code in RETRIED_STATUSES
    return False


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (Retry-After, or the retry-after-ms extension)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    try:
        if headers.get("retry-after-ms") is not None:
            return max(0.0, min(float(headers["retry-after-ms"]) / 1000, MAX_RETRY_AFTER))
        value = headers.get("retry-after")
        return max(0.0, min(float(value), MAX_RETRY_AFTER)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff


_NO_CONNECTION_ERRNOS = frozenset({111, 113, 10061})  # ECONNREFUSED, EHOSTUNREACH, WSAECONNREFUSED


def connect_failure(exc: BaseException) -> str | None:
    """Why no TCP connection could be opened at all (refused, no route, unknown host), or
    None when the failure came later (a reset, a timeout, a cut answer)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _NO_CONNECTION_ERRNOS:
            return _plain_os_error(current)
        if type(current).__name__ == "ConnectError":  # httpx's (or httpx2's) connect failure
            text = str(current)
            if "Errno 111" in text or "Errno 10061" in text:
                return "connection refused"
            return _plain_os_error(current)
        current = current.__cause__ or current.__context__
    return None


def _plain_os_error(exc: BaseException) -> str:
    """'[Errno 111] Connection refused' -> 'connection refused'."""
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", str(exc)).strip() or type(exc).__name__
    return short(text[:1].lower() + text[1:], 120)


def server_words(exc: Any) -> str:
    """What the server said about its error, as one short line: the `message` (or `error`)
    of a JSON body, the text of an HTML error page, or the body's own text."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        body = body.get("message") or body.get("error") or body.get("detail") or body
    if body is None or body == "":
        response = getattr(exc, "response", None)
        body = f"HTTP {getattr(response, 'reason_phrase', '') or exc.status_code}"
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    if "<" in text and ">" in text:
        from bs4 import BeautifulSoup

        page = BeautifulSoup(text[: 64 * 1024], "html.parser")
        for hidden in page(["head", "script", "style"]):
            hidden.decompose()
        text = page.get_text(" ")
    line = short(text, MAX_DETAIL)
    return line if len(" ".join(text.split())) <= MAX_DETAIL else line + "..."


def rejects_format(exc: Any) -> bool:
    status = exc.status_code
    if status in FORMAT_CLIENT_ERRORS:
        return True
    if status in FORMAT_SERVER_ERRORS:
        text = f"{getattr(exc, 'message', '')} {getattr(exc, 'body', '')}".lower()
        return any(word in text for word in FORMAT_WORDS)
    return False


def innermost_detail(exc: BaseException) -> str:
    """The innermost cause's words, e.g. 'Server disconnected without sending a response.'"""
    current: BaseException = exc
    while current.__cause__ is not None:
        current = current.__cause__
    return short(str(current) or type(current).__name__, 120)


def short(text: str, limit: int = 200) -> str:
    line = " ".join(str(text).split())
    return line[:limit]
