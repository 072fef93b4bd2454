"""``main.py export-csv`` and ``main.py export-xlsx``: a programme's notes as a table, CSV
or an Excel workbook. One shape for both: the same options, the same personal-data check,
the same line printed; only the writer (imported when the command runs) differs."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.cli.common import (
    add_check_options,
    add_force_option,
    add_selection_options,
    check_personal_data,
    refuse_read_only_target,
    run_on_selection,
)


def _csv_writer():
    from facilitator.reports.csv_export import export_notes_csv

    return export_notes_csv


def _xlsx_writer():
    from facilitator.reports.xlsx_export import export_notes_xlsx

    return export_notes_xlsx


#: command -> (suffix, the writer (imported when the command runs), help, description)
EXPORTS = {
    "export-csv": (
        ".csv", _csv_writer,
        "export a programme's notes as a CSV table (opens in Excel)",
        "Write one row per note: programme, workshop, step and its question, "
        "note text, theme, support-area tags, table and when it was typed. The file is UTF-8 "
        "with a byte order mark so Excel shows accents correctly; a cell starting with "
        "= + - or @ gets an apostrophe so a spreadsheet never runs it as a formula. "
        "It can be read back with import-notes.",
    ),
    "export-xlsx": (
        ".xlsx", _xlsx_writer,
        "export a programme's notes as an Excel workbook (.xlsx), with the summary tables",
        "Write an Excel workbook: a Notes sheet (programme, workshop, date, venue, "
        "theme question, step and its question, note, theme, support area, table, when it "
        "was typed) with a header row, frozen panes, filters and column widths, every note "
        "stored as text so one starting with = + - or @ never runs as a formula; then a "
        "sheet for each table of the report's Summary (attendance, notes per question, top "
        "themes, HOW ideas by support area). It reads back with import-notes.",
    ),
}


def register(sub, add_library_option) -> None:
    for command, (suffix, writer, help_text, description) in EXPORTS.items():
        parser = sub.add_parser(
            command, help=help_text, description=description,
            epilog=f'example: main.py {command} --programme "TITLE" --out "Notes{suffix}"',
        )
        add_library_option(parser)
        add_selection_options(parser)
        parser.add_argument("--out", type=Path, default=None, metavar=f"FILE{suffix}",
                            help="where to save")
        add_check_options(parser)
        add_force_option(parser)
        parser.set_defaults(func=lambda args, writer=writer: run(args, writer))


def run(args, writer) -> int:
    write = writer()

    def export(store, programme, workshops) -> int:
        refuse_read_only_target(args.out, args.force)
        checked = check_personal_data(args, store, programme, workshops)
        if checked is not None:
            return checked
        count = write(store, programme, args.out, workshops)
        if args.out.suffix.lower() == ".xlsx":  # the workbook's Assets sheet (issue 11)
            from facilitator.reports.assets_section import connector_warnings

            for warning in connector_warnings(store, programme):
                print(f"warning: {warning}", file=sys.stderr)
        print(f"{args.out}: {count} notes")
        return 0

    return run_on_selection(args, export)
