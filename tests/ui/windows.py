"""Showing windows in tests: a window shown and active, as a person would see it."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

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
