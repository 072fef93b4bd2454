"""What several benchmarks set up alike: an app context over a library with throwaway
settings, dialogs that answer yes, and the bench programme with a workshop on it. (Not a
benchmark itself: ``run.py`` does not list it.)"""

from __future__ import annotations

from pathlib import Path


class YesDialogs:
    """Dialogs that answer yes to every question (the paste question, a merge's): there is
    no one to ask."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: True


def bench_context(library, folder: Path, dialogs):
    """An ``AppContext`` over ``library`` with its settings in ``folder``/s.ini (never the
    user's own) and ``dialogs``."""
    from PySide6.QtCore import QSettings

    from ui.context import AppContext
    from ui.settings import Settings

    settings = Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
    return AppContext(library, settings, dialogs)


def bench_workshop(store, code: str, question: str):
    """The programme "Bench" (Benchshire) with one delivery-planning workshop ``code``:
    ``(programme, workshop)``."""
    from facilitator.models import Programme, Workshop

    programme = store.add_programme(Programme("Bench", area="Benchshire"))
    return programme, store.add_workshop(
        Workshop(programme.id, code, question, "delivery-planning"))
