"""Candidates extracted ahead in forked workers are the candidates extracted in place."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from summariser.backends.fake import FakeBackend
from summariser.check.context import candidate_text
from summariser.config import Config
from summariser.extract import extract_candidates, extract_candidates_many
from summariser.extract.prefetch import (
    BATCH_PLAN,
    MIN_STORIES,
    WORKER_NICENESS,
    CandidatePrefetch,
    batch_bounds,
)
from summariser.pipeline import summarise_text
from summariser.segment import segment

ROOT = Path(__file__).resolve().parents[2]

TEXTS = [
    f"Governor Amina Yusuf said on Monday that {n * 100} families had left Kano, Reuters "
    f"reported. \u201cWe need {n} more trucks,\u201d Yusuf said."
    for n in range(1, MIN_STORIES + 2)
]


def test_the_pool_is_only_for_bulletins_with_enough_stories() -> None:
    assert CandidatePrefetch.start(TEXTS[: MIN_STORIES - 1]) is None


def test_prefetched_candidates_equal_those_extracted_in_place() -> None:
    prefetch = CandidatePrefetch.start(TEXTS)
    assert prefetch is not None
    try:
        for position, text in enumerate(TEXTS):
            assert prefetch.candidates(position) == extract_candidates(text)
    finally:
        prefetch.close()


def _niceness() -> int:
    return os.nice(0)


def test_workers_run_below_the_process_they_serve_and_its_heap_is_frozen() -> None:
    """The stories' threads, not the workers, get the cores first; the collector never
    walks (or, in the children, copies) what was loaded before the fork."""
    prefetch = CandidatePrefetch.start(TEXTS)
    assert prefetch is not None
    try:
        worker = prefetch._pool.submit(_niceness).result()
        assert worker == min(19, _niceness() + WORKER_NICENESS) > _niceness()
        assert gc.get_freeze_count() > 0
    finally:
        prefetch.close()


def test_batches_grow_and_cover_every_story_once() -> None:
    for count in (1, 15, 16, 17, 100, 1_000):
        bounds = batch_bounds(count)
        assert [start for start, _ in bounds] == [0] + [end for _, end in bounds[:-1]]
        assert bounds[-1][1] == count
    sizes = [end - start for start, end in batch_bounds(100)[:-1]]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1] == BATCH_PLAN[-1][1]


def test_stories_in_later_bigger_batches_get_their_own_candidates() -> None:
    """Past the first batches a story's place in its batch is not position % size."""
    texts = [f"Mayor Ana Ruiz{n} opened {n} schools in Lima on Friday." for n in range(60)]
    prefetch = CandidatePrefetch.start(texts)
    assert prefetch is not None
    try:
        for position in (0, 15, 16, 23, 24, 47, 48, 59):
            assert prefetch.candidates(position) == extract_candidates(texts[position])
    finally:
        prefetch.close()


def test_prefetched_runs_give_the_briefing_of_a_local_one() -> None:
    text = "\n\n".join(TEXTS) + "\n"
    answer = {"headline": "News", "summary": "They said so.", "key_points": [], "topic": "news"}

    def run(concurrency: int, local: bool) -> list[dict[str, object]]:
        backend = FakeBackend(default=answer, max_concurrency=concurrency)
        backend.uses_local_cores = local  # a local model: no prefetch, candidates in place
        config = Config.resolve(use_cache=False, entity_mode="candidates", concurrency=concurrency)
        briefing = summarise_text(text, config, backend)
        return [s.model_dump(exclude={"usage"}) for s in briefing.stories]

    in_place = run(1, local=True)
    assert run(1, local=False) == in_place
    assert run(4, local=False) == in_place


def test_batched_extraction_equals_one_story_at_a_time_on_every_bulletin() -> None:
    """spaCy's batched pass must not change a single candidate (the pool relies on it)."""
    files = sorted((ROOT / "evals" / "bulletins").glob("*.txt")) + sorted(
        (ROOT / "seeds").glob("*.txt")
    )
    texts = [
        candidate_text(story)
        for path in files
        for story in segment(path.read_text(encoding="utf-8"))
    ]
    assert len(texts) > 50
    texts.insert(3, "   ")  # a blank story keeps its place and has no candidates
    assert extract_candidates_many(texts) == [extract_candidates(t) for t in texts]


def test_the_warm_up_builds_what_the_rules_build_on_first_use() -> None:
    """What the candidate rules build on first use (regular expressions, word lists) is built
    in the parent before the fork, so that no worker builds it again for its first stories.
    Counted in a fresh process: compilations while six gold stories are extracted after the
    warm-up: 13 here, 39 with the one-line warm-up of before."""
    import subprocess
    import sys

    script = """
import re._compiler, sys
from pathlib import Path
from summariser.extract import prefetch
from summariser.extract import extract_candidates
from summariser.extract.lexicon import _dictionary
from summariser.segment import segment
prefetch._warm_parent()
compiled = 0
compile_pattern = re._compiler.compile
def counting(*args, **kwargs):
    global compiled
    compiled += 1
    return compile_pattern(*args, **kwargs)
re._compiler.compile = counting
paths = sorted(Path(sys.argv[1], "evals", "bulletins").glob("*.txt"))[:2]
for path in paths:
    for story in segment(path.read_text(encoding="utf-8"))[:3]:
        extract_candidates(story.text)
print(compiled, _dictionary.cache_info().currsize)
"""
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", script, str(root)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    compiled, dictionary_built = map(int, result.stdout.split())
    assert dictionary_built == 1
    assert compiled <= 20, compiled
