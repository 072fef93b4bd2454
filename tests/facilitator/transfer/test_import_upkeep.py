"""What an import keeps in step besides the rows: the search index (new notes are given
their index rows in one statement, ``SearchIndexMixin._index_new_notes``)."""

from __future__ import annotations

from dataclasses import replace

from facilitator.library import open_library
from facilitator.models import Note, Theme
from facilitator.sense.search import search
from facilitator.transfer import import_workshop_files
from tests.facilitator.transfer.helpers import export_all, small_library


def _index(store) -> list[tuple]:
    return sorted(store.conn.execute("SELECT rowid, text, theme FROM search_index"))


def _rebuilt(store) -> list[tuple]:
    store.rebuild_search_index()
    return _index(store)


def test_imported_notes_are_indexed_as_a_rebuild_would_index_them(builtin_formats, tmp_path):
    """New notes (themed and not), an edited note and a note whose theme was renamed: the
    index after the import is exactly the one built from scratch."""
    lib, programme, w1 = small_library(builtin_formats, notes=4)
    store = lib.store
    office = open_library(tmp_path / "office.wfdb", builtin_formats)
    import_workshop_files(office.store, [export_all(lib, tmp_path / "a.workshop")],
                          backup_dir=tmp_path / "bk")
    theme = store.add_theme(Theme(programme.id, "what", "Lunch clubs"))
    store.add_notes([Note(w1.id, "what", f"Lunch club idea {i}", theme_id=theme.id)
                     for i in range(5)] + [Note(w1.id, "how", "A minibus rota")])
    first = store.notes(w1.id)[0]
    store.update_note(replace(first, text="Dial-a-ride on market day"))
    renamed = next(t for t in store.themes(programme.id) if t.label == "Living alone")
    store.update_theme(replace(renamed, label="Living alone, no family near"))
    [summary] = import_workshop_files(office.store, [export_all(lib, tmp_path / "b.workshop")],
                                      backup_dir=tmp_path / "bk")
    assert summary.ok and summary.count("notes", "added") == 6
    assert len(search(office.store, "lunch")) == 5
    assert len(search(office.store, "minibus")) == 1
    assert len(search(office.store, "market")) == 1
    index = _index(office.store)
    assert index == _rebuilt(office.store)
    office.close()
    lib.close()


def test_an_index_row_left_above_the_notes_does_not_stand_in_for_a_new_note(
    builtin_formats, tmp_path
):
    """An index row above every note (left by a note removed without its index row) would
    share its rowid with the next note added: the import replaces it."""
    lib, programme, w1 = small_library(builtin_formats, notes=2)
    office = open_library(tmp_path / "office.wfdb", builtin_formats)
    top = office.store.conn.execute("SELECT coalesce(max(rowid), 0) FROM notes").fetchone()[0]
    with office.store.transaction():
        office.store.conn.executemany(
            "INSERT INTO search_index (rowid, text, theme) VALUES (?, 'stale words', '')",
            [(top + 1,), (top + 2,), (top + 50,)])
    [summary] = import_workshop_files(office.store, [export_all(lib, tmp_path / "a.workshop")],
                                      backup_dir=tmp_path / "bk")
    assert summary.ok and summary.count("notes", "added") == 2
    assert search(office.store, "stale") == []
    assert _index(office.store) == _rebuilt(office.store)
    office.close()
    lib.close()
