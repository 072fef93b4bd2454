"""Guard against the PySide6 that leaks a reference to ``True`` on every ``Signal.emit()``.

PySide6 6.12.0 on Python 3.11 loses a reference to ``True`` per emit of a bool
(or str) signal; after some hundreds of emits ``bool_dealloc`` aborts the whole
app. We pin 6.11.3; this test keeps an upgrade honest. The emitting runs in a
child process, so a broken PySide6 fails this test with a message instead of
aborting the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

EMITS = 10_000
TOLERANCE = 50  # a leak shows as about EMITS; noise is a handful

SCRIPT = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Source(QObject):
        flag = Signal(bool)
        text = Signal(str)

    class Sink(QObject):
        def __init__(self):
            super().__init__()
            self.flags = 0
            self.texts = 0

        def on_flag(self, value):
            self.flags += 1

        def on_text(self, value):
            self.texts += 1

    app = QCoreApplication(sys.argv[:1])
    source, sink = Source(), Sink()
    source.flag.connect(sink.on_flag)
    source.text.connect(sink.on_text)
    source.flag.emit(True)  # warm up caches before counting
    source.text.emit("warm")
    before = sys.getrefcount(True)
    for i in range({EMITS}):
        source.flag.emit(i % 2 == 0)
        source.text.emit("note")
    after = sys.getrefcount(True)
    assert sink.flags == {EMITS} + 1 and sink.texts == {EMITS} + 1, (sink.flags, sink.texts)
    print(after - before)
    """
)


def test_emitting_signals_does_not_leak_references_to_true():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, (
        f"Emitting {EMITS} Qt signals crashed or failed (exit code {result.returncode}); "
        "this PySide6 is the one that aborts in bool_dealloc; keep PySide6 pinned.\n"
        f"{result.stderr[-2000:]}"
    )
    delta = int(result.stdout.strip().splitlines()[-1])
    assert abs(delta) <= TOLERANCE, (
        f"sys.getrefcount(True) moved by {delta} over {EMITS} emits: PySide6 leaks a "
        "reference per emit and will abort the app; keep PySide6 pinned."
    )


def test_the_guard_would_notice_a_leak():
    """The measuring is sound: leaking a reference per loop shows in the count."""
    leaked = []
    before = sys.getrefcount(True)
    for _ in range(1000):
        leaked.append(True)
    assert sys.getrefcount(True) - before >= 1000 - TOLERANCE
    leaked.clear()
