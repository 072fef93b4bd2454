"""The SQL of correcting a library: deleting with restore, purging for good, merge redirects.

The decisions (what may be deleted, merged or renamed, and the messages) live in
``facilitator.library_ops``; this module only reads and writes rows. Every public
function here is one transaction (or joins the caller's).

Tables (migration ``0004_library_operations``):

- ``merged_records`` travels in workshop files: ``old_id -> new_id`` per table, for a
  programme, workshop or theme merged into another;
- ``purged_records`` travels: ids removed for good, so a file cannot bring them back;
- ``deleted_with`` stays local: the workshops deleted together with their programme;
- ``rewritten`` (migration ``0014_merge_undone``) stays local: rows an import pointed
  through a redirect, with the value they had, so that an undone merge puts them back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from facilitator.models import Programme, Workshop, utc_now
from facilitator.store import asset_upkeep
from facilitator.store import assets as assets_sql
from facilitator.store.store import Store

#: The tables whose records can be merged (redirected) or purged.
RECORD_TABLES = ("programmes", "workshops", "themes", "assets")


def _ids(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)))


def _ids_where(store: Store, table: str, column: str, values: Iterable[str]) -> list[str]:
    """The ids of ``table``'s rows whose ``column`` is one of ``values``."""
    return [r[0] for r in store.conn.execute(
        f"SELECT id FROM {table} WHERE {column} IN (SELECT value FROM json_each(?))",
        [_ids(values)],
    )]


# ------------------------------------------------------------------ deleting
def delete_programme_with_workshops(store: Store, programme_id: str) -> list[str]:
    """Soft-delete a programme and its live workshops, remembering which went with it."""
    with store.transaction():
        workshops = [
            row[0] for row in store.conn.execute(
                "SELECT id FROM workshops WHERE programme_id = ? AND deleted = 0", [programme_id]
            )
        ]
        store._set_deleted(Programme, [programme_id], True)
        store._set_deleted(Workshop, workshops, True)
        store.conn.executemany(
            "INSERT OR REPLACE INTO deleted_with (table_name, row_id, owner_table, owner_id) "
            "VALUES ('workshops', ?, 'programmes', ?)",
            [(w, programme_id) for w in workshops],
        )
        store._touch("programmes_changed", programme_id)
        store._touch("workshops_changed", *workshops)
    return workshops


def restore_programme_with_workshops(store: Store, programme_id: str) -> list[str]:
    """Undelete a programme and exactly the workshops deleted together with it."""
    with store.transaction():
        workshops = [
            row[0] for row in store.conn.execute(
                "SELECT row_id FROM deleted_with WHERE table_name = 'workshops' "
                "AND owner_table = 'programmes' AND owner_id = ?", [programme_id]
            )
        ]
        store._set_deleted(Programme, [programme_id], False)
        store._set_deleted(Workshop, workshops, False)
        store.conn.execute(
            "DELETE FROM deleted_with WHERE owner_table = 'programmes' AND owner_id = ?",
            [programme_id],
        )
        store._touch("programmes_changed", programme_id)
        store._touch("workshops_changed", *workshops)
    return workshops


def restore_workshop(store: Store, workshop_id: str) -> None:
    with store.transaction():
        store._set_deleted(Workshop, [workshop_id], False)
        store.conn.execute(
            "DELETE FROM deleted_with WHERE table_name = 'workshops' AND row_id = ?", [workshop_id]
        )
        store._touch("workshops_changed", workshop_id)


def deleted_rows(store: Store) -> list[dict[str, Any]]:
    """Deleted programmes, workshops (not deleted with their programme), themes and assets, newest
    first, with what a list shows of each (the domain leaves out those merged into another
    record: which are is decided by the resolved redirects, not by this SQL)."""
    sql = (
        "SELECT 'programme', p.id, p.title, '', '', p.title, p.updated_at FROM programmes p "
        "WHERE p.deleted = 1 "
        "UNION ALL "
        "SELECT 'workshop', w.id, w.code, w.theme_question, w.date, p.title, w.updated_at "
        "FROM workshops w JOIN programmes p ON p.id = w.programme_id WHERE w.deleted = 1 "
        "AND NOT EXISTS (SELECT 1 "
        "FROM deleted_with d WHERE d.table_name = 'workshops' AND d.row_id = w.id) "
        "UNION ALL "
        "SELECT 'theme', t.id, t.label, t.step_key, '', p.title, t.updated_at "
        "FROM themes t JOIN programmes p ON p.id = t.programme_id WHERE t.deleted = 1 "
        "UNION ALL "
        "SELECT 'asset', a.id, a.name, a.place, '', p.title, a.updated_at "
        "FROM assets a JOIN programmes p ON p.id = a.programme_id WHERE a.deleted = 1 "
        "ORDER BY 7 DESC, 1, 2"
    )
    names = ("kind", "id", "name", "detail", "date", "programme_title", "deleted_at")
    return [dict(zip(names, row, strict=True)) for row in store.conn.execute(sql)]


def deleted_together(store: Store, programme_id: str) -> list[str]:
    """Ids of the workshops deleted together with the programme."""
    return [
        row[0] for row in store.conn.execute(
            "SELECT row_id FROM deleted_with WHERE owner_table = 'programmes' AND owner_id = ?",
            [programme_id],
        )
    ]


# ------------------------------------------------------------------- purging
def _merged_into(store: Store, table: str, ids: set[str]) -> set[str]:
    """``ids`` and every record merged into them (following chains of redirects)."""
    found = set(ids)
    frontier = set(ids)
    while frontier:
        rows = store.conn.execute(
            "SELECT old_id FROM merged_records WHERE table_name = ? AND deleted = 0 "
            "AND new_id IN (SELECT value FROM json_each(?))",
            [table, _ids(frontier)],
        ).fetchall()
        frontier = {r[0] for r in rows} - found
        found |= frontier
    return found


def _forget(store: Store, table: str, ids: set[str], now: str) -> None:
    """Delete the rows and their bookkeeping, and keep a purge tombstone for each."""
    if not ids:
        return
    store.conn.execute(
        "DELETE FROM merge_base WHERE table_name = ? AND row_key IN "
        "(SELECT value FROM json_each(?))", [table, _ids(ids)],
    )
    store.conn.execute(
        "DELETE FROM merged_records WHERE table_name = ?1 AND (old_id IN "
        "(SELECT value FROM json_each(?2)) OR new_id IN (SELECT value FROM json_each(?2)))",
        [table, _ids(ids)],
    )
    store.conn.execute(
        "DELETE FROM deleted_with WHERE (table_name = ?1 AND row_id IN "
        "(SELECT value FROM json_each(?2))) OR (owner_table = ?1 AND owner_id IN "
        "(SELECT value FROM json_each(?2)))", [table, _ids(ids)],
    )
    store.conn.execute(
        f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)]
    )
    record_purged(store, [{"table_name": table, "id": record_id, "purged_at": now}
                          for record_id in sorted(ids)])


def purge_workshops(
    store: Store, workshop_ids: Iterable[str], when: str | None = None
) -> set[str]:
    """Remove workshops for good with their notes, attendance and photos (and the
    workshops merged into them); returns the workshop ids removed."""
    now = when or utc_now()
    with store.transaction():
        ids = _merged_into(store, "workshops", set(workshop_ids))
        arg = [_ids(ids)]
        notes = _ids_where(store, "notes", "workshop_id", ids)
        store.conn.execute(
            "DELETE FROM merge_base WHERE table_name = 'notes' AND row_key IN "
            "(SELECT value FROM json_each(?))", [_ids(notes)],
        )
        store.conn.execute(
            "DELETE FROM merge_base WHERE table_name = 'attendance' AND substr(row_key, 1, "
            "instr(row_key, '|') - 1) IN (SELECT value FROM json_each(?))", arg,
        )
        # The search index is kept by rowid: take the notes out of it before they go.
        store.conn.execute(
            "DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM notes WHERE "
            "workshop_id IN (SELECT value FROM json_each(?)))", arg,
        )
        asset_upkeep.purge_workshops(store, ids)
        for table in ("notes", "attendance", "photos", "workshop_sources"):
            store.conn.execute(
                f"DELETE FROM {table} WHERE workshop_id IN (SELECT value FROM json_each(?))", arg
            )
        _forget(store, "workshops", ids, now)
        store._touch("workshops_changed", *ids)
        store._touch("notes_changed", *notes)
    return ids


def purge_themes(
    store: Store, theme_ids: Iterable[str], when: str | None = None
) -> set[str]:
    """Remove themes for good; their notes become unthemed."""
    now = when or utc_now()
    with store.transaction():
        ids = _merged_into(store, "themes", set(theme_ids))
        notes = _ids_where(store, "notes", "theme_id", ids)
        store.conn.execute(
            "UPDATE notes SET theme_id = NULL WHERE theme_id IN (SELECT value FROM json_each(?))",
            [_ids(ids)],
        )
        _forget(store, "themes", ids, now)
        store._touch("themes_changed", *ids)
        store._touch("notes_changed", *notes)
    return ids


def purge_programmes(
    store: Store, programme_ids: Iterable[str], when: str | None = None
) -> set[str]:
    """Remove programmes for good with all their workshops and themes."""
    now = when or utc_now()
    with store.transaction():
        ids = _merged_into(store, "programmes", set(programme_ids))
        workshops = _ids_where(store, "workshops", "programme_id", ids)
        purge_workshops(store, workshops, now)
        themes = _ids_where(store, "themes", "programme_id", ids)
        purge_themes(store, themes, now)
        _purge_action_plans(store, ids)
        asset_upkeep.purge_programmes(store, ids)
        _forget(store, "programmes", ids, now)
        store._touch("programmes_changed", *ids)
    return ids


def purge_assets(
    store: Store, asset_ids: Iterable[str], when: str | None = None
) -> set[str]:
    """Remove assets of the register for good (and the assets merged into them), with the
    links naming them (the notes and workshops that named them, their places in
    connections); a connection itself stays with the assets it still links."""
    now = when or utc_now()
    with store.transaction():
        ids = _merged_into(store, "assets", set(asset_ids))
        for table in ("asset_sources", "connection_assets"):
            links = _ids_where(store, table, "asset_id", ids)
            store.conn.execute(
                "DELETE FROM merge_base WHERE table_name = ? AND row_key IN "
                "(SELECT value FROM json_each(?))", [table, _ids(links)])
            store.conn.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
                [_ids(links)])
        _forget(store, "assets", ids, now)
        store._touch(assets_sql.EVENT, *ids)
    return ids


def _purge_action_plans(store: Store, programme_ids: set[str]) -> None:
    """The programmes' action plans go with them: progress updates, actions, priorities
    (and what this library knew of other libraries' copies of them). A file still carrying
    them is skipped at import: their programme is in ``purged_records``."""
    actions = _ids_where(store, "actions", "programme_id", programme_ids)
    updates = _ids_where(store, "progress_updates", "action_id", actions)
    priorities = _ids_where(store, "priorities", "programme_id", programme_ids)
    for table, ids in (("progress_updates", updates), ("actions", actions),
                       ("priorities", priorities)):
        store.conn.execute(
            "DELETE FROM merge_base WHERE table_name = ? AND row_key IN "
            "(SELECT value FROM json_each(?))", [table, _ids(ids)])
        store.conn.execute(
            f"DELETE FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)])
    store._touch("actions_changed", *actions, *priorities)


def purged_at(store: Store) -> dict[tuple[str, str], str]:
    """When each record was emptied from Deleted items (the earliest known), by (table, id)."""
    return {(t, i): when for t, i, when in store.conn.execute(
        "SELECT table_name, id, purged_at FROM purged_records")}


def purged_ids(store: Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {table: set() for table in RECORD_TABLES}
    for table, record_id in store.conn.execute("SELECT table_name, id FROM purged_records"):
        found.setdefault(table, set()).add(record_id)
    return found


def record_purged(store: Store, rows: list[dict[str, Any]]) -> int:
    """Keep purge tombstones that came in a workshop file; returns how many were new."""
    before = store.conn.total_changes
    store.conn.executemany(
        "INSERT INTO purged_records (table_name, id, purged_at) VALUES (?, ?, ?) "
        "ON CONFLICT(table_name, id) DO UPDATE SET purged_at = excluded.purged_at "
        "WHERE excluded.purged_at < purged_records.purged_at",
        [(r["table_name"], r["id"], r["purged_at"]) for r in rows],
    )
    return store.conn.total_changes - before


def unpurge(store: Store, keys: Iterable[tuple[str, str]]) -> None:
    """Withdraw purge records (table, id): the record is in use on another laptop, whose
    file brings it back."""
    store.conn.executemany("DELETE FROM purged_records WHERE table_name = ? AND id = ?",
                           list(keys))


# ----------------------------------------------------------------- redirects
@dataclass(frozen=True)
class Redirect:
    table_name: str
    old_id: str
    new_id: str
    created_at: str
    updated_at: str
    deleted: bool = False

    def row(self) -> dict[str, Any]:
        return {
            "table_name": self.table_name, "old_id": self.old_id, "new_id": self.new_id,
            "created_at": self.created_at, "updated_at": self.updated_at,
            "deleted": 1 if self.deleted else 0,
        }


def redirects(store: Store, *, include_deleted: bool = False) -> list[Redirect]:
    where = "" if include_deleted else "WHERE deleted = 0"
    return [
        Redirect(t, o, n, c, u, bool(d))
        for t, o, n, c, u, d in store.conn.execute(
            "SELECT table_name, old_id, new_id, created_at, updated_at, deleted "
            f"FROM merged_records {where} ORDER BY table_name, old_id"
        )
    ]


def save_redirects(store: Store, items: Iterable[Redirect]) -> None:
    """Insert redirects, or replace the library's where the new one is newer (ties: the
    larger new id), so every library keeps the same one whatever the order."""
    store.conn.executemany(
        "INSERT INTO merged_records (table_name, old_id, new_id, created_at, updated_at, "
        "deleted) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(table_name, old_id) DO UPDATE SET "
        "new_id = excluded.new_id, created_at = excluded.created_at, "
        "updated_at = excluded.updated_at, deleted = excluded.deleted "
        "WHERE (excluded.updated_at, excluded.new_id, excluded.deleted) > "
        "(merged_records.updated_at, merged_records.new_id, merged_records.deleted)",
        [(r.table_name, r.old_id, r.new_id, r.created_at, r.updated_at, int(r.deleted))
         for r in items],
    )


def forget_redirects(store: Store, keys: Iterable[tuple[str, str]]) -> None:
    """Forget the redirects from these (table, old id): their records were purged."""
    store.conn.executemany(
        "DELETE FROM merged_records WHERE table_name = ? AND old_id = ?", list(keys)
    )


def drop_redirect(store: Store, table: str, old_id: str) -> None:
    """Forget a redirect made by a merge that is being undone."""
    store.conn.execute(
        "DELETE FROM merged_records WHERE table_name = ? AND old_id = ?", [table, old_id]
    )


# ------------------------------------------------------------ plain row edits
def set_programme_id(store: Store, table: str, ids: Iterable[str], programme_id: str) -> None:
    """Point workshops or themes at another programme, keeping their edit time: the redirect
    recorded with the merge makes every other library do the same."""
    assert table in ("workshops", "themes", "assets", "connections")
    ids = list(ids)
    earlier = set(store._pending.get(f"{table}_changed", ()))
    store.conn.execute(
        f"UPDATE {table} SET programme_id = ? WHERE id IN (SELECT value FROM json_each(?))",
        [programme_id, _ids(ids)],
    )
    store._touch(_EVENT_OF.get(table, f"{table}_changed"), *ids)
    if table == "themes":  # a theme's label and its notes' search rows are as they were
        store._index_unchanged(themes=[i for i in ids if i not in earlier])


def _repointed(
    store: Store, column: str, pairs: dict[str, list[str]], mapping: dict[str, str | None],
    earlier_notes: set[str], earlier_themes: set[str],
) -> None:
    """Touch notes just pointed from one workshop or theme to another (``pairs``: old
    parent -> the notes moved from it; ``mapping``: old parent -> new), telling the search
    index which of them keep their index rows: all of them when they changed workshop; when
    they changed theme, those whose old and new theme are both live with the very same
    label. Notes or themes changed earlier in the transaction are compared at COMMIT."""
    for notes in pairs.values():
        store._touch("notes_changed", *notes)
    same = set(pairs)
    if column == "theme_id":
        themes = set(pairs) | {v for v in mapping.values() if v is not None}
        labels = dict(store.conn.execute(
            "SELECT id, label FROM themes WHERE deleted = 0 "
            "AND id IN (SELECT value FROM json_each(?))", [_ids(themes)],
        ).fetchall())
        same = {
            old for old in pairs
            if mapping[old] is not None and old not in earlier_themes
            and mapping[old] not in earlier_themes and old in labels
            and labels[old] == labels.get(mapping[old])
        }
    store._index_unchanged(
        notes=[n for old in same for n in pairs[old] if n not in earlier_notes]
    )


def repoint(
    store: Store, table: str, column: str, mapping: dict[str, str | None]
) -> tuple[list[str], list[tuple]]:
    """Point the notes or photos of some workshops (``column='workshop_id'``) or the notes
    of some themes (``'theme_id'``) at others (``mapping``: old id -> new id) in one
    statement, keeping their edit time (the redirect travels instead). Returns the column
    names and the whole rows moved, as they were before (for a merge's exact undo)."""
    assert (table, column) in (("notes", "workshop_id"), ("notes", "theme_id"),
                               ("photos", "workshop_id"))
    earlier_notes = set(store._pending.get("notes_changed", ()))
    earlier_themes = set(store._pending.get("themes_changed", ()))
    mapping_json = json.dumps(mapping, sort_keys=True)
    cursor = store.conn.execute(
        f"SELECT {_image_columns(store, table)} FROM {table} "
        f"WHERE {column} IN (SELECT key FROM json_each(?))", [mapping_json],
    )
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    if not rows:
        return names, rows
    store.conn.execute(
        f"UPDATE {table} SET {column} = (SELECT value FROM json_each(?1) WHERE key = "
        f"{table}.{column}) WHERE {column} IN (SELECT key FROM json_each(?1))",
        [mapping_json],
    )
    pairs: dict[str, list[str]] = {}
    at, key = names.index(column), names.index("id")
    for row in rows:
        pairs.setdefault(row[at], []).append(row[key])
    if table == "photos":
        store._touch("photos_changed", *(row[key] for row in rows))
    else:
        _repointed(store, column, pairs, mapping, earlier_notes, earlier_themes)
    earlier = earlier_notes if table == "notes" else set()
    store._versions_unchanged(
        f"{table}_changed", [row[key] for row in rows if row[key] not in earlier])
    return names, rows


def repoint_notes(
    store: Store, column: str, old_ids: Iterable[str], new_id: str | None
) -> list[str]:
    """Point the notes of workshops (``column='workshop_id'``) or themes (``'theme_id'``)
    at another one, keeping their edit time; returns the ids of the notes moved."""
    names, rows = repoint(store, "notes", column, {old: new_id for old in old_ids})
    return [row[names.index("id")] for row in rows]


def repoint_photos(store: Store, old_ids: Iterable[str], new_id: str) -> list[str]:
    names, rows = repoint(store, "photos", "workshop_id", {old: new_id for old in old_ids})
    return [row[names.index("id")] for row in rows]


def _image_columns(store: Store, table: str) -> str:
    """Every column of ``table`` in order, a BLOB (a photo's image bytes, up to 50 MB) by
    its length: what a merge keeps of each row it re-points, for its undo's check."""
    return ", ".join(
        f"length({name}) AS {name}" if kind.upper() == "BLOB" else name
        for _, name, kind, *_ in store.conn.execute(f"PRAGMA table_info({table})")
    )


def whole_rows(store: Store, table: str, ids: Iterable[str]) -> dict[str, tuple]:
    """The rows of these ids as a merge keeps them (``_image_columns``), by id, in one
    read."""
    cursor = store.conn.execute(
        f"SELECT {_image_columns(store, table)} FROM {table} "
        "WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)]
    )
    key = [d[0] for d in cursor.description].index("id")
    return {row[key]: row for row in cursor.fetchall()}


def raw_rows(store: Store, table: str, where: str, params: list[Any]) -> list[dict[str, Any]]:
    """Whole rows of a table (every column), for a merge's record of what it changed."""
    cursor = store.conn.execute(f"SELECT * FROM {table} WHERE {where}", params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def set_parents(store: Store, table: str, column: str, parents: dict[str, str | None]) -> None:
    """Point each of these notes or photos (``parents``: id -> workshop or theme id) at its
    own workshop or theme in one statement, keeping their edit time (undoing a merge)."""
    assert (table, column) in (("notes", "workshop_id"), ("notes", "theme_id"),
                               ("photos", "workshop_id"))
    if not parents:
        return
    store.conn.execute(
        f"UPDATE {table} SET {column} = m.value ->> 1 FROM json_each(?) m "
        f"WHERE {table}.id = m.value ->> 0",
        [json.dumps(sorted(parents.items()))],
    )
    earlier = set(store._pending.get(f"{table}_changed", ()))
    store._touch(f"{table}_changed", *parents)
    store._versions_unchanged(f"{table}_changed", [i for i in parents if i not in earlier])


def keep_search_rows(
    store: Store, moves: list[tuple[str, list[str], str, str]], earlier_notes: set[str],
    themes: Iterable[str] = (),
) -> None:
    """After notes were pointed back (``moves``: column, note ids, the workshop or theme they
    left, the one they are under now), tell the search index which keep their index rows:
    notes that only changed workshop, or left a theme untouched by this transaction for a
    live theme of the very same label; and which themes need not be looked at (``themes``,
    whose label and deletion are as the index knows them, and a theme whose notes are all
    such notes). ``earlier_notes``: notes changed before, compared at COMMIT as usual."""
    touched = set(store._pending.get("themes_changed", ()))
    theme_moves = [m for m in moves if m[0] == "theme_id"]
    names = {t for _, _, left, now in theme_moves for t in (left, now)}
    labels = dict(store.conn.execute(
        "SELECT id, label FROM themes WHERE deleted = 0 AND id IN "
        "(SELECT value FROM json_each(?))", [_ids(names)],
    ).fetchall())
    changed: set[str] = set(earlier_notes)
    for _, ids, left, now in theme_moves:
        if left in touched or left not in labels or labels[left] != labels.get(now):
            changed.update(ids)
    kept = {n for _, ids, _, _ in moves for n in ids} - changed
    whole = set(themes)
    for now in {now for _, _, _, now in theme_moves}:
        under = {r[0] for r in store.conn.execute(
            "SELECT id FROM notes WHERE theme_id = ?", [now])}
        if under <= kept:
            whole.add(now)
    store._index_unchanged(notes=kept, themes=whole)


#: Key columns of the tables ``put_rows`` writes.
_KEYS = {
    "programmes": ("id",), "workshops": ("id",), "themes": ("id",), "notes": ("id",),
    "photos": ("id",), "attendance": ("workshop_id", "category"),
    "priorities": ("id",), "actions": ("id",),
    "merged_records": ("table_name", "old_id"),
    "assets": ("id",), "asset_sources": ("id",), "connections": ("id",),
    "connection_assets": ("id",),
}


def put_rows(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    """Write whole rows back exactly (an upsert, so each row keeps its rowid and the search
    index stays right), for undoing a merge."""
    if not rows:
        return
    names = list(rows[0])
    keys = _KEYS[table]
    assignments = ", ".join(f"{n} = excluded.{n}" for n in names if n not in keys)
    store.conn.executemany(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}) "
        f"ON CONFLICT({', '.join(keys)}) DO UPDATE SET {assignments}",
        [[row[n] for n in names] for row in rows],
    )
    event = {"programmes": "programmes_changed", "workshops": "workshops_changed",
             "themes": "themes_changed", "notes": "notes_changed",
             "photos": "photos_changed", "priorities": "actions_changed",
             "actions": "actions_changed", **_EVENT_OF}.get(table)
    if event:
        store._touch(event, *(str(r["id"]) for r in rows))
    elif table == "attendance":
        store._touch("attendance_changed", *(str(r["workshop_id"]) for r in rows))


def delete_rows(store: Store, table: str, keys: list[tuple[str, ...]], columns: tuple[str, ...]):
    where = " AND ".join(f"{c} = ?" for c in columns)
    store.conn.executemany(f"DELETE FROM {table} WHERE {where}", keys)


#: Columns that name a merged record, per table: (column, the table its ids belong to).
REFERENCES = (
    ("workshops", "programme_id", "programmes"),
    ("themes", "programme_id", "programmes"),
    ("notes", "workshop_id", "workshops"),
    ("notes", "theme_id", "themes"),
    ("photos", "workshop_id", "workshops"),
    ("priorities", "programme_id", "programmes"),
    ("actions", "programme_id", "programmes"),
    ("actions", "theme_id", "themes"),
    ("assets", "programme_id", "programmes"),
    ("connections", "programme_id", "programmes"),
    ("asset_sources", "workshop_id", "workshops"),
    ("connections", "workshop_id", "workshops"),
    ("asset_sources", "asset_id", "assets"),
    ("connection_assets", "asset_id", "assets"),
)
#: Columns holding a JSON list of ids (table, column, the table the ids belong to): an
#: action names the workshops its idea came from.
LIST_REFERENCES = (
    ("actions", "workshop_ids", "workshops"),
)
#: The event announcing a change to each table's rows (the asset tables share one).
_EVENT_OF = {table: "assets_changed" for table in assets_sql.TABLES}


def repoint_local(store: Store, targets: dict[str, dict[str, str]]) -> list[tuple[str, dict]]:
    """Point the library's rows that still name merged records at the records they were
    merged into, keeping their edit times; returns (table, row as it was) of each.

    The records pointed at may only arrive later in the same import, so foreign keys are
    checked at COMMIT (``defer_foreign_keys`` lasts until the transaction ends)."""
    store.conn.execute("PRAGMA defer_foreign_keys = ON")
    before: list[tuple[str, dict]] = []
    for table, column, target_table in REFERENCES:
        mapping = targets.get(target_table)
        if not mapping:
            continue
        rows = raw_rows(
            store, table, f"{column} IN (SELECT value FROM json_each(?))", [_ids(mapping)]
        )
        if not rows:
            continue
        before.extend((table, row) for row in rows)
        store.conn.executemany(
            f"UPDATE {table} SET {column} = ? WHERE id = ?",
            [(mapping[row[column]], row["id"]) for row in rows],
        )
        log_rewrites(store, [(table, row["id"], column, row[column], mapping[row[column]],
                              row["updated_at"]) for row in rows])
        store._touch(_EVENT_OF.get(table, f"{table}_changed"), *(row["id"] for row in rows))
    seen = {(table, row["id"]) for table, row in before}
    for table, column, target_table in LIST_REFERENCES:
        mapping = targets.get(target_table)
        if not mapping:
            continue
        rows = raw_rows(
            store, table, f"EXISTS (SELECT 1 FROM json_each({table}.{column}) j "
            "WHERE j.value IN (SELECT value FROM json_each(?)))", [_ids(mapping)])
        for row in rows:
            ids = json.loads(row[column] or "[]")
            new_ids = list(dict.fromkeys(mapping.get(i, i) for i in ids))
            if new_ids == ids:
                continue
            if (table, row["id"]) not in seen:  # (as it was before any column moved)
                before.append((table, row))
                seen.add((table, row["id"]))
            store.conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?",
                               [json.dumps(new_ids, ensure_ascii=False), row["id"]])
            store._touch(_EVENT_OF.get(table, f"{table}_changed"), row["id"])
    return before


def log_rewrites(store: Store,
                 entries: Iterable[tuple[str, str, str, str, str, str]]) -> None:
    """Remember rows pointed through a redirect by an import: (table, row id, column, the
    value it had, the value it was given, its edit time, which the rewrite kept). The first
    value a row had is kept while the row is that same version."""
    store.conn.executemany(
        "INSERT INTO rewritten (table_name, row_id, column_name, original, rewritten_to, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(table_name, row_id, column_name) "
        "DO UPDATE SET rewritten_to = excluded.rewritten_to, original = CASE WHEN "
        "rewritten.updated_at = excluded.updated_at THEN rewritten.original ELSE "
        "excluded.original END, updated_at = excluded.updated_at",
        list(entries),
    )


def follow_rewrites(store: Store, target: Callable[[str, str], str]) -> list[tuple[str, dict]]:
    """Point each row an import pointed through a redirect (``log_rewrites``) where the
    redirects send the value it had now (``target(table, id)``): back to that value when the
    redirect was undone, on along a longer chain when one was added. A row changed since
    (moved by hand, removed) is left as it is and forgotten. Edit times are kept, as the
    rewrite kept them. A row is only moved while it is the version that was rewritten (the
    same edit time): an edit made since, here or in a file taken in, decided where it is.
    Returns (table, row as it was) of each row moved."""
    tables = {(table, column): target_table for table, column, target_table in REFERENCES}
    moved: list[tuple[str, dict]] = []
    forget, keep = [], []
    for table, row_id, column, original, to, updated_at in store.conn.execute(
        "SELECT table_name, row_id, column_name, original, rewritten_to, updated_at "
        "FROM rewritten"
    ).fetchall():
        if (table, column) not in tables:
            forget.append((table, row_id, column))
            continue
        want = target(tables[(table, column)], original)
        if want == to:
            continue
        rows = raw_rows(store, table, "id = ?", [row_id])
        if not rows or (rows[0][column], rows[0]["updated_at"]) != (to, updated_at):
            forget.append((table, row_id, column))
            continue
        store.conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", [want, row_id])
        store._touch(_EVENT_OF.get(table, f"{table}_changed"), row_id)
        moved.append((table, rows[0]))
        if want == original:
            forget.append((table, row_id, column))
        else:
            keep.append((want, table, row_id, column))
    store.conn.executemany(
        "DELETE FROM rewritten WHERE table_name = ? AND row_id = ? AND column_name = ?", forget)
    store.conn.executemany(
        "UPDATE rewritten SET rewritten_to = ? WHERE table_name = ? AND row_id = ? "
        "AND column_name = ?", keep)
    return moved


def existing_ids(store: Store, table: str, ids: Iterable[str]) -> set[str]:
    return {r[0] for r in store.conn.execute(
        f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))", [_ids(ids)]
    )}


def live_ids(store: Store, table: str, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` name records here that are not deleted."""
    return {r[0] for r in store.conn.execute(
        f"SELECT id FROM {table} WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))",
        [_ids(ids)],
    )}


def insert_row(store: Store, table: str, row: dict[str, Any]) -> None:
    """Insert one whole row unless a row with its id is already there."""
    names = list(row)
    store.conn.execute(
        f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) "
        f"VALUES ({', '.join('?' for _ in names)})",
        [row[n] for n in names],
    )
    store._touch(f"{table}_changed", str(row["id"]))


def record_names(store: Store, table: str, ids: Iterable[str]) -> list[str]:
    """What a person calls these programmes (title), workshops (code), themes (label) or
    assets (name)."""
    column = {"programmes": "title", "workshops": "code", "themes": "label",
              "assets": "name"}[table]
    return [r[0] for r in store.conn.execute(
        f"SELECT {column} FROM {table} WHERE id IN (SELECT value FROM json_each(?)) "
        f"ORDER BY {column}", [_ids(ids)],
    )]


def live_notes_in(store: Store, workshop_ids: Iterable[str]) -> int:
    """How many live notes these workshops hold."""
    return store.conn.execute(
        "SELECT count(*) FROM notes WHERE deleted = 0 AND workshop_id IN "
        "(SELECT value FROM json_each(?))", [_ids(workshop_ids)],
    ).fetchone()[0]


def live_workshops_of(store: Store, programme_id: str) -> list[tuple[str, str]]:
    return [tuple(r) for r in store.conn.execute(
        "SELECT id, code FROM workshops WHERE programme_id = ? AND deleted = 0 ORDER BY code",
        [programme_id],
    )]
