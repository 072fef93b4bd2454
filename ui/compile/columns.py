"""The themes board's columns: each theme's header and cards (near-duplicates stacked as one
card, what became an action marked), the filter over the cards, and which column's selection
the actions use. A mixin of ``ThemesBoardWindow`` (it uses the window's board, lists and
boxes)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QListWidgetItem, QVBoxLayout

from facilitator.names import counted
from facilitator.transfer.compile import BoardColumn
from ui.compile.cards import (
    FILTER_ROLE,
    IDS_ROLE,
    LOOSE,
    NOTE_ROLE,
    NoteList,
    escape_markup,
    fold,
)
from ui.compile.parts import BoardWindowParts

#: What a theme's header and a card show once it became an action (as the run board's cards).
ACTION_MARK = "→ Action"


class BoardColumns(BoardWindowParts):
    """The columns of a themes board."""

    def _column_widget(self, column: BoardColumn, selected: dict) -> QFrame:
        theme_id = column.theme.id if column.theme else LOOSE
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setFixedWidth(280)
        layout = QVBoxLayout(frame)
        label = column.theme.label if column.theme else "Not in a theme yet"
        cards = self._cards(column)
        actions = len(self.promoted_themes.get(theme_id, ())) if theme_id else 0
        header = self._column_header(column, len(cards), actions)
        notes = NoteList(theme_id)
        notes.setObjectName(f"notes_{theme_id or 'loose'}")
        notes.setAccessibleName(f"Notes in {label}" + (" (became an action)" if actions else ""))
        notes.addActions(self.card_actions)
        folded_label = fold(column.theme.label) if column.theme else ""
        for stack in cards:
            item = self._card_item(stack, folded_label)
            notes.addItem(item)
            if stack[0].id in selected.get(theme_id, []):
                item.setSelected(True)
        notes.notes_dropped.connect(self._on_notes_dropped)
        notes.itemSelectionChanged.connect(lambda t=theme_id: self._on_column_focused(t))
        notes.focused.connect(self._on_column_entered)
        self.lists[theme_id] = notes
        self.frames[theme_id] = frame
        layout.addWidget(header)
        layout.addWidget(notes, 1)
        return frame

    def _column_header(self, column: BoardColumn, card_count: int, actions: int) -> QLabel:
        """The theme's name, its counts and (if it became ``actions`` actions) the mark."""
        board = self.board
        assert board is not None, "a column is made from the board shown"
        theme_id = column.theme.id if column.theme else LOOSE
        label = column.theme.label if column.theme else "Not in a theme yet"
        different = (f" ({card_count} different)"
                     if card_count < len(column.notes) else "")
        mark = (ACTION_MARK + (f" ×{actions}" if actions > 1 else "")) if actions else ""
        counts = f"{counted(len(column.notes), 'note')}{different}, {board.raised_at(column)}"
        header = QLabel(f"<b>{escape_markup(label)}</b><br>{counts}"
                        + (f"<br><b>{mark}</b>" if mark else ""))
        header.setWordWrap(True)
        header.setObjectName(f"header_{theme_id or 'loose'}")
        # Spoken as shown (the text first), then what the mark means.
        header.setAccessibleName(f"{label} {counts}" + (
            f" {mark} (became {'an action' if actions == 1 else f'{actions} actions'} in the "
            "action plan)" if mark else ""))
        return header

    def _card_item(self, stack: list, folded_label: str) -> QListWidgetItem:
        """A card: the first note of ``stack`` (its near-duplicates stacked under it), where
        they were raised, the support area or hint, and whether it became an action."""
        board = self.board
        assert board is not None, "a card is made from the board shown"
        note = stack[0]
        codes = list(dict.fromkeys(board.code(n.workshop_id) for n in stack))
        where = (f"×{len(stack)} at {', '.join(codes)}" if len(stack) > 1 else codes[0])
        tags = board.tags_of(note)  # HOW: the support area, as the report files it
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
            f"{board.code(n.workshop_id)}"
            f"{' · ' + n.table_label if n.table_label else ''}: {n.text}" for n in stack)
        item.setToolTip(tip if len(stack) > 1 else
                        f"{where}{' · ' + note.table_label if note.table_label else ''}\n"
                        f"{note.text}")
        return item

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
        note_count = sum(len(c.notes) for c in self.board.columns)
        text = (f"{counted(note_count, 'note')} from {counted(len(self.board.counted), 'workshop')}; "
                f"{counted(themes, 'theme')}")
        if wanted:
            text += f" — the filter shows {shown} of {total} cards"
        if self.hint_status and self.hint_action.isChecked():
            text += f" — {self.hint_status}"
        self.status_label.setText(text)

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
