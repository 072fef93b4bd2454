"""The library window's centre: the tree alone, until the welcome (an empty library) or the
banner saying the library file has gone is first wanted; then a column of the banner over a
stack of the tree and the welcome takes its place.

A library's first frame does without these widgets (a stacked widget, a box layout, a
label with its style sheet: ~3 ms of the start, with their PySide types)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

    from ui.gone_banner import GoneBanner
    from ui.library_watch import LibraryWatch


class Column(NamedTuple):
    stack: QStackedWidget
    banner: GoneBanner


def make_column(window: QMainWindow, tree: QWidget, watch: LibraryWatch) -> Column:
    """The column, in the place of ``tree`` (``window``'s central widget until now)."""
    from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

    from ui.gone_banner import GoneBanner

    had_focus = tree.hasFocus()
    window.takeCentralWidget()  # (kept: it goes in the stack)
    made = Column(QStackedWidget(), GoneBanner(watch))
    made.stack.addWidget(tree)
    centre = QWidget()
    layout = QVBoxLayout(centre)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(made.banner)
    layout.addWidget(made.stack, 1)
    window.setCentralWidget(centre)
    if window.isVisible():
        centre.show()  # (at once: a visible window would show it at the next turn of events)
    if had_focus:
        tree.setFocus()
    return made
