"""Greedy JSON-grammar decoding that consults the grammar only when it has to.

llama-cpp-python puts the grammar sampler in its chain, so the grammar judges all ~49k
tokens of the vocabulary at every step: for a model as small as SmolLM2-135M that costs as
much as the forward pass itself (about 9 ms a token on two cores, against 1 ms here, and
far more when the cores are shared). llama.cpp's own sampler avoids that: it picks the best
token first and asks the grammar about that one token, scanning the vocabulary only when the
token is rejected. With greedy decoding this picks exactly the tokens full constrained
decoding picks: the best allowed token is the best token whenever that one is allowed.

`LazyGrammarProcessor` does this as a llama-cpp-python logits processor. It owns native
llama.cpp grammar and penalties samplers (the same code the chain would run), applies the
repeat penalty itself, chooses the token and leaves only that token possible, so the
chain's greedy sampler takes it. The caller must therefore neither pass the grammar nor a
penalty to llama-cpp-python (see `take_penalties`).
"""

from __future__ import annotations

import ctypes
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

#: llama.cpp's `llama_token_data`: the candidate list every sampler reads and edits in place.
TOKEN_DATA = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)

#: Candidates tried when the best token is rejected, before the whole vocabulary is scanned;
#: the grammar's choice is nearly always among the model's best few.
NEAR_MISS_CANDIDATES = 64

#: Request keys the lazy path reproduces exactly; anything else takes the full-grammar path.
#: (Sampling knobs other than temperature are inert under greedy decoding.)
LAZY_SAFE_KEYS = frozenset(
    {
        "messages",
        "max_tokens",
        "temperature",
        "response_format",
        "repeat_penalty",
        "frequency_penalty",
        "presence_penalty",
        "stop",
        "seed",
        "top_p",
        "top_k",
        "min_p",
        "typical_p",
        "stream",
    }
)


def grammar_for_response_format(response_format: Mapping[str, Any]) -> str:
    """The GBNF text llama-cpp-python's chat handler builds for a json_object format.

    Mirrors `llama_chat_format._grammar_for_response_format`, fallback included, so the
    lazy path constrains to the very grammar the full path would.
    """
    from llama_cpp import llama_grammar

    if "schema" not in response_format:
        return llama_grammar.JSON_GBNF
    try:
        return llama_grammar.json_schema_to_gbnf(json.dumps(response_format["schema"]))
    except Exception:  # noqa: BLE001 - llama-cpp-python falls back on any failure too
        return llama_grammar.JSON_GBNF


def lazy_grammar_applies(kwargs: Mapping[str, Any]) -> bool:
    """Whether a request can take the lazy path and still decode token for token the same.

    Only greedy (temperature exactly 0: llama-cpp-python samples at random below 0 and
    defaults to 0.2), non-streamed requests for a json_object format with nothing else that
    would change the sampler chain (a grammar, processors, logit bias, tools).
    """
    response_format = kwargs.get("response_format")
    return (
        isinstance(response_format, Mapping)
        and response_format.get("type") == "json_object"
        and kwargs.get("temperature") == 0
        and not kwargs.get("stream", False)
        and set(kwargs) <= LAZY_SAFE_KEYS
    )


class TokenSampler(Protocol):
    """The two operations of a llama.cpp sampler the processor needs."""

    def apply(self, candidates: npt.NDArray[Any]) -> None:
        """Edit `candidates` (a TOKEN_DATA array) in place."""

    def accept(self, token: int) -> None:
        """Advance past a generated token."""

    def close(self) -> None:
        """Free the native sampler; safe to call twice."""


class NativeSampler:
    """One llama.cpp sampler outside any chain, so it is ours to free."""

    def __init__(self, handle: Any, what: str) -> None:
        import llama_cpp

        if not handle:
            raise ValueError(f"llama.cpp could not build the {what} sampler")
        self._handle: Any = handle
        self._lib = llama_cpp  # kept: close() may run at interpreter exit, past imports

    @classmethod
    def grammar(cls, llama: Any, grammar_text: str, root: str = "root") -> NativeSampler:
        import llama_cpp

        vocab = llama_cpp.llama_model_get_vocab(llama.model)
        handle = llama_cpp.llama_sampler_init_grammar(
            vocab, grammar_text.encode("utf-8"), root.encode("utf-8")
        )
        return cls(handle, "grammar")

    @classmethod
    def penalties(
        cls, llama: Any, repeat: float, frequency: float, presence: float
    ) -> NativeSampler:
        """The penalties sampler exactly as llama-cpp-python configures it in its chain."""
        import llama_cpp

        handle = llama_cpp.llama_sampler_init_penalties(
            llama.n_vocab(), llama.last_n_tokens_size, repeat, frequency, presence
        )
        return cls(handle, "penalties")

    def apply(self, candidates: npt.NDArray[Any]) -> None:
        lib = self._lib
        array = lib.llama_token_data_array(
            data=candidates.ctypes.data_as(lib.llama_token_data_p),
            size=len(candidates),
            selected=-1,
            sorted=False,
        )
        data = ctypes.addressof(array.data.contents)
        lib.llama_sampler_apply(self._live(), ctypes.pointer(array))
        # The processor reads the candidates back in place; a sampler that moved or shrank
        # the list (grammar and penalties do neither) would make it read the wrong tokens.
        if array.size != len(candidates) or ctypes.addressof(array.data.contents) != data:
            raise RuntimeError("a llama.cpp sampler moved the candidate list")

    def accept(self, token: int) -> None:
        self._lib.llama_sampler_accept(self._live(), token)

    def _live(self) -> Any:
        if self._handle is None:
            raise RuntimeError("llama.cpp sampler used after close()")
        return self._handle

    def close(self) -> None:
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None:
            self._lib.llama_sampler_free(handle)

    def __del__(self) -> None:
        self.close()


@dataclass
class LazyStats:
    """How often the shortcut held; the full scans are what costs time."""

    steps: int = 0
    rejected: int = 0
    full_scans: int = 0


SamplerFactory = Callable[[], tuple[TokenSampler, TokenSampler]]


class LazyGrammarProcessor:
    """A logits processor that makes greedy decoding follow a grammar, checked lazily.

    Each call: catch up on the token generated since the last call (it must be the one
    chosen then), penalise as the chain would, take the best token, and check it, then its
    near misses, then the whole vocabulary, against the grammar. The returned logits leave
    only the chosen token possible. An unexpected failure inside the callback cannot be
    raised through llama-cpp-python's C callback, so it is kept in `error`, generation is
    ended with EOS, and the caller raises it.
    """

    def __init__(
        self,
        make_samplers: SamplerFactory,
        *,
        n_vocab: int,
        eos: int,
        grammar_text: str = "",
        penalties: Mapping[str, float] | None = None,
    ) -> None:
        self._make_samplers = make_samplers
        # What the samplers were built from, so that a benchmark can replay the same request
        # through llama-cpp-python's own grammar and penalty path.
        self.grammar_text = grammar_text
        self.penalties = dict(penalties or {})
        self._grammar, self._penalties = make_samplers()
        self.n_vocab = n_vocab
        self.eos = eos
        self.stats = LazyStats()
        self.error: Exception | None = None
        self._seen: int | None = None  # length of the token history already accepted
        self._chosen: int | None = None
        self._candidates = np.zeros(n_vocab, dtype=TOKEN_DATA)
        self._ids = np.arange(n_vocab, dtype=np.intc)

    @classmethod
    def for_llama(
        cls,
        llama: Any,
        grammar_text: str,
        *,
        repeat_penalty: float = 1.0,
        frequency_penalty: float = 0.0,
        presence_penalty: float = 0.0,
    ) -> LazyGrammarProcessor:
        """A processor for one generation on `llama` (a `llama_cpp.Llama`)."""

        def make_samplers() -> tuple[TokenSampler, TokenSampler]:
            grammar = NativeSampler.grammar(llama, grammar_text)
            try:
                penalties = NativeSampler.penalties(
                    llama, repeat_penalty, frequency_penalty, presence_penalty
                )
            except BaseException:
                grammar.close()
                raise
            return grammar, penalties

        return cls(
            make_samplers,
            n_vocab=int(llama.n_vocab()),
            eos=int(llama.token_eos()),
            grammar_text=grammar_text,
            penalties={
                "repeat_penalty": repeat_penalty,
                "frequency_penalty": frequency_penalty,
                "presence_penalty": presence_penalty,
            },
        )

    def __call__(
        self, input_ids: npt.NDArray[np.intc], scores: npt.NDArray[np.single]
    ) -> npt.NDArray[np.single]:
        if self.error is None:
            try:
                self._catch_up(input_ids)
                self._chosen = self._choose(scores)
                self.stats.steps += 1
                return self._only(self._chosen)
            except Exception as exc:  # noqa: BLE001 - surfaced by the caller, see class doc
                self.error = exc
        return self._only(self.eos)

    def _catch_up(self, input_ids: npt.NDArray[np.intc]) -> None:
        """Accept the token generated since the last call into both samplers."""
        if self._seen is None:  # first call: the history is the prompt
            self._seen = len(input_ids)
            return
        new = [int(token) for token in input_ids[self._seen :]]
        if new != [self._chosen]:
            raise RuntimeError(
                f"generation went off the grammar: expected token {self._chosen}, got {new}"
            )
        self._grammar.accept(new[0])
        self._penalties.accept(new[0])
        self._seen = len(input_ids)

    def _choose(self, scores: npt.NDArray[np.single]) -> int:
        candidates = self._candidates
        candidates["id"] = self._ids
        candidates["logit"] = scores
        self._penalties.apply(candidates)
        logits = candidates["logit"]
        best = int(np.argmax(logits))  # first of equals, as llama.cpp's greedy sampler
        if self._allowed(np.array([best], dtype=np.intc))[0]:
            return best
        self.stats.rejected += 1
        near = self._near_misses(logits)
        allowed = self._allowed(near)
        if allowed.any():
            return int(near[int(np.argmax(allowed))])
        self.stats.full_scans += 1
        self._grammar.apply(candidates)
        masked = candidates["logit"]
        best = int(np.argmax(masked))
        if not np.isfinite(masked[best]):
            raise RuntimeError("the grammar allows no next token")
        return best

    def _near_misses(self, logits: npt.NDArray[np.single]) -> npt.NDArray[np.intc]:
        """The best tokens, best first, ties by id; every token tied with the last is in.

        So the first allowed one is the best allowed token of the whole vocabulary, as far
        as the set reaches: any token left out scores strictly lower.
        """
        k = min(NEAR_MISS_CANDIDATES, len(logits))
        threshold = np.partition(logits, len(logits) - k)[len(logits) - k]
        ids = np.flatnonzero(logits >= threshold).astype(np.intc)
        return ids[np.lexsort((ids, -logits[ids]))]

    def _allowed(self, ids: npt.NDArray[np.intc]) -> npt.NDArray[np.bool_]:
        """Which of `ids` the grammar accepts next (it sets the others to -inf)."""
        probe = np.zeros(len(ids), dtype=TOKEN_DATA)
        probe["id"] = ids
        self._grammar.apply(probe)
        return np.isfinite(probe["logit"])

    def _only(self, token: int) -> npt.NDArray[np.single]:
        out = np.full(self.n_vocab, -np.inf, dtype=np.single)
        out[token] = 0.0
        return out

    def close(self) -> None:
        """Free the native samplers; safe to call twice."""
        self._grammar.close()
        self._penalties.close()

    def __enter__(self) -> LazyGrammarProcessor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __deepcopy__(self, memo: dict[int, Any]) -> LazyGrammarProcessor:
        """A fresh processor: a copy is taken to replay a recorded call from its start."""
        return LazyGrammarProcessor(
            self._make_samplers,
            n_vocab=self.n_vocab,
            eos=self.eos,
            grammar_text=self.grammar_text,
            penalties=self.penalties,
        )


def take_penalties(kwargs: dict[str, Any]) -> dict[str, float]:
    """Move the penalties out of a request: the processor applies them, and only it.

    The request keeps neutral values, so llama-cpp-python's own penalties sampler is a no-op;
    the defaults are `Llama.create_chat_completion`'s.
    """
    taken = {
        "repeat_penalty": float(kwargs.get("repeat_penalty", 1.0)),
        "frequency_penalty": float(kwargs.get("frequency_penalty", 0.0)),
        "presence_penalty": float(kwargs.get("presence_penalty", 0.0)),
    }
    kwargs.update(repeat_penalty=1.0, frequency_penalty=0.0, presence_penalty=0.0)
    return taken
