"""``main.py plan``: create or update a programme's workshops from a CSV or Excel table."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.cli.common import run_on_library


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "plan",
        help="create or update a programme's workshops from a CSV or Excel table",
        description="Set up a round from the spreadsheet the team keeps: one row per "
        "workshop with columns such as Code, Theme question, Format, Date, Venue, District, "
        "Status, Reason and Facilitators (header names are matched forgivingly: case, "
        "spacing and punctuation aside, and 'Date of workshop' is the date). A row whose "
        "code is new creates a workshop; a row whose code exists updates it, and an empty "
        "cell leaves that field as it is, so running the same table again changes nothing. "
        "Rows with problems are listed with their row (or line) numbers and the other rows "
        "are applied, unless --all-or-nothing. Exit status 1 if any row had a problem.",
        epilog='example: main.py plan --programme "TITLE" --create "Round 2026.xlsx"',
    )
    add_library_option(parser)
    parser.add_argument("file", type=Path, metavar="FILE", help="a .csv or .xlsx file")
    parser.add_argument("--programme", required=True, metavar="TITLE",
                        help="the programme's title (case, spacing and punctuation aside)")
    parser.add_argument("--create", action="store_true",
                        help="add the programme first if the library does not have it")
    parser.add_argument("--all-or-nothing", action="store_true",
                        help="if any row has a problem, change nothing")
    parser.set_defaults(func=run)


def run(args) -> int:
    from facilitator.models import Programme
    from facilitator.planning import (
        apply_workshop_plan,
        find_programme,
        plan_workshops,
        programmes_titled,
    )
    from facilitator.store import LibraryError
    from facilitator.transfer.notes_table import read_table

    def apply(library) -> int:
        store = library.store
        table = read_table(args.file, what="workshops")
        new = args.create and not programmes_titled(store, args.programme)
        if new:
            programme = Programme(" ".join(args.programme.split()))
            programme.validate()
        else:
            try:
                programme = find_programme(store, args.programme)
            except LibraryError as exc:
                hint = "" if programmes_titled(store, args.programme) else " Add --create to add it."
                raise LibraryError(f"{exc}{hint}") from None
        plan = plan_workshops(store, table, programme, new_programme=new)
        name = args.file.name
        for line in plan.problem_lines():
            print(f"{name}: {line}", file=sys.stderr)
        if plan.unused_columns:
            print(f"{name}: columns not used: {', '.join(plan.unused_columns)}", file=sys.stderr)
        if plan.problems and args.all_or_nothing:
            print(f"error: {name}: {len(plan.problems)} row{'s' * (len(plan.problems) != 1)} "
                  "with problems; nothing was changed (--all-or-nothing).", file=sys.stderr)
            return 1
        added = plan.new_programme
        apply_workshop_plan(store, plan)
        if added:
            print(f"Added the programme {programme.title!r}")
        print(f"{name}: {plan.describe()} in {programme.title!r}")
        return 1 if plan.problems else 0

    return run_on_library(args, apply)
