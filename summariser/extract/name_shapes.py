"""Shapes of the text around a name that decide its kind before any cue is weighed: a
fragment of something else, a unit or nationality counted by a number, a person's role
noun right before it. Read by `kinds._decide_kind`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser import gazetteer

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon


_LOWER_WORD_BEFORE_RE = re.compile(r"(?<![\w\-])([a-z][\w\-]*)\s+$")


def _role_noun_before(text: str, start: int, lex: _Lexicon) -> bool:
    """A person's role noun, in lower case, right before the name ("forward X")."""
    match = _LOWER_WORD_BEFORE_RE.search(text[max(0, start - 40) : start])
    return match is not None and match.group(1) in lex.role_nouns


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
# The count ends in a digit: "on 69. Gilvanzinho, signed ..." ends a sentence on a number.
_COUNT_BEFORE_RE = re.compile(r"(?<![\d,.])(?!(?:1[89]|20)\d\d\s)\d(?:[\d,.]*\d)?\s+")
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
