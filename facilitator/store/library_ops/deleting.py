"""Deleting with restore: a programme deleted with its workshops, and each brought back exactly
(table ``deleted_with``, which stays local)."""

from __future__ import annotations

from typing import Any

from facilitator.models import Programme, Workshop
from facilitator.store.store import Store


def delete_programme_with_workshops(store: Store, programme_id: str) -> list[str]:
    """Soft-delete a programme and its live workshops, remembering which went with it."""
    with store.transaction():
        workshops = [
            row[0] for row in store.conn.execute(
                "SELECT id FROM workshops WHERE programme_id = ? AND deleted = 0", [programme_id]
            )
        ]
        store._set_deleted(Programme, [programme_id], True)
        store._set_deleted(Workshop, workshops, True)
        store.conn.executemany(
            "INSERT OR REPLACE INTO deleted_with (table_name, row_id, owner_table, owner_id) "
            "VALUES ('workshops', ?, 'programmes', ?)",
            [(w, programme_id) for w in workshops],
        )
        store._touch("programmes_changed", programme_id)
        store._touch("workshops_changed", *workshops)
    return workshops


def restore_programme_with_workshops(store: Store, programme_id: str) -> list[str]:
    """Undelete a programme and exactly the workshops deleted together with it."""
    with store.transaction():
        workshops = [
            row[0] for row in store.conn.execute(
                "SELECT row_id FROM deleted_with WHERE table_name = 'workshops' "
                "AND owner_table = 'programmes' AND owner_id = ?", [programme_id]
            )
        ]
        store._set_deleted(Programme, [programme_id], False)
        store._set_deleted(Workshop, workshops, False)
        store.conn.execute(
            "DELETE FROM deleted_with WHERE owner_table = 'programmes' AND owner_id = ?",
            [programme_id],
        )
        store._touch("programmes_changed", programme_id)
        store._touch("workshops_changed", *workshops)
    return workshops


def restore_workshop(store: Store, workshop_id: str) -> None:
    with store.transaction():
        store._set_deleted(Workshop, [workshop_id], False)
        store.conn.execute(
            "DELETE FROM deleted_with WHERE table_name = 'workshops' AND row_id = ?", [workshop_id]
        )
        store._touch("workshops_changed", workshop_id)


def deleted_rows(store: Store) -> list[dict[str, Any]]:
    """Deleted programmes, workshops (not deleted with their programme), themes and assets, newest
    first, with what a list shows of each (the domain leaves out those merged into another
    record: which are is decided by the resolved redirects, not by this SQL)."""
    sql = (
        "SELECT 'programme', p.id, p.title, '', '', p.title, p.updated_at FROM programmes p "
        "WHERE p.deleted = 1 "
        "UNION ALL "
        "SELECT 'workshop', w.id, w.code, w.theme_question, w.date, p.title, w.updated_at "
        "FROM workshops w JOIN programmes p ON p.id = w.programme_id WHERE w.deleted = 1 "
        "AND NOT EXISTS (SELECT 1 "
        "FROM deleted_with d WHERE d.table_name = 'workshops' AND d.row_id = w.id) "
        "UNION ALL "
        "SELECT 'theme', t.id, t.label, t.step_key, '', p.title, t.updated_at "
        "FROM themes t JOIN programmes p ON p.id = t.programme_id WHERE t.deleted = 1 "
        "UNION ALL "
        "SELECT 'asset', a.id, a.name, a.place, '', p.title, a.updated_at "
        "FROM assets a JOIN programmes p ON p.id = a.programme_id WHERE a.deleted = 1 "
        "ORDER BY 7 DESC, 1, 2"
    )
    names = ("kind", "id", "name", "detail", "date", "programme_title", "deleted_at")
    return [dict(zip(names, row, strict=True)) for row in store.conn.execute(sql)]


def deleted_together(store: Store, programme_id: str) -> list[str]:
    """Ids of the workshops deleted together with the programme."""
    return [
        row[0] for row in store.conn.execute(
            "SELECT row_id FROM deleted_with WHERE owner_table = 'programmes' AND owner_id = ?",
            [programme_id],
        )
    ]
