"""A person the NER model read as part of a body's name, or missed right after it.

Wire copy names a person by the body they speak for, with no role between: "pro-Beijing New
People Party's Regina Ip was re-elected", "Goldman Sachs's Jan Hatzius expects", "the
Council on American-Islamic Relations Alia Salem said". The NER model then either stops at
the body's possessive and tags nothing after it, tags the person's surname as a body of its
own, or runs the body's span on over the person's name. What shows the name is a person's is
its first word: a given name people bear more often than a surname (`census_names`), at the
head of a run of capitalised words. The model also reads a whole name it does not know
as a body's ("always have a Britney Spears story", "the Annie Oakley screen print"): two or
three capitalised words, a given name then a surname by the same Census lists, with no body
word, no other rule's body reading and no talk of trade around it, are a person's name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.census_names import is_given_name, is_surname
from summariser.extract.lexicon import _lexicon
from summariser.extract.model import _Proposal
from summariser.extract.person_context import among_businesses, trade_nouns
from summariser.extract.spans import _clean_span, _overlaps
from summariser.wordlists import words

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.story import _Story

#: The proposals that name a body: the NER model's and the body-word rules'.
_BODY_LABELS = frozenset({"ORG", "org-cue", "org-name", "body-cue"})
#: The label of a person read here; `kinds` and the person gate take it as a rule's person.
LABEL = "body-person"

# A given name and one to three more capitalised words (a surname, a middle name or initial).
_PERSON_RUN = r"[A-Z][a-z]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'\-]+)){1,3}"
# The whole run of capitals after the possessive: "Nancy Grace Roman Space Telescope" is
# no person's name cut short.
_AFTER_POSSESSIVE_RE = re.compile(rf"\s+({_PERSON_RUN})(?![\w’'\-]|\s+[A-Z])")
_WORD_RE = re.compile(r"\S+")
_INITIAL_RE = re.compile(r"[A-Z]\.")
_NAME_WORD_RE = re.compile(r"[A-Z]\.|[A-Z][\w’'\-]+")
_FAMILY = "names-in-bodies"


def persons_in_bodies(story: _Story, proposals: list[_Proposal]) -> list[_Proposal]:
    """The proposals with each person read off a body's name: a body's span cut before a
    person's name run into it, the person after a body's possessive added, and any other
    proposal inside that person's name left out ("Hatzius" as a body)."""
    if story.off(_FAMILY):
        return proposals
    found: list[_Proposal] = []
    for prop in proposals:
        if prop.label not in _BODY_LABELS:
            continue
        if prop.label == "ORG" and _whole_name_read_as_body(story, prop, proposals):
            found.append(_Proposal(prop.start, prop.end, LABEL, "rule"))
            continue
        owned = person_after_possessive(story, prop.end)
        if owned is not None:
            found.append(_Proposal(*owned, LABEL, "rule"))
        tail = person_in_span_tail(story, prop.start, prop.end)
        if tail is not None:
            found.append(_Proposal(tail, prop.end, LABEL, "rule"))
            prop.end = _clean_span(story.text, prop.start, tail)[1]
    kept = [
        p for p in proposals
        if not any(_overlaps((p.start, p.end), (f.start, f.end)) for f in found)
    ]
    return kept + found


def _whole_name_read_as_body(story: _Story, prop: _Proposal, proposals: list[_Proposal]) -> bool:
    """Whether a span the NER model alone reads as a body's is a person's full name: a
    given name, then a surname (or an initial or given name, then a surname), each by the
    Census lists ("Britney Spears", "Annie Oakley"; not "Morgan Stanley", whose first word
    is more often a surname). A body word in it, another rule's body reading of it, a place the
    gazetteer knows by it, or talk of trade in its sentence ("shares in Charles Schwab")
    keep the model's reading: firms are named after their founders."""
    words = story.text[prop.start : prop.end].split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD_RE.fullmatch(w) for w in words):
        return False
    middle_ok = all(_INITIAL_RE.fullmatch(w) or is_given_name(w) for w in words[1:-1])
    if not (is_given_name(words[0]) and middle_ok and is_surname(words[-1])):
        return False
    if any(w.isupper() and not w.endswith(".") for w in words):
        return False  # "UN Security Council": an acronym is no one's name
    lex = _lexicon()
    if any(w.casefold() in lex.org_words for w in words):
        return False
    span = (prop.start, prop.end)
    others = [
        p for p in proposals
        if p is not prop and p.label in _BODY_LABELS and _overlaps((p.start, p.end), span)
    ]
    return (
        not others
        and gazetteer.lookup(story.text[prop.start : prop.end]) is None
        and not among_businesses(story, prop.start)
        and _no_employers_or_makers_noun(story, prop, lex)
    )


def _no_employers_or_makers_noun(story: _Story, prop: _Proposal, lex: _Lexicon) -> bool:
    """Whether the name, where it modifies a lower-case noun after it, modifies none that
    an employer, a maker or a seller stands before: a role ("an Edward Jones adviser": the
    employer's), trade's or a body's word, a facility's ("plant"), or a maker's premises
    or goods ("a Jim Beam warehouse", "a Harley Davidson motorcycle"; data list
    `maker_nouns`). "A Britney Spears story", "the Dolly Parton concert" pass."""
    span = story.span(prop.start, prop.end)
    if span is None:
        return False
    root = span.root
    noun = root.head
    if root.dep_ not in ("compound", "nmod", "amod") or noun.i <= root.i or not noun.is_lower:
        return True
    return not {noun.lemma_.lower(), noun.lower_} & (lex.role_nouns | _EMPLOYER_NOUNS)


_EMPLOYER_NOUNS = trade_nouns() | frozenset(
    words("maker_nouns") + words("body_cue_nouns") + words("thing_nouns_after")
)


def person_after_possessive(story: _Story, end: int) -> tuple[int, int] | None:
    """The span of "<Given> <Surname>" right after a body's possessive at `end` ("New
    People Party" + "'s" + "Regina Ip"), or None."""
    possessive = re.match(r"['’]s(?=\s)", story.text[end : end + 3])
    if possessive is None:
        return None
    match = _AFTER_POSSESSIVE_RE.match(story.text, end + 2)
    if match is None or not _names_a_person(story, *match.span(1)):
        return None
    # "Amazon's Alexa Plus assistant", "Microsoft's Georgia Tech partnership": a name that
    # modifies a noun is a product's or a partner's; a person's is the verb's subject.
    return match.span(1) if _subject_of_next_verb(story, match.end(1)) else None


def person_in_span_tail(story: _Story, start: int, end: int) -> int | None:
    """Where a person's name starts inside the end of a body's span the model ran on over
    it ("the Council on American-Islamic Relations" + "Alia Salem"), or None. Only when the
    name is the subject of the verb after the span ("Alia Salem said"): a body's own name
    may end in a person's ("the Bill and Melinda Gates Foundation" ends in a body word,
    "Bank of America Merrill Lynch" in no given name)."""
    words = list(_WORD_RE.finditer(story.text, start, end))
    # The longest run of the span's last words that opens on a given name ("Mary Ann
    # Smith", not "Ann Smith"), leaving at least two words to the body.
    for size in range(min(4, len(words) - 2), 1, -1):
        run = words[-size:]
        if all(_NAME_WORD_RE.fullmatch(w.group()) for w in run) and _names_a_person(
            story, run[0].start(), end
        ):
            return run[0].start() if _subject_of_next_verb(story, end) else None
    return None


def _subject_of_next_verb(story: _Story, end: int) -> bool:
    """Whether the span ending at `end` ends the subject of the verb right after it
    ("Executive director of ... Relations Alia Salem said"): the parser, misled by the same
    run of capitals, may hang the name itself anywhere inside that subject."""
    last = story.token_at(end - 1)
    if last is None or last.i + 1 >= len(last.doc):
        return False
    verb = last.nbor(1)
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
        return False
    # "Regina Ip was re-elected", "Jan Hatzius will lead": the subject may hang on the
    # auxiliary or on the verb it helps.
    verbs = [verb, verb.head] if verb.dep_ in ("aux", "auxpass") else [verb]
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i <= last.i <= c.right_edge.i
        for v in verbs
        for c in v.children
    )


def _names_a_person(story: _Story, start: int, end: int) -> bool:
    """A run of capitalised words opening on a given name, after no connector of the
    body's name ("Bank of" + "America Merrill Lynch": the name goes on), with no acronym
    in it. A given name may also be a place's ("Regina", "Florence"): what follows a
    body's possessive or ends its span is not where a place is named."""
    words = story.text[start:end].split()
    before = story.text[max(0, start - 12) : start].split()
    lex = _lexicon()
    return (
        is_given_name(words[0])
        and not (before and before[-1].islower())
        and not any(w.isupper() and len(w) > 2 for w in words)
        # "John F. Kennedy School": a body word makes the run a body's name.
        and not any(w.casefold() in lex.org_words for w in words)
        # "University of South Carolina Aiken": the given name closes a place's name with
        # the word before it.
        and not (before and gazetteer.lookup(f"{before[-1]} {words[0]}"))
    )
