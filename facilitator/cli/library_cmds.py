"""Correcting a library from the command line: ``rename-programme``, ``merge-programmes``,
``merge-workshops``, ``delete-workshop``, ``delete-programme``, ``restore``, ``deleted``,
``empty-deleted`` and ``prepare-laptops``. Each is one transaction through
``facilitator.library_ops``, the same code the window's commands run."""

from __future__ import annotations

from pathlib import Path

from facilitator.cli.common import run_on_library
from facilitator.names import counted
from facilitator.store import LibraryError

#: A programme can also be named by its id, when two have the same title.
ID_HINT = "the programme's title in quotes (or its id, shown when two share a title)"


def register(sub, add_library_option) -> None:
    def command(name, help, description, epilog, func):
        parser = sub.add_parser(name, help=help, description=description, epilog=epilog)
        add_library_option(parser)
        parser.set_defaults(func=func)
        return parser

    for add in (_rename_programme, _merge_programmes, _merge_workshops, _delete_workshop,
                _delete_programme, _restore, _deleted, _empty_deleted, _prepare_laptops):
        add(command)


# ---------------------------------------------------------- the sub-commands
# Each adds its parser with ``command(name, help, description, epilog, func)`` (which gives
# it --library) and then its own options.
def _rename_programme(command) -> None:
    p = command(
        "rename-programme", "rename a programme (its title is the report's title)",
        "Give a programme a new title. Refused if the title is empty or another programme "
        "already has it (case, spacing and punctuation aside).",
        'example: main.py rename-programme --programme "Rutland 2062" --title "Rutland 2026"',
        run_rename,
    )
    p.add_argument("--programme", required=True, metavar="TITLE", help=ID_HINT)
    p.add_argument("--title", required=True, metavar="NEW", help="the new title")


def _merge_programmes(command) -> None:
    p = command(
        "merge-programmes", "merge one programme into another (two laptops set up one round)",
        "Move every workshop, note and theme of the --from programme into the --into "
        "programme (themes of the same label join) and delete --from, leaving a record that "
        "travels in .workshop files so files from laptops that still have it land in --into. "
        "A workshop whose code --into already uses needs --code OLD=NEW, or --keep-pairs to "
        "keep the code and merge the two workshops afterwards (merge-workshops).",
        'example: main.py merge-programmes --from "Rutland 2026 (Raj)" --into "Rutland 2026" '
        "--code W2=W12",
        run_merge_programmes,
    )
    p.add_argument("--from", dest="source", required=True, metavar="TITLE", help=ID_HINT)
    p.add_argument("--into", dest="target", required=True, metavar="TITLE", help=ID_HINT)
    p.add_argument("--code", action="append", default=[], metavar="OLD=NEW",
                   help="a new code for a moving workshop whose code is taken (repeatable)")
    p.add_argument("--keep-pairs", action="store_true",
                   help="keep taken codes: the two workshops are then offered for merging")


def _merge_workshops(command) -> None:
    p = command(
        "merge-workshops", "merge two copies of one workshop (two scribes, two laptops)",
        "Merge workshops of one programme that are the same event captured twice: every "
        "note of both is kept under the first made (or --keep), attendance is summed "
        "(--attendance sum) or taken from one (keep, other), themes of the same label join. "
        "With --code alone, the workshops sharing that code are merged; with --keep and "
        "--other, those two.",
        'example: main.py merge-workshops --programme "Rutland 2026" --code W2',
        run_merge_workshops,
    )
    p.add_argument("--programme", required=True, metavar="TITLE", help=ID_HINT)
    p.add_argument("--code", metavar="W2", help="merge the workshops that share this code")
    p.add_argument("--keep", metavar="CODE", help="the workshop to keep (with --other)")
    p.add_argument("--other", metavar="CODE", help="the workshop merged into --keep")
    p.add_argument("--attendance", choices=("sum", "keep", "other"), default="sum",
                   help="add the two attendances up (default), or keep one side's")


def _delete_workshop(command) -> None:
    p = command(
        "delete-workshop", "delete a workshop (it goes to Deleted items; restore brings it back)",
        "Delete a workshop with its notes. It is listed by main.py deleted and can be "
        "brought back with main.py restore; the deletion travels in .workshop files.",
        'example: main.py delete-workshop --programme "Rutland 2026" --code W8',
        run_delete_workshop,
    )
    p.add_argument("--programme", required=True, metavar="TITLE", help=ID_HINT)
    p.add_argument("--code", required=True, metavar="W8", help="the workshop's code")


def _delete_programme(command) -> None:
    p = command(
        "delete-programme", "delete a programme with its workshops (restore brings them back)",
        "Delete a programme and its workshops. main.py restore --programme brings back the "
        "programme and exactly the workshops deleted with it.",
        'example: main.py delete-programme --programme "Practice round"',
        run_delete_programme,
    )
    p.add_argument("--programme", required=True, metavar="TITLE", help=ID_HINT)


def _restore(command) -> None:
    p = command(
        "restore", "bring back a deleted programme or workshop",
        "Restore a deleted programme (with the workshops deleted together with it), or a "
        "deleted workshop (--workshop CODE with its --programme). See main.py deleted.",
        'example: main.py restore --programme "Rutland 2026" --workshop W8',
        run_restore,
    )
    p.add_argument("--programme", required=True, metavar="TITLE", help=ID_HINT)
    p.add_argument("--workshop", metavar="CODE", help="restore this workshop of the programme")


def _deleted(command) -> None:
    command(
        "deleted", "list Deleted items (newest first)",
        "List the deleted programmes, workshops, themes and assets that can still be restored.",
        "example: main.py deleted",
        run_deleted,
    )


def _empty_deleted(command) -> None:
    p = command(
        "empty-deleted", "remove Deleted items for good",
        "Remove every deleted programme, workshop, theme and asset for good (their notes too). "
        "Their ids are kept, so a .workshop file that still carries them cannot bring them "
        "back. Asks for --yes.",
        "example: main.py empty-deleted --yes",
        run_empty_deleted,
    )
    p.add_argument("--yes", action="store_true", help="yes, remove them for good")


def _prepare_laptops(command) -> None:
    p = command(
        "prepare-laptops", "export a programme's set-up (workshops, no notes) for each laptop",
        "Write the programme and its workshops (codes, questions, formats, dates, venues), "
        "without notes, into a .workshop file to hand to every facilitator before the round: "
        "each laptop imports it, and their files then come back into one programme.",
        'example: main.py prepare-laptops --programme "Rutland 2026" --out "Rutland set-up'
        '.workshop"',
        run_prepare,
    )
    p.add_argument("--programme", required=True, metavar="TITLE", help=ID_HINT)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.workshop",
                   help="where to save")


# ------------------------------------------------------------------ helpers
def pick_programme(store, text: str, *, deleted: bool = False):
    """The programme named by ``text``: its id, or its title (case, spacing and punctuation
    aside). Two live programmes of that title: LibraryError listing their ids."""
    from facilitator.models import name_key

    programmes = store.programmes(include_deleted=True)
    for programme in programmes:
        if programme.id == text.strip():
            return programme
    found = [p for p in programmes if p.deleted == deleted
             and name_key(p.title) == name_key(text)]
    if len(found) == 1:
        return found[0]
    if not found:
        where = "deleted programme" if deleted else "programme"
        titles = "; ".join(repr(p.title) for p in programmes if p.deleted == deleted)
        raise LibraryError(f"No {where} titled {text!r} (there are: {titles or 'none'}).")
    counts = store.note_counts()
    described = "; ".join(
        f"{p.id} ({len(store.workshops(p.id))} workshops, "
        f"{sum(counts.get(w.id, 0) for w in store.workshops(p.id))} notes, made "
        f"{p.created_at[:10]})" for p in found
    )
    raise LibraryError(
        f"{len(found)} programmes are titled {found[0].title!r}: name one by its id "
        f"instead ({described}), or merge them with main.py merge-programmes."
    )


def pick_workshop(store, programme, code: str, *, deleted: bool = False):
    from facilitator.models import code_key

    found = [w for w in store.workshops(programme.id, include_deleted=True)
             if w.deleted == deleted and code_key(w.code) == code_key(code)]
    if not found:
        state = "deleted workshop" if deleted else "workshop"
        raise LibraryError(f"No {state} {code!r} in {programme.title!r}.")
    return found[0]


# ----------------------------------------------------------------- commands
def library_command(work):
    """``work(args, store, ops)`` as a subcommand's ``func``: run on the library in one go,
    with ``facilitator.library_ops`` (imported when the command runs) as ``ops``."""

    def run(args) -> int:
        from facilitator import library_ops as ops

        return run_on_library(args, lambda library: work(args, library.store, ops))

    run.__name__ = run.__qualname__ = work.__name__
    run.__doc__ = work.__doc__
    return run


@library_command
def run_rename(args, store, ops) -> int:
    programme = pick_programme(store, args.programme)
    old = programme.title
    renamed = ops.rename_programme(store, programme.id, args.title)
    print(f"Renamed {old!r} to {renamed.title!r}")
    return 0


def parse_new_codes(pairs: list[str]) -> dict[str, str]:
    codes = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise LibraryError(f"--code {pair!r}: write it as OLD=NEW, such as W2=W12.")
        codes[old.strip()] = new.strip()
    return codes


@library_command
def run_merge_programmes(args, store, ops) -> int:
    source = pick_programme(store, args.source)
    target = pick_programme(store, args.target)
    if source.id == target.id:
        raise LibraryError("--from and --into name the same programme.")
    preview = ops.preview_merge_programmes(store, source.id, target.id)
    ops.merge_programmes(store, source.id, target.id, parse_new_codes(args.code),
                         keep_pairs=args.keep_pairs)
    print(
        f"Merged {source.title!r} into {target.title!r}: "
        f"{counted(len(preview.workshops), 'workshop')} and {counted(preview.notes, 'note')} "
        f"moved, {counted(len(preview.themes_merging), 'theme')} joined, "
        f"{len(preview.themes_moving)} moved"
    )
    for keep, _other in ops.same_code_pairs(store, target.id):
        print(f"  {keep.code} now appears twice: merge them with main.py merge-workshops "
              f"--programme {target.title!r} --code {keep.code}")
    return 0


@library_command
def run_merge_workshops(args, store, ops) -> int:
    from facilitator.models import code_key

    programme = pick_programme(store, args.programme)
    if args.code and not (args.keep or args.other):
        pairs = [p for p in ops.same_code_pairs(store, programme.id)
                 if code_key(p[0].code) == code_key(args.code)]
        if not pairs:
            raise LibraryError(f"Only one workshop {args.code!r} in {programme.title!r}: "
                               "nothing to merge.")
    elif args.keep and args.other:
        keep = pick_workshop(store, programme, args.keep)
        others = [w for w in store.workshops(programme.id)
                  if code_key(w.code) == code_key(args.other) and w.id != keep.id]
        if not others:
            raise LibraryError(f"No other workshop {args.other!r} in {programme.title!r}.")
        pairs = [(keep, others[0])]
    else:
        raise LibraryError("Say which workshops: --code W2 (those sharing the code), or "
                           "--keep W2 --other W2b.")
    for keep, other in pairs:
        preview = ops.preview_merge_workshops(store, keep.id, other.id)
        ops.merge_workshops(store, keep.id, other.id, args.attendance)
        total = store.attendance(keep.id).total
        print(f"Merged {other.code} into {keep.code}: "
              f"{counted(preview.notes_moving, 'note')} moved, "
              f"attendance {total} ({args.attendance})")
    return 0


@library_command
def run_delete_workshop(args, store, ops) -> int:
    programme = pick_programme(store, args.programme)
    workshop = pick_workshop(store, programme, args.code)
    ops.delete_workshop(store, workshop.id)
    print(f"Deleted {workshop.code} from {programme.title!r} (main.py restore brings it back)")
    return 0


@library_command
def run_delete_programme(args, store, ops) -> int:
    programme = pick_programme(store, args.programme)
    count = len(store.workshops(programme.id))
    ops.delete_programme(store, programme.id)
    print(f"Deleted {programme.title!r} with its {count} workshops "
          "(main.py restore brings them back)")
    return 0


@library_command
def run_restore(args, store, ops) -> int:
    if args.workshop:
        programme = pick_programme(store, args.programme)
        workshop = pick_workshop(store, programme, args.workshop, deleted=True)
        ops.restore(store, "workshop", workshop.id)
        print(f"Restored {workshop.code} in {programme.title!r}")
        return 0
    programme = pick_programme(store, args.programme, deleted=True)
    ops.restore(store, "programme", programme.id)
    print(f"Restored {programme.title!r} with {len(store.workshops(programme.id))} "
          "workshops")
    return 0


@library_command
def run_deleted(args, store, ops) -> int:
    items = ops.deleted_items(store)
    if not items:
        print("Deleted items: none")
    for item in items:
        extra = f", with {item.workshops} workshops" if item.workshops else ""
        where = "" if item.kind == "programme" else f" in {item.programme_title!r}"
        print(f"{item.deleted_at[:16].replace('T', ' ')}  {item.kind:<9} "
              f"{item.label}{where}{extra}")
    return 0


@library_command
def run_empty_deleted(args, store, ops) -> int:
    items = ops.deleted_items(store)
    if not args.yes:
        raise LibraryError(
            f"This removes {len(items)} deleted item(s) for good; add --yes to do it."
        )
    removed = ops.empty_deleted_items(store, items)
    print(f"Removed {removed} deleted item(s) for good")
    return 0


@library_command
def run_prepare(args, store, ops) -> int:
    programme = pick_programme(store, args.programme)
    result = ops.export_setup(store, programme.id, args.out)
    codes = ", ".join(w.code for w in store.workshops(programme.id))
    print(f"{result.path}: the set-up of {programme.title!r} ({codes}), no notes: give "
          "a copy to each facilitator to import before the round")
    return 0

