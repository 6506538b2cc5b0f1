"""Embedded-model benchmarks: pipeline overhead, prompt-prefix reuse, warm cache.

The product's backend is instrumented from the outside: its `Llama` instance gets two
instance-attribute wrappers, one on `create_chat_completion_openai_v1` (the backend's only
call into llama-cpp-python; records the exact kwargs and the answer) and one on `eval`
(llama-cpp-python's `generate` calls `eval` once with the part of the prompt that is not
already in the KV cache, then once per generated token). The first `eval` of a call is
therefore the prompt tokens actually evaluated; the rest came from prefix reuse.

The bare baseline replays every recorded call (re-asks included, in order) on a second,
fresh `Llama` built exactly like the product's, with `create_chat_completion`, the same
messages, sampling and grammar (a fresh copy of the product's lazy-grammar logits
processor), and `max_tokens` set to the completion token count the pipeline got. With
greedy decoding the replay regenerates the same tokens, which the benchmark checks. The
replay of call i runs right after call i returns (interleaved), so both sides see the same
machine load; its time is measured and subtracted from the pipeline's wall time. Because the
twin sees the same call sequence, its prefix reuse is the product's.

Two more replays show what the grammar costs: the same calls through llama-cpp-python's own
grammar sampler (the whole vocabulary judged at each step, as before the lazy check), and with
no grammar at all.

Prefix reuse defeated: a third `Llama` is reset before each call and evaluates the call's
whole prompt (one token sampled), also right after call i, so that prompt-evaluation times
with and without reuse are taken under the same machine load.
"""

from __future__ import annotations

import copy
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from bench import ROOT
from bench.answers import story_of

SEED = ROOT / "seeds" / "000_308f2c399fe30051.txt"


@dataclass
class LlamaCall:
    """One chat completion inside llama-cpp-python."""

    kwargs: dict[str, Any]
    story: int | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    evaluated: int = 0  # prompt tokens decoded; the others were reused from the KV cache
    prompt_eval_s: float = 0.0  # the first eval: the prompt (what was not reused)
    decode_s: float = 0.0  # the one-token evals of generation (llama_decode only)
    decode_steps: int = 0
    seconds: float = 0.0  # the whole call: templating, tokenising, eval, sampling, grammar
    wall_start: float = 0.0
    content: str = ""
    finish_reason: str = ""

    def summary(self) -> dict[str, Any]:
        """Every field but the request, which holds native objects that must not be copied."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "kwargs"}


class LlamaProbe:
    """Records every chat completion and `eval` of one `Llama` instance."""

    def __init__(
        self,
        llama: Any,
        after: Callable[[LlamaCall], object] | None = None,
        *,
        length_as_invalid: bool = False,
    ) -> None:
        self.llama = llama
        self.calls: list[LlamaCall] = []
        self.after = after  # runs after each recorded call; its time is kept in `injected_s`
        # Issue 4's pending base.py change: an answer cut at max_tokens is an invalid answer
        # (re-asked), not instructor's IncompleteOutputException, which aborts the whole run.
        self.length_as_invalid = length_as_invalid
        self.injected_s = 0.0
        self._current: LlamaCall | None = None
        self._evals = 0

    @contextmanager
    def installed(self) -> Iterator[LlamaProbe]:
        llama = self.llama
        original_eval = llama.eval
        original_create = llama.create_chat_completion_openai_v1

        def eval_(tokens: Any) -> Any:
            started = time.perf_counter()
            try:
                return original_eval(tokens)
            finally:
                self._record_eval(len(tokens), time.perf_counter() - started)

        def create(**kwargs: Any) -> Any:
            call = self._begin(kwargs)
            try:
                response = original_create(**kwargs)
            finally:
                call.seconds = time.perf_counter() - call.wall_start
                self._current = None
            usage = getattr(response, "usage", None)
            call.prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
            call.completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
            call.content = str(response.choices[0].message.content or "")
            call.finish_reason = str(response.choices[0].finish_reason or "")
            if self.length_as_invalid:
                for choice in response.choices:
                    if choice.finish_reason == "length":
                        choice.finish_reason = "stop"
            if self.after is not None:
                started = time.perf_counter()
                self.after(call)
                self.injected_s += time.perf_counter() - started
            return response

        llama.eval = eval_
        llama.create_chat_completion_openai_v1 = create
        try:
            yield self
        finally:
            del llama.eval
            del llama.create_chat_completion_openai_v1

    def _begin(self, kwargs: dict[str, Any]) -> LlamaCall:
        call = LlamaCall(kwargs=_copy_request(kwargs), wall_start=time.perf_counter())
        self.calls.append(call)
        self._current = call
        self._evals = 0
        return call

    @contextmanager
    def bare_call(self, kwargs: dict[str, Any]) -> Iterator[LlamaCall]:
        """Account a direct `create_chat_completion` made by the caller as one call."""
        call = self._begin(kwargs)
        try:
            yield call
        finally:
            call.seconds = time.perf_counter() - call.wall_start
            self._current = None

    def _record_eval(self, n_tokens: int, seconds: float) -> None:
        call = self._current
        if call is None:
            return
        if self._evals == 0:
            call.evaluated = n_tokens
            call.prompt_eval_s = seconds
        else:
            call.decode_steps += 1
            call.decode_s += seconds
        self._evals += 1


# --------------------------------------------------------------------------- helpers


def seed_text(stories: int | None) -> str:
    """The seed bulletin, or its first `stories` stories."""
    from summariser.segment import segment

    text = SEED.read_text(encoding="utf-8")
    found = segment(text)
    if stories is None or stories >= len(found):
        return text
    return text[: found[stories - 1].end] + "\n"


def _story_ids(text: str) -> dict[str, int]:
    from summariser.segment import segment

    return {" ".join(s.body.split()): s.id for s in segment(text)}


def _attach_stories(calls: list[LlamaCall], text: str) -> None:
    ids = _story_ids(text)
    for call in calls:
        body = " ".join(story_of(call.kwargs.get("messages", [])).split())
        call.story = ids.get(body)
        if call.story is None:  # a body cut to fit the context: match on its start
            call.story = next(
                (i for b, i in ids.items() if body and b.startswith(body[:200])), None
            )


def _new_backend() -> Any:
    """An embedded backend built exactly as `create_backend` builds it for the default config,
    its model loaded (the product loads it when the first story needs it)."""
    from summariser.backends import create_backend
    from summariser.config import Config

    backend = create_backend(Config.resolve(use_cache=False))
    backend.prepare()
    return backend


def _totals(calls: list[LlamaCall]) -> dict[str, float]:
    return {
        "calls": len(calls),
        "seconds": sum(c.seconds for c in calls),
        "prompt_tokens": sum(c.prompt_tokens for c in calls),
        "completion_tokens": sum(c.completion_tokens for c in calls),
        "evaluated": sum(c.evaluated for c in calls),
        "prompt_eval_s": sum(c.prompt_eval_s for c in calls),
        "decode_s": sum(c.decode_s for c in calls),
        "decode_steps": sum(c.decode_steps for c in calls),
    }


def _rate(tokens: float, seconds: float) -> float:
    return round(tokens / seconds, 1) if seconds > 0 else 0.0


def _sampling_ms(totals: dict[str, float]) -> float:
    rest = totals["seconds"] - totals["prompt_eval_s"] - totals["decode_s"]
    return (
        round(rest / totals["completion_tokens"] * 1000, 2) if totals["completion_tokens"] else 0.0
    )


# --------------------------------------------------------------------------- replays


def replay(
    llama: Any,
    calls: list[LlamaCall],
    *,
    adjust: Callable[[dict[str, Any], LlamaCall], dict[str, Any]],
) -> list[LlamaCall]:
    """Re-issue `calls` in order as bare `create_chat_completion` calls on `llama`."""
    probe = LlamaProbe(llama)
    llama.reset()
    with probe.installed():
        for recorded in calls:
            bare_call(probe, recorded, adjust)
    return probe.calls


def bare_call(
    probe: LlamaProbe,
    recorded: LlamaCall,
    adjust: Callable[[dict[str, Any], LlamaCall], dict[str, Any]],
) -> LlamaCall:
    """One bare `create_chat_completion` on the probe's `Llama`, replaying `recorded`."""
    kwargs = adjust(_copy_request(recorded.kwargs), recorded)
    shared = recorded.kwargs.get("logits_processor")
    if shared is not None and kwargs.get("logits_processor") is shared:
        # Kept by the adjustment, so the model is alive: each generation needs its own.
        kwargs["logits_processor"] = copy.deepcopy(shared)
    with probe.bare_call(kwargs) as call:
        response = probe.llama.create_chat_completion(**kwargs)
    call.story = recorded.story
    call.prompt_tokens = int(response["usage"]["prompt_tokens"])
    call.completion_tokens = int(response["usage"]["completion_tokens"])
    call.content = str(response["choices"][0]["message"]["content"] or "")
    return call


def _copy_request(kwargs: dict[str, Any]) -> dict[str, Any]:
    """A copy of a recorded request whose logits processors are shared, not copied.

    Copying the product's lazy-grammar processor builds native samplers on the model it was
    made for, which may be closed by the time a replay runs (use after free). A replay that
    keeps the processor gets a fresh copy in `bare_call`, while that model is alive.
    """
    rest = {key: value for key, value in kwargs.items() if key != "logits_processor"}
    copied = copy.deepcopy(rest)
    if "logits_processor" in kwargs:
        copied["logits_processor"] = kwargs["logits_processor"]
    return copied


def same_tokens(kwargs: dict[str, Any], recorded: LlamaCall) -> dict[str, Any]:
    """Same messages, sampling and response_format; stop after the same number of tokens."""
    kwargs["max_tokens"] = max(1, recorded.completion_tokens)
    return kwargs


def _without_lazy_grammar(kwargs: dict[str, Any]) -> Any:
    """Take the product's lazy-grammar processor out of a request, penalties restored to it."""
    processors = kwargs.pop("logits_processor", None) or []
    processor = next((p for p in processors if hasattr(p, "grammar_text")), None)
    if processor is not None:
        kwargs.update(processor.penalties)
    return processor


def full_grammar(kwargs: dict[str, Any], recorded: LlamaCall) -> dict[str, Any]:
    """The same request through llama-cpp-python's own grammar sampler (the whole vocabulary
    judged at every step): what the product did before its lazy grammar check."""
    from llama_cpp import LlamaGrammar

    processor = _without_lazy_grammar(kwargs)
    if processor is not None:
        kwargs["grammar"] = LlamaGrammar.from_string(processor.grammar_text, verbose=False)
    kwargs["max_tokens"] = max(1, recorded.completion_tokens)
    return kwargs


def grammar_free(eos: int) -> Callable[[dict[str, Any], LlamaCall], dict[str, Any]]:
    """No grammar at all; EOS banned so that exactly the same count is generated."""

    def adjust(kwargs: dict[str, Any], recorded: LlamaCall) -> dict[str, Any]:
        kwargs.pop("response_format", None)
        _without_lazy_grammar(kwargs)
        kwargs["max_tokens"] = max(1, recorded.completion_tokens)
        kwargs["logit_bias"] = {eos: -1.0e9}
        return kwargs

    return adjust


def prompt_only(kwargs: dict[str, Any], recorded: LlamaCall) -> dict[str, Any]:
    """Evaluate the prompt and sample one token: enough to count prompt evaluation."""
    kwargs["max_tokens"] = 1
    return kwargs


# --------------------------------------------------------------------------- the benchmark


@dataclass
class EmbeddedResult:
    stories: int
    load: dict[str, float] = field(default_factory=dict)
    overhead: dict[str, Any] = field(default_factory=dict)
    per_story: list[dict[str, Any]] = field(default_factory=list)
    prefix: dict[str, Any] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)
    calls: list[dict[str, Any]] = field(default_factory=list)


def _pipeline(text: str, backend: Any, **flags: Any) -> tuple[Any, float, float]:
    from summariser.config import Config
    from summariser.pipeline import summarise_text

    config = Config.resolve(**flags)
    wall, cpu = time.perf_counter(), time.process_time()
    briefing = summarise_text(text, config, backend, source_name="seed")
    return briefing, time.perf_counter() - wall, time.process_time() - cpu


def run(
    stories: int | None,
    *,
    length_as_invalid: bool = True,
    log: Callable[[str], None] = print,
) -> EmbeddedResult:
    """Sections 1, 2 and 4 on the seed (all of it, or its first `stories` stories).

    `length_as_invalid`: apply issue 4's pending fix from the outside (see `LlamaProbe`), so
    that one answer reaching max_tokens does not abort the run being measured.
    """
    from bench.scale import _fake_backend
    from summariser.config import Config
    from summariser.nlp import load_nlp
    from summariser.pipeline import summarise_text
    from summariser.segment import segment

    text = seed_text(stories)
    result = EmbeddedResult(stories=len(segment(text)))

    started = time.perf_counter()
    load_nlp()
    result.load["spacy_s"] = round(time.perf_counter() - started, 3)
    started = time.perf_counter()
    backend = _new_backend()
    result.load["model_s"] = round(time.perf_counter() - started, 3)
    twin = _new_backend()  # the fresh Llama for the bare replay
    no_reuse = _new_backend()  # the Llama whose prefix cache is defeated
    # Warm the lazily built pieces (gazetteer, instructor patch) outside the timed run.
    started = time.perf_counter()
    summarise_text(seed_text(1), Config.resolve(use_cache=False), _fake_backend())
    result.load["warmup_s"] = round(time.perf_counter() - started, 3)

    try:
        # 1 + 2: the real pipeline, cache off; each llama call replayed bare right after it
        log(f"  embedded: pipeline on {result.stories} seed stories (cache off), bare interleaved")
        twin_probe = LlamaProbe(twin.llama)
        cold_probe = LlamaProbe(no_reuse.llama)

        def replay_both(call: LlamaCall) -> None:
            bare_call(twin_probe, call, same_tokens)
            no_reuse.llama.reset()
            bare_call(cold_probe, call, prompt_only)

        probe = LlamaProbe(
            backend.llama,
            after=replay_both,
            length_as_invalid=length_as_invalid,
        )
        twin.llama.reset()
        with cold_probe.installed(), twin_probe.installed(), probe.installed():
            briefing, pipe_wall, _ = _pipeline(text, backend, use_cache=False)
        calls, bare, defeated = probe.calls, twin_probe.calls, cold_probe.calls
        pipe_wall -= probe.injected_s
        _attach_stories(calls, text)
        for call, replayed in zip(calls, bare, strict=True):
            replayed.story = call.story

        # 4: warm cache: a cold run into an empty cache folder, then the same again
        log("  embedded: cold and warm runs with a temporary cache")
        shim = LlamaProbe(backend.llama, length_as_invalid=length_as_invalid)
        with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache_dir, shim.installed():
            folder = Path(cache_dir)
            cold, cold_wall, _ = _pipeline(text, backend, use_cache=True, cache_dir=folder)
            warm, warm_wall, _ = _pipeline(text, backend, use_cache=True, cache_dir=folder)
        result.cache = {
            "cold_s": round(cold_wall, 3),
            "cold_model_calls": cold.meta.model_calls,
            "warm_s": round(warm_wall, 3),
            "warm_model_calls": warm.meta.model_calls,
            "warm_cached_stories": sum(r.usage.cached for r in warm.stories),
            "ratio": round(warm_wall / cold_wall, 4) if cold_wall else None,
        }
        backend.close()

        llama = twin.llama
        log("  embedded: bare replay without grammar (EOS banned, same token counts)")
        free = replay(llama, calls, adjust=grammar_free(int(llama.token_eos())))
        log("  embedded: bare replay with llama-cpp-python's own (full-vocabulary) grammar")
        full = replay(llama, calls, adjust=full_grammar)
    finally:
        backend.close()
        twin.close()
        no_reuse.close()

    a, b, g, d = _totals(calls), _totals(bare), _totals(free), _totals(defeated)
    f = _totals(full)
    identical = sum(
        x.content == y.content and x.completion_tokens == y.completion_tokens
        for x, y in zip(calls, bare, strict=True)
    )
    identical_full = sum(
        x.content == y.content and x.completion_tokens == y.completion_tokens
        for x, y in zip(calls, full, strict=True)
    )
    gen_s = a["seconds"] - a["prompt_eval_s"]
    result.overhead = {
        "pipeline_s": round(pipe_wall, 3),
        "pipeline_llama_s": round(a["seconds"], 3),
        "bare_s": round(b["seconds"], 3),
        "bare_grammar_free_s": round(g["seconds"], 3),
        "ratio": round(pipe_wall / b["seconds"], 4) if b["seconds"] else None,
        "ratio_llama_calls": round(a["seconds"] / b["seconds"], 4) if b["seconds"] else None,
        "outside_llama_s": round(pipe_wall - a["seconds"], 3),
        # Load-robust: the llama work is the same on both sides (checked: identical answers),
        # so the pipeline's own cost is its time outside llama calls, set against the bare sum.
        "ratio_outside_estimate": round(1 + (pipe_wall - a["seconds"]) / a["seconds"], 4)
        if a["seconds"]
        else None,
        "grammar_cost_ratio": round(b["seconds"] / g["seconds"], 4) if g["seconds"] else None,
        # Sampling (and grammar) time per generated token: the call minus llama_decode work.
        "sampling_ms_per_token": _sampling_ms(a),
        "bare_sampling_ms_per_token": _sampling_ms(b),
        "grammar_free_sampling_ms_per_token": _sampling_ms(g),
        # Spread of per-call decode speed: how much the machine's load moved the numbers.
        "decode_tok_s_per_call": [_rate(c.decode_steps, c.decode_s) for c in calls],
        "replay_identical": identical,
        "calls": len(calls),
        "model_calls_meta": briefing.meta.model_calls,
        "prompt_tokens": int(a["prompt_tokens"]),
        "completion_tokens": int(a["completion_tokens"]),
        "prompt_tok_s": _rate(a["evaluated"], a["prompt_eval_s"]),
        "generation_tok_s": _rate(a["completion_tokens"], gen_s),
        "decode_tok_s": _rate(a["decode_steps"], a["decode_s"]),
        "bare_prompt_tok_s": _rate(b["evaluated"], b["prompt_eval_s"]),
        "bare_generation_tok_s": _rate(b["completion_tokens"], b["seconds"] - b["prompt_eval_s"]),
        "grammar_free_generation_tok_s": _rate(
            g["completion_tokens"], g["seconds"] - g["prompt_eval_s"]
        ),
        # llama-cpp-python's own grammar path on the same calls: the lazy check's gain.
        "full_grammar_s": round(f["seconds"], 3),
        "full_grammar_generation_tok_s": _rate(
            f["completion_tokens"], f["seconds"] - f["prompt_eval_s"]
        ),
        "full_grammar_identical": identical_full,
        "failed": briefing.meta.failed,
        "cut_at_max_tokens": sum(c.finish_reason == "length" for c in calls),
        "length_as_invalid": length_as_invalid,
        "method": "bare replay interleaved: call i replayed on a twin Llama right after call i; "
        "its time subtracted from the pipeline wall time",
        "timing_source": "own perf_counter around Llama.eval and each chat completion",
    }
    for record in briefing.stories:
        mine = [c for c in calls if c.story == record.id]
        result.per_story.append(
            {
                "story": record.id,
                "status": record.status,
                "attempts": len(mine),
                "prompt_tokens": sum(c.prompt_tokens for c in mine),
                "completion_tokens": sum(c.completion_tokens for c in mine),
                "evaluated": sum(c.evaluated for c in mine),
                "llama_s": round(sum(c.seconds for c in mine), 3),
                "bare_s": round(sum(c.seconds for c in bare if c.story == record.id), 3),
                "pipeline_story_s": record.usage.seconds,
            }
        )
    result.prefix = {
        "prompt_tokens": int(a["prompt_tokens"]),
        "evaluated_with_reuse": int(a["evaluated"]),
        "evaluated_without_reuse": int(d["evaluated"]),
        "reused": int(d["evaluated"] - a["evaluated"]),
        "saved_fraction": round(1 - a["evaluated"] / d["evaluated"], 4) if d["evaluated"] else None,
        "prompt_eval_s_with_reuse": round(b["prompt_eval_s"], 3),
        "twin_evaluated_with_reuse": int(b["evaluated"]),
        "prompt_eval_s_without_reuse": round(d["prompt_eval_s"], 3),
        "per_call_evaluated_with": [c.evaluated for c in calls],
        "per_call_evaluated_without": [c.evaluated for c in defeated],
    }
    result.calls = [c.summary() for c in calls]
    return result
