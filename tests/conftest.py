"""Shared fixtures: user state in a temporary folder, and paths of the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_308f2c399fe30051.txt"


@pytest.fixture(autouse=True)
def isolated_user_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads or writes the real cache, or inherits a key or endpoint."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "SUMMARISER_BASE_URL",
        "SUMMARISER_MODEL",
        "SUMMARISER_MODEL_PATH",
        "SUMMARISER_CACHE_DIR",
        "SUMMARISER_ENTITY_MODE",
        "SUMMARISER_PROSE_CHECK",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
