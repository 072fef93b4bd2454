"""Compiling across laptops: workshop files (export, safe import and merge) and note imports.

No Qt here. SQL lives in ``facilitator.store.transfer_file`` and
``facilitator.store.transfer_merge``; this package decides and validates.
"""

from facilitator.store.transfer_schema import WorkshopFileError
from facilitator.transfer.merge import Conflict, FileSummary, Outcome
from facilitator.transfer.workshop_file import (
    FILE_SUFFIX,
    SEPARATE,
    ExportResult,
    ProgrammeQuestion,
    backup_before_import,
    export_workshops,
    import_workshop_file,
    import_workshop_files,
    programme_questions,
    read_and_check,
)

__all__ = [
    "FILE_SUFFIX",
    "SEPARATE",
    "Conflict",
    "ProgrammeQuestion",
    "ExportResult",
    "FileSummary",
    "Outcome",
    "WorkshopFileError",
    "backup_before_import",
    "export_workshops",
    "import_workshop_file",
    "import_workshop_files",
    "programme_questions",
    "read_and_check",
]
