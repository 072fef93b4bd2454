"""Issue 15: every window audited through Qt's own accessibility interfaces."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from facilitator.demo import load_demo
from tests.ui.a11y_audit import focusable, library_ops_setup, name_of, problems
from ui import announce as announce_module
from ui import focus_ring
from ui.actions.window import ActionPlanWindow
from ui.announce import build_event
from ui.assets.register import AssetRegisterWindow
from ui.compile.board import NOTE_ROLE, ThemesBoardWindow
from ui.compile.window import CompileWindow
from ui.library_ops.deleted_items import DeletedItemsWindow
from ui.library_ops.merge_dialogs import (
    MergeProgrammesDialog,
    MergeWorkshopsDialog,
    MoveWorkshopDialog,
)
from ui.library_ops.same_workshops import SameWorkshopsDialog
from ui.main_window import MainWindow
from ui.preferences.dialog import PreferencesDialog
from ui.reports.dialog import ExportDialog as ReportDialog
from ui.run.phones_panel import EditNoteDialog
from ui.run.phones_room import VotingDialog, WifiDialog
from ui.run.presenter import PresenterWindow
from ui.run.typeup import TypeUpView
from ui.run.window import RunWindow
from ui.sense.picker import ThemeEntry, ThemePicker
from ui.sense.search_window import SearchWindow
from ui.sense.similar import SimilarNotesDialog
from ui.sense.suggestions import SuggestionsWindow
from ui.transfer.export_dialog import ExportDialog
from ui.workshop_dialog import WorkshopDialog


@pytest.fixture
def demo(context):
    programme = load_demo(context.store)
    workshops = context.store.workshops(programme.id)
    return programme, workshops


OPENED: list = []


def _show(qtbot, widget):
    OPENED.append(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _run(qtbot, context, demo, key=None):
    programme, workshops = demo
    run = _show(qtbot, RunWindow(context, workshops[0].id))
    if key:
        run.session.set_step(key)
    return run


WINDOWS = {
    "main window": lambda qtbot, context, demo: _show(qtbot, MainWindow(context)),
    "run window on WHO": lambda qtbot, context, demo: _run(qtbot, context, demo, "who"),
    "run window on HOW": lambda qtbot, context, demo: _run(qtbot, context, demo, "how"),
    "presenter": lambda qtbot, context, demo: _show(
        qtbot, PresenterWindow(_run(qtbot, context, demo, "how").session)),
    "type-up": lambda qtbot, context, demo: _show(
        qtbot, TypeUpView(_run(qtbot, context, demo).session, None, None, Qt.WindowType.Window)),
    "workshop dialog": lambda qtbot, context, demo: _show(
        qtbot, WorkshopDialog(context, demo[1][0])),
    "new workshop dialog": lambda qtbot, context, demo: _show(
        qtbot, WorkshopDialog(context, programme_id=demo[0].id)),
    "report dialog": lambda qtbot, context, demo: _show(qtbot, ReportDialog(context, demo[0].id)),
    "export dialog": lambda qtbot, context, demo: _show(
        qtbot, ExportDialog(context, [w.id for w in demo[1]])),
    "compile": lambda qtbot, context, demo: _show(qtbot, CompileWindow(context)),
    "themes board": lambda qtbot, context, demo: _show(qtbot, ThemesBoardWindow(
        context, context.undo_stack, demo[0].id, None, report=lambda *a: None)),
    "settings": lambda qtbot, context, demo: _show(qtbot, PreferencesDialog(context)),
    "search": lambda qtbot, context, demo: _show(
        qtbot, SearchWindow(context, lambda *a: None, programme_id=demo[0].id)),
    "deleted items": lambda qtbot, context, demo: (library_ops_setup(context.store, demo[0]),
                                                   _show(qtbot, DeletedItemsWindow(
                                                       context, lambda command: True)))[1],
    "merge programmes": lambda qtbot, context, demo: _show(qtbot, MergeProgrammesDialog(
        context, demo[0].id, library_ops_setup(context.store, demo[0]).id)),
    "merge workshops": lambda qtbot, context, demo: _show(
        qtbot, MergeWorkshopsDialog(context, demo[1][0].id, demo[1][1].id)),
    "roadshow with its visitor tally": lambda qtbot, context, demo: _roadshow(
        qtbot, context, demo),
    "action plan": lambda qtbot, context, demo: _show(
        qtbot, ActionPlanWindow(context, demo[0].id)),
    "suggested themes": lambda qtbot, context, demo: _show(qtbot, SuggestionsWindow(
        context, lambda command: True, programme_id=demo[0].id, step_key="who")),
    "action form": lambda qtbot, context, demo: _action_form(qtbot, context, demo, "edit"),
    "progress form": lambda qtbot, context, demo: _action_form(
        qtbot, context, demo, "progress"),
    "asset register": lambda qtbot, context, demo: _show(
        qtbot, AssetRegisterWindow(context, demo[0].id)),
    "asset duplicates": lambda qtbot, context, demo: _dialog_of(
        qtbot, AssetRegisterWindow(context, demo[0].id), "duplicates"),
    "connect assets": lambda qtbot, context, demo: _show(
        qtbot, _connect_dialog(context, demo)),
    "move workshop": lambda qtbot, context, demo: _show(
        qtbot, MoveWorkshopDialog(context, [demo[1][0].id])),
    "workshops captured twice": lambda qtbot, context, demo: _show(
        qtbot, SameWorkshopsDialog(context, [(demo[1][0], demo[1][1])])),
    "theme picker": lambda qtbot, context, demo: _show(qtbot, ThemePicker(
        [ThemeEntry("t1", "Transport and buses", 4, ["no bus after six"]),
         ThemeEntry("t2", "Loneliness", 7, ["older people living alone"])],
        title="Move to a theme")),
    "similar notes": lambda qtbot, context, demo: _show(qtbot, SimilarNotesDialog(
        context, demo[0].id, context.store.notes(demo[1][0].id)[0].id, lambda *a: None)),
    "import summary": lambda qtbot, context, demo: _show(qtbot, _summary_dialog()),
    "wi-fi code": lambda qtbot, context, demo: _show(qtbot, WifiDialog()),
    "open voting": lambda qtbot, context, demo: _show(qtbot, VotingDialog()),
    "edit a phone's note": lambda qtbot, context, demo: _show(
        qtbot, EditNoteDialog("Lift share to the surgery")),
}


def _dialog_of(qtbot, register, which):
    """A dialog the asset register opens (its Possible duplicates, say), as it opens it."""
    _show(qtbot, register)
    getattr(register, f"show_{which}")()
    dialog = getattr(register, f"{which}_dialog")
    OPENED.append(dialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _connect_dialog(context, demo):
    from ui.assets.dialogs import ConnectDialog

    return ConnectDialog(context, demo[0].id)


def _summary_dialog():
    """The import summary: one file taken, one refused."""
    from pathlib import Path

    from facilitator.transfer.merge import FileSummary
    from ui.transfer.summary_dialog import SummaryDialog

    return SummaryDialog([FileSummary(Path("W1 Oakham.workshop")),
                          FileSummary(Path("broken.workshop"),
                                      error="is not a workshop file")])


def _roadshow(qtbot, context, demo):
    from facilitator.models import Workshop

    workshop = context.store.add_workshop(
        Workshop(demo[0].id, "R1", "Roadshow: Melton market", "community-roadshow"))
    return _show(qtbot, RunWindow(context, workshop.id))


def _action_form(qtbot, context, demo, which):
    """The action plan's form for an action's details, or for a progress update."""
    window = _show(qtbot, ActionPlanWindow(context, demo[0].id))
    (window.edit_details if which == "edit" else window.add_progress)()
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    window.dialog.activateWindow()
    qtbot.waitUntil(window.dialog.isActiveWindow)
    return window.dialog


@pytest.fixture(autouse=True)
def _close_opened(context):
    yield
    # Closed and deleted while the library is still open (before ``context`` closes it).
    while OPENED:
        opened = OPENED.pop()
        if not shiboken6.isValid(opened):  # (deleted on close already)
            continue
        opened.close()
        opened.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture(params=list(WINDOWS))
def window(request, qtbot, context, demo):
    return WINDOWS[request.param](qtbot, context, demo)


def test_names_carry_what_each_window_shows(window):
    """No focusable control with an empty or generic name; no label whose spoken name
    hides its visible text; every button's visible label starts its name."""
    assert not problems(window), "\n".join(problems(window))


# ------------------------------------------------------------------ announcements
@pytest.fixture
def spoken():
    """Every announcement, as (text, assertive); the real QAccessibleAnnouncementEvent is
    built and sent too (accessibility switched on, as when a screen reader runs)."""
    heard: list[tuple[str, bool]] = []

    def listener(source, text, assertive):
        event = build_event(source, text, assertive=assertive)
        assert event.message() == text
        assert event.politeness() == (QAccessible.AnnouncementPoliteness.Assertive if assertive
                                      else QAccessible.AnnouncementPoliteness.Polite)
        heard.append((text, assertive))

    announce_module.listeners.append(listener)
    QAccessible.setActive(True)
    yield heard
    QAccessible.setActive(False)
    announce_module.listeners.remove(listener)


def test_the_workshop_dialogs_problem_is_read_out_and_focus_goes_to_the_field(
        qtbot, context, demo, spoken):
    dialog = _show(qtbot, WorkshopDialog(context, programme_id=demo[0].id))
    try:
        dialog.venue.setFocus()
        dialog.accept()
        message = dialog.error_label.text()
        assert "code" in message
        assert name_of(dialog.error_label) == message
        assert (message, True) in spoken
        assert QApplication.focusWidget() is dialog.code
    finally:
        dialog.close()


def test_the_run_window_says_the_step_the_timer_and_a_saved_note(qtbot, context, demo, spoken):
    from PySide6.QtTest import QTest

    run = _run(qtbot, context, demo)
    try:
        run.activateWindow()
        run.session.set_step("how")
        said = [text for text, _ in spoken]
        assert any(text.startswith("Step 3 of 3: HOW. HOW can we") for text in said), said
        run.timer.start_pause()
        assert spoken[-1][0].startswith("Timer started: 30 minutes")
        run.timer.start_pause()
        assert spoken[-1][0].startswith("Timer paused")
        run.capture.box.setFocus()
        QTest.keyClicks(run.capture.box, "Lift share rota")
        QTest.keyClick(run.capture.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: ("Saved", False) in spoken)
        typed = len(spoken)
        QTest.keyClicks(run.capture.box, "abc")  # typing itself says nothing
        assert len(spoken) == typed
        assert name_of(run.count_label).startswith("8 notes on HOW")
        assert name_of(run.saved_label).startswith("All changes saved at")
    finally:
        run.close()


def test_time_running_out_is_announced_once_each(qtbot, context, spoken):
    from facilitator.timebox import Countdown
    from tests.ui.run.helpers import FakeClock, make_session
    from ui.run.timer import StepTimer

    session, clock = make_session(context), FakeClock()
    timer = StepTimer(session, clock=clock, countdown=Countdown(90))
    OPENED.append(timer)
    timer.start_pause()
    clock.advance(31)
    timer.refresh()
    clock.advance(1)
    timer.refresh()
    clock.advance(60)
    timer.refresh()
    said = [s for s in spoken if not s[0].startswith("Timer")]
    assert said == [("One minute left", False), ("Time is up", True)]


def test_report_warnings_and_banners_are_announced_as_they_change(qtbot, context, demo,
                                                                   spoken):
    """What Windows and macOS hear too (the AT-SPI audit hears the same through Orca's
    stack): a warning appearing or going in the report dialog, the postponed-workshop
    banner, the phones' network banner."""
    from dataclasses import replace

    from facilitator.models import WorkshopStatus

    programme, workshops = demo
    dialog = _show(qtbot, ReportDialog(context, programme.id))
    try:
        assert not spoken  # the warnings the dialog opens with are shown, not said
        w3 = next(dialog.list.item(i) for i in range(dialog.list.count())
                  if dialog.list.item(i).text().startswith("W3 "))
        w3.setCheckState(Qt.CheckState.Checked)
        assert spoken[-1] == ("Warning: W3 is postponed: it is listed with its status and "
                              "not counted in the results.", False)
        w3.setCheckState(Qt.CheckState.Unchecked)
        assert spoken[-1][0].startswith("No longer a warning: W3 is postponed")
    finally:
        dialog.close()
    run = _run(qtbot, context, demo)
    try:
        context.store.update_workshop(replace(run.session.workshop,
                                              status=WorkshopStatus.POSTPONED,
                                              status_reason="Hall flooded"))
        assert spoken[-1][0].startswith(f"{workshops[0].code} is marked postponed: "
                                        "Hall flooded.")
        run.phones_link.address_lost.emit("This laptop's network address has gone")
        assert spoken[-1] == ("This laptop's network address has gone", True)
    finally:
        run.close()


# ------------------------------------------------------------------ keyboard
def tab_walk(window: QWidget, start: QWidget, limit: int = 200) -> list[QWidget]:
    """Press Tab from ``start`` until the focus comes back to it (or ``limit`` presses)."""
    from PySide6.QtTest import QTest

    window.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [start]
    for _ in range(limit):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start:
            return seen
        seen.append(widget)
    raise AssertionError(f"Tab never came back to {start!r}: trapped in "
                         f"{[type(w).__name__ + ' ' + w.objectName() for w in seen[-5:]]}")


def reachable(window: QWidget) -> set[QWidget]:
    return {w for w in window.findChildren(QWidget) if focusable(w)}


@pytest.mark.parametrize("title", ["compile", "themes board", "settings", "workshop dialog",
                                   "report dialog", "export dialog", "search", "main window",
                                   "deleted items", "merge programmes", "merge workshops",
                                   "action plan", "asset register", "suggested themes",
                                   "asset duplicates", "connect assets", "move workshop",
                                   "workshops captured twice", "theme picker", "similar notes",
                                   "import summary", "wi-fi code", "open voting",
                                   "edit a phone's note", "action form", "progress form"])
def test_tab_reaches_every_control_and_comes_back(title, qtbot, context, demo):
    window = WINDOWS[title](qtbot, context, demo)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    or not window.isActiveWindow(), timeout=2000)
    first = next(iter(sorted(reachable(window), key=lambda w: w.mapTo(window, w.rect().topLeft())
                             .y())))
    seen = tab_walk(window, first)
    missed = reachable(window) - set(seen)
    assert not missed, [f"{type(w).__name__} {w.objectName()} {name_of(w)!r}" for w in missed]


def _reading_place(window: QWidget, widget: QWidget) -> tuple[int, int, int]:
    """Where a control is in reading order: (column, top, left). The workshop dialogs
    have two columns (the details, then Attendance beside them), read one after the
    other; every other window is read top to bottom."""
    at = widget.mapTo(window, QPoint(0, 0))
    split = (window.attendance.mapTo(window, QPoint(0, 0)).x()
             if isinstance(window, WorkshopDialog) else None)
    return (1 if split is not None and at.x() >= split else 0, at.y(), at.x())


#: Dialogs that open on a later field than their first, and why.
OPENS_LATER = {
    "new workshop dialog": "code",  # the programme is already the one chosen in the library
    "progress form": "text",  # the date is today's already; what happened is what to type
}


@pytest.mark.parametrize("title", list(WINDOWS))
def test_tab_follows_reading_order_and_dialogs_open_on_their_first_field(
        title, qtbot, context, demo):
    """Tab goes down each window (column by column in the workshop dialogs), never back
    up before it wraps; a dialog opens on its first field (not on a button), as item 8
    of the audit asked."""
    from PySide6.QtWidgets import QDialog

    window = WINDOWS[title](qtbot, context, demo)
    stops = reachable(window)
    if not stops:  # (the presenter: nothing to do there, so nothing takes the focus)
        return
    place = lambda w: _reading_place(window, w)  # noqa: E731
    opened_on = QApplication.focusWidget()
    sequence = tab_walk(window, min(stops, key=place))
    places = [place(w) for w in sequence]
    for (before, after, widget) in zip(places, places[1:], sequence[1:], strict=False):
        assert (after[0], after[1]) >= (before[0], before[1] - 10), (
            f"Tab goes back up to {type(widget).__name__} {widget.objectName()!r}")
    if isinstance(window, QDialog):
        fields = [w for w in sorted(stops, key=place) if not isinstance(w, QAbstractButton)]
        expected = OPENS_LATER.get(title)
        assert opened_on is not None and not isinstance(opened_on, QAbstractButton), opened_on
        if expected is None:
            assert opened_on is fields[0], (opened_on.objectName(), fields[0].objectName())
        else:
            assert expected in opened_on.objectName().casefold(), opened_on.objectName()


def _menu_actions(menu) -> set:
    found = set()
    for action in menu.actions():
        found.add(action)
        if action.menu() is not None:
            found |= _menu_actions(action.menu())
    return found


@pytest.mark.parametrize("title", [t for t in WINDOWS if t not in ("presenter", "type-up")])
def test_every_toolbar_action_is_in_a_menu(title, qtbot, context, demo):
    """Toolbar buttons take no focus, so each of their actions is in one of the window's
    menus too (where the keyboard, and a screen reader, find it)."""
    from PySide6.QtWidgets import QMainWindow, QToolBar, QWidgetAction

    window = WINDOWS[title](qtbot, context, demo)
    if not isinstance(window, QMainWindow):
        assert not [b for b in window.findChildren(QToolBar) if b.isVisibleTo(window)]
        return
    in_menus = _menu_actions(window.menuBar())
    missing = [action.text() for bar in window.findChildren(QToolBar) if bar.isVisibleTo(window)
               for action in bar.actions()
               if action.isVisible() and not action.isSeparator()
               and not isinstance(action, QWidgetAction) and action not in in_menus]
    assert not missing, missing


def test_compile_table_lets_tab_out(qtbot, context, demo):
    window = WINDOWS["compile"](qtbot, context, demo)
    assert not window.table.tabKeyNavigation()
    seen = tab_walk(window, window.table)
    assert any(isinstance(w, QAbstractButton) and "Import" in w.text() for w in seen)


def test_themes_board_merge_and_move_by_keyboard_keep_the_focus(qtbot, context, demo, spoken):
    from PySide6.QtTest import QTest

    board = WINDOWS["themes board"](qtbot, context, demo)
    board.activateWindow()
    assert board.merge_action.shortcut().toString() == "Ctrl+Shift+M"
    menu_actions = board.themes_menu.actions()
    for action in board.card_actions:
        assert action in menu_actions
        assert not action.shortcut().isEmpty(), action.text()
    loose = board.lists[""]
    loose.setFocus()
    assert loose.currentIndex().isValid()  # entering the board makes a card current
    note_id = loose.item(0).data(NOTE_ROLE)
    loose.item(0).setSelected(True)
    board.current_theme_id = ""
    target = board.target_box.findData(next(k for k in board.lists if k))
    board.target_box.setCurrentIndex(target)
    QTest.keyClick(loose, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: context.store.get_notes([note_id])[0].theme_id is not None)
    focused = QApplication.focusWidget()
    assert isinstance(focused, type(loose)), focused
    assert focused.currentItem().data(NOTE_ROLE) == note_id  # the moved card, where it went
    assert spoken and spoken[-1][0].startswith("Moved 1 note to")
    # Shift+F10 opens the card actions at the current card
    QTest.keyClick(focused, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    assert board.merge_action in popup.actions()
    popup.close()


# ------------------------------------------------------------------ focus
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


def test_attendance_hints_are_in_words(qtbot, context, demo):
    dialog = WINDOWS["workshop dialog"](qtbot, context, demo)
    hints = [box.toolTip() for box in dialog.findChildren(QWidget)
             if box.objectName().startswith("attendance_")]
    assert len(hints) == 7
    assert "How many people came from VCSE groups" in " ".join(hints)
    assert "How many other people came" in hints
    assert not [h for h in hints if "vcse" in h or h.endswith("other came")]


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
