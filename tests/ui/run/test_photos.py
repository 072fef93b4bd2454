"""Photos of the wall: attached in the background, kept after reopening, bad files named."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageIOHandler,
    QImageWriter,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from facilitator.library import open_library
from facilitator.store.photos import PhotoStore
from tests.ui.run.helpers import make_session
from tests.ui.windows import drop_on, files_dragged, show_active
from ui.run.photo_decode import image_from_bytes
from ui.run.photos import PhotoStrip
from ui.run.typeup import TypeUpView


def write_photo(path: Path, width: int = 1200, height: int = 900, *, rotate: bool = False) -> Path:
    """A JPEG like a photo of a wall of sticky notes."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#f4f1ea"))
    painter = QPainter(image)
    for i in range(12):
        painter.fillRect(40 + (i % 4) * (width // 4), 40 + (i // 4) * (height // 3),
                         width // 6, height // 5, QColor("#fff176"))
    painter.end()
    writer = QImageWriter(str(path), b"jpeg")
    if rotate:
        writer.setTransformation(QImageIOHandler.Transformation.TransformationRotate90)
    assert writer.write(image), writer.errorString()
    return path


@pytest.fixture
def strip(qtbot, session):
    widget = PhotoStrip(session)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.disconnect_store()


def attach(qtbot, strip, paths, timeout=20000) -> list[str]:
    with qtbot.waitSignal(strip.attach_finished, timeout=timeout) as blocker:
        strip.attach_files(paths)
    return blocker.args[0]


def test_attached_photo_is_there_after_reopening(qtbot, disk_context, awkward_dir,
                                                 library_path, builtin_formats):
    session = make_session(disk_context)
    strip = PhotoStrip(session)
    qtbot.addWidget(strip)
    source = write_photo(awkward_dir / "Mur de la salle des fêtes.jpg", 2400, 1800)
    ids = attach(qtbot, strip, [source])
    assert len(ids) == 1
    assert strip.photo_ids() == ids
    assert strip.list.item(0).text() == "Mur de la salle des fêtes.jpg"
    assert disk_context.dialogs.errors == []
    assert session.undo_stack.undoText() == "Attach photo “Mur de la salle des fêtes.jpg”"
    strip.disconnect_store()
    disk_context.library.close()

    reopened = open_library(library_path, builtin_formats)
    try:
        photos = PhotoStore(reopened.store)
        [photo] = photos.photos(session.workshop_id, "who")
        assert (photo.file_name, photo.media_type) == ("Mur de la salle des fêtes.jpg",
                                                       "image/jpeg")
        assert (photo.width, photo.height) == (2400, 1800)
        assert photos.original(photo.id) == source.read_bytes()  # the original, unchanged
        display = image_from_bytes(photos.display(photo.id))
        thumbnail = image_from_bytes(photos.thumbnail(photo.id))
        assert (display.width(), display.height()) == (1600, 1200)
        assert max(thumbnail.width(), thumbnail.height()) == 200
    finally:
        reopened.close()


def test_a_text_file_renamed_jpg_is_refused_by_name(qtbot, strip, session, context, awkward_dir):
    fake = awkward_dir / "Notes de réunion.jpg"
    fake.write_text("Tables 1-4: lunch club, befriending, lifts to the surgery\n")
    assert attach(qtbot, strip, [fake]) == []
    [message] = context.dialogs.errors
    assert "“Notes de réunion.jpg” is not an image" in message
    assert "only JPEG and PNG" in message
    assert strip.photo_ids() == []
    assert session.undo_stack.count() == 0
    assert PhotoStore(context.store).photos(session.workshop_id) == []


def test_a_truncated_jpeg_is_refused_and_the_good_ones_still_attach(
    qtbot, strip, context, awkward_dir
):
    good = write_photo(awkward_dir / "IMG 0041.jpg")
    whole = write_photo(awkward_dir / "whole.jpg").read_bytes()
    cut = awkward_dir / "IMG 0042.jpg"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    ids = attach(qtbot, strip, [good, cut])
    assert len(ids) == 1
    assert [strip.list.item(0).text()] == ["IMG 0041.jpg"]
    [message] = context.dialogs.errors
    assert "“IMG 0042.jpg” is incomplete" in message


def test_a_25_megapixel_photo_attaches_without_freezing_the_window(qtbot, strip, awkward_dir):
    big = QImage(5000, 5000, QImage.Format.Format_RGB32)
    big.fill(QColor("skyblue"))
    path = awkward_dir / "Wall 25 MP.jpg"
    assert big.save(str(path), "JPEG", 90)
    del big
    ticks = []
    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    with qtbot.waitSignal(strip.attach_finished, timeout=30000) as blocker:
        strip.attach_files([path])
        assert strip.busy  # attach_files returned at once: the reading is in a worker
        assert strip.status.text() == "Reading 1 photo…"
    heartbeat.stop()
    assert len(blocker.args[0]) == 1
    assert ticks  # the event loop kept running while the photo was read
    assert not strip.busy and strip.status.text() == ""
    photos = PhotoStore(strip.session.store)
    [photo] = photos.photos(strip.session.workshop_id)
    assert (photo.width, photo.height) == (5000, 5000)
    display = image_from_bytes(photos.display(photo.id))
    assert (display.width(), display.height()) == (1600, 1600)
    assert photos.original(photo.id) == path.read_bytes()


def test_the_cameras_rotation_is_applied(qtbot, strip, awkward_dir):
    path = write_photo(awkward_dir / "portrait.jpg", 800, 400, rotate=True)
    [photo_id] = attach(qtbot, strip, [path])
    photos = PhotoStore(strip.session.store)
    photo = photos.get_photo(photo_id)
    assert (photo.width, photo.height) == (400, 800)
    display = image_from_bytes(photos.display(photo_id))
    assert (display.width(), display.height()) == (400, 800)


def test_attach_undo_redo_and_delete(qtbot, strip, session, awkward_dir):
    paths = [write_photo(awkward_dir / f"wall {n}.jpg", 600, 400) for n in (1, 2)]
    ids = attach(qtbot, strip, paths)
    assert strip.photo_ids() == ids
    assert session.undo_stack.undoText() == "Attach 2 photos"
    session.undo_stack.undo()
    assert strip.photo_ids() == []
    session.undo_stack.redo()
    assert strip.photo_ids() == ids

    strip.list.setFocus()
    strip.list.item(0).setSelected(True)
    strip.delete_action.trigger()
    assert strip.photo_ids() == ids[1:]
    assert session.undo_stack.undoText() == "Delete photo “wall 1.jpg”"
    session.undo_stack.undo()
    assert strip.photo_ids() == ids


def test_move_a_photo_to_another_step_from_its_menu(qtbot, strip, session, awkward_dir):
    [photo_id] = attach(qtbot, strip, [write_photo(awkward_dir / "how wall.jpg", 300, 200)])
    strip.list.item(0).setSelected(True)
    rect = strip.list.visualItemRect(strip.list.item(0))
    strip.list.customContextMenuRequested.emit(rect.center())
    move = next(a.menu() for a in strip._menu.actions() if a.menu() is not None)
    assert [a.text() for a in move.actions()] == ["WHAT", "HOW"]
    move.actions()[1].trigger()
    assert strip.photo_ids() == []
    assert PhotoStore(session.store).get_photo(photo_id).step_key == "how"
    assert session.undo_stack.undoText() == "Move photo “how wall.jpg” to HOW"
    session.undo_stack.undo()
    assert strip.photo_ids() == [photo_id]
    strip._menu.close()


def test_attach_through_the_dialog_and_by_dropping_files(qtbot, strip, context, awkward_dir):
    first = write_photo(awkward_dir / "from the dialog.jpg", 300, 200)
    context.dialogs.file_answers.append([first])
    with qtbot.waitSignal(strip.attach_finished, timeout=20000):
        strip.attach_action.trigger()
    assert [strip.list.item(i).text() for i in range(strip.list.count())] == [
        "from the dialog.jpg"]

    dropped = write_photo(awkward_dir / "dropped é.jpg", 300, 200)
    with qtbot.waitSignal(strip.attach_finished, timeout=20000):
        drop_on(strip, files_dragged(dropped), Qt.DropAction.CopyAction, (10, 10))
    assert strip.list.count() == 2
    assert strip.list.item(1).text() == "dropped é.jpg"


def test_the_strip_shows_the_current_steps_photos(qtbot, strip, session, awkward_dir):
    attach(qtbot, strip, [write_photo(awkward_dir / "who wall.jpg", 300, 200)])
    session.next_step()
    assert strip.photo_ids() == []
    assert strip.title.text() == "Photos of the wall for WHAT (0)"
    attach(qtbot, strip, [write_photo(awkward_dir / "what wall.jpg", 300, 200)])
    assert [strip.list.item(0).text()] == ["what wall.jpg"]
    session.set_step("who")
    assert [strip.list.item(0).text()] == ["who wall.jpg"]


# ------------------------------------------------------------- type up the wall
@pytest.fixture
def host(qtbot):
    """A stand-in run window with a capture box in a layout."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    widget.above = QLineEdit("above")
    widget.capture = QLineEdit()
    widget.capture.setObjectName("capture")
    widget.below = QLineEdit("below")
    for child in (widget.above, widget.capture, widget.below):
        layout.addWidget(child)
    qtbot.addWidget(widget)
    return widget


def test_type_up_view_borrows_the_capture_box_and_gives_it_back(qtbot, session, host,
                                                                 awkward_dir):
    view = TypeUpView(session, capture=host.capture)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    assert host.capture.parentWidget() is view.capture_area
    assert host.findChild(QWidget, "captureBorrowed") is not None
    assert view.empty.isVisible() and not view.viewer.isVisible()

    with qtbot.waitSignal(view.strip.attach_finished, timeout=20000):
        view.strip.attach_files([write_photo(awkward_dir / "wall.jpg", 1600, 1200)])
    assert view.viewer.isVisible() and view.viewer.has_photo()
    assert view.caption.text() == "wall.jpg (1 of 1)"

    view.close()
    layout = host.layout()
    assert layout.indexOf(host.capture) == 1  # back where it was, between the others
    assert host.capture.parentWidget() is host
    qtbot.waitUntil(lambda: host.findChild(QWidget, "captureBorrowed") is None)


def test_zoom_while_typing_and_with_ctrl_wheel(qtbot, session, host, awkward_dir):
    view = TypeUpView(session, capture=host.capture)
    view.resize(1000, 700)
    show_active(qtbot, view)
    with qtbot.waitSignal(view.strip.attach_finished, timeout=20000):
        view.strip.attach_files([write_photo(awkward_dir / "wall.jpg", 1600, 1200)])
    view.focus_capture()
    qtbot.waitUntil(host.capture.hasFocus)
    fitted = view.viewer.zoom
    qtbot.keyClick(host.capture, Qt.Key.Key_Equal, Qt.KeyboardModifier.AltModifier)
    assert view.viewer.zoom == pytest.approx(fitted * 1.25)
    assert host.capture.hasFocus() and host.capture.text() == ""
    qtbot.keyClick(host.capture, Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier)
    assert view.viewer.zoom == pytest.approx(fitted)

    viewport = view.viewer.viewport()
    wheel = QWheelEvent(QPointF(50, 50), QPointF(viewport.mapToGlobal(QPoint(50, 50))),
                        QPoint(0, 0), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    assert view.viewer.zoom == pytest.approx(fitted * 1.25**2)
    view.viewer.setFocus()
    qtbot.keyClick(view.viewer, Qt.Key.Key_Minus)
    assert view.viewer.zoom == pytest.approx(fitted * 1.25)


def test_next_and_previous_photo(qtbot, session, awkward_dir):
    view = TypeUpView(session)
    qtbot.addWidget(view)
    paths = [write_photo(awkward_dir / f"wall {n}.jpg", 400, 300) for n in (1, 2, 3)]
    with qtbot.waitSignal(view.strip.attach_finished, timeout=20000):
        view.strip.attach_files(paths)
    assert view.caption.text() == "wall 1.jpg (1 of 3)"
    view.next_action.trigger()
    assert view.caption.text() == "wall 2.jpg (2 of 3)"
    view.previous_action.trigger()
    view.previous_action.trigger()
    assert view.caption.text() == "wall 3.jpg (3 of 3)"
    view.strip.photo_activated.emit(view.strip.photo_ids()[0])
    assert view.caption.text() == "wall 1.jpg (1 of 3)"


def test_zooming_in_close_shows_the_original_sharper(qtbot, session, awkward_dir):
    view = TypeUpView(session)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.strip.attach_finished, timeout=20000):
        view.strip.attach_files([write_photo(awkward_dir / "big wall.jpg", 4000, 3000)])
    assert view.viewer.detail_factor == 1.0  # the 1600 px display copy
    view.viewer.zoom_by(0.5)  # zooming out never needs the original
    assert view.viewer.detail_factor == 1.0
    scene = view.viewer.scene().sceneRect()
    with qtbot.waitSignal(view.detail_loaded, timeout=20000):
        view.viewer.zoom_by(4.0 / view.viewer.zoom)
    zoom = view.viewer.zoom
    assert view.viewer.detail_factor == pytest.approx(2.5)  # 4000 px of photo, not 1600
    assert view.viewer.scene().sceneRect() == scene  # the view did not jump
    assert view.viewer.zoom == zoom
    view.show_photo(view.photo_id)  # shown afresh: fitted, from the display copy
    assert view.viewer.detail_factor == 1.0


def test_one_bad_photo_does_not_sink_the_batch(qtbot, strip, context, awkward_dir):
    """Issue 12, rule 6: a file over the stated limit (never read) and a tiny JPEG claiming
    65,000 × 65,000 pixels are named with their cause; the good photos of the batch attach."""
    from facilitator.photos import MAX_PHOTO_BYTES

    first = write_photo(awkward_dir / "IMG 0041.jpg")
    huge = awkward_dir / "IMG 0042.jpg"
    with huge.open("wb") as handle:  # sparse: 60 MB on paper, nothing on the disk
        handle.write(first.read_bytes()[:2048])
        handle.truncate(60 * 1024 * 1024)
    small = bytearray(write_photo(awkward_dir / "tiny.jpg", 8, 8).read_bytes())
    marker = small.find(b"\xff\xc0")
    small[marker + 5: marker + 9] = (65000).to_bytes(2, "big") + (65000).to_bytes(2, "big")
    claim = awkward_dir / "IMG 0043.jpg"
    claim.write_bytes(bytes(small))
    last = write_photo(awkward_dir / "IMG 0044.jpg")
    ids = attach(qtbot, strip, [first, huge, claim, last])
    assert len(ids) == 2
    assert [strip.list.item(i).text() for i in range(strip.list.count())] == [
        "IMG 0041.jpg", "IMG 0044.jpg"]
    [message] = context.dialogs.errors
    assert (f"“IMG 0042.jpg” is 60 MB; a photo may be at most "
            f"{MAX_PHOTO_BYTES // 1048576} MB") in message
    assert "“IMG 0043.jpg” claims to be far larger than a photo may be (at most 100 " \
           "megapixels)" in message


def test_decompression_bombs_are_named_and_never_decoded(qtbot, strip, context, awkward_dir):
    """Issue 12: a 45-byte PNG claiming 65,535 × 65,535 pixels, and one within the pixel
    limit that would take more than a photo may to decode (a PNG is decoded whole), are named
    with their cause; the good photos of the batch attach."""
    from tests.hostile import png_header

    first = write_photo(awkward_dir / "IMG 0051.jpg")
    bomb = awkward_dir / "bomb.png"
    bomb.write_bytes(png_header(65535, 65535))
    wide = awkward_dir / "wide.png"
    wide.write_bytes(png_header(8000, 8000))
    last = write_photo(awkward_dir / "IMG 0052.jpg")
    ids = attach(qtbot, strip, [first, bomb, wide, last])
    assert len(ids) == 2
    [message] = context.dialogs.errors
    assert "“bomb.png” claims to be far larger than a photo may be (at most 100 " \
           "megapixels)" in message
    assert ("“wide.png” is a PNG of 8,000 × 8,000 pixels, which would take 244 MB to decode "
            "(a PNG is decoded whole); a photo may take at most 96 MB.") in message
