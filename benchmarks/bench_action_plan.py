"""The action plan (Appendix A): 500 actions under 3 priorities against its fair floor.

* **ours**: ``main.py action-plan``'s writer: read the priorities, actions, progress
  updates and workshop codes from the library, build the landscape document (a heading
  and a table per priority, header row marked, widths set, each priority's key progress
  as bullets, properties) and save it.
* **floor**: plain python-docx writing the same paragraphs and the same tables into the
  same template, the plainest correct way: styles looked up once, ``add_table`` with
  the table style, ``cell.text`` for each cell, the section turned landscape, then saved.
  The rows are handed to it ready made (it reads nothing from the library).

Interleaved rounds; median and min of each, and the ratio of the medians (aim <= 1.5).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT

from facilitator.action_plan import PRIORITIES_2015, Action, ActionStatus, Priority, ProgressUpdate
from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop
from facilitator.reports.action_plan import HEADER, HEADING, gather_action_plan
from facilitator.reports.action_plan_doc import write_action_plan
from facilitator.reports.template import REFERENCE_TEMPLATE, TABLE_STYLE
from facilitator.store import action_plan as plan

ACTIONS = 500
ROUNDS = 5
STATUSES = list(ActionStatus)


def make_plan(store) -> str:
    programme = store.add_programme(Programme("Benchmark 2026"))
    workshops = [store.add_workshop(Workshop(programme.id, f"W{n}", "Q?", "delivery-planning"))
                 for n in range(1, 8)]
    notes = store.add_notes([Note(workshops[i % 7].id, "how", f"Idea {i}")
                             for i in range(ACTIONS)])
    priorities = [plan.save_priority(store, Priority(programme.id, text, n))
                  for n, text in enumerate(PRIORITIES_2015, 1)]
    actions = [Action(programme.id, f"Action {i}: help village groups start a lunch club",
                      priority_id=priorities[i % 3].id, support_area="Support to get started",
                      lead="Communities Team", partners="Voluntary Action Leicestershire",
                      timescale=f"Q{i % 4 + 1} 2015",
                      measure="Number of new community groups started with a small grant",
                      status=STATUSES[i % 5], note_ids=[notes[i].id],
                      workshop_ids=[notes[i].workshop_id, workshops[(i + 3) % 7].id])
               for i in range(ACTIONS)]
    plan.add_actions(store, actions)
    with store.transaction():
        for i, action in enumerate(actions):
            plan.save_progress(store, ProgressUpdate(action.id, f"2015-0{i % 9 + 1}-15",
                                                     "Parish clerks asked to check entries"))
    return programme.id


def ours(store, programme_id: str, target: Path) -> float:
    start = time.perf_counter()
    write_action_plan(store, programme_id, target)
    return time.perf_counter() - start


def floor(content, target: Path) -> float:
    """python-docx writing the same document the plainest correct way."""
    start = time.perf_counter()
    document = docx.Document(str(REFERENCE_TEMPLATE))
    section = document.sections[-1]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    styles = {name: document.styles[name] for name in (
        "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Normal", "List Bullet")}
    table_style = document.styles[TABLE_STYLE]  # the report's own table style
    document.add_paragraph(content.programme_title, styles["Title"])
    document.add_paragraph(HEADING, styles["Subtitle"])
    document.add_paragraph("Actions by strategic priority", styles["Heading 1"])
    document.add_paragraph("The actions under each strategic priority.", styles["Normal"])
    for table in content.tables:
        document.add_paragraph(table.heading, styles["Heading 2"])
        grid = document.add_table(rows=len(table.rows) + 1, cols=len(HEADER))
        grid.style = table_style
        for row, values in zip(grid.rows, [HEADER, *table.rows], strict=True):
            for cell, text in zip(row.cells, values, strict=True):
                cell.text = text
        if table.progress:
            document.add_paragraph("Key progress to date", styles["Heading 3"])
            for when, action, text in table.progress:
                paragraph = document.add_paragraph("", styles["List Bullet"])
                paragraph.add_run(f"{when}, {action}: ").bold = True
                paragraph.add_run(text)
    document.save(str(target))
    return time.perf_counter() - start


def run() -> list[tuple[str, float, str]]:
    library = open_library(None)
    try:
        programme_id = make_plan(library.store)
        content = gather_action_plan(library.store, programme_id)
        mine, base = [], []
        with tempfile.TemporaryDirectory(prefix="wf-bench-plan-") as folder:
            for n in range(ROUNDS):
                mine.append(ours(library.store, programme_id, Path(folder) / f"ours{n}.docx"))
                base.append(floor(content, Path(folder) / f"floor{n}.docx"))
    finally:
        library.close()
    ours_s, floor_s = statistics.median(mine), statistics.median(base)
    return [
        (f"action_plan.export {ACTIONS} actions, 3 priorities, progress [min {min(mine):.3g}]",
         ours_s, "s"),
        (f"action_plan.floor python-docx same tables, styles looked up once "
         f"[min {min(base):.3g}]", floor_s, "s"),
        ("action_plan.export / floor (aim <= 1.5)", ours_s / floor_s, "x"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
