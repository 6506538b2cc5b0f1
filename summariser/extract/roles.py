"""A person's role from the story (apposition, title, "who is ...", the parse), and the
person-evidence gate that drops names the text speaks against as a person's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.census_names import is_surname
from summariser.extract.cues import (
    _LOCATIVE_RE,
    _RELATIVE_CLAUSE_RE,
    _SCORE_RE,
    _clean_role,
    _located_after,
    _role_before,
    _title_before,
    kin_before,
    person_after_re,
    person_relation_before,
    whose_role,
)
from summariser.extract.kinds import _impersonal_after
from summariser.extract.person_context import (
    SHARED_DESCRIPTOR_REASON,
    among_businesses,
    listed_with_people,
)
from summariser.extract.person_evidence import lone_word_evidence, thing_evidence
from summariser.extract.roles_before import (
    _bare_role_before,
    _office_of_field_set_off_before,
    _possessed_noun_before,
    _role_set_off_before,
)
from summariser.extract.spans import _name_tokens

if TYPE_CHECKING:
    from spacy.tokens import Token

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
        # (A line break bounds it too: the parser may run a headline into the lead.)
        left = [t for t in tokens if t.i < head.i and (t.text in ",;:(" or "\n" in t.text)]
        if left:
            tokens = [t for t in tokens if t.i > left[-1].i]
        right = [t for t in tokens if t.i > head.i and t.text in ",;:("]
        if right:
            tokens = [t for t in tokens if t.i < right[0].i]
        if tokens:
            first = _word_start(text, tokens[0].idx)
            role = text[first : tokens[-1].idx + len(tokens[-1])]
            if len(role.split()) <= 10:
                return _clean_role(whose_role(text, first, role))
    return None


def _word_start(text: str, at: int) -> int:
    """Where the word holding `at` begins, over a hyphen the tokenizer split off ("vice-
    president": the parser may hang "vice" elsewhere, and the role is the whole word)."""
    while at >= 2 and text[at - 1] in "-‐‑" and text[at - 2].isalpha():
        at -= 1
        while at > 0 and text[at - 1].isalpha():
            at -= 1
    return at


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
    for m in mentions:
        role = role or _role_set_off_before(story.text, m.start, m.end, lex)
    for m in mentions:
        role = role or _office_of_field_set_off_before(story.text, m.start, m.end, lex)
    role = role or ent.title_role
    for m in mentions:
        role = role or _role_after_who(story.text, m.end, lex)
    for m in mentions:
        role = role or _bare_role_before(story, m.start, m.end, lex)
    for m in mentions:
        role = role or kin_before(story.text, m.start)
    for m in mentions:
        role = role or _possessed_noun_before(story, m.start)
    return role




_LOWER_WORD_BEFORE_RE = re.compile(r"\b([a-z][\w\-]*)\s+$")
_PERSON_RULE_LABELS = ("appos-person", "age-person", "body-person", "title", "honorific")
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
    if lone and not story.off("lone-names") and not _bears_census_name(story, person):
        return False
    return "PERSON" in person.label and not _person_counter_evidence(story, person, lex)


def _bears_census_name(story: _Story, person: Candidate) -> bool:
    """Whether a lone name the NER model reads as a person's is a surname people bear
    (`census_names`), at a mention that is no qualifier of the name before it: outside
    evidence that the model's reading is right ("a quote attributed to Einstein"). Right
    after "<Name>, " a word qualifies that name (the given name of an inverted name,
    "Engels, Friedrich"; a town's state) rather than naming someone of its own."""
    if story.off("census-names") or "PERSON" not in person.label:
        return False
    if not is_surname(_name_tokens(person.text)[0]):
        return False
    if any(among_businesses(story, m.start) for m in person.mentions):
        return False
    return any(not _qualifies_name_before(story.text, m.start, m.end) for m in person.mentions)


def _qualifies_name_before(text: str, start: int, end: int) -> bool:
    """'Engels, Friedrich.', 'in Springfield, Illinois.': a word right after "<Name>, " that
    closes its sentence or line qualifies the name before it (an inverted name's given
    name, a town's state); in a list ("Marx, Lenin and Mao") an item goes on."""
    return bool(
        _AFTER_NAME_COMMA_RE.search(text, max(0, start - 40), start)
        and _CLOSES_ITEM_RE.match(text, end)
    )


_AFTER_NAME_COMMA_RE = re.compile(r"\b[A-Z][\w’'\-]*,[ \t]+$")
_CLOSES_ITEM_RE = re.compile(r"[ \t]*(?:[.;]|$)", re.M)


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
        if root is not None and (_referred_to_as_person(root) or _next_subject_refers_back(root)):
            return True
        if listed_with_people(story, mention.start):
            return True
    return False


# A possessive or reflexive that only a person's antecedent takes ("its" and "their" do not
# say).
_PERSONAL_BACK_REFERENCES = frozenset({"his", "her", "himself", "herself"})


def _referred_to_as_person(root: Token) -> bool:
    """Whether the clause a name is the subject of refers back to it as "he" or "she"
    ("observations Darwin made in his 1880 book", "the band Fela led until his death"): a
    gendered possessive or reflexive after the name whose nearest clause with a subject is
    the name's own clause. Text evidence for a name the story gives no role or speech."""
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = root.head
    for token in verb.subtree:
        if token.i <= root.i or token.lower_ not in _PERSONAL_BACK_REFERENCES:
            continue
        if token.lower_ == "her" and token.tag_ != "PRP$":
            continue  # "X told her": an object, someone else
        clause = next(
            (a for a in token.ancestors
             if any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children)),
            None,
        )
        if clause is not None and clause.i == verb.i:
            return True
    return False


def _next_subject_refers_back(root: Token) -> bool:
    """Whether the next clause's subject after the one a name is the subject of, in its
    sentence or the next, is "he" or "she" ("Clinton came into office, what did he do?",
    "Machel returned in 1975. She was ..."): the story refers back to the name as a person.
    Any other subject first (a name, a noun, "it", "they") says nothing."""
    if root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    doc = root.doc
    sentence = root.sent
    stop = doc[sentence.end].sent.end if sentence.end < len(doc) else sentence.end
    for token in doc[root.head.i + 1 : stop]:
        if token.dep_ in ("nsubj", "nsubjpass"):
            return token.lower_ in ("he", "she")
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
    # (A descriptor people and firms share was read as the person's trade, `kinds`.)
    shared = f"->person({SHARED_DESCRIPTOR_REASON})" in person.label
    if not shared and any(
        lab not in _NER_LABELS and lab not in _PERSON_RULE_LABELS for lab in labels
    ):
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
