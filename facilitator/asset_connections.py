"""Connections (issue 11): the idea that brings two or more of a programme's assets together
(the asset-mapping format's "Connections" step, or typed in the register). No Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.asset_models import Connection, link_id
from facilitator.assets import AssetChange, recording
from facilitator.models import ValidationError
from facilitator.store import Store
from facilitator.store import assets as sql


def link_assets(store: Store, programme_id: str, idea: str, asset_ids: Sequence[str], *,
                workshop_id: str = "", note_id: str = "") -> AssetChange:
    """A connection: the idea that brings two or more of the programme's assets together
    (from the Connections step's note ``note_id``, if given)."""
    ids = list(dict.fromkeys(asset_ids))
    if len(ids) < 2:
        raise ValidationError("A connection links two or more assets: choose at least two.")
    for asset_id in ids:
        asset = sql.get_asset(store, asset_id)
        if asset.deleted or asset.programme_id != programme_id:
            raise ValidationError(f"“{asset.name}” is not in this programme's register.")
    connection = Connection(programme_id, idea, workshop_id, note_id)
    connection.validate()
    change = AssetChange(f"Connect {len(ids)} assets: “{_short(connection.idea)}”",
                         asset_ids=ids)
    keys = [("connections", connection.id)]
    keys += [("connection_assets", link_id(connection.id, a)) for a in ids]
    with recording(store, change, keys):
        sql.add_connection(store, connection, ids)
    return change


def unlink(store: Store, connection_id: str) -> AssetChange:
    change = AssetChange("Remove connection")
    with recording(store, change, [("connections", connection_id)]):
        sql.set_connection_deleted(store, connection_id, True)
    return change


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


