"""The briefing's items: checked in a model's draft, then merged from grounded sources.

In candidates mode the rule and NER candidates are the items; in hybrid mode the model
picks, types and proposes them, and only what the story supports is kept. Either way every
kept item carries its evidence span, and what is dropped is counted.
"""

from __future__ import annotations

from typing import Any

from .. import gazetteer
from ..extract import Candidate
from ..schemas import (
    DateRecord,
    FigureRecord,
    FullDraft,
    GroundingStats,
    NamedRecord,
    PersonRecord,
    QuoteRecord,
    StoryRecord,
)
from .context import StoryContext
from .grounding import quote_matches, same_entity


def is_known_place(name: str) -> bool:
    return gazetteer.lookup(name) is not None


def _country_of(name: str) -> str | None:
    """The common English name of the country a place is (or lies in)."""
    place = gazetteer.lookup(name)
    if place is None or not place.country:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=place.country)
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name)


def item_problems(draft: FullDraft, ctx: StoryContext) -> list[str]:
    problems: list[str] = []
    for person in draft.people:
        if not ctx.index.contains(person.name):
            problems.append(f"person '{person.name}' is not in the story")
        elif is_known_place(person.name):
            problems.append(f"'{person.name}' is a place, not a person")
    for name in draft.organisations:
        if not ctx.index.contains(name) and not ctx.match_candidate(name, ("organisation",)):
            problems.append(f"organisation '{name}' is not in the story")
        elif is_known_place(name) and not ctx.match_candidate(name, ("organisation",)):
            problems.append(f"'{name}' is a place, not an organisation")
    for name in draft.places:
        if not ctx.index.contains(name):
            problems.append(f"place '{name}' is not in the story")
    for figure in draft.figures:
        if not ctx.index.contains(figure.value):
            problems.append(f"figure '{figure.value}' is not written in the story")
    for text in draft.dates:
        if not ctx.index.contains(text):
            problems.append(f"date '{text}' is not in the story")
    for quote in draft.quotes:
        if quote_matches(quote.text, ctx.index) is None:
            problems.append(f"quote '{quote.text[:40]}' is not in the story")
            continue
        attributed = rule_speaker(quote.text, ctx)
        if (
            quote.speaker
            and attributed
            and not same_entity(quote.speaker, attributed, ctx.abbreviations)
        ):
            problems.append(
                f"quote '{quote.text[:40]}' was said by {attributed}, not {quote.speaker}"
            )
    for name in draft.sources:
        if not ctx.index.contains(name) and not ctx.match_candidate(
            name, ("source", "organisation")
        ):
            problems.append(f"source '{name}' is not in the story")
    return problems


def rule_speaker(text: str, ctx: StoryContext) -> str | None:
    hit = quote_matches(text, ctx.index)
    if hit is None:
        return None
    for candidate in ctx.candidates_of("quote"):
        for mention in candidate.mentions:
            if mention.start <= hit.start < mention.end or hit.start <= mention.start < hit.end:
                return candidate.speaker
    return None


_NAME_KINDS = ("person", "organisation", "place", "source")


def _first_standalone_mention(c: Candidate, ctx: StoryContext) -> Any:
    """The first mention of a name that is not part of a longer name of the story ('Pakistan'
    inside 'Tehreek-e-Taliban Pakistan' is the body's name, not the country), else the first:
    the evidence view highlights the evidence, and a reviewer should see the name itself."""
    if c.kind not in _NAME_KINDS or len(c.mentions) == 1:
        return c.mentions[0]
    longer = [(m.start, m.end) for o in ctx.candidates
              if o is not c and o.kind in _NAME_KINDS for m in o.mentions]
    for mention in c.mentions:
        if not any(s <= mention.start and mention.end <= e and e - s > mention.end - mention.start
                   for s, e in longer):
            return mention
    return c.mentions[0]


def _record_from_candidate(c: Candidate, ctx: StoryContext) -> Any:
    first = _first_standalone_mention(c, ctx)
    evidence = ctx.evidence(first.start, first.end)
    if c.kind == "person":
        return PersonRecord(
            name=c.text, role=c.role, aliases=list(c.aliases), evidence=evidence, origin=c.origin
        )
    if c.kind in ("organisation", "place", "source"):
        return NamedRecord(name=c.text, aliases=list(c.aliases), evidence=evidence, origin=c.origin)
    if c.kind == "figure":
        return FigureRecord(value=c.text, context=c.context, evidence=evidence, origin=c.origin)
    if c.kind == "date":
        return DateRecord(text=c.text, evidence=evidence, origin=c.origin)
    return QuoteRecord(text=c.text, speaker=c.speaker, evidence=evidence, origin=c.origin)


_LIST_FOR_KIND = {
    "person": "people",
    "organisation": "organisations",
    "place": "places",
    "figure": "figures",
    "date": "dates",
    "quote": "quotes",
    "source": "sources",
}


def _verified(c: Candidate, text: str) -> bool:
    return bool(c.mentions) and all(text[m.start : m.end] == m.text for m in c.mentions)


def merge_candidates(record: StoryRecord, ctx: StoryContext, stats: GroundingStats) -> None:
    """Candidates mode: the typed, grounded candidates are the story's items."""
    for c in ctx.candidates:
        stats.proposed += 1
        if not _verified(c, ctx.story.text):
            stats.dropped += 1
            stats.dropped_items.append(f"{c.kind}: {c.text} (span mismatch)")
            continue
        getattr(record, _LIST_FOR_KIND[c.kind]).append(_record_from_candidate(c, ctx))
        stats.grounded += 1


def merge_model_items(
    record: StoryRecord, draft: FullDraft, ctx: StoryContext, stats: GroundingStats
) -> None:
    """Hybrid mode: the model picks, types and proposes; only grounded items are kept."""
    seen: set[tuple[str, str]] = set()

    def keep(kind: str, item: Any, key: str) -> None:
        marker = (kind, key.casefold())
        if marker in seen:
            return
        seen.add(marker)
        getattr(record, _LIST_FOR_KIND[kind]).append(item)
        stats.grounded += 1

    def drop(kind: str, text: str, why: str) -> None:
        stats.dropped += 1
        stats.dropped_items.append(f"{kind}: {text} ({why})")

    entity_kinds = ("person", "organisation", "place", "source")
    typed: list[tuple[str, str, str | None]] = [("person", p.name, p.role) for p in draft.people]
    typed += [("organisation", n, None) for n in draft.organisations]
    typed += [("place", n, None) for n in draft.places]
    typed += [("source", n, None) for n in draft.sources]
    for kind, name, role in typed:
        stats.proposed += 1
        candidate = ctx.match_candidate(name, entity_kinds)
        hit = ctx.index.find(candidate.text if candidate else name)
        if hit is None:
            drop(kind, name, "not in the story")
            continue
        typed_by_rule = candidate is not None and candidate.kind == kind
        if kind in ("person", "organisation") and is_known_place(hit.text) and not typed_by_rule:
            drop(kind, name, "a known place")
            continue
        canonical = candidate.text if candidate else hit.text
        aliases = list(candidate.aliases) if candidate else []
        evidence = ctx.evidence(hit.start, hit.end)
        if kind == "person":
            grounded_role = (
                role
                if role and ctx.index.contains(role)
                else (candidate.role if candidate else None)
            )
            keep(
                kind,
                PersonRecord(
                    name=canonical,
                    role=grounded_role,
                    aliases=aliases,
                    evidence=evidence,
                    origin="model+rule" if candidate else "model",
                ),
                canonical,
            )
        else:
            keep(
                kind,
                NamedRecord(
                    name=canonical,
                    aliases=aliases,
                    evidence=evidence,
                    origin="model+rule" if candidate else "model",
                ),
                canonical,
            )
    for figure in draft.figures:
        stats.proposed += 1
        hit = ctx.index.find(figure.value)
        if hit is None:
            drop("figure", figure.value, "not in the story")
            continue
        keep(
            "figure",
            FigureRecord(
                value=hit.text,
                context=figure.context,
                evidence=ctx.evidence(hit.start, hit.end),
                origin="model",
            ),
            hit.text,
        )
    for text in draft.dates:
        stats.proposed += 1
        hit = ctx.index.find(text)
        if hit is None:
            drop("date", text, "not in the story")
            continue
        keep(
            "date",
            DateRecord(text=hit.text, evidence=ctx.evidence(hit.start, hit.end), origin="model"),
            hit.text,
        )
    for quote in draft.quotes:
        stats.proposed += 1
        hit = quote_matches(quote.text, ctx.index)
        if hit is None:
            drop("quote", quote.text[:40], "not in the story")
            continue
        attributed = rule_speaker(quote.text, ctx)
        speaker = quote.speaker
        if speaker and not ctx.index.contains(speaker):
            speaker = None
        if attributed and (not speaker or not same_entity(speaker, attributed, ctx.abbreviations)):
            speaker = attributed  # the text's own attribution beats the model's
        keep(
            "quote",
            QuoteRecord(
                text=hit.text,
                speaker=speaker,
                evidence=ctx.evidence(hit.start, hit.end),
                origin="model",
            ),
            hit.text,
        )


def places_and_countries(record: StoryRecord) -> None:
    countries: list[str] = []
    for place in record.places:
        country = _country_of(place.name)
        if country and country not in countries:
            countries.append(country)
    record.countries = countries
    record.primary_place = (
        countries[0] if countries else (record.places[0].name if record.places else None)
    )
