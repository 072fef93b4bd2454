"""The board: the current step's notes as sticky cards, in groups, in a QListView.

Cards are painted by ``CardDelegate`` (``cards.py``; no widget per card), so a step with
thousands of notes opens fast and adding one stays cheap. Keys on the board:
1-4 tag the selected cards, 0 clears, F2 or Enter edits in place, Delete deletes,
Escape goes back to the capture box.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QPushButton,
)

from ui.run.board_model import (
    NOTE_ID_ROLE,
    BoardModel,
)
from ui.run.cards import CardDelegate


class BoardView(QListView):
    """The cards of the current step. Emits key requests; the window runs the commands.

    The newest card stays in view as notes are added, unless the user has scrolled away
    from the end: then a "New note ↓" button at the bottom goes back to it.
    """

    tag_key_pressed = Signal(int)  # 1-4, or 0 to clear
    escape_pressed = Signal()
    delete_pressed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("board")
        self.setAccessibleName("Notes on this step")
        self.setToolTip("The notes on this step. On a card: 1-4 tag it, F2 or Enter edits, "
                        "Delete deletes, Escape goes back to the capture box (F6 comes here)")
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # One pass: a batched layout let the view scroll to a new card before the batch
        # holding it was laid out, so with 2,000 notes the new card never came into view.
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.setSpacing(6)
        self.setUniformItemSizes(False)
        self.setMovement(QListView.Movement.Static)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setStyleSheet("QListView#board { background: #f6f7f9; border: none; }")
        self.delegate = CardDelegate(self)
        self.setItemDelegate(self.delegate)
        self._cards: BoardModel | None = None  # the model, once set
        self._saved_selection: list[str] = []
        self._saved_current = ""
        #: Was the board last scrolled to its end? Then new cards are followed.
        self.following = True
        self.new_note_marker = QPushButton("New note ↓", self.viewport())
        self.new_note_marker.setObjectName("newNoteMarker")
        self.new_note_marker.setAccessibleName("Go to the newest note")
        self.new_note_marker.setToolTip("A note was added below: show the newest cards")
        self.new_note_marker.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_note_marker.setStyleSheet(
            "QPushButton#newNoteMarker { background: #0b5cad; color: white; border: none;"
            " border-radius: 12px; padding: 4px 14px; font-weight: bold; }")
        self.new_note_marker.hide()
        self.new_note_marker.clicked.connect(self.show_newest)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        assert isinstance(model, BoardModel), "the board shows a step's cards"
        super().setModel(model)
        self._cards = model
        model.modelAboutToBeReset.connect(self._on_model_about_to_reset)
        model.modelReset.connect(self._on_model_reset)
        model.appended.connect(self._on_appended)
        self.setUniformItemSizes(not model.has_headers())

    def cards(self) -> BoardModel:
        """The board's model (``model()``, typed as what it is)."""
        assert self._cards is not None, "the board's model is set when the board is made"
        return self._cards

    # ------------------------------------------------------- the newest card
    def at_end(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _on_appended(self) -> None:
        if self.following:
            self.show_newest()
        else:
            self._place_marker()
            self.new_note_marker.show()
            self.new_note_marker.raise_()

    def show_newest(self) -> None:
        model = self.cards()
        if model.rowCount():
            self.scrollTo(model.index(model.rowCount() - 1),
                          QAbstractItemView.ScrollHint.PositionAtBottom)
        self.new_note_marker.hide()

    def show_top(self) -> None:
        """A step opens at its top, the first group's header in view (not scrolled past
        it to the newest card); the next note typed still brings the board to it."""
        self.scrollToTop()
        self.following = True
        self.new_note_marker.hide()

    def _on_scrolled(self, _value: int) -> None:
        """Scrolling (by the user, or to a card) decides whether new cards are followed."""
        self.following = self.at_end()
        if self.following:
            self.new_note_marker.hide()

    def _place_marker(self) -> None:
        marker, area = self.new_note_marker, self.viewport().rect()
        marker.adjustSize()
        marker.move(area.center().x() - marker.width() // 2, area.bottom() - marker.height() - 10)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_marker()

    # -------------------------------------------------------------- selection
    def selected_note_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        model = self.cards()
        ids = [model.index(r).data(NOTE_ID_ROLE) for r in rows]
        return [i for i in ids if i]

    def select_notes(self, note_ids: list[str], scroll: bool = True) -> None:
        """Select these cards (one selection of contiguous ranges: fast for 10,000)."""
        model = self.cards()
        rows = sorted(r for r in (model.row_of(i) for i in note_ids) if r >= 0)
        selection = QItemSelection()
        for top, bottom in _runs(rows):
            selection.select(model.index(top), model.index(bottom))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if rows:
            last = model.index(model.row_of(note_ids[-1])) if model.row_of(note_ids[-1]) >= 0 \
                else model.index(rows[-1])
            auto_scroll = self.hasAutoScroll()
            self.setAutoScroll(scroll and auto_scroll)  # (a new current card scrolls to it)
            self.selectionModel().setCurrentIndex(last, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.setAutoScroll(auto_scroll)
            if scroll:
                self.scrollTo(last)

    def _on_model_about_to_reset(self) -> None:
        self._saved_selection = self.selected_note_ids()
        current = self.currentIndex()
        self._saved_current = current.data(NOTE_ID_ROLE) if current.isValid() else ""

    def _on_model_reset(self) -> None:
        # Cards of one size (no group headers) are laid out without asking each its size.
        self.setUniformItemSizes(not self.cards().has_headers())
        self.select_notes(self._saved_selection, scroll=False)
        if self._saved_current:
            index = self.cards().index_of(self._saved_current)
            if index.isValid():
                self.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.NoUpdate)

    def dropEvent(self, event) -> None:  # noqa: N802
        """Always hand a drop to the model (QListView would try to reorder rows instead
        when a card is dropped between cards): dropping on a group regroups the cards."""
        QAbstractItemView.dropEvent(self, event)

    def changeEvent(self, event) -> None:  # noqa: N802
        """Cards are sized from the font: lay them out again when Ctrl +/- changes it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.delegate.forget_sizes()
            self.setUniformItemSizes(False)  # (forgets Qt's cached size too)
            self.setUniformItemSizes(self._cards is None or not self._cards.has_headers())
            self.scheduleDelayedItemsLayout()

    def focusInEvent(self, event) -> None:  # noqa: N802
        """Coming to the board with the keyboard selects the current card, so keys act on it."""
        super().focusInEvent(event)
        current = self.currentIndex()
        if current.isValid() and not self.selectionModel().hasSelection():
            self.selectionModel().select(current, QItemSelectionModel.SelectionFlag.Select)

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if plain and Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and self.state() != self.State.EditingState:
            self.tag_key_pressed.emit(key - Qt.Key.Key_0)
            return
        if key == Qt.Key.Key_Escape and self.state() != self.State.EditingState:
            self.escape_pressed.emit()
            return
        if key == Qt.Key.Key_Delete and plain:
            self.delete_pressed.emit()
            return
        if (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain
                and self.currentIndex().isValid()
                and self.edit(self.currentIndex(), self.EditTrigger.EditKeyPressed, event)):
            return
        super().keyPressEvent(event)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) of each run of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
