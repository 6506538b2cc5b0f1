"""One command-line run: read the inputs, summarise with progress, render, write atomically.

One input goes to stdout or `--output`, as it always has. Several go one briefing each into
`--output-dir`, or into one merged briefing with `--merge`. Every input of a run shares the
backend, the cache, the call log and the memo that asks the model once for a story repeated
in several inputs. An input that cannot be read or summarised is one error line; the others
go on, and the run ends with exit code 3. `--batch` runs the same inputs in rounds around
OpenAI Batch jobs (`batchrun`) before the pass that writes.

Kept apart from `cli` so the CLI module imports nothing heavy and this one can be tested
without typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import destination
from .config import Config
from .errors import (
    EXIT_OK,
    EXIT_PARTIAL,
    BackendError,
    InputError,
    SummariserError,
    UsageError,
)
from .inputs import expand_sources, read_input
from .names import printable
from .render import FORMATS, INDEX_MODES, render
from .schemas import Briefing, StoryRecord

EXTENSIONS = {"md": ".md", "json": ".json", "html": ".html", "jsonl": ".jsonl"}


@dataclass
class RunRequest:
    source: str = ""
    output: Path | None = None
    output_format: str = "md"
    index: str = "auto"  # the markdown index mode, one of render.INDEX_MODES
    quiet: bool = False
    flags: dict[str, Any] = field(default_factory=dict)
    #: Several inputs (files or directories); `source` alone when empty.
    sources: list[str] = field(default_factory=list)
    output_dir: Path | None = None
    merge: bool = False
    log: bool = True
    #: Send the uncached stories as OpenAI Batch jobs (`batchrun`); or resume a saved one.
    batch: bool = False
    batch_resume: str | None = None

    @property
    def inputs(self) -> list[str]:
        return self.sources or [self.source]


class Progress:
    """Progress on stderr: a bar over the current input's stories on a terminal, and with
    several inputs a line per finished input (also when stderr is a log file)."""

    def __init__(self, inputs: int, enabled: bool) -> None:
        self.inputs = inputs
        self.enabled = enabled
        self.done = 0
        self._bar: Any = None
        self._task: Any = None

    def bar(self, bar: Any) -> None:
        self._bar = bar

    def start(self, name: str, stories: int) -> None:
        if self._bar is not None:
            label = f"{name} ({self.done + 1}/{self.inputs})" if self.inputs > 1 else "stories"
            if self._task is not None:
                self._bar.remove_task(self._task)
            self._task = self._bar.add_task(label, total=stories)

    def advance(self, record: StoryRecord) -> None:
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)

    def finished(self, message: str) -> None:
        self.done += 1
        if self.enabled and self.inputs > 1:
            line = f"summarise: [{self.done}/{self.inputs}] {message}"
            if self._bar is not None:
                self._bar.console.print(line, highlight=False, markup=False)
            else:
                print(line, file=sys.stderr, flush=True)

    def error(self, exc: SummariserError) -> None:
        self.done += 1
        message = f"summarise: error: {exc}"
        if self._bar is not None:
            self._bar.console.print(message, highlight=False, markup=False)
        else:
            print(message, file=sys.stderr, flush=True)


@contextmanager
def progress_display(inputs: int, enabled: bool) -> Iterator[Progress]:
    """A rich progress bar on stderr when it is a terminal; notes only otherwise."""
    progress = Progress(inputs, enabled)
    if not enabled or not sys.stderr.isatty():
        yield progress
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as RichProgress

    with RichProgress(
        TextColumn("summarising {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        progress.bar(bar)
        yield progress


def _output_paths(files: list[str], output_dir: Path, output_format: str) -> list[Path]:
    """Each input's output file; two inputs with one output name, an output that would
    overwrite an input, or one that cannot be written refuse the run before any work."""
    if output_dir.exists() and not output_dir.is_dir():
        raise UsageError(f"--output-dir {output_dir} is not a directory")
    extension = EXTENSIONS[output_format]
    by_name: dict[Path, str] = {}
    outputs: list[Path] = []
    for source in files:
        stem = "stdin" if source == "-" else Path(source).stem
        target = output_dir / f"{stem}{extension}"
        if target in by_name:
            raise UsageError(
                f"{by_name[target]} and {source} would both be written to {target}; "
                "rename one or run them separately"
            )
        if source != "-" and _same_file(Path(source), target):
            raise UsageError(
                f"{source} would be overwritten by its own briefing; choose another --output-dir "
                "or --format"
            )
        destination.check(target)
        by_name[target] = source
        outputs.append(target)
    return outputs


def _same_file(a: Path, b: Path) -> bool:
    try:
        return b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _check_request(request: RunRequest, files: list[str]) -> None:
    if request.output is not None and request.output_dir is not None:
        raise UsageError("--output and --output-dir do not go together; give one")
    # Before any work: a run that cannot deliver its briefing should not start.
    for source in files:
        destination.same_file(source, request.output)
    destination.check(request.output)
    if request.merge and request.output_dir is not None:
        raise UsageError("--merge writes one briefing: use --output FILE, not --output-dir")
    if request.merge and request.output_format == "html":
        raise UsageError(
            "--merge cannot make the html evidence view (its stories index several inputs); "
            "use md, json or jsonl"
        )
    if request.output_dir is not None or request.merge:
        return
    folder = next((s for s in request.inputs if s != "-" and Path(s).is_dir()), None)
    if folder is not None:
        raise UsageError(
            f"{folder} is a directory: give --output-dir DIR (one briefing per file) or "
            "--merge (one for all)"
        )
    if len(files) > 1 or len(request.inputs) > 1:
        raise UsageError(
            "several inputs: give --output-dir DIR (one briefing each) or --merge (one for all)"
        )


def run(request: RunRequest, backend: Any = None) -> int:
    """Run one summarisation; returns the exit code (0, or 3 when a story or input failed)."""
    from .backends import create_backend
    from .rule_families import disabled_by_env

    if request.output_format not in FORMATS:  # before the run, not after its model calls
        raise UsageError(f"unknown output format {request.output_format!r}")
    if request.index not in INDEX_MODES:
        raise UsageError(f"unknown index mode {request.index!r}; expected one of "
                         f"{', '.join(INDEX_MODES)}")
    config = Config.resolve(**request.flags)
    if request.batch_resume and not request.sources and not request.source:
        from .backends.batch import load_state
        from .batchrun import request_from_state

        saved = load_state(config.cache_dir, request.batch_resume)["request"]
        request = request_from_state({**saved, "batch_resume": request.batch_resume}, RunRequest)
        config = Config.resolve(**request.flags)
    batching = request.batch or request.batch_resume is not None
    if batching and "-" in request.inputs:
        raise UsageError("--batch reads its inputs more than once: give files, not -")
    if batching and config.backend_kind != "openai" and backend is None:
        raise UsageError("--batch needs an OpenAI-compatible endpoint: give --base-url or --model")
    disabled_by_env()  # a misspelt SUMMARISER_DISABLE_RULES is a usage error, not failed stories
    log_wanted = request.log
    if config.use_cache:
        from .cache import StoryCache

        why = StoryCache.unusable(config.cache_dir)
        if why is not None:
            # A warning even under --quiet: the user asked for a cache and gets none. The
            # call log lives there too: it goes without a second line.
            config.use_cache = False
            log_wanted = False
            print(
                f"summarise: warning: cannot use the cache folder ({printable(why)}); "
                "running without a cache",
                file=sys.stderr,
            )
    files, missing = expand_sources(request.inputs)
    _check_request(request, files)
    single = len(request.inputs) == 1 and not missing and len(files) == 1
    single = single and request.output_dir is None and not request.merge
    if single:
        text, name, stories = read_input(files[0])  # a bad input is exit 2 before any model
        loaded: dict[str, tuple[str, str, Any]] = {files[0]: (text, name, stories)}
    else:
        loaded = {}
        if not files and missing:
            raise missing[0]
    outputs = (
        _output_paths(files, request.output_dir, request.output_format)
        if request.output_dir is not None
        else []
    )
    own_backend = backend is None
    if backend is None:
        backend = create_backend(config)
    log = _open_log(config, backend, files, request) if log_wanted else None
    try:
        if batching:
            from .batchrun import run_batch

            def execute(answering: Any, dry: bool) -> int:
                return _run_inputs(
                    request,
                    config,
                    answering,
                    None if dry else log,
                    files,
                    missing,
                    outputs,
                    loaded,
                    dry=dry,
                )

            return run_batch(request, config, backend, execute)
        return _run_inputs(request, config, backend, log, files, missing, outputs, loaded)
    finally:
        if own_backend:
            backend.close()
        if log is not None:
            log.close(model=log.model)


def _open_log(config: Config, backend: Any, files: list[str], request: RunRequest) -> Any:
    from . import __version__
    from .calllog import CallLog

    log = CallLog.open(config.cache_dir, secrets=[config.api_key])
    if log is None:
        if not request.quiet:
            print(
                f"summarise: note: cannot write the call log in {config.cache_dir}; "
                "running without it",
                file=sys.stderr,
            )
        return None
    backend.keep_calls = True
    log.start_run(
        backend=backend.name,
        model=str(config.model or ""),
        inputs=files,
        options={
            "entity_mode": config.entity_mode,
            "prose_check": config.prose_check,
            "max_reasks": config.max_reasks,
            "max_tokens": config.max_tokens,
            "format": request.output_format,
            "merge": request.merge,
        },
        version=__version__,
    )
    return log


def _run_inputs(
    request: RunRequest,
    config: Config,
    backend: Any,
    log: Any,
    files: list[str],
    missing: list[InputError],
    outputs: list[Path],
    loaded: dict[str, tuple[str, str, Any]],
    *,
    dry: bool = False,
) -> int:
    """Every input, in order. A `dry` pass (--batch's) only asks: it writes nothing, reports
    nothing and goes on past any failure."""
    from .pipeline import summarise_text
    from .run_context import open_run

    session = open_run(config, backend, log)
    several = len(files) > 1 or bool(missing) or request.output_dir is not None or request.merge
    several = several or dry
    failures: list[SummariserError] = []
    failed_stories = 0
    written = 0
    merged: list[Briefing] = []
    try:
        with progress_display(len(files), not request.quiet and not dry) as progress:
            for exc in missing if not dry else []:
                failures.append(exc)
                progress.error(exc)
            for number, source in enumerate(files):
                try:
                    text, name, stories = loaded.get(source) or read_input(source)
                    if several:
                        name = "<stdin>" if source == "-" else printable(source)
                    if stories is None:
                        from .segment import segment

                        stories = segment(text)
                    progress.start(name, len(stories))
                    briefing = summarise_text(
                        text,
                        config,
                        backend,
                        source_name=name,
                        progress=progress.advance,
                        run=session,
                        stories=stories,
                    )
                except (InputError, BackendError) as exc:
                    if not several:
                        raise
                    if not dry:
                        failures.append(exc)
                        progress.error(exc)
                    continue
                if dry:
                    continue
                failed_stories += briefing.meta.failed
                if log is not None:
                    log.model = briefing.meta.model
                if request.merge:
                    merged.append(briefing)
                    progress.finished(f"{name}: {briefing.meta.stories} stories")
                    continue
                rendered = render(briefing, request.output_format, text, request.index)
                if outputs:
                    destination.write(outputs[number], rendered)
                    written += 1
                    progress.finished(
                        f"{name}: {briefing.meta.stories} stories, {briefing.meta.failed} not "
                        f"summarised -> {outputs[number]}"
                    )
                else:
                    destination.write(request.output, rendered)
                _note_failed(briefing, request.quiet, several)
    except KeyboardInterrupt as exc:
        # The CLI's line says what the interrupt left: briefings already written stay.
        exc.written = written  # type: ignore[attr-defined]
        raise
    if request.merge and merged:
        from .merge import merge_briefings

        briefing = merge_briefings(merged)
        rendered = render(briefing, request.output_format, "", request.index)
        destination.write(request.output, rendered)
        _note_failed(briefing, request.quiet, False)
    if failures and not merged and not written:
        # Nothing was produced: the first error says why, with its own exit code.
        return failures[0].exit_code
    return EXIT_PARTIAL if failures or failed_stories else EXIT_OK


def _note_failed(briefing: Briefing, quiet: bool, named: bool) -> None:
    if not quiet and briefing.meta.failed:
        where = f"{briefing.meta.input}: " if named else ""
        print(
            f"summarise: {where}{briefing.meta.failed} of {briefing.meta.stories} stories not "
            "summarised (listed in the briefing)",
            file=sys.stderr,
        )
