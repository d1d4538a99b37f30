"""BPMN as bpmn-js (the library behind bpmn.io, Camunda Modeler and Altinn Studio) draws it: each file is
imported into bpmn-js 18 in headless Chromium, then what it drew is read from its element registry and
counted (tests/support/bpmn_layout.py): labels over labels, labels over shapes, flows through shapes that are not
their ends, flows sharing a track, task names broken inside a word. On every shipped journey, the
benchmark's generated journey, the hostile fixture and generated ones (forks, joins, parallel strands)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.bpmn_layout import problems
from brukerreise.api import check
from brukerreise.export import EXPORTERS
from support import FIXTURES, ROOT
from node_tools import missing, package
from support.drawn import drawn_by_hypothesis, generated

BPMN = EXPORTERS["bpmn"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
PAGE = Path(__file__).parent / "js" / "bpmn_layout.html"


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    """Every journey as bpmn-js drew it (imported with no warning): (journey id, problems found, where it
    comes from: 'shipped', 'fixed' (the benchmark's generated journey, the hostile fixture) or 'drawn' (by
    hypothesis))."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium")
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not Path(tool).exists():
            missing(tool)
    bpmn_js = package("bpmn-js")
    folder = tmp_path_factory.mktemp("bpmn-js")
    page = folder / "check.html"
    page.write_text(PAGE.read_text("utf-8").replace("BPMNJS", bpmn_js.as_uri()), "utf-8")
    gen = generated(100, tmp_path_factory.mktemp("gen100"))
    shipped = check([ROOT / "journeys"]).analyse()
    fixed = check([gen]).analyse() + check([FIXTURES / "tools" / "hostile"]).analyse()
    analyses = shipped + fixed + drawn_by_hypothesis(25)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                 "--allow-file-access-from-files", f"--user-data-dir={folder / 'profile'}"):
        options.add_argument(flag)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        driver.set_script_timeout(120)
        driver.get(page.as_uri())
        assert driver.execute_script("return window.bpmnReady") is True, "bpmn-js did not load"
        found = []
        for a in analyses:
            xml = BPMN.export(a, "bpmn", "nb").decode("utf-8")
            result = driver.execute_async_script(
                "const done = arguments[arguments.length - 1]; window.importBpmn(arguments[0], false).then(done)", xml)
            assert "error" not in result, (a.journey.id, result.get("error"))
            assert result["warnings"] == [], (a.journey.id, result["warnings"][:3])
            found.append((a.journey.id, problems(result), "shipped" if a in shipped else "fixed" if a in fixed else "drawn"))
        yield found
    finally:
        driver.quit()


def _found(drawn, kind: str, among: tuple[str, ...] = ("shipped", "fixed", "drawn")) -> list:
    return [(journey, found[kind][:3]) for journey, found, origin in drawn if found[kind] and origin in among]


FIXED = ("shipped", "fixed")


@pytest.mark.parametrize("kind", ["label_overlaps", "shared_tracks", "labels_on_shapes", "broken_words",
                                  "flows_through_shapes"])
def test_none_on_the_shipped_and_fixed_journeys(drawn, kind):
    """0 overlapping labels, labels on shapes, flows through shapes, shared tracks and broken words on every
    shipped journey, the benchmark's generated one and the hostile fixture (from 60 overlapping labels, 11
    labels on shapes and 99 flows through shapes on the shipped journeys alone before this layout)."""
    assert _found(drawn, kind, FIXED) == []


@pytest.mark.parametrize("kind", ["label_overlaps", "labels_on_shapes", "shared_tracks", "broken_words",
                                  "flows_through_shapes"])
def test_none_on_any_journey(drawn, kind):
    """0 of each on the journeys hypothesis draws too: text with emoji and other glyphs our font metrics do
    not know (measured as each width a browser may give them, export/bpmn/textlayout.py), words longer than
    a task (the column grows), flows round crowded forks and joins, detours along a pool's bottom (the pool
    grows a track for each). (To look at more journeys than CI does: BRUKERREISE_DRAWN=400:1, support/drawn.py.)"""
    assert _found(drawn, kind) == []
