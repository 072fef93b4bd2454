"""``main.py export-xlsx``: the notes as an Excel workbook, with a sheet per summary table."""

from __future__ import annotations

from pathlib import Path

from facilitator.cli.common import (
    add_check_options,
    add_selection_options,
    check_personal_data,
    run_on_selection,
)


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "export-xlsx",
        help="export a programme's notes as an Excel workbook (.xlsx), with the summary tables",
        description="Write an Excel workbook: a Notes sheet (programme, workshop, date, venue, "
        "theme question, step and its question, note, theme, support area, table, when it "
        "was typed) with a header row, frozen panes, filters and column widths, every note "
        "stored as text so one starting with = + - or @ never runs as a formula; then a "
        "sheet for each table of the report's Summary (attendance, notes per question, top "
        "themes, HOW ideas by support area). It reads back with import-notes.",
        epilog='example: main.py export-xlsx --programme "TITLE" --out "Notes.xlsx"',
    )
    add_library_option(parser)
    add_selection_options(parser)
    parser.add_argument("--out", type=Path, default=None, metavar="FILE.xlsx", help="where to save")
    add_check_options(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    from facilitator.reports.xlsx_export import export_notes_xlsx

    def export(store, programme, workshops) -> int:
        checked = check_personal_data(args, store, programme, workshops)
        if checked is not None:
            return checked
        count = export_notes_xlsx(store, programme, args.out, workshops)
        print(f"{args.out}: {count} notes")
        return 0

    return run_on_selection(args, export)
