"""The transfer features' actions on the library window, and dropping files onto it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

from ui.announce import tell

if TYPE_CHECKING:  # (each is imported when first used: start-up needs none of them)
    from facilitator.transfer import FileSummary
    from ui.compile.window import CompileWindow
    from ui.transfer.export_dialog import ExportDialog
    from ui.transfer.import_run import ImportRun
    from ui.transfer.notes_dialog import NotesImportDialog
    from ui.transfer.plan_dialog import PlanDialog
    from ui.transfer.summary_dialog import SummaryDialog
    from ui.transfer.table_read import TableRead

#: As ``facilitator.transfer.FILE_SUFFIX``; repeated so start-up need not import the merge code.
FILE_SUFFIX = ".workshop"

NOTE_TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt")


def dropped_workshop_files(mime) -> list[Path]:
    """The ``.workshop`` files among dropped URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() == FILE_SUFFIX]


class TransferActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.export_dialog: ExportDialog | None = None
        self.import_run: ImportRun | None = None
        self.summary_dialog: SummaryDialog | None = None
        self.notes_dialog: NotesImportDialog | None = None
        self.plan_dialog: PlanDialog | None = None
        #: The table being read for a notes import or a plan (ui.transfer.table_read).
        self.table_read: TableRead | None = None
        self.compile_window: CompileWindow | None = None
        self.board_windows: list = []
        self.last_summaries: list[FileSummary] = []

    # ------------------------------------------------------------- export
    def export_workshops(self):
        from ui.transfer.export_dialog import ExportDialog

        selected = self.window.selected_ids("workshop") or self.window.selected_ids("programme")
        self.export_dialog = dialog = ExportDialog(self.context, selected, self.window)
        dialog.accepted.connect(self._on_exported)
        dialog.open()
        return dialog

    def _on_exported(self) -> None:
        assert self.export_dialog is not None, "the dialog that was accepted"
        result = self.export_dialog.exported
        if result is not None:
            count = result.counts.get("workshops", 0)
            tell(self.window,
                f"Saved {count} workshop{'s' * (count != 1)} and "
                f"{result.counts.get('notes', 0)} notes to {result.path.name}", 8000
            )

    # ------------------------------------------------------------- import
    def import_files(self, paths: list[Path] | None = None):
        from ui.transfer.import_run import ImportRun

        if not paths:
            paths = self.context.dialogs.open_files(
                self.window, "Import workshop files", f"Workshop files (*{FILE_SUFFIX})"
            )
        if not paths:
            return None
        if self.import_run is not None and not self.import_run.done:
            tell(self.window, "An import is already running.", 4000)
            return None
        self.import_run = run = ImportRun(self.context, list(paths), self.window)
        run.finished.connect(self._on_import_finished)
        if not run.start():
            return None
        return run

    def _on_import_finished(self, summaries: list[FileSummary]) -> None:
        from ui.transfer.summary_dialog import SummaryDialog

        self.last_summaries = summaries
        backup = self.import_run.backup_path if self.import_run else None
        self.summary_dialog = dialog = SummaryDialog(summaries, backup, self.window)
        dialog.setObjectName("importSummary")
        if any(s.ok and s.changed for s in summaries):
            # Two laptops that each captured W2: once the summary is read, offer the merge.
            dialog.finished.connect(
                lambda _result: self.window.library_ops.offer_same_workshops()
            )
        dialog.open()
        # What the summary's headline says ("1 of 2 files imported; 1 refused …"), in the
        # status bar and to a screen reader: assertive when a file was refused.
        tell(self.window, dialog.headline.text(), 8000,
             assertive=not all(s.ok for s in summaries))

    def import_notes(self, path: Path | None = None):
        """Read a table of notes (on a worker, with progress and Cancel), then show the
        import dialog; returns the TableRead, or None if no file was chosen."""
        if path is None:
            path = self.context.dialogs.open_file(
                self.window, "Import notes from CSV or Excel",
                "Tables (*.csv *.xlsx *.txt);;CSV (*.csv);;Excel (*.xlsx)",
            )
        if path is None:
            return None
        self.notes_dialog = None
        return self._read_table(Path(path), "notes", "Import notes", self._open_notes_dialog)

    def _open_notes_dialog(self, table) -> None:
        from ui.transfer.notes_dialog import NotesImportDialog

        if table is None:
            return
        self.notes_dialog = dialog = NotesImportDialog(self.context, table, self.window)
        dialog.accepted.connect(self._on_notes_accepted)
        dialog.open()

    def plan_workshops(self, path: Path | None = None):
        """A programme's workshops from a table: choose the file, read it (on a worker, with
        progress and Cancel), then check and apply; returns the TableRead."""
        if path is None:
            path = self.context.dialogs.open_file(
                self.window, "Plan workshops from a spreadsheet",
                "Tables (*.csv *.xlsx *.txt);;CSV (*.csv);;Excel (*.xlsx)",
            )
        if path is None:
            return None
        self.plan_dialog = None
        return self._read_table(Path(path), "workshops", "Plan workshops",
                                self._open_plan_dialog)

    def _open_plan_dialog(self, table) -> None:
        from ui.transfer.plan_dialog import PlanDialog

        if table is None:
            return
        self.plan_dialog = dialog = PlanDialog(
            self.context, table, self.window.current_programme_id(), self.window)
        dialog.accepted.connect(self._on_plan_accepted)
        dialog.open()

    def _read_table(self, path: Path, what: str, title: str, then):
        from ui.transfer.table_read import TableRead

        if self.table_read is not None and not self.table_read.done:
            tell(self.window, f"Still reading {self.table_read.path.name}.", 4000)
            return None
        self.table_read = reading = TableRead(self.context, path, what, title, self.window)
        reading.finished.connect(then)
        reading.start()
        return reading

    def _on_plan_accepted(self) -> None:
        assert self.plan_dialog is not None, "the dialog that was accepted"
        command = self.plan_dialog.command
        if command is not None and self.window.run_command(command):
            self.window.statusBar().showMessage(command.text(), 8000)

    def _on_notes_accepted(self) -> None:
        assert self.notes_dialog is not None, "the dialog that was accepted"
        command = self.notes_dialog.command
        if command is not None and self.window.run_command(command):
            tell(self.window, command.text(), 8000)

    # ------------------------------------------------------------ compile
    def open_compile(self):
        from ui.compile.window import CompileWindow

        window = self.compile_window
        if window is None:
            self.compile_window = window = CompileWindow(self.context, self.window)
            window.themes_requested.connect(self.open_themes_board)
            window.import_requested.connect(lambda: self.import_files())
            window.workshop_opened.connect(self.window.open_workshop)
        window.show()
        window.raise_()
        return window

    def open_themes_board(self, programme_id: str | None = None, step_key: str | None = None):
        from ui.compile.board import ThemesBoardWindow

        store = self.context.store
        programme_id = programme_id or self.window.current_programme_id()
        if programme_id is None:
            programmes = store.programmes()
            if not programmes:
                tell(self.window, "There are no programmes yet.", 4000)
                return None
            programme_id = programmes[0].id
        closed = [b for b in self.board_windows if not b.isVisible()]
        if closed:  # reuse a board that was closed rather than making another
            board = closed[0]
            board.show_programme(programme_id, step_key)
        else:
            board = ThemesBoardWindow(
                self.context, self.window.undo_stack, programme_id, step_key,
                report=self.window.report_error, parent=self.window,
            )
            self.board_windows.append(board)
        board.show()
        board.raise_()
        return board

    # ------------------------------------------------------- drag and drop
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_workshop_files(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Close and watched is self.window:
            # Closing the window mid-import: finish the file in hand, stop the checker thread.
            if self.import_run is not None and not self.import_run.done:
                self.import_run.stop()
        elif kind == QEvent.Type.Drop:
            paths = dropped_workshop_files(event.mimeData())
            if paths:
                event.acceptProposedAction()
                self.import_files(paths)
                return True
        return super().eventFilter(watched, event)
