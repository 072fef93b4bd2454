"""Hostile spreadsheets for issue 12, rule 4, written straight as the XML inside an .xlsx (so
a 2-million-row sheet takes seconds to make and no spreadsheet library's own limits get in
the way); used by the tests and by benchmarks/bench_tables.py."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Notes" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_START = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetData>')

HEADER = ("Workshop", "Step", "Note")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def row_xml(number: int, values: Iterable[str], first_column: int = 1) -> str:
    cells = []
    for offset, value in enumerate(values):
        column = _letters(first_column + offset)
        cells.append(f'<c r="{column}{number}" t="inlineStr"><is><t>{_escape(value)}</t></is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def _letters(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def write_xlsx(path: Path, rows: Iterable[str], merged: Iterable[str] = ()) -> Path:
    """An .xlsx whose one sheet holds ``rows`` (each a ``<row>`` element, see ``row_xml``)
    and the merged ranges ``merged`` ("A2:XFD1048576"); the sheet is streamed into the zip."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(_SHEET_START.encode())
            buffer = []
            for row in rows:
                buffer.append(row)
                if len(buffer) >= 10_000:
                    sheet.write("".join(buffer).encode())
                    buffer.clear()
            sheet.write("".join(buffer).encode())
            sheet.write(b"</sheetData>")
            merged = list(merged)
            if merged:
                sheet.write(f'<mergeCells count="{len(merged)}">'.encode())
                sheet.write("".join(f'<mergeCell ref="{m}"/>' for m in merged).encode())
                sheet.write(b"</mergeCells>")
            sheet.write(b"</worksheet>")
    return path


def notes_rows(count: int, start: int = 2, text: str = "Lift share to the surgery") -> Iterator[str]:
    yield row_xml(1, HEADER)
    for number in range(start, start + count):
        yield row_xml(number, ("W1", "how", f"{text} {number}"))


def row_beyond_excel(path: Path) -> Path:
    """A few KB: three notes, then a row numbered 1,048,577 (one past Excel's last)."""
    return write_xlsx(path, [*notes_rows(3), row_xml(1_048_577, ("W1", "how", "Late"))])


def two_million_rows(path: Path) -> Path:
    """About a megabyte packed: two million identical short rows (row and cell numbers left
    out, as the format allows), unpacking to about 150 MB."""
    row = '<row><c t="inlineStr"><is><t>W1</t></is></c><c t="inlineStr"><is><t>how</t></is>' \
          '</c><c t="inlineStr"><is><t>x</t></is></c></row>'
    return write_xlsx(path, [row_xml(1, HEADER), *([row] * 2_000_000)])


def many_rows(path: Path, count: int = 200_000) -> Path:
    """Notes that differ row to row (so they pack as real ones do), more than a table may
    hold: read until the limit, then refused."""
    return write_xlsx(path, notes_rows(count, text="Lift share to the surgery, asked by"))


def merged_to_the_end(path: Path) -> Path:
    """Three notes and a merged range A2:XFD1048576 (the whole sheet below the header)."""
    return write_xlsx(path, notes_rows(3), merged=["A2:XFD1048576"])


def whole_column_merged(path: Path, notes: int = 200) -> Path:
    """The workshop code merged down the whole of column A (a normal Excel action)."""
    rows = [row_xml(1, HEADER), row_xml(2, ("W1", "how", "Note 2"))]
    rows += [row_xml(n, ("how", f"Note {n}"), first_column=2) for n in range(3, notes + 2)]
    return write_xlsx(path, rows, merged=["A2:A1048576"])


def big_csv(path: Path, megabytes: int = 50, text_length: int = 40) -> Path:
    """A CSV of about ``megabytes`` MB of short notes."""
    line = "W1,how," + "x" * text_length + "\n"
    count = megabytes * 1024 * 1024 // len(line)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Workshop,Step,Note\n")
        for start in range(0, count, 10_000):
            handle.write(line * min(10_000, count - start))
    return path


def widest_accepted_csv(path: Path, rows: int, text_length: int) -> Path:
    """The largest table that is read, not refused: ``rows`` notes of ``text_length``
    characters (with an accent, so Python holds them as wider text)."""
    note = ("é" + "x" * (text_length - 1))
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Workshop,Step,Note\n")
        for number in range(rows):
            handle.write(f"W1,how,{note[:-len(str(number))]}{number}\n")
    return path
