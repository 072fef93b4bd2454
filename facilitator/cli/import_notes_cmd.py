"""``main.py import-notes``: notes typed up from paper, from a CSV or Excel (.xlsx) table."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.cli.common import run_on_library
from facilitator.transfer.notes_columns import FIELDS
from facilitator.transfer.notes_table import NotesImportError


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "import-notes",
        help="import notes from a CSV or Excel table (workshop code, step, note text, ...)",
        description="Bring in notes typed up from a wall photo or a paper form. The first "
        "row names the columns: workshop code (W1), step (who, what, how, or the step's "
        "name), note text (a header such as Note, Text, Comments, Response or Ideas, or one "
        "containing those words), and optionally support area, theme and table. Other "
        "headers can be matched with --text-column and the like (or --map); the choice is "
        "remembered for tables with the same header row and used, and printed, next time. "
        "CSV files from Excel (UTF-8, Windows-1252 or Unicode Text; commas, semicolons or "
        "tabs) and .xlsx workbooks (first sheet) are read. Every row is checked first: if "
        "any row fails, the problems are listed with their line numbers and nothing is "
        "imported, unless --valid-only is given. The same text on two rows is two notes. "
        "The library keeps a ledger of the rows it imported: the same table again adds "
        "nothing (it says when it was imported), and an edited copy with new rows adds "
        "only the new rows.",
        epilog="example: main.py import-notes \"Wall photos W2.xlsx\" "
        "--text-column \"What people wrote\"",
    )
    add_library_option(parser)
    parser.add_argument("file", type=Path, metavar="FILE", help="a .csv or .xlsx file")
    parser.add_argument("--programme", metavar="TITLE", help="only this programme's workshops")
    for field, label in FIELDS.items():
        parser.add_argument(
            f"--{field.replace('_', '-')}-column", dest=f"{field}_column", default=None,
            metavar="COLUMN",
            help=f"the column holding the {label.lower()}, by header or number from 1"
            + (" ('' for none)" if field not in ("workshop", "step", "text") else ""),
        )
    parser.add_argument(
        "--map", action="append", default=[], metavar="FIELD=COLUMN",
        help="the same as the --...-column options, as FIELD=COLUMN (fields: "
        + ", ".join(FIELDS) + "), e.g. --map text='What people wrote'",
    )
    parser.add_argument(
        "--valid-only", action="store_true", help="import the valid rows even if some fail"
    )
    parser.set_defaults(func=run)


def column_index(headers: list[str], column: str) -> int | None:
    column = column.strip()
    lowered = [h.casefold() for h in headers]
    if column.isdigit():
        return int(column) - 1
    if column.casefold() in lowered:
        return lowered.index(column.casefold())
    if not column:
        return None
    raise NotesImportError(f"No column called {column!r} (columns: {', '.join(headers)}).")


def chosen_columns(headers: list[str], args) -> dict[str, int | None]:
    """The columns given on the command line (``--text-column`` and ``--map``), by field."""
    chosen: dict[str, int | None] = {}
    for item in args.map:
        field, _, column = item.partition("=")
        field = field.strip().replace("-", "_")
        if field not in FIELDS:
            raise NotesImportError(f"Unknown field {field!r} (fields: {', '.join(FIELDS)}).")
        chosen[field] = column_index(headers, column)
    for field in FIELDS:
        column = getattr(args, f"{field}_column", None)
        if column is not None:
            chosen[field] = column_index(headers, column)
    return chosen


def run(args) -> int:
    return run_on_library(args, lambda library: _import(args, library))


def _import(args, library) -> int:
    """Plan the import, list the rows with problems, then import all or none."""
    from facilitator.planning import find_programme
    from facilitator.transfer.notes_columns import describe_mapping
    from facilitator.transfer.notes_import import (
        apply_notes_import,
        columns_for,
        plan_notes_import,
    )
    from facilitator.transfer.notes_table import read_table

    store = library.store
    programme = find_programme(store, args.programme) if args.programme else None
    table = read_table(args.file)
    name = args.file.name
    mapping, remembered = columns_for(store, table, chosen_columns(table.headers, args))
    if remembered:
        print(f"{name}: the columns chosen before for this layout: "
              f"{describe_mapping(table.headers, mapping)}")
    plan = plan_notes_import(store, table, mapping, programme)
    if plan.all_imported_before:
        print(plan.describe())
        return 0
    for line in plan.problem_lines():
        print(f"{name}: {line}", file=sys.stderr)
    if plan.problems and not args.valid_only:
        print(
            f"error: {name}: {len(plan.problems)} rows have problems; nothing was "
            "imported (fix them, or use --valid-only to import the other rows).",
            file=sys.stderr,
        )
        return 1
    apply_notes_import(store, plan)
    print(plan.describe().replace("ready to import", "imported"))
    return 0
