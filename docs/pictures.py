"""What the picture scripts set up alike: the app's context over a library, its settings in
the script's temporary folder (never your own), and the demo programme's W2. (Not a script
itself.)"""

from __future__ import annotations

from pathlib import Path


def picture_context(library, folder, dialogs=None):
    """An ``AppContext`` over ``library`` with its settings in ``folder``/settings.ini, and
    ``dialogs`` (by default the app's own)."""
    from PySide6.QtCore import QSettings

    from ui.context import AppContext
    from ui.settings import Settings

    settings = Settings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
    if dialogs is None:
        return AppContext(library, settings)
    return AppContext(library, settings, dialogs)


def demo_w2(library):
    """The demo programme loaded into ``library``: ``(programme, its workshop W2)``."""
    from facilitator.demo import load_demo

    programme = load_demo(library.store)
    return programme, next(w for w in library.store.workshops(programme.id) if w.code == "W2")
