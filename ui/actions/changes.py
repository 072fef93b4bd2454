"""The action plan's changes, each one command on the library's undo history: actions
written afresh, edited (the form) and deleted, progress updates, priorities added, edited,
deleted and moved; and the export. A mixin of ``ActionPlanWindow``."""

from __future__ import annotations

from facilitator.action_plan import Action, Priority, ProgressUpdate
from facilitator.store import action_plan as plan
from ui.actions.parts import PlanWindowParts
from ui.actions.rows import FIELDS, ID_ROLE
from ui.announce import announce, tell
from ui.commands.action_plan import (
    AddActionsCommand,
    AddPriorityCommand,
    AddProgressCommand,
    DeleteActionsCommand,
    DeletePriorityCommand,
    DeleteProgressCommand,
    EditActionCommand,
    EditPriorityCommand,
    EditProgressCommand,
    ReorderPrioritiesCommand,
)
from ui.commands.base import StaleCommandError, try_push


class PlanChanges(PlanWindowParts):
    """Changing the plan from the window (its forms open window-modal, one at a time)."""


    def run(self, command) -> bool:
        return try_push(self.undo_stack, command, self._report)

    run_command = run

    def _report(self, exc: Exception) -> None:
        if isinstance(exc, StaleCommandError):
            tell(self, str(exc), 15000)
            self.context.dialogs.info(self, "Undo", str(exc))
        else:
            self.context.dialogs.error(self, "Action plan", str(exc))

    def _open(self, dialog, on_accept) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.finished.connect(lambda _r: self._closed_dialog(dialog))
        dialog.open()

    def _closed_dialog(self, dialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.activateWindow()
        self.tree.setFocus()

    def new_action(self) -> None:
        from ui.actions.dialogs import ActionDialog

        priority = self.current_priority()
        action = self.current_action()
        priority_id = priority.id if priority else (action.priority_id if action else None)
        fresh = Action(self.programme_id, "", priority_id=priority_id)
        dialog = ActionDialog(fresh, self.priorities, parent=self, title="New action")
        dialog.text.setPlaceholderText("What will be done")

        def save(d) -> None:
            made = d.result_action()
            if self.run(AddActionsCommand(self.store, [made],
                                          f"Add action “{made.text[:40]}”")):
                self.select(made.id)
                announce(self, "Action added")

        self._open(dialog, save)

    def edit_details(self) -> None:
        """The current action's details as a form (Alt+Enter), or a priority's words."""
        if self.current_kind() == "priority":
            self.edit_priority()
            return
        action = self.current_action()
        if action is None:
            tell(self, "Choose an action or a priority to edit (arrows move).", 5000)
            return
        from ui.actions.dialogs import ActionDialog

        column = max(0, self.tree.currentColumn())
        dialog = ActionDialog(action, self.priorities, parent=self,
                              focus=FIELDS[min(column, len(FIELDS) - 1)])

        def save(d) -> None:
            after = d.result_action()
            if after != action:
                self.run(EditActionCommand(self.store, action, after))
                self.select(after.id)

        self._open(dialog, save)

    def add_progress(self) -> None:
        action = self.current_action()
        if action is None:
            tell(self, "Choose an action first: progress belongs to an action.", 5000)
            return
        from ui.actions.dialogs import ProgressDialog

        dialog = ProgressDialog(ProgressUpdate(action.id, "", ""), action.text, parent=self)

        def save(d) -> None:
            if self.run(AddProgressCommand(self.store, d.result_update())):
                announce(self, "Progress added")

        self._open(dialog, save)

    def current_progress(self) -> ProgressUpdate | None:
        item = self.progress.currentItem()
        action = self.current_action()
        if item is None or action is None:
            return None
        return next((u for u in plan.progress_updates(self.store, [action.id])
                     if u.id == item.data(ID_ROLE)), None)

    def edit_progress(self) -> None:
        update, action = self.current_progress(), self.current_action()
        if update is None or action is None:
            tell(self, "Choose a progress update in the list under the plan (F6).", 5000)
            return
        from ui.actions.dialogs import ProgressDialog

        dialog = ProgressDialog(update, action.text, parent=self, title="Edit progress update")

        def save(d) -> None:
            after = d.result_update()
            if after != update:
                self.run(EditProgressCommand(self.store, update, after))

        self._open(dialog, save)

    def focus_progress(self) -> None:
        if self.progress.hasFocus():
            self.tree.setFocus()
        else:
            self.progress.setFocus()

    def delete_current(self) -> None:
        if self.progress.hasFocus():
            update = self.current_progress()
            if update is not None:
                self.run(DeleteProgressCommand(self.store, update))
            return
        kind = self.current_kind()
        if kind == "priority":
            priority = self.current_priority()
            if priority is not None and self.run(DeletePriorityCommand(self.store, priority)):
                tell(self, "Priority deleted; its actions are under “Not yet under a priority”."
                     " Ctrl+Z brings it back.", 8000)
            return
        action = self.current_action()
        if action is not None and self.run(DeleteActionsCommand(self.store, [action])):
            tell(self, "Action deleted. Ctrl+Z brings it back.", 6000)

    def new_priority(self) -> None:
        from ui.actions.dialogs import PriorityDialog

        position = max((p.position for p in self.priorities), default=0) + 1
        dialog = PriorityDialog(Priority(self.programme_id, "", position), parent=self)

        def save(d) -> None:
            made = d.result_priority()
            if self.run(AddPriorityCommand(self.store, made)):
                self.select(made.id)

        self._open(dialog, save)

    def edit_priority(self) -> None:
        priority = self.current_priority()
        if priority is None:
            return
        from ui.actions.dialogs import PriorityDialog

        dialog = PriorityDialog(priority, parent=self, title="Edit priority")

        def save(d) -> None:
            after = d.result_priority()
            if after.text != priority.text:
                self.run(EditPriorityCommand(self.store, priority, after))

        self._open(dialog, save)

    def move_priority(self, step: int) -> None:
        priority = self.current_priority()
        if priority is None:
            tell(self, "Choose a priority's row to move it.", 5000)
            return
        order = [p.id for p in self.priorities]
        index = order.index(priority.id)
        target = index + step
        if not 0 <= target < len(order):
            return
        moved = list(order)
        moved[index], moved[target] = moved[target], moved[index]
        if self.run(ReorderPrioritiesCommand(self.store, order, moved,
                                             f"Move priority {index + 1} "
                                             f"{'up' if step < 0 else 'down'}")):
            self.select(priority.id)
            announce(self, f"Priority now number {target + 1}")

    def export(self) -> None:
        from facilitator.reports.action_plan import contact_findings
        from facilitator.reports.action_plan_doc import write_action_plan

        title = self.programme_title()
        findings = contact_findings(self.store, programme_id=self.programme_id)
        if findings:
            listed = "\n".join(f"• {f.describe()}" for f in findings[:10])
            more = f"\n… and {len(findings) - 10} more" if len(findings) > 10 else ""
            if not self.context.dialogs.confirm(
                    self, "Export action plan",
                    f"The personal-data check found {len(findings)} lead or partners "
                    f"entr{'ies' if len(findings) != 1 else 'y'} that look like a private "
                    f"person's contact details:\n\n{listed}{more}\n\nExport anyway? (No "
                    "goes back to the plan to change them: the cells show a warning sign.)"):
                tell(self, "Not exported: change the leads and partners marked with a "
                     "warning sign, then export again.", 10000)
                return
        path = self.context.dialogs.save_file(
            self, "Export action plan", "Word document (*.docx)",
            f"{title} - Action plan.docx")
        if not path:
            return
        try:
            write_action_plan(self.store, self.programme_id, path)
        except Exception as exc:  # noqa: BLE001 - a disk or permission problem, said plainly
            self.context.dialogs.error(self, "Export action plan", str(exc))
            return
        tell(self, f"Saved the action plan as {path}", 10000)
