"""One photo of the wall on screen: fit to the view at first, zoom and pan (the type-up view's)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import QGraphicsPixmapItem, QGraphicsScene, QGraphicsView, QWidget

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


class PhotoViewer(QGraphicsView):
    """One photo: fit to the view at first, Ctrl+wheel or +/- to zoom, drag to pan."""

    #: The zoom changed; carries screen pixels per pixel of the display copy.
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setAccessibleName("Photo of the wall")
        self.setToolTip("Ctrl+wheel or + and - to zoom, 0 to fit, drag to move around")
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self._fitted = True

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def has_photo(self) -> bool:
        return not self._item.pixmap().isNull()

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self._item.setScale(1.0)
        self._item.setPixmap(pixmap)
        self.scene().setSceneRect(self._item.sceneBoundingRect())
        self.fit()

    def set_detail(self, pixmap: QPixmap) -> None:
        """Swap in a sharper copy of the same photo, keeping the view where it is."""
        rect = self.scene().sceneRect()
        if pixmap.isNull() or rect.width() <= 0:
            return
        self._item.setPixmap(pixmap)
        self._item.setScale(rect.width() / pixmap.width())

    @property
    def detail_factor(self) -> float:
        """How many pixels of the photo shown per pixel of the display copy (1: no detail)."""
        scale = self._item.scale()
        return 1.0 / scale if scale else 1.0

    def fit(self) -> None:
        self._fitted = True
        if self.has_photo():
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
            self.zoom_changed.emit(self.zoom)

    def zoom_by(self, factor: float) -> None:
        if not self.has_photo():
            return
        factor = min(MAX_ZOOM / self.zoom, max(MIN_ZOOM / self.zoom, factor))
        self._fitted = False
        self.scale(factor, factor)
        self.zoom_changed.emit(self.zoom)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.fit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._fitted:
            self.fit()
