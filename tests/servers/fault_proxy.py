"""A real fault-injecting HTTP proxy on 127.0.0.1 in front of any OpenAI-compatible upstream
(the fake server, or a real `llama_cpp.server`).

Requests pass through unchanged unless the `FaultPlan` says otherwise; it can refuse the
connection, hang past the client's timeout, answer 429 (Retry-After) or 5xx, cut the HTTP
body, send a body that is not JSON, spoil the model's answer (truncated, malformed, wrong
fields), and die after N chat requests (stop listening: later connections are refused).

    with FakeOpenAIServer() as upstream, FaultProxy(upstream.base_url,
            FaultPlan(Fault.http(503))) as proxy:
        run_cli(..., "--base-url", proxy.base_url)
        assert [r.fault for r in proxy.chat_requests][:1] == ["http"]
"""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

from .common import Fault, FaultPlan, LoopbackServer, Reply, error_reply

__all__ = ["Fault", "FaultPlan", "FaultProxy"]

_PASSED_REQUEST_HEADERS = ("content-type", "authorization", "accept")
_PASSED_REPLY_HEADERS = ("content-type", "retry-after")


class FaultProxy(LoopbackServer):
    def __init__(
        self,
        upstream: str,
        plan: FaultPlan | None = None,
        *,
        upstream_timeout: float = 900.0,
        max_seconds: float = 1800.0,
    ) -> None:
        super().__init__(plan, max_seconds=max_seconds)
        parts = urlsplit(upstream)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the fault proxy only fronts servers on this machine")
        self.upstream_host = parts.hostname
        self.upstream_port = parts.port or 80
        self.upstream_timeout = upstream_timeout

    def answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        connection = http.client.HTTPConnection(
            self.upstream_host, self.upstream_port, timeout=self.upstream_timeout
        )
        try:
            sent = {k: v for k, v in headers.items() if k in _PASSED_REQUEST_HEADERS}
            connection.request(method, path, body=body or None, headers=sent)
            response = connection.getresponse()
            data = response.read()
            kept = {k: v for k, v in response.getheaders() if k.lower() in _PASSED_REPLY_HEADERS}
            return Reply(response.status, data, kept)
        except OSError as exc:
            return error_reply(502, f"fault proxy: upstream unreachable: {exc}")
        finally:
            connection.close()
