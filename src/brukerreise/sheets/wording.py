"""`validate`'s messages about an imported journey in the words of the sheet it came from: a field's YAML key
becomes the column or figure as the workbook names it (in the workbook's language), and YAML syntax
('source: …', 'after: [x]') becomes what to type in a cell. `validate` on a YAML file keeps its own words."""

from __future__ import annotations

import re

from ..reading.figures import NO_SOURCE
from ..reading.yamlsource import DataPath
from ..render import columns

_WHY = "(an SSB table, the agency's own figures, or a named estimate with its reasoning)"
# A step's field -> the key of its column's header.
_STEP_FIELDS = {"owner": "owner", "with": "with", "after": "after", "referred_by": "referred_by", "replaces": "replaces",
                "asks_user": "asks", "data": "data", "description": "description", "channel": "channel", "title": "title"}
# The journey's fields on the sheet that describes it, and a prerequisite's columns -> their label keys.
_OTHER_FIELDS = {"improves": "improves", "own_organisations": "own_organisations", "lanes": "lanes", "state": "state",
                 "persona": "persona", "goals": "goals", "built_by": "need_built_by", "run_by": "need_run_by",
                 "flows": "need_flows", "rule_change": "need_rule_change"}
# A quoted YAML key; not a user's id after the noun that says what it is ("step 'data'").
_QUOTED_KEY = re.compile(r"(under |to |from |in )?(?<!step )(?<!actor )(?<!item )(?<!journey )(?<!phase )'([a-z_]+)(?:: …)?'")
_AFTER_FORM = re.compile(r" \(after: \[([^\]]*)\]\)")


def reword(message: str, path: DataPath, lang: str) -> str:
    """The message as a person working in the sheet needs it."""
    figure = _figure(path, lang)
    if figure is not None:
        name, cols = figure
        specific = _figure_message(message, name, cols, lang)
        if specific is not None:
            return specific
    message = _AFTER_FORM.sub(lambda m: f" (then {_quoted('col_after', lang)} holds {m.group(1)})", message)
    return _QUOTED_KEY.sub(lambda m: _key(m, lang, path), message)


def _figure(path: DataPath, lang: str) -> tuple[str, dict[str, str]] | None:
    """The figure at `path` as the workbook names it, and the headers of its columns (likely, low, high,
    source); None when the path is not a figure's."""
    on_sheet = {part: columns.label(f"fig_{part}", lang) for part in columns.ESTIMATE_PARTS}
    if path == ("people_per_year",):
        return f"'{columns.label('figure_people_per_year', lang)}'", on_sheet
    if len(path) >= 4 and path[0] == "steps" and path[2] == "effort" and path[3] in columns.FIGURE_KINDS:
        name = f"'{columns.label(f'figure_{path[3]}', lang)}'"
        if path[3] == "agency_minutes" and len(path) >= 5:
            name += f" of '{path[4]}'"
        return name, on_sheet
    if len(path) >= 3 and path[0] == "prerequisites" and path[2] in ("one_time", "yearly"):
        return (f"'{columns.label(f'need_{path[2]}_likely', lang)}'",
                {part: columns.label(f"need_{path[2]}_{part}", lang) for part in columns.ESTIMATE_PARTS})
    return None


def _figure_message(message: str, name: str, cols: dict[str, str], lang: str) -> str | None:
    """The figure's own problems that speak of YAML keys, in the sheet's words; None for the others."""
    if message.endswith(NO_SOURCE):
        return (f"{name} has no source: type in '{cols['source']}' where the figure comes from {_WHY}; "
                "without one it is counted, but shown as unsourced")
    if "has neither a number nor a source" in message:
        return (f"{name} has neither a number nor a source: type the number in '{cols['likely']}' and where it comes "
                f"from in '{cols['source']}', or say in '{cols['source']}' why there is no figure")
    if "has 'low' or 'high' but no 'likely'" in message:
        return f"{name} has '{cols['low']}' or '{cols['high']}' but no '{cols['likely']}': type the most likely value in '{cols['likely']}'"
    if "is the person: write the person's time under 'person_minutes'" in message:
        person = columns.label("figure_person_minutes", lang)
        return (message.split(":", 1)[0] + f": the person's time goes on a row '{person}' "
                f"(in '{columns.label('fig_figure', lang)}'), with '{columns.label('fig_actor', lang)}' empty")
    return None


def _key(match: re.Match[str], lang: str, path: DataPath) -> str:
    """'with' -> 'Med', under 'with' -> in 'Med', 'built_by: …' -> 'Bygges av': a YAML key as the sheet names
    it; anything else (an id, a value) as it is."""
    before, key = match.group(1) or "", match.group(2)
    if key in _STEP_FIELDS:
        shown = _quoted(f"col_{_STEP_FIELDS[key]}", lang)
    elif key in _OTHER_FIELDS:
        shown = _quoted(_OTHER_FIELDS[key], lang)
    elif key in columns.FIGURE_KINDS:
        shown = _quoted(f"figure_{key}", lang)
    elif key in ("likely", "low", "high", "source") and path[:1] != ("prerequisites",):
        shown = _quoted(f"fig_{key}", lang)
    else:
        return match.group(0)
    if before == "under " or not before and key == "with":  # "the person 'with'": the person in 'Med'
        before = "in "
    return before + shown


def _quoted(key: str, lang: str) -> str:
    return f"'{columns.label(key, lang)}'"
