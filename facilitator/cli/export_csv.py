"""``main.py export-csv``: the notes as a CSV table (UTF-8 with BOM, safe for Excel)."""

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
        "export-csv",
        help="export a programme's notes as a CSV table (opens in Excel)",
        description="Write one row per note: programme, workshop, step and its question, "
        "note text, theme, support-area tags, table and when it was typed. The file is UTF-8 "
        "with a byte order mark so Excel shows accents correctly; a cell starting with "
        "= + - or @ gets an apostrophe so a spreadsheet never runs it as a formula. "
        "It can be read back with import-notes.",
        epilog='example: main.py export-csv --programme "TITLE" --out "Notes.csv"',
    )
    add_library_option(parser)
    add_selection_options(parser)
    parser.add_argument("--out", type=Path, default=None, metavar="FILE.csv", help="where to save")
    add_check_options(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    from facilitator.reports.csv_export import export_notes_csv

    def export(store, programme, workshops) -> int:
        checked = check_personal_data(args, store, programme, workshops)
        if checked is not None:
            return checked
        count = export_notes_csv(store, programme, args.out, workshops)
        print(f"{args.out}: {count} notes")
        return 0

    return run_on_selection(args, export)
