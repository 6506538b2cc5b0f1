"""Headlines cut from a story's lead sentence, for when the story has no title.

Such a headline is one contiguous span of one sentence, so every word is the story's and in
the story's order: dropping a phrase from the middle (an apposition, a clause) can splice two
pieces into a claim the story never makes. The lead may lose its who-said-it framing at
either end ("X said that ...", "..., police said"); a lead still too long ends before a
trailing phrase of time, place or circumstance, or at a comma, semicolon or dash, where what
is left is a clause (it has a finite verb) and does not end on a determiner, preposition,
auxiliary, conjunction or a verb that wants its object. Cuts fall between words, so never
inside an abbreviation ("N. Ireland") or a number. When no such span fits, the headline is
the whole sentence: longer, but never broken.
"""

from __future__ import annotations

import re
from typing import Any

from ..text import ends_in_abbreviation, starts_with_pronoun

# "X has confirmed that", "Sources report that", "According to Y,": who says it, not what.
_ATTRIBUTION_RE = re.compile(
    r"^(?:According to [^,]{3,80},\s+|(?:[A-Z][^,]{0,80}?\s)?(?:has\s|have\s|had\s)?"
    r"(?:confirmed|announced|said|says|say|reported|reports|report|revealed|stated|warned)"
    r"(?:\s[\w’'\-]+){0,3}?\s+that\s+)"
)
_TRAILING_ATTRIBUTION_RE = re.compile(
    r",\s+(?:[\w’'()\-]+\s){0,8}(?:said|says|reported|told [\w’'\-]+)(?:\s[\w’'\-]+){0,3}$"
)
# Where a headline may stop: before a phrase of time, place or circumstance.
_PHRASE_STARTS = frozenset(
    "on in at across since from near for by after before amid ahead during despite over "
    "under as while with following due".split()
)
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# A headline does not end on these: a verb still wanting its object ("..., killing") or an
# auxiliary or modal ("They may not be"), an article, a preposition, a conjunction, a
# possessive, an adverb.
# (And a question word or relative pronoun, "... for Andy when", "... a friend who"; a
# predeterminer; an opening quote or a colon.)
_BAD_LAST_TAGS = frozenset({"VBD", "VBZ", "VBP", "VB", "VBG", "MD", "DT", "IN", "CC", "TO",
                            "POS", "PRP$", "PRP", "WDT", "RB", "RP", ",", "WRB", "WP", "WP$",
                            "PDT", "``", ":"})
# Closed-class words the tagger gives a tag a headline may end on, that want more after
# them: "the city's economy has been", "... is played, such".
_WANTING_MORE = frozenset({"been", "being", "such"})
# Words that open a clause of their own, which must then have its own finite verb: "...
# in October 1777 when British forces" is cut inside it.
_CLAUSE_OPENERS = frozenset({"that", "when", "where", "who", "which", "whose", "whom"})
MAX_CHARS = 100


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """`text` cut at a word boundary to at most `limit` characters, ending in an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def lead_headline(lead: str, max_words: int = 16) -> str:
    """A headline from `lead`: a span of it ("The United Nations has confirmed that
    Sirajuddin Haqqani, the Taliban's Interior Minister, has travelled to Saudi Arabia to
    perform the Umrah pilgrimage." gives "Sirajuddin Haqqani, the Taliban's Interior
    Minister, has travelled to Saudi Arabia to perform the Umrah pilgrimage")."""
    sentence = " ".join(lead.split())
    text = sentence
    if sentence.endswith(".") and not ends_in_abbreviation(sentence):
        text = sentence[:-1]
    text = _TRAILING_ATTRIBUTION_RE.sub("", text)
    stripped = _ATTRIBUTION_RE.sub("", text, count=1)
    if stripped != text and len(stripped.split()) >= 4 and not starts_with_pronoun(stripped):
        text = stripped[:1].upper() + stripped[1:]
    if len(text.split()) <= max_words:
        return text
    cut = _phrase_cut(text, max_words)
    if cut:
        return cut
    for boundary in (r",\s", r";\s", r"\s[-–—]\s"):
        head = re.split(boundary, text, maxsplit=1)[0]
        if 6 <= len(head.split()) <= max_words and ends_well(head):
            return head
    return text


def ends_well(head: str) -> bool:
    """A clause (a finite verb) that does not end on a word wanting more after it."""
    from ..nlp import tagged_doc

    tokens = [t for t in tagged_doc(head) if not t.is_space]
    return bool(tokens) and _clause_end(tokens)


def _clause_end(head: list[Any]) -> bool:
    if head[-1].tag_ in _BAD_LAST_TAGS or head[-1].lower_ in _WANTING_MORE:
        return False
    if sum(t.tag_ == "``" for t in head) > sum(t.tag_ == "''" for t in head):
        return False  # inside a quotation: 'told the Andrew Marr Show: "A general'
    # The head's last clause must be whole: "... said that a third turbine" is not.
    that = max((i for i, t in enumerate(head) if t.lower_ in _CLAUSE_OPENERS), default=-1)
    return any(t.tag_ in _FINITE_VERB_TAGS for t in head[that + 1 :])


def sentence_span(headline: str, sentences: list[str]) -> bool:
    """Whether `headline` is one contiguous span of one of `sentences` (case aside)."""
    wanted = " ".join(headline.split()).rstrip(".").casefold()
    return bool(wanted) and any(wanted in " ".join(s.split()).casefold() for s in sentences)


def _phrase_cut(text: str, max_words: int) -> str | None:
    """The longest head of `text` (5 to `max_words` words) that ends before a trailing
    phrase and is a clause by its part-of-speech tags."""
    from ..nlp import tagged_doc

    doc = tagged_doc(text)
    best: str | None = None
    for token in doc:
        words = len(text[: token.idx].split())
        if token.lower_ not in _PHRASE_STARTS or not 5 <= words <= max_words:
            continue
        head = [t for t in doc[: token.i] if not t.is_space]
        if not head or not _clause_end(head):
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if head[-1].tag_ == "CD" and following is not None and following.tag_ == "CD":
            continue  # inside a number: "one in five", "two of three"
        best = text[: token.idx].rstrip(" ,;:")
    return best
