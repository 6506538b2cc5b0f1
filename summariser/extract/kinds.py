"""Typing: each proposed name becomes a person, organisation or place by the evidence of the
story and the gazetteers first, and by the NER label only as the last resort.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.cues import (
    _LOCATIVE_RE,
    _located_after,
    _of_place,
    _title_before,
    country_owned,
    person_after_re,
    person_relation_before,
)
from summariser.extract.lexicon import _dictionary
from summariser.extract.model import _NER_KIND, _Entity
from summariser.extract.name_shapes import (
    _ARTICLE_APPOS_RE,
    _WHO_AFTER_RE,
    _is_fragment,
    _is_token_part,
    _role_noun_before,
    _unit_or_demonym,
)
from summariser.extract.person_context import (
    SHARED_DESCRIPTOR_REASON,
    _ends_its_phrase,
    _surname_speaks,
    _word_after,
    listed_with_people,
    named_after_shared_descriptor,
)
from summariser.extract.spans import _is_capitalised, _name_tokens, body_confirmed_prefix
from summariser.text import group_key

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.model import CandidateKind, _Proposal
    from summariser.extract.story import _Story


def _in_role_phrase(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """'Interior' in 'Interior Minister' / 'Minister of Interior' / 'Chief of Army Staff'."""
    if group_key(text[start:end]) not in lex.portfolio_words:
        return False
    heads = (
        r"(?:Minister|Ministers|Secretary|Chief|Staff|Commander|Spokesman|Spokesperson|Head|"
        r"Director|Adviser|Advisor)"
    )
    return bool(
        re.match(rf"\s+{heads}\b", text[end : end + 40])
        or re.search(rf"\b{heads}\s+(?:of|for)\s+(?:the\s+)?$", text[max(0, start - 40) : start])
    )


def _has_org_word(form: str, lex: _Lexicon) -> bool:
    return any(
        w.casefold().strip(",.") in lex.org_words for w in _name_tokens(form) if _is_capitalised(w)
    )


def _place_by_head(text: str, form: str, props: list[_Proposal], lex: _Lexicon) -> bool:
    """'Lake Victoria', 'Cerro Huanca'; 'La Matanza' only where the text treats it as a place."""
    words = _name_tokens(form)
    if len(words) < 2:
        return False
    if words[0] in lex.place_heads:
        return True
    if words[0] in lex.place_articles:
        return any(
            p.label == "coordinated" or _LOCATIVE_RE.search(text[max(0, p.start - 20) : p.start])
            for p in props
        )
    return False


def _person_cue(text: str, prop: _Proposal, lex: _Lexicon) -> bool:
    """Whether the text treats this mention as a person: a title, speech, an apposition."""
    if prop.title or _title_before(text, prop.start, lex) is not None:
        return True
    # "a resident of X told ...": a name in a prepositional phrase is not the subject.
    if re.search(
        r"\b(?:of|from|in|at|for|with)\s+(?:the\s+)?$", text[max(0, prop.start - 12) : prop.start]
    ):
        return False
    after = text[prop.end : prop.end + 80]
    return person_after_re().match(after) is not None and not _impersonal_after(after, lex)




# "Kandahar, the capital of ...", "X, a town near ...": an apposition that makes it a place.
_PLACE_APPOS_RE = re.compile(
    r"^,\s+(?:the|a|an)\s+(?:[\w\-]+\s+){0,2}?(?:capital|city|town|village|port|hub|seat|"
    r"district|province|region|suburb|neighbou?rhood)\s+(?:of|in|near|on)\b"
)


def _impersonal_after(after: str, lex: _Lexicon) -> bool:
    """'X, which owns ...', 'X, the capital of ...', 'X, the maize producer': what follows a
    name says it is a thing, a place or a body, not a person."""
    if re.match(r",\s+which\b", after) or _PLACE_APPOS_RE.match(after):
        return True
    return lex.org_after_re.match(after) is not None and _apposition_head(after, lex) == "body"


def _apposition_head(after: str, lex: _Lexicon) -> str | None:
    """Whether ', a company director' names a role or ', the grain producer founded by ...'
    a body: the head noun decides, the last word before a preposition or participle."""
    phrase = re.match(r",\s+([^,.;:()]*)", after)
    head = re.split(
        r"\s+(?:of|for|at|in|from|with|by|who|whose|which|that|founded|based|owned|run|led)\b",
        phrase.group(1) if phrase else "",
    )[0].split()
    last = head[-1].casefold() if head else ""
    if last in lex.role_nouns:
        return "role"
    return "body" if last in lex.descriptor_words else None


def _only_locative(story: _Story, props: list[_Proposal], lex: _Lexicon) -> bool:
    """'farmers around Sefwi Wiawso', 'off Joal-Fadiouth', 'Aruk, the capital of ...', 'parts
    of Tiko and Buea': a name the story places things in and never treats as a person (no
    title, speech or apposition) is a place, whatever person, body or group label the NER
    model gave it (a group's name is read as an adjective: 'in Pashtun areas')."""
    text = story.text
    form = text[props[0].start : props[0].end]
    if form.isupper() or _has_org_word(form, lex) or any(_person_cue(text, p, lex) for p in props):
        return False
    located = [
        p
        for p in props
        if (_located_after(text, p.start) and not re.match(r"['’]", text[p.end : p.end + 1]))
        or _PLACE_APPOS_RE.match(text[p.end : p.end + 60])
    ]
    return bool(located) and all(
        p.label in ("PERSON", "ORG") or (p.label == "NORP" and not _qualifies_noun(story, p))
        for p in props
    )


def _qualifies_noun(story: _Story, prop: _Proposal) -> bool:
    nxt = _word_after(story, prop)
    return nxt is not None and nxt.tag_ in ("NN", "NNS")


def _place_before_noun(story: _Story, prop: _Proposal, lex: _Lexicon) -> bool:
    """'the Sarajevo daily Oslobođenje': a name the gazetteer knows, read by the NER model as a
    person's, written before a noun as a place is ('a Sarajevo court'), not one a person's
    name modifies ('the Clinton administration'). A body's name does the same ('a Gallup
    poll'), so a name the NER model reads as a body's is not asked."""
    nxt = _word_after(story, prop)
    return (
        nxt is not None
        and nxt.text.islower()
        and nxt.tag_.startswith("NN")
        and nxt.lower_ not in lex.person_modified_nouns
    )


def _body_like(text: str, props: list[_Proposal]) -> bool:
    """Evidence that a name the NER model reads as a person's is a body's: a body word
    before it ("the Spanish charity Caminando Fronteras"), a continent closing it
    ("Greenpeace Africa"), or a web address."""
    if any(p.label in ("org-cue", "domain", "team") for p in props):
        return True
    last = _name_tokens(text[props[0].start : props[0].end])[-1]
    if last == "International":
        return True
    # "South East Asia": a name the NER model calls a place, closed by a continent, is a region.
    if any(p.label in ("GPE", "LOC") for p in props):
        return False
    continent = gazetteer.lookup(last)
    return continent is not None and continent.kind == "continent"


def _not_a_person(story: _Story, props: list[_Proposal], lex: _Lexicon) -> bool:
    """Whether a two-word PERSON name is better read as a body, a place or a thing."""
    text = story.text
    return (
        _body_like(text, props)
        or _only_locative(story, props, lex)
        or any(_impersonal_after(text[p.end : p.end + 80], lex) for p in props)
    )


def _outlet_cue(text: str, end: int, lex: _Lexicon) -> bool:
    """'Dawn newspaper', but not 'the Sarajevo daily Oslobođenje': there the cue noun
    introduces the outlet's name and the word before it only says where it is from."""
    match = lex.outlet_cue_re.match(text[end : end + 30])
    return match is not None and not re.match(r"\s+[A-Z0-9]", text[end + match.end() :])


_PLACE_RULES = frozenset(
    {"place-cue", "place-of", "country", "gaz-multi", "gaz-locative", "coordinated"}
)


def _decide_kind(
    story: _Story,
    key: str,
    props: list[_Proposal],
    full_people: set[str],
    lex: _Lexicon,
) -> tuple[CandidateKind | None, str]:
    """Pick a kind from the strongest evidence; the NER label is the last resort."""
    text = story.text
    form = text[props[0].start : props[0].end]
    labels = Counter(p.label for p in props)
    rules = set(labels)
    words = _name_tokens(form)
    last = words[-1] if words else ""

    if key in lex.non_entities or not (any(ch.isupper() for ch in form) or "domain" in rules):
        return None, "non-entity"
    if _is_fragment(form, lex):
        return None, "fragment"
    if all(_in_role_phrase(text, p.start, p.end, lex) for p in props):
        return None, "part of a title"
    person_part = key in full_people or any(_is_token_part(form, f) for f in full_people)

    # Fuzzy matching only for names the NER model calls names, not for nationalities.
    gazetteer_off = story.off("gazetteer-retyping")
    place = None if gazetteer_off else gazetteer.lookup(form, fuzzy=set(labels) != {"NORP"})
    if place is not None and place.kind == "country" and not person_part:
        return "place", "gazetteer country"
    if len(words) == 1 and "place-cue" not in rules and _unit_or_demonym(text, form):
        return None, "nationality or unit"
    if _has_org_word(form, lex) and not rules & {"GPE", "LOC", "FAC", "place-cue"}:
        return "organisation", "name has an organisation word"

    if "team" in rules:
        return "organisation", "side in a match"
    if _place_by_head(text, form, props, lex):
        return "place", "place name head"
    # A multi-word name the gazetteer knows exactly as a large place ("Ho Chi Minh City")
    # is that place even when the NER model reads it as a person's name.
    exact = None if gazetteer_off else gazetteer.lookup(form)
    large = exact is not None and (exact.population >= 100_000 or exact.kind != "city")
    if large and len(words) > 1:
        return "place", "gazetteer multi-word"
    if key in full_people:
        return "person", ""
    # "DAB" beside "Pro-Beijing DAB": an acronym the NER model calls a body is the body, never
    # a part of someone's name; acronyms are used without their long form in wire copy.
    if form.isupper() and len(form) > 1 and labels.get("ORG", 0) * 2 > sum(labels.values()):
        return "organisation", "acronym"
    if person_part:
        return "person", "name part"

    nationality = set(labels) == {"NORP"}
    outlet_cue = any(_outlet_cue(text, p.end, lex) for p in props) and not nationality
    if key in lex.outlets or outlet_cue or "domain" in rules:
        return "organisation", "outlet"
    org_cue = bool(rules & {"org-cue", "team", "acronym"}) or any(
        lex.org_after_re.match(text[p.end : p.end + 80]) for p in props
    )
    if place is None and not rules & {"org-cue", "team", "acronym"} and any(
        _ARTICLE_APPOS_RE.match(text, p.end)
        and _apposition_head(text[p.end : p.end + 120], lex) == "role"
        for p in props
    ):
        # '"...," Sutrisno, a deputy head of the agency, told reporters': a role in
        # apposition says whose name it is, whatever kind the NER model gave (a name the
        # gazetteer places is left to the place cues: "X, the capital"). The head of the
        # apposition decides, not a body named inside it ("head of the agency").
        return "person", "role apposition"
    body_cue = "body-cue" in rules and not labels.keys() & {"GPE", "LOC", "FAC"}
    # "the Dublin property developer Seamus Roche, who bought her": a descriptor people and
    # bodies share (developer, publisher, producer) yields to the relative "who", which
    # wire copy writes of people only, on a name the NER model reads as a person's.
    if org_cue and "PERSON" in labels and not rules & {"team", "acronym"} and any(
        _WHO_AFTER_RE.match(text, p.end) for p in props
    ):
        return "person", "who after a shared descriptor"
    if org_cue and "PERSON" in labels and not rules & {"team", "acronym"} and not story.off(
        "census-names"
    ) and named_after_shared_descriptor(story, props):
        return "person", SHARED_DESCRIPTOR_REASON
    if org_cue or (not nationality and place is None and (body_cue or _body_like(text, props))):
        return "organisation", "descriptor"
    if "age-person" in rules:
        return "person", "age apposition"
    if "body-person" in rules:
        return "person", "given name after a body"
    # "Teenage forward Gilvanzinho scored", "ANC secretary-general Thabo Ngcobo accused": a
    # person's role noun right before a name the NER model calls a body (with no body word
    # or body cue, decided above) says whose name it is.
    # ("fashion designer Halston": a name read as a place no gazetteer knows.)
    unplaced = place is None and labels.keys() & {"GPE", "LOC"}
    if (labels.get("ORG") or unplaced) and any(
        _role_noun_before(text, p.start, lex) for p in props
    ):
        return "person", "role noun before"
    if set(labels) == {"ORG"} and len(words) in (2, 3) and not story.off("person-evidence") and any(
        listed_with_people(story, p.start) for p in props
    ):
        return "person", "listed with people"
    # "a statue of Lenin", "survived by their daughter, Marit": what only a person is related
    # to (a likeness, a life's end, kin) says whose name it is, whatever body or place label
    # the NER model gave a name no gazetteer knows.
    if (
        place is None and not nationality and not story.off("person-evidence")
        and labels.keys() & {"ORG", "GPE", "LOC"}
        and any(
            person_relation_before(text, p.start) and _ends_its_phrase(story, p) for p in props
        )
    ):
        return "person", "person relation before"

    if labels.get("ORG") and last.casefold() in lex.not_org_heads:
        return None, "document, not a body"
    if len(words) > 1 and _is_capitalised(last) and last.casefold() in lex.place_cue_nouns:
        return "place", "place noun"
    if rules & _PLACE_RULES:
        return "place", "place cue"

    # "Turnout fell ...", "Farmers will receive ...": a capitalised common word at a
    # sentence start or in a heading.
    named = labels.get("PERSON") or labels.get("ORG")
    lower = form.casefold()
    common = named and len(words) == 1 and (lower in _dictionary() or lower[:-1] in _dictionary())
    if common and all(story.sentence_initial(p.start) or p.in_title for p in props):
        return None, "common word"
    if _only_locative(story, props, lex):
        return "place", "only used as a place"

    if place is not None:
        mapped = [_NER_KIND.get(p.label) for p in props]
        # "Gloria" tagged a person eight times and a place once, and a town somewhere of
        # that name: the NER model's own majority stands over the gazetteer's say.
        if "place" in mapped and mapped.count("person") <= mapped.count("place"):
            return "place", ""
        if labels.get("NORP"):
            if place.kind in ("country", "subdivision"):
                return "place", "gazetteer"
        elif labels.get("PERSON") or labels.get("ORG"):
            strong = place.kind in ("country", "subdivision", "continent", "region")
            strong = strong or place.population >= 1_000_000
            strong = strong or (
                labels.get("ORG", 0) > 0 and len(words) == 1 and place.population >= 100_000
            )
            locative = any(
                _LOCATIVE_RE.search(text[max(0, p.start - 20) : p.start])
                or _of_place(text, p.start, lex)
                or (p.label == "PERSON" and _place_before_noun(story, p, lex))
                for p in props
            )
            if strong or locative:
                return "place", "gazetteer"
            # A lone word the gazetteer knows as a town, read by the NER model as a person's,
            # is the town only on the text's word ("left Riverton", "mayor of Kutaisi", "the
            # Sarajevo daily"): that the story never treats it as a person is a missing cue,
            # no evidence ("Clinton came into office", "the man Adam").

    if place is None and labels.keys() & {"GPE", "LOC", "ORG"} and any(
        country_owned(text, p.start, p.end) for p in props
    ) and not any(_person_cue(text, p, lex) for p in props):
        # (Not "France's Macron said", "Argentina's Milei, a self-described ...".)
        return "organisation", "a country's own"
    if labels.get("ORG") and len(words) > 1 and _surname_speaks(text, last, props):
        return "person", "surname alone speaks"
    verdict = _person_label_overruled(story, form, props, lex)
    if verdict is not None:
        return verdict
    for label, _count in labels.most_common():
        kind = _NER_KIND.get(label)
        if kind is not None:
            return kind, ""
    if "appos-person" in rules:
        return "person", "apposition"
    if rules & {"org-name", "org-cue"}:
        return "organisation", "organisation word"
    if "abbr" in rules:
        return "organisation", "abbreviation"
    return None, "no kind"


# "al-Hijra", "al-Nusra": a lone name with an Arabic article is a person's only as the
# surname of a full name; alone it names a group, a place or a mosque.
_ARTICLE_NAME_RE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)-[A-Z][\w’'\-]*")
_ARMED_GROUP_RE = re.compile(
    r"\b(?:insurgen\w*|militan\w*|jihadi\w*|rebels?|fighters|armed\s+group|group|"
    r"allegiance|affiliate\w*|faction|militia)\b",
    re.IGNORECASE,
)


def _person_label_overruled(
    story: _Story, form: str, props: list[_Proposal], lex: _Lexicon
) -> tuple[CandidateKind | None, str] | None:
    """A PERSON label the story never backs with a person cue gives way to what it does
    say: 'X, which owns ...' is a body; a lone 'al-X' is a group among armed groups, and
    otherwise nothing we can type."""
    text = story.text
    if not any(p.label == "PERSON" for p in props) or any(_person_cue(text, p, lex) for p in props):
        return None
    if any(re.match(r",\s+which\b", text[p.end : p.end + 10]) for p in props):
        return "organisation", "referred to as a thing"
    if _ARTICLE_NAME_RE.fullmatch(form):
        armed = any(_ARMED_GROUP_RE.search(text[slice(*story.sentence_of(p.start))]) for p in props)
        return ("organisation", "armed group") if armed else (None, "lone surname")
    return None


def _group_key(text: str, prop: _Proposal) -> str:
    end = prop.bare_end if prop.bare_end is not None else prop.end
    return group_key(text[prop.start : end])


def _resolve(
    story: _Story, proposals: list[_Proposal], lex: _Lexicon, abbr_keys: dict[str, str]
) -> list[_Entity]:
    text = story.text
    body_keys = {_group_key(text, p) for p in proposals if not p.in_title}

    # Headline entities count only when the body confirms them or a gazetteer knows them.
    kept: list[_Proposal] = []
    for prop in proposals:
        unconfirmed = prop.origin == "ner" and _group_key(text, prop) not in body_keys
        if (
            prop.in_title
            and unconfirmed
            and not story.off("headline-confirmation")
            and gazetteer.lookup(text[prop.start : prop.end]) is None
        ):
            # A name the NER model ran on into the headline's other words is kept as far as
            # the body writes it ("Nordvik Energy" of "Nordvik Energy Profit Beats ...").
            prefix_end = body_confirmed_prefix(story, prop.start, prop.end)
            if prefix_end is not None:
                kept.append(replace(prop, end=prefix_end, bare_end=None))
            continue
        kept.append(prop)

    groups: dict[str, list[_Proposal]] = {}
    for prop in kept:
        groups.setdefault(_group_key(text, prop), []).append(prop)

    full_people = {
        key
        for key, props in groups.items()
        if len(_name_tokens(key)) >= 2
        and any(p.label in ("PERSON", "appos-person", "age-person", "body-person") for p in props)
        and not _has_org_word(text[props[0].start : props[0].end], lex)
        and not any(p.label in ("country", "gaz-multi", "coordinated", "place-cue") for p in props)
        and not _place_by_head(text, text[props[0].start : props[0].end], props, lex)
        and not _not_a_person(story, props, lex)
    }

    decided: dict[str, tuple[CandidateKind | None, str]] = {}
    for key, props in groups.items():
        decided[key] = _decide_kind(story, key, props, full_people, lex)
    # A full name the rules made a person's though the NER model called it a body's
    # ("Sydney-based Lachlan Rourke": "Rourke said ..."): its parts are that person too.
    late = {
        key for key, (kind, _) in decided.items()
        if kind == "person" and key not in full_people and len(_name_tokens(key)) >= 2
    }
    if late:
        full_people |= late
        for key, props in groups.items():
            if decided[key][0] != "person" and any(_is_token_part(key, f) for f in late):
                decided[key] = _decide_kind(story, key, props, full_people, lex)
    # An abbreviation is whatever its long form is (a document type drops both).
    for short, long in abbr_keys.items():
        if short in decided and long in decided:
            decided[short] = (decided[long][0], "abbreviation of " + long)

    entities: list[_Entity] = []
    for key, props in groups.items():
        kind, why = decided[key]
        if kind is None:
            continue
        ent = _Entity(kind=kind, key=key, retyped=why)
        for prop in props:
            _add_proposal(ent, text, prop)
        entities.append(ent)
    return entities


def _add_proposal(ent: _Entity, text: str, prop: _Proposal) -> None:
    ent.forms.setdefault(text[prop.start : prop.end], prop.start)
    if prop.bare_end is not None:
        ent.forms.setdefault(text[prop.start : prop.bare_end], prop.start)
    ent.spans.append((prop.start, prop.end, prop.nested_ok))
    ent.labels[prop.label] += 1
    ent.origins.add(prop.origin)
    if prop.full_start is not None:
        ent.extra_aliases.setdefault(text[prop.full_start : prop.end], prop.full_start)
        if prop.title and prop.title_is_role and ent.title_role is None:
            ent.title_role = prop.title
