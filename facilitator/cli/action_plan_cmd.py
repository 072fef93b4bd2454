"""``main.py action-plan``: the programme's action plan (Appendix A) as a Word document."""

from __future__ import annotations

import sys
from pathlib import Path

from facilitator.cli.common import add_programme_option, run_on_programme


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "action-plan",
        help="export a programme's action plan (Appendix A) as a Word document (.docx)",
        description="Write the action plan on landscape pages: for each strategic priority, "
        "in order, a table of its actions (action, support area, lead, timescale, measure of "
        "success, status, the workshops the idea came from) and its key progress to date; "
        "actions not yet under a priority come last. The same appendix can be added to the "
        "Summary of Results (report --action-plan). A lead or partners that looks like a "
        "private person's contact details (the report's personal-data check) is listed as a "
        "warning on stderr.",
        epilog='example: main.py action-plan --programme "TITLE" --out "Action plan.docx"',
    )
    add_library_option(parser)
    add_programme_option(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.docx",
                        help="where to save")
    parser.add_argument(
        "--template", type=Path, default=None, metavar="FILE",
        help="your council's Word template (.docx or .dotx) whose styles the document uses")
    parser.set_defaults(func=run)


def run(args) -> int:
    from facilitator.reports.action_plan import gather_action_plan
    from facilitator.reports.action_plan_doc import write_action_plan

    def export(store, programme) -> int:
        path = write_action_plan(store, programme.id, args.out, args.template)
        plan = gather_action_plan(store, programme.id)
        print(f"{path}: {plan.action_count} actions under "
              f"{sum(1 for t in plan.tables if t.heading.startswith('Priority'))} priorities")
        for warning in plan.warnings:
            print(f"warning: possible personal data: {warning}", file=sys.stderr)
        return 0

    return run_on_programme(args, export)
