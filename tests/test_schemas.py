"""The exported JSON Schemas are the contract; a stale export fails here."""

from __future__ import annotations

from pathlib import Path

from summariser.schemas import schema_files

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


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
