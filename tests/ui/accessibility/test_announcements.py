"""What is announced as it happens: a dialog's problem, the step, the timer, a saved note,
report warnings and banners."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.a11y_audit import name_of
from tests.ui.every_window import OPENED, _run, _show
from ui.reports.dialog import ExportDialog as ReportDialog
from ui.workshop_dialog import WorkshopDialog


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
