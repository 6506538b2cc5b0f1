"""The story's country: where it happens, not every country it mentions.

A European Central Bank decision is not filed under the United States because the story
mentions US tariffs, nor an Oxford trial under a country the trial's drug is sent to. The
country is the dateline's when the story has one; else that of a place the lead sentence's
main event is attached to by the dependency parse (where the verb's event took place first,
then its subject, a phrase on the verb or on its subject; a place where only the report was
made, a country's name on a thing, a demonym on people after); else, as before, the first
country its places name. A city or territory maps to its country (Hong Kong to China)
through the gazetteer, and a name several places share is read by the story's other places.
"""

from __future__ import annotations

import re
from typing import Any

from .. import gazetteer
from ..text import fold_place_name, split_sentences
from ..wire import place_forms
from ..wordlists import words

#: "NAIROBI, 4 March -", "KYIV (Reuters) -", "Lagos —": a place in capitals, or a place
#: followed by a dash, opening the story.
_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,40}?)(?=\s*[,(—–-])"
    r"|^\s*(?P<titled>[A-Z][\w .'’-]{2,40}?)\s+[—–-]\s"
)
#: ISO codes of territories that are part of (or governed by) another country.
_SOVEREIGN = dict(pair.split(":") for pair in words("territory_sovereigns"))
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
#: Head words of a named body or place that a country's possessive makes its own.
_OWN_BODY_WORDS = frozenset(words("org_words")) | frozenset(words("state_body_names"))
_OWN_PLACE_WORDS = frozenset(words("place_cue_nouns"))


def country_name(code: str | None) -> str | None:
    """The common English name of an ISO alpha-2 code, territories mapped to their country."""
    if not code:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=_SOVEREIGN.get(code, code))
    if country is None:
        # Codes the ISO list lacks ("XK", Kosovo) keep geonames' name.
        return gazetteer.geonames_country_name(code)
    return str(getattr(country, "common_name", None) or country.name)


def country_of(name: str) -> str | None:
    """The country a place is, or lies in."""
    place = gazetteer.lookup(name)
    return country_name(place.country) if place is not None else None


def _country_in(name: str, context: tuple[str, ...]) -> str | None:
    """`country_of`, where a name several places share is read as the one in a country
    the story's other places are in ("Tripoli" beside Lebanese places, "SAN JUAN" over a
    story about Puerto Rico)."""
    if not context:
        return country_of(name)
    own = fold_place_name(name)
    # Only towns, regions and territories speak for a country here: a country's own name
    # is as often only mentioned ("Canada issued a travel advisory").
    codes = frozenset(
        place.country for other in context
        if (folded := fold_place_name(other)) and own not in folded and folded not in own
        and (place := gazetteer.lookup(other)) is not None and place.country
        and (place.kind in ("city", "subdivision") or place.country in _SOVEREIGN)
    )
    place = gazetteer.lookup_in(name, codes)
    return country_name(place.country) if place is not None else None


def dateline_country(
    body: str, dateline: str | None = None, context: tuple[str, ...] = ()
) -> str | None:
    """The country of the dateline (given, or opening the body), when it names a place."""
    if dateline:
        for part in place_forms(re.split(r"[,(—–-]", dateline)):
            country = _dateline_place_country(part, context)
            if country:
                return country
        return None
    match = _DATELINE_RE.match(body)
    if match is None:
        return None
    return _dateline_place_country(match.group("place") or match.group("titled") or "", context)


def _dateline_place_country(name: str, context: tuple[str, ...] = ()) -> str | None:
    """`country_of` for a dateline's place, which may be another spelling of a large city."""
    name = name.strip()
    if gazetteer.lookup(name) is not None:
        return _country_in(name, context)
    place = gazetteer.lookup_dateline_place(name)
    return country_name(place.country) if place is not None else None


def _attachment(
    token: Any, root: Any, *, locative: bool = True, verbs: set[int] | None = None
) -> int | None:
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
    for depth in (1, 2, 3):
        if node.dep_ != "pobj" or node.head.dep_ not in ("prep", "agent"):
            return None
        if node.head.head.i in verbs:
            # "Pakistan beat India in Dubai", "Japan's foreign minister arrived in Manila":
            # where the verb's event took place says more than who took part in it.
            # (Not where a report was made: "told donors in Geneva".)
            in_place = locative and depth == 1 and node.head.lower_ in _LOCATIVES
            if in_place:
                return -1
            # Deeper, under "with", "to", "for" ...: only mentioned ("would keep the border
            # with Nigeria closed").
            return depth if depth == 1 or _under_locative(token) else depth + 2
        node = node.head.head
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


def _whose(token: Any) -> bool:
    """Whether the place is a possessive on a proper name ("Brazil's Palmeiras", "Germany's
    Linden-Museum"): it says whose the club or body is, as a demonym does, not where the
    event is ("Kenya's treasury", on a common noun, is the country's own body)."""
    node = token
    while node.dep_ in ("compound", "flat") and node.head.i != node.i:
        node = node.head
    name = node.head
    return (
        node.dep_ == "poss" and name.tag_ in ("NNP", "NNPS") and name.text[:1].isupper()
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


def _country_as_modifier(token: Any) -> bool:
    """'US tariffs', 'U.S. defence companies': a country's name before a common noun only
    mentions the country (unlike a demonym on people, who are somewhere)."""
    node = token
    while node.dep_ == "flat" and node.head.i != node.i:
        node = node.head
    head = node.head
    outer = head
    while outer.dep_ in ("compound", "amod", "nmod") and outer.head.i > outer.i:
        outer = outer.head  # "Morocco earthquake survivors": the whole noun's place
    return (
        node.dep_ in ("compound", "amod", "nmod") and head.i > node.i
        and head.tag_ in ("NN", "NNS") and gazetteer.is_country(token.text)
        # ("Pakistan floods have displaced ...": on the subject it says where.)
        and outer.dep_ not in _SUBJECT_DEPS
    )


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


def _part_of_a_name(token: Any) -> bool:
    """'Orlando' in 'Orlando Pirates': a place word inside another proper name."""
    head = token.head
    return (
        token.dep_ == "compound"
        and head.tag_ in ("NNP", "NNPS")
        and head.i != token.i
        and country_of(head.text) is None
    )


def _place_tokens(doc: Any, context: tuple[str, ...] = ()) -> list[tuple[Any, str, bool]]:
    """(head token, country, whether a demonym) of each place the sentence names: place
    entities, demonyms, and country names inside other entities ("Spain's Canary Islands")."""
    out: list[tuple[Any, str, bool]] = []
    seen: set[int] = set()
    for ent in doc.ents:
        # ("Tajikistan" typed NORP is the country's name, not a demonym.)
        demonym = ent.label_ == "NORP" and not gazetteer.is_country(ent.text)
        if demonym:
            country = country_name(gazetteer.demonym_country(ent.text))
        elif ent.label_ in ("GPE", "LOC", "FAC", "NORP"):
            country = _country_in(ent.text, context)
        else:
            continue
        seen.update(t.i for t in ent)
        if country and not _part_of_a_name(ent.root):
            out.append((ent.root, country, demonym))
    for ent in doc.ents:
        # "beat Guinea 2-0 in Korhogo", "the coastal town of Mocimboa da Praia": a name the
        # NER model typed otherwise, where the text puts an event or names a settlement.
        # (Not an organisation: "worked at Nokia", "engineers at Toyota".)
        if ent.label_ in ("GPE", "LOC", "FAC", "NORP", "ORG") or not _where_things_are(ent.root):
            continue
        country = _country_in(ent.text, context)
        if country:
            seen.update(t.i for t in ent)
            out.append((ent.root, country, False))
    for token in doc:
        if token.i in seen or token.tag_ not in ("NNP", "NNPS") or _part_of_a_name(token):
            continue
        if token.ent_type_ == "" and _where_things_are(token):
            # The whole name the token heads ("Mocimboa da Praia", not "Praia").
            name = token.doc[token.left_edge.i : token.i + 1]
            country = _country_in(name.text, context) if all(
                t.tag_ in ("NNP", "NNPS") or t.is_lower and len(t) <= 3 for t in name
            ) else None
            if country:
                out.append((token, country, False))
                continue
        if gazetteer.is_country(token.text):  # a country name; a city name could be a word
            country = _country_in(token.text, context)
            if country:
                out.append((token, country, False))
    return out


def _located(token: Any, events: set[int]) -> bool:
    """Whether a place is where something is ("hidden in a lorry at the port of Dover"),
    by the first preposition above it that is not "of"; not where things come from or go,
    nor where another clause's subject does something."""
    node = token
    for _ in range(3):
        if node.dep_ == "poss":
            node = node.head
        if node.dep_ != "pobj":
            return False
        prep = node.head
        if prep.lower_ in _LOCATIVES:
            return not _own_subject_clause(prep, events)
        if prep.lower_ != "of":
            return False
        node = prep.head
    return False


def _under_locative(token: Any) -> bool:
    """Whether the first preposition above a place, through "of", puts something there."""
    node = token
    for _ in range(3):
        if node.dep_ in ("poss", "compound", "appos", "conj"):
            node = node.head
        if node.dep_ != "pobj":
            return False
        prep = node.head
        if prep.lower_ != "of":
            return prep.lower_ in _LOCATIVES
        node = prep.head
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
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in _NAME_PLACING:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in _DEMONYM_PLACE_HEADS


def lead_country(sentences: list[str], context: tuple[str, ...] = ()) -> str | None:
    """The country of the place most closely attached to the main event of the lead (or,
    when the lead has none, of the second sentence); the earlier place on a tie. A demonym
    that only says whose people or things they are comes last (see `lead_countries`)."""
    where, whose = lead_countries(sentences, context)
    return where or whose


def lead_countries(
    sentences: list[str], context: tuple[str, ...] = ()
) -> tuple[str | None, str | None]:
    """(where, whose): the country of the lead's best-attached place, and apart from it the
    country of a demonym that says only whose people or things the lead is about ("Swiss
    food group Nestle will spend $1.1 billion ... in Dak Lak province", "two Norwegian
    satellites"). A story that names a country elsewhere is filed there before under a
    company's or a craft's nationality."""
    from ..nlp import load_nlp

    whose_country: str | None = None

    for sentence in sentences[:2]:
        doc = load_nlp()(sentence)
        places = _place_tokens(doc, context)
        # A demonym says whose people or things, less often where: "a young Afghan man in
        # Islamabad" happens in Pakistan. It ranks after every place. A place people come
        # from ranks after one they are in ("officials from Pakistan and Uzbekistan agreed
        # in Kabul"); a country's possessive on a name ranks as a demonym, and a demonym
        # on a place noun ("the Uruguayan capital") as a place. A place of the attribution
        # ("the ministry said in Seoul") ranks after the reported event's.
        roots = _event_roots(doc)
        verbs_of = [_event_verbs(root) for root in roots]
        ranked: list[tuple[float, int, int, str]] = [
            (rank + _mention_rank(token, demonym) + 2 * _origin(token) + 2 * (order > 0),
             order, token.i, country)
            for order, root in enumerate(roots)
            for token, country, demonym in places
            # ("citing US tariffs": a country's name on a thing only mentions it.)
            if not _country_as_modifier(token)
            and (rank := _attachment(token, root, locative=order == 0, verbs=verbs_of[order]))
            is not None
        ]
        attached = {item[2] for item in ranked}
        events = set().union(*verbs_of)
        # A place where something is, on no word of the event the parse found ("hidden in
        # a lorry at the port of Dover"), still ranks before a demonym's country.
        ranked += [
            (3.5, len(roots), token.i, country)  # after a word on the event, before a demonym
            for token, country, demonym in places
            if token.i not in attached and not demonym and _located(token, events)
        ]
        # A demonym on people or things (`_mention_rank` 3) says only whose they are.
        whose = {
            token.i for token, _, demonym in places
            if demonym and _mention_rank(token, True) == 3
        }
        where = [item for item in ranked if item[2] not in whose]
        if where:
            return min(where)[3], None
        if ranked and whose_country is None:
            whose_country = min(ranked)[3]
    return None, whose_country


def story_country(
    body: str, countries: list[str], dateline: str | None = None, places: tuple[str, ...] = ()
) -> str | None:
    """Where the story happens (see the module docstring); `places` are the names of the
    story's places, which tell a name several places share apart."""
    where, whose = lead_countries(split_sentences(body), places)
    return (
        dateline_country(body, dateline, places)
        or where
        or (countries[0] if countries else None)
        or whose
    )
