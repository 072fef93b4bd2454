"""Reading a workshop file's rows set-wise: the column types of whole tables, and the
plain shape of every note, worked out by SQLite in the statements that read them.

The careful reader (``transfer_file._read_rows``) asks SQLite for each value's type and
decodes every text value itself, cell by cell, so that it can say exactly which column of
which table is wrong. Here the statement that reads a table's rows whole (SQLite decoding
the text, strictly: bad UTF-8 is an error) also says of each row whether any of its values
has the wrong type (a NULL in a NOT NULL column, a number where text belongs, and so on);
tables that one query finds empty are not read at all. Anything found wrong sends the whole
file back to the careful reader, which refuses it with the same message as always: this
path only spares work.

The notes are most of a file's rows, so they are also checked here against the domain's
row rules (``facilitator/transfer/validate.py``), in the same statement that reads them:
``NOTE_CLEAR`` is true for a note of the plain shape the app writes. Each condition in it
implies the rule it stands for (see the comments), so a note found clear cannot be one the
domain's own checks would refuse; a note not found clear (of another shape, perhaps still
valid, or broken) goes through every check in Python as before.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

#: The longest id a row may have (``validate._check_id``).
MAX_ID_LENGTH = 64


def _id_ok(column: str) -> str:
    # Python: a str, non-blank after strip(), at most 64 characters. A letter or digit makes
    # it non-blank whatever strip() takes away; 64 bytes (NULs included) are at most 64
    # characters.
    return (f"({column} GLOB '*[0-9A-Za-z]*' "
            f"AND length(CAST({column} AS BLOB)) <= {MAX_ID_LENGTH})")


#: ``utc_now()``'s own shape, to the microsecond, in UTC.
_UTC_SHAPE = ("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]."
              "[0-9][0-9][0-9][0-9][0-9][0-9]+00:00")


def _time_ok(column: str) -> str:
    # Python: datetime.fromisoformat() reads it. Exactly 32 bytes of that shape (digits where
    # digits go), a year from 0001, a month 01-12, a day the month always has (29 February
    # is left to Python), an hour 00-23, a minute and a second 00-59: fromisoformat reads
    # that, in UTC.
    def part(start: int, length: int) -> str:
        return f"substr({column}, {start}, {length})"

    month, day = part(6, 2), part(9, 2)
    return " AND ".join([
        f"(length(CAST({column} AS BLOB)) = 32",
        f"{column} GLOB '{_UTC_SHAPE}'",
        f"{part(1, 4)} <> '0000'",
        f"{month} BETWEEN '01' AND '12'",
        f"({day} BETWEEN '01' AND '28' OR ({day} IN ('29', '30') AND {month} <> '02') "
        f"OR ({day} = '31' AND {month} IN ('01', '03', '05', '07', '08', '10', '12')))",
        f"{part(12, 2)} <= '23'",
        f"{part(15, 2)} <= '59'",
        f"{part(18, 2)} <= '59')",
    ])


#: A note found clear passes, in ``validate._validate_note``: the id check, "belongs to a
#: workshop in the file", the times (readable, the edit time in UTC and not more than a day
#: ahead of now: its whole second is before now + 1 day, bound as ``:ahead``, worked out
#: before the statement runs), the deleted flag, "under a theme
#: in the file", and ``Note.validate()`` (text with a letter or digit is not empty; a step
#: key). Its tags and its step against its workshop's format are still checked in Python.
NOTE_CLEAR = " AND ".join([
    _id_ok("id"),
    "workshop_id IN (SELECT id FROM workshops)",
    _time_ok("created_at"),
    _time_ok("updated_at"),
    "substr(updated_at, 1, 19) < :ahead",
    "deleted IN (0, 1)",
    "(theme_id IS NULL OR theme_id IN (SELECT id FROM themes))",
    "text GLOB '*[0-9A-Za-z]*'",
    "step_key <> ''",
])

#: Tables whose rows get a "clear" flag, and the expression that sets it.
CLEAR = {"notes": NOTE_CLEAR}


def _wrong_type(column: Any) -> str:
    """SQL true where a value of ``column`` (a ``transfer_file.Column``) is not what the
    careful reader accepts."""
    name = f'"{column.name}"'
    null = "1" if column.notnull or column.pk else "0"
    kind = {"TEXT": "text", "INTEGER": "integer", "BLOB": "blob"}.get(column.type)
    if kind is None:  # no such column today; the careful reader would handle one
        return "1"
    return f"(CASE WHEN {name} IS NULL THEN {null} ELSE typeof({name}) <> '{kind}' END)"


def read_rows_fast(
    conn: sqlite3.Connection, path: Path, tables: tuple[str, ...], columns_of: Any,
    content: Any,
) -> bool:
    """Fill ``content.rows`` (and ``content.cleared``) of a ``transfer_file.FileContent``
    set-wise (this module is below ``transfer_file``, so takes its pieces as arguments: the
    tables and ``columns_of(table)``); False, with nothing
    promised about ``content``, where the careful reader must read the file instead."""
    present = " UNION ALL ".join(
        f"SELECT {i} WHERE EXISTS (SELECT 1 FROM \"{t}\")" for i, t in enumerate(tables))
    filled = {tables[i] for (i,) in conn.execute(present)}
    # Now + 1 day (FUTURE_SLACK in validate), to the second, before any row is read: a time
    # before it is before now + 1 day whenever Python would have looked.
    ahead = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%S")
    conn.text_factory = str
    try:
        for table in tables:
            if table not in filled:
                content.rows[table] = []
                if table in CLEAR:
                    content.cleared[table] = []
                continue
            columns = columns_of(table)
            names = [c.name for c in columns]
            width = len(names)
            wrong = " OR ".join(_wrong_type(c) for c in columns)
            clear = CLEAR.get(table, "0")
            listed = ", ".join(f'"{n}"' for n in names)
            rows, flags = [], []
            # Each row with two more values: any of its values of the wrong type, and clear.
            sql = f'SELECT {listed}, ({wrong}), ({clear}) FROM "{table}"'
            for raw in conn.execute(sql, {"ahead": ahead} if table in CLEAR else {}):
                if raw[width]:
                    return False
                rows.append(dict(zip(names, raw[:width], strict=True)))
                flags.append(raw[width + 1] == 1)
            content.rows[table] = rows
            if table in CLEAR:
                content.cleared[table] = flags
    except sqlite3.OperationalError as exc:
        if "decode" in str(exc):  # text that is not UTF-8: the careful reader says where
            return False
        raise
    finally:
        conn.text_factory = bytes
    return True
