"""Suggested themes and similar notes: quality on a public labelled set, the lexical fallback,
awkward notes, dismissals that stay dismissed, and the suggest-themes command."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from benchmarks.sense_quality import BANKING, homogeneity_completeness_v, read_labelled
from facilitator.library import open_library
from facilitator.models import Note, Programme, Theme, Workshop
from facilitator.sense.embedding import LexicalModel, StaticModel, load_model
from facilitator.sense.suggest import NoteIndex, set_dismissed, suggest_themes

ROOT = Path(__file__).resolve().parents[3]


def add(store, texts, workshops=3, step="who"):
    programme = store.add_programme(Programme("Rutland 2026"))
    ws = [store.add_workshop(Workshop(programme.id, f"W{i}", "Q", "delivery-planning"))
          for i in range(1, workshops + 1)]
    notes = store.add_notes([Note(ws[i % workshops].id, step, t) for i, t in enumerate(texts)])
    return programme, ws, notes


def test_the_offline_model_is_the_one_in_use():
    model = load_model()
    assert isinstance(model, StaticModel) and model.semantic
    vectors = model.embed(["no bus after six", "buses stop too early", "young carers"])
    assert vectors.shape == (3, 256)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


@pytest.mark.parametrize("lexical", [False, True])
def test_groups_on_a_hard_labelled_set_are_each_about_one_thing(store, lexical):
    texts, labels = read_labelled(BANKING)
    programme, _, notes = add(store, texts, workshops=6)
    result = suggest_themes(store, programme.id, "who",
                            model=load_model(force_lexical=lexical))
    group = {nid: s.number for s in result.suggestions for nid in s.note_ids}
    found = [group.get(n.id, -i - 1) for i, n in enumerate(notes)]
    homogeneity, _, v = homogeneity_completeness_v(labels, found)
    assert homogeneity >= 0.8
    assert v >= (0.7 if lexical else 0.78)
    assert all(s.label for s in result.suggestions)
    widths = [len(s.workshop_ids) for s in result.suggestions]
    assert widths == sorted(widths, reverse=True)  # most workshops first


def test_missing_or_damaged_model_files_fall_back_to_words(tmp_path):
    (tmp_path / "weights").mkdir()
    (tmp_path / "weights" / "l2_supercat_256.safetensors").write_bytes(b"\x10\x00" * 50)
    model = load_model(folder=tmp_path)
    assert isinstance(model, LexicalModel) and model.problem
    assert "not available" in model.notice
    assert isinstance(load_model(folder=tmp_path / "nowhere"), LexicalModel)


def test_awkward_notes_get_sensible_suggestions_or_none(store):
    texts = ["😀😀😀", "🙂", "!!!", "Bus", "bus", "x" * 10_000, "word " * 2000,
             "Personnes âgées isolées à la campagne", "Ältere Menschen allein zu Hause",
             "孤独的老人", "no bus after six", "no buses after six pm", ""]
    texts = [t for t in texts if t]
    programme, _, notes = add(store, texts)
    for lexical in (False, True):
        result = suggest_themes(store, programme.id, "who",
                                model=load_model(force_lexical=lexical))
        grouped = {nid for s in result.suggestions for nid in s.note_ids}
        assert not grouped & {notes[0].id, notes[1].id, notes[2].id}  # emoji, punctuation
        bus = {notes[10].id, notes[11].id}
        assert any(bus <= set(s.note_ids) for s in result.suggestions)
        index = NoteIndex(notes, load_model(force_lexical=lexical))
        assert index.similar(notes[0].id) == []
        assert index.similar(notes[5].id) is not None


def test_existing_themes_attract_their_notes_and_dismissals_stay(store):
    texts = ["No bus after six in the evening", "Buses stop running too early",
             "The last bus leaves at six", "Young carers looking after a parent",
             "Children caring for a disabled mum", "Teenagers who care for family"]
    programme, ws, notes = add(store, texts)
    theme = store.add_theme(Theme(programme.id, "who", "Getting about"))
    store.set_notes_theme([notes[0].id], theme.id)
    result = suggest_themes(store, programme.id, "who")
    existing = [s for s in result.suggestions if s.kind == "existing"]
    assert existing and existing[0].theme_id == theme.id
    assert set(existing[0].note_ids) <= {notes[1].id, notes[2].id}
    carers = [s for s in result.suggestions if s.kind == "new"]
    assert carers and set(carers[0].note_ids) <= {n.id for n in notes[3:]}
    set_dismissed(store, carers[0].key)
    again = suggest_themes(store, programme.id, "who")
    assert carers[0].key not in {s.key for s in again.suggestions}
    set_dismissed(store, carers[0].key, False)
    assert carers[0].key in {s.key for s in suggest_themes(store, programme.id, "who").suggestions}


def test_similar_notes_finds_the_same_idea_across_workshops(store):
    texts = ["Older people living alone", "Elderly neighbours who live on their own",
             "Pensioners alone at home", "Skate park for teenagers", "Broadband is too slow"]
    programme, ws, notes = add(store, texts)
    index = NoteIndex(store.notes(), load_model())
    near = [n.id for n, _ in index.similar(notes[0].id, 2)]
    assert set(near) == {notes[1].id, notes[2].id}
    assert {n.workshop_id for n in store.get_notes(near)} != {notes[0].workshop_id}
    assert np.isfinite(index.vectors).all()


def test_the_suggest_themes_command_writes_one_row_per_note(tmp_path, builtin_formats):
    path = tmp_path / "lib.wfdb"
    library = open_library(path, builtin_formats)
    texts, _ = read_labelled(BANKING)
    programme, ws, notes = add(library.store, texts[:60], workshops=3)
    library.close()
    out = tmp_path / "who.csv"
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "suggest-themes", "--library", str(path),
         "--programme", "Rutland 2026", "--step", "who", "--workshops", "W1,W2",
         "--out", str(out)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["note_id", "workshop", "text", "group", "label"]
    assert len(rows) == 1 + 40  # the notes of W1 and W2
    assert {r[1] for r in rows[1:]} == {"W1", "W2"}
    assert any(r[3] for r in rows[1:]) and all(r[4] for r in rows[1:] if r[3])
