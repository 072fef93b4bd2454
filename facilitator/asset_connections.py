"""Connections (issue 11): the idea that brings two or more of a programme's assets together
(the asset-mapping format's "Connections" step, or typed in the register). No Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.asset_models import Connection, link_id
from facilitator.assets import AssetChange, recording
from facilitator.models import ValidationError, utc_now
from facilitator.store import Store
from facilitator.store import assets as sql


def link_assets(store: Store, programme_id: str, idea: str, asset_ids: Sequence[str], *,
                workshop_id: str = "", note_id: str = "") -> AssetChange:
    """A connection: the idea that brings two or more of the programme's assets together
    (from the Connections step's note ``note_id``, if given)."""
    ids = list(dict.fromkeys(asset_ids))
    _check_assets(store, programme_id, ids)
    connection = Connection(programme_id, idea, workshop_id, note_id)
    connection.validate()
    change = AssetChange(f"Connect {len(ids)} assets: “{_short(connection.idea)}”",
                         asset_ids=ids)
    keys = [("connections", connection.id)]
    keys += [("connection_assets", link_id(connection.id, a)) for a in ids]
    with recording(store, change, keys):
        sql.add_connection(store, connection, ids)
    return change


def _check_assets(store: Store, programme_id: str, ids: list[str]) -> None:
    if len(ids) < 2:
        raise ValidationError("A connection links two or more assets: choose at least two.")
    for asset_id in ids:
        asset = sql.get_asset(store, asset_id)
        if asset.deleted or asset.programme_id != programme_id:
            raise ValidationError(f"“{asset.name}” is not in this programme's register.")


def edit_connection(store: Store, connection_id: str, *, idea: str | None = None,
                    asset_ids: Sequence[str] | None = None) -> AssetChange:
    """Change a connection's idea, or the assets it links (still two or more of the
    programme's live assets): links taken out stay as deleted rows, so the change travels
    in workshop files like any edit."""
    connection, linked = sql.get_connection(store, connection_id)
    if connection.deleted:
        raise ValidationError("This connection was removed: Ctrl+Z brings it back.")
    old_idea = connection.idea
    if idea is not None:
        connection.idea = idea
        connection.validate()
    wanted = linked if asset_ids is None else list(dict.fromkeys(asset_ids))
    _check_assets(store, connection.programme_id, wanted)
    added = [a for a in wanted if a not in linked]
    removed = [a for a in linked if a not in wanted]
    if connection.idea == old_idea and not added and not removed:
        raise ValidationError("Nothing to change: the connection already says that.")
    parts = []
    if connection.idea != old_idea:
        parts.append(f"idea “{_short(connection.idea)}”")
    if added or removed:
        parts.append(f"{len(wanted)} assets")
    change = AssetChange(f"Edit connection “{_short(old_idea)}”: " + ", ".join(parts),
                         asset_ids=sorted(set(linked) | set(wanted)))
    keys = [("connections", connection_id)]
    keys += [("connection_assets", link_id(connection_id, a)) for a in added + removed]
    with recording(store, change, keys):
        if connection.idea != old_idea:
            sql.update_connection(store, connection)
        if removed:
            sql.remove_links(store, connection_id, removed)
        if added:
            sql.add_links(store, connection_id, added, utc_now())
    return change


def unlink(store: Store, connection_id: str) -> AssetChange:
    """Delete a connection (undoable; the deletion travels in workshop files)."""
    connection, linked = sql.get_connection(store, connection_id)
    change = AssetChange(f"Remove connection “{_short(connection.idea)}”", asset_ids=linked)
    with recording(store, change, [("connections", connection_id)]):
        sql.set_connection_deleted(store, connection_id, True)
    return change


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


