"""Rule families switched off by name, for measuring what each earns (issue 15).

Each family has a story here where it matters, so switching it off must change the
candidates; the default (nothing off) is what the snapshots hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summariser.cli import app
from summariser.errors import ConfigError, SummariserError
from summariser.extract import (
    DISABLE_ENV,
    RULE_FAMILIES,
    disabled_by_env,
    extract_candidates,
    extract_candidates_many,
    rule_families,
)

#: A story where each family changes the candidates (several are written after lines of the
#: gold bulletins, where the family decided an item).
WHERE_IT_MATTERS = {
    "person-evidence": "Sardor, 29, a docker, told Salam Watandar that prices rose.",
    "lone-names": "Fans cheered for Zubairov at the stadium.",
    "census-names": "Fans cheered for Kowalczyk at the stadium.",
    "names-in-bodies": "Goldman Sachs's Jan Hatzius expects two rate cuts this year.",
    "acronyms": "The Tehreek-e-Taliban Pakistan (TTP) claimed the attack. ECOWAS said it would "
    "send observers.",
    "citations": "Fighting resumed near the border, a local commander told Pajhwok on Monday.",
    "org-cues": "The state oil company Ecopetrol said output fell.",
    "teams": "Orlando City beat Racing Club 2-1 on Sunday.",
    "place-cues": "Fighting was reported in the Bazarak district on Friday.",
    "gazetteer-places": "At the Federal Medical Centre in Owo, in Ondo state, the isolation ward "
    "was full last week, the newspaper Punch reported.",
    "place-lists": "Heavy rain hit Córdoba, Rosario and Mendoza, and later Tucumán and Salta.",
    "appositions": "Sardor, 29, a docker, said prices rose.",
    "gazetteer-retyping": "The Tehreek-e-Taliban Pakistan claimed the attack near Rosario.",
    "headline-confirmation": "Pakistani Military Commanders Urge Afghan Taliban\n\nThe talks "
    "in Rawalpindi ended on Monday.",
    "surnames": "Army spokesman Issa Sidibé visited the camp on Monday. Sidibé said "
    "reinforcements had been sent from Bamako on Sunday.",
    "roles": "Ahmad Khan, the governor of Kandahar, said the road was open.",
    "parsed-roles": '"The ice is old," said glaciologist Hana Whitaker on Monday.',
    "other-calendars": "The new rules take effect on 12 Hamal 1404, the ministry said.",
    "compared-figures": "The squad played six friendlies in the summer, short of the nine it "
    "had scheduled.",
    "measured-nouns": "The fires burned 90,000 hectares, an area 30% larger than last year.",
    "parallel-figures": "The nurses want a 9% pay rise, but the ministry has offered 4%.",
    "clause-figures": "By comparison, it cost $40 million to build the new ferry terminal.",
    "collective-sources": "The talks failed, according to an official statement from the "
    "Pakistani military.",
}


def test_every_family_has_a_story() -> None:
    assert set(WHERE_IT_MATTERS) == set(RULE_FAMILIES)


@pytest.mark.parametrize("family", RULE_FAMILIES)
def test_switching_a_family_off_changes_its_story(family: str) -> None:
    text = WHERE_IT_MATTERS[family]
    default = extract_candidates(text, disabled=frozenset())
    off = extract_candidates(text, disabled=frozenset({family}))
    assert off != default


def test_each_family_name_is_recognised() -> None:
    for family in RULE_FAMILIES:
        assert rule_families([family]) == frozenset({family})
    assert rule_families(["", " roles "]) == frozenset({"roles"})  # as split from the variable


def test_an_unknown_family_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown rule family no-such-rule"):
        extract_candidates("Rain fell in Nairobi.", disabled=frozenset({"no-such-rule"}))
    assert issubclass(ConfigError, SummariserError)


def test_all_off_still_extracts_and_batches_alike() -> None:
    text = WHERE_IT_MATTERS["acronyms"]
    everything = frozenset(RULE_FAMILIES)
    one = extract_candidates(text, disabled=everything)
    assert one == extract_candidates_many([text], disabled=everything)[0]
    assert any(c.kind == "organisation" for c in one)  # the NER names still come through


def test_environment_switches_families_off(monkeypatch: pytest.MonkeyPatch) -> None:
    text = WHERE_IT_MATTERS["roles"]
    monkeypatch.setenv(DISABLE_ENV, "roles, surnames")
    disabled_by_env.cache_clear()
    try:
        assert disabled_by_env() == frozenset({"roles", "surnames"})
        both = frozenset({"roles", "surnames"})
        assert extract_candidates(text) == extract_candidates(text, disabled=both)
        assert extract_candidates(text) != extract_candidates(text, disabled=frozenset())
        monkeypatch.setenv(DISABLE_ENV, "roles,typo")
        disabled_by_env.cache_clear()
        with pytest.raises(ConfigError, match="typo"):
            extract_candidates(text)
    finally:
        monkeypatch.delenv(DISABLE_ENV)
        disabled_by_env.cache_clear()


def test_a_misspelt_environment_family_is_a_usage_error(tmp_path: Path) -> None:
    bulletin = tmp_path / "bulletin.txt"
    bulletin.write_text("Rain fell in Nairobi on Monday, officials said.\n", "utf-8")
    disabled_by_env.cache_clear()
    try:
        result = CliRunner().invoke(app, [str(bulletin)], env={DISABLE_ENV: "roles,typo"})
    finally:
        disabled_by_env.cache_clear()
    assert result.exit_code == 2
    assert "unknown rule family typo" in result.output
    assert "Traceback" not in result.output
