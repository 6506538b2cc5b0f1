"""Whose role it is: a person's role read by `roles` is given its holder where the story
says it next to the name (a possessor, a body named by its common noun or a pronoun, a
place or body named before a bare title, the body a bare title's sentence follows on).

Part of the roles family: a role without its holder misleads ("Zafar Samad (head)").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.cues import ADDRESSED_BEFORE_RE, kin_nouns
from summariser.wordlists import words

if TYPE_CHECKING:
    from spacy.tokens import Token

    from summariser.extract.model import Candidate
    from summariser.extract.story import _Story


# "the agency’s head", "Iran’s Minister of Interior", "Its spokesman": whose role it is.
_OWNER_BEFORE_RE = re.compile(
    r"(?:(?P<pron>\b(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir))"
    # (A possessor's words stay on one line: a headline's last word is no part of it.)
    r"|(?P<owner>(?:\b[Tt]he\s+)?(?:[A-Z][\w\-]*(?:[^\S\n]+[A-Z][\w\-]*){0,5}|[a-z][\w\-]*))['’]s?)"
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
#: Common nouns a body is called by ("the agency", "the company"): data list `org_descriptors`.
_DESCRIPTORS = frozenset(w.casefold() for w in words("org_descriptors"))
_BUSINESS_NOUNS = frozenset(words("business_nouns"))
_AUTHORITY_WORDS = frozenset(words("authority_words"))
#: Nouns for a person ("woman", "boy", "brother"): data list `person_kind_nouns`.
_PERSON_NOUNS = frozenset(words("person_kind_nouns")) | frozenset(
    {"women", "men", "boys", "girls", "children", "people", "person"}
)
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
    places = sorted(
        (m.start, m.end, c.text) for c in candidates if c.kind == "place" for m in c.mentions
    )
    out = []
    for cand in candidates:
        if cand.kind == "person" and cand.role:
            held = _held_role(story, cand, orgs, persons) or _title_of_topic(
                story, cand, orgs
            ) or _town_of_frame(story, cand, places)
            if held and held != cand.role:
                cand = replace(cand, role=held)
        out.append(cand)
    return out


def _sentence_index(story: _Story, at: int) -> int | None:
    """Which of the story's sentences holds the offset `at`."""
    return next((k for k, (a, b) in enumerate(story.sentences) if a <= at < b), None)


def _main_subject(story: _Story, k: int) -> Token | None:
    """The subject of the k-th sentence's root, if the parse gives it one."""
    span = story.span(*story.sentences[k])
    root = span.root if span is not None else None
    if root is None:
        return None
    return next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


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
    index = _sentence_index(story, mention.start)
    if not index:
        return None
    subject = _main_subject(story, index - 1)
    if subject is None:
        return None
    at = subject.idx
    org = next((o for o in orgs if o[0] <= at < o[1] or subject.left_edge.idx == o[0]), None)
    return _of_body(story.text, role, org[2]) if org is not None else None


#: Offices of a town, whose holder is the town a sentence is set in.
_TOWN_TITLES = frozenset(w.casefold() for w in words("town_titles"))
_CAPITALISED_END_RE = re.compile(r"[A-Z][\w\-]*\s+$")
_FRAME_RE = re.compile(r"\s*(?:In|At)\s+")


def _town_of_frame(
    story: _Story, person: Candidate, places: list[tuple[int, int, str]]
) -> str | None:
    """'In Khorog, the regional capital, Mayor Zarina Davlatova said ...': a town's office
    written bare is the town's the sentence is set in ("In X, ..."), or the sentence before
    when the title opens its own ("In General Santos, power was cut ... Mayor X said")."""
    role = person.role or ""
    if role.casefold() not in _TOWN_TITLES:
        return None
    mention = person.mentions[0]
    text = story.text
    before = text[max(0, mention.start - len(role) - 30) : mention.start]
    if not before.endswith(f"{role} ") or _CAPITALISED_END_RE.search(before[: -len(role) - 1]):
        return None  # "Lord Mayor X": the title is more than the town's office word
    if re.match(r",?\s+(?:of|mayor\s+of)\s", text[mention.end : mention.end + 12]):
        return None  # "Mayor Gregory Doucet of Lyon": the town is named
    index = _sentence_index(story, mention.start)
    if index is None:
        return None
    frames = [index]
    if index > 0 and story.sentence_initial(mention.start - len(role) - 1):
        frames.append(index - 1)  # only when that sentence names nothing else (below)
    for k in frames:
        start = story.sentences[k][0]
        frame = _FRAME_RE.match(story.text, start)
        if frame is None:
            continue
        place = next((p for p in places if p[0] == frame.end()), None)
        if place is None or story.text[place[1] : place[1] + 1] != ",":
            continue
        # ("In Lviv, Ukraine, Mayor X": the place's own country after it is no other town.)
        qualifier = re.match(r",\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*,", text[place[1] :])
        after = place[1] + (qualifier.end() if qualifier else 0)
        others = [p for p in places if after <= p[0] < mention.start and p[2] != place[2]]
        if k != index:
            # "In Vigo, the mayors of Ourense and Lugo met. Mayor X": the sentence before
            # lends its town only when it names no other (the gazetteer may not know them).
            names = story.span(after, story.sentences[k][1])
            others += [
                (0, 0, t.text) for t in names or []
                if t.tag_ in ("NNP", "NNPS") and t.text[:1].isupper()
                and t.ent_type_ not in ("DATE", "TIME")
            ]
        if others or any(p.kind == "country" for p in gazetteer.every_place(place[2])):
            return None  # another town in play, or a country ("In France, Mayor X")
        return f"{role} of {place[2]}"
    return None


def _held_role(
    story: _Story,
    person: Candidate,
    orgs: list[tuple[int, int, str]],
    persons: list[tuple[int, int, str]],
) -> str | None:
    text = story.text
    role = person.role or ""
    for mention in person.mentions[:3]:
        window_start = max(0, mention.start - 120)
        # The role before the name ("the agency’s head, Zafar Samad") or after it ("Zafar
        # Samad, the agency’s head"): its last occurrence before, its first after.
        before_at = text.rfind(role, window_start, mention.start)
        if before_at >= 0 and _ROLE_TO_NAME_RE.match(text[before_at + len(role) : mention.start]):
            held = _owned(story, before_at, role, person, orgs, persons) or _named_before(
                story, before_at, role, orgs
            )
            if held:
                return held
        after = text.find(role, mention.end, mention.end + 80)
        if after >= 0 and re.fullmatch(
            r",\s+(?:(?:the|a|an)\s+)?(?:[\w\-]+(?:['’]s?)?\s+){0,6}",
            text[mention.end : after],
        ):
            held = _owned(story, after, role, person, orgs, persons)
            if held:
                return held
        of_body = _OF_BODY_AFTER_NAME_RE.match(text, mention.end)
        if before_at >= 0 and of_body is not None:
            # "marine biologist Nadia Hoareau of the Seychelles Fishing Authority": the
            # body named right after the name is whose the role before it is.
            org = next((o[2] for o in orgs if o[0] == of_body.end()), None)
            if org is not None:
                return _of_body(text, role, org)
    return None


# ("X at the African Union summit" is where X was, not whose office X holds.)
_OF_BODY_AFTER_NAME_RE = re.compile(r",?\s+of\s+(?:the\s+)?")
#: Tags of words that are no part of an office's name ("residents blamed mayor X").
_NOT_OFFICE_TAGS = frozenset({"VBD", "VBN", "VBZ", "VBG", "MD", "RB", "NNS"})


_NAME_BEFORE_RE = re.compile(
    r"(?<![\w’'\-])([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,3})((?:\s+[a-z][\w\-]*){0,2})\s+$"
)


def _named_before(
    story: _Story, at: int, role: str, orgs: list[tuple[int, int, str]]
) -> str | None:
    """'Faenza Mayor Chiara Bassi', 'ANC secretary-general X': a place or a body named right
    before the title is whose office it is (a body the story names, or a place the
    gazetteer knows)."""
    text = story.text
    match = _NAME_BEFORE_RE.search(text, max(0, at - 60), at)
    if match is None:
        return None
    office = [
        story.token_at(match.start(2) + m.start()) for m in re.finditer(r"\S+", match.group(2))
    ]
    if any(t is None or t.is_stop or t.tag_ in _NOT_OFFICE_TAGS for t in office):
        # ("lives in Bayamón with her husband": words of a clause, not of an office.)
        return None
    if ADDRESSED_BEFORE_RE.search(text, max(0, match.start(1) - 30), match.start(1)):
        return None  # "Officials told Reuters deputy minister X": the one told, not the owner
    # The name, or its first words before a title of the office ("Newcastle Lord Mayor"),
    # with the lower-case words of the office between ("London Fire Department platoon
    # chief"): kept as the story writes them.
    words_ = match.group(1).split()
    for n in range(len(words_), 0, -1):
        name = " ".join(words_[:n])
        end = match.start(1) + len(name)
        body = any(o[0] <= match.start(1) and end <= o[1] for o in orgs)
        if body or gazetteer.lookup(name) is not None:
            if n < len(words_) and match.group(2):
                return None  # (a name, then more names, then lower-case words: unclear)
            return text[match.start(1) : at + len(role)]
    return None


def _owned(
    story: _Story,
    at: int,
    role: str,
    person: Candidate,
    orgs: list[tuple[int, int, str]],
    persons: list[tuple[int, int, str]],
) -> str | None:
    text = story.text
    end = at + len(role)
    owner = _OWNER_BEFORE_RE.search(text[max(0, at - 80) : at])
    body = _BODY_AFTER_RE.match(text[end : end + 60])
    own_names = {m.text for m in person.mentions} | {person.text}
    if owner is not None and owner.group("pron"):
        pronoun = owner.group("pron").casefold()
        if role.split()[-1].casefold() in kin_nouns():
            # "He had stabbed his wife, X", "She is survived by their daughter, X": kin
            # are the clause's subject's, not the last person named (a judge, a reporter).
            start = max(0, at - 80) + owner.start("pron")
            holder = _clause_subject_person(story, start, persons, own_names)
            return f"{holder}’s {role}" if holder else None
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
        if not named and bare.casefold() in _DESCRIPTORS:
            # "The National Institute for Disaster Risk Management (INGD) said ... 'the
            # agency's director, Graça Tembe'": a body's common noun no name holds points
            # back to the body the story was just about, a clause's subject.
            subject_body = _subject_body(story, at, orgs)
            if subject_body is not None and bare.casefold() in _BUSINESS_NOUNS and any(
                w in _AUTHORITY_WORDS for w in re.findall(r"[\w\-]+", subject_body)
            ):
                subject_body = None  # "the company" is never a public authority
            return _of_body(text, role, subject_body)
        return _of_body(text, role, _nearest(named, at))
    if body is not None:
        org = _nearest([o for o in orgs if _names_noun(o[2], body.group(1))], at)
        return _of_body(text, role, org)
    return None


def _subject_body(story: _Story, at: int, orgs: list[tuple[int, int, str]]) -> str | None:
    """The body the story was just about, for "the agency's director" with no body named by
    that noun: the main subject of the nearest sentence, from `at` back two, that names a
    body, when no other body stands outside that subject there ("Rocket Lab, which is
    listed on the Nasdaq, has flown ...": Rocket Lab; "The SEC fined Orion Biotech": no one,
    the regulator and the firm are both in play)."""
    index = _sentence_index(story, at)
    if index is None:
        return None
    for k in range(index, max(-1, index - 3), -1):
        first, last = story.sentences[k]
        inside = [o for o in orgs if first <= o[0] and o[1] <= min(last, at)]
        if not inside:
            continue
        subject = _main_subject(story, k)
        if subject is None:
            return None
        lo = min(t.idx for t in subject.subtree)
        hi = max(t.idx + len(t) for t in subject.subtree)
        main = [o for o in inside if o[0] <= subject.idx < o[1]]
        rivals = [o for o in inside if not (lo <= o[0] and o[1] <= hi) and _in_play(story, o)]
        if len(main) != 1 or rivals:
            return None
        return main[0][2]
    return None


def _in_play(story: _Story, org: tuple[int, int, str]) -> bool:
    """Whether a body is an argument of its sentence (a subject, an object, a
    preposition's object), not a word modifying another ("70 Electron missions")."""
    span = story.span(org[0], org[1])
    return span is not None and span.root.dep_ in (
        "nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr"
    )


def _of_body(text: str, role: str, org: str | None) -> str | None:
    """'head of the Drug Control Agency'; a role that has its own phrase already ('director
    for Upper Nile State') takes the body as a possessor instead, so the phrases don't pile."""
    if org is None:
        return None
    if re.search(r"\s(?:of|for|at|in|on)\s", role):
        apostrophe = "’" if "’" in text else "'"
        return f"{org}{apostrophe}s {role}"
    short = re.search(rf"{re.escape(org)}\s+(\([A-Z][A-Za-z&\-]{{1,11}}\))", text)
    # "the Nigeria Centre for Disease Control and Prevention (NCDC)": with the short form the
    # story goes on to call the body by, so the role matches the later mentions too.
    named = f"{org} {short.group(1)}" if short is not None else org
    return f"{role} of {_article(text, org)}{named}"


def _clause_subject_person(
    story: _Story, at: int, persons: list[tuple[int, int, str]], own_names: set[str]
) -> str | None:
    """The named person who is the subject of the clause a possessive at `at` sits in; a
    "he", "she" or "they" subject is the named subject of the sentence before. None when the
    possessive is inside the subject itself ("His wife said"), or the subject is no one
    named ("The victim's parents said their son ...")."""
    token = story.token_at(at)
    if token is None:
        return None
    clause = next(
        (a for a in token.ancestors
         if any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children)),
        None,
    )
    if clause is None:
        return None
    subject = next(c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass"))
    if subject.tag_ in ("WP", "WDT") and clause.dep_ == "relcl":
        # "said Wanda Rivera, who lives in Bayamón with her husband": the relative's
        # subject is the noun the clause describes; not when someone else stands between
        # ("John Park, who pulled a woman and her son": the woman's).
        between = token.doc[subject.i + 1 : token.i]
        if any(_someone(t) for t in between) or any(
            subject.idx < p[0] and p[1] <= token.idx for p in persons
        ):
            return None
        subject = clause.head
    if token.i in {t.i for t in subject.subtree} and not _describes(token, subject):
        return None
    if subject.lower_ in ("he", "she", "they") and subject.sent.start > 0:
        earlier = story.doc[subject.sent.start - 1].sent
        root = earlier.root
        subject = next(
            (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None
        ) or subject
        if subject.lower_ in ("he", "she", "they"):
            return None
    name = next(
        (p[2] for p in persons if p[0] <= subject.idx < p[1] and p[2] not in own_names), None
    )
    return name


def _someone(token: Token) -> bool:
    """A noun for a person ("a woman", "the boy")."""
    return token.tag_ in ("NN", "NNS") and token.lower_ in _PERSON_NOUNS


def _describes(token: Token, subject: Token) -> bool:
    """Whether `token` sits in a clause that describes the subject ("Mona Shawki, speaking
    beside her husband"): a possessive there is the subject's own, as one in the subject's
    other words is not ("His wife said")."""
    return any(a.dep_ in ("acl", "relcl") and a.head.i == subject.i for a in token.ancestors)


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
