"""Property tests with injected clocks: edits on two or three laptops, with equal
timestamps and clocks set days apart, imported at the office in more than one order.

They check outcomes, not only that every order agrees: a laptop's own edit is kept even
when its clock is behind (last-writer-wins would drop it), a note changed on two laptops is
reported as a conflict and the newer version wins, a deletion beats an older edit and
loses to a newer restore, and equal edit times are decided by the larger content hash
(the documented tie-break), the same in every order. Replacing the three-way merge with
last-writer-wins makes them fail (``test_last_writer_wins_would_fail_them``)."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.library import open_library
from facilitator.models import Note, Programme, Workshop
from facilitator.store.transfer_schema import table_columns
from facilitator.transfer import import_workshop_files
from facilitator.transfer import merge as merge_rules
from facilitator.transfer.merge import row_hash
from facilitator.transfer.merge_rows import tie_key
from tests.facilitator.transfer.helpers import export_all, snapshot

SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
NOTES = 3
#: The laptops' clocks: set right, an hour apart, and days behind (still in the past, so
#: their files are not refused as coming from the future).
START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SKEWS = st.sampled_from([timedelta(0), timedelta(hours=1), timedelta(days=-3)])
edits = st.lists(
    st.tuples(
        st.integers(0, 2),                                  # which laptop
        st.sampled_from(["edit", "delete", "restore"]),
        st.integers(0, NOTES - 1),                          # which note
        st.sampled_from(["Bus", "Lift", "Taxi"]),           # few texts: equal rows happen
        st.integers(0, 3),                                  # minutes on that laptop's clock
    ),
    min_size=1,
    max_size=8,
)


@contextlib.contextmanager
def clock(when: datetime):
    """Every edit time the store writes reads ``when``."""
    text = when.isoformat(timespec="microseconds")
    with mock.patch("facilitator.store.base.utc_now", lambda: text):
        yield


def setting_up(formats, folder, when: datetime | None = None):
    """The office's set-up, made now (after every laptop's edit: each edit is then dated
    just after the set-up's version it replaces, ``models.edit_time``), or at ``when``."""
    office = open_library(None, formats)
    store = office.store
    programme = store.add_programme(Programme("Rutland 2026"))
    workshop = store.add_workshop(Workshop(programme.id, "W1", "Q?", "delivery-planning"))
    notes = store.add_notes([Note(workshop.id, "who", f"Note {i}") for i in range(NOTES)])
    if when is not None:
        text = when.isoformat(timespec="microseconds")
        with store.transaction():
            for table in ("programmes", "workshops", "notes"):
                store.conn.execute(f"UPDATE {table} SET created_at = ?, updated_at = ?",
                                   [text, text])
    base = export_all(office, folder / "set-up.workshop")
    laptops = []
    for _ in range(3):
        laptop = open_library(None, formats)
        import_workshop_files(laptop.store, [base], backup_dir=folder)
        laptops.append(laptop)
    return office, laptops, [n.id for n in notes], base


def apply(laptop, kind, note_id, text, when):
    store = laptop.store
    with clock(when):
        if kind == "edit":
            note = store.get_note(note_id)
            note.text = text
            store.update_note(note)
        else:
            store.set_notes_deleted([note_id], kind == "delete")


def run_case(formats, skews, changes, folder, orders):
    office, laptops, ids, base = setting_up(formats, folder)
    touched: dict[str, set[int]] = {}
    for number, (who, kind, index, text, minute) in enumerate(changes):
        when = START + skews[who] + timedelta(minutes=minute, microseconds=number % 2)
        if number % 3 == 0:
            when = START + skews[who] + timedelta(minutes=minute)  # equal times happen
        apply(laptops[who], kind, ids[index], text, when)
        touched.setdefault(ids[index], set()).add(who)
    files = [export_all(lap, folder / f"laptop {i}.workshop") for i, lap in enumerate(laptops)]
    columns = [c.name for c in table_columns("notes")]
    results = []
    for order in orders:
        here = open_library(None, formats)
        import_workshop_files(here.store, [base], backup_dir=folder)
        summaries = import_workshop_files(here.store, [files[i] for i in order],
                                          backup_dir=folder)
        conflicts = {c.key for s in summaries for c in s.conflicts}
        for note_id in ids:
            versions = {}
            for who in touched.get(note_id, ()):
                row = laptops[who].store.conn.execute(
                    f"SELECT {', '.join(columns)} FROM notes WHERE id = ?", [note_id]
                ).fetchone()
                row = dict(zip(columns, row, strict=True))
                versions[tie_key("notes", row, row_hash(row, columns))] = row
            got = here.store.get_note(note_id)
            if not versions:
                assert (got.text, got.deleted) == (f"Note {ids.index(note_id)}", False)
                assert note_id not in conflicts
                continue
            # The documented rule: of the versions changed since the set-up, the newer edit
            # time wins, equal times going to the larger ``tie_key`` (content without the
            # references a merge rewrites, then the content hash).
            winner = max(versions.items(), key=lambda item: (item[1]["updated_at"], item[0]))[1]
            assert (got.text, got.deleted, got.updated_at) == (
                winner["text"], bool(winner["deleted"]), winner["updated_at"]
            ), (order, note_id)
            # A change made on one laptop only is taken without a conflict, however its
            # clock compares; two different versions are a conflict.
            assert (note_id in conflicts) == (len(versions) > 1), (order, note_id, versions)
        results.append(snapshot(here))
        here.close()
    assert all(result == results[0] for result in results)


@SETTINGS
@given(skews=st.lists(SKEWS, min_size=3, max_size=3), changes=edits)
def test_outcomes_with_skewed_and_equal_clocks_on_three_laptops(builtin_formats, skews,
                                                                 changes):
    with tempfile.TemporaryDirectory() as tmp:
        run_case(builtin_formats, skews, changes, Path(tmp), [(0, 1, 2), (2, 1, 0), (1, 2, 0)])


def test_a_laptop_behind_keeps_its_own_edit_and_a_tombstone_loses_to_a_newer_restore(
    builtin_formats, awkward_dir
):
    # The set-up a day before the round: the laptops' clocks are right, but for A's,
    # which is days behind, older than the set-up itself.
    office, laptops, ids, base = setting_up(builtin_formats, awkward_dir,
                                            START - timedelta(days=1))
    a, b, _ = laptops
    behind = START - timedelta(days=3)  # older than the set-up itself
    apply(a, "edit", ids[0], "A's wording", behind)
    apply(a, "delete", ids[1], "", START)
    apply(b, "edit", ids[1], "B's older edit", START - timedelta(minutes=5))
    apply(b, "delete", ids[2], "", START)
    apply(a, "restore", ids[2], "", START + timedelta(minutes=1))
    files = [export_all(lap, awkward_dir / f"{n}.workshop") for n, lap in (("a", a), ("b", b))]
    for order in (files, files[::-1]):
        here = open_library(None, builtin_formats)
        import_workshop_files(here.store, [base], backup_dir=awkward_dir)
        summaries = import_workshop_files(here.store, order, backup_dir=awkward_dir)
        store = here.store
        assert store.get_note(ids[0]).text == "A's wording"  # own edit, clock behind
        assert store.get_note(ids[1]).deleted  # the tombstone beats the older edit
        assert not store.get_note(ids[2]).deleted  # ...and loses to a newer restore
        assert {c.key for s in summaries for c in s.conflicts} == {ids[1], ids[2]}


def test_equal_times_are_decided_by_the_larger_tie_key(builtin_formats, awkward_dir):
    office, laptops, ids, base = setting_up(builtin_formats, awkward_dir)
    a, b, _ = laptops
    apply(a, "edit", ids[0], "Bus", START)
    apply(b, "edit", ids[0], "Lift", START)
    columns = [c.name for c in table_columns("notes")]
    rows = {}
    for lap in (a, b):
        row = lap.store.conn.execute(f"SELECT {', '.join(columns)} FROM notes WHERE id = ?",
                                     [ids[0]]).fetchone()
        row = dict(zip(columns, row, strict=True))
        rows[tie_key("notes", row, row_hash(row, columns))] = row["text"]
    expected = rows[max(rows)]
    files = [export_all(lap, awkward_dir / f"{n}.workshop") for n, lap in (("a", a), ("b", b))]
    for order in (files, files[::-1]):
        here = open_library(None, builtin_formats)
        import_workshop_files(here.store, [base], backup_dir=awkward_dir)
        [first, second] = import_workshop_files(here.store, order, backup_dir=awkward_dir)
        assert here.store.get_note(ids[0]).text == expected
        assert [c.key for c in second.conflicts] == [ids[0]] and not first.conflicts


def test_equal_times_are_decided_alike_whatever_merges_rewrote_the_references():
    """Two versions of a note edited at the same time on two laptops; one library has
    learnt a merge that re-points one version's theme, another has not. The digest alone
    orders the re-pointed version on the other side of the second one, so the libraries
    kept different versions (found by the three-laptop property); ``tie_key`` leaves the
    references out first, and both pick the same."""
    columns = [c.name for c in table_columns("notes")]
    when = START.isoformat(timespec="microseconds")
    base = dict.fromkeys(columns, "") | {"id": "n1", "workshop_id": "w1", "step_key": "who",
                                          "theme_id": None, "tags": "[]", "created_at": when,
                                          "updated_at": when, "deleted": 0}
    theirs = base | {"text": "Lift", "theme_id": "t-lift"}
    digest = row_hash(theirs, columns)
    # The same version ("Bus", in theme t-old) before and after a merge re-pointed its
    # theme, chosen so that the digest orders them either side of ``theirs``.
    versions = [base | {"text": "Bus", "theme_id": f"t-{n}"} for n in range(40)]
    above = next(v for v in versions if row_hash(v, columns) > digest)
    below = next(v for v in versions if row_hash(v, columns) < digest)

    def kept(mine: dict, tie: bool) -> str:
        mine_hash = row_hash(mine, columns)
        keys = (tie_key("notes", theirs, digest), tie_key("notes", mine, mine_hash))
        decision = merge_rules.decide(digest, when, mine_hash, when, None,
                                      tie=keys if tie else None)
        return theirs["text"] if decision.take_file else mine["text"]

    assert kept(above, tie=True) == kept(below, tie=True)
    assert kept(above, tie=False) != kept(below, tie=False)  # the digest alone


def last_writer_wins(file_hash, file_updated, local_hash, local_updated, base, **_):
    """The wrong merge: newer time wins, ignoring what each side changed since they met."""
    if local_hash is None:
        return merge_rules.Decision(merge_rules.Outcome.ADDED, True, False)
    if local_hash == file_hash:
        return merge_rules.Decision(merge_rules.Outcome.UNCHANGED, False, False)
    newer = (file_updated, file_hash) > (local_updated or "", local_hash)
    return merge_rules.Decision(
        merge_rules.Outcome.UPDATED if newer else merge_rules.Outcome.UNCHANGED, newer, False
    )


def test_last_writer_wins_would_fail_them(builtin_formats, awkward_dir):
    with mock.patch("facilitator.transfer.merge_rows.decide", last_writer_wins):
        with pytest.raises(AssertionError):
            test_a_laptop_behind_keeps_its_own_edit_and_a_tombstone_loses_to_a_newer_restore(
                builtin_formats, awkward_dir
            )
        # (A laptop's own edit behind the set-up's clock is dated after the version it
        # replaces, ``models.edit_time``, which last-writer-wins would then keep too; with
        # edits dated by the clock alone, the three-way merge still keeps it, and
        # last-writer-wins drops it.)
        with pytest.raises(AssertionError), \
                mock.patch("facilitator.store.base.edit_time", lambda previous, now: now):
            run_case(builtin_formats, [timedelta(days=-3)] * 3,
                     [(0, "edit", 0, "Bus", 0)], awkward_dir, [(0, 1, 2)])
        with pytest.raises(AssertionError):  # and two sides' edits are no conflict to it
            run_case(builtin_formats, [timedelta(0)] * 3,
                     [(0, "edit", 0, "Bus", 0), (1, "edit", 0, "Lift", 1)], awkward_dir,
                     [(0, 1, 2)])


def test_the_three_way_merge_keeps_an_own_edit_behind_even_with_edits_dated_by_the_clock(
    builtin_formats, awkward_dir
):
    with mock.patch("facilitator.store.base.edit_time", lambda previous, now: now):
        run_case(builtin_formats, [timedelta(days=-3)] * 3, [(0, "edit", 0, "Bus", 0)],
                 awkward_dir, [(0, 1, 2)])
