"""Name proposals from spaCy's NER: its spans cleaned, cut where it ran two names together,
and extended where it stopped inside one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summariser import gazetteer
from summariser.extract.cues import (
    _CURRENCY_AFTER_RE,
    _MONTH_NAMES,
    _SCORE_RE,
    _WEEKDAYS,
    _strip_prefix_title,
    _title_before,
    role_phrase_set_off_before,
)
from summariser.extract.lexicon import _is_common_word
from summariser.extract.model import _Proposal
from summariser.extract.spans import (
    _NUMBER_WORDS,
    _clean_span,
    _join_hyphenated,
    _overlaps,
    _split_org,
    _strip_lowercase_lead,
)
from summariser.text import NAME_CONNECTORS, group_key

if TYPE_CHECKING:
    from summariser.extract.lexicon import _Lexicon
    from summariser.extract.story import _Story


_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


def _strip_lowercase_tail(text: str, start: int, end: int, label: str, lex: _Lexicon) -> int:
    """'Croatia eleven', 'Border Police of', 'the Georgian Dream party': names end with a
    name word. A lower-case body word after a name says what it is ("party"); it is not
    part of it. Place type words stay ("Kara-Darya river"): they are read later."""
    while True:
        words = text[start:end].rsplit(None, 1)
        if len(words) < 2 or not words[1].islower():
            return end
        word = words[1].casefold()
        # "Hina news" of "Hina news agency": the body word may run past the span.
        tail = text[end - len(words[1]) : end + 30]
        body = label == "ORG" and re.match(rf"(?:{lex.descriptors_re})\b", tail, re.IGNORECASE)
        if word not in NAME_CONNECTORS and word not in _NUMBER_WORDS and not body:
            return end
        end = start + len(words[0].rstrip())
        end = _clean_span(text, start, end)[1]


_HYPHEN_TAIL_RE = re.compile(r"-([a-z]{2,})(?![\w\-])")


def _hyphenated_given_name(story: _Story, end: int) -> int:
    """'Wong Yeung' + '-tat', 'Wong Kwok' + '-hing': the NER model stops at the hyphen of a
    given name written in two syllables. The tail belongs to the name unless the compound
    qualifies the noun after it ('a Trump-backed candidate', 'the Obama-era rules')."""
    match = _HYPHEN_TAIL_RE.match(story.text, end)
    if match is None:
        return end
    after = story.token_at(match.end() + 1)
    if after is not None and after.tag_ in ("NN", "NNS", "NNP", "NNPS", "JJ"):
        return end
    return match.end()


_CALENDAR_WORDS = frozenset(
    (*_MONTH_NAMES.split("|"), *_WEEKDAYS.removeprefix("(?:").removesuffix(")").split("|"))
)


def _given_name_before(story: _Story, start: int, lex: _Lexicon) -> int:
    """'singer-songwriter Carly' + 'Simon': after a lower-case word the NER model may tag
    the surname alone. A capitalised word right before it, in no entity of its own, not a
    title and not opening the sentence, is the person's given name. So is one opening a
    name set off by commas after a role noun ("minister, Do Thanh Phuong,")."""
    token = story.token_at(start)
    if token is None or token.i < 2 or token.ent_iob_ != "B":
        return start
    doc = token.doc
    given, before = doc[token.i - 1], doc[token.i - 2]
    plain = (
        given.is_alpha and given.is_title and not given.ent_type_ and not given.is_sent_start
        and given.whitespace_ == " "
        and given.text not in _CALENDAR_WORDS  # "announced Wednesday Harris had won"
        and given.text not in lex.honorifics and given.lower_ not in lex.role_nouns
        and not any(given.text == head.split()[0] for head in lex.title_heads)
    )
    if not plain:
        return start
    alone = not (token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I")
    # After a noun or an adjective ("singer-songwriter", "British"), not after a
    # preposition or article ("Minister of Education Giannini": the portfolio's name) or a
    # verb ("said Congressman Santos"): a surname tagged alone.
    if alone and before.is_lower and before.is_alpha and before.tag_ in ("NN", "NNS", "JJ"):
        return given.idx
    # "the agriculture minister, Do Thanh Phuong, said": a name set off by commas after a
    # role noun is the whole run of capitals between them, the word the tagger read as a
    # verb ("Do") too.
    end = token.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    closes = end + 1 < len(doc) and doc[end + 1].text == ","
    # (Not a connective or an adverb, "However Tran Van Son": only a word read as a verb
    # or a name.)
    if (
        closes and token.ent_type_ == "PERSON" and given.tag_[:2] in ("VB", "NN", "MD")
        and role_phrase_set_off_before(story.text, given.idx, lex)
    ):
        return given.idx
    return start


def _split_named_span(
    text: str, start: int, end: int, label: str, places: frozenset[str]
) -> list[tuple[int, int, str]]:
    """Cut a span the NER model ran across two names: 'Ungheni to Chișinău' (a lower-case
    preposition between names), 'Sarangani, South Cotabato' (a list), 'Tana and Lamu' as one
    body where one of them is a place, or 'Yerevan’s Arabkir' (a possessor before a name)."""
    piece = text[start:end]
    match = re.search(r"\s(?:to|via|from|into|near)\s(?=[A-Z])|,\s(?=[A-Z])", piece)
    # "According to Rathbun the Scientology property": an article after a bare name opens a
    # new phrase; not inside a body's own name ("Bank of the South", "Fund for Saving the
    # Aral Sea") nor a byname ("Alexander the Great").
    article = re.search(r"\sthe\s(?=[A-Z])", piece)
    bare = article is not None and re.fullmatch(r"[A-Z][\w’'\-]*", piece[: article.start()])
    if match is None and bare and label != "PERSON":
        match = article
    if match is not None:
        first = (start, start + match.start())
        second = (start + match.end(), end)
        return [(*first, label), (*second, label)]
    pair = re.fullmatch(r"([A-Z][\w’'\-]+) and ([A-Z][\w’'\-]+)", piece)
    if (
        pair is not None
        and label == "ORG"
        and any(group_key(name) in places or gazetteer.lookup(name) for name in pair.groups())
    ):
        return [(start + pair.start(g), start + pair.end(g), "GPE") for g in (1, 2)]
    match = re.search(r"['’]s\s+(?=[A-Z])", piece)
    if match is not None and label != "ORG":
        owner = (start, start + match.start())
        owner_label = "GPE" if gazetteer.lookup(text[owner[0] : owner[1]]) else label
        return [(*owner, owner_label), (start + match.end(), end, label)]
    return [(start, end, label)]


def _extend_org_and(story: _Story, start: int, end: int, ner_spans: list[tuple[int, int]]) -> int:
    """'Ministry of Energy' + ' and Mines', '... Prevention' + ' of Vice': the NER model stops
    at a conjunction or preposition inside long names."""
    text = story.text
    while " of " in text[start:end] or " for " in text[start:end]:
        match = re.match(r" (?:and|of) ([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[\s,.;:)]|$)", text[end:])
        # "Ministry of Electricity" + ", Water and Renewable Energy": a list of portfolios.
        match = match or re.match(
            r",( [A-Z][a-z]+(?:, [A-Z][a-z]+)*,? and [A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[\s,.;:)]|$)",
            text[end:],
        )
        if match is None:
            break
        tail = (end + match.start(1), end + match.end(1))
        # A tail of common words ("and Justice", "and Maritime Economy") is the name going on,
        # even where the NER model tagged it apart; a proper name is another entity.
        words = re.findall(r"[A-Z]\w*", match.group(1))
        common = all(_is_common_word(w) for w in words)
        listed = match.group(0).startswith(",")
        if (listed or any(_overlaps(tail, s) for s in ner_spans)) and not common:
            break
        if gazetteer.lookup(match.group(1)) or any(gazetteer.lookup(w) for w in words):
            break
        end += match.end()
    return end


def _ner_proposals(story: _Story, lex: _Lexicon) -> list[_Proposal]:
    text = story.text
    ner_spans = [(e.start_char, e.end_char) for e in story.doc.ents]
    places = frozenset(group_key(e.text) for e in story.doc.ents if e.label_ in ("GPE", "LOC"))
    raw: list[tuple[int, int, str]] = []
    for ent in story.doc.ents:
        if ent.label_ not in _NAMED_LABELS:
            continue
        if _CURRENCY_AFTER_RE.match(text[ent.end_char : ent.end_char + 20]):
            continue  # "against the US dollar": the currency, not the country
        if ent.label_ == "PERSON" and re.search(r"\d", ent.text):
            continue  # "GH₵40m": no personal name has digits
        start, end = _clean_span(text, *_join_hyphenated(text, ent.start_char, ent.end_char))
        if ent.label_ == "PERSON":
            end = _hyphenated_given_name(story, end)
            start = _given_name_before(story, start, lex)
        score = re.search(rf"\s+{_SCORE_RE}$", text[start:end])  # "Rovers 2-1"
        end = start + score.start() if score else end
        start = _strip_lowercase_lead(text, start, end)
        end = _strip_lowercase_tail(text, start, end, ent.label_, lex)
        if end <= start or not any(ch.isupper() for ch in text[start:end]):
            continue
        label = ent.label_
        if label == "ORG" and any(text[start:end].startswith(h + " ") for h in lex.honorifics):
            label = "PERSON"  # "Dr Ifeoma Okonkwo" is no body
        elif label == "PERSON" and text[start:end].split()[-1] in lex.place_tails:
            label = "FAC"  # "King Fahd Road": named after a man, title and all
            start = (_title_before(text, start, lex) or (start,))[0]
        for s, e, piece_label in _split_named_span(text, start, end, label, places):
            if piece_label != "ORG":
                raw.append((s, e, piece_label))
                continue
            for s2, e2, org_label in _split_org(story, s, e):
                if org_label == "ORG":
                    e2 = _extend_org_and(story, s2, e2, ner_spans)
                raw.append((s2, e2, org_label))

    proposals = []
    for start, end, label in raw:
        start, end = _clean_span(text, start, end)
        if end <= start:
            continue
        prop = _Proposal(start, end, label, "ner", in_title=story.in_title(start, end))
        if label == "PERSON":
            name_start, title, is_role = _strip_prefix_title(text, start, end, lex)
            if title:
                prop.full_start, prop.start = start, name_start
                prop.title, prop.title_is_role = title, is_role
            else:
                before = _title_before(text, start, lex)
                if before is not None:
                    prop.full_start, prop.title, prop.title_is_role = before
        if label in ("GPE", "LOC", "FAC"):
            words = text[start:end].split()
            if len(words) > 1 and words[-1].islower() and words[-1] in lex.place_cue_nouns:
                bare_end = start + len(text[start:end].rsplit(" ", 1)[0])
                if words[-1] in lex.generic_place_nouns:
                    prop.end = bare_end
                elif words[-1] in gazetteer.ADMIN_WORDS:
                    prop.bare_end = bare_end
        proposals.append(prop)
    return proposals
