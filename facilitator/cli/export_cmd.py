"""``main.py export``: write workshops (one, several, or a whole programme) to a .workshop file."""

from __future__ import annotations

from pathlib import Path

from facilitator.cli.common import add_force_option, refuse_read_only_target, run_on_library
from facilitator.models import Workshop
from facilitator.store import LibraryError, Store
from facilitator.transfer import export_workshops


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "export",
        help="export workshops to a .workshop file to hand to another laptop",
        description="Export a whole programme (--programme), or chosen workshops by code "
        "(--workshops W1,W2, with --programme when two programmes share a code), with "
        "their notes, themes and attendance, into one .workshop file. Give the file to the "
        "officer compiling the programme, who brings it in with: main.py import FILE.",
        epilog='example: main.py export --workshops W1,W2 --out "W1-W2 from Ann.workshop"',
    )
    add_library_option(parser)
    parser.add_argument("--programme", metavar="TITLE", help="the programme's title")
    parser.add_argument("--workshops", metavar="W1,W2", help="workshop codes, comma-separated")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE.workshop", help="where to save"
    )
    add_force_option(parser)
    parser.set_defaults(func=run)


def choose_workshops(store: Store, title: str | None, codes_text: str | None) -> list[Workshop]:
    """The workshops the options name; LibraryError says what could not be found."""
    if not title and not codes_text:
        raise LibraryError("Say what to export: --programme \"TITLE\" or --workshops W1,W2.")
    from facilitator.selection import find_programme

    programmes = store.programmes()
    if title:
        programmes = [find_programme(store, title)]
    if not codes_text:
        # The whole programme: deleted workshops go too, so their deletion travels.
        workshops = store.workshops(programmes[0].id, include_deleted=True)
        if not any(not w.deleted for w in workshops):
            raise LibraryError(f"The programme {programmes[0].title!r} has no workshops yet.")
        return workshops
    codes = [c.strip() for c in codes_text.split(",") if c.strip()]
    chosen = []
    for code in codes:
        found = [
            w for p in programmes for w in store.workshops(p.id)
            if w.code.casefold() == code.casefold()
        ]
        if not found:
            raise LibraryError(f"No workshop with code {code!r}.")
        if len(found) > 1:
            titles = "; ".join(store.get_programme(w.programme_id).title for w in found)
            raise LibraryError(
                f"Workshop code {code!r} is in more than one programme ({titles}): "
                "add --programme \"TITLE\"."
            )
        chosen.append(found[0])
    return chosen


def run(args) -> int:
    def export(library) -> int:
        refuse_read_only_target(args.out, args.force)
        workshops = choose_workshops(library.store, args.programme, args.workshops)
        result = export_workshops(library.store, [w.id for w in workshops], args.out)
        live = [w for w in workshops if not w.deleted]
        codes = ", ".join(w.code for w in live)
        print(
            f"{result.path}: {len(live)} workshops ({codes}), "
            f"{result.counts.get('notes', 0)} notes"
        )
        return 0

    return run_on_library(args, export, reading=True)
