"""Build the PUD figure set: real news sentences nobody here wrote, for figure labels.

`python -m evals.public.pud --conllu en_pud-ud-test.conllu` reads the English Parallel
Universal Dependencies treebank (UD_English-PUD, CC BY-SA 3.0; see SOURCES.md) and writes
`evals/public/bulletins/pud_*.txt` with skeleton gold in `evals/public/pud/` (development)
and `evals/public/pud_holdout/` (held out: read through its totals only), and the news
documents without a number in `evals/public/pud_prose/` (development: no item is gold, only
the stories' spans, for story boundaries and broken headlines on real text).

Why: the figure-label rules were measured on GUM's twelve development news documents and
on bulletins written here; the labels' held-out figures did not move with them. PUD's news
sentences (ids starting "n") come from many outlets, chosen at random by the treebank's
makers, so they carry numbers in shapes nobody here chose.

Text. Each news document of the treebank that has a number (a token with UPOS NUM) is one
story: its sentences' own `# text` lines, in the treebank's order, joined by one space into
one paragraph (the treebank keeps a few sentences of each article, not always adjacent, so a
story is a handful of sentences, not a whole article). Nothing is added or changed.

Layout. Documents are ordered by the SHA-256 of their id; the first half is development,
the second held out; each half is cut into bulletins of `STORIES_PER_BULLETIN` stories,
separated by one blank line, with no titles or datelines.

Gold. Only figures are annotated (`"annotated": ["figures"]`), by a blind annotator reading
the text alone, following GOLD_FORMAT.md; the build writes each story's span and empty
figure lists, and never overwrites a gold file that exists (the annotation is not the
treebank's and cannot be rebuilt): pass `--force` to start again.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.public.build import lay_out_stories
from evals.public.build import split_halves as gum_halves
from summariser.text import split_sentences

PUBLIC_DIR = Path(__file__).resolve().parent
STORIES_PER_BULLETIN = 12


@dataclass(frozen=True)
class Document:
    """One treebank document: its id, its sentences' text, and where paragraphs begin (the
    indices of sentences after a `# newpar`, beyond the first; PUD has none)."""

    doc_id: str
    sentences: tuple[str, ...]
    has_number: bool
    paragraph_starts: tuple[int, ...] = ()

    def body(self) -> str:
        """The story text: sentences joined by a space, paragraphs by a line break."""
        cuts = [0, *self.paragraph_starts, len(self.sentences)]
        return "\n".join(" ".join(self.sentences[a:b]) for a, b in itertools.pairwise(cuts))


def parse_documents(conllu: str) -> list[Document]:
    """The treebank's documents, in order, from `# newdoc id`, `# text` and the UPOS column."""
    docs: list[Document] = []
    doc_id: str | None = None
    sentences: list[str] = []
    starts: list[int] = []
    number = False

    def close() -> None:
        if doc_id is not None:
            docs.append(Document(doc_id, tuple(sentences), number, tuple(starts)))

    for line in conllu.splitlines():
        if line.startswith("# newdoc id"):
            close()
            doc_id, sentences, number = line.split("=", 1)[1].strip(), [], False
            starts = []
        elif line.startswith("# newpar") and sentences:
            starts.append(len(sentences))
        elif line.startswith("# text ="):
            sentences.append(line.split("=", 1)[1].strip())
        elif line and line[0].isdigit():
            columns = line.split("\t")
            number = number or (len(columns) > 3 and columns[3] == "NUM")
    close()
    return docs


def split_halves(docs: list[Document]) -> tuple[list[Document], list[Document]]:
    """Documents ordered by the SHA-256 of their id (as GUM's are, by `build.split_halves`):
    first half development, second held out."""
    by_id = {d.doc_id: d for d in docs}
    dev, holdout = gum_halves(list(by_id))
    return [by_id[i] for i in dev], [by_id[i] for i in holdout]


def _first_prose(doc: Document) -> str:
    """The document's first sentence without a web address it opens with (a forwarded
    article's "[http://...]" is where it came from, not what it says)."""
    for sentence in doc.sentences:
        prose = " ".join(split_sentences(sentence))
        if prose:
            return prose
    return doc.sentences[0]


def bulletin(
    docs: list[Document], rel: str, *, source: str = "UD_English-PUD",
    doc_key: str = "pud_document",
) -> tuple[str, dict[str, Any]]:
    """The bulletin text and its skeleton gold (spans, no figures yet)."""
    bodies = [doc.body() for doc in docs]
    text, spans = lay_out_stories(bodies)
    stories: list[dict[str, Any]] = [
        {
            "title": None, "start": start, "end": end,
            "start_text": body[:40], "end_text": body[-40:], doc_key: doc.doc_id,
            "people": [], "organisations": [], "places": [], "figures": [], "dates": [],
            "quotes": [], "sources": [], "reference_summary": _first_prose(doc),
            "key_facts": [],
        }
        for doc, body, (start, end) in zip(docs, bodies, spans, strict=True)
    ]
    ids = ", ".join(d.doc_id for d in docs)
    builder = "pud.py" if doc_key == "pud_document" else "ewt.py"
    notes = f"Built by evals/public/{builder} from {source} ({ids}). Only figures are annotated."
    return text, {"bulletin": rel, "annotated": ["figures"], "annotator_notes": notes,
                  "stories": stories}


def build(conllu: Path, out_dir: Path, *, force: bool = False) -> list[str]:
    """Write the bulletins and skeleton gold; one line per bulletin."""
    news = [d for d in parse_documents(conllu.read_text(encoding="utf-8"))
            if d.doc_id.startswith("n")]
    with_numbers = [d for d in news if d.has_number]
    # The news documents without a number: their stories' spans and titles are gold (the
    # build's own), for the layout and headline measures on real text.
    first, second = split_halves([d for d in news if not d.has_number])
    rest = first + second  # one set, in the same hash order
    sets = [*zip(("pud", "pud_holdout"), split_halves(with_numbers), strict=True),
            ("pud_prose", rest)]
    report: list[str] = []
    for half, half_docs in sets:
        def prose_gold(
            chunk: list[Document], rel: str, half: str = half
        ) -> tuple[str, dict[str, Any]]:
            text, gold = bulletin(chunk, rel)
            if half == "pud_prose":
                gold["annotated"] = []
                gold["annotator_notes"] = gold["annotator_notes"].replace(
                    "Only figures are annotated.",
                    "No item is annotated: only the stories' spans and titles (none) are gold.",
                )
            return text, gold

        report += write_half(half, half_docs, out_dir, prose_gold, force=force)
    return report


def write_half(
    half: str, docs: list[Document], out_dir: Path,
    make: Callable[[list[Document], str], tuple[str, dict[str, Any]]],
    *, force: bool, per_bulletin: int = STORIES_PER_BULLETIN,
) -> list[str]:
    """Write one half's bulletins (`<half>_NN.txt`) and skeleton gold, `per_bulletin`
    stories each; a gold file that exists is kept (its annotation cannot be rebuilt) unless
    `force`. One report line per bulletin."""
    report: list[str] = []
    half_dir = out_dir / half
    half_dir.mkdir(parents=True, exist_ok=True)
    for k in range(0, len(docs), per_bulletin):
        chunk = docs[k : k + per_bulletin]
        stem = f"{half}_{k // per_bulletin + 1:02d}"
        text, gold = make(chunk, f"evals/public/bulletins/{stem}.txt")
        gold_path = half_dir / f"{stem}.json"
        if gold_path.exists() and not force:
            report.append(f"{half}: {stem} kept (gold exists)")
            continue
        (out_dir / "bulletins").mkdir(parents=True, exist_ok=True)
        (out_dir / "bulletins" / f"{stem}.txt").write_text(text, encoding="utf-8", newline="")
        gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
        report.append(f"{half}: {stem} ({len(chunk)} stories)")
    return report


def treebank_main(
    argv: list[str] | None, *, prog: str, doc: str, conllu_help: str, out_help: str,
    build_sets: Callable[[list[Path], Path, bool], list[str]], repeatable: bool = False,
) -> int:
    """The command line of a treebank set's builder (PUD's, EWT's): CoNLL-U in, bulletins
    and skeleton gold out, one line printed per bulletin."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.split("\n")[0])
    if repeatable:
        # "--conllu a b" and "--conllu a --conllu b" alike (a shell glob gives the first).
        parser.add_argument("--conllu", type=Path, required=True, help=conllu_help,
                            action="extend", nargs="+")
    else:
        parser.add_argument("--conllu", type=Path, required=True, help=conllu_help)
    parser.add_argument("--out", type=Path, default=PUBLIC_DIR, help=out_help)
    parser.add_argument("--force", action="store_true",
                        help="overwrite gold files that exist (their annotations are lost)")
    args = parser.parse_args(argv)
    conllus = args.conllu if repeatable else [args.conllu]
    for line in build_sets(conllus, args.out, args.force):
        print(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    return treebank_main(
        argv, prog="python -m evals.public.pud", doc=__doc__ or "",
        conllu_help="en_pud-ud-test.conllu from UD_English-PUD",
        out_help="where bulletins/, pud/ and pud_holdout/ go (default: this folder)",
        build_sets=lambda paths, out, force: build(paths[0], out, force=force),
    )


if __name__ == "__main__":
    sys.exit(main())
