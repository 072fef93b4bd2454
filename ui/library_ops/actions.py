"""The library window's actions for correcting the library (see ``ui.library_ops``).

The domain operations, their commands and the dialogs are imported when an action is
used, not when the window is built: the first frame needs none of them."""

from __future__ import annotations

from PySide6.QtCore import QObject

SETUP_SUFFIX = ".workshop"


class LibraryOps(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.store = window.context.store
        self.dialog = None
        self.deleted_window = None

    def _say(self, text: str, ms: int = 8000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def _programme_id(self) -> str | None:
        ids = self.window.selected_ids("programme")
        return ids[0] if ids else self.window.current_programme_id()

    # ------------------------------------------------------------- rename
    def rename_programme(self) -> bool:
        programme_id = self._programme_id()
        if programme_id is None:
            self._say("Choose a programme in the list first.", 4000)
            return False
        programme = self.store.get_programme(programme_id)
        title = self.context.dialogs.ask_text(
            self.window, "Rename programme",
            "Programme title (the Summary of Results uses it as its title):", programme.title,
        )
        if title is None or " ".join(title.split()) == programme.title:
            return False
        from ui.commands.library_ops import RenameProgrammeCommand

        return self.window.run_command(RenameProgrammeCommand(self.store, programme_id, title))

    # --------------------------------------------------------------- move
    def move_workshops(self):
        ids = self.window.selected_ids("workshop")
        if not ids:
            self._say("Choose the workshops to move in the list first.", 4000)
            return None
        from ui.library_ops.merge_dialogs import MoveWorkshopDialog

        self.dialog = MoveWorkshopDialog(self.context, ids, self.window)
        self.dialog.accepted.connect(lambda: self._run_dialog_command(self.dialog))
        self.dialog.open()
        return self.dialog

    def _run_dialog_command(self, dialog) -> None:
        command = getattr(dialog, "command", None)
        if command is None:
            return
        from ui.commands.background import BackgroundCommand, push_in_background

        if isinstance(command, BackgroundCommand):  # a merge: on another thread, with progress
            push_in_background(self.window.undo_stack, command, self.window.report_error)
        elif self.window.run_command(command):
            self._say(command.text())

    # -------------------------------------------------------------- merge
    def merge(self):
        """Two workshops or two programmes selected: merge them after a preview. One
        programme: offer its workshops that share a code, else the programmes of the same
        title."""
        from facilitator import library_ops as ops
        from ui.library_ops.merge_dialogs import MergeProgrammesDialog, MergeWorkshopsDialog

        workshops = self.window.selected_ids("workshop")
        programmes = self.window.selected_ids("programme")
        if len(workshops) == 2 and not programmes:
            self.dialog = MergeWorkshopsDialog(self.context, *workshops, parent=self.window)
        elif len(programmes) == 2 and not workshops:
            self.dialog = MergeProgrammesDialog(self.context, *programmes, parent=self.window)
        else:
            programme_id = self._programme_id()
            pairs = ops.same_code_pairs(self.store, programme_id) if programme_id else []
            if pairs and not workshops[2:] and not programmes[1:]:
                return self.offer_same_workshops(pairs)
            self._say(
                "Select two workshops, or two programmes, to merge (Ctrl+click or "
                "Ctrl+Space adds to the selection).", 8000,
            )
            return None
        self.dialog.accepted.connect(lambda: self._run_dialog_command(self.dialog))
        self.dialog.open()
        return self.dialog

    def offer_same_workshops(self, pairs=None):
        """The workshops that share a code in one programme, offered for merging."""
        from facilitator import library_ops as ops
        from ui.library_ops.same_workshops import SameWorkshopsDialog

        if pairs is None:
            pairs = [pair for p in self.store.programmes()
                     for pair in ops.same_code_pairs(self.store, p.id)]
        if not pairs:
            return None
        self.dialog = SameWorkshopsDialog(self.context, pairs, self.window)
        self.dialog.accepted.connect(lambda: self._merge_pairs(self.dialog))
        self.dialog.open()
        return self.dialog

    def _merge_pairs(self, dialog, done: int = 0) -> None:
        """Merge the ticked pairs one after another, each on another thread (one undo step
        each); stop at the first that fails (its message is shown)."""
        from ui.commands.background import push_in_background

        if done == len(dialog.commands):
            if done:
                self._say(f"Merged {done} {'workshop' if done == 1 else 'workshops'} "
                          "captured twice.")
            return

        def next_pair(ok: bool) -> None:
            if ok:
                self._merge_pairs(dialog, done + 1)

        push_in_background(
            self.window.undo_stack, dialog.commands[done], self.window.report_error, next_pair)

    # ------------------------------------------------------------- delete
    def delete_selected(self) -> bool:
        workshops = self.window.selected_ids("workshop")
        programmes = self.window.selected_ids("programme")
        items: list[tuple[str, str, str]] = []
        if workshops:
            for workshop_id in workshops:
                workshop = self.store.get_workshop(workshop_id)
                items.append(("workshop", workshop_id, workshop.code))
        elif programmes:
            for programme_id in programmes:
                title = self.store.get_programme(programme_id).title
                items.append(("programme", programme_id, f"“{title}”"))
        else:
            self._say("Choose a workshop or programme in the list first.", 4000)
            return False
        self._close_run_windows(items)
        from ui.commands.library_ops import DeleteItemsCommand

        if not self.window.run_command(DeleteItemsCommand(self.store, items)):
            return False
        what = items[0][2] if len(items) == 1 else f"{len(items)} items"
        self._say(
            f"Deleted {what}. Undo (Ctrl+Z) or Workshop ▸ Deleted items brings "
            f"{'it' if len(items) == 1 else 'them'} back.", 10000,
        )
        return True

    def _close_run_windows(self, items: list[tuple[str, str, str]]) -> None:
        """A workshop being deleted (or in a programme being deleted) that is open in a run
        window: close that window first, which keeps its half-typed note as a draft."""
        doomed: set[str] = set()
        for kind, item_id, _ in items:
            if kind == "workshop":
                doomed.add(item_id)
            elif kind == "programme":
                doomed.update(w.id for w in self.store.workshops(item_id))
        for workshop_id in doomed:
            run = self.window.run_windows.get(workshop_id)
            if run is not None:
                run.close()

    def open_deleted_items(self):
        from ui.library_ops.deleted_items import DeletedItemsWindow

        if self.deleted_window is None:
            self.deleted_window = DeletedItemsWindow(
                self.context, self.window.run_command, self.window
            )
        self.deleted_window.show()
        self.deleted_window.raise_()
        self.deleted_window.activateWindow()
        return self.deleted_window

    # ---------------------------------------------------- prepare laptops
    def prepare_laptops(self):
        programme_id = self._programme_id()
        if programme_id is None:
            self._say("Choose a programme in the list first.", 4000)
            return None
        programme = self.store.get_programme(programme_id)
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in programme.title).strip()
        path = self.context.dialogs.save_file(
            self.window, "Prepare laptops: save the programme's set-up",
            f"Workshop files (*{SETUP_SUFFIX})", f"{safe or 'Programme'} - set-up{SETUP_SUFFIX}",
        )
        if path is None:
            return None
        if path.suffix.lower() != SETUP_SUFFIX:
            path = path.with_name(path.name + SETUP_SUFFIX)
        from facilitator import library_ops as ops

        try:
            result = ops.export_setup(self.store, programme_id, path)
        except Exception as exc:  # noqa: BLE001 - LibraryError, OSError: shown, nothing lost
            self.window.report_error(exc)
            return None
        count = result.counts.get("workshops", 0)
        self._say(f"Saved the set-up of “{programme.title}” to {path.name}")
        self.context.dialogs.info(
            self.window, "Prepare laptops",
            f"Saved the set-up of “{programme.title}” ({count} "
            f"{'workshop' if count == 1 else 'workshops'}, no notes) to:\n{path}\n\n"
            "Give a copy to each facilitator. On their laptop: File ▸ Import workshop "
            "files…, then run their workshops as usual. When their files come back, "
            "everything lands in this one programme.",
        )
        return result

