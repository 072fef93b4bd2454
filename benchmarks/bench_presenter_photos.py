"""The presenter screen with 2,000 notes on a step, and attaching a 25-megapixel photo.

Figures (medians, on-disk library with durable writes):
- presenter: a note added through the store -> its card laid out and painted on the
  presenter screen, with 2,000 and 10,000 notes on the step against an empty step, the new
  card asserted whole in view each time (aim < 50 ms, as the board's Enter -> card);
- presenter: changing to a step with 2,000 notes (the wall rebuilt and painted);
- photos: reading a 25 MP JPEG into its display copy and thumbnail (worker thread work),
  against a 2 MP one;
- photos: the longest the window's event loop waited while a 25 MP photo was attached
  (what the facilitator would feel as a freeze), against the same loop idle.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

NOTES = 2000
BIG = 10_000
ADDS = 15


def _painted(app, presenter) -> None:
    app.processEvents()
    presenter.wall.board.repaint()


def _add_times(app, store, presenter, workshop_id: str, step_key: str) -> float:
    from facilitator.models import Note

    times = []
    for n in range(ADDS):
        start = time.perf_counter()
        note = store.add_note(Note(workshop_id, step_key, f"One more idea number {n}"))
        _painted(app, presenter)
        times.append(time.perf_counter() - start)
        _assert_in_view(presenter, note.id)
    return statistics.median(times)


def _assert_in_view(presenter, note_id: str) -> None:
    """The new card is on the wall and whole inside what the projector shows."""
    from PySide6.QtCore import QPoint, QRect

    wall = presenter.wall
    card = wall.card(note_id)
    viewport = wall.scroll_area.viewport()
    if card is None or not card.isVisible() or not viewport.rect().contains(
            QRect(card.mapTo(viewport, QPoint(0, 0)), card.size())):
        raise AssertionError(f"the new card is not in view on the presenter ({wall.total} notes)")


def _write_jpeg(path: Path, width: int, height: int) -> Path:
    """A photo-sized JPEG: sensor-like noise, so it is as big as a camera's (MBs)."""
    from PySide6.QtGui import QColor, QImage, QPainter

    noise = os.urandom(width * height * 4)
    image = QImage(noise, width, height, QImage.Format.Format_RGB32).copy()
    del noise
    painter = QPainter(image)
    painter.setOpacity(0.85)
    for i in range(40):
        painter.fillRect((i * 397) % width, (i * 211) % height, width // 10, height // 10,
                         QColor(("#fff176", "#f8bbd0", "#c5e1a5")[i % 3]))
    painter.end()
    image.save(str(path), "JPEG", 90)
    return path


def _stall_while(app, action, done) -> float:
    """Longest gap between 5 ms ticks of the event loop while ``action`` runs until ``done``."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    action()
    while not done():
        app.processEvents()
    timer.stop()
    return float(max(gaps or [0]))


def run() -> list[tuple[str, float, str]]:
    from benchmarks.common import bench_context, bench_workshop
    from facilitator.library import open_library
    from facilitator.models import Note, Workshop
    from ui.app import create_application
    from ui.dialogs import Dialogs
    from ui.run.photo_decode import decode_photo
    from ui.run.photos import PhotoStrip
    from ui.run.presenter import PresenterWindow
    from ui.run.session import RunSession

    app = create_application()
    with tempfile.TemporaryDirectory(prefix="wf bench ") as folder:
        folder = Path(folder)
        library = open_library(folder / "Bench library é.wfdb")
        context = bench_context(library, folder, Dialogs())
        store = library.store
        programme, workshop = bench_workshop(store, "W2", "Full")
        store.add_notes([Note(workshop.id, "how", f"Idea {n}: a small grant to get going")
                         for n in range(NOTES)])
        session = RunSession(context, workshop.id)
        presenter = PresenterWindow(session)
        presenter.resize(1920, 1080)
        presenter.show()
        _painted(app, presenter)

        add_empty = _add_times(app, store, presenter, workshop.id, "who")
        start = time.perf_counter()
        session.set_step("how")
        _painted(app, presenter)
        step_full = time.perf_counter() - start
        add_full = _add_times(app, store, presenter, workshop.id, "how")
        presenter.close()
        crowded = store.add_workshop(Workshop(programme.id, "W3", "Big", "delivery-planning"))
        store.add_notes([Note(crowded.id, "how", f"Idea {n}: a small grant for the village hall")
                         for n in range(BIG)])
        big_session = RunSession(context, crowded.id)
        big_session.set_step("how")
        wall_big = PresenterWindow(big_session)
        wall_big.resize(1920, 1080)
        wall_big.show()
        _painted(app, wall_big)
        add_big = _add_times(app, store, wall_big, crowded.id, "how")
        wall_big.close()

        small = _write_jpeg(folder / "wall 2 MP.jpg", 1600, 1200)
        big = _write_jpeg(folder / "wall 25 MP.jpg", 5000, 5000)
        decode_small = statistics.median(
            _timed(lambda: decode_photo(small, workshop.id, "who")) for _ in range(3))
        decode_big = statistics.median(
            _timed(lambda: decode_photo(big, workshop.id, "who")) for _ in range(3))

        big_size = big.stat().st_size
        strip = PhotoStrip(session)
        idle = _stall_while(app, lambda: None, _after(0.3))
        finished: list = []
        strip.attach_finished.connect(finished.append)
        stall = _stall_while(app, lambda: strip.attach_files([big]), lambda: bool(finished))
        strip.disconnect_store()
        library.close()
    return [
        ("presenter: note to painted card, empty step", add_empty * 1000, "ms"),
        (f"presenter: note to painted card, {NOTES} notes on the step", add_full * 1000, "ms"),
        (f"presenter: note to painted card, {NOTES} notes vs empty", add_full / add_empty, "x"),
        (f"presenter: note to painted card and in view, {BIG:,} notes on the step (aim < 50)",
         add_big * 1000, "ms"),
        (f"presenter: change to a step with {NOTES} notes", step_full * 1000, "ms"),
        ("photos: read a 2 MP JPEG (worker)", decode_small * 1000, "ms"),
        ("photos: read a 25 MP JPEG (worker)", decode_big * 1000, "ms"),
        ("photos: 25 MP vs 2 MP", decode_big / decode_small, "x"),
        ("photos: size of the 25 MP test JPEG", big_size / 1e6, "MB"),
        ("photos: longest event-loop wait, idle", idle, "ms"),
        ("photos: longest event-loop wait while attaching 25 MP", stall, "ms"),
    ]


def _timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _after(seconds: float):
    end = time.perf_counter() + seconds
    return lambda: time.perf_counter() >= end


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
