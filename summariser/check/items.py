"""The briefing's items: checked in a model's draft, then merged from grounded sources.

In candidates mode the rule and NER candidates are the items; in hybrid mode they are the
floor, and the model may re-type, flag and add, each change kept only where the story bears
it out. Either way every kept item carries its evidence span, and what is dropped is counted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .. import gazetteer
from ..extract import Candidate
from ..schemas import (
    DateRecord,
    DraftFlag,
    FigureRecord,
    FullDraft,
    GroundingStats,
    NamedRecord,
    PersonRecord,
    QuoteRecord,
    StoryRecord,
)
from .context import StoryContext
from .grounding import normalise, number_values, quote_matches, same_entity
from .kind_cues import says_kind, window


def is_known_place(name: str) -> bool:
    return gazetteer.lookup(name) is not None


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


ENTITY_KINDS = ("person", "organisation", "place", "source")


def merge_model_items(
    record: StoryRecord, draft: FullDraft, ctx: StoryContext, stats: GroundingStats
) -> None:
    """Hybrid mode: the grounded candidates are the floor; the model re-types, adds and flags.

    What the model leaves out is kept: a small model that lists nothing must not empty the
    briefing (issue 21: recall fell from 0.80 to 0.10 when only its picks were printed).
    Every change it asks for must be borne out by the text: a re-type by a cue word of the
    new kind beside the name (`kind_cues`), a flag by the longer name the item is part of, an
    addition by its verbatim span (a named item also by its capital letters). What is not
    borne out is refused and counted, never re-asked: the merge settles it for free.
    """
    merged = _MergedItems(ctx)
    for flag in draft.flags:
        merged.apply_flag(flag, stats)
    proposals: list[tuple[str, str, str | None]] = [
        ("person", p.name, p.role) for p in draft.people
    ]
    proposals += [("organisation", n, None) for n in draft.organisations]
    proposals += [("place", n, None) for n in draft.places]
    proposals += [("source", n, None) for n in draft.sources]
    additions = [p for p in proposals if not merged.apply_listing(*p, stats=stats)]
    merged.emit_floor(record, stats)
    for kind, name, role in additions:
        merged.add_named(record, kind, name, role, stats)
    for figure in draft.figures:
        merged.add_spanned(record, "figure", figure.value, stats, context=figure.context)
    for text in draft.dates:
        merged.add_spanned(record, "date", text, stats)
    for quote in draft.quotes:
        merged.add_quote(record, quote.text, quote.speaker, stats)


class _MergedItems:
    """The candidates with the changes the model asked for and the text bears out."""

    def __init__(self, ctx: StoryContext) -> None:
        self.ctx = ctx
        self.kinds: list[str] = [c.kind for c in ctx.candidates]
        self.roles: dict[int, str] = {}
        self.flagged: dict[int, str] = {}
        self.seen: set[tuple[str, str]] = set()

    # ----------------------------------------------------------------- requests

    def _index_of(self, name: str, kinds: tuple[str, ...]) -> int | None:
        candidate = self.ctx.match_candidate(name, kinds)
        if candidate is None:
            return None
        return next(i for i, c in enumerate(self.ctx.candidates) if c is candidate)

    def apply_flag(self, flag: DraftFlag, stats: GroundingStats) -> None:
        stats.proposed += 1
        index = self._index_of(flag.item, ENTITY_KINDS)
        if index is None:
            _refuse(stats, f"flag: {flag.item}", "not an item found in the story")
            return
        candidate = self.ctx.candidates[index]
        if flag.reason == "part_of_longer_name":
            if inside_longer_name(candidate, flag.evidence, self.ctx):
                self.flagged[index] = f"part of {flag.evidence.strip()}"
            else:
                _refuse(stats, f"flag: {flag.item}", "the story does not show a longer name")
            return
        passages = [flag.evidence] if _evidence_shows(flag.evidence, candidate, self.ctx) else []
        if flag.kind and self._retype(index, flag.kind, passages):
            return
        _refuse(stats, f"flag: {flag.item}", f"the story does not say it is a {flag.kind}")

    def apply_listing(self, kind: str, name: str, role: str | None, stats: GroundingStats) -> bool:
        """Whether `name` is a candidate (confirmed, re-typed or refused), not an addition."""
        stats.proposed += 1
        index = self._index_of(name, (kind,))
        if index is not None and self.kinds[index] == kind:
            person = self.ctx.candidates[index]
            new_role = kind == "person" and role and not person.role
            if new_role and role and _role_beside(role, person, self.ctx):
                self.roles[index] = role.strip()
            return True
        index = self._index_of(name, ENTITY_KINDS)
        if index is None:
            return False
        if self.kinds[index] != kind and not self._retype(index, kind, []):
            _refuse(stats, f"{kind}: {name}", f"the story does not say it is a {kind}")
        return True

    def _retype(self, index: int, kind: str, passages: list[str]) -> bool:
        candidate = self.ctx.candidates[index]
        if kind not in ENTITY_KINDS or kind == self.kinds[index]:
            return kind == self.kinds[index]
        text = self.ctx.story.text
        around = passages + [
            window(text, m.start, m.end) for m in candidate.mentions if m.end <= len(text)
        ]
        known_place = is_known_place(candidate.text)
        if kind in ("person", "organisation") and known_place:
            return False
        if says_kind(self.kinds[index], around):
            return False  # the text says what the extractor said: it stands
        if not (says_kind(kind, around) or (kind == "place" and known_place)):
            return False
        self.kinds[index] = kind
        return True

    # ----------------------------------------------------------------- output

    def _keep(
        self, record: StoryRecord, kind: str, key: str, item: Any, stats: GroundingStats,
        *, floor: bool = False,
    ) -> None:
        """Add `item` unless an item of its kind and name is there; the floor is added as
        candidates mode adds it, so that a silent model changes nothing."""
        marker = (kind, key.casefold())
        if marker in self.seen and not floor:
            return
        self.seen.add(marker)
        getattr(record, _LIST_FOR_KIND[kind]).append(item)
        stats.grounded += 1

    def emit_floor(self, record: StoryRecord, stats: GroundingStats) -> None:
        for index, c in enumerate(self.ctx.candidates):
            stats.proposed += 1
            if not _verified(c, self.ctx.story.text):
                _refuse(stats, f"{c.kind}: {c.text}", "span mismatch")
                continue
            if index in self.flagged:
                _refuse(stats, f"{c.kind}: {c.text}", self.flagged[index])
                continue
            kind = self.kinds[index]
            origin = c.origin if kind == c.kind else f"{c.origin}+model"
            changed = replace(
                c,
                kind=kind,  # type: ignore[arg-type]
                origin=origin,
                role=self.roles.get(index, c.role) if kind == "person" else None,
            )
            item = _record_from_candidate(changed, self.ctx)
            self._keep(record, kind, c.text, item, stats, floor=True)

    def _covered(self, kind: str, start: int, end: int) -> bool:
        """Whether a candidate of `kind` already holds this span (the model listed it again)."""
        return any(
            m.start < end and start < m.end
            for i, c in enumerate(self.ctx.candidates)
            if self.kinds[i] == kind
            for m in c.mentions
        )

    def add_named(
        self, record: StoryRecord, kind: str, name: str, role: str | None, stats: GroundingStats
    ) -> None:
        hit = self.ctx.index.find(name)
        if hit is None:
            _refuse(stats, f"{kind}: {name}", "not in the story")
            return
        if not any(ch.isupper() for ch in hit.text):
            _refuse(stats, f"{kind}: {name}", "not a name: no capital letter in the story")
            return
        if kind in ("person", "organisation") and is_known_place(hit.text):
            _refuse(stats, f"{kind}: {name}", "a known place")
            return
        if self._covered(kind, hit.start, hit.end):
            return
        evidence = self.ctx.evidence(hit.start, hit.end)
        item: Any
        if kind == "person":
            grounded_role = role.strip() if role and self.ctx.index.contains(role) else None
            item = PersonRecord(name=hit.text, role=grounded_role, evidence=evidence,
                                origin="model")
        else:
            item = NamedRecord(name=hit.text, evidence=evidence, origin="model")
        self._keep(record, kind, hit.text, item, stats)

    def add_spanned(
        self, record: StoryRecord, kind: str, text: str, stats: GroundingStats, context: str = ""
    ) -> None:
        stats.proposed += 1
        hit = self.ctx.index.find(text)
        if hit is None:
            _refuse(stats, f"{kind}: {text}", "not in the story")
            return
        if self._covered(kind, hit.start, hit.end):
            return
        evidence = self.ctx.evidence(hit.start, hit.end)
        item: Any
        if kind == "figure":
            if not any(ch.isdigit() for ch in hit.text) and not self.ctx.numbers.intersection(
                number_values(hit.text)
            ):
                _refuse(stats, f"figure: {text}", "not a number")
                return
            item = FigureRecord(value=hit.text, context=context, evidence=evidence, origin="model")
        else:
            item = DateRecord(text=hit.text, evidence=evidence, origin="model")
        self._keep(record, kind, hit.text, item, stats)

    def add_quote(
        self, record: StoryRecord, text: str, speaker: str | None, stats: GroundingStats
    ) -> None:
        stats.proposed += 1
        hit = quote_matches(text, self.ctx.index)
        if hit is None:
            _refuse(stats, f"quote: {text[:40]}", "not in the story")
            return
        if self._covered("quote", hit.start, hit.end):
            return
        attributed = rule_speaker(text, self.ctx)
        if speaker and not self.ctx.index.contains(speaker):
            speaker = None
        if attributed and (
            not speaker or not same_entity(speaker, attributed, self.ctx.abbreviations)
        ):
            speaker = attributed  # the text's own attribution beats the model's
        item = QuoteRecord(text=hit.text, speaker=speaker,
                           evidence=self.ctx.evidence(hit.start, hit.end), origin="model")
        self._keep(record, "quote", hit.text, item, stats)


def _refuse(stats: GroundingStats, what: str, why: str) -> None:
    stats.dropped += 1
    stats.dropped_items.append(f"{what} ({why})")


def _evidence_shows(evidence: str, candidate: Candidate, ctx: StoryContext) -> bool:
    """Whether a flag's evidence is words of the story that hold the flagged item."""
    return ctx.index.contains(evidence) and f" {normalise(candidate.text)} " in (
        f" {normalise(evidence)} "
    )


def inside_longer_name(candidate: Candidate, longer: str, ctx: StoryContext) -> bool:
    """Whether every mention of `candidate` lies inside an occurrence of `longer`, a longer
    name the story writes ('Kabul' inside 'Kabul University'): then it is no item itself."""
    longer = " ".join(longer.split())
    if not _evidence_shows(longer, candidate, ctx) or normalise(longer) == normalise(
        candidate.text
    ):
        return False
    text = ctx.story.text
    spans: list[tuple[int, int]] = []
    start = text.find(longer)
    while start >= 0:
        spans.append((start, start + len(longer)))
        start = text.find(longer, start + 1)
    return bool(spans) and all(
        any(a <= m.start and m.end <= b for a, b in spans) for m in candidate.mentions
    )


def _role_beside(role: str, person: Candidate, ctx: StoryContext) -> bool:
    """A role the model gives a person counts when the story writes it beside a mention."""
    needle = f" {normalise(role)} "
    text = ctx.story.text
    return needle.strip() != "" and any(
        needle in f" {normalise(window(text, m.start, m.end, words=ROLE_WINDOW_WORDS))} "
        for m in person.mentions
    )


ROLE_WINDOW_WORDS = 8


def places_and_countries(
    record: StoryRecord,
    body: str | None = None,
    dateline: str | None = None,
    title: str | None = None,
) -> None:
    """The countries the story's places name, and the story's own country (where it
    happens: see `check.country`), which is also the place it is filed under."""
    from .country import country_among, story_country

    names = tuple(place.name for place in record.places)
    countries: list[str] = []
    for place in record.places:
        # A name several places share is the one among the story's other places
        # ("Hyderabad" beside "Sindh" is in Pakistan).
        country = country_among(place.name, names)
        if country and country not in countries:
            countries.append(country)
    record.countries = countries
    if body is not None:
        record.country = story_country(body, countries, dateline, names, title)
    record.primary_place = record.country or (
        countries[0] if countries else (record.places[0].name if record.places else None)
    )
