"""The lazily checked grammar picks exactly the tokens full grammar-constrained greedy does.

Fast tests drive the processor with Python stand-ins for llama.cpp's samplers and compare
it with a brute-force "mask everything, take the first best" reference. The slow ones use
the real model: against llama.cpp's own sampler chain on random logits, and end to end
against llama-cpp-python's full-grammar path (what the backend did before).
"""

from __future__ import annotations

import copy
import ctypes
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import numpy as np
import numpy.typing as npt
import pytest

from summariser.backends.base import escape_raw_control_chars
from summariser.backends.lazy_grammar import (
    NEAR_MISS_CANDIDATES,
    TOKEN_DATA,
    LazyGrammarProcessor,
    NativeSampler,
    TokenSampler,
    grammar_for_response_format,
    lazy_grammar_applies,
    take_penalties,
)
from summariser.schemas import FullDraft, ProseDraft

VOCAB = 1000
EOS = 7

# --------------------------------------------------------------------------- stand-ins


class RuleGrammar:
    """A grammar whose allowed set is any function of the accepted tokens."""

    def __init__(self, allows: Callable[[list[int], int], bool]) -> None:
        self.allows = allows
        self.accepted: list[int] = []
        self.closed = False
        self.applied_sizes: list[int] = []

    def apply(self, candidates: npt.NDArray[Any]) -> None:
        self.applied_sizes.append(len(candidates))
        for row in candidates:
            if not self.allows(self.accepted, int(row["id"])):
                row["logit"] = -np.inf

    def accept(self, token: int) -> None:
        assert self.allows(self.accepted, token), "accepted a token the grammar rejects"
        self.accepted.append(token)

    def close(self) -> None:
        self.closed = True


class CountPenalty:
    """Lowers every generated token's logit by one per use: order of penalty matters."""

    def __init__(self) -> None:
        self.accepted: list[int] = []
        self.closed = False

    def apply(self, candidates: npt.NDArray[Any]) -> None:
        for token in self.accepted:
            candidates["logit"][candidates["id"] == token] -= 1.0

    def accept(self, token: int) -> None:
        self.accepted.append(token)

    def close(self) -> None:
        self.closed = True


def make_processor(
    allows: Callable[[list[int], int], bool],
) -> tuple[LazyGrammarProcessor, list[tuple[RuleGrammar, CountPenalty]]]:
    made: list[tuple[RuleGrammar, CountPenalty]] = []

    def factory() -> tuple[TokenSampler, TokenSampler]:
        pair = (RuleGrammar(allows), CountPenalty())
        made.append(pair)
        return pair

    return LazyGrammarProcessor(factory, n_vocab=VOCAB, eos=EOS), made


def reference_choice(
    logits: npt.NDArray[np.single], history: list[int], allows: Callable[[list[int], int], bool]
) -> int:
    """Full constrained greedy: penalise, mask every disallowed token, first best wins."""
    scores = logits.astype(np.single).copy()
    for token in history:
        scores[token] -= 1.0
    for token in range(len(scores)):
        if not allows(history, token):
            scores[token] = -np.inf
    return int(np.argmax(scores))


def run(
    processor: LazyGrammarProcessor, prompt: list[int], steps: list[npt.NDArray[np.single]]
) -> list[int]:
    """Drive the processor as llama-cpp-python's generate loop does; return the tokens."""
    ids = list(prompt)
    chosen: list[int] = []
    for logits in steps:
        out = processor(np.array(ids, dtype=np.intc), logits.copy())
        token = int(np.argmax(out))  # the chain's greedy sampler
        assert np.isfinite(out).sum() == 1, "only the chosen token may stay possible"
        chosen.append(token)
        if token == EOS:
            break
        ids.append(token)
    return chosen


# --------------------------------------------------------------------------- fast


def test_best_token_allowed_needs_one_grammar_check() -> None:
    processor, made = make_processor(lambda history, token: token % 2 == 0)
    logits = np.zeros(VOCAB, dtype=np.single)
    logits[10] = 5.0
    assert run(processor, [1, 2, 3], [logits]) == [10]
    assert made[0][0].applied_sizes == [1]
    assert processor.stats.rejected == 0


def test_rejected_best_takes_the_best_allowed_near_miss_first_by_id_on_ties() -> None:
    processor, made = make_processor(lambda history, token: token not in (10, 11))
    logits = np.linspace(-1.0, -2.0, VOCAB, dtype=np.single)  # distinct: few near misses
    logits[10], logits[11], logits[30], logits[20] = 9.0, 8.0, 5.0, 5.0
    assert run(processor, [1], [logits]) == [20]
    assert processor.stats.rejected == 1 and processor.stats.full_scans == 0
    assert made[0][0].applied_sizes == [1, NEAR_MISS_CANDIDATES]


def test_allowed_token_beyond_the_near_misses_is_found_by_a_full_scan() -> None:
    processor, _ = make_processor(lambda history, token: token == 999)
    logits = np.linspace(10.0, 0.0, VOCAB, dtype=np.single)
    assert run(processor, [1], [logits]) == [999]
    assert processor.stats.full_scans == 1


def test_near_misses_include_every_token_tied_with_the_last() -> None:
    # All logits equal: the best allowed token is the lowest allowed id, wherever it is.
    processor, _ = make_processor(lambda history, token: token >= NEAR_MISS_CANDIDATES + 5)
    logits = np.zeros(VOCAB, dtype=np.single)
    assert run(processor, [1], [logits]) == [NEAR_MISS_CANDIDATES + 5]


def test_eos_is_taken_only_when_the_grammar_allows_it() -> None:
    def allows(history: list[int], token: int) -> bool:
        return token != EOS or len(history) >= 3  # "complete" after three tokens

    processor, _ = make_processor(allows)
    rng = np.random.default_rng(1)
    steps = []
    for _ in range(10):
        logits = rng.normal(size=VOCAB).astype(np.single)
        logits[EOS] = 100.0
        steps.append(logits)
    tokens = run(processor, [1, 2], steps)
    assert len(tokens) == 4 and tokens[-1] == EOS and EOS not in tokens[:-1]


def test_random_walks_match_full_constrained_greedy() -> None:
    """Many steps of random logits under a history-dependent grammar, penalties included."""
    rng = np.random.default_rng(7)

    def allows(history: list[int], token: int) -> bool:
        if not history:
            return token % 5 == 0
        # sometimes only a narrow band far down the vocabulary is allowed
        if history[-1] % 3 == 0:
            return 900 <= token < 910
        return (token + history[-1]) % 4 != 0

    for walk in range(20):
        processor, made = make_processor(allows)
        prompt = [3, 4, 5]
        ids = list(prompt)
        history: list[int] = []
        for _ in range(25):
            logits = rng.normal(scale=2.0, size=VOCAB).astype(np.single)
            if walk % 2:  # coarse logits make ties common
                logits = np.round(logits)
            if history:  # recent tokens near the top, so the penalty changes the answer
                logits[history[-1]] = logits.max() + 0.5
            out = processor(np.array(ids, dtype=np.intc), logits.copy())
            token = int(np.argmax(out))
            assert token == reference_choice(logits, history, allows)
            ids.append(token)
            history.append(token)
        assert made[0][0].accepted == history[:-1]
        assert processor.error is None


def test_a_token_other_than_the_chosen_one_ends_generation_with_an_error() -> None:
    processor, made = make_processor(lambda history, token: token != 99)
    logits = np.zeros(VOCAB, dtype=np.single)
    logits[5] = 1.0
    assert int(np.argmax(processor(np.array([1], dtype=np.intc), logits))) == 5
    out = processor(np.array([1, 99], dtype=np.intc), logits)  # something else was sampled
    assert int(np.argmax(out)) == EOS and np.isfinite(out).sum() == 1
    assert isinstance(processor.error, RuntimeError)
    assert made[0][0].accepted == []  # never accepted into the grammar
    out = processor(np.array([1, 99, EOS], dtype=np.intc), logits)
    assert int(np.argmax(out)) == EOS


def test_a_grammar_dead_end_is_an_error_not_a_crash() -> None:
    processor, _ = make_processor(lambda history, token: False)
    out = processor(np.array([1], dtype=np.intc), np.zeros(VOCAB, dtype=np.single))
    assert int(np.argmax(out)) == EOS
    assert "allows no next token" in str(processor.error)


def test_a_copy_starts_afresh_and_close_frees_both_samplers() -> None:
    processor, made = make_processor(lambda history, token: True)
    logits = np.zeros(VOCAB, dtype=np.single)
    run(processor, [1], [logits, logits])
    twin = copy.deepcopy(processor)
    assert len(made) == 2 and twin.stats.steps == 0
    assert run(twin, [1], [logits]) == [0]  # a first call again: the history is the prompt
    with processor:
        pass
    processor.close()
    assert made[0][0].closed and made[0][1].closed and not made[1][0].closed


def test_greedy_json_requests_take_the_lazy_path_and_others_do_not() -> None:
    greedy = {
        "messages": [],
        "max_tokens": 10,
        "temperature": 0.0,
        "repeat_penalty": 1.1,
        "response_format": {"type": "json_object", "schema": {"type": "object"}},
    }
    assert lazy_grammar_applies(greedy)
    assert lazy_grammar_applies({**greedy, "response_format": {"type": "json_object"}})
    changes: list[dict[str, Any]] = [
        {"temperature": 0.2},
        {"temperature": -1.0},
        {"stream": True},
        {"logit_bias": {1: 1.0}},
        {"grammar": object()},
        {"logits_processor": []},
        {"tools": []},
        {"response_format": None},
        {"response_format": {"type": "text"}},
    ]
    for change in changes:
        assert not lazy_grammar_applies({**greedy, **change}), change
    assert not lazy_grammar_applies({k: v for k, v in greedy.items() if k != "temperature"})


def test_penalties_move_into_the_processor() -> None:
    kwargs: dict[str, Any] = {"repeat_penalty": 1.1, "presence_penalty": 0.5}
    assert take_penalties(kwargs) == {
        "repeat_penalty": 1.1,
        "frequency_penalty": 0.0,
        "presence_penalty": 0.5,
    }
    assert kwargs == {"repeat_penalty": 1.0, "frequency_penalty": 0.0, "presence_penalty": 0.0}


@pytest.mark.parametrize(
    "response_format",
    [
        {"type": "json_object", "schema": ProseDraft.model_json_schema()},
        {"type": "json_object", "schema": FullDraft.model_json_schema()},
        {"type": "json_object"},
        {"type": "json_object", "schema": None},
        {"type": "json_object", "schema": {"$ref": "#/nowhere"}},
    ],
)
def test_grammar_is_the_one_llama_cpp_python_builds(response_format: dict[str, Any]) -> None:
    from llama_cpp import llama_chat_format

    expected = llama_chat_format._grammar_for_response_format(response_format)  # type: ignore[arg-type]
    assert grammar_for_response_format(response_format) == expected._grammar


# --------------------------------------------------------------------------- slow

STORIES = [
    "The city council of Leeds voted on Monday to close three public libraries by March, "
    "citing a budget shortfall of £4.2 million. Council leader James Lewis said the decision "
    'was "painful but unavoidable". Campaigners said they would challenge the plan in court.',
    "Heavy rain caused flooding across northern Italy on Thursday, forcing the evacuation of "
    "about 2,000 people in the Emilia-Romagna region. The civil protection agency said two "
    "people had died. Prime Minister Giorgia Meloni promised emergency funds.",
    "Shares in Nordic Telecom fell 12% after the company cut its annual profit forecast, "
    "blaming weak demand in Sweden and Finland. Chief executive Anna Berg told Reuters the "
    "firm would cut 800 jobs over two years.",
]


def story_messages(story: str) -> list[dict[str, str]]:
    return [
        {
            "role": "system",
            "content": "You are a careful news editor. You summarise one news story "
            "at a time as JSON.",
        },
        {
            "role": "user",
            "content": f"Story:\n<<<\n{story}\n>>>\n\nWrite a JSON object with a headline, "
            "a summary, up to 3 key_points and a topic.",
        },
    ]


@pytest.fixture(scope="module")
def backend() -> Iterator[Any]:
    from summariser.backends.embedded import EmbeddedBackend

    embedded = EmbeddedBackend()
    yield embedded
    embedded.close()


@pytest.mark.slow
@pytest.mark.parametrize("model", [ProseDraft, FullDraft], ids=lambda m: m.__name__)
def test_lazy_path_decodes_exactly_as_the_full_grammar_path(
    backend: Any, model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = model.model_json_schema()
    llama = backend.llama
    processors: list[LazyGrammarProcessor] = []
    make = backend._lazy_grammar

    def recording(kwargs: dict[str, Any]) -> LazyGrammarProcessor | None:
        processor = make(kwargs)
        if processor is not None:
            processors.append(processor)
        return processor

    monkeypatch.setattr(backend, "_lazy_grammar", recording)
    rates: dict[str, list[float]] = {"full": [], "lazy": []}
    for story in STORIES:
        messages = story_messages(story)
        llama.reset()
        started = time.perf_counter()
        # What the backend sent before: the grammar inside llama-cpp-python's chain.
        full = llama.create_chat_completion_openai_v1(
            messages=messages,
            max_tokens=400,
            temperature=0.0,
            repeat_penalty=backend.repeat_penalty,
            response_format={"type": "json_object", "schema": schema},
        )
        rates["full"].append(full.usage.completion_tokens / (time.perf_counter() - started))
        llama.reset()
        started = time.perf_counter()
        lazy = backend.create(  # as instructor calls it
            messages=messages,
            max_tokens=400,
            temperature=0.0,
            response_format={
                "type": "json_schema",
                "json_schema": {"name": model.__name__, "schema": schema},
            },
        )
        rates["lazy"].append(lazy.usage.completion_tokens / (time.perf_counter() - started))

        assert lazy.choices[0].message.content == full.choices[0].message.content
        assert lazy.usage.completion_tokens == full.usage.completion_tokens
        assert lazy.choices[0].finish_reason == full.choices[0].finish_reason == "stop"
        data = json.loads(escape_raw_control_chars(lazy.choices[0].message.content))
        jsonschema.validate(data, schema)
        # one step per token, the closing EOS included: every token went through the check
        assert processors[-1].stats.steps == lazy.usage.completion_tokens + 1
        assert processors[-1].error is None
    assert sum(p.stats.rejected for p in processors) > 0, "the fallback was never exercised"
    print(  # reported, not asserted: timings depend on the machine and its load
        f"\n{model.__name__}: full grammar "
        + ", ".join(f"{r:.1f}" for r in rates["full"])
        + " tok/s; lazy "
        + ", ".join(f"{r:.1f}" for r in rates["lazy"])
        + " tok/s (prompt evaluation included)"
    )


def native_chain(llama: Any, grammar_text: str, repeat_penalty: float) -> Any:
    """llama-cpp-python's greedy chain (penalties, grammar, greedy), built the same way."""
    import llama_cpp

    chain = llama_cpp.llama_sampler_chain_init(llama_cpp.llama_sampler_chain_default_params())
    penalties = llama_cpp.llama_sampler_init_penalties(
        llama.n_vocab(), llama.last_n_tokens_size, repeat_penalty, 0.0, 0.0
    )
    llama_cpp.llama_sampler_chain_add(chain, penalties)
    vocab = llama_cpp.llama_model_get_vocab(llama.model)
    grammar = llama_cpp.llama_sampler_init_grammar(vocab, grammar_text.encode(), b"root")
    llama_cpp.llama_sampler_chain_add(chain, grammar)
    llama_cpp.llama_sampler_chain_add(chain, llama_cpp.llama_sampler_init_greedy())
    return chain


def chain_pick(chain: Any, logits: npt.NDArray[np.single]) -> int:
    import llama_cpp

    candidates = np.zeros(len(logits), dtype=TOKEN_DATA)
    candidates["id"] = np.arange(len(logits))
    candidates["logit"] = logits
    array = llama_cpp.llama_token_data_array(
        data=candidates.ctypes.data_as(llama_cpp.llama_token_data_p),
        size=len(candidates),
        selected=-1,
        sorted=False,
    )
    llama_cpp.llama_sampler_apply(chain, ctypes.pointer(array))
    token = int(candidates["id"][array.selected])
    llama_cpp.llama_sampler_accept(chain, token)
    return token


@pytest.mark.slow
@pytest.mark.parametrize("model", [ProseDraft, FullDraft], ids=lambda m: m.__name__)
def test_processor_matches_llama_cpp_chain_on_random_logits(backend: Any, model: Any) -> None:
    """Random logits reach grammar states the model never would, EOS pressed at every step."""
    import llama_cpp

    llama = backend.llama
    grammar = grammar_for_response_format(
        {"type": "json_object", "schema": model.model_json_schema()}
    )
    vocab = llama_cpp.llama_model_get_vocab(llama.model)
    eog = [t for t in range(llama.n_vocab()) if llama_cpp.llama_vocab_is_eog(vocab, t)]
    rng = np.random.default_rng(3)
    full_scans = rejected = 0
    for walk in range(4):
        chain = native_chain(llama, grammar, 1.1)
        processor = LazyGrammarProcessor.for_llama(llama, grammar, repeat_penalty=1.1)
        try:
            ids = [1, 2, 3]
            for _ in range(120):
                logits = rng.normal(scale=3.0, size=llama.n_vocab()).astype(np.single)
                logits[eog] = logits.max() + walk  # EOS wins whenever it is allowed
                out = processor(np.array(ids, dtype=np.intc), logits.copy())
                token = int(np.argmax(out))
                assert token == chain_pick(chain, logits)
                if token in eog:
                    break
                ids.append(token)
            assert processor.error is None
            full_scans += processor.stats.full_scans
            rejected += processor.stats.rejected
        finally:
            processor.close()
            llama_cpp.llama_sampler_free(chain)
    assert rejected > 0 and full_scans > 0


@pytest.mark.slow
def test_bad_grammar_is_a_value_error_and_samplers_free_twice(backend: Any) -> None:
    with pytest.raises(ValueError, match="grammar"):
        NativeSampler.grammar(backend.llama, "root ::= nonsense(")
    sampler = NativeSampler.grammar(backend.llama, 'root ::= "x"')
    sampler.close()
    sampler.close()
    with pytest.raises(RuntimeError):
        sampler.accept(1)
