"""Reading a CSV or Excel table off the window's thread, with a progress dialog and Cancel.

The table is streamed by ``facilitator.transfer.notes_table.read_table`` on a worker thread
(it touches no library), within the limits stated in its messages (rows, columns, cell
length, file size, how far an .xlsx unpacks, time); the window stays responsive, and Cancel
stops the reading between rows. Issue 12, rule 4.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from facilitator.transfer.notes_table import read_table
from facilitator.transfer.table_base import NotesImportError, NotesImportStopped, NoteTable
from ui.announce import tell
from ui.context import AppContext


class _Reader(QThread):
    """Reads one table; emits the NoteTable, the refusal's text, or None when stopped."""

    read = Signal(object)
    rows = Signal(int)

    def __init__(self, path: Path, what: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.what = what

    def run(self) -> None:
        result: NoteTable | str | None
        try:
            result = read_table(self.path, what=self.what, progress=self.rows.emit,
                                should_stop=self.isInterruptionRequested)
        except NotesImportStopped:
            result = None
        except NotesImportError as exc:
            result = str(exc)
        except Exception:  # noqa: BLE001 - a table the reader did not foresee: say so, log it
            logging.getLogger(__name__).exception("reading %s failed", self.path)
            result = (f"{self.path.name}: cannot be read: it holds something this version "
                      "cannot handle. Nothing was imported; the log file has the details.")
        self.read.emit(result)


class TableRead(QObject):
    """One table being read. ``finished`` carries the NoteTable, or None if it was refused
    (the reason shown in an error message naming the file) or stopped."""

    finished = Signal(object)

    def __init__(self, context: AppContext, path: Path, what: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The window the progress and any refusal are shown over (its Qt parent).
        self.window = parent
        self.context = context
        self.path = Path(path)
        self.title = title
        self.done = False
        self.table: NoteTable | None = None
        self.error = ""
        self.stopped = False
        self.progress = QProgressDialog(f"Reading {self.path.name}…", "Cancel", 0, 0, parent)
        self.progress.setObjectName("tableReadProgress")
        self.progress.setWindowTitle(title)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.stop)
        self.reader = _Reader(self.path, what, self)  # a child, so it can be found and joined
        self.reader.rows.connect(self._on_rows, Qt.ConnectionType.QueuedConnection)
        self.reader.read.connect(self._on_read, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self.progress.setValue(0)
        self.reader.start()

    def stop(self) -> None:
        """Cancel: the reader stops at its next batch of rows; nothing is imported."""
        self.stopped = True
        self.reader.requestInterruption()

    def _on_rows(self, count: int) -> None:
        if not self.done:
            self.progress.setLabelText(f"Reading {self.path.name}: {count:,} rows so far…")

    def _on_read(self, result) -> None:
        self.reader.wait()
        self.done = True
        self.progress.canceled.disconnect(self.stop)  # closing it emits canceled
        self.progress.close()
        parent = self.window
        if result is None or self.stopped:
            self.stopped = True
            tell(parent, f"Stopped reading {self.path.name}; nothing was imported.", 6000)
        elif isinstance(result, str):
            self.error = result
            self.context.dialogs.error(parent, self.title, result)
        else:
            self.table = result
        self.finished.emit(self.table)
