"""The visitor tally's one undoable change: one more visitor of a participant category."""

from __future__ import annotations

import copy

from facilitator.models import PARTICIPANT_CATEGORY_LABELS, Attendance
from facilitator.store import Store
from ui.commands.base import StoreCommand


class CountVisitorCommand(StoreCommand):
    """Attendance of one category up by one (a drop-in stall's visitor tally). Undo puts the
    count back as it was; each press is its own step in the library's history."""

    def __init__(self, store: Store, workshop_id: str, category: str) -> None:
        label = PARTICIPANT_CATEGORY_LABELS[category]
        super().__init__(f"Count a visitor ({label})")
        self.store = store
        self.category = category
        self.before = store.attendance(workshop_id)
        counts = dict(self.before.counts)
        counts[category] = counts.get(category, 0) + 1
        self.after = Attendance(workshop_id, counts)
        self.touches("attendance", [workshop_id])

    def apply(self) -> None:
        self.store.set_attendance(copy.deepcopy(self.after))

    def revert(self) -> None:
        self.store.set_attendance(copy.deepcopy(self.before))
