"""The library's schema as numbered migrations (sqlite-utils ``Migrations``).

Never edit a migration that has shipped: add the next number, and raise
``SCHEMA_VERSION`` in ``version.py`` to match (a test checks). ``user_version``
is kept equal to the number of migrations applied, so a file from a newer app
can be recognised and refused before anything touches it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "workshop_facilitator"
migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_core")
def m0001_core(db: Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE formats (
            key TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """CREATE TABLE programmes (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            area TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute(
        """CREATE TABLE workshops (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL REFERENCES programmes(id),
            code TEXT NOT NULL,
            theme_question TEXT NOT NULL DEFAULT '',
            format_key TEXT NOT NULL REFERENCES formats(key),
            date TEXT NOT NULL DEFAULT '',
            venue TEXT NOT NULL DEFAULT '',
            district TEXT NOT NULL DEFAULT '',
            facilitators TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'held', 'postponed', 'cancelled')),
            status_reason TEXT NOT NULL DEFAULT '',
            rescheduled_date TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX workshops_programme ON workshops(programme_id)")
    db.execute(
        """CREATE TABLE attendance (
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            category TEXT NOT NULL,
            count INTEGER NOT NULL CHECK (count >= 0),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (workshop_id, category)
        )"""
    )
    db.execute(
        """CREATE TABLE themes (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL REFERENCES programmes(id),
            step_key TEXT NOT NULL,
            label TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX themes_programme_step ON themes(programme_id, step_key)")
    db.execute(
        """CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_key TEXT NOT NULL,
            text TEXT NOT NULL,
            table_label TEXT NOT NULL DEFAULT '',
            theme_id TEXT REFERENCES themes(id),
            tags TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX notes_workshop_step ON notes(workshop_id, step_key)")
    db.execute("CREATE INDEX notes_theme ON notes(theme_id)")


@migrations(name="0002_photos")
def m0002_photos(db: Database) -> None:
    """Photos of the wall: the original kept, a display copy and a thumbnail beside it."""
    db.execute(
        """CREATE TABLE photos (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_key TEXT NOT NULL,
            file_name TEXT NOT NULL,
            media_type TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            original BLOB NOT NULL,
            display BLOB NOT NULL,
            thumbnail BLOB NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX photos_workshop_step ON photos(workshop_id, step_key)")


@migrations(name="0003_merge_base")
def m0003_merge_base(db: Database) -> None:
    """Merging workshop files: the version of each row last seen from each other library
    (the common ancestor of a three-way merge), and where each workshop last came from."""
    db.execute(
        """CREATE TABLE merge_base (
            source_id TEXT NOT NULL,
            table_name TEXT NOT NULL,
            row_key TEXT NOT NULL,
            row_hash TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (source_id, table_name, row_key)
        )"""
    )
    db.execute(
        """CREATE TABLE workshop_sources (
            workshop_id TEXT PRIMARY KEY,
            source_file TEXT NOT NULL,
            source_library_id TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            imported_at TEXT NOT NULL
        )"""
    )



@migrations(name="0004_library_operations")
def m0004_library_operations(db: Database) -> None:
    """Correcting the library: merges, purges and deletions made together.

    ``merged_records`` (travels in workshop files): a programme, workshop or theme merged
    into another (or a programme of a file added to an existing one at import) leaves a
    redirect ``old_id -> new_id``; rows arriving with the old id are rewritten to the new
    one before they are merged. ``deleted`` set means the merge was undone.

    ``purged_records`` (travels): ids removed for good from Deleted items, so a file that
    still carries them does not bring them back.

    ``deleted_with`` (stays in the library): workshops deleted together with their
    programme, so restoring the programme brings back exactly those.
    """
    db.execute(
        """CREATE TABLE merged_records (
            table_name TEXT NOT NULL,
            old_id TEXT NOT NULL,
            new_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (table_name, old_id)
        )"""
    )
    db.execute("CREATE INDEX merged_records_new ON merged_records(table_name, new_id)")
    db.execute(
        """CREATE TABLE purged_records (
            table_name TEXT NOT NULL,
            id TEXT NOT NULL,
            purged_at TEXT NOT NULL,
            PRIMARY KEY (table_name, id)
        )"""
    )
    db.execute(
        """CREATE TABLE deleted_with (
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            owner_table TEXT NOT NULL,
            owner_id TEXT NOT NULL,
            PRIMARY KEY (table_name, row_id)
        )"""
    )


@migrations(name="0005_import_ledger")
def m0005_import_ledger(db: Database) -> None:
    """Tables of notes (CSV, Excel) this library has read: which row of which table became
    which note, so the same table imported again adds nothing, and an edited table with new
    rows adds only those; and the column choice made for each header layout, to offer it
    again. Both are this library's own memory, never copied into workshop files (see
    ``EXPORTED_TABLES`` in transfer_schema.py): the notes themselves travel, by id."""
    db.execute(
        """CREATE TABLE import_ledger (
            table_hash TEXT NOT NULL,
            row_number INTEGER NOT NULL,
            row_key TEXT NOT NULL,
            note_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (table_hash, row_number)
        )"""
    )
    db.execute("CREATE INDEX import_ledger_row_key ON import_ledger(row_key)")
    db.execute("CREATE INDEX import_ledger_note ON import_ledger(note_id)")
    db.execute(
        """CREATE TABLE import_layouts (
            layout TEXT PRIMARY KEY,
            mapping TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


@migrations(name="0006_report_checks")
def m0006_report_checks(db: Database) -> None:
    """The personal-data check before an export: notes a facilitator looked at and marked
    "checked, keep" (with a digest of the text they saw, so an edited note is checked
    again), and the user's own list of names to look for. Both are this library's own
    decisions, never copied into workshop files (not in ``EXPORTED_TABLES``)."""
    db.execute(
        """CREATE TABLE report_checks (
            note_id TEXT PRIMARY KEY,
            text_hash TEXT NOT NULL,
            checked_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE TABLE privacy_names (name TEXT PRIMARY KEY)")


@migrations(name="0007_workshop_state")
def m0007_workshop_state(db: Database) -> None:
    """Where each workshop was left on this laptop: the step, the note being typed (the
    draft), the table label, each step's timer, and whether its run window was open when
    the app closed (so it opens again). Kept in the library, so it moves with it and
    survives a restart; it stays local and never travels in workshop files
    (``LOCAL_ONLY``): another laptop's half-typed note is not part of the workshop."""
    db.execute(
        """CREATE TABLE workshop_state (
            workshop_id TEXT PRIMARY KEY,
            step_key TEXT NOT NULL DEFAULT '',
            draft TEXT NOT NULL DEFAULT '',
            draft_step TEXT NOT NULL DEFAULT '',
            table_label TEXT NOT NULL DEFAULT '',
            timers TEXT NOT NULL DEFAULT '{}',
            was_open INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        )"""
    )


#: Objects (of ``0007_workshop_state`` and ``0008_search``) that stay in the library and never
#: travel in a workshop file
#: (transfer_schema drops them from the files it writes and from the schema it expects, so a
#: workshop file never carries a virtual table).
LOCAL_ONLY = (("table", "search_index"), ("table", "workshop_state"))


@migrations(name="0008_search")
def m0008_search(db: Database) -> None:
    """Search: an FTS5 index of each note's text and its theme's label (accents folded,
    prefixes of 2 and 3 characters indexed), built here for the notes a library already has.
    The store keeps it in step when it commits (``Store._sync_search``: every write names
    the notes and themes it changed), not with triggers: the library runs with
    ``trusted_schema=OFF``, under which a trigger may not write to a virtual table. Its rowid
    is the note's rowid (libraries are copied with SQLite's backup API, which keeps rowids;
    ``Store.rebuild_search_index`` builds it again should they ever change)."""
    db.execute(
        "CREATE VIRTUAL TABLE search_index USING fts5(text, theme, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    db.execute(
        "INSERT INTO search_index (rowid, text, theme) SELECT n.rowid, n.text, "
        "coalesce(t.label, '') FROM notes n LEFT JOIN themes t ON t.id = n.theme_id "
        "AND t.deleted = 0"
    )


@migrations(name="0010_phones")
def m0010_phones(db: Database) -> None:
    """Dot-votes from phones (issue 14): for each idea voted on in a workshop's step, the
    number of dots it got, never who placed them. One row per (workshop, step, idea), its
    id derived from those three (``facilitator.store.votes.vote_id``), so voting again on a
    step updates the same rows and two laptops' copies merge row by row. The rows travel
    in workshop files (``EXPORTED_TABLES``)."""
    db.execute(
        """CREATE TABLE votes (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id),
            step_key TEXT NOT NULL,
            target_kind TEXT NOT NULL CHECK (target_kind IN ('note', 'theme')),
            target_id TEXT NOT NULL,
            label TEXT NOT NULL,
            dots INTEGER NOT NULL CHECK (dots >= 0),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX votes_workshop_step ON votes(workshop_id, step_key)")


@migrations(name="0011_assets")
def m0011_assets(db: Database) -> None:
    """Asset-based sessions (issue 11): a programme's register of community assets, the
    notes and workshops that named each one, and connections (an idea that brings two or
    more assets together). All four travel in workshop files (``EXPORTED_TABLES``) and merge
    row by row like notes; an asset merged into another leaves a redirect in
    ``merged_records`` (table ``assets``). No foreign keys: a purge or a merge elsewhere must
    never be refused because a link names what it removed; readers join on live rows.

    - ``assets``: name, category (a tag key of the programme's asset vocabulary, format
      data), what it offers, place, who can help connect (a role or organisation), notes.
    - ``asset_sources``: the note (or, with ``note_id`` empty, the workshop) that named an
      asset; id derived from (asset, workshop, note), so two laptops linking the same make
      one row.
    - ``connections``: the idea, with the workshop and note it came from ('' when none).
    - ``connection_assets``: the assets a connection links; id derived from the pair.
    """
    db.execute(
        """CREATE TABLE assets (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL,
            name TEXT NOT NULL,
            category TEXT NOT NULL DEFAULT '',
            offers TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            connector TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX assets_programme ON assets(programme_id)")
    db.execute(
        """CREATE TABLE asset_sources (
            id TEXT PRIMARY KEY,
            asset_id TEXT NOT NULL,
            workshop_id TEXT NOT NULL,
            note_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX asset_sources_asset ON asset_sources(asset_id)")
    db.execute("CREATE INDEX asset_sources_workshop ON asset_sources(workshop_id)")
    db.execute("CREATE INDEX asset_sources_note ON asset_sources(note_id)")
    db.execute(
        """CREATE TABLE connections (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL,
            idea TEXT NOT NULL,
            workshop_id TEXT NOT NULL DEFAULT '',
            note_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX connections_programme ON connections(programme_id)")
    db.execute(
        """CREATE TABLE connection_assets (
            id TEXT PRIMARY KEY,
            connection_id TEXT NOT NULL,
            asset_id TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX connection_assets_connection ON connection_assets(connection_id)")
    db.execute("CREATE INDEX connection_assets_asset ON connection_assets(asset_id)")


@migrations(name="0012_action_plan")
def m0012_action_plan(db: Database) -> None:
    """The action plan (issue 11; Appendix A of the Summary of Results): a programme's
    strategic priorities in order, its actions (from a note or a theme: the notes, theme and
    workshops they came from are kept as lists of ids, with the idea's words, so an action
    outlives its notes) and each action's dated progress updates. All three travel in
    workshop files with their programme (``EXPORTED_TABLES``) and merge row by row."""
    db.execute(
        """CREATE TABLE priorities (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL REFERENCES programmes(id),
            text TEXT NOT NULL,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX priorities_programme ON priorities(programme_id)")
    db.execute(
        """CREATE TABLE actions (
            id TEXT PRIMARY KEY,
            programme_id TEXT NOT NULL REFERENCES programmes(id),
            text TEXT NOT NULL,
            priority_id TEXT,
            support_area TEXT NOT NULL DEFAULT '',
            lead TEXT NOT NULL DEFAULT '',
            partners TEXT NOT NULL DEFAULT '',
            timescale TEXT NOT NULL DEFAULT '',
            measure TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'proposed'
                CHECK (status IN ('proposed', 'agreed', 'in progress', 'done', 'dropped')),
            theme_id TEXT,
            note_ids TEXT NOT NULL DEFAULT '[]',
            workshop_ids TEXT NOT NULL DEFAULT '[]',
            source_text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX actions_programme ON actions(programme_id)")
    db.execute(
        """CREATE TABLE progress_updates (
            id TEXT PRIMARY KEY,
            action_id TEXT NOT NULL REFERENCES actions(id),
            date TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0
        )"""
    )
    db.execute("CREATE INDEX progress_updates_action ON progress_updates(action_id)")


@migrations(name="0014_merge_undone")
def m0014_merge_undone(db: Database) -> None:
    """Merges that can be undone on another laptop (issue 9). A merge's undo travels as a
    "merge undone" marker, the merge's ``merged_records`` row with ``deleted = 1`` and a
    newer time (no new column: it travels with ``merged_records``). What it needs here is
    ``rewritten`` (stays in the library, not in ``EXPORTED_TABLES``; empty in workshop
    files): each row an import pointed through a redirect at the record merged into (its
    edit time kept), with the value it had and its edit time, so that when the redirect is
    undone (here or on any laptop) the row goes back if it is still that version, as the
    merge's own undo puts back the rows it moved."""
    db.execute(
        """CREATE TABLE rewritten (
            table_name TEXT NOT NULL,
            row_id TEXT NOT NULL,
            column_name TEXT NOT NULL,
            original TEXT NOT NULL,
            rewritten_to TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (table_name, row_id, column_name)
        )"""
    )


def drop_local_only(conn) -> None:
    """Drop what stays in the library (``LOCAL_ONLY``) from a workshop file's schema."""
    for kind, name in LOCAL_ONLY:
        conn.execute(f"DROP {kind.upper()} IF EXISTS {name}")
