"""Importing many workshop files with a progress bar while the window stays responsive.

Each file is read and checked whole on a worker thread (its own read-only
connection; nothing touches the library there). The merge of each checked file
then runs on the window's thread, one transaction per file, so the store's
events reach the views on the thread that owns them. Between files the event
loop runs: the window repaints, and Stop is honoured.
"""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from facilitator.store import LibraryError
from facilitator.store.transfer_file import FileContent
from facilitator.transfer import (
    FileSummary,
    WorkshopFileError,
    backup_before_import,
    import_workshop_file,
    read_and_check,
)
from facilitator.transfer.workshop_file import (
    SEPARATE,
    ProgrammeQuestion,
    programme_questions,
)
from ui.context import AppContext


def _codes(store, programme_id: str) -> str:
    codes = [w.code for w in store.workshops(programme_id)]
    return ", ".join(codes[:4]) + ("…" if len(codes) > 4 else "") if codes else "no workshops"


class _Checker(QThread):
    """Reads and checks each file in turn; emits (index, FileContent or error text).

    It waits for the window to merge one file before checking the next: Python runs one
    thread at a time, so checking while the window merges would only slow the merge (and
    freeze the window for longer).
    """

    checked = Signal(int, object)

    def __init__(self, paths: list[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.go_on = threading.Event()

    def run(self) -> None:
        for index, path in enumerate(self.paths):
            if index:
                # Wait for the window's go-ahead, but answer a request to stop at any time.
                while not self.go_on.wait(0.05):
                    if self.isInterruptionRequested():
                        return
                self.go_on.clear()
            if self.isInterruptionRequested():
                return
            result: FileContent | str
            try:
                result = read_and_check(path)
            except WorkshopFileError as exc:
                result = exc.problem
            except Exception as exc:  # noqa: BLE001 - any failure refuses that file only
                result = f"cannot be imported ({exc})."
            self.checked.emit(index, result)


class ImportRun(QObject):
    """One import of many files. ``finished`` carries the list of FileSummary."""

    finished = Signal(list)
    #: How many files are done so far (after each file's transaction).
    file_done = Signal(int)

    def __init__(
        self, context: AppContext, paths: list[Path], parent: QWidget | None = None,
        backup_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        #: The window the import's questions and errors are shown over (its Qt parent).
        self.window = parent
        self.context = context
        self.paths = [Path(p) for p in paths]
        self.backup_dir = backup_dir
        self.backup_path: Path | None = None
        self.summaries: list[FileSummary] = []
        self._pending: deque = deque()
        self._merge_scheduled = False
        self.done = False
        #: Every value the progress bar showed (closing the dialog resets the bar).
        self.progress_values: list[int] = []
        self.progress = QProgressDialog(
            "Checking and importing workshop files…", "Stop", 0, len(self.paths), parent
        )
        self.progress.setObjectName("importProgress")
        self.progress.setWindowTitle("Import workshop files")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.stop)
        self.checker = _Checker(self.paths, self)  # a child, so it can be found and joined
        self.checker.checked.connect(self._on_file_checked, Qt.ConnectionType.QueuedConnection)

    def start(self) -> bool:
        """Back up the library, then start; False (with the error shown) if the backup fails."""
        try:
            self.backup_path = backup_before_import(self.context.store, self.backup_dir)
        except LibraryError as exc:
            self.context.dialogs.error(self.window, "Import workshop files", str(exc))
            self.progress.close()
            return False
        self.progress.setValue(0)
        self.checker.start()
        return True

    def _on_file_checked(self, index: int, result) -> None:
        """Queue a checked file; merge one file per turn of the event loop (several results
        can arrive at once, and merging them back to back would freeze the window)."""
        self._pending.append((index, result))
        if not self._merge_scheduled:
            self._merge_scheduled = True
            QTimer.singleShot(1, self._merge_next)

    def _merge_next(self) -> None:
        self._merge_scheduled = False
        if self.done or not self._pending:
            return
        index, result = self._pending.popleft()
        self._merge(index, result)
        self.checker.go_on.set()
        if self._pending and not self.done:
            self._merge_scheduled = True
            QTimer.singleShot(1, self._merge_next)

    def _merge(self, index: int, result) -> None:
        path = self.paths[index]
        self.progress.setLabelText(f"Importing {path.name} ({index + 1} of {len(self.paths)})…")
        if isinstance(result, str):
            summary = FileSummary(path, error=result)
        else:
            try:
                questions = programme_questions(self.context.store, result)
                choices = self.ask_about_programmes(path, questions)
                if choices is None:
                    summary = FileSummary(
                        path, error="not imported: no choice was made about its programme."
                    )
                else:
                    # Once asked, they are worked out again: the library may have changed
                    # while a question was open. Otherwise nothing has run since.
                    summary = import_workshop_file(
                        self.context.store, path, content=result, choices=choices,
                        questions=None if questions else [],
                    )
            except LibraryError as exc:
                problem = exc.problem if isinstance(exc, WorkshopFileError) else str(exc)
                summary = FileSummary(path, error=problem)
        self.summaries.append(summary)
        self.progress.setValue(index + 1)
        self.progress_values.append(index + 1)
        self.file_done.emit(len(self.summaries))
        if len(self.summaries) == len(self.paths):
            self._finish()

    def ask_about_programmes(self, path: Path,
                             questions: list[ProgrammeQuestion]) -> dict[str, str] | None:
        """The file's programme has the title of one here but was set up separately
        (``questions``): ask whether its workshops join that programme (recommended) or stay
        apart. The answer is remembered, so the next file from that laptop merges without
        asking. None when the person closed the question: the file is then left out."""
        choices: dict[str, str] = {}
        for question in questions:
            if len(question.candidates) == 1:
                options = ["Add these workshops to the existing programme (recommended)"]
            else:  # the same title twice here already: name each by its workshops
                options = [
                    f"Add them to the one with {_codes(self.context.store, c.id)}"
                    for c in question.candidates
                ]
            options.append("Keep as a separate programme")
            text = (
                f"{path.name} holds workshops of “{question.file_title}”, which was set up "
                "separately on another laptop. This library already has a programme with "
                "that title.\n\nAdd the file's workshops to it, so that one Summary of "
                "Results covers them all? (Your answer is remembered for that laptop's "
                "next files.)"
            )
            answer = self.context.dialogs.choose(
                self.window, "Same programme?", text, options, default=0
            )
            if answer is None:
                return None
            choices[question.file_programme_id] = (
                question.candidates[answer].id if answer < len(question.candidates)
                else SEPARATE
            )
        return choices

    def stop(self) -> None:
        """Stop after the file being merged (each file is whole or not at all)."""
        if self.done:
            return
        self.checker.requestInterruption()
        self.checker.go_on.set()
        self.checker.wait()
        self.checker.checked.disconnect(self._on_file_checked)
        self._pending.clear()
        for path in self.paths[len(self.summaries):]:
            self.summaries.append(FileSummary(path, error="not imported: the import was stopped."))
        self._finish()

    def _finish(self) -> None:
        if self.done:
            return
        self.done = True
        self.checker.wait()
        self.progress.close()
        self.finished.emit(self.summaries)
