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
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QScrollArea,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from facilitator.names import counted
from facilitator.store import action_plan as plan_sql
from facilitator.transfer.compile import BoardColumn, ThemesBoard, step_choices, themes_board
from ui.close_keys import add_close_keys
from ui.compile.board_actions import build_actions
from ui.compile.cards import (
    FILTER_ROLE,
    IDS_ROLE,
    LOOSE,
    NOTE_ROLE,
    FilterBox,
    NoteList,
    escape_markup,
    fold,
)
from ui.compile.changes import ThemeChanges
from ui.compile.hints import BoardHints
from ui.context import AppContext
from ui.programme_box import fill_programmes
from ui.sense.hints import HintWorker

#: What a theme's header and a card show once it became an action (as the run board's cards).
ACTION_MARK = "→ Action"

__all__ = ["IDS_ROLE", "NOTE_ROLE", "NoteList", "ThemesBoardWindow"]


class ThemesBoardWindow(ThemeChanges, BoardHints, QMainWindow):
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
        build_actions(self, undo_stack)
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
        actions = len(self.promoted_themes.get(theme_id, ())) if theme_id else 0
        mark = (ACTION_MARK + (f" ×{actions}" if actions > 1 else "")) if actions else ""
        counts = f"{counted(len(column.notes), 'note')}{different}, {self.board.raised_at(column)}"
        header = QLabel(f"<b>{escape_markup(label)}</b><br>{counts}"
                        + (f"<br><b>{mark}</b>" if mark else ""))
        header.setWordWrap(True)
        header.setObjectName(f"header_{theme_id or 'loose'}")
        # Spoken as shown (the text first), then what the mark means.
        header.setAccessibleName(f"{label} {counts}" + (
            f" {mark} (became {'an action' if actions == 1 else f'{actions} actions'} in the "
            "action plan)" if mark else ""))
        notes = NoteList(theme_id)
        notes.setObjectName(f"notes_{theme_id or 'loose'}")
        notes.setAccessibleName(f"Notes in {label}" + (" (became an action)" if actions else ""))
        notes.addActions(self.card_actions)
        folded_label = fold(column.theme.label) if column.theme else ""
        for stack in cards:
            note = stack[0]
            codes = list(dict.fromkeys(self.board.code(n.workshop_id) for n in stack))
            where = (f"×{len(stack)} at {', '.join(codes)}" if len(stack) > 1 else codes[0])
            tags = self.board.tags_of(note)  # HOW: the support area, as the report files it
            hint = self.hints.get(note.id) if not tags else None
            promoted = any(n.id in self.promoted_notes for n in stack)
            item = QListWidgetItem(f"{where} · {note.text}" + (f"\n[{', '.join(tags)}]" if tags else "")
                                   + (f"\n→ {hint.text}" if hint else "")
                                   + (f"\n{ACTION_MARK}" if promoted else ""))
            if promoted:  # heard as well as seen
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{item.text()[:-len(ACTION_MARK)].rstrip()}. Became an action in "
                             "the action plan")
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
