"""Writing an export off the window's thread, so the window stays responsive.

The library is read on the window's thread (SQLite connections stay where they
were opened); only the python-docx work and the file writing happen here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QThread, Signal


class ExportWorker(QThread):
    """Runs ``job(progress)`` -> Path; emits ``succeeded(path)`` or ``failed(message)``."""

    progress = Signal(str)
    succeeded = Signal(str)
    failed = Signal(str)

    def __init__(self, job: Callable[[Callable[[str], None]], Path], parent=None) -> None:
        super().__init__(parent)
        self._job = job

    def run(self) -> None:  # noqa: D401 - QThread override
        try:
            path = self._job(self.progress.emit)
        except Exception as exc:  # noqa: BLE001 - every failure is shown to the user
            self.failed.emit(str(exc))
            return
        self.succeeded.emit(str(path))
