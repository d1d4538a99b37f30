"""The legend: what each actor kind, arrow, marker and cue means, as shapes and sample arrows in a grid."""

from __future__ import annotations

from collections.abc import Sequence

from ...render import textfit
from .shapes import NO_BORDER, Border, Line, Rect, Route, Shape, Span
from .style import Style, fitted

_ARROWS = ("flow", "handoff", "data", "user_carried")


def legend(style: Style, kinds: Sequence[str], x: float, y: float, width: float,
           compared: bool = False) -> tuple[list[Shape], list[Route], float]:
    """Shapes and sample arrows of a legend at (x, y), at most `width` wide; returns them and its height.
    `compared`: a to-be journey's legend, which explains its badges and ghosts too."""
    sz = style["legend"]
    text_color = style.theme["text"]
    shapes: list[Shape] = []
    routes: list[Route] = []
    heading = style.label("legend")
    head_size = sz["heading_size"]
    shapes.append(_text("legend-heading", x, y, ((Span(heading, head_size, style.theme["title_text"], True),),)))
    top = y + textfit.line_height(head_size) + sz["row_gap"]

    entries: list[tuple[str, str, str]] = []  # (key, sample kind, text)
    entries += [(f"legend-kind-{k}", f"kind:{k}", _kind_text(style, k)) for k in kinds]
    entries += [(f"legend-{a}", f"arrow:{a}", _arrow_text(style, a)) for a in _ARROWS]
    entries += [
        ("legend-sensitive", "sensitive", style.label("legend_sensitive")),
        ("legend-emotion", "emotion", style.label("legend_emotion")),
        ("legend-pain", "pain", style.label("legend_pain")),
    ]
    if compared:
        entries += [
            ("legend-new", "badge:new", style.label("legend_new")),
            ("legend-changed", "badge:changed", style.label("legend_changed")),
            ("legend-ghost", "ghost", style.label("legend_ghost")),
        ]
    entry_width = sz["sample"] + 8 + sz["text"]
    per_row = max(1, int((width + sz["column_gap"]) // (entry_width + sz["column_gap"])))
    size = sz["size"]
    row_height = 2 * textfit.line_height(size)
    for i, (key, sample, text) in enumerate(entries):
        row, col = divmod(i, per_row)
        ex = x + col * (entry_width + sz["column_gap"])
        ey = top + row * (row_height + sz["row_gap"])
        sample_rect = Rect(ex, ey + (row_height - 22) / 2, sz["sample"], 22)
        s, r = _sample(style, key, sample, sample_rect)
        shapes += s
        routes += r
        sample_right = max([sample_rect.right, *(shape.rect.right for shape in s)])
        text_width = ex + entry_width - sample_right - 8
        lines, clipped = fitted(text, text_width, row_height, (size,), text_color)
        shapes.append(_text(f"{key}-text", sample_right + 8, ey + (row_height - _height(lines)) / 2, lines,
                            title=text, clipped=clipped))
    rows = -(-len(entries) // per_row)
    height = top - y + rows * row_height + (rows - 1) * sz["row_gap"]
    return shapes, routes, height


def _kind_text(style: Style, kind: str) -> str:
    return f"[{style.label(style.kind(kind)['badge'])}] {style.label(style.kind(kind)['badge'] + '_long')}"


def _arrow_text(style: Style, arrow: str) -> str:
    marker = style.arrow(arrow).get("marker")
    text = style.label(f"legend_{arrow}")
    return f"{marker} {text}" if marker else text


def _sample(style: Style, key: str, sample: str, rect: Rect) -> tuple[list[Shape], list[Route]]:
    theme = style.theme
    if sample.startswith("kind:"):
        kind = sample.split(":", 1)[1]
        return [Shape(f"{key}-sample", "legend", rect, style.kind(kind)["fill"], style.kind_border(kind))], []
    if sample.startswith("arrow:"):
        role = sample.split(":", 1)[1]
        a = Shape(f"{key}-from", "anchor", Rect(rect.x, rect.cy, 0.01, 0.01), None, visible=False)
        b = Shape(f"{key}-to", "anchor", Rect(rect.right, rect.cy, 0.01, 0.01), None, visible=False)
        return [a, b], [Route(key, role, a.key, b.key, ((rect.x, rect.cy), (rect.right, rect.cy)), style.arrow_stroke(role))]
    if sample.startswith("badge:"):
        status = sample.split(":", 1)[1]
        spec = style["tobe"]
        return [Shape(f"{key}-sample", "legend", rect, theme["kinds"]["stat"]["fill"], style.kind_border("stat"),
                      ((Span(style.label(f"badge_{status}"), spec["badge_size"], theme["title_text"], True),),),
                      peripheries=2)], []
    if sample == "ghost":
        return [Shape(f"{key}-sample", "legend", rect, theme["background"], Border(theme["muted_text"], "dashed", 1.2),
                      ((Span(style.label("ghost_removed"), 10, theme["muted_text"], True),),))], []
    if sample == "sensitive":
        line: Line = (Span(theme["sensitive_marker"], 12, theme["text"], True),)
    elif sample == "pain":
        line = (Span(theme["pain_point_marker"] + " 2", 12, theme["text"], True),)
    else:
        line = tuple(
            Span(("" if i == 0 else " ") + e["symbol"], 10, e["color"])
            for i, e in enumerate(theme["emotions"][v] for v in ("2", "0", "-2"))
        )
    return [_text(f"{key}-sample", rect.x, rect.y + (rect.h - _height((line,))) / 2, (line,))], []


def _height(lines: tuple[Line, ...]) -> float:
    return sum(textfit.line_height(max(s.size for s in line)) for line in lines)


def _text(key: str, x: float, y: float, lines: tuple[Line, ...], title: str = "", clipped: bool = False) -> Shape:
    width = max(sum(textfit.text_width(s.text, s.size, s.bold) for s in line) for line in lines) + 8  # slack: Graphviz measures bold text a little wider
    return Shape(key, "legend", Rect(x, y, width, _height(lines)), None, NO_BORDER, lines, title, clipped, "left")
