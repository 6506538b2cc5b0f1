"""Shapes of the text around a name that decide its kind before any cue is weighed: a
fragment of something else, a unit or nationality counted by a number, a person's role
noun right before it. Read by `kinds._decide_kind`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.spans import _is_capitalised, _name_tokens
from summariser.text import group_key

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon


# "X, who bought her": the relative wire copy writes of people only.
_WHO_AFTER_RE = re.compile(r",\s+who\b")
# ", a deputy head of ...": an apposition that describes (not ", whose director").
_ARTICLE_APPOS_RE = re.compile(r",\s+(?:a|an|the)\s")
_LOWER_WORD_BEFORE_RE = re.compile(r"(?<![\w\-])([a-z][\w\-]*),?\s+$")


def _role_noun_before(text: str, start: int, lex: _Lexicon) -> bool:
    """A person's role noun, in lower case, right before the name ("forward X"), or
    before it in apposition ("Its chief executive, X, told Reuters")."""
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


def _is_token_part(short: str, full: str) -> bool:
    """'Haqqani' of 'Sirajuddin Haqqani', 'Ali Pouri' of 'Morteza Ali Pouri'."""
    s, f = _name_tokens(short), _name_tokens(full)
    if not s or len(s) >= len(f):
        return False
    s_key = [group_key(w) for w in s]
    f_key = [group_key(w) for w in f]
    if f_key[-len(s) :] == s_key or f_key[: len(s)] == s_key:
        return True
    # "Arreola" of "Lucía Arreola Cantú": Spanish and Portuguese copy names a person by the
    # first of two surnames, a word inside a name of three or more.
    return len(s) == 1 and len(f) >= 3 and s_key[0] in f_key[1:-1] and _is_capitalised(s[0])
