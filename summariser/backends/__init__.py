"""Backends behind one interface; heavy SDKs are imported only when a backend is built."""

from __future__ import annotations

from ..config import Config
from .base import Backend, Extraction

__all__ = ["Backend", "Extraction", "create_backend"]


def create_backend(config: Config) -> Backend:
    """The backend a configuration asks for: remote when a URL or model is named."""
    if config.backend_kind == "openai":
        from .openai_compat import OpenAICompatBackend

        return OpenAICompatBackend(config)
    from .embedded import EmbeddedBackend

    return EmbeddedBackend(config.model_path, n_ctx=config.n_ctx, n_threads=config.n_threads)
