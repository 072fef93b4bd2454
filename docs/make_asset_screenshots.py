"""Take the picture of the "Asset-based sessions and the action plan" chapter, offscreen.

    QT_QPA_PLATFORM=offscreen python docs/make_asset_screenshots.py

Writes ``docs/images/asset-register.png``: the register of the demo programme (its
asset-mapping session W8), with the window's own code (``QWidget.grab``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IMAGES = ROOT / "docs" / "images"


def main() -> int:
    import tempfile

    from docs.pictures import picture_context
    from facilitator.demo import load_demo, load_demo_assets
    from facilitator.library import open_library
    from ui.app import create_application
    from ui.assets.register import AssetRegisterWindow

    IMAGES.mkdir(parents=True, exist_ok=True)
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="wf pictures ") as folder:
        library = open_library(None)
        programme = load_demo(library.store)
        load_demo_assets(library.store, programme)
        context = picture_context(library, folder)
        window = AssetRegisterWindow(context, programme.id)
        window.resize(1280, 560)
        window.show()
        app.processEvents()
        row = next(i for i, r in enumerate(window.model.rows) if r.name == "Melton Mowbray Library")
        window.select_ids([window.model.rows[row].id])
        window.table.setFocus()
        app.processEvents()
        window.grab().save(str(IMAGES / "asset-register.png"))
        window.close()
        library.close()
    print(IMAGES / "asset-register.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
