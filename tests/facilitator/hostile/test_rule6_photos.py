"""Issue 12, rule 6: photos inside a .workshop file are checked before anything is imported:
media type, size claimed in the header (never decoded whole), the copies no larger than this
app makes, the step, a plain file name, a stated per-photo size limit; a refused file names
the photo and leaves every table of the library as it was."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image

from facilitator.library import open_library
from facilitator.photos import MAX_PHOTO_PIXELS, Photo, PhotoImages, check_image
from facilitator.store.photos import PhotoStore
from facilitator.transfer import WorkshopFileError, import_workshop_files, read_and_check
from tests.facilitator.transfer.helpers import export_all, small_library
from tests.hostile import png_header, table_hashes, tampered_copy


def jpeg(width, height) -> bytes:
    out = BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "JPEG", quality=30)
    return out.getvalue()


@pytest.fixture
def photo_file(builtin_formats, awkward_dir):
    lib, _, w1 = small_library(builtin_formats)
    original = jpeg(64, 48)
    PhotoStore(lib.store).add_photo(
        Photo(w1.id, "who", "wall.jpg", "image/jpeg", 64, 48),
        PhotoImages(original, jpeg(64, 48), jpeg(32, 24)))
    path = export_all(lib, awkward_dir / "with photo.workshop")
    lib.close()
    return path


def huge_claim() -> bytes:
    """A few hundred bytes of JPEG whose header claims 65000 × 65000 pixels."""
    data = bytearray(jpeg(8, 8))
    marker = data.find(b"\xff\xc0")
    data[marker + 5: marker + 9] = (65000).to_bytes(2, "big") + (65000).to_bytes(2, "big")
    return bytes(data)


def progressive_claim(width: int, height: int) -> bytes:
    """A few hundred bytes of progressive JPEG whose header claims ``width`` × ``height``."""
    out = BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "JPEG", quality=30, progressive=True)
    data = bytearray(out.getvalue())
    marker = data.find(b"\xff\xc2")
    data[marker + 5: marker + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


PNG = "UPDATE photos SET original = ?, media_type = 'image/png', file_name = 'wall.png'"
CASES = {
    "5000 x 5000 thumbnail": ("UPDATE photos SET thumbnail = ?", (jpeg(5000, 5000),),
                              "larger than this app ever makes"),
    "65000 x 65000 claimed": ("UPDATE photos SET original = ?", (huge_claim(),),
                              "megapixels"),
    # Decompression bombs: a 45-byte PNG claiming 65,535 × 65,535 pixels; a PNG and a
    # progressive JPEG within the pixel limit but that would take more than
    # MAX_DECODED_BYTES to decode (they are decoded whole).
    "65535 x 65535 PNG header": (PNG, (png_header(65535, 65535),), "megapixels"),
    "8000 x 8000 PNG header": (PNG, (png_header(8000, 8000),),
                               "“wall.png” is a PNG of 8,000 × 8,000 pixels, which would take "
                               "244 MB to decode (a PNG is decoded whole); a photo may take at "
                               "most 96 MB."),
    "16-bit 4000 x 4000 PNG": (PNG, (png_header(4000, 4000, depth=16),), "take 122 MB"),
    "9000 x 9000 progressive JPEG": ("UPDATE photos SET original = ?",
                                     (progressive_claim(9000, 9000),),
                                     "is a progressive JPEG of 9,000 × 9,000 pixels"),
    "html media type": ("UPDATE photos SET media_type = 'text/html'", (), "media type"),
    "negative size": ("UPDATE photos SET width = -5", (), "size"),
    "unknown step": ("UPDATE photos SET step_key = 'nowhere'", (), "step"),
    "path in the name": ("UPDATE photos SET file_name = '../../evil.jpg'", (),
                         "not a plain file name"),
    "not an image": ("UPDATE photos SET display = ?", (b"<html>hi</html>",),
                     "not an image that can be read"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_photo_is_refused_naming_it_and_nothing_changes(
    photo_file, builtin_formats, tmp_path, case
):
    sql, params, words = CASES[case]
    bad = tampered_copy(photo_file, f"{case}.workshop", (sql, params))
    with pytest.raises(WorkshopFileError) as refused:
        read_and_check(bad)
    assert words in str(refused.value)
    library_path = tmp_path / "target.wfdb"
    target = open_library(library_path, builtin_formats)
    try:
        before = table_hashes(library_path)
        [summary] = import_workshop_files(target.store, [bad], backup_dir=tmp_path / "bk")
        assert not summary.ok and words in summary.error
        assert table_hashes(library_path) == before
    finally:
        target.close()


def test_a_good_photo_file_still_imports(photo_file, builtin_formats, tmp_path):
    target = open_library(None, builtin_formats)
    try:
        [summary] = import_workshop_files(target.store, [photo_file], backup_dir=tmp_path)
        assert summary.ok, summary.error
    finally:
        target.close()


def test_the_limits_are_stated():
    with pytest.raises(Exception) as refused:
        check_image("big.jpg", b"\0" * (51 * 1024 * 1024), "image/jpeg")
    assert "at most 50 MB" in str(refused.value)
    assert MAX_PHOTO_PIXELS == 100_000_000


def test_thumbnails_are_made_here_never_taken_from_the_file(photo_file, builtin_formats):
    """A file's own display copy and thumbnail (here a red one for a white photo) are
    replaced by copies made here from the original; importing it again changes nothing."""
    from facilitator.photos import remake_copies

    red = BytesIO()
    Image.new("RGB", (32, 24), "red").save(red, "JPEG")
    path = tampered_copy(photo_file, "red thumbnail.workshop",
                         ("UPDATE photos SET thumbnail = ?, display = ?", (red.getvalue(),) * 2))
    lib = open_library(None, builtin_formats)
    try:
        [summary] = import_workshop_files(lib.store, [path], backup_dir=path.parent / "bk")
        assert summary.ok, summary.error
        original, display, thumbnail = lib.store.db.execute(
            "SELECT original, display, thumbnail FROM photos").fetchone()
        assert (display, thumbnail) == remake_copies("wall.jpg", original)
        with Image.open(BytesIO(thumbnail)) as image:
            assert image.convert("RGB").getpixel((10, 10)) > (240, 240, 240)
        [again] = import_workshop_files(lib.store, [path], backup_dir=path.parent / "bk")
        assert again.ok and not again.changed, again.lines()
    finally:
        lib.close()


def test_the_cli_refuses_a_photo_bomb_naming_it_and_changes_nothing(photo_file, tmp_path):
    """A workshop file whose photo is a 45-byte PNG claiming 65,535 × 65,535 pixels, through
    ``main.py import``: one line naming the file and the photo, no table changed."""
    from tests.hostile import run_cli

    bad = tampered_copy(photo_file, "bomb.workshop", (PNG, (png_header(65535, 65535),)))
    library_path = tmp_path / "target.wfdb"
    open_library(library_path).close()
    before = table_hashes(library_path)
    result = run_cli("import", "--library", str(library_path), str(bad))
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "bomb.workshop: “wall.png” claims to be far larger than a photo may be (at most " \
           "100 megapixels)" in out, out
    assert table_hashes(library_path) == before
