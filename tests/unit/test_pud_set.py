"""The PUD figure set (evals/public/pud*): its builder and its committed gold. Fast, no model.

The CoNLL-U below is written for these tests (in UD's notation), not taken from the treebank.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.public.pud import Document, build, parse_documents, split_halves
from evals.run import load_cases
from evals.score import check_gold

PUBLIC = Path(__file__).resolve().parents[2] / "evals" / "public"

CONLLU = """\
# newdoc id = n01001
# sent_id = n01001011
# text = Prices rose 3% last month.
1\tPrices\tprice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\trose\trise\tVERB\tVBD\t_\t0\troot\t_\t_
3\t3\t3\tNUM\tCD\t_\t4\tnummod\t_\t_
4\t%\t%\tSYM\tNN\t_\t2\tobj\t_\t_

# sent_id = n01001012
# text = Nobody knew why.
1\tNobody\tnobody\tPRON\tNN\t_\t2\tnsubj\t_\t_
2\tknew\tknow\tVERB\tVBD\t_\t0\troot\t_\t_

# newdoc id = n01002
# sent_id = n01002001
# text = The talks went on.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\ttalks\ttalk\tNOUN\tNNS\t_\t3\tnsubj\t_\t_
3\twent\tgo\tVERB\tVBD\t_\t0\troot\t_\t_

# newdoc id = w01003
# sent_id = w01003001
# text = The river is 300 km long.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\triver\triver\tNOUN\tNN\t_\t6\tnsubj\t_\t_
3\tis\tbe\tAUX\tVBZ\t_\t6\tcop\t_\t_
4\t300\t300\tNUM\tCD\t_\t5\tnummod\t_\t_
5\tkm\tkm\tNOUN\tNNS\t_\t6\tobl:npmod\t_\t_
6\tlong\tlong\tADJ\tJJ\t_\t0\troot\t_\t_
"""


def test_documents_keep_their_sentences_and_know_whether_they_hold_a_number() -> None:
    docs = parse_documents(CONLLU)
    assert [d.doc_id for d in docs] == ["n01001", "n01002", "w01003"]
    assert docs[0].sentences == ("Prices rose 3% last month.", "Nobody knew why.")
    assert [d.has_number for d in docs] == [True, False, True]


def test_halves_are_a_deterministic_even_split() -> None:
    docs = [Document(f"n0{k}", ("A sentence.",), True) for k in range(9)]
    dev, holdout = split_halves(docs)
    assert len(dev) == 5 and len(holdout) == 4
    assert split_halves(list(reversed(docs))) == (dev, holdout)
    assert not {d.doc_id for d in dev} & {d.doc_id for d in holdout}


def test_build_keeps_news_with_numbers_and_never_overwrites_gold(tmp_path: Path) -> None:
    conllu = tmp_path / "pud.conllu"
    conllu.write_text(CONLLU, encoding="utf-8")
    build(conllu, tmp_path)
    text = (tmp_path / "bulletins" / "pud_01.txt").read_text(encoding="utf-8")
    # The news document without a number goes to the prose set, Wikipedia's river nowhere.
    prose = (tmp_path / "bulletins" / "pud_prose_01.txt").read_text(encoding="utf-8")
    assert prose == "The talks went on.\n"
    # Only the news document with a number: not "The talks went on", not Wikipedia's river.
    assert text == "Prices rose 3% last month. Nobody knew why.\n"
    gold_path = tmp_path / "pud" / "pud_01.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["annotated"] == ["figures"]
    assert check_gold(gold, text) == []
    # An annotated file survives a rebuild unless forced.
    gold["stories"][0]["figures"] = [{"value": "3%", "context": "price rise", "head": "Prices"}]
    gold_path.write_text(json.dumps(gold), encoding="utf-8")
    build(conllu, tmp_path)
    assert json.loads(gold_path.read_text(encoding="utf-8"))["stories"][0]["figures"]
    build(conllu, tmp_path, force=True)
    assert not json.loads(gold_path.read_text(encoding="utf-8"))["stories"][0]["figures"]


def committed_figures(half_dir: Path) -> tuple[int, int]:
    """(bulletins, figures) of a committed treebank set whose gold is consistent with its
    bulletins: offsets and substrings hold, figures are annotated, and every story has its
    country (a name or null, annotated blind, never left out)."""
    cases = load_cases(half_dir)
    figures = 0
    for case in cases:
        assert check_gold(case.gold, case.text) == [], case.name  # offsets, substrings
        assert case.gold["annotated"] == ["figures"]
        figures += sum(len(story["figures"]) for story in case.gold["stories"])
        assert all("country" in story for story in case.gold["stories"])
    return len(cases), figures


@pytest.mark.parametrize("half", ["pud", "pud_holdout"])
def test_committed_pud_gold_is_consistent_with_its_bulletins(half: str) -> None:
    bulletins, figures = committed_figures(PUBLIC / half)
    assert bulletins == 4
    assert figures >= 40  # annotated, not the build's empty skeleton


def test_committed_prose_set_holds_spans_only() -> None:
    cases = load_cases(PUBLIC / "pud_prose")
    assert len(cases) == 10
    for case in cases:
        assert check_gold(case.gold, case.text) == [], case.name
        assert case.gold["annotated"] == []
        assert all(story["title"] is None for story in case.gold["stories"])
