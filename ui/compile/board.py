"""View ▸ Themes across workshops…: one board with a step's notes from all the programme's
workshops (each card shows its workshop code). The officer creates, renames, merges and
splits themes and moves notes between them, by dragging or from the toolbar; every change
is one undoable command (the run screen's theme commands, plus merge).

Columns come in the report's order (raised at the most workshops, then the most notes);
near-duplicates in a column are one card with a count ("×3 at W1, W4, W6"), which moves as
one; a filter box hides the cards without its words. Every action works on the selected
cards (all the notes of a selected stack), never on the card that merely has the focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QMainWindow,
    QMenu,
    QScrollArea,
    QToolBar,
    QWidget,
)

from facilitator.store import action_plan as plan_sql
from facilitator.transfer.compile import ThemesBoard, themes_board
from ui.close_keys import add_close_keys
from ui.compile.board_actions import build_actions
from ui.compile.cards import (
    IDS_ROLE,
    LOOSE,
    NOTE_ROLE,
    FilterBox,
    NoteList,
)
from ui.compile.changes import ThemeChanges
from ui.compile.columns import BoardColumns
from ui.compile.hints import BoardHints
from ui.context import AppContext
from ui.programme_box import fill_programmes, fill_steps
from ui.sense.hints import HintWorker

__all__ = ["IDS_ROLE", "NOTE_ROLE", "NoteList", "ThemesBoardWindow"]


class ThemesBoardWindow(ThemeChanges, BoardHints, BoardColumns, QMainWindow):
    # Set by build_actions (board_actions.py): the toolbar's and Themes menu's actions.
    new_action: QAction
    rename_action: QAction
    ungroup_action: QAction
    move_action: QAction
    merge_action: QAction
    delete_action: QAction
    merge_into_action: QAction
    filter_action: QAction
    stack_action: QAction
    hint_action: QAction
    accept_hint_action: QAction
    promote_action: QAction
    promote_theme_action: QAction
    search_action: QAction
    similar_action: QAction
    suggest_action: QAction
    themes_menu: QMenu
    #: The actions the cards' context menu (Shift+F10) offers.
    card_actions: list[QAction]

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

        self.filter_box = self._build_filter_box()
        self._build_toolbar()
        self.addToolBarBreak()
        build_actions(self, undo_stack)
        #: A note to put the focus on when the board is rebuilt (the card just moved).
        self._focus_note: str | None = None

        self.columns_widget = QWidget()
        self.columns_layout = QHBoxLayout(self.columns_widget)
        self.columns_layout.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.columns_layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.setCentralWidget(self._build_scroll_area())
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.refresh()

    def _build_filter_box(self) -> FilterBox:
        box = FilterBox()
        box.setObjectName("boardFilter")
        box.setAccessibleName("Filter cards")
        box.setPlaceholderText("Show only cards with these words")
        box.setClearButtonEnabled(True)
        box.setMinimumWidth(220)
        box.textChanged.connect(self.apply_filter)
        return box

    def _build_toolbar(self) -> None:
        """The top toolbar: Programme, Step and Filter, in that Tab order."""
        bar = QToolBar("Themes")
        bar.setObjectName("boardToolbar")
        self.addToolBar(bar)
        bar.addWidget(QLabel(" Programme: "))
        bar.addWidget(self.programme_box)
        bar.addWidget(QLabel(" Step: "))
        bar.addWidget(self.step_box)
        bar.addWidget(QLabel(" Filter: "))
        bar.addWidget(self.filter_box)

    def _build_scroll_area(self) -> QScrollArea:
        """The theme columns side by side, scrolled sideways."""
        scroll = QScrollArea()
        scroll.setObjectName("themeColumns")
        scroll.setAccessibleName("Theme columns")
        # Not a Tab stop of its own: Tab goes from column to column.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.columns_widget)
        return scroll

    # --------------------------------------------------------------- building
    @property
    def step_key(self) -> str:
        return self.step_box.currentData() or ""

    def _fill_steps(self, wanted: str | None) -> None:
        fill_steps(self.step_box, self.store, self.programme_id, wanted)

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
            item = self.columns_layout.takeAt(0)
            widget = item.widget() if item is not None else None
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
        # What became an action (issue 11): the theme's header and the cards say so.
        self.promoted_themes = plan_sql.promoted_themes(self.store, self.programme_id)
        self.promoted_notes = set(plan_sql.promoted_notes(self.store, self.programme_id))
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
        column = self.lists.get(theme_id) if theme_id is not None else None
        if column is None:
            column = self.lists.get(LOOSE) or next(iter(self.lists.values()), None)
        if column is None:
            return
        column.setFocus(Qt.FocusReason.OtherFocusReason)
        if column.count():
            r = min(max(row, 0), column.count() - 1)
            column.selectionModel().setCurrentIndex(
                column.model().index(r, 0), column.selectionModel().SelectionFlag.NoUpdate)

    def show_card_menu(self) -> None:
        """The context menu of the focused column, at its current card (Shift+F10)."""
        notes = QApplication.focusWidget()
        if not isinstance(notes, NoteList):
            theme_id = self.current_theme_id
            notes = self.lists.get(theme_id) if theme_id is not None else None
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

    def _fill_targets(self) -> None:
        current = self.target_box.currentData()
        self.target_box.clear()
        for column in self.board.columns if self.board is not None else ():
            if column.theme is not None:
                self.target_box.addItem(column.theme.label, column.theme.id)
        self.target_box.addItem("(no theme)", LOOSE)
        index = self.target_box.findData(current)
        self.target_box.setCurrentIndex(max(0, index))

    # ----------------------------------------------------------------- events
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
            self.store.events.actions_changed.connect(self._on_themes_changed)
            self._listening = True
            self.refresh()
        super().showEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.hint_worker is not None:
            self.hint_worker.wait(10_000)
        if self._listening:
            self.store.events.themes_changed.disconnect(self._on_themes_changed)
            self.store.events.notes_changed.disconnect(self._on_themes_changed)
            self.store.events.actions_changed.disconnect(self._on_themes_changed)
            self._listening = False
        super().closeEvent(event)
