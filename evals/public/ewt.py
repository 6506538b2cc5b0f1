"""Build the EWT weblog set: real web news commentary nobody here wrote, for figures and places.

`python -m evals.public.ewt --conllu en_ewt-ud-dev.conllu --conllu en_ewt-ud-test.conllu`
reads the English Web Treebank (UD_English-EWT, CC BY-SA 4.0; see SOURCES.md) and writes
`evals/public/bulletins/ewt_*.txt` with skeleton gold in `evals/public/ewt/` (development)
and `evals/public/ewt_holdout/` (held out: read through its totals only), and the same for
the newsgroup posts that forward or write a news report (`ewt_news/`, `ewt_news_holdout/`).

Why: the public sets so far are edited news (Wikinews in GUM, the outlets of PUD). Weblogs
of 2003-2006 (the treebank's `weblog-*` documents: politics, war and technology blogs that
quote and retell the news) carry the same kinds of facts in other shapes: figures inside
asides and brackets, agency copy pasted after a line of comment, places given in passing.
A rule that holds only for wire prose shows it here. The newsgroup posts of the treebank
are mostly chatter, adverts and jokes; the 18 with a number whose main content is a news
report (agency and newspaper copy forwarded to a group, with a line of comment) were picked
by a helper from their text alone, never from the tool's output, and are listed in
`ewt_news_ids.txt`.

Text. Each weblog document with a number (a token with UPOS NUM) is one story: its
sentences' own `# text` lines in the treebank's order, joined by a space within a
paragraph and by a line break between paragraphs (`# newpar`); the first `MAX_SENTENCES`
sentences only, so that one long post does not outweigh the rest. Nothing is added or
changed; no title (the treebank has none).

Layout. Documents are ordered by the SHA-256 of their id (as GUM's and PUD's are); the
first half is development, the second held out; each half is cut into bulletins of
`STORIES_PER_BULLETIN` stories separated by one blank line.

Gold. Figures and each story's country are annotated by blind annotators reading the text
alone, following GOLD_FORMAT.md; the build writes spans and empty lists, and never
overwrites a gold file that exists unless `--force`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from evals.public.pud import (
    Document,
    bulletin,
    parse_documents,
    split_halves,
    treebank_main,
    write_half,
)

PUBLIC_DIR = Path(__file__).resolve().parent
STORIES_PER_BULLETIN = 6
#: A story keeps this many of its document's first sentences.
MAX_SENTENCES = 15
GENRE_PREFIX = "weblog-"
#: The newsgroup posts that are news reports (`ewt_news*`), judged from their text.
NEWS_IDS = PUBLIC_DIR / "ewt_news_ids.txt"


def first_sentences(doc: Document, limit: int = MAX_SENTENCES) -> Document:
    """The document cut to its first `limit` sentences, paragraph breaks kept."""
    kept = doc.sentences[:limit]
    return Document(doc.doc_id, kept, doc.has_number,
                    tuple(i for i in doc.paragraph_starts if i < len(kept)))


def _gold(chunk: list[Document], rel: str) -> tuple[str, dict[str, Any]]:
    return bulletin(chunk, rel, source="UD_English-EWT", doc_key="ewt_document")


def news_ids(path: Path = NEWS_IDS) -> frozenset[str]:
    """The newsgroup documents judged news reports (one id a line, '#' comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def build(
    conllus: list[Path], out_dir: Path, *, force: bool = False,
    news: frozenset[str] | None = None,
) -> list[str]:
    """Write the bulletins and skeleton gold; one line per bulletin. `news`: the newsgroup
    posts that are news reports (default: `ewt_news_ids.txt`)."""
    docs = [d for path in conllus
            for d in parse_documents(path.read_text(encoding="utf-8"))]
    weblogs = [first_sentences(d) for d in docs
               if d.doc_id.startswith(GENRE_PREFIX) and d.has_number]
    news = news_ids() if news is None else news
    forwarded = [first_sentences(d) for d in docs if d.doc_id in news and d.has_number]
    report: list[str] = []
    for names, chosen in ((("ewt", "ewt_holdout"), weblogs),
                          (("ewt_news", "ewt_news_holdout"), forwarded)):
        for half, half_docs in zip(names, split_halves(chosen), strict=True):
            report += write_half(half, half_docs, out_dir, _gold, force=force,
                                 per_bulletin=STORIES_PER_BULLETIN)
    return report


def main(argv: list[str] | None = None) -> int:
    return treebank_main(
        argv, prog="python -m evals.public.ewt", doc=__doc__ or "", repeatable=True,
        conllu_help="an en_ewt-ud-*.conllu file of UD_English-EWT (repeatable)",
        out_help="where bulletins/ and the ewt*/ folders go (default: this folder)",
        build_sets=lambda paths, out, force: build(paths, out, force=force),
    )


if __name__ == "__main__":
    sys.exit(main())
