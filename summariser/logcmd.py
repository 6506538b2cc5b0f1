"""`summarise log`: read the call log, to see why a story says what it says.

With no option it lists the latest runs; `--run ID` shows a run's stories and their calls,
`--story ID` a story's calls in every run (IDs match by prefix, as git's do). `--json`
prints the same as JSON for scripts.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Annotated, Any

import typer

from .calllog import find_stories, list_runs, log_path
from .config import Config
from .errors import EXIT_USAGE

log_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


def _fail(message: str) -> None:
    typer.echo(f"summarise: error: {message}", err=True)
    raise typer.Exit(EXIT_USAGE)


@log_app.command(help=__doc__)
def show(
    run: Annotated[str | None, typer.Option("--run", help="A run's id (or its start).")] = None,
    story: Annotated[
        str | None, typer.Option("--story", help="A story's story_id (or its start).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Runs listed without --run/--story.")] = 20,
    cache_dir: Annotated[
        Path | None,
        typer.Option(help="Cache folder holding calls.sqlite. Env: SUMMARISER_CACHE_DIR."),
    ] = None,
) -> None:
    path = log_path(Config.resolve(cache_dir=cache_dir).cache_dir)
    if not path.is_file():
        _fail(f"no call log at {path} yet; a run without --no-log writes one")
    try:
        found: list[dict[str, Any]] = (
            find_stories(path, run, story) if run or story else list_runs(path, limit)
        )
    except sqlite3.Error as exc:
        _fail(f"cannot read the call log {path} ({exc})")
        return
    if (run or story) and not found:
        _fail(
            "no logged story matches "
            + " and ".join(
                f"{kind} {value}" for kind, value in (("run", run), ("story", story)) if value
            )
        )
    if as_json:
        typer.echo(json.dumps(found, indent=2, ensure_ascii=False))
    elif run or story:
        for entry in found:
            typer.echo(_story_text(entry))
    else:
        typer.echo(_runs_text(found))


def _runs_text(runs: list[dict[str, Any]]) -> str:
    if not runs:
        return "no runs logged yet"
    lines = ["run id                  started                   stories calls  tokens  inputs"]
    for r in runs:
        inputs = json.loads(r["inputs"] or "[]")
        shown = ", ".join(inputs[:3]) + (f" (+{len(inputs) - 3})" if len(inputs) > 3 else "")
        lines.append(
            f"{r['run_id']:<23} {str(r['started'])[:25]:<25} {r['stories']:>7} {r['calls']:>5}"
            f" {r['tokens']:>7}  {shown}"
        )
    return "\n".join(lines)


def _story_text(entry: dict[str, Any]) -> str:
    served = "from the cache" if entry["cached"] else f"{len(entry['calls'])} model call(s)"
    lines = [
        f"=== story {entry['story_id']}  run {entry['run_id']}  input {entry['input']}"
        f"  #{entry['position'] + 1}",
        f"status: {entry['status']}, {served}; backend {entry['backend']} {entry['model']}",
    ]
    if entry["reason"]:
        lines.append(f"reason: {entry['reason']}")
    for call in entry["calls"]:
        lines.append(
            f"--- attempt {call['attempt']}: {call['prompt_tokens']} prompt + "
            f"{call['completion_tokens']} completion tokens, {call['seconds']:.3f} s, {call['at']}"
        )
        for message in call["messages"]:
            lines.append(f"[{message.get('role', '?')}]")
            lines.append(str(message.get("content", "")))
        lines.append("[answer]")
        lines.append(call["response"] if call["response"] is not None else "(none)")
        if call["error"]:
            lines.append(f"[rejected] {call['error']}")
    return "\n".join(lines) + "\n"
