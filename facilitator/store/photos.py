"""SQL for photos of the wall (table ``photos``, migration 0002_photos).

    photos = PhotoStore(store)
    photos.add_photos([(photo, images)])        # one transaction, fires photos_changed
    photos.photos(workshop_id, step_key)        # live photos, oldest first (no image bytes)
    photos.thumbnail(photo_id) / .display(photo_id) / .original(photo_id)  -> bytes
    photos.set_photos_deleted(ids, True)        # soft delete (undo restores)

Listing returns :class:`~facilitator.photos.Photo` records without their bytes,
so a strip of thumbnails never drags 25-megapixel originals into memory.
"""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.models import utc_now
from facilitator.photos import Photo, PhotoImages
from facilitator.store.errors import LibraryError
from facilitator.store.store import Store

_COLUMNS = (
    "id", "workshop_id", "step_key", "file_name", "media_type", "width", "height",
    "created_at", "updated_at", "deleted",
)
_BLOBS = ("original", "display", "thumbnail")


class PhotoStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # ---------------------------------------------------------------- writes
    def add_photo(self, photo: Photo, images: PhotoImages) -> Photo:
        return self.add_photos([(photo, images)])[0]

    def add_photos(self, items: Iterable[tuple[Photo, PhotoImages]]) -> list[Photo]:
        """Attach photos in one durable transaction."""
        items = list(items)
        names = ", ".join((*_COLUMNS, *_BLOBS))
        marks = ", ".join("?" for _ in (*_COLUMNS, *_BLOBS))
        with self.store.transaction():
            for photo, images in items:
                photo.validate()
                values = [getattr(photo, name) for name in _COLUMNS]
                values[_COLUMNS.index("deleted")] = 1 if photo.deleted else 0
                values += [images.original, images.display, images.thumbnail]
                self.store.db.execute(f"INSERT INTO photos ({names}) VALUES ({marks})", values)
            self.store._touch("photos_changed", *(p.id for p, _ in items))
        return [p for p, _ in items]

    def set_photos_deleted(self, photo_ids: Iterable[str], deleted: bool = True) -> None:
        """Soft delete (or restore): the photo stays in the file for undo and merge."""
        ids = list(photo_ids)
        now = utc_now()
        with self.store.transaction():
            for photo_id in ids:
                self.store.db.execute(
                    "UPDATE photos SET deleted = ?, updated_at = ? WHERE id = ?",
                    [1 if deleted else 0, now, photo_id],
                )
            self.store._touch("photos_changed", *ids)

    def move_photos(self, photo_ids: Iterable[str], step_key: str) -> None:
        ids = list(photo_ids)
        now = utc_now()
        with self.store.transaction():
            for photo_id in ids:
                self.store.db.execute(
                    "UPDATE photos SET step_key = ?, updated_at = ? WHERE id = ?",
                    [step_key, now, photo_id],
                )
            self.store._touch("photos_changed", *ids)

    # ----------------------------------------------------------------- reads
    def photos(
        self, workshop_id: str, step_key: str | None = None, *, include_deleted: bool = False
    ) -> list[Photo]:
        """A workshop's photos (of one step), in the order they were attached."""
        clauses, params = ["workshop_id = ?"], [workshop_id]
        if step_key is not None:
            clauses.append("step_key = ?")
            params.append(step_key)
        if not include_deleted:
            clauses.append("deleted = 0")
        return self._select(" AND ".join(clauses), params)

    def get_photo(self, photo_id: str) -> Photo:
        found = self._select("id = ?", [photo_id])
        if not found:
            raise LibraryError(f"No photo with id {photo_id}.")
        return found[0]

    def get_photos(self, photo_ids: Iterable[str]) -> list[Photo]:
        """The photos that exist among ``photo_ids`` (deleted ones included)."""
        ids = list(photo_ids)
        if not ids:
            return []
        return self._select(f"id IN ({', '.join('?' for _ in ids)})", ids)

    def thumbnail(self, photo_id: str) -> bytes:
        return self._blob("thumbnail", photo_id)

    def display(self, photo_id: str) -> bytes:
        return self._blob("display", photo_id)

    def original(self, photo_id: str) -> bytes:
        return self._blob("original", photo_id)

    def photo_counts(self, workshop_id: str) -> dict[str, int]:
        """Live photos per step key."""
        rows = self.store.db.execute(
            "SELECT step_key, count(*) FROM photos WHERE workshop_id = ? AND deleted = 0 "
            "GROUP BY step_key",
            [workshop_id],
        ).fetchall()
        return dict(rows)

    # -------------------------------------------------------------- helpers
    def _select(self, where: str, params: list) -> list[Photo]:
        cursor = self.store.db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM photos WHERE {where} ORDER BY created_at, rowid",
            params,
        )
        photos = []
        for row in cursor.fetchall():
            values = dict(zip(_COLUMNS, row, strict=True))
            values["deleted"] = bool(values["deleted"])
            photos.append(Photo(**values))
        return photos

    def _blob(self, column: str, photo_id: str) -> bytes:
        assert column in _BLOBS
        row = self.store.db.execute(
            f"SELECT {column} FROM photos WHERE id = ?", [photo_id]
        ).fetchone()
        if row is None:
            raise LibraryError(f"No photo with id {photo_id}.")
        return bytes(row[0])
