"""SQL for the asset register (migration ``0011_assets``; all four tables travel in workshop
files): assets, the notes and workshops that named them, connections and their assets.

The rules (what may be linked, merged, what a category is) live in ``facilitator.assets``;
this module only reads and writes rows. Each public write is one transaction (or joins the
caller's) and announces ``assets_changed`` with the ids of the asset rows it touched.

    add_assets(store, [(asset, [source, ...]), ...])    # one write for many
    update_asset(store, asset)                          # an edit: updated_at moves
    register(store, programme_id)                       # RegisterRow per live asset, fast
    snapshot(store, keys) / restore(store, rows)        # exact undo of any change here
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from facilitator.asset_models import Asset, AssetSource, Connection, RegisterRow, link_id
from facilitator.models import utc_now
from facilitator.names import natural_key
from facilitator.store.errors import LibraryError
from facilitator.store.rows import where
from facilitator.store.store import Store

#: Each table's columns, in the migration's order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "assets": ("id", "programme_id", "name", "category", "offers", "place", "connector",
               "notes", "created_at", "updated_at", "deleted"),
    "asset_sources": ("id", "asset_id", "workshop_id", "note_id", "created_at", "updated_at",
                      "deleted"),
    "connections": ("id", "programme_id", "idea", "workshop_id", "note_id", "created_at",
                    "updated_at", "deleted"),
    "connection_assets": ("id", "connection_id", "asset_id", "created_at", "updated_at",
                          "deleted"),
}
TABLES = tuple(COLUMNS)
EVENT = "assets_changed"
#: An undo snapshot's key for the redirect a merge leaves: ("merged_records", old asset id).
REDIRECTS = "merged_records"


def _ids(values: Iterable[str]) -> str:
    return json.dumps(sorted(set(values)))


def _asset_row(asset: Asset) -> list[Any]:
    return [asset.id, asset.programme_id, asset.name, asset.category, asset.offers, asset.place,
            asset.connector, asset.notes, asset.created_at, asset.updated_at,
            1 if asset.deleted else 0]


def _asset(row: tuple) -> Asset:
    values = dict(zip(COLUMNS["assets"], row, strict=True))
    values["deleted"] = bool(values["deleted"])
    return Asset(**values)


# --------------------------------------------------------------------- writes
def add_assets(store: Store, items: Iterable[tuple[Asset, Iterable[AssetSource]]]) -> list[Asset]:
    """Add assets, each with the notes or workshops that named it, in one transaction."""
    items = [(asset, list(sources)) for asset, sources in items]
    for asset, _ in items:
        asset.validate()
    with store.transaction():
        marks = ", ".join("?" for _ in COLUMNS["assets"])
        store.conn.executemany(
            f"INSERT INTO assets ({', '.join(COLUMNS['assets'])}) VALUES ({marks})",
            [_asset_row(asset) for asset, _ in items],
        )
        add_sources(store, [s for _, sources in items for s in sources])
        store._touch(EVENT, *(asset.id for asset, _ in items))
    return [asset for asset, _ in items]


def add_sources(store: Store, sources: Iterable[AssetSource]) -> None:
    """Link assets to the notes/workshops that named them (a link already there is revived)."""
    rows = [(s.id, s.asset_id, s.workshop_id, s.note_id, s.created_at, s.updated_at)
            for s in sources]
    if not rows:
        return
    with store.transaction():
        store.conn.executemany(
            "INSERT INTO asset_sources (id, asset_id, workshop_id, note_id, created_at, "
            "updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO UPDATE SET "
            "deleted = 0, updated_at = excluded.updated_at WHERE asset_sources.deleted = 1",
            rows,
        )
        store._touch(EVENT, *(r[1] for r in rows))


def update_asset(store: Store, asset: Asset, *, keep_time: bool = False) -> Asset:
    """Write back an edited asset (every field); its ``updated_at`` moves to now (or, with
    ``keep_time``, stays as the caller set it: an import writes the same on every laptop)."""
    asset.validate()
    if not keep_time:
        asset.updated_at = utc_now()
    with store.transaction():
        row = _asset_row(asset)
        cursor = store.conn.execute(
            "UPDATE assets SET programme_id = ?, name = ?, category = ?, offers = ?, place = ?, "
            "connector = ?, notes = ?, updated_at = ?, deleted = ? WHERE id = ?",
            [*row[1:8], row[9], row[10], row[0]],
        )
        if cursor.rowcount != 1:
            raise LibraryError(f"No asset with id {asset.id} to update.")
        store._touch(EVENT, asset.id)
    return asset


def set_assets_deleted(store: Store, asset_ids: Iterable[str], deleted: bool = True) -> None:
    ids = list(asset_ids)
    now = utc_now()
    with store.transaction():
        store.conn.execute(
            "UPDATE assets SET deleted = ?, updated_at = ? WHERE id IN "
            "(SELECT value FROM json_each(?)) AND deleted != ?",
            [int(deleted), now, _ids(ids), int(deleted)],
        )
        store._touch(EVENT, *ids)


def add_connection(store: Store, connection: Connection, asset_ids: Iterable[str]) -> Connection:
    connection.validate()
    ids = list(dict.fromkeys(asset_ids))
    with store.transaction():
        store.conn.execute(
            f"INSERT INTO connections ({', '.join(COLUMNS['connections'])}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [connection.id, connection.programme_id, connection.idea, connection.workshop_id,
             connection.note_id, connection.created_at, connection.updated_at,
             int(connection.deleted)],
        )
        add_links(store, connection.id, ids, connection.updated_at, connection.created_at)
    return connection


def add_links(store: Store, connection_id: str, asset_ids: Iterable[str], when: str,
              created: str | None = None) -> None:
    """Link assets to a connection (a link removed before is brought back)."""
    ids = list(dict.fromkeys(asset_ids))
    with store.transaction():
        store.conn.executemany(
            "INSERT INTO connection_assets (id, connection_id, asset_id, created_at, "
            "updated_at, deleted) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO UPDATE SET "
            "deleted = 0, updated_at = excluded.updated_at",
            [(link_id(connection_id, a), connection_id, a, created or when, when) for a in ids],
        )
        store._touch(EVENT, *ids)


def remove_links(store: Store, connection_id: str, asset_ids: Iterable[str]) -> None:
    """Take assets out of a connection (the link rows stay, deleted, and travel)."""
    ids = list(asset_ids)
    with store.transaction():
        store.conn.execute(
            "UPDATE connection_assets SET deleted = 1, updated_at = ? WHERE connection_id = ? "
            "AND deleted = 0 AND asset_id IN (SELECT value FROM json_each(?))",
            [utc_now(), connection_id, _ids(ids)])
        store._touch(EVENT, *ids)


def update_connection(store: Store, connection: Connection) -> Connection:
    """Write back a connection's idea; its ``updated_at`` moves to now."""
    connection.validate()
    connection.updated_at = utc_now()
    with store.transaction():
        store.conn.execute("UPDATE connections SET idea = ?, updated_at = ? WHERE id = ?",
                           [connection.idea, connection.updated_at, connection.id])
        assets = [r[0] for r in store.conn.execute(
            "SELECT asset_id FROM connection_assets WHERE connection_id = ?", [connection.id])]
        store._touch(EVENT, *assets)
    return connection


def set_connection_deleted(store: Store, connection_id: str, deleted: bool = True) -> None:
    with store.transaction():
        store.conn.execute(
            "UPDATE connections SET deleted = ?, updated_at = ? WHERE id = ?",
            [int(deleted), utc_now(), connection_id],
        )
        assets = [r[0] for r in store.conn.execute(
            "SELECT asset_id FROM connection_assets WHERE connection_id = ?", [connection_id])]
        store._touch(EVENT, *assets)


def repoint_links(store: Store, old_ids: Iterable[str], new_id: str) -> None:
    """Point the sources and connection links of merged assets at the asset they were merged
    into, keeping their edit times (the redirect travels instead, so every library does the
    same). A link that then repeats one the kept asset already has is left on the old asset
    (readers skip links of deleted assets), so no row is lost and the undo is exact."""
    old = _ids(old_ids)
    with store.transaction():
        store.conn.execute(
            "UPDATE asset_sources SET asset_id = ? WHERE asset_id IN (SELECT value FROM "
            "json_each(?))", [new_id, old])
        store.conn.execute(
            "UPDATE connection_assets SET asset_id = ? WHERE asset_id IN (SELECT value FROM "
            "json_each(?))", [new_id, old])
        store._touch(EVENT, new_id, *json.loads(old))


def save_redirect(store: Store, old_id: str, new_id: str, when: str) -> None:
    with store.transaction():
        store.conn.execute(
            "INSERT INTO merged_records (table_name, old_id, new_id, created_at, updated_at, "
            "deleted) VALUES ('assets', ?, ?, ?, ?, 0) ON CONFLICT(table_name, old_id) DO "
            "UPDATE SET new_id = excluded.new_id, updated_at = excluded.updated_at, deleted = 0",
            [old_id, new_id, when, when])
        store._touch(EVENT, old_id, new_id)


# ------------------------------------------------------------ exact undo
Key = tuple[str, str]


def links_of(store: Store, asset_ids: Iterable[str]) -> list[Key]:
    """The keys of every source and connection link naming these assets (for snapshots)."""
    ids = _ids(asset_ids)
    keys = [("asset_sources", r[0]) for r in store.conn.execute(
        "SELECT id FROM asset_sources WHERE asset_id IN (SELECT value FROM json_each(?))", [ids])]
    keys += [("connection_assets", r[0]) for r in store.conn.execute(
        "SELECT id FROM connection_assets WHERE asset_id IN (SELECT value FROM json_each(?))",
        [ids])]
    return keys


def snapshot(store: Store, keys: Iterable[Key]) -> dict[Key, dict[str, Any] | None]:
    """Each row as it is now (None: not there). ``("merged_records", old_id)`` is the
    redirect of the asset ``old_id``."""
    out: dict[Key, dict[str, Any] | None] = {}
    for table, row_id in dict.fromkeys(keys):
        if table == REDIRECTS:
            cursor = store.conn.execute(
                "SELECT * FROM merged_records WHERE table_name = 'assets' AND old_id = ?",
                [row_id])
        elif table in COLUMNS:
            cursor = store.conn.execute(
                f"SELECT {', '.join(COLUMNS[table])} FROM {table} WHERE id = ?", [row_id])
        else:
            raise ValueError(f"not an asset table: {table!r}")
        names = [d[0] for d in cursor.description]
        row = cursor.fetchone()
        out[(table, row_id)] = dict(zip(names, row, strict=True)) if row else None
    return out


def restore(store: Store, rows: dict[Key, dict[str, Any] | None]) -> None:
    """Put rows back exactly as in a snapshot (``updated_at`` included); None removes it."""
    with store.transaction():
        for (table, row_id), row in rows.items():
            if table == REDIRECTS:
                store.conn.execute(
                    "DELETE FROM merged_records WHERE table_name = 'assets' AND old_id = ?",
                    [row_id])
            else:
                store.conn.execute(f"DELETE FROM {table} WHERE id = ?", [row_id])
            if row is not None:
                names = list(row)
                store.conn.execute(
                    f"INSERT INTO {'merged_records' if table == REDIRECTS else table} "
                    f"({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
                    [row[n] for n in names])
            if table == "assets" or table == REDIRECTS:
                store._touch(EVENT, row_id)
            elif row is not None:
                store._touch(EVENT, row.get("asset_id", ""))
        store._touch(EVENT, "")


# ---------------------------------------------------------------------- reads
def get_asset(store: Store, asset_id: str) -> Asset:
    row = store.conn.execute(
        f"SELECT {', '.join(COLUMNS['assets'])} FROM assets WHERE id = ?", [asset_id]).fetchone()
    if row is None:
        raise LibraryError(f"No asset with id {asset_id}.")
    return _asset(row)


def assets(store: Store, programme_id: str | None = None, *,
           include_deleted: bool = False) -> list[Asset]:
    clause, params = where(programme_id=programme_id, include_deleted=include_deleted)
    rows = store.conn.execute(
        f"SELECT {', '.join(COLUMNS['assets'])} FROM assets WHERE {clause} "
        "ORDER BY name COLLATE NOCASE, id", params).fetchall()
    return [_asset(r) for r in rows]


#: An asset merged into another (a live redirect) is not listed even if a laptop that had
#: not seen the merge edited it since: its links already follow the redirect.
NOT_MERGED = ("AND NOT EXISTS (SELECT 1 FROM merged_records m WHERE m.table_name = 'assets' "
              "AND m.old_id = a.id AND m.deleted = 0) ")


def register(store: Store, programme_id: str) -> list[RegisterRow]:
    """Every live asset of a programme with the live workshops that named it and its live
    connections' ideas: three plain indexed reads joined here (5,000 assets in a few tens
    of milliseconds; correlated subqueries over a CTE took seconds)."""
    # (the eight text columns RegisterRow starts with, in its order)
    rows: list[tuple[str, str, str, str, str, str, str, str]] = store.conn.execute(
        "SELECT a.id, a.name, a.category, a.offers, a.place, a.connector, a.notes, "
        "a.updated_at FROM assets a WHERE a.programme_id = ? AND a.deleted = 0 " + NOT_MERGED +
        "ORDER BY a.name COLLATE NOCASE, a.id", [programme_id]).fetchall()
    named: dict[str, dict[str, str]] = {}
    for asset_id, workshop_id, code in store.conn.execute(
        "SELECT s.asset_id, w.id, w.code FROM asset_sources s JOIN assets a ON a.id = "
        "s.asset_id JOIN workshops w ON w.id = s.workshop_id AND w.deleted = 0 "
        "WHERE a.programme_id = ? AND s.deleted = 0", [programme_id]):
        named.setdefault(asset_id, {})[workshop_id] = code
    ideas: dict[str, dict[str, str]] = {}
    for asset_id, connection_id, idea in store.conn.execute(
        "SELECT l.asset_id, c.id, c.idea FROM connections c JOIN connection_assets l ON "
        "l.connection_id = c.id AND l.deleted = 0 WHERE c.programme_id = ? AND c.deleted = 0 "
        "ORDER BY c.created_at, c.id", [programme_id]):
        ideas.setdefault(asset_id, {})[connection_id] = idea
    out = []
    none: dict[str, str] = {}
    for row in rows:
        found = named.get(row[0], none)
        if len(found) > 1:
            pairs = sorted(found.items(), key=lambda item: (natural_key(item[1]), item[0]))
            codes, ids = tuple(c for _, c in pairs), tuple(w for w, _ in pairs)
        else:
            codes, ids = tuple(found.values()), tuple(found)
        out.append(RegisterRow(*row, codes, ids, tuple(ideas.get(row[0], none).values())))
    return out


def sources(store: Store, asset_ids: Iterable[str] | None = None, *,
            programme_id: str | None = None) -> list[AssetSource]:
    """Live links from assets to the notes/workshops that named them."""
    clauses, params = ["s.deleted = 0"], []
    if asset_ids is not None:
        clauses.append("s.asset_id IN (SELECT value FROM json_each(?))")
        params.append(_ids(asset_ids))
    if programme_id is not None:
        clauses.append("s.asset_id IN (SELECT id FROM assets WHERE programme_id = ?)")
        params.append(programme_id)
    rows = store.conn.execute(
        "SELECT asset_id, workshop_id, note_id, created_at, updated_at FROM asset_sources s "
        f"WHERE {' AND '.join(clauses)} ORDER BY created_at, id", params).fetchall()
    return [AssetSource(*r) for r in rows]


def assets_of_notes(store: Store, note_ids: Iterable[str]) -> dict[str, str]:
    """note id -> the live asset it became (the first, if several)."""
    rows = store.conn.execute(
        "SELECT s.note_id, s.asset_id FROM asset_sources s JOIN assets a ON a.id = s.asset_id "
        "AND a.deleted = 0 WHERE s.deleted = 0 AND s.note_id IN (SELECT value FROM "
        "json_each(?)) ORDER BY s.created_at DESC", [_ids(note_ids)]).fetchall()
    return dict(rows)


def get_connection(store: Store, connection_id: str) -> tuple[Connection, list[str]]:
    """A connection with the ids of the live assets it links (their links live)."""
    row = store.conn.execute(
        f"SELECT {', '.join(COLUMNS['connections'])} FROM connections WHERE id = ?",
        [connection_id]).fetchone()
    if row is None:
        raise LibraryError(f"No connection with id {connection_id}.")
    values = dict(zip(COLUMNS["connections"], row, strict=True))
    values["deleted"] = bool(values["deleted"])
    linked = [r[0] for r in store.conn.execute(
        "SELECT l.asset_id FROM connection_assets l JOIN assets a ON a.id = l.asset_id AND "
        "a.deleted = 0 WHERE l.connection_id = ? AND l.deleted = 0 ORDER BY a.name "
        "COLLATE NOCASE, a.id", [connection_id])]
    return Connection(**values), list(dict.fromkeys(linked))


def connections(store: Store, programme_id: str) -> list[tuple[Connection, list[str]]]:
    """Live connections of a programme, each with the ids of its live assets."""
    rows = store.conn.execute(
        f"SELECT {', '.join(COLUMNS['connections'])} FROM connections WHERE programme_id = ? "
        "AND deleted = 0 ORDER BY created_at, id", [programme_id]).fetchall()
    links: dict[str, list[str]] = {}
    for connection_id, asset_id in store.conn.execute(
        "SELECT l.connection_id, l.asset_id FROM connection_assets l JOIN assets a ON "
        "a.id = l.asset_id AND a.deleted = 0 WHERE l.deleted = 0 AND a.programme_id = ? "
        "ORDER BY a.name COLLATE NOCASE", [programme_id]):
        if asset_id not in links.setdefault(connection_id, []):
            links[connection_id].append(asset_id)
    out = []
    for row in rows:
        values = dict(zip(COLUMNS["connections"], row, strict=True))
        values["deleted"] = bool(values["deleted"])
        out.append((Connection(**values), links.get(values["id"], [])))
    return out


def places(store: Store, programme_id: str) -> list[str]:
    """The programme's own list of places: those its assets name, and its workshops' venues
    and districts (for autocomplete), in alphabetical order."""
    rows = store.conn.execute(
        "SELECT place FROM assets WHERE programme_id = ?1 AND deleted = 0 AND place != '' "
        "UNION SELECT venue FROM workshops WHERE programme_id = ?1 AND deleted = 0 "
        "AND venue != '' UNION SELECT district FROM workshops WHERE programme_id = ?1 "
        "AND deleted = 0 AND district != ''", [programme_id]).fetchall()
    return sorted({" ".join(r[0].split()) for r in rows}, key=str.casefold)
