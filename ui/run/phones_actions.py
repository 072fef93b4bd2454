"""The run window's Phones actions (issue 14): turning Phones on and off (F7), the phones' queue
(F8, Return, Shift+Return, Delete), voting (F9, Shift+F9), the Wi-Fi QR code and the
laptop's own test of the phones' page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from ui.announce import tell
from ui.run.menu_action import add


def build_phones(window, menu: QMenu) -> None:
    """Phones (issue 14): off until the facilitator turns it on."""
    window.phones_action = add(
        window, menu, "&Phones", lambda: toggle_phones(window), "F7",
        "Let the room post notes and dot-votes from their phones over this laptop's Wi-Fi")
    window.phones_action.setCheckable(True)
    window.phones_action.triggered.disconnect()
    window.phones_action.triggered.connect(lambda _checked=False: toggle_phones(window))
    window.phones_queue_action = add(window, menu, "Go to the phones' &queue", lambda: focus_phones_queue(window), "F8",
        "Move the keyboard to the notes from phones waiting to be accepted")
    queue_actions = (
        ("&Accept phone note", lambda: window.phones_panel.accept_selected(), "Return",
         "Put the selected notes from phones on the board"),
        ("&Edit and accept phone note…", lambda: window.phones_panel.edit_and_accept(),
         "Shift+Return", "Edit the selected note from a phone, then put it on the board"),
        ("&Reject phone note", lambda: window.phones_panel.reject_selected(), "Delete",
         "Do not use the selected notes from phones"),
    )
    window.phones_queue_actions = [window.phones_queue_action]
    for text, slot, key, tip in queue_actions:
        action = add(window, menu, text, slot, key, tip, widget=window.phones_panel.queue)
        window.phones_queue_actions.append(action)
    update_phones_actions(window)
    menu.addSeparator()
    window.open_voting_action = add(
        window, menu, "Open &voting…", lambda: open_voting(window), "F9",
        "Phones vote with dots on this step's themes and notes; the presenter shows the bars")
    window.close_voting_action = add(
        window, menu, "&Close voting", lambda: close_voting(window), "Shift+F9",
        "Stop the dots moving and keep the counts with the workshop")
    window.phones_queue_actions += [window.open_voting_action, window.close_voting_action]
    update_phones_actions(window)
    menu.addSeparator()
    action = add(window, menu, "&Wi-Fi QR code…", lambda: show_wifi_qr(window), None,
                 "A QR code phones scan to join the hall's Wi-Fi (name and password)")
    action.setProperty("no_shortcut_reason", "used once, before people arrive")
    action = add(window, menu, "&Test from this laptop", lambda: test_phones(window), None,
                 "Check the phones' page answers at the chosen address")
    action.setProperty("no_shortcut_reason", "a button beside the join code too")


def update_phones_actions(window) -> None:
    """The queue's actions are there while Phones is on or notes still wait (so F1 lists
    them only then)."""
    shown = window.phones_link.running or bool(window.phones_link.pending())
    for action in window.phones_queue_actions:
        action.setVisible(shown)
        action.setEnabled(shown)


def toggle_phones(window) -> None:
    """Turn Phones on (at the chosen address) or off (the port closes at once)."""
    link, panel = window.phones_link, window.phones_panel
    if link.running:
        link.stop()
        panel.setVisible(bool(link.pending()))  # notes still waiting can still be accepted
        tell(window, "Phones is off: the laptop no longer answers them.", 8000)
    else:
        try:
            link.start(panel.chosen_host())
        except OSError as exc:
            window.context.dialogs.error(window, "Phones", f"Phones could not start: {exc}")
            window.phones_action.setChecked(False)
            return
        panel.show()
        tell(window,
            f"Phones is on: {link.url}, code {link.code}.", 10000)
    window.phones_action.setChecked(link.running)
    update_phones_actions(window)


def open_voting(window, dots: int | None = None) -> int:
    """Ask for the dots per phone (default 3), then open voting on the current step."""
    from ui.run.phones_room import VotingDialog

    link = window.phones_link
    if not link.running:
        window.statusBar().showMessage("Turn Phones on first (F7).", 6000)
        return 0
    if dots is None:
        dialog = VotingDialog(window)
        if dialog.exec() != VotingDialog.DialogCode.Accepted:
            return 0
        dots = dialog.dots.value()
    count = link.open_voting(dots)
    if not count:
        window.statusBar().showMessage("This step has no notes to vote on yet.", 6000)
    else:
        window.statusBar().showMessage(
            f"Voting is open on {count} ideas, {dots} dots per phone. Shift+F9 closes it.",
            10000)
    return count


def close_voting(window) -> None:
    counts = window.phones_link.close_voting()
    window.statusBar().showMessage(
        f"Voting closed: {sum(counts.values())} dots, kept with the workshop." if counts
        else "No voting is open.", 10000)


def focus_phones_queue(window) -> None:
    window.phones_panel.show()
    window.phones_panel.queue.setFocus(Qt.FocusReason.ShortcutFocusReason)


def show_wifi_qr(window) -> None:
    from ui.run.phones_room import WifiDialog

    window.wifi_dialog = WifiDialog(window)
    window.wifi_dialog.open()


def test_phones(window) -> None:
    window.phones_panel.show()
    window.phones_panel.test_from_laptop()


