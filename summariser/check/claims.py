"""Claims in prose: a sentence the model writes must say what one passage of its story says.

Split from `grounding` (which finds names, numbers and quotes in a story) because this check
works on content-word stems of whole sentences rather than on single phrases; it reads the
numbers of a passage through `grounding`'s number parser, so both agree on what a number is.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..text import split_sentences
from .grounding import _prose_numbers, normalise, number_values

_WORD_RE = re.compile(r"[^\W\d_]{4,}")
_FUNCTION_WORDS = frozenset(
    (
        "that this with from have has had been were will would could should their there they "
        "them which while also into over after before about than then when where what said "
        "says story more most some such only other these those being because between during "
        "against under among amid within without including news report reports reported "
        "according"
    ).split()
)
#: Share of a claim's content words one passage must hold (see `ClaimChecker`).
MIN_SUPPORT = {"strict": 0.75, "lenient": 0.5}
_STEMMER_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a folded word: "urging", "urges" and "urge" all give "urg"."""
    with _STEMMER_LOCK:  # a stemmer object keeps state while it works
        return str(_stemmer().stemWord(word))


def content_stems(text: str) -> set[str]:
    """Stems of the content words of `text` (folded; function words left out).

    Stems rather than words, so that inflections ("expelled"/"expel") still match.
    """
    words = {normalise(w) for w in _WORD_RE.findall(text)}
    return {stem(w) for w in words if w and " " not in w and w not in _FUNCTION_WORDS}


def passage_texts(story_sentences: list[str]) -> list[str]:
    """Every passage a claim may rest on: one sentence, or two adjacent ones."""
    pairs = [f"{a} {b}" for a, b in zip(story_sentences, story_sentences[1:], strict=False)]
    return [*story_sentences, *pairs] or [""]


def passages(story_sentences: list[str]) -> list[set[str]]:
    """Stems of every passage a claim may rest on (see `passage_texts`)."""
    return [content_stems(p) for p in passage_texts(story_sentences)]


@dataclass
class ClaimChecker:
    """Checks that prose says only what one passage of its story says.

    *strict* (for small models, which recombine true names into false sentences): every
    content word of a sentence must occur in the story, and one passage must hold three
    quarters of them. *lenient* (for strong models, which paraphrase): half of them.
    """

    story_stems: set[str]
    story_passages: list[set[str]]
    level: str = "strict"
    passage_numbers: list[set[float]] | None = None

    @classmethod
    def for_story(cls, body: str, level: str) -> ClaimChecker:
        texts = passage_texts(split_sentences(body))
        return cls(
            content_stems(body),
            [content_stems(t) for t in texts],
            level,
            [number_values(t) for t in texts],
        )

    def problems(self, field: str, text: str) -> list[str]:
        """One line per unsupported sentence of `text`, phrased for a re-ask."""

        out: list[str] = []
        for sentence in split_sentences(text) or [text]:
            words = content_stems(sentence)
            if self.level == "strict":
                unknown = words - self.story_stems
                novel = [w for w in _WORD_RE.findall(sentence) if stem(normalise(w)) in unknown]
                if novel:
                    listed = ", ".join(f"'{w}'" for w in dict.fromkeys(novel))
                    out.append(f"{field}: {listed} not in the story; use the story's own words")
                    continue
            if not self._rests_on_a_passage(sentence, words):
                out.append(
                    f"{field}: '{_clip(sentence)}' is not what any one passage of the story "
                    "says; restate the story's own facts"
                )
        return out

    def _rests_on_a_passage(self, sentence: str, words: set[str]) -> bool:
        """One passage holds enough of the sentence's words and, under the strict check, also
        every number it states: "killed more than twenty people and injured over 180" is
        false when the 180 were houses in another paragraph."""
        needed = MIN_SUPPORT[self.level]
        numbers = [v for _, v in _prose_numbers(sentence)]
        for position, passage in enumerate(self.story_passages):
            if words and len(words & passage) / len(words) < needed:
                continue
            if self.level != "strict" or self.passage_numbers is None:
                return True
            held = self.passage_numbers[position]
            if all(values & held for values in numbers):
                return True
        return False

    def supported(self, field: str, text: str) -> bool:
        return not self.problems(field, text)


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
