"""The swimlane geometry (no Graphviz): lanes, boxes, text and arrows hold for every generated journey."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from brukerreise.render import textfit
from brukerreise.render.resources import definition
from brukerreise.export.swimlane.layout import lane_bands, lay_out, step_boxes
from brukerreise.export.swimlane.shapes import Layout, Rect
from strategies import analysis_of, workspaces
import pytest

from support.svg import contrast, fixture_analysis

MIN_FONT = 10.0


@pytest.fixture
def small():
    return fixture_analysis("small")


@pytest.fixture
def hostile():
    return fixture_analysis("hostile")


def _inside(inner: Rect, outer: Rect, tol: float = 0.01) -> bool:
    return (inner.x >= outer.x - tol and inner.y >= outer.y - tol
            and inner.right <= outer.right + tol and inner.bottom <= outer.bottom + tol)


def _overlap(a: Rect, b: Rect, tol: float = 0.01) -> bool:
    return a.x < b.right - tol and b.x < a.right - tol and a.y < b.bottom - tol and b.y < a.bottom - tol


def check_geometry(analysis, layout: Layout) -> None:
    steps, lanes = step_boxes(layout), lane_bands(layout)
    assert list(lanes) == [a.id for a in analysis.lanes]
    ordered = list(lanes.values())
    for upper, lower in zip(ordered, ordered[1:]):
        assert upper.bottom <= lower.y + 0.01, "lanes overlap or are out of order"
    for step in analysis.steps:
        assert _inside(steps[step.id], lanes[step.owner]), f"{step.id} is outside its owner's lane"
        for before in analysis.after[step.id]:
            assert steps[before].right <= steps[step.id].x, f"{step.id} is drawn left of {before}"
    boxes = [s for s in layout.shapes if s.role in ("step", "data")]
    # Non-overlap, linear: boxes sit in (lane, column) cells; sort by x then y and compare neighbours in a cell.
    by_cell: dict[tuple[float, float], list[Rect]] = {}
    for s in boxes:
        lane = next(k for k, r in lanes.items() if _inside(s.rect, r)) if s.role == "data" else None
        by_cell.setdefault((s.rect.x, lane or s.key), []).append(s.rect)
    rects = sorted((s.rect.x, s.rect.y, s.rect) for s in boxes)
    for (_, _, a), (_, _, b) in zip(rects, rects[1:]):
        assert not _overlap(a, b), f"boxes overlap: {a} {b}"
    columns = sorted({r.x for _, _, r in rects})
    for left, right in zip(columns, columns[1:]):
        width = max(r.w for _, _, r in rects)
        assert left + width <= right, "columns overlap"
    assert all(r.right <= layout.width and r.bottom <= layout.height for _, _, r in rects)


def check_text(layout: Layout) -> None:
    for shape in layout.shapes:
        if not shape.lines:
            continue
        height = sum(textfit.line_height(max(s.size for s in line)) for line in shape.lines)
        assert height <= shape.rect.h + 0.01, f"{shape.key}: text taller than its box"
        for line in shape.lines:
            width = sum(textfit.text_width(s.text, s.size, s.bold) for s in line)
            assert width <= shape.rect.w + 0.01, f"{shape.key}: {line} wider than its box"
            assert all(s.size >= MIN_FONT for s in line)
        if shape.clipped:
            assert shape.lines[-1][-1].text.endswith("…") or any(line[-1].text.endswith("…") for line in shape.lines)
            assert shape.title, "a clipped text needs its full text in the title"


def check_routes_avoid_boxes(layout: Layout) -> None:
    """No arrow runs under a box: every segment stays out of the inside of every step and data box, except
    where it leaves its tail or reaches its head (one cell at a time: linear in the number of boxes)."""
    boxes = [s for s in layout.shapes if s.role in ("step", "data")]
    for route in layout.routes:
        for (x0, y0), (x1, y1) in zip(route.points, route.points[1:]):
            seg = Rect(min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0))
            for box in boxes:
                if box.key in (route.tail, route.head):
                    continue
                r = box.rect
                inner = Rect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1)
                hit = seg.x <= inner.right and inner.x <= seg.right and seg.y <= inner.bottom and inner.y <= seg.bottom
                assert not hit, f"{route.key} runs under {box.key}"


def check_contrast(layout: Layout) -> None:
    theme = definition("theme.yaml")
    open_ground = [theme["background"], *theme["phase_fill"]]
    for shape in layout.shapes:
        grounds = [shape.fill] if shape.fill else open_ground
        for line in shape.lines:
            for span in line:
                for ground in grounds:
                    assert contrast(span.color, ground) >= 4.5, f"{shape.key}: {span.color} on {ground}"
    for route in layout.routes:
        if route.marker is not None:
            for ground in open_ground:
                assert contrast(route.marker.color, ground) >= 4.5


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workspaces(max_steps=60, max_lanes=10))
def test_layout_guarantees(ws):
    analysis = analysis_of(ws)
    layout = lay_out(analysis)
    check_geometry(analysis, layout)
    check_text(layout)
    check_routes_avoid_boxes(layout)
    check_contrast(layout)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(workspaces(max_steps=200, max_lanes=15))
def test_layout_guarantees_for_long_journeys(ws):
    analysis = analysis_of(ws)
    layout = lay_out(analysis, "en")
    check_geometry(analysis, layout)
    check_text(layout)


def test_parallel_steps_of_one_owner_get_sub_rows(small):
    layout = lay_out(small)
    boxes = step_boxes(layout)
    soke, planlegge = boxes["soke"], boxes["planlegge"]
    assert soke.x == planlegge.x and not _overlap(soke, planlegge)
    lanes = lane_bands(layout)
    assert lanes["forelder"].h > lanes["folkeregisteret"].h


def test_labels_in_both_languages(small):
    nb, en = lay_out(small, "nb"), lay_out(small, "en")
    assert "Livshendelse: Få barn" in nb.shape("diagram-heading").title
    assert "Life event: Having a child" in en.shape("diagram-heading").title
    assert "[stat]" in str(nb.shape("lanehead-nav").lines) and "[state]" in str(en.shape("lanehead-nav").lines)


def test_long_titles_are_clipped_with_full_text_kept(hostile):
    layout = lay_out(hostile)
    clipped = [s for s in layout.shapes if s.role == "step" and s.clipped]
    assert clipped, "the hostile fixture has a title too long for its box"
    for shape in clipped:
        assert shape.lines[-2][-1].text.endswith("…") or shape.lines[-1][-1].text.endswith("…")
        assert len(shape.title) > sum(len(s.text) for line in shape.lines for s in line) - 1
