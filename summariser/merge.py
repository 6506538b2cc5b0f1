"""One briefing over several inputs (`--merge`), each event told once.

Two stories are one event when they have the same text (the same `story_id`, whitespace
aside), or when two desks wrote the same lead facts: the lead sentence names the same people
or bodies, in the same place, with the same figures and dates. Facts come from the grounded
items of each record, so they are the names and numbers the story really holds; a lead must
carry a name, a place and a figure or date before it can stand for an event, so that two
thin leads ("Officials met on Monday.") never merge. Stories of one input never merge by
facts: a desk that files two stories means two.

The merged story is the first summarised copy, in input order; its `origins` list every copy
(input, offsets, story id), and its evidence offsets index the first origin's input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .schemas import Briefing, GroundingStats, RunMeta, StoryRecord

FactKey = tuple[frozenset[str], frozenset[str], frozenset[str]]
_NUMBER_NOISE = re.compile(r"[,\s]")


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _in_lead(values: Iterable[str], lead: str) -> frozenset[str]:
    return frozenset(v for v in (_fold(value) for value in values) if v and v in lead)


def lead_facts(record: StoryRecord) -> tuple[FactKey, frozenset[str]] | None:
    """The names, figures and dates of a story's lead, and its places; None when too few to
    name an event (no name, or neither figure nor date)."""
    lead = _fold(record.lead)
    names = _in_lead([p.name for p in record.people] + [o.name for o in record.organisations], lead)
    places = _in_lead([p.name for p in record.places], lead)
    figures = frozenset(
        _NUMBER_NOISE.sub("", f) for f in _in_lead([f.value for f in record.figures], lead)
    )
    dates = _in_lead([d.text for d in record.dates], lead)
    if not names or not (figures or dates):
        return None
    return (names, figures, dates), places


def same_place(
    a: StoryRecord, a_places: frozenset[str], b: StoryRecord, b_places: frozenset[str]
) -> bool:
    """Both leads name the same place: every place either lead is known to name is in the
    other lead's words too (the extractor may miss a place in one wording, never the text)."""
    places = a_places | b_places
    lead_a, lead_b = _fold(a.lead), _fold(b.lead)
    return bool(places) and all(p in lead_a and p in lead_b for p in places)


def merge_records(groups: list[tuple[str, list[StoryRecord]]]) -> list[StoryRecord]:
    """Records of every input (name, records), each event once, in first-seen order."""
    events: list[list[StoryRecord]] = []
    by_text: dict[str, int] = {}
    by_facts: dict[FactKey, list[tuple[int, StoryRecord, frozenset[str]]]] = {}
    inputs_of: list[set[str]] = []
    for name, records in groups:
        for record in records:
            event = by_text.get(record.story_id) if record.story_id else None
            facts = lead_facts(record)
            if event is None and facts is not None:
                for candidate, other, places in by_facts.get(facts[0], []):
                    if name not in inputs_of[candidate] and same_place(
                        record, facts[1], other, places
                    ):
                        event = candidate
                        break
            if event is None:
                event = len(events)
                events.append([])
                inputs_of.append(set())
            events[event].append(record)
            inputs_of[event].add(name)
            if record.story_id:
                by_text.setdefault(record.story_id, event)
            if facts is not None:
                by_facts.setdefault(facts[0], []).append((event, record, facts[1]))
    merged: list[StoryRecord] = []
    for number, copies in enumerate(events, start=1):
        primary = next((r for r in copies if r.status == "summarised"), copies[0])
        record = primary.model_copy(update={"id": number})
        record.origins = [
            origin for copy in _primary_first(copies, primary) for origin in copy.origins
        ]
        merged.append(record)
    return merged


def _primary_first(copies: list[StoryRecord], primary: StoryRecord) -> list[StoryRecord]:
    return [primary] + [c for c in copies if c is not primary]


def merge_briefings(briefings: list[Briefing]) -> Briefing:
    """One briefing over every input's briefing; run figures are the sums of theirs."""
    stories = merge_records([(b.meta.input, b.stories) for b in briefings])
    first = briefings[0].meta
    names = [b.meta.input for b in briefings]
    meta = RunMeta(
        input=", ".join(names),
        inputs=names,
        run_id=first.run_id,
        date=first.date,
        backend=first.backend,
        model=first.model,
        entity_mode=first.entity_mode,
        prose_check=first.prose_check,
        prompt_version=first.prompt_version,
        stories=len(stories),
        failed=sum(r.status != "summarised" for r in stories),
        grounding=GroundingStats(),
    )
    for b in briefings:
        meta.prompt_tokens += b.meta.prompt_tokens
        meta.completion_tokens += b.meta.completion_tokens
        meta.model_calls += b.meta.model_calls
        meta.seconds = round(meta.seconds + b.meta.seconds, 3)
    for record in stories:
        meta.grounding.add(record.grounding)
    return Briefing(stories=stories, meta=meta)
