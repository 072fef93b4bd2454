"""``main.py import-notes``: notes typed up from paper, from a CSV or Excel (.xlsx) table."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.cli.common import run_on_library
from facilitator.planning import find_programme
from facilitator.transfer.notes_import import apply_notes_import, plan_notes_import
from facilitator.transfer.notes_table import FIELDS, NotesImportError, auto_mapping, read_table


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "import-notes",
        help="import notes from a CSV or Excel table (workshop code, step, note text, ...)",
        description="Bring in notes typed up from a wall photo or a paper form. The first "
        "row names the columns: workshop code (W1), step (who, what, how, or the step's "
        "name), note text, and optionally support area, theme and table. Other headers can "
        "be matched with --map. CSV files from Excel (UTF-8, Windows-1252 or Unicode Text; "
        "commas, semicolons or tabs) and .xlsx workbooks (first sheet) are read. Every row "
        "is checked first: if any row fails, the problems are listed with their line "
        "numbers and nothing is imported, unless --valid-only is given.",
        epilog="example: main.py import-notes \"Wall photos W2.xlsx\" "
        "--map text=\"What people wrote\"",
    )
    add_library_option(parser)
    parser.add_argument("file", type=Path, metavar="FILE", help="a .csv or .xlsx file")
    parser.add_argument("--programme", metavar="TITLE", help="only this programme's workshops")
    parser.add_argument(
        "--map", action="append", default=[], metavar="FIELD=COLUMN",
        help="which column holds a field, by header or number from 1 (fields: "
        + ", ".join(FIELDS) + "), e.g. --map text='What people wrote'",
    )
    parser.add_argument(
        "--valid-only", action="store_true", help="import the valid rows even if some fail"
    )
    parser.set_defaults(func=run)


def parse_map(headers: list[str], items: list[str]) -> dict[str, int | None]:
    mapping = auto_mapping(headers)
    lowered = [h.casefold() for h in headers]
    for item in items:
        field, _, column = item.partition("=")
        field = field.strip().replace("-", "_")
        if field not in FIELDS:
            raise NotesImportError(f"Unknown field {field!r} (fields: {', '.join(FIELDS)}).")
        column = column.strip()
        if column.isdigit():
            mapping[field] = int(column) - 1
        elif column.casefold() in lowered:
            mapping[field] = lowered.index(column.casefold())
        elif not column:
            mapping[field] = None
        else:
            raise NotesImportError(f"No column called {column!r} (columns: {', '.join(headers)}).")
    return mapping


def run(args) -> int:
    return run_on_library(args, lambda library: _import(args, library))


def _import(args, library) -> int:
    """Plan the import, list the rows with problems, then import all or none."""
    store = library.store
    programme = find_programme(store, args.programme) if args.programme else None
    table = read_table(args.file)
    plan = plan_notes_import(store, table, parse_map(table.headers, args.map), programme)
    for line in plan.problem_lines():
        print(f"{args.file.name}: {line}", file=sys.stderr)
    if plan.problems and not args.valid_only:
        print(
            f"error: {args.file.name}: {len(plan.problems)} rows have problems; nothing was "
            "imported (fix them, or use --valid-only to import the other rows).",
            file=sys.stderr,
        )
        return 1
    apply_notes_import(store, plan)
    print(plan.describe().replace("ready to import", "imported"))
    return 0
