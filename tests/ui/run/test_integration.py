"""The other developer's widgets inside the run window: timer, presenter (F5), photos."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from tests.ui.run.helpers import CTRL, SHIFT, make_workshop, open_run, type_note


def test_the_timer_sits_in_the_header_and_its_keys_work_while_typing(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    assert window.timer is not None
    assert window.header.isAncestorOf(window.timer)
    qtbot.keyClicks(window.capture.box, "half a no")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_T, CTRL)
    assert window.timer.running
    assert window.capture.box.toPlainText() == "half a no"
    assert QApplication.focusWidget() is window.capture.box


def test_f5_opens_the_presenter_which_follows_the_step_and_f5_again_closes_it(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F5)
    presenter = window.presenter
    assert presenter is not None and presenter.isVisible()
    qtbot.addWidget(presenter)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    type_note(qtbot, window, "Lonely older people")
    assert presenter.wall.total == 1
    qtbot.keyClick(window.capture.box, Qt.Key.Key_PageDown, CTRL)
    assert "WHAT" in presenter.question_label.text()
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F5)
    assert not presenter.isVisible()
    assert window.presenter is None


def test_attached_photos_show_under_the_board_and_type_up_borrows_the_capture_box(
        qtbot, context, dialogs, awkward_dir):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    assert window.photo_strip is not None and window.photo_strip.isHidden()
    photo = awkward_dir / "Wall photo é.png"
    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#fff3b0"))
    assert image.save(str(photo))
    dialogs.file_answers = [[photo]]
    qtbot.keyClick(window.capture.box, Qt.Key.Key_O, CTRL | SHIFT)
    qtbot.waitUntil(lambda: not window.photo_strip.isHidden(), timeout=10_000)
    assert window.photo_strip.list.count() == 1

    qtbot.keyClick(window.capture.box, Qt.Key.Key_P, CTRL | SHIFT)
    view = window.photos_view
    assert view is not None and view.isVisible()
    assert view.isAncestorOf(window.capture.box)
    qtbot.keyClicks(window.capture.box, "Typed up from the photo")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_Return)
    assert [n.text for n in context.store.notes()] == ["Typed up from the photo"]
    view.close()
    assert window.isAncestorOf(window.capture.box)
