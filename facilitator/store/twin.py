"""A second connection to an open library, for one long write made on another thread.

A merge of two programmes of 10,000 notes each takes a tenth of a second or more; done
on the window's thread it would freeze the window. The ui runs it on a worker thread
through a *twin* of the window's store: the same library file (WAL: the window goes on
reading the last committed state while the twin writes), its own connection, its own
transaction. The write is still one transaction, by the same domain functions.

A twin announces nothing: its listeners would run on the worker thread, where no view
lives. What each commit changed is kept (``handed_over``), and the thread that owns the
store hands it to :meth:`StoreBase.announce_committed` once the work is done, so every
view hears of it on its own thread, as of any other commit. While a twin writes, the
store does not take the twin's commit for another program's
(``check_external_changes`` waits for the hand-over).

Only a library in a file, open for writing and not inside a transaction of its own, has
a twin (:func:`can_twin`); otherwise the work runs on the store itself, as before.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from facilitator.store import connection
from facilitator.store.errors import LibraryError
from facilitator.store.store import Store


def can_twin(store: Store) -> bool:
    """True when ``store`` can lend its work to a twin: a file library, open for writing,
    outside a transaction of its own (a twin would wait for that transaction's lock)."""
    return (store.path is not None and not store.read_only and not store.is_closed
            and store.gone is None and store._depth == 0 and store._handing_over is None)


def open_twin(store: Store) -> Store:
    """A second connection to ``store``'s library file that hands its changes over instead
    of announcing them (see the module's docstring). Open it on the store's thread; use it
    on one other thread; :func:`close_twin` it when done."""
    if not can_twin(store):
        raise LibraryError("This library cannot be written from another thread.")
    store.check_file()  # deleted or replaced: say so here, before any work starts
    try:
        conn = connection.connect(store.path)
        connection.apply_pragmas(conn, wal=True)
    except sqlite3.Error as exc:
        raise connection.open_problem(exc, store.path) from None
    twin = type(store)(conn, store.path)
    twin._file_id = store._file_id
    twin._handing_over = {}
    store._twins_writing += 1
    twin._owner = store
    return twin


def close_twin(twin: Store) -> dict[str, set[str]]:
    """Close the twin; returns what its commits changed (event name -> ids), for
    ``owner.announce_committed`` on the owner's thread."""
    handed = twin._handing_over or {}
    twin._handing_over = None
    twin.close()
    owner = twin._owner
    if owner is not None:
        owner._twins_writing = max(0, owner._twins_writing - 1)
    return handed


@contextlib.contextmanager
def twin_of(store: Store) -> Iterator[Store]:
    """``open_twin`` and ``close_twin`` around a block on one thread; the changes are
    announced on the store at the end (for tests and the command line: the ui's worker
    thread announces on the window's thread instead)."""
    twin = open_twin(store)
    try:
        yield twin
    finally:
        handed = close_twin(twin)
        if handed:
            store.announce_committed(handed)

