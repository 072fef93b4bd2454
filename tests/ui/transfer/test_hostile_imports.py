"""Issue 12 through the window's import path: hostile workshop files (a format of the wrong
shape, a pipe named .workshop) are refused with a sentence for a person, the good file of
the batch is still imported, and nothing else in the library changes."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from tests.hostile import reseal, table_hashes
from tests.ui.transfer.helpers import action, laptop_file, make_window


def _with_format(good, name, definition):
    path = good.with_name(name)
    shutil.copy(good, path)
    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute("UPDATE formats SET definition = ?", [definition])
    conn.close()
    reseal(path)
    return path


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
