"""``main.py export-csv``: the notes as a CSV table (UTF-8 with BOM, safe for Excel)."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.cli.report import add_selection_options, open_existing_library, parse_codes
from facilitator.reports.csv_export import export_notes_csv
from facilitator.reports.gather import find_programme, select_workshops
from facilitator.reports.safe_write import ExportError
from facilitator.store import LibraryError


def register(sub, add_library_option) -> None:
    parser = sub.add_parser("export-csv", help="export a programme's notes as a CSV table")
    add_library_option(parser)
    add_selection_options(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.csv", help="where to save")
    parser.set_defaults(func=run)


def run(args) -> int:
    try:
        library = open_existing_library(args.library)
    except LibraryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        programme = find_programme(library.store, args.programme)
        workshops = select_workshops(library.store, programme, parse_codes(args.workshops))
        count = export_notes_csv(library.store, programme, args.out, workshops)
    except (ExportError, LibraryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        library.close()
    print(f"{args.out}: {count} notes")
    return 0
