"""Take the picture of the presenter screen while Phones is on: the QR code, the join code
and the live vote bars (issue 14), offscreen.

    QT_QPA_PLATFORM=offscreen python docs/make_phones_screenshots.py

Writes ``docs/images/presenter-phones.png`` (1920 x 1080, as a projector shows it) from a
temporary copy of the demo programme, never touching your own library. Phones is really
on (the laptop's first network address, else this laptop only) and 24 phones really join
and place their dots through the gate, as the participant page does; nothing is sent
anywhere else. (The phones' own page is pictured by tests/ui/run/test_phones_browser.py.)
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IMAGES = ROOT / "docs" / "images"
PHONES = 24


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from docs.pictures import demo_w2, picture_context
    from facilitator.library import open_library
    from ui.app import create_application
    from ui.run import actions, phones_actions
    from ui.run.window import RunWindow

    IMAGES.mkdir(parents=True, exist_ok=True)
    app = create_application()
    out = IMAGES / "presenter-phones.png"
    with tempfile.TemporaryDirectory(prefix="wf screenshots ") as folder:
        library = open_library(Path(folder) / "library.wfdb")
        _programme, workshop = demo_w2(library)
        window = RunWindow(picture_context(library, folder), workshop.id)
        window.resize(1366, 768)
        window.show()
        window.session.set_step("how")
        phones_actions.toggle_phones(window)
        link = window.phones_link
        try:
            assert link.running, "Phones did not start"
            assert phones_actions.open_voting(window, dots=3)
            voting = link.gate.voting()
            ideas = [item for item, _label in voting.items]
            rng = random.Random(2015)  # the same picture every time
            weights = [rng.randint(1, 9) for _ in ideas]
            for phone in range(PHONES):
                token = link.gate.join(link.code, f"192.0.2.{10 + phone}")
                dots: dict[str, int] = {}
                for item in rng.choices(ideas, weights, k=voting.dots):
                    dots[item] = dots.get(item, 0) + 1
                link.gate.vote(token, dots)
            app.processEvents()
            actions.toggle_presenter(window)
            presenter = window.presenter
            presenter.resize(1920, 1080)
            for _ in range(5):
                app.processEvents()
            presenter.vote_bars.refresh()
            app.processEvents()
            presenter.grab().save(str(out))
            presenter.close()
        finally:
            link.stop()
            window.close()
            library.close()
    QApplication.processEvents()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
