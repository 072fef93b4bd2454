"""What a screen reader reads, checked in-process through Qt's own QAccessible interfaces.

These are the interfaces Qt's Windows UI Automation and macOS accessibility bridges read
(and Qt's AT-SPI bridge on Linux), so a name that is wrong here is wrong for NVDA,
JAWS, VoiceOver and Orca alike.
"""

from __future__ import annotations

import re
from html import unescape

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QWidget,
)

#: Names that say what kind of thing a control is but not what it holds.
GENERIC = {
    "", "problem", "save status", "note", "step", "question", "prompt", "label", "button",
    "text", "value", "number", "status", "total attendance", "photo shown", "number of notes",
}


def name_of(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


def role_of(widget: QWidget):
    return QAccessible.queryAccessibleInterface(widget).role()


def plain(text: str) -> str:
    """A label's visible words: no markup, no mnemonic ampersands, spaces squeezed."""
    if re.search(r"<[a-zA-Z/][^>]*>", text):
        text = unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split())


def shown(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window()) and widget.isVisible()


def focusable(widget: QWidget) -> bool:
    return (shown(widget) and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            and widget.focusProxy() is None)


def problems(window: QWidget) -> list[str]:
    """Every focusable control with an empty or generic name and every label whose
    spoken name does not start with what it shows."""
    found = []
    for widget in [window, *window.findChildren(QWidget)]:
        if not shown(widget):
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        name = " ".join(name_of(widget).split())
        if isinstance(widget, QLabel):
            visible = plain(widget.text())
            if visible and not plain(name).casefold().startswith(visible.casefold()[:60]):
                found.append(f"{where}: shows {visible!r} but is named {name!r}")
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            visible = plain(widget.text())
            # A glyph (◀, +) is not a word a voice user says; the name says what it does.
            if any(c.isalnum() for c in visible) and not plain(name).casefold().startswith(visible.casefold()):
                found.append(f"{where}: shows {visible!r} but is named {name!r}")
        if focusable(widget):
            if name.casefold() in GENERIC:
                found.append(f"{where}: focusable but named {name!r}")
            if isinstance(widget, QAbstractScrollArea) and not isinstance(
                    widget, QAbstractItemView) and not name:
                found.append(f"{where}: an unnamed scroll area takes focus")
            if isinstance(widget, QAbstractItemView):
                found.extend(f"{where}: {cell}" for cell in nameless_cells(widget))
    return found


#: Roles of an item view's cells that a screen reader lands on.
CELL_ROLES = {QAccessible.Role.Cell, QAccessible.Role.ListItem, QAccessible.Role.TreeItem}


def nameless_cells(view: QAbstractItemView, limit: int = 200) -> list[str]:
    """The view's cells (the first ``limit``, as AT-SPI walks them) read as nothing: an
    empty cell should say what is missing ("No venue"), a cell under a spanned row its
    row's text."""
    face = QAccessible.queryAccessibleInterface(view)
    found = []
    for i in range(min(face.childCount(), limit)):
        cell = face.child(i)
        if cell is not None and cell.role() in CELL_ROLES and not cell.text(
                QAccessible.Text.Name).strip():
            found.append(f"cell {i} ({cell.role().name}) has no name")
    return found


def library_ops_setup(store, programme):
    """Something for the library-correcting windows to show beside the demo: a second
    programme to merge with, and a deleted workshop in Deleted items. Returns the second
    programme."""
    from facilitator import library_ops as ops
    from facilitator.models import Programme, Workshop

    second = store.add_programme(Programme("Rutland 2026", area="Rutland"))
    store.add_workshop(Workshop(second.id, "W1", "Older people?", "delivery-planning"))
    doomed = store.add_workshop(Workshop(second.id, "W9", "How can I help?", "delivery-planning"))
    ops.delete_workshop(store, doomed.id)
    return second
