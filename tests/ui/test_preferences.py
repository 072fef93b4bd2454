"""File ▸ Settings: defaults, template, text size, presenter screen, moving the library."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from facilitator.store import Store
from tests.ui.windows import show_main_window
from ui.preferences import PreferencesFeature
from ui.preferences.dialog import PreferencesDialog


@pytest.fixture
def window(qtbot, disk_context):
    app = QApplication.instance()
    font = QFont(app.font())
    yield show_main_window(qtbot, disk_context)
    app.setFont(font)  # the text size is application-wide: leave it as we found it


def open_settings(qtbot, window) -> PreferencesDialog:
    action = window.findChild(QAction, "Settings")
    assert action.shortcut().toString() == "Ctrl+,"
    action.trigger()
    feature = window.findChild(PreferencesFeature)
    qtbot.waitUntil(lambda: feature.dialog is not None and feature.dialog.isVisible())
    return feature.dialog


def click_ok(qtbot, dialog):
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_defaults_are_saved_on_ok_and_used_by_a_new_programme(qtbot, window, settings, dialogs):
    dialog = open_settings(qtbot, window)
    qtbot.keyClicks(dialog.facilitator_edit, "Sian O'Brien")
    dialog.facilitator_edit.insert(" (Siân – Cymraeg)")  # QTest types ASCII only: paste the rest
    qtbot.keyClicks(dialog.organisation_edit, "Rutland County Council")
    qtbot.keyClicks(dialog.area_edit, "Rutland")
    click_ok(qtbot, dialog)
    assert settings.facilitator_name == "Sian O'Brien (Siân – Cymraeg)"
    assert settings.organisation == "Rutland County Council"
    assert settings.area == "Rutland"
    dialogs.text_answers.append("Roadshows 2026")
    window.findChild(QAction, "New programme").trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    programme = window.store.programmes()[0]
    assert (programme.organisation, programme.area) == ("Rutland County Council", "Rutland")


def test_cancel_changes_nothing(qtbot, window, settings):
    settings.area = "Leicestershire"
    dialog = open_settings(qtbot, window)
    assert dialog.area_edit.text() == "Leicestershire"
    dialog.area_edit.clear()
    qtbot.keyClicks(dialog.area_edit, "Elsewhere")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert settings.area == "Leicestershire"


def test_text_size_applies_to_the_whole_interface(qtbot, window, settings):
    before = QApplication.font().pointSizeF()
    dialog = open_settings(qtbot, window)
    assert dialog.text_size_spin.value() == 100
    dialog.text_size_spin.setValue(150)
    click_ok(qtbot, dialog)
    assert settings.text_scale == 1.5
    assert QApplication.font().pointSizeF() == pytest.approx(before * 1.5, rel=0.02)


def test_presenter_screen_lists_the_screens(qtbot, window, settings):
    dialog = open_settings(qtbot, window)
    combo = dialog.screen_combo
    assert combo.count() == len(QGuiApplication.screens()) + 1
    assert combo.currentData() == -1
    assert combo.itemText(1).startswith("Screen 1:")
    combo.setCurrentIndex(1)
    click_ok(qtbot, dialog)
    assert settings.presenter_screen == 0


def test_a_screen_no_longer_connected_stays_chosen(qtbot, window, settings):
    settings.presenter_screen = 5
    dialog = open_settings(qtbot, window)
    assert dialog.screen_combo.currentText() == "Screen 6 (not connected now)"
    click_ok(qtbot, dialog)
    assert settings.presenter_screen == 5


def test_a_word_template_is_checked_before_it_is_kept(qtbot, window, settings, dialogs, awkward_dir):
    import docx

    good = awkward_dir / "Council template é.docx"
    document = docx.Document()
    document.add_paragraph("Leicestershire County Council")
    document.save(str(good))
    bad = awkward_dir / "not really.docx"
    bad.write_text("this is not a Word file")
    dialog = open_settings(qtbot, window)
    assert "built-in" in dialog.template_label.text()
    assert not dialog.builtin_template_button.isEnabled()

    dialogs.file_answers.append(bad)
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.errors) == 1 and "not really.docx" in dialogs.errors[0]
    assert dialog.template_path is None

    dialogs.file_answers.append(good)
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    assert dialog.template_path == good
    assert "Council template é.docx" in dialog.template_label.text()
    click_ok(qtbot, dialog)
    assert settings.template_path == good

    dialog = open_settings(qtbot, window)
    qtbot.mouseClick(dialog.builtin_template_button, Qt.MouseButton.LeftButton)
    click_ok(qtbot, dialog)
    assert settings.template_path is None


def test_a_dotm_gets_a_hint_and_a_dotx_is_accepted(qtbot, window, dialogs, settings, tmp_path):
    dotm = tmp_path / "Council.dotm"
    dotm.write_bytes(b"PK")
    dialog = open_settings(qtbot, window)
    dialogs.file_answers.append(dotm)
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    assert "Word Template (.dotx)" in dialogs.errors[0]
    import docx

    from tests.facilitator.reports.test_template import DOCUMENT_TYPE, TEMPLATE_TYPE, _relabel

    docx.Document().save(str(tmp_path / "plain.docx"))
    dotx = _relabel(tmp_path / "plain.docx", tmp_path / "Council.dotx", DOCUMENT_TYPE, TEMPLATE_TYPE)
    dialogs.file_answers.append(dotx)
    qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.errors) == 1
    click_ok(qtbot, dialog)
    assert settings.template_path == dotx


def test_moving_the_library_copies_checks_and_closes(qtbot, window, settings, dialogs, awkward_dir, disk_context):
    from facilitator.demo import load_demo

    load_demo(window.store)
    old = window.store.path
    destination = awkward_dir / "OneDrive – Council" / "Workshops library"
    dialog = open_settings(qtbot, window)
    assert str(old) in dialog.library_label.text()
    dialogs.file_answers.append(destination)
    dialogs.confirm_answers.append(True)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    moved = destination.with_suffix(".wfdb")
    assert dialogs.errors == []
    assert settings.library_path == moved
    assert "copied" in dialogs.infos[-1] and str(old) in dialogs.infos[-1]
    qtbot.waitUntil(lambda: not window.isVisible())
    copy = Store.open(moved, create=False)
    try:
        assert len(copy.programmes()) == 1
        assert sum(copy.note_counts().values()) == sum(disk_context.store.note_counts().values())
    finally:
        copy.close()
    assert old.exists()  # the old file stays as a backup


def test_declining_the_move_changes_nothing(qtbot, window, settings, dialogs, awkward_dir):
    dialog = open_settings(qtbot, window)
    dialogs.file_answers.append(awkward_dir / "elsewhere.wfdb")
    dialogs.confirm_answers.append(False)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert settings.library_path is None
    assert not (awkward_dir / "elsewhere.wfdb").exists()
    assert window.isVisible()


def test_moving_onto_an_existing_file_is_refused(qtbot, window, settings, dialogs, awkward_dir):
    existing = awkward_dir / "someone else.wfdb"
    existing.write_bytes(b"keep me")
    dialog = open_settings(qtbot, window)
    dialogs.file_answers.append(existing)
    dialogs.confirm_answers.append(True)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    assert "already exists" in dialogs.errors[0]
    assert existing.read_bytes() == b"keep me"
    assert settings.library_path is None
    assert window.isVisible() and dialog.isVisible()


def test_using_another_library_is_checked_then_kept_for_next_start(qtbot, window, settings, dialogs, awkward_dir, builtin_formats):
    from facilitator.library import open_library

    other = awkward_dir / "Team library.wfdb"
    open_library(other, builtin_formats).close()
    not_ours = awkward_dir / "notes.txt"
    not_ours.write_text("hello")
    dialog = open_settings(qtbot, window)
    dialogs.file_answers.append(not_ours)
    qtbot.mouseClick(dialog.use_existing_button, Qt.MouseButton.LeftButton)
    assert "notes.txt" in dialogs.errors[0]
    assert settings.library_path is None
    dialogs.file_answers.append(other)
    qtbot.mouseClick(dialog.use_existing_button, Qt.MouseButton.LeftButton)
    assert settings.library_path == other
    assert "From the next start" in dialog.library_label.text()
    assert "Team library.wfdb" in dialog.library_label.text()


def test_every_alt_key_in_settings_is_its_own(qtbot, window):
    """A shared Alt key (Use another library file and Area, both Alt+A) only moves the focus
    between the two, so the button could not be pressed from the keyboard."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton, QLabel

    dialog = open_settings(qtbot, window)
    texts = [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts += [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    keys = [QKeySequence.mnemonic(t).toString() for t in texts]
    keys = [k for k in keys if k]
    assert len(keys) >= 9
    assert len(keys) == len(set(keys)), sorted(zip(keys, texts, strict=True))
    dialog.reject()


def test_a_template_that_has_gone_is_shown_as_not_found(qtbot, window, settings, awkward_dir):
    gone = awkward_dir / "Council house style.docx"
    settings.template_path = gone
    dialog = open_settings(qtbot, window)
    assert "Council house style.docx" in dialog.template_label.text()
    assert "Not found" in dialog.template_label.text()
    assert dialog.builtin_template_button.isEnabled()
    dialog.reject()
