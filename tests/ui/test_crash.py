"""An unhandled exception: a dialog says the notes are safe and where the log is; nothing is sent."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton

from facilitator import logs
from ui.crash import crash_details, install_excepthook
from ui.crash_dialog import CrashDialog


class CrashDialogs:
    def __init__(self) -> None:
        self.crashes: list[tuple[str, object]] = []

    def crash(self, parent, details, log_path):
        self.crashes.append((details, log_path))


@pytest.fixture
def log_file(tmp_path):
    path = logs.setup_logging(tmp_path / "logs")
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == logs.HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def hook(qapp):
    handlers = []

    def install(target):
        handler = install_excepthook(target)
        handlers.append(handler)
        return handler

    yield install
    for handler in handlers:
        handler.uninstall()


def _raise_in_a_slot(qtbot):
    button = QPushButton("Boom")
    qtbot.addWidget(button)

    def explode():
        raise RuntimeError("the theme list went wrong")

    button.clicked.connect(explode)
    button.click()


# pytest-qt would catch the exception in the slot itself: here our hook must see it.
@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_dialog_and_is_logged(qtbot, hook, log_file, context):
    dialogs = CrashDialogs()
    context.dialogs = dialogs
    hook(context)  # an AppContext works, as does a Dialogs
    _raise_in_a_slot(qtbot)
    assert len(dialogs.crashes) == 1
    details, path = dialogs.crashes[0]
    assert "RuntimeError: the theme list went wrong" in details
    assert "Workshop Facilitator" in details
    assert path == log_file
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "the theme list went wrong" in log_file.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_a_notes_text_quoted_in_an_error_is_not_written_to_the_log(qtbot, hook, log_file):
    dialogs = CrashDialogs()
    hook(dialogs)
    button = QPushButton("Group")
    qtbot.addWidget(button)

    notes = ["Mrs Patel at number 4 needs a lift", "Lonely since her husband died"]

    def group_notes():
        themes = {}
        try:
            themes[notes[0]].append(1)
        except KeyError as exc:
            raise ValueError(f'cannot group "{notes[1]}"') from exc

    button.clicked.connect(group_notes)
    button.click()
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "KeyError" in logged and "ValueError: cannot group" in logged
    assert "group_notes" in logged  # where it happened is kept
    assert "Mrs Patel" not in logged and "Lonely" not in logged
    assert "<34 characters>" in logged
    details, _path = dialogs.crashes[0]
    assert "Mrs Patel" in details  # the user sees it before choosing to copy it


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_shown_from_the_main_thread(qtbot, hook, qapp):
    import threading

    shown_on = []

    class Recording(CrashDialogs):
        def crash(self, parent, details, log_path):
            super().crash(parent, details, log_path)
            shown_on.append(threading.current_thread() is threading.main_thread())

    dialogs = Recording()
    hook(dialogs)

    def export():
        raise OSError("disk full while writing the report")

    worker = threading.Thread(target=export)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(dialogs.crashes) == 1)
    assert "OSError: disk full while writing the report" in dialogs.crashes[0][0]
    assert shown_on == [True]


def test_keyboard_interrupt_goes_to_the_previous_hook(hook, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *args: seen.append(args[0]))
    dialogs = CrashDialogs()
    handler = hook(dialogs)
    handler(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]
    assert dialogs.crashes == []


def test_a_crash_while_the_dialog_is_showing_does_not_loop(hook, capsys):
    class Reentrant(CrashDialogs):
        def crash(self, parent, details, log_path):
            super().crash(parent, details, log_path)
            if len(self.crashes) == 1:
                handler(ValueError, ValueError("second"), None)

    dialogs = Reentrant()
    handler = hook(dialogs)
    handler(ValueError, ValueError("first"), None)
    assert len(dialogs.crashes) == 1
    assert "ValueError: second" in capsys.readouterr().err


def test_dialog_says_notes_are_safe_where_the_log_is_and_copies_details(qtbot, tmp_path):
    try:
        raise KeyError("workshop W3")
    except KeyError:
        details = crash_details(*sys.exc_info())
    log_path = tmp_path / "Área" / "workshop-facilitator.log"
    dialog = CrashDialog(details, log_path)
    qtbot.addWidget(dialog)
    dialog.show()
    message = dialog.message.text()
    assert "Your notes are safe" in message
    assert str(log_path) in message
    assert "Nothing has been sent anywhere" in message
    assert "KeyError: 'workshop W3'" in dialog.details_view.toPlainText()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(dialog.copy_button, qtbot_left())
    assert QGuiApplication.clipboard().text() == details
    assert dialog.copied_label.text().startswith("Copied")


def test_without_a_stub_the_real_dialog_opens_and_closes(qtbot, hook, qapp):
    from ui.dialogs import Dialogs

    handler = hook(Dialogs())
    seen = []

    def close_it():
        dialog = qapp.activeModalWidget()
        seen.append(dialog)
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(0, close_it)
    handler(ZeroDivisionError, ZeroDivisionError("division by zero"), None)
    assert isinstance(seen[0], CrashDialog)


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_help_opens_the_log_folder_locally(qtbot, context, log_file):
    from ui.main_window import MainWindow
    from ui.preferences import PreferencesFeature

    window = MainWindow(context)
    qtbot.addWidget(window)
    opened = []
    window.findChild(PreferencesFeature).opener = opened.append
    from PySide6.QtGui import QAction

    window.findChild(QAction, "Open the log folder").trigger()
    assert len(opened) == 1
    assert opened[0].isLocalFile()
    assert opened[0].toLocalFile() == str(log_file.parent)


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_the_whole_message_and_log_path_show_at_larger_text(qtbot, qapp, scale):
    from PySide6.QtGui import QFont

    from ui.app import apply_text_scale

    font = QFont(qapp.font())
    apply_text_scale(qapp, scale)
    try:
        log_path = (r"C:\Users\facilitator\AppData\Local\Workshop Facilitator"
                    r"\Workshop Facilitator\Logs\workshop-facilitator.log")
        dialog = CrashDialog("RuntimeError: boom", log_path)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        label = dialog.message
        assert label.height() >= label.heightForWidth(label.width()), f"cut off at {scale}x"
    finally:
        qapp.setFont(font)


def test_a_log_path_with_markup_characters_is_shown_as_text(qtbot, tmp_path):
    log_path = tmp_path / "Smith & Jones <IT>" / "workshop-facilitator.log"
    dialog = CrashDialog("RuntimeError: boom", log_path)
    qtbot.addWidget(dialog)
    assert "Smith &amp; Jones &lt;IT&gt;" in dialog.message.text()
