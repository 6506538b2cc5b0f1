"""Text helpers several stages share: normalisations, number words, small words in names,
sentences.

Each existed in two to five copies (extractor, grounding, gazetteer, segmenter, renderer).
They live here once. Where the copies differed on purpose they stay side by side, under names
that say how they differ; changing one to match another would change what it matches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .wordlists import words

# --------------------------------------------------------------------------- normalisations


def squash_spaces(text: str) -> str:
    """Whitespace runs as one space, ends trimmed; nothing else changes."""
    return " ".join(text.split())


def group_key(text: str) -> str:
    """The extractor's grouping key: case, curly quotes, a leading 'the' and spacing do not
    matter. Accents and punctuation do: the key stays a spelling of the name."""
    key = text.replace("’", "'").replace("‘", "'").casefold()
    key = re.sub(r"\s+", " ", key).strip()
    key = re.sub(r"^the ", "", key)
    return key


def fold_place_name(name: str) -> str:
    """The gazetteer's key: case, accents, a leading 'the', hyphens and outer punctuation do
    not matter ("the Kara-Darya." is "kara darya"); inner punctuation stays."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").casefold()
    text = re.sub(r"^the\s+", "", text.strip())
    text = re.sub(r"[\s\-]+", " ", text)
    return text.strip(" .,'")


def fold_name(text: str) -> str:
    """The index's key for a name: case, accents, possessives and punctuation other than
    hyphens do not matter; a leading 'the' does (the index drops it by its own word list)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s-]", " ", text.casefold())
    return " ".join(text.split())


_APOSTROPHES = "'’‘`´"


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base.casefold()


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold `text` for tolerant matching; map[i] is the original index of folded char i.

    Folding: case, diacritics, possessive 's, punctuation (hyphens too) as space, whitespace
    runs as one. The map lets a match in the folded text be cut from the original.
    """
    out: list[str] = []
    index: list[int] = []
    length = len(text)
    i = 0
    while i < length:
        char = text[i]
        if (
            char in _APOSTROPHES
            and i + 1 < length
            and text[i + 1] in "sS"
            and (i + 2 >= length or not text[i + 2].isalnum())
        ):
            i += 2
            continue
        folded = _fold_char(char)
        for piece in folded:
            if piece.isalnum():
                out.append(piece)
                index.append(i)
            elif not out or out[-1] != " ":
                out.append(" ")
                index.append(i)
        i += 1
    return "".join(out), index


@lru_cache(maxsize=65536)
def fold_for_matching(text: str) -> str:
    """`text` folded as `fold_with_map` does, trimmed (cached: the same names are compared
    often)."""
    return fold_with_map(text)[0].strip()


# --------------------------------------------------------------------------- number words

ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: Number words below a hundred to their values ("zero" included).
NUMBER_VALUES: dict[str, int] = {
    "zero": 0,
    **{word: i + 1 for i, word in enumerate(ONES)},
    **{word: i + 10 for i, word in enumerate(TEENS)},
    **{word: (i + 2) * 10 for i, word in enumerate(TENS)},
}
#: Scale words to their factors, smallest first.
SCALE_VALUES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}

_ALL_SCALES = {**SCALE_VALUES, "lakh": 100_000, "crore": 10_000_000}
#: Short scales after digits, with the scale word each stands for ("$1.2bn", "5m", and the
#: wire's "$1.2 bln", "5 mln", "1.5 trln").
SHORT_SCALE_WORDS = {
    "bn": "billion", "mn": "million", "m": "million", "k": "thousand",
    "bln": "billion", "mln": "million", "trln": "trillion",
}
_SHORT_SCALES = {short: SCALE_VALUES[word] for short, word in SHORT_SCALE_WORDS.items()}
#: Thousands grouped by spaces ("15 000"; a no-break or thin space too): each group three
#: digits, and no digit or comma-and-digit after the last.
SPACE_GROUPED_DIGITS = r"\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d|,\d)"
_DIGIT_VALUE_RE = re.compile(
    rf"(?P<n>\d{{1,3}}(?:,\d{{3}})+|{SPACE_GROUPED_DIGITS}|\d+)"
    r"(?P<dec>\.\d+)?\s*"
    rf"(?P<scale>{'|'.join((*_SHORT_SCALES, *_ALL_SCALES))})?\b",
    re.IGNORECASE,
)


#: What groups thousands in digits: a comma, a space ("15 000"), a no-break or thin space.
_GROUP_SEPARATORS_RE = re.compile(r"[,\s\u2009\u202f]")


def digit_value(core: str) -> float | None:
    """The value of one end of a range written in digits ("£12,000", "2.5 million"), or
    None for number words."""
    found = _DIGIT_VALUE_RE.search(core)
    if found is None:
        return None
    digits = _GROUP_SEPARATORS_RE.sub("", found.group("n"))
    value = float(digits + (found.group("dec") or ""))
    scale = (found.group("scale") or "").casefold()
    return value * _SHORT_SCALES.get(scale, _ALL_SCALES.get(scale, 1))


# --------------------------------------------------------------------------- small words in names

#: Three lists, since each user skips them for its own reason (see their docs in the data).
INITIALS_SKIP_WORDS = frozenset(words("initials_skip_words"))
ACRONYM_SKIP_WORDS = frozenset(words("acronym_skip_words"))
NAME_CONNECTORS = frozenset(words("name_connectors"))

# --------------------------------------------------------------------------- sentences

# An editor's elision mark after a sentence ("... it announced this week. [...]") ends it too.
_SENTENCE_END_RE = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"”’])|(?<=\[\.\.\.\])|(?<=\[…\]))\s+(?=[\"“‘(]?[A-Z0-9])"
)
# A full stop that ends an abbreviation ("St.", "Gen."), an initial ("N. Ireland", "John
# F. Kennedy") or dotted capitals ("U.S.") does not end the sentence.
_ABBREVIATION_END_RE = re.compile(
    r"(?:^|(?<=[\s(\"“‘'-]))(?:(?:"
    + "|".join(re.escape(w) for w in words("wire_abbreviations"))
    + r")|[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$"
)
_FLOWED_SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")
# A web address a forwarded article opens with ("[http://news.example.com/4281450.stm]"),
# bracketed or bare: where the copy came from, not a word of its first sentence.
# Only when the line ends there or a sentence starts after it: in hard-wrapped copy a line
# may open with an address the sentence is about ("www.example.gov/grants until June").
_LEADING_LINK_RE = re.compile(
    r"^(?:[\[(<]?(?:https?://|www\.)[^\s\])>]*[\])>]?(?:\s+(?=[\"“‘(\[<]?[A-Z0-9\[<(])|\s*$))+"
)


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph run, line by line; good enough for leads and fallbacks.

    Never cut at an abbreviation, an initial or inside a decimal number: a headline or lead
    cut there ("Woman charged over N") says something the story does not. A web address
    opening a line is no part of a sentence: a headline or summary made of it says nothing.
    """
    sentences: list[str] = []
    for paragraph in text.splitlines():
        pieces = _SENTENCE_END_RE.split(_LEADING_LINK_RE.sub("", paragraph.strip()))
        merged: list[str] = []
        for piece in pieces:
            if merged and ends_in_abbreviation(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        sentences.extend(s for s in merged if s)
    return sentences


def ends_in_abbreviation(text: str) -> bool:
    """Whether `text` ends in an abbreviation's full stop ("U.S.", "St."), not a sentence's."""
    return bool(_ABBREVIATION_END_RE.search(text))


def first_sentence(text: str) -> str:
    """The first of `split_sentences`: a story's lead, which never runs past its line."""
    sentences = split_sentences(text)
    return sentences[0] if sentences else ""


def first_sentence_flowed(text: str) -> str:
    """The first sentence of `text` reflowed onto one line, for the model's prose: it may
    run across line breaks, knows no abbreviations, and a closing quote or bracket after its
    stop goes with the break (a heading wants the sentence, not the punctuation)."""
    text = squash_spaces(text)
    parts = _FLOWED_SENTENCE_END_RE.split(text, maxsplit=1)
    return parts[0] if parts else text


#: English personal pronouns: a sentence that opens with one ("He added that...") leans on a
#: sentence before it, so it reads badly on its own (a bullet, a top line). A closed class
#: of the grammar, not a list to grow.
_PRONOUNS = frozenset(
    "he she it they we i you him her them us his its their our this these".split()
)


def starts_with_pronoun(sentence: str) -> bool:
    """Whether `sentence` opens with a bare pronoun ("He said...", "Its ...", "This ...").

    Case matters: "US" and "IT" are names, not "us" and "it"."""
    words = sentence.split(maxsplit=1)
    if not words:
        return False
    first = words[0].strip("\"'“‘,")
    return (first.islower() or first == first.capitalize()) and first.lower() in _PRONOUNS
