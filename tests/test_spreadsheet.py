"""The spreadsheet exporter: every workbook read back with openpyxl and with LibreOffice Calc and compared
with the analysis, the same bytes every time, and text that could run as a formula kept as text."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from brukerreise.analysis import portfolio as make_portfolio
from brukerreise.api import analyse_paths
from brukerreise.cli import main
from brukerreise.export import EXPORTERS
from brukerreise.render.labels import labels as load_labels
from brukerreise.export.spreadsheet import export, journey_workbook, portfolio
from brukerreise.export.spreadsheet.tables import time_order
from brukerreise.render.columns import STEP_COLUMNS, header

from support import ACTORS_YAML, ROOT

NB = load_labels("spreadsheet", "nb")
HOSTILE_TEXTS = ('=HYPERLINK("http://example.invalid","klikk")', "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1:A2)", "-2+3")

HOSTILE_JOURNEY = """\
journey: farlig
life_event: Få barn
title: '=HYPERLINK("http://example.invalid","klikk")'
persona: {name: "@SUM(A1:A2)", situation: "-2+3"}
goals: ["+1+1"]
phases: [{id: a, title: "=cmd|' /C calc'!A0"}]
steps:
  - id: s1
    phase: a
    title: '=HYPERLINK("http://example.invalid","klikk")'
    owner: nav
    with: [bruker]
    description: "=cmd|' /C calc'!A0"
    pain_points: ["+1+1", "@SUM(A1:A2)"]
    opportunities: ["-2+3"]
    asks_user: [inntekt]
    data: [{item: inntekt, from: skatteetaten, to: nav, how: automatic}]
  - id: s2
    phase: a
    title: Jeg venter
    owner: bruker
    emotion: -1
"""


@pytest.fixture(scope="module")
def shipped():
    analyses, whole, checked = analyse_paths([ROOT / "journeys"])
    assert analyses and checked.is_valid()
    return analyses, whole


@pytest.fixture
def hostile(registries, write):
    write("actors.yaml", ACTORS_YAML.replace("short: Nav", 'short: "=Nav()"'))
    write("farlig.yaml", HOSTILE_JOURNEY)
    analyses, _, checked = analyse_paths([Path("farlig.yaml")])
    assert checked.is_valid(), [str(i) for i in checked.issues]
    return analyses[0]


def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def values(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


# --- what the workbook holds ----------------------------------------------------------------------


def test_every_workbook_holds_the_analysis(shipped):
    analyses, _ = shipped
    for a in analyses:
        wb = book(export(a, "xlsx", "nb"))
        compared = ("sheet_comparison",) if a.comparison is not None else ()
        own = (*(("sheet_own_actors",) if a.journey.actors else ()), *(("sheet_own_items",) if a.journey.data_items else ()))
        plan = ["Gevinstoversikt"] if a.comparison is not None and a.comparison.gains.has_figures else []  # issue 24
        j = a.journey
        figures = (*(("sheet_figures",) if j.people_per_year or any(s.effort for s in j.steps) else ()),
                   *(("sheet_prerequisites",) if j.prerequisites else ()))
        assert wb.sheetnames == [NB[k] for k in ("sheet_about", "sheet_steps", "sheet_flows", "sheet_findings",
                                                  "sheet_handoffs", "sheet_touchpoints", "sheet_matrix", *own, *figures,
                                                  *compared)] + plan
        if a.journey.data_items:  # what the journey defines itself, as `import` reads it back
            items = values(wb[NB["sheet_own_items"]])
            assert [r[:3] for r in items[1:]] == [[d.id, d.name, d.source] for d in a.journey.data_items]
        steps = values(wb[NB["sheet_steps"]])
        assert steps[0][: len(STEP_COLUMNS)] == [header(k, "nb") for k in STEP_COLUMNS]
        # every step once, in time order: phase by phase, in the analysis' order
        assert [r[0] for r in steps[1:]] == [s.id for s in time_order(a)] and len(steps) - 1 == len(a.steps)
        assert sorted(r[0] for r in steps[1:]) == sorted(s.id for s in a.steps)
        by_id = {r[0]: r for r in steps[1:]}
        for step in a.steps:
            row = by_id[step.id]
            # Eier and Med: the actors' short names (each unique in the shipped journeys), which import reads back
            assert row[2] == step.title and row[3] == a.actors[step.owner].short and row[6] == step.emotion
            assert (row[4] or "").split("\n") == ([a.actors[x].short for x in step.with_] or [""])
        flows = values(wb[NB["sheet_flows"]])[1:]
        assert [(r[0], r[2]) for r in flows] == [(f.step, f.item) for f in a.flows]
        findings = values(wb[NB["sheet_findings"]])[1:]
        assert [(r[0], r[4], r[3], r[2]) for r in findings] == [
            (f.step, f.item, NB[f"finding_{f.kind.value}"], NB[klass])
            for klass, found in (("class_breach", a.findings), ("class_reuse", a.reuse)) for f in found]
        handoffs = values(wb[NB["sheet_handoffs"]])[1:]
        assert [(r[1], r[3]) for r in handoffs] == [(h.from_step, h.to_step) for h in (*a.handoffs, *a.transitions, *a.transfers)]
        assert [r[0] for r in handoffs].count(NB["kind_kasteball"]) == a.metrics.handoffs
        assert [r[0] for r in handoffs].count(NB["kind_back-office"]) == a.metrics.back_office_transfers
        actors = values(wb[NB["sheet_touchpoints"]])[1:]
        assert [(r[0], r[3], r[4]) for r in actors] == [(t.actor, len(t.owns), len(t.takes_part)) for t in a.touchpoints]
        matrix = values(wb[NB["sheet_matrix"]])
        filled = sum(1 for row in matrix[1:] for cell in row[1:] if cell)
        assert filled == len(a.matrix)
        about = dict((r[0], r[1]) for r in values(wb[NB["sheet_about"]])[1:])
        assert about[NB["m_once_only_findings"]] == a.metrics.once_only_findings
        assert about[NB["life_event"]] == a.journey.life_event.value
        assert (about[NB["state"]], about[NB["improves"]]) == (a.journey.state.value, a.journey.improves)
        assert [r[STEP_COLUMNS.index("replaces")] for r in steps[1:]] == [
            "\n".join(s.replaces) or None for s in time_order(a)]


def test_sheets_are_laid_out_for_analysts(shipped):
    a = shipped[0][0]
    wb = book(export(a, "xlsx", "nb"))
    for sheet in wb.worksheets:
        assert sheet.freeze_panes in ("A2", "B2"), sheet.title  # the header row stays in view
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and all(8 <= w <= 50 for w in widths), sheet.title
        assert sheet["A1"].font.b
    steps = wb[NB["sheet_steps"]]
    assert steps["H2"].alignment.wrap_text  # long texts wrap
    assert steps.freeze_panes == "B2"  # the step's id stays in view as well
    assert wb.properties.title == a.journey.title


def test_english_labels(shipped):
    a = shipped[0][0]
    en = load_labels("spreadsheet", "en")
    wb = book(export(a, "xlsx", "en"))
    assert NB["sheet_steps"] not in wb.sheetnames and en["sheet_steps"] in wb.sheetnames
    assert values(wb[en["sheet_steps"]])[0][3] == "Owner"


def test_portfolio_workbook(shipped):
    analyses, whole = shipped
    wb = book(portfolio(analyses, whole, "xlsx", "nb"))
    journeys = values(wb[NB["sheet_journeys"]])[1:]
    assert [r[0] for r in journeys] == [a.journey.id for a in whole.journeys]  # today's journeys
    findings = values(wb[NB["sheet_findings"]])[1:]
    assert len(findings) == sum(len(a.findings) + len(a.reuse) for a in whole.journeys)  # breaches, then reuse
    footprint = values(wb[NB["sheet_touchpoints"]])[1:]
    assert [r[0] for r in footprint] == [f.actor.id for f in whole.actors]
    assert portfolio(analyses, whole, "csv", "nb") is None


def test_before_after_sheet_when_there_is_a_comparison(shipped):
    a = next(a for a in shipped[0] if a.comparison is None)
    wb = book(journey_workbook(a, "nb", before_after=[("Kasteball", 7, 3), ("Steg", 12, None)]))
    rows = values(wb[NB["sheet_comparison"]])
    assert rows[1] == ["Kasteball", 7, 3, -4] and rows[2] == ["Steg", 12, None, None]
    assert NB["sheet_comparison"] not in book(export(a, "xlsx", "nb")).sheetnames


def test_a_to_be_journeys_workbook_compares_it_with_today(shipped):
    [a] = [a for a in shipped[0] if a.comparison is not None][:1]
    rows = values(book(export(a, "xlsx", "nb"))[NB["sheet_comparison"]])[1:]
    assert [(r[1], r[2]) for r in rows] == [(f.before, f.after) for f in a.comparison.figures]


def test_csv_of_the_steps(shipped):
    a = shipped[0][0]
    data = export(a, "csv", "nb")
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][: len(STEP_COLUMNS)] == [header(k, "nb") for k in STEP_COLUMNS]
    assert [r[0] for r in rows[1:]] == [s.id for s in time_order(a)]


def test_csv_separator_is_the_languages(shipped):
    """Norwegian Excel splits on ';' (the comma is the decimal sign), English on ','."""
    a = shipped[0][0]
    for lang, separator in (("nb", ";"), ("en", ",")):
        text = export(a, "csv", lang).decode("utf-8-sig")
        assert text.splitlines()[0].count(separator) == len(list(csv.reader([text.splitlines()[0]], delimiter=separator))[0]) - 1
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
        assert len({len(r) for r in rows}) == 1 and len(rows[0]) > 5


@pytest.mark.libreoffice
def test_libreoffice_reads_the_norwegian_csv_with_its_separator(shipped, hostile, tmp_path):
    """Calc opening the nb CSV with ';' as the separator (as Norwegian Excel does) gets the same columns,
    and a cell with line breaks stays one cell."""
    soffice = _soffice()
    journeys = {"farlig": hostile, **{a.journey.id: a for a in shipped[0][:3]}}
    for name, a in journeys.items():
        (tmp_path / f"{name}.csv").write_bytes(export(a, "csv", "nb"))
    # in: 59 (;), 34 ("), 76 (UTF-8), from line 1; out: comma-separated, every text quoted
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--infilter=CSV:59,34,76,1", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true",
         "--outdir", str(tmp_path / "out"), *(str(tmp_path / f"{n}.csv") for n in journeys)],
        check=True, capture_output=True, timeout=300,
    )
    for name, a in journeys.items():
        ours = list(csv.reader(io.StringIO(export(a, "csv", "nb").decode("utf-8-sig"), newline=""), delimiter=";"))
        calc = list(csv.reader(io.StringIO((tmp_path / "out" / f"{name}.csv").read_text("utf-8-sig"), newline="")))
        assert len(calc) == len(ours) and calc[0] == ours[0]
        assert [r[0] for r in calc[1:]] == [s.id for s in time_order(a)]
        assert [r[2] for r in calc] == [r[2] for r in ours]  # the titles (a formula-like one kept as text)
        multi = [(i, j) for i, r in enumerate(ours) for j, c in enumerate(r) if "\n" in c]
        assert all(calc[i][j] == ours[i][j] for i, j in multi)
        if name == "farlig":
            assert multi, "the hostile journey has cells with line breaks"


# --- printing --------------------------------------------------------------------------------------

A4, A3 = 9, 8
PRINTABLE = {A4: 11.69 - 0.8, A3: 16.54 - 0.8}  # landscape width less the 0.4-inch side margins


def _print_settings(data: bytes) -> dict[str, dict]:
    """Each sheet's print settings as written in the XLSX, with its column widths in inches at 100 % (the XLSX
    stores a width with its padding: 7 px a unit at 96 dpi)."""
    import re

    found = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = re.findall(r'<sheet name="([^"]+)"', archive.read("xl/workbook.xml").decode())
        for i, name in enumerate(names, 1):
            xml = archive.read(f"xl/worksheets/sheet{i}.xml").decode()
            setup = dict(re.findall(r'(\w+)="([^"]*)"', re.search(r"<pageSetup[^>]*>", xml).group(0)))
            cols = []
            for lo, hi, width in re.findall(r'<col min="(\d+)" max="(\d+)" width="([\d.]+)"', xml):
                cols += [float(width)] * (int(hi) - int(lo) + 1)
            breaks = [int(b) for b in re.findall(r'<brk id="(\d+)"', xml)]
            repeat = re.search(rf'<definedName name="_xlnm.Print_Titles" localSheetId="{i - 1}">([^<]*)<',
                               archive.read("xl/workbook.xml").decode())
            found[name.replace("&amp;", "&")] = {"setup": setup, "fit": 'fitToPage="1"' in xml, "inches": [w * 7 / 96 for w in cols],
                                                   "breaks": breaks, "titles": repeat.group(1) if repeat else ""}
    return found


def test_every_sheet_prints_landscape_a_page_wide_or_split_between_columns_at_a_readable_size(shipped):
    analyses, whole = shipped
    books = [export(a, "xlsx", "nb") for a in analyses] + [portfolio(analyses, whole, "xlsx", "nb")]
    split = 0
    for data in books:
        for name, sheet in _print_settings(data).items():
            setup, inches = sheet["setup"], sheet["inches"]
            paper = int(setup["paperSize"])
            assert setup["orientation"] == "landscape" and paper in (A4, A3), name
            if sheet["fit"]:  # one page wide, shrunk no further than 60 %
                assert setup.get("fitToWidth", "1") == "1" and setup["fitToHeight"] == "0", name
                assert sum(inches) * 0.6 <= PRINTABLE[paper] + 0.05, (name, sum(inches))
            else:  # at 60 % on A3, pages broken between columns, each page's columns (and the repeated key) fitting
                split += 1
                assert paper == A3 and int(setup["scale"]) >= 60 and sheet["breaks"], name
                key = inches[0] if "$A:$A" in sheet["titles"] else 0.0
                starts = [0, *sheet["breaks"], len(inches)]
                for first, end in zip(starts, starts[1:]):
                    page = sum(inches[first:end]) + (key if first else 0.0)
                    assert page * int(setup["scale"]) / 100 <= PRINTABLE[A3] + 0.05, (name, first, end)
    assert split  # the Steg sheets of the shipped journeys are wider than one readable page


# --- the same bytes --------------------------------------------------------------------------------


def test_same_input_same_bytes(shipped, tmp_path):
    analyses, whole = shipped
    for a in analyses[:3]:
        assert export(a, "xlsx", "nb") == export(a, "xlsx", "nb")
        assert export(a, "csv", "en") == export(a, "csv", "en")
    data = portfolio(analyses, whole, "xlsx", "nb")
    assert data == portfolio(analyses, make_portfolio(analyses), "xlsx", "nb")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z" in core


# --- formula injection -----------------------------------------------------------------------------


def test_text_that_looks_like_a_formula_is_written_as_text(hostile):
    wb = book(export(hostile, "xlsx", "nb"))
    seen = set()
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str) and cell.value in HOSTILE_TEXTS:
                    seen.add(cell.value)
                    assert cell.data_type == "s" and cell.quotePrefix, f"{sheet.title}!{cell.coordinate}"
    assert seen == set(HOSTILE_TEXTS)
    header = wb[NB["sheet_matrix"]]["C1"] if wb[NB["sheet_matrix"]]["C1"].value == "=Nav()" else wb[NB["sheet_matrix"]]["B1"]
    assert header.value == "=Nav()" and header.data_type == "s" and header.quotePrefix  # an actor's name as a header
    text = export(hostile, "csv", "nb").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    cells = {c for r in rows for c in r}
    for hostile_text in HOSTILE_TEXTS[:2]:
        assert hostile_text not in cells and "'" + hostile_text in cells
    assert "'+1+1\n@SUM(A1:A2)" in cells and "'-2+3" in cells
    assert "-1" in cells  # a plain number is left alone


# --- build and export ------------------------------------------------------------------------------


def test_build_and_export_write_the_spreadsheets(tmp_path, cli):
    fixture = Path(__file__).parent / "fixtures" / "build"
    out = tmp_path / "out"
    result = cli("export", fixture, "-o", out, "--format", "xlsx,csv")
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == [
        "annen-reise.steps.csv", "annen-reise.xlsx", "liten-reise.steps.csv", "liten-reise.xlsx", "portfolio.xlsx"]
    both = cli("export", fixture, "-o", tmp_path / "two", "--format", "spreadsheet:csv", "--format", "report:json")
    assert both.code == 0 and sorted(p.name for p in (tmp_path / "two").iterdir()) == [  # and the portfolio report's JSON
        "annen-reise.json", "annen-reise.steps.csv", "liten-reise.json", "liten-reise.steps.csv", "portfolio.json"]
    wrong = cli("export", fixture, "-o", tmp_path / "x", "--format", "xlxs")
    assert wrong.code == 2 and "unknown format 'xlxs' — did you mean 'xlsx'?" in wrong.err
    assert EXPORTERS["spreadsheet"].suffixes == {"xlsx": "xlsx", "csv": "steps.csv"}
    assert main(["build", str(fixture), "-o", str(tmp_path / "b"), "--jobs", "1"]) == 0
    built = {p.name for p in (tmp_path / "b").iterdir()}
    assert {"liten-reise.xlsx", "liten-reise.steps.csv", "portfolio.xlsx", "portfolio.md"} <= built


# --- LibreOffice Calc -----------------------------------------------------------------------------


def _soffice() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is missing in CI")
        pytest.skip("LibreOffice is not installed")
    return soffice


def calc_sheets(tmp_path: Path, books: dict[str, bytes]) -> dict[tuple[str, str], list[list[str]]]:
    """Every sheet of every workbook as LibreOffice Calc reads it: (book, sheet) -> rows of cells."""
    soffice = _soffice()
    for name, data in books.items():
        (tmp_path / f"{name}.xlsx").write_bytes(data)
    # 44,34,76: comma, double quote, UTF-8; the last field (-1) writes every sheet to a file of its own
    fmt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless", "--convert-to", fmt,
         "--outdir", str(tmp_path / "csv"), *(str(tmp_path / f"{n}.xlsx") for n in books)],
        check=True, capture_output=True, timeout=300,
    )
    found = {}
    for name, data in books.items():  # '<book>-<sheet>.csv', by the sheets the book has (ids hold '-')
        for title in (t.title for t in book(data).worksheets):
            path = tmp_path / "csv" / f"{name}-{title}.csv"
            if path.exists():
                found[(name, title)] = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    return found


@pytest.mark.libreoffice
def test_libreoffice_calc_reads_every_workbook_as_the_analysis_says(shipped, hostile, tmp_path):
    analyses, whole = shipped
    books = {a.journey.id: export(a, "xlsx", "nb") for a in analyses}
    books["portfolio"] = portfolio(analyses, whole, "xlsx", "nb")
    books["farlig"] = export(hostile, "xlsx", "nb")
    from brukerreise.sheets.template import template_bytes

    actors = {a.id: a for a in analyses[0].actors.values()}
    books["mal"] = template_bytes(actors, dict(analyses[0].data_items), "nb")
    sheets = calc_sheets(tmp_path, books)
    template = sheets[("mal", NB["sheet_steps"])]
    assert template[0][: len(STEP_COLUMNS)] == [header(k, "nb") for k in STEP_COLUMNS] and template[1][2]
    assert len(sheets[("mal", NB["sheet_help"])]) == 2 + len(STEP_COLUMNS) + 1  # + the sheet of figures
    for a in [*analyses, hostile]:
        name = a.journey.id
        assert {s for b, s in sheets if b == name} == {t.title for t in book(books[name]).worksheets}
        steps = sheets[(name, NB["sheet_steps"])]
        assert [r[0] for r in steps[1:]] == [s.id for s in time_order(a)]
        assert [r[2] for r in steps[1:]] == [s.title for s in time_order(a)]
        assert [r[6] for r in steps[1:]] == ["" if s.emotion is None else str(s.emotion) for s in time_order(a)]
        assert len(sheets[(name, NB["sheet_flows"])]) - 1 == len(a.flows)
        assert len(sheets[(name, NB["sheet_findings"])]) - 1 == len(a.findings) + len(a.reuse)  # breaches, then reuse opportunities
        assert len(sheets[(name, NB["sheet_handoffs"])]) - 1 == len(a.handoffs) + len(a.transitions) + len(a.transfers)
        about = {r[0]: r[1] for r in sheets[(name, NB["sheet_about"])][1:]}
        assert about[NB["m_handoffs"]] == str(a.metrics.handoffs)
    journeys = sheets[("portfolio", NB["sheet_journeys"])]
    assert [r[0] for r in journeys[1:]] == [a.journey.id for a in whole.journeys]
    # Calc shows the text, and runs nothing: a formula would show its result ("klikk") instead
    farlig = sheets[("farlig", NB["sheet_steps"])]
    assert farlig[1][2] == HOSTILE_TEXTS[0] and farlig[1][7] == HOSTILE_TEXTS[1]
    assert farlig[1][11] == "+1+1\n@SUM(A1:A2)"


def test_a_text_longer_than_a_cell_holds_is_cut_with_a_note(registries, write):
    long = "Jeg venter " * 4_000  # 44,000 characters: a cell holds 32,767
    write("lang.yaml", HOSTILE_JOURNEY.replace("journey: farlig", "journey: lang").replace(
        'description: "=cmd|\' /C calc\'!A0"', f"description: {long.strip()}"))
    analyses, _, checked = analyse_paths([Path("lang.yaml")])
    wb = book(export(analyses[0], "xlsx", "nb"))
    cell = wb[NB["sheet_steps"]]["H2"].value
    assert len(cell) == 32_767 and cell.endswith("tegn til står i reisefilen]")
    assert cell.startswith("Jeg venter Jeg venter")


def test_validate_and_analyse_load_no_spreadsheet_library():
    import json
    import subprocess
    import sys

    fixture = str(Path(__file__).parent / "fixtures" / "build")
    for command in (["validate", fixture], ["analyse", "--format", "json", fixture]):
        code = (f"import sys, json; from brukerreise.cli import main; code = main({command!r}); "
                "print(json.dumps([m for m in ('openpyxl', 'xlsxwriter') if m in sys.modules]), file=sys.stderr); "
                "sys.exit(code)")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stderr.strip().splitlines()[-1]) == []
