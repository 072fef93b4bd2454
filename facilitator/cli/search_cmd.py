"""``main.py search``: find notes by their words, printing one line per hit."""

from __future__ import annotations

from facilitator.cli.common import run_on_library
from facilitator.store import LibraryError


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "search",
        help="find notes by their words (and their theme's name)",
        description="Print one line per note found, best match first: workshop code, step "
        "key, note id and text, separated by tabs. Words match whole words with accents and "
        "capitals ignored; word* matches words starting with it; \"two words\" matches the "
        "phrase; OR between two words matches either. The filters combine.",
        epilog='example: main.py search --programme "TITLE" --step how "lunch club*"',
    )
    add_library_option(parser)
    parser.add_argument("--programme", metavar="TITLE", help="only this programme")
    parser.add_argument("--workshop", metavar="W", action="append",
                        help="only this workshop code (give it again for more)")
    parser.add_argument("--step", metavar="KEY", help="only this step (who, what, how…)")
    parser.add_argument("--tag", metavar="AREA",
                        help="only notes with this support area (its key or its name)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--theme", metavar="LABEL", help="only notes in the theme so named")
    which.add_argument("--untagged", action="store_true", help="only notes with no tag")
    which.add_argument("--unthemed", action="store_true", help="only notes not in a theme")
    parser.add_argument("--limit", type=int, default=200, metavar="N",
                        help="at most N lines (default 200)")
    parser.add_argument("query", metavar="QUERY", help="what to look for, in quotes")
    parser.set_defaults(func=run)


def filters_for(store, args):
    from facilitator.reports.gather import find_programme
    from facilitator.sense.search import SearchFilters, tag_keys

    filters = SearchFilters(step_key=args.step, untagged=args.untagged, unthemed=args.unthemed)
    programme = find_programme(store, args.programme) if args.programme else None
    if programme is not None:
        filters.programme_id = programme.id
    if args.workshop:
        workshops = store.workshops(programme.id if programme else None)
        wanted = {c.casefold() for c in args.workshop}
        filters.workshop_ids = [w.id for w in workshops if w.code.casefold() in wanted]
        found = {w.code.casefold() for w in workshops if w.id in filters.workshop_ids}
        missing = [c for c in args.workshop if c.casefold() not in found]
        if missing:
            raise LibraryError(f"No workshop with code {', '.join(missing)}.")
    if args.tag:
        keys = tag_keys(store, args.tag)
        if not keys:
            raise LibraryError(f"No support area or tag called {args.tag!r}.")
        filters.tag = keys[0]
    if args.theme:
        label = " ".join(args.theme.split()).casefold()
        filters.theme_ids = [
            t.id for t in store.themes(programme.id if programme else None, args.step)
            if t.label.casefold() == label]
        if not filters.theme_ids:
            raise LibraryError(f"No theme called {args.theme!r}.")
    return filters


def run(args) -> int:
    from facilitator.sense.search import search

    def work(library) -> int:
        store = library.store
        hits = search(store, args.query, filters_for(store, args), limit=max(1, args.limit))
        for hit in hits:
            text = " ".join(hit.text.split())
            print(f"{hit.workshop_code}\t{hit.step_key}\t{hit.note_id}\t{text}")
        if not hits:
            print("No notes found.", flush=True)
        return 0

    return run_on_library(args, work, reading=True)
