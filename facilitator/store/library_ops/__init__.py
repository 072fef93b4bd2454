"""The SQL of correcting a library: deleting with restore, purging for good, merge redirects.

The decisions (what may be deleted, merged or renamed, and the messages) live in
``facilitator.library_ops``; this package only reads and writes rows. Every public
function here is one transaction (or joins the caller's). One module per subject:
``deleting``, ``purging``, ``redirects``, ``repointing`` (a merge's row edits),
``whole_rows`` (rows kept and put back exactly), ``rewrites`` (rows an import pointed
through a redirect) and ``records`` (ids, names, events); callers use the names below.

Tables (migration ``0004_library_operations``):

- ``merged_records`` travels in workshop files: ``old_id -> new_id`` per table, for a
  programme, workshop or theme merged into another;
- ``purged_records`` travels: ids removed for good, so a file cannot bring them back;
- ``deleted_with`` stays local: the workshops deleted together with their programme;
- ``rewritten`` (migration ``0014_merge_undone``) stays local: rows an import pointed
  through a redirect, with the value they had, so that an undone merge puts them back.
"""

from __future__ import annotations

from facilitator.store.library_ops.deleting import (
    delete_programme_with_workshops,
    deleted_rows,
    deleted_together,
    restore_programme_with_workshops,
    restore_workshop,
)
from facilitator.store.library_ops.purging import (
    purge_assets,
    purge_programmes,
    purge_themes,
    purge_workshops,
    purged_at,
    purged_ids,
    record_purged,
    unpurge,
)
from facilitator.store.library_ops.records import (
    RECORD_TABLES,
    existing_ids,
    live_ids,
    live_notes_in,
    live_workshops_of,
    record_names,
)
from facilitator.store.library_ops.redirects import (
    Redirect,
    forget_redirects,
    redirects,
    save_redirects,
)
from facilitator.store.library_ops.repointing import (
    keep_search_rows,
    repoint,
    set_parents,
    set_programme_id,
)
from facilitator.store.library_ops.rewrites import (
    LIST_REFERENCES,
    REFERENCES,
    follow_rewrites,
    log_rewrites,
    repoint_local,
)
from facilitator.store.library_ops.whole_rows import (
    delete_rows,
    insert_row,
    put_rows,
    raw_rows,
    whole_rows,
)

__all__ = [
    "LIST_REFERENCES", "RECORD_TABLES", "REFERENCES", "Redirect", "delete_programme_with_workshops",
    "delete_rows", "deleted_rows", "deleted_together", "existing_ids",
    "follow_rewrites", "forget_redirects", "insert_row", "keep_search_rows", "live_ids",
    "live_notes_in", "live_workshops_of", "log_rewrites", "purge_assets", "purge_programmes",
    "purge_themes", "purge_workshops", "purged_at", "purged_ids", "put_rows", "raw_rows",
    "record_names", "record_purged", "redirects", "repoint", "repoint_local",
    "restore_programme_with_workshops", "restore_workshop", "save_redirects",
    "set_parents", "set_programme_id", "unpurge", "whole_rows",
]
