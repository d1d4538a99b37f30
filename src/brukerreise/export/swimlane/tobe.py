"""A to-be journey's marks on its swimlane, read from its comparison: a "NY"/"ENDRET" badge and a double
outline on new and changed steps (text and line, not colour alone), and today's steps that are gone drawn
ghosted (dashed, grey, labelled "FJERNET" or "ERSTATTET") in a strip below the lanes."""

from __future__ import annotations

from collections.abc import Mapping

from ...render import textfit
from ...analysis import JourneyAnalysis, StepStatus
from .shapes import NO_BORDER, Border, Rect, Shape, Span
from .style import Style, displayed, fitted

MARKED = (StepStatus.NEW, StepStatus.CHANGED)
GONE = (StepStatus.REMOVED, StepStatus.REPLACED)


def peripheries(a: JourneyAnalysis, step_id: str) -> int:
    """Two outlines for a new or changed step of a to-be journey, else one."""
    c = a.comparison
    return 2 if c is not None and c.step_status(step_id) in MARKED else 1


def badges(a: JourneyAnalysis, style: Style, boxes: Mapping[str, Rect]) -> list[Shape]:
    """A badge over the top right corner of each new or changed step."""
    c = a.comparison
    if c is None:
        return []
    spec = style["tobe"]
    theme = style.theme
    shapes = []
    for change in c.with_status(*MARKED):
        box = boxes[f"step-{change.after}"]
        text = style.label(f"badge_{change.status.value}")
        w = textfit.text_width(text, spec["badge_size"], True) + 2 * spec["badge_padding"]
        h = textfit.line_height(spec["badge_size"]) + 2
        rect = Rect(box.right - w - 4, box.y - h / 2, w, h)
        shapes.append(Shape(
            f"badge-{change.after}", "badge", rect, theme["background"], Border(theme["title_text"], "solid", 1.6),
            ((Span(text, spec["badge_size"], theme["title_text"], True),),),
            style.label(f"badge_{change.status.value}_title"),
        ))
    return shapes


def ghosts(a: JourneyAnalysis, style: Style, x: float, top: float, width: float) -> tuple[list[Shape], float]:
    """Today's steps that are gone, in a strip at `top`; returns the shapes and the strip's height (0 when
    there are none, or the layout says not to show them)."""
    c = a.comparison
    spec = style["tobe"]
    if c is None or not spec["ghosts"]:
        return [], 0.0
    gone = c.with_status(*GONE)
    if not gone:
        return [], 0.0
    theme = style.theme
    head_size = spec["heading_size"]
    heading = style.label("ghosts_heading")
    shapes = [Shape("ghosts-heading", "legend", Rect(x, top, textfit.text_width(heading, head_size, True) + 8,
                                                     textfit.line_height(head_size)), None, NO_BORDER,
                    ((Span(heading, head_size, theme["title_text"], True),),), heading, align="left")]
    step = style["step"]
    w, h, gap = step["width"], step["height"], spec["gap"]
    per_row = max(1, int((width + gap) // (w + gap)))
    y0 = top + textfit.line_height(head_size) + 6
    for i, change in enumerate(gone):
        row, col = divmod(i, per_row)
        old = c.before.step(change.before or "")
        if change.status is StepStatus.REPLACED:
            label = style.label("ghost_replaced")
            tip = style.label("ghost_replaced_title", title=displayed(old.title),
                              by=displayed(a.step(change.replaced_by or "").title))
        else:
            label = style.label("ghost_removed")
            tip = style.label("ghost_removed_title", title=displayed(old.title))
        size = step["cue_size"]
        lines, clipped = fitted(old.title, w - 2 * step["padding_x"], h - 2 * step["padding_y"] - textfit.line_height(size),
                                step["title_sizes"], theme["muted_text"])
        shapes.append(Shape(
            f"ghost-{change.before}", "ghost", Rect(x + col * (w + gap), y0 + row * (h + gap), w, h), theme["background"],
            Border(theme["muted_text"], "dashed", 1.2), ((Span(label, size, theme["muted_text"], True),), *lines), tip, clipped,
        ))
    rows = -(-len(gone) // per_row)
    return shapes, y0 - top + rows * h + (rows - 1) * gap
