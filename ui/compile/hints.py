"""The themes board's support-area hints (Ctrl+H): worked out in the background for the
step's unsorted notes, shown on the cards, and accepted with Ctrl+Enter as one undoable
change. A mixin of ``ThemesBoardWindow`` (it uses the window's cards, status and commands)."""

from __future__ import annotations

from ui.announce import announce, tell
from ui.commands.base import CompositeCommand, StoreCommand
from ui.commands.notes import TagNotesCommand
from ui.compile.parts import BoardWindowParts
from ui.sense.hints import HintWorker


class BoardHints(BoardWindowParts):
    """Ctrl+H's hints on a themes board."""

    def _on_hints_toggled(self, on: bool) -> None:
        if not on:
            self.hints, self._hinted, self.hint_status = {}, set(), ""
        self.refresh()

    def _start_hints(self) -> None:
        """Work out hints for the step's unsorted notes that have none yet (in the
        background; the cards show them when they are ready)."""
        from facilitator.sense.areas import hint_inputs

        if self.hint_worker is not None and self.hint_worker.isRunning():
            return
        vocabulary, untagged, tagged = hint_inputs(self.store, self.programme_id, self.step_key)
        if vocabulary is None:
            self.hint_status = "this step has no support areas to hint"
            self.apply_filter()
            return
        todo = [n for n in untagged if n.id not in self._hinted]
        if not todo:
            return
        self._hinted.update(n.id for n in todo)
        self.hint_status = "working out support-area hints…"
        self.apply_filter()
        self.hint_worker = HintWorker(todo, tagged, vocabulary, self)
        self.hint_worker.done.connect(self._on_hints_done)
        self.hint_worker.failed.connect(self._on_hints_failed)
        self.hint_worker.start()

    def _on_hints_done(self, hints: dict, model_name: str, notice: str) -> None:
        if not self.hint_action.isChecked():
            return
        self.hints.update(hints)
        self.hint_status = (f"support-area hints on {len(self.hints)} cards, from the "
                            f"library's sorted notes ({model_name})"
                            + (f". {notice}" if notice else ""))
        self.refresh()

    def _on_hints_failed(self, text: str) -> None:
        self.hint_status = f"no support-area hints: {text}"
        self.apply_filter()

    def accept_hints(self) -> None:
        """Sort each selected card under the area its hint names: one undoable change."""
        ids = [i for i in self.selected_note_ids() if i in self.hints]
        if not ids:
            tell(self, "Select cards that show a support-area hint (Ctrl+H shows them).", 5000)
            return
        by_tag: dict[str, list[str]] = {}
        for note_id in ids:
            by_tag.setdefault(self.hints[note_id].tag_key, []).append(note_id)
        parts: list[StoreCommand] = [TagNotesCommand(self.store, group, tag, self.hints[group[0]].tag_label)
                 for tag, group in by_tag.items()]
        command = parts[0] if len(parts) == 1 else CompositeCommand(
            f"Sort {len(ids)} notes under their hinted support areas", self.store, parts)
        self._focus_note = ids[0]
        if self._run(command):
            first = self.hints[ids[0]]
            announce(self, f"Sorted {len(ids)} note{'s' if len(ids) != 1 else ''} under "
                     + (first.tag_label if len(parts) == 1 else "their hinted areas"))
