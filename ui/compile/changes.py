"""What the themes board changes: themes made, renamed, merged and deleted, cards moved
between them, ideas promoted to the action plan; each one command on the library's undo
history. A mixin of ``ThemesBoardWindow`` (it works on the window's selected cards)."""

from __future__ import annotations

from facilitator.models import Theme
from ui.announce import announce, tell
from ui.commands.base import push
from ui.commands.library_ops import DeleteItemsCommand
from ui.commands.themes import CreateThemeCommand, RenameThemeCommand, SetNotesThemeCommand
from ui.compile.cards import IDS_ROLE, LOOSE
from ui.compile.commands import MergeThemesCommand
from ui.compile.parts import BoardWindowParts


class ThemeChanges(BoardWindowParts):
    """The board's theme actions, on the selected cards of ``current_theme_id``'s column."""

    def selected_note_ids(self) -> list[str]:
        """The notes of the selected cards (only one column holds a selection)."""
        theme_id = self.current_theme_id
        notes = self.lists.get(theme_id) if theme_id is not None else None
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
