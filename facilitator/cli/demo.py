"""``main.py demo``: create the built-in demo programme in a library."""

from __future__ import annotations

from facilitator.demo import load_demo
from facilitator.library import default_library_path, open_library


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "demo", help="add the built-in 2015 demo programme (illustrative notes) to a library"
    )
    add_library_option(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    library = open_library(args.library or default_library_path())
    try:
        programme = load_demo(library.store, sessions=True)
        workshops = library.store.workshops(programme.id)
        print(f"{programme.title}: {len(workshops)} workshops in {library.path}")
    finally:
        library.close()
    return 0
