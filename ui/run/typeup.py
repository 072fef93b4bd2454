"""Type up the wall: a photo, zoomable and pannable, beside the capture box.

    view = TypeUpView(session, capture=run_window.capture)   # borrows the capture panel
    view.show_photo(photo_id)            # or it shows the step's first photo
    view.release_capture()               # puts the capture panel back (close() does it)

    open_photos(run_window) -> TypeUpView   # what Workshop › Photos of the wall… calls:
                                            # a window with the step's photo strip, the
                                            # photo, and the run window's capture box

The capture widget is *borrowed*: it moves into this view (so Enter still adds
the note through the run window's own code) and goes back to the same place in
its old layout when the view closes, with a placeholder there meanwhile.
Zoom: Ctrl+wheel, or +/- and 0 (fit) on the photo, or Alt+= / Alt+- / Alt+0 while
typing; Alt+PgDown / Alt+PgUp go to the next or previous photo; drag to pan.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from facilitator.store.photos import PhotoStore
from ui.announce import install_window_roles
from ui.close_keys import add_close_keys
from ui.commands.base import undo_actions
from ui.run.photo_decode import DetailJob, image_from_bytes
from ui.run.photo_viewer import PhotoViewer
from ui.run.photos import PhotoStrip
from ui.run.screen_fit import fit_to_screen
from ui.run.session import RunSession


class TypeUpView(QWidget):
    """The step's photos on one side, a borrowed capture box on the other."""

    #: A sharper copy from the original is showing (zoomed in close); carries the photo id.
    detail_loaded = Signal(str)

    def __init__(
        self,
        session: RunSession,
        capture: QWidget | None = None,
        parent: QWidget | None = None,
        flags: Qt.WindowType = Qt.WindowType.Widget,
    ) -> None:
        super().__init__(parent, flags)
        self._image_from_bytes = image_from_bytes
        self._detail_job = DetailJob
        self._detail_for: str | None = None
        self._jobs: list = []
        self.session = session
        self.photos = PhotoStore(session.store)
        self.photo_id: str | None = None
        self._capture: QWidget | None = None
        self._home: tuple[QBoxLayout, int, QWidget] | None = None
        self._connected = True
        self.setObjectName("typeUpView")
        install_window_roles()  # a "window" to screen readers when opened as one
        self.setAccessibleName("Type up the wall")

        self.step_box = self._build_step_box()
        self.caption = QLabel(self)
        self.caption.setAccessibleDescription("Photo shown")
        self.viewer = PhotoViewer(self)
        self.viewer.zoom_changed.connect(self._on_zoom_changed)
        self.empty = self._build_empty_label()
        self.strip = PhotoStrip(session, self)
        self.strip.photo_activated.connect(self.show_photo)
        self.strip.attach_finished.connect(self._on_attach_finished)

        self.zoom_in_action = self._action("Zoom in on the photo", ("Alt+=", "Alt++"),
                                           self.viewer.zoom_in, "+")
        self.zoom_out_action = self._action("Zoom out", ("Alt+-",), self.viewer.zoom_out, "−")
        self.fit_action = self._action("Fit the photo", ("Alt+0",), self.viewer.fit, "Fit")
        self.previous_action = self._action("Previous photo", ("Alt+PgUp",),
                                            lambda: self.step_photo(-1), "◀")
        self.next_action = self._action("Next photo", ("Alt+PgDown",),
                                        lambda: self.step_photo(1), "▶")

        left = self._build_photo_side()
        self.capture_area = QWidget(self)
        self.capture_layout = QVBoxLayout(self.capture_area)
        self.capture_hint = self._build_capture_hint()
        self.splitter = self._build_splitter(left)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        session.step_changed.connect(self._on_step_changed)
        session.store.events.photos_changed.connect(self._on_photos_changed)
        if capture is not None:
            self.set_capture_widget(capture)
        self._on_step_changed(session.step_key)

    # ------------------------------------------------------------- building
    def _build_step_box(self) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName("Step")
        box.setToolTip("Which step's photos and notes (Alt+PgUp / Alt+PgDown: photos)")
        for step in self.session.steps:
            box.addItem(step.title, step.key)
        box.activated.connect(lambda index: self.session.set_step(box.itemData(index)))
        return box

    def _build_empty_label(self) -> QLabel:
        """Shown instead of the photo when the step has none."""
        empty = QLabel(
            "No photos on this step yet. Attach them with “Attach photos…” (Ctrl+Shift+O) "
            "or drop the files here.", self
        )
        empty.setWordWrap(True)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return empty

    def _build_photo_side(self) -> QWidget:
        """The step box, caption and photo buttons (no Tab stops: they have keys) over the
        photo (or the empty label) and the strip."""
        tools = QHBoxLayout()
        tools.addWidget(QLabel("Step:", self))
        tools.addWidget(self.step_box)
        tools.addWidget(self.caption, 1)
        for action in (self.previous_action, self.next_action, self.zoom_out_action,
                       self.zoom_in_action, self.fit_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAccessibleName(action.text())
            button.setToolTip(action.toolTip())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            tools.addWidget(button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.viewer, 1)
        left_layout.addWidget(self.empty, 1)
        left_layout.addWidget(self.strip)
        return left

    def _build_capture_hint(self) -> QLabel:
        """What to do, above where the borrowed capture box goes (in ``capture_layout``)."""
        hint = QLabel(
            "Type each note from the photo here; Enter adds it to this step.\n\n"
            "While typing: Alt+= and Alt+- zoom the photo, Alt+0 fits it, "
            "Alt+PgDown and Alt+PgUp change photo. Drag the photo to move around it.",
            self.capture_area
        )
        hint.setWordWrap(True)
        self.capture_layout.addWidget(hint)
        self.capture_layout.addStretch(1)
        return hint

    def _build_splitter(self, left: QWidget) -> QSplitter:
        """The photo side and the capture side, the photo with the larger share."""
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.capture_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])  # the photo gets the larger share
        return splitter

    # --------------------------------------------------------------- public
    def set_capture_widget(self, widget: QWidget) -> None:
        """Borrow ``widget`` (the run window's capture panel) until ``release_capture``."""
        self.release_capture()
        parent = widget.parentWidget()
        layout = parent.layout() if parent is not None else None
        if isinstance(layout, QBoxLayout) and layout.indexOf(widget) >= 0:
            index = layout.indexOf(widget)
            placeholder = QLabel("The capture box is in the “Type up the wall” window.")
            placeholder.setObjectName("captureBorrowed")
            layout.insertWidget(index, placeholder)
            self._home = (layout, index, placeholder)
        self._capture = widget
        self.capture_layout.insertWidget(1, widget)
        widget.show()
        self.focus_capture()

    def release_capture(self) -> None:
        """Give the borrowed capture widget back to its old place."""
        widget, self._capture = self._capture, None
        home, self._home = self._home, None
        if widget is None:
            return
        self.capture_layout.removeWidget(widget)
        if home is not None:
            layout, index, placeholder = home
            layout.removeWidget(placeholder)
            placeholder.deleteLater()
            layout.insertWidget(index, widget)
            widget.show()
        else:
            widget.setParent(None)

    def focus_capture(self) -> None:
        if self._capture is not None:
            target = getattr(self._capture, "box", self._capture)
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_photo(self, photo_id: str | None) -> None:
        self.photo_id = photo_id
        self._detail_for = None
        ids = self.strip.photo_ids()
        if photo_id not in ids:
            self.photo_id = None
        # Show the viewer first, so the photo is fitted to its real size.
        shown = self.photo_id
        self.viewer.setVisible(shown is not None)
        self.empty.setVisible(shown is None)
        if shown is None:
            self.viewer.set_pixmap(QPixmap())
            self.caption.setText("")
        else:
            photo = self.photos.get_photo(shown)
            image = self._image_from_bytes(self.photos.display(shown))
            self.viewer.set_pixmap(QPixmap.fromImage(image))
            self.caption.setText(
                f"{photo.file_name} ({ids.index(shown) + 1} of {len(ids)})"
            )
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action):
            action.setEnabled(self.photo_id is not None)
        many = len(ids) > 1
        self.previous_action.setEnabled(many)
        self.next_action.setEnabled(many)

    def step_photo(self, delta: int) -> None:
        ids = self.strip.photo_ids()
        if not ids:
            return
        index = ids.index(self.photo_id) if self.photo_id in ids else -delta
        self.show_photo(ids[(index + delta) % len(ids)])

    def disconnect_store(self) -> None:
        if self._connected:
            self._connected = False
            self.session.step_changed.disconnect(self._on_step_changed)
            self.session.store.events.photos_changed.disconnect(self._on_photos_changed)
            if shiboken6.isValid(self.strip):
                self.strip.disconnect_store()

    # --------------------------------------------------------------- events
    def _on_step_changed(self, key: str) -> None:
        if not shiboken6.isValid(self):
            self.disconnect_store()
            return
        self.step_box.setCurrentIndex(self.step_box.findData(key))
        ids = self.strip.photo_ids()
        self.show_photo(ids[0] if ids else None)

    def _on_photos_changed(self, _ids: list[str]) -> None:
        if not shiboken6.isValid(self):
            self.disconnect_store()
            return
        ids = self.strip.photo_ids()
        if self.photo_id in ids:
            self.show_photo(self.photo_id)  # refresh the "2 of 3"
        else:
            self.show_photo(ids[-1] if ids else None)

    def _on_zoom_changed(self, zoom: float) -> None:
        """Closer than one display pixel per screen pixel: decode the original, sharper."""
        if self.photo_id is None or self._detail_for == self.photo_id or zoom <= 1.05:
            return
        photo = self.photos.get_photo(self.photo_id)
        shown = self.viewer.scene().sceneRect()
        if max(photo.width, photo.height) <= max(shown.width(), shown.height()) * 1.2:
            return  # the display copy is already (nearly) the whole photo
        self._detail_for = self.photo_id
        job = self._detail_job(self.photo_id, self.photos.original(self.photo_id))
        job.signals.ready.connect(lambda photo_id, image: self._on_detail_ready(job, image))
        self._jobs.append(job)
        QThreadPool.globalInstance().start(job)

    def _on_detail_ready(self, job, image) -> None:
        self._jobs.remove(job)
        if shiboken6.isValid(self) and job.photo_id == self.photo_id and not image.isNull():
            self.viewer.set_detail(QPixmap.fromImage(image))
            self.detail_loaded.emit(job.photo_id)

    def _on_attach_finished(self, ids: list[str]) -> None:
        if ids:
            self.show_photo(ids[0])

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.release_capture()
        self.disconnect_store()
        super().closeEvent(event)

    # -------------------------------------------------------------- helpers
    def _action(self, text: str, keys: tuple[str, ...], slot, icon_text: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setIconText(icon_text)
        native = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({native})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action


def open_photos(window) -> TypeUpView:
    """Open (or raise) the "Type up the wall" window for a run window.

    ``window`` needs ``session`` and may have ``capture`` (borrowed while open) and
    ``photos_view`` (the view already open, if any).
    """
    existing = getattr(window, "photos_view", None)
    if isinstance(existing, TypeUpView) and shiboken6.isValid(existing) and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    view = TypeUpView(window.session, getattr(window, "capture", None), window,
                      Qt.WindowType.Window)
    view.setWindowTitle(f"Type up the wall: {window.session.workshop.code}")
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    for action in undo_actions(window.session.undo_stack, view, window.session._report):
        view.addAction(action)
    add_close_keys(view)  # Esc or Ctrl+W, as every secondary window
    fit_to_screen(view, 1200, 760)
    view.show()
    view.focus_capture()
    return view
