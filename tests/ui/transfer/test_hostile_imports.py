"""Issue 12 through the window's import path: hostile workshop files (a format of the wrong
shape, a pipe named .workshop) are refused with a sentence for a person, the good file of
the batch is still imported, and nothing else in the library changes."""

from __future__ import annotations

import json
import os

import pytest

from tests.hostile import table_hashes, tamper, tampered_copy
from tests.ui.transfer.helpers import action, laptop_file, make_window


def _with_format(good, name, definition):
    return tampered_copy(good, name, ("UPDATE formats SET definition = ?", [definition]))


def test_bad_formats_are_refused_in_words_and_the_good_file_imported(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir
):
    context = disk_context
    window = make_window(qtbot, context)
    good = laptop_file(builtin_formats, awkward_dir)
    bad = [
        _with_format(good, "empty list.workshop", "[]"),
        _with_format(good, "deep.workshop", "[" * 20_000 + "]" * 20_000),
        _with_format(good, "infinite.workshop", '{"key": "delivery-planning", "name": "x", '
                     '"steps": [{"key": "who", "title": "t", "question": "q", '
                     '"minutes": 1e999}]}'),
    ]
    pipe = None
    if hasattr(os, "mkfifo"):
        pipe = awkward_dir / "pipe.workshop"
        os.mkfifo(pipe)
    files = [*bad, *([pipe] if pipe else []), good]
    dialogs.file_answers.append(files)
    action(window, "Import workshop files").trigger()
    run = window.transfer.import_run
    qtbot.waitUntil(lambda: run.done, timeout=20_000)
    summaries = window.transfer.last_summaries
    assert [s.ok for s in summaries] == [False] * (len(files) - 1) + [True]
    reasons = [s.error for s in summaries[:-1]]
    assert "should be a set of named values, not a list" in reasons[0]
    assert "nests lists more than" in reasons[1]
    assert "minutes should be a whole number" in reasons[2]
    if pipe:
        assert "not a regular file" in reasons[3]
    for reason in reasons:
        assert "Error" not in reason and "Traceback" not in reason
    assert [w.code for w in context.store.workshops()][:2] == ["W1", "W2"]


@pytest.mark.parametrize("definition", ["[]", '{"key": "x"}'])
def test_a_refused_file_leaves_every_table_as_it_was(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir, library_path, definition
):
    window = make_window(qtbot, disk_context)
    bad = _with_format(laptop_file(builtin_formats, awkward_dir), "bad.workshop", definition)
    before = table_hashes(library_path)
    dialogs.file_answers.append([bad])
    action(window, "Import workshop files").trigger()
    run = window.transfer.import_run
    qtbot.waitUntil(lambda: run.done, timeout=20_000)
    assert not window.transfer.last_summaries[0].ok
    assert table_hashes(library_path) == before


def _only_w1(good, name, *statements):
    """The laptop's file cut down to W1 (as "export W1" makes it), with ``statements`` run on
    it, re-sealed."""
    keep = "(SELECT id FROM workshops WHERE code = 'W1')"
    return tampered_copy(
        good, name,
        *[f"DELETE FROM {table} WHERE workshop_id NOT IN {keep}"
          for table in ("notes", "attendance", "photos", "votes")],
        f"DELETE FROM workshops WHERE id NOT IN {keep}",
        *statements)


def _import(qtbot, window, dialogs, files):
    dialogs.file_answers.append(files)
    action(window, "Import workshop files").trigger()
    run = window.transfer.import_run
    qtbot.waitUntil(lambda: run.done, timeout=20_000)
    return window.transfer.last_summaries


def test_a_file_for_w1_with_w2s_note_ids_is_refused_in_the_window(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir, library_path
):
    """Issue 12, rule 2 (b): a file "for W1" reusing the ids of W2's notes."""
    window = make_window(qtbot, disk_context)
    good = laptop_file(builtin_formats, awkward_dir)
    assert all(s.ok for s in _import(qtbot, window, dialogs, [good]))
    store = disk_context.store
    w2 = next(w for w in store.workshops() if w.code == "W2")
    stolen = [n.id for n in store.notes(w2.id)][:5]
    bad = _only_w1(good, "W1 only.workshop", *[
        ("UPDATE notes SET id = ? WHERE id = (SELECT min(id) FROM notes WHERE id NOT IN "
         "(SELECT value FROM json_each(?)))", [note_id, json.dumps(stolen)])
        for note_id in stolen])
    before = table_hashes(library_path)
    [summary] = _import(qtbot, window, dialogs, [bad])
    assert not summary.ok
    assert "with the id of a note of workshop W2 here" in summary.error
    tree = window.transfer.summary_dialog.tree
    assert tree.topLevelItem(0).text(0) == "W1 only.workshop"
    assert tree.topLevelItem(0).child(0).text(0).startswith("Refused: It holds a note")
    assert table_hashes(library_path) == before


def test_a_built_in_format_at_version_99_arrives_as_a_version_for_its_workshop_alone(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir
):
    """Issue 12, rule 2 (a): the built-in format is kept for every other workshop, the file's
    W1 gets the file's version, and the summary window lists it."""
    window = make_window(qtbot, disk_context)
    good = laptop_file(builtin_formats, awkward_dir)
    assert all(s.ok for s in _import(qtbot, window, dialogs, [good]))
    store = disk_context.store
    shipped = store.get_format("delivery-planning")
    data = json.loads(shipped.to_json())
    data["version"] = 99
    data["steps"] = [s for s in data["steps"] if s["key"] != "how"]
    bad = _only_w1(good, "v99.workshop",
                   ("DELETE FROM notes WHERE step_key = 'how'", []),
                   ("DELETE FROM photos WHERE step_key = 'how'", []),
                   ("DELETE FROM votes WHERE step_key = 'how'", []),
                   ("UPDATE formats SET version = 99, definition = ? "
                    "WHERE key = 'delivery-planning'", [json.dumps(data)]))
    before = {w.code: w.format_key for w in store.workshops()}
    [summary] = _import(qtbot, window, dialogs, [bad])
    assert summary.ok, summary.error
    assert store.get_format("delivery-planning") == shipped
    codes = {w.code: w.format_key for w in store.workshops()}
    assert codes["W1"].startswith("delivery-planning~")
    assert {c: k for c, k in codes.items() if c != "W1"} == {
        c: k for c, k in before.items() if c != "W1"}
    assert "~" not in "".join(k for c, k in codes.items() if c != "W1")
    tree = window.transfer.summary_dialog.tree
    shown = [tree.topLevelItem(0).child(i).text(0)
             for i in range(tree.topLevelItem(0).childCount())]
    assert "Changed: Formats: 1 added, 0 updated" in shown
    assert any("differs from the built-in format" in line for line in shown), shown


def test_a_1_mb_title_is_refused_in_the_window_naming_the_field(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir, library_path
):
    """Every text is bounded (facilitator/limits.py); the message names the file and the
    field, cut short, and no table changes."""
    window = make_window(qtbot, disk_context)
    path = tamper(laptop_file(builtin_formats, awkward_dir, name="huge title.workshop"),
                  ("UPDATE programmes SET title = ?", ["x" * 1_000_000]))
    before = table_hashes(library_path)
    [summary] = _import(qtbot, window, dialogs, [path])
    assert not summary.ok
    line = summary.lines()[0]
    assert line == ("huge title.workshop: REFUSED: A programme's title is 1,000,000 characters "
                    "long; at most 200 are allowed. Refused; nothing was imported.")
    assert table_hashes(library_path) == before


def test_a_photo_bomb_in_a_workshop_file_is_refused_in_the_window_naming_it(
    qtbot, disk_context, dialogs, builtin_formats, awkward_dir, library_path
):
    """Issue 12, rule 6 through the window's import: a photo whose header claims 65,535 ×
    65,535 pixels (45 bytes) refuses its file, naming the photo; no table changes."""
    from facilitator.photos import Photo, PhotoImages
    from facilitator.store.photos import PhotoStore
    from tests.hostile import png_header

    def with_photo(store):
        w2 = next(w for w in store.workshops() if w.code == "W2")
        PhotoStore(store).add_photo(Photo(w2.id, "who", "wall.png", "image/png", 8, 8),
                                    PhotoImages(png_header(8, 8), b"", b""))

    window = make_window(qtbot, disk_context)
    path = tamper(laptop_file(builtin_formats, awkward_dir, name="bomb.workshop", edit=with_photo),
                  ("UPDATE photos SET original = ?", [png_header(65535, 65535)]))
    before = table_hashes(library_path)
    [summary] = _import(qtbot, window, dialogs, [path])
    assert not summary.ok
    assert ("“wall.png” claims to be far larger than a photo may be (at most 100 megapixels)"
            in summary.error), summary.error
    assert table_hashes(library_path) == before
