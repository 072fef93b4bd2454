"""Reading photos of the wall off the laptop: checked, rotated and downscaled in a worker
thread, so the run window never freezes (used by the photo strip and the type-up view).

``decode_photo`` keeps the original bytes unchanged and makes a ~1600 px display JPEG
and a ~200 px thumbnail, the camera's rotation applied; ``decode_detail``/``DetailJob``
decode an original for close zoom.
"""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRunnable,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageIOHandler,
    QImageReader,
    QImageWriter,
    QPainter,
)

from facilitator.photos import (
    DISPLAY_SIZE,
    MAX_DECODED_BYTES,
    MAX_PHOTO_BYTES,
    THUMBNAIL_SIZE,
    Photo,
    PhotoError,
    PhotoImages,
    check_complete,
    check_image,
)

#: Long side of the sharper copy decoded from the original when zooming in close.
DETAIL_SIZE = 4096
_READER_FORMATS = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png"}


# ------------------------------------------------------------------ decoding
def _reader(buffer: QBuffer) -> QImageReader:
    """A reader that turns the photo the camera's way up and never allocates more than a
    photo may take decoded (``MAX_DECODED_BYTES``; Qt refuses the read beyond it)."""
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    reader.setAllocationLimit(MAX_DECODED_BYTES // (1024 * 1024))
    return reader


def encode_jpeg(image: QImage, quality: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"jpeg"))
    writer.setQuality(quality)
    if not writer.write(image):
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


def _read_file(path: Path) -> bytes:
    """The file's bytes, unless it is not a regular file or is larger than a photo may be."""
    name = path.name
    try:
        # Its size first: a 1 GB file is named and left out, never read (issue 12, rule 6).
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise PhotoError(f"“{name}” is not a regular file (a folder, pipe or device).")
        if info.st_size > MAX_PHOTO_BYTES:
            raise PhotoError(
                f"“{name}” is {info.st_size / 1048576:,.0f} MB; a photo may be at most "
                f"{MAX_PHOTO_BYTES // 1048576} MB. Attach a smaller copy (phones and cameras "
                "can save one).")
        return path.read_bytes()
    except OSError as exc:
        raise PhotoError(f"Cannot read “{name}”: {exc.strerror or exc}.") from None


def _media_type(reader: QImageReader, path: Path) -> str:
    """image/jpeg or image/png, as ``reader`` finds the file; any other kind is refused,
    an iPhone's HEIC with what to do instead."""
    name = path.name
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
    return media_type


def decode_photo(path: Path, workshop_id: str, step_key: str) -> tuple[Photo, PhotoImages]:
    """Read one file into a Photo and its three copies. Safe to call off the GUI thread.

    Raises :class:`PhotoError` naming the file when it is not a JPEG or PNG photo,
    is incomplete, or cannot be read.
    """
    name = path.name
    data = _read_file(path)
    source = QByteArray(data)
    buffer = QBuffer(source)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = _reader(buffer)
    media_type = _media_type(reader, path)
    if not data:
        raise PhotoError(f"“{name}” is empty (0 bytes), so there is no photo to attach.")
    check_complete(name, data, media_type)
    # What its header claims, within the limits, before anything is decoded: a 694-byte
    # JPEG claiming 65,000 × 65,000 pixels is refused, not handed to the decoder.
    check_image(name, data, media_type)
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
    reader = _reader(buffer)
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
