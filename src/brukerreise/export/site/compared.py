"""The comparisons on the site: a page per to-be journey compared with today's, the links between the two
journeys' pages, and the gains and costs across all pairs for the portfolio, in the comparison report's
own words (its sections) and with its chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from ...analysis import Comparison, JourneyAnalysis, StepStatus, benefits
from ...render.labels import Labels, in_sentence, labels

if TYPE_CHECKING:
    from ...render.document import Section

COMPARISON_FILES = ("md", "json", "svg")  # <id>.comparison.<suffix>, written by build's comparison target


def _labels(lang: str) -> Labels:
    return labels("comparison", lang)


def portfolio_sections(analyses: Sequence[JourneyAnalysis], lang: str) -> list[Section]:
    """Gains and costs across every pair read (none when no to-be journey has its as-is journey)."""
    comparisons = [a.comparison for a in analyses if a.comparison is not None]
    if not comparisons:
        return []
    from ..comparison.report import benefits_sections

    from . import _labels as site_labels

    lab, neither = _labels(lang), site_labels(lang)["neither"]
    found = benefits_sections(benefits(comparisons), lab)
    found = [attrs.evolve(s, rows=tuple((*r[:-1], r[-1] or neither) for r in s.rows))
             if s.header and s.header[-1] == lab["verdict"] else s for s in found]
    from ...analysis import gains_across
    from ...render.gains import across_sections

    return [*found, *across_sections(gains_across(comparisons), lang)]


def related(analyses: Sequence[JourneyAnalysis], site_labels: Labels) -> dict[str, list[tuple[str, str]]]:
    """For each journey's page, links (label, href beside it) to the comparisons it is part of."""
    from . import comparison_path

    found: dict[str, list[tuple[str, str]]] = {}
    for a in analyses:
        c = a.comparison
        if c is None:
            continue
        href = comparison_path(c.id).rsplit("/", 1)[1]
        label = site_labels.text("compared", today=c.before.journey.title, goal=in_sentence(c.after.journey.title, site_labels.lang))
        found.setdefault(c.id, []).append((label, href))
        found.setdefault(c.before.journey.id, []).append((label, href))
    return found


@attrs.frozen
class Bar:
    """One figure of the before/after chart, drawn in HTML so that it reflows on any screen."""

    label: str
    before: str
    after: str
    before_width: float  # percent of the row's width
    after_width: float
    verdict: str


def _and(items: Sequence[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def step_sentences(c: Comparison, lab: Labels, own: Labels) -> tuple[str, ...]:
    """What becomes of each step, in words: before → after, no status codes. A new step that takes the
    place of others is told once, with the steps it replaces."""
    b, a = c.before, c.after
    lines = []
    for s in c.steps:
        if s.status is StepStatus.CHANGED:
            aspects = [lab[f"aspect_{x.value}"] for x in s.changes]
            lines.append(own.text("plain_changed", title=a.step(s.after or "").title, aspects=_and(aspects, own["and"])))
        elif s.status is StepStatus.REPLACED:
            lines.append(own.text("plain_replaced", title=b.step(s.before or "").title, by=a.step(s.replaced_by or "").title))
        elif s.status is StepStatus.REMOVED:
            lines.append(own.text("plain_removed", title=b.step(s.before or "").title))
        elif s.status is StepStatus.NEW and not s.replaces:
            lines.append(own.text("plain_new", title=a.step(s.after or "").title))
    return tuple(lines)


def figure_rows(c: Comparison, lab: Labels, own: Labels) -> tuple[tuple[str, ...], ...]:
    """The figures table with every «Retning» cell filled: better, worse, unchanged, or neither (a figure
    that is not better either way, such as the number of steps)."""
    from ..comparison.report import figure_rows as report_rows

    return tuple((*row[:-1], row[-1] or own["neither"]) for row in report_rows(c.figures, lab))


def bars(c: Comparison, lab: Labels, own: Labels) -> tuple[Bar, ...]:
    from ..comparison.chart import BAR_FIGURES
    from ..comparison.report import verdict

    found = []
    for f in c.figures:
        if f.key not in BAR_FIGURES or f.before is None or f.after is None:
            continue
        top = max(f.before, f.after, 1)
        found.append(Bar(lab[f"figure_{f.key}"], lab.number(f.before), lab.number(f.after), round(100 * f.before / top, 1),
                         round(100 * f.after / top, 1), verdict(f, lab) or own["neither"]))
    return tuple(found)


def comparison_pages(
    analyses: Sequence[JourneyAnalysis], lang: str, files: bool = True, live: bool = False,
    problems: Sequence[str] = (), warnings: Sequence[str] = (),
) -> dict[str, bytes]:
    """A page per to-be journey whose as-is journey was read, by its path, in plain words: the two
    journeys by title (no file paths), the figures before → after as a chart that reflows and a table,
    what becomes of each step as sentences, then the comparison report's other sections; with `files`,
    links to the comparison's files that build writes beside the pages."""
    from ..comparison.report import comparison_sections
    from . import _labels as site_labels, comparison_page, comparison_path, page_path

    lab, own = _labels(lang), site_labels(lang)
    pages = {}
    for a in analyses:
        c = a.comparison
        if c is None:
            continue
        head, figures, steps, *rest = comparison_sections(c, lab)
        figures = attrs.evolve(figures, rows=figure_rows(c, lab, own))
        steps = attrs.evolve(steps, lines=step_sentences(c, lab, own) or (lab["none"],))
        intro = (own.text("plain_today", title=c.before.journey.title),
                 own.text("plain_goal", title=in_sentence(c.after.journey.title, lang)), head.lines[-1])
        links = [(own.text("goal_page", title=in_sentence(c.after.journey.title, lang)), page_path(c.id).rsplit("/", 1)[1]),
                 (own.text("today_page", title=c.before.journey.title), page_path(c.before.journey.id).rsplit("/", 1)[1])]
        rest += _gains(c, lang)
        downloads = [(own[f"download_comparison_{s}"], f"../{c.id}.comparison.{s}") for s in COMPARISON_FILES] if files else []
        downloads += _gains_downloads(c.id, lang) if files else []
        pages[comparison_path(c.id)] = comparison_page(
            own.text("plain_title", today=c.before.journey.title), [figures, steps, *rest], links, None, lang,
            intro, downloads, live, problems, warnings, bars=bars(c, lab, own),
        )
    return pages


def _gains(c: object, lang: str) -> list[Section]:
    """The gains in hours and kroner and the gevinstoversikt of a compared to-be journey."""
    from ...render.gains import gains_sections, plan_section

    found = gains_sections(c, lang, level=2)  # type: ignore[arg-type]
    if c.gains is not None and c.gains.has_figures:  # type: ignore[attr-defined]
        found.append(plan_section(c, lang, level=2))  # type: ignore[arg-type]
    return found


def _gains_downloads(journey: str, lang: str) -> list[tuple[str, str]]:
    """The gevinstoversikt and the gevinstkart that build's gains target writes beside the pages."""
    from ...render.gains import labels

    lab = labels(lang)
    return [(lab["download_plan"], f"../{journey}.gevinstoversikt.md"), (lab["download_map"], f"../{journey}.gevinstkart.svg")]
