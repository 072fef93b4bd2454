"""Photos of the wall: a record per photo, with the original file's bytes kept unchanged.

A photo belongs to one step of one workshop. The library keeps three copies:
the original file exactly as it came off the camera card, a display copy about
1600 pixels on its long side, and a thumbnail about 200 pixels. Decoding and
downscaling are done by the window (``ui/run/photo_decode.py``); the domain only
knows the shapes and the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from facilitator.models import ValidationError, check_lengths, new_id, utc_now

#: Long side of the display copy and of the thumbnail, in pixels.
DISPLAY_SIZE = 1600
THUMBNAIL_SIZE = 200

#: File suffixes we attach, with their media types.
MEDIA_TYPES: dict[str, str] = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jpe": "image/jpeg",
    ".png": "image/png",
}

#: For the file chooser.
FILE_FILTER = "Photos (*.jpg *.jpeg *.jpe *.png *.JPG *.JPEG *.PNG);;All files (*)"


class PhotoError(ValidationError):
    """A file cannot be attached as a photo; the message names the file and why."""


def media_type_for(name: str) -> str | None:
    """``"IMG_0042.JPG"`` -> ``"image/jpeg"``; None when the suffix is not a photo we take."""
    return MEDIA_TYPES.get(PurePath(name).suffix.lower())


def check_complete(name: str, data: bytes, media_type: str) -> None:
    """Refuse a file that stops early (a photo half-copied from a card).

    A JPEG must end its last scan with the end-of-image marker; a PNG must have
    its IEND chunk. Raise :class:`PhotoError` naming the file otherwise.
    """
    if not data:
        raise PhotoError(f"“{name}” is empty (0 bytes), so there is no photo to attach.")
    if media_type == "image/jpeg":
        last_scan = data.rfind(b"\xff\xda")
        if last_scan == -1 or data.find(b"\xff\xd9", last_scan) == -1:
            raise PhotoError(
                f"“{name}” is incomplete: the photo stops part-way through, perhaps "
                "because it was not fully copied from the camera or phone. Copy it again "
                "and attach the new copy."
            )
    elif media_type == "image/png" and b"IEND" not in data[-64:]:
        raise PhotoError(
            f"“{name}” is incomplete: the image stops part-way through, perhaps because "
            "it was not fully copied. Copy it again and attach the new copy."
        )


@dataclass
class Photo:
    """One photo of the wall (the image bytes live in :class:`PhotoImages`)."""

    workshop_id: str
    step_key: str
    file_name: str
    media_type: str
    #: Size of the photo the right way up (after the camera's rotation flag).
    width: int
    height: int
    id: str = field(default_factory=new_id)
    created_at: str = field(default_factory=utc_now)
    updated_at: str = field(default_factory=utc_now)
    deleted: bool = False

    def validate(self) -> None:
        if not self.step_key:
            raise ValidationError(f"The photo “{self.file_name}” needs a step.")
        if not self.file_name.strip():
            raise ValidationError("A photo needs a file name.")
        if self.width <= 0 or self.height <= 0:
            raise ValidationError(f"The photo “{self.file_name[:80]}” has no size.")
        check_lengths("photos", self)


@dataclass(frozen=True)
class PhotoImages:
    """The three copies of a photo: original bytes unchanged, display JPEG, thumbnail JPEG."""

    original: bytes
    display: bytes
    thumbnail: bytes

    def __repr__(self) -> str:  # keep megabytes out of test failure messages
        return (
            f"PhotoImages(original={len(self.original)} B, display={len(self.display)} B, "
            f"thumbnail={len(self.thumbnail)} B)"
        )


#: Limits on a photo carried in a workshop file, stated in every refusal (issue 12).
MAX_PHOTO_BYTES = 50 * 1024 * 1024
MAX_PHOTO_PIXELS = 100_000_000
#: What decoding a photo may cost. A JPEG is decoded at a reduced scale (1/2 to 1/8, as
#: large as the display copy needs), so any JPEG within MAX_PHOTO_PIXELS stays far below it;
#: a PNG can only be decoded whole (4 bytes a pixel, 8 for 16-bit colour), so one that would
#: take more is refused before decoding: a 100-megapixel PNG would take 400 MB.
MAX_DECODED_BYTES = 96 * 1024 * 1024
#: The display copy and the thumbnail this app makes are at most these sizes (with slack).
MAX_COPY_SIDE = {"display": DISPLAY_SIZE * 2, "thumbnail": THUMBNAIL_SIZE * 2}
MAX_COPY_BYTES = {"display": 8 * 1024 * 1024, "thumbnail": 1024 * 1024}
_PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


def check_image(name: str, data: bytes, media_type: str | None, copy: str = "photo") -> tuple[int, int]:
    """The size an image claims, read from its header only (nothing is decoded), after
    checking it is the kind it says and not too large to decode safely; PhotoError naming
    the photo and the limit otherwise. ``copy`` is "photo", "display" or "thumbnail"."""
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    what = f"“{name}”" if copy == "photo" else f"the {copy} of “{name}”"
    limit = MAX_PHOTO_BYTES if copy == "photo" else MAX_COPY_BYTES[copy]
    if len(data) > limit:
        raise PhotoError(f"{what} is {len(data) / 1048576:.1f} MB; a photo may be at most "
                         f"{limit // 1048576} MB.")
    try:
        with Image.open(BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            decoded = decoded_bytes(image, data)
    except Image.DecompressionBombError:
        raise PhotoError(f"{what} claims to be far larger than a photo may be (at most "
                         f"{MAX_PHOTO_PIXELS // 1_000_000} megapixels).") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise PhotoError(f"{what} is not an image that can be read (damaged, or another "
                         "kind of file).") from None
    if kind == "MPO":  # a camera's JPEG with extra pictures (depth, preview) is a JPEG
        kind = "JPEG"
    if kind not in _PIL_FORMATS.values() or (media_type and kind != _PIL_FORMATS.get(media_type)):
        raise PhotoError(f"{what} is not the kind of image it says it is ({media_type}).")
    if width <= 0 or height <= 0 or width * height > MAX_PHOTO_PIXELS:
        raise PhotoError(f"{what} claims to be {width:,} × {height:,} pixels; a photo may be "
                         f"at most {MAX_PHOTO_PIXELS // 1_000_000} megapixels.")
    if decoded > MAX_DECODED_BYTES:
        how = "a PNG" if kind == "PNG" else "a progressive JPEG"
        raise PhotoError(
            f"{what} is {how} of {width:,} × {height:,} pixels, which would take "
            f"{decoded / 1048576:,.0f} MB to decode ({how} is decoded whole); a photo may "
            f"take at most {MAX_DECODED_BYTES // 1048576} MB. Save it as an ordinary JPEG, or "
            "a smaller copy, and attach that.")
    side = MAX_COPY_SIDE.get(copy)
    if side is not None and max(width, height) > side:
        raise PhotoError(f"{what} is {width:,} × {height:,} pixels, larger than this app ever "
                         f"makes one ({side} pixels at most).")
    return width, height


def decoded_bytes(image, data: bytes) -> int:
    """What decoding an image (opened by Pillow, header only) costs before it can be made
    small, from its header: a PNG whole, 4 bytes a pixel (8 for 16-bit colour, the bit depth
    being byte 24 of the file); a progressive JPEG its coefficients, 2 bytes a sample of each
    component at its own resolution; a baseline JPEG nothing to speak of (decoded scaled)."""
    width, height = image.size
    if image.format == "PNG":
        return width * height * (8 if len(data) > 24 and data[24] == 16 else 4)
    if image.format in ("JPEG", "MPO") and (image.info.get("progressive")
                                            or image.info.get("progression")):
        layers = getattr(image, "layer", None) or [("", 1, 1, 0)] * 3
        most_h = max(h for _, h, _, _ in layers)
        most_v = max(v for _, _, v, _ in layers)
        share = sum(h * v for _, h, v, _ in layers) / (most_h * most_v)
        return int(width * height * share * 2)
    return 0


def check_file_name(name: str) -> None:
    """A photo's name is only a label: no folders, no '..', not too long."""
    if (not name.strip() or len(name) > 255 or "/" in name or "\\" in name or ".." in name
            or any(ord(c) < 32 for c in name)):
        raise PhotoError(f"A photo has the name {name[:80]!r}, which is not a plain file name.")


def remake_copies(name: str, original: bytes) -> tuple[bytes, bytes]:
    """The display copy and the thumbnail, made here from the original (issue 12, rule 6):
    the copies a workshop file carries are never trusted. The original must have passed
    ``check_image``; a JPEG is decoded at a reduced scale (never whole), the camera's
    rotation applied, transparency put on white. PhotoError naming the photo if it cannot
    be decoded."""
    from io import BytesIO

    from PIL import Image, ImageOps

    try:
        with Image.open(BytesIO(original)) as opened:
            image: Image.Image = opened  # (converted below: the file's own closes at the end)
            if image.format in ("JPEG", "MPO"):
                image.draft("RGB", (DISPLAY_SIZE, DISPLAY_SIZE))
            # Made small first, in place (the only full-size copy is the decoded one, which
            # check_image has bounded), then turned and flattened: the square bound makes
            # turning after the same as before.
            if image.mode not in ("RGB", "RGBA", "L"):
                image = image.convert("RGBA" if image.mode in ("LA", "PA", "P") else "RGB")
            image.thumbnail((DISPLAY_SIZE, DISPLAY_SIZE))
            picture = ImageOps.exif_transpose(image)
            if picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info:
                picture = picture.convert("RGBA")
                flat = Image.new("RGB", picture.size, "white")
                flat.paste(picture, mask=picture.getchannel("A"))
                picture = flat
            else:
                picture = picture.convert("RGB")
            display = BytesIO()
            picture.save(display, "JPEG", quality=85)
            picture.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
            thumbnail = BytesIO()
            picture.save(thumbnail, "JPEG", quality=80)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError(f"“{name}” cannot be decoded as a photo ({exc}).") from None
    return display.getvalue(), thumbnail.getvalue()
