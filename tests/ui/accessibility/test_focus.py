"""The focus: visible around the control, where it should be when a window opens, and kept
on the right card or row after an action (delete, merge, a dialog closed)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.accessibility.tabbing import reachable, tab_walk
from tests.ui.every_window import OPENED, WINDOWS, _run, _show
from ui import focus_ring
from ui.assets.register import AssetRegisterWindow
from ui.compile.board import NOTE_ROLE
from ui.library_ops.deleted_items import DeletedItemsWindow


def test_presenter_type_up_and_deleted_items_are_windows(qtbot, context, demo):
    for title in ("presenter", "type-up", "deleted items"):
        window = WINDOWS[title](qtbot, context, demo)
        assert QAccessible.queryAccessibleInterface(window).role() == QAccessible.Role.Window, title


def test_settings_opens_on_its_first_field(qtbot, context, demo):
    dialog = WINDOWS["settings"](qtbot, context, demo)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.facilitator_edit)


def test_run_window_tab_order_follows_the_layout(qtbot, context, demo):
    run = _run(qtbot, context, demo, "how")
    order = tab_walk(run, run.steps)
    position = {id(w): i for i, w in enumerate(order)}
    chip = run.tag_bar.clear_chip  # the tag chips are above the board: before it
    assert position[id(run.capture.box)] < position[id(chip)] < position[id(run.board)]
    assert order[0] is run.steps


def _ring_pixels(widget: QWidget):
    """The window's pixels in a band just around ``widget``."""
    window = widget.window()
    image = window.grab().toImage()
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    band = rect.adjusted(-3, -3, 3, 3)
    return [image.pixel(x, y) for x in range(band.left(), band.right() + 1)
            for y in (band.top(), band.top() + 1, band.bottom() - 1, band.bottom())
            if 0 <= x < image.width() and 0 <= y < image.height()]


@pytest.mark.parametrize("title,control", [
    ("settings", lambda w: w.buttons.button(w.buttons.StandardButton.Ok)),  # a default button
    ("run window on WHO", lambda w: w.capture.box),
    ("run window on WHO", lambda w: w.board),
    ("compile", lambda w: w.table),
    ("themes board", lambda w: w.lists[""]),
    ("action plan", lambda w: w.tree),
    ("asset register", lambda w: w.search),
    ("deleted items", lambda w: w.tree),
    ("workshop dialog", lambda w: w.code),
    ("search", lambda w: w.query),
])
def test_focus_is_visible_around_the_control(title, control, qtbot, context, demo):
    focus_ring.install(QApplication.instance())
    window = WINDOWS[title](qtbot, context, demo)
    widget = control(window)
    other = next(w for w in sorted(reachable(window), key=lambda w: w.objectName())
                 if w is not widget and not w.isAncestorOf(widget) and not widget.isAncestorOf(w))
    other.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is other)
    unfocused = _ring_pixels(widget)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    focused = _ring_pixels(widget)
    changed = sum(a != b for a, b in zip(unfocused, focused, strict=True))
    assert changed > len(focused) // 2, (changed, len(focused))
    ring = QColor(focus_ring.RING).rgb()
    assert focused.count(ring) > len(focused) // 3


# ------------------------------------------------------------------ focus after actions
def _in_view(view, index) -> bool:
    rect = view.visualRect(index)
    return rect.isValid() and view.viewport().rect().contains(rect)


def test_delete_on_the_run_board_leaves_focus_on_the_next_card_in_view(qtbot, context, demo):
    from PySide6.QtTest import QTest

    from ui.run.board_model import NOTE_ID_ROLE

    run = _run(qtbot, context, demo, "who")
    board = run.board
    cards = [board.model().index(r) for r in range(board.model().rowCount())
             if board.model().index(r).data(NOTE_ID_ROLE)]
    doomed, after = cards[1].data(NOTE_ID_ROLE), cards[2].data(NOTE_ID_ROLE)
    board.setFocus()
    board.select_notes([doomed])
    QTest.keyClick(board, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: board.model().row_of(doomed) < 0)
    assert QApplication.focusWidget() is board
    current = board.currentIndex()
    assert current.data(NOTE_ID_ROLE) == after
    assert board.selected_note_ids() == [after]
    assert _in_view(board, current)
    # the last card of the step gone: back to typing, not to a list with nothing in it
    while board.selected_note_ids():
        QTest.keyClick(board, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is run.capture.box)


def test_the_run_board_opens_with_its_first_header_in_view_and_counts_in_words(
        qtbot, context, demo):
    from ui.run.board_model import COUNT_ROLE, KIND_ROLE

    run = _run(qtbot, context, demo, "who")
    board, model = run.board, run.board.model()
    assert model.index(0).data(KIND_ROLE) == "header"
    qtbot.waitUntil(lambda: _in_view(board, model.index(0)))
    headers = [model.index(r) for r in range(model.rowCount())
               if model.index(r).data(KIND_ROLE) == "header"]
    for header in headers:
        count = header.data(COUNT_ROLE)
        spoken = header.data(Qt.ItemDataRole.AccessibleTextRole)
        assert spoken.endswith(f": {count} note" + ("s" if count != 1 else "")), spoken


def test_closing_a_dialog_gives_the_focus_back_to_what_opened_it(qtbot, context, demo):
    from PySide6.QtTest import QTest

    from tests.ui.test_library_ops import select
    from ui.workshop_dialog import open_workshop_dialog

    window = WINDOWS["main window"](qtbot, context, demo)
    first, second = demo[1][0], demo[1][1]
    select(window, first.id, second.id)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    for opened in (lambda: window.library_ops.merge(),
                   lambda: open_workshop_dialog(window, context, window.run_command, first)):
        dialog = opened()
        OPENED.append(dialog)
        qtbot.waitUntil(lambda d=dialog: d.isActiveWindow())
        assert dialog.isAncestorOf(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
        # What the window gives the focus to when it is active again (offscreen there is
        # no window manager to activate it, as a desktop does when a dialog closes).
        assert window.focusWidget() is window.tree
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
        assert window.tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == second.id
        assert _in_view(window.tree, window.tree.currentIndex())


def _focus_on(qtbot, widget) -> None:
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_library_list_keeps_the_focus_after_delete_and_merge(qtbot, context, demo):
    """Delete in the library list leaves the focus in the list on a neighbour; after a merge
    of two workshops the list has the focus again, on the workshop kept."""
    from PySide6.QtTest import QTest

    from tests.ui.test_library_ops import select

    id_role = Qt.ItemDataRole.UserRole + 1
    window = WINDOWS["main window"](qtbot, context, demo)
    programme, workshops = demo
    first, second, third = workshops[:3]
    select(window, second.id)
    _focus_on(qtbot, window.tree)
    QTest.keyClick(window.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: second.id not in {w.id for w in context.store.workshops(programme.id)})
    assert QApplication.focusWidget() is window.tree
    assert window.tree.currentIndex().data(id_role) in (first.id, third.id)
    assert _in_view(window.tree, window.tree.currentIndex())

    select(window, first.id, third.id)
    dialog = window.library_ops.merge()
    OPENED.append(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len({w.id for w in context.store.workshops(programme.id)}
                                & {first.id, third.id}) == 1)
    kept = {w.id for w in context.store.workshops(programme.id)} & {first.id, third.id}
    assert window.focusWidget() is window.tree
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    assert window.tree.currentIndex().data(id_role) in kept


def test_themes_board_merge_and_delete_theme_keep_the_focus_on_the_card(qtbot, context, demo):
    """Ctrl+Shift+M (merge into the theme in Into) and Ctrl+Delete (delete the theme):
    the board is rebuilt, and the keyboard stays on the card it was on, wherever it went."""
    from PySide6.QtTest import QTest

    board = WINDOWS["themes board"](qtbot, context, demo)
    themed = [k for k in board.lists if k and board.lists[k].count()]
    source, target = themed[0], themed[1]
    notes = board.lists[source]
    _focus_on(qtbot, notes)
    notes.setCurrentRow(0)
    notes.item(0).setSelected(True)
    card = notes.item(0).data(NOTE_ROLE)
    board.target_box.setCurrentIndex(board.target_box.findData(target))
    QTest.keyClick(notes, Qt.Key.Key_M,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: source not in board.lists)
    focused = QApplication.focusWidget()
    assert focused is board.lists[target]
    assert focused.currentItem().data(NOTE_ROLE) == card

    QTest.keyClick(focused, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: target not in board.lists)
    focused = QApplication.focusWidget()
    assert focused is board.lists[""]  # its cards are "not in a theme yet" again
    assert focused.currentItem().data(NOTE_ROLE) == card


def test_action_plan_asset_register_and_deleted_items_keep_the_focus_after_delete(
        qtbot, context, demo):
    """Delete in the action plan, the asset register and Deleted items (Restore): the
    keyboard stays in the list, on the next row."""
    from PySide6.QtTest import QTest

    from facilitator import assets

    plan = WINDOWS["action plan"](qtbot, context, demo)
    priority = plan.tree.topLevelItem(0)  # the demo's first priority: two actions
    doomed, after = (priority.child(i).text(0) for i in range(2))
    plan.tree.setCurrentItem(priority.child(0))
    _focus_on(qtbot, plan.tree)
    QTest.keyClick(plan.tree, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: plan.tree.topLevelItem(0).childCount() == 1)
    assert QApplication.focusWidget() is plan.tree
    assert plan.tree.currentItem().text(0) == after != doomed

    for name in ("Knit and natter group", "Retired joiner", "The old cattle market"):
        assets.add_asset(context.store, demo[0].id, name)
    register = _show(qtbot, AssetRegisterWindow(context, demo[0].id))
    register.table.setCurrentIndex(register.model.index(1, 0))
    register.table.selectRow(1)
    _focus_on(qtbot, register.table)
    QTest.keyClick(register.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: register.model.rowCount() == 2)
    assert QApplication.focusWidget() is register.table
    assert register.table.currentIndex().row() == 1

    from facilitator import library_ops as ops

    for workshop in demo[1][4:7]:
        ops.delete_workshop(context.store, workshop.id)
    deleted = _show(qtbot, DeletedItemsWindow(
        context, lambda command: (context.undo_stack.push(command), True)[1]))
    labels = [deleted.tree.topLevelItem(i).text(0)
              for i in range(deleted.tree.topLevelItemCount())]
    deleted.tree.setCurrentItem(deleted.tree.topLevelItem(1))
    _focus_on(qtbot, deleted.tree)
    QTest.keyClick(deleted.tree, Qt.Key.Key_Return)  # Enter restores
    qtbot.waitUntil(lambda: deleted.tree.topLevelItemCount() == len(labels) - 1)
    assert QApplication.focusWidget() is deleted.tree
    assert deleted.tree.currentItem().text(0) == labels[2]  # the next item, where it was


def _ring_colour_around(view, index) -> int:
    """How many pixels of the focus ring's colour lie on the edge band of ``index``'s rect."""
    image = view.viewport().grab().toImage()
    rect = view.visualRect(index).adjusted(2, 2, -2, -2)
    ring = QColor(focus_ring.RING).rgb()
    band = [(x, y) for x in range(rect.left(), rect.right() + 1)
            for y in (rect.top() + 1, rect.top() + 2, rect.bottom() - 2, rect.bottom() - 1)]
    return sum(1 for x, y in band if 0 <= x < image.width() and 0 <= y < image.height()
               and image.pixel(x, y) == ring)


def test_one_focus_ring_selection_is_not_drawn_as_focus(qtbot, context, demo):
    """A selected card (and the chosen step) is not ringed in the focus colour; the current
    card is, only while the board has the keyboard."""
    from ui.run.board_model import NOTE_ID_ROLE

    run = _run(qtbot, context, demo, "what")  # (no group headers: every row a card)
    board = run.board
    first, second = board.model().index(0), board.model().index(1)
    assert first.data(NOTE_ID_ROLE) and second.data(NOTE_ID_ROLE)
    board.select_notes([first.data(NOTE_ID_ROLE), second.data(NOTE_ID_ROLE)])
    run.capture.box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is run.capture.box)
    assert _ring_colour_around(board, first) == 0  # selected, not focused: no ring
    assert _ring_colour_around(board, second) == 0
    board.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is board)
    current = board.currentIndex()
    other = first if current.row() != first.row() else second
    assert _ring_colour_around(board, current) > 0  # the current card: the ring
    assert _ring_colour_around(board, other) == 0  # still selected, still no ring
    assert "#0b5cad" not in run.steps.styleSheet().split("::item:selected")[1]
