"""How many tokens a correct answer may need, sized to the schema asked for and the story.

One fixed limit for every story is either too small for a long story's full draft (the small
model's JSON ran past 300 tokens on two seed stories and was cut off, then cut off again on
the re-ask) or needlessly large for a short one. A limit costs nothing unless the model uses
it, so this errs on the generous side: every field as long as the story could make it.
It is not unbounded: a small model can go round in circles until the limit, so the items
part is sized for what the prompt asks (the items the candidates miss), not for the whole
list again.
Token counts are estimated from characters (no tokenizer is at hand for a remote model);
three characters a token is below what English and names take on the tokenizers in use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .text import split_sentences

if TYPE_CHECKING:
    from .extract import Candidate

CHARS_PER_TOKEN = 3
#: Braces, keys, quotes and commas of the prose fields.
PROSE_SYNTAX_TOKENS = 60
HEADLINE_TOKENS = 40
TOPIC_TOKENS = 10
KEY_POINTS = 3
SUMMARY_SENTENCES = 2
#: One item's keys and punctuation: {"name": "", "role": null}, ...
ITEM_SYNTAX_TOKENS = 12
#: Room for items the model adds or flags beyond the candidates it was shown.
EXTRA_ITEM_TOKENS = 160
#: Items the model adds, as a share of the candidates (one in ADDED_SHARE) at most.
ADDED_SHARE = 10
#: Reserved for the answer when a story is fitted to the context before its size is known.
FIT_RESERVE_TOKENS = 1024


def estimate_tokens(text: str) -> int:
    return -(-len(text) // CHARS_PER_TOKEN)


def prose_tokens(body: str) -> int:
    """Headline, a summary of the story's two longest sentences, and as many key points as
    the schema allows, each as long as the longest sentence (they are asked to be copied)."""
    lengths = sorted((estimate_tokens(s) for s in split_sentences(body)), reverse=True)
    longest = lengths[0] if lengths else estimate_tokens(body)
    summary = sum(lengths[:SUMMARY_SENTENCES]) or longest
    return PROSE_SYNTAX_TOKENS + HEADLINE_TOKENS + summary + KEY_POINTS * longest + TOPIC_TOKENS


def item_tokens(candidates: Sequence[Candidate]) -> int:
    """Items the candidates miss and flags on them: the prompt asks for nothing else.

    Sized as a tenth of the candidates listed back with their roles, contexts or speakers,
    and at least `EXTRA_ITEM_TOKENS`. A model that lists every candidate back anyway is cut
    off, asked again at twice the limit, and in the end keeps the fields it completed.
    """
    listed = sum(
        estimate_tokens(f"{c.text} {c.role or ''} {c.context or ''} {c.speaker or ''}")
        + ITEM_SYNTAX_TOKENS
        for c in candidates
    )
    return max(EXTRA_ITEM_TOKENS, listed // ADDED_SHARE)


def answer_tokens(body: str, candidates: Sequence[Candidate], full: bool, cap: int) -> int:
    """The completion limit for one story's draft, at most `cap`."""
    needed = prose_tokens(body) + (item_tokens(candidates) if full else 0)
    return max(1, min(needed, cap))
