"""Sources: who the story cites (outlets, agencies, bodies that "said"), named or collective."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from summariser.extract.cues import _DOMAIN_RE, _SOURCE_AFTER_RE
from summariser.extract.entities import whole_name_spans
from summariser.extract.kinds import _outlet_cue
from summariser.extract.lexicon import _lexicon
from summariser.extract.model import Candidate, Mention
from summariser.text import group_key
from summariser.wordlists import words

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.model import CandidateKind
    from summariser.extract.story import _Story


# "figures released on Thursday by", "a statement read on the state broadcaster".
_PUBLISHED_BY = r"(?:cited|quoted|reported|published|released|issued)(?:\s+(?:on|in)\s+\w+)?\s+by"
_SOURCE_BEFORE = (
    rf"(?:\baccording\s+to|\b{_PUBLISHED_BY}|\b(?:read|broadcast|aired|shown)\s+on|"
    r"\bquoting|\bin\s+an\s+interview\s+with|"
    r"\b(?:statement|statements|report|reports|data|figures|estimates?|announcement|survey|"
    rf"study|tally)\s+(?:from|by|of|{_PUBLISHED_BY}))"
    r"\s+(?:(?:a|an|the)\s+)?(?:(?:new|recent|latest|official|separate)\s+)*"
    r"(?:(?:report|statement|data|figures)\s+(?:by|from|of)\s+(?:the\s+)?)?"
)
_INVERTED_SAID_RE = re.compile(r"\bsaid\s+(?:the\s+)?$")


@lru_cache(maxsize=1)
def _source_before_re() -> re.Pattern[str]:
    """Cue before a cited name; a descriptor may sit between ('the state broadcaster EBC')."""
    descriptors = _lexicon().descriptors_re
    return re.compile(
        rf"{_SOURCE_BEFORE}(?:(?:[a-z\-]+\s+){{0,3}}(?:{descriptors})\s+)?$", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _told_outlet_re() -> re.Pattern[str]:
    """'told the news site X': being told makes X a source only when X is a medium (the
    descriptor says so); 'told the National Assembly' is an audience."""
    descriptors = _lexicon().descriptors_re
    return re.compile(
        rf"\btold\s+(?:(?:a|an|the)\s+)?(?:[a-z\-]+\s+){{0,3}}(?:{descriptors})\s+$",
        re.IGNORECASE,
    )


_GENERIC_SOURCE_RE = re.compile(r"^(?:sources?|officials?|reports?|witnesses|residents)$", re.I)


def _source_candidates(story: _Story, named: list[Candidate], lex: _Lexicon) -> list[Candidate]:
    """Bodies the story cites: 'according to X', 'X reported', 'X said', 'X newspaper', and
    bodies whose spokesperson the story quotes ('a spokesman for X')."""
    spoken_for = [
        c.role for c in named if c.kind == "person" and c.role and _SPOKESPERSON_RE.search(c.role)
    ]
    out = []
    for cand in named:
        if cand.kind != "organisation" or _GENERIC_SOURCE_RE.match(cand.text):
            continue
        cue = next(filter(None, (_source_cue(story, cand, m, lex) for m in cand.mentions)), None)
        forms = (cand.text, *cand.aliases)
        if cue is None and any(
            next(whole_name_spans(f, r), None) for f in forms for r in spoken_for
        ):
            cue = "spokesperson"
        if cue is not None:
            out.append(
                Candidate(
                    kind="source",
                    text=cand.text,
                    mentions=cand.mentions,
                    origin="rule",
                    label=cue,
                    aliases=cand.aliases,
                )
            )
    return out


_SPOKESPERSON_RE = re.compile(r"\bspokes(?:man|woman|person)\b", re.IGNORECASE)
# "told the Kenya News Agency", "she told Kabul Times": a name that says it is a medium.
_MEDIA_NAME_RE = re.compile(
    r"\b(?:News|Agency|Times|Post|Herald|Tribune|TV|Television|Radio|Press|Daily|Gazette|"
    r"Journal|Telegraph|Observer|Express|Channel)\b"
)
# "in a Reuters poll", "a Gallup survey": the body whose count the story gives.
_CITED_NOUN_AFTER_RE = re.compile(r"^\s+(?:poll|survey|tally|count|estimates?)\b")


def _source_cue(story: _Story, cand: Candidate, m: Mention, lex: _Lexicon) -> str | None:
    """How one mention cites the body, if it does."""
    text = story.text
    medium = (
        group_key(cand.text) in lex.outlets
        or _DOMAIN_RE.fullmatch(cand.text) is not None
        or _MEDIA_NAME_RE.search(cand.text) is not None
    )
    before = text[max(0, m.start - 90) : m.start]
    # "The state weather service, Kyrgyzhydromet, warned": an apposition set off by
    # commas is the subject of the verb after it.
    apposed = before.endswith(", ") and text[m.end : m.end + 1] == ","
    after = text[m.end + int(apposed) : m.end + 80]
    told = _told_outlet_re().search(before) or (
        medium and re.search(r"\btold\s+(?:the\s+)?$", before)
    )
    if _source_before_re().search(before) or told:
        return "cited"
    if _INVERTED_SAID_RE.search(before) and re.match(r"\s*[.,;]", text[m.end : m.end + 3]):
        return "said"
    if (reported := _SOURCE_AFTER_RE.match(after)) and not _relayed(story, m, reported):
        return "reported"
    if _outlet_cue(text, m.end, lex):
        return "outlet"
    if _CITED_NOUN_AFTER_RE.match(after):
        return "counted"
    return "subject" if _reporting_subject(story, m) else None


_REPORTING_WORDS = frozenset(words("reporting_words"))


def _reporting_subject(story: _Story, mention: Mention) -> bool:
    """The body is the subject of a reporting verb however far apart they are: 'The X
    Association, which represents 40,000 farmers, welcomed the increase but said ...'."""
    span = story.span(mention.start, mention.end)
    if span is None:
        return False
    token = span.root
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head
    if token.dep_ != "nsubj":
        return False
    verb = token.head
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    return any(v.lower_ in _REPORTING_WORDS for v in verbs)


def _relayed(story: _Story, mention: Mention, match: re.Match[str]) -> bool:
    """'X registered 1.1 million entries ..., according to Interfax': the body is what the
    sentence is about; the outlet it is attributed to is the source."""
    if not re.search(r"\b(?:recorded|registered)$", match.group(0), re.IGNORECASE):
        return False
    sentence_end = story.sentence_of(mention.start)[1]
    return bool(re.search(r"\baccording\s+to\b", story.text[mention.end : sentence_end], re.I))


def _collective_sources(story: _Story, named: list[Candidate], lex: _Lexicon) -> list[Candidate]:
    """'an official statement from the Pakistani military': a named collective, cited.

    The NER model only sees the nationality; the body it names is both an organisation and
    the source.
    """
    text = story.text
    pattern = re.compile(
        r"(?:\baccording\s+to|\bstatement\s+(?:from|by)|\breport\s+(?:from|by)|\bquoting)\s+"
        r"(?:(?:an?|the)\s+)?(?:(?:official|new|recent)\s+)*(?:(?:statement|report)\s+"
        rf"(?:from|by)\s+)?(?:the\s+)?((?:[A-Z][a-z]+\s+)+(?:{lex.group_nouns_re}))\b"
    )
    existing = {group_key(c.text) for c in named}
    out = []
    for match in pattern.finditer(text):
        start, end = match.span(1)
        phrase = text[start:end]
        if group_key(phrase) in existing:
            continue
        existing.add(group_key(phrase))
        mention = (Mention(phrase, start, end),)
        kinds: tuple[CandidateKind, ...] = ("organisation", "source")
        for kind in kinds:
            out.append(
                Candidate(
                    kind=kind,
                    text=phrase,
                    mentions=mention,
                    origin="rule",
                    label="collective",
                )
            )
    return out
