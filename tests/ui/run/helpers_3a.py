"""Helpers for the run window tests: open a workshop, type into the capture box, press keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.models import Programme, Workshop
from ui.run.window import RunWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def make_workshop(store, format_key: str = "delivery-planning", code: str = "W2") -> Workshop:
    programme = store.find_programme("Delivery planning 2015") or store.add_programme(
        Programme("Delivery planning 2015", area="Leicestershire"))
    return store.add_workshop(
        Workshop(programme.id, code, "How can I help and support older people?", format_key))


def open_run(qtbot, context, workshop_id: str) -> RunWindow:
    window = RunWindow(context, workshop_id)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
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
