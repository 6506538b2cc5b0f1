"""Name proposals from rules, for what the NER model misses or mistypes: place and body cues,
citations, sports sides, gazetteer places, lists of places, appositions and ages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.cues import (
    _COORD_RE,
    _CURRENCY_AFTER_RE,
    _DOMAIN_RE,
    _LOCATIVE_RE,
    _MONTH_NAMES,
    _SCORE_RE,
    _SOURCE_AFTER_RE,
    _SPEECH_RE,
    _WEEKDAYS,
    _strip_prefix_title,
)
from summariser.extract.lexicon import _dictionary
from summariser.extract.model import _Proposal
from summariser.extract.spans import (
    _NAME_RUN,
    _NAME_WORD,
    _ORG_RUN,
    _alternation,
    _clean_span,
    _name_tokens,
    _overlaps,
    _split_org,
)
from summariser.text import NAME_CONNECTORS, group_key
from summariser.wordlists import words

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.story import _Story


def _place_cue_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """Names followed by a place noun ("the Bazarak district"), or after 'district of'."""
    text = story.text
    proposals: list[_Proposal] = []
    # "Afghan territory", "the Chinese border": a nationality before a place noun is no name.
    # But "farms in Qarqin district": a proper noun right after "in" is no nationality.
    nationalities = {
        (e.start_char, e.end_char)
        for e in story.doc.ents
        if e.label_ == "NORP"
        and not (
            e.root.tag_ == "NNP"
            and re.search(
                r"\b(?:in|into|near|across|outside|inside)\s+$",
                text[max(0, e.start_char - 10) : e.start_char],
            )
        )
    }
    for match in re.finditer(rf"(?<![\w\-])({_NAME_RUN})(?=\s+[a-z])", text):
        after = lex.place_cue_re.match(text[match.end(1) :])
        if after is None:
            # "the Kariakoo fish market": a noun may qualify a descriptive place noun.
            after = lex.modified_generic_re.match(text[match.end(1) :])
            modifier = story.token_at(match.end(1) + 1)
            if after is None or modifier is None or modifier.tag_ not in ("NN", "NNS"):
                continue
        start, end = match.span(1)
        if re.search(r"['’]s?$", text[start:end]):
            continue  # "Wajir’s county executive": the noun belongs to the possessive phrase
        owner = re.search(r"['’]s\s+", text[start:end])
        if owner is not None:
            start += owner.end()  # "Yerevan’s Arabkir district": the district is Arabkir
        words = text[start:end].split()
        while words and (words[0].casefold() in NAME_CONNECTORS or words[0] in ("A", "An", "In")):
            start += len(words[0]) + 1
            words = words[1:]
        if not words or story.in_title(start, end) or (start, end) in nationalities:
            continue
        noun = after.group(1).casefold()
        names = [(start, end)]
        # "the Uraricoera and Mucajaí rivers": every name of a plural list is a place.
        if noun.endswith("s") and noun not in ("pass", "bus"):
            listed = re.search(
                rf"((?:{_NAME_WORD}(?:\s+{_NAME_WORD})?,\s+)*{_NAME_WORD}(?:\s+{_NAME_WORD})?)"
                rf",?\s+and\s+$",
                text[max(0, start - 120) : start],
            )
            if listed is not None:
                base = max(0, start - 120)
                for part in re.finditer(rf"{_NAME_WORD}(?:\s+{_NAME_WORD})?", listed.group(1)):
                    p_start = base + listed.start(1) + part.start()
                    owner = re.search(r"['’]s\s+", part.group(0))  # "Yerevan’s Arabkir and ..."
                    names.append((p_start + (owner.end() if owner else 0), p_start + len(part[0])))
            proposals.extend(_Proposal(s, e, "place-cue", "rule") for s, e in names)
            continue
        # "the Danube port of Ruse": the noun heads a phrase naming another place (but "the
        # Bazarak district of Panjshir" names the district and where it lies).
        of_phrase = re.match(r"\s+of\s", text[match.end(1) + after.end() :])
        if noun in lex.generic_place_nouns or (of_phrase and noun not in gazetteer.ADMIN_WORDS):
            proposals.append(_Proposal(start, end, "place-cue", "rule"))
        else:
            # "Osh region" is Osh, and so is "the Kakuma camp" Kakuma; "the Niger river" is
            # not the country Niger.
            same = noun in gazetteer.ADMIN_WORDS or (
                noun in lex.same_place_nouns and gazetteer.lookup(text[start:end]) is None
            )
            bare_end = end if same else None
            proposals.append(
                _Proposal(start, match.end(1) + after.end(), "place-cue", "rule", bare_end=bare_end)
            )
    cue = (
        r"\b(?:district|province|region|county|city|town|village|state|governorate|island|port|"
        r"municipality|commune|prefecture)s?\s+of\s+"
    )
    for match in re.finditer(rf"{cue}(?:the\s+)?({_NAME_RUN})", text):
        start, end = _clean_span(text, *match.span(1))
        proposals.append(_Proposal(start, end, "place-of", "rule"))
    return proposals


# "Army-run", "Chinese-owned": who runs a body, not part of its name.
_OWNED = "|".join(words("owner_participles"))


def _joins_ner_names(story: _Story, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether a capitalised run holds two names the NER model found apart: a person and
    the body after "of" ("Raymond Chan of People Power"), or two bodies joined by "and",
    each with a body word of its own ("the Massachusetts Institute of Technology and
    Colorado State University"). A run across them is no one body's name; the NER spans
    stand."""
    inside = [
        e for e in story.doc.ents
        if start < e.end_char and e.start_char < end and e.label_ in ("PERSON", "ORG")
    ]
    for first, second in zip(inside, inside[1:], strict=False):
        between = story.text[first.end_char : second.start_char]
        if first.label_ == "PERSON" and between == " of ":
            return True
        bodies = first.label_ == second.label_ == "ORG" and between == " and "
        if bodies and all(_has_body_word(e.text, lex) for e in (first, second)):
            return True
    return False


def _has_body_word(name: str, lex: _Lexicon) -> bool:
    return any(w.casefold() in lex.org_words for w in _name_tokens(name))


def _org_cue_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """'the state oil company Ecopetrol', 'the opposition party CHADEMA'."""
    text = story.text
    proposals = []
    for match in re.finditer(rf"(?<![\w\-])({_ORG_RUN})", text):
        start, end = _clean_span(text, *match.span(1))
        start = _strip_sentence_article(text, start, end)
        owner = list(re.finditer(rf"['’]s\s+|^\S+?-(?:{_OWNED})\s+", text[start:end]))
        if owner:
            start += owner[-1].end()  # "Malaysia’s Court of Appeal", "Army-run Radio Tamazuj"
        before = text[max(0, start - 60) : start]
        # "Tajikistan’s state power company, Barqi Tojik, said": a name set off as the
        # apposition of a body word.
        apposed = lex.org_appos_re.search(before) and text[end : end + 1] == ","
        if _joins_ner_names(story, start, end, lex):
            continue
        if lex.org_before_re.search(before) or apposed:
            end = _foreign_name_tail(text, end)
            proposals.append(_Proposal(start, end, "org-cue", "rule"))
            continue
        if lex.body_cue_re.match(text[end : end + 20]) and _names_a_body(story, start, end):
            proposals.append(_Proposal(start, end, "body-cue", "rule"))  # "the Wagner group"
        # "The Relief and Rehabilitation Commission": a name ending in a body word;
        # "the Agency for External Labour Migration": one starting with it.
        words = _name_tokens(text[start:end])
        body_word = len(words) >= 2 and words[-1].casefold() in lex.org_words
        body_word = body_word or (
            len(words) >= 3 and words[0].casefold() in lex.org_words and words[1] in ("of", "for")
        )
        body_word = body_word or (len(words) >= 2 and words[-1] == "International")
        if body_word and not story.in_title(start, end):
            s, e, _label = _split_org(story, start, end)[-1]
            if len(_name_tokens(text[s:e])) >= 2:
                proposals.append(_Proposal(s, e, "org-name", "rule"))
    # News sites named by their address ("the news site 24.kg").
    for match in _DOMAIN_RE.finditer(text):
        proposals.append(_Proposal(match.start(), match.end(), "domain", "rule"))
    return proposals


_ACRONYM_RE = re.compile(r"(?<![\w\-.])[A-Z]{3,}(?![\w\-]|\.\w)")
_CITED_BEFORE_RE = re.compile(
    r"\b(?:told|according\s+to|quoting|(?:quoted|cited|reported)\s+by)\s+(?:the\s+)?$"
)


def _cited_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """Names the NER model missed where the story cites them: a known outlet ('told Salam
    Watandar', 'Pajhwok reported') or an acronym that speaks ('ECOWAS said'). Without the
    citation a known outlet's name may be a word ('Dawn raids')."""
    text = story.text
    proposals = []
    outlets = () if story.off("citations") else lex.outlet_names_re.finditer(text)
    for match in outlets:
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 80]
        if _CITED_BEFORE_RE.search(before) or _SOURCE_AFTER_RE.match(after):
            proposals.append(_Proposal(*match.span(), "outlet", "gazetteer"))
    acronyms = () if story.off("acronyms") else _ACRONYM_RE.finditer(text)
    for match in acronyms:
        word = match.group(0)
        if word.casefold() in lex.role_nouns or gazetteer.lookup(word) is not None:
            continue
        if story.in_title(*match.span()):
            continue  # "UN SAYS ...": a headline in capitals
        if _SOURCE_AFTER_RE.match(text[match.end() : match.end() + 80]):
            proposals.append(_Proposal(*match.span(), "acronym", "rule"))
    return proposals


_COMPOUND_ADJECTIVE_RE = re.compile(rf"[\w’']-(?:{_OWNED})$")


def _names_a_body(story: _Story, start: int, end: int) -> bool:
    """Whether a capitalised run before 'group' or 'company' is a name: not 'The company',
    not 'a Chinese-owned firm', not a heading."""
    form = story.text[start:end]
    if story.in_title(start, end) or _COMPOUND_ADJECTIVE_RE.search(form):
        return False
    token = story.token_at(start)
    common = form.casefold() in _dictionary() or (token is not None and token.is_stop)
    return " " in form or not common


_MATCH_RE = re.compile(
    rf"(?<![\w\-])({_NAME_RUN})\s+(?:beat|beats|defeated|thrashed|edged|drew\s+with|"
    rf"lost\s+to)\s+({_NAME_RUN})\s+{_SCORE_RE}"
)
_SPORTS_RE = re.compile(
    r"\b(?:league|table|standings|games?|match(?:es)?|season|fixtures?|derby|championship|"
    r"title\s+race|in\s+hand|goals?|cup)\b",
    re.IGNORECASE,
)
_STANDING_RE = re.compile(
    rf"\bpoints?\s+(?:behind|clear\s+of|ahead\s+of|above|below)\s+({_NAME_RUN})"
)


def _team_proposals(story: _Story) -> tuple[list[_Proposal], list[tuple[str, str]]]:
    """Sides named by a match result or a league table, with their one-word short forms
    ("City" of "Orlando City"), linked to the full name. A side that speaks ("X said") is
    left alone: players are named in results too."""
    text = story.text
    spans = [m.span(g) for m in _MATCH_RE.finditer(text) for g in (1, 2)]
    # "two points behind X" is a poll too; a table needs a sports word in the sentence.
    spans += [
        m.span(1)
        for m in _STANDING_RE.finditer(text)
        if _SPORTS_RE.search(text[slice(*story.sentence_of(m.start()))])
    ]
    proposals: list[_Proposal] = []
    links: list[tuple[str, str]] = []
    for raw_start, raw_end in spans:
        start, end = _clean_span(text, raw_start, raw_end)
        start = _strip_sentence_article(text, start, end)
        name = text[start:end]
        if story.in_title(start, end) or re.search(
            rf"\b{re.escape(name)}\s+(?:{_SPEECH_RE.pattern})", text
        ):
            continue
        proposals.append(_Proposal(start, end, "team", "rule"))
        words = name.split()
        # "City" of "Orlando City", "Red Star" of "Red Star Belgrade".
        place_last = gazetteer.lookup(words[-1]) is not None
        short = " ".join(words[:-1]) if place_last else words[-1]
        if len(words) < 2:
            continue
        pattern = rf"(?<![A-Z][\w’'\-]\s)(?<![\w\-]){re.escape(short)}(?![\w\-]|\s+[A-Z])"
        for match in re.finditer(pattern, text):
            if not start <= match.start() < end:
                proposals.append(_Proposal(match.start(), match.end(), "team", "rule"))
        links.append((group_key(short), group_key(name)))
    return proposals, links


def _foreign_name_tail(text: str, end: int) -> int:
    """'the Belgrade daily Sportski žurnal.': a foreign name may go on in lower case. Only a
    word that is no English word (nor a reporting verb) and closes the phrase is taken."""
    match = re.match(r" ([^\W\d_A-Z][^\W\d_]+)(?=[.,;:)]|$)", text[end : end + 40], re.M)
    if match is None or _SPEECH_RE.fullmatch(match.group(1)):
        return end
    word = match.group(1)
    stems = {word, word[:-1], word[:-2], word[:-3]}
    if word.islower() and not stems & _dictionary():
        return end + match.end()
    return end


def _strip_sentence_article(text: str, start: int, end: int) -> int:
    match = re.match(r"(?:The|A|An|In|On|At|For|By|From)\s+(?=\S)", text[start:end])
    return start + match.end() if match else start


def _gazetteer_proposals(story: _Story, taken: list[tuple[int, int]]) -> list[_Proposal]:
    """Places the NER model missed or split ("Boa" + "Vista").

    Countries and multi-word names are specific enough to trust anywhere; a single-word city
    or province also needs a locative preposition before it.
    """
    text = story.text
    proposals = []
    for match in re.finditer(rf"(?<![\w\-])({_NAME_RUN})", text):
        run_start, run_end = _clean_span(text, *match.span(1))
        words = list(re.finditer(r"\S+", text[run_start:run_end]))
        # Longest gazetteer n-grams inside the capitalised run.
        index = 0
        while index < len(words):
            hit = None
            for stop in range(min(len(words), index + 4), index, -1):
                start = run_start + words[index].start()
                end = run_start + words[stop - 1].end()
                start, end = _clean_span(text, start, end)
                multi = stop - index > 1
                covered = any(_overlaps((start, end), t) for t in taken)
                locative = not covered and _LOCATIVE_RE.search(text[max(0, start - 20) : start])
                # A spelling variant ("Jowzjan") only where the text already sets a place.
                place = gazetteer.lookup(text[start:end], fuzzy=bool(locative and not multi))
                if place is None or _CURRENCY_AFTER_RE.match(text[end : end + 20]):
                    continue
                contains = any(
                    start <= t[0] and t[1] <= end and (t[0], t[1]) != (start, end) for t in taken
                )
                if place.kind == "country" and not covered:
                    hit = (start, end, "country", stop)
                elif multi and (not covered or contains):
                    hit = (start, end, "gaz-multi", stop)
                elif locative and (
                    stop == len(words)
                    or words[stop].group().casefold() in gazetteer.ADMIN_WORDS
                    or words[stop - 1].group().endswith(("'s", "’s", "'", "’"))
                ):
                    # Not the first word of a longer name ("from the Savage Love advice
                    # column", "at the Orlando Pirates ground"): the name is the whole run;
                    # a possessive ends the name ("in Kyiv's Obolon district").
                    hit = (start, end, "gaz-locative", stop)
                if hit:
                    break
            if hit:
                proposals.append(_Proposal(hit[0], hit[1], hit[2], "gazetteer"))
                index = hit[3]
            else:
                index += 1
    return proposals


def _coordination_proposals(story: _Story, proposals: list[_Proposal]) -> list[_Proposal]:
    """'Córdoba, Rosario and Mendoza': a known place name listed next to a place is a place."""
    text = story.text
    place_labels = {
        "GPE",
        "LOC",
        "FAC",
        "country",
        "gaz-multi",
        "gaz-locative",
        "place-cue",
        "place-of",
    }
    places = {(p.start, p.end) for p in proposals if p.label in place_labels}
    added: list[_Proposal] = []
    runs = [m.span(1) for m in re.finditer(rf"(?<![\w\-])({_NAME_RUN})", text)]
    for _round in range(3):
        grew = False
        for run in runs:
            start, end = _clean_span(text, *run)
            if (start, end) in places:
                continue
            place = gazetteer.lookup(text[start:end])
            if place is None:
                continue
            for p_start, p_end in list(places):
                between = text[p_end:start] if p_end <= start else text[end:p_start]
                if len(between) <= 6 and _COORD_RE.match(between):
                    places.add((start, end))
                    added.append(_Proposal(start, end, "coordinated", "gazetteer"))
                    grew = True
                    break
        if not grew:
            break
    return added


def _appos_person_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """A proper name with a role apposition is a person whatever the NER label says."""
    proposals = []
    for token in story.doc:
        if token.dep_ != "appos":
            continue
        if token.lower_ in lex.role_nouns and token.head.tag_ == "NNP" and token.head.i < token.i:
            name_tok = token.head
        elif token.tag_ == "NNP" and token.head.lower_ in lex.role_nouns and token.head.i < token.i:
            name_tok = token
        else:
            continue
        first = name_tok.i
        while first > 0 and story.doc[first - 1].tag_ == "NNP" and story.doc[first - 1].is_title:
            first -= 1
        tokens = story.doc[first : name_tok.i + 1]
        if not all(t.is_title or t.text[:1].isupper() for t in tokens) or tokens.text.isupper():
            continue
        start, end = tokens.start_char, tokens.end_char
        name_start, title, _is_role = _strip_prefix_title(story.text, start, end, lex)
        if name_start >= end:
            continue
        words = _name_tokens(story.text[name_start:end])
        if any(w.casefold() in lex.org_words for w in words):
            continue
        prop = _Proposal(name_start, end, "appos-person", "rule")
        if title:
            prop.full_start, prop.title = start, title
        proposals.append(prop)
    return proposals


_AGE_APPOS_RE = re.compile(
    r"(?<![\w\-’'])([A-Z][^\W\d_]+(?:[ \-][A-Z][^\W\d_]+){0,3}),\s+"
    r"(?:(\d{1,3}),\s+(?=[^\W\d])|an?\s+(\d{1,3})-year-old\b)"
)


@lru_cache(maxsize=1)
def _animal_after_re() -> re.Pattern[str]:
    # The animal noun heads the phrase: not "a 35-year-old horse breeder", "dog handler".
    return re.compile(
        rf"\s+(?:[\w\-]+\s+)?(?:{_alternation(words('animal_nouns'))})\b"
        r"(?!\s+[a-z]+(?:er|ers|or|ors|ist|ists|man|men|woman|women)\b)"
    )


def _age_person_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    """'Sardor, 29, from the town of Urgut, said', 'X, a 35-year-old docker': a name with an
    age set off by commas is a person, though the NER model may not know a lone first name
    or may call a full one an organisation. A title or a sentence's first role noun before
    it is the person's role, not part of the name ("Trainer Alicia Ferreyra, 71,")."""
    proposals = []
    for match in _AGE_APPOS_RE.finditer(story.text):
        start, end = match.span(1)
        name = match.group(1)
        if int(match.group(2) or match.group(3)) > 110 or story.in_title(start, end):
            continue
        if re.fullmatch(rf"{_MONTH_NAMES}|{_WEEKDAYS}", name) or gazetteer.lookup(name):
            continue
        if match.group(3) and _animal_after_re().match(story.text, match.end()):
            continue  # "Don Aurelio, a 4-year-old colt": an animal's age
        name_start, title, _is_role = _strip_prefix_title(story.text, start, end, lex)
        if title and " " not in title and title.casefold() not in lex.role_nouns and not any(
            title == word for word in (*lex.title_heads, *lex.honorifics)
        ):
            # "Mark Anthony Okoth, 52," in a story that also writes "mark": a given name
            # the story uses as a word elsewhere is still the name's (only a role noun or a
            # title is taken off it).
            name_start, title = start, ""
        prop = _Proposal(name_start, end, "age-person", "rule")
        if title:
            prop.full_start, prop.title = start, title
        proposals.append(prop)
    return proposals


def _extend_org_of_place(story: _Story, proposals: list[_Proposal]) -> list[tuple[int, int, int]]:
    """'The Drug Control Agency' + 'of Tajikistan' -> one name; returns (start, short end, end)."""
    text = story.text
    joined = []
    for prop in proposals:
        if prop.label != "ORG":
            continue
        last = text[prop.start : prop.end].split()[-1]
        if not last[:1].isupper() or last.isupper():
            continue
        match = re.match(r"\s+of\s+", text[prop.end :])
        if match is None:
            continue
        place_start = prop.end + match.end()
        for other in proposals:
            if other.start == place_start and gazetteer.lookup(text[other.start : other.end]):
                joined.append((prop.start, prop.end, other.end))
                break
    return joined
