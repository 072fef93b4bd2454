"""Commands over programmes, workshops and attendance."""

from __future__ import annotations

import copy

from facilitator.models import Attendance, Programme, Workshop
from facilitator.store import Store
from ui.commands.base import StoreCommand


class AddProgrammeCommand(StoreCommand):
    def __init__(self, store: Store, programme: Programme) -> None:
        super().__init__(f"Add programme “{programme.title}”")
        self.store = store
        self.programme = programme
        self._added = False
        self.touches("programmes", [programme.id])

    def apply(self) -> None:
        if not self._added:
            self.store.add_programme(self.programme)
            self._added = True
        else:
            self.programme.deleted = False
            self.store.update_programme(self.programme)

    def revert(self) -> None:
        self.programme.deleted = True
        self.store.update_programme(self.programme)


class AddWorkshopCommand(StoreCommand):
    def __init__(self, store: Store, workshop: Workshop) -> None:
        super().__init__(f"Add workshop {workshop.code}")
        self.store = store
        self.workshop = workshop
        self._added = False
        self.touches("workshops", [workshop.id])

    def apply(self) -> None:
        if not self._added:
            self.store.add_workshop(self.workshop)
            self._added = True
        else:
            self.store.set_workshop_deleted(self.workshop.id, False)

    def revert(self) -> None:
        self.store.set_workshop_deleted(self.workshop.id, True)


class EditWorkshopCommand(StoreCommand):
    """Replace a workshop's details (status, date, venue…) with new ones."""

    def __init__(self, store: Store, before: Workshop, after: Workshop, text: str = "") -> None:
        super().__init__(text or f"Edit workshop {after.code}")
        self.store = store
        self.before = copy.deepcopy(before)
        self.after = copy.deepcopy(after)
        self.touches("workshops", [after.id])

    def apply(self) -> None:
        self.store.update_workshop(copy.deepcopy(self.after))

    def revert(self) -> None:
        self.store.update_workshop(copy.deepcopy(self.before))


class SetAttendanceCommand(StoreCommand):
    def __init__(self, store: Store, before: Attendance, after: Attendance, code: str) -> None:
        super().__init__(f"Set attendance for {code}")
        self.store = store
        self.before = copy.deepcopy(before)
        self.after = copy.deepcopy(after)
        self.touches("attendance", [after.workshop_id])

    def apply(self) -> None:
        self.store.set_attendance(copy.deepcopy(self.after))

    def revert(self) -> None:
        self.store.set_attendance(copy.deepcopy(self.before))
