"""A forwarded article's opening web address is no part of its lead, and a first line that
does not end as a sentence is never glued to the next one in a summary. Stories written for
these tests."""

from __future__ import annotations

from evals.prose_metrics import unsupported_sentences
from evals.run import scripted_answer
from summariser.backends.fake import FakeBackend
from summariser.check.prose import lead_picks
from summariser.config import Config
from summariser.pipeline import summarise_text
from summariser.text import split_sentences

FORWARDED = (
    "[http://www.example-news.com/world/story.asp?id=4412]\n"
    "(Example News) Rebels freed 14 hostages near the border on Sunday, the army said. "
    "Talks are due to resume in May.\n"
)
TRAILING = (
    "(Science Wire) The agency will buy 18 supply flights from private firms, it said this "
    "week. [...]\n"
    '"It is cheaper than flying our own," says an engineer who worked on the plan. '
    "The first flight is due in 2027.\n"
)


def _story(text: str) -> dict[str, object]:
    config = Config.resolve(use_cache=False, entity_mode="candidates")
    backend = FakeBackend(default=scripted_answer, model="scripted-lead")
    briefing = summarise_text(text, config, backend)
    return briefing.model_dump(mode="json")["stories"][0]  # type: ignore[no-any-return]


def test_an_opening_web_address_is_no_sentence() -> None:
    assert split_sentences(FORWARDED)[0].startswith("(Example News) Rebels freed 14 hostages")
    assert split_sentences("<https://example.org/a/b> Prices rose 3%.") == ["Prices rose 3%."]
    # A link inside a sentence stays: it is part of what the sentence says.
    assert split_sentences("See https://example.org for 12 photos.") == [
        "See https://example.org for 12 photos."
    ]


def test_a_forwarded_article_s_headline_and_summary_leave_its_address_out() -> None:
    story = _story(FORWARDED)
    assert "http" not in story["headline"] and "http" not in story["summary"]
    assert story["summary"].startswith("(Example News) Rebels freed 14 hostages")
    assert unsupported_sentences(story, FORWARDED) == []


def test_a_first_line_that_does_not_end_as_a_sentence_is_the_summary_alone() -> None:
    assert lead_picks(["It said this week. [...]", '"It is cheaper," says an engineer.']) == [0]
    assert lead_picks(["General questions", "What is the firm?"]) == [0]
    assert lead_picks(["One.", "Two.", "Three."]) == [0, 1]
    story = _story(TRAILING)
    assert story["summary"].endswith("[...]")
    assert unsupported_sentences(story, TRAILING) == []
