"""The eval scorer on hand-computed cases: fast, no model.

Every expected number below is worked out by hand from the small synthetic bulletin, so a
change to the matching rules shows up as a changed number here, not as a silent drift.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from evals.report_md import headline_table, metric_table
from evals.run import (
    DEFAULT_GOLD_DIR,
    DEFAULT_THRESHOLDS,
    load_cases,
    load_thresholds,
    main,
)
from evals.score import (
    ENTITY_TYPES,
    EXACT,
    ITEM_TYPES,
    LOOSE,
    NO_MATCH,
    TEXT_FIELD,
    check_gold,
    match_figure,
    match_forms,
    match_quote,
    micro,
    normalise,
    number_tokens,
    score_bulletin,
)
from evals.thresholds import check_thresholds

# --------------------------------------------------------------------------- fixtures

STORY_1 = (
    "Floods Hit Riverton\n"
    "\n"
    "Mayor Jane Doe said an estimated 1,200 people left Riverton on Monday. "
    "\u201cWe need help now,\u201d Doe said. The Red Cross sent 40 tents, Reuters reported."
)
STORY_2 = (
    "John Smith, the UNICEF envoy, met Ann Lee in Paris on 3 May. "
    "Lee, a doctor, said \"the camps are full\" after two days of talks."
)
TEXT = STORY_1 + "\n\n" + STORY_2 + "\n"
S2 = TEXT.index(STORY_2)


def _story(text: str, start: int, **items: Any) -> dict[str, Any]:
    body: dict[str, Any] = {t: [] for t in ITEM_TYPES}
    body.update(items)
    return {"title": None, "start": start, "end": start + len(text), "start_text": text[:40],
            "end_text": text[-40:], **body}


def synthetic_gold() -> dict[str, Any]:
    """Two stories; 3 people in all (1 + 2), 16 items of all types (9 + 7)."""
    first = _story(
        STORY_1, 0,
        people=[{"name": "Jane Doe", "role": "Mayor", "aliases": ["Doe"]}],
        organisations=[{"name": "Red Cross", "aliases": []},
                       {"name": "Reuters", "aliases": []}],
        places=[{"name": "Riverton", "aliases": []}],
        figures=[{"value": "1,200", "context": "people who left"},
                 {"value": "40", "context": "tents"}],
        dates=[{"text": "Monday"}],
        quotes=[{"text": "We need help now,", "speaker": "Jane Doe"}],
        sources=[{"name": "Reuters", "aliases": []}],
        key_facts=["Jane Doe", "1,200", "Riverton"],
    )
    first["title"] = "Floods Hit Riverton"
    second = _story(
        STORY_2, S2,
        people=[{"name": "John Smith", "role": "UNICEF envoy", "aliases": []},
                {"name": "Ann Lee", "role": "doctor", "aliases": ["Lee"]}],
        organisations=[{"name": "UNICEF", "aliases": []}],
        places=[{"name": "Paris", "aliases": []}], country="France",
        figures=[{"value": "two days", "context": "of talks"}],
        dates=[{"text": "3 May"}],
        quotes=[{"text": "the camps are full", "speaker": "Ann Lee"}],
        key_facts=["John Smith", "Ann Lee", "Paris"],
    )
    return {"bulletin": "synthetic.txt", "stories": [first, second]}


def _locate(text: str, start: int, end: int, value: str) -> tuple[int, int]:
    """Where `value` is written in text[start:end], tolerating whitespace runs and quotes."""
    pattern = "".join(
        r"\s+" if ch == " " else "['\u2019]" if ch in "'\u2019" else re.escape(ch)
        for ch in value
    )
    found = re.compile(pattern).search(text, start, end)
    assert found is not None, value
    return found.start(), found.end()


def perfect_briefing(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """A briefing that says exactly what the gold says, every item with true evidence."""
    stories = []
    for n, g in enumerate(gold["stories"], start=1):
        story: dict[str, Any] = {
            "id": n, "title": g.get("title"), "status": "summarised",
            "headline": g.get("title") or "", "summary": "; ".join(g.get("key_facts", [])),
            "key_points": [], "country": g.get("country"),
            "source": {"start": g["start"], "end": g["end"]},
            "grounding": {"reasks": 0},
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "seconds": 1.5,
                      "first_attempt_valid": True, "cached": False},
        }
        for kind in ITEM_TYPES:
            items = []
            for item in g.get(kind, []):
                value = item[TEXT_FIELD[kind]]
                a, b = _locate(text, g["start"], g["end"], value)
                items.append({**copy.deepcopy(item),
                              "evidence": {"text": text[a:b], "start": a, "end": b}})
            story[kind] = items
        stories.append(story)
    return {"stories": stories, "meta": {"seconds": 3.0}}


@pytest.fixture
def gold() -> dict[str, Any]:
    return synthetic_gold()


@pytest.fixture
def perfect(gold: dict[str, Any]) -> dict[str, Any]:
    return perfect_briefing(gold, TEXT)


# --------------------------------------------------------------------------- normalising


def test_normalise_folds_case_diacritics_quotes_possessives_and_leading_the() -> None:
    assert normalise("The  Pakistan\u2019s Army") == "pakistan army"
    assert normalise("Apur\u00edmac") == "apurimac"
    assert normalise("Tehreek-e-Taliban") == "tehreek e taliban"
    assert normalise("the") == "the"
    assert normalise(None) == ""


def test_number_tokens_ignore_thousands_separators_and_keep_number_words() -> None:
    assert number_tokens("an estimated 1,200 people") == ("1200",)
    assert number_tokens("1.30 million") == ("1.3", "million")
    assert number_tokens("twenty-three counties") == ("twenty", "three")


def test_name_matching_exact_alias_fuzzy_and_number_guard() -> None:
    assert match_forms(["doe"], ["jane doe", "doe"]) == EXACT
    assert match_forms(["tehreek e talibaan pakistan"], ["tehreek e taliban pakistan"]) == LOOSE
    assert match_forms(["3 february"], ["13 february"]) == NO_MATCH  # ratio 95, numbers differ
    assert match_forms(["jane"], ["jane doe"]) == NO_MATCH


def test_figure_rule() -> None:
    assert match_figure("an estimated 1.3 million", "1.3 million") == LOOSE
    assert match_figure("1.3 million", "1.3 million") == EXACT
    assert match_figure("1.4 million", "1.3 million") == NO_MATCH
    assert match_figure("between 40% and 60%", "40%") == NO_MATCH
    assert match_figure("18", "180") == NO_MATCH
    assert match_figure("twelve", "twelve of twenty-three") == NO_MATCH


def test_quote_rule_needs_containment_and_sixty_percent() -> None:
    assert match_quote("\u201cWe need help now,\u201d", "We need help now,") == EXACT
    assert match_quote("camps are full", "the camps are full") == EXACT  # leading "the"
    assert match_quote("we need help", "we need help now") == LOOSE  # 12 / 16 chars
    assert match_quote("we need", "we need help now") == NO_MATCH  # 7 / 16 < 0.6


# --------------------------------------------------------------------------- scores


def test_perfect_output_scores_one_everywhere(gold: dict[str, Any], perfect: dict) -> None:
    score = score_bulletin(gold, perfect, TEXT)
    m = score.metrics()
    for kind in ITEM_TYPES:
        assert (m[f"{kind}_precision"], m[f"{kind}_recall"], m[f"{kind}_f1"]) == (1.0, 1.0, 1.0)
    for kind in ENTITY_TYPES:
        assert m[f"{kind}_type_precision"] == 1.0
    assert m["boundary_f1"] == 1.0 and m["stories_exact"] == 1.0
    assert m["role_accuracy"] == 1.0 and m["speaker_accuracy"] == 1.0
    assert m["grounding_rate"] == 1.0 and m["hallucinated"] == 0
    assert m["summary_coverage"] == 1.0
    assert m["first_attempt_valid"] == 1.0
    assert m["tokens_per_story"] == 120.0
    assert m["seconds_per_story"] == 1.5  # meta.seconds 3.0 over 2 stories
    assert score.findings == []


def test_removing_one_person_lowers_recall_by_one_over_gold_people(
    gold: dict[str, Any], perfect: dict[str, Any]
) -> None:
    # Gold people: Jane Doe (story 1), John Smith and Ann Lee (story 2): 3 in all.
    del perfect["stories"][1]["people"][0]
    m = score_bulletin(gold, perfect, TEXT).metrics()
    assert m["people_recall"] == pytest.approx(1.0 - 1 / 3)
    assert m["people_precision"] == 1.0


def test_an_invented_name_lowers_precision_to_k_over_k_plus_one(
    gold: dict[str, Any], perfect: dict[str, Any]
) -> None:
    # k = 3 correct people predicted, plus one nobody wrote: precision 3/4.
    perfect["stories"][0]["people"].append({"name": "Boris Invented", "role": None})
    score = score_bulletin(gold, perfect, TEXT)
    m = score.metrics()
    assert m["people_precision"] == pytest.approx(3 / 4)
    assert m["people_recall"] == 1.0
    assert {"story": "gold 1", "type": "people", "finding": "false_positive",
            "text": "Boris Invented"} in score.findings
    assert m["hallucinated"] == 1  # no evidence, and not in the story either


def test_place_predicted_as_organisation_lowers_type_precision(
    gold: dict[str, Any], perfect: dict[str, Any]
) -> None:
    paris = perfect["stories"][1]["places"].pop()
    perfect["stories"][1]["organisations"].append(paris)
    score = score_bulletin(gold, perfect, TEXT)
    m = score.metrics()
    # Predicted organisations naming a gold entity: Red Cross, Reuters, UNICEF, Paris;
    # three of them are gold organisations.
    assert m["organisations_type_precision"] == pytest.approx(3 / 4)
    assert m["places_type_precision"] == 1.0
    assert m["places_recall"] == pytest.approx(1 / 2)
    assert m["organisations_precision"] == pytest.approx(3 / 4)
    assert any(f["finding"] == "type_error" and f["text"] == "Paris" for f in score.findings)


def test_hallucinated_items_are_counted(gold: dict[str, Any], perfect: dict[str, Any]) -> None:
    total = sum(len(s[k]) for s in perfect["stories"] for k in ITEM_TYPES)
    assert total == 16
    # Evidence that is not what the input says at its offsets.
    perfect["stories"][0]["places"][0]["evidence"]["text"] = "Rivertown"
    # Evidence that is right, for a value that is not in the story.
    perfect["stories"][1]["dates"][0]["text"] = "4 May"
    score = score_bulletin(gold, perfect, TEXT)
    m = score.metrics()
    assert m["hallucinated"] == 2
    assert m["grounding_rate"] == pytest.approx(14 / 16)
    whys = sorted(f["why"] for f in score.findings if f["finding"] == "hallucinated")
    assert whys == ["evidence text differs from the input at its offsets",
                    "value does not occur in the story"]


def test_grounding_tolerates_case_whitespace_and_curly_quotes(
    gold: dict[str, Any], perfect: dict[str, Any]
) -> None:
    quote = perfect["stories"][0]["quotes"][0]
    quote["text"] = "we NEED  help now,"
    m = score_bulletin(gold, perfect, TEXT).metrics()
    assert m["hallucinated"] == 0


def test_summary_coverage_on_a_hand_made_case(
    gold: dict[str, Any], perfect: dict[str, Any]
) -> None:
    # Story 1 facts: Jane Doe, 1,200, Riverton. "1200" and "twelve hundred" are not
    # accepted for "1,200": numbers must be copied as written.
    perfect["stories"][0]["headline"] = "Floods in Riverton"
    perfect["stories"][0]["summary"] = "Jane Doe's town lost 1200 people."
    perfect["stories"][0]["key_points"] = []
    # Story 2 facts: John Smith, Ann Lee, Paris: only Paris is covered.
    perfect["stories"][1]["summary"] = "Talks in Paris."
    perfect["stories"][1]["headline"] = ""
    score = score_bulletin(gold, perfect, TEXT)
    assert score.summary_coverage.num == 3 and score.summary_coverage.den == 6
    assert score.metrics()["summary_coverage"] == pytest.approx(0.5)


def test_segmentation_exact_vs_off_by_one(gold: dict[str, Any], perfect: dict[str, Any]) -> None:
    exact = score_bulletin(gold, perfect, TEXT)
    assert exact.segmentation.stories_exact
    perfect["stories"][0]["source"]["end"] -= 1
    off = score_bulletin(gold, perfect, TEXT)
    assert not off.segmentation.stories_exact
    m = off.metrics()
    assert (m["boundary_precision"], m["boundary_recall"]) == (0.5, 0.5)
    assert m["stories_exact"] == 0.0
    # Stories still align by overlap, so the items score as before.
    assert m["people_f1"] == 1.0


def test_unaligned_stories_count_as_misses_and_false_positives(
    gold: dict[str, Any], perfect: dict[str, Any]
) -> None:
    extra = copy.deepcopy(perfect["stories"][1])
    del perfect["stories"][1]
    extra["source"] = {"start": len(TEXT), "end": len(TEXT) + 5}  # overlaps no gold story
    extra["id"] = 9
    perfect["stories"].append(extra)
    m = score_bulletin(gold, perfect, TEXT).metrics()
    # Gold story 2's 2 people are missed; the stray story's 2 people are false positives.
    assert m["people_recall"] == pytest.approx(1 / 3)
    assert m["people_precision"] == pytest.approx(1 / 3)
    # Its key facts are missed too: 3 of 6 covered.
    assert m["summary_coverage"] == pytest.approx(0.5)


def test_matching_is_one_to_one(gold: dict[str, Any], perfect: dict[str, Any]) -> None:
    # "Doe" (an alias) and "Jane Doe" both name the one gold person: one tp, one fp.
    perfect["stories"][0]["people"].append({"name": "Doe", "role": "Mayor"})
    m = score_bulletin(gold, perfect, TEXT).metrics()
    assert m["people_precision"] == pytest.approx(3 / 4)
    assert m["people_recall"] == 1.0


def test_role_and_speaker_accuracy(gold: dict[str, Any], perfect: dict[str, Any]) -> None:
    people = perfect["stories"][1]["people"]
    people[0]["role"] = "the UNICEF envoy to the region"  # contains the gold role: right
    people[1]["role"] = None  # gold says doctor: wrong
    perfect["stories"][1]["quotes"][0]["speaker"] = "Lee"  # an alias of Ann Lee: right
    perfect["stories"][0]["quotes"][0]["speaker"] = None  # gold says Jane Doe: wrong
    score = score_bulletin(gold, perfect, TEXT)
    assert (score.role_accuracy.num, score.role_accuracy.den) == (2, 3)
    assert (score.speaker_accuracy.num, score.speaker_accuracy.den) == (1, 2)


def test_a_wrong_figure_label_is_counted_apart_from_an_empty_one(
    gold: dict[str, Any], perfect: dict[str, Any]
) -> None:
    """'**40**: Red Cross sent' names no tent, and says so as a fact; an empty label says
    nothing. Both miss the head; only the first is a wrong label printed."""
    gold["stories"][0]["figures"][0]["head"] = "people"
    gold["stories"][0]["figures"][1]["head"] = "tents"
    figures = perfect["stories"][0]["figures"]
    figures[0]["context"] = ""  # no label: a miss, not a wrong fact
    figures[1]["context"] = "Red Cross sent"  # a label naming something else
    m = score_bulletin(gold, perfect, TEXT).metrics()
    assert m["figure_label_accuracy"] == 0.0
    assert m["wrong_figure_labels"] == 1
    figures[1]["context"] = "tents the Red Cross sent"
    assert score_bulletin(gold, perfect, TEXT).metrics()["wrong_figure_labels"] == 0


def test_speaker_none_vs_none_is_correct(gold: dict[str, Any], perfect: dict[str, Any]) -> None:
    gold["stories"][1]["quotes"][0]["speaker"] = None
    perfect["stories"][1]["quotes"][0]["speaker"] = None
    assert score_bulletin(gold, perfect, TEXT).metrics()["speaker_accuracy"] == 1.0


def test_figures_match_with_approximators(gold: dict[str, Any], perfect: dict[str, Any]) -> None:
    figure = perfect["stories"][0]["figures"][0]
    figure["value"] = "an estimated 1,200"
    start = TEXT.index("an estimated 1,200")
    figure["evidence"] = {"text": "an estimated 1,200", "start": start, "end": start + 18}
    m = score_bulletin(gold, perfect, TEXT).metrics()
    assert m["figures_f1"] == 1.0 and m["hallucinated"] == 0


def test_micro_average_sums_counts(gold: dict[str, Any], perfect: dict[str, Any]) -> None:
    good = score_bulletin(gold, perfect, TEXT)
    del perfect["stories"][1]["people"][0]
    worse = score_bulletin(gold, perfect, TEXT)
    total = micro([good, worse])
    assert total.types["people"].recall == pytest.approx(5 / 6)  # (3 + 2) / (3 + 3)
    assert total.segmentation.bulletins == 2 and total.segmentation.stories_exact


def test_scores_serialise_to_json(gold: dict[str, Any], perfect: dict[str, Any]) -> None:
    score = score_bulletin(gold, perfect, TEXT)
    data = json.loads(json.dumps(score.as_dict()))
    assert set(data) >= {"segmentation", "types", "type_precision", "grounding", "metrics",
                         "summary_coverage", "run", "role_accuracy", "speaker_accuracy"}
    table = metric_table(data["metrics"], data["metrics"])
    assert "| people P / R / F1 | 1.00 / 1.00 / 1.00 | 1.00 / 1.00 / 1.00 |" in table
    assert "| tokens / story | 120 | – |" in table
    report = {"ours": data, "baseline": None}
    assert "| hallucinated items | 0 | – |" in headline_table(report)


# --------------------------------------------------------------------------- thresholds


def test_check_thresholds_minimums_maximums_and_typos() -> None:
    metrics = {"people_recall": 0.5, "hallucinated": 2, "role_accuracy": None}
    assert check_thresholds(metrics, {"people_recall": 0.5, "max_hallucinated": 2}) == []
    failures = check_thresholds(
        metrics,
        {"people_recall": 0.6, "max_hallucinated": 0, "role_accuracy": 0.1, "peple_recall": 0},
    )
    assert len(failures) == 4
    assert failures[0].startswith("people_recall = 0.500 is below")
    assert failures[1].startswith("hallucinated = 2 is above")
    assert "not measured" in failures[2]
    assert "unknown metric" in failures[3]
    assert check_thresholds(metrics, {"role_accuracy": 0.0}) == []


@pytest.mark.parametrize(
    "thresholds", [DEFAULT_THRESHOLDS, DEFAULT_THRESHOLDS.with_name("thresholds_holdout.toml")],
    ids=lambda p: p.name,
)
def test_thresholds_file_names_only_known_metrics(
    thresholds: Path, gold: dict, perfect: dict
) -> None:
    limits = load_thresholds(thresholds)
    assert limits["max_hallucinated"] == 0
    failures = check_thresholds(score_bulletin(gold, perfect, TEXT).metrics(), limits)
    # The synthetic gold has no figure heads, role holders, bylines or datelines, so the
    # metrics that need those annotations are unmeasured here; every other named metric must
    # be known and met.
    assert [f for f in failures if "was not measured" not in f] == []
    unannotated = ("figure_label_accuracy", "role_holder_accuracy", "byline_accuracy",
                   "dateline_accuracy")
    assert all(f.startswith(unannotated) for f in failures), failures


# --------------------------------------------------------------------------- real gold

SEED_GOLD = DEFAULT_GOLD_DIR / "000_308f2c399fe30051.json"


def test_every_gold_file_is_consistent_with_its_bulletin() -> None:
    cases = load_cases(DEFAULT_GOLD_DIR)
    assert SEED_GOLD.stem in {c.name for c in cases}
    for case in cases:
        assert check_gold(case.gold, case.text) == [], case.name


def test_seed_gold_scored_against_itself() -> None:
    (case,) = [c for c in load_cases(DEFAULT_GOLD_DIR) if c.gold_path == SEED_GOLD]
    briefing = perfect_briefing(case.gold, case.text)
    m = score_bulletin(case.gold, briefing, case.text).metrics()
    for kind in ITEM_TYPES:
        assert m[f"{kind}_f1"] == 1.0, kind
    assert m["grounding_rate"] == 1.0 and m["summary_coverage"] == 1.0
    assert m["role_accuracy"] == 1.0 and m["speaker_accuracy"] == 1.0
    assert m["stories_exact"] == 1.0

    people = [len(s["people"]) for s in case.gold["stories"]]
    story = next(i for i, n in enumerate(people) if n >= 2)
    del briefing["stories"][story]["people"][0]
    m = score_bulletin(case.gold, briefing, case.text).metrics()
    assert m["people_recall"] == pytest.approx(1 - 1 / sum(people))


def test_bulletin_paths_in_gold_resolve(tmp_path: Path) -> None:
    gold = synthetic_gold()
    (tmp_path / "synthetic.txt").write_text(TEXT, encoding="utf-8")
    gold["bulletin"] = str(tmp_path / "synthetic.txt")
    (tmp_path / "x.json").write_text(json.dumps(gold), encoding="utf-8")
    (case,) = load_cases(tmp_path)
    assert case.text == TEXT


# --------------------------------------------------------------------------- runner (fake model)


def _fake_backend() -> Any:
    from summariser.backends.fake import FakeBackend

    # Content-free prose passes the strict prose check in any story, so each story takes one
    # call (its summary names nothing, so the lead's sentences stand in for it).
    return FakeBackend(default={"headline": "News", "summary": "They said so.",
                                "key_points": [], "topic": "news"})


@pytest.fixture
def synthetic_gold_dir(tmp_path: Path) -> Path:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (tmp_path / "synthetic.txt").write_text(TEXT, encoding="utf-8")
    gold = synthetic_gold()
    gold["bulletin"] = str(tmp_path / "synthetic.txt")
    (gold_dir / "synthetic.json").write_text(json.dumps(gold), encoding="utf-8")
    return gold_dir


def test_main_runs_scores_and_writes_reports(
    synthetic_gold_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import summariser.backends

    backends: list[Any] = []

    def create(config: Any) -> Any:
        assert config.use_cache is False
        backends.append(_fake_backend())
        return backends[-1]

    monkeypatch.setattr(summariser.backends, "create_backend", create)
    # The runner's wiring is under test here, not the extractor's quality on this text
    # (the real gold and evals/thresholds.toml gate that): the contract metrics only.
    thresholds = tmp_path / "contract.toml"
    thresholds.write_text("[micro]\nboundary_f1 = 1.0\ngrounding_rate = 1.0\n"
                          "max_hallucinated = 0\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["--gold-dir", str(synthetic_gold_dir), "--out", str(out), "--check",
                 "--thresholds", str(thresholds), "--entity-mode", "candidates"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert len(backends) == 1 and len(backends[0].calls) == 2  # one backend, one call a story
    assert "story 2/2" in captured.err
    assert "| people P / R / F1 |" in captured.out
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert set(report) == {"meta", "ours", "baseline", "bulletins", "check"}
    assert report["check"]["passed"] is True
    assert report["ours"]["metrics"]["hallucinated"] == 0
    assert report["baseline"]["metrics"]["people_recall"] > 0
    assert report["bulletins"][0]["ours"]["run"]["stories"] == 2
    assert (out / "synthetic.briefing.json").is_file()
    assert "## Per bulletin" in (out / "report.md").read_text(encoding="utf-8")


def test_main_check_lists_every_metric_below_threshold(
    synthetic_gold_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import summariser.backends

    monkeypatch.setattr(summariser.backends, "create_backend", lambda config: _fake_backend())
    thresholds = tmp_path / "t.toml"
    thresholds.write_text("[micro]\npeople_recall = 1.01\nquotes_recall = 1.01\n"
                          "max_hallucinated = 0\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["--gold-dir", str(synthetic_gold_dir), "--out", str(out), "--no-baseline",
                 "--check", "--thresholds", str(thresholds), "--entity-mode", "candidates"])
    err = capsys.readouterr().err
    assert code == 1
    assert "people_recall" in err and "quotes_recall" in err
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["baseline"] is None
    assert len(report["check"]["failures"]) == 2


def test_main_without_gold_is_a_usage_error(tmp_path: Path) -> None:
    assert main(["--gold-dir", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
