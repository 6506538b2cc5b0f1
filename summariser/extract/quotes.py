"""Quotes: verbatim inner text between quotation marks, with the speaker when the story says
who spoke.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser.extract.antecedents import (
    _antecedent,
    _role_antecedent,
    _role_holder,
    _subject_antecedent,
)
from summariser.extract.cues import _SPEECH_RE, _clean_phrase, _strip_prefix_title
from summariser.extract.lexicon import _lexicon
from summariser.extract.model import Candidate, Mention
from summariser.extract.spans import _overlaps
from summariser.extract.speech_verbs import _speech_subject
from summariser.markup import in_markup, markup_spans
from summariser.segment import split_lines
from summariser.wordlists import alternation

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from summariser.extract.story import _Story


_QUOTE_PAIRS = [("“", "”"), ("«", "»")]
_MAX_QUOTE = 2000
_PRONOUN_RE = re.compile(r"\b(?:he|she|He|She)\b")
_PLURAL_RE = re.compile(r"\b(?:they|They|we|We)\b")
_DESCRIPTOR_RE = re.compile(
    r"\bquot(?:ing|ed)\b|\b(?:the|this|that)\s+(?:\w+\s+){0,2}"
    r"(?:official|minister|governor|spokesman|spokesperson|spokeswoman|commander|leader|"
    r"head|chief|president|envoy|ambassador|director|deputy)\b",
    re.IGNORECASE,
)
_SPEAKER_NOUNS = rf"(?:{alternation('speaker_nouns')})"
# The description keeps where the speaker is from: "a local official in Kara-Kulja", "a
# doctor at the hospital".
_SPEAKER_PLACE = (
    r"(?:\s+(?:in|from|at|of|for|with)\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*|[a-z]+))?"
)
_DESCRIBED_SPEAKER_RE = re.compile(
    rf"\b(?P<det>[Aa]n?|[Tt]he|[Oo]ne)\s+((?:[a-z\-]+\s+){{0,3}}(?P<noun>{_SPEAKER_NOUNS})\b"
    rf"{_SPEAKER_PLACE})(?:\s+[\w\-]+){{0,4}}\s+(?:told|said|says|added|explained)\b"
)


# Single quote marks also open and close quotations ('We will stay,' she said), but the same
# characters are apostrophes: only a mark before a capital that closes after punctuation
# and before a space counts.
_SINGLE_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(]))['‘]([A-Z][^\n]{8,}?[,.?!])['’](?=\s|$)", re.M)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Blank-line separated blocks: a quote may wrap lines, never cross a blank line."""
    blocks = []
    start: int | None = None
    end = 0
    for line in split_lines(text):
        if line.blank:
            if start is not None:
                blocks.append((start, end))
                start = None
            continue
        if start is None:
            start = line.start
        end = line.end
    if start is not None:
        blocks.append((start, end))
    return blocks


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(inner start, inner end) of every quotation, curly or straight."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _paragraphs(text):
        block = text[block_start:block_end]
        for opening, closing in _QUOTE_PAIRS:
            pos = 0
            while True:
                o = block.find(opening, pos)
                if o < 0:
                    break
                c = block.find(closing, o + 1)
                if c < 0 or c - o > _MAX_QUOTE:
                    break
                spans.append((block_start + o + 1, block_start + c))
                pos = c + 1
        straight = [m.start() for m in re.finditer('"', block)]
        for o, c in zip(straight[0::2], straight[1::2], strict=False):
            if c - o <= _MAX_QUOTE:
                spans.append((block_start + o + 1, block_start + c))
        doubled = list(spans)
        for match in _SINGLE_QUOTE_RE.finditer(block):
            quoted = (block_start + match.start(1), block_start + match.end(1))
            if not any(_overlaps(quoted, d) for d in doubled):
                spans.append(quoted)
    out = []
    for s, e in sorted(spans):
        inner = text[s:e]
        s, e = s + len(inner) - len(inner.lstrip()), e - (len(inner) - len(inner.rstrip()))
        if e > s and any(ch.isalnum() for ch in text[s:e]):
            out.append((s, e))
    return out


def _group_subject(story: _Story, before: int) -> str | None:
    """The subject of the sentence before `before`: who 'they' most likely are."""
    previous = [s for s in story.sentences if s[1] <= before]
    if not previous:
        return None
    span = story.span(*previous[-1])
    if span is None:
        return None
    for token in span:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
            sub = list(token.subtree)
            phrase = story.text[sub[0].idx : sub[-1].idx + len(sub[-1])]
            return _clean_phrase(phrase) or None
    return None


def _quote_candidates(story: _Story, named: list[Candidate]) -> list[Candidate]:
    text = story.text
    persons = sorted(
        (m.start, m.end, c.text) for c in named if c.kind == "person" for m in c.mentions
    )
    orgs = sorted(
        (m.start, m.end, c.text) for c in named if c.kind == "organisation" for m in c.mentions
    )
    roles = {c.text: c.role for c in named if c.kind == "person" and c.role}
    speakers: dict[str, str | None] = {}
    mentions: dict[str, list[Mention]] = {}
    markup = markup_spans(text)
    previous: tuple[int, str | None] | None = None  # (end, speaker) of the quote before
    for start, end in _quote_spans(text):
        if in_markup(start, end, markup):
            continue  # a JSON key or a string in code is not something anyone said
        inner = text[start:end]
        mentions.setdefault(inner, []).append(Mention(inner, start, end))
        if inner in speakers:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        sent_start = story.sentence_of(max(0, start - 2))[0]
        pre_start = max(min(sent_start, start), line_start, start - 300)
        sent_end = story.sentence_of(end)[1]
        line_end = text.find("\n", end)
        post_end = min(
            sent_end if sent_end > end else end + 1, line_end if line_end >= 0 else len(text)
        )
        speakers[inner] = _attribute(
            story,
            (pre_start, start - 1),
            (end + 1, max(end + 1, post_end)),
            start,
            persons,
            orgs,
            len(inner.split()),
            roles,
            previous,
        )
        previous = (end, speakers[inner])
    return [
        Candidate(
            kind="quote",
            text=inner,
            mentions=tuple(mentions[inner]),
            origin="rule",
            label="quote",
            speaker=speaker,
        )
        for inner, speaker in speakers.items()
    ]


def _attribute(
    story: _Story,
    pre: tuple[int, int],
    post: tuple[int, int],
    quote_start: int,
    persons: list[tuple[int, int, str]],
    orgs: list[tuple[int, int, str]],
    words: int,
    roles: dict[str, str] | None = None,
    previous: tuple[int, str | None] | None = None,
) -> str | None:
    """Who said it: named in the clause, else 'he/she' = the last person named before.
    `previous` is the (end, speaker) of the quote before this one."""
    text = story.text
    pre_text = text[pre[0] : pre[1]]
    cut = max(pre_text.rfind(". "), pre_text.rfind(".\n"), pre_text.rfind("\n"))
    pre_start = pre[0] + cut + 1 if cut >= 0 else pre[0]
    pre_text = text[pre_start : pre[1]]
    post_text = text[post[0] : post[1]]

    # The syntax first: the subject of the speech verb that governs the quote.
    quote_end = post[0] - 1
    subject = _speech_subject(story, quote_start, quote_end)
    if subject is not None and subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        subject = subject.head.head  # "X, who told reporters: ...": the relative's antecedent
    if subject is not None:
        named = _person_at(persons, subject)
        if named is not None:
            return named
        if _PRONOUN_RE.fullmatch(subject.text):
            # "he/she said": the nearest person named before the pronoun (gender-agnostic:
            # the nearest antecedent, whatever its gender).
            # Never a person named inside the quote itself ('"Ahmad was a good man," she said').
            before = [
                p for p in persons
                if p[1] <= subject.idx and not (quote_start <= p[0] and p[1] <= quote_end)
            ]
            # "... according to a teacher at one of the institutes. '...,' she said": a
            # described person after the last named one is the nearer antecedent.
            since = before[-1][1] if before else max(0, subject.idx - 400)
            described = _described_antecedent(story.text, since, subject.idx)
            if described:
                return described
            # "Speaking from ..., the mayor said ... '...,' she said": the one the story
            # last called by their role, when a named person holds it.
            by_role = _role_antecedent(text, since, subject.idx, roles or {})
            if by_role:
                return by_role
            return _subject_antecedent(story, before) or _antecedent(text, before)
        if subject.tag_ in ("NNP", "NNPS") and subject.text[:1].isupper():
            # A name the entity pass did not keep ("Coventry said"): still the one speaking.
            return _name_phrase(story, subject, orgs)
        holder = _role_holder(subject, roles or {})
        if holder is not None:
            # '"...," said the minister': the one person the story gave that role.
            return holder
        # "A spokesman for President X said": the speaker is the spokesman, so no person
        # named inside the subject may be taken for them below.
        sub = list(subject.subtree)
        lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1])
        persons = [p for p in persons if not (lo <= p[0] and p[1] <= hi)]
    # "Manukyan’s lawyer, Tigran Atanesyan, told reporters": a possessor is not the speaker,
    # and a person merely named in the sentence ("Coventry, who succeeds Thomas Bach,
    # said: ...") is not either: only one who is the one speaking.
    speakers = [p for p in persons if not re.match(r"['’]", text[p[1] : p[1] + 1])]
    in_pre = [
        p for p in speakers
        if pre_start <= p[0] and p[1] <= pre[1] and (
            _speaks_after(text, p[1], pre[1])
            or re.search(r"\b[Aa]ccording\s+to\s+$", text[max(0, p[0] - 15) : p[0]])
        )
    ]
    if in_pre:
        return in_pre[-1][2]
    in_post = [p for p in speakers if post[0] <= p[0] and p[1] <= post[1]]
    in_post = [p for p in in_post if _said_before(text, post[0], p[0]) or _speaks_after(
        text, p[1], post[1])]
    if in_post:
        return in_post[0][2]
    # '"...," the league said in a statement': a body that says it right after the quote.
    org_post = [o for o in orgs if post[0] <= o[0] and o[1] <= post[1]]
    if (
        org_post
        and _SPEAKS_AFTER_RE.match(text[org_post[0][1] : org_post[0][1] + 40])
        and re.fullmatch(r"[\s,]*(?:the\s+)?", text[post[0] : org_post[0][0]], re.IGNORECASE)
    ):
        return org_post[0][2]
    earlier = [p for p in persons if p[1] <= quote_start]
    pronoun = _PRONOUN_RE.search(pre_text) or (
        _PRONOUN_RE.search(post_text) and _SPEECH_RE.search(post_text)
    )
    if (pronoun or _DESCRIPTOR_RE.search(pre_text)) and earlier:
        # A described speaker in between ("A local relief coordinator told ...") wins.
        described = _described_speaker(story, earlier[-1][1], quote_start)
        described = described or _described_antecedent(text, earlier[-1][1], quote_start)
        return described or _subject_antecedent(story, earlier) or _antecedent(text, earlier)
    if pronoun:
        described = _described_speaker(story, max(0, quote_start - 400), quote_start)
        if described:
            return described
    if _PLURAL_RE.search(pre_text):
        group = _group_subject(story, pre_start)
        if group:
            return group
    described = _described_speaker(story, post[0], post[1]) or _described_speaker(
        story, pre_start, pre[1] + 1
    )
    if described:
        return described
    org_pre = [o for o in orgs if pre_start <= o[0] and o[1] <= pre[1]]
    if org_pre and _SPEECH_RE.search(pre_text):
        # "The Armed Forces (FAMa) said in a statement read on the broadcaster ORTM that
        # ...": the body that says it, not the one that carries it.
        # A body merely named in the sentence is not the speaker either.
        saying = [o for o in org_pre if _SPEAKS_AFTER_RE.match(text[o[1] : o[1] + 40])]
        if saying:
            return saying[-1][2]
    # Only a quote standing alone in its sentence continues the one before: 'X accused the
    # DA of "..."' has a subject of its own, found or not.
    alone = not re.search(r"\w", pre_text) and not re.search(r"\w", post_text)
    sentences_before = [s for s in story.sentences if s[1] <= pre_start]
    if alone and previous is not None and previous[1] and sentences_before:
        # '"...," Gorosito said. "He listened."': a quote standing alone right after a
        # quoted sentence of the same paragraph goes on with that quote's speaker.
        # Only a quote that ends its paragraph with a full stop: '"Resign now!" protesters
        # chanted', '"He won't." Kaczynski, his rival, was blunt' have speakers of their own.
        p_start = sentences_before[-1][0]
        line_end = text.find("\n", quote_end)
        rest = text[quote_end + 1 : line_end if line_end >= 0 else len(text)]
        if (
            p_start <= previous[0] <= quote_start
            and "\n" not in text[previous[0] : quote_start]
            and text[max(0, quote_end - 2) : quote_end].rstrip()[-1:] == "."
            and not re.search(r"\w", rest)
        ):
            return previous[1]
    if words <= 3:
        return None
    if sentences_before and alone:
        p_start, p_end = sentences_before[-1]
        # A quote standing alone continues the speaker of the sentence before, when that
        # sentence has someone speaking; a person merely named there is no speaker.
        in_prev = [
            p for p in persons
            if p_start <= p[0] and p[1] <= p_end and _speaks_after(text, p[1], p_end)
        ]
        if in_prev:
            return in_prev[-1][2]
    return None


def _speaks_after(text: str, name_end: int, limit: int) -> bool:
    """'X said', 'X, the minister, told reporters', 'X (FAMa) said in a statement': the name
    is the speech verb's subject, read off the text when the parse is not used."""
    after = text[name_end : min(limit, name_end + 120)]
    after = re.sub(r"^,[^,;:.“”\"]{1,80},", "", after)  # an apposition set off by commas
    after = re.sub(r"^,", "", after)  # "Its director general, X, told IRNA"
    return bool(_SPEAKS_AFTER_RE.match(after))


_SAID_BEFORE_RE = re.compile(
    rf"^[\s,]*(?:{_SPEECH_RE.pattern})\s+(?:(?:[a-z]+|[A-Z][a-z]{{0,4}}\.)\s+){{0,4}}$"
)
_DESCRIBED_PERSON_RE = re.compile(
    rf"\b[Aa]n?\s+((?:[a-z\-]+\s+){{0,3}}{_SPEAKER_NOUNS}\b{_SPEAKER_PLACE})"
)


def _quoted_between(text: str, start: int, end: int) -> Callable[[int], bool]:
    """Whether an offset between start and end lies inside quotation marks: a quote's words
    are its speaker's, never the story's description of someone."""
    spans = [(s, e) for s, e in _quote_spans(text) if s < end and e > start]
    return lambda at: any(s <= at < e for s, e in spans)


def _described_antecedent(text: str, start: int, end: int) -> str | None:
    """The last person the story describes without a name between start and end, outside
    quotation marks: a quote's words are its speaker's, not the story's ('"... the life of
    a man who stole $310 million," he said': the man is no one who speaks)."""
    quoted = _quoted_between(text, start, end)
    found = [
        m for m in _DESCRIBED_PERSON_RE.finditer(text, start, end)
        # "Ion Munteanu, an energy analyst, ...": an apposition describes the named person.
        if not re.search(r"[,(]\s*$", text[max(start, m.start() - 3) : m.start()])
        and not quoted(m.start())
    ]
    return found[-1].group(1) if found else None


def _said_before(text: str, quote_after: int, name_start: int) -> bool:
    """'"...," said X' / '"...," said the deputy minister, X': the name follows the verb."""
    return bool(_SAID_BEFORE_RE.match(text[quote_after:name_start]))


def _name_phrase(story: _Story, head: Token, orgs: list[tuple[int, int, str]]) -> str:
    """The proper name a subject token heads ("Kirsty Coventry"), or the body it is part of."""
    for o_start, o_end, name in orgs:
        if o_start <= head.idx < o_end:
            return name
    parts = [t for t in head.lefts if t.dep_ in ("compound", "flat") and t.tag_.startswith("NNP")]
    first = parts[0] if parts and parts[-1].i == head.i - 1 else head
    end = head.idx + len(head)
    # "Cagayan Governor Teresita Dulay told DZMM": the name after the title, not the title.
    name_start, title, _ = _strip_prefix_title(story.text, first.idx, end, _lexicon())
    if not title:
        for token in parts:
            name_start, title, _ = _strip_prefix_title(story.text, token.idx, end, _lexicon())
            if title:
                break
    return story.text[name_start if title else first.idx : end]


def _person_at(persons: list[tuple[int, int, str]], token: Token) -> str | None:
    """The person whose mention is the subject phrase headed by `token`."""
    # "The bank's president, Christine Lagarde, said": the name apposed to the subject,
    # never a person the subject phrase merely mentions ("the successor of Thomas Bach").
    heads = [token, *(c for c in token.children if c.dep_ == "appos")]
    for head in heads:
        for p_start, p_end, name in persons:
            if p_start <= head.idx < p_end:
                return name
    return None


_SPEAKS_AFTER_RE = re.compile(
    rf"^(?:\s*\([^)]{{1,20}}\))?(?:\s+(?:has|had|also|later|on\s+\w+day))*\s+{_SPEECH_RE.pattern}"
)


def _described_speaker(story: _Story, start: int, end: int) -> str | None:
    """An unnamed speaker the story describes: 'A local relief coordinator told reporters'.

    'the official told AFP' refers back to the last 'a ... official' introduced before,
    whose description is the fuller one ("a local official in Niono").
    """
    found = None
    quoted = _quoted_between(story.text, start, end)
    for match in _DESCRIBED_SPEAKER_RE.finditer(story.text, start, end):
        if not quoted(match.start()):  # (a quote's words are its own)
            found = match
    if found is None:
        return None
    if found.group("det").casefold() == "the":
        introduced = re.compile(
            rf"\b[Aa]n?\s+((?:[a-z\-]+\s+){{0,3}}{found.group('noun')}\b{_SPEAKER_PLACE})"
        )
        earlier = list(introduced.finditer(story.text, 0, found.start()))
        if earlier:
            return earlier[-1].group(1)
    return found.group(2)
