"""Commands over photos of the wall: attach (undo = soft delete), delete, move.

    session.run(AttachPhotosCommand(session.store, [(photo, images), ...]))
    session.run(DeletePhotosCommand(session.store, [photo_id, ...]))
    session.run(MovePhotosCommand(session.store, [photo_id, ...], "how", "HOW"))
"""

from __future__ import annotations

from facilitator.photos import Photo, PhotoImages
from facilitator.store import Store
from facilitator.store.photos import PhotoStore
from ui.commands.base import StoreCommand


def _describe(verb: str, names: list[str]) -> str:
    if len(names) == 1:
        return f"{verb} photo “{names[0]}”"
    return f"{verb} {len(names)} photos"


class AttachPhotosCommand(StoreCommand):
    """Copy one or more decoded photos into the library as one undoable step."""

    def __init__(self, store: Store, items: list[tuple[Photo, PhotoImages]]) -> None:
        super().__init__(_describe("Attach", [p.file_name for p, _ in items]))
        self.store = store
        self.photos = PhotoStore(store)
        self.items = items
        self._added = False
        self.touches("photos", self.ids)

    @property
    def ids(self) -> list[str]:
        return [photo.id for photo, _ in self.items]

    def apply(self) -> None:
        if not self._added:
            self.photos.add_photos(self.items)
            self._added = True
            # The bytes are in the library now; do not hold megabytes on the undo stack.
            self.items = [(photo, PhotoImages(b"", b"", b"")) for photo, _ in self.items]
        else:
            self.photos.set_photos_deleted(self.ids, False)

    def revert(self) -> None:
        self.photos.set_photos_deleted(self.ids, True)


class DeletePhotosCommand(StoreCommand):
    """Remove photos from their step (soft delete; undo brings them back)."""

    def __init__(self, store: Store, photo_ids: list[str]) -> None:
        self.photos = PhotoStore(store)
        names = [p.file_name for p in self.photos.get_photos(photo_ids)]
        super().__init__(_describe("Delete", names or ["(gone)"]))
        self.store = store
        self.ids = list(photo_ids)
        self.touches("photos", self.ids)

    def apply(self) -> None:
        self.photos.set_photos_deleted(self.ids, True)

    def revert(self) -> None:
        self.photos.set_photos_deleted(self.ids, False)


class MovePhotosCommand(StoreCommand):
    """Move photos to another step of the same workshop."""

    def __init__(self, store: Store, photo_ids: list[str], step_key: str, step_title: str) -> None:
        self.photos = PhotoStore(store)
        found = self.photos.get_photos(photo_ids)
        super().__init__(_describe("Move", [p.file_name for p in found]) + f" to {step_title}")
        self.ids = [p.id for p in found]
        self._before = {p.id: p.step_key for p in found}
        self.step_key = step_key
        self.store = store
        self.touches("photos", self.ids)

    def apply(self) -> None:
        self.photos.move_photos(self.ids, self.step_key)

    def revert(self) -> None:
        with self.photos.store.transaction():
            for photo_id, step_key in self._before.items():
                self.photos.move_photos([photo_id], step_key)
