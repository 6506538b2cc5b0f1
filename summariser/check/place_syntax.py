"""How a place hangs on the lead sentence's main event, read from the dependency parse.

`check.country` ranks the places of a lead by these relations: a place the verb's event is
located in ("beat India in Dubai", "30 miles south of Maiduguri"), its subject, a word on
the subject or one step from the verb, deeper phrases; a place people come from, a
country's name on a thing ("US tariffs") or a possessive on a club's name only mention
their country. Tokens are spaCy's (compared by index: spaCy makes a new Token on each
access).
"""

from __future__ import annotations

from typing import Any

from .. import gazetteer
from ..wordlists import words

#: Relations by which a place hangs on a noun it describes rather than on the event.
_NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
#: Lemmas, and the inflected forms the extractor's list has (the parse may carry no lemmas).
_REPORTING_VERBS = frozenset(words("reporting_verbs")) | frozenset(words("reporting_words"))
#: Prepositions that put the verb's event in a place ("in", "at"); not "from" or "to",
#: which name a start or an end elsewhere, nor "on" or "into" ("called on Britain", "an
#: inquiry into Russia's interference").
_LOCATIVES = frozenset({"in", "at", "near", "inside", "outside", "off", "across", "throughout"})
#: Prepositions after which a name the NER model typed otherwise is a place ("in
#: Korhogo", "crossed into Adre"); not "at", after which a name is as often an employer's or
#: a club's ("worked at Nokia", "playing at Ajax").
_NAME_PLACING = (_LOCATIVES - {"at"}) | {"into"}
#: "in the Uruguayan capital": a demonym on one of these nouns says where.
_DEMONYM_PLACE_HEADS = frozenset(words("demonym_place_heads"))
_DOMESTIC_BODIES = frozenset(words("domestic_body_nouns"))
_DIRECTIONS = frozenset(words("compass_directions"))
#: The rank of a place a locative puts the main verb's event in ("beat India in Dubai").
_EVENT_PLACE = -1
#: Head words of a named body or place that a country's possessive makes its own.
_OWN_BODY_WORDS = frozenset(words("org_words")) | frozenset(words("state_body_names"))
_OWN_PLACE_WORDS = frozenset(words("place_cue_nouns"))


def _preposition(node: Any, *, attached: bool = True) -> tuple[str, Any] | None:
    """(the preposition, the word it hangs on) of a prepositional object, or None. "(40 km)
    east of Harare" reads as "near Harare" on the word the direction hangs on: the place
    is where the event is, as "near" says, not a place of another noun as "of" says. With
    `attached` the preposition must hang as one ("prep", "agent"); without, any will do
    ("inside and outside X": the second, coordinated, still locates X)."""
    if node.dep_ != "pobj" or (attached and node.head.dep_ not in ("prep", "agent")):
        return None
    prep = node.head
    direction = prep.head
    if (
        prep.lower_ == "of" and direction.lower_ in _DIRECTIONS
        and direction.dep_ in ("advmod", "npadvmod") and direction.head.i != direction.i
    ):
        return "near", direction.head
    return prep.lower_, prep.head


def _after_direction(node: Any) -> bool:
    """'east of Harare': the object of a direction's "of"."""
    above = _preposition(node)
    return above is not None and above[0] == "near" and node.head.lower_ == "of"


def _attachment(
    token: Any, root: Any, *, locative: bool = True, verbs: set[int] | None = None
) -> float | None:
    """How closely a place token hangs on the main event `root` (lower is closer), or None
    when it does not. 0: it is the subject ("Moldova will buy gas from Romania"). 1: a word
    on the subject ("Kenya's treasury"), or one step from the verb: its object, a phrase on
    it or on a verb it governs ("battling fires near Kavadarci", "planning to expel migrants
    from Islamabad", "reached Spain's Canary Islands"). 2: deeper inside the subject ("the
    Central Bank of Uzbekistan"). A place on any other noun ("sales to China", "citing US
    tariffs", "the use of Afghan territory") is only mentioned. (spaCy makes a new Token on
    each access: tokens compare by index.)
    """
    node = token
    while node.dep_ in ("compound", "flat") and node.head.i != node.i:
        node = node.head  # "Hong Kong": the name's head word
    if node.dep_ == "appos" and node.head.i < node.i:
        node = node.head  # "in the Uruguayan capital, Montevideo": where the capital is
    if verbs is None:
        verbs = _event_verbs(root)
    subject = next((t for t in root.children if t.dep_ in _SUBJECT_DEPS), None)
    if subject is None and root.tag_.startswith("NN"):
        subject = root  # a parse with a noun at its root: that noun is what the lead is about
    if subject is not None and node.i in {t.i for t in subject.subtree}:
        if node.i == subject.i:
            return 0
        on_subject = node.dep_ in _NOUN_MODIFIER_DEPS or (
            node.dep_ == "pobj" and node.head.dep_ == "prep"
        )  # "Kenya's treasury", "a man in Islamabad"
        return 1 if on_subject and _governor(node).i == subject.i else 3
    if node.dep_ in _NOUN_MODIFIER_DEPS:
        node = node.head  # "Spain's Canary Islands", "the Soweto derby"
    if node.dep_ in ("dobj", "npadvmod") and node.head.i in verbs:
        return 1
    # "near Kavadarci in central North Macedonia": a place in a place; "the final at the
    # Estadio Centenario in Montevideo": a place in the place of what the verb did.
    chain_locative = True
    for depth in (1, 2, 3):
        above = _preposition(node)
        if above is None:
            return None
        word, governor = above
        chain_locative = chain_locative and word in _LOCATIVES
        if governor.i in verbs:
            # "Pakistan beat India in Dubai", "Japan's foreign minister arrived in Manila":
            # where the verb's event took place says more than who took part in it.
            # (Not where a report was made: "told donors in Geneva".) A place in a place
            # of the event, every step a locative, is where it happened too ("returned
            # ... at a ceremony at the National Museum in Yaounde"); one step of another
            # kind ("in talks with officials in Beijing", "in the wake of the war in
            # Ukraine") makes it only mentioned. The nearer place ranks first.
            if locative and chain_locative:
                return _EVENT_PLACE + 0.25 * (depth - 1)
            # Deeper, under "with", "to", "for" ...: only mentioned ("would keep the border
            # with Nigeria closed").
            return depth if depth == 1 or _under_locative(token) else depth + 2
        node = governor
        if node.dep_ in ("amod", "compound"):
            node = node.head  # "the Copa Libertadores final at ...", "final" read as a modifier
        if node.dep_ == "dobj" and node.head.i in verbs:
            # "battling wildfires near Kavadarci"; "keep the border with Nigeria closed"
            # only mentions Nigeria.
            return depth + 1 if _under_locative(token) else depth + 3
    return None


def _event_verbs(root: Any) -> set[int]:
    """The main verb and the verbs that go on with its event: those it governs as a
    complement, a coordinated verb or an adverbial clause with no subject of their own
    ("were waiting to unload at the port of Alexandria", "fleeing fighting ... crossed into
    Mizoram"), two steps at most."""
    verbs = {root.i}
    frontier = [root]
    for _ in range(2):
        frontier = [
            c for v in frontier for c in v.children
            if c.dep_ in ("xcomp", "conj", "advcl") and c.tag_.startswith("VB")
            # The same actor's event goes on; one with a subject of its own is another
            # ("copper output fell ..., and prices rose sharply in London") unless it
            # says when or where the event happened.
            and (not _other_actor(c) or _when_clause(c))
            # (", India's foreign ministry said in New Delhi" parsed as a coordinated verb is
            # still the attribution.)
            and (c.lemma_ or c.text).lower() not in _REPORTING_VERBS
        ]
        verbs.update(c.i for c in frontier)
    return verbs


def _other_actor(verb: Any) -> bool:
    """Whether a verb has a subject of its own that names another actor ("prices rose"),
    not a count of the same people ("two sailors died and four were hurt")."""
    return any(
        g.dep_ in _SUBJECT_DEPS and not g.like_num and g.tag_ != "CD" for g in verb.children
    )


def _when_clause(verb: Any) -> bool:
    """'died when fire broke out at a camp in Al Wakrah': a clause saying when or where the
    event happened is part of it (unlike 'as stocks rallied', 'after talks collapsed')."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "advmod" and c.lower_ in ("when", "where") for c in verb.children
    )


def _origin(token: Any) -> bool:
    """Whether the place is where people or things come from: "from" on a noun ("officials
    from Pakistan, Afghanistan and Uzbekistan", "aid from Saudi Arabia"). On a verb it may
    be where the event is ("was expelled from Kenya")."""
    node = token
    while node.dep_ in ("compound", "flat", "conj") and node.head.i != node.i:
        node = node.head
    prep = node.head
    return (
        node.dep_ == "pobj" and prep.lower_ == "from" and prep.head.tag_.startswith("NN")
    )


_LEAVING_VERBS = frozenset(words("leaving_verbs"))


def _left_from(token: Any) -> bool:
    """Whether the place is what the event's subject leaves ("returned from Iran through the
    crossing in Herat province"): the event may be there, but a place the subject does not
    leave, on an equal footing, is surer (see `_origin` for a "from" on a noun)."""
    node = token
    while node.dep_ in ("compound", "flat", "conj") and node.head.i != node.i:
        node = node.head
    prep = node.head
    verb = prep.head
    if node.dep_ != "pobj" or prep.lower_ != "from" or not verb.tag_.startswith("VB"):
        return False
    # Only where the subject itself leaves ("returned from", "fled from"): a verb with an
    # object or a passive one acts in the place ("plans to expel migrants from Islamabad"),
    # and so does one that is no leaving ("works from Dubai").
    return verb.lower_ in _LEAVING_VERBS and not any(
        c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in verb.children
    )


def _whose(token: Any) -> bool:
    """Whether the place is a possessive on a proper name ("Brazil's Palmeiras", "Germany's
    Linden-Museum"): it says whose the club or body is, as a demonym does, not where the
    event is ("Kenya's treasury", on a common noun, is the country's own body)."""
    node = token
    while node.dep_ in ("compound", "flat") and node.head.i != node.i:
        node = node.head
    name = node.head
    if node.dep_ != "poss":
        # The text's "'s" where the parse broke on the name after it ("Senegal's AS Douanes
        # beat ...", "AS" read as a conjunction and the country as the sentence's root).
        after = node.doc[node.i + 1 : node.i + 3]
        if len(after) < 2 or after[0].tag_ != "POS" or not after[1].text[:1].isupper():
            return False
        name = after[1]
    elif name.tag_ not in ("NNP", "NNPS", "NN", "NNS"):
        # (A capitalised name the tagger took for a common noun, "Senegal's AS Douanes",
        # is still a name: the capital below tells it from "Kenya's treasury".)
        return False
    return (
        name.text[:1].isupper()
        and gazetteer.is_country(token.text)
        # "Romania's High Court", "Spain's Canary Islands": the country's own body or place.
        and name.text.title() not in _OWN_BODY_WORDS and name.lower_ not in _OWN_PLACE_WORDS
    )


def _demonym_head(token: Any) -> Any:
    node = token
    while node.dep_ in ("compound", "flat", "amod") and node.head.i != node.i:
        node = node.head
        if node.lower_ in _DEMONYM_PLACE_HEADS or node.lower_ in _DOMESTIC_BODIES:
            return node
    return None


def _mention_rank(token: Any, demonym: bool) -> int:
    """How far a demonym or a possessive puts its country behind a place: a demonym says
    whose people or things (3), except on a place noun, where it says where ('the
    Uruguayan capital', 0), or on a body that mostly acts at home ('Polish border guards',
    2: 'Kenyan police were deployed to Haiti'); a country's possessive on a club's or a
    company's name says whose (3)."""
    if demonym:
        head = _demonym_head(token)
        if head is None:
            return 3
        return 0 if head.lower_ in _DEMONYM_PLACE_HEADS else 2
    return 3 if _whose(token) else 0


def _name_on_noun(token: Any) -> tuple[Any, Any] | None:
    """(the name's head, the whole noun phrase's head) when a name modifies a common noun
    ("US tariffs", "United States warplanes", "Morocco earthquake survivors"), else None."""
    node = token
    while node.dep_ == "flat" and node.head.i != node.i:
        node = node.head
    head = node.head
    if not (node.dep_ in ("compound", "amod", "nmod") and head.i > node.i
            and head.tag_ in ("NN", "NNS")):
        return None
    outer = head
    while outer.dep_ in ("compound", "amod", "nmod") and outer.head.i > outer.i:
        outer = outer.head  # "Morocco earthquake survivors": the whole noun's place
    return node, outer


def _country_as_modifier(token: Any) -> bool:
    """'US tariffs', 'U.S. defence companies': a country's name before a common noun only
    mentions the country (unlike a demonym on people, who are somewhere)."""
    on_noun = _name_on_noun(token)
    return (
        on_noun is not None and gazetteer.is_country(token.text)
        # ("Pakistan floods have displaced ...": on the subject it says where.)
        and on_noun[1].dep_ not in _SUBJECT_DEPS
    )


def _country_on_subject(token: Any) -> bool:
    """'United States warplanes dropped two bombs on ... in Basra': a country's name on the
    subject's noun. It says where when nothing else does ("Pakistan floods have displaced
    ..."), but beside a place the clause puts its event in, only whose the subject is."""
    on_noun = _name_on_noun(token)
    return (
        on_noun is not None and on_noun[1].dep_ in _SUBJECT_DEPS
        # ("United States warplanes": the name is the node's whole phrase.)
        and gazetteer.is_country(" ".join(t.text for t in on_noun[0].subtree))
    )


def _in_locative(token: Any) -> bool:
    """'in Basra', 'at the port of X': the object of a preposition that puts an event in a
    place."""
    above = _preposition(token)
    return above is not None and above[0] in _LOCATIVES


def _governor(node: Any) -> Any:
    """The word a modifier or a prepositional object describes."""
    return node.head.head if node.dep_ == "pobj" else node.head


def _event_roots(doc: Any) -> list[Any]:
    """The verbs whose places say where a sentence happens: the root, and when the root only
    reports ("..., the ministry said") the clause it reports first."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    reported = [c for c in root.children if c.dep_ == "ccomp"]
    if reported and (root.lemma_ or root.text).lower() in _REPORTING_VERBS:
        return [reported[0], root]
    return [root]


def _located(token: Any, events: set[int]) -> bool:
    """Whether a place is where something is ("hidden in a lorry at the port of Dover"),
    by the first preposition above it that is not "of"; not where things come from or go,
    nor where another clause's subject does something."""
    node = token
    for _ in range(3):
        if node.dep_ == "poss":
            node = node.head
        above = _preposition(node, attached=False)
        if above is None:
            return False
        word, governor = above
        if word in _LOCATIVES:
            return not _own_subject_clause(node.head, events)
        if word != "of":
            return False
        node = governor
    return False


def _under_locative(token: Any) -> bool:
    """Whether the first preposition above a place, through "of", puts something there."""
    node = token
    for _ in range(3):
        if node.dep_ in ("poss", "compound", "appos", "conj"):
            node = node.head
        above = _preposition(node, attached=False)
        if above is None:
            return False
        word, node = above
        if word != "of":
            return word in _LOCATIVES
        if node.dep_ != "pobj":
            # "retook the town of Mocimboa da Praia": the place is the argument itself.
            return node.lower_ in _DEMONYM_PLACE_HEADS or node.lower_ in _OWN_PLACE_WORDS
    return False


def _own_subject_clause(token: Any, events: set[int]) -> bool:
    """Whether the verb a word hangs in is a clause's with a subject of its own, other than
    the lead's event verbs ("as stocks rallied in New York", "before he was due to attend a
    summit in New Delhi"): another event than the lead's."""
    node = token
    for _ in range(8):
        if (
            node.tag_.startswith("VB") and node.dep_ != "ROOT" and node.i not in events
            and any(c.dep_ in _SUBJECT_DEPS for c in node.children)
        ):
            return True
        if node.dep_ == "ROOT" or node.head.i == node.i:
            return False
        node = node.head
    return False


def _where_things_are(token: Any) -> bool:
    """A name after a locative preposition ("in Korhogo", "in Honiara's Chinatown") or
    after "the town of"."""
    if token.dep_ == "poss" and token.head.dep_ == "pobj":
        token = token.head
    above = _preposition(token, attached=False)
    if above is None:
        return False
    word, governor = above
    if word in _NAME_PLACING:
        return True
    return word == "of" and governor.lower_ in _DEMONYM_PLACE_HEADS


def _place_slot(token: Any, start: int | None = None) -> bool:
    """Whether the text itself puts a name (its head `token`, its first word at `start`)
    where a town goes: after a locative ("in Lajas Blancas"), as a place noun's name
    ("Dangam district") or after a place noun's "of" ("neighbourhoods of Gondar"). Only
    there may a town too small for the gazetteer answer: elsewhere a small town's name is
    as often a person's ("Obama", "Clinton"). Not a possessive ("in Ruto's government" is a
    person's), nor a name after "the" ("across the Highlands", "in the Gulf": a region's or
    a sea's, which towns rarely share)."""
    first = token.i if start is None else start
    article = token.doc[first].lower_ == "the" or (
        first > 0 and token.doc[first - 1].lower_ == "the"
    )
    if token.dep_ == "poss" or article:
        return False
    if _where_things_are(token) or _after_direction(token):
        return True
    if token.dep_ == "compound" and _place_noun(token.head):
        return True
    return (
        token.dep_ == "pobj" and token.head.lower_ == "of" and _place_noun(token.head.head)
    )


_PLACE_NOUNS = _OWN_PLACE_WORDS | _DEMONYM_PLACE_HEADS


def _place_noun(token: Any) -> bool:
    """A noun for a kind of place, singular or plural ("district", "counties")."""
    word = token.lower_
    singular = (word[:-3] + "y") if word.endswith("ies") else word.removesuffix("s")
    return word in _PLACE_NOUNS or singular in _PLACE_NOUNS
