"""A small before/after bar chart of a comparison's key figures, as a self-contained, accessible SVG: a title
and a description for screen readers, every bar labelled with its number, today hatched and the goal solid
(so colour never carries the meaning alone), and the direction of each change in words."""

from __future__ import annotations

import html
from collections.abc import Sequence

from ...analysis import Comparison, FigureChange
from ...render import textfit
from ...render.labels import Labels, in_sentence, labels as load_labels
from ...render.resources import definition
from .report import verdict

# The figures drawn as bars (counts, zero and up); the emotion figures are written below the bars.
BAR_FIGURES = (
    "person_steps", "handoffs", "agency_transitions", "once_only_findings", "user_carried_flows", "manual_transfers",
    "physical_visits", "letters", "agencies_met",
)
TEXT_FIGURES = ("lowest_emotion", "mean_emotion")

WIDTH = 760.0
MARGIN = 20.0
LABEL_WIDTH = 250.0
VALUE_ROOM = 34.0  # right of the longest bar, for its number
VERDICT_WIDTH = 110.0
BAR_HEIGHT = 13.0
ROW_HEIGHT = 42.0
FONT = 12.0
TITLE_FONT = 16.0


def _x(text: str) -> str:
    return html.escape(text, quote=True)


def _fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """The text, cut with '…' when it is wider than `width` (the full text stays in the description)."""
    if textfit.text_width(text, size, bold) <= width:
        return text
    while text and textfit.text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def render_chart(c: Comparison, lang: str = "nb") -> str:
    lab = load_labels("comparison", lang)
    theme = definition("theme.yaml")
    ink, muted, accent = theme["text"], theme["muted_text"], theme["kinds"]["stat"]["stroke"]
    figures = [c.figure(k) for k in BAR_FIGURES]
    notes = [c.figure(k) for k in TEXT_FIGURES]
    title = lab.text("chart_title", title=in_sentence(c.after.journey.title, lang))
    described = "; ".join(_described(f, lab) for f in [*figures, *notes])
    desc = lab.text("chart_desc", before=c.before.journey.title, after=in_sentence(c.after.journey.title, lang),
                    figures=described)

    bars_left = MARGIN + LABEL_WIDTH
    bars_width = WIDTH - bars_left - MARGIN - VERDICT_WIDTH - VALUE_ROOM
    top = MARGIN + 62
    height = top + ROW_HEIGHT * len(figures) + 22 * len(notes) + MARGIN + 8
    scale = max([1.0, *(float(v) for f in figures for v in (f.before, f.after) if v is not None)])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:g}" height="{height:g}" '
        f'viewBox="0 0 {WIDTH:g} {height:g}" role="img" aria-labelledby="chart-title chart-desc" '
        f'font-family="{textfit.FONT_FAMILY}, Liberation Sans, sans-serif">',
        f'<title id="chart-title">{_x(title)}</title>',
        f'<desc id="chart-desc">{_x(desc)}</desc>',
        "<defs>",
        f'<pattern id="today-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{theme["background"]}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{muted}" '
        f'stroke-width="2.4"/></pattern>',
        "</defs>",
        f'<rect width="{WIDTH:g}" height="{height:g}" fill="{theme["background"]}"/>',
        _text(MARGIN, MARGIN + TITLE_FONT, _fit(title, WIDTH - 2 * MARGIN, TITLE_FONT, True), TITLE_FONT, theme["title_text"], bold=True),
    ]
    legend_y = MARGIN + 34
    out += _legend(MARGIN, legend_y, lab, muted, accent, ink)
    out.append(_text(WIDTH - MARGIN, legend_y + 10, lab["verdict"], FONT, muted, anchor="end"))
    for i, f in enumerate(figures):
        y = top + i * ROW_HEIGHT
        out.append(f'<g id="figure-{f.key}">')
        out.append(_text(MARGIN, y + BAR_HEIGHT + 4, _fit(lab[f"figure_{f.key}"], LABEL_WIDTH - 10, FONT), FONT, ink))
        for j, (value, fill, stroke) in enumerate(((f.before, "url(#today-hatch)", muted), (f.after, accent, accent))):
            by = y + j * (BAR_HEIGHT + 3)
            w = 0.0 if value is None else bars_width * float(value) / scale
            out.append(f'<rect x="{bars_left:g}" y="{by:g}" width="{max(w, 1.0):.2f}" height="{BAR_HEIGHT:g}" '
                       f'fill="{fill}" stroke="{stroke}" stroke-width="1"/>')
            out.append(_text(bars_left + w + 5, by + BAR_HEIGHT - 2, lab.number(value), FONT - 1, ink, bold=j == 1))
        word = verdict(f, lab)
        change = lab.number(f.change, signed=True) if f.change else "0"
        out.append(_text(WIDTH - MARGIN, y + BAR_HEIGHT + 4, f"{change} {word}".strip(), FONT, ink, bold=f.improved is not None, anchor="end"))
        out.append(f'<line x1="{MARGIN:g}" y1="{y + ROW_HEIGHT - 6:g}" x2="{WIDTH - MARGIN:g}" y2="{y + ROW_HEIGHT - 6:g}" stroke="#D0D4DA" stroke-width="0.6"/>')
        out.append("</g>")
    y = top + ROW_HEIGHT * len(figures) + 14
    for f in notes:
        line = f"{lab[f'figure_{f.key}']}: {lab['today'].lower()} {lab.number(f.before)} → {lab['goal'].lower()} {lab.number(f.after)}"
        word = verdict(f, lab)
        out.append(_text(MARGIN, y, _fit(f"{line}  {word}".rstrip(), WIDTH - 2 * MARGIN, FONT), FONT, ink))
        y += 22
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _described(f: FigureChange, lab: Labels) -> str:
    return lab.text("chart_figure", figure=lab[f"figure_{f.key}"], before=lab.number(f.before), after=lab.number(f.after),
                                      verdict=verdict(f, lab) or lab["same"])


def _legend(x: float, y: float, lab: Labels, muted: str, accent: str, ink: str) -> Sequence[str]:
    today, goal = lab["chart_legend_today"], lab["chart_legend_goal"]
    second = x + 28 + textfit.text_width(today, FONT) + 24
    return (
        f'<rect x="{x:g}" y="{y:g}" width="20" height="{BAR_HEIGHT:g}" fill="url(#today-hatch)" stroke="{muted}"/>',
        _text(x + 26, y + 11, today, FONT, ink),
        f'<rect x="{second:g}" y="{y:g}" width="20" height="{BAR_HEIGHT:g}" fill="{accent}" stroke="{accent}"/>',
        _text(second + 26, y + 11, goal, FONT, ink),
    )


def _text(x: float, y: float, text: str, size: float, fill: str, *, bold: bool = False, anchor: str = "start") -> str:
    weight = ' font-weight="bold"' if bold else ""
    end = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size:g}" fill="{fill}"{weight}{end}>{_x(text)}</text>'
