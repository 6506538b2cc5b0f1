"""The HTML evidence view in a real headless Chromium (Debian's chromium + chromedriver).

The page is written for a real briefing of the seed bulletin (the pipeline over a scripted
backend, so its offsets are the pipeline's own) and for a hostile, overlapping one. In the
browser: every evidence item has its highlight, highlights and records link to each other
(each highlight clickable, nested or not), summary sentences and key points land on their
passages, the legend's boxes hide and show a kind, nothing is fetched, no script runs or
fails, and a screenshot is saved. The seed page's screenshot is the README's picture,
docs/evidence-view.png: written when it is missing or SUMMARISER_WRITE_DOCS=1 is set, so a
test run does not dirty the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summariser.render import render_html
from summariser.render.html import KINDS
from summariser.schemas import Briefing
from tests.unit.test_render import hostile_briefing, realistic_briefing

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_308f2c399fe30051.txt"
DOCS_SHOT = ROOT / "docs" / "evidence-view.png"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

KIND_FIELDS = {
    "person": "people", "organisation": "organisations", "place": "places",
    "figure": "figures", "date": "dates", "quote": "quotes", "source": "sources",
}


def ensure_chromium() -> None:
    """The test setup installs Debian's chromium and chromium-driver when they are missing."""
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return  # the assertion below names the command to run
    subprocess.run(["apt-get", "update", "-qq"], check=True, timeout=900)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                    "chromium", "chromium-driver"], check=True, timeout=1800,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    ensure_chromium()
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    assert not missing, (f"{', '.join(missing)} missing: "
                         "apt-get install -y chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)),
                              options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def pipeline_briefing(text: str) -> Briefing:
    """The real pipeline over the seed with a scripted backend (each summary is a lead)."""
    from summariser.backends.fake import FakeBackend
    from summariser.config import Config
    from summariser.pipeline import summarise_text

    def answer(kwargs: dict[str, Any]) -> dict[str, Any]:
        user = kwargs["messages"][1]["content"]
        body = user.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
        lead = body.splitlines()[0][:300]
        return {"headline": lead[:100], "summary": lead, "key_points": [lead], "topic": "news"}

    backend = FakeBackend(default=answer)
    return summarise_text(text, Config.resolve(use_cache=False), backend)


def expected_marks(briefing: Briefing, text: str) -> dict[str, list[tuple[str, str]]]:
    """Kind → (mark id, evidence text) of every item whose evidence lies in its story."""
    from summariser.render.titles import story_anchors

    out: dict[str, list[tuple[str, str]]] = {kind: [] for kind in KINDS}
    for story, anchor in zip(briefing.stories, story_anchors(briefing.stories), strict=True):
        for kind in KINDS:
            for n, item in enumerate(getattr(story, KIND_FIELDS[kind])):
                ev = item.evidence
                if ev and story.source.start <= ev.start < ev.end <= story.source.end:
                    out[kind].append((f"{anchor}-{kind}-{n}", text[ev.start:ev.end]))
    return out


def open_page(browser: Any, page: str, path: Path) -> None:
    path.write_text(page, encoding="utf-8")
    browser.get_log("browser")  # drop anything logged by an earlier page
    browser.get(path.as_uri())


BROKEN_LINKS_JS = """
return Array.from(document.querySelectorAll('a[href]'))
  .map(a => a.getAttribute('href'))
  .filter(h => !h.startsWith('#') || !document.getElementById(decodeURIComponent(h.slice(1))));
"""

# Text of a highlight: its own mark plus any continuation pieces, in document order.
MARK_TEXT_JS = """
const id = arguments[0];
const parts = [document.getElementById(id),
               ...document.querySelectorAll('mark[data-for="' + id + '"]')];
return parts.map(m => m.textContent).join('');
"""

# Every highlight links to a record from its own words or its own tab, and every record
# links back to its highlight.
ROUND_TRIP_JS = """
const problems = [];
for (const mark of document.querySelectorAll('mark[id]')) {
  const rec = document.getElementById(mark.id + '-rec');
  if (!rec) { problems.push('no record for ' + mark.id); continue; }
  const back = rec.querySelector('a.jump');
  if (!back || back.getAttribute('href') !== '#' + mark.id) {
    problems.push('no link back ' + mark.id);
  }
  const pieces = [mark, ...document.querySelectorAll('mark[data-for="' + mark.id + '"]')];
  const own = pieces.some(p => Array.from(p.querySelectorAll('a.hl'))
      .some(a => a.getAttribute('href') === '#' + rec.id && a.getBoundingClientRect().width > 0));
  if (!own) problems.push('unreachable ' + mark.id);
}
return problems;
"""


def severe(browser: Any) -> list[Any]:
    return [entry for entry in browser.get_log("browser") if entry.get("level") == "SEVERE"]


def test_evidence_page_for_the_seed_in_chromium(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    text = SEED.read_text(encoding="utf-8")
    briefing = pipeline_briefing(text)
    expected = expected_marks(briefing, text)
    assert sum(map(len, expected.values())) >= 50  # the pipeline found a realistic amount
    open_page(browser, render_html(briefing, text), tmp_path / "evidence.html")

    for kind in KINDS:
        marks = browser.find_elements(By.CSS_SELECTOR, f"mark.{kind}[id]")
        assert len(marks) == len(expected[kind]), kind
        for mark_id, words in expected[kind]:
            assert browser.execute_script(MARK_TEXT_JS, mark_id) == words
    assert browser.execute_script(BROKEN_LINKS_JS) == []
    assert browser.execute_script(ROUND_TRIP_JS) == []
    # Self-contained: nothing was fetched, no script is on the page.
    assert browser.execute_script(
        "return performance.getEntriesByType('resource').length") == 0
    assert browser.execute_script("return document.scripts.length") == 0

    # Click a highlight: it lands on its record; click the record: it lands on the highlight.
    mark_id = expected["person"][0][0]
    browser.find_element(By.CSS_SELECTOR, f"#{mark_id} a.hl").click()
    assert browser.execute_script("return location.hash") == f"#{mark_id}-rec"
    assert browser.execute_script("return document.querySelector(':target').id") == \
        f"{mark_id}-rec"
    browser.find_element(By.CSS_SELECTOR, f"#{mark_id}-rec a.jump").click()
    assert browser.execute_script("return location.hash") == f"#{mark_id}"
    assert browser.execute_script("return document.querySelector(':target').id") == mark_id
    # The two columns sit side by side at this width.
    source = browser.find_element(By.CSS_SELECTOR, ".story .source")
    record = browser.find_element(By.CSS_SELECTOR, ".story .record")
    assert record.location["x"] > source.location["x"] + source.size["width"] - 1
    assert record.location["y"] == source.location["y"]

    # A highlight wholly covered by another (the same words found twice) has its own tab.
    tab = browser.find_element(By.CSS_SELECTOR, "a.hl.tab")
    tab.click()
    assert browser.execute_script("return location.hash") == tab.get_attribute("href")[
        tab.get_attribute("href").index("#"):]

    # Each summary sentence and key point lands on the passage it rests on.
    prose = browser.find_elements(By.CSS_SELECTOR, "a.prose")
    assert len(prose) >= 2 * len(briefing.stories)  # summary and key point of each story
    for link in prose[:4]:
        link.click()
        target = browser.execute_script("return document.querySelector(':target')")
        assert target.get_attribute("class") == "passage"
        assert " ".join(target.text.split()) == " ".join(link.text.split())

    # The legend hides a kind's highlights and shows them again; no script needed.
    background = "return getComputedStyle(document.querySelector('mark.person')).backgroundColor"
    shown = browser.execute_script(background)
    browser.find_element(By.CSS_SELECTOR, "label:has(#show-person)").click()
    assert browser.execute_script(background) == "rgba(0, 0, 0, 0)" != shown
    browser.find_element(By.CSS_SELECTOR, "label:has(#show-person)").click()
    assert browser.execute_script(background) == shown

    assert severe(browser) == []
    browser.execute_script("window.scrollTo(0, 0)")
    shot = tmp_path / "evidence.png"
    assert browser.save_screenshot(str(shot))
    assert shot.exists() and shot.read_bytes()[:8] == PNG_MAGIC
    if os.environ.get("SUMMARISER_WRITE_DOCS") == "1" or not DOCS_SHOT.exists():
        browser.set_window_size(1400, 1500)
        browser.execute_script("window.location.hash = ''; window.scrollTo(0, 0)")
        DOCS_SHOT.parent.mkdir(exist_ok=True)
        assert browser.save_screenshot(str(DOCS_SHOT))
        browser.set_window_size(1400, 1000)


def test_hand_built_briefing_with_overlaps_in_chromium(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    text = SEED.read_text(encoding="utf-8")
    briefing = realistic_briefing(text)  # nested spans (Tajikistan), shared ones (Dawn, IRNA)
    expected = expected_marks(briefing, text)
    open_page(browser, render_html(briefing, text), tmp_path / "realistic.html")
    for kind in KINDS:
        assert len(browser.find_elements(By.CSS_SELECTOR, f"mark.{kind}[id]")) == \
            len(expected[kind])
        for mark_id, words in expected[kind]:
            assert browser.execute_script(MARK_TEXT_JS, mark_id) == words
    nested = browser.find_element(By.CSS_SELECTOR, "#story-6-organisation-0 mark.place[id]")
    assert nested.text == "Tajikistan"
    assert browser.execute_script(BROKEN_LINKS_JS) == []
    assert browser.execute_script(ROUND_TRIP_JS) == []
    assert "Not summarised" in browser.find_element(By.ID, "story-2").text
    assert severe(browser) == []
    browser.find_element(By.ID, "story-6").location_once_scrolled_into_view  # noqa: B018
    shot = tmp_path / "realistic.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == PNG_MAGIC


def test_hostile_crossing_briefing_runs_no_script_in_chromium(browser: Any,
                                                              tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    briefing, text = hostile_briefing()
    expected = expected_marks(briefing, text)
    open_page(browser, render_html(briefing, text), tmp_path / "hostile.html")
    # An injected `alert` would leave an open dialog and fail every call below.
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert "<script>alert(1)</script>" in browser.find_element(By.ID, "story-1").text
    for kind in KINDS:
        assert len(browser.find_elements(By.CSS_SELECTOR, f"mark.{kind}[id]")) == \
            len(expected[kind])
        for mark_id, words in expected[kind]:
            assert browser.execute_script(MARK_TEXT_JS, mark_id) == words
    assert browser.find_elements(By.CSS_SELECTOR, "mark.cont")  # crossing spans were split
    assert browser.execute_script(BROKEN_LINKS_JS) == []
    assert browser.execute_script(ROUND_TRIP_JS) == []
    assert severe(browser) == []
