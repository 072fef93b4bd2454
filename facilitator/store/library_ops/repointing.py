"""Plain row edits of a merge: records pointed at the programme, workshop or theme they were
merged into (or back, undoing it), keeping their edit times, and the search index told which
of its rows still hold."""

from __future__ import annotations

import json
from collections.abc import Iterable

from facilitator.store.library_ops.records import _EVENT_OF, _ids
from facilitator.store.library_ops.whole_rows import _image_columns
from facilitator.store.store import Store


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
