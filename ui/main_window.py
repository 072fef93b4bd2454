"""The main window: the library's programmes and workshops, and the menus features add to.

The window itself stays small. Features (running a workshop, reports, workshop
files) live in their own packages listed in ``FEATURES``; each has
``install(window)`` that adds its actions to ``window.menus``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QMenu, QTreeView

from facilitator import APP_NAME, __version__
from facilitator.models import Programme
from ui.announce import show_status
from ui.app import application, apply_text_scale
from ui.busy import BusyState, write_actions
from ui.commands.base import StaleCommandError, try_push
from ui.context import AppContext
from ui.library_centre import Column, make_column
from ui.library_model import ID_ROLE, KIND_ROLE, LibraryModel
from ui.window_features import install_features

if TYPE_CHECKING:  # the feature packages' types, for the attributes they set (not imported)
    from PySide6.QtWidgets import QStackedWidget, QToolBar

    from ui.actions.window import ActionPlanWindow
    from ui.empty_state import EmptyState
    from ui.gone_banner import GoneBanner
    from ui.library_ops.actions import LibraryOps
    from ui.reports.dialog import ExportDialog
    from ui.run.window import RunWindow
    from ui.transfer.actions import TransferActions
    from ui.workshop_dialog import WorkshopDialog

class MainWindow(QMainWindow):
    #: Emitted with a workshop id when the user opens a workshop (Enter or double-click).
    workshop_opened = Signal(str)
    #: Emitted once, just after the window's first frame (the library watch's first
    #: snapshot, listening for second copies: they wait for it).
    first_painted = Signal()
    #: Emitted when the welcome's "Read the user guide" is pressed (ui.preferences opens it).
    guide_requested = Signal()

    # What the feature packages (FEATURES) attach as they install, typed here, in one place:
    #: ui.run: the open run windows, by workshop id; the workshop dialog open, if any.
    run_windows: dict[str, RunWindow]
    workshop_dialog: WorkshopDialog | None
    #: ui.library_ops: rename, move, merge, delete and restore.
    library_ops: LibraryOps
    #: ui.reports: the export dialog open, if any.
    export_dialog: ExportDialog | None
    #: ui.transfer: workshop files, compile and the themes board.
    transfer: TransferActions
    #: (ui.sense's windows are the window's Qt children: ui.sense.opened_before finds them.)
    #: ui.actions: the action plan, once opened (closing hides it, to be shown again).
    action_plan_window: ActionPlanWindow

    def __init__(self, context: AppContext, *, features_after_first_frame: bool = False) -> None:
        """``features_after_first_frame``: install the menus' entries and the features
        behind them just after the first frame (ui.window_features), not now."""
        super().__init__()
        self.context = context
        self.store = context.store
        #: The library's one undo history (every window's changes), not this window's own.
        self.undo_stack = context.undo_stack
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 680)

        self.model = LibraryModel(self.store, self)
        self._last_workshop_id: str | None = None
        self.tree = self._build_tree()

        # The tree alone until the welcome or the gone banner is wanted (ui.library_centre).
        self.setCentralWidget(self.tree)
        self._column: Column | None = None
        self._welcome: EmptyState | None = None
        self.saved_label = QLabel("")
        self.saved_label.setAccessibleDescription("Save status")
        self.statusBar().addPermanentWidget(self.saved_label)
        self.statusBar().showMessage(f"Library: {self._library_text()}")

        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {key: bar.addMenu(title) for key, title in (
            ("file", "&File"), ("edit", "&Edit"), ("workshop", "&Workshop"), ("view", "&View"),
            ("help", "&Help"))}
        self.read_only_banner: QToolBar | None = None
        if self.store.read_only:
            self._show_read_only()
        self.features_installed = False
        if features_after_first_frame:
            from ui.window_features import AfterFirstFrame

            AfterFirstFrame(self)
        else:
            self.install_features()

        self.model.modelReset.connect(self._on_library_changed)
        self.model.rowsInserted.connect(self._on_library_changed)
        self.model.rowsRemoved.connect(self._on_library_changed)
        self.store.events.saved.connect(self._on_saved)
        # A merge runs on another thread: its progress shows here, changes wait for it.
        self.busy = BusyState(self, self.undo_stack, self.write_actions)
        self._on_library_changed()
        # Changes other programs make to the library show here; a deleted file stops writes.
        context.watch.gone.connect(self._on_library_gone)
        if context.watch.message is not None:  # (gone already: the banner says so at once)
            self._centre()
        context.watch.start()
        self.first_painted.connect(context.watch.first_check)

    def _build_tree(self) -> QTreeView:
        """The programmes with their workshops: Enter or a double-click opens a workshop."""
        tree = QTreeView()
        tree.setObjectName("libraryTree")
        tree.setAccessibleName("Programmes and workshops")
        tree.setModel(self.model)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QTreeView.SelectionMode.ExtendedSelection)
        tree.setSelectionBehavior(QTreeView.SelectionBehavior.SelectRows)
        tree.activated.connect(self._on_tree_activated)
        tree.selectionModel().currentChanged.connect(self._on_current_changed)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return tree

    @property
    def stack(self) -> QStackedWidget:
        """The tree, or the welcome (ui.library_centre: made when first wanted)."""
        return self._centre().stack

    @property
    def gone_banner(self) -> GoneBanner:
        """The red band saying the library file has gone (made when first wanted)."""
        return self._centre().banner

    def _centre(self) -> Column:  # (the column, made the first time it is wanted)
        if self._column is None:
            self._column = make_column(self, self.tree, self.context.watch)
        return self._column

    @property
    def empty_state(self) -> EmptyState:
        """The welcome an empty library shows, made when first wanted (~15 ms of widgets)."""
        if self._welcome is None:
            from ui.empty_state import welcome_for

            self._welcome = welcome_for(self)
        return self._welcome

    _painted = False

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:  # what can wait for the first frame (start-up) starts now
            self._painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)

    # ------------------------------------------------------------------ menus
    def install_features(self) -> None:
        """The menus' entries, with the features behind them (once: ui.window_features)."""
        if not self.features_installed:
            self.features_installed = True
            install_features(self)

    def add_action(
        self, menu: str, text: str, slot, shortcut: str | None, tip: str,
        reason_no_shortcut: str = "",
    ) -> QAction:
        """Add an action with a shortcut (or a stated reason for none) and a tooltip."""
        from PySide6.QtGui import QKeySequence  # (its type waits for the menus' entries)

        action = QAction(text, self)
        action.setObjectName(text.replace("&", "").replace("…", "").strip())
        if shortcut:
            # (setShortcuts: setShortcut's overloads make PySide build Qt.*, ~15 ms.)
            action.setShortcuts([QKeySequence(shortcut)])
            tip = f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setProperty("no_shortcut_reason", reason_no_shortcut)
        action.triggered.connect(slot)
        self.menus[menu].addAction(action)
        self.addAction(action)
        return action

    def _show_read_only(self) -> None:
        """A banner saying the library is read-only and why (ui.window_features switches
        off every action that would change it, its tooltip giving the reason)."""
        from PySide6.QtWidgets import QToolBar  # (read-only libraries only)

        reason, why = self.store.read_only_reason, self.read_only_why()
        label = QLabel(f"<b>Read-only library</b> — {reason}. You can look at it, search it "
                       "and export from it, but nothing can be changed.")
        label.setObjectName("readOnlyBannerText")
        label.setWordWrap(True)
        label.setAccessibleName(why)
        label.setStyleSheet("QLabel { background: #fff4c2; color: #3d3000; padding: 6px; }")
        banner = QToolBar("Read-only library", self)
        banner.setObjectName("readOnlyBanner")
        banner.setMovable(False)
        banner.setFloatable(False)
        banner.addWidget(label)
        self.addToolBar(banner)
        self.read_only_banner = banner
        self.statusBar().showMessage(f"Library (read-only): {self._library_text()}")

    def read_only_why(self) -> str:
        return (f"Read-only: {self.store.read_only_reason}. You can look, search and export; "
                "nothing can be changed.")

    def write_actions(self, *, with_undo: bool = False) -> list[QAction]:
        """The window's actions that change the library (``ui.busy.write_actions``)."""
        return write_actions(self, with_undo=with_undo)

    # ---------------------------------------------------------------- actions
    def new_programme(self) -> None:
        from ui.commands.library import AddProgrammeCommand  # (not for the first frame)

        title = self.context.dialogs.ask_text(self, "New programme", "Programme title:")
        if not title or not title.strip():
            return
        programme = Programme(
            title=title.strip(),
            organisation=self.context.settings.organisation,
            area=self.context.settings.area,
        )
        self.run_command(AddProgrammeCommand(self.store, programme))

    def load_demo(self) -> None:
        try:
            from facilitator.demo import load_demo  # (not needed for the first frame)

            load_demo(self.store, sessions=True)
        except Exception as exc:  # noqa: BLE001 - shown to the user, library untouched
            self.report_error(exc)
            return
        self.tree.expandAll()

    def run_command(self, command) -> bool:
        """Apply a command through the library's undo stack; a failure is shown, not lost."""
        return try_push(self.undo_stack, command, self.report_error)

    def report_error(self, exc: Exception) -> None:
        if isinstance(exc, StaleCommandError):  # a refused undo: nothing was written
            self.statusBar().showMessage(str(exc), 15000)
            self.context.dialogs.info(self, "Undo", str(exc))
            return
        if self.context.watch.notice(exc):  # the library file has gone: the banner says so
            self.statusBar().showMessage("Not saved: the library file has gone.", 15000)
            return
        self.context.dialogs.error(self, APP_NAME, str(exc))

    def scale_text(self, factor: float | None) -> None:
        settings = self.context.settings
        settings.text_scale = 1.0 if factor is None else settings.text_scale * factor
        apply_text_scale(application(), settings.text_scale)

    def show_about(self) -> None:
        from facilitator.library import data_dir

        self.context.dialogs.info(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nLibrary: {self._library_text()}\n"
            f"Data folder: {data_dir()}\n\nWorks offline: nothing is ever sent anywhere.",
        )

    def open_workshop(self, workshop_id: str) -> None:
        self.workshop_opened.emit(workshop_id)

    # -------------------------------------------------------------- selection
    def selected_ids(self, kind: str) -> list[str]:
        """Ids of the selected programmes or workshops, in display order, without repeats."""
        seen: list[str] = []
        for index in self.tree.selectionModel().selectedRows(0):
            if index.data(KIND_ROLE) == kind and index.data(ID_ROLE) not in seen:
                seen.append(index.data(ID_ROLE))
        return seen

    def current_programme_id(self) -> str | None:
        """The programme of the current row (a programme row, or a workshop's parent)."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        index = index.siblingAtColumn(0)
        if index.data(KIND_ROLE) == "workshop":
            index = index.parent()
        return index.data(ID_ROLE)

    # ----------------------------------------------------------------- events
    def _on_tree_activated(self, index: QModelIndex) -> None:
        if index.data(KIND_ROLE) == "workshop":
            self.open_workshop(index.data(ID_ROLE))

    def _on_library_changed(self, *_args) -> None:
        # Once per batch of the store's events (a rebuilt tree inserts a row per programme).
        self.store.events.after_batch(self._show_library)

    def _show_library(self) -> None:
        empty = self.model.rowCount() == 0
        if empty:
            self.stack.setCurrentWidget(self.empty_state)
        elif self._column is not None:
            self._column.stack.setCurrentWidget(self.tree)
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        if not empty:
            self.tree.expandAll()
            current = self.tree.currentIndex()
            if not current.isValid() or current.data(KIND_ROLE) == "programme":
                # After a rebuild, go back to the workshop the user was on (or the first one),
                # so Enter opens a workshop without reaching for the mouse.
                target = self._workshop_index(self._last_workshop_id) or self._workshop_index(None)
                if target is not None:
                    # Current but not selected: exports still default to the whole programme.
                    self.tree.selectionModel().setCurrentIndex(
                        target, QItemSelectionModel.SelectionFlag.NoUpdate
                    )
            self.tree.setFocus()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.data(KIND_ROLE) == "workshop":
            self._last_workshop_id = current.data(ID_ROLE)

    def select_workshop(self, workshop_id: str) -> None:
        """Make a workshop the current, selected row (Enter then opens it)."""
        index = self._workshop_index(workshop_id)
        if index is not None:
            self._last_workshop_id = workshop_id
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _workshop_index(self, workshop_id: str | None) -> QModelIndex | None:
        """The row of a workshop (the first workshop for ``None``), or None."""
        for row in range(self.model.rowCount()):
            top = self.model.index(row, 0)
            for child in range(self.model.rowCount(top)):
                index = self.model.index(child, 0, top)
                if workshop_id is None or index.data(ID_ROLE) == workshop_id:
                    return index
        return None

    def _on_saved(self, _when: str) -> None:
        self.saved_label.setText(f"All changes saved at {datetime.now():%H:%M:%S}")

    def _on_library_gone(self, message: str) -> None:
        self._centre()  # (the banner, showing the message)
        self.saved_label.setStyleSheet("color: #a4262c; font-weight: bold;")
        show_status(self.saved_label, "Library file missing: changes are NOT saved",
                    assertive=True)
        self.context.dialogs.error(self, "The library file has gone", message)

    def _library_text(self) -> str:
        return str(self.store.path) if self.store.path else "in memory (not saved to a file)"

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.undo_stack.settle()  # a merge still being written finishes first
        self.busy.disconnect_history()
        self.model.disconnect_store()
        self.store.events.saved.disconnect(self._on_saved)
        self.context.watch.stop()
        self.context.watch.gone.disconnect(self._on_library_gone)
        super().closeEvent(event)
