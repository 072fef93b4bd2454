"""Write one library file per schema version the app has shipped: tests/data/libraries/
schema-NN.wfdb holds the first NN migrations, as a library of that version was, with a
programme, a workshop and a note in it.

    python tests/data/libraries/make_libraries.py        writes the files that are missing

Run it after adding a migration (tests/facilitator/test_shipped_schemas.py asks for the
new file), and commit the file. Never rewrite an existing file: it stands for libraries
already on people's laptops, and a shipped migration that was edited shows as a
difference from it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

WHEN = "2026-01-01T09:00:00+00:00"


def library_file(count: int) -> Path:
    return HERE / f"schema-{count:02d}.wfdb"


def _fill(conn: sqlite3.Connection, table: str, known: dict) -> None:
    """Insert one row, with ``known`` values and a plain value for any other column that
    must have one (so the same code writes a row under every schema version)."""
    row = dict(known)
    for _cid, name, kind, notnull, default, _pk in conn.execute(f"PRAGMA table_info({table})"):
        if name not in row and notnull and default is None:
            row[name] = 0 if "INT" in kind.upper() else ""
    names = ", ".join(row)
    conn.execute(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(row))})",
                 list(row.values()))


def write_library(count: int) -> Path:
    from sqlite_utils import Database

    from facilitator.formats import load_builtin_formats
    from facilitator.store.connection import APPLICATION_ID
    from facilitator.store.schema import migrations

    names = [m.name for m in migrations._migrations]
    path = library_file(count)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA page_size = 1024")  # small files: they are committed
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    if count < len(names):
        migrations.apply(Database(conn), stop_before=names[count])
    else:
        migrations.apply(Database(conn))
    conn.execute(f"PRAGMA user_version = {count}")
    fmt = load_builtin_formats()["delivery-planning"]
    with conn:
        conn.execute("INSERT INTO meta VALUES ('library_id', ?)", [f"shipped-schema-{count:02d}"])
        conn.execute("INSERT INTO meta VALUES ('created_at', ?)", [WHEN])
        _fill(conn, "formats", {"key": fmt.key, "name": fmt.name, "version": fmt.version,
                                "definition": fmt.to_json(), "updated_at": WHEN})
        _fill(conn, "programmes", {"id": "programme-1", "title": "Shipped programme",
                                   "created_at": WHEN, "updated_at": WHEN})
        _fill(conn, "workshops", {"id": "workshop-1", "programme_id": "programme-1",
                                  "code": "W1", "theme_question": "How can we help?",
                                  "format_key": fmt.key, "created_at": WHEN, "updated_at": WHEN})
        _fill(conn, "notes", {"id": "note-1", "workshop_id": "workshop-1", "step_key": "who",
                              "text": f"Written under schema {count}", "created_at": WHEN,
                              "updated_at": WHEN})
    conn.execute("VACUUM")
    conn.close()
    return path


def main() -> int:
    from facilitator.store.schema import migrations

    for count in range(1, len(migrations._migrations) + 1):
        if not library_file(count).exists():
            print(f"wrote {write_library(count)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
