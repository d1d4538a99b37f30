"""The collaboration and its drawing as BPMN 2.0 XML: semantic model first, then BPMN DI. Written by
hand in a fixed order, so the same journey gives the same bytes; every text is XML-escaped."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from ...render.plaintext import plain
from .collaboration import Collaboration, Kind
from .diagram import Drawing

NAMESPACES = (
    'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
    'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
    'xmlns:di="http://www.omg.org/spec/DD/20100524/DI"'
)
TARGET_NAMESPACE = "https://brukerreise.no/bpmn"


def _name(text: str | None) -> str:
    return "" if text is None else f" name={quoteattr(plain(text))}"


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def to_xml(c: Collaboration, d: Drawing, version: str) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<bpmn:definitions {NAMESPACES} id="{c.definitions}" targetNamespace="{TARGET_NAMESPACE}" '
        f'exporter="brukerreise" exporterVersion={quoteattr(version)}>',
        f'  <bpmn:collaboration id="{c.id}"{_name(c.name)}>',
    ]
    for pool in c.pools:
        ref = f' processRef="{pool.process}"' if pool.process else ""
        out.append(f'    <bpmn:participant id="{pool.participant}"{_name(pool.actor.short)}{ref}>')
        out.append(f"      <bpmn:documentation>{escape(plain(pool.actor.name))}</bpmn:documentation>")
        out.append("    </bpmn:participant>")
    for m in c.message_flows:
        out.append(f'    <bpmn:messageFlow id="{m.id}"{_name(m.name)} sourceRef="{m.source}" targetRef="{m.target}" />')
    out.append("  </bpmn:collaboration>")
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for f in c.sequence_flows:
        outgoing.setdefault(f.source, []).append(f.id)
        incoming.setdefault(f.target, []).append(f.id)
    for lane, pool in enumerate(c.pools):
        if pool.process is None:
            continue
        out.append(f'  <bpmn:process id="{pool.process}"{_name(pool.actor.short)} isExecutable="false">')
        for node in (n for n in c.nodes if n.pool == lane):
            tag = f"bpmn:{node.kind.value}"
            out.append(f'    <{tag} id="{node.id}"{_name(node.name)}>')
            if node.documentation:
                out.append(f"      <bpmn:documentation>{escape(node.documentation)}</bpmn:documentation>")
            out += [f"      <bpmn:incoming>{f}</bpmn:incoming>" for f in incoming.get(node.id, ())]
            out += [f"      <bpmn:outgoing>{f}</bpmn:outgoing>" for f in outgoing.get(node.id, ())]
            if node.message:
                out.append(f'      <bpmn:messageEventDefinition id="{node.id}_message" />')
            out.append(f"    </{tag}>")
        for f in (f for f in c.sequence_flows if f.pool == lane):
            out.append(f'    <bpmn:sequenceFlow id="{f.id}" sourceRef="{f.source}" targetRef="{f.target}" />')
        out.append("  </bpmn:process>")
    out += [
        f'  <bpmndi:BPMNDiagram id="{c.id}_diagram">',
        f'    <bpmndi:BPMNPlane id="{c.id}_plane" bpmnElement="{c.id}">',
    ]
    for pool in c.pools:
        expanded = "" if pool.process else ' isExpanded="false"'
        out.append(f'      <bpmndi:BPMNShape id="{pool.participant}_di" bpmnElement="{pool.participant}" '
                   f'isHorizontal="true"{expanded}>')
        out += [_bounds(d.pools[pool.participant]), "      </bpmndi:BPMNShape>"]
    for node in c.nodes:

        out.append(f'      <bpmndi:BPMNShape id="{node.id}_di" bpmnElement="{node.id}">')
        out += [_bounds(d.nodes[node.id]), *_label(d, node.id), "      </bpmndi:BPMNShape>"]
    for flow_id in [f.id for f in c.sequence_flows] + [m.id for m in c.message_flows]:
        out.append(f'      <bpmndi:BPMNEdge id="{flow_id}_di" bpmnElement="{flow_id}">')
        out += [f'        <di:waypoint x="{_n(x)}" y="{_n(y)}" />' for x, y in d.edges[flow_id]]
        out += [*_label(d, flow_id), "      </bpmndi:BPMNEdge>"]
    out += ["    </bpmndi:BPMNPlane>", "  </bpmndi:BPMNDiagram>", "</bpmn:definitions>", ""]
    return "\n".join(out)


def _label(d: Drawing, element: str) -> list[str]:
    if element not in d.labels:
        return []
    return ["        <bpmndi:BPMNLabel>", "  " + _bounds(d.labels[element]), "        </bpmndi:BPMNLabel>"]


def _bounds(r) -> str:  # type: ignore[no-untyped-def]
    return f'        <dc:Bounds x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.w)}" height="{_n(r.h)}" />'
