"""Whether the story's own words say what kind of thing a name is.

A model may re-type a candidate (a person the NER model took for a place), but a small model
re-types at random. So a new kind is taken only when the text says so: a cue word of that
kind inside the name or right beside one of its mentions ('Governor X', 'the X district',
'the X company', 'X newspaper'), or for a place, the gazetteer. The cue words are the
extractor's own word lists (`data/lexicon/`, via `wordlists`), read here by kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..wordlists import words

#: Lexicon sections whose words say a name is of a kind.
CUE_SECTIONS: dict[str, tuple[str, ...]] = {
    "person": ("honorifics", "title_heads", "role_nouns"),
    "place": ("place_cue_nouns", "place_name_heads", "place_name_tails"),
    "organisation": ("org_words", "org_descriptors", "body_cue_nouns"),
    "source": ("outlet_cue_nouns", "outlets"),
}
#: Words either side of a mention that are read for a cue.
WINDOW_WORDS = 2
_WORD_RE = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    patterns: dict[str, re.Pattern[str]] = {}
    for kind, sections in CUE_SECTIONS.items():
        cues = sorted({w for s in sections for w in words(s)}, key=len, reverse=True)
        alternation = "|".join(re.escape(w) for w in cues)
        patterns[kind] = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
    return patterns


def window(text: str, start: int, end: int, words: int = WINDOW_WORDS) -> str:
    """The span `text[start:end]` with up to `words` words either side."""
    before = list(_WORD_RE.finditer(text, max(0, start - 200), start))[-words:]
    after = list(_WORD_RE.finditer(text, end, min(len(text), end + 200)))[:words]
    left = before[0].start() if before else start
    right = after[-1].end() if after else end
    return text[left:right]


def says_kind(kind: str, passages: Iterable[str]) -> bool:
    """Whether any passage (a name with its neighbouring words) holds a cue of `kind`."""
    pattern = _cue_patterns().get(kind)
    return pattern is not None and any(pattern.search(p) for p in passages)
