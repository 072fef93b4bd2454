"""What officers hand over as a notes table: Excel's encodings, merged cells and formulas.

Each is read faithfully or refused with a message naming the file and the place; nothing
is ever turned into replacement characters or silently emptied.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from facilitator.reports.csv_export import neutralise
from facilitator.transfer.notes_table import NotesImportError, read_table, unneutralise

ROWS = [
    ["Workshop", "Step", "Note"],
    ["W1", "who", "Café regulars — the ‘lonely’ ones"],
    ["W2", "what", "Señora’s €5 lunch club"],
]


def _csv_bytes(rows, delimiter=",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_excel_unicode_text_in_utf16_is_read(awkward_dir):
    path = awkward_dir / "Unicode Text from Excel.csv"
    path.write_bytes(_csv_bytes(ROWS, "\t").encode("utf-16"))
    table = read_table(path)
    assert table.headers == ROWS[0]
    assert [list(cells) for _, cells in table.rows] == ROWS[1:]


def test_a_byte_that_is_not_windows_1252_is_refused_not_replaced(awkward_dir):
    data = _csv_bytes(ROWS).encode("cp1252").replace("Señora".encode("cp1252"), b"Se\x81ora")
    path = awkward_dir / "Old Excel é.csv"
    path.write_bytes(data)
    with pytest.raises(NotesImportError) as caught:
        read_table(path)
    message = str(caught.value)
    assert message.startswith("Old Excel é.csv: line 3 ")
    assert "0x81" in message and "CSV UTF-8" in message


def test_windows_1252_accents_come_through(awkward_dir):
    path = awkward_dir / "Excel 1252.csv"
    path.write_bytes(_csv_bytes(ROWS, ";").encode("cp1252"))
    assert [list(cells) for _, cells in read_table(path).rows] == ROWS[1:]


def test_a_workshop_code_merged_down_its_rows_fills_each_row(awkward_dir):
    book = Workbook()
    sheet = book.active
    for row in [ROWS[0], ["W1", "who", "One"], [None, "who", "Two"], [None, "how", "Three"],
                ["W2", "who", "Four"]]:
        sheet.append(row)
    sheet.merge_cells("A2:A4")
    path = awkward_dir / "Merged é.xlsx"
    book.save(path)
    rows = [cells for _, cells in read_table(path).rows]
    assert [r[0] for r in rows] == ["W1", "W1", "W1", "W2"]
    assert [r[2] for r in rows] == ["One", "Two", "Three", "Four"]


def _with_formula(path, saved: str | None) -> None:
    book = Workbook()
    sheet = book.active
    for row in [ROWS[0], ["W1", "who", '="Lunch"&" club"']]:
        sheet.append(row)
    book.save(path)
    if saved is not None:  # as Excel saves it: the formula and its result
        with zipfile.ZipFile(path) as source:
            parts = {name: source.read(name) for name in source.namelist()}
        sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
        sheet_xml = sheet_xml.replace('<c r="C2"><f>', '<c r="C2" t="str"><f>')
        sheet_xml = sheet_xml.replace("<v></v>", f"<v>{saved}</v>")
        parts["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
        with zipfile.ZipFile(path, "w") as target:
            for name, data in parts.items():
                target.writestr(name, data)


def test_a_formula_gives_its_saved_result(awkward_dir):
    path = awkward_dir / "Formula saved.xlsx"
    _with_formula(path, "Lunch club")
    assert read_table(path).rows[0][1][2] == "Lunch club"


def test_a_formula_with_no_saved_result_is_refused_naming_the_cell(awkward_dir):
    path = awkward_dir / "Formula never calculated.xlsx"
    _with_formula(path, None)
    with pytest.raises(NotesImportError) as caught:
        read_table(path)
    assert str(caught.value).startswith("Formula never calculated.xlsx: cell C2 holds a formula")


def test_a_missing_workbook_says_it_cannot_be_found(awkward_dir):
    with pytest.raises(NotesImportError) as caught:
        read_table(awkward_dir / "Not here.xlsx")
    assert str(caught.value) == "Not here.xlsx: cannot be read (No such file or directory)."


@pytest.mark.parametrize("text", ["'=looks like a formula", "''+1 for the bus", "'quoted'", "=1+1"])
def test_the_formula_guard_comes_off_exactly_as_it_went_on(text):
    assert unneutralise(neutralise(text)) == text


@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab ")))
def test_any_cell_round_trips_through_the_formula_guard(text):
    assert unneutralise(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_csv_from_an_older_mac_excel_is_refused_not_misread(awkward_dir):
    path = awkward_dir / "From the Mac.csv"
    path.write_bytes(_csv_bytes([ROWS[0], ["W1", "who", "Café owners in München"]]).encode("mac_roman"))
    with pytest.raises(NotesImportError) as caught:
        read_table(path)
    message = str(caught.value)
    assert message.startswith("From the Mac.csv: line 2 ") and "Mac" in message


def test_windows_1252_punctuation_after_a_letter_is_still_read(awkward_dir):
    path = awkward_dir / "Quotes.csv"
    rows = [ROWS[0], ["W1", "who", "Parents’ group – A–B…"]]
    path.write_bytes(_csv_bytes(rows).encode("cp1252"))
    assert list(read_table(path).rows[0][1]) == rows[1]


def test_a_mac_i_with_diaeresis_is_caught_too(awkward_dir):
    path = awkward_dir / "Naive.csv"
    path.write_bytes(_csv_bytes([ROWS[0], ["W1", "who", "Naïve plan"]]).encode("mac_roman"))
    with pytest.raises(NotesImportError):
        read_table(path)
