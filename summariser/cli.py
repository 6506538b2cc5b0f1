"""The `summarise` command: parse, read, call the core, map errors to exit codes.

No SDK is imported here, so `summarise --help` stays fast.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_TERMINATED,
    EXIT_USAGE,
    SummariserError,
    Terminated,
)

EXIT_CODES_HELP = (
    "Exit codes: 0 success (stories whose model answer was unusable are summarised from the "
    "story alone and marked extractive); 3 partial (the model could not be reached for some "
    "stories, still listed in the briefing, or with several inputs some input failed, one "
    "error line each); 2 usage or input error; 1 internal or model error; 130 interrupted "
    "(Ctrl-C); 143 terminated (SIGTERM)."
)

HELP = f"""Summarise plain-text news bulletins into grounded daily briefings.

FILE is a text file of news stories separated by blank lines ('-' reads stdin), a .jsonl file
of {{"id", "title", "text"}} story lines, or a directory (its *.txt, *.md and *.html files).
Every name, figure, date and quote in the briefing is checked against the story text;
unsupported items are never printed. By default the embedded SmolLM2-135M model runs locally
with no key and no network; --base-url/--model use any OpenAI-compatible server (key from
OPENAI_API_KEY).

Several inputs: `summarise a.txt b.txt desk/ --output-dir out/` writes one briefing per input
(out/a.md, out/b.md, ...); `--merge` writes one briefing over all, each event once. A story
repeated across inputs is sent to the model once.

\b
Examples:
  summarise bulletin.txt -o today.md
  summarise a.txt b.txt desk/ --output-dir out/          one briefing per input
  summarise desk/ --merge -o today.md                      one briefing, each event once
  summarise desk/ --output-dir out/ --format jsonl         one story a line, then meta
  summarise wire.jsonl                                     {{"id", "title", "text"}} lines
  summarise desk/ --output-dir out/ --model gpt-4o-mini --batch      OpenAI Batch job
  summarise --batch-resume batch_abc123                    finish an interrupted --batch
  summarise log --story 0367bac5                           why a story says what it says

Every model call is logged to calls.sqlite in the cache folder (never the API key); `summarise
log --help` shows how to read it. Run `summarise eval --help` for the evaluation suite (from a
source checkout).

{EXIT_CODES_HELP}
"""

app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)


class OutputFormat(str, Enum):
    md = "md"
    json = "json"
    html = "html"
    jsonl = "jsonl"


class EntityModeOption(str, Enum):
    auto = "auto"
    candidates = "candidates"
    hybrid = "hybrid"


class AskOption(str, Enum):
    auto = "auto"
    select = "select"
    write = "write"


class ProseCheckOption(str, Enum):
    auto = "auto"
    strict = "strict"
    lenient = "lenient"


class IndexOption(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class ResponseFormatOption(str, Enum):
    auto = "auto"
    json_schema = "json_schema"
    json_object = "json_object"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"summarise {__version__}")
        raise typer.Exit(EXIT_OK)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def _on_sigterm() -> None:
    """SIGTERM unwinds the run like Ctrl-C (one line, no output file) instead of killing it
    silently; only the main thread may set a handler (a test runner's thread may not)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)


def fail(message: str, code: int) -> None:
    typer.echo(f"summarise: error: {message}", err=True)
    raise typer.Exit(code)


@app.command(help=HELP, epilog=EXIT_CODES_HELP)
def summarise(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE...",
            help="Bulletin files (.txt, .md, .html, .jsonl), directories of them, or - for stdin.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here instead of stdout: a file atomically, a device or pipe through.",
        ),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            help="Write one briefing per input here, named after the input with the format's "
            "extension (atomically; two inputs with one name are refused)."
        ),
    ] = None,
    merge: Annotated[
        bool,
        typer.Option(
            "--merge",
            help="One briefing over all inputs: stories with the same text, or the same lead "
            "facts (names, figures, place, date) from different inputs, are told once, with a "
            "link to every source.",
        ),
    ] = False,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="md briefing, json records, jsonl (one story a line, then a meta line), or "
            "html evidence view.",
        ),
    ] = OutputFormat.md,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or notes on stderr.")
    ] = False,
    index: Annotated[
        IndexOption,
        typer.Option(
            help="The markdown briefing's index of people and organisations. auto (default): "
            "the names that recur across stories, or the whole index above 8 stories; "
            "always: the whole index; never: none."
        ),
    ] = IndexOption.auto,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1. "
            "Env: SUMMARISER_BASE_URL or OPENAI_BASE_URL."
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="Remote model name (default: the server's first model). Env: SUMMARISER_MODEL."
        ),
    ] = None,
    model_path: Annotated[
        Path | None,
        typer.Option(
            help="Another GGUF file for the embedded backend. Env: SUMMARISER_MODEL_PATH."
        ),
    ] = None,
    entity_mode: Annotated[
        EntityModeOption | None,
        typer.Option(
            help="hybrid: the grounded rule+NER candidates are all kept, and the model may "
            "add items, re-type or flag them, each change kept only where the story bears it "
            "out; candidates: the items are the candidates alone (for experiments). auto "
            "(default): hybrid where the model writes (--ask), candidates where it only "
            "selects. Env: SUMMARISER_ENTITY_MODE."
        ),
    ] = None,
    ask: Annotated[
        AskOption | None,
        typer.Option(
            help="What the model is asked for. select: only which story sentences are key, "
            "by number (headline, summary and key points are the story's own sentences: "
            "fast, and nothing printed is the model's writing); write: headline, summary and "
            "key points, checked against the story, and items in hybrid mode. auto "
            "(default): select on the embedded model and on a remote one whose name gives "
            "a size under 1B parameters (SmolLM2-135M, qwen2.5:0.5b), write on other remote "
            "ones. Env: SUMMARISER_ASK."
        ),
    ] = None,
    prose_check: Annotated[
        ProseCheckOption | None,
        typer.Option(
            help="How closely headline, summary and key points must follow one passage of the "
            "story. strict: no word the story lacks, 3/4 of the content words from one passage; "
            "lenient: half of them (for paraphrasing models). auto (default): strict on the "
            "embedded model, lenient on remote ones. Env: SUMMARISER_PROSE_CHECK."
        ),
    ] = None,
    response_format: Annotated[
        ResponseFormatOption | None,
        typer.Option(
            help="Remote structured-output form; auto falls back from json_schema to json_object."
        ),
    ] = None,
    concurrency: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Stories in flight at once on remote backends [default: 4; 1 for a server "
            "on this machine (localhost, 127.x, ::1), which shares its cores with the run]. "
            "Env: SUMMARISER_CONCURRENCY.",
        ),
    ] = None,
    max_reasks: Annotated[
        int | None,
        typer.Option(min=0, help="Re-asks per story after an invalid answer [default: 1]."),
    ] = None,
    max_tokens: Annotated[
        int | None,
        typer.Option(
            min=32,
            help="Completion token limit of a story's first answer; one cut off there is asked "
            "again once at twice the limit [default: sized to the schema and the story]. "
            "Env: SUMMARISER_MAX_TOKENS.",
        ),
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(min=1.0, help="Seconds per remote request [default: 120].")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the story cache.")
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            help="Story cache folder [default: ~/.cache/summariser]. Env: SUMMARISER_CACHE_DIR."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Date printed in the briefing title [default: today].")
    ] = None,
    batch: Annotated[
        bool,
        typer.Option(
            "--batch",
            help="Send the uncached stories as one OpenAI Batch job (half price, answers within "
            "24 h), re-asks as a second, smaller one; below SUMMARISER_BATCH_MIN (20) requests, "
            "ordinary calls. Remote endpoints only.",
        ),
    ] = False,
    batch_resume: Annotated[
        str | None,
        typer.Option(
            help="Resume waiting for a --batch job by the id it printed, with the same inputs "
            "and options (saved in the cache folder).",
        ),
    ] = None,
    no_log: Annotated[
        bool,
        typer.Option(
            "--no-log", help="Do not log model calls to calls.sqlite in the cache folder."
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    from .runner import RunRequest, run

    if not files and not batch_resume:
        fail("give a FILE to summarise (or --batch-resume ID)", EXIT_USAGE)
    request = RunRequest(
        sources=files or [],
        batch=batch,
        batch_resume=batch_resume,
        output=output,
        output_dir=output_dir,
        merge=merge,
        log=not no_log,
        output_format=output_format.value,
        index=index.value,
        quiet=quiet,
        flags={
            "base_url": base_url,
            "model": model,
            "model_path": model_path,
            "entity_mode": entity_mode.value if entity_mode else None,
            "ask": ask.value if ask else None,
            "response_format": response_format.value if response_format else None,
            "prose_check": prose_check.value if prose_check else None,
            "concurrency": concurrency,
            "max_reasks": max_reasks,
            "max_tokens": max_tokens,
            "timeout": timeout,
            "use_cache": False if no_cache else None,
            "cache_dir": cache_dir,
            "date": date,
        },
    )
    _on_sigterm()
    try:
        code = run(request)
    except SummariserError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt as exc:
        stop = EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
        what = "terminated" if isinstance(exc, Terminated) else "interrupted"
        written = getattr(exc, "written", 0)
        left = (
            f"{written} briefing(s) were written before it, the rest were not"
            if written
            else "nothing was written"
        )
        typer.echo(f"summarise: {what}; {left}", err=True)
        # Worker threads may still wait on a slow server; the interpreter would join them
        # at exit, so leave at once (output is only ever written atomically at the end).
        if threading.active_count() > 1:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(stop)
        raise typer.Exit(stop) from None
    except Exception as exc:  # the last line of defence: one line, not a traceback
        if os.environ.get("SUMMARISER_DEBUG"):
            raise
        fail(
            f"internal error: {type(exc).__name__}: {exc} (set SUMMARISER_DEBUG=1 for a traceback)",
            EXIT_INTERNAL,
        )
    raise typer.Exit(code)


def main(argv: list[str] | None = None) -> None:
    """Console entry point; `summarise eval ...` is passed to the eval suite."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "log":
        from .logcmd import log_app

        log_app(args=args[1:], prog_name="summarise log")
        return
    if args and args[0] == "eval":
        if Path("evals", "run.py").is_file() and os.getcwd() not in sys.path:
            sys.path.insert(0, os.getcwd())
        try:
            from evals.run import main as eval_main
        except ImportError:
            typer.echo(
                "summarise: error: the eval suite lives in a source checkout; run it from the "
                "repository root",
                err=True,
            )
            raise SystemExit(EXIT_USAGE) from None
        raise SystemExit(eval_main(args[1:]))
    try:
        app(args=args, prog_name="summarise")
    except KeyboardInterrupt as exc:
        raise SystemExit(
            EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
        ) from None


__all__ = ["app", "main", "EXIT_PARTIAL"]
