"""Candidates extracted ahead in forked workers are the candidates extracted in place."""

from __future__ import annotations

from summariser.backends.fake import FakeBackend
from summariser.candidates import extract_candidates
from summariser.config import Config
from summariser.core import summarise_text
from summariser.prefetch import MIN_STORIES, CandidatePrefetch

TEXTS = [
    f"Governor Amina Yusuf said on Monday that {n * 100} families had left Kano, Reuters "
    f"reported. \u201cWe need {n} more trucks,\u201d Yusuf said."
    for n in range(1, MIN_STORIES + 2)
]


def test_the_pool_is_only_for_threaded_runs_with_enough_stories() -> None:
    assert CandidatePrefetch.start(TEXTS, threads=1) is None
    assert CandidatePrefetch.start(TEXTS[: MIN_STORIES - 1], threads=4) is None


def test_prefetched_candidates_equal_those_extracted_in_place() -> None:
    prefetch = CandidatePrefetch.start(TEXTS, threads=4)
    assert prefetch is not None
    try:
        for position, text in enumerate(TEXTS):
            assert prefetch.candidates(position) == extract_candidates(text)
    finally:
        prefetch.close()


def test_a_threaded_run_gives_the_same_briefing_as_a_sequential_one() -> None:
    text = "\n\n".join(TEXTS) + "\n"
    answer = {"headline": "News", "summary": "They said so.", "key_points": [], "topic": "news"}

    def run(concurrency: int) -> list[dict[str, object]]:
        backend = FakeBackend(default=answer, max_concurrency=concurrency)
        config = Config.resolve(use_cache=False, entity_mode="candidates", concurrency=concurrency)
        briefing = summarise_text(text, config, backend)
        return [s.model_dump(exclude={"usage"}) for s in briefing.stories]

    assert run(4) == run(1)
