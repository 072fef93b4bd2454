"""The step's strip of photos of the wall, under the run window's board.

For the run window::

    strip = PhotoStrip(session)           # thumbnails of the current step's photos
    strip.photo_activated.connect(...)    # photo id: open TypeUpView(session, capture_box)
    menu.addActions(strip.actions())      # Attach photos… (Ctrl+Shift+O)
    strip.attach_files([Path, ...])       # what the Attach action and drag-and-drop do

``attach_files`` reads, checks and downscales the files in a worker thread
(``ui.run.photo_decode``), then attaches the good ones
as one undoable ``AttachPhotosCommand`` and shows one clear message naming every
file that was refused. ``attach_finished(list[str])`` carries the new photo ids.
On the strip, Delete removes the selected photos and the right-click menu also
moves them to another step (``move_selected(step_key)``); both are undoable.
``TypeUpView`` (the photo beside the capture box) and ``open_photos(run_window)``
(the "Type up the wall" window the Workshop menu opens) live in ``ui/run/typeup.py``.
Call ``strip.disconnect_store()`` when the workshop closes.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QIcon,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.photos import (
    FILE_FILTER,
    Photo,
    PhotoImages,
)
from facilitator.store.photos import PhotoStore
from ui.commands.photos import AttachPhotosCommand, DeletePhotosCommand, MovePhotosCommand
from ui.run.photo_decode import _DecodeJob, image_from_bytes
from ui.run.session import RunSession

#: Not Ctrl+O: that opens a workshop in the library window (one meaning per key).
ATTACH_SHORTCUT = "Ctrl+Shift+O"
STRIP_ICON = 112


# --------------------------------------------------------------------- strip
class PhotoStrip(QWidget):
    """Thumbnails of the current step's photos; attach by menu, button or drag and drop."""

    #: A photo was opened (double-click or Enter); carries its id.
    photo_activated = Signal(str)
    #: Files finished reading; carries the ids attached (possibly none).
    attach_finished = Signal(list)

    def __init__(self, session: RunSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.photos = PhotoStore(session.store)
        self._icons: dict[str, QIcon] = {}
        self._jobs: list[_DecodeJob] = []
        self.setObjectName("photoStrip")
        self.setAccessibleName("Photos of the wall")
        self.setAcceptDrops(True)

        self.attach_action = QAction("Attach photos…", self)
        self.attach_action.setObjectName("Attach photos")
        self.attach_action.setShortcut(QKeySequence(ATTACH_SHORTCUT))
        self.attach_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.attach_action.setToolTip(
            f"Attach photos of the wall to this step ({ATTACH_SHORTCUT}); "
            "you can also drop photo files here"
        )
        self.attach_action.triggered.connect(self.open_attach_dialog)
        self.addAction(self.attach_action)
        self.delete_action = QAction("Delete photo", self)
        self.delete_action.setObjectName("Delete photo")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.setToolTip("Remove the selected photo from this step (Delete)")
        self.delete_action.triggered.connect(self.delete_selected)

        self.title = QLabel(self)
        self.status = QLabel(self)
        self.status.setAccessibleName("Photo progress")
        self.attach_button = QToolButton(self)
        self.attach_button.setDefaultAction(self.attach_action)
        self.attach_button.setAccessibleName("Attach photos")
        self.attach_button.setToolTip(self.attach_action.toolTip())
        self.list = self._build_list()

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.status)
        header.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.list)

        session.step_changed.connect(self._on_step_changed)
        session.store.events.photos_changed.connect(self._on_photos_changed)
        self._connected = True
        self._reload()

    def _build_list(self) -> QListWidget:
        """The thumbnails in a row: Enter or a double-click opens one, Delete removes the
        selected ones, the context menu also moves them to another step."""
        thumbnails = QListWidget(self)
        thumbnails.setObjectName("photoList")
        thumbnails.setAccessibleName("Photos of this step")
        thumbnails.setToolTip("Double-click or press Enter to type up the notes from a photo")
        thumbnails.setViewMode(QListWidget.ViewMode.IconMode)
        thumbnails.setFlow(QListWidget.Flow.LeftToRight)
        thumbnails.setWrapping(False)
        thumbnails.setIconSize(QSize(STRIP_ICON, STRIP_ICON))
        thumbnails.setMovement(QListWidget.Movement.Static)
        thumbnails.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        thumbnails.setFixedHeight(STRIP_ICON + 48)
        thumbnails.setAcceptDrops(False)
        thumbnails.addAction(self.delete_action)
        thumbnails.itemActivated.connect(self._on_item_activated)
        thumbnails.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        thumbnails.customContextMenuRequested.connect(self._on_context_menu_requested)
        return thumbnails

    # --------------------------------------------------------------- public
    @property
    def busy(self) -> bool:
        """True while files are being read."""
        return bool(self._jobs)

    def photo_ids(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def open_attach_dialog(self) -> None:
        paths = self.session.context.dialogs.open_files(
            self.window(), "Attach photos of the wall", FILE_FILTER
        )
        if paths:
            self.attach_files(paths)

    def attach_files(self, paths: list[Path]) -> None:
        """Read ``paths`` in the background and attach them to the current step."""
        paths = [Path(p) for p in paths]
        job = _DecodeJob(paths, self.session.workshop_id, self.session.step_key)
        decoded: list[tuple[Photo, PhotoImages]] = []
        errors: list[str] = []
        job.signals.decoded.connect(decoded.append)
        job.signals.failed.connect(errors.append)
        job.signals.finished.connect(lambda: self._on_job_finished(job, decoded, errors))
        self._jobs.append(job)
        self._show_progress()
        QThreadPool.globalInstance().start(job)

    def move_selected(self, step_key: str) -> None:
        """Move the selected photos to another step of this workshop (undoable)."""
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]
        if ids and step_key != self.session.step_key:
            title = self.session.format.step(step_key).title
            self.session.run(MovePhotosCommand(self.session.store, ids, step_key, title))

    def _on_context_menu_requested(self, pos) -> None:
        if not self.list.selectedItems():
            return
        menu = QMenu(self)
        menu.addAction(self.delete_action)
        move = menu.addMenu("Move to step")
        for step in self.session.steps:
            if step.key != self.session.step_key:
                def move_to(key: str = step.key) -> None:
                    self.move_selected(key)
                move.addAction(step.title, move_to)
        menu.popup(self.list.viewport().mapToGlobal(pos))
        self._menu = menu  # kept for tests

    def delete_selected(self) -> None:
        ids = [item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()]
        if ids:
            self.session.run(DeletePhotosCommand(self.session.store, ids))

    # --------------------------------------------------------------- events
    def _on_job_finished(self, job: _DecodeJob, decoded: list, errors: list[str]) -> None:
        self._jobs.remove(job)
        self._show_progress()
        ids: list[str] = []
        if decoded:
            command = AttachPhotosCommand(self.session.store, decoded)
            if self.session.run(command):
                ids = command.ids
        if errors:
            count = len(errors)
            title = "A file was not attached" if count == 1 else f"{count} files were not attached"
            self.session.context.dialogs.error(
                self.window(), title, "\n\n".join(errors) + "\n\nNothing else was changed."
            )
        self.attach_finished.emit(ids)

    def _on_step_changed(self, _key: str) -> None:
        self._reload()

    def _on_photos_changed(self, _ids: list[str]) -> None:
        if not shiboken6.isValid(self):  # deleted without disconnect_store()
            self.disconnect_store()
            return
        self._reload()

    def _on_item_activated(self, item: QListWidgetItem) -> None:
        self.photo_activated.emit(item.data(Qt.ItemDataRole.UserRole))

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.attach_files(paths)

    # -------------------------------------------------------------- helpers
    def _reload(self) -> None:
        selected = {item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()}
        photos = self.photos.photos(self.session.workshop_id, self.session.step_key)
        self.list.clear()
        for photo in photos:
            icon = self._icons.get(photo.id)
            if icon is None:
                pixmap = QPixmap.fromImage(image_from_bytes(self.photos.thumbnail(photo.id)))
                icon = self._icons[photo.id] = QIcon(pixmap)
            item = QListWidgetItem(icon, photo.file_name)
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setToolTip(f"{photo.file_name}, {photo.width} × {photo.height} pixels")
            self.list.addItem(item)
            item.setSelected(photo.id in selected)
        step = self.session.step
        self.title.setText(f"Photos of the wall for {step.title} ({len(photos)})")
        self.list.setVisible(bool(photos))

    def _show_progress(self) -> None:
        files = sum(len(job.paths) for job in self._jobs)
        self.status.setText(f"Reading {files} photo{'s' if files != 1 else ''}…" if files else "")

    def disconnect_store(self) -> None:
        """Stop listening (the owner calls this when the workshop closes)."""
        if self._connected:
            self._connected = False
            self.session.step_changed.disconnect(self._on_step_changed)
            self.session.store.events.photos_changed.disconnect(self._on_photos_changed)
