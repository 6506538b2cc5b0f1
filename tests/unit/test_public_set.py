"""The public (GUM) eval set: its reader, its committed gold, and the scorer's extensions
it needs (annotated kinds, ROUGE, the NER floor). Fast, no model.

The CoNLL-U below is written for these tests (in GUM's notation), not taken from GUM.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from evals.public.build import lay_out, name_form, split_halves
from evals.public.gum import GumFormatError, parse_document
from evals.run import load_cases, load_thresholds
from evals.score import check_gold, score_bulletin
from evals.thresholds import check_thresholds
from tests.unit.test_scorer import TEXT, perfect_briefing, synthetic_gold

PUBLIC = Path(__file__).resolve().parents[2] / "evals" / "public"
EVALS = PUBLIC.parent

HEADER = """# newdoc id = GUM_news_test
# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity
# meta::summary1 = (human1) Mayor Ann Lee opened the Riverton Bridge.
# meta::summary2 = (somemodel) A bridge opened.
"""


def _row(i: str, form: str, upos: str, xpos: str, head: int, rel: str, misc: str = "_") -> str:
    return "\t".join([i, form, form.lower(), upos, xpos, "_", str(head), rel, "_", misc])


SENTENCES = [
    ("# newpar\n# newpar_block = head (1 s)\n# text = Bridge opens\n", [
        _row("1", "Bridge", "NOUN", "NN", 2, "nsubj",
             "Entity=(3-object-new-sn-cf1-1-coref)"),
        _row("2", "opens", "VERB", "VBZ", 0, "root"),
    ]),
    ("# newpar\n# newpar_block = p (1 s)\n# text = Friday, May 1, 2020\n", [
        _row("1", "Friday", "PROPN", "NNP", 0, "root",
             "Entity=(4-time-new-nn-cf1-1-coref)|SpaceAfter=No|XML=<date when:::\"x\">"),
        _row("2", ",", "PUNCT", ",", 3, "punct"),
        _row("3", "May", "PROPN", "NNP", 1, "appos"),
        _row("4", "1", "NUM", "CD", 3, "nummod", "SpaceAfter=No"),
        _row("5", ",", "PUNCT", ",", 6, "punct"),
        _row("6", "2020", "NUM", "CD", 3, "nmod", "XML=</date>"),
    ]),
    ("# newpar\n# newpar_block = p (2 s)\n"
     "# text = Riverton Mayor Ann Lee's team and Tom and Jo Sam opened it.\n", [
        _row("1", "Riverton", "PROPN", "NNP", 2, "compound",
             "Entity=(1-person-new-sn-cf1-1-coref-Ann_Lee(2-place-new-sn-cf2-1-coref)"),
        _row("2", "Mayor", "PROPN", "NNP", 3, "nmod:desc"),
        _row("3", "Ann", "PROPN", "NNP", 6, "nmod:poss"),
        _row("4-5", "Lee's", "_", "_", 0, "_"),
        _row("4", "Lee", "PROPN", "NNP", 3, "flat"),
        _row("5", "'s", "PART", "POS", 3, "case", "Entity=1)"),
        _row("6", "team", "NOUN", "NN", 13, "nsubj"),
        _row("7", "and", "CCONJ", "CC", 8, "cc"),
        _row("8", "Tom", "PROPN", "NNP", 6, "conj", "Entity=(5-person-new-sn-cf3-1-coref"),
        _row("9", "and", "CCONJ", "CC", 10, "cc"),
        _row("10", "Jo", "PROPN", "NNP", 8, "conj"),
        _row("11", "Sam", "PROPN", "NNP", 10, "flat", "Entity=5)"),
        _row("12", "opened", "VERB", "VBD", 0, "root"),
        _row("13", "it", "PRON", "PRP", 12, "obj", "Entity=(3-object-giv-sn-cf1-1-coref)|"
             "SpaceAfter=No"),
        _row("14", ".", "PUNCT", ".", 12, "punct"),
    ]),
    ("# text = The Mayor smiled.\n", [
        _row("1", "The", "DET", "DT", 2, "det", "Entity=(1-person-giv-sn-cf1-1-coref-Ann_Lee"),
        _row("2", "Mayor", "PROPN", "NNP", 3, "nsubj", "Entity=1)"),
        _row("3", "smiled", "VERB", "VBD", 0, "root", "SpaceAfter=No"),
        _row("4", ".", "PUNCT", ".", 3, "punct"),
    ]),
]


def _conllu(sentences: list[tuple[str, list[str]]] = SENTENCES) -> str:
    blocks = [HEADER + comments + "\n".join(rows) for comments, rows in sentences]
    return "\n\n".join(blocks) + "\n\n"


def test_text_is_rebuilt_from_tokens_and_space_after() -> None:
    doc = parse_document("GUM_news_test", _conllu())
    assert [s.text for s in doc.sentences][2] == (
        "Riverton Mayor Ann Lee's team and Tom and Jo Sam opened it.")
    sentence = doc.sentences[2]
    lee = sentence.words[3]
    assert sentence.text[lee.start : lee.end] == "Lee"  # a word inside "Lee's"
    assert doc.summaries()[0] == ("human1", "Mayor Ann Lee opened the Riverton Bridge.")


def test_a_sentence_that_does_not_rebuild_to_its_text_stops_the_build() -> None:
    broken = _conllu().replace("# text = Bridge opens", "# text = Bridge  opens")
    with pytest.raises(GumFormatError, match="rebuilt"):
        parse_document("GUM_news_test", broken)


def test_entity_brackets_nest_and_close_on_the_same_word() -> None:
    doc = parse_document("GUM_news_test", _conllu())
    lee, riverton = doc.entities["1"], doc.entities["2"]
    assert lee.etype == "person" and lee.identity == "Ann_Lee"
    assert [(m.sentence, m.first, m.last) for m in lee.mentions] == [(2, 1, 5), (3, 1, 2)]
    assert [(m.first, m.last) for m in riverton.mentions] == [(1, 1)]


def test_names_leave_out_titles_and_coordinated_groups() -> None:
    doc = parse_document("GUM_news_test", _conllu())
    sentence = doc.sentences[2]
    lee, group = doc.entities["1"].mentions[0], doc.entities["5"].mentions[0]
    assert name_form(sentence, lee, "people") == "Ann Lee"
    assert name_form(sentence, group, "people") is None  # "Tom and Jo Sam": a group


def test_layouts_keep_title_and_dateline_or_drop_them_and_gold_follows() -> None:
    doc = parse_document("GUM_news_test", _conllu())
    dated = lay_out(doc, "titled-dated")
    assert dated.text.split("\n")[:2] == ["Bridge opens", "Friday, May 1, 2020"]
    plain = lay_out(doc, "plain")
    assert plain.title is None and plain.text.startswith("Riverton Mayor")
    people = dated.gold["people"]
    # the title mention "The Mayor" carries the identity but does not name it
    assert people == [{"name": "Ann Lee", "role": None, "aliases": []}]
    assert dated.gold["places"] == [{"name": "Riverton", "aliases": []}]
    assert dated.gold["reference_summaries"] == ["Mayor Ann Lee opened the Riverton Bridge."]
    assert dated.gold["key_facts"] == ["Ann Lee", "Riverton"]


def test_halves_are_a_deterministic_even_split() -> None:
    names = [f"GUM_news_{n}" for n in range(9)]
    dev, holdout = split_halves(names)
    assert len(dev) == 5 and len(holdout) == 4 and not set(dev) & set(holdout)
    assert split_halves(list(reversed(names))) == (dev, holdout)


# --------------------------------------------------------------------------- committed set


@pytest.mark.parametrize("half", ["dev", "holdout", "interview"])
def test_committed_public_gold_is_consistent_with_its_bulletins(half: str) -> None:
    cases = load_cases(PUBLIC / half)
    assert cases
    for case in cases:
        assert check_gold(case.gold, case.text) == [], case.name  # offsets, substrings
        # GUM's layers, and the figures a blind annotator added to the news halves
        names = ["people", "organisations", "places"]
        assert case.gold["annotated"] == (names if half == "interview" else [*names, "figures"])
        assert 1 <= len(case.gold["stories"]) <= 4
        for story in case.gold["stories"]:
            assert story["reference_summaries"] and story["people"] is not None


# --------------------------------------------------------------------------- scorer


def test_unannotated_kinds_are_not_scored() -> None:
    gold = synthetic_gold()
    briefing = perfect_briefing(gold, TEXT)
    gold = copy.deepcopy(gold)
    gold["annotated"] = ["people", "organisations", "places"]
    for story in gold["stories"]:
        story["figures"] = []  # unannotated: the briefing's figures are not false positives
    metrics = score_bulletin(gold, briefing, TEXT).metrics()
    assert metrics["people_f1"] == 1.0
    assert metrics["figures_precision"] is None and metrics["quotes_recall"] is None
    assert check_gold(gold, TEXT) == []
    gold["annotated"] = ["people", "figurez"]
    assert check_gold(gold, TEXT)[0].startswith("annotated")


def test_rouge_scores_the_summary_against_the_best_reference() -> None:
    gold = synthetic_gold()
    briefing = perfect_briefing(gold, TEXT)
    gold["stories"][0]["reference_summaries"] = ["Jane Doe; 1,200; Riverton", "Unrelated."]
    metrics = score_bulletin(gold, briefing, TEXT).metrics()
    assert metrics["summary_rouge1"] == pytest.approx(1.0)  # one story with references
    briefing["stories"][0]["summary"] = ""
    assert score_bulletin(gold, briefing, TEXT).metrics()["summary_rougeL"] == 0.0
    assert synthetic_gold()["stories"][0].get("reference_summaries") is None


def test_min_delta_keys_compare_ours_with_the_baseline() -> None:
    ours = {"people_recall": 0.84, "people_f1": 0.90}
    spacy = {"people_recall": 0.93, "people_f1": 0.88}
    limits = {"min_delta_people_recall": 0.0, "min_delta_people_f1": 0.0}
    failures = check_thresholds(ours, limits, spacy)
    assert len(failures) == 1 and "below the baseline's 0.930" in failures[0]
    assert "needs the baseline" in check_thresholds(ours, limits)[0]
    assert "unknown metric" in check_thresholds(ours, {"min_delta_peple_f1": 0.0}, spacy)[0]
@pytest.mark.parametrize("name", ["thresholds_public.toml", "thresholds_public_holdout.toml"])
def test_public_thresholds_name_only_known_metrics(name: str) -> None:
    limits = load_thresholds(EVALS / name)
    gold = synthetic_gold()
    gold["annotated"] = ["people", "organisations", "places", "figures"]
    for story in gold["stories"]:
        story["reference_summaries"] = [" ".join(story["key_facts"])]
        for figure in story["figures"]:
            figure["head"] = figure["context"].split()[-1]  # what a perfect label names
    metrics = score_bulletin(gold, perfect_briefing(gold, TEXT), TEXT).metrics()
    # every key names a metric the public set measures (a perfect briefing meets them all)
    assert check_thresholds(metrics, limits, metrics) == []
    assert limits["max_hallucinated"] == 0


@pytest.mark.parametrize("path", sorted(EVALS.glob("thresholds*.toml")), ids=lambda p: p.name)
def test_every_thresholds_file_names_only_known_metrics(path: Path) -> None:
    """A typo in any bar (a new set's too) fails here in seconds, not in the embedded run."""
    gold = synthetic_gold()
    metrics = score_bulletin(gold, perfect_briefing(gold, TEXT), TEXT).metrics()
    failures = check_thresholds(metrics, load_thresholds(path), metrics)
    assert not [f for f in failures if "unknown metric" in f]
