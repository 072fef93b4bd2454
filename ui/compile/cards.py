"""The themes board's cards and columns: a theme's list of cards (dragging cards between
lists moves their notes), the filter box, and the delegate that draws a note as a sticky
card showing all of its text."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListView,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
)

from ui import focus_ring
from ui.note_drag import NOTE_IDS_MIME, dropped_note_ids, note_ids_mime

NOTE_ROLE = Qt.ItemDataRole.UserRole + 1  # the card's (first) note id
IDS_ROLE = Qt.ItemDataRole.UserRole + 2  # every note id of the card (a stack has several)
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3  # the card's words, folded, for the filter
#: Cards look like sticky notes (paper, edge, ink); a selected card is dark with white text.
CARD_COLOURS = {False: ("#fff6b8", "#d9cf7a", "#1a1a1a"), True: ("#1f5fa8", "#0b2f57", "white")}
CARD_PADDING = 5  # pixels between a card's edge and its text
LOOSE = ""  # the column of notes not yet in a theme


class NoteList(QListWidget):
    """A theme's cards. Dropping cards from another list asks to move those notes here."""

    notes_dropped = Signal(list, str)  # note ids, theme id ("" = no theme)
    focused = Signal(str)  # theme id: the keyboard came into this column

    def __init__(self, theme_id: str) -> None:
        super().__init__()
        self.theme_id = theme_id
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setMinimumWidth(240)
        self.setItemDelegate(CardDelegate(self))
        # The window's theme actions, on the Menu key, Shift+F10 or a right click.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Tabbing into a column makes a card current (not selected), so the focus shows."""
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                              Qt.FocusReason.MouseFocusReason):
            self.focused.emit(self.theme_id)  # the user moved here (not a window coming back)
        if self.count() and not self.currentIndex().isValid():
            self.selectionModel().setCurrentIndex(
                self.model().index(0, 0), self.selectionModel().SelectionFlag.NoUpdate)

    def selected_note_ids(self) -> list[str]:
        """The notes of the selected cards that are shown (a stack: all its notes), in the
        column's order; never the current card unless it is selected."""
        return [note_id for row in range(self.count())
                if (item := self.item(row)).isSelected() and not item.isHidden()
                for note_id in item.data(IDS_ROLE)]

    # Dragged cards carry their note ids, so a drop works from any list (or window).
    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [NOTE_IDS_MIME]

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt override
        return note_ids_mime([i for item in items for i in item.data(IDS_ROLE)])

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(NOTE_IDS_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        ids = dropped_note_ids(event.mimeData())
        if not ids or event.source() is self:
            event.ignore()
            return
        # The board redraws from the store after the command; Qt must not move items itself.
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        self.notes_dropped.emit(ids, self.theme_id)


class FilterBox(QLineEdit):
    """The board's filter. Escape empties it first (the window's Escape closes the board
    only once the filter is empty)."""

    def event(self, event) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride and self.text()
                and event.key() == Qt.Key.Key_Escape and not event.modifiers()):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class CardDelegate(QStyledItemDelegate):
    """Draws each note as a card showing all of its text, wrapped to the column's width as it
    is now (a scroll bar appearing narrows it), never cut short with "…"."""

    def text_rect(self, rect: QRect) -> QRect:
        return rect.adjusted(CARD_PADDING, CARD_PADDING, -CARD_PADDING, -CARD_PADDING)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt override
        view = self.parent()  # the card list it was made for
        width = (view.viewport().width() - 2 * view.spacing() if isinstance(view, QListView)
                 else option.rect.width())
        width = max(width, 4 * CARD_PADDING)
        text = self.text_rect(QRect(0, 0, width, 1_000_000))
        needed = option.fontMetrics.boundingRect(text, WRAP, index.data() or "")
        return QSize(width, needed.height() + 2 * CARD_PADDING)

    def paint(self, painter, option, index) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        paper, edge, ink = CARD_COLOURS[selected]
        painter.save()
        painter.setPen(QColor(edge))
        painter.setBrush(QColor(paper))
        painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        painter.setPen(QColor(ink))
        painter.drawText(self.text_rect(option.rect), WRAP, index.data() or "")
        if option.state & QStyle.StateFlag.State_HasFocus:  # the one focus ring's look
            pen = QPen(focus_ring.RING_ON_DARK if selected else focus_ring.RING,
                       focus_ring.WIDTH)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(2, 2, -3, -3))
        painter.restore()


WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)


def fold(text: str) -> str:
    """Lower case, accents dropped: what the filter compares."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def escape_markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
