"""Similar notes (Ctrl+Shift+S on a card): the programme's notes most like this one, with
their workshop and theme, so a facilitator sees "this came up at W1, W4 and W6". The model
loads in a background thread the first time; after that a look-up takes a millisecond.
Enter opens the chosen note in its workshop and step."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from facilitator.names import natural_key
from ui.close_keys import add_close_keys
from ui.context import AppContext

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_cache: dict[str, tuple[int, object]] = {}  # programme id -> (fingerprint, NoteIndex)
_cache_lock = threading.Lock()


def programme_index(store, programme_id: str):
    """The NoteIndex of a programme's live notes, rebuilt only when its notes changed."""
    from facilitator.sense.suggest import NoteIndex

    workshops = [w.id for w in store.workshops(programme_id)]
    notes = store.notes(workshop_ids=workshops)
    fingerprint = hash(tuple((n.id, n.text) for n in notes))
    with _cache_lock:
        cached = _cache.get(programme_id)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
    index = NoteIndex(notes)
    with _cache_lock:
        _cache[programme_id] = (fingerprint, index)
    return index


class IndexWorker(QThread):
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, store, programme_id: str, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.programme_id = programme_id

    def run(self) -> None:
        try:
            self.done.emit(programme_index(self.store, self.programme_id))
        except Exception as exc:  # noqa: BLE001 - shown in the window
            self.failed.emit(str(exc))


class SimilarNotesDialog(QDialog):
    def __init__(self, context: AppContext, programme_id: str, note_id: str,
                 open_note: Callable[[str, str, str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("similarNotes")
        self.setWindowTitle("Similar notes")
        add_close_keys(self)
        self.store = context.store
        self.note_id = note_id
        self.open_note = open_note
        self.found: list = []
        note = self.store.get_note(note_id)
        self.heading = QLabel(f"Notes like “{note.text}”:")
        self.heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("similarList")
        self.list.setAccessibleName("Similar notes")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _i: self.open_current())
        self.notice = QLabel("Comparing with the programme's notes (offline)…")
        self.notice.setObjectName("similarNotice")
        self.notice.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.notice)
        layout.addWidget(QLabel("↑↓ choose · Enter opens the note · Esc closes"))
        screen = self.screen().availableGeometry()
        self.resize(min(720, screen.width() - 60), min(480, screen.height() - 80))
        self.worker = IndexWorker(self.store, programme_id, self)
        self.worker.done.connect(self._show)
        self.worker.failed.connect(lambda text: self.notice.setText(f"Cannot compare: {text}"))
        self.worker.start()

    def _show(self, index) -> None:
        themes = {t.id: t.label for t in self.store.themes()}
        codes = {w.id: w.code for w in self.store.workshops()}
        self.found = index.similar(self.note_id, 12)
        self.list.clear()
        for note, score in self.found:
            theme = themes.get(note.theme_id or "", "")
            item = QListWidgetItem(
                f"{codes.get(note.workshop_id, '?')} · {note.step_key.upper()}"
                f"{' · theme: ' + theme if theme else ''} · {score:.0%} alike\n{note.text}")
            item.setData(ID_ROLE, note.id)
            self.list.addItem(item)
        at = sorted({codes.get(n.workshop_id, "?") for n, s in self.found if s >= 0.5},
                    key=natural_key)  # W2 before W10
        model = index.model
        self.notice.setText(
            (f"Also raised at {', '.join(at)}. " if at else "")
            + f"Compared with: {model.name}." + ("" if model.semantic else " " + model.notice)
            if self.found else f"No similar notes. Compared with: {model.name}.")
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def open_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.found):
            note = self.found[row][0]
            self.open_note(note.workshop_id, note.step_key, note.id)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.worker.wait(5000)
        super().closeEvent(event)
