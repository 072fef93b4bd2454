"""The run window's photos of the wall: the strip of the step's photos under the board (shown
when it has any, and while View ▸ Photo strip is on) and the type-up view a photo opens.

A mixin for the run window (it uses ``self.context``, ``self.store``, ``self.session``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QVBoxLayout

from ui.run import actions
from ui.run.photos import PhotoStrip

if TYPE_CHECKING:
    from facilitator.store import Store
    from ui.context import AppContext
    from ui.run.session import RunSession
    from ui.run.typeup import TypeUpView


class RunWindowPhotos(QMainWindow):
    # The run window's parts these use (RunWindow.__init__ makes them):
    context: AppContext
    store: Store
    session: RunSession
    photo_strip: PhotoStrip | None
    photos_view: TypeUpView | None

    def _add_photo_strip(self, layout: QVBoxLayout) -> None:
        """The step's photos of the wall under the board, when it has any."""
        self.photo_strip = PhotoStrip(self.session)
        self.photo_strip.setContentsMargins(16, 0, 16, 0)
        layout.addWidget(self.photo_strip)
        self.photo_strip.photo_activated.connect(self._on_photo_activated)
        self.photo_strip.attach_finished.connect(self._on_photos_changed)
        self.store.events.photos_changed.connect(self._on_photos_changed)
        self.session.step_changed.connect(self._on_photos_changed)
        self._on_photos_changed()

    def _on_photos_changed(self, *_args) -> None:
        if self.photo_strip is not None:
            self.photo_strip.setVisible(self.photo_strip.list.count() > 0
                                        and self.context.settings.show_photo_strip)

    def set_photo_strip_shown(self, shown: bool) -> None:
        """Show or hide the photo strip (it squeezes the board); remembered for next time."""
        self.context.settings.show_photo_strip = shown
        self._on_photos_changed()

    def _on_photo_activated(self, photo_id: str) -> None:
        self.photos_view = actions.open_photos(self)
        self.photos_view.show_photo(photo_id)
