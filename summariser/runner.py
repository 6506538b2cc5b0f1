"""One command-line run: read, summarise with progress, render, write atomically.

Kept apart from `cli` so the CLI module imports nothing heavy and this one can be tested
without typer.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import destination
from .config import Config
from .errors import EXIT_OK, EXIT_PARTIAL, UsageError
from .inputs import read_text
from .render import FORMATS, render
from .schemas import StoryRecord


@dataclass
class RunRequest:
    source: str
    output: Path | None = None
    output_format: str = "md"
    quiet: bool = False
    flags: dict[str, Any] = field(default_factory=dict)


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Any]:
    """A rich progress bar on stderr, or a no-op when stderr is not a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield lambda record: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("summarising"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("stories", total=total)

        def advance(record: StoryRecord) -> None:
            progress.advance(task)

        yield advance


def run(request: RunRequest, backend: Any = None) -> int:
    """Run one summarisation; returns the exit code (0, or 3 when a story failed)."""
    from .backends import create_backend
    from .pipeline import summarise_text
    from .rule_families import disabled_by_env
    from .segment import segment

    if request.output_format not in FORMATS:  # before the run, not after its model calls
        raise UsageError(f"unknown output format {request.output_format!r}")
    # Both before any work: a run that cannot deliver its briefing should not start.
    destination.same_file(request.source, request.output)
    destination.check(request.output)
    config = Config.resolve(**request.flags)
    disabled_by_env()  # a misspelt SUMMARISER_DISABLE_RULES is a usage error, not failed stories
    if config.use_cache:
        from .cache import StoryCache
        from .names import printable

        why = StoryCache.unusable(config.cache_dir)
        if why is not None:
            # A warning even under --quiet: the user asked for a cache and gets none.
            config.use_cache = False
            print(
                f"summarise: warning: cannot use the cache folder ({printable(why)}); "
                "running without a cache",
                file=sys.stderr,
            )
    text, name = read_text(request.source)
    total = len(segment(text))
    own_backend = backend is None
    if backend is None:
        backend = create_backend(config)
    try:
        with progress_bar(total, not request.quiet) as advance:
            briefing = summarise_text(text, config, backend, source_name=name, progress=advance)
    finally:
        if own_backend:
            backend.close()
    rendered = render(briefing, request.output_format, text)
    destination.write(request.output, rendered)
    if not request.quiet and briefing.meta.failed:
        print(
            f"summarise: {briefing.meta.failed} of {briefing.meta.stories} stories not summarised "
            "(listed in the briefing)",
            file=sys.stderr,
        )
    return EXIT_PARTIAL if briefing.meta.failed else EXIT_OK
