"""Damaged bytes anywhere in a workshop file: refused with a message naming the file (and
the library untouched), or imported whole if the damage missed everything that matters.
Never any other exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.transfer import import_workshop_files
from tests.facilitator.transfer.helpers import export_all, small_library, snapshot


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                       min_size=1, max_size=8))
def test_damaged_bytes_are_refused_or_harmless(builtin_formats, damage):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, _, _ = small_library(builtin_formats, notes=5)
        good = export_all(source, folder / "good.workshop")
        data = bytearray(good.read_bytes())
        for where, value in damage:
            data[int(where * len(data))] = value
        bad = folder / "damaged.workshop"
        bad.write_bytes(bytes(data))
        target, _, _ = small_library(builtin_formats, notes=2)
        before = snapshot(target)
        [summary] = import_workshop_files(target.store, [bad], backup_dir=folder / "bk")
        if not summary.ok:
            assert summary.error
            assert snapshot(target) == before
        check = target.store.db.execute("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok"
        assert target.store.db.execute("PRAGMA foreign_key_check").fetchall() == []
