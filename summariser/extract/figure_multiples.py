"""What a multiple or a difference counts: "five times the value of the bribes", "two and a
half times larger than the Sun", "sold 300,000 copies, three times as many as any other
record", "44 points, five more than Saprissa", "... 230 violations, between 40 and 50 of
them". Such a number has no noun of its own; it is read against the noun, the comparison or
the count it is set beside. Split from figure_nouns.py; figure_labels.py and
figure_fallbacks.py call these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.figure_heads import _NOUNS, _noun_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story


def _multiplied_noun(story: _Story, start: int, end: int) -> list[Token]:
    """'five times the value of the bribes': a multiple right before a definite noun; 'two
    and a half times larger than the Sun': a multiple of a comparison, which says what the
    subject is set against (the subject alone, "KELT-9", would say the star is the number)."""
    last = story.token_at(end - 1)
    if last is None or last.lower_ != "times" or last.i + 2 >= len(last.doc):
        return []
    det = last.doc[last.i + 1]
    than = det.doc[det.i + 1]
    if det.tag_ in ("JJR", "RBR") and than.lower_ == "than":
        standard = next((c for c in than.children if c.dep_ == "pobj"), None)
        if standard is None or standard.tag_ not in _NOUNS:
            return []
        subject = next(
            (c for c in det.head.children if c.dep_ in ("nsubj", "nsubjpass")), None
        ) if det.dep_ in ("acomp", "advmod") else None
        owner = _noun_phrase(subject, start, end, with_preps=False) if subject is not None else []
        return [*owner, *det.doc[det.i : standard.i + 1]]  # "larger than the Sun"
    if det.lower_ != "the" and det.tag_ != "PRP$":
        return []
    noun = det.head
    if noun.tag_ not in ("NN", "NNS") or noun.i <= det.i or noun.i > det.i + 4:
        return []
    return _noun_phrase(noun, start, end, with_preps=False)


def _as_many(story: _Story, root: Token, start: int, end: int) -> list[Token]:
    """'sold 300,000 copies, three times as many as any other record', '44 points, five
    more than Saprissa': a multiple or a difference set beside a count is of what that count
    counts (of the noun after it, when it has one: 'twice as many people as')."""
    first, after = story.token_at(start), story.token_at(end) or story.token_at(end + 1)
    if first is None or after is None or after.i + 2 >= len(after.doc):
        return []
    doc = after.doc
    if after.lower_ == "as" and doc[after.i + 1].lower_ in ("many", "much"):
        word = doc[after.i + 1]
    elif after.lower_ in ("more", "fewer", "less") and root.dep_ == "appos":
        word = after
    else:
        return []
    following = doc[word.i + 1]
    if following.tag_ in ("NN", "NNS"):
        return _noun_phrase(following, start, end, with_preps=False)
    if word is after and following.lower_ != "than":
        return []
    return _counted_before(root, first, start, end)


def _counted_before(root: Token, first: Token, start: int, end: int) -> list[Token]:
    """The nearest plural noun before ``first`` in its sentence that a count quantifies."""
    for token in reversed(root.doc[root.sent.start : first.i]):
        if token.tag_ == "NNS" and any(c.dep_ == "nummod" for c in token.children):
            return _noun_phrase(token, start, end, with_preps=False)
    return []


def _of_them(story: _Story, root: Token, start: int, end: int) -> list[Token]:
    """'... 230 violations, between 40 and 50 of them': "of them" right after a figure
    points back to the nearest counted plural noun before it in its sentence."""
    first, after = story.token_at(start), story.token_at(end) or story.token_at(end + 1)
    if first is None or after is None or after.lower_ != "of" or after.i + 1 >= len(after.doc):
        return []
    if after.doc[after.i + 1].lower_ not in ("them", "those"):
        return []
    return _counted_before(root, first, start, end)
