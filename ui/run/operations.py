"""What the facilitator does to cards on the board: add (typed or pasted), tag, edit, delete,
move, group into themes.

A mixin for the run window (it uses ``self.board``, ``self.model``, ``self.session``, ``self.capture``,
``self.draft``, ``self.store``, ``self.context`` and the status bar). Each action is one command on
the session's undo stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from facilitator.models import Note, Theme
from ui.announce import announce, tell
from ui.commands.notes import (
    AddNotesCommand,
    DeleteNotesCommand,
    EditNoteCommand,
    MoveNotesCommand,
    TagNotesCommand,
)
from ui.commands.themes import CreateThemeCommand, RenameThemeCommand, SetNotesThemeCommand
from ui.run.board_model import GROUP_ROLE, KIND_ROLE, NOTE_ID_ROLE
from ui.run.note_text import is_blank
from ui.run.paste import LARGE, confirm_paste

if TYPE_CHECKING:
    from facilitator.formats import Format
    from facilitator.store import Store
    from ui.context import AppContext
    from ui.run.board import BoardView
    from ui.run.board_model import BoardModel
    from ui.run.capture import CapturePanel
    from ui.run.draft import DraftKeeper
    from ui.run.session import RunSession


class CardOperations(QMainWindow):
    # The run window's parts these act on (RunWindow.__init__ makes them):
    context: AppContext
    store: Store
    session: RunSession
    format: Format
    programme_id: str
    model: BoardModel
    board: BoardView
    capture: CapturePanel
    draft: DraftKeeper
    menus: dict[str, QMenu]

    def selected_ids(self, why: str) -> list[str]:
        ids = self.board.selected_note_ids()
        if not ids:
            tell(self,
                f"Select one or more cards to {why} (Tab to the board, arrows, Shift to extend).",
                5000)
        return ids

    def tag_selected(self, number: int) -> None:
        vocabulary = self.model.vocabulary
        if vocabulary is None:
            tell(self, "This step has no tags.", 4000)
            return
        if number > len(vocabulary.tags):
            return
        ids = self.selected_ids("tag")
        if not ids:
            return
        if number == 0:
            self.session.run(TagNotesCommand(self.store, ids, None))
        else:
            tag = vocabulary.tags[number - 1]
            self.session.run(TagNotesCommand(self.store, ids, tag.key, tag.label))

    def _on_board_tag_key(self, number: int) -> None:
        self.tag_selected(number)

    def delete_selected(self) -> None:
        """Delete the selected cards; the next card (or the one before) becomes the
        selected one, so Delete can be pressed again; with no cards left, back to typing."""
        ids = self.selected_ids("delete")
        if not ids:
            return
        first = self.model.note(ids[0]).text
        if self._run_and_select_next(ids, DeleteNotesCommand(self.store, ids, first)):
            tell(self, "Deleted. Ctrl+Z brings it back.", 5000)

    def _run_and_select_next(self, ids: list[str], command) -> bool:
        """Run a command that takes the cards ``ids`` off the board; then select the card
        after them (or before), so the same key can go on; none left: back to typing."""
        neighbour = self._neighbour_of(ids)
        if not self.session.run(command):
            return False
        if neighbour and self.model.row_of(neighbour) >= 0:
            self.board.select_notes([neighbour])
        elif not self.model.notes_on_step():
            self.focus_capture()
        return True

    def _neighbour_of(self, ids: list[str]) -> str:
        """The card after the last of ``ids`` on the board, else the one before the first."""
        gone = set(ids)
        rows = sorted(self.model.row_of(i) for i in ids)
        model = self.model
        after = (model.index(r).data(NOTE_ID_ROLE) for r in range(rows[-1] + 1, model.rowCount()))
        before = (model.index(r).data(NOTE_ID_ROLE) for r in range(rows[0] - 1, -1, -1))
        for candidates in (after, before):
            found = next((i for i in candidates if i and i not in gone), "")
            if found:
                return found
        return ""

    def edit_current(self) -> None:
        index = self.board.currentIndex()
        if index.isValid() and index.data(KIND_ROLE) == "note":
            self.board.setFocus()
            self.board.edit(index)

    def _on_edit_requested(self, note_id: str, text: str) -> None:
        if is_blank(text):
            return
        before = self.model.note(note_id).text
        if not self.session.run(EditNoteCommand(self.store, note_id, before, text)):
            # Not saved (disk full, file busy): open the editor again with what was typed.
            self.board.delegate.kept_text[note_id] = text
            QTimer.singleShot(0, lambda: self._edit_again(note_id))

    def _edit_again(self, note_id: str) -> None:
        index = self.model.index_of(note_id)
        if index.isValid():
            self.board.setFocus()
            self.board.setCurrentIndex(index)
            self.board.edit(index)

    def move_selected(self, step_key: str) -> None:
        ids = self.selected_ids("move")
        if not ids or step_key == self.session.step_key:
            return
        step = self.format.step(step_key)
        keep = step.vocabulary is not None and step.vocabulary == self.session.step.vocabulary
        self._run_and_select_next(
            ids, MoveNotesCommand(self.store, ids, step_key, step.title, keep_tags=keep))

    def _on_board_menu_requested(self, pos) -> None:
        """Right-click or the Menu key on a card: the Edit and Notes menus' card actions."""
        menu = QMenu(self)
        for action in self.menus["edit"].actions()[3:] + [None] + self.menus["notes"].actions():
            if action is None:
                menu.addSeparator()
            elif action.isVisible() and not action.isSeparator():
                menu.addAction(action)
        menu.popup(self.board.viewport().mapToGlobal(pos))
        self.board_menu = menu

    # ----------------------------------------------------------------- themes
    def group_selected(self) -> None:
        """Group the selected cards under a theme chosen in the theme picker (or a new one)."""
        ids = self.selected_ids("group")
        if not ids:
            return
        from facilitator.sense.themes_match import theme_entries

        entries = theme_entries(self.store, self.programme_id, self.session.step_key)
        noun = "1 note" if len(ids) == 1 else f"{len(ids)} notes"
        choice = self.context.dialogs.pick_theme(
            self, "Group into a theme", f"Put {noun} under which theme? Type to find one, "
            "or a new theme's name:", entries, allow_none=True, rename=self._rename_theme_to)
        if choice is None:
            return
        if choice.theme_id is not None:
            label = next((e.label for e in entries if e.id == choice.theme_id), "")
            self.session.run(SetNotesThemeCommand(self.store, ids, choice.theme_id, label))
        elif choice.new_label:
            theme = Theme(self.programme_id, self.session.step_key, choice.new_label)
            self.session.run(CreateThemeCommand(self.store, theme, ids))
        else:
            self.ungroup_selected()

    def _current_theme(self):
        index = self.board.currentIndex()
        theme = None
        if index.isValid():
            group = index.data(GROUP_ROLE)
            theme = self.model.theme(group) if self.model.group_mode == "themes" else None
        if theme is None:
            tell(self, "Choose a card in a theme, or the theme's title.", 4000)
        return theme

    def _rename_theme_to(self, theme_id: str, label: str) -> bool:
        return self.session.run(RenameThemeCommand(self.store, theme_id, label))

    def ungroup_selected(self) -> None:
        ids = self.selected_ids("take out of their theme")
        ids = [i for i in ids if self.model.note(i).theme_id]
        if ids:
            self.session.run(SetNotesThemeCommand(self.store, ids, None))

    def rename_theme(self) -> None:
        theme = self._current_theme()
        if theme is None:
            return
        label = self.context.dialogs.ask_text(self, "Rename theme", "Theme label:", theme.label)
        if label and label.strip() and label.strip() != theme.label:
            self.session.run(RenameThemeCommand(self.store, theme.id, " ".join(label.split())))

    def _on_drop_requested(self, ids: list[str], group: str, mode: str) -> None:
        if mode == "tags":
            vocabulary = self.model.vocabulary
            label = vocabulary.label_for(group) if vocabulary and group else ""
            self.session.run(TagNotesCommand(self.store, ids, group or None, label))
        else:
            theme = self.model.theme(group)
            self.session.run(SetNotesThemeCommand(
                self.store, ids, theme.id if theme else None, theme.label if theme else ""))

    # ------------------------------------------------------------- capture
    def focus_capture(self) -> None:
        self.capture.box.setFocus(Qt.FocusReason.OtherFocusReason)

    def new_note(self, text: str, table_label: str | None = None) -> Note:
        if table_label is None:
            table_label = self.capture.table_label()
        return Note(self.session.workshop_id, self.session.step_key, text,
                    table_label=table_label)

    def add_note(self, text: str) -> bool:
        """Add what the capture box holds as a note on the current step."""
        if is_blank(text):
            self.capture.box.clear()
            tell(self, "An empty note is not added.", 4000)
            return False
        note = self.new_note(text.strip())
        if not self.session.run(AddNotesCommand(self.store, [note])):
            return False  # the box keeps the text: nothing is lost
        self.capture.box.clear()
        self.draft.save()  # the note is in the library now: no draft
        announce(self, "Saved")  # brief: the typist goes straight on to the next note
        # The board has followed the new card, unless the user had scrolled away from the
        # end (then "New note ↓" waits at the bottom): selecting it must not scroll.
        self.board.select_notes([note.id], scroll=self.board.following)
        return True

    def add_lines(self, lines: list[str]) -> bool:
        """Add one note per line as one command (one transaction, one Undo)."""
        large = len(lines) >= LARGE
        if large:
            tell(self, f"Adding {len(lines):,} notes…")
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            self.statusBar().repaint()
        try:
            table = self.capture.table_label()
            notes = [self.new_note(line, table) for line in lines if not is_blank(line)]
            if not notes or not self.session.run(AddNotesCommand(self.store, notes)):
                return False
            self.board.select_notes([n.id for n in notes])
        finally:
            if large:
                QApplication.restoreOverrideCursor()
        tell(self,
            f"Added {len(notes):,} notes. Ctrl+Z takes them all away again.", 8000)
        return True

    def _on_paste_lines(self, lines: list[str]) -> bool:
        if not confirm_paste(self, self.context.dialogs, lines):
            return False
        return self.add_lines(lines)  # if the write failed, the text goes into the box
