"""A Community roadshow (drop-in stall): the stall label and the visitor tally, keyboard only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.run.helpers import CTRL, make_workshop, open_run, type_note

ALT = Qt.KeyboardModifier.AltModifier


def _roadshow(qtbot, context):
    from facilitator.models import Programme, Workshop

    store = context.store
    programme = store.find_programme("Rutland 2026") or store.add_programme(
        Programme("Rutland 2026", area="Rutland"))
    workshop = store.add_workshop(Workshop(
        programme.id, "R1", "Community roadshow: Oakham market", "community-roadshow"))
    return open_run(qtbot, context, workshop.id), workshop


def test_the_roadshow_asks_three_quick_questions(builtin_formats):
    fmt = builtin_formats["community-roadshow"]
    assert [s.question for s in fmt.steps] == [
        "What's good about living here?", "What could you or your group do?",
        "What would help?"]
    assert fmt.capture_label == "Stall or location"
    assert fmt.tally[0] == "residents"


def test_notes_carry_the_stall_and_the_tally_counts_without_leaving_the_box(qtbot, context):
    window, workshop = _roadshow(qtbot, context)
    store = context.store
    assert window.capture.table_title.text() == "Stall or location:"
    assert window.capture.table.accessibleName() == "Stall or location"
    qtbot.keyClick(window.capture.box, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.capture.table)
    qtbot.keyClicks(window.capture.table, "Oakham market")
    qtbot.keyClick(window.capture.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.capture.box)
    type_note(qtbot, window, "The library and the park")
    [note] = store.notes(workshop.id, "good")
    assert note.table_label == "Oakham market"

    box = window.capture.box
    qtbot.keyClicks(box, "half a thought")
    for _ in range(3):
        qtbot.keyClick(box, Qt.Key.Key_1, CTRL | ALT)   # three residents
    qtbot.keyClick(box, Qt.Key.Key_3, CTRL | ALT)       # a VCSE group
    assert QApplication.focusWidget() is box
    assert box.toPlainText() == "half a thought"        # typing untouched
    assert store.attendance(workshop.id).counts == {"residents": 3, "vcse_groups": 1}
    qtbot.waitUntil(lambda: "Residents: <b>3</b>" in window.tally.labels["residents"].text())
    assert window.tally.total_label.accessibleName() == "Total: 4 visitors"

    box.clear()
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)              # the empty box: the library's undo
    assert store.attendance(workshop.id).counts == {"residents": 3}
    qtbot.waitUntil(lambda: window.tally.total_label.accessibleName() == "Total: 3 visitors")
    window.close()


def test_a_tally_key_pressed_a_thousand_times_keeps_count_and_undoes(qtbot, context):
    window, workshop = _roadshow(qtbot, context)
    store = context.store
    box = window.capture.box
    for _ in range(1000):
        qtbot.keyClick(box, Qt.Key.Key_2, CTRL | ALT)
    assert store.attendance(workshop.id).counts == {"community_representatives": 1000}
    assert window.tally.total_label.accessibleName() == "Total: 1000 visitors"
    for _ in range(10):
        qtbot.keyClick(box, Qt.Key.Key_Z, CTRL)
    assert store.attendance(workshop.id).counts == {"community_representatives": 990}
    qtbot.keyClick(box, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert store.attendance(workshop.id).counts == {"community_representatives": 991}
    assert window.tally.total_label.accessibleName() == "Total: 991 visitors"
    window.close()


def test_other_formats_have_no_tally(qtbot, context):
    window = open_run(qtbot, context, make_workshop(context.store).id)
    assert window.tally is None
    assert window.tally_actions == []
    assert window.capture.table_title.text() == "Ta&ble:"
    window.close()


def test_screenshot_of_the_roadshow_tally(qtbot, context, tmp_path):
    from tests.ui.run.test_screenshots import distinct_colours, save

    window, workshop = _roadshow(qtbot, context)
    window.resize(1280, 800)
    window.capture.table.setText("Oakham market")
    for text in ("The library and the park", "Friendly neighbours on our street",
                 "The Tuesday lunch club at the village hall", "Footpaths and the canal"):
        type_note(qtbot, window, text)
    for key, times in ((Qt.Key.Key_1, 17), (Qt.Key.Key_2, 3), (Qt.Key.Key_3, 4)):
        for _ in range(times):
            qtbot.keyClick(window.capture.box, key, CTRL | ALT)
    qtbot.keyClicks(window.capture.box, "Bus to the market on Saturdays")
    QApplication.processEvents()
    picture = window.grab()
    assert distinct_colours(picture) > 20
    save(picture, tmp_path, "roadshow-tally.png")
    window.close()


def test_the_roadshow_menus_are_documented(qtbot, context):
    from tests.ui.test_menus_documented import problems

    window, _ = _roadshow(qtbot, context)
    names = [a.objectName() for a in window.tally_actions]
    assert names[:2] == ["Count visitor 1", "Count visitor 2"]
    assert problems(window) == []
    window.close()
