"""The site in a real browser (Debian's Chromium, driven through chromedriver): opened from the file
system, a journey reached by its link, a step chosen with the keyboard, layers switched off, axe-core's
WCAG 2.1 AA rules, and `serve` updating an open page when a journey is saved. Skipped without Chromium,
chromedriver, selenium or axe-core, except under CI, where a missing tool fails."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from support import ROOT, SRC

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DENSE = "dodsfall-og-arv"  # the shipped journey with the most lanes
LAYERED = "ny-i-norge-flyktning"  # a shipped journey with every layer: kasteball, transfers, data, pain, emotion


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401 - only whether it is installed
    except ImportError:
        return "selenium is not installed"
    for tool in (CHROMIUM, CHROMEDRIVER, shutil.which("neato") or "/missing/neato"):
        if not Path(tool).exists():
            return f"{tool} is missing"
    if not AXE.is_file():
        return f"{AXE} is missing (npm ci)"
    return None


if (reason := _missing()) is not None:
    if os.environ.get("CI"):
        raise RuntimeError(f"the browser tests need their tools under CI: {reason}")
    pytest.skip(reason, allow_module_level=True)

from selenium import webdriver  # noqa: E402 - after the check that skips without a browser
from selenium.webdriver.chrome.service import Service  # noqa: E402 - after the check that skips without a browser
from selenium.webdriver.common.by import By  # noqa: E402 - after the check that skips without a browser
from selenium.webdriver.common.keys import Keys  # noqa: E402 - after the check that skips without a browser
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402 - after the check that skips without a browser


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # the console, read by the serve test
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")  # never let Selenium Manager fetch a browser or a driver
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from brukerreise.cli import main

    out = tmp_path_factory.mktemp("site")
    assert main(["build", str(ROOT / "journeys"), "-o", str(out)]) == 0
    return out


def _active(driver) -> tuple[str, str]:
    return driver.execute_script(
        "var e = document.activeElement; return [e.tagName, e.getAttribute('data-step') || e.id || ''];"
    )


def _violations(driver) -> list[str]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(120)
    found = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(function (r) { done(r.violations.map(function (v) {"
        "  return v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(' | ');"
        "})); }, function (e) { done(['axe failed: ' + e]); });",
        WCAG_AA,
    )
    return list(found)


def test_from_the_portfolio_to_a_step_with_the_keyboard(browser, built):
    browser.get((built / "index.html").as_uri())
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nb"
    browser.find_element(By.CSS_SELECTOR, f'a[href="site/{DENSE}.html"]').click()
    WebDriverWait(browser, 30).until(lambda d: d.current_url.endswith(f"site/{DENSE}.html"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Mor er død"
    # Nothing chosen yet: the hint shows, no step's details do.
    assert browser.find_element(By.ID, "step-hint").is_displayed()
    assert not any(d.is_displayed() for d in browser.find_elements(By.CSS_SELECTOR, ".detail"))

    browser.execute_script("document.getElementById('main').focus();")  # start at the top of the content
    for _ in range(80):  # Tab through the page until a step of the swimlane has the focus
        browser.switch_to.active_element.send_keys(Keys.TAB)
        tag, step = _active(browser)
        if tag.lower() == "g" and step:
            break
    else:
        pytest.fail("no step of the swimlane can be reached with Tab")
    first = step
    detail = browser.find_element(By.ID, f"detail-{first}")
    assert detail.is_displayed()
    assert browser.find_element(By.ID, f"detail-title-{first}").text
    focused = browser.find_element(By.CSS_SELECTOR, f'g.step[data-step="{first}"] > polygon')
    assert focused.value_of_css_property("stroke-width") == "5px", "the focus is visible"

    browser.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    tag, second = _active(browser)
    assert tag.lower() == "g" and second and second != first
    assert browser.find_element(By.ID, f"detail-{second}").is_displayed()
    assert not browser.find_element(By.ID, f"detail-{first}").is_displayed()
    stops = browser.execute_script("return document.querySelectorAll('#diagram g.step[tabindex=\"0\"]').length;")
    assert stops == 1, "one Tab stop for the diagram; the arrow keys move within it"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert tuple(_active(browser)) == ("ARTICLE", second), "Enter moves to the step's details"


def test_layers_switch_off_and_on_and_one_actor_shows(browser, built):
    browser.get((built / "site" / f"{LAYERED}.html").as_uri())
    layers = {
        "handoff": 'g.edge.handoff:not([id^="legend-"])',
        "transfer": "g.edge.transfer",
        "data": "g.node.data",
        "pain": "text.pain",
        "emotion": "text.emotion",
    }
    for layer, selector in layers.items():
        elements = browser.find_elements(By.CSS_SELECTOR, f"#diagram {selector}")
        assert elements, f"the journey has {layer} elements"
        assert all(e.is_displayed() for e in elements)
        box = browser.find_element(By.CSS_SELECTOR, f'input[data-layer="{layer}"]')
        box.click()
        assert not box.is_selected()
        assert not any(e.is_displayed() for e in elements), f"{layer} still shown"
        box.click()
        assert all(e.is_displayed() for e in elements), f"{layer} not shown again"
    Select(browser.find_element(By.ID, "actor-filter")).select_by_value("nav")
    dimmed = browser.execute_script(
        "return Array.from(document.querySelectorAll('#diagram g.step')).map("
        "function (g) { return [g.getAttribute('data-actors'), g.classList.contains('dim')]; });"
    )
    assert dimmed and all(dim == ("nav" not in actors.split()) for actors, dim in dimmed)


@pytest.mark.parametrize("page", ["index.html", f"site/{DENSE}.html", f"site/{DENSE}-onsket.html",
                                  f"site/{DENSE}-onsket.comparison.html"])
def test_no_wcag_aa_violations(browser, built, page):
    browser.get((built / page).as_uri())
    if page == f"site/{DENSE}.html":  # with a step chosen and a layer off, as a reader leaves it
        browser.find_element(By.CSS_SELECTOR, ".timeline button").click()
        browser.find_element(By.CSS_SELECTOR, 'input[data-layer="data"]').click()
    assert _violations(browser) == []


def _start_serve(folder: Path) -> tuple[subprocess.Popen, str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    process = subprocess.Popen(
        [sys.executable, "-m", "brukerreise", "serve", str(folder), "--port", "0"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, encoding="utf-8", env=env,
    )
    first = process.stderr.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/", first)
    assert match, first
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True).start()
    return process, match.group(0), lines


# The page as shown against the page as served: the texts a reader sees, which site.js never changes.
SHOWN_AND_SERVED = """
var done = arguments[0];
function texts(root) {  // sorted: site.js draws the lane names last and moves a step's details under it
  return ["h1", ".facts", ".figures", ".timeline button", ".timeline .step-meta", ".detail", "#diagram svg text",
          ".problems", "table"].map(function (s) {
    return Array.prototype.map.call(root.querySelectorAll(s), function (e) { return e.textContent; }).sort().join("|");
  });
}
fetch(location.pathname, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (html) {
  var sent = new DOMParser().parseFromString(html, "text/html");
  done([texts(document), texts(sent), document.documentElement.getAttribute("data-live"),
        sent.documentElement.getAttribute("data-live")]);
});
"""


def _shows_what_is_served(browser) -> None:  # type: ignore[no-untyped-def]
    shown, served, digest, sent = browser.execute_async_script(SHOWN_AND_SERVED)
    assert shown == served and digest == sent


def test_serve_updates_the_open_page_in_place_and_shows_diagnostics(browser, tmp_path):
    """A save changes the open page in place: what it shows is what the server sends, the step chosen and
    the scroll position stay, and the page works on (site.js started again over the new content)."""
    folder = tmp_path / "journeys"
    shutil.copytree(ROOT / "tests" / "fixtures" / "build", folder)
    process, url, lines = _start_serve(folder)
    try:
        browser.set_window_size(1400, 700)
        browser.get(url + "site/liten-reise.html")
        browser.get_log("browser")  # what came before this page
        h1 = browser.find_element(By.TAG_NAME, "h1").text
        journey = folder / "liten-reise.yaml"
        text = journey.read_text(encoding="utf-8")
        old = re.search(r"^title: (.*)$", text, re.M).group(1)
        assert h1 == old.strip("\"'")
        browser.find_element(By.CSS_SELECTOR, '.timeline button[data-step="dagpenger"]').click()
        browser.execute_script("window.scrollTo(0, 200); window.stillTheSamePage = true;")
        journey.write_text(text.replace(f"title: {old}", "title: En helt ny tittel", 1), encoding="utf-8")
        WebDriverWait(browser, 60, poll_frequency=0.2).until(
            lambda d: d.find_element(By.TAG_NAME, "h1").text == "En helt ny tittel")
        assert browser.execute_script("return window.stillTheSamePage === true"), "updated in place, not reloaded"
        assert browser.execute_script("return window.scrollY") == 200
        button = browser.find_element(By.CSS_SELECTOR, '.timeline button[data-step="dagpenger"]')
        assert button.get_attribute("aria-expanded") == "true", "the step chosen stays chosen"
        _shows_what_is_served(browser)

        # A step renamed: the drawing, the timeline and the details change; the page works on.
        renamed = journey.read_text(encoding="utf-8").replace("Jeg trenger penger å leve av", "Jeg søker dagpenger", 1)
        journey.write_text(renamed, encoding="utf-8")
        WebDriverWait(browser, 60, poll_frequency=0.2).until(
            lambda d: d.find_element(By.ID, "detail-title-dagpenger").get_attribute("textContent") == "Jeg søker dagpenger")
        _shows_what_is_served(browser)
        assert browser.execute_script("return window.stillTheSamePage === true")
        browser.find_element(By.CSS_SELECTOR, '.timeline button[data-step="oppsigelse"]').click()
        assert browser.find_element(By.ID, "detail-oppsigelse").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, '#diagram g.step[data-step="oppsigelse"]').get_attribute("aria-expanded") == "true"

        broken = journey.read_text(encoding="utf-8").replace("life_event:", "life_evnt:", 1)
        journey.write_text(broken, encoding="utf-8")
        WebDriverWait(browser, 60, poll_frequency=0.2).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".problems"))
        shown = browser.find_element(By.CSS_SELECTOR, ".problems").text
        assert re.search(r"liten-reise\.yaml:\d+:\d+: error: ", shown), shown
        assert "life_evnt" in shown
        # Above the last good version of the page.
        assert browser.find_element(By.TAG_NAME, "h1").text == "En helt ny tittel"
        assert browser.find_elements(By.CSS_SELECTOR, "#diagram svg g.step")
        _shows_what_is_served(browser)
        assert _violations(browser) == []
        errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert errors == [], "a clean console (no favicon.ico 404)"
    finally:
        browser.set_window_size(1400, 1000)
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=20)
    assert code == 0
    assert not any("Traceback" in line for line in lines), lines


def test_serve_updates_a_step_shown_under_itself_on_a_narrow_screen(browser, tmp_path):
    """On a phone the chosen step's details sit under the step (site.js moves them there): a save that
    changes them shows the new details in the same place, once, and the page keeps working."""
    folder = tmp_path / "journeys"
    shutil.copytree(ROOT / "tests" / "fixtures" / "build", folder)
    process, url, lines = _start_serve(folder)
    try:
        browser.set_window_size(390, 800)
        browser.get(url + "site/liten-reise.html")
        browser.find_element(By.CSS_SELECTOR, '.timeline button[data-step="dagpenger"]').click()
        assert browser.find_elements(By.CSS_SELECTOR, '.timeline-step[data-step="dagpenger"] #detail-dagpenger')
        browser.execute_script("window.stillTheSamePage = true;")
        journey = folder / "liten-reise.yaml"
        journey.write_text(journey.read_text(encoding="utf-8").replace("Jeg trenger penger å leve av", "Jeg søker dagpenger", 1),
                           encoding="utf-8")
        WebDriverWait(browser, 60, poll_frequency=0.2).until(
            lambda d: d.find_element(By.ID, "detail-title-dagpenger").get_attribute("textContent") == "Jeg søker dagpenger")
        assert browser.execute_script("return window.stillTheSamePage === true")
        assert len(browser.find_elements(By.ID, "detail-dagpenger")) == 1
        assert browser.find_elements(By.CSS_SELECTOR, '.timeline-step[data-step="dagpenger"] #detail-dagpenger')
        assert browser.find_element(By.ID, "detail-dagpenger").is_displayed()
        _shows_what_is_served(browser)
        browser.find_element(By.CSS_SELECTOR, '.timeline button[data-step="oppsigelse"]').click()
        assert browser.find_elements(By.CSS_SELECTOR, '.timeline-step[data-step="oppsigelse"] #detail-oppsigelse')
        assert not browser.find_element(By.ID, "detail-dagpenger").is_displayed()
    finally:
        browser.set_window_size(1400, 1000)
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=20)
    assert code == 0
    assert not any("Traceback" in line for line in lines), lines


def test_axe_does_find_violations(browser, tmp_path):
    """The check above is not vacuous: the same run flags a picture without alt text and low contrast."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="nb"><head><title>x</title></head><body><main>'
                    '<img src="x.png"><p style="color:#aaa;background:#fff">lys tekst</p></main></body></html>',
                    encoding="utf-8")
    browser.get(page.as_uri())
    found = " ".join(_violations(browser))
    assert "image-alt" in found and "color-contrast" in found


WIDTHS = (1440, 390, 320)


def _at(browser, width: int, url: str) -> None:  # type: ignore[no-untyped-def]
    browser.set_window_size(width, 900)
    browser.get(url)
    # Forget what an earlier test chose (the page saves it again as it unloads, so stop that first).
    browser.execute_script("Storage.prototype.setItem = function () {}; sessionStorage.clear();")
    browser.get(url)
    assert browser.execute_script("return window.innerWidth") == width


def _no_sideways_scroll(browser) -> None:  # type: ignore[no-untyped-def]
    wide = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth,"
        " Array.from(document.querySelectorAll('body *')).filter(function (e) {"
        "   var r = e.getBoundingClientRect(); return r.width && r.right > window.innerWidth + 1 &&"
        "   !e.closest('.table-wrap, .diagram, .minimap'); }).slice(0, 3).map(function (e) { return e.outerHTML.slice(0, 80); })];")
    assert wide[0] <= wide[1] and not wide[2], wide


@pytest.mark.parametrize("width", WIDTHS)
def test_the_journey_reads_at_every_width(browser, built, width):
    """Every step is in the timeline with owner and marks, visible and operable; choosing one moves the
    focus to its details, which are in view and announced; no sideways scrolling; no axe violation."""
    _at(browser, width, (built / "site" / f"{LAYERED}.html").as_uri())  # with kasteball marked
    _no_sideways_scroll(browser)
    box = browser.find_element(By.ID, "diagram-box")
    assert (box.get_attribute("open") is not None) == (width >= 1000), "on a narrow screen the drawing starts folded"
    browser.execute_script("arguments[0].open = true;", box)
    fieldset = browser.find_element(By.CSS_SELECTOR, "fieldset.layers")
    assert fieldset.is_displayed() and fieldset.rect["x"] + fieldset.rect["width"] <= width, "«Lag» wraps"
    _no_sideways_scroll(browser)
    buttons = browser.find_elements(By.CSS_SELECTOR, ".timeline button[data-step]")
    drawn = browser.find_elements(By.CSS_SELECTOR, "#diagram g.step[data-step]")
    assert len(buttons) == len(drawn) > 5, "the same steps as the drawing"
    metas = browser.find_elements(By.CSS_SELECTOR, ".timeline .step-meta .owner")
    assert len(metas) == len(buttons) and all(m.text for m in metas)
    assert browser.find_elements(By.CSS_SELECTOR, ".timeline .mark-handoff"), "kasteball marked in words"
    assert browser.find_elements(By.CSS_SELECTOR, ".timeline .mark-pain")
    for chosen in (buttons[3], buttons[-1]):
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", chosen)
        assert chosen.is_displayed()
        chosen.click()
        step = chosen.get_attribute("data-step")
        assert chosen.get_attribute("aria-expanded") == "true"
        assert tuple(_active(browser)) == ("ARTICLE", step), "the button moves the focus to the details"
        detail = browser.find_element(By.ID, f"detail-{step}")
        assert detail.is_displayed()
        top, bottom, height = browser.execute_script(
            "var r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, window.innerHeight];", detail)
        assert -1 <= top < height * 0.8, ("the details start in view", top, height)
        status = browser.find_element(By.ID, "step-status")
        assert status.get_attribute("aria-live") == "polite"
        assert status.get_attribute("textContent") == browser.find_element(By.ID, f"detail-title-{step}").get_attribute("textContent")
        _no_sideways_scroll(browser)
    assert sum(1 for b in buttons if b.get_attribute("aria-expanded") == "true") == 1
    assert _violations(browser) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_portfolio_and_a_comparison_read_at_every_width(browser, built, width):
    _at(browser, width, (built / "index.html").as_uri())
    _no_sideways_scroll(browser)
    findings = browser.find_elements(By.CSS_SELECTOR, ".findings-list li")
    assert len(findings) == 3 and "«" in findings[0].text
    shown = lambda: len([r for r in browser.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr") if r.is_displayed()])  # noqa: E731
    total = len(browser.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr"))
    assert shown() < total
    more = browser.find_element(By.CSS_SELECTOR, "button[data-show-rows]")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", more)
    more.click()
    assert shown() == total and more.get_attribute("aria-expanded") == "true"
    assert _violations(browser) == []
    _at(browser, width, (built / "site" / f"{DENSE}-onsket.comparison.html").as_uri())
    _no_sideways_scroll(browser)
    text = browser.find_element(By.TAG_NAME, "main").text
    assert ".yaml" not in text and "ENDRET" not in text and "ERSTATTET" not in text
    assert text.count("Forslag:") <= text.count("Forslag: ") and "Forslag: Forslag" not in text
    assert "(forslag): Forslag" not in text
    assert browser.find_elements(By.CSS_SELECTOR, ".bar-list .bar-row")
    assert _violations(browser) == []
    _at(browser, width, (built / "site" / "tilgjengelighet.html").as_uri())
    _no_sideways_scroll(browser)
    assert _violations(browser) == []


def test_designsystemet_loads_from_the_site_folder_offline(browser, built):
    browser.set_window_size(1400, 1000)
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    try:
        browser.get((built / "index.html").as_uri())
        sheets = browser.execute_script(
            "return Array.from(document.styleSheets).filter(function (s) { return s.href; }).map(function (s) { return s.href; });")
        assert [h.rsplit("/", 2)[-2:] for h in sheets] == [["designsystemet", "theme.css"], ["designsystemet", "designsystemet.css"]]
        assert all(h.startswith((built / "site").as_uri()) for h in sheets), sheets
        accent = browser.execute_script(
            "return getComputedStyle(document.body).getPropertyValue('--ds-color-accent-base-default').trim();")
        assert accent.startswith("#") or accent.startswith("rgb"), accent
        card = browser.find_element(By.CSS_SELECTOR, ".journey-cards .ds-card")
        assert card.value_of_css_property("border-radius") != "0px", "Designsystemet's card"
    finally:
        browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                                {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
