"""A failed export names the file and never leaves a half-written file over a good one."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from facilitator.reports import safe_write
from facilitator.reports.docx_writer import write_report
from facilitator.reports.gather import build_report
from facilitator.reports.safe_write import ExportError, write_atomically

GOOD = b"the good report from yesterday"


@pytest.fixture
def good_file(awkward_dir):
    target = awkward_dir / "Summary of Results é.docx"
    target.write_bytes(GOOD)
    return target


def leftovers(folder, target):
    return sorted(p.name for p in folder.iterdir() if p != target)


def test_writes_through_a_temporary_file(awkward_dir):
    target = awkward_dir / "new.docx"
    seen = []

    def write(stream):
        seen.append(stream.name)
        assert not target.exists()  # nothing appears until the file is complete
        stream.write(b"complete")

    write_atomically(target, write)
    assert target.read_bytes() == b"complete"
    assert leftovers(awkward_dir, target) == []


def test_missing_folder_names_the_file_and_the_folder(awkward_dir):
    target = awkward_dir / "gone" / "report.docx"
    with pytest.raises(ExportError) as caught:
        write_atomically(target, lambda s: s.write(b"x"))
    assert str(target) in str(caught.value) and "does not exist" in str(caught.value)


def test_full_disk_keeps_the_old_file(good_file, awkward_dir):
    def write(stream):
        stream.write(b"half a repo")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError) as caught:
        write_atomically(good_file, write)
    assert str(good_file) in str(caught.value)
    assert "disk is full" in str(caught.value)
    assert good_file.read_bytes() == GOOD
    assert leftovers(awkward_dir, good_file) == []


def test_file_open_elsewhere_keeps_the_old_file(good_file, awkward_dir, monkeypatch):
    def refuse(src, dst):  # what Windows says when Word holds the file
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError) as caught:
        write_atomically(good_file, lambda s: s.write(b"new"))
    assert str(good_file) in str(caught.value)
    assert "open in another program" in str(caught.value)
    assert good_file.read_bytes() == GOOD
    assert leftovers(awkward_dir, good_file) == []


@pytest.mark.parametrize("lock_name", [".~lock.Summary of Results é.docx#", "~$mmary of Results é.docx"])
def test_lock_file_of_word_or_libreoffice_means_open(good_file, awkward_dir, lock_name):
    (awkward_dir / lock_name).write_text("someone")
    with pytest.raises(ExportError) as caught:
        write_atomically(good_file, lambda s: s.write(b"new"))
    assert str(good_file) in str(caught.value) and lock_name in str(caught.value)
    assert good_file.read_bytes() == GOOD


def test_unwritable_folder_names_the_file(good_file, awkward_dir, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError) as caught:
        write_atomically(good_file, lambda s: s.write(b"new"))
    assert str(good_file) in str(caught.value) and "cannot be written" in str(caught.value)
    assert good_file.read_bytes() == GOOD


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_really_read_only_folder(awkward_dir):
    target = awkward_dir / "report.docx"
    awkward_dir.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="cannot be written"):
            write_atomically(target, lambda s: s.write(b"new"))
    finally:
        awkward_dir.chmod(0o755)


def test_a_folder_with_the_target_name(awkward_dir):
    target = awkward_dir / "report.docx"
    target.mkdir()
    with pytest.raises(ExportError, match="a folder has that name"):
        write_atomically(target, lambda s: s.write(b"x"))


def test_failed_report_export_leaves_the_previous_report(demo, good_file, awkward_dir, monkeypatch):
    store, programme = demo
    report = build_report(store, programme)

    real_fsync = os.fsync

    def full(fd):
        real_fsync(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", full)
    with pytest.raises(ExportError, match="disk is full"):
        write_report(report, good_file)
    assert good_file.read_bytes() == GOOD
    assert leftovers(awkward_dir, good_file) == []
    monkeypatch.setattr(safe_write.os, "fsync", real_fsync)
    write_report(report, good_file)
    assert good_file.read_bytes()[:2] == b"PK"
