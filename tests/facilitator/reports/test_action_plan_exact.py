"""The action plan's exports read back whole: every paragraph of the Word document in order
(style and text), every cell of every table, and every cell of the Excel sheet, for a small
plan made here (two priorities, a loose action, progress, a date and a quarter)."""

from __future__ import annotations

from datetime import date

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn

from facilitator.action_plan import Action, ActionStatus, Priority, ProgressUpdate
from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop
from facilitator.store import action_plan as plan
from tests.facilitator.reports.conftest import cli_main as main

HEADER = ["Action", "Support area", "Lead", "Timescale", "Measure of success", "Status",
          "From workshops"]
P1 = "Building the capacity of local communities"
P2 = "Groups taking over services"


@pytest.fixture
def plan_library(builtin_formats, awkward_dir):
    path = awkward_dir / "plan é.wfdb"
    lib = open_library(path, builtin_formats)
    store = lib.store
    programme = store.add_programme(Programme("Rutland 2026"))
    w1, w2, w10 = (store.add_workshop(Workshop(programme.id, code, "Q?", "delivery-planning",
                                               date="2015-03-04", status="held"))
                   for code in ("W1", "W2", "W10"))
    n1, n2, n10 = store.add_notes([Note(w1.id, "how", "Minibus"), Note(w2.id, "how", "Drivers"),
                                   Note(w10.id, "how", "Clubs list")])
    first = plan.save_priority(store, Priority(programme.id, P1, 1))
    second = plan.save_priority(store, Priority(programme.id, P2, 2))
    bus = Action(programme.id, "Community minibus", priority_id=first.id,
                 support_area="Support to get started", lead="Parish council",
                 partners="Age UK", timescale="Q3 2015", measure="Trips a week",
                 status=ActionStatus.AGREED, note_ids=[n2.id, n10.id, n1.id],
                 workshop_ids=[w10.id, w2.id, w1.id])
    clubs = Action(programme.id, "A list of clubs", priority_id=first.id,
                   timescale="30/09/2015", status=ActionStatus.IN_PROGRESS,
                   note_ids=[n10.id], workshop_ids=[w10.id])
    loose = Action(programme.id, "Ask the schools", status=ActionStatus.DROPPED)
    plan.add_actions(store, [bus, clubs, loose])
    for when, text in (("2015-05-01", "Grant agreed"), ("2015-04-02", "Bid written")):
        plan.save_progress(store, ProgressUpdate(bus.id, when, text), today=date(2015, 6, 1))
    plan.save_progress(store, ProgressUpdate(clubs.id, "2015-04-10", "Half the parishes"),
                       today=date(2015, 6, 1))
    lib.close()
    return path, second


def _body(path) -> list:
    """The document's body in order: ("p", style, text) and ("table", [[cell text]])."""
    document = docx.Document(str(path))
    paragraphs, tables = iter(document.paragraphs), iter(document.tables)
    found = []
    for child in document.element.body:
        if child.tag == qn("w:p"):
            paragraph = next(paragraphs)
            found.append(("p", paragraph.style.name, paragraph.text))
        elif child.tag == qn("w:tbl"):
            found.append(("table", [[c.text for c in row.cells] for row in next(tables).rows]))
    return found


def test_the_action_plan_document_reads_back_exactly(plan_library, awkward_dir, capsys):
    path, _ = plan_library
    out = awkward_dir / "Action plan.docx"
    assert main("action-plan", "--library", path, "--programme", "Rutland 2026",
                "--out", out) == 0
    assert capsys.readouterr().out == f"{out}: 3 actions under 2 priorities\n"
    assert _body(out) == [
        ("p", "Title", "Rutland 2026"),
        ("p", "Subtitle", "Appendix A: Action plan"),
        ("p", "Heading 1", "Actions by strategic priority"),
        ("p", "Normal", "The actions of Rutland 2026 under each strategic priority, with who "
         "leads them, when, how success will be measured and the workshops the ideas came "
         "from."),
        ("p", "Heading 2", f"Priority 1: {P1}"),
        ("table", [HEADER,
                   ["Community minibus", "Support to get started", "Parish council", "Q3 2015",
                    "Trips a week", "Agreed", "W1, W2, W10"],
                   ["A list of clubs", "", "", "30 September 2015", "", "In progress", "W10"]]),
        ("p", "Heading 3", "Key progress to date"),
        ("p", "List Bullet", "2 April 2015, Community minibus: Bid written"),
        ("p", "List Bullet", "10 April 2015, A list of clubs: Half the parishes"),
        ("p", "List Bullet", "1 May 2015, Community minibus: Grant agreed"),
        ("p", "Heading 2", f"Priority 2: {P2}"),
        ("p", "Normal", "No actions yet under this priority."),
        ("p", "Heading 2", "Not yet under a priority"),
        ("table", [HEADER, ["Ask the schools", "", "", "", "", "Dropped", ""]]),
    ]
    document = docx.Document(str(out))
    section = document.sections[-1]
    assert section.page_width > section.page_height  # landscape
    assert (document.core_properties.title, document.core_properties.language) == (
        "Rutland 2026: action plan", "en-GB")


def test_the_action_plan_sheet_reads_back_exactly(plan_library, awkward_dir):
    path, _ = plan_library
    out = awkward_dir / "Notes.xlsx"
    assert main("export-xlsx", "--library", path, "--programme", "Rutland 2026",
                "--out", out) == 0
    sheet = openpyxl.load_workbook(out)["Action plan"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Priority", *HEADER, "Key progress to date"],
        [f"Priority 1: {P1}", "Community minibus", "Support to get started", "Parish council",
         "Q3 2015", "Trips a week", "Agreed", "W1, W2, W10",
         "2 April 2015: Bid written\n1 May 2015: Grant agreed"],
        [f"Priority 1: {P1}", "A list of clubs", None, None, "30 September 2015", None,
         "In progress", "W10", "10 April 2015: Half the parishes"],
        ["Not yet under a priority", "Ask the schools", None, None, None, None, "Dropped",
         None, None],
    ]


def test_a_lead_with_contact_details_is_a_warning_when_exporting(
        plan_library, awkward_dir, builtin_formats, capsys):
    path, _ = plan_library
    lib = open_library(path, builtin_formats)
    [bus] = [a for a in plan.actions(lib.store) if a.text == "Community minibus"]
    bus.lead = "ring 0116 305 7019"
    plan.update_actions(lib.store, [bus])
    lib.close()
    out = awkward_dir / "Action plan.docx"
    assert main("action-plan", "--library", path, "--programme", "Rutland 2026",
                "--out", out) == 0
    assert capsys.readouterr().err == (
        "warning: possible personal data: “Community minibus”: Lead looks like a private "
        "person's contact details (a UK phone number: 0116 305 7019); give a role or an "
        "organisation instead\n")
    assert _body(out)[5][1][1][2] == "ring 0116 305 7019"  # written as it is: a warning only
