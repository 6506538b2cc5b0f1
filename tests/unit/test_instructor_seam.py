"""instructor's real validation and re-ask logic, run over a scripted backend."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel, field_validator

from summariser.backends.fake import FakeBackend
from summariser.errors import BackendError, ValidationFailure


class Answer(BaseModel):
    headline: str
    count: int

    @field_validator("count")
    @classmethod
    def positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError("count must be positive")
        return value


MESSAGES = [{"role": "user", "content": "Summarise."}]


def test_invalid_first_answer_is_reasked_and_second_accepted() -> None:
    backend = FakeBackend([{"headline": "x", "count": -1}, {"headline": "ok", "count": 3}])
    result = backend.extract(MESSAGES, Answer, max_reasks=2, max_tokens=50, temperature=0)
    assert result.value.model_dump() == {"headline": "ok", "count": 3}
    assert result.attempts == 2
    assert result.prompt_tokens == 20 and result.completion_tokens == 10
    reask = json.dumps(backend.calls[1]["messages"])
    assert "count must be positive" in reask  # the validator's words went back to the model


def test_malformed_json_is_reasked() -> None:
    backend = FakeBackend(['{"headline": "cut off', {"headline": "ok", "count": 1}])
    result = backend.extract(MESSAGES, Answer, max_reasks=1, max_tokens=50, temperature=0)
    assert result.attempts == 2


def test_raw_newlines_inside_strings_are_accepted() -> None:
    backend = FakeBackend(['{"headline": "two\nlines", "count": 1}'])
    result = backend.extract(MESSAGES, Answer, max_reasks=0, max_tokens=50, temperature=0)
    assert result.value.headline == "two\nlines"


def test_exhausted_reasks_raise_validation_failure_with_the_last_answer() -> None:
    backend = FakeBackend([{"headline": "x", "count": -1}] * 3)
    with pytest.raises(ValidationFailure) as caught:
        backend.extract(MESSAGES, Answer, max_reasks=2, max_tokens=50, temperature=0)
    assert caught.value.attempts == 3
    assert caught.value.last_raw is not None and '"count": -1' in caught.value.last_raw


def test_transport_errors_are_not_reasked() -> None:
    backend = FakeBackend([BackendError("server down"), {"headline": "ok", "count": 1}])
    with pytest.raises(BackendError):
        backend.extract(MESSAGES, Answer, max_reasks=2, max_tokens=50, temperature=0)
    assert len(backend.calls) == 1


def test_a_model_passes_the_async_validator_scan_once_and_is_remembered() -> None:
    from instructor.v2.validation import async_validators

    from summariser.backends.base import _instructor_model

    backend = FakeBackend([{"headline": "ok", "count": 1}] * 3)
    backend.extract(MESSAGES, Answer, max_reasks=0, max_tokens=50, temperature=0)
    scan = async_validators.reject_async_validators
    assert getattr(scan, "remembers_passes", False)  # instructor's scan is wrapped
    walked: list[object] = []
    original = async_validators.get_origin  # the scan calls it on every node it walks
    try:
        async_validators.get_origin = lambda tp: walked.append(tp) or original(tp)
        for _ in range(2):
            backend.extract(MESSAGES, Answer, max_reasks=0, max_tokens=50, temperature=0)
    finally:
        async_validators.get_origin = original
    assert _instructor_model(Answer) not in walked  # the passed class was not walked again


def test_a_model_with_an_async_validator_is_still_refused_every_time() -> None:
    from instructor.validation import async_field_validator

    class WithAsync(BaseModel):
        headline: str

        @async_field_validator("headline")
        async def check(self, value: str) -> str:
            return value

    backend = FakeBackend([{"headline": "ok", "count": 1}, {"headline": "ok"}, {"headline": "ok"}])
    backend.extract(MESSAGES, Answer, max_reasks=0, max_tokens=50, temperature=0)
    for _ in range(2):
        with pytest.raises(ValueError, match="async validators are not supported"):
            backend.extract(MESSAGES, WithAsync, max_reasks=0, max_tokens=50, temperature=0)
