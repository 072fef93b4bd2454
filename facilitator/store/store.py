"""The library store: the only place in the app that speaks SQL.

``StoreBase`` (``base.py``) opens the file and makes every write one durable
transaction; this class adds the domain's records: formats, programmes,
workshops, attendance, notes and themes. Listeners on ``store.events`` hear
about each change after it is on disk.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from facilitator.models import (
    PARTICIPANT_CATEGORY_LABELS,
    Attendance,
    Note,
    Programme,
    Theme,
    ValidationError,
    Workshop,
    code_clash_message,
    code_key,
    edit_time,
    utc_now,
)
from facilitator.names import natural_key
from facilitator.store.base import StoreBase
from facilitator.store.errors import LibraryError
from facilitator.store.import_ledger import ImportLedgerMixin
from facilitator.store.report_checks import ReportChecksMixin
from facilitator.store.rows import to_row, where
from facilitator.store.search_index import SearchIndexMixin
from facilitator.store.workshop_state import WorkshopStateMixin

if TYPE_CHECKING:
    from facilitator.formats import Format


def format_from_json(text: str, source: str = "format") -> Format:
    """``formats.format_from_json``, imported when a format is first read: opening the window
    reads none (its frozen dataclasses and checks cost start-up ~3 ms)."""
    from facilitator.formats import format_from_json as read

    return read(text, source)


@functools.lru_cache(maxsize=32)
def _step_keys(definition: str) -> frozenset[str]:
    """The step keys of a format, from its stored definition."""
    return frozenset(step.key for step in format_from_json(definition).steps)

class Store(SearchIndexMixin, WorkshopStateMixin, ImportLedgerMixin, ReportChecksMixin,
            StoreBase):
    """One open library: the domain's records over a durable SQLite file."""

    # ----------------------------------------------------------------- formats
    def format_versions(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT key, version FROM formats").fetchall())

    def save_format(self, fmt: Format) -> None:
        """Store a format's definition, unless the library already has that version or newer."""
        with self.transaction():
            self.conn.execute(
                "INSERT INTO formats (key, name, version, definition, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                "name = excluded.name, version = excluded.version, "
                "definition = excluded.definition, updated_at = excluded.updated_at "
                "WHERE excluded.version > formats.version",
                [fmt.key, fmt.name, fmt.version, fmt.to_json(), utc_now()],
            )

    def formats(self) -> dict[str, Format]:
        rows = self.conn.execute("SELECT key, definition FROM formats ORDER BY name").fetchall()
        return {key: format_from_json(text, source=f"format {key}") for key, text in rows}

    def get_format(self, key: str) -> Format:
        row = self.conn.execute("SELECT definition FROM formats WHERE key = ?", [key]).fetchone()
        if row is None:
            raise LibraryError(f"The library has no format {key!r}.")
        return format_from_json(row[0], source=f"format {key}")

    # -------------------------------------------------------------- programmes
    def add_programme(self, programme: Programme) -> Programme:
        with self.transaction():
            self._insert(programme)
            self._touch("programmes_changed", programme.id)
        return programme

    def update_programme(self, programme: Programme) -> Programme:
        with self.transaction():
            self._update(programme)
            self._touch("programmes_changed", programme.id)
        return programme

    def programmes(self, *, include_deleted: bool = False) -> list[Programme]:
        where = "1" if include_deleted else "deleted = 0"
        return self._select(Programme, where, order="title COLLATE NOCASE")

    def get_programme(self, programme_id: str) -> Programme:
        return self._get(Programme, programme_id)

    def find_programme(self, title: str) -> Programme | None:
        found = self._select(Programme, "deleted = 0 AND title = ? COLLATE NOCASE", [title])
        return found[0] if found else None

    # --------------------------------------------------------------- workshops
    def add_workshop(self, workshop: Workshop) -> Workshop:
        """Add a workshop; ValidationError if its programme already has a live workshop with
        that code (imports keep such a pair instead, to be offered for merging)."""
        with self.transaction():
            self._check_format(workshop.format_key)
            if not workshop.deleted:
                self.check_code(workshop.programme_id, workshop.code, exclude_id=workshop.id)
            self._insert(workshop)
            self._touch("workshops_changed", workshop.id)
        return workshop

    def update_workshop(self, workshop: Workshop) -> Workshop:
        """Write back a workshop. Changing its code or programme to one where that code is
        already used is refused (ValidationError naming the workshop that has it); editing
        other fields of a workshop that already shares its code (from an import) is not."""
        with self.transaction():
            self._check_format(workshop.format_key)
            if not workshop.deleted:
                before = self.conn.execute(
                    "SELECT programme_id, code, deleted FROM workshops WHERE id = ?",
                    [workshop.id],
                ).fetchone()
                if before is None or (before[0], code_key(before[1]), before[2]) != (
                    workshop.programme_id, code_key(workshop.code), 0
                ):
                    self.check_code(workshop.programme_id, workshop.code, exclude_id=workshop.id)
            self._update(workshop)
            self._touch("workshops_changed", workshop.id)
        return workshop

    def code_clash(
        self, programme_id: str, code: str, *, exclude_id: str | None = None
    ) -> Workshop | None:
        """A live workshop of the programme with the same code (case and spaces aside)."""
        key = code_key(code)
        for workshop in self._select(
            Workshop, "programme_id = ? AND deleted = 0", [programme_id], order="created_at"
        ):
            if workshop.id != exclude_id and code_key(workshop.code) == key:
                return workshop
        return None

    def check_code(self, programme_id: str, code: str, *, exclude_id: str | None = None) -> None:
        """ValidationError naming the live workshop of the programme that already has ``code``."""
        existing = self.code_clash(programme_id, code, exclude_id=exclude_id)
        if existing is not None:
            raise ValidationError(code_clash_message(code.strip(), existing))

    def _check_format(self, key: str) -> None:
        if not self.conn.execute("SELECT 1 FROM formats WHERE key = ?", [key]).fetchone():
            raise ValidationError(f"The library has no format {key!r}.")

    def set_workshop_deleted(self, workshop_id: str, deleted: bool = True) -> None:
        with self.transaction():
            self._set_deleted(Workshop, [workshop_id], deleted)
            self._touch("workshops_changed", workshop_id)

    def workshops(
        self, programme_id: str | None = None, *, include_deleted: bool = False
    ) -> list[Workshop]:
        clause, params = where(programme_id=programme_id, include_deleted=include_deleted)
        found = self._select(Workshop, clause, params, order="date")
        return sorted(found, key=lambda w: natural_key(w.code))  # W2 before W10

    def get_workshop(self, workshop_id: str) -> Workshop:
        return self._get(Workshop, workshop_id)

    def find_workshops(self, programme_id: str, codes: Iterable[str]) -> list[Workshop]:
        """Workshops of a programme by code (case-insensitive), in the order asked."""
        by_code = {w.code.casefold(): w for w in self.workshops(programme_id)}
        missing = [c for c in codes if c.casefold() not in by_code]
        if missing:
            raise LibraryError(f"No workshop with code {', '.join(missing)} in this programme.")
        return [by_code[c.casefold()] for c in codes]

    def note_counts(self) -> dict[str, int]:
        """Live notes per workshop id."""
        rows = self.conn.execute(
            "SELECT workshop_id, count(*) FROM notes WHERE deleted = 0 GROUP BY workshop_id"
        ).fetchall()
        return dict(rows)

    # -------------------------------------------------------------- attendance
    def set_attendance(self, attendance: Attendance) -> Attendance:
        attendance.validate()
        now = utc_now()
        with self.transaction():
            before = dict(self.conn.execute(
                "SELECT category, updated_at FROM attendance WHERE workshop_id = ?",
                [attendance.workshop_id],
            ).fetchall())
            for category in PARTICIPANT_CATEGORY_LABELS:
                count = attendance.counts.get(category)
                if count is None:
                    self.conn.execute(
                        "DELETE FROM attendance WHERE workshop_id = ? AND category = ?",
                        [attendance.workshop_id, category],
                    )
                    continue
                self.conn.execute(
                    "INSERT INTO attendance (workshop_id, category, count, updated_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT(workshop_id, category) DO UPDATE SET "
                    "count = excluded.count, updated_at = excluded.updated_at "
                    "WHERE attendance.count != excluded.count",
                    [attendance.workshop_id, category, count,
                     edit_time(before.get(category), now)],
                )
            self._touch("attendance_changed", attendance.workshop_id)
        return attendance

    def attendance(self, workshop_id: str) -> Attendance:
        rows = self.conn.execute(
            "SELECT category, count FROM attendance WHERE workshop_id = ?", [workshop_id]
        ).fetchall()
        return Attendance(workshop_id, dict(rows))

    # ------------------------------------------------------------------- notes
    def add_note(self, note: Note) -> Note:
        return self.add_notes([note])[0]

    def add_notes(self, notes: list[Note]) -> list[Note]:
        """Add many notes in one transaction (a paste of many lines is one write)."""
        with self.transaction():
            self._check_steps(notes)
            for note in notes:
                self._insert(note)
            self._touch("notes_changed", *(n.id for n in notes))
        return notes

    def update_note(self, note: Note) -> Note:
        return self.update_notes([note])[0]

    def update_notes(self, notes: list[Note]) -> list[Note]:
        """Write back edited notes (text, step, theme, tags, label) in one transaction."""
        with self.transaction():
            self._check_steps(notes)
            for note in notes:
                self._update(note)
            self._touch("notes_changed", *(n.id for n in notes))
        return notes

    def _check_steps(self, notes: list[Note]) -> None:
        """ValidationError unless each note's step is a step of its workshop's format (a
        note on a step the workshop does not have would be in no board and no report)."""
        wanted = {n.workshop_id for n in notes}
        rows = self.conn.execute(
            "SELECT w.id, w.code, f.definition FROM workshops w JOIN formats f "
            "ON f.key = w.format_key WHERE w.id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(wanted))],
        ).fetchall()
        steps = {workshop_id: (code, _step_keys(definition))
                 for workshop_id, code, definition in rows}
        for note in notes:
            code, known = steps.get(note.workshop_id, ("", None))
            if known is not None and note.step_key not in known:
                raise ValidationError(
                    f"Workshop {code} has no step {note.step_key!r} (its steps: "
                    f"{', '.join(sorted(known))}).")

    def set_notes_deleted(self, note_ids: Iterable[str], deleted: bool = True) -> None:
        """Soft delete (or restore) notes; deleted notes stay in the file for undo and merge."""
        with self.transaction():
            ids = self._set_deleted(Note, note_ids, deleted)
            self._touch("notes_changed", *ids)

    def get_note(self, note_id: str) -> Note:
        return self._get(Note, note_id)

    def get_notes(self, note_ids: Iterable[str]) -> list[Note]:
        return [self._get(Note, note_id) for note_id in note_ids]

    def notes(
        self,
        workshop_id: str | None = None,
        step_key: str | None = None,
        *,
        include_deleted: bool = False,
        workshop_ids: Iterable[str] | None = None,
    ) -> list[Note]:
        """Notes in the order they were written."""
        clauses, params = ["1"], []
        if workshop_id is not None:
            clauses.append("workshop_id = ?")
            params.append(workshop_id)
        if workshop_ids is not None:
            ids = list(workshop_ids)
            clauses.append(f"workshop_id IN ({', '.join('?' for _ in ids)})")
            params.extend(ids)
        if step_key is not None:
            clauses.append("step_key = ?")
            params.append(step_key)
        if not include_deleted:
            clauses.append("deleted = 0")
        return self._select(Note, " AND ".join(clauses), params, order="created_at, rowid")

    # ------------------------------------------------------------------ themes
    def add_theme(self, theme: Theme) -> Theme:
        with self.transaction():
            self._insert(theme)
            self._touch("themes_changed", theme.id)
        return theme

    def update_theme(self, theme: Theme) -> Theme:
        with self.transaction():
            self._update(theme)
            self._touch("themes_changed", theme.id)
        return theme

    def set_theme_deleted(self, theme_id: str, deleted: bool = True) -> None:
        with self.transaction():
            self._set_deleted(Theme, [theme_id], deleted)
            self._touch("themes_changed", theme_id)

    def get_theme(self, theme_id: str) -> Theme:
        return self._get(Theme, theme_id)

    def themes(
        self, programme_id: str | None = None, step_key: str | None = None,
        *, include_deleted: bool = False,
    ) -> list[Theme]:
        clause, params = where(programme_id=programme_id, step_key=step_key,
                               include_deleted=include_deleted)
        return self._select(Theme, clause, params, order="label COLLATE NOCASE")

    def set_notes_theme(self, note_ids: Iterable[str], theme_id: str | None) -> None:
        """Put notes under a theme (or take them out with ``None``)."""
        ids = list(note_ids)
        with self.transaction():
            times = self._edit_times("notes", ids)
            for note_id in ids:
                self.conn.execute(
                    "UPDATE notes SET theme_id = ?, updated_at = ? WHERE id = ?",
                    [theme_id, times[note_id], note_id],
                )
            self._touch("notes_changed", *ids)

    def restore_notes_exactly(self, notes: list[Note]) -> None:
        """Write notes back exactly as given, ``updated_at`` included (an undo that must
        leave the library as it was, not merely equivalent)."""
        with self.transaction():
            for note in notes:
                row = to_row(note)
                key = row.pop("id")
                assignments = ", ".join(f"{name} = ?" for name in row)
                self.conn.execute(f"UPDATE notes SET {assignments} WHERE id = ?",
                                  [*row.values(), key])
            self._touch("notes_changed", *(n.id for n in notes))

    def purge_theme(self, theme_id: str) -> None:
        """Remove a theme's row altogether (undoing its creation); refused while notes are
        still in it."""
        with self.transaction():
            used = self.conn.execute(
                "SELECT count(*) FROM notes WHERE theme_id = ?", [theme_id]).fetchone()[0]
            if used:
                raise LibraryError("A theme that still has notes cannot be removed.")
            self.conn.execute("DELETE FROM themes WHERE id = ?", [theme_id])
            self._touch("themes_changed", theme_id)

    def set_notes_tags(self, note_ids: Iterable[str], tags: list[str]) -> None:
        ids = list(note_ids)
        with self.transaction():
            times = self._edit_times("notes", ids)
            for note_id in ids:
                self.conn.execute(
                    "UPDATE notes SET tags = ?, updated_at = ? WHERE id = ?",
                    [json.dumps(tags, ensure_ascii=False), times[note_id], note_id],
                )
            self._touch("notes_changed", *ids)
