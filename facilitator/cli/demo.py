"""``main.py demo``: create the built-in demo programme in a library."""

from __future__ import annotations

from facilitator.cli.common import run_on_library
from facilitator.demo import load_demo


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "demo", help="add the built-in 2015 demo programme (illustrative notes) to a library"
    )
    add_library_option(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    def work(library) -> int:
        programme = load_demo(library.store, sessions=True)
        workshops = library.store.workshops(programme.id)
        print(f"{programme.title}: {len(workshops)} workshops in {library.path}")
        return 0

    return run_on_library(args, work, create=True)
