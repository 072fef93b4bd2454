"""Reading a CSV or Excel table of notes, and matching its columns to what a note needs.

Handles what people actually hand over: UTF-8 with or without a byte order mark
(and Windows-1252 from older Excel, UTF-16 from its "Unicode Text"), commas, semicolons or tabs, cells with
line breaks, the apostrophe our CSV export puts before ``= + - @`` to stop
spreadsheets running a formula, and ``.xlsx`` workbooks (first sheet).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
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


@dataclass(frozen=True)
class RowProblem:
    """A row that cannot be used, by its line (CSV) or row (spreadsheet) number."""

    line: int
    reason: str


@dataclass
class NoteTable:
    """The cells of a table: its header and its data rows with their line (or row) numbers."""

    source: Path
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    #: "line" for CSV (the line the record starts on), "row" for a spreadsheet.
    unit: str = "line"


def normalise_header(text: str) -> str:
    """A header as compared with the names we know: case, spacing and punctuation aside
    ("Note_Text:" is "note text")."""
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def unneutralise(cell: str) -> str:
    """Undo the CSV export's formula guard: "'=sum" back to "=sum", "''=x" back to "'=x"."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def read_table(path: Path | str, *, what: str = "notes") -> NoteTable:
    """The table in a CSV or .xlsx file; ``what`` names its rows when it has none."""
    path = Path(path)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return _read_xlsx(path, what)
        data = path.read_bytes()
    except OSError as exc:
        raise NotesImportError(f"{path.name}: cannot be read ({exc.strerror or exc}).") from None
    return _read_csv(path, data, what)


def _decode(path: Path, data: bytes) -> str:
    """The text of a CSV: UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode
    Text"), or else Windows-1252 (older Excel); a byte none of them can hold is refused
    with its line, rather than turned into a replacement character."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotesImportError(
                f"{path.name}: starts as UTF-16 text but is damaged; save it again as "
                "CSV UTF-8 from Excel."
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NotesImportError(
            f"{path.name}: line {line} has a character that is neither UTF-8 nor "
            f"Windows-1252 (byte 0x{data[exc.start]:02X}), so its text cannot be read "
            "faithfully. In Excel, save it as \u201cCSV UTF-8 (Comma delimited)\u201d and "
            "import that."
        ) from None
    # Older Excel for Mac saves Mac Roman, whose é, ü, à... are Ž, Ÿ, ˆ... in Windows-1252:
    # a letter followed by one of those is refused rather than read as "CafŽ".
    mac = MAC_ROMAN_LOOK.search(text)
    if mac:
        line = text[: mac.start()].count("\n") + 1
        raise NotesImportError(
            f"{path.name}: line {line} reads {mac.group()!r}, which looks like an accented "
            "letter saved by an older Mac Excel (Mac Roman). In Excel, save it as "
            "\u201cCSV UTF-8 (Comma delimited)\u201d and import that."
        )
    return text


def _read_csv(path: Path, data: bytes, what: str) -> NoteTable:
    text = _decode(path, data)
    if "\x00" in text:
        raise NotesImportError(f"{path.name}: is not a text table (CSV); it holds binary data.")
    # The delimiter is whichever of , ; or tab the header line uses most (Excel in
    # much of Europe writes semicolons); note text may hold any of them, the header not.
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=lambda d: (header_line.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    start = 1
    try:
        for record in reader:
            records.append((start, [unneutralise(c) for c in record]))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise NotesImportError(f"{path.name}: line {start} cannot be read ({exc}).") from None
    return _table(path, records, "line", what)


def _load(path: Path, **options):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, **options)
    except OSError as exc:
        raise NotesImportError(f"{path.name}: cannot be read ({exc.strerror or exc}).") from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise NotesImportError(
            f"{path.name}: is not an Excel workbook that can be read ({exc})."
        ) from None


def _read_xlsx(path: Path, what: str) -> NoteTable:
    """The first sheet's values. A merged cell (say a workshop code merged down the rows of
    its notes) gives its value to every row it covers; a formula gives its saved result,
    and one with no saved result is refused rather than read as an empty cell."""
    book = _load(path, data_only=True)
    try:
        sheet = book.worksheets[0]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            top_left = sheet.cell(merged.min_row, merged.min_col).value
            for r in range(merged.min_row - 1, min(merged.max_row, len(values))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(values[r]))):
                    values[r][c] = top_left
    finally:
        book.close()
    _refuse_unsaved_formulas(path, values)
    records = [
        (number, [unneutralise(_cell_text(v)) for v in row])
        for number, row in enumerate(values, start=1)
    ]
    return _table(path, records, "row", what)


def _refuse_unsaved_formulas(path: Path, values: list[list]) -> None:
    from openpyxl.utils import get_column_letter

    book = _load(path, read_only=True)
    try:
        rows = book.worksheets[0].iter_rows(values_only=True)
        for r, formulas in enumerate(rows):
            for c, formula in enumerate(formulas):
                saved = values[r][c] if r < len(values) and c < len(values[r]) else None
                if saved is None and isinstance(formula, str) and formula.startswith("="):
                    raise NotesImportError(
                        f"{path.name}: cell {get_column_letter(c + 1)}{r + 1} holds a formula "
                        f"({formula[:40]}) with no saved result. Open the workbook in Excel "
                        "or LibreOffice, save it, and import it again."
                    )
    finally:
        book.close()


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
    rows = [(n, cells + [""] * (width - len(cells))) for n, cells in rows]
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
