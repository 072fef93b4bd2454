"""``main.py assets``: a programme's community assets register as Excel, CSV or Word."""

from __future__ import annotations

from pathlib import Path

from facilitator.cli.common import add_programme_option, error, run_on_programme


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "assets",
        help="export a programme's community assets register (.xlsx, .csv or .docx)",
        description="Write the programme's asset register, the strengths the community "
        "already has as named at its asset-mapping sessions: name, category, what it offers, "
        "place, who can help connect, the workshops that named it, its connections and notes. "
        "The file's ending chooses the kind: .xlsx (a sheet of the register and sheets of "
        "counts by category and by place), .csv (the register) or .docx (counts by category "
        "and place, then the register grouped by category, then the connections). An asset "
        "whose 'who can help connect' looks like a person's contact details is listed as a "
        "warning (the same check as the report's personal-data check).",
        epilog='example: main.py assets --programme "TITLE" --out "Assets.xlsx"',
    )
    add_library_option(parser)
    add_programme_option(parser)
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx|.csv|.docx",
                        help="where to save; its ending chooses the kind of file")
    parser.set_defaults(func=run)


def run(args) -> int:
    from facilitator.reports.assets_export import SUFFIXES, export_assets

    if args.out.suffix.lower() not in SUFFIXES:
        return error(f"--out must end in .xlsx, .csv or .docx, not {args.out.name!r}.")

    def work(store, programme) -> int:
        section = export_assets(store, programme, args.out)
        for warning in section.warnings:
            print(f"warning: {warning}")
        print(f"{args.out}: {section.total} assets, {len(section.connections)} connections")
        return 0

    return run_on_programme(args, work)
