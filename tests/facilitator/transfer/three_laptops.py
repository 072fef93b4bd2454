"""Three laptops correcting one programme's library, with their clocks set apart, and passing
workshop files along the way: the office's set-up, one operation on a laptop, a whole round
(``run_case``: the office imports the laptops' last files in several orders, each laptop the
others'), and the outcomes every library must show. Used by the convergence tests
(test_library_ops_convergence.py, test_purges_converge.py)."""

from __future__ import annotations

import contextlib
import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from hypothesis import strategies as st

from facilitator import library_ops as ops
from facilitator.library import open_library
from facilitator.models import Note, Programme, Theme, ValidationError, Workshop
from facilitator.store import LibraryError
from facilitator.store import library_ops as sql
from facilitator.transfer import import_workshop_files
from facilitator.transfer import workshop_file as wf
from tests.facilitator.transfer.helpers import export_all, snapshot

TITLE = "Communities 2015"
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SKEWS = st.sampled_from([timedelta(0), timedelta(hours=1), timedelta(days=-3)])
KINDS = [
    "edit", "delete_note", "restore_note", "theme_note", "add_theme", "delete_workshop",
    "restore_workshop", "delete_theme", "restore_theme", "merge_workshops", "add_workshop",
    "merge_programme", "purge", "send", "undo_merge",
]
LABELS = ["Transport", "transport", "Bus"]
KEPT = "are in use here; they were kept"
operations = st.lists(
    st.tuples(
        st.integers(0, 2),             # which laptop
        st.sampled_from(KINDS),
        st.integers(0, 20),            # which record
        st.integers(0, 20),            # which other record (or laptop, for "send")
        st.sampled_from(["Bus", "Lift", "Taxi"]),
        st.integers(0, 3),             # minutes on that laptop's clock (equal times happen)
    ),
    min_size=1,
    max_size=12,
)
#: Modules that read the clock when they write an edit time, a redirect or a purge.
CLOCKS = ("facilitator.store.base", "facilitator.store.store", "facilitator.library_merge",
          "facilitator.store.library_ops.purging", "facilitator.transfer.workshop_file",
          "facilitator.transfer.prepare", "facilitator.transfer.programme_question",
          "facilitator.merge_record")


@contextlib.contextmanager
def clock(when: datetime):
    text = when.isoformat(timespec="microseconds")
    with contextlib.ExitStack() as stack:
        for module in CLOCKS:
            stack.enter_context(mock.patch(f"{module}.utc_now", lambda: text))
        yield


@dataclasses.dataclass
class Round:
    """Three laptops set up from one office file, and what the test did on them."""

    folder: Path
    base: Path
    programme: str
    laptops: list
    notes: list[str]
    workshops: list[str]
    themes: list[str]
    #: (table, old id, new id) of every merge made on a laptop (and not undone there).
    merges: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    #: Per laptop, its merges that Edit > Undo can still undo: (record, their ``merges``).
    undoable: dict[int, list] = dataclasses.field(default_factory=dict)
    #: Every merge made, undone or not.
    made: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    files: int = 0
    #: A library kept a record another laptop emptied from Deleted items because it is in
    #: use there (not deleted): a file may not remove it (issue 12, rule 2); it comes back
    #: on the laptop that emptied it if used since (live data beats a purge, both ways).
    kept_in_use: bool = False

    def choices(self) -> dict[str, str]:
        """A programme set up separately whose merge was undone is asked about (the same
        title as the shared one) where the merge is not known: it stays separate."""
        return {pid: wf.SEPARATE for table, pid, _ in self.made if table == "programmes"}

    def merged(self, who: int, record, entries: list[tuple[str, str, str]]) -> None:
        self.merges += entries
        self.made += entries
        self.undoable.setdefault(who, []).append((record, entries))

    def imported(self, summaries) -> None:
        assert all(s.ok for s in summaries), [s.error for s in summaries]
        if any(KEPT in w for s in summaries for w in s.warnings) or any(
                c.startswith("Came back") for s in summaries for c in s.changes):
            self.kept_in_use = True

    def export(self, index: int) -> Path:
        self.files += 1
        return export_all(self.laptops[index], self.folder / f"{self.files} from {index}.workshop")


def setting_up(formats, folder: Path, when: datetime | None = None) -> Round:
    """The office's set-up, made at ``when`` (its records' times too), or now."""
    times = {}
    if when is not None:
        text = when.isoformat(timespec="microseconds")
        times = {"created_at": text, "updated_at": text}
    office = open_library(None, formats)
    store = office.store
    programme = store.add_programme(Programme(TITLE, **times))
    workshops = [store.add_workshop(Workshop(programme.id, f"W{i}", "Q?", "delivery-planning",
                                             **times))
                 for i in (1, 2, 3)]
    themes = [store.add_theme(Theme(programme.id, "who", "Transport", **times)),
              store.add_theme(Theme(programme.id, "how", "Funding", **times))]
    notes = store.add_notes([
        Note(w.id, "who", f"{w.code} note {i}", theme_id=themes[0].id if i else None, **times)
        for w in workshops for i in range(2)
    ])
    # Deleted at the office before the round: every laptop has them in Deleted items.
    old_workshop = store.add_workshop(Workshop(programme.id, "W9", "Practice", "delivery-planning",
                                               **times))
    store.add_notes([Note(old_workshop.id, "who", "practice note", **times)])
    old_theme = store.add_theme(Theme(programme.id, "how", "Old theme", **times))
    store.set_workshop_deleted(old_workshop.id, True)
    store.set_theme_deleted(old_theme.id, True)
    workshops.append(old_workshop)
    themes.append(old_theme)
    base = export_all(office, folder / "set-up.workshop")
    laptops = []
    for _ in range(3):
        laptop = open_library(None, formats)
        [summary] = import_workshop_files(laptop.store, [base], backup_dir=folder)
        assert summary.ok, summary.error
        laptops.append(laptop)
    office.close()
    return Round(folder, base, programme.id, laptops, [n.id for n in notes],
                 [w.id for w in workshops], [t.id for t in themes])


def _pick(ids: list[str], index: int) -> str:
    return ids[index % len(ids)]


def apply(r: Round, who: int, kind: str, a: int, b: int, text: str) -> None:
    """One operation on laptop ``who``; one that does not apply there (a record it has not
    heard of yet, a merge of a deleted workshop) changes nothing."""
    store = r.laptops[who].store
    try:
        if kind == "edit":
            note = store.get_note(_pick(r.notes, a))
            note.text = text
            store.update_note(note)
        elif kind in ("delete_note", "restore_note"):
            note = store.get_note(_pick(r.notes, a))
            store.set_notes_deleted([note.id], kind == "delete_note")
        elif kind == "theme_note":
            note, theme = store.get_note(_pick(r.notes, a)), store.get_theme(_pick(r.themes, b))
            if store.get_workshop(note.workshop_id).programme_id == theme.programme_id:
                store.set_notes_theme([note.id], theme.id)
        elif kind == "add_theme":
            theme = store.add_theme(Theme(r.programme, "who", LABELS[b % len(LABELS)]))
            r.themes.append(theme.id)
        elif kind == "delete_workshop":
            ops.delete_workshop(store, _pick(r.workshops, a))
        elif kind == "restore_workshop":
            ops.restore(store, "workshop", _pick(r.workshops, a))
        elif kind == "delete_theme":
            ops.delete_theme(store, _pick(r.themes, a))
        elif kind == "restore_theme":
            ops.restore(store, "theme", _pick(r.themes, a))
        elif kind == "merge_workshops":
            keep, other = _pick(r.workshops, a), _pick(r.workshops, b)
            pairs = [(t.id, k.id) for t, k in ops.preview_merge_workshops(store, keep, other)
                     .themes]
            record = ops.merge_workshops(store, keep, other, attendance="sum")
            r.merged(who, record, [("workshops", other, keep)] + [("themes", t, k)
                                                                  for t, k in pairs])
        elif kind == "add_workshop":
            workshop = store.add_workshop(
                Workshop(r.programme, f"W{4 + b % 2}", "Q?", "delivery-planning"))
            r.workshops.append(workshop.id)
            r.notes.append(store.add_note(Note(workshop.id, "what", text)).id)
        elif kind == "merge_programme":
            # Set up separately on this laptop (the same title), then merged into the
            # programme every laptop has.
            separate = store.add_programme(Programme(TITLE))
            workshop = store.add_workshop(
                Workshop(separate.id, f"W{7 + b % 2}", "Q?", "delivery-planning"))
            theme = store.add_theme(Theme(separate.id, "who", LABELS[b % len(LABELS)]))
            note = store.add_note(Note(workshop.id, "who", text, theme_id=theme.id))
            r.workshops.append(workshop.id)
            r.notes.append(note.id)
            r.themes.append(theme.id)
            preview = ops.preview_merge_programmes(store, separate.id, r.programme)
            record = ops.merge_programmes(store, separate.id, r.programme, keep_pairs=True)
            r.merged(who, record, [("programmes", separate.id, r.programme)] + [
                ("themes", t.id, k.id) for t, k in preview.themes_merging])
        elif kind == "undo_merge":
            # Edit > Undo of this laptop's latest merge (refused if anything it changed has
            # changed since), after its file may already have gone to the others.
            if r.undoable.get(who):
                record, entries = r.undoable[who].pop()
                ops.undo_merge(store, record)
                for entry in entries:
                    r.merges.remove(entry)
        elif kind == "purge":
            ops.empty_deleted_items(store)
        elif kind == "send":
            to = b % 3
            if to != who:
                path = r.export(who)
                r.imported(import_workshop_files(r.laptops[to].store, [path],
                                                 backup_dir=r.folder, choices=r.choices()))
    except (LibraryError, ValidationError):
        pass  # not applicable on this laptop now: nothing changed


def purged(lib) -> set[tuple[str, str]]:
    return {tuple(r) for r in lib.store.conn.execute(
        "SELECT table_name, id FROM purged_records")}


def check_outcomes(r: Round, here, gone: set[tuple[str, str]], did_purge: bool) -> None:
    store = here.store
    # Emptied from Deleted items anywhere: gone here, and kept as gone; unless a laptop
    # still used it (live data beats a purge, both ways): then it is here, not as gone.
    for table, record_id in gone:
        here_now = bool(sql.existing_ids(store, table, [record_id]))
        assert here_now != ((table, record_id) in purged(here)), (table, record_id)
        if here_now:
            assert r.kept_in_use, (table, record_id)
    # Merged anywhere: the record holds nothing here, and what it was merged into is live
    # or can be restored from Deleted items. (Two laptops merging the same pair opposite
    # ways: the newer merge decides, the older one's redirect is left unfollowed.)
    resolved = ops.merged_away(store)
    # A merge undone on any laptop is undone here too (its "merge undone" marker is the
    # newest word on that record), whichever laptop made the merge.
    undone = {(r.table_name, r.old_id) for r in sql.redirects(store, include_deleted=True)
              if r.deleted}
    restorable = {(f"{i.kind}s", i.id) for i in ops.deleted_items(store)}
    references = {"programmes": [("workshops", "programme_id"), ("themes", "programme_id")],
                  "workshops": [("notes", "workshop_id"), ("photos", "workshop_id")],
                  "themes": [("notes", "theme_id")]}
    for table, old, new in r.merges:
        final = resolved.get(table, {}).get(old, old)
        if {(table, old), (table, new), (table, final)} & gone or (table, old) in undone:
            continue
        assert final == resolved.get(table, {}).get(new, new), (table, old, new)
        assert final not in resolved.get(table, {})
        for merged in (old, new):
            if merged == final:
                continue
            for child, column in references[table]:
                rows = store.conn.execute(
                    f"SELECT count(*) FROM {child} WHERE {column} = ?", [merged]).fetchone()[0]
                assert rows == 0, (table, merged, child)
        [deleted] = store.conn.execute(f"SELECT deleted FROM {table} WHERE id = ?",
                                       [final]).fetchone()
        assert not deleted or (table, final) in restorable, (table, final)
    # No note is lost by merging (only "Empty deleted items" removes notes).
    if not did_purge:
        assert not set(r.notes) - sql.existing_ids(store, "notes", r.notes)


def run_case(formats, skews, changes, folder: Path, *, set_up_behind: bool = False,
             check=None, notes: list | None = None) -> None:
    """The office sets up a month before the laptops' edits (their clocks are right, an
    hour ahead, or days behind one another), or, with ``set_up_behind``, now: every edit
    then carries a time before the set-up's. ``check`` looks at each office library too;
    ``notes`` is given the set-up's note ids."""
    r = setting_up(formats, folder, None if set_up_behind else START - timedelta(days=30))
    if notes is not None:
        notes.extend(r.notes)
    # Each laptop's clock is right, an hour ahead or days behind, and runs backwards as
    # often as forwards between its own operations (equal times happen too, between
    # laptops and on one): an edit is still dated after the version it replaces
    # (``models.edit_time``), so the merges decide the same way in every library.
    for who, kind, a, b, text, minute in changes:
        when = START + skews[who] + timedelta(minutes=minute)
        with clock(when):
            apply(r, who, kind, a, b, text)
    finals = [r.export(i) for i in range(3)]
    did_purge = any(kind == "purge" for _, kind, *_ in changes)
    gone = set().union(*(purged(lap) for lap in r.laptops))
    results = []
    for order in ((0, 1, 2), (2, 1, 0), (1, 2, 0)):
        here = open_library(None, formats)
        import_workshop_files(here.store, [r.base], backup_dir=folder)
        r.imported(import_workshop_files(here.store, [finals[i] for i in order],
                                         backup_dir=folder, choices=r.choices()))
        check_outcomes(r, here, gone, did_purge)
        if check is not None:
            check(here)
        results.append(snapshot(here))
        here.close()
    for index, laptop in enumerate(r.laptops):
        others = [finals[i] for i in range(3) if i != index]
        r.imported(import_workshop_files(laptop.store, others, backup_dir=folder,
                                         choices=r.choices()))
        check_outcomes(r, laptop, gone, did_purge)
        results.append(snapshot(laptop))
        laptop.close()
    if r.kept_in_use:
        # (see Round.kept_in_use: a record emptied on one laptop is kept where it is still
        # in use, and comes back on the laptop that emptied it only if used since; and a
        # deletion on a third laptop crossing those files in another order leaves it
        # deleted in one library and live in another: the case where libraries can
        # differ, by design, documented in the user guide.)
        return
    # The office in every order, and each laptop that learns the other two laptops' files,
    # compute the same rows.
    assert all(result == results[0] for result in results)


#: Laptop 0 merges W3 into W2 and sends its file to laptop 1, which then edits a note
#: the merge moved; laptop 2 deletes W1 and empties Deleted items.
FIXED = [
    (0, "merge_workshops", 1, 2, "Bus", 0),
    (0, "send", 0, 1, "Bus", 0),
    (1, "edit", 4, 0, "Lift", 1),
    (2, "delete_workshop", 0, 0, "Bus", 0),
    (2, "purge", 0, 0, "Bus", 1),
]


#: Laptop 1 empties Deleted items (the practice workshop W9 and a theme deleted at the
#: office before the round): every library removes them.
FIXED_PURGE = [(1, "edit", 0, 0, "Lift", 0), (1, "purge", 0, 0, "Bus", 1),
               (0, "merge_workshops", 1, 2, "Bus", 0)]
