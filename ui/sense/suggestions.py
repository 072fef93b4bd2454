"""Suggest themes (View ▸ Suggest themes…, Ctrl+Shift+U): groups of a step's notes not yet in
a theme, worked out offline in a background thread with a progress bar (the window stays
responsive), then accepted, renamed, split or dismissed one by one from the keyboard.

Keys: Up/Down choose a suggestion; Tab goes to its notes, where Space leaves a note out
(split); Ctrl+Enter accepts (one undoable change); F2 renames; Delete dismisses (for good);
Ctrl+Z undoes; F5 works the suggestions out again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from facilitator.names import counted, natural_key
from ui.close_keys import add_close_keys
from ui.commands.base import undo_actions
from ui.context import AppContext
from ui.programme_box import fill_programmes, fill_steps
from ui.sense.commands import AcceptSuggestionCommand

if TYPE_CHECKING:  # (numpy and the model: imported by the worker, off the first frame)
    from facilitator.sense.suggest import Suggestion, SuggestResult

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SuggestWorker(QThread):
    """Loads the model (first time) and works the suggestions out, off the GUI thread."""

    progressed = Signal(int)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, path_or_store, programme_id: str, step_key: str, parent=None) -> None:
        super().__init__(parent)
        self.store = path_or_store
        self.programme_id = programme_id
        self.step_key = step_key

    def run(self) -> None:
        from facilitator.sense.suggest import suggest_themes

        try:
            result = suggest_themes(self.store, self.programme_id, self.step_key,
                                    progress=lambda f: self.progressed.emit(int(f * 100)))
        except Exception as exc:  # noqa: BLE001 - shown in the window, never a crash
            self.failed.emit(str(exc))
            return
        self.done.emit(result)


class SuggestionsWindow(QDialog):
    def __init__(self, context: AppContext, run_command: Callable[[object], bool], *,
                 programme_id: str | None = None, step_key: str | None = None,
                 undo_stack=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsWindow")
        self.setWindowTitle("Suggest themes")
        add_close_keys(self)
        self.context = context
        self.store = context.store
        self.run_command = run_command
        #: The suggestions worked out (None while working, or before).
        self.found: SuggestResult | None = None
        #: Suggestions accepted from the list (by key), with the command that did it.
        self.taken: dict[str, AcceptSuggestionCommand] = {}
        self._pending = False  # asked again while working: start again when done
        self.worker: SuggestWorker | None = None
        self.labels: dict[str, str] = {}  # suggestion key -> label as renamed

        self.programme_box = QComboBox()
        self.programme_box.setAccessibleName("Programme")
        fill_programmes(self.programme_box, self.store, programme_id)
        self.step_box = QComboBox()
        self.step_box.setAccessibleName("Step")
        self._fill_steps(step_key)
        self.programme_box.currentIndexChanged.connect(self._on_programme_changed)
        self.step_box.currentIndexChanged.connect(lambda _i: self.start())
        self.progress = QProgressBar()
        self.progress.setObjectName("suggestProgress")
        self.progress.setRange(0, 100)
        self.notice = QLabel()
        self.notice.setObjectName("suggestNotice")
        self.notice.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("suggestionList")
        self.list.setAccessibleName("Suggested themes")
        self.list.currentRowChanged.connect(lambda _r: self._show_notes())
        self.notes = QListWidget()
        self.notes.setObjectName("suggestionNotes")
        self.notes.setAccessibleName("Notes of the suggested theme (Space leaves one out)")
        self.notes.setWordWrap(True)

        self.accept_button = QPushButton("&Accept (Ctrl+Enter)")
        self.rename_button = QPushButton("&Rename (F2)")
        self.dismiss_button = QPushButton("&Dismiss (Delete)")
        self._lay_out()
        self._add_keys(undo_stack)
        screen = self.screen().availableGeometry()
        self.resize(min(1000, screen.width() - 60), min(620, screen.height() - 80))

    def _lay_out(self) -> None:
        """Programme and step; the progress and notice; the suggestions beside their notes;
        Accept, Rename, Dismiss; and the keys, said under them."""
        top = QHBoxLayout()
        for text, box in (("&Programme:", self.programme_box), ("S&tep:", self.step_box)):
            caption = QLabel(text)
            caption.setBuddy(box)
            top.addWidget(caption)
            top.addWidget(box, 1)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(self.notes)
        split.setSizes([400, 400])
        buttons = QHBoxLayout()
        for button, slot in ((self.accept_button, self.accept_current),
                             (self.rename_button, self.rename_current),
                             (self.dismiss_button, self.dismiss_current)):
            button.clicked.connect(slot)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        hint = QLabel("↑↓ choose · Tab to its notes, Space leaves a note out · Ctrl+Enter "
                      "accepts · F2 renames · Delete dismisses · Ctrl+Z undoes · "
                      "Ctrl+Shift+U again")
        hint.setWordWrap(True)
        layout.addWidget(hint)

    def _add_keys(self, undo_stack) -> None:
        """Ctrl+Enter, F2, Delete and Ctrl+Shift+U on the current suggestion; Ctrl+Z and
        redo on ``undo_stack`` (if given), the list following an undo."""
        for keys, slot, name in (
            (("Ctrl+Return", "Ctrl+Enter"), self.accept_current, "Accept suggestion"),
            (("F2",), self.rename_current, "Rename suggestion"),
            (("Delete",), self.dismiss_current, "Dismiss suggestion"),
            # The key that opened the window suggests again (F5 is the presenter screen).
            (("Ctrl+Shift+U",), self.start, "Suggest themes again"),
        ):
            action = QAction(name, self)
            action.setObjectName(name)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)
        if undo_stack is not None:
            undo, redo = undo_actions(
                undo_stack, self, lambda exc: self.notice.setText(str(exc)))
            self.addAction(undo)
            self.addAction(redo)
            undo_stack.indexChanged.connect(lambda _i: self._after_undo())

    # ----------------------------------------------------------- working out
    @property
    def programme_id(self) -> str:
        return self.programme_box.currentData() or ""

    @property
    def step_key(self) -> str:
        return self.step_box.currentData() or ""

    def _fill_steps(self, wanted: str | None) -> None:
        fill_steps(self.step_box, self.store, self.programme_id, wanted)

    def _on_programme_changed(self, _index: int) -> None:
        self._fill_steps(None)
        self.start()

    def start(self) -> None:
        """Work the suggestions out (again) in the background."""
        if self.worker is not None and self.worker.isRunning():
            self._pending = True
            return
        self._pending = False
        self.list.clear()
        self.notes.clear()
        self.found = None
        self.taken = {}
        if not self.programme_id or not self.step_key:
            self.notice.setText("Choose a programme and a step with notes.")
            return
        self.progress.setValue(0)
        self.progress.show()
        self.notice.setText("Comparing the notes (offline)…")
        self.worker = SuggestWorker(self.store, self.programme_id, self.step_key, self)
        self.worker.progressed.connect(self.progress.setValue)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(lambda text: self.notice.setText(f"Cannot suggest: {text}"))
        self.worker.finished.connect(self._on_finished)
        self.worker.start()

    def _on_finished(self) -> None:
        if self._pending:
            self.start()

    def _on_done(self, result) -> None:
        self.found = result
        self.taken = {}
        self.progress.setValue(100)
        self.progress.hide()
        self._fill()

    def _fill(self) -> None:
        result = self.found
        self.list.clear()
        if result is None:
            return
        from facilitator.sense.suggest import dismissed

        gone = dismissed(self.store)
        shown = [s for s in result.suggestions if s.key not in gone
                 and s.key not in self.taken]
        total = len({n.workshop_id for n in result.notes})
        for s in shown:
            label = self.labels.get(s.key, s.label)
            codes = ", ".join(sorted((result.workshop_codes.get(w, "?") for w in s.workshop_ids),
                                     key=natural_key))
            what = f"add to the theme “{label}”" if s.kind == "existing" else f"“{label}”"
            item = QListWidgetItem(f"{what}: {counted(len(s.note_ids), 'note')}, raised at "
                                   f"{len(s.workshop_ids)} of {total} workshops ({codes})")
            item.setData(ID_ROLE, s.key)
            self.list.addItem(item)
        model = "" if result.semantic else " " + result.notice
        count = len(shown)
        self.notice.setText(
            (f"{count} suggestion{'s' if count != 1 else ''} for "
             f"{counted(len(result.notes), 'note')}, most widely raised first. Compared with: "
             f"{result.model_name}.{model}") if shown else
            f"No suggestions: the notes not yet in a theme do not form groups. Compared with: "
            f"{result.model_name}.{model}")
        if self.list.count():
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def current(self) -> Suggestion | None:
        item = self.list.currentItem()
        if item is None or self.found is None:
            return None
        key = item.data(ID_ROLE)
        return next((s for s in self.found.suggestions if s.key == key), None)

    def _show_notes(self) -> None:
        self.notes.clear()
        s, found = self.current(), self.found
        if s is None or found is None:
            return
        by_id = {n.id: n for n in found.notes}
        for note_id in s.note_ids:
            note = by_id[note_id]
            code = found.workshop_codes.get(note.workshop_id, "?")
            item = QListWidgetItem(f"{code} · {note.text}")
            item.setData(ID_ROLE, note_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.notes.addItem(item)
        if self.notes.count():
            self.notes.setCurrentRow(0)

    def kept_note_ids(self) -> list[str]:
        return [self.notes.item(r).data(ID_ROLE) for r in range(self.notes.count())
                if self.notes.item(r).checkState() == Qt.CheckState.Checked]

    # ---------------------------------------------------------------- actions
    def accept_current(self) -> None:
        s = self.current()
        if s is None:
            return
        ids = self.kept_note_ids()
        if not ids:
            self.notice.setText("Every note is left out: tick at least one (Space).")
            return
        label = self.labels.get(s.key, s.label)
        command = AcceptSuggestionCommand(self.store, self.programme_id, self.step_key, ids,
                                          label, s.theme_id if s.kind == "existing" else None)
        if self.run_command(command):
            self.taken[s.key] = command
            row = self.list.currentRow()
            self._fill()
            if self.list.count():
                self.list.setCurrentRow(min(row, self.list.count() - 1))

    def _after_undo(self) -> None:
        """An accepted suggestion whose command was undone comes back to the list."""
        if self.found is None:
            return
        changed = False
        for key, command in list(self.taken.items()):
            theme_ids = {n.theme_id for n in self.store.get_notes(command.ids)}
            if theme_ids != {command.theme_id}:
                del self.taken[key]
                changed = True
        if changed:
            self._fill()

    def rename_current(self) -> None:
        s = self.current()
        if s is None or s.kind == "existing":
            return
        label = self.context.dialogs.ask_text(self, "Rename suggested theme", "Theme label:",
                                              self.labels.get(s.key, s.label))
        if label and label.strip():
            self.labels[s.key] = " ".join(label.split())
            row = self.list.currentRow()
            self._fill()
            self.list.setCurrentRow(row)

    def dismiss_current(self) -> None:
        from facilitator.sense.suggest import set_dismissed

        s = self.current()
        if s is None:
            return
        set_dismissed(self.store, s.key)
        row = self.list.currentRow()
        self._fill()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.worker is not None:
            self.worker.wait(5000)
        super().closeEvent(event)
