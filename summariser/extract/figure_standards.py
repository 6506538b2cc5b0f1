"""A figure that is the standard of a comparison counts what the figure compared with it counts.

"Exports resumed at about 190,000 barrels per day, short of the 230,000 bpd the regional
government had promised"; "recorded 482 millimetres of rain ..., far above the 300 mm
forecasters had predicted"; "$3.2 billion in new financing ..., up 40% from last year's $2.3
billion". The standard has no noun of its own: the words after it are a relative clause's or
a participle's ("the 250 mm forecast by the institute"), and the small parser hangs them
anywhere (it read "300 mm forecasters" as one noun phrase, "the 230,000 bpd the regional
government had promised" as a clause the label printed). What it counts is what the figure
it is measured against counts: the nearest figure of the same kind before the comparison word
in its sentence (a share against a share, money against money, a measure against a measure,
a count against a count), which is not itself a standard.

Works on the figures the story's pattern found, with their spans and labels, after every
label is read; the rule family ``compared-figures`` switches it off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summariser.extract.figure_forecasts import _EXPECTATION_VERBS
from summariser.wordlists import alternation, words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story


@dataclass(frozen=True)
class Measured:
    """A figure as the comparison reads it: its span (hedge included), kind and label."""

    start: int
    end: int
    kind: str
    label: str


# The comparison word, then at most an article or a possessive pronoun and a possessor ("last
# year's", "the authority's"), then the figure.
_STANDARD_RE = re.compile(
    rf"\b(?P<marker>{alternation('comparison_standards')})"
    r"(?P<det>\s+(?:the|an?|its|their|his|her|our))?"
    r"(?P<poss>\s+(?:[\w-]+\s+)?[\w-]+(?:'s|’s|s'|s’))?\s+$",
    re.IGNORECASE,
)
#: Comparison words that also set a bound with no figure compared ("open to those above 60",
#: "no older than 35"): a standard only with an article or possessor ("above the 1.8%").
_BOUNDS = frozenset(words("comparison_bounds"))
# A figure an owner noun right after the comparison word holds ("short of the authority's
# original forecast of $7 billion"): a standard too, never what another is compared with.
_OWNED_STANDARD_RE = re.compile(
    rf"\b(?:{alternation('comparison_standards')})\s+(?:[\w'’-]+\s+){{0,4}}of\s+$",
    re.IGNORECASE,
)
# The whole of a partitive after a figure ("twelve of the country's twenty-three counties"):
# the part is the clause's figure, the one a later "up from seven" is compared with.
_PARTITIVE_GAP_RE = re.compile(
    r"^\s+of\s+(?:(?:the|its|their|his|her|our)\s+)?(?:[\w-]+(?:'s|’s|s'|s’)\s+)?$"
)
# The base a figure is measured on ("Profit rose to $800 million on sales of $5 billion"): not
# the clause's figure that a standard after it is compared with.
_BASE_RE = re.compile(r"\bon\s+(?:[\w-]+\s+){0,2}of\s+$", re.IGNORECASE)
# A difference right before the comparison ("70 points, 5 more than Arsenal's 65"): the
# standard is compared with what the difference is added to, not with the difference.
_DIFFERENCE_RE = re.compile(
    r"^\s+(?:more|less|fewer|higher|lower|bigger|smaller|greater|short)\b", re.IGNORECASE
)
#: Tags after a figure that begin no noun of its own: an article or pronoun opening a relative
#: clause ("the 230,000 bpd the government had promised", "the seven it had planned"), a
#: participle ("the $4 billion earned in 2024/25"), "or so", an adverb.
_NO_NOUN_TAGS = frozenset({
    "DT", "PRP", "PRP$", "WDT", "WP", "CC", "VBN", "VBD", "VBG", "MD", "RB", "TO",
})
#: Prepositions after a figure that give it a noun or a holder of its own ("below the 1.1
#: million tonnes of copper", "against 450 pesos for a first-class seat").
_OWN_PREPS = frozenset({"of", "for", "among", "per"})


def _own_noun(story: _Story, end: int, sentence_end: int) -> bool:
    """Whether the words right after a figure are a noun of its own (or an "of" or "for"
    phrase): a noun that opens a relative clause ("300 mm forecasters had predicted") or is
    a participle with its agent ("250 mm forecast by the institute") is not."""
    rest = story.text[end:sentence_end]
    stripped = rest.lstrip()
    if stripped[:1] in ("-", "‐", "‑"):
        return True  # "the 187-vote margin": the number is a compound's, with its noun
    if not stripped or not stripped[0].isalnum():
        return False  # the sentence or the phrase ends with the figure
    token = story.token_at(end + len(rest) - len(stripped))
    if token is None:
        return True
    nxt: Token | None = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if token.tag_ in _NO_NOUN_TAGS:
        return False
    if token.tag_ == "IN":
        return token.lower_ in _OWN_PREPS
    if token.tag_ in ("NN", "NNS", "NNP", "NNPS"):
        # "the 300 mm forecasters had predicted", "the $33 billion Wall Street had forecast",
        # "the 3 million analysts expected": a relative clause's subject, then its verb.
        while nxt is not None and token.tag_ in ("NNP", "NNPS") and nxt.tag_ in ("NNP", "NNPS"):
            token, nxt = nxt, (nxt.nbor(1) if nxt.i + 1 < len(nxt.doc) else None)
        if nxt is not None and nxt.tag_ in ("MD", "VBD", "VBZ", "VBP"):
            return False
        if nxt is not None and nxt.lower_ == "by" and token.lower_ in _EXPECTATION_VERBS:
            return False  # "the 250 mm forecast by the institute": a participle and its agent
    return True


def _is_standard(story: _Story, figure: Measured, sentence: tuple[int, int]) -> int | None:
    """Where the comparison word before a standard begins, or None for any other figure."""
    sentence_start, sentence_end = sentence
    before = story.text[sentence_start : figure.start]
    match = _STANDARD_RE.search(before)
    if match is None or _own_noun(story, figure.end, sentence_end):
        return None
    bound = match.group("marker").casefold() in _BOUNDS
    if bound and not (match.group("det") or match.group("poss")):
        return None  # "open to those above 60": a bound, not a figure compared
    return sentence_start + match.start()


_SUBORDINATORS = frozenset({
    "as", "while", "whereas", "because", "although", "though", "since", "when", "if", "after",
    "before", "until", "but",
})


def _expected_word(story: _Story, end: int, sentence_end: int) -> str:
    """The verb of expectation in the words right after a standard, up to a comma ("the
    1.8% forecast by economists", "the 300 mm forecasters had predicted"), or ""."""
    last = story.token_at(end - 1)
    if last is None:
        return ""
    for token in story.doc[last.i + 1 :]:
        if token.idx >= sentence_end or token.is_punct or token.like_num:
            break
        if token.tag_ == "CC" or token.lower_ in _SUBORDINATORS:
            break  # "up from 4% in April as analysts had predicted": another clause's verb
        if token.lower_ in _EXPECTATION_VERBS and token.lower_ not in ("see", "sees"):
            return token.text
    return ""


def _compared(
    story: _Story,
    figures: Sequence[Measured],
    i: int,
    marker: int,
    excluded: list[bool],
    sentence_start: int,
) -> Measured | None:
    """The figure a standard is compared with: the nearest before the comparison word in its
    sentence, of its kind, that is neither a standard nor a base nor a difference. A count
    written without its unit ("3.1 million tonnes, well below the 4 million the ministry had
    projected") is compared with the nearest amount of any unit when none is a count."""
    figure = figures[i]
    before = [
        other for j, other in enumerate(figures[:i])
        if sentence_start <= other.start and other.end <= marker and not excluded[j]
    ]
    # A difference counts what both do ("one more than Rangers' 55": titles), but the figure
    # it is added to says it better ("70 points, 5 more than Arsenal's 65": points).
    differences = [o for o in before if _DIFFERENCE_RE.match(story.text[o.end : marker])]
    before = [o for o in before if o not in differences]
    same = [other for other in before if other.kind == figure.kind] or [
        other for other in differences if other.kind == figure.kind
    ]
    if same:
        return same[-1]
    if figure.kind == "count":
        amounts = [other for other in before if other.kind in ("measure", "money")]
        return amounts[-1] if amounts else None
    return None


def compared_labels(story: _Story, figures: Sequence[Measured]) -> list[str]:
    """The figures' labels, each standard of a comparison given the label of the figure it
    is compared with, and marked as expected when it is ("Consumer prices rose (forecast)"
    for "rose 2.1% ..., above the 1.8% forecast by economists").

    A standard keeps its own label when that is words of its sentence before the
    comparison ("reserves stood at 6.2 years ..., down from 7.2 years a year earlier"), and
    when the figure it is compared with has none.
    """
    sentences = [story.sentence_of(f.start) for f in figures]
    markers = [_is_standard(story, f, s) for f, s in zip(figures, sentences, strict=True)]
    text = story.text
    excluded = [
        markers[k] is not None
        or _OWNED_STANDARD_RE.search(text[sentences[k][0] : f.start]) is not None
        or _BASE_RE.search(text[sentences[k][0] : f.start]) is not None
        or k > 0 and _PARTITIVE_GAP_RE.match(text[figures[k - 1].end : f.start]) is not None
        for k, f in enumerate(figures)
    ]
    labels = [f.label for f in figures]
    for i, (figure, marker) in enumerate(zip(figures, markers, strict=True)):
        if marker is None:
            continue
        sentence = sentences[i]
        label = figure.label
        if not label or label not in text[sentence[0] : marker]:
            other = _compared(story, figures, i, marker, excluded, sentence[0])
            label = (other.label if other is not None else "") or label
        expected = _expected_word(story, figure.end, sentence[1])
        if expected and expected.casefold() not in label.casefold():
            label = f"{label} ({expected})" if label else expected
        labels[i] = label
    return labels
