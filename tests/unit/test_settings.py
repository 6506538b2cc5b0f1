"""Bad settings are heard: an environment value below a flag's minimum is the flag's usage
error (exit 2), and a cache folder that cannot be used is a warning line, not silence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summariser.backends as backends
from summariser.backends.fake import FakeBackend
from summariser.cli import app
from tests.unit.test_output_safety import BULLETIN, answer

runner = CliRunner()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeBackend:
    backend = FakeBackend(default=answer)
    monkeypatch.setattr(backends, "create_backend", lambda config: backend)
    return backend


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name, value",
    [
        ("SUMMARISER_TIMEOUT", "-1"),
        ("SUMMARISER_TIMEOUT", "0.5"),
        ("SUMMARISER_TIMEOUT", "nan"),
        ("SUMMARISER_CONCURRENCY", "0"),
        ("SUMMARISER_MAX_TOKENS", "5"),
        ("SUMMARISER_MAX_REASKS", "-3"),
        ("SUMMARISER_TRANSPORT_BUDGET", "-10"),
    ],
)
def test_an_environment_value_below_the_minimum_is_exit_2(
    fake: FakeBackend, bulletin: Path, name: str, value: str
) -> None:
    result = runner.invoke(app, [str(bulletin), "--no-cache"], env={name: value})
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"summarise: error: {name}="), result.output
    assert fake.calls == []


def test_an_environment_value_at_the_minimum_is_accepted(fake: FakeBackend, bulletin: Path) -> None:
    result = runner.invoke(
        app, [str(bulletin), "--no-cache", "--quiet"], env={"SUMMARISER_TIMEOUT": "1"}
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("how", ["a file", "under a file"])
def test_a_cache_dir_that_is_a_file_is_a_warning(
    fake: FakeBackend, bulletin: Path, tmp_path: Path, how: str
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    cache = blocker if how == "a file" else blocker / "cache"
    result: Any = runner.invoke(app, [str(bulletin), "--cache-dir", str(cache), "--quiet"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1 and "not a folder" in warnings[0], result.stderr
    assert blocker.read_text(encoding="utf-8") == "x"
