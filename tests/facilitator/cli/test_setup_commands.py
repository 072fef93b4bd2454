"""``new-programme``, ``new-workshop`` and ``plan`` as a user runs them, in a child process,
on a library in a folder with spaces and accents."""

from __future__ import annotations

import csv
from datetime import datetime

from openpyxl import Workbook

from facilitator.library import open_library
from tests.facilitator.cli.test_demo_and_list import run_main

TITLE = "Delivery Planning Workshops 2026"


def workshops(path):
    library = open_library(path, create=False)
    try:
        store = library.store
        return {w.code: w for p in store.programmes() for w in store.workshops(p.id)}
    finally:
        library.close()


def new_library(library_path):
    made = run_main("new-programme", "--library", str(library_path), "--title", TITLE,
                    "--area", "Rutland", "--organisation", "Rutland County Council")
    assert made.returncode == 0, made.stderr
    return made


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_new_programme_makes_the_library_and_refuses_the_same_title_again(library_path):
    made = new_library(library_path)
    assert f"Added the programme '{TITLE}'" in made.stdout
    assert str(library_path) in made.stdout
    library = open_library(library_path, create=False)
    try:
        (programme,) = library.store.programmes()
        assert (programme.title, programme.area, programme.organisation) == (
            TITLE, "Rutland", "Rutland County Council")
    finally:
        library.close()
    again = run_main("new-programme", "--library", str(library_path),
                     "--title", "delivery planning  workshops, 2026!")
    assert again.returncode == 2
    assert again.stderr.startswith("error: ")
    assert f"already has a programme titled '{TITLE}'" in again.stderr
    assert "Traceback" not in again.stderr


def test_new_workshop_checks_the_format_and_the_code(library_path):
    new_library(library_path)
    base = ["new-workshop", "--library", str(library_path), "--programme",
            "delivery planning workshops 2026", "--question", "How can we help carers?"]
    wrong = run_main(*base, "--code", "W8", "--format", "planning")
    assert wrong.returncode == 2
    assert "no format 'planning'" in wrong.stderr
    for key in ("delivery-planning", "asset-mapping", "income-generation"):
        assert key in wrong.stderr
    made = run_main(*base, "--code", "W8", "--format", "delivery-planning",
                    "--date", "4/3/2026", "--venue", "Oakham library", "--district", "Rutland",
                    "--facilitators", "Ann, Raj")
    assert made.returncode == 0, made.stderr
    assert "Added workshop W8" in made.stdout
    w8 = workshops(library_path)["W8"]
    assert (w8.date, w8.venue, w8.district, w8.facilitators, w8.format_key) == (
        "2026-03-04", "Oakham library", "Rutland", "Ann, Raj", "delivery-planning")
    twice = run_main(*base, "--code", "w8", "--format", "delivery-planning")
    assert twice.returncode == 2
    assert "already has a workshop W8 'How can we help carers?' (2026-03-04, Oakham library)" \
        in twice.stderr
    postponed = run_main(*base, "--code", "W9", "--format", "delivery-planning",
                         "--status", "postponed")
    assert postponed.returncode == 2 and "say why" in postponed.stderr
    done = run_main(*base, "--code", "W9", "--format", "delivery-planning",
                    "--status", "postponed", "--reason", "Snow")
    assert done.returncode == 0, done.stderr
    assert workshops(library_path)["W9"].status_reason == "Snow"
    unknown = run_main("new-workshop", "--library", str(library_path), "--programme", "Other",
                       "--code", "W1", "--question", "Q", "--format", "delivery-planning")
    assert unknown.returncode == 2
    assert "No programme titled 'Other'" in unknown.stderr and TITLE in unknown.stderr


def test_plan_from_csv_creates_then_updates_and_a_rerun_changes_nothing(awkward_dir):
    library = awkward_dir / "office é.wfdb"
    table = write_csv(awkward_dir / "Round 2026 é.csv", [
        ["Workshop code", "Theme Question", "Format", "Date of workshop", "Venue", "District",
         "Status", "Reason", "Facilitators", "Room booked?"],
        ["W1", "Physically healthy and mentally active", "", "2/3/2026", "Oakham library",
         "Rutland", "planned", "", "Ann", "yes"],
        ["W2", "Older people", "Delivery planning", "2026-03-09", "Uppingham hall",
         "Rutland", "", "", "", ""],
        ["W7", "Income for community projects", "income-generation", "", "", "", "", "", "",
         ""],
    ])
    refused = run_main("plan", "--library", str(library), "--programme", TITLE, str(table))
    assert refused.returncode == 2  # no library yet: plan never makes one by mistake
    new_library(library)
    first = run_main("plan", "--library", str(library), "--programme", TITLE, str(table))
    assert first.returncode == 0, first.stderr
    assert "3 created, 0 updated, 0 unchanged" in first.stdout
    assert "columns not used: Room booked?" in first.stderr
    found = workshops(library)
    assert (found["W1"].date, found["W1"].venue, found["W1"].facilitators) == (
        "2026-03-02", "Oakham library", "Ann")
    assert found["W7"].format_key == "income-generation"
    assert found["W2"].format_key == "delivery-planning"
    again = run_main("plan", "--library", str(library), "--programme", TITLE, str(table))
    assert again.returncode == 0, again.stderr
    assert "0 created, 0 updated, 3 unchanged" in again.stdout
    assert workshops(library)["W1"].updated_at == found["W1"].updated_at
    write_csv(table, [
        ["Code", "Venue", "Status", "Reason"],
        ["W2", "Uppingham town hall", "postponed", "Snow"],
        ["W3", "", "", ""],
    ])
    edited = run_main("plan", "--library", str(library), "--programme", TITLE, str(table))
    assert "1 created, 1 updated, 0 unchanged" in edited.stdout
    w2 = workshops(library)["W2"]
    assert (w2.venue, w2.status.value, w2.status_reason, w2.date) == (
        "Uppingham town hall", "postponed", "Snow", "2026-03-09")


def test_plan_lists_bad_rows_by_spreadsheet_row_and_applies_the_rest(awkward_dir):
    library = awkward_dir / "office.wfdb"
    book = Workbook()
    sheet = book.active
    sheet.append(["CODE", "theme_question", "FORMAT", "date", "status", "reason"])
    sheet.append(["W1", "Healthy", "delivery-planning", datetime(2026, 3, 2), "held", ""])
    sheet.append(["W2", "Older people", "speed dating", "", "", ""])
    sheet.append([None, "No code", "", "", "", ""])
    sheet.append(["W3", "Families", "", "", "postponed", ""])
    sheet.append(["w1", "Again", "", "", "", ""])
    sheet.append(["W4", "Young people", "", "31/02/2026", "", ""])
    sheet.append(["W5", "Environment", "", "", "maybe", ""])
    sheet.append(["W6", "Getting from A to B", "", "", "cancelled", "Too few sign-ups"])
    path = awkward_dir / "Plan é.xlsx"
    book.save(path)
    new_library(library)
    args = ["plan", "--library", str(library), "--programme", TITLE, str(path)]
    strict = run_main(*args, "--all-or-nothing")
    assert strict.returncode == 1
    assert "nothing was changed" in strict.stderr
    assert workshops(library) == {}
    result = run_main(*args)
    assert result.returncode == 1  # some rows had problems
    lines = [line for line in result.stderr.splitlines() if "Row " in line]
    assert [line.split(":")[1].strip() for line in lines] == [
        "Row 3", "Row 4", "Row 5", "Row 6", "Row 7", "Row 8"]
    assert "Row 3: the library has no format 'speed dating'" in result.stderr
    assert "Row 4: no workshop code" in result.stderr
    assert "say why" in result.stderr
    assert "Row 6: w1 is on row 2 already" in result.stderr
    assert "is not a date" in result.stderr
    assert "unknown status 'maybe' (use planned, held, postponed, cancelled)" in result.stderr
    assert "2 created, 0 updated, 0 unchanged, 6 rows with problems" in result.stdout
    assert sorted(workshops(library)) == ["W1", "W6"]
    assert workshops(library)["W1"].date == "2026-03-02"  # a date cell, as Excel keeps it


def test_plan_makes_the_programme_only_when_asked(awkward_dir):
    library = awkward_dir / "office.wfdb"
    new_library(library)
    table = write_csv(awkward_dir / "plan.csv", [["Code", "Question"], ["W1", "Healthy"]])
    args = ["plan", "--library", str(library), "--programme", "Roadshows 2026", str(table)]
    refused = run_main(*args)
    assert refused.returncode == 2
    assert "No programme titled 'Roadshows 2026'" in refused.stderr
    assert "--create" in refused.stderr
    made = run_main(*args, "--create")
    assert made.returncode == 0, made.stderr
    assert "Added the programme 'Roadshows 2026'" in made.stdout
    assert "1 created" in made.stdout
    library_ = open_library(library, create=False)
    try:
        titles = sorted(p.title for p in library_.store.programmes())
    finally:
        library_.close()
    assert titles == [TITLE, "Roadshows 2026"]
    # --create with a title the library has (punctuation aside) uses that programme
    same = run_main("plan", "--library", str(library), "--programme", "roadshows, 2026",
                    "--create", str(table))
    assert "0 created, 0 updated, 1 unchanged" in same.stdout
    assert "Added the programme" not in same.stdout


def test_a_plan_without_a_code_column_says_which_columns_it_has(awkward_dir):
    library = awkward_dir / "office.wfdb"
    new_library(library)
    table = write_csv(awkward_dir / "plan.csv", [["Question", "Venue"], ["Healthy", "Hall"]])
    result = run_main("plan", "--library", str(library), "--programme", TITLE, str(table))
    assert result.returncode == 2
    assert "no column for the workshop code" in result.stderr
    assert "Question, Venue" in result.stderr
