"""The action plan, keyboard only: promote a theme (themes board) and a note (run window)
to actions, edit one, add progress (a date in the future refused), sort, undo, and export
Appendix A, read back with python-docx."""

from __future__ import annotations

from datetime import date

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator.action_plan import PRIORITIES_2015, ActionStatus, Priority
from facilitator.models import Note, Programme, Theme, Workshop
from facilitator.store import action_plan as plan
from tests.ui.run.helpers import open_run, type_note
from tests.ui.windows import show_active

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _programme(store):
    programme = store.add_programme(Programme("Delivery planning 2015", area="Leicestershire"))
    for number, text in enumerate(PRIORITIES_2015, 1):
        plan.save_priority(store, Priority(programme.id, text, number))
    w2 = store.add_workshop(Workshop(programme.id, "W2", "Older people?", "delivery-planning",
                                     date="2015-01-20"))
    w4 = store.add_workshop(Workshop(programme.id, "W4", "Young people?", "delivery-planning",
                                     date="2015-02-03"))
    theme = store.add_theme(Theme(programme.id, "how", "Help to start a lunch club"))
    store.add_notes([
        Note(w2.id, "how", "A guide to starting a lunch club", theme_id=theme.id,
             tags=["getting-started"]),
        Note(w4.id, "how", "Small grants for a first lunch club", theme_id=theme.id,
             tags=["getting-started"]),
    ])
    return programme, w2, w4, theme


def _open_plan(qtbot, context, programme_id):
    from ui.actions import show_action_plan

    parent = QApplication.activeWindow()
    window = show_action_plan(parent or _Holder(), context, programme_id)
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tree)
    return window


class _Holder:
    action_plan_window = None


def _dialog(qtbot, window, name):
    qtbot.waitUntil(lambda: window.dialog is not None and window.dialog.isVisible())
    assert window.dialog.objectName() == name
    return window.dialog


def test_promote_a_theme_then_plan_it_by_keyboard_and_export(qtbot, context, dialogs, tmp_path):
    from ui.compile.board import ThemesBoardWindow

    store = context.store
    programme, w2, w4, theme = _programme(store)
    board = show_active(qtbot, ThemesBoardWindow(context, context.undo_stack, programme.id, "how"))
    column = board.lists[theme.id]
    column.setFocus()
    column.setCurrentRow(0)
    qtbot.waitUntil(lambda: board.current_theme_id == theme.id)
    dialogs.choose_answers = [0]  # under priority 1
    qtbot.keyClick(column, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.AltModifier)
    [action] = plan.actions(store, programme.id)
    assert action.text == "Help to start a lunch club"
    assert action.theme_id == theme.id
    assert sorted(action.workshop_ids) == sorted([w2.id, w4.id])
    assert action.support_area == "Support to get started"
    assert action.priority_id == plan.priorities(store, programme.id)[0].id
    assert action.status == ActionStatus.PROPOSED
    board.close()

    window = _open_plan(qtbot, context, programme.id)
    assert window.current_action().id == action.id
    assert "From theme “Help to start a lunch club” and 2 notes in W2, W4" in \
        window.sources_label.text()

    # Alt+Enter opens the details form; Tab through the fields, Enter saves
    qtbot.keyClick(window.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    form = _dialog(qtbot, window, "actionDialog")
    form.lead.setFocus()
    qtbot.keyClicks(form.lead, "Communities Team")
    qtbot.keyClicks(form.partners, "Age UK")
    form.timescale.setFocus()
    qtbot.keyClicks(form.timescale, "soon")
    qtbot.keyClick(form.timescale, Qt.Key.Key_Return)
    assert form.isVisible() and "neither a quarter" in form.error.text()
    form.timescale.clear()
    qtbot.keyClicks(form.timescale, "q2 2015")
    qtbot.keyClicks(form.measure, "Five new lunch clubs")
    form.status.setFocus()
    qtbot.keyClick(form.status, Qt.Key.Key_Down)  # agreed
    qtbot.keyClick(form.lead, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)
    saved = plan.get_action(store, action.id)
    assert (saved.lead, saved.partners, saved.timescale, saved.measure, saved.status) == (
        "Communities Team", "Age UK", "Q2 2015", "Five new lunch clubs", ActionStatus.AGREED)

    # progress: a date in the future is refused, with a message; then a real one
    qtbot.keyClick(window.tree, Qt.Key.Key_P, CTRL)
    form = _dialog(qtbot, window, "progressDialog")
    form.when.clear()
    qtbot.keyClicks(form.when, "01/01/2999")
    qtbot.keyClicks(form.text, "Guide published")
    qtbot.keyClick(form.text, Qt.Key.Key_Return)
    assert form.isVisible() and "in the future" in form.error.text()
    assert plan.progress_updates(store, [action.id]) == []
    form.when.clear()
    qtbot.keyClicks(form.when, "12/05/2015")
    qtbot.keyClick(form.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.dialog is None)
    [update] = plan.progress_updates(store, [action.id])
    assert (update.date, update.text) == ("2015-05-12", "Guide published")
    qtbot.waitUntil(lambda: window.progress.count() == 1)
    assert window.progress.item(0).text() == "12 May 2015: Guide published"

    # undo (the library's one history) takes the progress away, redo brings it back
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL)
    assert plan.progress_updates(store, [action.id]) == []
    qtbot.keyClick(window.tree, Qt.Key.Key_Y, CTRL)
    assert len(plan.progress_updates(store, [action.id])) == 1

    # export Appendix A and read it back
    target = tmp_path / "Action plan.docx"
    dialogs.file_answers = [str(target)]
    qtbot.keyClick(window.tree, Qt.Key.Key_E, CTRL | SHIFT)
    assert target.is_file(), dialogs.errors
    document = Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert "Appendix A: Action plan" in texts
    assert f"Priority 1: {PRIORITIES_2015[0]}" in texts
    assert "Key progress to date" in texts
    assert "12 May 2015, Help to start a lunch club: Guide published" in texts
    [table] = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == [
        ["Action", "Support area", "Lead", "Timescale", "Measure of success", "Status",
         "From workshops"],
        ["Help to start a lunch club", "Support to get started", "Communities Team", "Q2 2015",
         "Five new lunch clubs", "Agreed", "W2, W4"],
    ]
    section = document.sections[-1]
    assert section.page_width > section.page_height  # landscape
    window.close()


def test_promote_a_note_in_the_run_window_and_the_card_says_so(qtbot, context, dialogs):
    store = context.store
    programme, w2, _w4, _theme = _programme(store)
    window = open_run(qtbot, context, w2.id)
    window.session.set_step("what")
    type_note(qtbot, window, "Volunteer drivers for hospital visits")
    qtbot.keyClick(window.capture.box, Qt.Key.Key_F6)  # to the board
    window.board.select_notes([store.notes(w2.id, "what")[0].id])
    dialogs.choose_answers = [3]  # "Later": no priority yet
    qtbot.keyClick(window.board, Qt.Key.Key_K, CTRL)
    [action] = [a for a in plan.actions(store, programme.id)]
    assert action.text == "Volunteer drivers for hospital visits"
    assert action.priority_id is None and action.theme_id is None
    note = store.notes(w2.id, "what")[0]
    assert action.note_ids == [note.id]
    index = window.model.index_of(note.id)
    qtbot.waitUntil(lambda: "Action" in (index.data(Qt.ItemDataRole.UserRole + 5) or ""))
    assert "Became an action" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    # Undo in the run window takes the action away again
    qtbot.keyClick(window.board, Qt.Key.Key_Z, CTRL)
    assert plan.actions(store, programme.id) == []
    window.close()


def test_deleted_source_notes_leave_the_action_working_and_say_so(qtbot, context):
    from facilitator.action_plan import action_from_idea

    store = context.store
    programme, w2, _w4, _theme = _programme(store)
    notes = store.notes(w2.id, "how")
    [action] = plan.add_actions(store, [action_from_idea(programme.id, notes[0].text, notes)])
    store.set_notes_deleted([n.id for n in notes])
    window = _open_plan(qtbot, context, programme.id)
    window.select(action.id)
    assert "1 source note deleted since" in window.sources_label.text()
    assert "A guide to starting a lunch club" in window.tree.currentItem().text(0)
    window.close()


def test_priorities_move_and_actions_sort_within_them(qtbot, context):
    from facilitator.action_plan import Action

    store = context.store
    programme, *_ = _programme(store)
    first = plan.priorities(store, programme.id)[0]
    plan.add_actions(store, [
        Action(programme.id, "Beta", priority_id=first.id, timescale="Q4 2015"),
        Action(programme.id, "Alpha", priority_id=first.id, timescale="Q1 2015"),
    ])
    window = _open_plan(qtbot, context, programme.id)
    group = window.tree.topLevelItem(0)
    assert [group.child(i).text(0) for i in range(2)] == ["Beta", "Alpha"]
    window.sort_by(0)
    group = window.tree.topLevelItem(0)
    assert [group.child(i).text(0) for i in range(2)] == ["Alpha", "Beta"]
    window.sort_by(0)  # again: reversed
    group = window.tree.topLevelItem(0)
    assert [group.child(i).text(0) for i in range(2)] == ["Beta", "Alpha"]
    window.tree.setCurrentItem(window.tree.topLevelItem(0))
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, CTRL | SHIFT)
    assert [p.id for p in plan.priorities(store, programme.id)][1] == first.id
    assert window.tree.topLevelItem(1).text(0).startswith("Priority 2: Building")
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL)
    assert plan.priorities(store, programme.id)[0].id == first.id
    window.close()


def test_future_progress_is_refused_by_the_domain_too(context):
    from facilitator.action_plan import Action, ProgressUpdate
    from facilitator.models import ValidationError

    store = context.store
    programme, *_ = _programme(store)
    [action] = plan.add_actions(store, [Action(programme.id, "A bus")])
    try:
        plan.save_progress(store, ProgressUpdate(action.id, "2015-06-02", "Route agreed"),
                           today=date(2015, 6, 1))
    except ValidationError as exc:
        assert "in the future" in str(exc)
    else:
        raise AssertionError("a future date was accepted")


def test_screenshot_of_the_demo_action_plan(qtbot, context, tmp_path):
    from facilitator.demo import load_demo
    from tests.ui.run.test_screenshots import distinct_colours, save

    programme = load_demo(context.store)
    window = _open_plan(qtbot, context, programme.id)
    window.resize(1280, 760)
    action = next(a for a in plan.actions(context.store, programme.id)
                  if a.text == "Training for committees and trustees")
    window.select(action.id)
    qtbot.waitUntil(lambda: window.progress.count() == 2)
    assert "From theme “Training for committees and trustees”" in window.sources_label.text()
    QApplication.processEvents()
    picture = window.grab()
    assert distinct_colours(picture) > 20
    save(picture, tmp_path, "action-plan.png")
    window.close()
