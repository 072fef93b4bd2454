"""What the report, export-csv, export and import-notes subcommands share: choosing a
programme and its workshops, opening an existing library, and turning a problem into one
``error:`` line."""

from __future__ import annotations

import argparse
import stat
import sys
from collections.abc import Callable
from pathlib import Path

from facilitator.library import Library, default_library_path, open_for_reading, open_library
from facilitator.models import Programme, ValidationError, Workshop
from facilitator.reports.safe_write import ExportError
from facilitator.store import LibraryError, Store

#: The problems a subcommand reports as one ``error:`` line (exit status 2).
PROBLEMS = (ExportError, LibraryError, ValidationError)


def add_programme_option(parser: argparse.ArgumentParser) -> None:
    """``--programme TITLE``: the programme the command works on (``run_on_programme``)."""
    parser.add_argument(
        "--programme", required=True, metavar="TITLE",
        help="the programme's title, in quotes (see: main.py list)",
    )


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    add_programme_option(parser)
    parser.add_argument(
        "--workshops",
        metavar="W1,W2",
        default=None,
        help="workshop codes to include, separated by commas "
        "(default: every workshop not postponed or cancelled)",
    )


def parse_codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes:
        raise LibraryError("--workshops needs at least one workshop code, such as W2.")
    return codes


def open_existing_library(path: Path | None, *, reading: bool = False) -> Library:
    """The library to use; a mistyped path never creates an empty library by mistake.

    ``reading``: the command only reads (list, report, export…), so a library that cannot
    be written (or is locked, or holds something this app never makes) is opened read-only
    instead of refused, with a note on stderr saying so."""
    path = Path(path or default_library_path())
    if not reading:
        if not path.is_file():  # (the words open_for_reading uses)
            raise LibraryError(f"There is no library at {path} (check --library).")
        return open_library(path)
    library = open_for_reading(path)
    if library.store.read_only:
        print(f"note: opened read-only: {library.store.read_only_reason}", file=sys.stderr)
    return library


def add_force_option(parser: argparse.ArgumentParser) -> None:
    """``--force``: replace the output file even if it is marked read-only."""
    parser.add_argument(
        "--force", action="store_true",
        help="replace the file given with --out even if it is read-only",
    )


def refuse_read_only_target(path: Path | None, force: bool) -> None:
    """A file marked read-only is not replaced without ``--force`` (issue 12, rule 8): the
    mark usually means someone wants it kept as it is."""
    if path is None or force:
        return
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) and not mode & 0o222:
        raise LibraryError(
            f"{path} is read-only, so it was not replaced; nothing was written. Choose "
            "another --out, or add --force to replace it anyway."
        )


def error(message: object) -> int:
    from facilitator.names import shorten_long_parts

    print(f"error: {shorten_long_parts(str(message))}", file=sys.stderr)
    return 2


def run_on_library(args, work: Callable[[Library], int], *, reading: bool = False,
                   create: bool = False) -> int:
    """Open the existing ``--library``, run ``work`` with it and close it; a problem is
    printed as one ``error:`` line and gives exit status 2. ``reading``: see
    ``open_existing_library``. ``create``: the command may make the library (demo, import,
    new-programme). Every command opens its library here (tests/facilitator/cli)."""
    try:
        library = (open_library(Path(args.library or default_library_path())) if create
                   else open_existing_library(args.library, reading=reading))
    except PROBLEMS as exc:
        return error(exc)
    try:
        return work(library)
    except PROBLEMS as exc:
        return error(exc)
    finally:
        library.close()


def run_on_programme(args, work: Callable[[Store, Programme], int]) -> int:
    """``run_on_library`` (reading) for ``--programme``: ``work`` gets the store and the
    programme."""
    from facilitator.selection import find_programme

    def found(library: Library) -> int:
        return work(library.store, find_programme(library.store, args.programme))

    return run_on_library(args, found, reading=True)


def run_on_selection(
    args, work: Callable[[Store, Programme, list[Workshop]], int]
) -> int:
    """``run_on_programme`` for ``--programme`` and ``--workshops``: ``work`` gets the store,
    the programme and the chosen workshops."""
    from facilitator.selection import select_workshops

    def chosen(store: Store, programme: Programme) -> int:
        return work(store, programme, select_workshops(store, programme,
                                                       parse_codes(args.workshops)))

    return run_on_programme(args, chosen)


def add_check_options(parser: argparse.ArgumentParser) -> None:
    """``--check-only``: the personal-data check, and no file written."""
    parser.add_argument(
        "--check-only", action="store_true",
        help="only check the notes for personal data (email addresses, UK phone numbers, "
        "addresses with a postcode, Mr/Mrs/Ms/Dr and a name, names on the library's list): "
        "list each with its workshop and exit 1 if any, 0 if none; nothing is written. "
        "Without it the same list is printed as warnings before exporting",
    )


def check_personal_data(args, store: Store, programme: Programme, workshops) -> int | None:
    """Print notes that look like personal data (as warnings, or as the whole job with
    ``--check-only``, whose exit status it returns); None: go on and export."""
    from facilitator.reports.privacy import find_personal_data

    findings = find_personal_data(store, programme, workshops)
    if args.check_only:
        for finding in findings:
            print(finding.describe())
        count = len(findings)
        print(
            f"{count} note{'s' if count != 1 else ''} may hold personal data"
            + (": edit them in the window, or mark them \"checked, keep\" in the export dialog."
               if count else ".")
        )
        return 1 if findings else 0
    for finding in findings:
        print(f"warning: possible personal data: {finding.describe()}", file=sys.stderr)
    if getattr(args, "out", None) is None:
        return error("--out FILE is needed (or --check-only to only check).")
    return None
