"""Pure geometry of a swimlane diagram, read from a JourneyAnalysis: heading, phase bands, lanes, step
boxes, data chips, arrow routes and legend, in points with y growing downwards. No Graphviz here."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ...analysis import Flow, JourneyAnalysis
from ...render import grid, textfit
from . import routes, tobe
from .legend import legend
from .shapes import NO_BORDER, Border, Layout, Line, Rect, Route, Shape, Span
from .style import Style, block_height, displayed, fitted, line_width, load_style

HANDOFF_LABEL_SIZE = 11  # the word beside a kasteball arrow: red AND labelled, never colour alone


@attrs.frozen
class _Chip:
    """A data flow drawn at its step: a labelled chip in another actor's lane, joined to the step (or to
    a second chip when neither end owns the step) by an arrow in the column's data gutter."""

    flow: Flow
    index: int
    source: str  # shape keys
    target: str
    chips: tuple[tuple[str, int], ...]  # (key, lane) of each chip to draw


def lay_out(analysis: JourneyAnalysis, lang: str = "nb") -> Layout:
    return _Builder(analysis, load_style(lang)).build()


class _Builder:
    def __init__(self, analysis: JourneyAnalysis, style: Style) -> None:
        self.a = analysis
        self.st = style
        self.theme = style.theme
        self.lane_of = {actor.id: i for i, actor in enumerate(analysis.lanes)}
        self.owner_kind = {a.id: a.kind.value for a in analysis.lanes}
        self.n_columns = max(analysis.columns.values(), default=-1) + 1

    # --- the whole picture -------------------------------------------------------------------------

    def build(self) -> Layout:
        st, a = self.st, self.a
        margin = st["margin"]
        step = st["step"]
        edges = [(p, s) for s in a.order for p in a.after[s]]
        handoffs = {(h.from_step, h.to_step) for h in a.handoffs}
        transfers = {(h.from_step, h.to_step) for h in a.transfers}
        chips = self._chips()
        steps = {sid: self._step(sid) for sid in a.order}
        chip_shapes = {key: self._chip_shape(c, key) for c in chips for key, _ in c.chips}

        # Columns and gutters, wide enough for every arrow's own vertical track.
        flow_tracks, flow_used = routes.flow_tracks([(a.columns[p], a.columns[s]) for p, s in edges])
        data_track, data_used = routes.data_tracks([a.columns[c.flow.step] for c in chips])
        g, dg = st["gutter"], st["data_gutter"]
        data_gutters = [dg["lead"] + dg["track"] * data_used[c] if c in data_used else 0.0 for c in range(self.n_columns)]
        # Before a step the person is sent to, room for the kasteball label beside the arrow's head.
        labelled = {a.columns[s] - 1 for _, s in handoffs}
        label_room = self._handoff_label_width() + 6
        gutter_widths = {
            k: max(g["lead"] if k == -1 else g["base"],
                   8 + g["track"] * flow_used.get(k, 0) + (label_room if k in labelled else g["marker"]) + 4)
            for k in range(-1, self.n_columns)
        }
        header = st["lane_header"]
        lanes_left = margin + header["width"]
        cols = grid.place_columns(lanes_left, self.n_columns, step["width"], data_gutters, gutter_widths)
        width = max(cols.right + margin, st["min_width"])

        # Top to bottom: heading, phase headers, lanes, legend.
        heading = self._heading(margin, margin, width - 2 * margin)
        phase_top = heading.rect.bottom + st["title"]["gap"]
        lanes_top = phase_top + st["phase_header"]["height"]
        cells = [grid.Cell(f"step-{sid}", self.lane_of[a.step(sid).owner], a.columns[sid], step["height"]) for sid in a.order]
        cells += [grid.Cell(key, lane, a.columns[c.flow.step], chip_shapes[key].rect.h) for c in chips for key, lane in c.chips]
        lane = st["lane"]
        lanes = grid.place_lanes(lanes_top, len(a.lanes), cells, cols, lane["top"], lane["bottom"], lane["stack_gap"], step["height"])
        lanes_bottom = lanes.bottom if a.lanes else lanes_top

        shapes: list[Shape] = [heading]
        shapes += self._phases(cols, phase_top, lanes_bottom, width - margin)
        shapes += self._lanes(lanes, margin, width - 2 * margin)
        boxes = lanes.boxes
        shapes += [attrs.evolve(steps[sid], rect=boxes[f"step-{sid}"]) for sid in a.order]
        shapes += [attrs.evolve(shape, rect=boxes[key]) for key, shape in chip_shapes.items()]
        shapes += tobe.badges(a, st, boxes)

        drawn: list[Route] = []
        for i, ((p, s), (t1, t2)) in enumerate(zip(edges, flow_tracks)):
            drawn.append(self._flow(i, p, s, (p, s) in handoffs, t1, t2, boxes, cols, lanes, (p, s) in transfers))
        for c, track in zip(chips, data_track):
            drawn.append(self._data(c, track, boxes, cols))

        ghost_shapes, ghost_height = tobe.ghosts(a, st, margin, lanes_bottom + st["legend"]["gap"], width - 2 * margin)
        shapes += ghost_shapes
        legend_top = lanes_bottom + st["legend"]["gap"] + (ghost_height + st["legend"]["gap"] if ghost_height else 0)
        kinds = list(dict.fromkeys(actor.kind.value for actor in a.lanes))
        legend_shapes, legend_routes, legend_height = legend(st, kinds, margin, legend_top, width - 2 * margin,
                                                             compared=a.comparison is not None)
        shapes += legend_shapes
        drawn += legend_routes
        height = legend_top + legend_height + margin
        return Layout(width, height, displayed(a.journey.title).replace("\n", " "), self._description(),
                      tuple(shapes), tuple(drawn))

    # --- pieces ------------------------------------------------------------------------------------

    def _heading(self, x: float, y: float, width: float) -> Shape:
        st, j = self.st["title"], self.a.journey
        title_lines, clipped = fitted(
            j.title, width, st["max_lines"] * textfit.line_height(min(st["sizes"])) + 0.01, st["sizes"],
            self.theme["title_text"], bold=True,
        )
        sub = f"{self.st.label('life_event')}: {self._life_event()}"
        if j.persona is not None:
            sub += f"  ·  {self.st.label('persona')}: {j.persona.name}"
        sub_lines, sub_clipped = fitted(sub, width, textfit.line_height(st["subtitle_size"]) + 0.01,
                                        (st["subtitle_size"],), self.theme["muted_text"])
        lines = title_lines + sub_lines
        text_width = max(line_width(line) for line in lines) + 8  # slack for Graphviz's own measuring
        return Shape("diagram-heading", "title", Rect(x, y, text_width, block_height(lines)), None, NO_BORDER,
                     lines, f"{displayed(j.title)}\n{sub}", clipped or sub_clipped, "left")

    def _life_event(self) -> str:
        event = self.a.journey.life_event
        return self.st.labels.get(f"event_{event.name.lower()}", event.value)

    def _phases(self, cols: grid.Columns, top: float, bottom: float, right: float) -> list[Shape]:
        spans = [p for p in self.a.phases if p.first_column <= p.last_column]
        ph = self.st["phase_header"]
        shapes: list[Shape] = []
        fills = self.theme["phase_fill"]
        for i, span in enumerate(spans):
            x0 = cols.gutter_x[span.first_column - 1] if i else cols.gutter_x[-1]
            x1 = cols.gutter_x[span.last_column] if i < len(spans) - 1 else right
            fill = fills[i % len(fills)]
            pid = span.phase.id
            shapes.append(Shape(f"phase-{pid}", "phase", Rect(x0, top, x1 - x0, bottom - top), fill))
            # The title sits at the phase's start (a long phase would otherwise hide it far to the right).
            head_width = min(x1 - x0, ph["max_width"])
            lines, clipped = fitted(span.phase.title, head_width - 2 * ph["padding"], ph["height"] - 2 * ph["padding"],
                                    ph["sizes"], self.theme["phase_text"], bold=True)
            shapes.append(Shape(f"phasehead-{pid}", "phase-head", Rect(x0, top, head_width, ph["height"]), fill,
                                NO_BORDER, lines, displayed(span.phase.title), clipped))
        return shapes

    def _lanes(self, lanes: grid.Lanes, x: float, width: float) -> list[Shape]:
        hd = self.st["lane_header"]
        separator = Border(self.theme["muted_text"], "solid", 1.0)
        bands: list[Shape] = []
        heads: list[Shape] = []
        for actor, top, height in zip(self.a.lanes, lanes.top, lanes.height):
            kind = actor.kind.value
            bands.append(Shape(f"lane-{actor.id}", "lane", Rect(x, top, width, height), None, separator,
                               title=f"{actor.name} ({self._badge(kind)})"))
            badge_size = hd["badge_size"]
            badge: Line = (Span(f"[{self._badge(kind)}]", badge_size, self.theme["muted_text"]),)
            inner = hd["width"] - 2 * hd["padding"]
            name_lines, clipped = fitted(actor.short, inner, height - 2 * hd["padding"] - textfit.line_height(badge_size),
                                         hd["name_sizes"], self.theme["text"], bold=True)
            spec = self.st.kind(kind)
            inset = 3.0  # keeps the header's border inside the lane's
            heads.append(Shape(f"lanehead-{actor.id}", "lane-head",
                               Rect(x + inset, top + inset, hd["width"] - 2 * inset, height - 2 * inset),
                               spec["fill"], self.st.kind_border(kind), name_lines + (badge,),
                               f"{displayed(actor.name)} ({self._badge(kind)})", clipped))
        return bands + heads

    def _badge(self, kind: str) -> str:
        return self.st.label(self.st.kind(kind)["badge"])

    def _step(self, step_id: str) -> Shape:
        st, theme = self.st["step"], self.theme
        step = self.a.step(step_id)
        kind = self.owner_kind[step.owner]
        cue = self._cue(step)
        inner_w = st["width"] - 2 * st["padding_x"]
        cue_height = block_height((cue,)) if cue else 0.0
        lines, clipped = fitted(step.title, inner_w, st["height"] - 2 * st["padding_y"] - cue_height,
                                st["title_sizes"], theme["text"])
        if cue:
            lines = lines + (cue,)
        owner = self.a.actors[step.owner]
        title = self.st.label("step_title", title=displayed(step.title), owner=displayed(owner.short))
        return Shape(f"step-{step_id}", "step", Rect(0, 0, st["width"], st["height"]), self.st.kind(kind)["fill"],
                     self.st.kind_border(kind), lines, title, clipped, peripheries=tobe.peripheries(self.a, step_id))

    def _cue(self, step) -> Line:
        size = self.st["step"]["cue_size"]
        theme = self.theme
        spans: list[Span] = []
        if step.channel is not None:
            spans.append(Span(self.st.label(f"channel_{step.channel.value}"), size, theme["muted_text"], role="channel"))
        if step.emotion is not None:
            emotion = theme["emotions"][str(step.emotion)]
            spans.append(Span(emotion["symbol"], size, emotion["color"], True, "emotion"))
        if step.pain_points:
            spans.append(Span(f"{theme['pain_point_marker']} {len(step.pain_points)}", size, theme["text"], True, "pain"))
        return tuple(attrs.evolve(s, text=("   " if i else "") + s.text) for i, s in enumerate(spans))

    def _chips(self) -> list[_Chip]:
        chips = []
        for i, flow in enumerate(self.a.flows):
            owner = self.a.step(flow.step).owner
            step_key, key = f"step-{flow.step}", f"data-{i}"
            if flow.from_actor != owner:
                if flow.to_actor == owner:
                    chips.append(_Chip(flow, i, key, step_key, ((key, self.lane_of[flow.from_actor]),)))
                else:
                    chips.append(_Chip(flow, i, key, f"{key}-to", ((key, self.lane_of[flow.from_actor]),
                                                                   (f"{key}-to", self.lane_of[flow.to_actor]))))
            elif flow.to_actor != owner:
                chips.append(_Chip(flow, i, step_key, key, ((key, self.lane_of[flow.to_actor]),)))
            else:
                chips.append(_Chip(flow, i, key, step_key, ((key, self.lane_of[owner]),)))
        return chips

    def _chip_shape(self, chip: _Chip, key: str) -> Shape:
        st, theme = self.st["chip"], self.theme
        flow = chip.flow
        role = "user_carried" if flow.carried_by_user else "data"
        arrow = self.st.arrow(role)
        item = self.a.data_items[flow.item]
        text = f"{arrow['marker']} {displayed(item.name)}"
        if flow.sensitive:
            text += f" {theme['sensitive_marker']}"
        width = self.st["step"]["width"]
        size = st["size"]
        lines, clipped = fitted(text, width - 2 * st["padding_x"], st["max_lines"] * textfit.line_height(size) + 0.01,
                                (size,), theme["text"])
        height = block_height(lines) + 2 * st["padding_y"]
        border = Border(arrow["color"], arrow["style"], arrow["width"])
        return Shape(key, "data", Rect(0, 0, width, height), theme["background"], border, lines,
                     self._data_title(flow), clipped)

    def _data_title(self, flow: Flow) -> str:
        key = "user_carried_title" if flow.carried_by_user else "data_title"
        actors = self.a.actors
        return self.st.label(key, item=displayed(self.a.data_items[flow.item].name),
                             from_actor=displayed(actors[flow.from_actor].short),
                             to_actor=displayed(actors[flow.to_actor].short))

    # --- arrows ------------------------------------------------------------------------------------

    def _flow(self, i: int, p: str, s: str, handoff: bool, t1: int, t2: int | None,
              boxes, cols: grid.Columns, lanes: grid.Lanes, transfer: bool = False) -> Route:
        g = self.st["gutter"]
        a = self.a
        tail, head = boxes[f"step-{p}"], boxes[f"step-{s}"]
        cp, cs = a.columns[p], a.columns[s]
        x1 = cols.gutter_x[cp] + 8 + g["track"] * t1
        x2 = None if t2 is None else cols.gutter_x[cs - 1] + 8 + g["track"] * t2
        head_lane = self.lane_of[a.step(s).owner]
        channel_y = lanes.top[head_lane] + 5 + 4 * ((t2 or 0) % 3)
        points = routes.flow_route(tail, head, x1, x2, channel_y)
        role = "handoff" if handoff else "flow"
        names = {"from_step": displayed(a.step(p).title), "to_step": displayed(a.step(s).title)}
        if handoff:
            title = self.st.label("handoff_title", from_actor=displayed(a.actors[a.step(p).owner].short),
                                  to_actor=displayed(a.actors[a.step(s).owner].short))
            marker = Span(self.st.label("handoff_marker"), HANDOFF_LABEL_SIZE, self.theme["handoff"]["color"], True)
            at = (head.x - self._handoff_label_width() / 2 - 3, head.cy - 10)
            return Route(f"handoff-{i}", role, f"step-{p}", f"step-{s}", points, self.st.arrow_stroke(role), title, marker, at)
        return Route(f"flow-{i}", "transfer" if transfer else role, f"step-{p}", f"step-{s}", points, self.st.arrow_stroke(role),
                     self.st.label("flow_title", **names))

    def _handoff_label_width(self) -> float:
        return textfit.text_width(self.st.label("handoff_marker"), HANDOFF_LABEL_SIZE, True)

    def _data(self, chip: _Chip, track: int, boxes, cols: grid.Columns) -> Route:
        dg = self.st["data_gutter"]
        column = self.a.columns[chip.flow.step]
        x = cols.data_x(column) + dg["lead"] + dg["track"] * track
        step_key = f"step-{chip.flow.step}"

        def attach(key: str) -> tuple[float, float]:
            box = boxes[key]
            if key == step_key:  # below the middle, where flow arrows leave
                return box.right, box.bottom - 8 - 6 * (chip.index % 4)
            return box.right, box.cy

        role = "user_carried" if chip.flow.carried_by_user else "data"
        points = routes.data_route(attach(chip.source), attach(chip.target), x)
        return Route(f"data-{chip.index}-arrow", role, chip.source, chip.target, points, self.st.arrow_stroke(role),
                     self._data_title(chip.flow))

    def _description(self) -> str:
        a, m = self.a, self.a.metrics
        names = ", ".join(displayed(actor.short).replace("\n", " ") for actor in a.lanes)
        return " ".join(self.st.label(
            "description", title=displayed(a.journey.title).replace("\n", " "), life_event=self._life_event(),
            steps=m.steps, lanes=m.actors, lane_names=names, handoffs=m.handoffs, flows=m.data_flows,
            carried=m.user_carried_flows,
        ).split())


def step_boxes(layout: Layout) -> dict[str, Rect]:
    return {s.key[len("step-"):]: s.rect for s in layout.shapes if s.role == "step"}


def lane_bands(layout: Layout) -> dict[str, Rect]:
    return {s.key[len("lane-"):]: s.rect for s in layout.shapes if s.role == "lane"}


__all__: Sequence[str] = ("lay_out", "step_boxes", "lane_bands")
