"""Headlines cut from a story's lead sentence, for when the model's own will not do.

Every word of such a headline is the story's, so it needs no checking. The lead loses its
who-said-it framing and its appositions; a lead still too long ends before a trailing
phrase of time, place or circumstance, at a point where what is left is a clause (it has a
verb, and does not end on one that wants an object), else at a clause boundary, else it is
shortened with an ellipsis.
"""

from __future__ import annotations

import re

# "X has confirmed that", "Sources report that", "According to Y,": who says it, not what.
_ATTRIBUTION_RE = re.compile(
    r"^(?:According to [^,]{3,80},\s+|(?:[A-Z][^,]{0,80}?\s)?(?:has\s|have\s|had\s)?"
    r"(?:confirmed|announced|said|says|say|reported|reports|report|revealed|stated|warned)"
    r"(?:\s[\w’'\-]+){0,3}?\s+that\s+)"
)
# ", the Taliban's Interior Minister," / ", a 23-year-old from X,": an apposition (a
# segment that says something, ", the agency said,", is not one).
_APPOSITION_RE = re.compile(
    r",\s+(?:the|a|an|who|which|whose|its|his|her|their)\s[^,]{2,80},(?=\s)"
)
_SPEECH_RE = re.compile(r"\b(?:said|says|told|reported|announced|added|stated)\b")
_TRAILING_ATTRIBUTION_RE = re.compile(
    r",\s+(?:[\w’'()\-]+\s){0,8}(?:said|says|reported|told [\w’'\-]+)(?:\s[\w’'\-]+){0,3}$"
)
_PRONOUN_START_RE = re.compile(r"^(?:it|its|they|their|he|his|she|her|this|these)\b", re.I)
# Where a headline may stop: before a phrase of time, place or circumstance.
_PHRASE_STARTS = frozenset(
    "on in at across since from near for by after before amid ahead during despite over "
    "under as while with following due".split()
)
_FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# A headline does not end on these: a verb still wanting its object, an article, a
# preposition, a conjunction, a possessive.
_BAD_LAST_TAGS = frozenset({"VBD", "VBZ", "VBP", "VB", "MD", "DT", "IN", "CC", "TO", "POS",
                            "PRP$", "PRP", "WDT", "RB", "RP", ","})
MAX_CHARS = 100


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """`text` cut at a word boundary to at most `limit` characters, ending in an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def lead_headline(lead: str, max_words: int = 16) -> str:
    """A headline from `lead` ("The United Nations has confirmed that Sirajuddin Haqqani,
    the Taliban's Interior Minister, has travelled to Saudi Arabia to perform the Umrah
    pilgrimage." gives "Sirajuddin Haqqani has travelled to Saudi Arabia to perform the Umrah
    pilgrimage")."""
    text = " ".join(lead.split()).rstrip(".")
    text = _TRAILING_ATTRIBUTION_RE.sub("", text)
    text = _APPOSITION_RE.sub(lambda m: m.group(0) if _SPEECH_RE.search(m.group(0)) else "", text)
    stripped = _ATTRIBUTION_RE.sub("", text, count=1)
    if stripped != text and len(stripped.split()) >= 4 and not _PRONOUN_START_RE.match(stripped):
        text = stripped[:1].upper() + stripped[1:]
    if len(text.split()) <= max_words:
        return text
    cut = _phrase_cut(text, max_words)
    if cut:
        return cut
    for boundary in (r",\s", r";\s", r"\s[-–—]\s"):
        head = re.split(boundary, text, maxsplit=1)[0]
        if 6 <= len(head.split()) <= max_words:
            return head
    return shorten(text)


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
        if not head or head[-1].tag_ in _BAD_LAST_TAGS:
            continue
        # The head's last clause must be whole: "... said that a third turbine" is not.
        that = max((i for i, t in enumerate(head) if t.lower_ == "that"), default=-1)
        if not any(t.tag_ in _FINITE_VERB_TAGS for t in head[that + 1 :]):
            continue
        best = text[: token.idx].rstrip(" ,;:")
    return best
