"""``main.py list``: programmes and their workshops, with dates, status and note counts."""

from __future__ import annotations

from facilitator.cli.common import run_on_library
from facilitator.library import Library


def register(sub, add_library_option) -> None:
    parser = sub.add_parser("list", help="list programmes and their workshops")
    add_library_option(parser)
    parser.set_defaults(func=run)


def run(args) -> int:
    return run_on_library(args, _list, reading=True)


def _list(library: Library) -> int:
    store = library.store
    counts = store.note_counts()
    programmes = store.programmes()
    if not programmes:
        print(f"{library.path}: no programmes yet (try: main.py demo)")
    for programme in programmes:
        print(programme.title)
        for w in store.workshops(programme.id):
            print(
                f"  {w.code:<5} {w.date or 'no date':<10}  {w.status.value:<10} "
                f"{counts.get(w.id, 0):>4} notes  {w.theme_question}"
            )
            if w.status_reason:
                print(f"  {'':<5} {'':<10}  {w.status_reason}")
    return 0
