"""Build the Wikinews set: more edited news nobody here wrote, for figures and countries.

`python -m evals.public.wikinews --conllu DIR/AMALGUM_news_abortion.conllu ...` (or a shell
glob of `amalgum/news/dep/*.conllu`) reads news documents of AMALGUM (the machine-annotated
lookalike of GUM, whose news texts are Wikinews articles; CC BY 2.5 for the texts, see
SOURCES.md) and writes `evals/public/bulletins/wikinews*.txt` with skeleton gold in
`evals/public/wikinews/` (development) and `evals/public/wikinews_holdout/` (held out: read
through its totals only), and a second set the same way (`wikinews2/`,
`wikinews2_holdout/`).

Why: GUM's 24 Wikinews documents are the only edited news of the public sets whose whole
articles (title, date line, body) are laid out as bulletins; their held-out half's figure
labels stayed low while the development half's rose. AMALGUM holds hundreds more Wikinews
articles of the same kind, none of them GUM's, so the kinds of figures and places that the
development half no longer shows can be found in new ones.

Only the `# newdoc id` and `# text` lines are read (AMALGUM's own parses and entities are
machine output and are not used), so a file holding only those comment lines gives the same
bulletins as the full one.

Documents. The ids in `wikinews_ids.txt` (the population: the first 100 news documents of
the corpus by name), ordered by the SHA-256 of their id (as GUM's, PUD's and EWT's are);
those that are one news report (not a "Wikinews Shorts" compilation or an interview, by
their title) with a figure in their body (a digit, years and days of a month aside) are
kept, `PER_SET` for each set of `PAIRS` in turn, and each set is halved the same way:
first half development, second held out.

Text. A story is drawn from its document's first `MAX_SENTENCES` sentences: the title (a
title the corpus's sentencer split at a colon joined again), the date line Wikinews puts
under it, and the body sentences joined by a space (the `# text` lines, nothing changed;
these lines keep no paragraph breaks). A photo's caption and credit between the title and
the date line are left out, as GUM's build leaves captions out. Each half is cut into
bulletins of `STORIES_PER_BULLETIN` stories in GUM's three rotating layouts: title and date
line, title only, neither.

Gold. Figures (with heads) and each story's country are annotated by blind annotators
reading the text alone, following GOLD_FORMAT.md; the build writes spans, titles and empty
lists, and never overwrites a gold file that exists unless `--force`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.public.build import LAYOUTS, lay_out_stories
from evals.public.build import split_halves as gum_halves
from evals.public.pud import Document, parse_documents, split_halves, treebank_main, write_half

PUBLIC_DIR = Path(__file__).resolve().parent
IDS = PUBLIC_DIR / "wikinews_ids.txt"
STORIES_PER_BULLETIN = 4
#: A story keeps this many of its document's first sentences (title and date line included).
MAX_SENTENCES = 12
#: Documents of a set (both halves together).
PER_SET = 24
#: The sets, each a development and a held-out half, filled in turn in hash order: the
#: first `PER_SET` kept documents make the first, the next the second.
PAIRS = (("wikinews", "wikinews_holdout"), ("wikinews2", "wikinews2_holdout"))

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
#: "Thursday, March 27, 2008", "March 27, 2008": the date line under a Wikinews title.
_DATE_LINE_RE = re.compile(
    rf"^(?:(?:{_WEEKDAYS}),?\s+)?(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}}\.?$"
)
#: What a digit in a body may be without being a figure: a year, a day of a month.
_NOT_FIGURE_RE = re.compile(
    rf"\b(?:1[89]|20)\d\d\b|\b(?:{_MONTHS})\s+\d{{1,2}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b"
)


def listed_ids(path: Path = IDS) -> list[str]:
    """The population's ids (one a line, '#' comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


#: Titles of pages that are not one news report: compilations of short items, interviews.
_NOT_A_REPORT_RE = re.compile(r"^Wikinews (?:Shorts|interviews)\b")
#: The date line is looked for among this many first sentences (a title the corpus's
#: sentencer split at a colon, or a caption and its credit, can come before it).
_DATE_LINE_WITHIN = 4


@dataclass(frozen=True)
class Parts:
    """A document's title, date line (or None) and body sentences (within the first
    `MAX_SENTENCES`)."""

    title: str
    dateline: str | None
    body: tuple[str, ...]


def parts(doc: Document) -> Parts:
    """Title, date line and body. The title is the sentences before the date line that do
    not end as a sentence ("200 candles:" + "Chileans celebrate country's Bicentennial");
    those before it that do are a photo's caption and credit, left out as GUM's build leaves
    captions out. Without a date line the title is the first sentence."""
    sentences = doc.sentences[:MAX_SENTENCES]
    date_at = next((i for i, s in enumerate(sentences[:_DATE_LINE_WITHIN])
                    if i and _DATE_LINE_RE.match(s)), None)
    if date_at is None:
        return Parts(sentences[0], None, tuple(sentences[1:]))
    title = " ".join(s for s in sentences[:date_at] if not s.rstrip().endswith((".", "!", "?")))
    return Parts(title or sentences[0], sentences[date_at], tuple(sentences[date_at + 1:]))


def is_report(doc: Document) -> bool:
    """Whether the page is one news report (not a compilation or an interview)."""
    return bool(doc.sentences) and not _NOT_A_REPORT_RE.match(doc.sentences[0])


def has_figure(doc: Document) -> bool:
    """A digit in the body that is not a year or a day of a month."""
    return any(re.search(r"\d", _NOT_FIGURE_RE.sub("", s)) for s in parts(doc).body)


def story_text(doc: Document, layout: str) -> tuple[str, str | None]:
    """The story in `layout` and its title (None when the layout shows none)."""
    laid = parts(doc)
    lines: list[str] = []
    title = laid.title if layout in ("titled-dated", "titled") else None
    if title is not None:
        lines.append(title)
    if layout == "titled-dated" and laid.dateline is not None:
        lines.append(laid.dateline)
    lines.append(" ".join(laid.body))
    return "\n".join(lines), title


def _gold(chunk: list[Document], rel: str) -> tuple[str, dict[str, Any]]:
    number = int(rel.rsplit("_", 1)[1].split(".")[0])
    layout = LAYOUTS[(number - 1) % len(LAYOUTS)]
    laid = [story_text(doc, layout) for doc in chunk]
    text, spans = lay_out_stories([t for t, _ in laid])
    stories: list[dict[str, Any]] = []
    for doc, (body, title), (start, end) in zip(chunk, laid, spans, strict=True):
        stories.append({
            "title": title, "start": start, "end": end,
            "start_text": body.split("\n", 1)[0][:40], "end_text": body[-40:],
            "wikinews_document": doc.doc_id,
            "people": [], "organisations": [], "places": [], "figures": [], "dates": [],
            "quotes": [], "sources": [], "reference_summary": parts(doc).body[0],
            "key_facts": [],
        })
    ids = ", ".join(d.doc_id for d in chunk)
    notes = (f"Built by evals/public/wikinews.py from AMALGUM's Wikinews news documents "
             f"({ids}); layout {layout}. Only figures are annotated.")
    return text, {"bulletin": rel, "annotated": ["figures"], "annotator_notes": notes,
                  "stories": stories}


def build(
    conllus: list[Path], out_dir: Path, *, force: bool = False, ids: list[str] | None = None,
) -> list[str]:
    """Write the bulletins and skeleton gold; one line per bulletin. `ids`: the population
    (default: `wikinews_ids.txt`); a listed document missing from `conllus` is an error."""
    docs = {d.doc_id: d for path in conllus
            for d in parse_documents(path.read_text(encoding="utf-8"))}
    population = listed_ids() if ids is None else ids
    kept: list[Document] = []
    for doc_id in hash_order(population):
        if len(kept) == PER_SET * len(PAIRS):
            break
        if doc_id not in docs:
            raise SystemExit(f"error: {doc_id} is listed but no --conllu file holds it")
        if is_report(docs[doc_id]) and has_figure(docs[doc_id]):
            kept.append(docs[doc_id])
    report: list[str] = []
    for k, names in enumerate(PAIRS):
        chosen = kept[k * PER_SET : (k + 1) * PER_SET]
        for half, half_docs in zip(names, split_halves(chosen), strict=True):
            report += write_half(half, half_docs, out_dir, _gold, force=force,
                                 per_bulletin=STORIES_PER_BULLETIN)
    return report


def hash_order(ids: list[str]) -> list[str]:
    """The ids ordered by their SHA-256: both halves of `build.split_halves`, in order."""
    first, second = gum_halves(ids)
    return first + second


def main(argv: list[str] | None = None) -> int:
    return treebank_main(
        argv, prog="python -m evals.public.wikinews", doc=__doc__ or "", repeatable=True,
        conllu_help="an AMALGUM_news_*.conllu file of AMALGUM's amalgum/news/dep/ (repeatable)",
        out_help="where bulletins/ and the wikinews*/ folders go (default: this folder)",
        build_sets=lambda paths, out, force: build(paths, out, force=force),
    )


if __name__ == "__main__":
    sys.exit(main())
