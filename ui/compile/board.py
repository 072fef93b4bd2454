"""View ▸ Themes across workshops…: one board with a step's notes from all the programme's
workshops (each card shows its workshop code). The officer creates, renames, merges and
splits themes and moves notes between them, by dragging or from the toolbar; every change
is one undoable command (the run screen's theme commands, plus merge).

Columns come in the report's order (raised at the most workshops, then the most notes);
near-duplicates in a column are one card with a count ("×3 at W1, W4, W6"), which moves as
one; a filter box hides the cards without its words. Every action works on the selected
cards (all the notes of a selected stack), never on the card that merely has the focus."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from facilitator.models import Theme
from facilitator.names import counted
from facilitator.transfer.compile import BoardColumn, ThemesBoard, step_choices, themes_board
from ui import focus_ring
from ui.announce import announce, tell
from ui.close_keys import add_close_keys
from ui.commands.base import CompositeCommand, push, undo_actions
from ui.commands.library_ops import DeleteItemsCommand
from ui.commands.notes import TagNotesCommand
from ui.commands.themes import CreateThemeCommand, RenameThemeCommand, SetNotesThemeCommand
from ui.compile.commands import MergeThemesCommand
from ui.context import AppContext
from ui.note_drag import NOTE_IDS_MIME, dropped_note_ids, note_ids_mime
from ui.programme_box import fill_programmes
from ui.sense.hints import HintWorker

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
        view = self.parent()
        width = view.viewport().width() - 2 * view.spacing() if view else option.rect.width()
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


class ThemesBoardWindow(QMainWindow):
    def __init__(
        self, context: AppContext, undo_stack, programme_id: str, step_key: str | None = None,
        report=None, parent=None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        #: The library's one history (``context.undo_stack``); ``undo_stack`` is kept for
        #: callers that pass it.
        self.undo_stack = undo_stack = undo_stack if undo_stack is not None else context.undo_stack
        self.report = report or (lambda exc: context.dialogs.error(self, "Themes", str(exc)))
        self.programme_id = programme_id
        self.board: ThemesBoard | None = None
        self.lists: dict[str, NoteList] = {}
        self.frames: dict[str, QFrame] = {}
        #: Support-area hints shown on the cards (note id -> AreaHint), while Ctrl+H is on.
        self.hints: dict = {}
        self._hinted: set[str] = set()  # notes the hints were worked out for
        self.hint_worker: HintWorker | None = None
        self.hint_status = ""
        self.current_theme_id = LOOSE
        add_close_keys(self)
        self._listening = False
        self.setObjectName("ThemesBoardWindow")
        self.resize(1200, 700)

        self.programme_box = QComboBox()
        self.programme_box.setObjectName("boardProgramme")
        self.programme_box.setAccessibleName("Programme")
        fill_programmes(self.programme_box, self.store, programme_id)
        self.step_box = QComboBox()
        self.step_box.setObjectName("boardStep")
        self.step_box.setAccessibleName("Step")
        self._fill_steps(step_key)
        self.programme_box.currentIndexChanged.connect(self._on_programme_changed)
        self.step_box.currentIndexChanged.connect(self._on_step_changed)

        self.target_box = QComboBox()
        self.target_box.setObjectName("targetTheme")
        self.target_box.setAccessibleName("Theme to move or merge into")
        self.target_box.setMinimumContentsLength(18)

        bar = QToolBar("Themes")
        bar.setObjectName("boardToolbar")
        self.addToolBar(bar)
        bar.addWidget(QLabel(" Programme: "))
        bar.addWidget(self.programme_box)
        bar.addWidget(QLabel(" Step: "))
        bar.addWidget(self.step_box)
        bar.addWidget(QLabel(" Filter: "))
        self.filter_box = FilterBox()
        self.filter_box.setObjectName("boardFilter")
        self.filter_box.setAccessibleName("Filter cards")
        self.filter_box.setPlaceholderText("Show only cards with these words")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMinimumWidth(220)
        self.filter_box.textChanged.connect(self.apply_filter)
        bar.addWidget(self.filter_box)
        self.addToolBarBreak()
        bar = QToolBar("Theme actions")
        bar.setObjectName("themeActions")
        self.addToolBar(bar)
        self.new_action = bar.addAction("&Group into theme…", self.new_theme)
        self.new_action.setShortcut(QKeySequence("Ctrl+G"))
        self.rename_action = bar.addAction("&Rename theme…", self.rename_theme)
        self.rename_action.setShortcuts([QKeySequence("F2"), QKeySequence("Ctrl+Shift+R")])
        self.ungroup_action = bar.addAction("Take &out of theme", self.ungroup_selected)
        self.ungroup_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        bar.addSeparator()
        bar.addWidget(QLabel(" Into: "))
        bar.addWidget(self.target_box)
        self.move_action = bar.addAction("&Move selected", self.move_selected)
        self.move_action.setShortcut(QKeySequence("Ctrl+M"))
        self.merge_action = bar.addAction("Mer&ge theme", self.merge_theme)
        self.merge_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.delete_action = bar.addAction("&Delete theme", self.delete_theme)
        self.delete_action.setShortcut(QKeySequence("Ctrl+Delete"))
        self.merge_into_action = bar.addAction("Merge &into…", self.merge_into)
        self.merge_into_action.setShortcut(QKeySequence("Ctrl+Alt+M"))
        self.merge_into_action.setToolTip(
            "Move every card of the selected cards' theme into another theme, chosen by "
            "typing in the theme picker, and remove the emptied theme (Ctrl+Alt+M)")
        bar.addSeparator()
        self.filter_action = QAction("&Filter cards", self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.filter_action.setToolTip("Show only the cards with the words typed in the Filter "
                                      "box; empty it to see every card again (Ctrl+Shift+F)")
        self.filter_action.triggered.connect(self.focus_filter)
        self.addAction(self.filter_action)
        self.stack_action = QAction("Stack &near-duplicates", self)
        self.stack_action.setCheckable(True)
        self.stack_action.setChecked(True)
        self.stack_action.setShortcut(QKeySequence("Ctrl+D"))
        self.stack_action.setToolTip(
            "Show notes that say the same thing in the same words as one card with a count "
            "(×3 at W1, W4, W6), moved as one; off: every note on its own card (Ctrl+D)")
        self.stack_action.toggled.connect(lambda _on: self.refresh())
        bar.addAction(self.stack_action)
        self.hint_action = QAction("Support-area &hints", self)
        self.hint_action.setCheckable(True)
        self.hint_action.setShortcut(QKeySequence("Ctrl+H"))
        self.hint_action.setToolTip(
            "On a step with support areas (HOW): show on each card not yet sorted the area "
            "it probably belongs to, worked out offline from the library's sorted notes "
            "(Ctrl+H)")
        self.hint_action.toggled.connect(self._on_hints_toggled)
        bar.addAction(self.hint_action)
        self.accept_hint_action = QAction("&Accept support area", self)
        self.accept_hint_action.setShortcuts([QKeySequence("Ctrl+Return"),
                                              QKeySequence("Ctrl+Enter")])
        self.search_action = bar.addAction("&Search notes…", self.search_notes)
        self.search_action.setShortcut(QKeySequence("Ctrl+F"))
        self.search_action.setToolTip("Find notes by their words; Enter opens one (Ctrl+F)")
        self.similar_action = bar.addAction("S&imilar notes…", self.similar_notes)
        self.similar_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.similar_action.setToolTip("The notes most like the selected card (Ctrl+Shift+S)")
        self.suggest_action = bar.addAction("S&uggest themes…", self.suggest_themes)
        self.suggest_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.suggest_action.setToolTip("Groups of similar notes not yet in a theme, worked out "
                                       "offline (Ctrl+Shift+U)")
        # The action plan (issue 11): a theme, or cards, become actions in one command.
        self.promote_action = bar.addAction("&Promote to action", self.promote_notes)
        self.promote_action.setShortcut(QKeySequence("Ctrl+K"))
        self.promote_theme_action = bar.addAction("Promote t&heme to action",
                                                  self.promote_theme)
        self.promote_theme_action.setShortcut(QKeySequence("Ctrl+Alt+K"))
        undo, redo = undo_actions(undo_stack, self, lambda exc: self.report(exc))
        bar.addAction(undo)
        bar.addAction(redo)
        for act, tip in (
            (self.new_action, "Put the selected cards under a theme: type to find one, or a "
             "new theme's name (Ctrl+G)"),
            (self.rename_action, "Rename the theme of the selected cards (F2 or Ctrl+Shift+R)"),
            (self.ungroup_action, "Take the selected cards out of their theme (Ctrl+Shift+G)"),
            (self.move_action, "Move the selected cards into the theme chosen in 'Into' "
             "(Ctrl+M); you can also drag them"),
            (self.merge_action, "Move every card of the selected cards' theme into the theme "
             "chosen in 'Into', and remove the emptied theme (Ctrl+Shift+M)"),
            (self.promote_action, "Make each selected card an action in the action plan "
             "(Ctrl+K)"),
            (self.promote_theme_action, "Make the selected cards' theme one action in the "
             "action plan, linked to all its notes (Ctrl+Alt+K)"),
            (self.accept_hint_action, "Sort the selected cards under the support area their "
             "hint names, one change that Ctrl+Z undoes (Ctrl+Enter)"),
            (self.delete_action, "Delete the selected cards' theme: its cards go back to 'Not "
             "in a theme yet' until it is restored from Deleted items or undone (Ctrl+Delete)"),
        ):
            act.setToolTip(tip)
            act.setStatusTip(tip)
        # Every toolbar action is also in a menu (toolbar buttons take no focus) and on
        # each column's context menu (Menu key, Shift+F10).
        self.accept_hint_action.triggered.connect(self.accept_hints)
        self.card_actions = [self.new_action, self.rename_action, self.ungroup_action,
                             self.move_action, self.merge_action, self.merge_into_action,
                             self.promote_action, self.promote_theme_action,
                             self.accept_hint_action, self.similar_action, self.delete_action]
        menu = QMenu("&Themes", self)
        menu.setObjectName("themesMenu")
        for act in self.card_actions:
            menu.addAction(act)
        menu.addAction(self.suggest_action)
        menu.addSeparator()
        menu.addAction(self.filter_action)
        menu.addAction(self.stack_action)
        menu.addAction(self.hint_action)
        menu.addAction(self.search_action)
        menu.addSeparator()
        menu.addAction(undo)
        menu.addAction(redo)
        self.menuBar().addMenu(menu)
        self.themes_menu = menu
        context_key = QAction("Actions on the selected cards", self)
        context_key.setShortcut(QKeySequence("Shift+F10"))
        context_key.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        context_key.triggered.connect(self.show_card_menu)
        self.addAction(context_key)
        #: A note to put the focus on when the board is rebuilt (the card just moved).
        self._focus_note: str | None = None

        self.columns_widget = QWidget()
        self.columns_layout = QHBoxLayout(self.columns_widget)
        self.columns_layout.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.columns_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        scroll = QScrollArea()
        scroll.setObjectName("themeColumns")
        scroll.setAccessibleName("Theme columns")
        # Not a Tab stop of its own: Tab goes from column to column.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.columns_widget)
        self.setCentralWidget(scroll)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.refresh()

    # --------------------------------------------------------------- building
    @property
    def step_key(self) -> str:
        return self.step_box.currentData() or ""

    def _fill_steps(self, wanted: str | None) -> None:
        self.step_box.blockSignals(True)
        self.step_box.clear()
        for key, title in step_choices(self.store, self.programme_id):
            self.step_box.addItem(title, key)
        index = self.step_box.findData(wanted) if wanted else 0
        self.step_box.setCurrentIndex(max(0, index))
        self.step_box.blockSignals(False)

    def refresh(self) -> None:
        selected = {k: lst.selected_note_ids() for k, lst in self.lists.items()}
        # Where the keyboard was, so the rebuild does not throw it to the Programme box.
        focused = QApplication.focusWidget()
        was_in = next((k for k, lst in self.lists.items() if lst is focused), None)
        keep_note, keep_row = self._focus_note, -1
        if was_in is not None:
            current = self.lists[was_in].currentItem()
            keep_row = self.lists[was_in].currentRow()
            if keep_note is None and current is not None:
                keep_note = current.data(NOTE_ROLE)
        self._focus_note = None
        while self.columns_layout.count():
            widget = self.columns_layout.takeAt(0).widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.lists = {}
        self.frames = {}
        title = self.programme_box.currentText()
        self.setWindowTitle(f"Themes across workshops — {title} — {self.step_box.currentText()}")
        if not self.step_key:
            self.board = None
            self.status_label.setText("This programme's workshops have no steps yet.")
            return
        self.board = themes_board(self.store, self.programme_id, self.step_key)
        for column in self.board.columns:
            self.columns_layout.addWidget(self._column_widget(column, selected))
        self._fill_targets()
        self.apply_filter()
        if self.hint_action.isChecked():
            self._start_hints()
        if was_in is not None or keep_note is not None:
            self._restore_focus(keep_note, was_in, keep_row)

    def _restore_focus(self, note_id: str | None, theme_id: str | None, row: int) -> None:
        """Focus the card ``note_id`` wherever it now is, else its old column's neighbour."""
        for notes in self.lists.values():
            for r in range(notes.count()):
                if note_id is not None and note_id in notes.item(r).data(IDS_ROLE):
                    notes.setFocus(Qt.FocusReason.OtherFocusReason)
                    notes.selectionModel().setCurrentIndex(
                        notes.model().index(r, 0), notes.selectionModel().SelectionFlag.NoUpdate)
                    return
        notes = self.lists.get(theme_id) if theme_id is not None else None
        if notes is None:
            notes = self.lists.get(LOOSE) or next(iter(self.lists.values()), None)
        if notes is None:
            return
        notes.setFocus(Qt.FocusReason.OtherFocusReason)
        if notes.count():
            r = min(max(row, 0), notes.count() - 1)
            notes.selectionModel().setCurrentIndex(
                notes.model().index(r, 0), notes.selectionModel().SelectionFlag.NoUpdate)

    def show_card_menu(self) -> None:
        """The context menu of the focused column, at its current card (Shift+F10)."""
        notes = QApplication.focusWidget()
        if not isinstance(notes, NoteList):
            notes = self.lists.get(self.current_theme_id)
        if notes is None:
            return
        rect = notes.visualRect(notes.currentIndex()) if notes.currentIndex().isValid() \
            else notes.rect()
        self.card_menu().popup(notes.viewport().mapToGlobal(rect.center()))

    def card_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("cardMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for act in self.card_actions:
            menu.addAction(act)
        return menu

    def _column_widget(self, column: BoardColumn, selected: dict) -> QFrame:
        theme_id = column.theme.id if column.theme else LOOSE
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setFixedWidth(280)
        layout = QVBoxLayout(frame)
        label = column.theme.label if column.theme else "Not in a theme yet"
        cards = self._cards(column)
        different = (f" ({len(cards)} different)"
                     if len(cards) < len(column.notes) else "")
        header = QLabel(f"<b>{_escape(label)}</b><br>{counted(len(column.notes), 'note')}{different}, "
                        f"{self.board.raised_at(column)}")
        header.setWordWrap(True)
        header.setObjectName(f"header_{theme_id or 'loose'}")
        notes = NoteList(theme_id)
        notes.setObjectName(f"notes_{theme_id or 'loose'}")
        notes.setAccessibleName(f"Notes in {label}")
        notes.addActions(self.card_actions)
        folded_label = fold(column.theme.label) if column.theme else ""
        for stack in cards:
            note = stack[0]
            codes = list(dict.fromkeys(self.board.code(n.workshop_id) for n in stack))
            where = (f"×{len(stack)} at {', '.join(codes)}" if len(stack) > 1 else codes[0])
            tags = self.board.tags_of(note)  # HOW: the support area, as the report files it
            hint = self.hints.get(note.id) if not tags else None
            item = QListWidgetItem(f"{where} · {note.text}" + (f"\n[{', '.join(tags)}]" if tags else "")
                                   + (f"\n→ {hint.text}" if hint else ""))
            item.setData(NOTE_ROLE, note.id)
            item.setData(IDS_ROLE, [n.id for n in stack])
            item.setData(FILTER_ROLE, " ".join([folded_label, *(fold(n.text) for n in stack)]))
            tip = "\n".join(
                f"{self.board.code(n.workshop_id)}"
                f"{' · ' + n.table_label if n.table_label else ''}: {n.text}" for n in stack)
            item.setToolTip(tip if len(stack) > 1 else
                            f"{where}{' · ' + note.table_label if note.table_label else ''}\n"
                            f"{note.text}")
            notes.addItem(item)
            if note.id in selected.get(theme_id, []):
                item.setSelected(True)
        notes.notes_dropped.connect(self._on_notes_dropped)
        notes.itemSelectionChanged.connect(lambda t=theme_id: self._on_column_focused(t))
        notes.focused.connect(self._on_column_entered)
        self.lists[theme_id] = notes
        self.frames[theme_id] = frame
        layout.addWidget(header)
        layout.addWidget(notes, 1)
        return frame

    def _fill_targets(self) -> None:
        current = self.target_box.currentData()
        self.target_box.clear()
        for column in self.board.columns:
            if column.theme is not None:
                self.target_box.addItem(column.theme.label, column.theme.id)
        self.target_box.addItem("(no theme)", LOOSE)
        index = self.target_box.findData(current)
        self.target_box.setCurrentIndex(max(0, index))

    def _cards(self, column: BoardColumn) -> list[list]:
        """The column's notes as cards: near-duplicates stacked (Ctrl+D turns it off)."""
        if not self.stack_action.isChecked() or len(column.notes) < 2:
            return [[note] for note in column.notes]
        from facilitator.sense.duplicates import stacks  # rapidfuzz: only when the board opens

        return [[column.notes[i] for i in members]
                for members in stacks([n.text for n in column.notes])]

    def focus_filter(self) -> None:
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def apply_filter(self, *_args) -> None:
        """Show only the cards with every word typed in the filter (in the card's notes or
        its theme's name; capitals and accents ignored), and only columns with such cards.
        A hidden card is unselected, so an action never reaches a card you cannot see."""
        wanted = fold(self.filter_box.text()).split()
        shown = total = 0
        for theme_id, notes in self.lists.items():
            visible = 0
            for row in range(notes.count()):
                item = notes.item(row)
                hide = bool(wanted) and not all(w in item.data(FILTER_ROLE) for w in wanted)
                if hide and item.isSelected():
                    item.setSelected(False)
                item.setHidden(hide)
                visible += not hide
                total += 1
            shown += visible
            frame = self.frames.get(theme_id)
            if frame is not None:
                frame.setVisible(not wanted or visible > 0)
        if self.board is None:
            return
        themes = len(self.board.columns) - 1
        notes = sum(len(c.notes) for c in self.board.columns)
        text = (f"{counted(notes, 'note')} from {counted(len(self.board.counted), 'workshop')}; "
                f"{counted(themes, 'theme')}")
        if wanted:
            text += f" — the filter shows {shown} of {total} cards"
        if self.hint_status and self.hint_action.isChecked():
            text += f" — {self.hint_status}"
        self.status_label.setText(text)

    # ---------------------------------------------------------- area hints
    def _on_hints_toggled(self, on: bool) -> None:
        if not on:
            self.hints, self._hinted, self.hint_status = {}, set(), ""
        self.refresh()

    def _start_hints(self) -> None:
        """Work out hints for the step's unsorted notes that have none yet (in the
        background; the cards show them when they are ready)."""
        from facilitator.sense.areas import hint_inputs

        if self.hint_worker is not None and self.hint_worker.isRunning():
            return
        vocabulary, untagged, tagged = hint_inputs(self.store, self.programme_id, self.step_key)
        if vocabulary is None:
            self.hint_status = "this step has no support areas to hint"
            self.apply_filter()
            return
        todo = [n for n in untagged if n.id not in self._hinted]
        if not todo:
            return
        self._hinted.update(n.id for n in todo)
        self.hint_status = "working out support-area hints…"
        self.apply_filter()
        self.hint_worker = HintWorker(todo, tagged, vocabulary, self)
        self.hint_worker.done.connect(self._on_hints_done)
        self.hint_worker.failed.connect(self._on_hints_failed)
        self.hint_worker.start()

    def _on_hints_done(self, hints: dict, model_name: str, notice: str) -> None:
        if not self.hint_action.isChecked():
            return
        self.hints.update(hints)
        self.hint_status = (f"support-area hints on {len(self.hints)} cards, from the "
                            f"library's sorted notes ({model_name})"
                            + (f". {notice}" if notice else ""))
        self.refresh()

    def _on_hints_failed(self, text: str) -> None:
        self.hint_status = f"no support-area hints: {text}"
        self.apply_filter()

    def accept_hints(self) -> None:
        """Sort each selected card under the area its hint names: one undoable change."""
        ids = [i for i in self.selected_note_ids() if i in self.hints]
        if not ids:
            tell(self, "Select cards that show a support-area hint (Ctrl+H shows them).", 5000)
            return
        by_tag: dict[str, list[str]] = {}
        for note_id in ids:
            by_tag.setdefault(self.hints[note_id].tag_key, []).append(note_id)
        parts = [TagNotesCommand(self.store, group, tag, self.hints[group[0]].tag_label)
                 for tag, group in by_tag.items()]
        command = parts[0] if len(parts) == 1 else CompositeCommand(
            f"Sort {len(ids)} notes under their hinted support areas", self.store, parts)
        self._focus_note = ids[0]
        if self._run(command):
            first = self.hints[ids[0]]
            announce(self, f"Sorted {len(ids)} note{'s' if len(ids) != 1 else ''} under "
                     + (first.tag_label if len(parts) == 1 else "their hinted areas"))

    # ---------------------------------------------------------------- helpers
    def selected_note_ids(self) -> list[str]:
        """The notes of the selected cards (only one column holds a selection)."""
        notes = self.lists.get(self.current_theme_id)
        return notes.selected_note_ids() if notes else []

    def select_notes(self, theme_id: str, note_ids: list[str]) -> None:
        """Select cards in one column (as a click or Ctrl+click would)."""
        notes = self.lists[theme_id]
        notes.clearSelection()
        for row in range(notes.count()):
            item = notes.item(row)
            item.setSelected(any(i in note_ids for i in item.data(IDS_ROLE)))
        self.current_theme_id = theme_id

    def column_texts(self) -> dict[str, list[str]]:
        """Theme label (or "" for no theme) -> card texts, as shown."""
        out = {}
        for column in self.board.columns if self.board else []:
            key = column.theme.label if column.theme else ""
            notes = self.lists[column.theme.id if column.theme else LOOSE]
            out[key] = [notes.item(r).text() for r in range(notes.count())]
        return out

    def _run(self, command) -> bool:
        try:
            push(self.undo_stack, command, self.report)
        except Exception as exc:  # noqa: BLE001 - ValidationError, LibraryError: shown
            self.report(exc)
            return False
        return True

    # ---------------------------------------------------------------- actions
    def new_theme(self) -> None:
        """Put the selected cards under a theme chosen in the picker, or a new one named
        there (splitting them off their theme)."""
        from facilitator.sense.themes_match import theme_entries

        ids = self.selected_note_ids()
        entries = theme_entries(self.store, self.programme_id, self.step_key)
        prompt = (f"Put {len(ids)} selected notes under which theme? Type to find one, or "
                  "a new theme's name:" if ids else "Name the new theme:")
        choice = self.context.dialogs.pick_theme(
            self, "Group into a theme", prompt, entries,
            rename=lambda theme_id, label: self._run(
                RenameThemeCommand(self.store, theme_id, label)))
        if choice is None:
            return
        if choice.theme_id is not None:
            if ids:
                self._move(ids, choice.theme_id)
        elif choice.new_label:
            theme = Theme(self.programme_id, self.step_key, choice.new_label)
            self._run(CreateThemeCommand(self.store, theme, ids))

    def similar_notes(self) -> None:
        from ui.sense import show_similar

        ids = self.selected_note_ids()
        if not ids:
            self.statusBar().showMessage("Select a card first.", 4000)
            return
        show_similar(self, self.context, self.programme_id, ids[0])

    def suggest_themes(self) -> None:
        from ui.sense import show_suggestions

        show_suggestions(self, self.context, self._run, self.undo_stack, self.programme_id,
                         self.step_key)

    def search_notes(self) -> None:
        from ui.sense import show_search

        show_search(self, self.context, self.programme_id)

    def ungroup_selected(self) -> None:
        ids = [i for i in self.selected_note_ids() if self.current_theme_id]
        if ids:
            self._move(ids, LOOSE)

    def promote_notes(self) -> None:
        """Each selected card becomes an action (Ctrl+K)."""
        from ui.actions.promote import promote_notes

        ids = self.selected_note_ids()
        if not ids:
            tell(self, "Select the cards to promote to actions first.", 4000)
            return
        promote_notes(self, self.context, self._run, self.programme_id,
                      self.store.get_notes(ids))

    def promote_theme(self) -> None:
        """The current theme becomes one action, linked to all its notes (Ctrl+Alt+K)."""
        from ui.actions.promote import promote_theme

        if not self.current_theme_id:
            tell(self, "Choose a note in the theme to promote first.", 4000)
            return
        promote_theme(self, self.context, self._run, self.programme_id, self.current_theme_id)

    def rename_theme(self) -> None:
        if not self.current_theme_id:
            tell(self, "Choose a note in the theme to rename first.", 4000)
            return
        theme = self.store.get_theme(self.current_theme_id)
        label = self.context.dialogs.ask_text(self, "Rename theme", "Theme:", theme.label)
        if label and label.strip() and label.strip() != theme.label:
            self._run(RenameThemeCommand(self.store, theme.id, label.strip()))

    def delete_theme(self) -> None:
        """Delete the current theme (to Deleted items): its cards show as not in a theme
        until it is restored there, or the deletion is undone."""
        if not self.current_theme_id:
            tell(self, "Choose a note in the theme to delete first.", 4000)
            return
        theme = self.store.get_theme(self.current_theme_id)
        command = DeleteItemsCommand(self.store, [("theme", theme.id, f"“{theme.label}”")])
        if self._run(command):
            self.current_theme_id = None
            announce(self, f"Deleted theme {theme.label}. Undo (Ctrl+Z) or Deleted items in "
                     "the main window brings it back.")

    def move_selected(self) -> None:
        ids = self.selected_note_ids()
        if ids:
            self._move(ids, self.target_box.currentData() or LOOSE)

    def merge_theme(self) -> None:
        """Merge the current theme into the theme chosen in the 'Into' box."""
        target = self.target_box.currentData()
        if not self.current_theme_id or not target or target == self.current_theme_id:
            tell(self,
                "Choose a note in the theme to merge, and another theme in 'Into'.", 5000)
            return
        moving = self.selected_note_ids()
        self._focus_note = moving[0] if moving else None
        if self._run(MergeThemesCommand(self.store, self.current_theme_id, target)):
            self.current_theme_id = target
            announce(self, f"Merged into {self.target_box.currentText()}")

    def merge_into(self) -> None:
        """Merge the current theme into another one chosen in the theme picker."""
        from facilitator.sense.themes_match import theme_entries

        if not self.current_theme_id:
            self.statusBar().showMessage("Choose a note in the theme to merge first.", 5000)
            return
        source = self.store.get_theme(self.current_theme_id)
        entries = [e for e in theme_entries(self.store, self.programme_id, self.step_key)
                   if e.id != source.id]
        choice = self.context.dialogs.pick_theme(
            self, "Merge theme", f"Merge ‘{source.label}’ into which theme?", entries,
            allow_new=False)
        if choice is not None and choice.theme_id:
            self._run(MergeThemesCommand(self.store, source.id, choice.theme_id))

    def _move(self, ids: list[str], theme_id: str) -> None:
        self._focus_note = ids[0] if ids else None
        if self._run(SetNotesThemeCommand(self.store, ids, theme_id or None)):
            self.current_theme_id = theme_id
            where = self.target_box.itemText(self.target_box.findData(theme_id or LOOSE))
            announce(self, f"Moved {len(ids)} note{'s' if len(ids) != 1 else ''} to {where}")
        else:
            self._focus_note = None

    # ----------------------------------------------------------------- events
    def _on_notes_dropped(self, ids: list, theme_id: str) -> None:
        self._move(list(ids), theme_id)

    def _on_column_entered(self, theme_id: str) -> None:
        """The keyboard came into a column: its selection (perhaps none) is the one actions
        use, so the other columns' cards are unselected (a move never takes cards from a
        column you have left)."""
        if theme_id not in self.lists:
            return
        self.current_theme_id = theme_id
        for other_id, other in self.lists.items():
            if other_id != theme_id and other.selectedItems():
                other.clearSelection()

    def _on_column_focused(self, theme_id: str) -> None:
        """Cards selected in one column unselect those of every other column, so what is
        highlighted is exactly what an action moves."""
        if theme_id in self.lists and self.lists[theme_id].selectedItems():
            self.current_theme_id = theme_id
            for other_id, other in self.lists.items():
                if other_id != theme_id and other.selectedItems():
                    other.clearSelection()

    def show_programme(self, programme_id: str, step_key: str | None = None) -> None:
        """Show another programme (and step) in this board, e.g. when it is opened again."""
        fill_programmes(self.programme_box, self.store, programme_id)
        self.programme_id = self.programme_box.currentData() or programme_id
        self._fill_steps(step_key)
        self.current_theme_id = LOOSE
        self.refresh()

    def _on_programme_changed(self, *_args) -> None:
        self.programme_id = self.programme_box.currentData()
        self._fill_steps(self.step_key)
        self.refresh()

    def _on_step_changed(self, *_args) -> None:
        self.current_theme_id = LOOSE
        self.refresh()

    def _on_themes_changed(self, *_ids) -> None:
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._listening:
            self.store.events.themes_changed.connect(self._on_themes_changed)
            self.store.events.notes_changed.connect(self._on_themes_changed)
            self._listening = True
            self.refresh()
        super().showEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.hint_worker is not None:
            self.hint_worker.wait(10_000)
        if self._listening:
            self.store.events.themes_changed.disconnect(self._on_themes_changed)
            self.store.events.notes_changed.disconnect(self._on_themes_changed)
            self._listening = False
        super().closeEvent(event)


def fold(text: str) -> str:
    """Lower case, accents dropped: what the filter compares."""
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
