"""Record identity across laptops: merge redirects and purge tombstones, applied to the rows
of a workshop file (and of the library) before the three-way merge.

A redirect ``old -> new`` says the record ``old`` was merged into ``new`` (two programmes
made separately on two laptops, two scribes' copies of one workshop, two themes of the
same label). Rules, so that every library ends the same whatever order files arrive in:

- Redirects are a set that only grows; each (table, old id) keeps one redirect: the one
  with the latest ``updated_at`` (ties: the larger new id; an undone merge is a redirect
  with ``deleted = 1`` and a newer time).
- Chains are followed to their end (A -> B -> C sends A's rows to C). A cycle (A -> B on
  one laptop, B -> A on another) is broken by ignoring the oldest redirect in it (ties:
  the smaller old id), so the most recent merge decides which record stays.
- Rewriting keeps each row's ``updated_at``: the rewritten row is a pure function of the
  row and the redirects, so two libraries holding the same rows and redirects hold the
  same content, and a row only the rewrite changed is not an edit that could win a merge.
- A file's redirect only applies if the file itself carries the old record's row (the
  deleted row a merge leaves), and only if the record it points to is in the file or the
  library: a hostile file cannot send a library's records elsewhere by naming them.
- Attendance is not rewritten: a merged workshop's attendance was already decided by
  the merge (summed or chosen), so the old workshop's counts stay with its deleted row.
- Purged ids (``purged_records``) are never added back: a file row with such an id, or
  whose programme or workshop has such an id, is skipped; a note whose theme was purged
  arrives without a theme. (A record a file carries in use, not deleted, is not purged
  any more: ``prepare`` withdraws its purge record first; live data beats a purge.)
- An undone merge's redirect stays, deleted and newer (the "merge undone" marker): rows
  an import sent through it are sent back (``store.library_ops.follow_rewrites``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, overload

#: Columns rewritten through redirects, per table: column -> the table its ids belong to.
FOREIGN_KEYS: dict[str, dict[str, str]] = {
    "programmes": {},
    "themes": {"programme_id": "programmes"},
    "workshops": {"programme_id": "programmes"},
    "notes": {"workshop_id": "workshops", "theme_id": "themes"},
    "attendance": {},
    "photos": {"workshop_id": "workshops"},
    "priorities": {"programme_id": "programmes"},
    "actions": {"programme_id": "programmes", "theme_id": "themes"},
    "progress_updates": {},
    "assets": {"programme_id": "programmes"},
    "asset_sources": {"asset_id": "assets", "workshop_id": "workshops"},
    "connections": {"programme_id": "programmes", "workshop_id": "workshops"},
    "connection_assets": {"asset_id": "assets"},
}
#: Columns holding a JSON list of ids, rewritten through the redirects item by item (each
#: id once, in order): an action names the workshops its idea came from.
LIST_KEYS: dict[str, dict[str, str]] = {
    "actions": {"workshop_ids": "workshops"},
}
#: Rows skipped when the record this column names was purged.
PARENTS: dict[str, dict[str, str]] = {
    "programmes": {"id": "programmes"},
    "themes": {"id": "themes", "programme_id": "programmes"},
    "workshops": {"id": "workshops", "programme_id": "programmes"},
    "notes": {"workshop_id": "workshops"},
    "attendance": {"workshop_id": "workshops"},
    "photos": {"workshop_id": "workshops"},
    "priorities": {"programme_id": "programmes"},
    "actions": {"programme_id": "programmes"},
    "assets": {"id": "assets", "programme_id": "programmes"},
    "asset_sources": {"asset_id": "assets", "workshop_id": "workshops"},
    "connections": {"programme_id": "programmes"},
    "connection_assets": {"asset_id": "assets"},
}


def _rank(row: dict[str, Any]) -> tuple:
    return (row["updated_at"], row["new_id"], row["deleted"])


def combine(*sources: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """One redirect per (table, old id): the newest of those given (see the module rules)."""
    chosen: dict[tuple[str, str], dict[str, Any]] = {}
    for rows in sources:
        for row in rows:
            key = (row["table_name"], row["old_id"])
            if key not in chosen or _rank(row) > _rank(chosen[key]):
                chosen[key] = row
    return chosen


@dataclass
class Redirects:
    """The live redirects, resolved to their final targets, per table."""

    targets: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def resolve(cls, rows: dict[tuple[str, str], dict[str, Any]]) -> Redirects:
        edges: dict[str, dict[str, dict[str, Any]]] = {}
        for (table, old), row in rows.items():
            if not row["deleted"]:
                edges.setdefault(table, {})[old] = row
        targets: dict[str, dict[str, str]] = {}
        for table, table_edges in edges.items():
            _break_cycles(table_edges)
            final: dict[str, str] = {}
            for old in table_edges:
                seen, current = {old}, table_edges[old]["new_id"]
                while current in table_edges and current not in seen:
                    seen.add(current)
                    current = table_edges[current]["new_id"]
                final[old] = current
            targets[table] = final
        return cls(targets)

    # An id's target is an id; no id (a column left empty) stays none.
    @overload
    def target(self, table: str, record_id: str) -> str: ...
    @overload
    def target(self, table: str, record_id: None) -> None: ...
    @overload
    def target(self, table: str, record_id: str | None) -> str | None: ...

    def target(self, table: str, record_id: str | None) -> str | None:
        if record_id is None:
            return None
        return self.targets.get(table, {}).get(record_id, record_id)

    def is_redirected(self, table: str, record_id: str) -> bool:
        return record_id in self.targets.get(table, {})

    def __bool__(self) -> bool:
        return any(self.targets.values())


def _break_cycles(edges: dict[str, dict[str, Any]]) -> None:
    """Drop the oldest redirect of every cycle (ties: the smaller old id)."""
    while True:
        cycle = _find_cycle(edges)
        if not cycle:
            return
        weakest = min(cycle, key=lambda old: (edges[old]["updated_at"], old))
        del edges[weakest]


def _find_cycle(edges: dict[str, dict[str, Any]]) -> list[str]:
    done: set[str] = set()
    for start in sorted(edges):
        path: list[str] = []
        on_path: set[str] = set()
        current = start
        while current in edges and current not in done:
            if current in on_path:
                return path[path.index(current):]
            path.append(current)
            on_path.add(current)
            current = edges[current]["new_id"]
        done.update(path)
    return []


def rewrite(table: str, row: dict[str, Any], redirects: Redirects,
            purged: dict[str, set[str]]) -> dict[str, Any] | None:
    """The row with its references sent through the redirects, or None if it must be
    skipped because it (or what it belongs to) was purged."""
    for column, target_table in PARENTS.get(table, {}).items():
        value = row[column]
        if value in purged.get(target_table, ()):
            return None
        if column != "id" and redirects.target(target_table, value) in purged.get(
            target_table, ()
        ):
            return None
    changed = None
    for column, target_table in FOREIGN_KEYS.get(table, {}).items():
        value = row[column]
        new = redirects.target(target_table, value)
        if table == "notes" and column == "theme_id" and new in purged.get("themes", ()):
            new = None
        if new != value:
            changed = changed or dict(row)
            changed[column] = new
    for column, target_table in LIST_KEYS.get(table, {}).items():
        if column not in row or not redirects.targets.get(target_table):
            continue
        try:
            ids = json.loads(row[column] or "[]")
        except (TypeError, ValueError):
            continue  # (the file's check names a malformed list)
        if not isinstance(ids, list):
            continue
        new_ids = list(dict.fromkeys(redirects.target(target_table, i) for i in ids))
        if new_ids != ids:
            changed = changed or dict(row)
            changed[column] = json.dumps(new_ids, ensure_ascii=False)
    return changed or row
