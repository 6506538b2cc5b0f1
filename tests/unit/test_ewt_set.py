"""The EWT weblog set (evals/public/ewt*): its builder and its committed gold. Fast, no model.

The CoNLL-U below is written for these tests (in UD's notation), not taken from the treebank.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.public.ewt import build, first_sentences, news_ids
from evals.public.pud import parse_documents
from evals.score import check_gold
from tests.unit.test_pud_set import committed_figures

PUBLIC = Path(__file__).resolve().parents[2] / "evals" / "public"


def _sentence(sent_id: str, text: str) -> str:
    """A sentence in CoNLL-U whose tokens are its words, a digit's UPOS NUM."""
    rows = [
        f"{k}\t{w}\t{w}\t{'NUM' if w[0].isdigit() else 'X'}\t_\t_\t0\tdep\t_\t_"
        for k, w in enumerate(text.rstrip(".").split(), start=1)
    ]
    return f"# sent_id = {sent_id}\n# text = {text}\n" + "\n".join(rows) + "\n\n"


CONLLU = (
    "# newdoc id = weblog-example.com_a_2004\n# newpar id = p1\n"
    + _sentence("a1", "Troops entered the city.")
    + _sentence("a2", "Some 300 families fled.")
    + "# newpar id = p2\n"
    + _sentence("a3", "The mayor stayed.")
    + "# newdoc id = reviews-000123\n# newpar id = p1\n"
    + _sentence("b1", "Great pizza for 5 dollars.")
    + "# newdoc id = weblog-example.com_b_2005\n# newpar id = p1\n"
    + _sentence("c1", "Nobody came.")
)


def test_paragraphs_are_kept_as_line_breaks_and_sentences_joined_by_a_space() -> None:
    docs = parse_documents(CONLLU)
    assert docs[0].paragraph_starts == (2,)
    assert docs[0].body() == "Troops entered the city. Some 300 families fled.\nThe mayor stayed."
    # A long post keeps its first sentences, and only the paragraph breaks among them.
    assert first_sentences(docs[0], 2).body() == (
        "Troops entered the city. Some 300 families fled."
    )


def test_build_keeps_weblogs_with_a_number_only(tmp_path: Path) -> None:
    conllu = tmp_path / "ewt.conllu"
    conllu.write_text(CONLLU, encoding="utf-8")
    build([conllu], tmp_path)
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "bulletins").iterdir())]
    # The weblog with a number, in one half; not the review, not the weblog without one.
    assert texts == ["Troops entered the city. Some 300 families fled.\nThe mayor stayed.\n"]
    gold_path = next((tmp_path / "ewt").glob("*.json"), None) or next(
        (tmp_path / "ewt_holdout").glob("*.json")
    )
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["stories"][0]["ewt_document"] == "weblog-example.com_a_2004"
    assert check_gold(gold, texts[0]) == []


@pytest.mark.parametrize("half", ["ewt", "ewt_holdout", "ewt_news", "ewt_news_holdout"])
def test_committed_ewt_gold_is_consistent_with_its_bulletins(half: str) -> None:
    bulletins, figures = committed_figures(PUBLIC / half)
    assert bulletins == 2
    assert figures >= 5  # annotated, not the build's empty skeleton


def test_the_news_posts_are_the_listed_ones(tmp_path: Path) -> None:
    """A newsgroup post goes to ewt_news only when the list of news posts names it."""
    conllu = tmp_path / "ewt.conllu"
    listed = tmp_path / "ids.txt"
    conllu.write_text(
        "# newdoc id = newsgroup-a\n# newpar id = p1\n"
        + _sentence("n1", "Rebels freed 14 hostages.")
        + "# newdoc id = newsgroup-b\n# newpar id = p1\n"
        + _sentence("n2", "Win 5 prizes now."),
        encoding="utf-8",
    )
    listed.write_text("# a comment\nnewsgroup-a\n", encoding="utf-8")
    assert news_ids(listed) == {"newsgroup-a"}
    build([conllu], tmp_path, news=news_ids(listed))
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "bulletins").iterdir())]
    assert texts == ["Rebels freed 14 hostages.\n"]
    assert len(news_ids()) == 18  # the committed list
