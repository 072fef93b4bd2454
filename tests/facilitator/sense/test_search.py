"""Search: safe FTS5 queries, accents folded, prefixes and phrases, filters that combine, an
index the store keeps in step, built for existing libraries, never in workshop files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.library import open_library
from facilitator.models import Note, Programme, Theme, Workshop
from facilitator.sense.search import SearchFilters, search, to_fts
from facilitator.store.transfer_read import read_workshop_file

ROOT = Path(__file__).resolve().parents[3]


def setup(store):
    programme = store.add_programme(Programme("Rutland 2026", area="Rutland"))
    w1 = store.add_workshop(Workshop(programme.id, "W1", "Q", "delivery-planning"))
    w2 = store.add_workshop(Workshop(programme.id, "W2", "Q", "delivery-planning"))
    notes = store.add_notes([
        Note(w1.id, "who", "Older people living alone in the café district"),
        Note(w1.id, "how", "Small grants to start a lunch club", tags=["getting-started"]),
        Note(w2.id, "how", "A lunch rota run by volunteers"),
        Note(w2.id, "who", "Young carers looking after a parent"),
    ])
    return programme, w1, w2, notes


def texts(hits):
    return [h.text for h in hits]


@pytest.mark.parametrize("query", [
    '"unbalanced', 'lunch"', "NEAR(", "a AND", "OR", "NOT lunch", "col:lunch", "(((", "*",
    "😀😀", "lunch OR OR club", '""', "-lunch", "^lunch", "lunch +club", "x" * 10_000,
])
def test_no_query_can_fail(store, query):
    setup(store)
    search(store, query)  # never raises
    search(store, query, prefix_last=True)


def test_accents_prefix_phrase_and_or(store):
    setup(store)
    assert texts(search(store, "cafe")) == ["Older people living alone in the café district"]
    assert texts(search(store, "CAFÉ")) == texts(search(store, "cafe"))
    assert len(search(store, "lun*")) == 2
    assert search(store, "lun") == []
    assert len(search(store, "lun", prefix_last=True)) == 2
    assert texts(search(store, '"lunch club"')) == ["Small grants to start a lunch club"]
    assert texts(search(store, '"club lunch"')) == []
    assert len(search(store, "carers OR grants")) == 2
    assert search(store, "😀") == []


def test_matches_are_marked(store):
    setup(store)
    [hit] = search(store, "grants")
    assert hit.spans() == [("Small ", False), ("grants", True), (" to start a lunch club", False)]
    assert hit.workshop_code == "W1" and hit.step_key == "how"


def test_filters_combine(store):
    programme, w1, w2, notes = setup(store)
    assert len(search(store, "lunch", SearchFilters(workshop_ids=[w2.id]))) == 1
    assert len(search(store, "lunch", SearchFilters(step_key="who"))) == 0
    assert texts(search(store, "lunch", SearchFilters(tag="getting-started"))) == [notes[1].text]
    assert texts(search(store, "lunch", SearchFilters(untagged=True))) == [notes[2].text]
    other = store.add_programme(Programme("Other"))
    assert search(store, "lunch", SearchFilters(programme_id=other.id)) == []
    assert len(search(store, "lunch", SearchFilters(programme_id=programme.id,
                                                    step_key="how"))) == 2


def test_the_index_follows_edits_themes_and_deletes(store):
    programme, w1, w2, notes = setup(store)
    note = notes[2]
    note.text = "A supper rota run by volunteers"
    store.update_note(note)
    assert texts(search(store, "supper")) == [note.text]
    assert len(search(store, "lunch")) == 1
    theme = store.add_theme(Theme(programme.id, "how", "Food and company"))
    store.set_notes_theme([notes[1].id, note.id], theme.id)
    found = search(store, "company")  # theme labels are searched too
    assert sorted(texts(found)) == sorted([notes[1].text, note.text])
    assert {h.theme for h in found} == {"Food and company"}
    assert len(search(store, "supper", SearchFilters(theme_ids=[theme.id]))) == 1
    assert len(search(store, "grants", SearchFilters(unthemed=True))) == 0
    theme.label = "Meals together"
    store.update_theme(theme)
    assert search(store, "company") == []
    assert len(search(store, "meals")) == 2
    store.set_theme_deleted(theme.id)
    assert search(store, "meals") == []
    store.set_notes_deleted([note.id])
    assert search(store, "supper") == []
    store.set_notes_deleted([note.id], False)
    assert texts(search(store, "supper")) == [note.text]


def test_a_failed_write_leaves_the_index_as_it_was(store):
    programme, w1, w2, notes = setup(store)
    with pytest.raises(RuntimeError), store.transaction():
        store.add_note(Note(w1.id, "how", "Minibus for the lunch club"))
        raise RuntimeError("power cut")
    assert search(store, "minibus") == []


def test_an_existing_library_gets_its_index_built(tmp_path, builtin_formats):
    path = tmp_path / "old.wfdb"
    library = open_library(path, builtin_formats)
    setup(library.store)
    library.close()
    # as an older app left it: no search index, schema version 3
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE search_index")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_search'")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    library = open_library(path, builtin_formats)
    try:
        assert len(search(library.store, "lunch")) == 2
    finally:
        library.close()


def test_workshop_files_carry_no_search_index_and_still_import(tmp_path, builtin_formats):
    from facilitator.transfer.workshop_file import export_workshops, import_workshop_files

    source = open_library(None, builtin_formats)
    programme, w1, w2, notes = setup(source.store)
    path = tmp_path / "w1.workshop"
    export_workshops(source.store, [w1.id], path)
    conn = sqlite3.connect(path)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert not any(n.startswith("search_index") for n in names)
    read_workshop_file(path)  # passes the structure checks
    target = open_library(None, builtin_formats)
    [summary] = import_workshop_files(target.store, [path], backup_dir=tmp_path / "bk")
    assert summary.ok
    assert len(search(target.store, "lunch")) == 1  # the import kept the index in step
    source.close()
    target.close()


def test_rebuild_gives_the_same_answers(store):
    setup(store)
    before = texts(search(store, "lunch OR carers"))
    store.rebuild_search_index()
    assert texts(search(store, "lunch OR carers")) == before


def test_to_fts_quotes_everything():
    assert to_fts('bus "stop here" café*') == '"bus" "stop here" "café"*'
    assert to_fts('"unbalanced bus') == '"unbalanced" "bus"'
    assert to_fts("OR bus OR") == '"bus"'
    assert to_fts("bus stop", prefix_last=True) == '"bus" "stop"*'
    assert to_fts("bus stop ", prefix_last=True) == '"bus" "stop"'


def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


def test_the_search_command(tmp_path, builtin_formats):
    path = tmp_path / "lib.wfdb"
    library = open_library(path, builtin_formats)
    programme, w1, w2, notes = setup(library.store)
    library.close()
    result = run_cli("search", "--library", str(path), "--programme", "Rutland 2026",
                     "--step", "how", "lunch")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    code, step, note_id, text = lines[0].split("\t")
    assert step == "how" and note_id in {n.id for n in notes}
    result = run_cli("search", "--library", str(path), "--tag", "Support to get started",
                     "--workshop", "W1", "lunch")
    assert result.stdout.splitlines() == [f"W1\thow\t{notes[1].id}\t{notes[1].text}"]
    result = run_cli("search", "--library", str(path), "--unthemed", '"lunch')
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 2
    result = run_cli("search", "--library", str(path), "--theme", "Nope", "lunch")
    assert result.returncode == 2 and result.stderr.startswith("error: No theme")
    assert "Traceback" not in result.stderr
