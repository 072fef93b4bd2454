"""Reading a workshop file's rows set-wise: one plain statement per table, and the type of
every value checked a whole column at a time.

The careful reader (``transfer_read.read_rows``) asks SQLite for each value's type and
decodes every text value itself, cell by cell, so that it can say exactly which column of
which table is wrong. Here each table's rows are read whole (SQLite decoding the text,
strictly: bad UTF-8 is an error), and each column's values are checked for the kinds the
careful reader accepts (text, a whole number, data; NULL only where the column allows it)
by the set of their Python types: SQLite gives text as ``str``, whole numbers as ``int``,
data as ``bytes`` and NULL as None, so that set is exactly the set of the values'
``typeof()``. Tables that one query finds empty are not read at all. Anything found wrong
sends the whole file back to the careful reader, which refuses it with the same message as
always: this path only spares work.

The rows are kept as the careful reader keeps them (a dict per row, ``content.rows``), and
also as columns (``content.columns``), which the domain's checks and the row digests take a
column at a time (``facilitator/transfer/note_checks.py``, ``row_digest.py``).
(Until 26 Nov the notes' row rules were also worked out here, in SQL, in the statement that
read them; a column at a time in Python they cost a tenth as much: benchmarks/IMPORT.md.)
"""

from __future__ import annotations

import sqlite3
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

#: The longest id a row may have (``validate._check_id``).
MAX_ID_LENGTH = 64


class ColumnKind(NamedTuple):
    """What a column of a declared type holds: its values' SQLite ``typeof()``, the Python
    type SQLite gives them as, and how the careful reader's refusal says what it should be."""

    sql: str
    python: type
    named: str


#: The kinds of value each declared column type takes, for both readers (here set-wise, and
#: ``transfer_read._typed`` cell by cell).
COLUMN_KINDS = {
    "TEXT": ColumnKind("text", str, "text; refused."),
    "INTEGER": ColumnKind("integer", int, "a whole number."),
    "BLOB": ColumnKind("blob", bytes, "data."),
}


def nullable(column: Any) -> bool:
    """Whether ``column`` (a ``transfer_schema.Column``) may be NULL in a workshop file."""
    return not column.notnull and not column.pk


def _allowed(column: Any) -> set[type] | None:
    """The Python types the careful reader accepts in ``column`` (a ``transfer_schema.Column``),
    or None for a column of a type the careful reader would handle (none today)."""
    kind = COLUMN_KINDS.get(column.type)
    if kind is None:
        return None
    return {kind.python, type(None)} if nullable(column) else {kind.python}


def read_rows_fast(
    conn: sqlite3.Connection, path: Path, tables: tuple[str, ...], columns_of: Any,
    content: Any,
) -> bool:
    """Fill ``content.rows`` and ``content.columns`` of a ``transfer_file.FileContent``
    set-wise (this module is below ``transfer_file``, so takes its pieces as arguments: the
    tables and ``columns_of(table)``); False, with nothing promised about ``content``, where
    the careful reader must read the file instead."""
    present = " UNION ALL ".join(
        f"SELECT {i} WHERE EXISTS (SELECT 1 FROM \"{t}\")" for i, t in enumerate(tables))
    filled = {tables[i] for (i,) in conn.execute(present)}
    conn.text_factory = str
    try:
        for table in tables:
            columns = columns_of(table)
            names = [c.name for c in columns]
            if table not in filled:
                content.rows[table] = []
                content.columns[table] = {name: () for name in names}
                continue
            listed = ", ".join(f'"{n}"' for n in names)
            rows = conn.execute(f'SELECT {listed} FROM "{table}"').fetchall()
            values = list(zip(*rows, strict=True))
            for column, found in zip(columns, values, strict=True):
                allowed = _allowed(column)
                if allowed is None or not set(map(type, found)) <= allowed:
                    return False
            content.rows[table] = list(map(dict, map(zip, repeat(names), rows)))
            content.columns[table] = dict(zip(names, values, strict=True))
    except sqlite3.OperationalError as exc:
        if "decode" in str(exc):  # text that is not UTF-8: the careful reader says where
            return False
        raise
    finally:
        conn.text_factory = bytes
    return True
