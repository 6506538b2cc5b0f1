"""The extractor: grounded candidates of a story (people, organisations, places, figures,
dates, quotes, sources).

The local model invents names and cannot type entities, so everything named in a briefing is
proposed here, deterministically, with exact offsets into the story text. One spaCy pass per
story gives entities, tokens, sentences and a dependency parse; rules and curated data then
fix what the small NER model is known to get wrong:

- it types by sentence context, not by knowing names: religious rites become people ("Umrah"),
  provinces become organisations ("Panjshir"), surnames become places ("Haqqani"), Spanish
  company names become people. Evidence from the same story (a full name ending in the
  surname, "X newspaper", "the Bazarak district", "the state oil company X", an apposition
  "X, the governor of Tehran", a list "Córdoba, Rosario and Mendoza") and from gazetteers
  beats the NER label; the label is only the last resort;
- it reads whatever has a name as a person's: a road named after a man ("King Fahd Road"), a
  firm named after its founder ("X, which owns ..."), a club ("beat X 2-1"), a town ("residents
  of X", "X, the capital of ..."). Such cues beat the label; a person cue's absence does
  not (the NER model is the floor: a name it reads as a person's stays unless the text
  speaks against it);
- it misses names it has not seen ("Tehreek-e-Taliban Pakistan"), so abbreviations introduced
  as "Long Form (ABBR)" are read off their initials, and every accepted name is searched for
  again in the whole story so that each mention is kept;
- in Title Case headlines it glues words together ("Pakistani Military Commanders Urge Afghan
  Taliban"), so entities inside headline-like lines count only when the body confirms them.

Figures, dates and quotes come from rules over the raw text (spaCy's numeric, DATE and TIME
entities only help), because they must be verbatim and their boundaries follow policy:

- figure `text` is the number with its unit, currency or percent sign ("1.3 million",
  "121 kilograms", "KSh 4.2 billion", "between 40% and 60%"); an approximation word is not part
  of it but is kept in `context` ("... (an estimated)") and the whole phrase is an alias. A
  count of time ("ten days", "nearly two years", "two weeks before the harvest") is a figure;
  anchored to now or to an event ("the past three years", "two weeks since") it is a date.
  "X to Y" is one range only when both ends are alike ("5% to 7%"); "by one point to 16%"
  and "from eight years to five" are two figures. Ages ("23-year-old") are figures
  with context "age". Ordinals and calendar dates are never figures;
- dates are the minimal time expression, without prepositions ("3 February" from "on the night
  of 3 February", "January" and "September" from "between January and September", "Sunday"
  and "Monday" from "Sunday and Monday"); years in a span ("from 2012 to 2020") are dates, and
  so are dates of the Iranian, Afghan and Hijri calendars ("12 Hamal 1404", "the end of
  Esfand") and festivals used as times ("during Eid"); frequencies ("every month") are not;
- quote `text` is the verbatim inner text (line breaks included): it must stay a substring.

Each job is a module of this package; `extract_candidates` below states the order in which
they run. Rule families can be switched off by name for measurement (`RULE_FAMILIES`), per
call or for the process through the environment variable `SUMMARISER_DISABLE_RULES=a,b`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.dates import (
    _CALENDAR_RE,
    _date_candidates,
    _date_spans,
    _other_calendar_dates,
)
from summariser.extract.entities import _named_candidates
from summariser.extract.figures import _figure_candidates, _figures
from summariser.extract.lexicon import _lexicon
from summariser.extract.model import Candidate, CandidateKind, Mention
from summariser.extract.quotes import _quote_candidates
from summariser.extract.roles import _person_evidence
from summariser.extract.sources import _collective_sources, _source_candidates
from summariser.extract.story import _Story
from summariser.nlp import load_nlp
from summariser.rule_families import (
    DISABLE_ENV,
    RULE_FAMILIES,
    RULE_FAMILY_DOCS,
    disabled_by_env,
    rule_families,
)
from summariser.text import group_key

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "DISABLE_ENV",
    "RULE_FAMILIES",
    "RULE_FAMILY_DOCS",
    "Candidate",
    "CandidateKind",
    "Mention",
    "disabled_by_env",
    "extract_candidates",
    "extract_candidates_many",
    "rule_families",
]

_KIND_ORDER = {
    k: i
    for i, k in enumerate(("person", "organisation", "place", "source", "figure", "date", "quote"))
}


def extract_candidates_many(
    texts: list[str], *, disabled: frozenset[str] | None = None
) -> list[list[Candidate]]:
    """`extract_candidates` of each text, the spaCy pass batched (about a third cheaper).

    For a pool that extracts several stories at once; the candidates are the same as one
    story at a time (a test compares them on every gold bulletin).
    """
    nlp = load_nlp()
    wanted = [i for i, text in enumerate(texts) if text.strip()]
    out: list[list[Candidate]] = [[] for _ in texts]
    for i, doc in zip(wanted, nlp.pipe(texts[i] for i in wanted), strict=True):
        out[i] = extract_candidates(texts[i], doc, disabled=disabled)
    return out


def extract_candidates(
    text: str, doc: Doc | None = None, *, disabled: frozenset[str] | None = None
) -> list[Candidate]:
    """All candidates of one story text, de-duplicated, in order of first mention.

    `doc` is the text already run through `load_nlp()`, when the caller batched that.
    `disabled` names rule families to switch off (checked against `RULE_FAMILIES`); by
    default those of `SUMMARISER_DISABLE_RULES`, usually none.
    """
    if not text.strip():
        return []
    off = disabled_by_env() if disabled is None else rule_families(disabled)
    lex = _lexicon()
    story = _Story(text, doc if doc is not None else load_nlp()(text), off)
    # The order in which the extractors run; each later one reads what the earlier found.
    # 1. Dates of other calendars first: a month name there ("Esfand") is no name.
    if not story.off("other-calendars"):
        story.other_calendar = _other_calendar_dates(story, lex)
    # 2. Names: NER and rule proposals, typed, merged, every mention found, roles read.
    named = _named_candidates(story, lex)
    # 3. Collective sources ("officials said"), which read the names.
    if not story.off("collective-sources"):
        named += _collective_sources(story, named, lex)
    # 4. Figures, which must not overlap a calendar date.
    calendar = [m.span() for m in _CALENDAR_RE.finditer(text)] + story.other_calendar
    figures, anchored = _figures(story, calendar)
    candidates = list(named)
    # 5. Named sources not already among the collective ones.
    cited = {group_key(c.text) for c in named if c.kind == "source"}
    candidates += [
        c for c in _source_candidates(story, named, lex) if group_key(c.text) not in cited
    ]
    # 6. Figures, then dates (which skip what the figures took), then quotes with speakers.
    candidates += _figure_candidates(story, figures)
    candidates += _date_candidates(story, _date_spans(story, figures, anchored))
    # 7. The person-evidence gate: an NER person stays unless the text speaks against it; a
    # person only the rules propose needs the story's word. A pronoun's antecedent is sought
    # among the people the gate keeps ("..., she said" is never "Tuscany"'s); a name the
    # attribution finds speaking stays.
    gate = not story.off("person-evidence")
    gated_out = {
        c.text for c in named
        if gate and c.kind == "person" and not _person_evidence(story, c, lex)
    }
    candidates += _quote_candidates(story, [c for c in named if c.text not in gated_out])
    speakers = {c.speaker for c in candidates if c.kind == "quote" and c.speaker}
    candidates = [
        c
        for c in candidates
        if c.kind != "person" or c.text not in gated_out or c.text in speakers
    ]
    candidates.sort(key=lambda c: (min(m.start for m in c.mentions), _KIND_ORDER[c.kind]))
    return candidates
