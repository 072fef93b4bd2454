"""``main.py report``: the Summary of Results as a Word document, from the command line.

``--workshops W2`` alone gives that workshop's own summary.
"""

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


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "report",
        help="export the Summary of Results (.docx) for a programme or some workshops",
        description="Write the Summary of Results as a Word document: introduction and "
        "workshops, WHO (aggregated, with themes), WHAT (a page per workshop), HOW (under "
        "the four support areas), workshops of other formats, and attendance. By default "
        "every workshop not postponed or cancelled is included; a workshop that did not take "
        "place is listed with its status and not counted; --workshops W2 alone gives "
        "that workshop's own summary. Warnings (such as HOW notes not yet sorted) are "
        "printed but do not stop the report. With LibreOffice installed the Contents gets "
        "its page numbers (otherwise Word fills them in on opening).",
        epilog='example: main.py report --programme "TITLE" --out "Summary of Results.docx"',
    )
    add_library_option(parser)
    add_selection_options(parser)
    parser.add_argument(
        "--template", type=Path, default=None, metavar="FILE",
        help="your council's Word template (.docx or .dotx) whose styles, header and footer the report uses",
    )
    parser.add_argument("--out", type=Path, default=None, metavar="FILE.docx", help="where to save")
    add_check_options(parser)
    parser.add_argument(
        "--pdf", action="store_true",
        help="also save a tagged (accessible) PDF beside it, FILE.pdf (needs LibreOffice)",
    )
    parser.add_argument(
        "--no-charts", action="store_true", help="leave the charts out of the Summary section",
    )
    add_force_option(parser)
    parser.add_argument(
        "--action-plan", action="store_true",
        help="end with Appendix A, the programme's action plan (a table of actions per "
        "priority, on landscape pages; see also: main.py action-plan)",
    )
    parser.add_argument(
        "--assets", action="store_true",
        help="add the 'Community assets' section: counts by category and place, then the "
        "programme's asset register grouped by category, and the connections",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    # Imported here, not at the top: python-docx costs start-up for every other command.
    from facilitator.reports.docx_writer import export_report
    from facilitator.reports.gather import build_report

    def export(store, programme, workshops) -> int:
        refuse_read_only_target(args.out, args.force)
        checked = check_personal_data(args, store, programme, workshops)
        if checked is not None:
            return checked
        report = build_report(store, programme, workshops, assets=args.assets)
        if args.action_plan:
            from facilitator.reports.action_plan import gather_action_plan

            report.action_plan = gather_action_plan(store, programme.id)
            for warning in report.action_plan.warnings:
                print(f"warning: possible personal data: {warning}", file=sys.stderr)
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        result = export_report(
            report, args.out, args.template, charts=not args.no_charts, pdf=args.pdf
        )
        counted = ", ".join(report.counted_codes)
        print(f"{result.path}: {report.subtitle}, {report.note_count} notes from {counted}")
        if result.pdf:
            print(f"{result.pdf}: the same, as a tagged PDF")
        for note in result.notes:
            print(f"note: {note}")
        return 0

    return run_on_selection(args, export)
