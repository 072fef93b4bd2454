"""Photos of the wall: reading them off the laptop without freezing, and the step's strip.

For the run window::

    strip = PhotoStrip(session)           # thumbnails of the current step's photos
    strip.photo_activated.connect(...)    # photo id: open TypeUpView(session, capture_box)
    menu.addActions(strip.actions())      # Attach photos… (Ctrl+O)
    strip.attach_files([Path, ...])       # what the Attach action and drag-and-drop do

``attach_files`` reads, checks and downscales the files in a worker thread
(``decode_photo``: original bytes unchanged, a ~1600 px display JPEG and a
~200 px thumbnail, the camera's rotation applied), then attaches the good ones
as one undoable ``AttachPhotosCommand`` and shows one clear message naming every
file that was refused. ``attach_finished(list[str])`` carries the new photo ids.
On the strip, Delete removes the selected photos and the right-click menu also
moves them to another step (``move_selected(step_key)``); both are undoable.
``decode_detail``/``DetailJob`` decode an original for close zoom.

``TypeUpView`` (the photo beside the capture box) and ``open_photos(run_window)``
(the "Type up the wall" window the Workshop menu opens) live in ``ui/run/typeup.py``
and are re-exported here. Call ``strip.disconnect_store()`` when the workshop closes.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QImage,
    QImageIOHandler,
    QImageReader,
    QKeySequence,
    QPainter,
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
    DISPLAY_SIZE,
    FILE_FILTER,
    THUMBNAIL_SIZE,
    Photo,
    PhotoError,
    PhotoImages,
    check_complete,
)
from facilitator.store.photos import PhotoStore
from ui.commands.photos import AttachPhotosCommand, DeletePhotosCommand, MovePhotosCommand
from ui.run.session import RunSession

ATTACH_SHORTCUT = "Ctrl+O"
STRIP_ICON = 112
#: Long side of the sharper copy decoded from the original when zooming in close.
DETAIL_SIZE = 4096
_READER_FORMATS = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png"}


# ------------------------------------------------------------------ decoding
def encode_jpeg(image: QImage, quality: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", quality):
        raise PhotoError("Could not make a JPEG copy of the photo.")
    buffer.close()
    return bytes(data.data())


def _flatten(image: QImage) -> QImage:
    """JPEG has no transparency: put a PNG's see-through parts on white."""
    if not image.hasAlphaChannel():
        return image.convertToFormat(QImage.Format.Format_RGB32)
    flat = QImage(image.size(), QImage.Format.Format_RGB32)
    flat.fill(QColor("white"))
    painter = QPainter(flat)
    painter.drawImage(0, 0, image)
    painter.end()
    return flat


def decode_photo(path: Path, workshop_id: str, step_key: str) -> tuple[Photo, PhotoImages]:
    """Read one file into a Photo and its three copies. Safe to call off the GUI thread.

    Raises :class:`PhotoError` naming the file when it is not a JPEG or PNG photo,
    is incomplete, or cannot be read.
    """
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PhotoError(f"Cannot read “{name}”: {exc.strerror or exc}.") from None
    source = QByteArray(data)
    buffer = QBuffer(source)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    kind = bytes(reader.format().data()).decode("ascii", "replace").lower()
    media_type = _READER_FORMATS.get(kind)
    if media_type is None:
        if path.suffix.lower() in (".heic", ".heif"):
            raise PhotoError(
                f"“{name}” is an iPhone HEIC photo, which cannot be attached yet. On the "
                "phone choose Settings › Camera › Formats › Most Compatible, or export "
                "the photo as JPEG, then attach that."
            )
        what = f"a {kind.upper()} image" if kind else "not an image at all"
        raise PhotoError(
            f"“{name}” is {what}: only JPEG and PNG photos can be attached."
        )
    if not data:
        raise PhotoError(f"“{name}” is empty (0 bytes), so there is no photo to attach.")
    check_complete(name, data, media_type)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise PhotoError(f"“{name}” cannot be read as a photo: {reader.errorString()}.")
    width, height = size.width(), size.height()
    if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
        width, height = height, width
    scale = min(1.0, DISPLAY_SIZE / max(size.width(), size.height()))
    if scale < 1.0:
        reader.setScaledSize(
            QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        )
    image = reader.read()
    if image.isNull():
        raise PhotoError(f"“{name}” cannot be read as a photo: {reader.errorString()}.")
    image = _flatten(image)
    thumbnail = image.scaled(
        THUMBNAIL_SIZE, THUMBNAIL_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    photo = Photo(workshop_id, step_key, name, media_type, width, height)
    return photo, PhotoImages(data, encode_jpeg(image, 85), encode_jpeg(thumbnail, 80))


class _JobSignals(QObject):
    decoded = Signal(object)  # (Photo, PhotoImages)
    failed = Signal(str)
    finished = Signal()


class _DecodeJob(QRunnable):
    def __init__(self, paths: list[Path], workshop_id: str, step_key: str) -> None:
        super().__init__()
        self.paths = paths
        self.workshop_id = workshop_id
        self.step_key = step_key
        self.signals = _JobSignals()

    def run(self) -> None:
        for path in self.paths:
            try:
                self.signals.decoded.emit(decode_photo(path, self.workshop_id, self.step_key))
            except PhotoError as exc:
                self.signals.failed.emit(str(exc))
            except Exception as exc:  # noqa: BLE001 - name the file whatever went wrong
                self.signals.failed.emit(f"Cannot attach “{path.name}”: {exc}.")
        self.signals.finished.emit()


def image_from_bytes(data: bytes) -> QImage:
    image = QImage()
    image.loadFromData(data)
    return image


def decode_detail(data: bytes, max_side: int = DETAIL_SIZE) -> QImage:
    """The original photo, the right way up, at most ``max_side`` pixels (for close zoom)."""
    source = QByteArray(data)
    buffer = QBuffer(source)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > max_side:
        scale = max_side / max(size.width(), size.height())
        reader.setScaledSize(
            QSize(max(1, round(size.width() * scale)), max(1, round(size.height() * scale)))
        )
    return reader.read()


class _DetailSignals(QObject):
    ready = Signal(str, QImage)  # photo id, the sharper image


class DetailJob(QRunnable):
    """Decode a photo's original off the GUI thread, for when the facilitator zooms in."""

    def __init__(self, photo_id: str, data: bytes, max_side: int = DETAIL_SIZE) -> None:
        super().__init__()
        self.photo_id = photo_id
        self.data = data
        self.max_side = max_side
        self.signals = _DetailSignals()

    def run(self) -> None:
        image = decode_detail(self.data, self.max_side)  # null if it cannot be read
        self.data = b""
        self.signals.ready.emit(self.photo_id, image)


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
        self.list = QListWidget(self)
        self.list.setObjectName("photoList")
        self.list.setAccessibleName("Photos of this step")
        self.list.setToolTip("Double-click or press Enter to type up the notes from a photo")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(QSize(STRIP_ICON, STRIP_ICON))
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setFixedHeight(STRIP_ICON + 48)
        self.list.setAcceptDrops(False)
        self.list.addAction(self.delete_action)
        self.list.itemActivated.connect(self._on_item_activated)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu_requested)

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
                move.addAction(step.title, lambda key=step.key: self.move_selected(key))
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


from ui.run.typeup import TypeUpView, open_photos  # noqa: E402 - re-exported for the run window

__all__ = [
    "DetailJob", "PhotoStrip", "TypeUpView", "decode_detail", "decode_photo",
    "image_from_bytes", "open_photos",
]
