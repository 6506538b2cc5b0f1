"""A forwarded article's opening web address is no part of its lead, and an editor's elision
mark ends a sentence, so that a summary of two sentences is never read as one. Stories
written for these tests."""

from __future__ import annotations

from evals.prose_metrics import unsupported_sentences
from evals.run import scripted_answer
from summariser.backends.fake import FakeBackend
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


def test_an_elision_mark_ends_a_sentence() -> None:
    assert split_sentences('It said this week. [...] "It is cheaper," says an engineer.') == [
        "It said this week. [...]", '"It is cheaper," says an engineer.'
    ]
    story = _story(TRAILING)
    assert story["summary"].startswith("(Science Wire) The agency will buy 18 supply flights")
    assert len(story["summary_evidence"]) == 2
    assert unsupported_sentences(story, TRAILING) == []


def test_an_address_a_wrapped_sentence_goes_on_with_stays() -> None:
    """Hard-wrapped copy: the line opens with the address the sentence is about."""
    text = "Residents can apply online at\nwww.example.gov/grants until 30 June, the council said."
    assert split_sentences(text)[1].startswith("www.example.gov/grants until")
    assert split_sentences("www.govnews.example now lists the rules.") == [
        "www.govnews.example now lists the rules."
    ]
