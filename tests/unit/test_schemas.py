"""The exported JSON Schemas are the contract; a stale export fails here."""

from __future__ import annotations

from pathlib import Path

from summariser.schemas import schema_files

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


def test_exported_schemas_are_current() -> None:
    expected = schema_files()
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(expected)
    for name, content in expected.items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == content, (
            f"schemas/{name} is stale: run `python -m summariser.schemas`"
        )


def test_contract_field_names_are_present() -> None:
    story = schema_files()["briefing.json"]
    for field in (
        '"stories"',
        '"meta"',
        '"headline"',
        '"summary"',
        '"people"',
        '"organisations"',
        '"places"',
        '"figures"',
        '"dates"',
        '"quotes"',
        '"source"',
        '"speaker"',
        '"context"',
    ):
        assert field in story


def test_prompts_and_schemas_ship_in_the_wheel(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    root = SCHEMAS.parent
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(root), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("summariser-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ("summariser/prompt_templates/story.toml",
                     "summariser/json_schemas/briefing.json",
                     "summariser/data/place_aliases.json"):
        assert expected in names


def test_top_level_prompts_and_schemas_are_the_package_files() -> None:
    """The checkout's `prompts/` and `schemas/` are what people read and review; they must be
    the very files the package loads, not copies that can drift apart."""
    import summariser
    from summariser.prompts import PROMPT_DIR
    from summariser.schemas import SCHEMA_DIR

    package = Path(summariser.__file__).resolve().parent
    root = SCHEMAS.parent
    assert (root / "prompts").resolve() == package / PROMPT_DIR
    assert (root / "schemas").resolve() == package / SCHEMA_DIR


def test_story_prompt_loads_and_a_missing_one_is_a_prompt_error() -> None:
    import pytest

    from summariser.errors import PromptError
    from summariser.prompts import load_story_prompt

    prompt = load_story_prompt()
    assert prompt.name == "story" and prompt.version.startswith("story-")
    assert "$story" in prompt.user_prose
    with pytest.raises(PromptError, match="no_such_prompt.toml not found"):
        load_story_prompt("no_such_prompt")
