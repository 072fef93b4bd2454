"""Which programme and which workshops: finding a programme by title, a programme's
workshops in natural order (W2 before W10), and the default selection (held or
planned, not postponed or cancelled). Used by the reports, the compile step and
the command line, so none of them needs another's module for it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from facilitator.models import Programme, Workshop, WorkshopStatus
from facilitator.names import natural_key, same_name
from facilitator.store import LibraryError, Store

NOT_HELD = (WorkshopStatus.POSTPONED, WorkshopStatus.CANCELLED)


def programme_workshops(store: Store, programme: Programme) -> list[Workshop]:
    """A programme's workshops in report order: W1, W2, ... W10 (then by date)."""
    return sorted(store.workshops(programme.id), key=lambda w: (natural_key(w.code), w.date))


def default_selection(workshops: Iterable[Workshop]) -> list[Workshop]:
    """The workshops a report includes unless told otherwise: not postponed or cancelled."""
    return [w for w in workshops if w.status not in NOT_HELD]


def select_workshops(store: Store, programme: Programme, codes: Sequence[str] | None) -> list[Workshop]:
    """Workshops by code (in programme order), or the default selection when ``codes`` is None."""
    workshops = programme_workshops(store, programme)
    if codes is None:
        chosen = default_selection(workshops)
    else:
        wanted = {w.id for w in store.find_workshops(programme.id, codes)}
        chosen = [w for w in workshops if w.id in wanted]
    if not chosen:
        raise LibraryError(f"{programme.title}: no workshops to report on.")
    return chosen


def find_programme(store: Store, title: str) -> Programme:
    """The programme of that title (case and spacing aside); LibraryError if there is none,
    or more than one (made separately on two laptops), rather than picking one at random."""
    programmes = store.programmes()
    where = store.path or "the library"
    found = [p for p in programmes if same_name(p.title) == same_name(title)]
    if not found:
        titles = "; ".join(p.title for p in programmes) or "none"
        raise LibraryError(f"No programme titled {title!r} in {where} (programmes: {titles}).")
    if len(found) > 1:
        raise LibraryError(
            f"{len(found)} programmes are titled {found[0].title!r} in {where} (made separately "
            "on different laptops). Rename one in the window so each title says which is which."
        )
    return found[0]
