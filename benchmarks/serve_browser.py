"""Live preview in a real browser: from saving the largest shipped journey to the open page showing the
change, against a plain reload of the same page, in Debian's Chromium driven by Selenium.

    python benchmarks/serve_browser.py [--reps 15] [--journeys journeys]

`serve` runs as the command runs it (a process of its own, watching a copy of the journeys). Each
repetition makes two saves and times each until the page open in Chromium shows it (the page's long poll
answers, it fetches the page and changes what differs in place, the new text is on screen): a new title
(the heading, the drawing's heading) and a step renamed (the drawing, the timeline, the step's details).
Then it times a plain reload of the same page (`location.reload()` until the page's load event has ended).
The end of each is taken in the page itself, on the machine's clock (the first frame after the new text is
in the page; the end of the load event), so that the driver's round trips do not count. They are
alternated and reported as medians, the saves as ratios of the reload: what the live preview costs
against the reload a designer would otherwise do by hand. The machine's load is printed with them.
Target: a median under 300 ms for save → updated page.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(ROOT / "src")}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def browser():  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1440,900"):
        options.add_argument(flag)
    os.environ["SE_OFFLINE"] = "true"
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


# The moment the page shows the new text, taken in the page (not by polling it through the driver, whose
# round trips on a busy machine would add to every figure): the first frame painted after the text changed.
WATCH = """
var find = new Function("return " + arguments[0]), wanted = arguments[1];
window.benchmarkShown = 0;
var seen = new MutationObserver(function () {
  var found = find();
  if (!found || found.textContent !== wanted) return;
  seen.disconnect();
  requestAnimationFrame(function () { setTimeout(function () { window.benchmarkShown = Date.now(); }, 0); });
});
seen.observe(document, {subtree: true, childList: true, characterData: true});
"""
# A reloaded page (or one the live preview had to reload): the end of its load event, on the same clock.
SHOWN = """
if (window.benchmarkShown) return window.benchmarkShown;
var load = performance.getEntriesByType("navigation")[0];
return window.benchmarkShown === undefined && document.readyState === "complete" && load && load.loadEventEnd
  ? performance.timeOrigin + load.loadEventEnd : 0;
"""


def shown_at(driver, started: float) -> float:  # type: ignore[no-untyped-def]
    """When (ms since the epoch) the page showed the change or finished loading again."""
    while True:
        shown = driver.execute_script(SHOWN)
        if shown and shown >= started:
            return float(shown)
        if time.time() * 1000 - started > 60_000:
            raise SystemExit("the page did not update")
        time.sleep(0.005)


def first_step(path: Path) -> tuple[str, str]:
    """The id and title of the journey's first step whose title is written as it is in the file."""
    from brukerreise.api import check

    text = path.read_text(encoding="utf-8")
    journey = check([path.parent]).analyse()
    steps = next(a.journey.steps for a in journey if Path(a.source).resolve() == path.resolve())
    return next((s.id, s.title) for s in steps if text.count(s.title) == 1)


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from serve import largest  # the same journey as benchmarks/serve.py

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--journeys", type=Path, default=ROOT / "journeys")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="brukerreise-serve-browser-"))
    folder = work / "journeys"
    shutil.copytree(args.journeys, folder)
    journey_id, path = largest(folder)
    server = subprocess.Popen([sys.executable, "-m", "brukerreise", "serve", str(folder), "--port", "0"],
                              stderr=subprocess.PIPE, text=True, env=ENV, cwd=work)
    driver = None
    try:
        url = re.search(r"http://\S+/", server.stderr.readline()).group(0)
        threading.Thread(target=lambda: server.stderr.read(), daemon=True).start()
        driver = browser()
        page = f"{url}site/{journey_id}.html"
        driver.get(page)
        original = path.read_text(encoding="utf-8")
        step_id, step_title = first_step(path)
        where = {"title": "document.querySelector('h1')", "step": f"document.getElementById('detail-title-{step_id}')"}
        times: dict[str, list[float]] = {"title": [], "step": [], "reload": []}
        loads = [os.getloadavg()[0]]
        for rep in range(args.reps):
            for kind in ("title", "step"):
                new = f"Målt lagring nummer {rep}"
                if kind == "title":
                    text = re.sub(r"^title: .*$", f"title: {new}", original, count=1, flags=re.M)
                else:
                    text = original.replace(step_title, new, 1)
                time.sleep(1.0)  # the page's long poll is waiting again, the rest of the site made (a designer saves seconds apart)
                driver.execute_script(WATCH, where[kind], new)
                started = time.time() * 1000
                path.write_text(text, encoding="utf-8")
                times[kind].append((shown_at(driver, started) - started) / 1000)
            time.sleep(0.3)
            started = time.time() * 1000
            driver.execute_script("location.reload();")
            times["reload"].append((shown_at(driver, started) - started) / 1000)
            loads.append(os.getloadavg()[0])
        median = {kind: statistics.median(values) for kind, values in times.items()}
        print(f"journey: {journey_id} ({path.name}); {args.reps} saves of each kind, "
              f"Chromium {driver.capabilities.get('browserVersion')}; {os.cpu_count()} cores, load average (1 min) "
              f"{min(loads):.1f}–{max(loads):.1f} during the run")
        for kind, words in (("title", "save of a new title"), ("step", "save of a step renamed")):
            values = times[kind]
            print(f"{words} → page updated in the browser: median {median[kind] * 1000:.0f} ms "
                  f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f}), "
                  f"{median[kind] / median['reload']:.2f}× the reload; target < 300 ms")
        values = times["reload"]
        print(f"plain reload of the page: median {median['reload'] * 1000:.0f} ms "
              f"(min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})")
    finally:
        if driver is not None:
            driver.quit()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
