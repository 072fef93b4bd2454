"""Export summary… and Export notes (CSV)… driven as a user would, with scripted dialogs."""

from __future__ import annotations

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from facilitator.demo import load_demo
from tests.ui.transfer.helpers import join_worker_threads
from tests.ui.windows import show_main_window
from ui.reports import export_workshop_summary
from ui.reports.dialog import ExportDialog

TITLE = "Communities Strategy Delivery Planning Workshops 2015"


@pytest.fixture(autouse=True)
def _join_worker_threads(qtbot):
    """No export's writer thread outlives its test."""
    yield
    join_worker_threads()


@pytest.fixture
def window(qtbot, context):
    load_demo(context.store)
    return show_main_window(qtbot, context)


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


def trigger(window, name):
    action = next(a for a in window.actions() if a.objectName() == name)
    action.trigger()
    return window.export_dialog


def items(dialog: ExportDialog):
    return [dialog.list.item(i) for i in range(dialog.list.count())]


def checked_codes(dialog):
    return [i.text().split(" · ")[0] for i in items(dialog) if i.checkState() == Qt.CheckState.Checked]


def test_export_summary_from_the_file_menu(qtbot, window, context, dialogs, awkward_dir, opened):
    assert "Export summary" in [a.text().replace("&", "").rstrip("…") for a in window.menus["file"].actions()]
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    assert checked_codes(dialog) == ["W1", "W2", "W4", "W5", "W6", "W7"]  # W3 postponed: unchecked
    assert "Postponed" in items(dialog)[2].text()
    assert dialog.counts_label.text() == "6 workshops, 96 notes (WHO: 25, WHAT: 26, HOW: 35, W7: 10)"
    assert "2 HOW notes are not yet sorted" in dialog.warnings_label.text()
    target = awkward_dir / "Summary é"  # no extension typed: .docx is added
    dialogs.file_answers.append(target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10000)
    saved = awkward_dir / "Summary é.docx"
    assert dialog.saved_path == saved
    assert str(saved) in dialog.status_label.text()
    assert docx.Document(str(saved)).paragraphs[0].text == TITLE
    assert not dialog.progress.isVisible()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(saved)]
    assert opened[0].isLocalFile()


def test_unchecking_a_workshop_updates_counts_and_the_document(qtbot, window, dialogs, awkward_dir):
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    items(dialog)[0].setCheckState(Qt.CheckState.Unchecked)  # W1
    assert dialog.counts_label.text().startswith("5 workshops, 79 notes (WHO: 20,")
    dialogs.file_answers.append(awkward_dir / "no W1.docx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10000)
    texts = [p.text for p in docx.Document(str(awkward_dir / "no W1.docx")).paragraphs]
    assert "Aggregated across 4 workshops: W2, W4, W5, W6." in texts
    for item in items(dialog):
        item.setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.export_button.isEnabled()
    assert dialog.counts_label.text() == "Choose at least one workshop."


def test_failed_export_names_the_file_and_writes_nothing(qtbot, window, dialogs, awkward_dir):
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    target = awkward_dir / "missing folder" / "report.docx"
    dialogs.file_answers.append(target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10000)
    assert str(target) in dialogs.errors[0]
    assert not target.exists()
    qtbot.waitUntil(lambda: dialog.worker is None)
    assert dialog.export_button.isEnabled() and not dialog.open_button.isEnabled()


def test_cancelling_the_file_dialog_writes_nothing(qtbot, window, dialogs, awkward_dir):
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)  # no answer: cancelled
    assert dialog.worker is None and dialog.saved_path is None
    assert list(awkward_dir.iterdir()) == []


def test_export_runs_on_a_worker_with_a_busy_bar(qtbot, window, dialogs, awkward_dir):
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    dialogs.file_answers.append(awkward_dir / "r.docx")
    dialog.export()
    assert dialog.worker is not None  # started, the window's event loop keeps running
    assert not dialog.progress.isHidden() and not dialog.list.isEnabled()
    assert not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    assert dialog.progress.isHidden() and dialog.list.isEnabled()


def test_export_notes_csv(qtbot, window, dialogs, awkward_dir, opened):
    dialog = trigger(window, "Export notes (CSV)")
    qtbot.addWidget(dialog)
    dialogs.file_answers.append(awkward_dir / "notes.csv")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled())
    lines = (awkward_dir / "notes.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 97 and lines[0].startswith("Programme,Workshop,Step,Question,Note")
    assert "96 notes" in dialog.status_label.text()


def test_selected_workshops_in_the_tree_are_the_ones_checked(qtbot, window, context):
    ids = {w.code: w.id for w in context.store.workshops()}
    model = window.model
    programme = model.item(0, 0)
    viewport = window.tree.viewport()
    for row, modifier in ((1, Qt.KeyboardModifier.NoModifier), (3, Qt.KeyboardModifier.ControlModifier)):
        rect = window.tree.visualRect(model.indexFromItem(programme.child(row, 0)))
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, modifier, rect.center())
    assert window.selected_ids("workshop") == [ids["W2"], ids["W4"]]
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    assert checked_codes(dialog) == ["W2", "W4"]


def test_single_workshop_summary_for_the_run_screen(qtbot, window, context, dialogs, awkward_dir):
    w2 = next(w for w in context.store.workshops() if w.code == "W2")
    dialog = export_workshop_summary(window, context, w2.id)
    qtbot.addWidget(dialog)
    assert checked_codes(dialog) == ["W2"]
    assert dialog.windowTitle() == "Export summary of W2"
    assert dialog.suggested_path().endswith(f"{TITLE} - W2 summary.docx")
    dialogs.file_answers.append(awkward_dir / "W2 summary.docx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10000)
    document = docx.Document(str(awkward_dir / "W2 summary.docx"))
    assert document.paragraphs[1].text == "Workshop summary: W2"


def test_the_council_template_from_settings_is_used(qtbot, window, context, dialogs, awkward_dir):
    template = awkward_dir / "Council é.docx"
    council = docx.Document()
    council.styles["Normal"].font.name = "Georgia"
    council.save(str(template))
    context.settings.template_path = template
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    assert dialog.template_label.text() == f"Styles from: {template}"
    dialogs.file_answers.append(awkward_dir / "styled.docx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10000)
    assert docx.Document(str(awkward_dir / "styled.docx")).styles["Normal"].font.name == "Georgia"


def test_a_missing_template_is_reported_by_name(qtbot, window, context, dialogs, awkward_dir):
    missing = awkward_dir / "gone.docx"
    context.settings.template_path = missing
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    dialogs.file_answers.append(awkward_dir / "r.docx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10000)
    assert str(missing) in dialogs.errors[0]
    assert not (awkward_dir / "r.docx").exists()


def test_a_postponed_workshop_checked_is_listed_but_not_counted(qtbot, window, dialogs):
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    items(dialog)[2].setCheckState(Qt.CheckState.Checked)  # W3, postponed
    assert dialog.counts_label.text().startswith("6 workshops, 96 notes")
    assert dialog.counts_label.text().endswith("not counted (did not take place): W3")
    assert "W3 is postponed" in dialog.warnings_label.text()


def test_export_notes_excel_from_the_file_menu(qtbot, window, dialogs, awkward_dir, opened):
    import openpyxl

    dialog = trigger(window, "Export notes (Excel)")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Export notes (Excel)"
    assert not dialog.charts_box.isVisible() and not dialog.pdf_box.isVisible()
    dialogs.file_answers.append(awkward_dir / "notes")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    saved = awkward_dir / "notes.xlsx"
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10000)
    assert "96 notes" in dialog.status_label.text()
    assert openpyxl.load_workbook(saved)["Notes"].max_row == 97


def test_summary_without_charts_and_the_pdf_needs_libreoffice(qtbot, window, dialogs, awkward_dir):
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    assert dialog.charts_box.isChecked() and not dialog.pdf_box.isChecked()
    dialog.charts_box.setChecked(False)
    dialogs.file_answers.append(awkward_dir / "plain.docx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10000)
    document = docx.Document(str(awkward_dir / "plain.docx"))
    assert not document.element.body.xpath(".//wp:inline")
    assert "Word fills them in" in dialog.status_label.text()  # no LibreOffice in the tests
    dialog.pdf_box.setChecked(True)
    dialogs.file_answers.append(awkward_dir / "with pdf.docx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10000)
    assert "LibreOffice was not found" in dialogs.errors[0]
    assert not (awkward_dir / "with pdf.docx").exists()


def test_personal_data_check_lists_notes_to_edit_or_keep(qtbot, window, context, dialogs):
    from facilitator.models import Note

    store = context.store
    programme = next(p for p in store.programmes() if p.title == TITLE)
    w2 = store.find_workshops(programme.id, ["W2"])[0]
    [phone, title] = store.add_notes([
        Note(w2.id, "how", "Call Jo on 07700 900123 about the minibus"),
        Note(w2.id, "who", "Mrs Patel's neighbours"),
    ])
    dialog = trigger(window, "Export summary")
    qtbot.addWidget(dialog)
    assert dialog.privacy_label.text().startswith("⚠ 2 notes may hold personal data.")
    listed = [dialog.privacy_list.item(i).text() for i in range(dialog.privacy_list.count())]
    assert listed[0].startswith("W2 WHO: “Mrs Patel's neighbours” — a title and name: Mrs Patel")
    assert listed[1].startswith("W2 HOW: “Call Jo on 07700 900123")
    # Edit the phone number out (one undoable change) ...
    dialog.privacy_list.setCurrentRow(1)
    dialogs.text_answers.append("Call Jo about the minibus")
    qtbot.mouseClick(dialog.edit_note_button, Qt.MouseButton.LeftButton)
    assert store.get_note(phone.id).text == "Call Jo about the minibus"
    assert dialog.privacy_list.count() == 1
    # ... and keep the other as it is.
    dialog.privacy_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert dialog.privacy_label.text().startswith("Personal data check: nothing found")
    assert store.get_note(title.id).text == "Mrs Patel's neighbours"  # nothing changed for you
    context.undo_stack.undo()  # the mark is undoable
    dialog.check_personal_data()
    assert dialog.privacy_list.count() == 1
    # Names on the user's own list are looked for too.
    dialogs.text_answers.append("Jo, Sam Smith")
    qtbot.mouseClick(dialog.names_button, Qt.MouseButton.LeftButton)
    assert store.privacy_names() == ["Jo", "Sam Smith"]
    assert any("a name on your list: Jo" in dialog.privacy_list.item(i).text()
               for i in range(dialog.privacy_list.count()))
