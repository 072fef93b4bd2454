"""``main.py new-programme``: start a round of workshops from the command line."""

from __future__ import annotations

from facilitator.cli.common import run_on_library


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "new-programme",
        help="add a programme (a round of workshops) to a library",
        description="Add a programme to the library (made if it does not exist yet). A "
        "title the library already has is refused, naming it: titles that differ only in "
        "case, spacing or punctuation are the same programme. Then add its workshops with "
        "new-workshop, or all at once from a spreadsheet with plan.",
        epilog='example: main.py new-programme --title "Delivery Planning Workshops 2026" '
        '--area Leicestershire',
    )
    add_library_option(parser)
    parser.add_argument("--title", required=True, metavar="TITLE",
                        help="the programme's title; it becomes the report's title")
    parser.add_argument("--area", default="", metavar="AREA",
                        help="the area the questions name, e.g. Leicestershire")
    parser.add_argument("--organisation", default="", metavar="NAME",
                        help="the council or organisation running it")
    parser.add_argument("--description", default="", metavar="TEXT",
                        help="a sentence or two for the report's introduction")
    parser.set_defaults(func=run)


def run(args) -> int:
    from facilitator.planning import new_programme

    def work(library) -> int:
        programme = new_programme(
            library.store, args.title, area=args.area, organisation=args.organisation,
            description=args.description,
        )
        print(f"Added the programme {programme.title!r} to {library.path}")
        return 0

    return run_on_library(args, work, create=True)
