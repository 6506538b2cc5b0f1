"""What the test servers share: a threaded HTTP server on 127.0.0.1 that records every
request and applies scripted faults before (or instead of) producing its answer.

A subclass supplies `answer()`: the fake model answers itself, the proxy asks its upstream.
Faults apply to chat-completion requests only (model discovery passes), taken in order from
a queue, or by rule for every request whose body contains a marker (one story's text).
Everything is bounded: the server listens on loopback only, stops when its `with` block
ends, and a watchdog stops it after `max_seconds` or `max_requests` whatever happens.
"""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

CHAT_PATH = "/chat/completions"
_Server = TypeVar("_Server", bound="LoopbackServer")


# --------------------------------------------------------------------------- faults


@dataclass(frozen=True)
class Fault:
    """One scripted misbehaviour. Build them with the class methods."""

    kind: str
    status: int = 0
    retry_after: float | None = None
    seconds: float = 0.0
    finish_reason: str = "stop"
    message: str = ""

    @classmethod
    def refuse(cls) -> Fault:
        """Reset the connection at once, without reading on or answering."""
        return cls("refuse")

    @classmethod
    def hang(cls, seconds: float) -> Fault:
        """Say nothing for `seconds` (past the client's timeout), then drop the connection."""
        return cls("hang", seconds=seconds)

    @classmethod
    def slow(cls, seconds: float) -> Fault:
        """Wait `seconds`, then answer normally."""
        return cls("slow", seconds=seconds)

    @classmethod
    def http(cls, status: int, retry_after: float | None = None, message: str = "") -> Fault:
        """An HTTP error answer (429, 500, 503, ...) with an OpenAI-shaped error body."""
        return cls("http", status=status, retry_after=retry_after, message=message)

    @classmethod
    def truncated_body(cls) -> Fault:
        """The real answer's HTTP body cut in half under a full Content-Length (a dropped link)."""
        return cls("truncated_body")

    @classmethod
    def malformed_body(cls) -> Fault:
        """HTTP 200, JSON content type, a body that is not JSON (a broken gateway)."""
        return cls("malformed_body")

    @classmethod
    def truncated_answer(cls, finish_reason: str = "length") -> Fault:
        """The model's answer (message content) cut in half, as when max_tokens runs out."""
        return cls("truncated_answer", finish_reason=finish_reason)

    @classmethod
    def malformed_answer(cls) -> Fault:
        """The model's answer is not JSON at all."""
        return cls("malformed_answer")

    @classmethod
    def schema_violation(cls) -> Fault:
        """The model's answer is valid JSON with the wrong fields."""
        return cls("schema_violation")


@dataclass
class Rule:
    marker: str
    fault: Fault
    times: int | None  # None: every matching request


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    fault: str | None
    at: float

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    @property
    def story(self) -> str:
        """The story text of a chat request (between <<< and >>>), or ''."""
        return story_of(self.json() or {})


def story_of(request: dict[str, Any]) -> str:
    for message in request.get("messages", []):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str) and "<<<\n" in content:
            return content.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
    return ""


class FaultPlan:
    """Which fault the next chat request gets; thread-safe."""

    def __init__(self, *faults: Fault, die_after: int | None = None) -> None:
        self._queue: deque[Fault] = deque(faults)
        self._rules: list[Rule] = []
        self._lock = threading.Lock()
        #: Stop listening after this many chat requests have been answered.
        self.die_after = die_after

    def queue(self, *faults: Fault) -> FaultPlan:
        with self._lock:
            self._queue.extend(faults)
        return self

    def when(self, marker: str, fault: Fault, times: int | None = None) -> FaultPlan:
        """`fault` for requests whose body contains `marker` (`times` times; None: always)."""
        with self._lock:
            self._rules.append(Rule(marker, fault, times))
        return self

    def clear(self) -> None:
        with self._lock:
            self._queue.clear()
            self._rules.clear()
            self.die_after = None

    def take(self, body: bytes) -> Fault | None:
        text = body.decode("utf-8", "replace")
        with self._lock:
            for rule in self._rules:
                if rule.marker in text and (rule.times is None or rule.times > 0):
                    if rule.times is not None:
                        rule.times -= 1
                    return rule.fault
            return self._queue.popleft() if self._queue else None


# --------------------------------------------------------------------------- the server


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, status: int, data: Any, **headers: str) -> Reply:
        return cls(
            status,
            json.dumps(data).encode("utf-8"),
            {"Content-Type": "application/json", **headers},
        )


def error_reply(status: int, message: str, retry_after: float | None = None) -> Reply:
    headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
    kind = {429: "rate_limit_exceeded", 401: "invalid_api_key"}.get(status, "server_error")
    return Reply.json(
        status,
        {"error": {"message": message or f"injected HTTP {status}", "type": kind, "code": kind}},
        **headers,
    )


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid-answer is expected here, not a test failure


class _Handler(BaseHTTPRequestHandler):
    owner: LoopbackServer
    protocol_version = "HTTP/1.0"  # one request per connection: faults cannot leak across

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._handle()

    def do_POST(self) -> None:  # noqa: N802
        self._handle()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        # A client that gave up (its timeout) needs no answer.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.owner._serve(self, body)


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1:<free port> with a fault plan."""

    def __init__(
        self, plan: FaultPlan | None = None, *, max_seconds: float = 900.0, max_requests: int = 5000
    ) -> None:
        self.plan = plan or FaultPlan()
        self.requests: list[RecordedRequest] = []
        self.max_seconds = max_seconds
        self.max_requests = max_requests
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._dead = False
        self._answered_chats = 0
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._watchdog: threading.Timer | None = None
        self.port = 0

    # ----------------------------------------------------------------- lifecycle

    def start(self: _Server) -> _Server:
        handler = type("Handler", (_Handler,), {"owner": self})
        httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._httpd = httpd
        self.port = int(httpd.server_address[1])
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"{type(self).__name__}:{self.port}",
            daemon=True,
        )
        self._thread.start()
        self._watchdog = threading.Timer(self.max_seconds, self.stop)
        self._watchdog.daemon = True
        self._watchdog.start()
        return self

    def stop(self) -> None:
        """Stop listening and wake every waiting handler; safe to call twice."""
        self._stopping.set()
        with self._lock:
            httpd, self._httpd = self._httpd, None
            self._dead = True
        if self._watchdog is not None and self._watchdog is not threading.current_thread():
            self._watchdog.cancel()
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()

    def die(self) -> None:
        """Stop listening from inside a handler (a server that dies mid-run)."""
        with self._lock:
            self._dead = True
        threading.Thread(target=self.stop, daemon=True).start()

    def __enter__(self: _Server) -> _Server:
        return self.start() if self._httpd is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith(CHAT_PATH)]

    def wait_for_chats(self, count: int, timeout: float = 60.0) -> bool:
        """Block until `count` chat requests have arrived (or `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.chat_requests) >= count:
                return True
            time.sleep(0.02)
        return False

    # ----------------------------------------------------------------- answering

    def answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        raise NotImplementedError

    def _serve(self, handler: _Handler, body: bytes) -> None:
        headers = {k.lower(): v for k, v in handler.headers.items()}  # names are case-blind
        is_chat = handler.path.split("?", 1)[0].endswith(CHAT_PATH)
        with self._lock:
            dead = self._dead or len(self.requests) >= self.max_requests
        if dead:
            _reset(handler)
            return
        fault = self.plan.take(body) if is_chat else None
        with self._lock:
            self.requests.append(
                RecordedRequest(
                    handler.command,
                    handler.path,
                    headers,
                    body,
                    fault.kind if fault else None,
                    time.time(),
                )
            )
        try:
            self._apply(handler, fault, headers, body)
        finally:
            if is_chat:
                with self._lock:
                    self._answered_chats += 1
                    due = (
                        self.plan.die_after is not None
                        and self._answered_chats >= self.plan.die_after
                    )
                if due:
                    self.die()

    def _apply(
        self, handler: _Handler, fault: Fault | None, headers: dict[str, str], body: bytes
    ) -> None:
        method, path = handler.command, handler.path
        if fault is None:
            _send(handler, self.answer(method, path, headers, body))
        elif fault.kind == "refuse":
            _reset(handler)
        elif fault.kind == "hang":
            self._stopping.wait(fault.seconds)
            _reset(handler)
        elif fault.kind == "slow":
            self._stopping.wait(fault.seconds)
            _send(handler, self.answer(method, path, headers, body))
        elif fault.kind == "http":
            _send(handler, error_reply(fault.status, fault.message, fault.retry_after))
        elif fault.kind == "truncated_body":
            _send(handler, self.answer(method, path, headers, body), cut=True)
        elif fault.kind == "malformed_body":
            _send(
                handler,
                Reply(
                    200,
                    b'{"id": "chatcmpl-x", "choices": [{"index": 0, "mess',
                    {"Content-Type": "application/json"},
                ),
            )
        else:
            _send(handler, _rewrite_answer(self.answer(method, path, headers, body), fault))


def _rewrite_answer(reply: Reply, fault: Fault) -> Reply:
    """The same completion with its message content spoiled the way `fault` says."""
    if reply.status != 200:
        return reply
    data = json.loads(reply.body)
    choice = data["choices"][0]
    content = choice["message"]["content"] or ""
    if fault.kind == "truncated_answer":
        choice["message"]["content"] = content[: max(1, len(content) // 2)]
        choice["finish_reason"] = fault.finish_reason
    elif fault.kind == "malformed_answer":
        choice["message"]["content"] = (
            "Sure! Here is the summary: {headline: 'Floods', summary: oops"
        )
    elif fault.kind == "schema_violation":
        choice["message"]["content"] = json.dumps(
            {"title": "Floods", "text": "Something happened.", "key_points": "not a list"}
        )
    else:
        raise ValueError(f"unknown fault kind {fault.kind!r}")
    return Reply.json(200, data)


def _send(handler: _Handler, reply: Reply, cut: bool = False) -> None:
    handler.send_response(reply.status)
    for name, value in reply.headers.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(reply.body)))
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.wfile.write(reply.body[: len(reply.body) // 2] if cut else reply.body)
    handler.wfile.flush()
    if cut:
        _reset(handler)


def _reset(handler: _Handler) -> None:
    """Drop the connection with a TCP reset (SO_LINGER 0), as a crashed server would."""
    handler.close_connection = True
    try:
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
    except OSError:
        pass
