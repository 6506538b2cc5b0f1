"""A stand-in OpenAI-compatible server: valid, grounded completions after a fixed delay.

Stdlib only (`http.server.ThreadingHTTPServer`), bound to 127.0.0.1 on a free port. Each
request sleeps `delay` seconds on its own thread, then answers a chat completion whose
content is a story draft copied from the prompt (see `bench.answers`), so the pipeline's
wall time against `stories * delay / concurrency` shows how well it overlaps requests.

`GET /stats` (`/stats/reset` to zero them) reports requests served and the most in flight at
once; a base URL of `http://127.0.0.1:PORT/delay/0/v1` overrides the delay per request.

Run it on its own (the benchmark does, so that the server does not share the client's GIL):

    python -m bench.delay_server --delay 0.2     # prints "PORT <n>", serves until killed
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench.answers import draft
from summariser.backends.fake import completion_body

MODEL_ID = "delay-model"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default backlog of 5 drops connections under a burst
    allow_reuse_address = True

    def __init__(self, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.delay = delay
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._count_lock = threading.Lock()

    def enter(self) -> None:
        with self._count_lock:
            self.requests += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._count_lock:
            self.in_flight -= 1

    def stats(self, reset: bool = False) -> dict[str, int]:
        with self._count_lock:
            data = {"requests": self.requests, "max_in_flight": self.max_in_flight}
            if reset:
                self.requests = 0
                self.max_in_flight = self.in_flight
        return data


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the client reuses its pooled connections
    # The headers and the body go out as two writes; with Nagle's algorithm on, the body
    # waits for the client's delayed ACK of the headers (40 ms on Linux), a stall a real
    # server does not add, which was measured here as client overhead.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _delay(self) -> float:
        """`/delay/<seconds>/v1/...` overrides the server's delay for one request."""
        parts = self.path.split("/")
        if len(parts) > 2 and parts[1] == "delay":
            try:
                return max(0.0, float(parts[2]))
            except ValueError:
                pass
        return self.server.delay

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path.startswith("/stats"):
            self._send(200, self.server.stats(reset=self.path.rstrip("/").endswith("/reset")))
        elif self.path.rstrip("/").endswith("/models"):
            self._send(
                200,
                {
                    "object": "list",
                    "data": [{"id": MODEL_ID, "object": "model", "owned_by": "bench"}],
                },
            )
        else:
            self._send(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            self._send(400, {"error": {"message": "body is not JSON"}})
            return
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(404, {"error": {"message": f"no route {self.path}"}})
            return
        self.server.enter()
        try:
            time.sleep(self._delay())
            self._send(200, completion(request))
        finally:
            self.server.leave()


def completion(request: dict[str, Any]) -> dict[str, Any]:
    """An OpenAI chat completion answering `request` with a grounded draft."""
    messages = request.get("messages") or []
    content = json.dumps(draft(messages), ensure_ascii=False)
    prompt_chars = sum(len(str(m.get("content", ""))) for m in messages)
    prompt_tokens, completion_tokens = max(1, prompt_chars // 4), max(1, len(content) // 4)
    return completion_body(
        content,
        prompt_tokens,
        completion_tokens,
        model=request.get("model") or MODEL_ID,
        ident="chatcmpl-bench",
        created=int(time.time()),
    )


@contextmanager
def serve(delay: float) -> Iterator[_Server]:
    """The server on a background thread of this process; `server.server_address[1]` is its port."""
    server = _Server(delay)
    thread = threading.Thread(target=server.serve_forever, name="delay-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def base_url(server: _Server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/v1"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--delay", type=float, default=0.2, help="seconds before each answer")
    args = parser.parse_args(argv)
    server = _Server(args.delay)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
