"""`brukerreise import` and `template`: a sheet of steps into a journey that validates, every problem at
its cell, hostile sheets handled cleanly, nothing written unless all converts, and the round trip of every
shipped journey through the spreadsheet export."""

from __future__ import annotations

import datetime
import shutil
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brukerreise.api import analyse_paths
from brukerreise.export.report import journey_json
from brukerreise.export.spreadsheet import export
from brukerreise.reading.suggest import id_from
from brukerreise.reading.validation import ID_PATTERN
from brukerreise.reading.yamlsource import read_yaml
from brukerreise.sheets.emit import scalar

from support import ROOT

HEADER = ["Fase", "Tittel", "Eier", "Med", "Kanal", "Følelse", "Data", "Ber brukeren om", "Smertepunkter", "Etter"]


def xlsx(path: Path, rows: list[list], sheet: str = "Steg", about: list[list] | None = None, setup=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    if about is not None:
        info = wb.create_sheet("Om reisen")
        for row in about:
            info.append(row)
    if setup:
        setup(ws)
    wb.save(path)
    return path


GOOD = [
    HEADER,
    ["Jeg mister jobben", "Jeg har mistet jobben", "bruker", None, "fysisk", -2, None, None, "Alt er nytt"],
    ["Jeg mister jobben", "Jeg vil ha penger", "Nav", "Brukeren", "digital", -1,
     "inntekt: Skatteetaten → nav (automatisk)", "inntekt", None],
    ["Ny jobb", "Jeg får ny jobb", "Arbeids- og velferdsetaten", "bruker", None, 2, None, None, None, None],
]


@pytest.fixture
def sheet_dir(registries, workdir) -> Path:
    return workdir


def test_a_sheet_becomes_a_commented_journey_that_validates(sheet_dir, cli):
    xlsx(sheet_dir / "ledig.xlsx", GOOD)
    result = cli("import", "ledig.xlsx", "-o", ".", "--life-event", "Miste og finne jobb")
    assert result.code == 0, result.err
    text = (sheet_dir / "ledig.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=") and "# Imported by `brukerreise import` from ledig.xlsx" in text
    assert "  - id: jeg-vil-ha-penger       # row 3\n" in text  # where in the sheet each step came from
    assert cli("validate", "ledig.yaml").code == 0
    analyses, _, checked = analyse_paths(["ledig.yaml"])
    journey = analyses[0].journey
    assert [p.title for p in journey.phases] == ["Jeg mister jobben", "Ny jobb"]  # first appearance
    assert [s.id for s in journey.steps] == ["jeg-har-mistet-jobben", "jeg-vil-ha-penger", "jeg-far-ny-jobb"]
    assert [s.owner for s in journey.steps] == ["bruker", "nav", "nav"]  # by id, short name, full name
    assert journey.steps[1].with_ == ("bruker",) and journey.steps[1].data[0].from_ == "skatteetaten"
    assert journey.life_event.value == "Miste og finne jobb" and journey.title == "Miste og finne jobb"
    assert [f.kind.value for f in analyses[0].findings] == ["asked"]
    assert "wrote ledig.yaml (3 steps, 2 phases)" in result.err


def test_ids_from_norwegian_titles_are_ascii_stable_and_unique(sheet_dir, cli):
    rows = [["Fase", "Tittel", "Eier"], ["Før", "Æ, ø og å – på én gang!", "bruker"], ["Før", "Æ, ø og å – på én gang!", "nav"],
            ["før", "Også før", "nav"], ["Etter", "Smørbrød i Tromsø", "nav"]]
    xlsx(sheet_dir / "tegn.xlsx", rows)
    assert cli("import", "tegn.xlsx", "-o", ".", "--life-event", "Få barn").code == 0
    journey = analyse_paths(["tegn.yaml"])[0][0].journey
    assert [s.id for s in journey.steps] == ["ae-o-og-a-pa-en-gang", "ae-o-og-a-pa-en-gang-2", "ogsa-for", "smorbrod-i-tromso"]
    assert [(p.id, p.title) for p in journey.phases] == [("for", "Før"), ("etter", "Etter")]


@given(st.text(max_size=120))
@settings(max_examples=200, deadline=None)
def test_an_id_from_any_text_is_a_valid_id_or_empty(text):
    made = id_from(text, 40)
    assert made == "" or (ID_PATTERN.fullmatch(made) and len(made) <= 40)
    assert id_from(text, 40) == made


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
@settings(max_examples=300, deadline=None)
def test_text_written_into_yaml_reads_back_the_same(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("scalar") / "x.yaml"
    path.write_text(f"key: {scalar(text)}\n", encoding="utf-8")
    assert read_yaml(path).data == {"key": text}


# --- problems at their cells -------------------------------------------------------------------------


def test_every_problem_is_reported_at_its_cell_all_at_once(sheet_dir, cli):
    rows = [
        HEADER,
        ["Start", "Jeg har mistet jobben", "nva", None, "digtal", 5, None, None, None],
        ["Start", None, "bruker", "Skateetaten", None, "høy", "inntekt skatteetaten nav", "inntekk", None, "finnes-ikke"],
        ["Start", "Jeg vil ha penger", None, None, None, None, "inntekt: skatteetaten → nav", None, None, None],
    ]
    xlsx(sheet_dir / "feil.xlsx", rows)
    result = cli("import", "feil.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if ": error: " in line]
    assert lines == [
        "feil.xlsx:Steg!C2: error: unknown actor 'nva' in 'Eier' — did you mean 'nav'?",
        "feil.xlsx:Steg!E2: error: unknown channel 'digtal' — did you mean 'digital'?: use digital, telefon, fysisk, brev, automatisk",
        "feil.xlsx:Steg!F2: error: emotion '5' is not a whole number from -2 (very hard) to 2 (very good)",
        "feil.xlsx:Steg!B3: error: the step has no title: write what happens, in the user's words",
        "feil.xlsx:Steg!D3: error: unknown actor 'Skateetaten' in 'Med' — did you mean 'skatteetaten'?",
        "feil.xlsx:Steg!F3: error: emotion 'høy' is not a whole number from -2 (very hard) to 2 (very good)",
        "feil.xlsx:Steg!G3: error: 'inntekt skatteetaten nav' is not of the form 'item: from → to (how)', e.g. 'inntekt: skatteetaten → nav (automatisk)'",
        "feil.xlsx:Steg!H3: error: unknown data item 'inntekk' in 'Ber brukeren om' — did you mean 'inntekt'?",
        "feil.xlsx:Steg!J3: error: unknown step 'finnes-ikke' in 'Etter': type the id or title of the step it comes after, or (ingen) when it comes after none",
        "feil.xlsx:Steg!C4: error: 'Eier' is empty: type the id or name of the one actor that owns the step, e.g. 'bruker' as on row 3",
        "feil.xlsx:Steg!G4: error: say how 'inntekt' travels: end the line with (automatisk, manuell, bruker)",
    ]
    assert "nothing written: fix the 11 errors above" in result.err
    assert not (sheet_dir / "feil.yaml").exists()


def test_problems_validate_finds_are_reported_at_the_cell_too(sheet_dir, cli):
    rows = [["Fase", "Tittel", "Eier", "Etter"],
            ["A", "Jeg starter", "bruker", "Jeg slutter"],
            ["A", "Søke om dagpenger", "nav", None],
            ["A", "Jeg slutter", "bruker", None]]
    xlsx(sheet_dir / "sirkel.xlsx", rows)
    result = cli("import", "sirkel.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1
    assert "sirkel.xlsx:Steg!D2: error: the steps come after each other in a circle" in result.err
    assert "sirkel.xlsx:Steg!B3: warning: the title 'Søke om dagpenger' speaks as the agency" in result.err
    assert not (sheet_dir / "sirkel.yaml").exists()


def test_csv_problems_by_line_and_column(sheet_dir, cli, write):
    write("steg.csv", "Fase;Tittel;Eier;Beskrivelse\n"
                      'A;Jeg starter;bruker;"to\nlinjer"\n'
                      "A;Jeg venter;nva;\n"
                      "A;'=1+1;bruker;=HYPERLINK(\"x\")\n")
    result = cli("import", "steg.csv", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert errors[0] == "steg.csv:4:3: error: unknown actor 'nva' in 'Eier' — did you mean 'nav'?"  # line 4: a cell above spans two
    assert errors[1].startswith("steg.csv:5:4: error: the cell holds a formula (=HYPERLINK(\"x\")): brukerreise never runs formulas")
    assert len(errors) == 2  # '=1+1 behind an apostrophe is the text =1+1


def test_an_apostrophe_keeps_formula_like_text_as_text(sheet_dir, cli, write):
    write("tekst.csv", "Fase,Tittel,Eier,Smertepunkter\nA,'=1+1 er ikke en formel,bruker,'+ og - er vanlige\n")
    assert cli("import", "tekst.csv", "-o", ".", "--life-event", "Få barn").code == 0
    step = analyse_paths(["tekst.yaml"])[0][0].journey.steps[0]
    assert step.title == "=1+1 er ikke en formel" and step.pain_points == ("+ og - er vanlige",)


# --- hostile sheets ---------------------------------------------------------------------------------


def test_formulas_dates_and_errors_in_a_workbook_are_problems_at_their_cells(sheet_dir, cli):
    def setup(ws):
        ws["B2"] = '=HYPERLINK("http://example.invalid","klikk")'
        ws["C3"] = "=cmd|' /C calc'!A0"
        ws["B4"] = datetime.date(2024, 5, 1)
        ws["A5"] = "=1/0"

    rows = [["Fase", "Tittel", "Eier"], ["A", None, "bruker"], ["A", "Jeg venter", None], ["A", None, "bruker"],
            [None, "Jeg er ferdig", "bruker"]]
    xlsx(sheet_dir / "farlig.xlsx", rows, setup=setup)
    result = cli("import", "farlig.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1
    assert "farlig.xlsx:Steg!B2: error: the cell holds a formula (=HYPERLINK(\"http://example.invalid\",\"kl…)" in result.err
    assert "farlig.xlsx:Steg!C3: error: the cell holds a formula (=cmd|' /C calc'!A0)" in result.err
    assert "farlig.xlsx:Steg!B4: error: the cell holds a date or time (2024-05-01)" in result.err
    assert "farlig.xlsx:Steg!A5: error: the cell holds a formula (=1/0)" in result.err
    assert "Traceback" not in result.err and not (sheet_dir / "farlig.yaml").exists()


def test_merged_cells(sheet_dir, cli):
    rows = [["Fase", "Tittel", "Eier"], ["Start", "Jeg starter", "bruker"], [None, "Jeg venter", "bruker"],
            ["Slutt", "Jeg er ferdig", "bruker"]]
    xlsx(sheet_dir / "flettet.xlsx", rows, setup=lambda ws: ws.merge_cells("A2:A3"))
    assert cli("import", "flettet.xlsx", "-o", ".", "--life-event", "Få barn").code == 0
    journey = analyse_paths(["flettet.yaml"])[0][0].journey
    assert [s.phase for s in journey.steps] == ["start", "start", "slutt"]  # a phase merged down holds for each row
    xlsx(sheet_dir / "bredt.xlsx", rows, setup=lambda ws: ws.merge_cells("B4:C4"))
    result = cli("import", "bredt.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1 and "bredt.xlsx:Steg!B4: error: cells B4:C4 are merged: unmerge them" in result.err


@pytest.mark.parametrize("name, data, expected", [
    ("latin1.csv", "Fase,Tittel,Eier\nA,Jeg får barn,bruker\n".encode("cp1252"),
     "latin1.csv:2:8: error: the file is not UTF-8 text (byte 0xE5): save it as 'CSV UTF-8'"),
    ("binar.csv", b"Fase,Tittel\x00\x01\x02", "binar.csv:1:1: error: this is not a CSV text file (it holds binary data)"),
    ("junk.xlsx", bytes(range(256)) * 10, "junk.xlsx:1:1: error: this is not an XLSX workbook"),
    ("tom.xlsx", b"", "tom.xlsx:1:1: error: this is not an XLSX workbook"),
    ("passord.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512),
     "passord.xlsx:1:1: error: the workbook is protected by a password: open it in Excel or Calc, remove the password"),
    ("gammel.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le") + bytes(512),
     "gammel.xlsx:1:1: error: this is an old Excel workbook (.xls): open it in Excel or Calc and save it as .xlsx"),
    ("apen.csv", 'Fase;Tittel;Eier\nA;"Jeg får barn;bruker\nA;Jeg venter;nav\n'.encode(),
     'apen.csv:2:3: error: the quote (") that starts this cell is never closed, so the rest of the file went into it'),
    ("apen-sist.csv", 'Fase;Tittel;Eier\nA;Jeg får barn;"bruker'.encode(), 'apen-sist.csv:2:16: error: the quote (")'),
    ("lang.csv", ("Fase;Tittel;Eier\nA;" + "x" * 200_000 + ";bruker\n").encode(),
     "lang.csv:2:1: error: a cell holds more than 131,072 characters: keep the text of a cell short"),
])
def test_files_that_are_not_sheets_get_one_clean_error(sheet_dir, cli, write, name, data, expected):
    write(name, data)
    result = cli("import", name, "-o", ".", "--life-event", "Få barn")
    assert result.code == 1 and expected in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("text", [
    'Fase;Tittel;Eier\nA;"Jeg sa ""hei""";bruker\n',  # quotes inside quotes, doubled
    'Fase;Tittel;Eier\nA;Jeg sa "hei";bruker\n',  # a quote inside a text that does not start with one
    'Fase;Tittel;Eier\nA;"Jeg starter\npå ny linje";bruker',  # a text over two lines, no line break at the end
])
def test_quotes_that_are_closed_or_inside_a_text_are_read(sheet_dir, cli, write, text):
    write("sitat.csv", text)
    assert cli("import", "sitat.csv", "-o", ".", "--life-event", "Få barn").code == 0


def test_a_csv_saved_as_unicode_text_in_utf16_is_read(sheet_dir, cli, write):
    write("unicode.csv", "Fase\tTittel\tEier\nA\tJeg får barn\tbruker\n".encode("utf-16"))
    assert cli("import", "unicode.csv", "-o", ".", "--life-event", "Få barn").code == 0
    step = analyse_paths(["unicode.yaml"])[0][0].journey.steps[0]
    assert step.title == "Jeg får barn"


def test_a_zip_that_is_not_a_workbook_and_a_zip_bomb(sheet_dir, cli):
    with zipfile.ZipFile(sheet_dir / "annet.xlsx", "w") as archive:
        archive.writestr("hei.txt", "hei")
    result = cli("import", "annet.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1 and "annet.xlsx:1:1: error: cannot read the workbook" in result.err
    with zipfile.ZipFile(sheet_dir / "bombe.xlsx", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (210 * 1024 * 1024))
    result = cli("import", "bombe.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1 and "bombe.xlsx:1:1: error: the workbook unpacks to 220 MB" in result.err


def test_a_huge_sheet_is_refused_at_the_first_row_too_many(sheet_dir, cli):
    rows = [["Fase", "Tittel", "Eier"]] + [["A", f"Steg {i}", "bruker"] for i in range(5_001)]
    xlsx(sheet_dir / "stor.xlsx", rows)
    result = cli("import", "stor.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1
    assert "stor.xlsx:Steg!A5002: error: the sheet has more than 5,000 rows of steps" in result.err


def test_no_traceback_in_a_process_of_its_own(sheet_dir, cli_subprocess, write):
    write("rot.csv", b"\xfe\xed" + "Fase,Tittel\n".encode("utf-16-le"))
    result = cli_subprocess("import", "rot.csv", "-o", ".", "--life-event", "Få barn", cwd=sheet_dir)
    assert result.code == 1 and "rot.csv:1:1: error: this is not a CSV text file" in result.err
    assert "Traceback" not in result.err


# --- what is never done ------------------------------------------------------------------------------


def test_never_overwrites_a_file(sheet_dir, cli):
    xlsx(sheet_dir / "ledig.xlsx", GOOD)
    (sheet_dir / "ledig.yaml").write_text("# mine\n", encoding="utf-8")
    result = cli("import", "ledig.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 2 and "ledig.yaml: already exists; refusing to overwrite it" in result.err
    assert (sheet_dir / "ledig.yaml").read_text(encoding="utf-8") == "# mine\n"
    result = cli("import", "ledig.xlsx", "-o", ".", "--life-event", "Få barn", "--id", "actors")
    assert result.code == 2 and "refusing to overwrite" in result.err


def test_names_never_guessed_an_ambiguous_short_name_is_a_problem(sheet_dir, cli, write):
    write("actors.yaml", "actors:\n  - {id: bruker, name: Brukeren, short: Bruker, kind: person}\n"
                         "  - {id: oslo, name: Oslo kommune, short: Kommunen, kind: kommune}\n"
                         "  - {id: bergen, name: Bergen kommune, short: Kommunen, kind: kommune}\n")
    write("data-items.yaml", "data_items: []\n")
    xlsx(sheet_dir / "to.xlsx", [["Fase", "Tittel", "Eier"], ["A", "Jeg flytter", "Kommunen"]])
    result = cli("import", "to.xlsx", "-o", ".", "--life-event", "Ny i Norge")
    assert result.code == 1
    assert "to.xlsx:Steg!C2: error: 'Kommunen' in 'Eier' could be the actor 'bergen' or 'oslo': write the id" in result.err


def test_usage_problems(sheet_dir, cli, workdir):
    xlsx(sheet_dir / "ledig.xlsx", GOOD)
    result = cli("import", "ledig.xlsx", "-o", ".")
    assert result.code == 2 and "say which life event" in result.err
    result = cli("import", "ledig.xlsx", "-o", ".", "--life-event", "Få barm")
    assert result.code == 2 and "did you mean 'Få barn'?" in result.err
    result = cli("import", "ledig.xlsx", "-o", "annen-mappe", "--life-event", "Få barn")
    assert result.code == 2 and "no actors.yaml in annen-mappe" in result.err
    result = cli("import", "ledig.xlsx", "--sheet", "Stegg", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1 and "there is no sheet 'Stegg' — did you mean 'Steg'?" in result.err
    (sheet_dir / "ark").mkdir()
    result = cli("import", "ark", "-o", ".", "--life-event", "Få barn")
    assert result.code == 2 and result.err == "brukerreise: error: ark: is a folder: name a sheet of steps (.xlsx or .csv)\n"


def test_a_bad_option_is_a_usage_error_that_names_it_not_a_cell(sheet_dir, cli):
    # An option is not a place in the sheet: no `ledig.xlsx:Steg!A1` (or `steg.csv:1:1`) for it.
    xlsx(sheet_dir / "ledig.xlsx", GOOD)
    (sheet_dir / "steg.csv").write_text("Fase,Tittel,Eier\nJeg mister jobben,Jeg søker,Nav\n", encoding="utf-8")
    for name in ("ledig.xlsx", "steg.csv"):
        result = cli("import", name, "-o", ".", "--life-event", "Få barm")
        assert (result.code, result.err) == (2, "brukerreise: error: argument --life-event: unknown life event 'Få barm' — "
                                                "did you mean 'Få barn'? (one of 'Få barn', 'Alvorlig sykt barn', 'Miste og "
                                                "finne jobb', 'Ny i Norge', 'Dødsfall og arv', 'Starte og drive en frivillig "
                                                "organisasjon', 'Starte og drive en bedrift')\n")
        result = cli("import", name, "-o", ".", "--life-event", "Få barn", "--own-organisations", "Nav, Skateetaten")
        assert (result.code, result.err) == (2, "brukerreise: error: argument --own-organisations: 'Nav' is a public body: "
                                                "the option names the organisations the user runs (the club, their "
                                                "company); leave it out; unknown actor 'Skateetaten' — did you mean "
                                                "'skatteetaten'?\n")
        result = cli("import", name, "-o", ".", "--life-event", "Få barn", "--id", "Min reise")
        assert (result.code, result.err) == (2, "brukerreise: error: argument --id: 'Min reise' is not a journey id: use "
                                                "lowercase letters, digits, '-' or '_', e.g. 'min-reise'\n")
        assert not list(sheet_dir.glob("*.yaml"))[2:]  # only the registries
    # the life event as the sheet would take it: without regard to case
    assert cli("import", "ledig.xlsx", "-o", ".", "--life-event", "miste og finne jobb").code == 0


def test_the_sheet_about_the_journey_is_read(sheet_dir, cli):
    about = [["Felt", "Verdi"], ["Livshendelse", "Miste og finne jobb"], ["Tittel", "Jeg står uten jobb"],
             ["Persona", "Ola (45)"], ["Situasjon", "Har jobbet i 20 år"], ["Mål", "Ny jobb\nPenger imens"], ["Reise", "ola"]]
    xlsx(sheet_dir / "ledig.xlsx", GOOD, about=about)
    result = cli("import", "ledig.xlsx", "-o", ".")
    assert result.code == 0, result.err
    assert "warning" not in result.err
    journey = analyse_paths(["ola.yaml"])[0][0].journey
    assert journey.title == "Jeg står uten jobb" and journey.persona.name == "Ola (45)"
    assert journey.goals == ("Ny jobb", "Penger imens")


# --- the template -----------------------------------------------------------------------------------


def test_the_template_has_lists_an_example_and_help_and_imports_as_it_is(sheet_dir, cli):
    result = cli("template", "-o", "mal.xlsx", "--registries", ".")
    assert result.code == 0, result.err
    wb = openpyxl.load_workbook(sheet_dir / "mal.xlsx")
    assert wb.sheetnames == ["Steg", "Om reisen", "Tall for gevinster", "Slik fyller du ut", "Lister"]
    assert wb["Lister"].sheet_state == "hidden"
    steps = wb["Steg"]
    headers = [c.value for c in steps[1]]
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in steps.data_validations.dataValidation}
    for column, letter in (("Eier", "A"), ("Kanal", "B"), ("Følelse", "C")):
        col = openpyxl.utils.get_column_letter(headers.index(column) + 1)
        assert lists[f"{col}2"].startswith(f"'Lister'!${letter}$2"), column
    owners = [c.value for c in wb["Lister"]["A"][1:] if c.value]
    assert owners == ["Bruker", "Nav", "Kommunen", "Skatteetaten"]
    help_rows = list(wb["Slik fyller du ut"].iter_rows(values_only=True))
    assert len(help_rows) == 1 + 1 + len(headers) + 1 and all(r[2] for r in help_rows[1:])  # + the sheet of figures
    assert steps["C2"].value  # the filled example row
    figures = wb["Tall for gevinster"]
    assert [c.value for c in figures[1]] == FIGURES_HEADER and figures["B2"].value == "Brukerens minutter"
    figure_lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in figures.data_validations.dataValidation}
    assert figure_lists["B2"].startswith("'Lister'!$E$2") and figure_lists["C2"].startswith("'Lister'!$A$2")
    assert cli("template", "-o", "mal.xlsx").code == 2  # never over a file
    imported = cli("import", "mal.xlsx", "-o", ".", "--life-event", "Få barn")
    assert imported.code == 0, imported.err
    assert cli("validate", "mal.yaml").code == 0
    from brukerreise.model import Estimate

    step = analyse_paths(["mal.yaml"])[0][0].journey.steps[0]
    assert step.effort.person_minutes == Estimate(15, 5, 30, "Anslag: å lese brevet og finne ut hva det betyr")


# --- the round trip ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_of_every_shipped_journey(tmp_path, cli, fmt):
    # The workbook carries everything: a to-be journey's state, `improves` and `replaces`, and the actors
    # and data items a journey defines itself. The CSV holds the steps only (`replaces` and `referred_by` among
    # them, but not the journey's state): its round trip is of today's (as-is) journeys, their own
    # organisations given on the command line (--own-organisations), as the life event and title are.
    # As-is journeys first: a to-be journey is validated beside the journey it improves.
    analyses = sorted((a for a in analyse_paths([ROOT / "journeys"])[0] if fmt == "xlsx" or a.comparison is None),
                      key=lambda a: (a.comparison is not None, a.journey.id))
    assert fmt == "csv" or sum(a.comparison is not None for a in analyses) >= 3
    assert any(a.journey.own_organisations for a in analyses)
    out = tmp_path / "journeys"
    out.mkdir()
    for registry in ("actors.yaml", "data-items.yaml"):
        shutil.copy(ROOT / "journeys" / registry, out / registry)
    for a in analyses:
        sheet = tmp_path / f"{a.journey.id}.{'xlsx' if fmt == 'xlsx' else 'steps.csv'}"
        sheet.write_bytes(export(a, fmt, "nb"))
        options = [] if fmt == "xlsx" else ["--life-event", a.journey.life_event.value, "--title", a.journey.title,
                                            *(["--own-organisations", ",".join(a.journey.own_organisations)]
                                              if a.journey.own_organisations else [])]
        result = cli("import", sheet, "-o", out, *options)
        assert result.code == 0, result.err
    again, _, checked = analyse_paths([out])
    assert checked.is_valid(strict=fmt == "xlsx"), [str(i) for i in checked.issues]
    by_id = {a.journey.id: a for a in again}
    for a in analyses:
        before, after = journey_json(a), journey_json(by_id[a.journey.id])
        for contract in (before, after):
            contract.pop("source")
            if fmt == "csv":  # the CSV holds the steps only
                contract.pop("persona"), contract.pop("goals")
        assert before == after, a.journey.id
        strip = lambda s: (s.id, s.title, s.description, s.services, s.data, s.with_, s.asks_user, s.after, s.replaces)  # noqa: E731 - a one-line key, as a value
        assert [strip(s) for s in a.steps] == [strip(s) for s in by_id[a.journey.id].steps]
        j, k = a.journey, by_id[a.journey.id].journey
        assert (j.state, j.improves, j.actors, j.data_items) == (k.state, k.improves, k.actors, k.data_items)
        assert (a.comparison is None) == (by_id[a.journey.id].comparison is None)
        if fmt == "xlsx":  # the figures for gains, with their sources, and the prerequisites
            assert GAINS_FIELDS(j) == GAINS_FIELDS(k), a.journey.id
        if a.comparison is not None:  # the comparison with today is the same too, its gains in hours and kroner included
            compared = lambda c: attrs.evolve(c, before=None, after=None)  # noqa: E731 - a one-line key, as a value
            assert compared(a.comparison) == compared(by_id[a.journey.id].comparison), a.journey.id


def test_a_title_above_the_header_and_notes_beside_the_steps(sheet_dir, cli):
    rows = [["Reisen til Ola"], [], HEADER + ["Notater"], GOOD[1] + [None, "husk å spørre"],
            [None] * 10 + ["bare et notat"], GOOD[2]]
    xlsx(sheet_dir / "notater.xlsx", rows)
    result = cli("import", "notater.xlsx", "-o", ".", "--life-event", "Miste og finne jobb")
    assert result.code == 0, result.err
    assert "notater.xlsx:Steg!K3: warning: column not read, passed over with everything in it: 'Notater' (K)\n" in result.err
    assert len(analyse_paths(["notater.yaml"])[0][0].journey.steps) == 2


def _rewrite_sheet(source: Path, target: Path, change) -> Path:
    with zipfile.ZipFile(source) as inner, zipfile.ZipFile(target, "w") as outer:
        for info in inner.infolist():
            data = inner.read(info.filename)
            outer.writestr(info, change(data) if info.filename == "xl/worksheets/sheet1.xml" else data)
    return target


def test_a_broken_or_booby_trapped_sheet_is_one_clean_error(sheet_dir, cli):
    good = xlsx(sheet_dir / "god.xlsx", GOOD)
    _rewrite_sheet(good, sheet_dir / "kuttet.xlsx", lambda data: data[: len(data) * 2 // 3])
    result = cli("import", "kuttet.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1 and "kuttet.xlsx" in result.err and "cannot read the" in result.err
    entities = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {"b" * i} "{("&" + ("b" * (i - 1) if i > 1 else "a") + ";") * 10}">' for i in range(1, 9)) + "]>"
    _rewrite_sheet(good, sheet_dir / "bombe.xlsx", lambda data: data.replace(b"<worksheet", entities.encode() + b"<worksheet", 1))
    result = cli("import", "bombe.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1 and "bombe.xlsx:1:1: error: cannot read the" in result.err
    assert not list(sheet_dir.glob("*.yaml"))[2:]  # only the registries


@given(st.text(max_size=12))
def test_the_csv_guard_comes_off_exactly(text):
    from brukerreise.render.cells import guard, is_risky, unguard

    assert unguard(guard(text)) == text
    assert not is_risky(guard(text))


@given(workspace=st.data())
@settings(max_examples=25, deadline=None)
def test_round_trip_of_generated_journeys_with_hostile_text(tmp_path_factory, workspace):
    """Any valid journey, exported as a workbook or a CSV and imported again, gives the same analysis."""
    from strategies import workspaces, write_workspace

    from brukerreise.sheets.importer import Request, import_sheet

    generated = workspace.draw(workspaces(max_steps=10))
    fmt = workspace.draw(st.sampled_from(["xlsx", "csv"]))
    folder = tmp_path_factory.mktemp("gen")
    source = write_workspace(folder / "source", generated)
    (analysis,), _, checked = analyse_paths([source])
    out = folder / "out"
    out.mkdir()
    for registry in ("actors.yaml", "data-items.yaml"):
        shutil.copy(folder / "source" / registry, out / registry)
    sheet = folder / f"generated.{fmt}"
    sheet.write_bytes(export(analysis, fmt, "en"))
    journey = analysis.journey
    request = Request(sheet, out, life_event=journey.life_event.value if fmt == "csv" else None,
                      title=journey.title if fmt == "csv" else None)
    assert import_sheet(request)
    (again,), _, checked = analyse_paths([out])
    before, after = journey_json(analysis), journey_json(again)
    for contract in (before, after):
        contract.pop("source")
        if fmt == "csv":
            contract.pop("persona"), contract.pop("goals")
    assert before == after


def test_control_characters_in_sheet_names_and_cells_are_shown_escaped(sheet_dir, cli):
    import xlsxwriter

    book = xlsxwriter.Workbook(str(sheet_dir / "esc.xlsx"))
    sheet = book.add_worksheet("Steg\u202e")
    for row, values in enumerate([["Fase", "Tittel", "Eier"], ["A", "Jeg starter", "nva\x1b[31m"]]):
        for col, value in enumerate(values):
            sheet.write_string(row, col, value)
    book.close()
    result = cli("import", "esc.xlsx", "-o", ".", "--life-event", "Få barn", "--sheet", "Steg\u202e")
    assert result.code == 1
    assert "\x1b" not in result.err and "\u202e" not in result.err
    assert "esc.xlsx:'Steg\\u202e'!C2: error: unknown actor 'nva" in result.err


def test_a_missing_column_is_one_problem_not_one_per_row(sheet_dir, cli):
    xlsx(sheet_dir / "uten.xlsx", [["Fase", "Tittel"]] + [["A", f"Steg {i}"] for i in range(50)])
    result = cli("import", "uten.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 1
    assert [line for line in result.err.splitlines() if ": error: " in line] == [
        "uten.xlsx:Steg!A1: error: no column for 'Eier' ('Owner'): add it to the header row"]


def test_an_id_another_journey_has_is_refused(sheet_dir, cli, write):
    from support import JOURNEY_YAML

    write("annen.yaml", JOURNEY_YAML)  # journey: reise
    xlsx(sheet_dir / "ny.xlsx", GOOD)
    result = cli("import", "ny.xlsx", "-o", ".", "--life-event", "Få barn", "--id", "reise")
    assert result.code == 2 and "annen.yaml already holds the journey 'reise': give the new one another id" in result.err
    assert not (sheet_dir / "reise.yaml").exists()


def test_a_semicolon_csv_with_a_title_line_above_the_header(sheet_dir, cli, write):
    write("excel.csv", "Reisen til Ola\n\nFase;Tittel;Eier;Med\nA;Jeg starter, endelig;bruker;\nA;Jeg vil ha penger;Nav;bruker\n")
    result = cli("import", "excel.csv", "-o", ".", "--life-event", "Få barn")
    assert result.code == 0, result.err
    steps = analyse_paths(["excel.yaml"])[0][0].journey.steps
    assert [s.title for s in steps] == ["Jeg starter, endelig", "Jeg vil ha penger"] and steps[1].with_ == ("bruker",)


def _sheets(**named: list[list]):
    """A setup for `xlsx`: more sheets, by name, with their rows."""
    def setup(ws) -> None:
        for name, rows in named.items():
            extra = ws.parent.create_sheet(name)
            for row in rows:
                extra.append(row)
    return setup


TO_BE = [
    ["Fase", "Tittel", "Eier", "Data", "Ber brukeren om", "Erstatter"],
    ["Jeg mister jobben", "Jeg har mistet jobben", "bruker", None, None, None],
    ["Jeg mister jobben", "Pengene kommer av seg selv", "Nav", "inntekt: Skatteetaten → nav (automatisk)", None,
     "jeg-vil-ha-penger"],
    ["Ny jobb", "Jeg får hjelp av Jobbsenteret", "Jobbsenteret", "cv: bruker → jobbsenteret (bruker)", "CV", None],
]
OWN_ACTORS = [["Aktør-id", "Aktør", "Kortnavn", "Aktørtype", "Beskrivelse"],
              ["jobbsenteret", "Jobbsenteret i kommunen", "Jobbsenteret", "kommune", "Hjelper ledige"]]
OWN_ITEMS = [["Opplysning-id", "Opplysning", "Har dataene", "Sensitiv"], ["cv", "CV", "bruker", "nei"]]


def test_a_to_be_journey_with_its_own_actors_and_data_items_is_read(sheet_dir, cli):
    assert cli("import", xlsx(sheet_dir / "ola.xlsx", GOOD), "-o", ".", "--life-event", "Miste og finne jobb").code == 0
    about = [["Felt", "Verdi"], ["Livshendelse", "Miste og finne jobb"], ["Reise", "ola-onsket"],
             ["Tilstand", "to-be"], ["Forbedrer", "ola"]]
    xlsx(sheet_dir / "onsket.xlsx", TO_BE, about=about, setup=_sheets(**{"Egne aktører": OWN_ACTORS, "Egne dataelementer": OWN_ITEMS}))
    result = cli("import", "onsket.xlsx", "-o", ".")
    assert result.code == 0, result.err
    assert cli("validate", ".").code == 0
    by_id = {a.journey.id: a for a in analyse_paths(["."])[0]}
    journey = by_id["ola-onsket"].journey
    assert (journey.state.value, journey.improves) == ("to-be", "ola")
    assert journey.steps[1].replaces == ("jeg-vil-ha-penger",)
    assert [(a.id, a.short, a.kind.value, a.description) for a in journey.actors] == [
        ("jobbsenteret", "Jobbsenteret", "kommune", "Hjelper ledige")]
    assert [(d.id, d.source, d.sensitive) for d in journey.data_items] == [("cv", "bruker", False)]
    assert by_id["ola-onsket"].comparison is not None


def test_problems_of_a_to_be_journey_are_reported_at_their_cells(sheet_dir, cli):
    assert cli("import", xlsx(sheet_dir / "ola.xlsx", GOOD), "-o", ".", "--life-event", "Miste og finne jobb").code == 0
    about = [["Felt", "Verdi"], ["Livshendelse", "Miste og finne jobb"], ["Reise", "ola-onsket"],
             ["Tilstand", "to-bee"], ["Forbedrer", "ola"]]
    actors = [OWN_ACTORS[0], ["jobbsenteret", "Jobbsenteret i kommunen", "Jobbsenteret", "kommunal", None]]
    items = [OWN_ITEMS[0], ["cv", None, "bruker", "kanskje"]]
    xlsx(sheet_dir / "feil.xlsx", TO_BE, about=about, setup=_sheets(**{"Egne aktører": actors, "Egne dataelementer": items}))
    result = cli("import", "feil.xlsx", "-o", ".")
    assert result.code == 1
    assert "feil.xlsx:'Om reisen'!B4: error: unknown state 'to-bee' — did you mean 'to-be'?" in result.err
    assert "feil.xlsx:'Egne aktører'!D2: error: unknown actor kind 'kommunal' — did you mean 'kommune'?" in result.err
    assert "feil.xlsx:'Egne dataelementer'!B2: error: the data item has no 'Opplysning': fill it in" in result.err
    assert "feil.xlsx:'Egne dataelementer'!D2: error: 'kanskje' is not yes or no: write ja or nei" in result.err
    # what validate finds: a step replaced that today's journey does not have, a journey improved that is not there
    about[3][1] = "to-be"
    rows = [r[:] for r in TO_BE]
    rows[2][5] = "finnes-ikke"
    xlsx(sheet_dir / "feil2.xlsx", rows, about=about, setup=_sheets(**{"Egne aktører": OWN_ACTORS, "Egne dataelementer": OWN_ITEMS}))
    result = cli("import", "feil2.xlsx", "-o", ".")
    assert result.code == 1 and "feil2.xlsx:Steg!F3: error:" in result.err and "finnes-ikke" in result.err, result.err
    about[4][1] = "per"
    xlsx(sheet_dir / "feil3.xlsx", TO_BE, about=about, setup=_sheets(**{"Egne aktører": OWN_ACTORS, "Egne dataelementer": OWN_ITEMS}))
    result = cli("import", "feil3.xlsx", "-o", ".")
    assert result.code == 1 and "feil3.xlsx:'Om reisen'!B5: error: unknown journey 'per': no journey in . has this id; import (or copy) the as-is journey" in result.err, result.err
    assert not (sheet_dir / "ola-onsket.yaml").exists()


# --- a team's own sheet: a title, notes, merged phases, headers in their own words ------------------


def _team_sheet(path: Path, owner_header: str = "Hvem") -> Path:
    """A sheet as a team keeps it: a title row and a date above the header, a column of notes with a date
    in it, phases merged down over the steps (and over an empty row), headers in the team's words."""
    rows = [
        ["Reisen vår: miste jobben", None, None, None, None, None, None],
        ["Sist endret", datetime.date(2024, 3, 1)],
        ["Fase", "Hva skjer", owner_header, "Kanal", "Data som deles", "Notater", "Følelse"],
        ["Jeg mister jobben", "Jeg har mistet jobben", "bruker", "fysisk", None, datetime.date(2024, 1, 5), -2],
        [None, "Jeg vil ha penger", "nav", "digital", "inntekt fra Skatteetaten", "spør Kari", -1],
        [None, None, None, None, None, None, None],  # the empty row the phase is merged over
        ["Ny jobb", "Jeg får ny jobb", "bruker", None, None, None, 2],
    ]

    def setup(ws):  # type: ignore[no-untyped-def]
        ws.merge_cells("A1:G1")
        ws.merge_cells("A4:A6")

    return xlsx(path, rows, setup=setup)


def test_a_teams_own_sheet_imports_after_one_round_of_plain_messages(sheet_dir, cli):
    _team_sheet(sheet_dir / "team.xlsx")
    first = cli("import", "team.xlsx", "-o", ".", "--life-event", "Miste og finne jobb")
    assert first.code == 1
    lines = [line for line in first.err.splitlines() if ": error: " in line or ": warning: " in line]
    assert lines == [
        "team.xlsx:Steg!C3: error: no column for 'Eier' ('Owner'): is 'Hvem' (column C) the owner (Eier)? "
        "rename its header to 'Eier'",
        "team.xlsx:Steg!E3: warning: columns not read, passed over with everything in them: 'Data som deles' (E): if it "
        "is the data shared (Data), rename it 'Data' and write each flow 'item: from → to (how)', e.g. 'inntekt: "
        "skatteetaten → nav (automatisk)'; 'Notater' (F)",
    ]
    _team_sheet(sheet_dir / "team.xlsx", owner_header="Eier")  # the one change the message asks for
    second = cli("import", "team.xlsx", "-o", ".", "--life-event", "Miste og finne jobb")
    assert second.code == 0, second.err
    assert second.err.count("not read") == 1 and "'Notater' (F)" in second.err  # said once, not per cell
    assert [line for line in second.err.splitlines() if "team.xlsx:Steg!" in line and "not read" not in line
            and "share no actor" not in line] == []  # nothing of the title, the dates or the merged cells
    assert "date or time" not in second.err and "merged" not in second.err
    journey = analyse_paths(["team.yaml"])[0][0].journey
    assert [s.title for s in journey.steps] == ["Jeg har mistet jobben", "Jeg vil ha penger", "Jeg får ny jobb"]
    assert [s.phase for s in journey.steps] == ["jeg-mister-jobben", "jeg-mister-jobben", "ny-jobb"]


def test_a_row_filled_only_by_a_merged_phase_is_no_step(sheet_dir, cli):
    rows = [["Fase", "Tittel", "Eier", "Notater"], ["Start", "Jeg starter", "bruker", None],
            [None, None, None, "bare en kommentar"], ["Slutt", "Jeg er ferdig", "bruker", None]]
    xlsx(sheet_dir / "kommentar.xlsx", rows, setup=lambda ws: ws.merge_cells("A2:A3"))
    result = cli("import", "kommentar.xlsx", "-o", ".", "--life-event", "Få barn")
    assert result.code == 0, result.err
    assert len(analyse_paths(["kommentar.yaml"])[0][0].journey.steps) == 2


@pytest.mark.parametrize("header, key, named", [
    ("Hvem gjør det?", "Eier", "owner (Eier)"), ("Hendelse", "Tittel", "title (Tittel)"), ("Etappe", "Fase", "phase (Fase)"),
])
def test_a_missing_column_is_matched_to_the_header_that_probably_is_it(sheet_dir, cli, header, key, named):
    headers = {"Fase": "Fase", "Tittel": "Tittel", "Eier": "Eier"}
    headers[key] = header
    rows = [list(headers.values()), ["Start", "Jeg starter", "bruker"]]
    xlsx(sheet_dir / "ord.xlsx", rows)
    result = cli("import", "ord.xlsx", "-o", ".", "--life-event", "Få barn")
    assert f"no column for '{key}'" in result.err and f"is '{header}'" in result.err
    assert f"the {named}? rename its header to '{key}'" in result.err


def test_notes_are_never_suggested_as_another_column(sheet_dir, cli):
    rows = [HEADER + ["Notater", "Tittle"], GOOD[1] + [None, "husk", None]]
    xlsx(sheet_dir / "notater2.xlsx", rows)
    err = cli("import", "notater2.xlsx", "-o", ".", "--life-event", "Miste og finne jobb").err
    assert "'Notater' (K);" in err and "Etter" not in err.split("'Notater'")[1].split(";")[0]
    assert "'Tittle' (L): rename it 'Tittel' if that is what it is" not in err  # 'Tittel' is read already


# --- the figures for gains ----------------------------------------------------------------------------

GAINS_FIELDS = lambda j: (j.people_per_year, [(s.id, s.effort) for s in j.steps], j.prerequisites)  # noqa: E731 - a one-line key, as a value


@given(workspace=st.data())
@settings(max_examples=25, deadline=None)
def test_round_trip_of_generated_journeys_with_figures_for_gains(tmp_path_factory, workspace):
    """A journey with figures for gains (ranges, single numbers, gaps, numbers without a source, hostile
    sources, prerequisites with their flows and payers), exported as a workbook in any language and imported
    again, is the same journey: the same figures with the same sources, and the same analysis."""
    from strategies import workspaces_with_figures, write_workspace

    from brukerreise.sheets.importer import Request, import_sheet

    generated = workspace.draw(workspaces_with_figures())
    lang = workspace.draw(st.sampled_from(["nb", "nn", "en"]))
    folder = tmp_path_factory.mktemp("gen")
    source = write_workspace(folder / "source", generated)
    (analysis,), _, checked = analyse_paths([source])
    assert checked.is_valid(), [str(i) for i in checked.issues]
    out = folder / "out"
    out.mkdir()
    for registry in ("actors.yaml", "data-items.yaml"):
        shutil.copy(folder / "source" / registry, out / registry)
    sheet = folder / "generated.xlsx"
    sheet.write_bytes(export(analysis, "xlsx", lang))
    assert import_sheet(Request(sheet, out))
    (again,), _, checked = analyse_paths([out])
    assert GAINS_FIELDS(again.journey) == GAINS_FIELDS(analysis.journey)
    before, after = journey_json(analysis), journey_json(again)
    before.pop("source"), after.pop("source")
    assert before == after


FIGURES_HEADER = ["Steg", "Tall", "Aktør", "Sannsynlig", "Lav", "Høy", "Kilde"]


def _with_figures(path: Path, figures: list[list], needs: list[list] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Steg"
    for row in GOOD:
        ws.append(row)
    sheet = wb.create_sheet("Tall for gevinster")
    for row in [FIGURES_HEADER, *figures]:
        sheet.append(row)
    if needs is not None:
        sheet = wb.create_sheet("Forutsetninger")
        for row in needs:
            sheet.append(row)
    wb.save(path)
    return path


def test_figures_for_gains_are_read_from_their_sheets(sheet_dir, cli):
    _with_figures(sheet_dir / "tall.xlsx", [
        [None, "Personer per år", None, "160 500", "60000", 200000, "SSB, tabell 12345"],
        ["Jeg vil ha penger", "Andel som når steget", None, "15 %", None, None, "Anslag"],
        ["jeg-vil-ha-penger", "Brukerens minutter", None, "1,5", None, None, "Anslag"],
        ["jeg-vil-ha-penger", "Aktørens minutter per sak", "Nav", 30, 15, 60, "Navs egne tall"],
        ["jeg-far-ny-jobb", "Ventedager", None, None, None, None, "ikke funnet i kilde"],
    ], needs=[
        ["Forutsetning", "Bygges av", "Driftes av", "Nye dataflyter", "Engangskostnad", "Engangskostnad kilde"],
        ["Inntekten hentes", "Nav", None, "inntekt: Skatteetaten → nav", 1_000_000, "Anslag: 1 månedsverk"],
    ])
    result = cli("import", "tall.xlsx", "-o", ".", "--life-event", "Miste og finne jobb")
    assert result.code == 0, result.err
    journey = analyse_paths(["tall.yaml"])[0][0].journey
    from brukerreise.model import AgencyMinutes, Estimate, FlowRef, Prerequisite

    assert journey.people_per_year == Estimate(160500, 60000, 200000, "SSB, tabell 12345")
    effort = journey.steps[1].effort
    assert effort.share == Estimate(0.15, source="Anslag") and effort.person_minutes == Estimate(1.5, source="Anslag")
    assert effort.agency_minutes == (AgencyMinutes("nav", Estimate(30, 15, 60, "Navs egne tall")),)
    assert journey.steps[2].effort.waiting_days == Estimate(source="ikke funnet i kilde")
    assert journey.prerequisites == (Prerequisite("Inntekten hentes", built_by="nav", one_time=Estimate(1_000_000, source="Anslag: 1 månedsverk"),
                                                  flows=(FlowRef("inntekt", "skatteetaten", "nav"),)),)


def test_bad_figures_are_reported_at_their_cells(sheet_dir, cli):
    _with_figures(sheet_dir / "feil.xlsx", [
        ["jeg-vil-ha-penger", "Brukerens minutter", None, "ca. 30", None, None, "Anslag"],
        ["jeg-vil-ha-penger", "Aktørens minutter per sak", "Nav", 30, 60, 15, "Anslag"],
        ["jeg-vil-ha-penger", "Ventedogn", None, 3, None, None, "Anslag"],
        ["jeg-vil-ha-peng", "Ventedager", None, 3, None, None, "Anslag"],
        ["jeg-vil-ha-penger", "Aktørens minutter per sak", "Nva", 3, None, None, "Anslag"],
    ])
    result = cli("import", "feil.xlsx", "-o", ".", "--life-event", "Miste og finne jobb")
    assert result.code == 1
    err = result.err
    assert ("feil.xlsx:'Tall for gevinster'!D2: error: 'ca. 30' in 'Sannsynlig' is not a number: write a number "
            "(e.g. 30, 1,5 or 160 500), or leave the number cells empty and say in the source why there is no figure") in err
    assert ("feil.xlsx:'Tall for gevinster'!E3: error: 'Aktørens minutter per sak': 'Lav' ≤ 'Sannsynlig' ≤ 'Høy' does not "
            "hold (Lav 60, Sannsynlig 30, Høy 15): put them in order") in err
    assert "feil.xlsx:'Tall for gevinster'!B4: error: unknown figure 'Ventedogn' — did you mean 'Ventedager'?" in err
    assert "feil.xlsx:'Tall for gevinster'!A5: error: unknown step 'jeg-vil-ha-peng' — did you mean 'jeg-vil-ha-penger'?" in err
    assert "feil.xlsx:'Tall for gevinster'!C6: error: unknown actor 'Nva'" in err
    assert "nothing written" in err and not Path("feil.yaml").exists()


def test_a_figure_without_a_source_is_the_warning_yaml_gives_at_its_source_cell(sheet_dir, cli):
    _with_figures(sheet_dir / "kilde.xlsx", [["jeg-vil-ha-penger", "Aktørens minutter per sak", "Nav", 30, None, None, None]])
    result = cli("import", "kilde.xlsx", "-o", ".", "--life-event", "Miste og finne jobb")
    assert result.code == 0, result.err
    from brukerreise.reading.figures import NO_SOURCE

    assert ("kilde.xlsx:'Tall for gevinster'!G2: warning: 'Aktørens minutter per sak' of 'nav' has no source: type in "
            "'Kilde' where the figure comes from (an SSB table, the agency's own figures, or a named estimate with its "
            "reasoning); without one it is counted, but shown as unsourced") in result.err.splitlines()
    validated = cli("validate", "kilde.yaml")
    assert f"warning: the minutes of 'nav' {NO_SOURCE}" in validated.out + validated.err


@pytest.mark.libreoffice
def test_figures_survive_a_resave_in_libreoffice_calc(tmp_path, cli):
    """A team opens the workbook in Calc and saves it: the figures for gains and the prerequisites of every
    shipped journey are imported as they were."""
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    analyses = sorted(analyse_paths([ROOT / "journeys"])[0], key=lambda a: (a.comparison is not None, a.journey.id))
    written = tmp_path / "written"
    written.mkdir()
    for a in analyses:
        (written / f"{a.journey.id}.xlsx").write_bytes(export(a, "xlsx", "nb"))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "resaved"),
                    *(str(written / f"{a.journey.id}.xlsx") for a in analyses)], check=True, capture_output=True, timeout=600)
    out = tmp_path / "journeys"
    out.mkdir()
    for registry in ("actors.yaml", "data-items.yaml"):
        shutil.copy(ROOT / "journeys" / registry, out / registry)
    for a in analyses:
        result = cli("import", tmp_path / "resaved" / f"{a.journey.id}.xlsx", "-o", out)
        assert result.code == 0, result.err
    by_id = {a.journey.id: a for a in analyse_paths([out])[0]}
    for a in analyses:
        assert GAINS_FIELDS(by_id[a.journey.id].journey) == GAINS_FIELDS(a.journey), a.journey.id
        if a.comparison is not None:
            assert by_id[a.journey.id].comparison.gains == a.comparison.gains


# --- problems in the workbook's words -----------------------------------------------------------


def _exported(workdir: Path, cli, lang: str = "nb") -> Path:
    """The gains fixture's as-is journey written to a workbook by the exporter, and an empty folder beside its
    registries to import into."""
    for name in ("reise.yaml", "actors.yaml", "data-items.yaml"):
        shutil.copy(ROOT / "tests" / "fixtures" / "gains" / name, workdir / name)
    assert cli("export", "reise.yaml", "actors.yaml", "data-items.yaml", "-o", "ut", "--lang", lang).code == 0
    (workdir / "inn").mkdir()
    for name in ("actors.yaml", "data-items.yaml"):
        shutil.copy(workdir / name, workdir / "inn" / name)
    return workdir / "ut" / "reise.xlsx"


def _edited(source: Path, target: Path, cells: dict[tuple[str, str], object]) -> Path:
    book = openpyxl.load_workbook(source)
    for (sheet, cell), value in cells.items():
        book[sheet][cell] = value
    book.save(target)
    return target


def test_a_sheet_problem_is_told_in_the_workbooks_words(workdir, cli):
    """The main kinds, in a workbook the exporter wrote and a person edited: the column as the workbook names
    it and what to type in the cell, never a YAML key or YAML syntax."""
    written = _exported(workdir, cli)
    _edited(written, workdir / "steg.xlsx", {("Steg", "D2"): None, ("Steg", "A3"): "soker", ("Steg", "E3"): "Kommunn",
                                             ("Steg", "N3"): "Jeg søkker"})
    result = cli("import", "steg.xlsx", "-o", "inn")
    assert result.code == 1
    assert result.err.splitlines()[:4] == [
        "steg.xlsx:Steg!D2: error: 'Eier' is empty: type the id or name of the one actor that owns the step, e.g. 'Nav' as on row 3",
        "steg.xlsx:Steg!A3: error: step id 'soker' in 'Id' is also on row 2: ids must be unique; type another, or empty "
        "the cell to make one from the title",
        "steg.xlsx:Steg!E3: error: unknown actor 'Kommunn' in 'Med' — did you mean 'Kommunen'?",
        "steg.xlsx:Steg!N3: error: unknown step 'Jeg søkker' in 'Etter' — did you mean 'Jeg søker'?: type the id or "
        "title of the step it comes after, or (ingen) when it comes after none",
    ]
    _edited(written, workdir / "tall.xlsx", {("Tall for gevinster", "H2"): None, ("Tall for gevinster", "E3"): None,
                                             ("Tall for gevinster", "D4"): "Brukeren", ("Steg", "O3"): "soker"})
    result = cli("import", "tall.xlsx", "-o", "inn")
    assert result.code == 1
    assert result.err.splitlines() == [
        "tall.xlsx:Steg!O3: error: 'bruker', who owns step 'soker', is a person: a referral is an office that sends the "
        "person on to another office; make the office the step's owner and the person in 'Med', or remove the referral",
        "tall.xlsx:'Tall for gevinster'!H2: warning: 'Personer per år' has no source: type in 'Kilde' where the figure "
        "comes from (an SSB table, the agency's own figures, or a named estimate with its reasoning); without one it is "
        "counted, but shown as unsourced",
        "tall.xlsx:'Tall for gevinster'!E3: error: 'Brukerens minutter' has 'Lav' or 'Høy' but no 'Sannsynlig': type the "
        "most likely value in 'Sannsynlig'",
        "tall.xlsx:'Tall for gevinster'!D4: error: 'bruker' is the person: the person's time goes on a row 'Brukerens "
        "minutter' (in 'Tall'), with 'Aktør' empty",
        "nothing written: fix the 3 errors above",
    ]
    # the same journey as YAML keeps the YAML words
    validated = cli("validate", "reise.yaml", "actors.yaml", "data-items.yaml")
    assert "'Kilde'" not in validated.out + validated.err


def test_an_english_workbook_is_answered_in_its_own_headers(workdir, cli):
    written = _exported(workdir, cli, "en")
    _edited(written, workdir / "en.xlsx", {("Steps", "D3"): None, ("Gains figures", "H2"): None})
    result = cli("import", "en.xlsx", "-o", "inn")
    assert result.code == 1
    assert result.err.splitlines() == [
        "en.xlsx:Steps!D3: error: 'Owner' is empty: type the id or name of the one actor that owns the step, e.g. "
        "'Bruker' as on row 2",
        "nothing written: fix the 1 error above",
    ]
    _edited(written, workdir / "en2.xlsx", {("Gains figures", "H2"): None})
    result = cli("import", "en2.xlsx", "-o", "inn")
    assert result.code == 0, result.err
    assert ("en2.xlsx:'Gains figures'!H2: warning: 'People a year' has no source: type in 'Source' where the figure "
            "comes from (an SSB table, the agency's own figures, or a named estimate with its reasoning); without one "
            "it is counted, but shown as unsourced") in result.err.splitlines()


@pytest.mark.libreoffice
def test_the_workbooks_words_after_a_resave_in_libreoffice_calc(workdir, cli):
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    edited = _edited(_exported(workdir, cli), workdir / "kalk.xlsx", {("Tall for gevinster", "H2"): None, ("Steg", "N3"): "sokr"})
    subprocess.run([soffice, f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(workdir / "lagret"), str(edited)],
                   check=True, capture_output=True, timeout=300)
    result = cli("import", "lagret/kalk.xlsx", "-o", "inn")
    assert result.code == 1
    assert result.err.splitlines() == [
        "lagret/kalk.xlsx:Steg!N3: error: unknown step 'sokr' in 'Etter' — did you mean 'soker'?: type the id or title "
        "of the step it comes after, or (ingen) when it comes after none",
        "nothing written: fix the 1 error above",
    ]


def test_a_nynorsk_workbook_is_answered_in_its_own_headers(workdir, cli):
    _edited(_exported(workdir, cli, "nn"), workdir / "nn.xlsx", {("Tal for gevinstar", "E3"): None})
    result = cli("import", "nn.xlsx", "-o", "inn")
    assert result.code == 1
    assert result.err.splitlines() == [
        "nn.xlsx:'Tal for gevinstar'!E3: error: 'Minutta til brukaren' has 'Låg' or 'Høg' but no 'Sannsynleg': type "
        "the most likely value in 'Sannsynleg'",
        "nothing written: fix the 1 error above",
    ]


def test_yaml_keys_become_the_workbooks_headers_and_ids_stay_as_they_are():
    from brukerreise.sheets.wording import reword

    assert (reword("step 'data' follows 'hent', straight on, so add it to 'after' (after: [hent, data])", ("steps", 1), "nb")
            == "step 'data' follows 'hent', straight on, so add it to 'Etter' (then 'Etter' holds hent, data)")
    assert (reword("the title is 90 characters: keep it under 80 and put the rest in 'description'", ("steps", 0, "title"), "en")
            == "the title is 90 characters: keep it under 80 and put the rest in 'Description'")
    assert (reword("'nav' is a public body: 'own_organisations' names the organisations the user runs", ("own_organisations", 0), "nn")
            == "'nav' is a public body: 'Eigne organisasjonar' names the organisations the user runs")
