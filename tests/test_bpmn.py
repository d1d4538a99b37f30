"""BPMN export: read back by the real bpmn-moddle with no warnings and the same number of tasks, flows and
participants; bpmnlint's recommended rules report nothing; the OMG BPMN 2.0 XSD (shipped in the
SpiffWorkflow wheel) accepts it; ids are valid, stable NCNames; user text is escaped."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from brukerreise.api import check
from brukerreise.export import EXPORTERS
from support import FIXTURES, ROOT
from node_tools import missing, node, package
from support.drawn import drawn_by_hypothesis, generated

BPMN = EXPORTERS["bpmn"]
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL"}
NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


@pytest.fixture(scope="module")
def analyses(tmp_path_factory):
    folder = generated(100, tmp_path_factory.mktemp("gen100"))
    shipped = check([ROOT / "journeys"]).analyse() + check([folder]).analyse() + check([FIXTURES / "tools" / "hostile"]).analyse()
    return shipped + drawn_by_hypothesis(25)


@pytest.fixture(scope="module")
def written(analyses, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bpmn")
    files = {}
    for a in analyses:
        path = folder / f"{len(files)}-{a.journey.id}.bpmn"
        path.write_bytes(BPMN.export(a, "bpmn", "nb"))
        files[path] = a
    return files


def expected(a) -> dict[str, int]:
    crossing = sum(1 for s in a.order for p in a.after[s] if a.step(p).owner != a.step(s).owner)
    return {"tasks": len(a.steps), "participants": len(a.lanes), "messageFlows": crossing + len(a.flows),
            "processes": len({s.owner for s in a.steps})}


def test_same_input_same_bytes(analyses):
    for a in analyses:
        assert BPMN.export(a, "bpmn", "nb") == BPMN.export(a, "bpmn", "nb")


def test_ids_are_unique_ncnames_and_every_reference_resolves(written):
    for path in written:
        root = ET.parse(path).getroot()
        ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
        assert len(ids) == len(set(ids))
        assert all(NCNAME.fullmatch(i) for i in ids)
        for e in root.iter():
            for attr in ("sourceRef", "targetRef", "processRef", "bpmnElement"):
                if e.get(attr) is not None:
                    assert e.get(attr) in ids, (path.name, attr, e.get(attr))


def test_hostile_text_is_kept_literally(written):
    [(path, a)] = [(p, a) for p, a in written.items() if a.journey.id == "0-hostile"]  # noqa: F841
    root = ET.parse(path).getroot()
    names = {e.get("name") for e in root.iter()}
    assert "Ting <script>alert(1)</script> (bæres av brukeren)" in names
    assert 'Annet: "sitat" | rør ; semikolon' in names
    assert "\u202e" not in path.read_text(encoding="utf-8")


def test_counts_from_the_file(written):
    for path, a in written.items():
        root = ET.parse(path).getroot()
        want = expected(a)
        assert len(root.findall(".//bpmn:task", NS)) == want["tasks"]
        assert len(root.findall(".//bpmn:participant", NS)) == want["participants"]
        assert len(root.findall(".//bpmn:messageFlow", NS)) == want["messageFlows"]


def test_bpmn_moddle_and_bpmnlint(written, tmp_path):
    package("bpmn-moddle")
    package("bpmnlint")
    rc = tmp_path / ".bpmnlintrc"
    rc.write_text(json.dumps({"extends": "bpmnlint:recommended"}), encoding="utf-8")
    done = subprocess.run([node(), str(Path(__file__).parent / "js" / "bpmn_check.mjs"), str(rc), *map(str, written)],
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    for path, a in written.items():
        got = results[str(path)]
        assert got["warnings"] == [], (path.name, got["warnings"][:5])
        assert got["lint"] == [], (path.name, got["lint"][:5])
        counts = got["counts"]
        for key, value in expected(a).items():
            assert counts[key] == value, (path.name, key)
        root = ET.parse(path).getroot()
        assert counts["sequenceFlows"] == len(root.findall(".//bpmn:sequenceFlow", NS))
        assert counts["shapes"] == len(a.lanes) + len(root.findall(".//bpmn:process/*", NS)) - counts["sequenceFlows"]
        assert counts["edges"] == counts["sequenceFlows"] + counts["messageFlows"]


def test_omg_xsd(written):
    try:
        import SpiffWorkflow
        from lxml import etree
    except ImportError:
        missing("SpiffWorkflow (it ships the OMG BPMN 2.0 XSD)")
    schema = etree.XMLSchema(etree.parse(str(Path(SpiffWorkflow.__file__).parent / "bpmn/parser/schema/BPMN20.xsd")))
    for path in written:
        assert schema.validate(etree.parse(str(path))), (path.name, [str(e) for e in schema.error_log][:5])


def test_structure(written):
    """Within each process: every task is reached and left by exactly one sequence flow; only gateways fork
    or join; at most one blank start event; every node sits inside its pool."""
    for path in written:
        root = ET.parse(path).getroot()
        for process in root.findall("bpmn:process", NS):
            flows = process.findall("bpmn:sequenceFlow", NS)
            into = [f.get("targetRef") for f in flows]
            out_of = [f.get("sourceRef") for f in flows]
            for task in process.findall("bpmn:task", NS):
                assert into.count(task.get("id")) == 1 and out_of.count(task.get("id")) == 1, (path.name, task.get("id"))
            for gateway in process.findall("bpmn:parallelGateway", NS):
                i, o = into.count(gateway.get("id")), out_of.count(gateway.get("id"))
                assert (i == 1 and o > 1) or (i > 1 and o == 1), (path.name, gateway.get("id"))
            starts = process.findall("bpmn:startEvent", NS)
            assert starts and sum(1 for e in starts if not list(e.iter(f"{{{NS['bpmn']}}}messageEventDefinition"))) <= 1


def test_labels_follow_the_language(analyses):
    hostile = next(a for a in analyses if a.journey.id == "0-hostile")
    names = {lang: {e.get("name") for e in ET.fromstring(BPMN.export(hostile, "bpmn", lang)).iter()} for lang in ("nb", "en")}
    assert "Reisen begynner" in names["nb"] and "The journey begins" in names["en"]
    assert "kasteball: Etat #A; %% kommentar sender personen videre til ]] --> x((y)) `kode`" in names["nb"]
    assert "kasteball: Etat #A; %% kommentar sends the person on to ]] --> x((y)) `kode`" in names["en"]
