"""A newsroom HTML export is read as its headings and paragraphs, not as one story of tags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summariser.backends as backends
from summariser.backends.fake import FakeBackend
from summariser.cli import app
from summariser.inputs import read_text
from summariser.segment import segment
from tests.unit.test_output_safety import answer

runner = CliRunner()
EXPORT = """<!DOCTYPE html>
<html><head><title>Newsroom export</title><style>p { color: red }</style></head>
<body><nav>Home | World | Sport</nav>
<h2>Floods close road into Herat</h2>
<p>Flooding closed the main road into Herat on Monday, officials said.</p>
<p>Traffic was <b>diverted</b> through
   Adraskan for two days.</p>
<h2>Kabul council approves school budget</h2>
<p>The council in Kabul approved a new budget for schools. Teachers welcomed it.</p>
<script>var tracking = "<p>not a story</p>";</script>
</body></html>
"""


@pytest.mark.parametrize("name", ["export.html", "export.txt", "export"])
def test_an_html_export_is_its_headings_and_paragraphs(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(EXPORT, encoding="utf-8")
    text, _ = read_text(str(path))
    assert "<" not in text and "color" not in text and "Home | World" not in text
    stories = segment(text)
    assert [s.title for s in stories] == [
        "Floods close road into Herat",
        "Kabul council approves school budget",
    ]
    assert stories[0].paragraphs == [
        "Flooding closed the main road into Herat on Monday, officials said.",
        "Traffic was diverted through Adraskan for two days.",
    ]


def test_a_single_story_export_stays_one_story(tmp_path: Path) -> None:
    path = tmp_path / "one.html"
    path.write_text(
        "<html><body><h1>Harvest up near Kandahar</h1><p>Farmers reported a strong harvest.</p>"
        "<p>Prices fell in the markets.</p><p>Exports may follow.</p></body></html>",
        encoding="utf-8",
    )
    stories = segment(read_text(str(path))[0])
    assert len(stories) == 1 and stories[0].title == "Harvest up near Kandahar"
    assert len(stories[0].paragraphs) == 3


def test_an_html_fragment_is_read_as_html_by_its_name(tmp_path: Path) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text("<h3>Bridge reopens</h3>\n<p>The bridge in Orra reopened.</p>\n", "utf-8")
    assert segment(read_text(str(path))[0])[0].title == "Bridge reopens"


def test_plain_text_that_mentions_a_tag_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "bulletin.txt"
    body = "The ministry's site showed an <html> error page on Monday, officials said.\n"
    path.write_text(body, encoding="utf-8")
    assert read_text(str(path))[0] == body


def test_offsets_index_the_converted_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    backend = FakeBackend(default=answer)
    monkeypatch.setattr(backends, "create_backend", lambda config: backend)
    path = tmp_path / "export.html"
    path.write_text(EXPORT, encoding="utf-8")
    result = runner.invoke(app, [str(path), "--format", "json", "--no-cache", "--quiet"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    text, _ = read_text(str(path))
    assert [s["title"] for s in data["stories"]] == [
        "Floods close road into Herat",
        "Kabul council approves school budget",
    ]
    for story in data["stories"]:
        assert "<" not in story["headline"] + story["summary"]
        for place in story["places"]:
            evidence = place["evidence"]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
