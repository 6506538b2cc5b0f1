"""A small, fast, real OpenAI-compatible HTTP server for tests (127.0.0.1, free port).

It answers `GET /v1/models` and `POST /v1/chat/completions`. A chat answer is a valid story
draft built from the request itself, so it is grounded by construction: the headline is the
story's first few words, the summary its first sentence (the story is the text between
`<<<` and `>>>` in the user message). Options: a delay before every chat answer, an API key
it insists on (a wrong key gets HTTP 401 whose message echoes the key, as careless servers
do), a llama.cpp-like refusal of `json_schema`, answers cut at the request's `max_tokens`
(four characters a token, `finish_reason` "length"), and the scripted faults of `FaultPlan`.

    with FakeOpenAIServer(delay=0.1, plan=FaultPlan(Fault.http(503))) as server:
        run_cli("bulletin.txt", "--base-url", server.base_url, "--model", "fake-model")
        assert len(server.chat_requests) == 4
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from summariser.backends.fake import completion_body

from .common import CHAT_PATH, Fault, FaultPlan, LoopbackServer, Reply, error_reply, story_of

__all__ = ["FakeOpenAIServer", "Fault", "FaultPlan", "draft_for"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _words(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0]


def draft_for(story: str) -> dict[str, Any]:
    """A valid, grounded draft for `story`: its first words and its first sentence."""
    lines = [line.strip() for line in story.splitlines() if line.strip()]
    first = lines[0] if lines else "Nothing"
    sentence = _SENTENCE_END.split(first, 1)[0]
    return {
        "headline": _words(" ".join(first.rstrip(".").split()[:8]), 110),
        "summary": _words(sentence, 380),
        "key_points": [],
        "topic": "news",
        "people": [],
        "organisations": [],
        "places": [],
        "figures": [],
        "dates": [],
        "quotes": [],
        "sources": [],
    }


class FakeOpenAIServer(LoopbackServer):
    def __init__(
        self,
        *,
        model: str = "fake-model",
        delay: float = 0.0,
        api_key: str | None = None,
        reject_json_schema: bool = False,
        schema_in_words_only: bool = False,
        plan: FaultPlan | None = None,
        content: Callable[[str, dict[str, Any]], str | dict[str, Any]] | None = None,
        honour_max_tokens: bool = False,
        max_seconds: float = 900.0,
    ) -> None:
        super().__init__(plan, max_seconds=max_seconds)
        self.model = model
        self.delay = delay
        self.api_key = api_key
        self.reject_json_schema = reject_json_schema
        # A server whose json_object ignores the schema sent beside it: its model answers in
        # the schema's shape only when the prompt gives the schema in words.
        self.schema_in_words_only = schema_in_words_only
        self.content = content
        self.honour_max_tokens = honour_max_tokens
        self._counter = 0
        self._count_lock = threading.Lock()

    def answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        route = path.split("?", 1)[0]
        if self.api_key is not None:
            sent = headers.get("authorization", "").removeprefix("Bearer ").strip()
            if sent != self.api_key:
                return error_reply(
                    401,
                    f"Incorrect API key provided: {sent}. You can find your "
                    "API key at https://example.invalid/keys.",
                )
        if method == "GET" and route.endswith("/models"):
            return Reply.json(
                200,
                {
                    "object": "list",
                    "data": [
                        {"id": self.model, "object": "model", "created": 0, "owned_by": "tests"}
                    ],
                },
            )
        if method == "POST" and route.endswith(CHAT_PATH):
            return self._chat(json.loads(body or b"{}"))
        return error_reply(404, f"no route {method} {route}")

    def _chat(self, request: dict[str, Any]) -> Reply:
        if self.delay:
            self._stopping.wait(self.delay)
        response_format = request.get("response_format") or {}
        if self.reject_json_schema and response_format.get("type") == "json_schema":
            return error_reply(500, "response_format type json_schema is not supported")
        story = story_of(request)
        told = any("JSON Schema" in str(m.get("content", "")) for m in request.get("messages", []))
        if self.schema_in_words_only and response_format.get("type") == "json_object" and not told:
            made: str | dict[str, Any] = {"answer": "a shape of its own"}
        else:
            made = self.content(story, request) if self.content else draft_for(story)
        content = made if isinstance(made, str) else json.dumps(made)
        finish_reason = "stop"
        limit = request.get("max_tokens")
        if self.honour_max_tokens and isinstance(limit, int) and len(content) > limit * 4:
            # As a server does at the token limit (four characters a token here).
            content, finish_reason = content[: limit * 4], "length"
        with self._count_lock:
            self._counter += 1
            number = self._counter
        prompt_tokens = (
            sum(len(str(m.get("content", ""))) for m in request.get("messages", [])) // 4
        )
        return Reply.json(
            200,
            completion_body(
                content,
                prompt_tokens,
                len(content) // 4,
                model=request.get("model") or self.model,
                ident=f"chatcmpl-fake-{number}",
                created=int(time.time()),
                finish_reason=finish_reason,
            ),
        )


if __name__ == "__main__":  # a manual check: python -m tests.servers.fake_openai
    with FakeOpenAIServer(max_seconds=60) as server:
        print(server.base_url)
        time.sleep(55)
