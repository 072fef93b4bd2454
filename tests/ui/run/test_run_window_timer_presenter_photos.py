"""The timer, presenter and photos inside the real run window, driven from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from facilitator.store.photos import PhotoStore
from tests.ui.run.helpers import ALT, CTRL, SHIFT, card_texts, make_workshop, open_run, type_note
from ui.run.presenter import PresenterWindow
from ui.run.typeup import TypeUpView


def presenter_texts(presenter: PresenterWindow) -> list[str]:
    return [presenter.wall.text_of(i) for i in presenter.wall.note_ids]


def test_f5_presenter_follows_typing_steps_and_the_timer(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    assert window.timer is not None
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F5)
    presenter = window.presenter
    assert isinstance(presenter, PresenterWindow)
    qtbot.addWidget(presenter)
    qtbot.waitExposed(presenter)
    assert presenter.face.countdown is window.timer.countdown  # one timer, two views

    type_note(qtbot, window, "Older people living alone")
    assert presenter_texts(presenter) == ["Older people living alone"]
    qtbot.keyClick(window.capture.box, Qt.Key.Key_2, ALT)
    assert presenter.question_label.text() == "WHAT could communities possibly do...?"
    assert presenter_texts(presenter) == []
    type_note(qtbot, window, "A lunch club")
    assert presenter_texts(presenter) == ["A lunch club"]

    qtbot.keyClick(window.capture.box, Qt.Key.Key_T, CTRL)
    assert window.timer.running
    assert QApplication.focusWidget() is window.capture.box

    qtbot.keyClick(window.capture.box, Qt.Key.Key_F5)  # F5 again closes it
    assert window.presenter is None


def write_wall(path) -> None:
    image = QImage(1200, 900, QImage.Format.Format_RGB32)
    image.fill(QColor("#fff176"))
    assert image.save(str(path), "JPEG", 85)


def test_type_up_the_wall_with_the_run_windows_capture_box(qtbot, context, awkward_dir):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_P, CTRL | SHIFT)
    view = window.photos_view
    assert isinstance(view, TypeUpView)
    qtbot.waitExposed(view)
    assert window.capture.window() is view  # borrowed
    assert window.findChild(QWidget, "captureBorrowed") is not None

    path = awkward_dir / "Mur é.jpg"
    write_wall(path)
    with qtbot.waitSignal(view.strip.attach_finished, timeout=20000):
        view.strip.attach_files([path])
    assert view.caption.text() == "Mur é.jpg (1 of 1)"

    with qtbot.waitActive(view):
        view.activateWindow()
    view.focus_capture()
    qtbot.waitUntil(window.capture.box.hasFocus)
    type_note(qtbot, window, "Lift share to the surgery")
    assert card_texts(window) == ["Lift share to the surgery"]
    assert window.capture.box.toPlainText() == ""
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, CTRL)  # undo works in this window too
    assert card_texts(window) == []
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, CTRL)
    assert PhotoStore(context.store).photos(window.session.workshop_id) == []
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Z, CTRL | SHIFT)
    assert len(PhotoStore(context.store).photos(window.session.workshop_id)) == 1

    qtbot.keyClick(window.capture.box, Qt.Key.Key_W, CTRL)
    qtbot.waitUntil(lambda: window.capture.window() is window)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "captureBorrowed") is None)
    assert window.capture.isVisible()


def test_the_photo_strip_can_be_hidden_and_stays_hidden(qtbot, context, awkward_dir):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    strip = window.photo_strip
    path = awkward_dir / "Mur é.jpg"
    write_wall(path)
    with qtbot.waitSignal(strip.attach_finished, timeout=20000):
        strip.attach_files([path])
    qtbot.waitUntil(strip.isVisible)
    board_height = window.board.height()
    action = window.photo_strip_action
    assert action.isChecked()
    action.trigger()  # View ▸ Photo strip
    assert not strip.isVisible()
    qtbot.waitUntil(lambda: window.board.height() > board_height)  # the board gets the room
    assert context.settings.show_photo_strip is False
    window.close()

    again = open_run(qtbot, context, window.session.workshop_id)
    assert not again.photo_strip_action.isChecked()
    assert not again.photo_strip.isVisible()  # remembered
    again.photo_strip_action.trigger()
    qtbot.waitUntil(again.photo_strip.isVisible)
    assert context.settings.show_photo_strip is True
