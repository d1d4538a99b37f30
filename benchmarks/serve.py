"""Speed of `brukerreise serve`: from saving the largest shipped journey to the updated page being served.

    python benchmarks/serve.py [--reps 21] [--journeys journeys]

The server runs as the command runs it (a process of its own, watching a copy of the journeys). Each
repetition waits on the page's long poll, as an open page does, then saves the journey with a new title;
the time runs until the poll has answered and the page fetched holds the new title. The browser's own
work comes on top (changing the page in place: benchmarks/serve_browser.py times the whole). Target: a
median under 0.5 s.
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
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(ROOT / "src")}


def largest(folder: Path) -> tuple[str, Path]:
    from brukerreise.api import check

    analyses = check([folder]).analyse()
    chosen = max(analyses, key=lambda a: (a.metrics.steps + a.metrics.data_flows, len(a.lanes)))
    return chosen.journey.id, Path(chosen.source)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reps", type=int, default=21)
    parser.add_argument("--journeys", type=Path, default=ROOT / "journeys")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="brukerreise-serve-"))
    folder = work / "journeys"
    shutil.copytree(args.journeys, folder)
    journey_id, path = largest(folder)
    server = subprocess.Popen([sys.executable, "-m", "brukerreise", "serve", str(folder), "--port", "0"],
                              stderr=subprocess.PIPE, text=True, env=ENV, cwd=work)
    try:
        url = re.search(r"http://\S+/", server.stderr.readline()).group(0)
        threading.Thread(target=lambda: server.stderr.read(), daemon=True).start()
        page = f"{url}site/{journey_id}.html"
        original = path.read_text(encoding="utf-8")
        times = []
        for rep in range(args.reps):
            digest = re.search(r'data-live="([0-9a-f]+)"', fetch(page)).group(1)
            answered = threading.Event()
            waiter = threading.Thread(target=lambda digest=digest, answered=answered: (
                fetch(f"{url}_live/wait?page=/site/{journey_id}.html&digest={digest}"), answered.set()))
            waiter.start()
            time.sleep(0.3)  # the poll is waiting, as an open page's is
            title = f"Målt lagring nummer {rep}"
            started = time.perf_counter()
            path.write_text(re.sub(r"^title: .*$", f"title: {title}", original, count=1, flags=re.M), encoding="utf-8")
            waiter.join(timeout=60)
            if not answered.is_set() or f">{title}</h1>" not in fetch(page):
                raise SystemExit(f"repetition {rep}: the page did not update")
            times.append(time.perf_counter() - started)
            time.sleep(0.2)
        print(f"journey: {journey_id} ({path.name}); {args.reps} saves")
        print(f"save → updated page: median {statistics.median(times) * 1000:.0f} ms "
              f"(min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms); target < 500 ms")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
