"""The speech verb that governs a quote, and whose words it says they are.

'"...," Coventry said', 'she said: "..."', 'X accused the DA of "holding the economy
hostage"', '..., telling SABC that they were "closer than the headlines suggest"': the parse
says which verb governs the quote and who its subject is; a participle of speech, a noun of
speech, a naming verb's object and a reduced passive each say it differently. Split from
quotes.py, which attributes a quote from this first and from the text around it after.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summariser.extract.cues import _SPEECH_RE
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.story import _Story

#: Speech that is not "said" (data list `speech_act_verbs`): "accused X of '...'", "telling".
_SPEECH_ACTS = frozenset(words("speech_act_verbs"))
#: Verbs whose subject only hears or sees the words ("recalled Y telling him '...'").
_WITNESS_VERBS = frozenset(words("witness_verbs"))
#: Nouns of words said ("warning", "remarks"): a quote they govern is their owner's words.
_SPEECH_NOUNS = frozenset(words("speech_nouns"))
#: Verbs whose object may be a name in quotation marks rather than words said ("branded the
#: "Rwanda plan" a success"): a quote inside their object is nobody's words.
_NAMING_VERBS = frozenset(words("naming_verbs"))


def _speech_subject(story: _Story, start: int, end: int) -> Token | None:
    """The subject of the speech verb that governs the quote [start, end), if the parse
    has one: the quote's own clause hangs from 'said' ('"...," Coventry said'), or the quote
    is the verb's object ('she said: "..."')."""
    span = story.span(start, end)
    if span is None or len(span) == 0:
        return None
    verbs = []
    # A quote of several sentences has a root per sentence; the one the parse hangs on the
    # speech verb is usually the last ('"We are not selling ... We are renting it," said').
    pieces = [span.root, *(t for t in span if t.head.i != t.i and not start <= t.head.idx < end)]
    for token in pieces:
        for _ in range(4):
            if token.head.i == token.i:
                break
            token = token.head
            if start <= token.idx < end:
                continue
            if (
                token.lower_ in _SPEECH_NOUNS and token.tag_ in ("NN", "NNS")
                and any(c.dep_ == "poss" for c in token.children)
            ):
                return None  # "Y's warning of '...' was dismissed by X": the noun's words
            if token.tag_ == "VBG" and token.head.lower_ == "as" and not _has_subject(token):
                continue  # "X was quoted by Reuters as saying '...'": the quoting verb's
            if _SPEECH_RE.fullmatch(token.text) or (
                token.lower_ in _SPEECH_ACTS and token.tag_.startswith("VB")
            ):
                verbs.append(token)
                break
        if verbs:
            break
    for verb in verbs:
        if (
            verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.tag_ in ("NNP", "NNPS")
            and not _has_subject(verb)
        ):
            return verb.head  # "Ruth Osei, warning of '...', urged X": the one it describes
        verb = _speech_act(verb) or verb
        if verb.lower_ in _NAMING_VERBS and _named_in_object(verb, span.root):
            return None  # "branded the 'Rwanda plan' a success": a name, not the words said
        # "X, labelled '...' by Y": the agent speaks, not the one spoken of.
        quoting = verb.lower_ in ("quoted", "cited")
        for child in sorted(verb.children, key=lambda c: quoting or c.dep_ != "agent"):
            if start <= child.idx < end:
                continue
            if child.dep_ == "agent":
                # "was told by X": the one telling, not the one told (the passive subject).
                return next((c for c in child.children if c.dep_ == "pobj"), None)
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "nsubjpass" and verb.lower_ in ("quoted", "described"):
                return child  # "he was quoted as saying": the one quoted
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children)


def _speech_act(token: Token) -> Token | None:
    """The verb whose subject speaks when `token` is speech other than "said" (data list
    `speech_act_verbs`): itself when it has a subject ("X accused the DA of '...'"); for a
    participle with none, the verb it hangs on ("X accused the DA ..., telling SABC that
    they were '...'", "X praised Y, describing him as '...'"). Not when that clause names
    another source of words ("received a letter from Y, urging her to '...'", "condemned
    Y's remarks, calling Z '...'") or only witnesses them ("recalled Y telling him '...'")."""
    if token.lower_ not in _SPEECH_ACTS or not token.tag_.startswith("VB"):
        return None
    if _has_subject(token):
        return token
    head = token.head
    if (
        token.tag_ != "VBG" or token.dep_ not in ("advcl", "xcomp", "conj")
        or head.i == token.i or not head.tag_.startswith("VB") or not _has_subject(head)
        or head.lower_ in _WITNESS_VERBS
    ):
        return None
    own = {t.i for t in token.subtree}
    subject = next(c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent"))
    own |= {t.i for t in subject.subtree} if subject.dep_ != "agent" else set()
    for other in head.subtree:
        if other.i in own:
            continue
        if other.dep_ == "relcl":
            return None  # "met Y, who later called the talks '...', insisting": whose clause?
        if other.tag_ not in ("NNP", "NNPS"):
            continue
        if (
            other.dep_ == "poss" and other.head.lower_ in _SPEECH_NOUNS
            or other.dep_ == "pobj" and other.head.lower_ in ("by", "from", "with")
        ):
            return None
    return head


def _named_in_object(verb: Token, quote: Token) -> bool:
    """Whether a quote is inside the verb's object itself ("branded the 'Rwanda plan' a
    success"), not in an "as" phrase saying what the object is ("dismissed the demand as 'a
    political stunt'")."""
    token = quote
    while token.i != verb.i and token.head.i != token.i:
        if token.lower_ == "as":
            return False
        if token.dep_ == "dobj" and token.head.i == verb.i:
            return True
        token = token.head
    return False
