"""``main.py import``: merge .workshop files from other laptops into a library."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.library import default_library_path, open_library
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
    parser.set_defaults(func=run)


def run(args) -> int:
    library = open_library(args.library or default_library_path())
    try:
        summaries = import_workshop_files(
            library.store, args.files, backup_dir=args.backup_dir
        )
    finally:
        library.close()
    refused = 0
    for summary in summaries:
        if summary.ok:
            print("\n".join(summary.lines()))
        else:
            refused += 1
            print(f"error: {summary.path}: {summary.error}", file=sys.stderr)
    return 1 if refused else 0
