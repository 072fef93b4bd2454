"""Where each workshop was left on this laptop: SQL for ``WorkshopState``.

Written as the facilitator works (a step change, a pause in typing, closing the window),
each write its own small durable transaction; it announces no store event (nothing on
screen follows it) and is not undoable. It stays in the library (schema.LOCAL_ONLY).
"""

from __future__ import annotations

import json

from facilitator.models import WorkshopState, utc_now
from facilitator.store.base import StoreBase

_COLUMNS = "workshop_id, step_key, draft, draft_step, table_label, timers, was_open"


class WorkshopStateMixin(StoreBase):
    """Part of ``Store``: uses the ``conn`` and ``transaction`` of the ``StoreBase`` it extends."""

    def workshop_state(self, workshop_id: str) -> WorkshopState:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM workshop_state WHERE workshop_id = ?", [workshop_id]
        ).fetchone()
        if row is None:
            return WorkshopState(workshop_id)
        try:
            timers = {str(k): (float(v[0]), float(v[1])) for k, v in json.loads(row[5]).items()}
        except (ValueError, TypeError, AttributeError, IndexError, KeyError):
            timers = {}  # a damaged value is forgotten, never a reason not to open
        return WorkshopState(row[0], row[1], row[2], row[3], row[4], timers, bool(row[6]))

    def save_workshop_state(self, state: WorkshopState) -> None:
        with self.transaction():
            self.conn.execute(
                f"INSERT OR REPLACE INTO workshop_state ({_COLUMNS}, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [state.workshop_id, state.step_key, state.draft, state.draft_step,
                 state.table_label, json.dumps(state.timers), int(state.was_open), utc_now()],
            )

    def open_workshop_ids(self) -> list[str]:
        """Workshops whose run window was open when the app last closed (not deleted)."""
        rows = self.conn.execute(
            "SELECT s.workshop_id FROM workshop_state s JOIN workshops w ON w.id = s.workshop_id "
            "WHERE s.was_open = 1 AND w.deleted = 0 ORDER BY s.updated_at"
        ).fetchall()
        return [r[0] for r in rows]
