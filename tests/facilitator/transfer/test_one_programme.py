"""The walk of issue 9: two laptops each set up the same-titled programme, both capture a
shared W2; the office imports both files in either order and ends with one programme and
one W2 holding every note; exporting back to each laptop gives one programme there too."""

from __future__ import annotations

import itertools

import pytest

from facilitator import library_ops as ops
from facilitator.models import Attendance, Note, Programme, Theme, Workshop, WorkshopStatus
from facilitator.transfer import SEPARATE, import_workshop_files, programme_questions
from facilitator.transfer.workshop_file import read_and_check
from tests.facilitator.transfer.helpers import export_all, new_library

TITLE = "Communities Strategy Delivery Planning Workshops 2015"


def laptop(builtin_formats, title, codes, scribe):
    lib = new_library(builtin_formats)
    store = lib.store
    programme = store.add_programme(Programme(title, area="Leicestershire"))
    theme = store.add_theme(Theme(programme.id, "who", "Older people living alone"))
    for code in codes:
        workshop = store.add_workshop(Workshop(
            programme.id, code, "How can communities help?", "delivery-planning",
            date="2015-05-12" if code == "W2" else "2015-05-20", status=WorkshopStatus.HELD,
            facilitators=scribe,
        ))
        store.add_notes([
            Note(workshop.id, "who", f"{scribe} {code} note {i}",
                 theme_id=theme.id if i == 0 else None)
            for i in range(3)
        ])
        store.set_attendance(Attendance(workshop.id, {"residents": 10}))
    return lib, programme


def _theme_groups(report):
    """Every ThemeGroup in the report, wherever it sits."""
    from dataclasses import fields, is_dataclass

    from facilitator.reports.model import ThemeGroup

    found, stack = [], [report]
    while stack:
        item = stack.pop()
        if isinstance(item, ThemeGroup):
            found.append(item)
        elif is_dataclass(item):
            stack.extend(getattr(item, f.name) for f in fields(item))
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return found


def live_notes(store):
    return sorted(n.text for n in store.notes())


def office_imports(builtin_formats, files, order, folder):
    """Import the laptops' files in ``order``, answering "add to the existing programme",
    then merge the two W2s as offered."""
    office = new_library(builtin_formats)
    store = office.store
    for name in order:
        content = read_and_check(files[name])
        choices = {q.file_programme_id: q.candidates[0].id
                   for q in programme_questions(store, content)}
        [summary] = import_workshop_files(store, [files[name]], backup_dir=folder,
                                          choices=choices)
        assert summary.ok, summary.error
    [programme] = store.programmes()
    pairs = ops.same_code_pairs(store, programme.id)
    assert [(a.code, b.code) for a, b in pairs] == [("W2", "W2")]
    keep, other = pairs[0]
    ops.merge_workshops(store, keep.id, other.id, attendance="sum")
    return office, programme


@pytest.fixture
def laptops(builtin_formats, awkward_dir):
    ann, _ = laptop(builtin_formats, TITLE, ["W1", "W2"], "Ann")
    raj, _ = laptop(builtin_formats, " communities strategy delivery-planning workshops 2015",
                    ["W2", "W3"], "Raj")
    files = {
        "ann": export_all(ann, awkward_dir / "From Ann.workshop"),
        "raj": export_all(raj, awkward_dir / "From Raj.workshop"),
    }
    return {"ann": ann, "raj": raj}, files


def test_without_a_choice_the_file_is_refused_naming_both_options(
    builtin_formats, laptops, awkward_dir
):
    libs, files = laptops
    office = new_library(builtin_formats)
    import_workshop_files(office.store, [files["ann"]], backup_dir=awkward_dir)
    [summary] = import_workshop_files(office.store, [files["raj"]], backup_dir=awkward_dir)
    assert not summary.ok
    assert f'--into "{TITLE}"' in summary.error and "--separate" in summary.error
    assert len(office.store.programmes()) == 1
    assert len(office.store.workshops()) == 2  # nothing of Raj's file
    [summary] = import_workshop_files(
        office.store, [files["raj"]], backup_dir=awkward_dir,
        choices={libs["raj"].store.programmes()[0].id: SEPARATE},
    )
    assert summary.ok and len(office.store.programmes()) == 2


@pytest.mark.parametrize("order", list(itertools.permutations(["ann", "raj"])))
def test_two_laptops_one_programme_in_any_order_and_back(
    builtin_formats, laptops, awkward_dir, order
):
    libs, files = laptops
    everything = sorted(live_notes(libs["ann"].store) + live_notes(libs["raj"].store))
    office, programme = office_imports(builtin_formats, files, order, awkward_dir)
    store = office.store
    assert [p.title for p in store.programmes()] == [programme.title]
    assert sorted(w.code for w in store.workshops()) == ["W1", "W2", "W3"]
    assert live_notes(store) == everything
    [w2] = [w for w in store.workshops() if w.code == "W2"]
    assert len(store.notes(w2.id)) == 6
    assert store.attendance(w2.id).counts == {"residents": 20}
    # one theme: the two laptops' "Older people living alone" joined
    [theme] = store.themes(programme.id)
    assert len([n for n in store.notes() if n.theme_id == theme.id]) == 4

    # one report over all held workshops: the theme was raised at all three
    from facilitator.reports.gather import build_report

    report = build_report(store, programme)
    captions = [t.caption for t in _theme_groups(report)]
    assert any(c.startswith("raised at 3 of 3 workshops (W1, W2, W3)") for c in captions), captions

    # The office's file goes back to each laptop: one programme there too.
    back = export_all(office, awkward_dir / f"Office {'-'.join(order)}.workshop")
    for name, lib in libs.items():
        [summary] = import_workshop_files(lib.store, [back], backup_dir=awkward_dir)
        assert summary.ok, summary.error
        assert len(lib.store.programmes()) == 1, name
        assert sorted(w.code for w in lib.store.workshops()) == ["W1", "W2", "W3"], name
        assert live_notes(lib.store) == everything, name
        assert not summary.conflicts, (name, [c.what for c in summary.conflicts])
    # ...and the laptops' next files merge at the office without a question.
    for name, lib in libs.items():
        note = Note(lib.store.workshops()[0].id, "what", f"Later from {name}")
        lib.store.add_note(note)
        path = export_all(lib, awkward_dir / f"{name} later.workshop")
        assert programme_questions(store, read_and_check(path)) == []
        [summary] = import_workshop_files(store, [path], backup_dir=awkward_dir)
        assert summary.ok and not summary.conflicts, summary.lines()
    assert len(store.programmes()) == 1
    assert len(store.notes()) == len(everything) + 2
