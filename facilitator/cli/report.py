"""``main.py report``: the Summary of Results as a Word document, from the command line.

``--workshops W2`` alone gives that workshop's own summary.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from facilitator.library import Library, default_library_path, open_library
from facilitator.reports.docx_writer import write_report
from facilitator.reports.gather import build_report, find_programme, select_workshops
from facilitator.reports.safe_write import ExportError
from facilitator.store import LibraryError


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--programme", required=True, metavar="TITLE", help="the programme's title")
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


def open_existing_library(path: Path | None) -> Library:
    """The library to read; a report never creates an empty library by mistake."""
    path = path or default_library_path()
    if not Path(path).is_file():
        raise LibraryError(f"No library at {path}.")
    return open_library(path)


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "report", help="export the Summary of Results (.docx) for a programme or some workshops"
    )
    add_library_option(parser)
    add_selection_options(parser)
    parser.add_argument(
        "--template", type=Path, default=None, metavar="FILE",
        help="a Word .docx whose styles, header and footer the report uses",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.docx", help="where to save")
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
        report = build_report(library.store, programme, workshops)
        path = write_report(report, args.out, args.template)
    except (ExportError, LibraryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        library.close()
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    codes = ", ".join(w.code for w in workshops)
    print(f"{path}: {report.subtitle}, {report.note_count} notes from {codes}")
    return 0
