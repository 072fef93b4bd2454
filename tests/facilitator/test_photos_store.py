"""Photos of the wall in the store: three copies kept, soft delete, events, reopening."""

from __future__ import annotations

import pytest

from facilitator.library import open_library
from facilitator.models import Programme, ValidationError, Workshop
from facilitator.photos import Photo, PhotoError, PhotoImages, check_complete, media_type_for
from facilitator.store import LibraryError
from facilitator.store.photos import PhotoStore

ORIGINAL = b"\xff\xd8\xff\xe0original bytes exactly as on the card\xff\xda...\xff\xd9"


def make_workshop(store) -> Workshop:
    programme = store.add_programme(Programme("Photos programme", area="Leicestershire"))
    return store.add_workshop(
        Workshop(programme.id, "W2", "How can I help older people?", "delivery-planning")
    )


def make_photo(workshop: Workshop, step="who", name="IMG_0042.JPG") -> tuple[Photo, PhotoImages]:
    photo = Photo(workshop.id, step, name, "image/jpeg", 4000, 3000)
    return photo, PhotoImages(ORIGINAL, b"display-jpeg", b"thumb-jpeg")


def test_add_list_and_read_the_three_copies(store):
    workshop = make_workshop(store)
    photos = PhotoStore(store)
    first, images = make_photo(workshop)
    second, _ = make_photo(workshop, name="IMG_0043.JPG")
    other_step, _ = make_photo(workshop, step="how", name="how wall.png")
    photos.add_photos([(first, images), (second, images), (other_step, images)])

    listed = photos.photos(workshop.id, "who")
    assert [p.file_name for p in listed] == ["IMG_0042.JPG", "IMG_0043.JPG"]
    assert listed[0] == first
    assert (listed[0].width, listed[0].height) == (4000, 3000)
    assert photos.original(first.id) == ORIGINAL
    assert photos.display(first.id) == b"display-jpeg"
    assert photos.thumbnail(first.id) == b"thumb-jpeg"
    assert len(photos.photos(workshop.id)) == 3
    assert photos.photo_counts(workshop.id) == {"who": 2, "how": 1}


def test_one_event_per_write_with_the_ids(store):
    workshop = make_workshop(store)
    photos = PhotoStore(store)
    heard = []
    store.events.photos_changed.connect(heard.append)
    items = [make_photo(workshop), make_photo(workshop, name="b.jpg")]
    photos.add_photos(items)
    assert heard == [sorted(p.id for p, _ in items)]
    photos.set_photos_deleted([items[0][0].id])
    assert heard[-1] == [items[0][0].id]


def test_soft_delete_and_restore(store):
    workshop = make_workshop(store)
    photos = PhotoStore(store)
    photo, images = make_photo(workshop)
    photos.add_photo(photo, images)
    photos.set_photos_deleted([photo.id], True)
    assert photos.photos(workshop.id, "who") == []
    assert photos.photos(workshop.id, "who", include_deleted=True)[0].deleted
    assert photos.original(photo.id) == ORIGINAL  # still in the file for undo
    photos.set_photos_deleted([photo.id], False)
    assert [p.id for p in photos.photos(workshop.id, "who")] == [photo.id]


def test_move_to_another_step(store):
    workshop = make_workshop(store)
    photos = PhotoStore(store)
    photo, images = make_photo(workshop)
    photos.add_photo(photo, images)
    photos.move_photos([photo.id], "what")
    assert photos.photos(workshop.id, "who") == []
    assert photos.get_photo(photo.id).step_key == "what"


def test_a_bad_photo_in_a_batch_adds_none_of_them(store):
    workshop = make_workshop(store)
    photos = PhotoStore(store)
    good = make_photo(workshop)
    bad_photo, images = make_photo(workshop, name="broken.jpg")
    bad_photo.width = 0
    with pytest.raises(ValidationError, match="broken.jpg"):
        photos.add_photos([good, (bad_photo, images)])
    assert photos.photos(workshop.id) == []


def test_unknown_ids_raise_a_clear_error(store):
    photos = PhotoStore(store)
    with pytest.raises(LibraryError, match="No photo"):
        photos.display("nope")
    with pytest.raises(LibraryError, match="No photo"):
        photos.get_photo("nope")
    assert photos.get_photos([]) == []


def test_there_after_reopening_an_on_disk_library(library_path, builtin_formats):
    library = open_library(library_path, builtin_formats)
    workshop = make_workshop(library.store)
    photo, images = make_photo(workshop, name="Mur de la salle é.jpg")
    PhotoStore(library.store).add_photo(photo, images)
    library.close()

    reopened = open_library(library_path, builtin_formats)
    try:
        photos = PhotoStore(reopened.store)
        found = photos.photos(workshop.id, "who")
        assert [p.file_name for p in found] == ["Mur de la salle é.jpg"]
        assert photos.original(found[0].id) == ORIGINAL
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("name", "media_type"),
    [("IMG_1.JPG", "image/jpeg"), ("a.jpeg", "image/jpeg"), ("wall.PNG", "image/png"),
     ("notes.txt", None), ("noext", None)],
)
def test_media_types(name, media_type):
    assert media_type_for(name) == media_type


def test_check_complete_refuses_truncated_and_empty_files():
    check_complete("ok.jpg", ORIGINAL, "image/jpeg")
    with pytest.raises(PhotoError, match="“cut.jpg” is incomplete"):
        check_complete("cut.jpg", ORIGINAL[:-20], "image/jpeg")
    with pytest.raises(PhotoError, match="“empty.jpg” is empty"):
        check_complete("empty.jpg", b"", "image/jpeg")
    with pytest.raises(PhotoError, match="“cut.png” is incomplete"):
        check_complete("cut.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")
