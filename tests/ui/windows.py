"""Showing windows in tests: the library window, shown and active, as a person would see it."""

from __future__ import annotations

from ui.main_window import MainWindow


def show_main_window(qtbot, context) -> MainWindow:
    """A library window over ``context``, shown and active (the ``main_window`` fixture)."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window
