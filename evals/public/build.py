"""Build the public eval set from GUM's news documents: bulletins and their gold.

`python -m evals.public.build --gum-dir DIR` reads `DIR/dep/GUM_news_*.conllu` (a GUM
checkout, e.g. `git archive <commit> dep | tar -x -C DIR`) and rewrites
`evals/public/bulletins/`, `evals/public/dev/` and `evals/public/holdout/`. The output is a
pure function of the GUM files: run it twice and nothing changes. `--per-half N` keeps
the first N documents of each half (in the hash order below), for a faster eval run.

Why: our own gold was written in-house and the extractor's rules were tuned against it.
GUM's news documents are real Wikinews articles annotated by people who never saw this
project (Zeldes 2017, https://github.com/amir-zeldes/gum; see SOURCES.md for licences).

Text. Each sentence is rebuilt from its tokens and `SpaceAfter=No` (multi-word tokens by
their surface form) and must equal GUM's own `# text` line, else the build stops. Sentences
of a paragraph (`# newpar`) are joined by one space; paragraphs are lines. Figure captions
(sentences a `newpar_block` opens as `caption (N s)`) are left out: they describe pictures
the bulletin does not carry. Nothing else is added or dropped; no text is invented.

Layout. Documents are ordered by the SHA-256 of their name; the first half is `dev`, the
second `holdout`, and each half is cut into bulletins of `STORIES_PER_BULLETIN` documents
in that order. Stories are separated by one blank line and have no blank lines inside.
Bulletins rotate through three layouts, as real exports differ: `titled-dated` (the
article's title line, then its Wikinews dateline, e.g. "Friday, July 21, 2017", then the
paragraphs), `titled` (title line, then the paragraphs) and `plain` (paragraphs only). The
dateline is GUM's second sentence when it is a paragraph of its own carrying a `<date>`
tag (every news document at the pinned commit); with no such line the story has none. A
document whose first sentence is its date (some interviews) has no title line: its date is
its dateline.

Gold kinds: people, organisations and places only (`"annotated"` in each gold file); the
scorer leaves the other kinds of these files unscored. GUM's time entities and `<q>` tags
exist but do not follow our conventions (nested dates, scare quotes without speakers), so
dates, quotes, figures and sources are not annotated rather than annotated badly.

Named entities. GUM types every entity (person, organization, place, ...) and marks each
mention; `person` -> people, `organization` -> organisations, `place` -> places. A mention
is *named* when its head (the word of the span whose governor lies outside it) is a proper
noun (UPOS PROPN), or a common noun with proper nouns attached as `flat` or `appos`
("pan-democrat Eddie Chu"), and not the head of a coordination (a `conj` dependent inside
the span makes it a group, "Thomas and Manju Sam"); for people the head must also be singular (XPOS
NNP): plural proper-noun persons are groups such as "Muslims", which our format excludes.
GUM's Wikipedia identities (`...-coref-Donald_Trump`) mark every mention of an entity,
pronouns and descriptions included, so identity alone does not make a mention a name; it
merges entities. An entity that is never named in the story as laid out (only described,
"the all-girl Afghan team") is not gold: there is no name to extract.

A named mention's form. Organisations and places: the head's subtree within the mention,
without the subtrees of the head's dependents that are not part of a name (determiners,
case markers, punctuation, descriptions `nmod:desc`, appositions, clauses, possessors,
numbers, adverbs, `nmod:unmarked` such as the "Texas" of "Houston, Texas", and
prepositional phrases other than "of ...": "Museum of Flight in Seattle" -> "Museum of
Flight"), then the contiguous run of words around the head, trimmed of determiners,
adpositions, particles and punctuation at its edges. People: the head and its `flat` parts
with their dependents ("Cheng Chung-tai"), so titles attached as `nmod:desc` fall away
("U.S. President Donald Trump's" -> "Donald Trump"); when the head has no `flat` part and
a singular proper noun in apposition, the name is the apposition's ("Prime Minister Najib
Razak" is headed by "Minister"). A person with a Wikipedia identity keeps only the forms
that share a word with it, when any does, so that title mentions ("the President") are not
forms of the name. An entity's `name` is its longest form sharing a word with its identity
(else its longest), `aliases` its other forms; entities of one type that share an identity
or a form are one gold entity. Roles are null (GUM does not annotate them).

Known noise, inherited from GUM and left as annotated: groups typed as a person with a
singular head ("Anonymous"); titles that GUM parses as parts of a flat name
("US President Barack Obama" as a form beside "Barack Obama"); a bare "Administration" or
"Court" as an alias where the text refers back with a capitalised common noun.

Summaries. `reference_summaries` holds the document's human-written summaries (the
`meta::summaryN` lines whose annotator is `human...`); model-written ones are left out.
`key_facts` are the names of the gold entities that GUM's salience layer marks as
mentioned in a human summary (the salience string's letter for that summary is `s`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .gum import Document, Entity, GumFormatError, Mention, Sentence, Word, parse_document

PUBLIC_DIR = Path(__file__).resolve().parent
REPO_ROOT = PUBLIC_DIR.parents[1]
STORIES_PER_BULLETIN = 4
LAYOUTS = ("titled-dated", "titled", "plain")
KINDS: dict[str, str] = {"person": "people", "organization": "organisations", "place": "places"}
ANNOTATED = ["people", "organisations", "places"]
#: Dependents of a name's head whose subtrees are not part of the name.
NOT_NAME_RELS = frozenset({
    "det", "case", "punct", "appos", "acl", "nmod:desc", "nmod:poss", "nummod",
    "advmod", "cc", "conj", "mark", "parataxis", "dep", "cop", "aux", "nsubj", "obl",
    "obj", "ccomp", "xcomp", "advcl", "discourse", "vocative", "list", "reparandum",
    "nmod:unmarked", "nmod:tmod", "nmod:npmod",
})
EDGE_UPOS = frozenset({"DET", "ADP", "PART", "PUNCT", "CCONJ", "SCONJ"})

EXIT_OK = 0
EXIT_USAGE = 2


@dataclass
class GoldEntity:
    """One gold entity of a story being assembled: its forms in order of appearance."""

    kind: str
    identity: str | None
    forms: list[str] = field(default_factory=list)
    key: bool = False

    def item(self) -> dict[str, Any]:
        """The gold item: the longest form that names the identity (else the longest)."""
        name = max(self.forms, key=lambda f: (_names_identity(f, self.identity), len(f)))
        aliases = [f for f in self.forms if f != name]
        if self.kind == "people":
            return {"name": name, "role": None, "aliases": aliases}
        return {"name": name, "aliases": aliases}


@dataclass
class Story:
    """One document laid out as a bulletin story: its text and gold, offsets story-relative."""

    doc: str
    text: str
    title: str | None
    gold: dict[str, Any]


# --------------------------------------------------------------------------- names


def mention_head(words: Sequence[Word], mention: Mention) -> Word | None:
    """The first word of the span whose governor lies outside the span."""
    for word in words[mention.first - 1 : mention.last]:
        if not mention.first <= word.head <= mention.last:
            return word
    return None


def name_form(sentence: Sentence, mention: Mention, kind: str) -> str | None:
    """The proper name a mention spells, or None when the mention is not named."""
    words = sentence.words
    head = mention_head(words, mention)
    if head is None:
        return None
    span = range(mention.first, mention.last + 1)
    children: dict[int, list[Word]] = {}
    for word in words:
        if word.index in span:
            children.setdefault(word.head, []).append(word)
    if any(c.deprel == "conj" for c in children.get(head.index, [])):
        return None
    if head.upos != "PROPN":
        # a common noun with the name attached to it: "pan-democrat Eddie Chu"
        named = [c for c in children.get(head.index, [])
                 if c.deprel in ("flat", "appos") and c.upos == "PROPN"]
        if not named:
            return None
        # the name's other parts are flat siblings of its first word: make them its own
        siblings = [c for c in named[1:] if c.deprel == "flat"]
        head = named[0]
        children[head.index] = children.get(head.index, []) + siblings
        if any(c.deprel == "conj" for c in children.get(head.index, [])):
            return None
    if kind == "people":
        return _person_form(sentence, head, children)
    kept = {head.index}
    for child in children.get(head.index, []):
        if _in_name(child, children):
            kept |= _subtree(child, children)
    return _run_around(sentence, head, kept)


def _subtree(word: Word, children: dict[int, list[Word]]) -> set[int]:
    """The ids of `word` and every word below it (within the mention)."""
    kept: set[int] = set()
    stack = [word]
    while stack:
        top = stack.pop()
        kept.add(top.index)
        stack.extend(children.get(top.index, []))
    return kept


def _in_name(child: Word, children: dict[int, list[Word]]) -> bool:
    """Whether a dependent of a name's head belongs to the name: "of" phrases do
    ("Daughters of the American Revolution"), other prepositional phrases do not
    ("Museum of Flight in Seattle")."""
    if child.deprel in NOT_NAME_RELS:
        return False
    if child.deprel == "nmod":
        cases = [c.form.casefold() for c in children.get(child.index, []) if c.deprel == "case"]
        return all(c == "of" for c in cases)
    return True


def _person_form(sentence: Sentence, head: Word, children: dict[int, list[Word]]) -> str | None:
    """A person's name: the head and its `flat` parts; when the head is a title with the
    name in apposition ("Prime Minister Najib Razak"), the apposition's."""
    def flat_parts(word: Word) -> list[Word]:
        return [c for c in children.get(word.index, []) if c.deprel.startswith("flat")]

    if not flat_parts(head):
        for child in children.get(head.index, []):
            if child.deprel == "appos" and child.upos == "PROPN" and child.xpos == "NNP":
                head = child
                break
    if head.xpos != "NNP":  # plural proper nouns name groups ("Muslims")
        return None
    kept = {head.index}
    for part in flat_parts(head):  # with its own dependents: "Chung-tai", "Udvar-Hazy"
        kept |= _subtree(part, children)
    return _run_around(sentence, head, kept)


def _run_around(sentence: Sentence, head: Word, kept: set[int]) -> str | None:
    """The contiguous kept words around the head, trimmed of function words at its edges."""
    words = sentence.words
    first = last = head.index
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    run = words[first - 1 : last]
    while run and run[0].upos in EDGE_UPOS:
        run = run[1:]
    while run and run[-1].upos in EDGE_UPOS:
        run = run[:-1]
    if not run:
        return None
    form = sentence.text[run[0].start : run[-1].end]
    return form if any(c.isupper() for c in form) else None


def _identity_words(identity: str | None) -> set[str]:
    if not identity:
        return set()
    plain = unquote(identity).replace("_", " ")
    return {w.strip(".,()'").casefold() for w in plain.split()} - {""}


def _names_identity(form: str, identity: str | None) -> bool:
    """Whether a form shares a word with the entity's Wikipedia identity."""
    words = {w.strip(".,()'").casefold() for w in form.split()}
    return bool(words & _identity_words(identity))


# --------------------------------------------------------------------------- layout


def _paragraphs(doc: Document, first: int) -> list[list[int]]:
    """Sentence indices from `first` on, grouped by paragraph, captions left out."""
    groups: list[list[int]] = []
    for i in range(first, len(doc.sentences)):
        sentence = doc.sentences[i]
        if sentence.caption:
            continue
        if sentence.new_paragraph or not groups:
            groups.append([])
        groups[-1].append(i)
    return [g for g in groups if g]


def _untitled(doc: Document) -> bool:
    """A document whose first sentence is its date has no title in its text (some
    Wikinews interviews keep the title only in their metadata)."""
    return bool(doc.sentences) and doc.sentences[0].is_date


def _dateline(doc: Document) -> int | None:
    if _untitled(doc):
        return 0
    if len(doc.sentences) > 1:
        second = doc.sentences[1]
        if second.new_paragraph and second.has_date_tag and not second.caption:
            return 1
    return None


def lay_out(doc: Document, layout: str) -> Story:
    """One document as a story in `layout`, with its gold (offsets relative to the story)."""
    dateline = _dateline(doc)
    body_from = dateline + 1 if dateline is not None else 1
    titled = layout in ("titled-dated", "titled") and not _untitled(doc)
    lines: list[list[int]] = []
    if titled:
        lines.append([0])
    if layout == "titled-dated" and dateline is not None:
        lines.append([dateline])
    lines += _paragraphs(doc, body_from)
    text_parts: list[str] = []
    starts: dict[int, int] = {}
    pos = 0
    for n, line in enumerate(lines):
        if n:
            text_parts.append("\n")
            pos += 1
        for k, s_index in enumerate(line):
            if k:
                text_parts.append(" ")
                pos += 1
            starts[s_index] = pos
            text_parts.append(doc.sentences[s_index].text)
            pos += len(doc.sentences[s_index].text)
    text = "".join(text_parts)
    title = doc.sentences[0].text if titled else None
    gold = _gold_items(doc, set(starts))
    gold["title"] = title
    return Story(doc.name, text, title, gold)


def _gold_items(doc: Document, shown: set[int]) -> dict[str, Any]:
    """People, organisations, places, summaries and key facts of the sentences shown."""
    humans = [i for i, (who, _) in enumerate(doc.summaries()) if who.startswith("human")]
    merged: list[GoldEntity] = []
    for entity in doc.entities.values():
        kind = KINDS.get(entity.etype)
        if kind is None:
            continue
        forms = _forms(doc, entity, kind, shown)
        if not forms:
            continue
        key = any(i < len(entity.salience) and entity.salience[i] == "s" for i in humans)
        _merge(merged, GoldEntity(kind, entity.identity, forms, key))
    out: dict[str, Any] = {k: [] for k in ANNOTATED}
    key_facts: list[str] = []
    for gold in merged:
        item = gold.item()
        out[gold.kind].append(item)
        if gold.key and item["name"] not in key_facts:
            key_facts.append(item["name"])
    summaries = [text for i, (_, text) in enumerate(doc.summaries()) if i in humans]
    out["reference_summaries"] = summaries
    out["reference_summary"] = summaries[0] if summaries else None
    out["key_facts"] = key_facts
    return out


def _forms(doc: Document, entity: Entity, kind: str, shown: set[int]) -> list[str]:
    ordered = sorted(entity.mentions, key=lambda m: (m.sentence, m.first))
    forms: list[str] = []
    for mention in ordered:
        if mention.sentence not in shown:
            continue
        form = name_form(doc.sentences[mention.sentence], mention, kind)
        if form and form not in forms:
            forms.append(form)
    if kind == "people" and entity.identity:
        # a person's title mentions ("the President") carry the identity too: when some
        # form names the identity, only such forms are names
        naming = [f for f in forms if _names_identity(f, entity.identity)]
        forms = naming or forms
    return forms


def _merge(merged: list[GoldEntity], new: GoldEntity) -> None:
    for old in merged:
        if old.kind != new.kind:
            continue
        same_identity = bool(old.identity) and old.identity == new.identity
        if same_identity or set(old.forms) & set(new.forms):
            old.forms += [f for f in new.forms if f not in old.forms]
            old.key = old.key or new.key
            return
    merged.append(new)


# --------------------------------------------------------------------------- bulletins


def split_halves(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Documents ordered by the SHA-256 of their name: first half dev, second holdout."""
    ordered = sorted(names, key=lambda n: hashlib.sha256(n.encode("utf-8")).hexdigest())
    middle = (len(ordered) + 1) // 2
    return ordered[:middle], ordered[middle:]


def lay_out_stories(texts: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Stories joined by one blank line, the text ending in a newline, and each story's
    (start, end) offsets in it."""
    text = ""
    spans: list[tuple[int, int]] = []
    for story in texts:
        if text:
            text += "\n\n"
        spans.append((len(text), len(text) + len(story)))
        text += story
    return text + "\n", spans


def bulletin(stories: Sequence[Story], bulletin_rel: str, notes: str) -> tuple[str, dict[str, Any]]:
    """The bulletin text and its gold file (offsets into the text as written)."""
    text, spans = lay_out_stories([story.text for story in stories])
    gold_stories: list[dict[str, Any]] = []
    for story, (start, end) in zip(stories, spans, strict=True):
        first_line = story.text.split("\n", 1)[0]
        entry: dict[str, Any] = {
            "title": story.title, "start": start, "end": end,
            "start_text": first_line[:40], "end_text": story.text[-40:],
            "gum_document": story.doc,
        }
        entry.update({k: v for k, v in story.gold.items() if k != "title"})
        gold_stories.append(entry)
    gold = {"bulletin": bulletin_rel, "annotated": list(ANNOTATED), "annotator_notes": notes,
            "stories": gold_stories}
    return text, gold


def build(
    gum_dir: Path, out_dir: Path, per_bulletin: int = STORIES_PER_BULLETIN,
    per_half: int | None = None, genre: str = "news",
) -> list[str]:
    """Write bulletins and gold for GUM's documents of one genre; one line per bulletin.

    News (the default) is split into `dev` and `holdout` halves (the first `per_half` of
    each half in hash order, all by default). Any other genre is development material only
    (`evals/public/<genre>/`, e.g. `interview`: Wikinews interviews, real text nobody here
    wrote for measuring a rule on more than the twelve news documents of the dev half); its
    documents are kept whole, in hash order, in one set of the genre's name.
    """
    paths = sorted((gum_dir / "dep").glob(f"GUM_{genre}_*.conllu"))
    if not paths:
        raise GumFormatError(f"no dep/GUM_{genre}_*.conllu under {gum_dir}")
    docs = {p.stem: parse_document(p.stem, p.read_text(encoding="utf-8")) for p in paths}
    if genre == "news":
        sets = list(zip(("dev", "holdout"), split_halves(sorted(docs)), strict=True))
    else:
        first, second = split_halves(sorted(docs))
        sets = [(genre, first + second)]
    report: list[str] = []
    for half, names in sets:
        names = names[:per_half] if per_half else names
        half_dir = out_dir / half
        half_dir.mkdir(parents=True, exist_ok=True)
        for old in half_dir.glob("*.json"):
            old.unlink()
        for old in (out_dir / "bulletins").glob(f"gum_{half}_*.txt"):
            old.unlink()
        for k in range(0, len(names), per_bulletin):
            layout = LAYOUTS[(k // per_bulletin) % len(LAYOUTS)]
            chunk = [lay_out(docs[n], layout) for n in names[k : k + per_bulletin]]
            stem = f"gum_{half}_{k // per_bulletin + 1:02d}"
            rel = f"evals/public/bulletins/{stem}.txt"
            notes = (f"Built by evals/public/build.py from GUM ({', '.join(c.doc for c in chunk)});"
                     f" layout {layout}. Only people, organisations and places are annotated;"
                     " see the build script's docstring for every choice.")
            text, gold = bulletin(chunk, rel, notes)
            bulletin_path = out_dir / "bulletins" / f"{stem}.txt"
            bulletin_path.parent.mkdir(parents=True, exist_ok=True)
            bulletin_path.write_text(text, encoding="utf-8", newline="")
            (half_dir / f"{stem}.json").write_text(
                json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            report.append(f"{half}: {stem} ({layout}, {len(chunk)} stories)")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.public.build",
                                     description="Build the public eval set from GUM.")
    parser.add_argument("--gum-dir", type=Path, required=True,
                        help="a GUM checkout (holding dep/GUM_news_*.conllu)")
    parser.add_argument("--out", type=Path, default=PUBLIC_DIR,
                        help="where bulletins/, dev/ and holdout/ go (default: evals/public)")
    parser.add_argument("--per-half", type=int, default=None,
                        help="documents per half (default: all; fewer makes the evals faster)")
    parser.add_argument("--genre", default="news",
                        help="GUM genre to build (default: news, split into dev and holdout;"
                             " another genre, e.g. interview, becomes one development set"
                             " named after it)")
    args = parser.parse_args(argv)
    try:
        lines = build(args.gum_dir, args.out, per_half=args.per_half, genre=args.genre)
    except (GumFormatError, OSError) as exc:
        print(f"evals.public.build: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for line in lines:
        print(line)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
