"""Small libraries and workshop files for the transfer tests."""

from __future__ import annotations

from facilitator.demo import load_demo
from facilitator.library import open_library
from facilitator.models import Attendance, Note, Programme, Theme, Workshop
from facilitator.store.transfer_merge import content_snapshot
from facilitator.transfer import export_workshops


def new_library(builtin_formats):
    return open_library(None, builtin_formats)


def demo_library(builtin_formats):
    lib = new_library(builtin_formats)
    programme = load_demo(lib.store)
    return lib, programme


def small_library(builtin_formats, notes=3):
    lib = new_library(builtin_formats)
    store = lib.store
    programme = store.add_programme(Programme("Rutland 2026", area="Rutland"))
    w1 = store.add_workshop(Workshop(programme.id, "W1", "Older people?", "delivery-planning"))
    theme = store.add_theme(Theme(programme.id, "who", "Living alone"))
    store.add_notes([Note(w1.id, "who", f"Note {i}", theme_id=theme.id) for i in range(notes)])
    store.set_attendance(Attendance(w1.id, {"residents": 12}))
    return lib, programme, w1


def export_all(lib, path):
    ids = [w.id for w in lib.store.workshops(include_deleted=True)]
    return export_workshops(lib.store, ids, path).path


def snapshot(lib):
    return content_snapshot(lib.store)
