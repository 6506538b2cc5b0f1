"""The story's country: where it happens, not every country it mentions.

A European Central Bank decision is not filed under the United States because the story
mentions US tariffs, nor an Oxford trial under a country the trial's drug is sent to. The
country is the dateline's when the story has one; else the place a title's main verb puts
its event in ("Pakistan beat India in Dubai thriller"); else that of a place the lead
sentence's main event is attached to by the dependency parse (`place_syntax`: where the
verb's event took place first, then its subject, a phrase on the verb or on its subject; a
place where only the report was made, a country's name on a thing, a demonym on people
after); else, as before, the first country its places name. A city or territory maps to its
country (Hong Kong to China) through the gazetteer, a town too small for it through
`minor_places` when the text puts its name in a place's slot, and a name several places
share is read by the story's other places.
"""

from __future__ import annotations

import re
from typing import Any

from .. import gazetteer
from ..text import fold_place_name, split_sentences
from ..wire import place_forms
from ..wordlists import words
from .place_syntax import (
    _EVENT_PLACE,
    _LOCATIVES,
    _after_direction,
    _attachment,
    _country_as_modifier,
    _country_on_subject,
    _event_roots,
    _event_verbs,
    _in_locative,
    _left_from,
    _located,
    _mention_rank,
    _origin,
    _place_slot,
    _preposition,
    _where_things_are,
)

#: "NAIROBI, 4 March -", "KYIV (Reuters) -", "Lagos —": a place in capitals, or a place
#: followed by a dash, opening the story.
_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'’-]{2,40}?)(?=\s*[,(—–-])"
    r"|^\s*(?P<titled>[A-Z][\w .'’-]{2,40}?)\s+[—–-]\s"
)
#: ISO codes of territories that are part of (or governed by) another country.
_SOVEREIGN = dict(pair.split(":") for pair in words("territory_sovereigns"))


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


def country_among(name: str, names: tuple[str, ...]) -> str | None:
    """`country_of` for one of a story's places, `names` being all of them: a name several
    places share is the one in a country the others are in."""
    return _country_in(name, names)


def _country_in(name: str, context: tuple[str, ...], *, minor: bool = False) -> str | None:
    """`country_of`, where a name several places share is read as the one in a country
    the story's other places are in ("Tripoli" beside Lebanese places, "SAN JUAN" over a
    story about Puerto Rico). With `minor`, for a name the text puts in a place's slot, a
    town too small for the gazetteer answers too (`minor_places`)."""
    codes = _context_codes(name, context)
    place = gazetteer.lookup_in(name, codes) if codes else gazetteer.lookup(name)
    if place is not None:
        return country_name(place.country)
    if not minor:
        return None
    from ..minor_places import minor_place_country

    return country_name(minor_place_country(name, codes))


def _context_codes(name: str, context: tuple[str, ...]) -> frozenset[str]:
    """ISO codes of the countries the story's other towns and regions are in."""
    own = fold_place_name(name)
    # Only towns, regions and territories speak for a country here: a country's own name
    # is as often only mentioned ("Canada issued a travel advisory").
    return frozenset(
        place.country for other in context
        if (folded := fold_place_name(other)) and own not in folded and folded not in own
        and (place := gazetteer.lookup(other)) is not None and place.country
        and (place.kind in ("city", "subdivision") or place.country in _SOVEREIGN)
    )


def dateline_country(
    body: str, dateline: str | None = None, context: tuple[str, ...] = ()
) -> str | None:
    """The country of the dateline (given, or opening the body), when it names a place."""
    if dateline:
        # (Not split at a hyphen: "BISSAU, Guinea-Bissau".)
        pieces = [p.strip() for p in re.split(r"[,(]", dateline) if p.strip()]
        if len(pieces) >= 2:
            # "TRIPOLI, Lebanon (AP)", "LONDON, Ontario": the country or region after the
            # city says which of the places sharing its name it is; of the places the
            # qualifier names, the one the city is in ("ATLANTA, Georgia"), else the
            # qualifier's only one. A qualifier that names several, none holding the city
            # ("DAHLONEGA, Georgia", "JABALIYA, Gaza"), says nothing.
            regions = [
                q for q in gazetteer.every_place(pieces[1])
                if q.kind in ("country", "subdivision") and q.country
            ]
            for region in regions:
                city = gazetteer.lookup_in(pieces[0], frozenset({region.country or ""}))
                if city is not None and city.country == region.country:
                    return country_name(region.country)
            if len({region.country for region in regions}) == 1:
                return country_name(regions[0].country)
        for part in place_forms(re.split(r"[,(—–-]", dateline)):
            country = _dateline_place_country(part, context, minor=True)
            if country:
                return country
        return None
    match = _DATELINE_RE.match(body)
    if match is None:
        return None
    return _dateline_place_country(match.group("place") or match.group("titled") or "", context)


def _dateline_place_country(
    name: str, context: tuple[str, ...] = (), *, minor: bool = False
) -> str | None:
    """`country_of` for a dateline's place, which may be another spelling of a large city;
    with `minor` (a dateline the story's layout parser found, not a capitalised word before
    a dash: "Cricket - India beat ..."), a town too small for the gazetteer too."""
    name = name.strip()
    if gazetteer.lookup(name) is not None:
        return _country_in(name, context)
    place = gazetteer.lookup_dateline_place(name)
    if place is not None:
        return country_name(place.country)
    return _country_in(name, context, minor=minor)


def _part_of_a_name(token: Any) -> bool:
    """'Orlando' in 'Orlando Pirates': a place word inside another proper name; not in an
    event's name, which says where the event is held ('the Valencia Marathon')."""
    head = token.head
    return (
        token.dep_ == "compound"
        and head.tag_ in ("NNP", "NNPS")
        and head.i != token.i
        and country_of(head.text) is None
        and head.lower_ not in _EVENT_NAME_HEADS
    )


_EVENT_NAME_HEADS = frozenset(words("event_name_heads"))


def _opens_an_event_name(token: Any) -> bool:
    """'Valencia' in 'at the Valencia Marathon', 'won the Monaco Grand Prix': a place word
    opening an event's name that stands after a locative (with "at", unlike a body's name:
    an event is held at a place, "worked at Nokia" names an employer) or as a verb's
    object."""
    head = token.head
    if token.dep_ != "compound" or head.lower_ not in _EVENT_NAME_HEADS or head.i == token.i:
        return False
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    if any(c.dep_ == "prep" and c.lower_ in _LOCATIVES for c in head.children):
        return False  # "the Dakar Rally in Saudi Arabia": the name's own place says where
    # ("won the Boston Marathon": the event as what the verb did is held there too.)
    return (head.dep_ == "pobj" and head.head.lower_ in _LOCATIVES) or (
        head.dep_ == "dobj" and head.head.tag_.startswith("VB")
    )


def _place_tokens(doc: Any, context: tuple[str, ...] = ()) -> list[tuple[Any, str, bool]]:
    """(head token, country, whether a demonym) of each place the sentence names: place
    entities, demonyms, and country names inside other entities ("Spain's Canary Islands")."""
    out: list[tuple[Any, str, bool]] = []
    seen: set[int] = set()
    for ent in doc.ents:
        # ("Tajikistan" typed NORP is the country's name, not a demonym; "in Herat province"
        # typed NORP is a place where the text puts one, when no demonym list knows it.)
        demonym = ent.label_ == "NORP" and not gazetteer.is_country(ent.text) and not (
            gazetteer.demonym_country(ent.text) is None and _place_slot(ent.root, ent.start)
        )
        if demonym:
            country = country_name(gazetteer.demonym_country(ent.text))
        elif ent.label_ in ("GPE", "LOC", "FAC", "NORP"):
            country = _country_in(
                ent.text, context,
                minor=ent.label_ in ("GPE", "LOC") and _place_slot(ent.root, ent.start),
            )
        else:
            continue
        if not demonym:
            country = _apposed_country(doc, ent) or country
        seen.update(t.i for t in ent)
        if country and not _part_of_a_name(ent.root):
            out.append((ent.root, country, demonym))
    for ent in doc.ents:
        # "beat Guinea 2-0 in Korhogo", "the coastal town of Mocimboa da Praia": a name the
        # NER model typed otherwise, where the text puts an event or names a settlement.
        # (Not an organisation: "worked at Nokia", "engineers at Toyota".)
        if ent.label_ in ("GPE", "LOC", "FAC", "NORP") or not _names_where(ent.root):
            continue
        if ent.label_ == "ORG" and not _after_direction(ent.root) and ent.text not in context:
            # ("40 km east of Harare" is a place whatever the NER model says; so is a name
            # the story's places list, "Hospitals in Hyderabad treated ...".)
            continue
        # (A person's or a people's name is not a small town's: "in Ruto's reshuffle".)
        minor = ent.label_ not in ("PERSON", "NORP") and _place_slot(ent.root, ent.start)
        country = _country_in(ent.text, context, minor=minor)
        if country:
            seen.update(t.i for t in ent)
            out.append((ent.root, country, False))
    placed = {t.i for t, _, _ in out}
    for token in doc:
        if token.i not in placed and token.head.i not in placed and _opens_an_event_name(token):
            # "won the race at the Valencia Marathon": where the event is held, though the
            # NER model took the whole name for an event or a building.
            country = _country_in(token.text, context)
            if country:
                out.append((token, country, False))
                continue
        if token.i in seen or token.tag_ not in ("NNP", "NNPS") or _part_of_a_name(token):
            continue
        # "at the National Museum in Yaounde": a town the NER model took into a body's or a
        # building's name, after its locative, is where the body or building is.
        inside = token.ent_type_ in ("ORG", "FAC") and token.ent_iob_ == "I"
        if (token.ent_type_ == "" or inside) and _where_things_are(token):
            # The whole name the token heads ("Mocimboa da Praia", not "Praia").
            name = token.doc[token.left_edge.i : token.i + 1]
            minor = _place_slot(token, name.start)
            country = _country_in(name.text, context, minor=minor) if all(
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


def _apposed_country(doc: Any, ent: Any) -> str | None:
    """'the National Coffee Park in Montenegro, Colombia': a place the text follows with its
    country's name is the place of that name in that country (a town in Colombia, not the
    Balkan country), when the gazetteer has one there. Not a list ("visited Montenegro,
    Colombia and Peru": the next word goes on with it)."""
    if ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    after = next((e for e in doc.ents if e.start == ent.end + 1), None)
    if after is None or not gazetteer.is_country(after.text):
        return None
    following = doc[after.end] if after.end < len(doc) else None
    then = doc[after.end + 1] if after.end + 1 < len(doc) else None
    if following is not None and (
        # ("Venezuela's foreign minister": the country's own, not where the place is.)
        following.lower_ in ("and", "or", "&", "'s", "’s")
        or following.text == "," and then is not None and (
            then.lower_ in ("and", "or", "as") or any(
                e.start == then.i for e in doc.ents if e.label_ in ("GPE", "LOC")
            )
        )
    ):
        return None
    outer = gazetteer.lookup(after.text)
    if outer is None or not outer.country:
        return None
    if gazetteer.place_in(ent.text, outer.country) is None:
        return None
    return country_name(outer.country)


def _names_where(token: Any) -> bool:
    """A name where things are (`_where_things_are`), or one set before the common noun
    that is: "opens at Honiara hospital", where a title's capitals make the NER model take
    the town for a person."""
    head = token.head
    if _where_things_are(token):
        return True
    if token.dep_ != "compound" or head.tag_ not in ("NN", "NNS") or not head.is_lower:
        return False
    # (With "at" too: a common noun after it is a place, "at Honiara hospital", where a
    # name alone may be an employer, "worked at Nokia".)
    above = _preposition(head, attached=False)
    return above is not None and above[0] in _LOCATIVES


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
    whose_country: str | None = None
    for sentence in sentences[:2]:
        where, whose = _sentence_countries(sentence, context)
        if where:
            return where[1], None
        if whose and whose_country is None:
            whose_country = whose
    return None, whose_country


def _sentence_countries(
    sentence: str, context: tuple[str, ...] = ()
) -> tuple[tuple[float, str] | None, str | None]:
    """((rank, country) of the sentence's best-attached place, or None; the country of its
    best demonym that says only whose people or things, when no place is attached)."""
    from ..nlp import load_nlp

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
        (rank + _mention_rank(token, demonym) + 2 * _origin(token) + 0.5 * _left_from(token)
         + 2 * (order > 0),
         order, token.i, country)
        for order, root in enumerate(roots)
        for token, country, demonym in places
        # ("citing US tariffs": a country's name on a thing only mentions it.)
        if not _country_as_modifier(token)
        and (rank := _attachment(token, root, locative=order == 0, verbs=verbs_of[order]))
        is not None
    ]
    if any(order == 0 and _in_locative(doc[i]) and not _country_on_subject(doc[i])
           for _, order, i, _ in ranked):
        # "United States warplanes dropped two bombs on a stronghold in Basra": the
        # country on the subject's noun says whose the planes are; the event is in Basra.
        ranked = [item for item in ranked if not _country_on_subject(doc[item[2]])]
    attached = {item[2] for item in ranked}
    events = set().union(*verbs_of)
    # A place where something is, on no word of the event the parse found ("hidden in
    # a lorry at the port of Dover"), still ranks before a demonym's country.
    ranked += [
        (3.5, len(roots), token.i, country)  # after a word on the event, before a demonym
        for token, country, demonym in places
        if token.i not in attached and not demonym and _located(token, events)
    ]
    # A demonym on people or things (`_mention_rank` 3), or a country's possessive on a
    # club's or a company's name ("Senegal's AS Douanes"), says only whose they are.
    whose = {
        token.i for token, _, demonym in places
        if _mention_rank(token, demonym) == 3
    }
    where = [item for item in ranked if item[2] not in whose]
    if where:
        best = min(where)
        return (best[0], best[3]), None
    return None, (min(ranked)[3] if ranked else None)


def story_country(
    body: str,
    countries: list[str],
    dateline: str | None = None,
    places: tuple[str, ...] = (),
    title: str | None = None,
) -> str | None:
    """Where the story happens (see the module docstring); `places` are the names of the
    story's places, which tell a name several places share apart. A title whose main verb
    puts its event in a place ("Pakistan beat India in Dubai thriller") says where before
    the lead does; any other place of a title may be only mentioned, and is not read."""
    from_dateline = dateline_country(body, dateline, places)
    if from_dateline:
        return from_dateline
    if title:
        where = _sentence_countries(title, places)[0]
        if where is not None and where[0] <= _EVENT_PLACE:
            return where[1]
    lead_where, whose = lead_countries(split_sentences(body), places)
    return lead_where or (countries[0] if countries else None) or whose
