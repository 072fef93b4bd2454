"""A twin of the store (facilitator/store/twin.py): a second connection to the same library
file for one long write on another thread. Its commits are announced on the store that
owns it, once, as one batch; never taken for another program's; and a library without a
file, read-only or inside a transaction of its own has no twin."""

from __future__ import annotations

import threading

import pytest

from facilitator import library_ops as ops
from facilitator.events import StoreEvents
from facilitator.models import Note, Programme, Workshop
from facilitator.store import LibraryError, Store
from facilitator.store.twin import can_twin, close_twin, open_twin, twin_of


def _programme(store, title, code) -> Programme:
    programme = store.add_programme(Programme(title))
    workshop = store.add_workshop(Workshop(programme.id, code, "Who?", "delivery-planning"))
    store.add_notes([Note(workshop.id, "who", f"{code} note {i}") for i in range(20)])
    return programme


def test_a_merge_on_a_twin_in_another_thread_is_announced_on_the_owner_once(disk_store):
    a = _programme(disk_store, "Rutland 2026", "W1")
    b = _programme(disk_store, "Rutland 2026 (2)", "W2")
    assert disk_store.check_external_changes() is False  # the first call takes the snapshot
    heard: list[tuple[str, list[str], int]] = []
    for name in ("programmes_changed", "workshops_changed", "saved"):
        getattr(disk_store.events, name).connect(
            lambda ids, n=name: heard.append((n, ids, threading.get_ident())))
    twin = open_twin(disk_store)
    result = {}
    worker = threading.Thread(
        target=lambda: result.setdefault("record", ops.merge_programmes(twin, b.id, a.id)))
    worker.start()
    worker.join(30)
    assert heard == []  # nothing is announced on the worker thread
    assert disk_store.check_external_changes() is False  # not "another program" meanwhile
    handed = close_twin(twin)
    assert b.id in handed["programmes_changed"]
    disk_store.announce_committed(handed)
    names = [n for n, _, _ in heard]
    assert sorted(names[:-1]) == ["programmes_changed", "workshops_changed"]
    assert names[-1] == "saved"  # each once, as one commit's announcement
    assert {t for _, _, t in heard} == {threading.get_ident()}
    assert [p.id for p in disk_store.programmes()] == [a.id]
    heard.clear()
    assert disk_store.check_external_changes() is False and heard == []  # our own write
    with twin_of(disk_store) as again:
        ops.undo_merge(again, result["record"])
    assert sorted(p.id for p in disk_store.programmes()) == sorted([a.id, b.id])
    assert [n for n, _, _ in heard][-1] == "saved"


def test_a_failed_write_on_a_twin_hands_over_nothing(disk_store):
    a = _programme(disk_store, "Carers 2026", "W1")
    twin = open_twin(disk_store)
    with pytest.raises(RuntimeError), twin.transaction():
        ops.rename_programme(twin, a.id, "Carers and families 2026")
        raise RuntimeError("the power went")
    assert close_twin(twin) == {}
    assert disk_store.get_programme(a.id).title == "Carers 2026"


def test_only_a_library_in_a_file_open_for_writing_and_outside_a_transaction_has_a_twin(
    disk_store, builtin_formats
):
    from facilitator.library import open_library

    memory = open_library(None, builtin_formats)
    try:
        assert not can_twin(memory.store)
        with pytest.raises(LibraryError):
            open_twin(memory.store)
    finally:
        memory.close()
    assert can_twin(disk_store)
    with disk_store.transaction():
        assert not can_twin(disk_store)  # a twin would wait for this transaction's lock
    reader = Store.open(disk_store.path, read_only=True)
    try:
        assert not can_twin(reader)
    finally:
        reader.close()


def test_work_asked_for_after_a_batch_runs_once_at_its_end():
    events = StoreEvents()
    done: list[str] = []

    def rebuild():
        done.append("rebuild")
        events.after_batch(rebuild)  # asked again while it runs: not run twice

    with events.batch():
        events.after_batch(rebuild)
        events.after_batch(rebuild)
        events.after_batch(lambda: done.append("other"))
        assert done == []
    assert done == ["rebuild", "other"]
    events.after_batch(lambda: done.append("now"))  # outside a batch: at once
    assert done[-1] == "now"
