"""The app notices changes made to its library elsewhere, and stops writing if the file goes.

A ``LibraryWatch`` (one per context: ``context.watch``) asks the store on a timer
whether another program (the command line, a second copy of the app) committed to
the library (``store.check_external_changes()``, SQLite's ``PRAGMA data_version``);
the store then fires its ``*_changed`` events and every window refreshes. The same
check compares the library file's identity: if the file was deleted or replaced, the
watch emits ``gone`` once with the message, and every window shows a
:class:`~ui.gone_banner.GoneBanner`.

It polls every ``ACTIVE_MS`` while the app is in front and every ``IDLE_MS`` when it is
not; a poll is one ``stat`` and one pragma (well under 1 % of a CPU:
``benchmarks/bench_watch.py``).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from facilitator.store import LibraryError, LibraryGoneError, Store

log = logging.getLogger(__name__)

#: Poll interval while the app is the active one, and while it is in the background (ms).
ACTIVE_MS = 1500
IDLE_MS = 6000


class LibraryWatch(QObject):
    #: The library file was deleted or replaced: carries the message (naming the file).
    gone = Signal(str)
    #: Another program changed the library; the store's events have already fired.
    changed_elsewhere = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.message: str | None = None
        self.timer = QTimer(self)  # (a coarse timer: Qt's default, which suits a poll)
        self.timer.timeout.connect(self.check)
        self._following = False

    def start(self) -> None:
        """Start polling (the library window calls this). The version read so far is noted
        now; the first snapshot (every row's version: ~1 ms per 1,000 notes) is taken by
        ``first_check`` once the window has painted, or else by the first poll, and a
        change made in between is not missed (see ``check_external_changes``). It polls
        every ``ACTIVE_MS`` until then, and from then on as the app's state asks (the state
        is a ``Qt.ApplicationState``: naming one makes PySide build every ``Qt.*`` enum,
        ~15 ms, which the library window's first frame does without)."""
        self._started = True
        self.store.remember_version()
        if self._following:
            self._on_state_changed(QGuiApplication.applicationState())
        elif not self.timer.isActive():
            self.timer.start(ACTIVE_MS)

    def first_check(self) -> None:
        """The window's first frame is up: take the first snapshot now, before anyone types."""
        self._follow_state()
        if self._started and not self.store.has_snapshot():
            self.check()

    def _follow_state(self) -> None:
        """Poll less often while the app is in the background (from the first frame on)."""
        if self._following:
            return
        self._following = True
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_state_changed)
        self._on_state_changed(QGuiApplication.applicationState())

    def stop(self) -> None:
        self._started = False
        self.timer.stop()

    _started = False

    def _on_state_changed(self, state) -> None:
        if self.message is not None or not self._started:
            return
        from PySide6.QtCore import Qt  # (after the first frame: see start)

        active = state == Qt.ApplicationState.ApplicationActive
        interval = ACTIVE_MS if active else IDLE_MS
        if not self.timer.isActive() or self.timer.interval() != interval:
            self.timer.start(interval)

    def check(self) -> bool:
        """One poll: True if another program changed the library since the last one."""
        self._follow_state()  # (if the window was never painted: started minimised)
        if self.message is not None:
            return False
        try:
            changed = self.store.check_external_changes()
        except LibraryGoneError as exc:
            self.notice(exc)
            return False
        except LibraryError as exc:  # busy for a moment: try again at the next tick
            log.info("library check skipped: %s", type(exc).__name__)
            return False
        if changed:
            self.changed_elsewhere.emit()
        return changed

    def notice(self, exc: Exception) -> bool:
        """Called with any write error: True (and ``gone`` emitted, once) if the library
        file has gone, so windows can show the banner instead of a dialog per note."""
        if not isinstance(exc, LibraryGoneError) and self.store.gone is None:
            return False
        if self.message is None:
            self.message = self.store.gone or str(exc)
            self.timer.stop()
            log.error("the library file was deleted or replaced; writes stop")
            self.gone.emit(self.message)
        return True
