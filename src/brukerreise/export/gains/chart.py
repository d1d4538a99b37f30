"""The gevinstkart as DOT for Graphviz: prerequisites → the change → its effects → the gains per owner, left to
right, one column each. Node names are generated (p0, e1, g2 …), never user ids; every text is escaped."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from ...analysis import BenefitRow, Comparison, GainKind, GainsAcross, benefit_rows
from ...render.gains import amount_text, gain_name, kroner_phrase, saved, saving_phrase, short
from ...render.labels import Labels, labels as load_labels
from ...render.resources import definition
from ...render.textfit import FONT_FAMILY

WRAP = 34  # characters on a line of a box
# The key figures drawn as effects, and whose gains they lead to: the people's, the agencies', or both.
PERSON_EFFECTS = ("person_steps", "handoffs", "once_only_findings", "user_carried_flows", "physical_visits", "letters",
                  "agencies_met")
AGENCY_EFFECTS = ("manual_transfers", "once_only_findings", "user_carried_flows", "back_office_transfers")
PERSON_GAINS = (GainKind.PERSON_HOURS, GainKind.WAITING_DAYS, GainKind.ONCE_ONLY)


def quoted(text: str, wrap: int = WRAP) -> str:
    """A DOT string: quotes and backslashes escaped (Graphviz reads '\\N', '\\l' and the like as escapes),
    lines wrapped and joined with Graphviz's centred line break."""
    lines: list[str] = []
    for part in text.splitlines() or [""]:
        lines += textwrap.wrap(part, wrap, break_long_words=True) or [""]
    escaped = [line.replace("\\", "\\\\").replace('"', '\\"') for line in lines]
    return '"' + "\\n".join(escaped) + '"'


def _head(title: str) -> list[str]:
    theme = definition("theme.yaml")
    return [
        f"digraph {quoted(title, 200)} {{",
        f'  graph [rankdir=LR, nodesep=0.25, ranksep=0.6, concentrate=true, fontname="{FONT_FAMILY}", fontsize=16, labelloc=t, '
        f'label={quoted(title, 90)}, fontcolor="{theme["title_text"]}", bgcolor="{theme["background"]}"];',
        f'  node [shape=box, style="rounded,filled", fillcolor="#FFFFFF", color="#4D4D4D", fontname="{FONT_FAMILY}", '
        f'fontsize=11, fontcolor="{theme["text"]}", margin="0.15,0.08"];',
        '  edge [color="#4D4D4D", arrowsize=0.7];',
    ]


def _column(name: str, label: str, nodes: Sequence[str]) -> list[str]:
    return [f"  subgraph cluster_{name} {{", f'    label={quoted(label)}; style="rounded,dashed"; color="#8C8C8C"; fontsize=13;',
            *(f"    {n}" for n in nodes), "  }"]


def _row_label(c: Comparison, r: BenefitRow, lang: str, lab: Labels) -> str:
    """The owner, the gain, and what it saves in the one convention of the outputs: «spart: 19 564 timer,
    13 499 000 kr per år», or for a drawback «mer: …, kostnad: … per år»."""
    unit = {"hours-per-year": "hours", "days-per-person": "days", "findings": "count"}[r.indicator.value]
    owner = short(c, r.owner) if r.owner else lab["owner_person"]
    amount = saved(r.change)
    worse = amount is not None and amount.likely < 0
    text = f"{owner}\n{lab['drawback'] + ': ' if worse else ''}{gain_name(c, r, lab)}\n{saving_phrase(r.change, unit, lang, lab)}"
    if r.kind.priced:
        return text + f", {kroner_phrase(r.kroner_saved, lang, lab, word=False)} {lab['per_year']}"
    return text + f" ({lab[f'indicator_{r.indicator.value}'].lower()})"


def gevinstkart(c: Comparison, lang: str) -> str:
    """The gevinstkart of one to-be journey as DOT."""
    lab = load_labels("gains", lang)
    figure_names = load_labels("comparison", lang)
    g = c.gains
    out = _head(lab.text("map_title", title=c.after.journey.title))
    prerequisites: list[str] = []
    edges: list[str] = []
    if g is not None:
        for i, p in enumerate(g.prerequisites):
            payer = lab.text("paid_by", built=short(c, p.built_by) if p.built_by else "–",
                                          run=short(c, p.run_by) if p.run_by else "–",
                                          one_time=amount_text(p.one_time, "kroner", lang, lab),
                                          yearly=amount_text(p.yearly, "kroner", lang, lab))
            prerequisites.append(f"p{i} [label={quoted(p.prerequisite.title + chr(10) + payer)}];")
            edges.append(f"  p{i} -> change;")
            if p.prerequisite.rule_change:
                prerequisites.append(f'r{i} [shape=note, style=filled, fillcolor="#FFF8E1", '
                                     f"label={quoted(lab['rule_change'] + ': ' + p.prerequisite.rule_change)}];")
                edges.append(f"  r{i} -> change;")
    if not prerequisites:
        prerequisites.append(f'p_none [shape=plaintext, style="", label={quoted(lab["none_given"])}];')
    out += _column("prerequisites", lab["map_prerequisites"], prerequisites)
    out += _column("change", lab["map_change"], [
        f'change [style="rounded,filled,bold", fillcolor="#DCEAF7", label={quoted(lab.text("map_journey", title=c.after.journey.title))}];'])
    effects: list[str] = []
    kinds: dict[str, set[str]] = {}
    for i, f in enumerate(x for x in c.figures if x.change):
        word = {True: figure_names["better"], False: figure_names["worse"], None: ""}[f.improved]
        label = lab.text("map_effect", figure=figure_names[f"figure_{f.key}"], before=_n(f.before, lang), after=_n(f.after, lang))
        effects.append(f"e{i} [label={quoted(label + (f' ({word})' if word else ''))}];")
        edges.append(f"  change -> e{i};")
        if f.improved is not None:  # only a move the better (or worse) way leads to gains (or drawbacks)
            kinds[f"e{i}"] = {*(["person"] if f.key in PERSON_EFFECTS else []), *(["agency"] if f.key in AGENCY_EFFECTS else [])}
    if effects:
        out += _column("effects", lab["map_effects"], effects)
    rows = benefit_rows(c) if g is not None and g.has_figures else ()
    gains: list[str] = []
    for i, r in enumerate(rows):
        worse = r.change is not None and r.change.likely > 0  # more work: a drawback, drawn dashed
        style = ' style="rounded,filled,dashed", penwidth=2' if worse else ""
        gains.append(f"g{i} [label={quoted(_row_label(c, r, lang, lab))}{style}];")
        side = "person" if r.kind in PERSON_GAINS else "agency"
        sources = [e for e, k in kinds.items() if side in k]
        edges += [f"  {e} -> g{i};" for e in sources] or [f"  change -> g{i};"]
    if not gains:
        gains.append(f'g_none [shape=plaintext, style="", label={quoted(lab["no_figures_short"])}];')
        edges.append("  change -> g_none [style=dotted];")
    out += _column("gains", lab["map_gains"], gains)
    out += edges
    out.append("}")
    return "\n".join(out) + "\n"


def _n(value: int | float | None, lang: str) -> str:
    """A key figure as the comparison shows it: '–' when unknown, a true minus, a decimal comma in nb and nn."""
    if value is None:
        return "–"
    text = f"{value:g}".replace("-", "−")
    return text.replace(".", ",") if lang in ("nb", "nn") else text


ROW = 5  # owners on a row of the portfolio's gevinstkart


def portfolio_gevinstkart(across: GainsAcross, lang: str) -> str:
    """Across the life events: the to-be journeys (the changes) on top, below them the owners whose work or
    costs they move, in rows, those worse off first, drawn dashed and said in words; the people last."""
    lab = load_labels("gains", lang)
    out = _head(lab["map_portfolio_title"])
    out[1] = out[1].replace("rankdir=LR", "rankdir=TB")
    changes, owners, edges = [], [], []
    index = {c.id: i for i, c in enumerate(across.comparisons)}
    for c, i in ((c, index[c.id]) for c in across.comparisons):
        changes.append(f'j{i} [style="rounded,filled,bold", fillcolor="#DCEAF7", label={quoted(lab.text("map_journey", title=c.after.journey.title))}];')
    shown = [a for a in across.agencies if a.outcome.value != "no-change"]
    names = []
    for k, a in enumerate(shown):
        outcome = lab[f"outcome_{a.outcome.value}"]
        loses = a.outcome.value == "loses"
        text = (f"{a.actor.short}\n{lab['net']}: {amount_text(a.net_yearly, 'kroner', lang, lab)}\n"
                f"{saving_phrase(a.hours_change, 'hours', lang, lab)} {lab['per_year']}\n"
                f"{lab['one_time']}: {amount_text(a.one_time_cost, 'kroner', lang, lab)}\n{outcome.upper() if loses else outcome}")
        style = ' style="rounded,filled,dashed", penwidth=2' if loses else ""
        owners.append(f"a{k} [label={quoted(text)}{style}];")
        names.append(f"a{k}")
        edges += [f"  j{index[j]} -> a{k};" for j in a.journeys if j in index]
    person = f"{saving_phrase(across.person_hours_change, 'hours', lang, lab)} {lab['per_year']}"
    owners.append(f"person [label={quoted(lab['owner_person'] + chr(10) + person)}];")
    names.append("person")
    edges += [f"  j{i} -> person;" for i in index.values()]
    rows = [names[i:i + ROW] for i in range(0, len(names), ROW)]
    for above, below in zip(rows, rows[1:]):
        edges += [f"  {above[0]} -> {n} [style=invis];" for n in below]
    if not changes:
        changes.append(f'j_none [shape=plaintext, style="", label={quoted(lab["no_figures_short"])}];')
    out += _column("change", lab["map_change"], changes)
    out += _column("gains", lab["map_gains"], owners)
    out += edges
    out.append("}")
    return "\n".join(out) + "\n"
