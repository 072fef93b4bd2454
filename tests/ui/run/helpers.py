"""Helpers for the run window's tests: a workshop to run, a session on it, the window shown
with the keyboard in its capture box, typing notes, reading the board, and a fake clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.models import Note, Programme, Workshop
from tests.ui.windows import show_active
from ui.run.session import RunSession
from ui.run.window import RunWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def make_workshop(store, format_key: str = "delivery-planning", code: str = "W2") -> Workshop:
    """Workshop ``code`` in the programme "Delivery planning 2015" (made the first time)."""
    programme = store.find_programme("Delivery planning 2015") or store.add_programme(
        Programme("Delivery planning 2015", area="Leicestershire"))
    return store.add_workshop(
        Workshop(programme.id, code, "How can I help and support older people?", format_key))


def make_session(context, format_key: str = "delivery-planning") -> RunSession:
    """A run session on a new workshop W2, without its window."""
    return RunSession(context, make_workshop(context.store, format_key).id)


def add_note(session: RunSession, text: str, step_key: str | None = None) -> Note:
    """Add a note straight through the store, as the run window's capture box would."""
    note = Note(session.workshop_id, step_key or session.step_key, text)
    return session.store.add_note(note)


def open_run(qtbot, context, workshop_id: str) -> RunWindow:
    """The workshop's run window, shown and active, the keyboard in its capture box."""
    window = show_active(qtbot, RunWindow(context, workshop_id))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.capture.box)
    return window


def type_note(qtbot, window: RunWindow, text: str) -> None:
    box = window.capture.box
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def texts(window: RunWindow) -> list[str]:
    """The current step's notes, oldest first, as the store has them."""
    return [n.text for n in window.store.notes(window.session.workshop_id,
                                                window.session.step_key)]


def card_texts(window: RunWindow) -> list[str]:
    """What the board's cards show, in board order."""
    model = window.model
    return [model.index(r).data() for r in range(model.rowCount())
            if model.index(r).data(Qt.ItemDataRole.UserRole + 2) == "note"]


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def clashing_alt_letters(window) -> dict[str, list[str]]:
    """Alt+letters ``window`` gives to more than one visible control (its menus, labels of
    fields and buttons): each with the texts that claim it. Empty when none clash."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    owners: dict[str, list[str]] = {}
    texts = [a.text() for a in window.menuBar().actions()]
    texts += [w.text() for w in window.findChildren(QLabel) if w.buddy() and w.isVisible()]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    for text in texts:
        letter = re.search(r"&([^&])", text.replace("&&", ""))
        if letter:
            owners.setdefault(letter.group(1).lower(), []).append(text)
    return {k: v for k, v in owners.items() if len(v) > 1}
