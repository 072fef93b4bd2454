"""Checking a large table of notes against the library off the window's thread, with the
same progress dialog and Cancel as reading it (ui/transfer/table_read.py).

Checking 50,000 rows (``plan_notes_import``: each row's workshop, step, tags, theme and
length bounds, and the import ledger) takes over a second; done on the window's thread it
froze the window each time a column was chosen (issue 12). A table of up to ``IN_PLACE_ROWS``
is checked in place (measured: about 25 µs a row, so under 50 ms); a larger one here. The
worker only reads the library, through the window's store (as the theme suggestions do),
while the import dialog is open and modal; it stops between batches of rows when asked.

Python's cyclic garbage collector stops every thread while it runs, and a full collection
over the 100,000 objects a 50,000-row plan makes took 80-300 ms: so the worker keeps the
collector off while it builds the plan, then moves everything alive into the collector's
permanent generation (``gc.freeze``), where it is never scanned (it is still freed as usual
when no longer used); ``release_frozen`` puts it back when the dialog closes. Measured in
benchmarks/bench_notes_check.py: the longest hold of the window's thread 50-80 ms (~160 ms
without this; 1.2-2.5 s in place).
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from facilitator.transfer.notes_import import NotesPlan, plan_notes_import
from facilitator.transfer.table_base import NotesImportError, NotesImportStopped, NoteTable

#: Tables of at most this many rows are checked on the window's thread (well under 100 ms).
IN_PLACE_ROWS = 2000


class _Planner(QThread):
    """Checks the table; emits the NotesPlan, the refusal's text, or None when stopped."""

    planned = Signal(object)
    rows = Signal(int)

    def __init__(self, store, table: NoteTable, mapping: dict, programme,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store, self.table, self.mapping, self.programme = store, table, mapping, programme

    def run(self) -> None:
        collecting = gc.isenabled()
        gc.disable()
        result: NotesPlan | str | None
        try:
            result = plan_notes_import(self.store, self.table, self.mapping, self.programme,
                                       progress=self.rows.emit,
                                       should_stop=self.isInterruptionRequested)
        except NotesImportStopped:
            result = None
        except NotesImportError as exc:
            result = str(exc)
        except Exception:  # noqa: BLE001 - say so in the dialog, log it; never a crash
            logging.getLogger(__name__).exception("checking %s failed", self.table.source)
            result = (f"{self.table.source.name}: cannot be checked: it holds something this "
                      "version cannot handle. Nothing was imported; the log file has the details.")
        finally:
            gc.freeze()  # the plan (and all else alive) is never scanned until released
            if collecting:
                gc.enable()
        self.planned.emit(result)


def release_frozen() -> None:
    """Give the collector back what the checks froze (the dialog has closed; its plan has
    gone, or lives on in the import's undo step)."""
    gc.unfreeze()


class PlanCheck(QObject):
    """One check of a table under one choice of columns. ``finished`` carries the NotesPlan,
    the refusal's text, or None if it was stopped (Cancel, or a new choice of columns)."""

    finished = Signal(object)

    def __init__(self, store, table: NoteTable, mapping: dict, programme,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.table = table
        self.done = False
        self.stopped = False
        name = table.source.name
        self.progress = QProgressDialog(f"Checking the rows of {name}…", "Cancel", 0,
                                        len(table.rows), parent)
        self.progress.setObjectName("planCheckProgress")
        self.progress.setWindowTitle("Import notes")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.stop)
        self.planner = _Planner(store, table, mapping, programme, self)
        self.planner.rows.connect(self._on_rows, Qt.ConnectionType.QueuedConnection)
        self.planner.planned.connect(self._on_planned, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self.progress.setValue(0)
        self.planner.start()

    def stop(self) -> None:
        """Cancel: the check stops at its next batch of rows; nothing is imported."""
        self.stopped = True
        self.planner.requestInterruption()

    def abandon(self) -> None:
        """Stop and wait for the worker (the dialog is closing, or the columns changed)."""
        self.stop()
        self.planner.wait()
        self._close_progress()

    def _on_rows(self, count: int) -> None:
        if not self.done:
            self.progress.setValue(count)
            self.progress.setLabelText(
                f"Checking the rows of {self.table.source.name}: {count:,} of "
                f"{len(self.table.rows):,}…")

    def _close_progress(self) -> None:
        if not self.done:
            self.done = True
            self.progress.canceled.disconnect(self.stop)  # closing it emits canceled
            self.progress.close()

    def _on_planned(self, result) -> None:
        self.planner.wait()
        if self.done:  # abandoned: a newer check (or none) stands
            return
        self._close_progress()
        self.finished.emit(None if self.stopped else result)
