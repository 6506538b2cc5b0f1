"""`python -m evals --scripted`: the whole eval without a model, for the extractor's loop.

Item scores in candidates mode do not depend on the model's answer, so the scripted run must
score the seed's items as the gold says, and its prose must be the lead it copies.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from evals.run import main, scripted_answer

EVALS = Path(__file__).resolve().parents[2] / "evals"


def test_scripted_answer_copies_the_fenced_story_lead() -> None:
    kwargs = {"messages": [{"role": "user", "content": "Story:\n<<<\nLead line.\nMore.\n>>>\n"}]}
    answer = scripted_answer(kwargs)
    assert answer["summary"] == "Lead line."
    assert answer["key_points"] == []


def test_scripted_eval_scores_the_seed_without_a_model(tmp_path: Path) -> None:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    shutil.copy(EVALS / "gold" / "000_308f2c399fe30051.json", gold_dir)
    out = tmp_path / "out"
    code = main(["--scripted", "--gold-dir", str(gold_dir), "--out", str(out)])
    assert code == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["meta"]["model"] == "scripted-lead"
    metrics = report["ours"]["metrics"]
    assert metrics["not_summarised"] == 0
    assert metrics["hallucinated"] == 0
    assert metrics["people_recall"] >= 0.9 and metrics["places_recall"] >= 0.9


def test_ablation_measures_what_a_family_earns(tmp_path: Path, monkeypatch) -> None:
    """`--ablate` scores the set with each family off; one family is enough to see that the
    difference is on minus off (the seed's "Bazarak district" needs the place cues), that
    the switch is restored, and that the table is written."""
    import os

    import summariser.extract as extract

    monkeypatch.setattr(extract, "RULE_FAMILIES", ("place-cues",))
    monkeypatch.delenv(extract.DISABLE_ENV, raising=False)
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    shutil.copy(EVALS / "gold" / "000_308f2c399fe30051.json", gold_dir)
    out = tmp_path / "out"
    assert main(["--ablate", "--gold-dir", str(gold_dir), "--out", str(out)]) == 0
    table = json.loads((out / "ablation.json").read_text(encoding="utf-8"))
    rows = table[str(gold_dir)]
    assert set(rows) == {"(all on)", "place-cues"}
    assert rows["place-cues"]["places_recall"] > 0
    assert extract.DISABLE_ENV not in os.environ
    assert "| place-cues |" in (out / "ablation.md").read_text(encoding="utf-8")


def test_more_than_one_gold_dir_is_only_for_the_ablation(tmp_path: Path) -> None:
    gold = str(EVALS / "gold")
    assert main(["--scripted", "--gold-dir", gold, "--gold-dir", gold,
                 "--out", str(tmp_path)]) == 2
