"""draw.io export, read by draw.io's own engine: each file decoded with mxGraph's codec (npm `mxgraph`,
the library draw.io is built on) in headless Chromium, then checked from the decoded model and the view
it draws: every lane, step and edge is there with its label, steps and chips sit inside their lanes and
never overlap, edges keep their ends, hostile text shows as text. Also: same input, same bytes; ids
from indices only (the golden files are in test_golden_text.py)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import attrs

from brukerreise.analysis import analyse
from brukerreise.api import check
from brukerreise.export import EXPORTERS
from support import FIXTURES, ROOT
from node_tools import missing, package
from support.drawn import drawn_by_hypothesis, generated

DRAWIO = EXPORTERS["drawio"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
PAGE = Path(__file__).parent / "js" / "drawio_check.html"
ID = re.compile(r"(0|1|title|legend(-sample)?(-\d+)?|pool|(phase|lane|step|flow|data-flow)-\d+|data-\d+(-to)?)")
LABELS = {"kasteball": "kasteball", "transfer": "bak kulissene"}
HOW = {"automatic": "automatisk", "manual": "manuelt", "user": "brukeren bærer"}


@pytest.fixture(scope="module")
def analyses(tmp_path_factory):
    folder = generated(100, tmp_path_factory.mktemp("gen100"))
    shipped = check([ROOT / "journeys"]).analyse() + check([folder]).analyse() + check([FIXTURES / "tools" / "hostile"]).analyse()
    return shipped + drawn_by_hypothesis(25)


def test_same_input_same_bytes(analyses):
    for a in analyses:
        assert DRAWIO.export(a, "drawio", "nb") == DRAWIO.export(a, "drawio", "nb")


def test_well_formed_with_generated_ids_only(analyses):
    for a in analyses:
        root = ET.fromstring(DRAWIO.export(a, "drawio", "en"))
        assert root.tag == "mxfile" and [c.tag for c in root] == ["diagram"]
        (model,) = root.iter("mxGraphModel")
        cells = list(model.find("root"))
        ids = [c.get("id") for c in cells]
        assert len(ids) == len(set(ids))
        assert all(ID.fullmatch(i) for i in ids), [i for i in ids if not ID.fullmatch(i)]
        inner = [c if c.tag == "mxCell" else c.find("mxCell") for c in cells]
        known = set(ids)
        for cell in inner:
            for ref in ("parent", "source", "target"):
                assert cell.get(ref) is None or cell.get(ref) in known


# --- in draw.io's engine -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium")
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not Path(tool).exists():
            missing(tool)
    mxgraph = package("mxgraph")
    folder = tmp_path_factory.mktemp("drawio-page")
    page = folder / "check.html"
    page.write_text(PAGE.read_text("utf-8").replace("MXGRAPH", mxgraph.as_uri()), "utf-8")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                 "--allow-file-access-from-files", f"--user-data-dir={folder / 'profile'}"):
        options.add_argument(flag)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.get(page.as_uri())
    assert driver.execute_script("return window.drawioReady") is True, "mxGraph did not load"
    yield lambda text: driver.execute_script("return window.loadDrawio(arguments[0], false)", text)
    driver.quit()


def _norm(text: str) -> str:
    kept = "".join(c for c in text if c.isprintable() or c in "\n\t")
    return " ".join(kept.split())


def _inside(inner, outer, tol=0.5) -> bool:
    x, y, w, h = inner
    X, Y, W, H = outer
    return x >= X - tol and y >= Y - tol and x + w <= X + W + tol and y + h <= Y + H + tol


def _overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] - 0.5 and b[0] < a[0] + a[2] - 0.5 and a[1] < b[1] + b[3] - 0.5 and b[1] < a[1] + a[3] - 0.5


def _through(p, q, box, tol=0.5) -> bool:
    """Whether the axis-parallel segment p–q passes through the inside of `box`."""
    x, y, w, h = box
    if abs(p[0] - q[0]) < 0.01:
        return x + tol < p[0] < x + w - tol and min(p[1], q[1]) < y + h - tol and y + tol < max(p[1], q[1])
    return y + tol < p[1] < y + h - tol and min(p[0], q[0]) < x + w - tol and x + tol < max(p[0], q[0])


def _header(lane: dict) -> float:
    """The width of a lane's header, as its style gives it to draw.io."""
    return float(re.search(r"startSize=([0-9.]+)", lane["style"]).group(1))


def check_in_engine(a, found: dict) -> None:
    assert "error" not in found, found.get("error")
    assert found["injected"] == 0, "user text became markup"
    cells = {c["id"]: c for c in found["cells"]}
    # Lanes: one per actor, in lane order, inside the pool, each labelled with the actor's short name (or
    # its start and '…', the whole name in the tooltip) in a header that holds the text as drawn.
    lane_ids = [f"lane-{i}" for i in range(len(a.lanes))]
    assert [c for c in cells if c.startswith("lane-")] == sorted(lane_ids)
    tops = []
    for lane_id, actor in zip(lane_ids, a.lanes):
        lane = cells[lane_id]
        assert lane["parent"] == "pool" and _inside(lane["bounds"], cells["pool"]["bounds"])
        # (compared without spaces and hyphens: a word longer than the header's lines is broken with one)
        shown, short = ("".join(_norm(t).replace("-", "").split()) for t in (lane["shown"], actor.short))
        if "…" in shown:
            assert short.startswith(shown.split("…")[0]) and _norm(actor.short) in _norm(lane["data"]["tooltip"])
        else:
            assert short in shown, (actor.short, lane["shown"])
        x, y, _, h = lane["bounds"]
        header = (x, y, _header(lane), h)
        assert _inside(lane["textBox"], header, tol=1.0), (actor.short, lane["textBox"], header)
        tops.append(lane["bounds"][1])
    assert tops == sorted(tops)
    # Steps: in their owner's lane, right of its header, labelled with their title (or its start and '…').
    boxes = []
    for index, sid in enumerate(a.order):
        step, cell = a.step(sid), cells[f"step-{index}"]
        lane = cells[f"lane-{a.lane_index(step.owner)}"]
        assert cell["parent"] == lane["id"]
        assert _inside(cell["bounds"], lane["bounds"]) and cell["bounds"][0] >= lane["bounds"][0] + _header(lane) - 0.5
        # (a line break in the title is a <br>, which the DOM's text leaves out: compare without spaces)
        shown, title = "".join(_norm(cell["shown"]).split()), "".join(_norm(step.title).split()) or "–"
        if "…" in shown:
            assert title.startswith(shown.split("…")[0].rstrip()), (title, shown)
        else:
            assert title in shown, (title, shown)
        assert _norm(cell["data"]["steg"]) == _norm(step.id)
        assert cell["data"]["tooltip"]
        boxes.append((f"step-{index}", cell["bounds"]))
    for key, cell in cells.items():
        if re.fullmatch(r"data-\d+(-to)?", key):
            assert _inside(cell["bounds"], cells[cell["parent"]]["bounds"])
            boxes.append((key, cell["bounds"]))
    boxes.sort(key=lambda b: b[1][0])
    for i, (name, box) in enumerate(boxes):  # no two boxes overlap
        for other, box2 in boxes[i + 1:]:
            if box2[0] >= box[0] + box[2]:
                break
            assert not _overlap(box, box2), f"{name} overlaps {other}"
    # Edges: every step-to-step arrow and data flow, with its ends and label, drawn.
    handoffs = {(h.from_step, h.to_step) for h in a.handoffs}
    transfers = {(h.from_step, h.to_step) for h in a.transfers}
    key = {sid: f"step-{i}" for i, sid in enumerate(a.order)}
    wanted = [(key[p], key[s], LABELS["kasteball"] if (p, s) in handoffs else LABELS["transfer"] if (p, s) in transfers else "")
              for s in a.order for p in a.after[s]]
    edges = sorted((c for c in found["cells"] if c["id"].startswith("flow-")), key=lambda c: int(c["id"].split("-")[1]))
    assert [(e["source"], e["target"], _norm(e["label"])) for e in edges] == wanted
    data = [c for c in found["cells"] if c["id"].startswith("data-flow-")]
    assert sorted(_norm(d["label"]) for d in data) == sorted(HOW[f.how.value] for f in a.flows)
    for edge in [*edges, *data]:
        assert edge["source"] and edge["target"] and edge["points"] and len(edge["points"]) >= 2, edge["id"]
    # Data flows pass through no step or data box that is not one of their ends (round by the gutter).
    for edge in data:
        through = [name for name, box in boxes if name not in (edge["source"], edge["target"])
                   and any(_through(p, q, box) for p, q in zip(edge["points"], edge["points"][1:]))]
        assert through == [], (edge["id"], through)


def test_every_file_reads_in_draw_io_engine(analyses, engine):
    for a in analyses:
        check_in_engine(a, engine(DRAWIO.export(a, "drawio", "nb").decode("utf-8")))


LONG_NAMES = ("Sammenhengende-tjenester-og-digitaliseringskontoret-for-helhetlige-brukerreiser" * 4,
              " ".join(["Direktoratet for forvaltning og økonomistyring 😀"] * 8),
              "Epilepsisykehuset", "中文名字" * 20 + " Nav", "x")


def test_lane_headers_hold_any_short_name(analyses, engine):
    """Any short name validate accepts fits its lane's header as draw.io draws it (tested in check_in_engine:
    the rendered text's box inside the header): a long word grows the lane (up to a point, then breaks with
    a hyphen), more lines widen the header, and more than three lines end in '…' with the whole name in the
    lane's tooltip."""
    a = analyses[0]
    actors = {key: attrs.evolve(actor, short=LONG_NAMES[i % len(LONG_NAMES)]) for i, (key, actor) in enumerate(a.actors.items())}
    b = analyse(a.journey, actors, a.data_items)
    found = engine(DRAWIO.export(b, "drawio", "nb").decode("utf-8"))
    check_in_engine(b, found)
    shown = [c["shown"] for c in found["cells"] if c["id"].startswith("lane-")]
    assert any("…" in text for text in shown) and any("Epilepsisykehuset" in text for text in shown)


def test_edge_labels_lie_on_no_box_on_the_shipped_journeys(engine):
    """An edge's label («automatisk», «bak kulissene» …) is drawn where it covers no step or data box (from 53
    labels on boxes before they were placed), and no two data flows run on one line: each has its own place
    across its column's width."""
    for a in check([ROOT / "journeys"]).analyse():
        found = engine(DRAWIO.export(a, "drawio", "nb").decode("utf-8"))
        boxes = [c for c in found["cells"] if re.fullmatch(r"step-\d+|data-\d+(-to)?", c["id"])]
        labels = [c for c in found["cells"] if c["edge"] and c["label"] and c["textBox"] and c["textBox"][2] > 0]
        assert labels
        on_boxes = [(e["id"], b["id"]) for e in labels for b in boxes if _overlap(e["textBox"], b["bounds"])]
        assert on_boxes == [], (a.journey.id, on_boxes[:3])
        lines = [(e["points"][0][0], e["points"][-1][0]) for e in found["cells"] if e["id"].startswith("data-flow-")]
        assert all(abs(x0 - x1) < 0.5 for x0, x1 in lines), a.journey.id  # straight up or down
        assert len({round(x0) for x0, _ in lines}) == len(lines), (a.journey.id, sorted(lines))
