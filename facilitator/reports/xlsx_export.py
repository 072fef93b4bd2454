"""The notes as an Excel workbook: a sheet of notes and a sheet per summary table.

The notes sheet has a real header row (bold, filled, frozen, with filters) and
column widths that fit; every text cell is stored as text, so a note such as
``=SUM(A1)`` or ``+44 7700`` shows exactly as written and never runs, with no
apostrophe in the cell (the cell is marked "quote prefix", as Excel itself does
when you type an apostrophe first, so editing it keeps it text). Characters that
an Excel file cannot hold (NUL and other control characters) are left out of the
cell; the library keeps every note exactly as written.

The notes sheet reads back with ``import-notes`` (its columns match by name).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from facilitator.models import Programme, Workshop
from facilitator.reports.gather import build_report, default_selection, programme_workshops
from facilitator.reports.model import Report
from facilitator.reports.safe_write import write_atomically
from facilitator.reports.text import long_date
from facilitator.reports.xlsx_cells import write_table
from facilitator.store import Store

NOTES_HEADER = (
    "Programme", "Workshop", "Date", "Venue", "Theme question", "Step", "Step question",
    "Note", "Theme", "Support area", "Table", "Created (UTC)",
)
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
WIDTHS = {"Note": 60, "Theme question": 40, "Step question": 40, "Theme": 28, "Support area": 26,
          "Programme": 28, "Venue": 24, "Created (UTC)": 20}


def note_rows(store: Store, programme: Programme, workshops: Sequence[Workshop]) -> list[list[str]]:
    themes = {t.id: t.label for t in store.themes(programme.id)}
    by_workshop: dict[str, list] = {w.id: [] for w in workshops}
    for note in store.notes(workshop_ids=list(by_workshop)):
        by_workshop[note.workshop_id].append(note)
    rows = []
    for workshop in workshops:
        fmt = store.get_format(workshop.format_key)
        steps = {step.key: step for step in fmt.steps}
        order = {key: i for i, key in enumerate(steps)}
        for note in sorted(by_workshop[workshop.id], key=lambda n: order.get(n.step_key, len(order))):
            step = steps.get(note.step_key)
            vocab = fmt.vocabulary_for(note.step_key) if step else None
            tags = "; ".join(vocab.label_for(t) if vocab else t for t in note.tags)
            rows.append([
                programme.title, workshop.code, long_date(workshop.date), workshop.venue,
                workshop.theme_question, note.step_key,
                step.question_for(programme.area) if step else "", note.text,
                themes.get(note.theme_id or "", ""), tags, note.table_label, note.created_at,
            ])
    return rows


def _sheet_title(text: str, used: set[str]) -> str:
    title = _SHEET_NAME_BAD.sub("-", text).strip("'")[:31] or "Sheet"
    base, n = title, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def build_workbook(notes: list[list[str]], report: Report | None, action_plan=None):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    book = Workbook()

    def fill(sheet, header, rows, numeric_from: int | None = None, widths: dict | None = None) -> None:
        write_table(sheet, header, rows, None if numeric_from is None else (
            lambda index, value: index >= numeric_from and str(value).isdigit()))
        for column, name in enumerate(header, start=1):
            longest = max([len(str(name))] + [len(str(r[column - 1]).split("\n")[0]) for r in rows[:500]])
            width = (widths or {}).get(name, min(max(10, longest + 2), 50))
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.sheet_view.zoomScale = 100

    sheet = book.active
    used: set[str] = set()
    sheet.title = _sheet_title("Notes", used)
    fill(sheet, NOTES_HEADER, notes, widths=WIDTHS)
    for column in ("H", "E", "G"):
        for cell in sheet[column][1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    if report is not None and report.summary is not None:
        for table in report.summary.tables:
            if not table.header:
                continue
            numeric = table.numeric_from if table.numeric_from is not None else None
            fill(book.create_sheet(_sheet_title(table.heading, used)), table.header, table.rows,
                 numeric_from=numeric)
    if action_plan is not None and action_plan.action_count:
        from facilitator.reports.action_plan import add_sheet

        add_sheet(book, action_plan, fill)
    return book


def export_notes_xlsx(
    store: Store, programme: Programme, target: Path | str, workshops: Sequence[Workshop] | None = None
) -> int:
    """Write the workbook for ``workshops`` (default: those held); returns the notes written."""
    ordered = programme_workshops(store, programme)
    chosen = list(workshops) if workshops is not None else default_selection(ordered)
    position = {w.id: i for i, w in enumerate(ordered)}
    chosen.sort(key=lambda w: position.get(w.id, len(position)))
    notes = note_rows(store, programme, chosen)
    report = build_report(store, programme, chosen) if chosen else None
    from facilitator.reports.action_plan import gather_action_plan

    book = build_workbook(notes, report, gather_action_plan(store, programme.id))
    from facilitator.reports.assets_section import add_assets_sheet, gather_assets

    section = gather_assets(store, programme)
    if section.total:  # the programme's community asset register (issue 11)
        add_assets_sheet(book, section, _sheet_title("Assets", {s.title.casefold()
                                                               for s in book.worksheets}))
    write_atomically(Path(target), book.save)
    return len(notes)
