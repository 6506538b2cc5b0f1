"""The Wikinews set (evals/public/wikinews*): its builder and its committed gold. Fast, no model.

The CoNLL-U comment lines below are written for these tests, not taken from the corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.public import wikinews
from evals.public.pud import parse_documents
from evals.public.wikinews import build, has_figure, is_report, listed_ids, parts, story_text
from evals.score import check_gold
from tests.unit.test_pud_set import committed_figures

PUBLIC = Path(__file__).resolve().parents[2] / "evals" / "public"


def _doc(doc_id: str, *sentences: str) -> str:
    """A document as the comment lines the builder reads (no token lines: it needs none)."""
    blocks = [f"# sent_id = {doc_id}-{k}\n# text = {s}\n" for k, s in enumerate(sentences, 1)]
    return f"# newdoc id = {doc_id}\n" + "\n".join(blocks) + "\n"


DATED = _doc(
    "news_dated", "Storm floods river towns", "Monday, March 3, 2008",
    "Floods forced 400 families from their homes on Monday.", "The river fell on Tuesday.",
)
UNDATED = _doc("news_undated", "Council votes on budget", "The council met on March 4, 2008.")


def test_date_line_under_the_title_is_recognised_and_kept_out_of_the_body() -> None:
    dated, undated = parse_documents(DATED + UNDATED)
    assert parts(dated).dateline == "Monday, March 3, 2008"
    assert parts(undated).dateline is None
    assert parts(undated).body == ("The council met on March 4, 2008.",)
    assert story_text(dated, "titled-dated") == (
        "Storm floods river towns\nMonday, March 3, 2008\n"
        "Floods forced 400 families from their homes on Monday. The river fell on Tuesday.",
        "Storm floods river towns",
    )
    assert story_text(dated, "titled")[0].splitlines()[1].startswith("Floods")
    assert story_text(dated, "plain") == (
        "Floods forced 400 families from their homes on Monday. The river fell on Tuesday.",
        None,
    )


def test_a_title_split_at_its_colon_is_joined_and_a_caption_before_the_date_left_out() -> None:
    split, captioned = parse_documents(
        _doc("news_split", "100 days:", "Mayor marks first term milestone", "Friday, May 2, 2014",
             "The mayor spoke for 40 minutes.")
        + _doc("news_caption", "Rovers win cup final 3-1", "The captain lifts the cup.",
               "Image: A. Photographer.", "Sunday, May 4, 2014", "Rovers won 3-1.")
    )
    assert parts(split).title == "100 days: Mayor marks first term milestone"
    assert parts(split).body == ("The mayor spoke for 40 minutes.",)
    assert parts(captioned).title == "Rovers win cup final 3-1"
    assert parts(captioned).dateline == "Sunday, May 4, 2014"
    assert parts(captioned).body == ("Rovers won 3-1.",)


def test_compilations_and_interviews_are_not_reports() -> None:
    shorts, interview, report = parse_documents(
        _doc("a", "Wikinews Shorts: May 1, 2007", "A compilation of brief news reports.")
        + _doc("b", "Wikinews interviews a mayor", "Monday, May 5, 2014", "He has 3 dogs.")
        + DATED
    )
    assert not is_report(shorts) and not is_report(interview) and is_report(report)


def test_a_year_or_a_day_of_a_month_is_not_a_figure() -> None:
    dated, undated = parse_documents(DATED + UNDATED)
    assert has_figure(dated)  # "400 families"
    assert not has_figure(undated)  # "March 4, 2008" only


def test_build_keeps_documents_with_a_figure_in_hash_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conllu = tmp_path / "news.conllu"
    conllu.write_text(DATED + UNDATED, encoding="utf-8")
    monkeypatch.setattr(wikinews, "PER_SET", 2)
    monkeypatch.setattr(wikinews, "PAIRS", (("wikinews", "wikinews_holdout"),))
    build([conllu], tmp_path, ids=["news_dated", "news_undated"])
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "bulletins").iterdir())]
    # One document has a figure: it alone is kept, in the first bulletin's layout.
    assert texts == [
        "Storm floods river towns\nMonday, March 3, 2008\n"
        "Floods forced 400 families from their homes on Monday. The river fell on Tuesday.\n"
    ]
    gold = json.loads(next((tmp_path / "wikinews").glob("*.json")).read_text(encoding="utf-8"))
    assert gold["stories"][0]["title"] == "Storm floods river towns"
    assert gold["stories"][0]["wikinews_document"] == "news_dated"
    assert check_gold(gold, texts[0]) == []


def test_the_second_set_takes_the_documents_after_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conllu = tmp_path / "news.conllu"
    docs = [_doc(f"news_{k}", f"Title {k}", f"{k + 2} boats sank.") for k in range(4)]
    conllu.write_text("".join(docs), encoding="utf-8")
    monkeypatch.setattr(wikinews, "PER_SET", 2)
    ids = [f"news_{k}" for k in range(4)]
    build([conllu], tmp_path, ids=ids)
    first = {s["wikinews_document"] for half in ("wikinews", "wikinews_holdout")
             for p in (tmp_path / half).glob("*.json")
             for s in json.loads(p.read_text(encoding="utf-8"))["stories"]}
    second = {s["wikinews_document"] for half in ("wikinews2", "wikinews2_holdout")
              for p in (tmp_path / half).glob("*.json")
              for s in json.loads(p.read_text(encoding="utf-8"))["stories"]}
    order = wikinews.hash_order(ids)
    assert first == set(order[:2]) and second == set(order[2:])


def test_a_listed_document_without_its_file_is_an_error(tmp_path: Path) -> None:
    conllu = tmp_path / "news.conllu"
    conllu.write_text(DATED, encoding="utf-8")
    with pytest.raises(SystemExit, match="news_missing is listed"):
        build([conllu], tmp_path, ids=["news_dated", "news_missing"])


@pytest.mark.parametrize(
    "half", ["wikinews", "wikinews_holdout", "wikinews2", "wikinews2_holdout"]
)
def test_committed_wikinews_gold_is_consistent_with_its_bulletins(half: str) -> None:
    bulletins, figures = committed_figures(PUBLIC / half)
    assert bulletins == 3
    assert figures >= 20  # annotated, not the build's empty skeleton


def test_the_population_is_the_listed_hundred() -> None:
    assert len(listed_ids()) == 100
