"""Hostile photos (issue 12): time to refusal (or to the display copy) and peak memory for
the worst photos, each decoded in a process of its own, both ways the app decodes an
original: attaching it in the window (Qt, ``ui.run.photo_decode.decode_photo``) and
importing it in a workshop file (Pillow, ``check_image`` then ``remake_copies``).

The floor is Qt's own reader with no limits (no allocation limit, no checks), asked for the
same 1600-pixel display copy: what decoding the file costs when nothing is checked (for a
bomb it fails or takes what the header claims). Repetitions alternate (app, floor, app,
floor); min and median are printed, and the ratio of the medians. The issue's bound: under
300 MB and 10 s for every input.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 2
TIMEOUT = 120

_PROBE = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, sys.argv[1])
mode, path = sys.argv[2], sys.argv[3]
from pathlib import Path
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
start = time.perf_counter()
if mode == "window":
    from facilitator.photos import PhotoError
    from ui.run.photo_decode import decode_photo
    try:
        photo, _ = decode_photo(Path(path), "w", "who")
        outcome = f"decoded {photo.width} x {photo.height}"
    except PhotoError as exc:
        outcome = "refused: " + str(exc)[:70]
elif mode == "import":
    from facilitator.photos import PhotoError, check_image, remake_copies
    data = Path(path).read_bytes()
    try:
        check_image(Path(path).name, data, None)
        remake_copies(Path(path).name, data)
        outcome = "decoded"
    except PhotoError as exc:
        outcome = "refused: " + str(exc)[:70]
else:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImageReader
    QImageReader.setAllocationLimit(0)
    reader = QImageReader(path)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > 1600:
        scale = 1600 / max(size.width(), size.height())
        reader.setScaledSize(QSize(round(size.width() * scale), round(size.height() * scale)))
    outcome = "floor: " + ("failed" if reader.read().isNull() else "decoded")
with open("/proc/self/status") as status:
    peak = next(int(l.split()[1]) / 1024 for l in status if l.startswith("VmHWM:"))
print(json.dumps({"seconds": time.perf_counter() - start, "outcome": outcome, "peak_mb": peak}))
"""

_MAKE_JPEG = r"""
import sys
from PIL import Image
Image.MAX_IMAGE_PIXELS = None
width, height, progressive = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
Image.new("RGB", (width, height), (120, 130, 140)).save(
    sys.argv[1], "JPEG", quality=80, progressive=progressive)
"""


def _png(path: Path, width: int, height: int, depth: int = 8) -> Path:
    """An RGBA PNG of one colour, compressed row by row (a 100-megapixel one is ~400 KB)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    row = b"\x00" + b"\x80" * (width * 4 * depth // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, 6, 0, 0, 0))
                     + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    return path


def _jpeg(path: Path, width: int, height: int, progressive: bool) -> Path:
    subprocess.run([sys.executable, "-c", _MAKE_JPEG, str(path), str(width), str(height),
                    "1" if progressive else "0"], check=True, timeout=TIMEOUT)
    return path


def _cases(folder: Path):
    from tests.hostile import png_header

    bomb = folder / "bomb.png"
    bomb.write_bytes(png_header(65535, 65535))
    return [
        ("45-byte PNG claiming 65,535 x 65,535", bomb),
        ("100-megapixel PNG (400 KB)", _png(folder / "100 MP.png", 10_000, 10_000)),
        ("PNG at the bound (5,010 x 5,010 RGBA)", _png(folder / "bound.png", 5010, 5010)),
        ("16-bit PNG at the bound (3,540 x 3,540)",
         _png(folder / "bound16.png", 3540, 3540, 16)),
        ("100-megapixel JPEG", _jpeg(folder / "100 MP.jpg", 10_000, 10_000, False)),
        ("100-megapixel progressive JPEG", _jpeg(folder / "100 MP p.jpg", 10_000, 10_000, True)),
        ("30-megapixel progressive JPEG", _jpeg(folder / "30 MP p.jpg", 6000, 5000, True)),
    ]


def _probe(mode: str, path: Path) -> dict:
    try:
        result = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT), mode, str(path)],
                                capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT)
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (subprocess.TimeoutExpired, IndexError, ValueError):
        return {"seconds": float(TIMEOUT), "outcome": "failed", "peak_mb": float("nan")}


def run() -> list[tuple[str, float, str]]:
    figures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in _cases(Path(tmp)):
            runs: dict[str, list[dict]] = {"window": [], "import": [], "floor": []}
            for _ in range(REPEATS):
                for mode in runs:
                    runs[mode].append(_probe(mode, path))
            floor = statistics.median(r["seconds"] for r in runs["floor"])
            for mode in ("window", "import"):
                times = [r["seconds"] for r in runs[mode]]
                print(f"# {name}, {mode}: {runs[mode][0]['outcome']}", file=sys.stderr)
                figures += [
                    (f"photos {name}: {mode} min", min(times), "s"),
                    (f"photos {name}: {mode} median", statistics.median(times), "s"),
                    (f"photos {name}: {mode} peak RSS", max(r["peak_mb"] for r in runs[mode]),
                     "MB"),
                    (f"photos {name}: {mode} / floor", statistics.median(times)
                     / max(floor, 1e-6), "x"),
                ]
            print(f"# {name}, floor: {runs['floor'][0]['outcome']}", file=sys.stderr)
            figures += [
                (f"photos {name}: floor median", floor, "s"),
                (f"photos {name}: floor peak RSS", max(r["peak_mb"] for r in runs["floor"]),
                 "MB"),
            ]
            path.unlink()
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    for figure, value, unit in run():
        print(f"{figure}: {value:.3g} {unit}", flush=True)
