"""SQL for dot-vote counts (table ``votes``, migration 0010_phones; travels in workshop files).

    save_votes(store, workshop_id, step_key, counts)   # one transaction; replaces the step's
    votes(store, workshop_id)                          # live counts, most dots first
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from facilitator.models import utc_now
from facilitator.phones.results import VoteCount
from facilitator.store.store import Store

_COLUMNS = ("id", "workshop_id", "step_key", "target_kind", "target_id", "label", "dots",
            "created_at", "updated_at", "deleted")


def save_votes(store: Store, workshop_id: str, step_key: str,
               counts: Iterable[VoteCount]) -> None:
    """The step's counts as they stand now: rows for ideas no longer listed are marked
    deleted; a count that did not change keeps its ``updated_at``."""
    counts = list(counts)
    now = utc_now()
    with store.transaction():
        rows = store.conn.execute(
            "SELECT id, dots, label, deleted FROM votes WHERE workshop_id = ? AND step_key = ?",
            [workshop_id, step_key]).fetchall()
        old = {r[0]: r[1:] for r in rows}
        keep = set()
        for count in counts:
            keep.add(count.id)
            before = old.get(count.id)
            if before == (count.dots, count.label, 0):
                continue
            store.conn.execute(
                f"INSERT INTO votes ({', '.join(_COLUMNS)}) VALUES "
                f"({', '.join('?' for _ in _COLUMNS)}) ON CONFLICT(id) DO UPDATE SET "
                "dots = excluded.dots, label = excluded.label, updated_at = excluded.updated_at,"
                " deleted = 0",
                [count.id, workshop_id, step_key, count.target_kind, count.target_id,
                 count.label, int(count.dots), count.created_at, now, 0])
        gone = [i for i, (_d, _l, deleted) in old.items() if i not in keep and not deleted]
        for vid in gone:
            store.conn.execute("UPDATE votes SET deleted = 1, updated_at = ? WHERE id = ?",
                             [now, vid])


def votes(store: Store, workshop_id: str | None = None, *,
          workshop_ids: Iterable[str] | None = None) -> list[VoteCount]:
    """Live counts, most dots first."""
    clauses, params = ["deleted = 0"], []
    if workshop_id is not None:
        clauses.append("workshop_id = ?")
        params.append(workshop_id)
    if workshop_ids is not None:
        clauses.append("workshop_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(workshop_ids)))
    rows = store.conn.execute(
        f"SELECT {', '.join(_COLUMNS[1:])} FROM votes WHERE {' AND '.join(clauses)} "
        "ORDER BY dots DESC, rowid", params).fetchall()
    return [VoteCount(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                      deleted=bool(row[8])) for row in rows]
