"""One focus ring for the whole application, the same on every control.

Styles draw focus differently per control (Fusion gives a focused default button the same
outline as an unfocused one, a line edit only its caret, a list nothing until a card is
current), and the step list and board draw their selection with a ring of their own. So
the focus is drawn once, by this: a thin window-wide overlay that follows
``QApplication.focusChanged`` and draws a 3-pixel ring in a dark blue (#0b5cad, over 6:1
against white and the light panels; against the dark presenter it is drawn light), just
outside the focused control, clipped to the part of it that shows. Nothing is drawn while
typing: it moves only when the focus does.

The ring is a ``QFocusFrame`` (Qt's own widget for a frame outside a control: it lets the
mouse through and never takes the focus) showing its background, in the ring's colour, only
in a 3-pixel band along its edges (a mask). So nothing here names one of Qt's ``Qt.*``
enums: the first frame already shows a ring around the library tree, and naming any of them
makes PySide build its whole ``Qt`` namespace (~15 ms, before the first frame).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor, QPalette, QRegion
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget

RING = QColor("#0b5cad")
RING_ON_DARK = QColor("#ffd34d")
WIDTH = 3


class FocusRing(QFocusFrame):
    """The overlay: a child of the focused control's window, on top of everything in it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)  # (transparent for the mouse, no focus: QFocusFrame's own)
        self.setObjectName("focusRing")
        self.setAccessibleName("")
        self.setAutoFillBackground(True)
        self.set_colour(RING)
        self.hide()

    def set_colour(self, colour: QColor) -> None:
        self.colour = colour
        palette = self.palette()
        if palette.color(QPalette.ColorRole.Window) != colour:
            palette.setColor(QPalette.ColorRole.Window, colour)
            self.setPalette(palette)

    def set_area(self, area: QRect) -> None:
        """Ring ``area`` (the window's coordinates): a band ``WIDTH`` pixels wide along its
        edges, the rest of it left to show what is under it."""
        self.setGeometry(area)
        whole = QRect(0, 0, area.width(), area.height())
        inside = whole.adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH)
        self.setMask(QRegion(whole).subtracted(QRegion(inside)))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        pass  # the background, in the ring's colour, shows through the mask: nothing to draw


class FocusRings(QObject):
    """Puts the ring around whatever has the keyboard focus, in any window."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._widget: QWidget | None = None
        #: The ring last shown (forgotten when its window goes), hidden when focus moves
        #: to another window.
        self._shown: FocusRing | None = None
        #: Each window's ring, by the window's id (kept here, not looked up: the first
        #: ``findChild``/``children`` call costs PySide ~10 ms, which start-up paid).
        self._rings: dict[int, FocusRing] = {}
        app.focusChanged.connect(self._on_focus_changed)

    def _ring(self, window: QWidget) -> FocusRing:
        key = id(window)
        ring = self._rings.get(key)
        if ring is None or not shiboken6.isValid(ring) or ring.parent() is not window:
            ring = FocusRing(window)
            self._rings[key] = ring
            ring.destroyed.connect(lambda *_args: self._rings.pop(key, None))
        return ring

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        # Focus leaving for nowhere is what a window being closed or destroyed sends, from
        # inside its destructor: touch nothing then (asking a dying widget for its window
        # crashed the process). A filter left on a widget that lost the focus is harmless:
        # ``eventFilter`` only acts for the current one.
        if new is None or isinstance(new, FocusRing) or new.isWindow() and not new.children():
            return
        shown = self._shown
        if shown is not None and shiboken6.isValid(shown) and shown.parent() is not new.window():
            shown.hide()
        self._widget = new
        new.installEventFilter(self)
        self.place(new)

    def _hide(self, widget: QWidget) -> None:
        window = widget.window()
        ring = self._rings.get(id(window))
        if ring is not None and shiboken6.isValid(ring) and ring.parent() is window:
            ring.hide()

    def place(self, widget: QWidget) -> None:
        window = widget.window()
        if widget is window or not widget.isVisible():
            self._hide(widget)
            return
        ring = self._ring(window)
        shown = widget.visibleRegion().boundingRect()
        if shown.isEmpty():
            ring.hide()
            return
        top_left = widget.mapTo(window, shown.topLeft())
        area = QRect(top_left, shown.size()).adjusted(-WIDTH, -WIDTH, WIDTH, WIDTH)
        ring.set_colour(RING_ON_DARK if widget.palette().window().color().lightness() < 96
                        and window.palette().window().color().lightness() < 96 else RING)
        ring.set_area(area.intersected(window.rect()))
        if ring is not self._shown:
            self._shown = ring
            ring.destroyed.connect(self._forget)
        ring.show()
        ring.raise_()
        ring.update()

    def _forget(self, *_args) -> None:
        self._shown = None

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # Not on Hide: a window being destroyed hides its children from inside its
        # destructor, and looking at their window then crashed the process. A widget that
        # is hidden while focused loses the focus, which moves the ring anyway.
        widget = self._widget
        if widget is not None and watched is widget and event.type() in (
                QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
            self.place(widget)
        return False


_installed: FocusRings | None = None


def install(app: QApplication) -> FocusRings:
    """Once per application (create_application calls it)."""
    global _installed
    if _installed is None or not shiboken6.isValid(_installed) or _installed.parent() is not app:
        _installed = FocusRings(app)
    return _installed
