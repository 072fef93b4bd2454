"""Property tests: random small libraries and random edits on two laptops merge the same
whichever way round, importing is idempotent, and export then import copies exactly."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.library import open_library
from facilitator.models import Attendance, Note, Programme, Theme, Workshop, WorkshopStatus
from facilitator.transfer import import_workshop_files
from tests.facilitator.transfer.helpers import export_all, snapshot

SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12
).filter(lambda s: s.strip())
steps = st.sampled_from(["who", "what", "how"])

library_specs = st.lists(
    st.tuples(
        st.lists(st.tuples(steps, texts, st.booleans()), max_size=6),  # notes (deleted?)
        st.dictionaries(st.sampled_from(["residents", "vcse_groups"]), st.integers(0, 40)),
    ),
    min_size=1,
    max_size=3,
)

edit = st.tuples(
    st.sampled_from([
        "add", "edit", "delete", "restore", "venue", "theme", "attendance", "rename_theme",
        "drop_theme", "drop_workshop",
    ]),
    st.integers(0, 50),
    texts,
)


def build(formats, spec):
    lib = open_library(None, formats)
    store = lib.store
    programme = store.add_programme(Programme("Programme", area="Rutland"))
    theme = store.add_theme(Theme(programme.id, "who", "Isolation"))
    for index, (notes, counts) in enumerate(spec):
        workshop = store.add_workshop(
            Workshop(programme.id, f"W{index + 1}", "Question?", "delivery-planning")
        )
        added = store.add_notes(
            [Note(workshop.id, step, text, theme_id=theme.id if step == "who" else None)
             for step, text, _ in notes]
        )
        store.set_notes_deleted([n.id for n, (_, _, gone) in zip(added, notes, strict=True)
                                 if gone])
        if counts:
            store.set_attendance(Attendance(workshop.id, counts))
    return lib


def apply_edit(lib, change):
    kind, index, text = change
    store = lib.store
    workshops = store.workshops(include_deleted=True)
    workshop = workshops[index % len(workshops)]
    notes = store.notes(include_deleted=True)
    note = notes[index % len(notes)] if notes else None
    if kind == "add" or note is None:
        store.add_note(Note(workshop.id, "what", text))
    elif kind == "edit":
        note.text = text
        store.update_note(note)
    elif kind == "delete":
        store.set_notes_deleted([note.id])
    elif kind == "restore":
        store.set_notes_deleted([note.id], deleted=False)
    elif kind == "venue":
        workshop.venue = text
        workshop.status = WorkshopStatus.HELD
        store.update_workshop(workshop)
    elif kind in ("rename_theme", "drop_theme"):
        themes = store.themes(include_deleted=True)
        theme = themes[index % len(themes)]
        if kind == "rename_theme":
            theme.label = text
            store.update_theme(theme)
        else:
            store.set_theme_deleted(theme.id, not theme.deleted)
    elif kind == "drop_workshop":
        store.set_workshop_deleted(workshop.id, True)
    elif kind == "theme":
        programme = store.programmes()[0]
        theme = store.add_theme(Theme(programme.id, note.step_key, text))
        store.set_notes_theme([note.id], theme.id)
    else:
        store.set_attendance(Attendance(workshop.id, {"residents": index}))


def clone(formats, lib, folder, name):
    copy = open_library(None, formats)
    import_workshop_files(copy.store, [export_all(lib, folder / name)], backup_dir=folder)
    return copy


@SETTINGS
@given(spec=library_specs)
def test_export_then_import_into_an_empty_library_is_an_exact_copy(builtin_formats, spec):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = build(builtin_formats, spec)
        copy = clone(builtin_formats, source, folder, "a.workshop")
        assert snapshot(copy) == snapshot(source)


@SETTINGS
@given(spec=library_specs, edits=st.lists(edit, max_size=6))
def test_importing_twice_changes_nothing_the_second_time(builtin_formats, spec, edits):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = build(builtin_formats, spec)
        target = clone(builtin_formats, source, folder, "base.workshop")
        for change in edits:
            apply_edit(source, change)
        path = export_all(source, folder / "edited.workshop")
        import_workshop_files(target.store, [path], backup_dir=folder)
        once = snapshot(target)
        [again] = import_workshop_files(target.store, [path], backup_dir=folder)
        assert snapshot(target) == once
        assert not again.changed and not again.conflicts


@SETTINGS
@given(
    spec=library_specs,
    edits_a=st.lists(edit, max_size=5),
    edits_b=st.lists(edit, max_size=5),
    edits_here=st.lists(edit, max_size=3),
)
def test_the_order_of_imports_does_not_change_the_result(
    builtin_formats, spec, edits_a, edits_b, edits_here
):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        office = build(builtin_formats, spec)
        base = export_all(office, folder / "base.workshop")
        laptops = []
        for name, edits in (("a", edits_a), ("b", edits_b)):
            laptop = open_library(None, builtin_formats)
            import_workshop_files(laptop.store, [base], backup_dir=folder)
            for change in edits:
                apply_edit(laptop, change)
            laptops.append(export_all(laptop, folder / f"{name}.workshop"))
        for change in edits_here:
            apply_edit(office, change)
        mid = export_all(office, folder / "office.workshop")
        results = []
        for order in (laptops, laptops[::-1]):
            here = open_library(None, builtin_formats)
            import_workshop_files(here.store, [mid], backup_dir=folder)
            import_workshop_files(here.store, order, backup_dir=folder)
            results.append(snapshot(here))
        assert results[0] == results[1]


@SETTINGS
@given(spec=library_specs, rounds=st.lists(st.tuples(st.lists(edit, max_size=3),
                                                     st.lists(edit, max_size=3),
                                                     st.booleans()), max_size=4))
def test_interleaved_edits_on_two_laptops_merge_to_the_same_state_both_ways(
    builtin_formats, spec, rounds
):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a = build(builtin_formats, spec)
        b = clone(builtin_formats, a, folder, "start.workshop")
        for number, (edits_a, edits_b, a_sends_first) in enumerate(rounds):
            for change in edits_a:
                apply_edit(a, change)
            for change in edits_b:
                apply_edit(b, change)
            # sometimes only one side sends a file in a round
            sender, receiver = (a, b) if a_sends_first else (b, a)
            path = export_all(sender, folder / f"round {number}.workshop")
            import_workshop_files(receiver.store, [path], backup_dir=folder)
        from_a = export_all(a, folder / "final a.workshop")
        from_b = export_all(b, folder / "final b.workshop")
        import_workshop_files(a.store, [from_b], backup_dir=folder)
        import_workshop_files(b.store, [from_a], backup_dir=folder)
        assert snapshot(a) == snapshot(b)
