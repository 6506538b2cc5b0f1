"""Candidate extraction for a whole bulletin in worker processes, ahead of the model calls.

On a remote backend the stories wait on the network, but candidate extraction (spaCy and
rules, about 20 ms a story) holds the GIL and so runs one story at a time: in sequence it
adds to every story's wait, and at high concurrency it, not the server, sets the pace.
Forked workers extract every story's candidates in order, in batches, while the stories
wait, and each story picks its own up as it comes. Not for the embedded model,
whose computation already uses every core.

Fork, not spawn: children share the loaded spaCy model and gazetteer with the parent
instead of loading them again (seconds each). Where fork is not available the pool is not
used and each story extracts its own candidates, as on the embedded backend.
"""

from __future__ import annotations

import bisect
import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache

from summariser.extract import Candidate, extract_candidates, extract_candidates_many
from summariser.nlp import load_nlp

#: Below this many stories the pool costs more (forking) than it saves.
MIN_STORIES = 8
#: Stories per task, growing along the bulletin: (stories from here on, batch size). spaCy's
#: batched pass costs less per story the bigger the batch (measured: 14 ms a story in
#: fours, 12 in sixteens), but the first stories are wanted at once, so they come in small
#: batches; later ones are not wanted until the first answers are in. The first four go in
#: pairs, one to each of two workers: a fresh worker takes 17-30 ms a story (its first
#: writes copy the pages it shares with the parent), so a batch of four kept the first
#: requests waiting 60-70 ms after the fork (100 stories at concurrency 16, 12 runs each,
#: interleaved: median 1.30 times the ideal against 1.36 with fours from the start).
BATCH_PLAN = ((0, 2), (4, 4), (16, 8), (48, 16))
#: The workers run at a lower priority than the process they serve: its stories send the
#: requests and check the answers, which is what the run waits on; the workers' batches are
#: ahead of need, so on a busy machine they should take the cores that are left over.
WORKER_NICENESS = 5
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def batch_bounds(count: int) -> list[tuple[int, int]]:
    """(start, end) of each batch of `count` stories, by `BATCH_PLAN`."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < count:
        size = next(size for first, size in reversed(BATCH_PLAN) if start >= first)
        bounds.append((start, min(count, start + size)))
        start += size
    return bounds


#: A story that takes the candidate rules down most of their paths (titles, acronyms, figures,
#: dates, quotes, places), so that what they build on first use is built before the fork.
WARM_UP_TEXT = (
    "KABUL, Monday (Reuters) - The International Organization for Migration (IOM) said "
    "1,200 families had returned from Iran since 3 March, up 15 percent on 2024. "
    '"We need more help now," said Maria Lopez, the agency\'s spokeswoman in Herat province. '
    "Interior Minister Ahmad Khan told the Tolo News agency that about $2.5 million was "
    "promised by the World Bank last week. Khan added that three people died in Nangarhar "
    "on 12 January, and that schools in Kandahar would reopen next year."
)


@cache
def _warm_parent() -> None:
    """Load spaCy and build the lazy lexicon and gazetteer here, once per process, so every
    child shares them instead of building its own; a second run in the process skips it.
    The rules' regular expressions and word lists are built on first use too: measured, a
    fresh worker's first stories took 30-60 ms each against 12-20 ms, until they were built.

    Then everything loaded so far is frozen out of the garbage collector's reach: those
    objects live as long as the process, and a full collection over them (measured: 250 ms
    here, holding the GIL) would otherwise stall every story in flight once in a run. In the
    children it also keeps the collector from writing to, and so copying, the shared pages.
    """
    load_nlp()
    extract_candidates_many([WARM_UP_TEXT])
    gc.freeze()


def _extract(texts: list[str]) -> list[list[Candidate]]:
    return extract_candidates_many(texts)


def _worker_started() -> None:
    """Ctrl-C is the parent's to handle, no worker outlives it, and workers yield the cores.

    A worker that outlived an interrupted parent would hold its stdout and stderr open, so a
    shell pipe or a test waiting on them would hang.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's SIGTERM handler unwinds a run; a worker told to stop simply dies.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown has to do
        pass
    # Not permitted, or no nice (Windows): the default priority has to do.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(WORKER_NICENESS)


class CandidatePrefetch:
    """Futures of every story's candidates, computed by forked worker processes."""

    def __init__(self, texts: list[str], processes: int) -> None:
        _warm_parent()
        context = multiprocessing.get_context("fork")
        self._pool = ProcessPoolExecutor(
            max_workers=processes, mp_context=context, initializer=_worker_started
        )
        bounds = batch_bounds(len(texts))
        self._starts = [start for start, _end in bounds]
        self._futures: list[Future[list[list[Candidate]]]] = [
            self._pool.submit(_extract, texts[start:end]) for start, end in bounds
        ]
        self._texts = texts

    @classmethod
    def start(cls, texts: list[str]) -> CandidatePrefetch | None:
        """A pool for a bulletin of enough stories, else None (extract in place)."""
        if len(texts) < MIN_STORIES:
            return None
        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        return cls(texts, max(1, os.cpu_count() or 1))

    def candidates(self, position: int) -> list[Candidate]:
        """Story `position`'s candidates; extracted here if its worker died."""
        batch = bisect.bisect_right(self._starts, position) - 1
        try:
            return self._futures[batch].result()[position - self._starts[batch]]
        except BrokenProcessPool:
            return extract_candidates(self._texts[position])

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
