"""The export dialog: which workshops, what the report will hold, warnings, then the file.

One dialog serves the three exports: the Summary of Results (.docx, with "Charts"
and "Also save as PDF"), and the notes as CSV or as an Excel workbook. Postponed and cancelled workshops start unchecked. The counts and
warnings follow the checkboxes; the file name comes through the Dialogs seam;
the document is written on a worker thread with a busy bar, and afterwards
"Open document" opens it in the word processor.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from facilitator.models import Workshop
from facilitator.names import counted
from facilitator.reports.csv_export import export_notes_csv
from facilitator.reports.docx_writer import export_report
from facilitator.reports.gather import build_report, programme_workshops
from facilitator.reports.model import Report
from facilitator.reports.xlsx_export import export_notes_xlsx
from ui.announce import announce, show_status
from ui.context import AppContext
from ui.reports.dialog_parts import template_label, workshop_list
from ui.reports.privacy_check import PersonalDataCheck
from ui.reports.worker import ExportWorker

DOCX, CSV, XLSX = "docx", "csv", "xlsx"
TITLES = {DOCX: "Export summary", CSV: "Export notes (CSV)", XLSX: "Export notes (Excel)"}


def safe_file_name(text: str) -> str:
    cleaned = "".join("-" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in text)
    return cleaned.strip(" .") or "export"


class ExportDialog(PersonalDataCheck):
    # Made by _build_options and _build_buttons:
    charts_box: QCheckBox
    pdf_box: QCheckBox
    action_plan_box: QCheckBox
    assets_box: QCheckBox
    export_button: QPushButton
    open_button: QPushButton
    close_button: QPushButton

    def __init__(
        self,
        context: AppContext,
        programme_id: str,
        *,
        kind: str = DOCX,
        checked_ids: list[str] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.kind = kind
        self.programme = self.store.get_programme(programme_id)
        self.workshops = programme_workshops(self.store, self.programme)
        self.saved_path: Path | None = None
        self.worker: ExportWorker | None = None
        self.report: Report | None = None
        #: The warnings last shown (None until the first are: those are not announced).
        self._warnings_shown: list[str] | None = None
        docx_kind = kind == DOCX
        self.setObjectName("exportDialog")
        self.setWindowTitle(TITLES[kind])
        self.setMinimumWidth(560)

        heading = QLabel(f"<b>{self.programme.title}</b><br>Include these workshops:")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.list = workshop_list(self.workshops, self.store.note_counts(), checked_ids)
        self.list.itemChanged.connect(self._on_selection_changed)

        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setWordWrap(True)
        self.warnings_label = QLabel()
        self.warnings_label.setObjectName("warningsLabel")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextFormat(Qt.TextFormat.RichText)
        self.template_label = template_label(context.settings.template_path, docx_kind)
        privacy_buttons = self.build_privacy_check()
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        options = self._build_options(docx_kind)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: python-docx gives no percentage
        self.progress.setVisible(False)
        self.progress.setAccessibleName("Export progress")
        buttons = self._build_buttons()

        self._lay_out(heading, privacy_buttons, options, buttons)
        self._on_selection_changed()

    def _lay_out(self, heading: QLabel, privacy_buttons: QHBoxLayout, options: QHBoxLayout,
                 buttons: QHBoxLayout) -> None:
        """The workshops; what the report holds and its warnings; the personal-data check;
        the template and options; the progress and outcome; the buttons."""
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.privacy_label)
        layout.addWidget(self.privacy_list)
        layout.addLayout(privacy_buttons)
        layout.addWidget(self.template_label)
        layout.addLayout(options)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)

    def _build_options(self, docx_kind: bool) -> QHBoxLayout:
        """The Summary's options in a row: charts, PDF, the action plan, the assets section
        (hidden for the CSV and Excel exports)."""
        self.charts_box = QCheckBox("C&harts in the Summary")
        self.charts_box.setObjectName("chartsBox")
        self.charts_box.setChecked(True)
        self.charts_box.setToolTip("Bar charts of the top WHO themes and of HOW ideas by support "
                                   "area, each with alt text; the same figures are in tables")
        self.pdf_box = QCheckBox("Also save as &PDF")
        self.pdf_box.setObjectName("pdfBox")
        self.pdf_box.setToolTip("A tagged (accessible) PDF beside the Word file, made with "
                                "LibreOffice (it must be installed)")
        self.action_plan_box = QCheckBox("Add the action plan (Appendi&x A)")
        self.action_plan_box.setObjectName("actionPlanBox")
        self.action_plan_box.setToolTip(
            "End with the programme's action plan: a table of actions per priority, on "
            "landscape pages (View ▸ Action plan in the library window edits it)")
        self.assets_box = QCheckBox("Community &assets section")
        self.assets_box.setObjectName("assetsBox")
        self.assets_box.setToolTip("Counts of the programme's community assets by category and "
                                   "place, then its asset register grouped by category")
        options = QHBoxLayout()
        options.addWidget(self.charts_box)
        options.addWidget(self.pdf_box)
        options.addWidget(self.action_plan_box)
        options.addWidget(self.assets_box)
        options.addStretch(1)
        for box in (self.charts_box, self.pdf_box, self.action_plan_box, self.assets_box):
            box.setVisible(docx_kind)
        self.assets_box.toggled.connect(lambda _on: self._show_warnings())
        return options

    def _build_buttons(self) -> QHBoxLayout:
        """Export, Open (once saved), and Close."""
        self.export_button = QPushButton(
            {DOCX: "&Export…", CSV: "&Export CSV…", XLSX: "&Export Excel…"}[self.kind]
        )
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.open_button = QPushButton("&Open document" if self.kind == DOCX else "&Open file")
        self.open_button.setObjectName("openButton")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_document)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(buttons)
        return row

    # -------------------------------------------------------------- selection
    def checked_workshops(self) -> list[Workshop]:
        ids = [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        return [w for w in self.workshops if w.id in ids]

    def _on_selection_changed(self, *_args) -> None:
        chosen = self.checked_workshops()
        self.export_button.setEnabled(bool(chosen) and self.worker is None)
        if not chosen:
            self.report = None
            self.counts_label.setText("Choose at least one workshop.")
            self.warnings_label.setText("")
            self._say_warnings([])
            self.check_personal_data()
            return
        try:
            self.report = build_report(self.store, self.programme, chosen)
        except Exception as exc:  # noqa: BLE001 - e.g. a format missing from the library
            self.report = None
            self.counts_label.setText(str(exc))
            self.export_button.setEnabled(False)
            return
        counts = ", ".join(f"{title}: {n}" for title, n in self.report.section_counts())
        total = self.report.note_count
        held = len(self.report.counted_codes)
        left_out = [w.code for w in chosen if w.code not in self.report.counted_codes]
        self.counts_label.setText(
            f"{counted(held, 'workshop')}, {counted(total, 'note')} ({counts})"
            + (f"; not counted (did not take place): {', '.join(left_out)}" if left_out else "")
        )
        self._show_warnings()
        self.check_personal_data()

    def _show_warnings(self) -> None:
        """The report's warnings, with the asset register's contact-details check when its
        section is ticked, or for the Excel workbook (its Assets sheet), so they are seen
        before exporting, not after."""
        report = getattr(self, "report", None)
        if report is None:
            return
        warnings = list(report.warnings)
        if self.assets_box.isChecked() or self.kind == XLSX:
            from facilitator.reports.assets_section import connector_warnings

            warnings += [w for w in connector_warnings(self.store, self.programme)
                         if w not in warnings]
        self.warnings_label.setText(
            "<br>".join(f"⚠ {escape(w)}" for w in warnings)
        )
        self.warnings_label.setAccessibleDescription(" ".join(warnings))
        self._say_warnings(list(warnings))

    def _say_warnings(self, warnings: list[str]) -> None:
        """A warning that appears or goes as workshops are ticked is announced (the label
        under the counts is otherwise silent); the dialog's first warnings are not."""
        before, self._warnings_shown = self._warnings_shown, warnings
        if before is None:
            return
        added = [w for w in warnings if w not in before]
        gone = [w for w in before if w not in warnings]
        if added:
            announce(self.warnings_label, " ".join(f"Warning: {w}" for w in added))
        elif gone:
            announce(self.warnings_label, " ".join(f"No longer a warning: {w}" for w in gone))

    # ----------------------------------------------------------------- export
    def suggested_path(self) -> str:
        chosen = self.checked_workshops()
        if self.kind == CSV:
            name = f"{self.programme.title} - notes.csv"
        elif self.kind == XLSX:
            name = f"{self.programme.title} - notes.xlsx"
        elif len(chosen) == 1:
            name = f"{self.programme.title} - {chosen[0].code} summary.docx"
        else:
            name = f"{self.programme.title} - Summary of Results.docx"
        folder = Path.home() / "Documents"
        return str((folder if folder.is_dir() else Path.home()) / safe_file_name(name))

    def export(self) -> None:
        chosen = self.checked_workshops()
        if not chosen or self.worker is not None:
            return
        if self.kind == CSV:
            target = self.context.dialogs.save_file(
                self, "Export notes as CSV", "CSV files (*.csv)", self.suggested_path()
            )
        elif self.kind == XLSX:
            target = self.context.dialogs.save_file(
                self, "Export notes as Excel", "Excel workbooks (*.xlsx)", self.suggested_path()
            )
        else:
            target = self.context.dialogs.save_file(
                self, "Export summary", "Word documents (*.docx)", self.suggested_path()
            )
        if target is None:
            return
        target = Path(target)
        suffix = "." + self.kind
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        if self.kind in (CSV, XLSX):
            self._export_table(target, chosen)
        else:
            self._export_docx(target)

    def _export_table(self, target: Path, chosen) -> None:
        write = export_notes_csv if self.kind == CSV else export_notes_xlsx
        try:
            count = write(self.store, self.programme, target, chosen)
        except Exception as exc:  # noqa: BLE001 - ExportError, LibraryError
            self._on_failed(str(exc))
            return
        self._on_succeeded(str(target), counted(count, "note"))

    def _export_docx(self, target: Path) -> None:
        report = self.report
        if report is None:
            return
        template = self.context.settings.template_path
        charts, pdf = self.charts_box.isChecked(), self.pdf_box.isChecked()
        report.community_assets = None
        if self.assets_box.isChecked():
            from facilitator.reports.gather import add_assets_section

            add_assets_section(self.store, self.programme, report)
        if self.action_plan_box.isChecked():
            import dataclasses

            from facilitator.reports.action_plan import gather_action_plan

            report = dataclasses.replace(
                report, action_plan=gather_action_plan(self.store, self.programme.id))
        self._set_busy(True, f"Writing {target.name}…")
        self._notes: list[str] = []

        def job(progress):
            result = export_report(report, target, template, progress, charts=charts, pdf=pdf)
            self._notes = list(result.notes) + ([f"PDF: {result.pdf}"] if result.pdf else [])
            return result.path

        self.worker = ExportWorker(job, self)
        self.worker.progress.connect(self.status_label.setText)
        self._what = counted(report.note_count, "note")
        self._outcome: tuple[str, str] | None = None
        self.worker.succeeded.connect(self._on_docx_saved)
        self.worker.failed.connect(self._on_docx_failed)
        self.worker.finished.connect(self._on_worker_finished)
        self.worker.start()

    def _on_docx_saved(self, path: str) -> None:
        self._outcome = ("saved", path)

    def _on_docx_failed(self, message: str) -> None:
        self._outcome = ("failed", message)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.progress.setVisible(busy)
        self.list.setEnabled(not busy)
        self.export_button.setEnabled(not busy and bool(self.checked_workshops()))
        self.close_button.setEnabled(not busy)
        if text:
            self.status_label.setText(text)

    def _on_worker_finished(self) -> None:
        """The worker's result, acted on once the thread is done (one place, in order)."""
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        self._set_busy(False)
        outcome, self._outcome = self._outcome, None
        if outcome is None:
            self._on_failed("The export stopped unexpectedly; nothing was saved.")
        elif outcome[0] == "saved":
            self._on_succeeded(outcome[1], self._what)
            if self._notes:
                self.status_label.setText(
                    self.status_label.text() + "\n" + "\n".join(self._notes)
                )
        else:
            self._on_failed(outcome[1])

    def _on_succeeded(self, path: str, what: str) -> None:
        self.saved_path = Path(path)
        show_status(self.status_label, f"Saved {what} to {path}")
        self.open_button.setEnabled(True)
        self.open_button.setFocus()

    def _on_failed(self, message: str) -> None:
        show_status(self.status_label, "Not saved.", assertive=True)
        self.context.dialogs.error(self, self.windowTitle(), message)

    def open_document(self) -> None:
        if self.saved_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_path)))

    def reject(self) -> None:
        if self.worker is not None:  # let the file finish; the window stays usable
            self.status_label.setText("Still saving; this dialog closes when it is done.")
            return
        super().reject()
