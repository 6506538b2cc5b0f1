"""Context patterns read by more than one rule family: a title or role before a name, speech
and citation verbs after it, locatives, month and weekday names.

The NER proposals, the rule proposals, typing, roles, quotes and sources all read these; keeping
them here lets those modules import them without importing each other.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from summariser.extract.lexicon import _lexicon
from summariser.extract.spans import _NAME_WORD, _alternation
from summariser.text import group_key
from summariser.wordlists import words

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon


_LOCATIVE_RE = re.compile(
    r"\b(?:in|from|to|into|near|across|at|towards|via|around|outside|inside)\s+(?:the\s+)?$"
)
_COORD_RE = re.compile(r"^(?:,\s+|,?\s+and\s+|,?\s+or\s+)$")


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
        if portfolio and group_key(portfolio.group(0)) in lex.portfolio_words:
            after = rest[portfolio.end() + 1 :]
            if any(after.startswith(word + " ") for word in lex.title_heads):
                matched = portfolio.group(0)
        if matched is None or not rest[len(matched) + 1 :].strip():
            break
        title_parts.append(matched)
        is_role = is_role or role_word
        offset += len(matched) + 1
    if not title_parts:
        return _described_at_sentence_start(text, start, piece, lex) or (start, "", False)
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


def _described_at_sentence_start(
    text: str, start: int, piece: str, lex: _Lexicon
) -> tuple[int, str, bool] | None:
    """"Lawyer Yelena Ryabova said": a sentence's first word is capitalised whatever it is, so
    a common noun there before a name of two or more words describes the person, and the NER
    folds it into the name. The story itself says the word is a common noun: it also writes
    it in lower case ("his lawyer said"), or it is a role noun ("Midfielder Caio Lacerda
    added a third"); "Gabriel Deng Atem" never writes "gabriel"."""
    first = re.match(r"[A-Z][a-z]+(?= [A-Z])", piece)
    if not first:
        return None
    lower = first.group(0).lower()
    if not (_has_word(text, lower) or lower in lex.role_nouns):
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
                if group_key(w) in lex.portfolio_words or w in ("Deputy", "Acting", "Vice"):
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
        # (Never across a line: "Sculptor dies\n\nThe sculptor X" is a title, then a role.)
        r"((?:[\w’'\-]+[^\S\n]+){0,3}?([a-z][\w\-]*))[^\S\n]+$",
        before,
    )
    if match is None or match.group(2).casefold() not in lex.role_nouns:
        return None
    # ("headed by French actress X": the participle and its "by" are no part of the role.)
    lead = r"^(?:(?:including|like|as|with|by|from|of|for|to|\w+ing|\w+(?:ed|en)\s+by)\s+)+"
    role = whose_role(before, match.start(1), re.sub(lead, "", match.group(1)))
    return _clean_role(role) or None


def role_phrase_set_off_before(text: str, start: int, lex: _Lexicon) -> bool:
    """Whether a name at `start` is set off by a comma after a noun phrase of a role that
    opens its clause ("Vietnam's agriculture minister, X", "..., and the trade minister,
    X"); not a clause's object ("Nobody thanked the minister, X", "The meeting brought
    together a minister, X") nor a phrase after a preposition ("Unlike the mayor, X")."""
    if text[max(0, start - 2) : start] != ", ":
        return False
    phrase = _ROLE_PHRASE_BEFORE_RE.search(text, max(0, start - 80), start - 2)
    if phrase is None:
        return False
    words = phrase.group(1).split()
    if words[0] in ("and", "or"):
        words = words[1:]  # "..., and the trade minister, X,": the conjunct after "and"
    return bool(words) and words[-1].casefold() in lex.role_nouns and not any(
        w in _LINKING_WORDS for w in words
    )


_LINKING_WORDS = frozenset({"and", "or", "but", "of", "to", "with", "for", "by", "in", "on", "at"})
_ROLE_PHRASE_BEFORE_RE = re.compile(
    r"(?:^|[.!?]\s+|\n|[,;:(]\s*)"
    r"((?:and\s+|or\s+)?(?:[A-Z][\w’'\-]*['’]s\s+|(?:the|The|a|A|an|An|its|Its|their|Their)\s+)?"
    r"(?:[a-z][\w\-]*(?:['’]s)?\s+){0,3}[a-z][\w\-]*)$"
)


def whose_role(text: str, start: int, role: str) -> str:
    """"the label Harbour Line Records, whose managing director, Ruth Okafor, said": a role
    opened by "whose" (at `start` in `text`) is of the name the relative clause hangs on,
    "managing director of Harbour Line Records"; without such a name, the role alone."""
    if not role.startswith("whose "):
        return role
    role = role.removeprefix("whose ")
    owner = _OWNER_NAME_RE.search(text, max(0, start - 80), start)
    return f"{role} of {owner.group(1)}" if owner is not None else role


_OWNER_NAME_RE = re.compile(r"([A-Z][\w&’'\-]*(?:\s+[A-Z][\w&’'\-]*){0,5}),\s*$")


_CURRENCY_AFTER_RE = re.compile(
    r"\s+(?:dollars?|euros?|pounds?|francs?|yuan|yen|rupees?|roubles?|rubles?|pesos?|dinars?|"
    r"shillings?|riyals?|rials?|lira)\b"
)


# "Orlando City beat Racing Club 2-1", "three points behind Sporting Lisbon": sides of a
# match or a table. The NER model reads club names as people or places.
_SCORE_RE = r"\d{1,2}[-–]\d{1,2}\b"


_DOMAIN_RE = re.compile(
    r"(?<![\w@/.\-])[A-Za-z0-9][\w\-]*(?:\.(?:co|com|org|net|gov|ac))?"
    r"\.(?:[a-z]{2}|com|net|org|info|news|online|media)"
    r"(?![\w\-]|\.\w)"
)


@lru_cache(maxsize=1)
def person_after_re() -> re.Pattern[str]:
    """What follows a person's name and no other kind's: a verb of speech, an apposition or
    age set off by a comma, or a possessive of what only a person has ("X's widow", data list
    `person_relation_nouns`)."""
    owned = _alternation(words("person_relation_nouns"))
    return re.compile(
        r"^(?:\s+(?:said|says|told|added|asked|replied|wrote|warned|argued|stressed|explained)\b"
        rf"|,\s+(?:a|an|the|who|whose|\d{{1,3}})\b|['’]s\s+(?:{owned})\b)"
    )


@lru_cache(maxsize=1)
def _person_relation_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    of_nouns = _alternation(words("person_of_nouns"))
    kinds = _alternation(words("person_kind_nouns"))
    works = _alternation(words("authored_work_nouns"))
    return (
        # "portraits of Gandhi", "the widow of Samora Machel"; "songs by Fairuz", "the novel
        # by Mahfouz": a work's author
        re.compile(rf"\b(?:(?:{of_nouns})\s+of|(?:{works})\s+by)\s+$", re.IGNORECASE),
        # "the man Adam", "his younger brother Karim", "her friend, Lena,"
        re.compile(
            rf"\b(?:the|a|an|my|his|her|their|our|your)\s+(?:[a-z]+\s+)?(?:{kinds}),?\s+$"
        ),
    )


def person_relation_before(text: str, start: int) -> bool:
    """Whether the words right before a name relate it as only a person is related: the
    "of" of a life's event, kin or likeness ("the funeral of X", "portraits of X"), the "by"
    of a work a person makes ("songs by X"), or a
    person's or kin's noun set before it ("the woman Eva", "his brother Karim").

    Text evidence for a lone name the story gives no role or speech: a famous person named
    by one word ("portraits of Gandhi") or a character ("the man Adam")."""
    of_re, kind_re = _person_relation_res()
    before = text[max(0, start - 40) : start]
    return of_re.search(before) is not None or kind_re.search(before) is not None


@lru_cache(maxsize=1)
def kin_nouns() -> frozenset[str]:
    """Kin and partners written before one name: the singular nouns both lists of a person's
    relations hold (what a person has, and what can stand before a name): not "man",
    "friend", "family" or plurals ("their children, A and B" names two people)."""
    return frozenset(words("person_relation_nouns")) & frozenset(words("person_kind_nouns"))


@lru_cache(maxsize=1)
def _kin_before_re() -> re.Pattern[str]:
    kin = _alternation(kin_nouns())
    return re.compile(
        rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w’'\-]*['’]s)\s+"
        rf"((?:(?:elder|eldest|older|oldest|younger|youngest|late|only)\s+)?(?:{kin})),?\s+$"
    )


def kin_before(text: str, start: int) -> str | None:
    """'survived by their daughter, Marit', 'his brother Karim', 'Brandt's widower Jens':
    the kin noun a possessor puts before a name is the person's role (whose kin they are is
    read with the other holders, `role_holders`)."""
    match = _kin_before_re().search(text[max(0, start - 40) : start])
    return match.group(1) if match else None


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


#: A verb of speech whose object is the capitalised name right after it ("Officials told
#: Reuters deputy minister X ..."): the one addressed, never whose office the role is.
ADDRESSED_BEFORE_RE = re.compile(r"\b(?:told|tells|telling|asked|asks|informed|wrote\s+to)\s+$")

_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SPEECH_RE = re.compile(
    r"\b(?:said|says|say|stated|states|added|adds|noted|notes|told|tells|explained|"
    r"emphasi[sz]ed|stressed|warned|cautioned|declared|announced|asserted|argued|claimed|"
    r"insisted|remarked|wrote|writes|tweeted|posted|urged|continued|concluded|affirmed|"
    r"underlined|highlighted|acknowledged|admitted|revealed|reiterated|commented|replied|"
    r"responded|asked|quoted|quoting|mentioned|observed|confirmed|described|called)\b"
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


# "In Nasiriyah and ": a sentence-initial preposition is capitalised but no listed name.
_LISTED_NAME = rf"(?!(?:In|Into|Near|Across|Towards|Via|Around|Outside|Inside|Off)\s){_NAME_WORD}"
_LISTED_BEFORE_RE = re.compile(rf"(?:{_LISTED_NAME}(?:\s+{_LISTED_NAME})?,?\s+)+and\s+$")


def before_name_or_list(text: str, start: int) -> str:
    """The text before a name, or before the list it closes ("in A, B and C"): where a cue
    for the whole list stands."""
    before = text[max(0, start - 80) : start]
    listed = _LISTED_BEFORE_RE.search(before)
    return before if listed is None else before[: listed.start()]


#: "Shares in X", "a stake in X": an "in" that names a company, not where things are.
_HOLDING_IN_RE = re.compile(
    rf"\b(?:{_alternation(words('holding_nouns'))})\s+in\s+(?:the\s+)?$", re.IGNORECASE
)


def _located_after(text: str, start: int) -> bool:
    """A locative cue right before the name, or before the list it closes ("in A, B and C");
    not the "in" of a holding ("Shares in Nordvik rose")."""
    before = before_name_or_list(text, start)
    if _HOLDING_IN_RE.search(before[-40:]):
        return False
    return _PLACE_ONLY_BEFORE_RE.search(before[-30:]) is not None


def _of_place(text: str, start: int, lex: _Lexicon) -> bool:
    """'mayor of X', 'the districts of Tuban and X', 'people left X': a place noun or an
    office over a place before 'of', or a verb whose object is a place, right before the
    name or the list it closes."""
    return lex.of_place_re.search(before_name_or_list(text, start)[-40:]) is not None


_POSSESSOR_BEFORE_RE = re.compile(r"\b([A-Z][\w.\-]*(?:\s+[A-Z][\w\-]*){0,2})['’]s\s+$")
_LOWER_NOUN_AFTER_RE = re.compile(r"^\s+[a-z]")


def country_owned(text: str, start: int, end: int) -> bool:
    """"Spain's Iberdrola", "Norway's Equinor": a one-word name right after a country's
    possessive, with no lower-case noun after it ("Turkey's Ceyhan port" is a place's), is
    the country's company, party or club in wire copy, however the NER model typed it."""
    from summariser import gazetteer

    owner = _POSSESSOR_BEFORE_RE.search(text, max(0, start - 40), start)
    if owner is None or " " in text[start:end].strip():
        return False
    return gazetteer.is_country(owner.group(1)) and not _LOWER_NOUN_AFTER_RE.match(
        text, end
    )

