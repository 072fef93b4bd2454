"""Undoable changes to the action plan: priorities, actions (promoted from a note or a
theme, or written afresh) and progress updates. Each applies and reverts through
``facilitator.store.action_plan`` only, and declares the rows it writes."""

from __future__ import annotations

import copy

from facilitator.action_plan import Action, Priority, ProgressUpdate
from facilitator.store import Store
from facilitator.store import action_plan as plan
from ui.commands.base import StaleCommandError, StoreCommand


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class AddPriorityCommand(StoreCommand):
    def __init__(self, store: Store, priority: Priority) -> None:
        super().__init__(f"Add priority “{_short(priority.text)}”")
        self.store = store
        self.priority = copy.deepcopy(priority)
        self.touches("priorities", [priority.id])

    def apply(self) -> None:
        priority = copy.deepcopy(self.priority)
        priority.deleted = False
        plan.save_priority(self.store, priority)

    def revert(self) -> None:
        plan.set_priorities_deleted(self.store, [self.priority.id], True)


class EditPriorityCommand(StoreCommand):
    def __init__(self, store: Store, before: Priority, after: Priority) -> None:
        super().__init__(f"Edit priority “{_short(after.text)}”")
        self.store = store
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.touches("priorities", [after.id])

    def apply(self) -> None:
        plan.save_priority(self.store, copy.deepcopy(self.after))

    def revert(self) -> None:
        plan.save_priority(self.store, copy.deepcopy(self.before))


class DeletePriorityCommand(StoreCommand):
    """A priority deleted; its actions stay, shown under "No priority" until moved."""

    def __init__(self, store: Store, priority: Priority) -> None:
        super().__init__(f"Delete priority “{_short(priority.text)}”")
        self.store = store
        self.priority_id = priority.id
        self.touches("priorities", [priority.id])

    def apply(self) -> None:
        plan.set_priorities_deleted(self.store, [self.priority_id], True)

    def revert(self) -> None:
        plan.set_priorities_deleted(self.store, [self.priority_id], False)


class ReorderPrioritiesCommand(StoreCommand):
    def __init__(self, store: Store, before: list[str], after: list[str], text: str) -> None:
        super().__init__(text)
        self.store = store
        self.before, self.after = list(before), list(after)
        self.touches("priorities", after)

    def apply(self) -> None:
        plan.set_priority_order(self.store, self.after)

    def revert(self) -> None:
        plan.set_priority_order(self.store, self.before)


class AddActionsCommand(StoreCommand):
    """New actions (an idea promoted, or one written afresh); undo deletes them again."""

    def __init__(self, store: Store, actions: list[Action], text: str = "") -> None:
        first = _short(actions[0].text) if actions else ""
        super().__init__(text or (f"Promote “{first}” to an action" if len(actions) == 1
                                  else f"Add {len(actions)} actions"))
        self.store = store
        self.actions = copy.deepcopy(actions)
        self.touches("actions", [a.id for a in actions])

    def apply(self) -> None:
        plan.add_actions(self.store, copy.deepcopy(self.actions))

    def revert(self) -> None:
        plan.set_actions_deleted(self.store, [a.id for a in self.actions], True)


class EditActionCommand(StoreCommand):
    def __init__(self, store: Store, before: Action, after: Action, text: str = "") -> None:
        super().__init__(text or f"Edit action “{_short(after.text)}”")
        self.store = store
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.touches("actions", [after.id])

    def apply(self) -> None:
        plan.update_actions(self.store, [copy.deepcopy(self.after)])

    def revert(self) -> None:
        plan.update_actions(self.store, [copy.deepcopy(self.before)])


class DeleteActionsCommand(StoreCommand):
    def __init__(self, store: Store, actions: list[Action]) -> None:
        super().__init__(f"Delete action “{_short(actions[0].text)}”" if len(actions) == 1
                         else f"Delete {len(actions)} actions")
        self.store = store
        self.ids = [a.id for a in actions]
        self.touches("actions", self.ids)

    def apply(self) -> None:
        plan.set_actions_deleted(self.store, self.ids, True)

    def revert(self) -> None:
        plan.set_actions_deleted(self.store, self.ids, False)


class AddProgressCommand(StoreCommand):
    def __init__(self, store: Store, update: ProgressUpdate) -> None:
        super().__init__(f"Add progress “{_short(update.text)}”")
        self.store = store
        self.update = copy.deepcopy(update)
        self.touches("progress_updates", [update.id])

    def apply(self) -> None:
        update = copy.deepcopy(self.update)
        update.deleted = False
        plan.save_progress(self.store, update)

    def revert(self) -> None:
        plan.set_progress_deleted(self.store, [self.update.id], True)


class EditProgressCommand(StoreCommand):
    def __init__(self, store: Store, before: ProgressUpdate, after: ProgressUpdate) -> None:
        super().__init__(f"Edit progress “{_short(after.text)}”")
        self.store = store
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.touches("progress_updates", [after.id])

    def apply(self) -> None:
        plan.save_progress(self.store, copy.deepcopy(self.after))

    def revert(self) -> None:
        plan.save_progress(self.store, copy.deepcopy(self.before))


class DeleteProgressCommand(StoreCommand):
    def __init__(self, store: Store, update: ProgressUpdate) -> None:
        super().__init__(f"Delete progress “{_short(update.text)}”")
        self.store = store
        self.update_id = update.id
        self.touches("progress_updates", [update.id])

    def apply(self) -> None:
        plan.set_progress_deleted(self.store, [self.update_id], True)

    def revert(self) -> None:
        plan.set_progress_deleted(self.store, [self.update_id], False)


def _unchanged_since(current, seen, what: str) -> None:
    """Refuse (StaleCommandError, nothing written) an edit begun on ``seen`` when the row
    is no longer as it was then: changed or deleted in another window, by an import, or in
    another program."""
    if current.deleted or current.updated_at != seen.updated_at:
        raise StaleCommandError(
            f"Cannot change {what}: it changed since you began editing it, in another window, "
            "by an import or in another program. Nothing was changed; the plan now shows it "
            "as it is, so you can edit it again.")


class EditActionFieldCommand(EditActionCommand):
    """One cell of the plan edited in place: the action as the editor opened on it
    (``before``), one field's new value. Refused if the action changed in between."""

    def __init__(self, store: Store, before: Action, field: str, value, label: str) -> None:
        after = copy.deepcopy(before)
        setattr(after, field, value)
        super().__init__(store, before, after,
                         f"Change the {label.lower()} of “{_short(before.text)}”")
        self.label = label
        self._checked = False

    def apply(self) -> None:
        if not self._checked:  # the first time: the edit was begun on this version
            _unchanged_since(plan.get_action(self.store, self.before.id), self.before,
                             f"the {self.label.lower()} of “{_short(self.before.text)}”")
            self._checked = True
        super().apply()


class EditPriorityTextCommand(EditPriorityCommand):
    """A priority's words edited in place; refused if the priority changed in between."""

    def __init__(self, store: Store, before: Priority, text: str) -> None:
        after = copy.deepcopy(before)
        after.text = text
        super().__init__(store, before, after)
        self._checked = False

    def apply(self) -> None:
        if not self._checked:
            _unchanged_since(plan.get_priority(self.store, self.before.id), self.before,
                             f"priority “{_short(self.before.text)}”")
            self._checked = True
        super().apply()
