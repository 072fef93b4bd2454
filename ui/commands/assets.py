"""Undoable changes to the asset register: one command for every change ``facilitator.assets``
makes, undone and redone exactly from the rows it recorded (``AssetChange``)."""

from __future__ import annotations

from collections.abc import Callable

from facilitator import assets
from facilitator.models import ValidationError
from ui.commands.base import StoreCommand


class AssetCommand(StoreCommand):
    """``perform`` makes the change the first time (and names it); redo and undo put the
    recorded rows back. It touches every asset row the change wrote, so an undo after
    someone else changed one of them is refused."""

    def __init__(self, store, perform: Callable[[], assets.AssetChange],
                 text: str = "Change the asset register") -> None:
        super().__init__(text)
        self.store = store
        self.perform = perform
        self.change: assets.AssetChange | None = None

    def apply(self) -> None:
        if self.change is None:
            change = self.perform()
            if not change.before:
                raise ValidationError(" ".join(change.messages) or "Nothing to change.")
            self.change = change
            self.setText(change.description)
            for table, ids in change.touched().items():
                self.touches(table, ids)
        else:
            assets.redo(self.store, self.change)

    def revert(self) -> None:
        assets.undo(self.store, self.applied())

    def applied(self) -> assets.AssetChange:
        """The change this command made (once it has been applied)."""
        assert self.change is not None, "the command has not been applied yet"
        return self.change
