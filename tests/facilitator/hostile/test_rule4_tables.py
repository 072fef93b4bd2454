"""Issue 12, rule 4: a table of notes (or of workshops to plan) is streamed, never loaded
whole, and refused beyond limits stated in the message (rows, columns, cell length, file
size, how far an .xlsx unpacks, time), naming the file and the cause; the library is
unchanged; the worst inputs of the issue stay under 300 MB."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from facilitator.library import open_library
from facilitator.transfer import notes_table, table_base
from facilitator.transfer.notes_table import read_table
from facilitator.transfer.table_base import NotesImportError, NotesImportStopped
from tests import hostile_tables as tables
from tests.hostile import ROOT, file_state, run_cli


def refusal(path, **options) -> str:
    with pytest.raises(NotesImportError) as caught:
        read_table(path, **options)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: "), message
    return message


def test_a_row_beyond_excels_last_is_refused_in_words(awkward_dir):
    message = refusal(tables.row_beyond_excel(awkward_dir / "5 KB.xlsx"))
    assert "row numbered 1,048,577, beyond Excel's last row (1,048,576)" in message


def test_two_million_rows_in_a_megabyte_are_refused_before_unpacking(awkward_dir):
    path = tables.two_million_rows(awkward_dir / "two million.xlsx")
    assert path.stat().st_size < 2 * 1024 * 1024
    message = refusal(path)
    assert f"more than {table_base.MAX_EXPANSION} times its packed size" in message


def test_more_rows_than_the_limit_are_refused_naming_the_limit(awkward_dir, monkeypatch):
    monkeypatch.setattr(table_base, "MAX_ROWS", 300)
    message = refusal(tables.many_rows(awkward_dir / "many.xlsx", count=1000))
    assert "more than 300 rows, the most one table may hold" in message
    csv = awkward_dir / "many.csv"
    csv.write_text("Workshop,Step,Note\n" + "W1,how,x\n" * 1000, encoding="utf-8")
    assert "more than 300 rows" in refusal(csv)


def test_a_merged_range_to_the_end_of_the_sheet_costs_nothing(awkward_dir):
    table = read_table(tables.merged_to_the_end(awkward_dir / "merged.xlsx"))
    assert [n for n, _ in table.rows] == [2, 3, 4]
    assert table.headers == ["Workshop", "Step", "Note"]


def test_a_whole_column_merged_gives_its_value_to_the_rows_with_data(awkward_dir):
    table = read_table(tables.whole_column_merged(awkward_dir / "column.xlsx", notes=50))
    assert len(table.rows) == 50
    assert {cells[0] for _, cells in table.rows} == {"W1"}
    assert table.rows[-1][1] == ("W1", "how", "Note 51")


def test_a_long_cell_and_too_many_columns_are_refused(awkward_dir):
    long = awkward_dir / "long.csv"
    long.write_text("Workshop,Step,Note\nW1,how," + "x" * 20_000 + "\n", encoding="utf-8")
    assert "line 2 holds more than 10,000 characters" in refusal(long)
    wide = tables.write_xlsx(awkward_dir / "wide.xlsx", [
        tables.row_xml(1, tables.HEADER), tables.row_xml(2, ["W1", "how", "x"] + ["y"] * 300)])
    assert "cell GS2 holds data beyond column GR (200 columns" in refusal(wide)


def test_an_unbalanced_quote_is_reported_not_swallowed(awkward_dir):
    path = awkward_dir / "quote.csv"
    path.write_text('Workshop,Step,Note\nW1,how,Fine\nW1,how,"Lift share\nW1,how,Bus\n'
                    'W1,how,Car\n', encoding="utf-8")
    message = refusal(path)
    assert 'line 3 opens a quote (") that never closes' in message


def test_a_quote_inside_a_cell_is_still_read_as_spreadsheets_do(awkward_dir):
    path = awkward_dir / "inner quote.csv"
    path.write_text('Workshop,Step,Note\nW1,how,"Lift" share\n', encoding="utf-8")
    assert read_table(path).rows[0][1] == ("W1", "how", "Lift share")


def test_a_file_larger_than_the_limit_is_refused_unread(awkward_dir, monkeypatch):
    monkeypatch.setattr(table_base, "MAX_FILE_BYTES", 1024 * 1024)
    path = tables.big_csv(awkward_dir / "big.csv", megabytes=2)
    assert "is 2 MB, larger than the 1 MB a table may be; nothing was read" in refusal(path)


def test_old_excel_is_named_as_such(awkward_dir):
    path = awkward_dir / "Notes 2003.xls"
    path.write_bytes(notes_table.OLE2_MAGIC + b"\x00" * 512)
    assert "old Excel format (.xls)" in refusal(path)
    renamed = awkward_dir / "Notes.csv"
    renamed.write_bytes(notes_table.OLE2_MAGIC + b"\x00" * 512)
    assert "old Excel format (.xls)" in refusal(renamed)


def test_a_pipe_is_refused_without_waiting(awkward_dir):
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no pipes on this system")
    path = awkward_dir / "notes.csv"
    os.mkfifo(path)
    assert "is not a regular file" in refusal(path)


def test_progress_is_reported_and_stop_is_honoured(awkward_dir):
    path = tables.many_rows(awkward_dir / "many.xlsx", count=3000)
    seen = []
    table = read_table(path, progress=seen.append)
    assert len(table.rows) == 3000 and seen and seen[-1] >= 2500
    with pytest.raises(NotesImportStopped, match="reading was stopped; nothing was read"):
        read_table(path, should_stop=lambda: True)


def test_the_time_limit_is_stated(awkward_dir, monkeypatch):
    monkeypatch.setattr(table_base, "MAX_SECONDS", -1)
    path = tables.many_rows(awkward_dir / "many.xlsx", count=1000)
    assert "took longer than -1 seconds to read (the limit)" in refusal(path)


def test_the_cli_refuses_naming_the_file_and_changes_nothing(awkward_dir, builtin_formats):
    library = awkward_dir / "office.wfdb"
    open_library(library, builtin_formats).close()
    before = file_state(library)
    for path, words in (
        (tables.row_beyond_excel(awkward_dir / "beyond.xlsx"), "beyond Excel's last row"),
        (tables.merged_to_the_end(awkward_dir / "merged.xlsx"), "unknown workshop"),
    ):
        result = run_cli("import-notes", "--library", str(library), str(path))
        out = result.stdout + result.stderr
        assert result.returncode != 0, out
        assert path.name in out and words in out, out
        assert "Traceback" not in out
        assert file_state(library)[0] == before[0]


#: The issue's worst inputs, each read by ``main.py import-notes`` in a process of its own.
WORST = {
    "row 1,048,577 (5 KB)": tables.row_beyond_excel,
    "two million rows (1 MB)": tables.two_million_rows,
    "merged A2:XFD1048576": tables.merged_to_the_end,
    "whole column merged": tables.whole_column_merged,
    "200,000 rows": tables.many_rows,
    "50 MB CSV": tables.big_csv,
}
MEMORY_LIMIT_MB = 300


def test_the_worst_inputs_stay_under_300_mb(awkward_dir, builtin_formats):
    library = awkward_dir / "office.wfdb"
    open_library(library, builtin_formats).close()
    probe = (
        "import resource, sys, json; sys.argv = ['main.py', *json.loads(sys.argv[1])]; "
        f"sys.path.insert(0, {str(ROOT)!r}); import main\n"
        "try:\n    main.main()\nexcept SystemExit:\n    pass\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "try:\n"  # VmHWM: this process's own peak (ru_maxrss keeps the parent's across exec)
        "    peak = [int(l.split()[1]) // 1024 for l in open('/proc/self/status') "
        "if l.startswith('VmHWM:')][0]\n"
        "except (OSError, IndexError):\n    pass\n"
        "print('PEAK', peak)"
    )
    for name, make in WORST.items():
        suffix = ".csv" if "CSV" in name else ".xlsx"
        path = make(awkward_dir / f"worst{suffix}")
        args = json.dumps(["import-notes", "--library", str(library), str(path)])
        result = subprocess.run([sys.executable, "-c", probe, args], capture_output=True,
                                text=True, cwd=ROOT, timeout=120)
        peak = int(result.stdout.rsplit("PEAK", 1)[1])
        assert peak < MEMORY_LIMIT_MB, f"{name}: {peak} MB"
        assert "Traceback" not in result.stderr, result.stderr
        path.unlink()
