"""``main.py new-workshop``: add one workshop to a programme from the command line."""

from __future__ import annotations

from facilitator.cli.common import run_on_library

STATUSES = ("planned", "held", "postponed", "cancelled")


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "new-workshop",
        help="add a workshop (code, theme question, format, date, venue...) to a programme",
        description="Add a workshop to a programme, with the checks the window makes: the "
        "code must be new in the programme (an existing one is named), the format must be "
        "one the library has (they are listed if not), a date is YYYY-MM-DD or day first "
        "(4/3/2015), and a postponed or cancelled workshop needs --reason.",
        epilog='example: main.py new-workshop --programme "TITLE" --code W8 --question '
        '"How can we help carers?" --format delivery-planning --date 2026-03-04',
    )
    add_library_option(parser)
    parser.add_argument("--programme", required=True, metavar="TITLE",
                        help="the programme's title (case, spacing and punctuation aside)")
    parser.add_argument("--code", required=True, metavar="CODE", help="short code, e.g. W8")
    parser.add_argument("--question", required=True, metavar="TEXT",
                        help="the theme question, e.g. 'How can I help older people?'")
    parser.add_argument("--format", required=True, metavar="KEY",
                        help="the workshop's format, e.g. delivery-planning (see the list an "
                        "unknown one prints)")
    parser.add_argument("--date", default="", metavar="YYYY-MM-DD", help="when it is held")
    parser.add_argument("--venue", default="", metavar="TEXT")
    parser.add_argument("--district", default="", metavar="TEXT")
    parser.add_argument("--facilitators", default="", metavar="NAMES",
                        help="names, separated by commas")
    parser.add_argument("--status", default="planned", choices=STATUSES)
    parser.add_argument("--reason", default="", metavar="TEXT",
                        help="why it was postponed or cancelled (needed for those)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from facilitator.models import Workshop, WorkshopStatus
    from facilitator.planning import describe_workshop, find_programme, new_workshop

    def add(library) -> int:
        programme = find_programme(library.store, args.programme)
        workshop = new_workshop(library.store, programme, Workshop(
            programme.id, args.code, args.question.strip(), args.format,
            date=args.date, venue=args.venue.strip(), district=args.district.strip(),
            facilitators=args.facilitators.strip(), status=WorkshopStatus(args.status),
            status_reason=args.reason.strip(),
        ))
        print(f"Added workshop {describe_workshop(workshop)} to {programme.title!r}")
        return 0

    return run_on_library(args, add)
