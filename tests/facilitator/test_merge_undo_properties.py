"""Property: merging programmes and workshops, then undoing, leaves the library exactly as
it was (every table, every column, the notes' rowids and the search index) but for what
makes the undo travel to other laptops: the few rows the merge edited carry the undo's
newer edit time, its redirects stay as "merge undone" markers, and an attendance count the
merge added is 0; and after each merge the search index says what a rebuild would say. The merge re-points notes
set-wise and skips index rows it knows are unchanged; these properties hold it to that.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator import library_ops as ops
from facilitator.library import open_library
from facilitator.models import Attendance, Note, Programme, Theme, ValidationError, Workshop
from facilitator.photos import Photo, PhotoImages
from facilitator.store import library_ops as sql
from facilitator.store.photos import PhotoStore
from tests.facilitator.transfer.helpers import without_undo_marks

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Labels that are the same theme to the merge (case, spacing) but not to the index.
LABELS = ["Transport", "transport", "Transport ", "Funding", "Bus"]
steps = st.sampled_from(["who", "how"])
themes = st.lists(st.tuples(steps, st.sampled_from(LABELS)), max_size=4)
notes = st.lists(
    st.tuples(st.integers(0, 5), steps, st.sampled_from(["Bus", "Lift", "Grant", "Café"]),
              st.integers(-1, 5), st.booleans()),
    max_size=10,
)
workshops = st.lists(st.sampled_from(["W1", "W2", "W3"]), min_size=1, max_size=3, unique=True)
side = st.tuples(workshops, themes, notes, st.integers(0, 2),
                 st.dictionaries(st.sampled_from(["residents", "vcse_groups"]),
                                 st.integers(0, 9)))


def whole_library(store) -> dict[str, list]:
    """Every row of every table (a note's rowid too: the search index is keyed by it), and
    what the search index holds."""
    tables = [
        r[0] for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'"
        )
    ]
    found = {
        t: sorted(store.conn.execute(
            f"SELECT {'rowid, ' if t == 'notes' else ''}* FROM {t}").fetchall(), key=repr)
        for t in tables
    }
    found["search_index"] = search_rows(store)
    return found


#: The rows an undo dates anew (``merge_record.undone``): compared without their edit time.
REDATED = ("programmes", "workshops", "themes", "attendance")


def content(store) -> dict[str, list]:
    """``whole_library`` but for what an undo changes on purpose so that it travels, on the
    few tables whose rows it dates anew (``without_undo_marks``)."""
    return without_undo_marks(store, whole_library(store), REDATED)


def search_rows(store) -> list[tuple]:
    return store.conn.execute(
        "SELECT rowid, text, theme FROM search_index ORDER BY rowid").fetchall()


def rebuilt_search_rows(store) -> list[tuple]:
    return store.conn.execute(
        "SELECT n.rowid, n.text, coalesce(t.label, '') FROM notes n LEFT JOIN themes t "
        "ON t.id = n.theme_id AND t.deleted = 0 ORDER BY n.rowid").fetchall()


def build(store, title, spec):
    codes, theme_specs, note_specs, photo_count, counts = spec
    programme = store.add_programme(Programme(title))
    made = [store.add_workshop(Workshop(programme.id, code, "Q?", "delivery-planning",
                                        date="2015-05-12"))
            for code in codes]
    made_themes = [store.add_theme(Theme(programme.id, step, label))
                   for step, label in theme_specs]
    added = store.add_notes([
        Note(made[w % len(made)].id, step, text,
             theme_id=made_themes[t % len(made_themes)].id
             if t >= 0 and made_themes else None)
        for w, step, text, t, _ in note_specs
    ])
    store.set_notes_deleted([n.id for n, spec in zip(added, note_specs, strict=True)
                             if spec[4]])
    images = PhotoImages(b"\xff\xd8\xff original \xff\xd9", b"display", b"thumb")
    PhotoStore(store).add_photos([
        (Photo(made[i % len(made)].id, "who", f"IMG_{i}.JPG", "image/jpeg", 40, 30), images)
        for i in range(photo_count)
    ])
    if counts:
        store.set_attendance(Attendance(made[0].id, counts))
    return programme


@SETTINGS
@given(a=side, b=side, attendance=st.sampled_from(["sum", "keep", "other"]),
       undo_order=st.booleans())
def test_merges_then_undo_leave_the_library_exactly_as_it_was(
    builtin_formats, a, b, attendance, undo_order
):
    library = open_library(None, builtin_formats)
    store = library.store
    first, second = build(store, "Communities 2015", a), build(store, "Communities (Raj)", b)
    before = content(store)
    assert search_rows(store) == rebuilt_search_rows(store)

    records = [ops.merge_programmes(store, second.id, first.id, keep_pairs=True)]
    assert search_rows(store) == rebuilt_search_rows(store)
    for keep, other in ops.same_code_pairs(store, first.id):
        records.append(ops.merge_workshops(store, keep.id, other.id, attendance=attendance))
        assert search_rows(store) == rebuilt_search_rows(store)
    merged = whole_library(store)
    if undo_order and len(records) > 1:
        # Undoing an earlier merge first is refused while a later one changed its rows,
        # leaving everything as it was.
        with pytest.raises(ValidationError, match="changed since"):
            ops.undo_merge(store, records[0])
        assert whole_library(store) == merged
    for record in reversed(records):
        ops.undo_merge(store, record)
        assert search_rows(store) == rebuilt_search_rows(store)
    assert content(store) == before
    # Every redirect the merges left is now a "merge undone" marker, newer than the merge.
    markers = sql.redirects(store, include_deleted=True)
    assert markers and all(m.deleted for m in markers)
    made = {(t, k[1]): row["updated_at"] for r in records
            for (t, k), row in r.after.items() if t == "merged_records" and row}
    assert all(m.updated_at > made[("merged_records", m.old_id)] for m in markers
               if ("merged_records", m.old_id) in made)
    library.close()


@SETTINGS
@given(a=side, b=side, which=st.integers(0, 50), text=st.sampled_from(["Edited", "Bus"]))
def test_an_edit_to_a_moved_note_after_the_merge_makes_its_undo_refuse(
    builtin_formats, a, b, which, text
):
    library = open_library(None, builtin_formats)
    store = library.store
    first, second = build(store, "Communities 2015", a), build(store, "Communities (Raj)", b)
    record = ops.merge_programmes(store, second.id, first.id, keep_pairs=True)
    moved = sorted(record.moved_rows.get("notes", {}))
    if not moved:
        ops.undo_merge(store, record)
        return
    note = store.get_note(moved[which % len(moved)])
    note.text = text if note.text != text else text + "!"
    store.update_note(note)
    edited = whole_library(store)
    with pytest.raises(ValidationError, match="changed since"):
        ops.undo_merge(store, record)
    assert whole_library(store) == edited
    library.close()


def test_an_import_that_rewrites_a_moved_note_with_the_same_edit_time_is_noticed(store):
    """Whole rows are compared, not edit times: a row changed keeping its updated_at (an
    import's tie-break, a repair) still makes the undo refuse."""
    a = store.add_programme(Programme("A"))
    b = store.add_programme(Programme("B"))
    wa = store.add_workshop(Workshop(a.id, "W1", "Q?", "delivery-planning"))
    wb = store.add_workshop(Workshop(b.id, "W2", "Q?", "delivery-planning"))
    ta, tb = store.add_theme(Theme(a.id, "who", "Bus")), store.add_theme(Theme(b.id, "who", "Bus"))
    store.add_notes([Note(wa.id, "who", "x", theme_id=ta.id)])
    [note] = store.add_notes([Note(wb.id, "who", "Lift", theme_id=tb.id)])
    record = ops.merge_programmes(store, b.id, a.id)
    [row] = sql.raw_rows(store, "notes", "id = ?", [note.id])
    with store.transaction():
        sql.put_rows(store, "notes", [{**row, "text": "Lift to town"}])
    with pytest.raises(ValidationError, match="changed since"):
        ops.undo_merge(store, record)
    with store.transaction():
        sql.put_rows(store, "notes", [row])
    ops.undo_merge(store, record)
    assert store.get_note(note.id).theme_id == tb.id
