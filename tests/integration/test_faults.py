"""Faults on the OpenAI-compatible path, through the real CLI (a subprocess) against real HTTP
servers on 127.0.0.1: the fake model server, the fault-injecting proxy in front of it, and
(slow) the proxy in front of a real llama.cpp server.

- transient faults (connection reset, a hang past --timeout, 500, 503, a cut or non-JSON
  body) are retried inside the backend: exit 0, one extra upstream request, no re-ask;
- 429 with Retry-After is waited out (measured); a Retry-After beyond the budget is not;
- invalid answers (cut off without reaching the limit, not JSON, wrong fields) are re-asked
  by instructor with the error: exit 0, one extra request, the record counts the re-ask; an
  answer cut off at the token limit is asked again once with twice the limit, not re-asked;
- one story whose answers stay invalid: exit 0, that story is extractive (candidates and the
  story's lead) with its reason; one story the server keeps failing: exit 3, that story is
  listed as not_summarised with its reason; the others are fine either way;
- a dead server: exit 1 with one line, quickly (the endpoint is given up on, not retried for
  every story); a server that dies mid-run: exit 3, the stories before it are kept.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, run_cli
from tests.servers.common import Fault, FaultPlan
from tests.servers.fake_openai import FakeOpenAIServer
from tests.servers.fault_proxy import FaultProxy

BULLETIN = (
    "Flooding closed the main road into Herat on Monday, officials said. Traffic was diverted.\n"
    "\n"
    "The council in Kabul approved a new budget for schools. Teachers welcomed it.\n"
    "\n"
    "Farmers near Kandahar reported a strong pomegranate harvest this year.\n"
)
STORIES = 3


@pytest.fixture
def bulletin(tmp_path: Path) -> Path:
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    return path


def summarise(
    bulletin: Path,
    url: str,
    *extra: str,
    budget: float = 5,
    quiet: bool = True,
    model: bool = True,
    env: dict[str, str] | None = None,
) -> tuple[subprocess.CompletedProcess[str], dict[str, Any] | None, float]:
    args = [
        str(bulletin),
        "--base-url",
        url,
        "--no-cache",
        "--timeout",
        "1",
        "--format",
        "json",
        "--concurrency",
        "1",
    ]
    if model:
        args += ["--model", "fake-model"]
    if quiet:
        args.append("--quiet")
    started = time.monotonic()
    result = run_cli(
        *args, *extra, env={"SUMMARISER_TRANSPORT_BUDGET": str(budget), **(env or {})}, timeout=300
    )
    elapsed = time.monotonic() - started
    assert "Traceback" not in result.stderr, result.stderr
    data = json.loads(result.stdout) if result.returncode in (0, 3) else None
    return result, data, elapsed


def statuses(data: dict[str, Any] | None) -> list[str]:
    assert data is not None
    return [story["status"] for story in data["stories"]]


def formats(server: FakeOpenAIServer) -> list[str | None]:
    return [(r.json().get("response_format") or {}).get("type") for r in server.chat_requests]


# --------------------------------------------------------------------------- transient faults

TRANSIENT = [
    ("reset", Fault.refuse(), STORIES),
    ("hang-past-timeout", Fault.hang(3), STORIES),
    ("http-500", Fault.http(500), STORIES),
    ("http-503", Fault.http(503), STORIES),
    ("truncated-body", Fault.truncated_body(), STORIES + 1),
    ("malformed-body", Fault.malformed_body(), STORIES),
]


@pytest.mark.parametrize(
    ("fault", "upstream_requests"), [t[1:] for t in TRANSIENT], ids=[t[0] for t in TRANSIENT]
)
def test_a_transient_fault_is_retried_and_the_run_succeeds(
    bulletin: Path, fault: Fault, upstream_requests: int
) -> None:
    with FakeOpenAIServer() as upstream, FaultProxy(upstream.base_url, FaultPlan(fault)) as proxy:
        result, data, _ = summarise(bulletin, proxy.base_url)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert statuses(data) == ["summarised"] * STORIES
    assert [r.fault for r in proxy.chat_requests] == [fault.kind] + [None] * STORIES
    assert len(upstream.chat_requests) == upstream_requests
    assert data is not None
    # Transport retries happen below instructor: they are not re-asks.
    assert [s["usage"]["attempts"] for s in data["stories"]] == [1] * STORIES
    # A 500 is a server fault, not a refusal of json_schema: the format stays json_schema.
    assert set(formats(upstream)) == {"json_schema"}


def test_retry_after_is_honoured(bulletin: Path) -> None:
    with (
        FakeOpenAIServer() as upstream,
        FaultProxy(upstream.base_url, FaultPlan(Fault.http(429, retry_after=1))) as proxy,
    ):
        result, data, _ = summarise(bulletin, proxy.base_url)
    assert result.returncode == 0, result.stderr
    assert statuses(data) == ["summarised"] * STORIES
    first, second = proxy.chat_requests[:2]
    assert first.fault == "http" and second.fault is None
    assert second.at - first.at >= 0.95
    assert len(upstream.chat_requests) == STORIES


def test_a_retry_after_beyond_the_budget_is_not_waited_for(bulletin: Path) -> None:
    with FakeOpenAIServer(plan=FaultPlan(Fault.http(429, retry_after=30))) as server:
        result, data, elapsed = summarise(bulletin, server.base_url, budget=5)
    assert result.returncode == 3
    assert statuses(data) == ["not_summarised", "summarised", "summarised"]
    assert data is not None and "HTTP 429" in data["stories"][0]["reason"]
    assert len(server.chat_requests) == STORIES
    assert elapsed < 30


# --------------------------------------------------------------------------- invalid answers

INVALID = [
    ("truncated", Fault.truncated_answer(finish_reason="stop")),
    ("malformed", Fault.malformed_answer()),
    ("schema-violating", Fault.schema_violation()),
]


@pytest.mark.parametrize("fault", [i[1] for i in INVALID], ids=[i[0] for i in INVALID])
def test_an_invalid_answer_is_reasked_and_the_run_succeeds(bulletin: Path, fault: Fault) -> None:
    with FakeOpenAIServer() as upstream, FaultProxy(upstream.base_url, FaultPlan(fault)) as proxy:
        result, data, _ = summarise(bulletin, proxy.base_url)
    assert result.returncode == 0, result.stderr
    assert statuses(data) == ["summarised"] * STORIES
    assert len(proxy.chat_requests) == len(upstream.chat_requests) == STORIES + 1
    first, reask = (r.json() for r in proxy.chat_requests[:2])
    assert len(reask["messages"]) > len(first["messages"])  # the answer and the errors went back
    assert reask["messages"][-1]["role"] == "user"
    assert "Herat" in proxy.chat_requests[1].story
    assert data is not None
    herat = data["stories"][0]
    assert herat["usage"]["attempts"] == 2 and herat["grounding"]["reasks"] == 1
    assert [s["usage"]["attempts"] for s in data["stories"][1:]] == [1, 1]


def test_an_answer_cut_at_the_token_limit_is_asked_again_with_twice_the_limit(
    bulletin: Path,
) -> None:
    fault = Fault.truncated_answer(finish_reason="length")
    with FakeOpenAIServer() as upstream, FaultProxy(upstream.base_url, FaultPlan(fault)) as proxy:
        result, data, _ = summarise(bulletin, proxy.base_url)
    assert result.returncode == 0, result.stderr
    assert statuses(data) == ["summarised"] * STORIES
    assert len(proxy.chat_requests) == STORIES + 1
    first, again = (r.json() for r in proxy.chat_requests[:2])
    assert again["messages"] == first["messages"]  # not a re-ask: the answer was only cut
    assert again["max_tokens"] == 2 * first["max_tokens"]
    assert data is not None
    herat = data["stories"][0]
    assert herat["usage"]["attempts"] == 2 and herat["grounding"]["reasks"] == 0


# --------------------------------------------------------------------------- persistent failure


def test_a_story_the_server_keeps_failing_is_exit_3_and_the_others_are_fine(bulletin: Path) -> None:
    plan = FaultPlan().when("Kabul", Fault.http(503))
    with FakeOpenAIServer(plan=plan) as server:
        result, data, _ = summarise(bulletin, server.base_url, budget=2, quiet=False)
    assert result.returncode == 3
    assert statuses(data) == ["summarised", "not_summarised", "summarised"]
    assert data is not None
    assert data["stories"][1]["reason"].startswith("model unavailable: server answered HTTP 503")
    assert data["meta"]["failed"] == 1
    kabul = [r for r in server.chat_requests if "Kabul" in r.story]
    assert len(kabul) >= 2 and all(r.fault == "http" for r in kabul)
    assert len(server.chat_requests) == len(kabul) + 2
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("model", [True, False], ids=["named-model", "discovered-model"])
def test_a_dead_server_is_exit_1_with_one_line_and_fails_fast(bulletin: Path, model: bool) -> None:
    server = FakeOpenAIServer().start()
    url = server.base_url
    server.stop()  # nothing listens on that port any more
    four = bulletin.parent / "four.txt"
    four.write_text(BULLETIN + "\nA fourth story about Mazar.\n", encoding="utf-8")
    result, _, elapsed = summarise(four, url, budget=5, model=model)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summarise: error: ") and "connection refused" in lines[0]
    assert url in lines[0]
    assert result.stdout == ""
    # One transport budget for the run, not one per story (4 x 5 s).
    assert elapsed < 17


def test_a_server_that_dies_mid_run_keeps_the_stories_before_it(bulletin: Path) -> None:
    with (
        FakeOpenAIServer() as upstream,
        FaultProxy(upstream.base_url, FaultPlan(die_after=1)) as proxy,
    ):
        result, data, _ = summarise(bulletin, proxy.base_url, budget=3)
    assert result.returncode == 3
    assert statuses(data) == ["summarised", "not_summarised", "not_summarised"]
    assert data is not None
    for story in data["stories"][1:]:
        assert story["reason"].startswith("model unavailable: cannot reach")
        assert "connection refused" in story["reason"]
    assert len(upstream.chat_requests) == 1
    # One transport budget (3 s) for the stories after the server died, not one each. Read
    # from the stories' own model-call time, not the run's wall clock, which also counts
    # loading the NLP model (slow on a loaded machine; it once failed a 20 s bound at 30 s).
    after = sum(story["usage"]["seconds"] for story in data["stories"][1:])
    assert after < 2 * 3, after


# --------------------------------------------------------------------------- formats


def test_a_server_that_refuses_json_schema_gets_json_object_for_the_rest_of_the_run(
    bulletin: Path,
) -> None:
    with FakeOpenAIServer(reject_json_schema=True) as server:
        result, data, _ = summarise(bulletin, server.base_url, model=False)
    assert result.returncode == 0, result.stderr
    assert statuses(data) == ["summarised"] * STORIES
    assert formats(server) == ["json_schema"] + ["json_object"] * STORIES
    for request in server.chat_requests[1:]:
        body = request.json()
        # The schema goes beside json_object (a llama.cpp server builds its grammar from
        # it), not into the prompt: every answer here already has its shape.
        assert "JSON Schema" not in body["messages"][0]["content"]
        assert body["response_format"].get("schema")


def test_a_server_that_ignores_the_schema_beside_json_object_gets_it_in_words(
    bulletin: Path,
) -> None:
    """The first answer without the schema's shape is asked again with the schema written
    into the prompt, and so is every later request of the run: one extra request a run."""
    with FakeOpenAIServer(reject_json_schema=True, schema_in_words_only=True) as server:
        result, data, _ = summarise(bulletin, server.base_url, model=False)
    assert result.returncode == 0, result.stderr
    assert statuses(data) == ["summarised"] * STORIES
    assert formats(server) == ["json_schema"] + ["json_object"] * (STORIES + 1)
    told = ["JSON Schema" in r.json()["messages"][0]["content"] for r in server.chat_requests[1:]]
    assert told == [False] + [True] * STORIES


def test_at_concurrency_every_refused_probe_falls_back_and_the_run_succeeds(
    bulletin: Path,
) -> None:
    """Requests sent before the first answer each probe json_schema: all fall back. A story
    that starts after a fallback (here the last, when a worker frees up) does not probe.

    Arrival order at the server proves nothing here: a probe sent just before the first
    refusal came back may reach the server after that story's fallback.
    """
    workers = STORIES - 1
    with FakeOpenAIServer(reject_json_schema=True) as server:
        result, data, _ = summarise(bulletin, server.base_url, "--concurrency", str(workers))
    assert result.returncode == 0, result.stderr
    assert statuses(data) == ["summarised"] * STORIES
    sent = formats(server)
    assert sent.count("json_object") == STORIES
    assert 1 <= sent.count("json_schema") <= workers


def test_probing_the_format_does_not_hold_the_other_stories_back(bulletin: Path) -> None:
    """Every story's first request is in flight at once, probe included: none waits for the
    probe's answer (a lock around it would cost every other story a whole answer)."""
    import threading

    from summariser.backends import create_backend
    from summariser.config import Config
    from summariser.pipeline import summarise_text
    from tests.servers.fake_openai import draft_for

    together = threading.Barrier(STORIES, timeout=10)
    held_back: list[str] = []

    def answer_when_all_arrived(story: str, request: dict[str, Any]) -> dict[str, Any]:
        try:
            together.wait()
        except threading.BrokenBarrierError:
            held_back.append(story)
        return draft_for(story)

    with FakeOpenAIServer(content=answer_when_all_arrived) as server:
        config = Config.resolve(
            base_url=server.base_url, model="fake-model", concurrency=STORIES, use_cache=False
        )
        backend = create_backend(config)
        try:
            briefing = summarise_text(bulletin.read_text(encoding="utf-8"), config, backend)
        finally:
            backend.close()
    assert [s.status for s in briefing.stories] == ["summarised"] * STORIES
    assert held_back == []
    assert formats(server) == ["json_schema"] * STORIES


def test_requests_go_out_as_the_client_would_send_them_itself() -> None:
    """The backend hands its fields to the openai client as extra body (so the client does not
    walk them first); on the wire that must be the body and headers of a plain typed call."""
    import openai

    from summariser.backends import create_backend
    from summariser.config import Config

    messages = [
        {"role": "system", "content": "Be careful. “Quotes” ‹‹‹ é"},
        {"role": "user", "content": "Story:\n<<<\nA story.\n>>>"},
    ]
    schema = {"type": "object", "properties": {"headline": {"type": "string"}}}
    response_format = {"type": "json_schema", "json_schema": {"name": "Draft", "schema": schema}}
    with FakeOpenAIServer(api_key="sk-wire") as server:
        config = Config.resolve(
            base_url=server.base_url, model="fake-model", api_key="sk-wire", use_cache=False
        )
        backend = create_backend(config)
        try:
            backend.create(
                messages=messages, max_tokens=300, temperature=0.0, response_format=response_format
            )
        finally:
            backend.close()
        client = openai.OpenAI(base_url=server.base_url, api_key="sk-wire", max_retries=0)
        try:
            client.chat.completions.create(
                model="fake-model",
                messages=messages,  # type: ignore[arg-type]
                max_tokens=300,
                temperature=0.0,
                response_format=response_format,  # type: ignore[arg-type]
            )
        finally:
            client.close()
        ours, plain = server.chat_requests
    assert ours.json() == plain.json()
    assert ours.json()["messages"] == messages
    varying = {"x-stainless-retry-count", "x-stainless-read-timeout", "content-length"}
    assert {k.lower(): v for k, v in ours.headers.items() if k.lower() not in varying} == {
        k.lower(): v for k, v in plain.headers.items() if k.lower() not in varying
    }


# --------------------------------------------------------------------------- a real server


@pytest.mark.slow
def test_a_503_in_front_of_a_real_llama_cpp_server_is_retried(tmp_path: Path) -> None:
    from tests.helpers import llama_server

    path = tmp_path / "one.txt"
    path.write_text(
        "The council in Kabul approved a new budget for schools on Monday. "
        "Teachers welcomed the decision.\n",
        encoding="utf-8",
    )
    with llama_server() as upstream, FaultProxy(upstream, FaultPlan(Fault.http(503))) as proxy:
        result = run_cli(
            str(path),
            "--base-url",
            proxy.base_url,
            "--format",
            "json",
            "--quiet",
            "--no-cache",
            "--entity-mode",
            "candidates",
            # Asked to write: a selecting model is not asked about a two-sentence story.
            "--ask",
            "write",
            "--max-tokens",
            "160",
            "--max-reasks",
            "1",
            "--timeout",
            "600",
            env={"SUMMARISER_TRANSPORT_BUDGET": "1200"},  # a loaded 2-core machine is slow
            timeout=1500,
        )
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    story = json.loads(result.stdout)["stories"][0]
    assert story["status"] == "summarised"
    chats = proxy.chat_requests
    assert chats[0].fault == "http"
    assert all(r.fault is None for r in chats[1:]) and len(chats) >= 2


# --------------------------------------------------------------------------- any backend


def test_an_answer_cut_at_the_token_limit_degrades_on_any_backend() -> None:
    """The embedded model hitting its token limit must not crash the run with instructor's
    IncompleteOutputException: it is asked again at twice the limit, then the story is
    summarised from its own text."""
    from summariser.backends.fake import FakeBackend, completion
    from summariser.config import Config
    from summariser.pipeline import summarise_text

    class CutOff(FakeBackend):
        def create(self, **kwargs: Any) -> Any:
            self.calls.append(kwargs)
            response = completion('{"headline": "The council in Kabul')
            response.choices[0].finish_reason = "length"
            return response

    backend = CutOff()
    briefing = summarise_text(
        "The council in Kabul met on Monday.\n", Config(use_cache=False, max_reasks=1), backend
    )
    story = briefing.stories[0]
    assert story.status == "summarised" and story.extractive
    assert "cut off" in (story.reason or "")
    assert story.summary == "The council in Kabul met on Monday."
    limits = [call["max_tokens"] for call in backend.calls]
    assert len(limits) == 2 and limits[1] == 2 * limits[0]


def test_invalid_answers_on_the_embedded_path_print_no_library_logging(tmp_path: Path) -> None:
    """stderr carries our lines only: instructor logs every failed attempt at ERROR level,
    which Python prints to stderr when nothing configured logging."""
    path = tmp_path / "one.txt"
    path.write_text("The council in Kabul met on Monday.\n", encoding="utf-8")
    script = (
        "import summariser.backends as b\n"
        "from summariser.backends.fake import FakeBackend\n"
        "b.create_backend = lambda config: FakeBackend(default='not json at all')\n"
        "from summariser.cli import main\n"
        f"main([{str(path)!r}, '--no-cache', '--max-reasks', '1'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0  # the story is extractive: summarised from its own text
    assert result.stderr == ""
