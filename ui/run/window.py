"""The run window: one workshop being run, step by step.

Layout: steps down the left; at the top the current question, large, with the
timer; then the capture box, the tag chips and the board of cards. Every change
is a command on the session's undo stack (``session.run``); the store writes it
at once and the status bar says when.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from facilitator import APP_NAME
from facilitator.store import LibraryGoneError
from ui.announce import announce, show_status, tell
from ui.context import AppContext
from ui.gone_banner import GoneBanner
from ui.run import actions, phones_actions
from ui.run.board import BoardView
from ui.run.board_model import BoardModel
from ui.run.capture import CapturePanel
from ui.run.cards import step_colour
from ui.run.draft import DraftKeeper
from ui.run.help_overlay import HelpOverlay
from ui.run.operations import CardOperations
from ui.run.phones import PhonesLink
from ui.run.phones_panel import PhonesPanel
from ui.run.photos import PhotoStrip
from ui.run.screen_fit import fit_to_screen
from ui.run.session import RunSession
from ui.run.status_banner import StatusBanner
from ui.run.steps import StepHeader, StepList
from ui.run.tag_bar import TagBar
from ui.run.tally import TallyBar
from ui.run.timer import StepTimer
from ui.run.window_photos import RunWindowPhotos

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDialog, QMenu

    from ui.run.phones_room import WifiDialog
    from ui.run.typeup import TypeUpView
    from ui.sense.hints import LiveHints
    from ui.workshop_dialog import WorkshopDialog


class RunWindow(RunWindowPhotos, CardOperations):
    closed = Signal(str)  # the workshop id

    # Made with the menus (ui.run.actions.build), typed here in one place:
    presenter_action: QAction
    tag_actions: list[QAction]
    clear_tag_action: QAction
    group_by_tag_action: QAction
    hints_action: QAction
    asset_actions: list[QAction]
    connect_action: QAction
    tally_actions: list[QAction]
    move_menu: QMenu
    phones_action: QAction
    phones_queue_action: QAction
    phones_queue_actions: list[QAction]
    open_voting_action: QAction
    close_voting_action: QAction
    wifi_dialog: WifiDialog  # (these three: opened from the menus, when they are)
    workshop_dialog: WorkshopDialog
    connect_dialog: QDialog  # Connect assets… (ui.assets)

    def __init__(self, context: AppContext, workshop_id: str, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self.session = RunSession(context, workshop_id, self)
        self.format = self.session.format
        workshop = self.session.workshop
        self.programme_id = workshop.programme_id
        self.setObjectName("runWindow")
        self.refresh_title()
        fit_to_screen(self, 1280, 800)

        self.model = BoardModel(self.store, workshop_id, self.programme_id, self.format, self)
        self.hints: LiveHints | None = None  # support-area hints, once asked for
        self.header = StepHeader(self.session)
        self.banner = StatusBanner(self.session)
        self.steps = StepList(self.session)
        self.capture = CapturePanel(self._on_paste_lines)
        if self.format.capture_label:  # a roadshow: the stall or location, not the table
            self.capture.set_label(self.format.capture_label)
        self.tally = TallyBar(self.session) if self.format.tally else None
        self.tag_bar = TagBar()
        self.board = BoardView()
        self.board.setModel(self.model)
        self.count_label = QLabel()
        self.count_label.setObjectName("stepCount")
        self.count_label.setAccessibleDescription("Notes on this step")
        self.help_overlay: HelpOverlay | None = None
        self.presenter = None
        self.timer: StepTimer | None = None
        self.photo_strip: PhotoStrip | None = None
        #: View ▸ Photo strip (made with the menus).
        self.photo_strip_action = None
        self.photos_view: TypeUpView | None = None

        self.gone_banner = GoneBanner(context.watch)
        self._lay_out()

        self.saved_label = QLabel("")
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setAccessibleDescription("Save status")
        self.statusBar().addPermanentWidget(self.saved_label)

        self._add_timer()
        self._add_phones()
        self.menus = actions.build(self)
        self._connect_signals()
        self._on_step_changed(self.session.step_key)
        self.draft = DraftKeeper(self.capture.box, self.session, self, table=self.capture.table,
                                 timer=self.timer)
        restored = self.draft.restore()
        self.draft.mark_open(True)  # (a crash or flat battery leaves it marked: reopened)
        if restored:
            tell(self,
                "The note you were typing when the workshop last closed is back in the box.",
                10000)
        self.focus_capture()

    def _lay_out(self) -> None:
        """The steps down the left; beside them the question (with the timer), the banners,
        the capture box (and a stall's tally), the tag chips, the count, the board and the
        photo strip under it."""
        capture_row = QWidget()
        row = QVBoxLayout(capture_row)
        row.setContentsMargins(16, 0, 16, 0)
        row.addWidget(self.capture)
        if self.tally is not None:
            row.addWidget(self.tally)
        board_bar = QHBoxLayout()
        board_bar.setContentsMargins(16, 0, 16, 0)
        board_bar.addWidget(self.count_label)
        board_bar.addStretch(1)
        main = QVBoxLayout()
        main.setSpacing(6)
        main.addWidget(self.header)
        for banner in (self.banner, self.gone_banner):
            banner_row = QHBoxLayout()
            banner_row.setContentsMargins(16, 0, 16, 0)
            banner_row.addWidget(banner)
            main.addLayout(banner_row)
        main.addWidget(capture_row)
        main.addWidget(self.tag_bar)
        main.addLayout(board_bar)
        main.addWidget(self.board, 1)
        self._add_photo_strip(main)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setStyleSheet("color: #d0d7de;")
        centre = QWidget()
        layout = QHBoxLayout(centre)
        layout.setContentsMargins(8, 8, 0, 0)
        layout.addWidget(self.steps)
        layout.addWidget(line)
        layout.addLayout(main, 1)
        self.setCentralWidget(centre)

    def _connect_signals(self) -> None:
        """The capture box, banner, tag chips and board; the board's model; the session;
        the store's saves and workshop changes."""
        self.capture.box.submitted.connect(self.add_note)
        self.banner.mark_held_requested.connect(lambda: actions.edit_workshop(self, True))
        self.tag_bar.tag_chosen.connect(self._on_chip_clicked)
        self.tag_bar.group_by_tag_toggled.connect(self._on_group_by_tag_toggled)
        self.board.tag_key_pressed.connect(self._on_board_tag_key)
        self.board.delete_pressed.connect(self.delete_selected)
        self.board.escape_pressed.connect(self.focus_capture)
        self.board.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.board.customContextMenuRequested.connect(self._on_board_menu_requested)
        self.model.edit_requested.connect(self._on_edit_requested)
        self.model.drop_requested.connect(self._on_drop_requested)
        self.model.counts_changed.connect(self._on_counts_changed)
        self.session.step_changed.connect(self._on_step_changed)
        self.session.error.connect(self._on_error)
        self.session.refused.connect(self._on_refused)
        self.store.events.saved.connect(self._on_saved)
        self.store.events.workshops_changed.connect(self._on_workshops_changed)

    def _on_chip_clicked(self, number: int) -> None:
        self.tag_selected(number)
        self.focus_capture()  # the capture box stays ready for the next note

    def refresh_title(self) -> None:
        workshop = self.session.workshop
        self.setWindowTitle(f"{workshop.code}: {workshop.theme_question} — {APP_NAME}")

    def _add_timer(self) -> None:
        self.timer = StepTimer(self.session)
        self.header.add_side_widget(self.timer)

    def _add_phones(self) -> None:
        """Phones (F7): off until turned on; the server is imported only then."""
        self.phones_link = PhonesLink(self.session, self)
        self.phones_panel = PhonesPanel(self.phones_link, self)
        self.phones_panel.queue_changed = self._on_phone_queue_changed
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.phones_panel)
        self.phones_panel.hide()
        self.phones_label = QLabel("")
        self.phones_label.setObjectName("phonesStatus")
        self.phones_label.setAccessibleName("Notes from phones waiting")
        self.statusBar().addPermanentWidget(self.phones_label)
        self.phones_label.hide()

    def _on_phone_queue_changed(self, count: int) -> None:
        """The waiting count on the status bar, highlighted while notes wait (no sound)."""
        running = self.phones_link.running
        if hasattr(self, "phones_queue_actions"):
            phones_actions.update_phones_actions(self)
        self.phones_label.setVisible(running or count > 0)
        self.phones_label.setText(f"Phones: {count} waiting" if count else
                                  "Phones: on, nothing waiting" if running else "")
        self.phones_label.setStyleSheet(
            "background: #ffd54f; color: #1a1a1a; font-weight: bold; padding: 0 6px;"
            if count else "")

    # ------------------------------------------------------------- the board
    def set_group_by_tag(self, on: bool) -> None:
        self.tag_bar.group_by_tag.setChecked(on)

    def _on_group_by_tag_toggled(self, on: bool) -> None:
        self.model.set_group_mode("tags" if on else "themes")

    # ------------------------------------------------------------ the window
    def show_help(self) -> None:
        if self.help_overlay is None:
            self.help_overlay = HelpOverlay(self)
            self.help_overlay.closed.connect(self.focus_capture)
        if self.help_overlay.isVisible():
            self.help_overlay.hide()
            return
        self.help_overlay.show_for(actions.all_actions(self))

    def apply_text_scale(self) -> None:
        """Follow the interface's text size (Ctrl +/-, here or in the library window)."""
        font = QApplication.font()
        if self.board.font() != font:
            self.board.setFont(font)
        self.header.apply_fonts()
        self.steps.apply_fonts_and_refresh()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.apply_text_scale()

    def _on_step_changed(self, key: str) -> None:
        index = [s.key for s in self.session.steps].index(key)
        self.board.delegate.colour = step_colour(index)
        self.model.set_step(key)
        vocabulary = self.model.vocabulary
        self.tag_bar.blockSignals(True)
        self.tag_bar.group_by_tag.setChecked(self.model.group_mode == "tags")
        self.tag_bar.blockSignals(False)
        self.tag_bar.set_vocabulary(vocabulary)
        self._set_tab_order()
        step = self.session.steps[index]
        announce(self, f"Step {index + 1} of {len(self.session.steps)}: {step.title}. "
                       f"{self.session.question(step)}")
        actions.update_for_step(self)
        self._on_counts_changed(self.model.counts())
        self.board.show_top()
        self.focus_capture()

    def show_hints(self, on: bool) -> None:
        """Support-area hints on the cards not yet sorted (Notes ▸ Support-area hints):
        worked out off the GUI thread (the model loads the first time), again for each
        new note; they change nothing: the facilitator presses the number a hint shows."""
        if self.hints is None:
            if not on:
                return
            from ui.sense.hints import LiveHints

            self.hints = LiveHints(self.store, self.programme_id, self.session.workshop_id,
                                   self.model.set_hints, self)
            self.hints.status.connect(lambda text: tell(self, text, 8000))
            self.store.events.notes_changed.connect(self.hints.notes_changed)
            self.session.step_changed.connect(self.hints.set_step)
        self.hints.set_on(on, self.session.step_key)
        if not on:
            tell(self, "Support-area hints hidden.", 3000)

    def _set_tab_order(self) -> None:
        """Tab follows the reading order: the Steps list (left), the banner's button, the
        capture box and its table, the step's tag chips, the board, the photos under it."""
        bar = self.tag_bar
        chain = [self.steps, self.banner.button, self.capture.box, self.capture.table,
                 *bar.chips, bar.clear_chip, bar.group_by_tag, self.board]
        strip = getattr(self, "photo_strip", None)
        if strip is not None:
            chain += [strip.attach_button, strip.list]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)

    def _on_counts_changed(self, counts: dict[str, int]) -> None:
        if self.board.hasFocus() and not counts.get(self.session.step_key):
            self.focus_capture()  # (an undo took the last card away: back to typing)
        self.steps.set_counts(counts)
        count = counts.get(self.session.step_key, 0)
        step = self.session.step
        self.count_label.setText(f"<b>{count}</b> note{'s' if count != 1 else ''} on "
                                 f"{step.title}")

    def _on_workshops_changed(self, ids: list[str]) -> None:
        """Edited elsewhere (the library window): follow; deleted (its adding undone): close."""
        if self.session.workshop_id not in ids:
            return
        if self.session.workshop.deleted:
            self.close()
            return
        self.refresh_title()
        self.header._on_step_changed(self.session.step_key)
        self.banner.refresh()

    def _on_saved(self, _when: str) -> None:
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(f"All changes saved at {datetime.now():%H:%M:%S}")

    def _on_error(self, message: str) -> None:
        # The permanent label must not go on saying "All changes saved" after a failure.
        self.saved_label.setStyleSheet("color: #a4262c; font-weight: bold;")
        show_status(self.saved_label, f"Last change NOT saved ({datetime.now():%H:%M:%S})",
                    assertive=True)
        watch = self.context.watch
        if self.store.gone is not None:
            # The library file has gone: the red banner says what happened and what to do
            # (and the library window says it once); not a dialog for every note typed.
            watch.notice(LibraryGoneError(self.store.gone))
            tell(self,
                "NOT saved: the library file has gone (see the red message above). "
                "What you typed stays in the box.", 15000)
            return
        tell(self, "Not saved: " + message, 10000)
        self.context.dialogs.error(self, APP_NAME, message)

    def _on_refused(self, message: str) -> None:
        """An undo refused because another window or program changed the rows since:
        nothing was written, so "All changes saved" stays true."""
        tell(self, message, 15000)
        self.context.dialogs.info(self, "Undo", message)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.phones_link.stop()  # the port closes with the workshop
        if self.presenter is not None:
            self.presenter.close()
        if self.photos_view is not None and shiboken6.isValid(self.photos_view):
            self.photos_view.close()
        if self.photo_strip is not None:
            self.photo_strip.disconnect_store()
            self.store.events.photos_changed.disconnect(self._on_photos_changed)
        self.model.disconnect_store()
        if self.hints is not None:
            self.hints.stop()
            self.store.events.notes_changed.disconnect(self.hints.notes_changed)
        if self.tally is not None:
            self.tally.disconnect_store()
        self.store.events.saved.disconnect(self._on_saved)
        self.store.events.workshops_changed.disconnect(self._on_workshops_changed)
        self.session.close()
        self.draft.mark_open(False)  # what is in the box waits for the next time
        self.closed.emit(self.session.workshop_id)
        super().closeEvent(event)
