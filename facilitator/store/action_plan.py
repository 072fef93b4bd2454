"""SQL for the action plan (migration 0012_action_plan): priorities, actions and progress
updates. All three travel in workshop files (``EXPORTED_TABLES``) with the programme they
belong to, and merge row by row like notes (ids, ``updated_at``, deleted rows kept).

Every write is one transaction and announces ``actions_changed`` after COMMIT.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import fields
from datetime import date

from facilitator.action_plan import Action, ActionStatus, Priority, ProgressUpdate, Sources
from facilitator.models import Note, utc_now
from facilitator.names import natural_key
from facilitator.store.errors import LibraryError
from facilitator.store.rows import where
from facilitator.store.store import Store

EVENT = "actions_changed"
_TABLES = {Priority: "priorities", Action: "actions", ProgressUpdate: "progress_updates"}
_LISTS = ("note_ids", "workshop_ids")


def _columns(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


def _to_row(record) -> dict:
    row = {name: getattr(record, name) for name in _columns(type(record))}
    for name in _LISTS:
        if name in row:
            row[name] = json.dumps(list(row[name]), ensure_ascii=False)
    if "status" in row:
        row["status"] = str(ActionStatus(row["status"]).value)
    row["deleted"] = 1 if row["deleted"] else 0
    return row


def _from_row(cls: type, row: dict):
    values = dict(row)
    for name in _LISTS:
        if name in values:
            values[name] = list(json.loads(values[name] or "[]"))
    if "status" in values:
        values["status"] = ActionStatus(values["status"])
    values["deleted"] = bool(values["deleted"])
    return cls(**values)


def _select(store: Store, cls: type, where: str = "1", params: Iterable = (),
            order: str = "") -> list:
    names = _columns(cls)
    sql = f"SELECT {', '.join(names)} FROM {_TABLES[cls]} WHERE {where}"
    if order:
        sql += f" ORDER BY {order}"
    return [_from_row(cls, dict(zip(names, r, strict=True)))
            for r in store.conn.execute(sql, list(params)).fetchall()]


def _get(store: Store, cls: type, record_id: str):
    found = _select(store, cls, "id = ?", [record_id])
    if not found:
        raise LibraryError(f"No {_TABLES[cls][:-1].replace('_', ' ')} with id {record_id}.")
    return found[0]


def _insert(store: Store, record) -> None:
    """Insert, or (a redo after an undo) write the row back over its deleted self."""
    row = _to_row(record)
    kept = [n for n in row if n not in ("id", "created_at")]
    store.conn.execute(
        f"INSERT INTO {_TABLES[type(record)]} ({', '.join(row)}) VALUES "
        f"({', '.join('?' for _ in row)}) ON CONFLICT(id) DO UPDATE SET "
        f"{', '.join(f'{n} = excluded.{n}' for n in kept)}", list(row.values()))


def record_from_row(table: str, row: dict):
    """A priority, action or progress update from a row of its table (e.g. a workshop
    file's, to check it); raises ValueError or TypeError for a row of the wrong shape."""
    cls = {v: k for k, v in _TABLES.items()}[table]
    return _from_row(cls, {name: row[name] for name in _columns(cls)})


def _update(store: Store, record) -> None:
    record.updated_at = utc_now()
    row = _to_row(record)
    key = row.pop("id")
    row.pop("created_at")
    cursor = store.conn.execute(
        f"UPDATE {_TABLES[type(record)]} SET {', '.join(f'{n} = ?' for n in row)} "
        "WHERE id = ?", [*row.values(), key])
    if cursor.rowcount != 1:
        raise LibraryError(f"No {_TABLES[type(record)][:-1]} with id {key} to update.")


def _set_deleted(store: Store, cls: type, ids: Iterable[str], deleted: bool) -> list[str]:
    ids = list(ids)
    now = utc_now()
    with store.transaction():
        for record_id in ids:
            store.conn.execute(
                f"UPDATE {_TABLES[cls]} SET deleted = ?, updated_at = ? WHERE id = ?",
                [1 if deleted else 0, now, record_id])
        store._touch(EVENT, *ids)
    return ids


# -------------------------------------------------------------- priorities
def priorities(store: Store, programme_id: str, *, include_deleted: bool = False
               ) -> list[Priority]:
    where = "programme_id = ?" + ("" if include_deleted else " AND deleted = 0")
    return _select(store, Priority, where, [programme_id], order="position, created_at")


def get_priority(store: Store, priority_id: str) -> Priority:
    return _get(store, Priority, priority_id)


def save_priority(store: Store, priority: Priority) -> Priority:
    """Add a priority (at the end unless given a position) or write back an edited one."""
    priority.validate()
    with store.transaction():
        exists = store.conn.execute("SELECT 1 FROM priorities WHERE id = ?",
                                    [priority.id]).fetchone()
        if exists:
            _update(store, priority)
        else:
            _insert(store, priority)
        store._touch(EVENT, priority.id)
    return priority


def set_priorities_deleted(store: Store, ids: Iterable[str], deleted: bool = True) -> None:
    _set_deleted(store, Priority, ids, deleted)


def set_priority_order(store: Store, ordered_ids: list[str]) -> None:
    """Number the priorities 1, 2, 3 … in the order given (only those whose place moved)."""
    now = utc_now()
    with store.transaction():
        for position, priority_id in enumerate(ordered_ids, 1):
            store.conn.execute(
                "UPDATE priorities SET position = ?, updated_at = ? WHERE id = ? "
                "AND position != ?", [position, now, priority_id, position])
        store._touch(EVENT, *ordered_ids)


# ----------------------------------------------------------------- actions
def actions(store: Store, programme_id: str | None = None, *,
            include_deleted: bool = False) -> list[Action]:
    clause, params = where(programme_id=programme_id, include_deleted=include_deleted)
    return _select(store, Action, clause, params, order="created_at, rowid")


def get_action(store: Store, action_id: str) -> Action:
    return _get(store, Action, action_id)


def add_actions(store: Store, new: list[Action]) -> list[Action]:
    for action in new:
        action.validate()
    now = utc_now()
    with store.transaction():
        for action in new:
            action.updated_at = now
            _insert(store, action)
        store._touch(EVENT, *(a.id for a in new))
        # the notes and themes they came from show it: their boards listen to notes_changed
        store._touch("notes_changed", *(n for a in new for n in a.note_ids))
    return new


def update_actions(store: Store, edited: list[Action]) -> list[Action]:
    for action in edited:
        action.validate()
    with store.transaction():
        for action in edited:
            _update(store, action)
        store._touch(EVENT, *(a.id for a in edited))
    return edited


def set_actions_deleted(store: Store, ids: Iterable[str], deleted: bool = True) -> None:
    ids = list(ids)
    with store.transaction():
        _set_deleted(store, Action, ids, deleted)
        notes = [n for a in _select(store, Action, "id IN (SELECT value FROM json_each(?))",
                                    [json.dumps(ids)]) for n in a.note_ids]
        store._touch("notes_changed", *notes)


def promoted_notes(store: Store, programme_id: str) -> dict[str, list[str]]:
    """Note id -> the live actions it became (for the boards' "→ action" mark)."""
    rows = store.conn.execute(
        "SELECT j.value, a.id FROM actions a, json_each(a.note_ids) j "
        "WHERE a.programme_id = ? AND a.deleted = 0 ORDER BY a.created_at", [programme_id])
    found: dict[str, list[str]] = {}
    for note_id, action_id in rows.fetchall():
        found.setdefault(note_id, []).append(action_id)
    return found


def promoted_themes(store: Store, programme_id: str) -> dict[str, list[str]]:
    """Theme id -> the live actions it became."""
    rows = store.conn.execute(
        "SELECT theme_id, id FROM actions WHERE programme_id = ? AND deleted = 0 "
        "AND theme_id IS NOT NULL ORDER BY created_at", [programme_id])
    found: dict[str, list[str]] = {}
    for theme_id, action_id in rows.fetchall():
        found.setdefault(theme_id, []).append(action_id)
    return found


def sources(store: Store, action: Action) -> Sources:
    """The notes, theme and workshops an action came from, as they are now."""
    ids = list(action.note_ids)
    notes: list[Note] = []
    if ids:
        live = {n.id: n for n in store._select(
            Note, "id IN (SELECT value FROM json_each(?)) AND deleted = 0", [json.dumps(ids)])}
        notes = [live[i] for i in ids if i in live]
    theme_label, theme_missing = "", False
    if action.theme_id:
        row = store.conn.execute("SELECT label, deleted FROM themes WHERE id = ?",
                                 [action.theme_id]).fetchone()
        if row is None or row[1]:
            theme_missing = True
        else:
            theme_label = row[0]
    codes = []
    if action.workshop_ids:
        codes = [r[0] for r in store.conn.execute(
            "SELECT code FROM workshops WHERE id IN (SELECT value FROM json_each(?)) "
            "AND deleted = 0", [json.dumps(action.workshop_ids)])]
    return Sources(tuple(notes), len(ids) - len(notes), theme_label, theme_missing,
                   tuple(sorted(codes, key=natural_key)))


def workshop_codes(store: Store, programme_id: str) -> dict[str, str]:
    """Workshop id -> code, deleted ones too (an action names where it came from)."""
    return dict(store.conn.execute(
        "SELECT id, code FROM workshops WHERE programme_id = ? AND deleted = 0",
        [programme_id]).fetchall())


# -------------------------------------------------------- progress updates
def progress_updates(store: Store, action_ids: Iterable[str] | None = None, *,
                     include_deleted: bool = False) -> list[ProgressUpdate]:
    """Oldest first."""
    clauses, params = ["1"], []
    if action_ids is not None:
        clauses.append("action_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(action_ids)))
    if not include_deleted:
        clauses.append("deleted = 0")
    return _select(store, ProgressUpdate, " AND ".join(clauses), params,
                   order="date, created_at")


def save_progress(store: Store, update: ProgressUpdate, today: date | None = None
                  ) -> ProgressUpdate:
    """Add a progress update or write back an edited one; a date in the future is refused."""
    update.validate(today)
    with store.transaction():
        exists = store.conn.execute("SELECT 1 FROM progress_updates WHERE id = ?",
                                    [update.id]).fetchone()
        if exists:
            _update(store, update)
        else:
            _insert(store, update)
        store._touch(EVENT, update.id, update.action_id)
    return update


def set_progress_deleted(store: Store, ids: Iterable[str], deleted: bool = True) -> None:
    _set_deleted(store, ProgressUpdate, ids, deleted)


def move_to_programme(store: Store, source_id: str, target_id: str,
                      themes: dict[str, str]) -> None:
    """A programme merged into another: its priorities (numbered after the target's) and
    actions move, keeping their edit times (the merge's redirect makes every other library
    do the same); an action of a theme that joined another names that one."""
    with store.transaction():
        after = store.conn.execute(
            "SELECT coalesce(max(position), 0) FROM priorities WHERE programme_id = ?",
            [target_id]).fetchone()[0]
        moved = [r[0] for r in store.conn.execute(
            "SELECT id FROM priorities WHERE programme_id = ?", [source_id])]
        store.conn.execute(
            "UPDATE priorities SET programme_id = ?, position = position + ? "
            "WHERE programme_id = ?", [target_id, after, source_id])
        actions = [r[0] for r in store.conn.execute(
            "SELECT id FROM actions WHERE programme_id = ?", [source_id])]
        store.conn.execute("UPDATE actions SET programme_id = ? WHERE programme_id = ?",
                           [target_id, source_id])
        for old, new in themes.items():
            store.conn.execute("UPDATE actions SET theme_id = ? WHERE theme_id = ?", [new, old])
        store._touch(EVENT, *moved, *actions)


#: The actions naming a workshop (parameter 1) or one of a list of themes (parameter 2,
#: JSON): what a workshop merge re-points (and records first, for its undo).
LINKED_TO = ("id IN (SELECT a.id FROM actions a, json_each(a.workshop_ids) j WHERE j.value = ?) "
             "OR theme_id IN (SELECT value FROM json_each(?))")


def repoint_workshop(store: Store, old_id: str, new_id: str,
                     themes: dict[str, str] | None = None) -> list[str]:
    """A workshop merged into another: the actions that came from it name the one kept
    (once, in the order they named them), and an action of a theme that joined another
    names that one. Edit times are kept, as for the notes (the merge's redirects make
    every other library do the same). Returns the actions changed."""
    themes = dict(themes or {})
    changed = []
    with store.transaction():
        for action in _select(store, Action, LINKED_TO, [old_id, json.dumps(list(themes))]):
            workshops = list(dict.fromkeys(new_id if w == old_id else w
                                           for w in action.workshop_ids))
            theme_id = themes.get(action.theme_id, action.theme_id) if action.theme_id else None
            store.conn.execute(
                "UPDATE actions SET workshop_ids = ?, theme_id = ? WHERE id = ?",
                [json.dumps(workshops, ensure_ascii=False), theme_id, action.id])
            changed.append(action.id)
        store._touch(EVENT, *changed)
    return changed
