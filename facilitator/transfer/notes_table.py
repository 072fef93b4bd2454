"""Reading a CSV or Excel table of notes (``notes_columns`` matches its columns to a note's
fields; ``notes_xlsx`` reads a workbook; ``table_base`` holds what both readers share).

Handles what people actually hand over: UTF-8 with or without a byte order mark
(and Windows-1252 from older Excel, UTF-16 from its "Unicode Text"), commas, semicolons or tabs, cells with
line breaks, the apostrophe our CSV export puts before ``= + - @`` to stop
spreadsheets running a formula, and ``.xlsx`` workbooks (first sheet).
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
import stat
from collections.abc import Callable
from pathlib import Path

from facilitator.transfer import table_base
from facilitator.transfer.notes_xlsx import read_xlsx  # (openpyxl only once a workbook is read)
from facilitator.transfer.table_base import (
    NotesImportError,
    NoteTable,
    Watch,
    long_cell,
    table_of,
    too_many_rows,
    unneutralise,
)

#: A letter, then a character Mac Roman's accented letters become when read as Windows-1252.
MAC_ROMAN_LOOK = re.compile("[A-Za-z][\u017d\u0178\u02c6\u2030\u2021\u2020\u0192\u2022]")


def read_table(
    path: Path | str,
    *,
    what: str = "notes",
    progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> NoteTable:
    """The table in a CSV or .xlsx file; ``what`` names its rows when it has none.

    The file is streamed, never loaded whole, and refused beyond the limits above (issue 12,
    rule 4). ``progress`` is told how many rows were read so far; ``should_stop`` returning
    True stops reading (NotesImportStopped)."""
    path = Path(path)
    watch = Watch(path, progress, should_stop)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise NotesImportError(
                f"{path.name}: is not a regular file (a folder, pipe or device); choose a "
                "CSV or Excel file.")
        size = info.st_size
        with path.open("rb") as handle:
            start = handle.read(8)
    except OSError as exc:
        raise NotesImportError(f"{path.name}: cannot be read ({exc.strerror or exc}).") from None
    if size > table_base.MAX_FILE_BYTES:
        raise NotesImportError(
            f"{path.name}: is {size / 1024 / 1024:.0f} MB, larger than the {table_base.MAX_FILE_BYTES // 1024 // 1024} "
            "MB a table may be; nothing was read. Split it into smaller tables."
        )
    if start.startswith(OLE2_MAGIC) or path.suffix.lower() == ".xls":
        raise NotesImportError(
            f"{path.name}: is in the old Excel format (.xls), which cannot be read. Open it in "
            "Excel or LibreOffice, save it as an Excel Workbook (.xlsx), and import that."
        )
    if path.suffix.lower() in (".xlsx", ".xlsm") or start.startswith(b"PK\x03\x04"):
        return read_xlsx(path, what, watch)
    return _read_csv(path, what, watch)


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _encoding(path: Path) -> str:
    """The encoding of a CSV, found by decoding it in pieces (never whole): UTF-8 (with or
    without BOM), UTF-16 with a BOM (Excel's "Unicode Text"), or else Windows-1252 (older
    Excel); a byte none of them can hold is refused with its line."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        for encoding in ("utf-8-sig", "cp1252"):
            handle.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            line = 1
            try:
                while chunk := handle.read(1 << 20):
                    decoder.decode(chunk)
                    line += chunk.count(b"\n")
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError as exc:
                if encoding == "cp1252":
                    line += exc.object[: exc.start].count(b"\n")
                    raise NotesImportError(
                        f"{path.name}: line {line} has a character that is neither UTF-8 "
                        f"nor Windows-1252 (byte 0x{exc.object[exc.start]:02X}), so its text "
                        "cannot be read faithfully. In Excel, save it as \u201cCSV UTF-8 "
                        "(Comma delimited)\u201d and import that."
                    ) from None
    return "cp1252"


def _lines(path: Path, handle, encoding: str):
    """The file's lines, each checked for what a text table never holds."""
    for number, line in enumerate(handle, start=1):
        if "\x00" in line:
            raise NotesImportError(
                f"{path.name}: is not a text table (CSV); it holds binary data (line {number}).")
        if encoding == "cp1252":
            # Older Excel for Mac saves Mac Roman, whose é, ü, à... are Ž, Ÿ, ˆ... in
            # Windows-1252: a letter followed by one of those is refused, not read as "CafŽ".
            mac = MAC_ROMAN_LOOK.search(line)
            if mac:
                raise NotesImportError(
                    f"{path.name}: line {number} reads {mac.group()!r}, which looks like an "
                    "accented letter saved by an older Mac Excel (Mac Roman). In Excel, save it "
                    "as \u201cCSV UTF-8 (Comma delimited)\u201d and import that."
                )
        yield line


def _read_csv(path: Path, what: str, watch: Watch) -> NoteTable:
    encoding = _encoding(path)
    try:
        return _parse_csv(path, what, watch, encoding, strict=True)
    except _Lenient:
        # A quote inside a cell that is not doubled ("a"b): read as spreadsheets do.
        return _parse_csv(path, what, watch, encoding, strict=False)


class _Lenient(Exception):
    pass


def _parse_csv(path: Path, what: str, watch: Watch, encoding: str, strict: bool) -> NoteTable:
    try:
        with path.open(encoding=encoding, newline="") as handle:
            lines = _lines(path, handle, encoding)
            header_line = next(lines, "")
            # The delimiter is whichever of , ; or tab the header line uses most (Excel in
            # much of Europe writes semicolons); note text may hold any of them, the header not.
            delimiter = max(",;\t", key=lambda d: (header_line.count(d), d == ","))
            reader = csv.reader(
                itertools.chain([header_line], lines), delimiter=delimiter, strict=strict)
            records: list[tuple[int, list[str]]] = []
            start = 1
            try:
                # Each record is numbered as the row a spreadsheet shows it on (a cell with
                # line breaks is one row), not by the line it starts on in the text.
                for row_number, record in enumerate(reader, start=1):
                    if len(record) > table_base.MAX_COLUMNS and any(c.strip() for c in record[table_base.MAX_COLUMNS:]):
                        raise NotesImportError(
                            f"{path.name}: line {start} has more than {table_base.MAX_COLUMNS} columns, the "
                            "most a table may have; nothing was read.")
                    cells = [unneutralise(c) for c in record[:table_base.MAX_COLUMNS]]
                    if any(len(c) > table_base.MAX_CELL_CHARS for c in cells):
                        raise long_cell(path, f"line {start}", csv=True)
                    if any(c.strip() for c in cells):
                        if len(records) > table_base.MAX_ROWS:
                            raise too_many_rows(path, what)
                        records.append((row_number, cells))
                        watch.tick(len(records))
                    start = reader.line_num + 1
            except csv.Error as exc:
                text = str(exc)
                if "unexpected end of data" in text:
                    raise NotesImportError(
                        f"{path.name}: line {start} opens a quote (\") that never closes, so "
                        "the rest of the file would be read as one cell; nothing was read. "
                        "Close the quote, or remove it, and import again.") from None
                if "field larger than field limit" in text:
                    raise long_cell(path, f"line {start}", csv=True) from None
                if strict:
                    raise _Lenient() from None
                raise NotesImportError(
                    f"{path.name}: line {start} cannot be read ({exc}).") from None
    except UnicodeDecodeError:
        raise NotesImportError(
            f"{path.name}: starts as UTF-16 text but is damaged; save it again as CSV UTF-8 "
            "from Excel.") from None
    except OSError as exc:
        raise NotesImportError(f"{path.name}: cannot be read ({exc.strerror or exc}).") from None
    return table_of(path, records, "row", what)


