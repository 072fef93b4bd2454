"""What every table reader shares (CSV here in ``notes_table``, workbooks in ``notes_xlsx``): the
errors that refuse a table, the limits on one (issue 12, rule 4; each stated in the message
that refuses a table beyond it), progress, Stop and the time limit, and the table read.

The readers read the limits as ``table_base.MAX_...`` when they read, so they are stated in
one place (and a test may lower them there).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from facilitator.models import ValidationError


class NotesImportError(ValidationError):
    """The table cannot be read or its columns cannot be matched; names the file."""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
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
class Watch:
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


def too_many_rows(path: Path, what: str) -> NotesImportError:
    return NotesImportError(
        f"{path.name}: has more than {MAX_ROWS:,} rows, the most one table may hold; nothing "
        f"was read. Split the {what} into several tables."
    )


def long_cell(path: Path, where: str, csv: bool = False) -> NotesImportError:
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


def unneutralise(cell: str) -> str:
    """Undo the CSV export's formula guard: "'=sum" back to "=sum", "''=x" back to "'=x"."""
    if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def table_of(
    path: Path, records: list[tuple[int, list[str]]], unit: str, what: str
) -> NoteTable:
    records = [(n, cells) for n, cells in records if any(c.strip() for c in cells)]
    if not records:
        raise NotesImportError(f"{path.name}: is empty; there are no {what} to import.")
    (_, headers), rows = records[0], records[1:]
    width = len(headers)
    padded = [(n, (*cells, *[""] * (width - len(cells)))) for n, cells in rows]
    return NoteTable(path, [h.strip() for h in headers], padded, unit)


