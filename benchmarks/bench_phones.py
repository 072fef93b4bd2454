"""Phones under load, over loopback only (127.0.0.0/8): the real run window, auto-accepting.

    python benchmarks/bench_phones.py            60 phones x 5 notes/min x 5 minutes, then
                                                 a burst of 150 phones (about 6 minutes)
    python benchmarks/bench_phones.py --quick    the same for 45 seconds, then the burst

Each simulated phone joins, holds a long-poll open (GET /api/wait) the whole time and posts
5 notes a minute at random moments; every phone has its own loopback source address
(127.0.0.2, 127.0.0.3, ...) as phones in a hall have their own, so the per-address limit
applies per phone. The run window takes the notes through the queued signal and
``AddNotesCommand`` (auto-accept on) into an on-disk library with durable writes, while a
10 ms QTimer on the GUI thread measures how late the event loop is. Figures printed:
notes posted, received exactly once, POST latency p50/p99 (aim p99 < 100 ms), timer
lateness p50/p99 (aim p99 < 20 ms). The burst: 150 phones join at once and each sends 10
notes as fast as it can; refusals (429 with Retry-After, 503) are counted, each refused note
is sent again with the same client id after the wait, and at the end every note must be in
the library exactly once. Bounded: every phone stops at the deadline; nothing is left
running. For ``benchmarks/run.py`` (``run()``) the quick mode is used.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SERVER = "127.0.0.1"


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Phone:
    """One simulated phone with its own loopback source address."""

    def __init__(self, index: int, port: int, code: str, deadline: float) -> None:
        self.index = index
        self.source = f"127.0.{1 + index // 250}.{2 + index % 250}"
        self.port = port
        self.code = code
        self.deadline = deadline
        self.token = ""
        self.version = 0
        self.sent: dict[str, str] = {}  # client id -> text, for notes the laptop took
        self.latencies: list[float] = []
        self.statuses: Counter = Counter()
        self.errors: list[str] = []

    def _call(self, method, path, body=None, timeout=30.0):
        conn = http.client.HTTPConnection(SERVER, self.port, timeout=timeout,
                                          source_address=(self.source, 0))
        headers = {"X-Phone-Token": self.token} if self.token else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            return response.status, response.getheader("Retry-After"), payload
        finally:
            conn.close()

    def _try(self, what: str, method, path, body=None, *, stop: threading.Event | None = None):
        """One call, its answer counted under ``what``: (status, Retry-After, body), or None
        after half a second's pause when the network failed (an error, unless ``stop`` was
        set by then)."""
        try:
            status, retry, payload = self._call(method, path, body)
        except OSError as exc:
            if stop is None or not stop.is_set():
                self.errors.append(f"{what}: {exc}")
            time.sleep(0.5)
            return None
        self.statuses[f"{what} {status}"] += 1
        return status, retry, payload

    def join(self, give_up: float = 20.0) -> None:
        until = min(self.deadline, time.monotonic() + give_up)
        while time.monotonic() < until:
            answer = self._try("join", "POST", "/api/join", {"code": self.code})
            if answer is None:
                continue
            status, retry, payload = answer
            if status == 200:
                self.token = json.loads(payload)["token"]
                return
            time.sleep(float(retry or 1))

    def follow(self, stop: threading.Event) -> None:
        """Hold live updates open until stopped (as the page does)."""
        while not stop.is_set():
            answer = self._try("wait", "GET", f"/api/wait?after={self.version}", stop=stop)
            if answer is None:
                continue
            status, retry, payload = answer
            if status == 200:
                self.version = json.loads(payload)["version"]
            else:
                time.sleep(float(retry or 1))

    def post(self, text: str, deadline: float) -> bool:
        """Send one note until the laptop takes it (the same id on every try)."""
        client_id = f"p{self.index}-{len(self.sent)}-{random.getrandbits(32):x}"
        while time.monotonic() < deadline:
            start = time.perf_counter()
            answer = self._try("post", "POST", "/api/notes", {"text": text, "id": client_id})
            if answer is None:
                continue
            self.latencies.append((time.perf_counter() - start) * 1000)
            status, retry, _ = answer
            if status == 201:
                self.sent[client_id] = text
                return True
            if status not in (429, 503):
                self.errors.append(f"post answered {status}")
                return False
            time.sleep(float(retry or 1))
        self.errors.append("post: deadline")
        return False


def _window(folder: Path):
    import ui.run.phones as phones_module
    from benchmarks.common import bench_context, bench_workshop
    from facilitator.library import open_library
    from ui.run.window import RunWindow

    phones_module.laptop_addresses = lambda: [("lo", SERVER)]  # loopback only
    library = open_library(folder / "Phones bench.wfdb")
    context = bench_context(library, folder, None)
    _programme, workshop = bench_workshop(library.store, "W1", "Load")
    window = RunWindow(context, workshop.id)
    window.session.set_step("how")
    window.show()
    from ui.run import phones_actions

    phones_actions.toggle_phones(window)
    window.phones_panel.auto_accept.setChecked(True)
    return library, window


def _spin(app, until: float, lateness: list[float]) -> None:
    """Run the Qt event loop until ``until``, measuring a 10 ms timer's lateness."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.setInterval(10)
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        lateness.append(max(0.0, (now - last[0]) * 1000 - 10))
        last[0] = now
        if time.monotonic() >= until:
            loop.quit()

    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    timer.stop()


def steady(app, window, phones: int, seconds: float, per_minute: float = 5.0):
    link = window.phones_link
    deadline = time.monotonic() + seconds
    crowd = [Phone(i, link.port, link.code, deadline + 30) for i in range(phones)]
    stop = threading.Event()
    threads = []

    def life(phone: Phone) -> None:
        phone.join()
        follower = threading.Thread(target=phone.follow, args=(stop,), daemon=True)
        follower.start()
        threads.append(follower)
        count = 0
        next_at = time.monotonic() + random.uniform(0, 60 / per_minute)
        while True:
            now = time.monotonic()
            if next_at >= deadline:
                break
            time.sleep(max(0.0, next_at - now))
            phone.post(f"Phone {phone.index} note {count}: more benches by the green",
                       deadline + 30)
            count += 1
            next_at += random.expovariate(per_minute / 60)

    workers = [threading.Thread(target=life, args=(p,), daemon=True) for p in crowd]
    for worker in workers:
        worker.start()
    lateness: list[float] = []
    _spin(app, deadline, lateness)
    for worker in workers:
        while worker.is_alive():
            _spin(app, time.monotonic() + 0.2, lateness)
            worker.join(0.01)
    _spin(app, time.monotonic() + 1.5, [])  # the last notes through the queue
    stop.set()
    return crowd, lateness, stop, threads


def burst(app, window, phones: int = 150, notes: int = 10, seconds: float = 120):
    link = window.phones_link
    deadline = time.monotonic() + seconds
    crowd = [Phone(1000 + i, link.port, link.code, deadline) for i in range(phones)]

    def life(phone: Phone) -> None:
        phone.join()
        if not phone.token:
            return  # the room was full: the phone was told so (503)
        for n in range(notes):
            phone.post(f"Burst phone {phone.index} note {n}", deadline)

    workers = [threading.Thread(target=life, args=(p,), daemon=True) for p in crowd]
    for worker in workers:
        worker.start()
    lateness: list[float] = []
    while any(w.is_alive() for w in workers) and time.monotonic() < deadline:
        _spin(app, time.monotonic() + 0.2, lateness)
    _spin(app, time.monotonic() + 1.5, [])
    return crowd, lateness


def _exactly_once(store, workshop_id: str, crowd: list[Phone], prefix: str) -> tuple[int, int]:
    texts = Counter(n.text for n in store.notes(workshop_id) if n.text.startswith(prefix))
    sent = [t for p in crowd for t in p.sent.values()]
    missing = sum(1 for t in sent if texts[t] == 0)
    duplicated = sum(1 for t in sent if texts[t] > 1) + sum(1 for t in texts if t not in sent)
    return missing, duplicated


def measure(quick: bool) -> list[tuple[str, float, str]]:
    from ui.app import create_application

    app = create_application()
    seconds = 45 if quick else 300
    figures: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="wf phones bench ") as folder:
        library, window = _window(Path(folder))
        store = library.store
        try:
            crowd, lateness, stop, _threads = steady(app, window, 60, seconds)
            posted = sum(len(p.sent) for p in crowd)
            missing, duplicated = _exactly_once(store, window.session.workshop_id, crowd,
                                                "Phone ")
            latencies = [ms for p in crowd for ms in p.latencies]
            errors = [e for p in crowd for e in p.errors]
            figures += [
                ("phones steady: phones x seconds", 60 * seconds, "phone-s"),
                ("phones steady: notes posted", posted, "notes"),
                ("phones steady: notes missing", missing, "notes"),
                ("phones steady: notes duplicated", duplicated, "notes"),
                ("phones steady: client errors", len(errors), "errors"),
                ("phones steady: POST p50", percentile(latencies, 50), "ms"),
                ("phones steady: POST p99 (aim < 100)", percentile(latencies, 99), "ms"),
                ("phones steady: Qt timer lateness p50", percentile(lateness, 50), "ms"),
                ("phones steady: Qt timer lateness p99 (aim < 20)",
                 percentile(lateness, 99), "ms"),
            ]
            window.phones_link.stop()  # ends the held polls at once
            stop.set()
            actions_module = __import__("ui.run.phones_actions", fromlist=["toggle_phones"])
            actions_module.toggle_phones(window)  # on again for the burst: a fresh port
            crowd2, lateness2 = burst(app, window)
            statuses = Counter()
            for phone in crowd2:
                statuses.update(phone.statuses)
            missing2, duplicated2 = _exactly_once(store, window.session.workshop_id, crowd2,
                                                  "Burst ")
            latencies2 = [ms for p in crowd2 for ms in p.latencies]
            figures += [
                ("phones burst: phones", len(crowd2), "phones"),
                ("phones burst: notes taken", sum(len(p.sent) for p in crowd2), "notes"),
                ("phones burst: answered 201", statuses["post 201"], "answers"),
                ("phones burst: answered 429", statuses["post 429"], "answers"),
                ("phones burst: answered 503", statuses["post 503"], "answers"),
                ("phones burst: joins answered 503 (room full at Limits.max_sessions)",
                 statuses["join 503"], "answers"),
                ("phones burst: phones that never joined (their notes never sent)",
                 sum(1 for p in crowd2 if not p.token), "phones"),
                ("phones burst: notes missing", missing2, "notes"),
                ("phones burst: notes duplicated", duplicated2, "notes"),
                ("phones burst: POST p50", percentile(latencies2, 50), "ms"),
                ("phones burst: POST p99", percentile(latencies2, 99), "ms"),
                ("phones burst: Qt timer lateness p99", percentile(lateness2, 99), "ms"),
            ]
        finally:
            window.phones_link.stop()
            window.close()
            library.close()
    return figures


def run() -> list[tuple[str, float, str]]:
    return measure(quick=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="45 seconds instead of 5 minutes")
    args = parser.parse_args(argv)
    for name, value, unit in measure(args.quick):
        print(f"{name}: {value:.1f} {unit}" if isinstance(value, float) else
              f"{name}: {value} {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
