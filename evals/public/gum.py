"""Read a GUM news document (`dep/GUM_news_*.conllu`) into sentences, entities and summaries.

Why the dependency (`dep/`) CoNLL-U files and not `coref/tsv` or `xml/`: they are the one
GUM format that carries, in a single file, the tokens with their spacing (`SpaceAfter=No`,
multi-word tokens such as "Trump's"), the paragraph and block structure (`# newpar_block`),
the syntax that finds a mention's head (UPOS, XPOS, heads, relations), the entity layer
(`Entity=` brackets: type, salience, Wikipedia identity), and the document header with the
summaries (`# meta::summaryN`). The tsv carries the entities but neither spacing nor syntax,
so a head and a faithful text would have to be stitched in from a second format.

The CoNLL-U itself is read with the `conllu` library; only GUM's `Entity=` bracket notation
(`(GRP-etype-infstat-salience-centering-minspan-link-identity`, closed by `GRP)`) is parsed
here, because no library knows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import conllu

#: `newpar_block` items look like `caption (2 s)`, `p rend:::"..." (1 s)`.
_BLOCK_RE = re.compile(r"^\s*(\w+)\b.*\((\d+) s\)\s*$")
#: A summary header: `(human1) text` or `(gpt4o) text`.
_SUMMARY_RE = re.compile(r"^\((?P<who>[^)]*)\)\s*(?P<text>.*)$", re.S)
_ENTITY_OPEN_RE = re.compile(r"\((\d+)-([^()]*)")
_ENTITY_CLOSE_RE = re.compile(r"(\d+)\)")


@dataclass
class Word:
    """One syntactic word with its character span in the document text as rebuilt."""

    index: int  # 1-based id within its sentence
    form: str
    upos: str
    xpos: str
    head: int
    deprel: str
    start: int
    end: int


@dataclass
class Sentence:
    """One sentence: its words, its text, and where it sits in the document's layout."""

    text: str
    words: list[Word]
    new_paragraph: bool
    caption: bool
    has_date_tag: bool
    #: The whole sentence is one date ("Friday, January 3, 2014"): a date line, no title.
    is_date: bool = False


@dataclass
class Mention:
    """One entity mention: its sentence and its words' 1-based ids (first..last)."""

    sentence: int
    first: int
    last: int


@dataclass
class Entity:
    """One GUM entity (a coreference group) with its type, identity and mentions."""

    group: str
    etype: str
    identity: str | None
    salience: str
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Document:
    """A parsed GUM document: header fields, sentences, entities."""

    name: str
    meta: dict[str, str]
    sentences: list[Sentence]
    entities: dict[str, Entity]

    def summaries(self) -> list[tuple[str, str]]:
        """(annotator, text) of each `meta::summaryN`, in N order."""
        out: list[tuple[str, str]] = []
        n = 1
        while f"meta::summary{n}" in self.meta:
            match = _SUMMARY_RE.match(self.meta[f"meta::summary{n}"].strip())
            if match:
                out.append((match["who"], match["text"].strip()))
            else:
                out.append(("", self.meta[f"meta::summary{n}"].strip()))
            n += 1
        return out


class GumFormatError(ValueError):
    """A GUM file does not look as this reader expects (the build stops rather than guess)."""


def _rebuild(tokens: conllu.TokenList, offset: int) -> tuple[str, list[Word]]:
    """The sentence text from its tokens and `SpaceAfter`, with each word's span.

    Words inside a multi-word token ("Trump's" = "Trump" + "'s") get the characters of the
    token they spell in order; when they do not spell it, each gets the whole token.
    """
    parts: list[str] = []
    words: list[Word] = []
    pos = offset
    covered_until = 0
    ranges: dict[int, tuple[int, int]] = {}
    for token in tokens:
        tid = token["id"]
        misc = token["misc"] or {}
        if isinstance(tid, tuple):  # a multi-word token: its form is what the text shows
            if tid[1] != "-":
                continue  # an empty node or decimal id: not text
            first, last = int(tid[0]), int(tid[2])
            start = pos
            form = token["form"]
            parts.append(form)
            pos += len(form)
            ranges.update(_split_mwt(tokens, first, last, form, start))
            covered_until = last
        elif isinstance(tid, int):
            if tid <= covered_until:
                start, end = ranges[tid]
            else:
                start = pos
                parts.append(token["form"])
                pos += len(token["form"])
                end = pos
            words.append(Word(tid, token["form"], token["upos"], token["xpos"] or "",
                              int(token["head"] or 0), token["deprel"] or "", start, end))
            if tid <= covered_until:
                continue  # the multi-word token's own SpaceAfter counted already
        else:
            continue
        if misc.get("SpaceAfter") != "No":
            parts.append(" ")
            pos += 1
    return "".join(parts).rstrip(" "), words


def _split_mwt(
    tokens: conllu.TokenList, first: int, last: int, form: str, start: int
) -> dict[int, tuple[int, int]]:
    members = [t for t in tokens if isinstance(t["id"], int) and first <= t["id"] <= last]
    if "".join(t["form"] for t in members) == form:
        spans: dict[int, tuple[int, int]] = {}
        pos = start
        for t in members:
            spans[t["id"]] = (pos, pos + len(t["form"]))
            pos += len(t["form"])
        return spans
    return {t["id"]: (start, start + len(form)) for t in members}


def _caption_sentences(block: str) -> int:
    """How many of the next sentences a `newpar_block` opens as a figure caption."""
    for item in block.split("|"):
        match = _BLOCK_RE.match(item)
        if match and match.group(1) == "caption":
            return int(match.group(2))
    return 0


def parse_document(name: str, source: str) -> Document:
    """Parse one GUM CoNLL-U document; the text is rebuilt and checked against `# text`."""
    sentences_in = conllu.parse(source)
    if not sentences_in:
        raise GumFormatError(f"{name}: no sentences")
    meta = {k: v for k, v in sentences_in[0].metadata.items() if isinstance(v, str)}
    sentences: list[Sentence] = []
    entities: dict[str, Entity] = {}
    open_mentions: dict[str, list[tuple[int, int]]] = {}
    caption_left = 0
    for s_index, tokens in enumerate(sentences_in):
        md = tokens.metadata
        if "newpar_block" in md:
            caption_left = _caption_sentences(md["newpar_block"] or "")
        text, words = _rebuild(tokens, 0)
        if text != md.get("text"):
            raise GumFormatError(f"{name}: sentence {s_index + 1} rebuilt as {text!r}, "
                                 f"its # text is {md.get('text')!r}")
        is_caption = caption_left > 0
        caption_left = max(0, caption_left - 1)
        xml = [str((t["misc"] or {}).get("XML", "")) for t in tokens]
        has_date = any("<date" in x for x in xml)
        is_date = bool(xml) and xml[0].startswith("<date") and xml[-1].endswith("</date>")
        sentences.append(Sentence(text, words, "newpar" in md, is_caption, has_date, is_date))
        for token in tokens:
            if not isinstance(token["id"], int):
                continue
            value = (token["misc"] or {}).get("Entity")
            if value:
                _read_brackets(str(value), s_index, token["id"], entities, open_mentions,
                               name)
    if any(open_mentions.values()):
        raise GumFormatError(f"{name}: unclosed entity mentions {sorted(open_mentions)}")
    return Document(name, meta, sentences, entities)


def _read_brackets(
    value: str, sentence: int, word: int, entities: dict[str, Entity],
    open_mentions: dict[str, list[tuple[int, int]]], name: str,
) -> None:
    """Apply one word's `Entity=` value: openings `(GRP-...`, closings `GRP)`, in order."""
    pos = 0
    while pos < len(value):
        if value[pos] == "(":
            match = _ENTITY_OPEN_RE.match(value, pos)
            if not match:
                raise GumFormatError(f"{name}: bad Entity value {value!r}")
            group, fields = match.group(1), match.group(2)
            closes_here = value.startswith(")", match.end())
            parts = fields.split("-", 6)
            # etype, infstat, salience, centering, minspan, link[, identity]
            if len(parts) < 6:
                raise GumFormatError(f"{name}: bad Entity fields {fields!r}")
            identity = parts[6] if len(parts) == 7 and parts[6] else None
            entity = entities.setdefault(group, Entity(group, parts[0], identity, parts[2]))
            if identity and not entity.identity:
                entity.identity = identity
            if closes_here:
                entity.mentions.append(Mention(sentence, word, word))
            else:
                open_mentions.setdefault(group, []).append((sentence, word))
            pos = match.end() + int(closes_here)
        else:
            match = _ENTITY_CLOSE_RE.match(value, pos)
            if not match:
                raise GumFormatError(f"{name}: bad Entity value {value!r}")
            group = match.group(1)
            stack = open_mentions.get(group)
            if not stack:
                raise GumFormatError(f"{name}: entity {group} closed but never opened")
            o_sentence, o_word = stack.pop()
            if o_sentence != sentence:
                raise GumFormatError(f"{name}: entity {group} spans sentences")
            entities[group].mentions.append(Mention(sentence, o_word, word))
            pos = match.end()
