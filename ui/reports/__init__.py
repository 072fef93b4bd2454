"""Reports in the window: File ▸ Export summary…, Export notes (CSV)… and (Excel)….

``install(window)`` adds the three actions; ``export_workshop_summary`` is what the
run screen calls for one workshop's summary, during or after the session.
"""

from __future__ import annotations

from ui.announce import tell
from ui.context import AppContext


def install(window) -> None:
    window.export_dialog = None
    window.add_action(
        "file", "Export &summary…", lambda: export_summary(window), "Ctrl+Shift+E",
        "Export the Summary of Results (Word) for the selected programme or workshops",
    )
    window.add_action(
        "file", "Export notes (&CSV)…", lambda: export_notes(window), None,
        "Export the notes of the selected programme or workshops as a CSV table",
        reason_no_shortcut="used rarely, from the File menu",
    )
    window.add_action(
        "file", "Export notes (E&xcel)…", lambda: export_notes_excel(window), None,
        "Export the notes of the selected programme or workshops as an Excel workbook, "
        "with a sheet per summary table",
        reason_no_shortcut="used rarely, from the File menu",
    )


def _programme_and_selection(window) -> tuple[str | None, list[str] | None]:
    store = window.context.store
    workshop_ids = window.selected_ids("workshop")
    programme_id = window.current_programme_id()
    if programme_id is None and workshop_ids:
        programme_id = store.get_workshop(workshop_ids[0]).programme_id
    if programme_id is None:
        programmes = store.programmes()
        if len(programmes) == 1:
            programme_id = programmes[0].id
    if workshop_ids and programme_id is not None:
        ids = [w for w in workshop_ids if store.get_workshop(w).programme_id == programme_id]
        return programme_id, ids or None
    return programme_id, None


def _open(window, kind: str):
    from ui.reports.dialog import ExportDialog

    programme_id, checked = _programme_and_selection(window)
    if programme_id is None:
        tell(window, "Choose a programme or workshops in the list first.", 4000)
        return None
    try:
        dialog = ExportDialog(window.context, programme_id, kind=kind, checked_ids=checked, parent=window)
    except Exception as exc:  # noqa: BLE001 - shown, never lost
        window.report_error(exc)
        return None
    window.export_dialog = dialog
    dialog.show()
    return dialog


def export_summary(window):
    """File ▸ Export summary…: the dialog for the current programme (or selected workshops)."""
    return _open(window, "docx")


def export_notes(window):
    """File ▸ Export notes (CSV)…"""
    return _open(window, "csv")


def export_notes_excel(window):
    """File ▸ Export notes (Excel)…"""
    return _open(window, "xlsx")


def export_workshop_summary(parent, context: AppContext, workshop_id: str):
    """One workshop's summary (the run screen's "Leave a summary"): the export dialog with
    just that workshop checked, its counts and warnings, then the file name."""
    from ui.reports.dialog import ExportDialog

    workshop = context.store.get_workshop(workshop_id)
    dialog = ExportDialog(
        context, workshop.programme_id, kind="docx", checked_ids=[workshop_id], parent=parent
    )
    dialog.setWindowTitle(f"Export summary of {workshop.code}")
    if parent is not None:
        parent.export_dialog = dialog
    dialog.show()
    return dialog
