"""``main.py import``: merge .workshop files from other laptops into a library."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.cli.common import run_on_library
from facilitator.transfer import import_workshop_files


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "import",
        help="import (merge) .workshop files into a library, printing what changed",
        description="Bring .workshop files from facilitators' laptops into this library "
        "(it is created if it does not exist yet). Each file is checked whole before anything "
        "is written and merged in one transaction; the library is backed up first. New "
        "notes are added, an edit made on one laptop is taken, and a note edited on two "
        "laptops keeps the newer edit and is listed as a conflict with both texts. "
        "Importing a file twice, or in another order, gives the same library. "
        "Exit status 1 if any file was refused (the others are still imported).",
        epilog='example: main.py import "From Ann.workshop" "From Raj.workshop"',
    )
    add_library_option(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".workshop files")
    parser.add_argument(
        "--backup-dir", type=Path, default=None, metavar="FOLDER",
        help="where to keep backups of the library (default: 'Backups' beside the library)",
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--into", metavar="TITLE",
        help="when a file's programme was set up separately under the same title as one "
        "here, add its workshops to this programme (remembered: that laptop's next files "
        "merge without asking)",
    )
    choice.add_argument(
        "--separate", action="store_true",
        help="keep such a programme separate (without --into or --separate the file is "
        "refused, naming both)",
    )
    parser.set_defaults(func=run)


def _choices(store, args) -> dict[str, str] | None:
    """--into / --separate as the answers to every file's programme questions."""
    from facilitator.store import LibraryError
    from facilitator.transfer import SEPARATE, WorkshopFileError, programme_questions
    from facilitator.transfer.workshop_file import read_and_check

    if not args.into and not args.separate:
        return None
    target = None
    if args.into:
        from facilitator.cli.library_cmds import pick_programme

        target = pick_programme(store, args.into)
    choices = {}
    for path in args.files:
        try:
            content = read_and_check(path)
        except (WorkshopFileError, LibraryError):
            continue  # refused again, with its reason, by the import itself
        for question in programme_questions(store, content):
            choices[question.file_programme_id] = SEPARATE if target is None else target.id
    return choices


def run(args) -> int:
    return run_on_library(args, lambda library: _import(args, library), create=True)


def _import(args, library) -> int:
    choices = _choices(library.store, args)  # (a LibraryError: one error line, status 2)
    summaries = import_workshop_files(
        library.store, args.files, backup_dir=args.backup_dir, choices=choices
    )
    refused = 0
    for summary in summaries:
        if summary.ok:
            print("\n".join(summary.lines()))
        else:
            refused += 1
            print(f"error: {summary.path}: {summary.error}", file=sys.stderr)
    return 1 if refused else 0
