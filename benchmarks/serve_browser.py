"""Live preview in a real browser: from saving the largest shipped journey to the open page showing the
change, against a plain reload of the same page, in Debian's Chromium driven by Selenium.

    python benchmarks/serve_browser.py [--reps 15] [--journeys journeys]

`serve` runs as the command runs it (a process of its own, watching a copy of the journeys). Each
repetition saves the journey with a new title and times until the page open in Chromium shows it (the
page's long poll answers, it reloads itself, the new title is on screen); then it times a plain reload of
the same page (`location.reload()` until the page has loaded). Both are alternated and reported as medians,
and the first as a ratio of the second: what the live preview costs on top of the reload a designer would
otherwise do by hand. Target: a median under 300 ms for save → updated page.
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
        updates, reloads = [], []
        for rep in range(args.reps):
            title = f"Målt lagring nummer {rep}"
            time.sleep(0.5)  # the page's long poll is waiting again
            started = time.perf_counter()
            path.write_text(re.sub(r"^title: .*$", f"title: {title}", original, count=1, flags=re.M), encoding="utf-8")
            while driver.execute_script("var h = document.querySelector('h1'); return h ? h.textContent : '';") != title:
                if time.perf_counter() - started > 60:
                    raise SystemExit(f"repetition {rep}: the page did not update")
                time.sleep(0.005)
            updates.append(time.perf_counter() - started)
            time.sleep(0.3)
            started = time.perf_counter()
            driver.execute_script("location.reload();")
            driver.execute_script("return document.readyState;")  # waits for the new document
            while driver.execute_script("return document.readyState;") != "complete":
                time.sleep(0.005)
            reloads.append(time.perf_counter() - started)
        update, reload = statistics.median(updates), statistics.median(reloads)
        print(f"journey: {journey_id} ({path.name}); {args.reps} saves, Chromium {driver.capabilities.get('browserVersion')}")
        print(f"save → page updated in the browser: median {update * 1000:.0f} ms "
              f"(min {min(updates) * 1000:.0f}, max {max(updates) * 1000:.0f}); target < 300 ms")
        print(f"plain reload of the page: median {reload * 1000:.0f} ms "
              f"(min {min(reloads) * 1000:.0f}, max {max(reloads) * 1000:.0f})")
        print(f"ratio save → updated / reload: {update / reload:.1f}x")
    finally:
        if driver is not None:
            driver.quit()
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
