"""How a card on the board looks and is edited in place: the step colours, the painted card
(text, tags, theme, table, count; no widget per card) and its editor.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QListView,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui import focus_ring
from ui.run.board_model import (
    COUNT_ROLE,
    HINT_ROLE,
    NOTE_ID_ROLE,
    TABLE_ROLE,
    TAG_ROLE,
    THEME_ROLE,
    BoardModel,
)

#: What Qt hands a delegate: an index, or a persistent one.
Index = QModelIndex | QPersistentModelIndex

#: Calm sticky-note colours, one per step (in step order, repeating).
STEP_COLOURS = ("#fff3b0", "#d7ecff", "#dcf5dc", "#fde2e4", "#ece4ff", "#ffe8cc")
INK = QColor("#1f2328")
MUTED = QColor("#57606a")
#: The bar down a selected card's left edge (selection, not focus: see _paint_card).
SELECTED_BAR = INK


def step_colour(index: int) -> QColor:
    return QColor(STEP_COLOURS[index % len(STEP_COLOURS)])


class CardEditor(QPlainTextEdit):
    """The in-place editor: Enter saves, Shift+Enter breaks the line, Escape cancels."""

    commit = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.commit.emit()
            return
        super().keyPressEvent(event)


class CardDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self.colour = step_colour(0)
        self._card_size: QSize | None = None  # from the font; forgotten when it changes
        #: Edits that could not be saved, by note id: the next editor starts with them.
        self.kept_text: dict[str, str] = {}

    # ---------------------------------------------------------------- sizes
    def card_size(self) -> QSize:
        if self._card_size is None:
            fm = QFontMetrics(self.view.font())
            self._card_size = QSize(fm.averageCharWidth() * 26 + 24, fm.height() * 5 + 28)
        return self._card_size

    def forget_sizes(self) -> None:
        self._card_size = None

    def sizeHint(self, option, index: Index) -> QSize:  # noqa: N802
        # Asked for every card on every layout (10,000 on a big step): kept cheap.
        if _is_header(index):
            fm = QFontMetrics(self.view.font())
            width = max(200, self.view.viewport().width() - 2 * self.view.spacing() - 4)
            return QSize(width, int(fm.height() * 2.2))
        return self._card_size or self.card_size()

    # ---------------------------------------------------------------- paint
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if _is_header(index):
            self._paint_header(painter, option, index)
        else:
            self._paint_card(painter, option, index)
        painter.restore()

    def _paint_header(self, painter: QPainter, option, index: Index) -> None:
        rect = option.rect.adjusted(2, 0, -2, -4)
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        painter.setFont(font)
        painter.setPen(INK)
        text = QFontMetrics(font).elidedText(  # a long theme label ends in "…", its count shown
            index.data(Qt.ItemDataRole.EditRole) or "", Qt.TextElideMode.ElideRight,
            max(40, rect.width() - QFontMetrics(font).horizontalAdvance("  (00000)")))
        count = index.data(COUNT_ROLE)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         f"{text}  ({count})")
        painter.setPen(QPen(QColor("#c8ccd1"), 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())

    def _paint_card(self, painter: QPainter, option, index: Index) -> None:
        rect = option.rect.adjusted(3, 3, -3, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 28))
        painter.drawRoundedRect(rect.translated(2, 2), 6, 6)
        # Selected is shown by a deeper card and a dark bar down its left edge; the one
        # focus ring (ui.focus_ring's colour and width) goes only round the current card
        # while the board has the keyboard, so selection never looks like focus.
        painter.setBrush(self.colour.darker(112) if selected else self.colour)
        painter.drawRoundedRect(rect, 6, 6)
        if selected:
            painter.setBrush(SELECTED_BAR)
            painter.drawRoundedRect(QRect(rect.left(), rect.top(), 7, rect.height()), 3, 3)
        if option.state & QStyle.StateFlag.State_HasFocus:
            pen = QPen(focus_ring.RING, focus_ring.WIDTH)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 6, 6)

        fm = QFontMetrics(option.font)
        inner = rect.adjusted(10, 8, -10, -8)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.85)
        table = self.table_text(index, small, inner.width())
        if table:
            painter.setFont(small)
            painter.setPen(MUTED)
            painter.drawText(inner, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, table)
            inner.setTop(inner.top() + QFontMetrics(small).height())
        # The group header already names one of them; the footer shows the other.
        by_tag = getattr(index.model(), "group_mode", "") == "tags"
        footer = index.data(THEME_ROLE) if by_tag else index.data(TAG_ROLE)
        hint = "" if footer else index.data(HINT_ROLE)
        if hint:  # a suggestion, not a tag: italic, on a dashed chip
            footer = f"→ {hint}"
            small.setItalic(True)
        if footer:
            painter.setFont(small)
            sfm = QFontMetrics(small)
            text = sfm.elidedText(footer, Qt.TextElideMode.ElideRight, inner.width() - 12)
            chip = QRect(inner.left(), inner.bottom() - sfm.height() - 2,
                         sfm.horizontalAdvance(text) + 12, sfm.height() + 4)
            painter.setPen(QPen(MUTED, 1, Qt.PenStyle.DashLine) if hint else Qt.PenStyle.NoPen)
            painter.setBrush(QColor(255, 255, 255, 200))
            painter.drawRoundedRect(chip, 8, 8)
            painter.setPen(INK)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
            inner.setBottom(chip.top() - 4)
        painter.setFont(option.font)
        painter.setPen(INK)
        lines = max(1, inner.height() // fm.lineSpacing())
        painter.setClipRect(inner.adjusted(0, 0, 0, 1))
        text = _fit(index.data() or "", fm, inner.width(), lines)
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                         | Qt.TextFlag.TextWordWrap, text)

    @staticmethod
    def table_text(index: Index, font: QFont, width: int) -> str:
        """The card's table label as drawn: its start kept ("Table 12 — Par…"), cut to fit."""
        table = index.data(TABLE_ROLE) or ""
        return QFontMetrics(font).elidedText(table, Qt.TextElideMode.ElideRight, width)

    # --------------------------------------------------------------- editing
    def createEditor(self, parent, option, index: Index):  # noqa: N802
        editor = CardEditor(parent)
        editor.setAccessibleName("Edit note")
        editor.setToolTip("Enter saves, Shift+Enter breaks the line, Escape cancels")
        editor.commit.connect(lambda: self._commit(editor))
        return editor

    def _commit(self, editor: CardEditor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, CardEditor), "made by createEditor"
        kept = self.kept_text.pop(index.data(NOTE_ID_ROLE) or "", None)
        editor.setPlainText(kept if kept is not None else index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, CardEditor), "made by createEditor"
        text = editor.toPlainText()
        if text.strip():
            model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index: Index) -> None:  # noqa: N802
        """Larger than the card, so a long note can be read whole while editing."""
        area = self.view.viewport().rect()
        rect = QRect(option.rect.topLeft(), QSize(option.rect.width() * 2,
                                                   option.rect.height() * 2))
        rect = rect.intersected(area) if rect.intersected(area).width() > 150 else option.rect
        if rect.right() > area.right():
            rect.moveRight(area.right())
        editor.setGeometry(rect)

    def eventFilter(self, editor, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab,
                                                                    Qt.Key.Key_Backtab):
            self._commit(editor)
            return True
        return super().eventFilter(editor, event)


def _fit(text: str, fm: QFontMetrics, width: int, lines: int) -> str:
    """Cut ``text`` so it fills at most ``lines`` wrapped lines, ending with … if cut."""
    rect = QRect(0, 0, width, fm.lineSpacing() * lines)
    flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    if fm.boundingRect(rect, flags, text).height() <= rect.height():
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if fm.boundingRect(rect, flags, text[:mid] + "…").height() <= rect.height():
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def _is_header(index: Index) -> bool:
    """Is this row a group's header (not a card)? Asked for every card on every layout."""
    model = index.model()
    return isinstance(model, BoardModel) and model.is_header(index.row())
