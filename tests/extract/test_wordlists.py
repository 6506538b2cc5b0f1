"""The word lists in summariser/data/lexicon/: each a table with a one-line doc and one list."""

from __future__ import annotations

from pathlib import Path

import pytest

from summariser import wordlists
from summariser.errors import ConfigError


def test_every_table_has_a_one_line_doc_and_one_list() -> None:
    tables = wordlists._tables()
    assert len(tables) >= 30
    for name, table in tables.items():
        assert table["doc"].strip() and "\n" not in table["doc"], name
        entries = wordlists.words(name) if "words" in table else wordlists.patterns(name)
        assert entries and all(e == e.strip() for e in entries), name


def test_order_is_kept_and_kinds_are_apart() -> None:
    assert wordlists.words("honorifics")[:2] == ("Mr", "Mr.")
    assert wordlists.alternation("speaker_nouns").startswith("official|coordinator|")
    with pytest.raises(ConfigError, match="no word list speaker_nouns with words"):
        wordlists.words("speaker_nouns")
    with pytest.raises(ConfigError, match="no word list no_such_list"):
        wordlists.words("no_such_list")


def test_a_malformed_table_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.toml").write_text('[x]\ndoc = "d"\nwords = ["a"]\n', "utf-8")
    (tmp_path / "b.toml").write_text('[y]\nwords = ["a"]\n', "utf-8")

    class _Files:
        def joinpath(self, _name: str) -> Path:
            return tmp_path

    monkeypatch.setattr(wordlists.resources, "files", lambda _package: _Files())
    wordlists._tables.cache_clear()
    try:
        with pytest.raises(ConfigError, match="word list y .* needs a doc"):
            wordlists._tables()
    finally:
        monkeypatch.undo()
        wordlists._tables.cache_clear()
