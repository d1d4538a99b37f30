"""The journey as draw.io cells: title, phase bands, the pool with a lane per actor, steps and data chips
in their lanes (each a UserObject whose attributes hold the step's details), every arrow as an edge with
its source and target (so that it follows a moved box), and the legend. Ids come from indices only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from ...analysis import JourneyAnalysis
from ...render import textfit
from ...render.geometry import Point, Rect
from .layout import LEGEND_ROWS, Placement, step_key
from .text import as_html, clean

Label = Callable[..., str]

BORDER = {"bold": "strokeWidth=2;", "solid": "", "dashed": "dashed=1;", "dotted": "dashed=1;dashPattern=1 3;"}


@attrs.frozen
class Cell:
    id: str
    parent: str
    label: str  # HTML
    style: str
    rect: Rect | None = None  # relative to the parent, as draw.io keeps it
    edge: bool = False
    source: str = ""
    target: str = ""
    data: tuple[tuple[str, str], ...] = ()  # a UserObject's attributes, in order (tooltip last)
    source_point: Point | None = None
    target_point: Point | None = None
    label_at: float | None = None  # an edge's label: where along the edge, from -1 (source) to 1 (target)
    points: tuple[Point, ...] = ()  # an edge's way between its ends, where it is not draw.io's own


def _within(rect: Rect, parent: Rect) -> Rect:
    return Rect(rect.x - parent.x, rect.y - parent.y, rect.w, rect.h)


def _stroke(arrow: dict[str, Any]) -> str:
    dash = {"solid": "", "dashed": "dashed=1;", "dotted": "dashed=1;dashPattern=1 3;"}[arrow.get("style", "solid")]
    return f"strokeColor={arrow['color']};strokeWidth={arrow['width']};{dash}"


class Cells:
    def __init__(self, a: JourneyAnalysis, p: Placement, theme: dict[str, Any], size: dict[str, Any],
                 label: Label) -> None:
        self.a, self.p, self.theme, self.size, self.label = a, p, theme, size, label
        self.font = f"fontFamily={theme['font']};fontColor={theme['text']};fontSize={size['font_size']};"
        self.small = f"fontFamily={theme['font']};fontColor={theme['text']};fontSize={size['font_size'] - 1};"
        self.cells: list[Cell] = []
        self._placed: list[Rect] = []  # edge labels placed so far

    def build(self, step_titles: dict[str, str]) -> list[Cell]:
        self._title()
        self._phases()
        self._pool()
        for sid in self.a.order:
            self._step(sid, step_titles[sid])
        self._chips()
        self._flows()
        self._data()
        self._legend()
        return self.cells

    # --- shapes ----------------------------------------------------------------------------------

    def _title(self) -> None:
        t = self.theme
        self.cells.append(Cell("title", "1", as_html(self.a.journey.title),
                               f"text;html=1;whiteSpace=wrap;strokeColor=none;fillColor=none;align=left;verticalAlign=middle;fontStyle=1;"
                               f"fontFamily={t['font']};fontColor={t['title_text']};fontSize={self.size['title']['size']};",
                               self.p.title))

    def _phases(self) -> None:
        t, fills = self.theme, self.theme["phase_fill"]
        for n, (i, band) in enumerate(self.p.phases):
            style = (f"rounded=0;whiteSpace=wrap;html=1;verticalAlign=top;fillColor={fills[n % len(fills)]};"
                     f"strokeColor=none;fontStyle=1;fontFamily={t['font']};fontColor={t['phase_text']};"
                     f"fontSize={self.size['phase_header']['size']};")
            self.cells.append(Cell(f"phase-{i}", "1", as_html(self.a.phases[i].phase.title), style, band))

    def _pool(self) -> None:
        t, p = self.theme, self.p
        self.cells.append(Cell("pool", "1", as_html(self.a.journey.title),
                               f"swimlane;shape=swimlane;html=1;whiteSpace=wrap;horizontal=0;collapsible=0;startSize={self.size['pool_header']};"
                               f"fillColor={t['lane_header_fill']};swimlaneFillColor=none;strokeColor={t['muted_text']};"
                               f"{self.font}fontStyle=1;", p.pool))
        for i, actor in enumerate(self.a.lanes):
            kind = t["kinds"][actor.kind.value]
            text = p.lane_texts[i]
            style = (f"swimlane;shape=swimlane;html=1;whiteSpace=wrap;horizontal=0;collapsible=0;startSize={p.lane_header:g};"
                     f"fillColor={kind['fill']};swimlaneFillColor=none;strokeColor={kind['stroke']};{self.font}")
            whole = actor.name if clean(actor.short) in clean(actor.name) else f"{actor.short} – {actor.name}"
            data = (("actor", clean(actor.name)), ("tooltip", as_html(f"{whole} ({self.label('kind_' + actor.kind.value)})")))
            self.cells.append(Cell(f"lane-{i}", "pool", as_html(text), style, _within(p.lanes[i], p.pool), data=data))

    def _lane_id(self, actor_id: str) -> tuple[str, Rect]:
        i = next(n for n, actor in enumerate(self.a.lanes) if actor.id == actor_id)
        return f"lane-{i}", self.p.lanes[i]

    def _step(self, sid: str, title: str) -> None:
        a, t, L = self.a, self.theme, self.label
        step = a.step(sid)
        key = step_key(a, sid)
        owner = a.actors[step.owner]
        kind = t["kinds"][owner.kind.value]
        meta = [L(f"channel_{step.channel.value}")] if step.channel else []
        if step.emotion is not None:
            meta.append(t["emotions"][str(step.emotion)]["symbol"])
        if step.pain_points:
            meta.append(L("pain_points", count=len(step.pain_points)))
        text = as_html(self.p.step_texts[key])
        label = f"<b>{text}</b>" + (f'<br><font style="font-size: {self.size["font_size"] - 1}px;">'
                                    f"{as_html(' · '.join(meta))}</font>" if meta else "")
        style = (f"rounded=1;arcSize=8;whiteSpace=wrap;html=1;verticalAlign=top;spacing={self.size['step']['padding']};"
                 f"fillColor={kind['fill']};strokeColor={kind['stroke']};{BORDER[kind['border']]}{self.font}")
        names = [clean(a.actors[x].name) for x in step.with_]
        items = [clean(a.data_items[i].name) for i in step.asks_user]
        fields = [
            ("step", step.id), ("owner", owner.name), ("with", "; ".join(names)),
            ("phase", next(span.phase.title for span in a.phases if span.phase.id == step.phase)),
            ("channel", L(f"channel_{step.channel.value}") if step.channel else ""),
            ("description", step.description or ""), ("services", "; ".join(step.services)),
            ("emotion", f"{step.emotion} {t['emotions'][str(step.emotion)]['symbol']}" if step.emotion is not None else ""),
            ("asks_user", "; ".join(items)), ("pain_points", "\n".join(step.pain_points)),
            ("opportunities", "\n".join(step.opportunities)),
        ]
        data = tuple((L(f"field_{name}"), clean(value)) for name, value in fields if clean(value))
        tip = [title, L("tip_owner", owner=owner.name)]
        if names:
            tip.append(L("tip_with", actors=", ".join(names)))
        if step.channel:
            tip.append(L("tip_channel", channel=L(f"channel_{step.channel.value}")))
        if step.description:
            tip.append(step.description)
        for heading, entries in (("tip_pain_points", step.pain_points), ("tip_opportunities", step.opportunities)):
            if entries:
                tip += [L(heading), *(f"– {clean(e)}" for e in entries)]
        for flow in a.flows:
            if flow.step == sid:
                tip.append(self._flow_words(flow))
        lane, lane_rect = self._lane_id(step.owner)
        self.cells.append(Cell(key, lane, label, style, _within(self.p.boxes[key], lane_rect),
                               data=(*data, ("tooltip", as_html("\n".join(clean(x) for x in tip))))))

    def _flow_words(self, flow: Any) -> str:
        actors = self.a.actors
        return self.label("tip_data", item=clean(self.a.data_items[flow.item].name),
                          from_actor=clean(actors[flow.from_actor].short), to_actor=clean(actors[flow.to_actor].short),
                          how=self.label(f"how_{flow.how.value}"))

    def _chips(self) -> None:
        t = self.theme
        for chip in self.p.chips:
            flow = self.a.flows[chip.flow]
            arrow = t["user_carried" if flow.carried_by_user else "data"]
            text = f"{arrow['marker']} {clean(self.a.data_items[flow.item].name)}"
            if flow.sensitive:
                text += f" {t['sensitive_marker']}"
            style = (f"rounded=1;arcSize=20;whiteSpace=wrap;html=1;fillColor={t['background']};{_stroke(arrow)}"
                     f"{self.small}")
            lane = f"lane-{chip.lane}"
            words = self._flow_words(flow)
            data = ((self.label("field_item"), clean(self.a.data_items[flow.item].name)),
                    (self.label("field_from"), clean(self.a.actors[flow.from_actor].name)),
                    (self.label("field_to"), clean(self.a.actors[flow.to_actor].name)),
                    (self.label("field_how"), self.label(f"how_{flow.how.value}")), ("tooltip", as_html(words)))
            self.cells.append(Cell(chip.key, lane, as_html(text), style,
                                   _within(self.p.boxes[chip.key], self.p.lanes[chip.lane]), data=data))

    # --- edges -----------------------------------------------------------------------------------

    def _edge_style(self, arrow: dict[str, Any], end: str = "block") -> str:
        return (f"edgeStyle=orthogonalEdgeStyle;rounded=1;html=1;endArrow={end};endFill=1;{_stroke(arrow)}"
                f"labelBackgroundColor={self.theme['background']};{self.small}")

    def _flows(self) -> None:
        a, t = self.a, self.theme
        handoffs = {(h.from_step, h.to_step) for h in a.handoffs}
        transfers = {(h.from_step, h.to_step) for h in a.transfers}
        sides = "exitX=1;exitY=0.5;exitDx=0;exitDy=0;entryX=0;entryY=0.5;entryDx=0;entryDy=0;"
        boxes, placed = self.p.boxes, self._placed
        n = 0
        for s in a.order:
            for p in a.after[s]:
                if (p, s) in handoffs:
                    style, text = self._edge_style(t["handoff"]).replace(f"fontColor={t['text']};", f"fontColor={t['handoff']['color']};fontStyle=1;"), self.label("kasteball")
                elif (p, s) in transfers:
                    style, text = self._edge_style({**t["flow"], "style": "dashed"}), self.label("transfer")
                else:
                    style, text = self._edge_style(t["flow"]), ""
                # draw.io turns the edge halfway between the boxes: its label where that stretch is free
                source, target = boxes[step_key(a, p)], boxes[step_key(a, s)]
                at, mid = None, (source.right + target.x) / 2
                if text and source.cy != target.cy and target.x > source.right:
                    y = self._label_place(text, mid, source.cy, target.cy, placed)
                    length = target.x - source.right + abs(target.cy - source.cy)
                    at = None if y is None else round(2 * (mid - source.right + abs(y - source.cy)) / length - 1, 3)
                self.cells.append(Cell(f"flow-{n}", "1", as_html(text), style + sides, edge=True,
                                       source=step_key(a, p), target=step_key(a, s), label_at=at))
                n += 1

    def _data(self) -> None:
        """Each data flow straight up or down its column, at a place of its own across the column's width
        (so that no two run on one line); where a box of another lane stands in its way, out into the gutter
        right of the column, along it and back in (each such way a few px further into the gutter). Its label
        where it overlaps no box (_label_place)."""
        t = self.theme
        boxes = self.p.boxes
        placed = self._placed
        in_column: dict[float, list[int]] = {}
        for n, e in enumerate(self.p.data_edges):
            in_column.setdefault(boxes[e.source].x, []).append(n)
        across = {n: (k + 1) / (len(ns) + 1) for ns in in_column.values() for k, n in enumerate(ns)}
        round_by: dict[float, int] = {}  # ways through each column's gutter so far
        for n, e in enumerate(self.p.data_edges):
            flow = self.a.flows[e.flow]
            arrow = t["user_carried" if flow.carried_by_user else "data"]
            source, target = boxes[e.source], boxes[e.target]
            down = source.y < target.y
            f = round(across[n], 3)
            sides = (f"exitX={f:g};exitY=1;entryX={f:g};entryY=0;" if down else f"exitX={f:g};exitY=0;entryX={f:g};entryY=1;")
            text = self.label(f"how_{flow.how.value}")
            start, end = (source.bottom, target.y) if down else (source.y, target.bottom)
            x = source.x + f * source.w
            lo, hi = sorted((start, end))
            in_way = any(r.x < x < r.right and r.y < hi and lo < r.bottom for key, r in boxes.items()
                         if key not in (e.source, e.target))
            style, at = self._edge_style(arrow, "diamond") + sides, None
            points: tuple[Point, ...] = ()
            if not in_way:
                y = self._label_place(text, x, start, end, placed)
                at = None if y is None else 2 * (y - start) / (end - start) - 1
            else:
                k = round_by.get(source.x, 0)
                round_by[source.x] = k + 1
                aside = source.right + 6.0 + 6.0 * (k % 4) + (36.0 if k >= 4 else 0.0)  # (the gutter's middle is the steps' arrows')
                step = 7.0 if down else -7.0
                y1, y2 = start + step, end - step
                points = ((x, y1), (aside, y1), (aside, y2), (x, y2))
                style = style.replace("edgeStyle=orthogonalEdgeStyle;", "edgeStyle=none;")
                y = self._label_place(text, aside, y1, y2, placed)
                length = abs(y1 - start) + 2 * (aside - x) + abs(y2 - y1) + abs(end - y2)
                at = None if y is None else 2 * (abs(y1 - start) + aside - x + abs(y - y1)) / length - 1
            self.cells.append(Cell(f"data-flow-{n}", "1", as_html(text), style, edge=True, source=e.source,
                                   target=e.target, label_at=None if at is None else round(at, 3), points=points))

    def _label_place(self, text: str, x: float, start: float, end: float, placed: list[Rect]) -> float | None:
        """Where along an up-or-down stretch of an edge (at `x`, from `start` to `end`) its label overlaps no
        box and no label placed before (else no box): the y of the free place nearest the middle (None where
        no place is free)."""
        size = self.size["font_size"] - 1
        w, h = textfit.text_width(text, size, unknown=textfit.FALLBACK[-1]) + 6, textfit.line_height(size) + 8
        lo, hi = sorted((start, end))
        if hi - lo <= 0:
            return None
        middle = (lo + hi) / 2
        for taken in ([*self.p.boxes.values(), *placed], list(self.p.boxes.values())):
            blocks = sorted((r.y, r.bottom) for r in taken if r.x < x + w / 2 and x - w / 2 < r.right and r.y < hi and lo < r.bottom)
            stretches, y = [], lo
            for top, bottom in blocks:
                if top - y >= h:
                    stretches.append((y + h / 2, top - h / 2))
                y = max(y, bottom)
            if hi - y >= h:
                stretches.append((y + h / 2, hi - h / 2))
            if stretches:
                c = min((min(max(middle, a), b) for a, b in stretches), key=lambda c: (abs(c - middle), c))
                placed.append(Rect(x - w / 2, c - h / 2, w, h))
                return c
        return None

    # --- legend ----------------------------------------------------------------------------------

    def _legend(self) -> None:
        t, L, r = self.theme, self.label, self.p.legend
        lg = self.size["legend"]
        self.cells.append(Cell("legend", "1", as_html(L("legend")),
                               f"rounded=0;whiteSpace=wrap;html=1;align=left;verticalAlign=top;spacingLeft=8;"
                               f"collapsible=0;fillColor={t['background']};strokeColor={t['muted_text']};{self.font}fontStyle=1;", r))
        samples = [
            ("legend_flow", self._edge_style(t["flow"])),
            ("legend_handoff", self._edge_style(t["handoff"])),
            ("legend_transfer", self._edge_style({**t["flow"], "style": "dashed"})),
            ("legend_data", self._edge_style(t["data"], "diamond")),
            ("legend_user_carried", self._edge_style(t["user_carried"], "diamond")),
            ("legend_sensitive", None), ("legend_pain", None), ("legend_emotion", None),
        ]
        assert len(samples) == LEGEND_ROWS
        for n, (key, style) in enumerate(samples):
            y = lg["row"] * (n + 1) + 5
            if style is not None:
                mid = r.y + y + lg["row"] / 2
                self.cells.append(Cell(f"legend-sample-{n}", "1", "", style, edge=True,
                                       source_point=(r.x + 10, mid), target_point=(r.x + 10 + lg["sample"], mid)))
            x = 20 + lg["sample"]
            self.cells.append(Cell(f"legend-{n}", "legend", as_html(L(key)),
                                   f"text;html=1;whiteSpace=wrap;strokeColor=none;fillColor=none;align=left;verticalAlign=middle;{self.font}",
                                   Rect(x, y, r.w - x - 10, lg["row"])))
