"""Issue 12, rule 8, the smaller ones: a 1 MB title cut in messages, temporary files of a
killed export cleaned by the next, a read-only target not replaced without --force, control
characters named in the report's summary, NUL never in the app's own CSV.
(.xls, pipes and unbalanced quotes: test_rule4_tables.py; -wal/-shm beside a workshop file:
test_rule7_paths.py; a 694-byte JPEG claiming 65000 x 65000: test_rule6_photos.py and
tests/ui/run/test_photos.py.)"""

from __future__ import annotations

import os
import time

from facilitator import limits
from facilitator.library import open_library
from facilitator.models import Note
from facilitator.names import shorten_long_parts
from facilitator.reports.csv_export import export_notes_csv
from facilitator.reports.gather import build_report
from facilitator.reports.safe_write import write_atomically
from facilitator.transfer import export_workshops, import_workshop_files
from facilitator.transfer.notes_table import read_table
from tests.facilitator.transfer.helpers import small_library, small_library_file
from tests.hostile import run_cli, tampered_copy


def test_a_long_title_is_cut_in_the_message(builtin_formats, awkward_dir):
    """The longest title allowed (a 1 MB one is refused for its length first:
    test_text_bounds.py) is cut to ~80 characters in a message about something else."""
    good = small_library_file(builtin_formats, awkward_dir)
    path = tampered_copy(good, "long title.workshop", (
        "UPDATE programmes SET title = ?, updated_at = 'soon'",
        ["x" * limits.FIELDS["programmes"]["title"][0]]))
    target = open_library(awkward_dir / "office.wfdb", builtin_formats)
    [summary] = import_workshop_files(target.store, [path], backup_dir=awkward_dir / "bk")
    target.close()
    line = summary.lines()[0]
    assert len(line) < 300 and "x" * 79 + "…'" in line
    assert "has updated at 'soon', which is not a time" in line
    result = run_cli("import", "--library", str(awkward_dir / "office.wfdb"), str(path))
    out = result.stdout + result.stderr
    assert result.returncode != 0 and len(out) < 1000, len(out)
    assert "…" in out and "long title.workshop" in out


def test_shortening_keeps_short_names_and_the_quotes():
    assert shorten_long_parts("No programme 'Rutland 2026'.") == "No programme 'Rutland 2026'."
    cut = shorten_long_parts(f"Theme “{'a b ' * 100}” is new")
    assert cut.endswith("…” is new") and len(cut) < 120


def _age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_parts_left_by_a_killed_export_are_cleaned_by_the_next(builtin_formats, awkward_dir):
    mine_old = awkward_dir / ".Notes.k3j4h5g6.part"       # this file's, two minutes old
    other_old = awkward_dir / ".Summary.a1b2c3d4.part"    # another export's, two hours old
    other_new = awkward_dir / ".Summary.z9y8x7w6.part"    # another export running now
    workshop_old = awkward_dir / ".W1.workshop.part"       # a workshop export's, two hours old
    unrelated = awkward_dir / "film.part"                  # not the app's
    for path in (mine_old, other_old, other_new, workshop_old, unrelated):
        path.write_bytes(b"x" * 1000)
    _age(mine_old, 120)
    _age(other_old, 7200)
    _age(workshop_old, 7200)
    _age(unrelated, 7200)
    write_atomically(awkward_dir / "Notes.csv", lambda stream: stream.write(b"a,b\n"))
    assert not mine_old.exists() and not other_old.exists()
    assert other_new.exists() and unrelated.exists()
    lib, _, w1 = small_library(builtin_formats)
    export_workshops(lib.store, [w1.id], awkward_dir / "W2.workshop")
    lib.close()
    assert not workshop_old.exists()
    assert sorted(p.name for p in awkward_dir.iterdir()) == [
        ".Summary.z9y8x7w6.part", "Notes.csv", "W2.workshop", "film.part"]


def test_the_cli_does_not_replace_a_read_only_file_without_force(builtin_formats, awkward_dir):
    library = awkward_dir / "office.wfdb"
    office = open_library(library, builtin_formats)
    from facilitator.demo import load_demo

    title = load_demo(office.store).title
    office.close()
    for command, name in (("export-csv", "notes.csv"), ("export-xlsx", "notes.xlsx"),
                          ("report", "summary.docx"), ("export", "w.workshop")):
        target = awkward_dir / name
        target.write_bytes(b"keep me")
        target.chmod(0o444)
        args = [command, "--library", str(library), "--programme", title, "--out", str(target)]
        result = run_cli(*args)
        out = result.stdout + result.stderr
        assert result.returncode != 0, out
        assert f"{target} is read-only, so it was not replaced" in out and "--force" in out
        assert target.read_bytes() == b"keep me"
        forced = run_cli(*args, "--force")
        assert forced.returncode == 0, forced.stdout + forced.stderr
        assert target.read_bytes() != b"keep me"


def test_control_characters_are_named_in_the_reports_summary(builtin_formats):
    lib, programme, w1 = small_library(builtin_formats)
    lib.store.add_notes([Note(w1.id, "who", "Bus\x0bpass"), Note(w1.id, "who", "Lift\x00")])
    report = build_report(lib.store, programme, lib.store.workshops(programme.id))
    assert any("2 notes hold invisible control characters" in w for w in report.warnings)
    lib.close()


def test_a_nul_in_a_note_never_makes_the_apps_own_csv_unreadable(builtin_formats, awkward_dir):
    lib, programme, w1 = small_library(builtin_formats, notes=1)
    guarded = ["'=SUM(A1)", "''@home", "=1+1", "-5 degrees", "@council"]
    lib.store.add_notes([Note(w1.id, "how", "Lift\x00 share")]
                        + [Note(w1.id, "how", text) for text in guarded])
    path = awkward_dir / "notes.csv"
    export_notes_csv(lib.store, programme, path)
    lib.close()
    texts = [cells for _, cells in read_table(path).rows]
    assert any("Lift share" in cells for cells in texts)
    # A leading apostrophe before = + - @ survives the round trip, as do the formulas' signs.
    for text in guarded:
        assert any(text in cells for cells in texts), text


def test_csv_problems_name_the_row_excel_shows_not_the_line(builtin_formats, awkward_dir):
    """A cell with line breaks is one row in Excel: the row after it is row 3, not line 5."""
    from facilitator.transfer.notes_import import import_notes_file

    lib, _, _ = small_library(builtin_formats)
    path = awkward_dir / "typed.csv"
    path.write_text('Workshop,Step,Note\nW1,who,"Three\nline\nnote"\nW9,who,Lost\n',
                    encoding="utf-8")
    plan = import_notes_file(lib.store, path)
    lib.close()
    assert plan.problem_lines() == ["Row 3: unknown workshop 'W9'"]


def test_a_created_time_that_cannot_be_read_is_a_problem_of_its_row(builtin_formats,
                                                                     awkward_dir):
    """Not replaced silently by the time of the import; day-first times are read."""
    from facilitator.transfer.notes_import import import_notes_file

    lib, _, w1 = small_library(builtin_formats)
    path = awkward_dir / "timed.csv"
    path.write_text("Workshop,Step,Note,Created\nW1,who,Early,04/03/2026 14:05\n"
                    "W1,who,Late,next Tuesday\n", encoding="utf-8")
    plan = import_notes_file(lib.store, path)
    assert plan.problem_lines() == [
        "Row 3: the created time 'next Tuesday' cannot be read (write it as 2026-03-04 14:05 "
        "or 04/03/2026 14:05, or leave the column out)"]
    plan = import_notes_file(lib.store, path, valid_only=True)
    [early] = [n for n in lib.store.notes(w1.id) if n.text == "Early"]
    assert early.created_at.startswith("2026-03-04T14:05")
    lib.close()


def test_a_full_disk_during_a_report_export_is_one_message_and_no_stray_traceback(
    builtin_formats, awkward_dir, monkeypatch
):
    import errno
    import gc
    import io
    import sys

    import pytest

    from facilitator.reports import safe_write
    from facilitator.reports.docx_writer import export_report
    from facilitator.reports.safe_write import ExportError

    class AlmostFull(io.FileIO):
        def write(self, data):
            if self.tell() + len(data) > 4096:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(data)

    real_fdopen = os.fdopen
    monkeypatch.setattr(safe_write.os, "fdopen",
                        lambda fd, mode="r", *a, **k: AlmostFull(fd, "wb") if "w" in mode
                        else real_fdopen(fd, mode, *a, **k))
    stray = []
    monkeypatch.setattr(sys, "unraisablehook", stray.append)
    lib, programme, _ = small_library(builtin_formats)
    report = build_report(lib.store, programme, lib.store.workshops(programme.id))
    target = awkward_dir / "Summary.docx"
    with pytest.raises(ExportError, match="the disk is full"):
        export_report(report, target, charts=False)
    gc.collect()
    lib.close()
    assert stray == []
    assert not target.exists()
    assert [p.name for p in awkward_dir.iterdir()] == []
