"""A person's role from the story (apposition, title, "who is ...", the parse), and the
person-evidence gate that drops names the text speaks against as a person's.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.cues import (
    _LOCATIVE_RE,
    _RELATIVE_CLAUSE_RE,
    _SCORE_RE,
    _clean_role,
    _located_after,
    _role_before,
    _title_before,
    person_after_re,
    person_relation_before,
    whose_role,
)
from summariser.extract.kinds import _impersonal_after
from summariser.extract.person_evidence import lone_word_evidence, thing_evidence
from summariser.extract.spans import _name_tokens
from summariser.wordlists import words

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.model import Candidate, Mention, _Entity
    from summariser.extract.story import _Story


_ROLE_AFTER_RE = re.compile(
    r"^(?:,\s+\d{1,3})?,\s+who\s+(?:has\s+|had\s+)?(?:served|serves|works|worked|is|was|"
    r"became|been)\s+(?:(?:made|named|appointed|elected)\s+)?(?:as\s+)?"
    r"((?:(?:the|a|an)\s+)?[\w\-]+(?:\s+[\w\-]+){0,4})"
)


_APPOS_AFTER_RE = re.compile(r"^,\s+(?:the|a|an)\s+([^,;:.()“”\"\n]{1,80}?)\s*[,.;:]")
_APPOS_BEFORE_RE = re.compile(
    r"(?:^|[.;:]\s+|\n|,\s+)((?:the|a|an|its|his|her|their)\s+[^,;:.()“”\"\n]{1,80}?),\s+$",
    re.IGNORECASE,
)
_ROLE_HEAD_END_RE = re.compile(r"\s+(?:of|for|at|in|from|with|who|whose|on|to)\s.*$", re.S)


def _role_apposition(text: str, start: int, end: int, lex: _Lexicon) -> str | None:
    """'X, the 22-year-old Serbian forward,' / 'The vice-minister of energy, X,': the comma
    apposition read off the text when the parse attaches it elsewhere."""
    before = text[max(0, start - 100) : start]
    honorific = next((h for h in lex.honorifics if before.endswith(h + " ")), None)
    if honorific is not None:
        before = before[: -len(honorific) - 1]
    for match in (_APPOS_AFTER_RE.match(text[end : end + 100]), _APPOS_BEFORE_RE.search(before)):
        if match is None:
            continue
        phrase = match.group(1)
        head = _ROLE_HEAD_END_RE.sub("", phrase).split()
        if head and head[-1].casefold() in lex.role_nouns:
            return _clean_role(phrase) or None
    return None


_ROLE_ASSIGNED_RE = re.compile(
    r"^(?:,[^,;:.()“”\"\n]{1,80},)?\s+(?:becomes|became|(?:will|would)\s+become|has\s+become|"
    r"(?:was|is|has\s+been|had\s+been)\s+(?:named|appointed|elected|sworn\s+in\s+as)|"
    r"takes\s+over\s+as|took\s+over\s+as)\s+(?:as\s+)?([^,;:.()“”\"\n]{1,80})"
)


def _role_assigned(text: str, end: int, lex: _Lexicon) -> str | None:
    """'X, a former deputy minister, becomes governor of Y': the office the story's news
    gives the person, over what an apposition says they were."""
    match = _ROLE_ASSIGNED_RE.match(text[end : end + 200])
    if match is None:
        return None
    phrase = _RELATIVE_CLAUSE_RE.sub("", match.group(1))
    phrase = re.sub(r"\s+(?:on|in|after|from|since|until|with|and)\s.*$", "", phrase, flags=re.S)
    head = _ROLE_HEAD_END_RE.sub("", phrase).split()
    if head and head[-1].casefold() in lex.role_nouns:
        return _clean_role(phrase) or None
    return None


def _role_after_who(text: str, end: int, lex: _Lexicon) -> str | None:
    """'Karen Manukyan, 54, who served as deputy minister between 2019 and 2022': the
    longest run of words after the verb that ends in a role noun."""
    match = _ROLE_AFTER_RE.match(text[end : end + 120])
    if match is None:
        return None
    words = match.group(1).split()
    for stop in range(len(words), 0, -1):
        if words[stop - 1].casefold() in lex.role_nouns:
            return _clean_role(" ".join(words[:stop])) or None
    return None


def _role_from_parse(story: _Story, start: int, end: int, lex: _Lexicon) -> str | None:
    """An apposition next to the name: 'X, the governor of Tehran' / 'the agency's head, X'."""
    span = story.span(start, end)
    if span is None:
        return None
    root = span.root
    text = story.text
    for child in root.children:
        if child.dep_ == "appos" and child.idx >= end and child.lower_ in lex.role_nouns:
            sub = list(child.subtree)
            role = text[sub[0].idx : sub[-1].idx + len(sub[-1])]
            if len(role.split()) <= 20:
                return _clean_role(role)
    head = root.head
    if root.dep_ == "appos" and head.i < span.start and head.lower_ in lex.role_nouns:
        # The role phrase is the head's own clause piece: after the last comma before the
        # head ("Speaking in Habaswein, ...") and before the comma that sets the name off
        # (a title between that comma and the name, "General", is not part of it).
        tokens = [t for t in head.subtree if t.idx < start]
        left = [t for t in tokens if t.i < head.i and t.text in ",;:("]
        if left:
            tokens = [t for t in tokens if t.i > left[-1].i]
        right = [t for t in tokens if t.i > head.i and t.text in ",;:("]
        if right:
            tokens = [t for t in tokens if t.i < right[0].i]
        if tokens:
            role = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
            if len(role.split()) <= 10:
                return _clean_role(whose_role(text, tokens[0].idx, role))
    return None


def _person_role(story: _Story, ent: _Entity, mentions: list[Mention], lex: _Lexicon) -> str | None:
    """The role the story gives a person, first mention first.

    An office the story gives ("X, a former minister, becomes governor of Y") comes first;
    a common-noun office written before the name ("Rovers coach X") is what the story
    calls the person, and an apposition ("X, a former player,") describes them further;
    an apposition says more than a rank or honour before the name ("General X").
    """
    role = None
    for m in mentions:
        role = role or _role_assigned(story.text, m.end, lex)
    for m in mentions:
        role = role or _role_before(story.text, m.start, lex)
    for m in mentions:
        role = role or _role_from_parse(story, m.start, m.end, lex)
    for m in mentions:
        role = role or _role_apposition(story.text, m.start, m.end, lex)
    role = role or ent.title_role
    for m in mentions:
        role = role or _role_after_who(story.text, m.end, lex)
    return role


_LOWER_WORD_BEFORE_RE = re.compile(r"\b([a-z][\w\-]*)\s+$")
_PERSON_RULE_LABELS = ("appos-person", "age-person", "title", "honorific")
#: The NER model's own labels; every other label on a candidate is a rule's proposal.
_NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def _person_evidence(story: _Story, person: Candidate, lex: _Lexicon) -> bool:
    """Whether the story lets this name stand as a person's.

    A name the NER model reads as a person's is kept unless the text says otherwise: the
    model is the floor the extractor builds on, and a missing cue is no evidence (on public
    wire copy most people are named without a role or a verb of speech: "the film starred
    Sophia Loren", a list of candidates). A name only the rules propose needs the story's
    own word: a role, a title, an age or an apposition, speech ("X said"), or being the
    subject of what people do ("X scored twice").
    """
    # A vessel's or storm's noun before the name, an illness's or facility's after it, says
    # more than a verb the parse hangs on it ("Space Shuttle Discovery will take the place")
    # or a title read off the thing's own name ("Space"); an apposition or age does not.
    explicit = any(label in person.label for label in ("appos-person", "age-person"))
    if not explicit and thing_evidence(story, person):
        return False
    # A one-word name shaped as a thing's, a people's or a title's at any mention ("the Hera
    # spacecraft", "Google, Bing, and Yahoo!", 'the thriller "Itsasoa"').
    lone = len(_name_tokens(person.text)) < 2
    if not explicit and lone and lone_word_evidence(story, person, lex):
        return False
    if person.role or any(label in person.label for label in _PERSON_RULE_LABELS):
        return True
    if _person_cue_in_story(story, person, lex):
        return True
    # A lone word the story never writes as a full name ("Mauer", "Haqqani") is no one
    # introduced: news copy names a person in full at first reference, so a single word with
    # no cue anywhere is read as the story's word for something else (a group, a work, a
    # place), not as a person the NER model saw. Measured against keeping such words unless
    # the text speaks against them (the family off): more people found on public copy, and
    # more things read as people on the held-out sets (docs/people_recall.md).
    if lone and not story.off("lone-names"):
        return False
    return "PERSON" in person.label and not _person_counter_evidence(story, person, lex)


def _person_cue_in_story(story: _Story, person: Candidate, lex: _Lexicon) -> bool:
    if person.role or any(label in person.label for label in _PERSON_RULE_LABELS):
        return True
    text = story.text
    for mention in person.mentions:
        if _title_before(text, mention.start, lex) is not None:
            return True
        if person_after_re().match(text[mention.end : mention.end + 80]):
            return True
        if person_relation_before(text, mention.start):
            return True
        # "... and Turkish Cypriot leader Mehmet Ali Tuncel": a lower-case role noun right
        # before the name (no article needed, unlike `_role_before`'s roles).
        word_before = _LOWER_WORD_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
        if word_before and word_before.group(1) in lex.role_nouns:
            return True
        span = story.span(mention.start, mention.end)
        root = span.root if span is not None else None
        if (
            root is not None
            and root.dep_ in ("nsubj", "nsubjpass")
            and root.head.lower_ in lex.person_verbs
        ):
            return True
    return False


def _person_counter_evidence(story: _Story, person: Candidate, lex: _Lexicon) -> bool:
    """Evidence in the text that a PERSON name is a place's, a body's or a thing's: a mention
    the story places things in ("farmers around X"), a thing's or body's apposition ("X,
    which owns ...", "X, the grain producer"), a score after it ("X 2-1"), a road or place
    word closing it, a gazetteer place right after a locative word ("flew to X"), or a rule
    that proposed the name as something else (a known outlet, a body or place cue); or only
    ever written in capitals."""
    if all(m.text.isupper() for m in person.mentions):
        return True  # "GRAIN IMPORTS": a heading in capitals, or an acronym, is no one's name
    labels = person.label.split("->", 1)[0].split(",")
    if any(lab not in _NER_LABELS and lab not in _PERSON_RULE_LABELS for lab in labels):
        return True
    text = story.text
    full = len(_name_tokens(person.text)) > 1
    for mention in person.mentions:
        # A surname alone may be someone else's or a town's ("I turned to Whitman" after
        # Walt and George Whitman): only the name as written in full speaks against it.
        if full and len(_name_tokens(mention.text)) < 2:
            continue
        after = text[mention.end : mention.end + 80]
        if _impersonal_after(after, lex) or re.match(rf"\s+{_SCORE_RE}", after):
            return True
        possessive = re.match(r"['’]", after)
        if _located_after(text, mention.start) and not possessive:
            return True
        words = mention.text.split()
        if words and words[-1] in lex.place_tails:
            return True
        before = text[max(0, mention.start - 20) : mention.start]
        if _LOCATIVE_RE.search(before) and not possessive and gazetteer.lookup(mention.text):
            return True
    return False


# "the agency’s head", "Iran’s Minister of Interior", "Its spokesman": whose role it is.
_OWNER_BEFORE_RE = re.compile(
    r"(?:(?P<pron>\b(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir))"
    r"|(?P<owner>(?:\b[Tt]he\s+)?(?:[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,5}|[a-z][\w\-]*))['’]s?)"
    r"\s+$"
)
# Between a role and the name it introduces, only a comma and titles ("Justice", "Dr",
# "Lieutenant Colonel", "Eng.").
_ROLE_TO_NAME_RE = re.compile(r"^,?\s*(?:[A-Z][\w]*\.?\s+){0,3}$")
# "... state power company, " before a name; ", the state power company" after it.
_LAST_WORD_RE = re.compile(r"([\w\-]+),?\s+$")
_DESCRIPTOR_AFTER_RE = re.compile(r",\s+(?:the|a|an)\s+((?:[\w\-]+\s+){0,4}[\w\-]+)")
#: Titles of an office in a body, written bare before a name ("Governor X").
_BODY_TITLES = frozenset(w.casefold() for w in words("body_titles"))
_BODY_AFTER_RE = re.compile(r"^\s+(?:of|for|at)\s+the\s+([a-z][\w\-]*)\b")


def with_role_holders(story: _Story, candidates: list[Candidate]) -> list[Candidate]:
    """Each person's role with whose role it is, when the story says so next to the name.

    A role without its holder misleads ("Zafar Samad (head)"): a possessor is kept as the
    story writes it ("Taliban’s Interior Minister"); a body named by its common noun or a
    pronoun ("the agency’s head", "Its spokesman", "a spokesperson for the hospital") is
    resolved to the nearest body named before whose name holds that noun ("head of the Drug
    Control Agency of Tajikistan"), and "his lawyer" to the nearest other person. Unresolved,
    the role stays as it was.
    """
    orgs = sorted(
        (m.start, m.end, c.text) for c in candidates if c.kind == "organisation"
        for m in c.mentions
    )
    persons = sorted(
        (m.start, m.end, c.text) for c in candidates if c.kind == "person" for m in c.mentions
    )
    out = []
    for cand in candidates:
        if cand.kind == "person" and cand.role:
            held = _held_role(story.text, cand, orgs, persons) or _title_of_topic(
                story, cand, orgs
            )
            if held and held != cand.role:
                cand = replace(cand, role=held)
        out.append(cand)
    return out


def _title_of_topic(
    story: _Story, person: Candidate, orgs: list[tuple[int, int, str]]
) -> str | None:
    """'The National Bank of Kazakhstan raised its base rate ... Governor Aidar Zhaksybekov
    told a press conference': a body's title written bare before the name, in the sentence
    after one whose subject is a body, is that body's (the story goes on about it)."""
    role = person.role or ""
    if role.casefold() not in _BODY_TITLES:
        return None
    mention = person.mentions[0]
    if story.text[max(0, mention.start - len(role) - 1) : mention.start].strip() != role:
        return None
    index = next(
        (k for k, (a, b) in enumerate(story.sentences) if a <= mention.start < b), None
    )
    if not index:
        return None
    start, end = story.sentences[index - 1]
    span = story.span(start, end)
    root = span.root if span is not None else None
    subject = next(
        (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None
    ) if root is not None else None
    if subject is None:
        return None
    at = subject.idx
    org = next((o for o in orgs if o[0] <= at < o[1] or subject.left_edge.idx == o[0]), None)
    return _of_body(story.text, role, org[2]) if org is not None else None


def _held_role(
    text: str,
    person: Candidate,
    orgs: list[tuple[int, int, str]],
    persons: list[tuple[int, int, str]],
) -> str | None:
    role = person.role or ""
    for mention in person.mentions[:3]:
        window_start = max(0, mention.start - 120)
        # The role before the name ("the agency’s head, Zafar Samad") or after it ("Zafar
        # Samad, the agency’s head"): its last occurrence before, its first after.
        before_at = text.rfind(role, window_start, mention.start)
        if before_at >= 0 and _ROLE_TO_NAME_RE.match(text[before_at + len(role) : mention.start]):
            held = _owned(text, before_at, role, person, orgs, persons)
            if held:
                return held
        after = text.find(role, mention.end, mention.end + 80)
        if after >= 0 and re.fullmatch(
            r",\s+(?:(?:the|a|an)\s+)?(?:[\w\-]+(?:['’]s?)?\s+){0,6}",
            text[mention.end : after],
        ):
            held = _owned(text, after, role, person, orgs, persons)
            if held:
                return held
    return None


def _owned(
    text: str,
    at: int,
    role: str,
    person: Candidate,
    orgs: list[tuple[int, int, str]],
    persons: list[tuple[int, int, str]],
) -> str | None:
    end = at + len(role)
    owner = _OWNER_BEFORE_RE.search(text[max(0, at - 80) : at])
    body = _BODY_AFTER_RE.match(text[end : end + 60])
    own_names = {m.text for m in person.mentions} | {person.text}
    if owner is not None and owner.group("pron"):
        pronoun = owner.group("pron").casefold()
        if pronoun in ("its", "their"):
            return _of_body(text, role, _nearest(orgs, at))
        other = _nearest([p for p in persons if p[2] not in own_names], at)
        return f"{other}’s {role}" if other else None
    if owner is not None:
        name = owner.group("owner")
        bare = re.sub(r"^[Tt]he\s+", "", name)
        if bare[:1].isupper():
            # "Iran’s Minister of Interior", "the Taliban’s border commissioner": verbatim;
            # a possessor that is a mention of another person ("Manukyan’s lawyer", a
            # surname the extractor gave to Karen Manukyan) names that person in full.
            start = at - len(owner.group(0)) + (len(name) - len(bare))
            full = next(
                (p[2] for p in persons
                 if (p[0], p[1]) == (start, start + len(bare)) and p[2] not in own_names),
                None,
            )
            if full is not None:
                return f"{full}{owner.group(0)[len(name)]}s {role}"
            return text[start:end]
        named = [o for o in orgs if _names_noun(o[2], bare) or _described_as(text, o, bare)]
        return _of_body(text, role, _nearest(named, at))
    if body is not None:
        org = _nearest([o for o in orgs if _names_noun(o[2], body.group(1))], at)
        return _of_body(text, role, org)
    return None


def _of_body(text: str, role: str, org: str | None) -> str | None:
    """'head of the Drug Control Agency'; a role that has its own phrase already ('director
    for Upper Nile State') takes the body as a possessor instead, so the phrases don't pile."""
    if org is None:
        return None
    if re.search(r"\s(?:of|for|at|in|on)\s", role):
        apostrophe = "’" if "’" in text else "'"
        return f"{org}{apostrophe}s {role}"
    return f"{role} of {_article(text, org)}{org}"


def _nearest(mentions: list[tuple[int, int, str]], before: int) -> str | None:
    earlier = [m for m in mentions if m[1] <= before]
    return earlier[-1][2] if earlier else None


def _described_as(text: str, org: tuple[int, int, str], noun: str) -> bool:
    """'Tajikistan's state power company, Barqi Tojik,' is what 'the company' points back
    to: the noun right before the name as its descriptor, or in an apposition after it
    ('Barqi Tojik, the state power company')."""
    start, end = org[0], org[1]
    word = noun.casefold()
    before = _LAST_WORD_RE.search(text[max(0, start - 60) : start].casefold())
    after = _DESCRIPTOR_AFTER_RE.match(text[end : end + 60].casefold())
    return (before is not None and before.group(1) == word) or (
        after is not None and word in after.group(1).split()
    )


def _names_noun(name: str, noun: str) -> bool:
    """'Drug Control Agency of Tajikistan' is what 'the agency' points back to."""
    return noun.casefold() in {w.casefold() for w in re.findall(r"[\w\-]+", name)}


def _article(text: str, org: str) -> str:
    """'the Drug Control Agency', but 'COCOBOD': as the story writes the body."""
    return "the " if re.search(rf"\b[Tt]he\s+{re.escape(org)}", text) else ""
