"""Counting what makes a BPMN diagram hard to read, from what bpmn-js drew (tests/js/bpmn_layout.html):
labels over labels, labels over shapes, flows through shapes that are not their ends, flows on one
track, and task names broken inside a word."""

from __future__ import annotations

from collections.abc import Sequence

Box = Sequence[float]
TOL = 0.5


def overlap(a: Box, b: Box) -> bool:
    return (a[0] < b[0] + b[2] - TOL and b[0] < a[0] + a[2] - TOL
            and a[1] < b[1] + b[3] - TOL and b[1] < a[1] + a[3] - TOL)


def _segment_hits(p: Sequence[float], q: Sequence[float], box: Box) -> bool:
    """Whether the axis-parallel (or any) segment p–q passes through the inside of `box`."""
    x0, y0, x1, y1 = box[0] + TOL, box[1] + TOL, box[0] + box[2] - TOL, box[1] + box[3] - TOL
    # Liang–Barsky clipping
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for edge_p, edge_q in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return t1 - t0 > 1e-9


FLOW_NODES = ("bpmn:Task", "bpmn:StartEvent", "bpmn:EndEvent", "bpmn:ParallelGateway", "bpmn:IntermediateCatchEvent",
              "bpmn:IntermediateThrowEvent")


def problems(drawn: dict) -> dict[str, list]:
    shapes = [s for s in drawn["shapes"] if s["type"] in FLOW_NODES]
    labels = [lb for lb in drawn["labels"] if lb["text"].strip()]
    found: dict[str, list] = {"label_overlaps": [], "labels_on_shapes": [], "flows_through_shapes": [],
                              "shared_tracks": [], "broken_words": []}
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            if overlap(a["box"], b["box"]):
                found["label_overlaps"].append((a["text"], b["text"]))
        for s in shapes:
            if s["id"] != a["owner"] and overlap(a["box"], s["box"]):
                found["labels_on_shapes"].append((a["text"], s["id"]))
    for c in drawn["connections"]:
        for s in shapes:
            if s["id"] in (c["source"], c["target"]):
                continue
            if any(_segment_hits(p, q, s["box"]) for p, q in zip(c["points"], c["points"][1:])):
                found["flows_through_shapes"].append((c["id"], s["id"]))
    segments = []
    for c in drawn["connections"]:
        for p, q in zip(c["points"], c["points"][1:]):
            segments.append((c, p, q))
    for i, (c1, p1, q1) in enumerate(segments):
        for c2, p2, q2 in segments[i + 1:]:
            # (flows leaving one node or arriving at one may share their first or last stretch, as forks and
            # joins are drawn)
            if c1["id"] == c2["id"] or {c1["source"], c1["target"]} & {c2["source"], c2["target"]}:
                continue
            if _shared(p1, q1, p2, q2):
                found["shared_tracks"].append((c1["id"], c2["id"]))
    for s in drawn["shapes"]:  # a name wrapped only between words (or after a hyphen) reads back the same
        if s["type"] == "bpmn:Task" and s["lines"]:
            joined = ""
            for line in s["lines"]:
                joined += line.strip() if joined.endswith("-") or not joined else " " + line.strip()
            if joined != " ".join(s["text"].split()):
                found["broken_words"].append((s["text"], s["lines"]))
    return found


def _shared(p1, q1, p2, q2, min_len: float = 2.0) -> bool:
    """Two segments on one line, overlapping for more than `min_len`."""
    if p1[0] == q1[0] == p2[0] == q2[0]:  # vertical on the same x
        lo, hi = max(min(p1[1], q1[1]), min(p2[1], q2[1])), min(max(p1[1], q1[1]), max(p2[1], q2[1]))
        return hi - lo > min_len
    if p1[1] == q1[1] == p2[1] == q2[1]:  # horizontal on the same y
        lo, hi = max(min(p1[0], q1[0]), min(p2[0], q2[0])), min(max(p1[0], q1[0]), max(p2[0], q2[0]))
        return hi - lo > min_len
    return False
