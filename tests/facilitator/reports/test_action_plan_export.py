"""Appendix A, the action plan: on its own (``main.py action-plan``), at the end of the
Summary of Results (``report --action-plan``) and as an Excel sheet, read back and checked
cell by cell."""

from __future__ import annotations

import docx
import openpyxl

from facilitator.action_plan import PRIORITIES_2015
from tests.facilitator.reports.conftest import TITLE
from tests.facilitator.reports.conftest import cli_main as main

HEADER = ["Action", "Support area", "Lead", "Timescale", "Measure of success", "Status",
          "From workshops"]


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_demo_action_plan_on_its_own(demo_library, awkward_dir, capsys):
    out = awkward_dir / "Action plan é.docx"
    assert main("action-plan", "--library", demo_library, "--programme", TITLE,
                "--out", out) == 0
    assert f"{out}: 4 actions under 3 priorities" in capsys.readouterr().out
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == [TITLE, "Appendix A: Action plan", "Actions by strategic priority"]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == [
        f"Priority {n}: {text}" for n, text in enumerate(PRIORITIES_2015, 1)]
    assert len(document.tables) == 3
    assert _rows(document.tables[0]) == [
        HEADER,
        ["A directory of what already exists", "Understanding what works", "Communities Team",
         "Q3 2015", "Every parish has an up-to-date list of its clubs and groups",
         "In progress", "W1, W2, W5"],
        ["Small start-up grants", "Support to get started", "Communities Team (Shire Grants)",
         "Q2 2015", "Number of new community groups started with a small grant", "Agreed",
         "W1, W2, W4, W6"],
    ]
    assert _rows(document.tables[2])[1][3] == "30 September 2015"
    assert "31 March 2015, Small start-up grants: £320,000 of Shire Grants committed in " \
        "2014-2015" in texts
    section = document.sections[-1]
    assert section.page_width > section.page_height
    assert document.core_properties.language == "en-GB"


def test_the_summary_of_results_can_end_with_appendix_a(demo_library, awkward_dir):
    plain, with_plan = awkward_dir / "plain.docx", awkward_dir / "with plan.docx"
    args = ["report", "--library", demo_library, "--programme", TITLE]
    assert main(*args, "--out", plain) == 0
    assert main(*args, "--action-plan", "--out", with_plan) == 0
    before, after = docx.Document(str(plain)), docx.Document(str(with_plan))
    headings = [p.text for p in after.paragraphs if p.style.name == "Heading 1"]
    assert headings[-2:] == ["Appendix: attendance by participant category",
                             "Appendix A: Action plan"]
    assert "Appendix A: Action plan" not in [p.text for p in before.paragraphs]
    assert len(after.tables) == len(before.tables) + 3
    assert _rows(after.tables[-3])[0] == HEADER
    # the appendix pages are landscape, the report before them portrait
    sections = after.sections
    assert sections[0].page_width < sections[0].page_height
    assert sections[-1].page_width > sections[-1].page_height


def test_the_excel_workbook_has_an_action_plan_sheet(demo_library, awkward_dir):
    out = awkward_dir / "notes.xlsx"
    assert main("export-xlsx", "--library", demo_library, "--programme", TITLE,
                "--out", out) == 0
    sheet = openpyxl.load_workbook(out)["Action plan"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Priority", *HEADER, "Key progress to date"]
    assert len(rows) == 5
    last = rows[-1]
    assert last[0] == f"Priority 3: {PRIORITIES_2015[2]}"
    assert last[1:8] == ["Training for committees and trustees", "Support to keep going",
                         "Voluntary Action Leicestershire", "30 September 2015",
                         "The number of VCS groups that receive support to lead prevention "
                         "and service delivery activity", "In progress", "W2, W4, W6"]
    assert last[8] == ("26 February 2015: Increased attendance at District Forums and "
                       "access to policy briefings\n20 March 2015: 847 groups supported "
                       "through the Support for Voluntary Sector Organisations contract")
