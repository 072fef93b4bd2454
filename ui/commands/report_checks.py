"""Undoable changes made from the export dialog's personal-data check.

They write only the check's own memory (``report_checks``, ``privacy_names``), never a
note, theme or workshop row: there is no row version another window could change, so
they declare no rows (``touched`` is empty) and their undo is never stale.
"""

from __future__ import annotations

from facilitator.store import Store
from ui.commands.base import StoreCommand


class MarkCheckedCommand(StoreCommand):
    """Mark notes "checked, keep": the check stops flagging them until their text changes."""

    def __init__(self, store: Store, notes: list[tuple[str, str]]) -> None:
        count = len(notes)
        super().__init__(f"Mark {count} note{'s' if count != 1 else ''} checked, keep")
        self.store = store
        self.notes = notes
        self._before = {i: h for i, h in store.checked_notes().items() if i in {n for n, _ in notes}}

    def touched(self) -> dict[str, list[str]]:
        return {}  # the check's own tables only (see the module's docstring)

    def apply(self) -> None:
        self.store.mark_checked(self.notes)

    def revert(self) -> None:
        self.store.unmark_checked([n for n, _ in self.notes if n not in self._before])


class SetPrivacyNamesCommand(StoreCommand):
    """Replace the list of names the personal-data check looks for."""

    def __init__(self, store: Store, names: list[str]) -> None:
        super().__init__("Change the names the personal-data check looks for")
        self.store = store
        self.before = store.privacy_names()
        self.after = names

    def touched(self) -> dict[str, list[str]]:
        return {}  # the check's own tables only (see the module's docstring)

    def apply(self) -> None:
        self.store.set_privacy_names(self.after)

    def revert(self) -> None:
        self.store.set_privacy_names(self.before)
