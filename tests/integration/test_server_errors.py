"""What a failing server said reaches the one-line error (its JSON error, an HTML error page
reduced to text, cut short), a body over the cap is refused instead of read whole, and a key
in the URL's query string is never printed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summariser.backends.http_errors import MAX_BODY_BYTES
from summariser.cli import app
from tests.helpers import free_port
from tests.servers.common import LoopbackServer, Reply

runner = CliRunner()


class ScriptedServer(LoopbackServer):
    """Answers every request with `reply()`; counts them."""

    def __init__(self, reply: Callable[[], Reply]) -> None:
        super().__init__(max_seconds=120)
        self.reply = reply

    def answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        return self.reply()


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "bulletin.txt"
    path.write_text("The council in Kabul approved a budget on Monday.\n", encoding="utf-8")
    return path


def summarise(bulletin: Path, url: str, **env: str) -> Any:
    return runner.invoke(
        app,
        [
            str(bulletin),
            "--base-url",
            url,
            "--model",
            "m",
            "--no-cache",
            "--quiet",
            "--timeout",
            "5",
        ],
        env={"SUMMARISER_TRANSPORT_BUDGET": "3", **env},
    )


def one_line(result: Any) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("summarise: error: "), result.output
    return lines[0]


def test_a_json_error_string_is_shown(bulletin: Path) -> None:
    with ScriptedServer(lambda: Reply.json(400, {"error": "model overloaded"})) as server:
        result = summarise(bulletin, server.base_url)
    assert "model overloaded" in one_line(result)


def test_an_html_error_page_is_shown_as_its_text_cut_short(bulletin: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title>"
        "<style>body{color:red}</style></head><body><h1>Bad Gateway</h1>"
        f"<p>The upstream model host did not answer. {'x' * 5000}</p></body></html>"
    )
    reply = Reply(502, page.encode(), {"Content-Type": "text/html"})
    with ScriptedServer(lambda: reply) as server:
        result = summarise(bulletin, server.base_url)
    line = one_line(result)
    assert "The upstream model host did not answer" in line
    assert "<h1>" not in line and "color:red" not in line
    assert len(line) < 400


def test_a_key_echoed_in_an_error_body_is_redacted(bulletin: Path) -> None:
    key = f"sk-test-{uuid.uuid4().hex}"
    with ScriptedServer(lambda: Reply.json(500, {"error": f"bad key {key}"})) as server:
        result = summarise(bulletin, server.base_url, OPENAI_API_KEY=key)
    line = one_line(result)
    assert key not in line and "***" in line


def test_a_body_over_the_cap_is_refused_not_read(bulletin: Path) -> None:
    huge = b'{"id": "x", "choices": [], "pad": "' + b"a" * (MAX_BODY_BYTES + 10) + b'"}'
    with ScriptedServer(lambda: Reply(200, huge, {"Content-Type": "application/json"})) as server:
        result = summarise(bulletin, server.base_url)
        asked = len(server.chat_requests)
    assert result.exit_code in (1, 3), result.output
    assert "over 8 MB" in result.output
    assert asked == 1  # refused, not retried


def test_a_key_in_the_query_string_is_never_printed(bulletin: Path) -> None:
    secret = f"qs-{uuid.uuid4().hex}"
    url = f"http://127.0.0.1:{free_port()}/v1?api-key={secret}"
    result = summarise(bulletin, url)
    line = one_line(result)
    assert secret not in result.output
    assert "api-key=***" in line


def test_a_key_in_the_query_string_of_a_bad_url_is_never_printed(bulletin: Path) -> None:
    secret = f"qs-{uuid.uuid4().hex}"
    result = summarise(bulletin, f"ftp://host/v1?key={secret}")
    assert result.exit_code == 2
    assert secret not in one_line(result)


def test_a_key_in_the_query_string_stays_out_of_the_json(bulletin: Path) -> None:
    secret = f"qs-{uuid.uuid4().hex}"
    with ScriptedServer(lambda: Reply.json(503, {"error": {"message": "busy"}})) as server:
        result = runner.invoke(
            app,
            [str(bulletin), "--base-url", f"{server.base_url}?key={secret}", "--model", "m"]
            + ["--no-cache", "--quiet", "--format", "json", "--timeout", "5"],
            env={"SUMMARISER_TRANSPORT_BUDGET": "2"},
        )
    assert secret not in result.output
    if result.exit_code == 3:
        assert "busy" in json.dumps(json.loads(result.stdout)["stories"][0]["reason"])
