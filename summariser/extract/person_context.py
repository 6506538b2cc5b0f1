"""What the words around a name say about whose name it is: a person's surname standing
alone as a speaker elsewhere, a list the name stands in, whether the name ends the phrase a
relation word before it governs, a role noun before a name the NER model left untagged.

Split from `kinds`, which decides a name's kind from these and the gazetteers; `roles` reads
`listed_with_people` as a person cue too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser.extract.census_names import is_given_name, is_surname
from summariser.extract.cues import person_after_re
from summariser.extract.model import _Proposal
from summariser.extract.spans import _name_tokens
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.story import _Story


def _word_after(story: _Story, prop: _Proposal) -> Token | None:
    """The word right after the name, one space on."""
    nxt = story.token_at(prop.end + 1)
    return nxt if nxt is not None and nxt.idx == prop.end + 1 else None


_CAPITALISED_BEFORE_RE = re.compile(r"[A-Z][\w'’\-]*$")


def _surname_speaks(text: str, last: str, props: list[_Proposal]) -> bool:
    """Whether the name's last word stands alone elsewhere as a speaker ("Horbach told
    Reuters"): a person referred to by surname. The NER model sometimes reads an unfamiliar
    full name ("Mykola Horbach said ...") as a body; bodies are not named by a last word
    alone, and the ones with a body word in the name were decided before this."""
    spans = [(p.start, p.end) for p in props]
    at = text.find(last)
    while at >= 0:
        end = at + len(last)
        whole = (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        )
        inside = any(start <= at < stop for start, stop in spans)
        before = text[max(0, at - 30) : at].rstrip()
        if (
            whole
            and not inside
            and not _CAPITALISED_BEFORE_RE.search(before)
            and person_after_re().match(text[end : end + 80])
        ):
            return True
        at = text.find(last, at + 1)
    return False


_LIST_SEPARATOR_RE = re.compile(r"(?:,\s+|,?\s+and\s+|,?\s+or\s+)")


def listed_with_people(story: _Story, start: int) -> bool:
    """'such as Ansel Adams, Chuck Close, Walker Evans, Robert Mapplethorpe, and Helmut
    Newton': a name the NER model calls a body (with no body word, decided before this), in
    a list of three or more whose other members it reads mostly as people's (two or more,
    over half, and no place), is a person's too (the converse of a lone word listed with
    names of other kinds). Also a person cue for a name the NER model reads as a person's
    (`roles`)."""
    ents = list(story.doc.ents)
    index = next((i for i, e in enumerate(ents) if e.start_char <= start < e.end_char), None)
    if index is None:
        return False
    members = [ents[index]]
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(ents):
            a, b = (ents[i + step], ents[i]) if step < 0 else (ents[i], ents[i + step])
            if not _LIST_SEPARATOR_RE.fullmatch(story.text[a.end_char : b.start_char]):
                break
            members.append(ents[i + step])
            i += step
    others = [e for e in members if e is not ents[index]]
    people = sum(e.label_ == "PERSON" for e in others)
    places = any(e.label_ in ("GPE", "LOC", "FAC") for e in others)
    return people >= 2 and people * 2 > len(others) and not places


def _ends_its_phrase(story: _Story, prop: _Proposal) -> bool:
    """Whether the name is the whole of what the relation word before it governs, not a
    modifier of a noun ("the death of Wagner chief X") or the subject of a clause ("the
    man Arsenal signed")."""
    after = _word_after(story, prop)
    if after is not None and after.tag_.startswith("NN"):
        return False
    span = story.span(prop.start, prop.end)
    return span is None or span.root.dep_ not in ("compound", "nsubj", "nsubjpass", "amod")


# What can stand right before a role noun in a noun phrase: an article, a possessive, an
# adjective, a name or noun ("the Perth poet", "by poet"), a preposition, a conjunction
# ("mathematician and writer X").
_ROLE_NOUN_CONTEXT = frozenset(
    {"DT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "CD", "HYPH", "IN", ",",
     "CC"}
)


def role_noun_name_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """'the first novel by the Perth poet Ivy Lam': a person's role noun in lower case right
    before a name of two or three capitalised words the NER model left untagged. Read from
    the text's shape, not the parse, which here takes "poet" for a verb; only where the
    NER model saw no entity, so its own reading of a body or place is never overruled."""
    proposals = []
    doc = story.doc
    for token in doc:
        if token.lower_ not in lex.role_nouns or not token.is_lower:
            continue
        previous = doc[token.i - 1] if token.i > 0 else None
        if previous is None or previous.tag_ not in _ROLE_NOUN_CONTEXT:
            continue  # "She will head Human Resources": a verb, not a role noun
        run = []
        for nxt in doc[token.i + 1 : token.i + 5]:
            if not (nxt.is_title and nxt.is_alpha) or nxt.ent_type_:
                break
            run.append(nxt)
        after = doc[run[-1].i + 1] if run and run[-1].i + 1 < len(doc) else None
        if not 2 <= len(run) <= 3 or (after is not None and after.is_title and after.is_alpha):
            continue
        start, end = run[0].idx, run[-1].idx + len(run[-1])
        if any(w.casefold() in lex.org_words for w in _name_tokens(story.text[start:end])):
            continue
        proposals.append(_Proposal(start, end, "appos-person", "rule"))
    return proposals


def among_businesses(
    story: _Story, start: int, *, skip: int | None = None, nouns_only: bool = False
) -> bool:
    """Whether a mention is written among businesses, where a surname is most often a
    firm's named after its founder: in a sentence (or the next) that speaks of "the company"
    or "its firm" ("Investors sold Dyson after the company announced job cuts"; data list
    `business_nouns`), or whose own words are trade's ("Shares in Dyson rose", "Suzuki
    plans a second factory"; data list `commerce_nouns`). (Being listed with a name the
    NER model reads as a body's is no such evidence: the model types unfamiliar surnames as
    bodies' or places', "Einstein and Bohr".) `skip` is a token that does not count (a
    descriptor before the name); with `nouns_only`, a word of trade counts only as a noun
    ("borrowed to plant the new varieties" is no factory)."""
    token = story.token_at(start)
    if token is None:
        return False
    sentence = token.sent
    doc = sentence.doc
    spans = [sentence, doc[sentence.end].sent if sentence.end < len(doc) else None]
    if any(
        t.lower_ in _COMMERCE_NOUNS and t.i != skip and (not nouns_only or t.tag_[:2] == "NN")
        for t in sentence
    ):
        return True
    return any(
        t.lower_ in _BUSINESS_NOUNS and t.i != skip
        and any(c.lower_ in ("the", "its") for c in t.children)
        for span in spans
        if span is not None
        for t in span
    )


_BUSINESS_NOUNS = frozenset(words("business_nouns"))
_COMMERCE_NOUNS = frozenset(words("commerce_nouns"))


def trade_nouns() -> frozenset[str]:
    """The words of trade and of a company (`commerce_nouns`, `business_nouns`)."""
    return _COMMERCE_NOUNS | _BUSINESS_NOUNS


#: Why `kinds` makes such a name a person's; the person gate reads it (`roles`).
SHARED_DESCRIPTOR_REASON = "personal name after a shared descriptor"
_SHARED_BEFORE_RE = re.compile(
    rf"\b(?:{'|'.join(words('shared_descriptors'))})\s+$", re.IGNORECASE
)


def named_after_shared_descriptor(story: _Story, props: list[_Proposal]) -> bool:
    """'trader Nguyen Thi Hoa said', 'the property developer John Keane': a descriptor that
    names a person's trade as well as a business's (data list `shared_descriptors`) right
    before a name of two or more words that the Census lists read as a personal name (its
    first word a surname, as in "Nguyen" or "Li", or any word a given name). The caller
    holds that the NER model reads the name as a person's."""
    text = story.text
    for prop in props:
        names = _name_tokens(text[prop.start : prop.end])
        before = _SHARED_BEFORE_RE.search(text, max(0, prop.start - 40), prop.start)
        if len(names) < 2 or not before:
            continue
        # A given name first ("John Keane"), or a surname first with no surname after it
        # ("Nguyen Thi Hoa"; not "Balfour Beatty", "Willmott Dixon": two surnames are a
        # firm's partners).
        personal = is_given_name(names[0]) or (
            is_surname(names[0]) and not any(is_surname(w) for w in names[1:])
        )
        if personal and not _firm_in_sentence(story, prop.start, prop.end):
            return True
    return False


def _firm_in_sentence(story: _Story, start: int, end: int) -> bool:
    """Whether the name's sentence writes of it as of a firm: in trade's words, of "the
    company" (as `among_businesses` reads them, the descriptor before the name aside), or
    as "it" or "its" after it ("The developer Taylor Wimpey said it would build")."""
    token = story.token_at(start)
    if token is None:
        return False
    if among_businesses(story, start, skip=token.i - 1, nouns_only=True):
        return True
    return any(t.lower_ in ("it", "its") and t.idx >= end for t in token.sent)
