"""Reading the first sheet of an ``.xlsx`` workbook as a table of notes, streamed (openpyxl's
parser, never the whole workbook), within the limits ``table_base`` states. Imported only
when a workbook is read.
"""

from __future__ import annotations

import bisect
import contextlib
from datetime import date, datetime
from pathlib import Path

from facilitator.transfer import table_base
from facilitator.transfer.table_base import (
    NotesImportError,
    NoteTable,
    Watch,
    long_cell,
    table_of,
    too_many_rows,
    unneutralise,
)

#: The limits are read as ``table_base.MAX_...`` as a workbook is read: one place states them
#: (and a test may lower them).


def check_parts(path: Path) -> None:
    """An .xlsx is a zip: each part's unpacked size is checked against its packed size and
    a ceiling before anything is unpacked (a zip bomb is refused, not unpacked)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        raise NotesImportError(
            f"{path.name}: is not an Excel workbook that can be read ({exc}).") from None
    for part in parts:
        packed = max(part.compress_size, 1)
        if part.file_size > table_base.MAX_PART_BYTES or (
            part.file_size > 1024 * 1024 and part.file_size / packed > table_base.MAX_EXPANSION
        ):
            raise NotesImportError(
                f"{path.name}: its part {part.filename[:60]} unpacks to "
                f"{part.file_size / 1024 / 1024:,.0f} MB from {packed / 1024:,.0f} KB, more "
                f"than {table_base.MAX_EXPANSION} times its packed size (or {table_base.MAX_PART_BYTES // 1024 // 1024} "
                "MB), which no table of notes needs; nothing was read."
            )


def read_xlsx(path: Path, what: str, watch: Watch) -> NoteTable:
    """The first sheet's values, streamed row by row (openpyxl's read-only parser). A merged
    cell (say a workshop code merged down the rows of its notes) gives its value to every row
    it covers that holds data (a range reaching beyond the data, even to the sheet's last
    row, costs nothing); a formula gives its saved result, and one with no saved result is
    refused rather than read as an empty cell."""
    check_parts(path)
    try:
        reader, target = _open_book(path)
    except NotesImportError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise NotesImportError(
            f"{path.name}: is not an Excel workbook that can be read ({exc})."
        ) from None
    try:
        if target is None:
            raise NotesImportError(f"{path.name}: has no sheet; there are no {what} to import.")
        rows, merged = _stream_sheet(path, reader, target, what, watch)
    except NotesImportError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged sheet's XML, numbers, dates
        raise NotesImportError(
            f"{path.name}: is not an Excel workbook that can be read ({exc})."
        ) from None
    finally:
        reader.archive.close()
    _fill_merged(rows, merged)
    width = max((max(cells) for _, cells in rows if cells), default=0)
    records = [(number, [cells.get(c, "") for c in range(1, width + 1)])
               for number, cells in rows]
    return table_of(path, records, "row", what)


def _open_book(path: Path):
    """The workbook's shared strings, styles (which cells are dates) and the part holding its
    first sheet. Not openpyxl's ``load_workbook``: even in read-only mode that reads the
    whole of every sheet first when the sheet does not state its size."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    reader = ExcelReader(str(path), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        for _sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                return reader, rel.target
    except BaseException:
        reader.archive.close()
        raise
    return reader, None


def _stream_sheet(path: Path, reader, target: str, what: str, watch: Watch):
    """The sheet's rows with data, (row number, {column: text}) each, and its merged ranges,
    (min column, min row, max column, max row) each, reading its XML one element at a time
    and dropping each once read."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    row_tag = f"{{{SHEET_MAIN_NS}}}row"
    merge_tag = f"{{{SHEET_MAIN_NS}}}mergeCell"
    book = reader.wb
    parser = WorkSheetParser(
        None, reader.shared_strings, data_only=True, epoch=book.epoch,
        date_formats=book._date_formats, timedelta_formats=book._timedelta_formats,
    )
    rows: list[tuple[int, dict[int, str]]] = []
    merged: list[tuple[int, int, int, int]] = []
    stack = []
    seen = 0
    with reader.archive.open(target) as source:
        for event, element in iterparse(source, events=("start", "end")):
            if event == "start":
                stack.append(element)
                continue
            stack.pop()
            if len(stack) > 2:
                continue  # inside a row or a merge list: handled with its row
            if element.tag == row_tag:
                seen += 1
                watch.tick(seen)
                number, cells = _row_cells(path, parser, element)
                if cells:
                    if len(rows) > table_base.MAX_ROWS:
                        raise too_many_rows(path, what)
                    rows.append((number, cells))
            elif element.tag == merge_tag:
                _add_merged(path, merged, element)
            if stack:
                stack[-1].remove(element)
    return rows, merged


def _row_cells(path: Path, parser, element) -> tuple[int, dict[int, str]]:
    """A ``<row>`` element's number and its cells' text by column (empty cells left out),
    within the limits; a formula with no saved result is refused."""
    from openpyxl.utils import get_column_letter
    from openpyxl.xml.constants import SHEET_MAIN_NS

    formula_tag = f"{{{SHEET_MAIN_NS}}}f"
    number, found = parser.parse_row(element)
    cells = {}
    for cell, item in zip(found, element, strict=False):
        value, column = cell["value"], cell["column"]
        where = f"cell {get_column_letter(min(column, 16384))}{number}"
        if value is None:
            if item.find(formula_tag) is not None:
                raise NotesImportError(
                    f"{path.name}: {where} holds a formula "
                    f"({(item.findtext(formula_tag) or '')[:40]}) with no saved "
                    "result. Open the workbook in Excel or LibreOffice, save it, "
                    "and import it again."
                )
            continue
        text = unneutralise(_cell_text(value))
        if not text.strip():
            continue
        if column > table_base.MAX_COLUMNS:
            raise NotesImportError(
                f"{path.name}: {where} holds data beyond column "
                f"{get_column_letter(table_base.MAX_COLUMNS)} ({table_base.MAX_COLUMNS} columns, the most "
                "a table may have); nothing was read.")
        if len(text) > table_base.MAX_CELL_CHARS:
            raise long_cell(path, where)
        cells[column] = text
    if number > table_base.EXCEL_LAST_ROW:
        raise NotesImportError(
            f"{path.name}: has a row numbered {number:,}, beyond Excel's last row "
            f"({table_base.EXCEL_LAST_ROW:,}): the file is damaged or was not made by a "
            "spreadsheet program; nothing was read.")
    return number, cells


def _add_merged(path: Path, merged: list[tuple[int, int, int, int]], element) -> None:
    """Add a ``<mergeCell>`` element's range to ``merged``, within the limit (a range naming
    no cells is passed over)."""
    from openpyxl.utils import range_boundaries

    if len(merged) >= table_base.MAX_MERGED_RANGES:
        raise NotesImportError(
            f"{path.name}: has more than {table_base.MAX_MERGED_RANGES:,} merged cell ranges, "
            "the most a table may have; nothing was read.")
    with contextlib.suppress(TypeError, ValueError):  # a range naming no cells
        merged.append(range_boundaries(element.get("ref") or ""))


def _fill_merged(rows: list[tuple[int, dict[int, str]]], merged) -> None:
    """Give each merged range's top-left value to the rows with data it covers, in its
    columns up to the last column with data: work in proportion to the data, not the range."""
    if not rows or not merged:
        return
    numbers = [number for number, _ in rows]
    by_number = dict(rows)
    width = max((max(cells) for cells in by_number.values() if cells), default=0)
    for min_col, min_row, max_col, max_row in merged:
        top_left = by_number.get(min_row, {}).get(min_col)
        if top_left is None:
            continue
        first = bisect.bisect_left(numbers, min_row)
        last = bisect.bisect_right(numbers, max_row)
        for index in range(first, last):
            cells = rows[index][1]
            for column in range(min_col, min(max_col, width) + 1):
                cells[column] = top_left


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


