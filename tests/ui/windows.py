"""Showing windows in tests, and dragging onto them: as a person would with the mouse."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import MainWindow

W = TypeVar("W", bound=QWidget)


def show_active(qtbot, window: W) -> W:
    """``window`` shown and active (closed with the test)."""
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def show_main_window(qtbot, context) -> MainWindow:
    """A library window over ``context``, shown and active (the ``main_window`` fixture)."""
    return show_active(qtbot, MainWindow(context))


def files_dragged(*paths: Path) -> QMimeData:
    """What a drag of ``paths`` from the file manager carries."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    return mime


def drag_enter(widget: QWidget, mime: QMimeData, action: Qt.DropAction,
               point: tuple[int, int]) -> QDragEnterEvent:
    """A drag of ``mime`` (left button) entering ``widget`` at ``point``: the event, accepted
    only if ``widget`` accepted it."""
    event = QDragEnterEvent(QPoint(*point), action, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    event.ignore()
    QApplication.sendEvent(widget, event)
    return event


def drop_on(widget: QWidget, mime: QMimeData, action: Qt.DropAction,
            point: tuple[int, int]) -> None:
    """Drag ``mime`` onto ``widget`` at ``point``, which must accept it, and drop it there."""
    assert drag_enter(widget, mime, action, point).isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(*point), action, mime,
                                              Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))
