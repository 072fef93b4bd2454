"""Reading a CSV or Excel table of notes, and matching its columns to what a note needs.

Handles what people actually hand over: UTF-8 with or without a byte order mark
(and Windows-1252 from older Excel, UTF-16 from its "Unicode Text"), commas, semicolons or tabs, cells with
line breaks, the apostrophe our CSV export puts before ``= + - @`` to stop
spreadsheets running a formula, and ``.xlsx`` workbooks (first sheet).
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import csv
import itertools
import json
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from facilitator.models import ValidationError


class NotesImportError(ValidationError):
    """The table cannot be read or its columns cannot be matched; names the file."""


#: What a note row can hold: field key -> label shown in the mapping step.
FIELDS: dict[str, str] = {
    "workshop": "Workshop code",
    "step": "Step",
    "text": "Note text",
    "support_area": "Support area",
    "theme": "Theme",
    "table": "Table label",
    "programme": "Programme title",
    "created": "Created time",
}
REQUIRED = ("workshop", "step", "text")
#: Header names recognised for each field (compared with case, spacing and punctuation
#: ignored, see ``normalise_header``).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "workshop": ("workshop", "workshop code", "code", "workshop id"),
    "step": ("step", "step key", "question step", "stage"),
    "text": ("note", "note text", "text", "notes", "sticky note", "sticky notes", "idea",
             "ideas", "comment", "comments", "response", "responses"),
    "support_area": ("support area", "support areas", "tags", "tag", "area of support"),
    "theme": ("theme", "theme label", "group"),
    "table": ("table", "table label", "table name"),
    "programme": ("programme", "program", "programme title"),
    "created": ("created utc", "created", "created time", "created at"),
}
#: Words that make a header the note text when no header is exactly a known name:
#: "Participant comments", "What's the idea?", "Response text".
TEXT_WORDS = frozenset(
    ("text", "note", "notes", "comment", "comments", "response", "responses", "idea", "ideas")
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A letter, then a character Mac Roman's accented letters become when read as Windows-1252.
MAC_ROMAN_LOOK = re.compile("[A-Za-z][\u017d\u0178\u02c6\u2030\u2021\u2020\u0192\u2022]")


#: Limits on a table read for notes or workshops (issue 12, rule 4), each stated in the
#: message that refuses a table beyond it. A round of workshops has a few thousand notes.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000
#: How much larger a part of an .xlsx may be unpacked than packed (real workbooks: 5-30).
MAX_EXPANSION = 100
#: The most any part of an .xlsx may unpack to.
MAX_PART_BYTES = 200 * 1024 * 1024
MAX_MERGED_RANGES = 10_000
MAX_SECONDS = 60
EXCEL_LAST_ROW = 1_048_576
#: How often (in rows) progress is reported and Stop is looked at.
PROGRESS_EVERY = 500


class NotesImportStopped(NotesImportError):
    """Reading was stopped by the person (Cancel); nothing was read."""


@dataclass
class _Watch:
    """Progress, Stop and the time limit while a table is read."""

    path: Path
    progress: Callable[[int], None] | None = None
    should_stop: Callable[[], bool] | None = None
    started: float = field(default_factory=time.monotonic)

    def tick(self, rows: int) -> None:
        if rows % PROGRESS_EVERY:
            return
        if self.should_stop is not None and self.should_stop():
            raise NotesImportStopped(f"{self.path.name}: reading was stopped; nothing was read.")
        if time.monotonic() - self.started > MAX_SECONDS:
            raise NotesImportError(
                f"{self.path.name}: took longer than {MAX_SECONDS} seconds to read (the limit) "
                f"and was stopped after {rows:,} rows; nothing was read. Split it into "
                "smaller tables."
            )
        if self.progress is not None:
            self.progress(rows)


def _too_many_rows(path: Path, what: str) -> NotesImportError:
    return NotesImportError(
        f"{path.name}: has more than {MAX_ROWS:,} rows, the most one table may hold; nothing "
        f"was read. Split the {what} into several tables."
    )


def _long_cell(path: Path, where: str, csv: bool = False) -> NotesImportError:
    hint = (" (a quote (\") that never closes makes the rest of the file one cell: check "
            "that line)") if csv else ""
    return NotesImportError(
        f"{path.name}: {where} holds more than {MAX_CELL_CHARS:,} characters, the most one "
        f"cell may hold{hint}; nothing was read."
    )


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be used, by its row number (as a spreadsheet shows the table)."""

    line: int
    reason: str


@dataclass
class NoteTable:
    """The cells of a table: its header and its data rows with their line (or row) numbers."""

    source: Path
    headers: list[str]
    #: Each row's cells as a tuple of text: a tuple of strings is untracked by Python's
    #: garbage collector, so 50,000 rows add nothing to its pauses (issue 12).
    rows: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    #: "row": the row a spreadsheet shows it on (for a CSV too: a cell with line breaks is one
    #: row, whatever lines it takes in the text).
    unit: str = "row"


def normalise_header(text: str) -> str:
    """A header as compared with the names we know: case, spacing and punctuation aside
    ("Note_Text:" is "note text")."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def unneutralise(cell: str) -> str:
    """Undo the CSV export's formula guard: "'=sum" back to "=sum", "''=x" back to "'=x"."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


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
    watch = _Watch(path, progress, should_stop)
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
    if size > MAX_FILE_BYTES:
        raise NotesImportError(
            f"{path.name}: is {size / 1024 / 1024:.0f} MB, larger than the {MAX_FILE_BYTES // 1024 // 1024} "
            "MB a table may be; nothing was read. Split it into smaller tables."
        )
    if start.startswith(OLE2_MAGIC) or path.suffix.lower() == ".xls":
        raise NotesImportError(
            f"{path.name}: is in the old Excel format (.xls), which cannot be read. Open it in "
            "Excel or LibreOffice, save it as an Excel Workbook (.xlsx), and import that."
        )
    if path.suffix.lower() in (".xlsx", ".xlsm") or start.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, what, watch)
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


def _read_csv(path: Path, what: str, watch: _Watch) -> NoteTable:
    encoding = _encoding(path)
    try:
        return _parse_csv(path, what, watch, encoding, strict=True)
    except _Lenient:
        # A quote inside a cell that is not doubled ("a"b): read as spreadsheets do.
        return _parse_csv(path, what, watch, encoding, strict=False)


class _Lenient(Exception):
    pass


def _parse_csv(path: Path, what: str, watch: _Watch, encoding: str, strict: bool) -> NoteTable:
    try:
        with path.open(encoding=encoding, newline="") as handle:
            lines = _lines(path, handle, encoding)
            header_line = next(lines, "")
            # The delimiter is whichever of , ; or tab the header line uses most (Excel in
            # much of Europe writes semicolons); note text may hold any of them, the header not.
            delimiter = max(",;\t", key=lambda d: (header_line.count(d), d == ","))
            reader = csv.reader(
                itertools.chain([header_line], lines), delimiter=delimiter, strict=strict)
            records = []
            start = 1
            try:
                # Each record is numbered as the row a spreadsheet shows it on (a cell with
                # line breaks is one row), not by the line it starts on in the text.
                for row_number, record in enumerate(reader, start=1):
                    if len(record) > MAX_COLUMNS and any(c.strip() for c in record[MAX_COLUMNS:]):
                        raise NotesImportError(
                            f"{path.name}: line {start} has more than {MAX_COLUMNS} columns, the "
                            "most a table may have; nothing was read.")
                    cells = [unneutralise(c) for c in record[:MAX_COLUMNS]]
                    if any(len(c) > MAX_CELL_CHARS for c in cells):
                        raise _long_cell(path, f"line {start}", csv=True)
                    if any(c.strip() for c in cells):
                        if len(records) > MAX_ROWS:
                            raise _too_many_rows(path, what)
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
                    raise _long_cell(path, f"line {start}", csv=True) from None
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
    return _table(path, records, "row", what)


def _check_parts(path: Path) -> None:
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
        if part.file_size > MAX_PART_BYTES or (
            part.file_size > 1024 * 1024 and part.file_size / packed > MAX_EXPANSION
        ):
            raise NotesImportError(
                f"{path.name}: its part {part.filename[:60]} unpacks to "
                f"{part.file_size / 1024 / 1024:,.0f} MB from {packed / 1024:,.0f} KB, more "
                f"than {MAX_EXPANSION} times its packed size (or {MAX_PART_BYTES // 1024 // 1024} "
                "MB), which no table of notes needs; nothing was read."
            )


def _read_xlsx(path: Path, what: str, watch: _Watch) -> NoteTable:
    """The first sheet's values, streamed row by row (openpyxl's read-only parser). A merged
    cell (say a workshop code merged down the rows of its notes) gives its value to every row
    it covers that holds data (a range reaching beyond the data, even to the sheet's last
    row, costs nothing); a formula gives its saved result, and one with no saved result is
    refused rather than read as an empty cell."""
    _check_parts(path)
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
    return _table(path, records, "row", what)


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


def _stream_sheet(path: Path, reader, target: str, what: str, watch: _Watch):
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils import get_column_letter, range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.xml.constants import SHEET_MAIN_NS

    row_tag = f"{{{SHEET_MAIN_NS}}}row"
    merge_tag = f"{{{SHEET_MAIN_NS}}}mergeCell"
    formula_tag = f"{{{SHEET_MAIN_NS}}}f"
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
                    if column > MAX_COLUMNS:
                        raise NotesImportError(
                            f"{path.name}: {where} holds data beyond column "
                            f"{get_column_letter(MAX_COLUMNS)} ({MAX_COLUMNS} columns, the most "
                            "a table may have); nothing was read.")
                    if len(text) > MAX_CELL_CHARS:
                        raise _long_cell(path, where)
                    cells[column] = text
                if number > EXCEL_LAST_ROW:
                    raise NotesImportError(
                        f"{path.name}: has a row numbered {number:,}, beyond Excel's last row "
                        f"({EXCEL_LAST_ROW:,}): the file is damaged or was not made by a "
                        "spreadsheet program; nothing was read.")
                if cells:
                    if len(rows) > MAX_ROWS:
                        raise _too_many_rows(path, what)
                    rows.append((number, cells))
            elif element.tag == merge_tag:
                if len(merged) >= MAX_MERGED_RANGES:
                    raise NotesImportError(
                        f"{path.name}: has more than {MAX_MERGED_RANGES:,} merged cell ranges, "
                        "the most a table may have; nothing was read.")
                with contextlib.suppress(TypeError, ValueError):  # a range naming no cells
                    merged.append(range_boundaries(element.get("ref") or ""))
            if stack:
                stack[-1].remove(element)
    return rows, merged


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


def _table(
    path: Path, records: list[tuple[int, list[str]]], unit: str, what: str
) -> NoteTable:
    records = [(n, cells) for n, cells in records if any(c.strip() for c in cells)]
    if not records:
        raise NotesImportError(f"{path.name}: is empty; there are no {what} to import.")
    (_, headers), rows = records[0], records[1:]
    width = len(headers)
    rows = [(n, (*cells, *[""] * (width - len(cells)))) for n, cells in rows]
    return NoteTable(path, [h.strip() for h in headers], rows, unit)


def auto_mapping(headers: list[str]) -> dict[str, int | None]:
    """Field -> column index, matched by header name; None where no header matches. The
    note text also takes the first other header with one of ``TEXT_WORDS`` in it."""
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    for key, names in SYNONYMS.items():
        mapping[key] = None
        for name in names:
            if name in normalised and normalised.index(name) not in taken:
                mapping[key] = normalised.index(name)
                taken.add(mapping[key])
                break
    if mapping["text"] is None:
        for index, header in enumerate(normalised):
            if index not in taken and TEXT_WORDS & set(header.split()):
                mapping["text"] = index
                break
    return mapping


def layout_key(headers: list[str]) -> str:
    """What identifies a table's layout, to remember the columns chosen for it: its header
    row, each header as compared (case, spacing and punctuation aside)."""
    return json.dumps([normalise_header(h) for h in headers], ensure_ascii=False)


def describe_mapping(headers: list[str], mapping: dict[str, int | None]) -> str:
    """'Workshop code = "Session", Note text = "What people wrote", …' for the used fields."""
    return ", ".join(
        f"{FIELDS[key]} = {headers[index] or f'column {index + 1}'!r}"
        for key, index in mapping.items()
        if index is not None and key in FIELDS and 0 <= index < len(headers)
    )


def check_mapping(table: NoteTable, mapping: dict[str, int | None]) -> None:
    """Raise NotesImportError if a needed column is unmapped or a column is used twice."""
    missing = [FIELDS[k] for k in REQUIRED if mapping.get(k) is None]
    if missing:
        raise NotesImportError(
            f"{table.source.name}: choose the column for {', '.join(missing)} "
            f"(the columns are: {', '.join(table.headers) or 'none'})."
        )
    used = [i for i in mapping.values() if i is not None]
    if len(used) != len(set(used)):
        raise NotesImportError(f"{table.source.name}: one column is chosen for two fields.")
    for index in used:
        if not 0 <= index < len(table.headers):
            raise NotesImportError(f"{table.source.name}: there is no column {index + 1}.")
