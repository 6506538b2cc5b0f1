"""Hybrid mode with the candidates as the floor (issue 21): the model may re-type, add and
flag items, each change kept only where the story bears it out; silence drops nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from summariser.backends.fake import FakeBackend
from summariser.check.context import StoryContext
from summariser.check.items import inside_longer_name, merge_model_items
from summariser.config import Config
from summariser.errors import ConfigError
from summariser.extract import Candidate, Mention
from summariser.pipeline import summarise_text
from summariser.schemas import FullDraft, GroundingStats, StoryRecord
from summariser.segment import segment

KINDS = ("people", "organisations", "places", "figures", "dates", "quotes", "sources")


def prose_only(kwargs: dict[str, Any]) -> dict[str, Any]:
    """A grounded answer that lists no item at all, as a small model often does."""
    user = kwargs["messages"][-1]["content"]
    lead = user.split("<<<\n", 1)[1].split("\n>>>", 1)[0].splitlines()[0][:300]
    return {"headline": " ".join(lead.split()[:8]), "summary": lead, "key_points": [],
            "topic": "news"}


def items_of(story: dict[str, Any]) -> dict[str, list[str]]:
    return {
        key: sorted(str(i.get("name") or i.get("value") or i.get("text")) for i in story[key])
        for key in KINDS
    }


def briefing(text: str, mode: str, answer: Any) -> list[dict[str, Any]]:
    config = Config.resolve(use_cache=False, entity_mode=mode, max_reasks=0)
    backend = FakeBackend(default=answer)
    stories: list[dict[str, Any]] = json.loads(
        summarise_text(text, config, backend).model_dump_json()
    )["stories"]
    return stories


def test_a_model_that_lists_nothing_keeps_every_candidate(seed_text: str) -> None:
    hybrid = briefing(seed_text, "hybrid", prose_only)
    candidates = briefing(seed_text, "candidates", prose_only)
    assert [items_of(s) for s in hybrid] == [items_of(s) for s in candidates]
    assert sum(len(s["people"]) for s in hybrid) > 5


def test_the_default_entity_mode_is_hybrid_for_every_backend_that_writes(seed_text: str) -> None:
    config = Config.resolve(use_cache=False)
    for trusted in (False, True):
        backend = FakeBackend(default=prose_only, trusted_with_entities=trusted)
        assert summarise_text(seed_text, config, backend).meta.entity_mode == "hybrid"


def test_a_backend_that_only_selects_reports_candidates_mode_unless_hybrid_is_asked() -> None:
    """The embedded model is asked only to pick sentences: its items are the candidates,
    and the briefing's meta says so; `--entity-mode hybrid` still asks it for everything."""
    from summariser.model_call import model_writes, resolve_draft_kind
    from summariser.run_context import resolve_entity_mode

    selector = FakeBackend(default=prose_only, writes_prose=False)
    auto = Config.resolve(use_cache=False)
    assert not model_writes(auto, selector)
    assert resolve_entity_mode(auto, selector) == "candidates"
    assert resolve_draft_kind("candidates", False) == "select"
    assert resolve_draft_kind("candidates", False, "ranked") == "rank"
    asked = Config.resolve(use_cache=False, entity_mode="hybrid")
    assert model_writes(asked, selector)
    assert resolve_entity_mode(asked, selector) == "hybrid"
    assert resolve_draft_kind("hybrid", True) == "full"


def test_ask_decides_what_any_backend_is_asked() -> None:
    """`--ask select` makes a remote model only select (a tiny model behind a server);
    `--ask write` makes the embedded one write; the entity mode follows."""
    from summariser.model_call import model_writes
    from summariser.prompts import load_story_prompt
    from summariser.run_context import RunContext, resolve_entity_mode

    writer = FakeBackend(default=prose_only)
    selector = FakeBackend(default=prose_only, writes_prose=False)
    select = Config.resolve(use_cache=False, ask="select")
    write = Config.resolve(use_cache=False, ask="write")
    assert not model_writes(select, writer) and model_writes(write, selector)
    assert resolve_entity_mode(select, writer) == "candidates"
    assert resolve_entity_mode(write, selector) == "hybrid"
    run = RunContext(backend=writer, config=select, prompt=load_story_prompt(),
                     entity_mode=resolve_entity_mode(select, writer), cache=None)
    assert run.draft_kind == "select"
    with pytest.raises(ConfigError):
        Config.resolve(use_cache=False, ask="everything")


def context(text: str, *candidates: Candidate) -> StoryContext:
    return StoryContext.build(segment(text)[0], "lenient", list(candidates))


def candidate(text: str, story: str, kind: str, word: str | None = None) -> Candidate:
    """A candidate for every occurrence of `word` (default `text`) in `story`."""
    word = word or text
    mentions, start = [], story.find(word)
    while start >= 0:
        mentions.append(Mention(word, start, start + len(word)))
        start = story.find(word, start + 1)
    return Candidate(kind=kind, text=text, mentions=tuple(mentions), origin="ner")  # type: ignore[arg-type]


def merged(ctx: StoryContext, **draft: Any) -> tuple[StoryRecord, GroundingStats]:
    record = StoryRecord(id=0, lead=ctx.story.lead, source={"start": 0, "end": 1})
    stats = GroundingStats()
    answer = {"headline": "h", "summary": "s.", **draft}
    merge_model_items(record, FullDraft.model_validate(answer), ctx, stats)
    return record, stats


STORY = (
    "Floods hit the Bazarak district on Monday, and Amina Noori, a teacher, said 40 homes "
    "were lost. Bazarak lies in a valley. Staff of Kabul University sent help, and Kabul "
    "University will host the families."
)


def test_a_retype_the_text_bears_out_is_taken_and_one_it_does_not_is_refused() -> None:
    bazarak = candidate("Bazarak", STORY, "person")  # the NER model's mistake
    amina = candidate("Amina Noori", STORY, "person")
    record, stats = merged(context(STORY, bazarak, amina), places=["Bazarak"],
                           organisations=["Amina Noori"])
    assert [p.name for p in record.places] == ["Bazarak"]  # "the Bazarak district"
    assert record.places[0].origin == "ner+model"
    assert [p.name for p in record.people] == ["Amina Noori"]  # "a teacher" says person
    assert any("Amina Noori" in d and "does not say" in d for d in stats.dropped_items)


def test_a_known_place_is_never_retyped_as_a_person_or_body() -> None:
    story = "Officials in Kabul said the Kabul company had closed."
    kabul = candidate("Kabul", story, "place")
    record, _ = merged(context(story, kabul), people=[{"name": "Kabul", "role": None}],
                       organisations=["Kabul"])
    assert [p.name for p in record.places] == ["Kabul"] and not record.organisations


def test_a_flag_is_taken_only_when_the_longer_name_holds_every_mention() -> None:
    kabul = candidate("Kabul", STORY, "place")  # only ever inside "Kabul University"
    ctx = context(STORY, kabul)
    assert inside_longer_name(kabul, "Kabul University", ctx)
    assert not inside_longer_name(kabul, "Kabul Polytechnic", ctx)  # not in the story
    assert not inside_longer_name(kabul, "Kabul", ctx)
    flag = {"item": "Kabul", "reason": "part_of_longer_name", "evidence": "Kabul University"}
    record, stats = merged(ctx, flags=[flag], organisations=["Kabul University"])
    assert not record.places
    assert [o.name for o in record.organisations] == ["Kabul University"]
    assert any("part of Kabul University" in d for d in stats.dropped_items)
    bazarak = candidate("Bazarak", STORY, "place")  # also stands alone: no flag holds
    assert not inside_longer_name(bazarak, "Bazarak district", context(STORY, bazarak))


@pytest.mark.parametrize(
    "flag",
    [
        {"item": "Bazarak", "reason": "part_of_longer_name", "evidence": "Bazarak district"},
        {"item": "Bazarak", "reason": "wrong_kind", "evidence": "Bazarak lies", "kind": "person"},
        {"item": "Nowhere", "reason": "wrong_kind", "evidence": "x", "kind": "person"},
    ],
    ids=["stands-alone-too", "no-cue-of-the-kind", "not-an-item"],
)
def test_a_flag_the_text_does_not_bear_out_drops_nothing(flag: dict[str, Any]) -> None:
    bazarak = candidate("Bazarak", STORY, "place")
    record, stats = merged(context(STORY, bazarak), flags=[flag])
    assert [p.name for p in record.places] == ["Bazarak"]
    assert any(d.startswith("flag: ") for d in stats.dropped_items)


def test_additions_are_kept_only_when_grounded_named_and_new() -> None:
    amina = candidate("Amina Noori", STORY, "person")
    figure = candidate("40", STORY, "figure")
    record, stats = merged(
        context(STORY, amina, figure),
        organisations=["Kabul University", "the families", "World Bank"],
        people=[{"name": "Noori", "role": "a teacher"}],
        figures=[{"value": "40", "context": "homes"}, {"value": "Monday", "context": "day"}],
        dates=["Monday"],
    )
    assert [o.name for o in record.organisations] == ["Kabul University"]
    assert record.organisations[0].origin == "model" and record.organisations[0].evidence
    assert [p.name for p in record.people] == ["Amina Noori"]  # "Noori" is the same person
    assert record.people[0].role == "a teacher"  # written beside her name
    assert [f.value for f in record.figures] == ["40"]
    assert [d.text for d in record.dates] == ["Monday"]
    dropped = " ".join(stats.dropped_items)
    assert "the families" in dropped and "World Bank" in dropped and "Monday" in dropped


def test_auto_asks_a_remote_model_whose_name_says_it_is_tiny_only_to_select() -> None:
    """A size in the model's name under a billion parameters means select (as the bundled
    135M model behind a server); a larger one, or a name without a size, means write."""
    from summariser.model_call import model_writes, parameters_in_name

    auto = Config.resolve(use_cache=False)
    for name, writes in [
        ("/models/SmolLM2-135M-Instruct.Q4_1.gguf", False),
        ("qwen2.5:0.5b", False),
        ("Llama-3.2-1B-Instruct", True),
        ("llama3.1:8b", True),
        ("gpt-4o-mini", True),
        ("mixtral-8x7b", True),
    ]:
        backend = FakeBackend(default=prose_only, model=name)
        assert model_writes(auto, backend) is writes, name
    assert parameters_in_name("phi3:3.8b") == 3.8e9
    assert parameters_in_name("model-v2b") is None
    # `--ask` and an explicit hybrid mode still decide.
    tiny = FakeBackend(default=prose_only, model="SmolLM2-135M")
    assert model_writes(Config.resolve(use_cache=False, ask="write"), tiny)
    assert model_writes(Config.resolve(use_cache=False, entity_mode="hybrid"), tiny)
