"""Issue 12, rule 1: a read-only, locked, read-only-medium or lock-refusing library is opened
read-only (or refused naming the real cause), never called damaged, never changed; the CLI's
reading commands (list, report, export-csv, export) work on it."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from facilitator.demo import load_demo
from facilitator.library import open_for_reading, open_library
from facilitator.models import Programme
from facilitator.store import (
    DamagedLibraryError,
    LockedLibraryError,
    ReadOnlyLibraryError,
    Store,
)
from tests.hostile import (
    demo_library_file,
    exclusively_locked,
    file_state,
    public_folder,
    remove_tree,
    run_cli,
    simulated_read_only,
)

PROGRAMME = "Communities Strategy Delivery Planning Workshops 2015"


@pytest.fixture
def demo_path(library_path, builtin_formats):
    return demo_library_file(library_path, builtin_formats, moved=True)


def test_a_read_only_library_is_read_only_not_damaged(demo_path, monkeypatch):
    before = file_state(demo_path)
    with simulated_read_only(monkeypatch, demo_path):
        with pytest.raises(ReadOnlyLibraryError) as refused:
            Store.open(demo_path)
        assert not isinstance(refused.value, DamagedLibraryError)
        assert str(demo_path) in str(refused.value)
        assert "cannot be written to" in str(refused.value)
        assert "damaged" not in str(refused.value)
        library = open_for_reading(demo_path)
        try:
            assert library.store.read_only
            assert library.store.programmes()[0].title == PROGRAMME
            with pytest.raises(ReadOnlyLibraryError, match="open read-only"):
                library.store.add_programme(Programme("Another"))
        finally:
            library.close()
    assert file_state(demo_path) == before


def test_a_locked_library_says_locked_not_damaged(demo_path, monkeypatch):
    before = file_state(demo_path)
    with exclusively_locked(demo_path, monkeypatch), pytest.raises(LockedLibraryError) as refused:
        open_for_reading(demo_path)
    message = str(refused.value)
    assert "locked by another program" in message and str(demo_path) in message
    assert "damaged" not in message
    assert file_state(demo_path) == before


def test_a_share_refusing_locks_is_read_without_locks(demo_path, monkeypatch):
    """On a share that refuses locks SQLite says "disk I/O error" or "locking protocol"; the
    library is then read as an immutable file, and the cause is named."""
    import sqlite3

    from facilitator.store import connection

    real = sqlite3.connect

    def refusing_locks(target, *args, **kwargs):
        if "immutable=1" not in str(target) and str(demo_path.name).replace(" ", "%20") in str(
            target
        ):
            raise sqlite3.OperationalError("locking protocol")
        return real(target, *args, **kwargs)

    before = file_state(demo_path)
    monkeypatch.setattr(connection.sqlite3, "connect", refusing_locks)
    with pytest.raises(LockedLibraryError, match="refuses the file locks"):
        Store.open(demo_path)
    library = open_for_reading(demo_path)
    try:
        assert library.store.read_only
        assert "refuses file locks" in library.store.read_only_reason
        assert len(library.store.workshops()) == 7
    finally:
        library.close()
    monkeypatch.undo()
    assert file_state(demo_path) == before


def test_only_a_real_integrity_failure_is_called_damaged(demo_path):
    data = bytearray(demo_path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page, len(data), page):
        data[start: start + 8] = b"\xff" * 8  # scribble over every page's header
    demo_path.write_bytes(bytes(data))
    with pytest.raises(DamagedLibraryError, match="damaged"):
        Store.open(demo_path)


def _make_permissions_read_only(folder):
    for path in folder.iterdir():
        path.chmod(0o444)
    folder.chmod(0o555)


@pytest.fixture
def read_only_folder(builtin_formats):
    """A demo library in a folder where neither the file nor the folder can be written; the
    CLI runs as an ordinary user, so the permissions hold although the tests run as root."""
    folder = public_folder()
    library_dir = folder / "Team share (read only) #2"
    library_dir.mkdir()
    path = demo_library_file(library_dir / "Library 50% done?.wfdb", builtin_formats, moved=True)
    out = folder / "out"
    out.mkdir()
    out.chmod(0o777)
    _make_permissions_read_only(library_dir)
    yield path, out
    remove_tree(folder)


def test_cli_reading_commands_work_on_a_read_only_library(read_only_folder):
    path, out = read_only_folder
    before = file_state(path)
    library = ["--library", str(path)]
    listed = run_cli("list", *library, as_nobody=True)
    assert listed.returncode == 0, listed.stderr
    assert PROGRAMME in listed.stdout and "W1" in listed.stdout
    assert "opened read-only" in listed.stderr and "damaged" not in listed.stderr
    report = run_cli("report", *library, "--programme", PROGRAMME,
                     "--out", str(out / "summary.docx"), as_nobody=True)
    assert report.returncode == 0, report.stderr
    assert (out / "summary.docx").stat().st_size > 0
    csv = run_cli("export-csv", *library, "--programme", PROGRAMME,
                  "--out", str(out / "notes.csv"), as_nobody=True)
    assert csv.returncode == 0, csv.stderr
    exported = run_cli("export", *library, "--workshops", "W1",
                       "--out", str(out / "W1.workshop"), as_nobody=True)
    assert exported.returncode == 0, exported.stderr
    assert (out / "W1.workshop").stat().st_size > 0
    found = run_cli("search", *library, "community", as_nobody=True)
    assert found.returncode == 0, found.stderr
    assert "\twho\t" in found.stdout or "\twhat\t" in found.stdout or "\thow\t" in found.stdout
    assert file_state(path) == before


def test_cli_import_into_a_read_only_library_names_the_cause(read_only_folder, builtin_formats):
    path, out = read_only_folder
    source = open_library(out / "source.wfdb", builtin_formats)
    load_demo(source.store)
    from facilitator.transfer import export_workshops

    export_workshops(source.store, [source.store.workshops()[0].id], out / "W1.workshop")
    source.close()
    before = file_state(path)
    result = run_cli("import", "--library", str(path), str(out / "W1.workshop"), as_nobody=True)
    assert result.returncode == 2
    assert "cannot be written to" in result.stderr and str(path) in result.stderr
    assert "damaged" not in result.stderr and "Traceback" not in result.stderr
    assert file_state(path) == before


def _read_only_mount(folder):
    """Run the CLI with ``folder`` bind-mounted read-only (a read-only medium), if possible."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return None
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", f'mount --bind -o ro "{folder}" "{folder}" && true'],
        capture_output=True,
    )
    return probe.returncode == 0 or None


def test_cli_list_on_a_read_only_medium(demo_path, tmp_path):
    folder = public_folder()
    try:
        medium = folder / "SD card"
        medium.mkdir()
        path = medium / "library.wfdb"
        shutil.copy(demo_path, path)
        if _read_only_mount(medium) is None:
            pytest.skip("a read-only bind mount needs root and unshare")
        before = file_state(path)
        import sys

        from tests.hostile import ROOT

        command = (f'mount --bind -o ro "{medium}" "{medium}" && '
                   f'"{sys.executable}" "{ROOT / "main.py"}" list --library "{path}"')
        result = subprocess.run(["unshare", "-m", "sh", "-c", command], capture_output=True,
                                text=True, encoding="utf-8", cwd=ROOT, timeout=120)
        assert result.returncode == 0, result.stderr
        assert PROGRAMME in result.stdout
        assert "opened read-only" in result.stderr
        assert "damaged" not in result.stderr
        assert file_state(path) == before
    finally:
        remove_tree(folder)
