"""Windows open no larger than the screen they are on: a 1366 x 768 laptop with a taskbar
has about 728 pixels of height, and a window taller than that hides its status bar
("All changes saved at …") under the taskbar or off the screen."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room for the title bar and frame the window manager adds around a window.
FRAME = (16, 40)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` x ``height``, or less if its screen is smaller,
    and keep it inside the screen's free area (not under the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        widget.resize(width, height)
        return
    area = screen.availableGeometry()
    size_w = max(200, min(width, area.width() - FRAME[0]))
    size_h = max(200, min(height, area.height() - FRAME[1]))
    widget.resize(size_w, size_h)
    if widget.isWindow():
        x = min(max(widget.x(), area.left()), area.right() - size_w - FRAME[0] + 1)
        y = min(max(widget.y(), area.top()), area.bottom() - size_h - FRAME[1] + 1)
        widget.move(max(area.left(), x), max(area.top(), y))
