"""Headline, summary and key points: only what one passage of the story says, in usable form."""

from __future__ import annotations

import json

from summariser.backends.fake import FakeBackend
from summariser.check.claims import ClaimChecker
from summariser.check.context import StoryContext
from summariser.check.prose import choose_headline, form_problems
from summariser.config import Config
from summariser.pipeline import summarise_text
from summariser.schemas import Briefing, ProseDraft
from summariser.segment import segment
from summariser.text import split_sentences

HAQQANI = (
    "It remains unclear whether Saudi officials held any political discussions with Haqqani "
    "during his visit. However, unlike the Taliban's Interior Minister, Saudi Arabia extended "
    "a warm and public welcome to Ahmad al-Sharaa, the head of Syria's interim government. "
    "Al-Sharaa does not require approval, as he is not subject to sanctions. "
    "The UN Security Council had permitted the minister to travel to the UAE and perform the "
    "Hajj pilgrimage in Saudi Arabia."
)


def checker(text: str, level: str) -> ClaimChecker:
    return ClaimChecker.for_story(text, level)


def test_strict_rejects_true_words_recombined_into_a_false_sentence() -> None:
    strict = checker(HAQQANI, "strict")
    invented = (
        "Saudi Arabia's head of Syria's interim government, Ahmad al-Sharaa, is permitted to "
        "perform the Hajj pilgrimage."
    )
    (problem,) = strict.problems("summary", invented)
    assert "not what any one passage of the story says" in problem
    assert strict.supported(
        "summary", "Saudi Arabia extended a warm welcome to Ahmad al-Sharaa, the head of "
        "Syria's interim government."
    )


def test_strict_names_each_word_the_story_never_uses() -> None:
    strict = checker(HAQQANI, "strict")
    (problem,) = strict.problems("headline", "Saudi Arabia welcomes al-Sharaa at a stronghold")
    assert "'stronghold'" in problem and "'welcomes'" not in problem  # 'welcome' is a stem


def test_lenient_lets_a_paraphrase_through_but_not_an_invention() -> None:
    lenient = checker(HAQQANI, "lenient")
    assert lenient.supported(
        "summary", "Saudi Arabia warmly received Ahmad al-Sharaa, head of Syria's government."
    )
    assert not lenient.supported("summary", "His wife and sister were waiting for compensation.")


def test_form_problems_catch_cut_off_prose_but_leave_long_headlines_to_repair() -> None:
    long_headline = " ".join(["word"] * 20)
    draft = ProseDraft(headline=long_headline, summary="The drug...d in a truck carrying a")
    problems = form_problems(draft)
    assert not any("headline" in p for p in problems)  # replaced by choose_headline, no re-ask
    assert any("complete sentences" in p for p in problems)
    assert any("without '...'" in p for p in problems)
    assert form_problems(ProseDraft(headline="Floods hit Riverton", summary="It rained.")) == []


def _context(text: str) -> StoryContext:
    (story,) = segment(text)
    return StoryContext.build(story, "strict")


def test_a_title_line_is_the_headline_whatever_the_model_writes() -> None:
    ctx = _context("Floods Hit Riverton\n\nAbout 1,200 people left Riverton on Monday after rain.")
    assert ctx.story.title == "Floods Hit Riverton"
    draft = ProseDraft(headline="Riverton residents flee", summary="People left.")
    assert choose_headline(draft, ctx) == "Floods Hit Riverton"


def test_an_unusable_headline_gives_way_to_the_lead_clause() -> None:
    ctx = _context(
        "About 1,200 people left Riverton on Monday after a week of heavy rain, officials "
        "said. The river rose by two metres."
    )
    too_long = ProseDraft(
        headline="About 1,200 people left Riverton on Monday after a week of heavy rain, "
        "officials said, and more will follow soon", summary="x.")
    assert choose_headline(too_long, ctx) == (
        "About 1,200 people left Riverton on Monday after a week of heavy rain"
    )
    invented = ProseDraft(headline="Riverton mayor resigns", summary="x.")
    assert choose_headline(invented, ctx).startswith("About 1,200 people left Riverton")
    # A paraphrase, even a true one, is not one span of a sentence: two pieces joined.
    spliced = ProseDraft(headline="1,200 people left Riverton after heavy rain", summary="x.")
    assert choose_headline(spliced, ctx).startswith("About 1,200 people left Riverton on")
    good = ProseDraft(headline="The river rose by two metres", summary="x.")
    assert choose_headline(good, ctx) == "The river rose by two metres"


STORY = (
    "About 1,200 people left Riverton on Monday after a week of heavy rain, officials said. "
    "The river rose by two metres and the main bridge was closed. "
    "The Red Cross opened 14 shelters in Lakeside and Northfield, where 300 families stay."
)
LEAD = " ".join(split_sentences(STORY)[:2])


def _answer(summary: str, key_points: list[str] | None = None) -> dict[str, object]:
    return {"headline": "Riverton floods", "summary": summary, "key_points": key_points or [],
            "topic": "floods"}


def _run(*answers: dict[str, object], level: str = "auto") -> tuple[FakeBackend, Briefing]:
    backend = FakeBackend(list(answers))
    config = Config.resolve(use_cache=False, entity_mode="candidates", max_reasks=1,
                            prose_check=level)
    return backend, summarise_text(STORY, config, backend)


def test_an_invented_claim_is_reasked_and_the_good_answer_kept() -> None:
    bad = _answer("The mayor blamed climate change for the floods in Riverton.")
    good = _answer("The Red Cross opened 14 shelters in Lakeside and Northfield, where 300 "
                   "families stay.")
    backend, briefing = _run(bad, good)
    assert briefing.meta.prose_check == "strict"
    assert len(backend.calls) == 2
    reask = json.dumps(backend.calls[1]["messages"])
    assert "'mayor'" in reask and "'climate'" in reask
    (story,) = briefing.stories
    assert story.summary == good["summary"]
    assert briefing.meta.grounding.summary_fallbacks == 0


def test_under_the_strict_check_a_summary_must_name_more_than_the_lead() -> None:
    thin = _answer("About 1,200 people left Riverton after a week of heavy rain.")
    _backend, briefing = _run(thin)
    (story,) = briefing.stories
    assert story.summary == LEAD  # the lead's two sentences name more of the story
    assert any("the lead names more" in d for d in story.grounding.dropped_items)
    _backend, briefing = _run(thin, level="lenient")
    assert briefing.stories[0].summary == thin["summary"]


def test_when_reasks_run_out_the_lead_stands_in_and_is_counted() -> None:
    bad = _answer("The mayor blamed climate change.", ["The mayor resigned."])
    _backend, briefing = _run(bad, bad)
    (story,) = briefing.stories
    assert story.summary == LEAD
    assert story.key_points == []
    assert story.grounding.summary_fallback is True
    assert briefing.meta.grounding.summary_fallbacks == 1


def test_first_answers_are_measured_for_schema_and_for_grounding_apart() -> None:
    invented = _answer("The mayor blamed climate change for the floods in Riverton.")
    good = _answer("The Red Cross opened 14 shelters in Lakeside and Northfield, where 300 "
                   "families stay.")
    _backend, briefing = _run(invented, good)
    usage = briefing.stories[0].usage
    assert usage.first_attempt_valid and not usage.first_attempt_grounded
    _backend, briefing = _run('{"headline": "Riverton", "summ', good)  # cut off: not JSON
    usage = briefing.stories[0].usage
    assert not usage.first_attempt_valid and not usage.first_attempt_grounded
    _backend, briefing = _run(good)
    usage = briefing.stories[0].usage
    assert usage.first_attempt_valid and usage.first_attempt_grounded


def test_prose_cut_with_an_ellipsis_character_is_not_kept_when_reasks_run_out() -> None:
    """"…" marks left-out text as "..." does: neither the salvaged summary nor the topic
    keeps it (the draft check already re-asks both)."""
    cut = _answer("The Red Cross opened 14 shelters in Lakeside … where 300 families stay.")
    cut["topic"] = "floods…"
    _backend, briefing = _run(cut, cut, level="lenient")
    (story,) = briefing.stories
    assert "…" not in story.summary
    assert story.summary == LEAD
    assert story.grounding.summary_fallback is True
    assert story.topic == ""
