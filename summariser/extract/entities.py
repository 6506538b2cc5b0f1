"""Merging proposals into entities, finding every mention of each accepted name, and turning
them into the named candidates (people, organisations, places).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.acronyms import _abbreviations
from summariser.extract.body_persons import persons_in_bodies
from summariser.extract.kinds import _resolve
from summariser.extract.model import Candidate, Mention, _Proposal
from summariser.extract.name_shapes import _is_token_part
from summariser.extract.names_ner import _ner_proposals
from summariser.extract.names_rules import (
    _age_person_proposals,
    _appos_person_proposals,
    _cited_proposals,
    _coordination_proposals,
    _extend_org_of_place,
    _gazetteer_proposals,
    _org_cue_proposals,
    _place_cue_proposals,
    _team_proposals,
)
from summariser.extract.person_context import role_noun_name_proposals
from summariser.extract.role_holders import with_role_holders
from summariser.extract.roles import _person_role
from summariser.extract.spans import _POSSESSIVE_RE, _is_capitalised, _name_tokens
from summariser.text import group_key

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.model import _Entity
    from summariser.extract.story import _Story


def _merge(into: _Entity, other: _Entity) -> None:
    for form, offset in other.forms.items():
        into.forms.setdefault(form, offset)
    into.spans.extend(other.spans)
    into.labels.update(other.labels)
    into.origins |= other.origins
    for alias, offset in other.extra_aliases.items():
        into.extra_aliases.setdefault(alias, offset)
    into.title_role = into.title_role or other.title_role
    into.retyped = into.retyped or other.retyped


def _merge_entities(
    entities: list[_Entity], links: list[tuple[str, str]], lex: _Lexicon
) -> list[_Entity]:
    """Join forms of one entity: name parts, abbreviations, gazetteer identity."""
    by_key = {e.key: e for e in entities}
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while key in parent:
            key = parent[key]
        return key

    def join(child: str, keep: str) -> None:
        a, b = root(child), root(keep)
        if a != b and by_key[a].kind == by_key[b].kind:
            parent[a] = b

    for short, full in links:
        if short in by_key and full in by_key:
            join(short, full)

    # "The National Bank said" after "the National Bank of Kazakhstan", "the Bureau" after
    # "the Bureau of Statistics": a body's name without its "of ..." tail is the same body,
    # when only one body has that head (a lone word only if it is a body word).
    heads: dict[str, list[str]] = {}
    for ent in entities:
        head = re.sub(r" of .*$", "", ent.key)
        one_word = len(_name_tokens(head)) == 1
        if (
            ent.kind != "organisation"
            or head == ent.key
            or (one_word and head not in lex.org_words)
        ):
            continue
        heads.setdefault(head, []).append(ent.key)
    for head, bodies in heads.items():
        if head in by_key and len(bodies) == 1:
            join(head, bodies[0])
    # "Kivu" after "Kivu Company": a body named without its closing body word.
    for ent in entities:
        short, _, last = ent.key.rpartition(" ")
        if ent.kind == "organisation" and short in by_key and last in lex.org_words:
            join(short, ent.key)
    # "Shares in Nordvik rose" after "Nordvik Energy": a body named by its first word alone,
    # when one body of the story starts with it.
    bodies = [e.key for e in entities if e.kind == "organisation"]
    for ent in entities:
        if ent.kind != "organisation" or len(_name_tokens(ent.key)) != 1:
            continue
        longer = [key for key in bodies if key.startswith(ent.key + " ")]
        if len(longer) == 1:
            join(ent.key, longer[0])

    # Person name parts join the full name used nearest before (else the first after).
    people = [e for e in entities if e.kind == "person"]
    for ent in people:
        form = next(iter(ent.forms))
        fulls = [f for f in people if f is not ent and _is_token_part(form, next(iter(f.forms)))]
        if not fulls:
            continue
        first = min(ent.forms.values())
        preceding = [f for f in fulls if min(f.forms.values()) < first]
        best = max(preceding, key=lambda f: min(f.forms.values())) if preceding else fulls[0]
        join(ent.key, best.key)

    # "the Yanomami territory" after "the Yanomami Indigenous Territory": the same name and
    # place noun with a qualifier dropped.
    places = {
        tuple(_name_tokens(group_key(form))): e.key
        for e in entities
        if e.kind == "place"
        for form in e.forms
    }
    for tokens, key in places.items():
        if len(tokens) == 3 and (tokens[0], tokens[2]) in places:
            join(places[(tokens[0], tokens[2])], key)

    # Places with the same gazetteer identity ("U.S.", "the United States").
    seen_places: dict[str, str] = {}
    for ent in entities:
        if ent.kind != "place":
            continue
        place = gazetteer.lookup(min(ent.forms, key=len), fuzzy=True)
        if place is None:
            continue
        if place.key in seen_places:
            join(ent.key, seen_places[place.key])
        else:
            seen_places[place.key] = ent.key

    merged: dict[str, _Entity] = {}
    for ent in entities:
        if root(ent.key) == ent.key:
            merged[ent.key] = ent
    for ent in entities:
        top = root(ent.key)
        if top != ent.key:
            _merge(merged[top], ent)
    return list(merged.values())


def _add_surname_forms(story: _Story, entities: list[_Entity]) -> None:
    """After "Mayor Jane Doe", a lone "Doe" is her: news copy names people by surname.

    Only a surname no other entity uses, that no other person shares, and that is not a
    country or province, so the mention scan cannot hand one person's words to another.
    """
    taken = {group_key(form) for ent in entities for form in ent.forms}
    surnames: dict[str, list[_Entity]] = {}
    for ent in entities:
        if ent.kind != "person":
            continue
        longest = max(ent.forms, key=lambda f: len(_name_tokens(f)))
        tokens = _name_tokens(longest)
        if len(tokens) < 2:
            continue
        surname = _POSSESSIVE_RE.sub("", tokens[-1])
        if len(surname) > 2 and _is_capitalised(surname) and "." not in surname:
            surnames.setdefault(surname, []).append(ent)
    for surname, owners in surnames.items():
        if len(owners) != 1 or group_key(surname) in taken:
            continue
        place = gazetteer.lookup(surname)
        if place is not None and place.kind in ("country", "subdivision", "continent"):
            continue
        first = next(whole_name_spans(surname, story.text), None)
        if first is not None:
            owners[0].forms.setdefault(surname, first[0])


def _choose_canonical(ent: _Entity, long_forms: set[str]) -> str:
    forms = list(ent.forms)
    linked = [f for f in forms if group_key(f) in long_forms]
    if linked:
        return max(linked, key=len)
    if ent.kind == "person":
        return max(forms, key=lambda f: (len(_name_tokens(f)), len(f)))
    # The spelled-out name over a short form ("United States" over "U.S.").
    return max(forms, key=lambda f: (not f.isupper() and "." not in f, len(f)))


_HYPHENS = "-‐"  # a name does not start right after one: "ex-Khan" is no mention of Khan
_BOUNDARY_BEFORE = rf"(?<![\w{re.escape(_HYPHENS)}])"
_BOUNDARY_AFTER = r"(?![\w])"


def _name_pattern(form: str) -> str:
    return _BOUNDARY_BEFORE + re.escape(form) + _BOUNDARY_AFTER


def _is_word_char(char: str) -> bool:
    """What `\\w` matches in a str pattern."""
    return char.isalnum() or char == "_"


def whole_name_spans(form: str, text: str) -> Iterator[tuple[int, int]]:
    """Where `form` stands in `text` as a whole name, in order: the spans that
    `re.finditer(_name_pattern(form), text)` finds.

    Found with `str.find` instead: a pattern per name costs a compilation per new name (most
    names in a bulletin are new), and those patterns push the rules' own out of `re`'s cache.
    """
    if not form:
        yield from (m.span() for m in re.finditer(_name_pattern(form), text))
        return
    at = text.find(form)
    while at >= 0:
        end = at + len(form)
        before = text[at - 1] if at else ""
        after = text[end] if end < len(text) else ""
        if (not before or not (_is_word_char(before) or before in _HYPHENS)) and (
            not after or not _is_word_char(after)
        ):
            yield at, end
            at = text.find(form, end)
        else:
            at = text.find(form, at + 1)


def _scan_mentions(story: _Story, entities: list[_Entity]) -> None:
    """Find every occurrence of every accepted form; the longest claim wins each place."""
    text = story.text
    claims: list[tuple[int, int, int, bool, bool]] = []  # start, end, entity, nested_ok, ner
    for index, ent in enumerate(entities):
        for start, end, nested in ent.spans:
            claims.append((start, end, index, nested, True))
        for form in ent.forms:
            if len(form) < 2:
                continue
            for start, end in whole_name_spans(form, text):
                claims.append((start, end, index, False, False))
    claims.sort(key=lambda c: (-(c[1] - c[0]), not c[4], c[0]))
    accepted: list[tuple[int, int, int]] = []
    per_entity: dict[int, set[tuple[int, int]]] = {i: set() for i in range(len(entities))}
    for start, end, index, nested, _ner in claims:
        clash = False
        for a_start, a_end, a_index in accepted:
            if not (a_start < end and start < a_end):
                continue
            inside = a_start <= start and end <= a_end
            place_in_org = (
                entities[index].kind == "place" and entities[a_index].kind == "organisation"
            )
            if nested and inside and place_in_org and (a_start, a_end) != (start, end):
                continue
            clash = True
            break
        if not clash:
            accepted.append((start, end, index))
            per_entity[index].add((start, end))
    for index, ent in enumerate(entities):
        ent.spans = [(s, e, False) for s, e in sorted(per_entity[index])]


def _named_candidates(story: _Story, lex: _Lexicon) -> list[Candidate]:
    text = story.text
    proposals = _ner_proposals(story, lex)

    links: list[tuple[str, str]] = []
    long_forms: set[str] = set()
    abbr_keys: dict[str, str] = {}
    abbreviations = [] if story.off("acronyms") else _abbreviations(story, proposals)
    for (ls, le), (ss, se) in abbreviations:
        labels = [
            p.label
            for p in proposals
            if (
                (p.start, p.end) == (ss, se)
                or (ls <= p.start and p.end <= le and p.end - p.start > (le - ls) // 2)
            )
        ]
        label = next((lab for lab in ("ORG", "GPE", "LOC", "FAC") if lab in labels), "abbr")
        # The long form replaces partial NER guesses inside it; places inside may stay.
        inner = []
        for prop in proposals:
            if ls <= prop.start and prop.end <= le and (prop.start, prop.end) != (ls, le):
                if prop.label in ("GPE", "LOC") and label == "ORG":
                    prop.nested_ok = True
                else:
                    inner.append(prop)
        proposals = [p for p in proposals if p not in inner]
        proposals.append(_Proposal(ls, le, label, "rule"))
        proposals.append(_Proposal(ss, se, label, "rule"))
        short_key, long_key = group_key(text[ss:se]), group_key(text[ls:le])
        links.append((short_key, long_key))
        long_forms.add(long_key)
        abbr_keys[short_key] = long_key

    for start, short_end, end in _extend_org_of_place(story, proposals):
        for prop in proposals:
            if (prop.start, prop.end) == (start, short_end) and prop.label == "ORG":
                prop.end = end
            elif start <= prop.start and prop.end <= end and prop.label != "ORG":
                prop.nested_ok = True
        links.append((group_key(text[start:short_end]), group_key(text[start:end])))

    # The rule proposals, in this order: the gazetteer's and the lists' read those before.
    if not story.off("appositions"):
        proposals += _appos_person_proposals(story, lex)
        proposals += role_noun_name_proposals(story, lex)
        proposals += _age_person_proposals(story, lex)
    if not story.off("org-cues"):
        proposals += _org_cue_proposals(story, lex)
    proposals += _cited_proposals(story, lex)
    if not story.off("teams"):
        teams, team_links = _team_proposals(story)
        proposals += teams
        links += team_links
    if not story.off("place-cues"):
        proposals += _place_cue_proposals(story, lex)
    if not story.off("gazetteer-places"):
        proposals += _gazetteer_proposals(story, [(p.start, p.end) for p in proposals])
    if not story.off("place-lists"):
        proposals += _coordination_proposals(story, proposals)

    proposals = persons_in_bodies(story, proposals)
    # "the end of Esfand": a month of another calendar is no name.
    proposals = [
        p
        for p in proposals
        if not any(s <= p.start and p.end <= e for s, e in story.other_calendar)
    ]
    entities = _resolve(story, proposals, lex, abbr_keys)
    entities = _merge_entities(entities, links, lex)
    if not story.off("surnames"):
        _add_surname_forms(story, entities)
    _scan_mentions(story, entities)

    results: list[Candidate] = []
    for ent in entities:
        if not ent.spans:
            continue
        canonical = _choose_canonical(ent, long_forms)
        mentions = [Mention(text[s:e], s, e) for s, e, _n in ent.spans]
        first = next((m for m in mentions if m.text == canonical), mentions[0])
        canonical = first.text
        ordered = [first, *[m for m in mentions if m is not first]]
        aliases: dict[str, None] = {}
        for form in (*[m.text for m in mentions], *ent.forms, *ent.extra_aliases):
            if form != canonical and form in text and group_key(form) != group_key(canonical):
                aliases.setdefault(form, None)
        wants_role = ent.kind == "person" and not story.off("roles")
        role = _person_role(story, ent, ordered, lex) if wants_role else None
        origin = "ner" if "ner" in ent.origins else sorted(ent.origins)[0]
        raw = ",".join(label for label, _ in ent.labels.most_common())
        label = f"{raw}->{ent.kind}({ent.retyped})" if ent.retyped else raw
        results.append(
            Candidate(
                kind=ent.kind,
                text=canonical,
                mentions=tuple(ordered),
                origin=origin,
                label=label,
                aliases=tuple(aliases),
                role=role,
            )
        )
    return results if story.off("roles") else with_role_holders(story, results)
