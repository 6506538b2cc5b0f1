"""A scripted backend for tests: queued answers in, recorded calls out.

Answers are returned as real OpenAI-shaped completions, so instructor's real parsing,
validation and re-ask logic runs over them.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from .base import Backend

Answer = str | dict[str, Any] | BaseException | Callable[[dict[str, Any]], Any]


class FakeBackend(Backend):
    name = "fake"

    def __init__(
        self,
        answers: Iterable[Answer] = (),
        *,
        default: Answer | None = None,
        model: str = "fake-model",
        trusted_with_entities: bool = False,
        max_concurrency: int = 1,
        writes_prose: bool = True,
    ) -> None:
        super().__init__()
        self._answers: deque[Answer] = deque(answers)
        self._default = default
        self._model = model
        self.trusted_with_entities = trusted_with_entities
        self.max_concurrency = max_concurrency
        self.writes_prose = writes_prose
        self.calls: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    @property
    def model_name(self) -> str:
        return self._model

    def queue(self, *answers: Answer) -> None:
        self._answers.extend(answers)

    def create(self, **kwargs: Any) -> Any:
        with self._lock:
            self.calls.append(kwargs)
            answer = self._answers.popleft() if self._answers else self._default
        if answer is None:
            raise AssertionError("FakeBackend: no answer queued for this call")
        if callable(answer) and not isinstance(answer, BaseException):
            answer = answer(kwargs)
        if isinstance(answer, BaseException):
            raise answer
        content = answer if isinstance(answer, str) else json.dumps(answer)
        return completion(content)


def completion_body(
    content: str,
    prompt_tokens: int = 10,
    completion_tokens: int = 5,
    *,
    model: str = "fake-model",
    ident: str = "fake",
    created: int = 0,
    finish_reason: str = "stop",
) -> dict[str, Any]:
    """An OpenAI chat-completion response body; fake servers send it as JSON."""
    return {
        "id": ident,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def completion(content: str, prompt_tokens: int = 10, completion_tokens: int = 5) -> Any:
    from openai.types.chat import ChatCompletion

    return ChatCompletion.model_validate(completion_body(content, prompt_tokens, completion_tokens))
