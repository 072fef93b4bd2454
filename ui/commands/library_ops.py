"""Commands that correct the library: rename, move, delete and restore, merge.

Each apply/revert calls one function of ``facilitator.library_ops`` and nothing
else, so the window, the CLI and the tests all go through the same rules
(duplicate codes refused, tombstones that travel, merges recorded as redirects).
"""

from __future__ import annotations

from facilitator import library_ops as ops
from facilitator.store import Store
from ui.commands.background import BackgroundCommand
from ui.commands.base import StaleCommandError, StoreCommand

KIND_WORDS = {"programme": "programme", "workshop": "workshop", "theme": "theme",
              "asset": "asset"}


def _quoted(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _rows_of(store: Store, items: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """The rows a delete or restore writes: the items, and a programme's workshops."""
    rows = []
    for kind, item_id in items:
        rows.append((f"{kind}s", [item_id]))
        if kind == "programme":
            rows.append(
                ("workshops", [w.id for w in store.workshops(item_id, include_deleted=True)])
            )
    return rows


class RenameProgrammeCommand(StoreCommand):
    def __init__(self, store: Store, programme_id: str, title: str) -> None:
        self.store = store
        self.programme_id = programme_id
        self.before = store.get_programme(programme_id).title
        self.after = " ".join(title.split())
        super().__init__(f"Rename programme {_quoted(self.before)} to {_quoted(self.after)}")
        self.touches("programmes", [programme_id])

    def apply(self) -> None:
        ops.rename_programme(self.store, self.programme_id, self.after)

    def revert(self) -> None:
        ops.rename_programme(self.store, self.programme_id, self.before)


class MoveWorkshopsCommand(StoreCommand):
    """Move workshops to another programme, each with its code or a new one (one undo)."""

    def __init__(
        self, store: Store, moves: list[tuple[str, str | None]], programme_id: str
    ) -> None:
        self.store = store
        self.to_programme = programme_id
        self.moves: list[tuple[str, str | None, str, str]] = []  # id, new code, old code, from
        for workshop_id, new_code in moves:
            workshop = store.get_workshop(workshop_id)
            code = new_code.strip() if new_code and new_code.strip() else None
            if code == workshop.code:
                code = None
            self.moves.append((workshop_id, code, workshop.code, workshop.programme_id))
        target = _quoted(store.get_programme(programme_id).title)
        if len(self.moves) == 1:
            _, code, old, _ = self.moves[0]
            renamed = f" as {code}" if code else ""
            text = f"Move workshop {old}{renamed} to {target}"
        else:
            text = f"Move {len(self.moves)} workshops to {target}"
        super().__init__(text)
        self.touches("workshops", [m[0] for m in self.moves])

    def apply(self) -> None:
        with self.store.transaction():
            for workshop_id, code, _, _ in self.moves:
                ops.move_workshop(self.store, workshop_id, self.to_programme, code)

    def revert(self) -> None:
        with self.store.transaction():
            for workshop_id, code, old_code, from_programme in reversed(self.moves):
                ops.move_workshop(
                    self.store, workshop_id, from_programme, old_code if code else None
                )


class DeleteItemsCommand(StoreCommand):
    """Delete programmes (with their workshops), workshops or themes: they go to Deleted
    items, and Undo (or Restore there) brings them back."""

    def __init__(self, store: Store, items: list[tuple[str, str, str]]) -> None:
        # items: (kind, id, label) in the order chosen
        self.store = store
        self.items = list(items)
        if len(self.items) == 1:
            kind, _, label = self.items[0]
            text = f"Delete {KIND_WORDS[kind]} {label}"
        else:
            text = f"Delete {len(self.items)} items"
        super().__init__(text)
        for table, ids in _rows_of(store, [(kind, item_id) for kind, item_id, _ in self.items]):
            self.touches(table, ids)

    def apply(self) -> None:
        with self.store.transaction():
            for kind, item_id, _ in self.items:
                ops.delete_item(self.store, kind, item_id)

    def revert(self) -> None:
        with self.store.transaction():
            for kind, item_id, _ in reversed(self.items):
                ops.restore(self.store, kind, item_id)


class RestoreItemsCommand(StoreCommand):
    """Bring items back from Deleted items (Undo deletes them again)."""

    def __init__(self, store: Store, items: list[ops.DeletedItem]) -> None:
        self.store = store
        self.items = list(items)
        if len(self.items) == 1:
            item = self.items[0]
            text = f"Restore {KIND_WORDS[item.kind]} {item.label}"
        else:
            text = f"Restore {len(self.items)} items"
        super().__init__(text)
        for table, ids in _rows_of(store, [(item.kind, item.id) for item in self.items]):
            self.touches(table, ids)

    def apply(self) -> None:
        with self.store.transaction():
            for item in self.items:
                ops.restore(self.store, item.kind, item.id)

    def revert(self) -> None:
        with self.store.transaction():
            for item in reversed(self.items):
                ops.delete_item(self.store, item.kind, item.id)


def _undo_merge(store: Store, record: ops.MergeRecord | None) -> None:
    """Undo a merge; refused as a stale undo (made obsolete) if what it changed has changed
    since."""
    assert record is not None, "a merge is only undone once it was done"
    try:
        ops.undo_merge(store, record)
    except ops.MergeChangedSince as exc:
        raise StaleCommandError(
            f"{exc} This step is taken off the Edit menu, so that later change is kept."
        ) from None


class MergeProgrammesCommand(BackgroundCommand):
    """Merge two programmes; on a library in a file it runs on a worker thread (the
    window's progress shows it), as does its undo and redo."""

    busy_text = "Merging programmes…"

    def __init__(
        self, store: Store, source_id: str, target_id: str, new_codes: dict[str, str] | None = None
    ) -> None:
        self.store = store
        self.source_id = source_id
        self.target_id = target_id
        self.new_codes = dict(new_codes or {})
        self.record: ops.MergeRecord | None = None
        source = store.get_programme(source_id).title
        target = store.get_programme(target_id).title
        super().__init__(f"Merge programme {_quoted(source)} into {_quoted(target)}")
        self.touches("programmes", [source_id, target_id])
        self.touches("workshops", [w.id for w in store.workshops(source_id)])

    def apply_on(self, store: Store) -> None:
        self.record = ops.merge_programmes(store, self.source_id, self.target_id, self.new_codes)

    def revert_on(self, store: Store) -> None:
        _undo_merge(store, self.record)


class MergeWorkshopsCommand(BackgroundCommand):
    """Merge two copies of a workshop (off the window's thread, as merging programmes)."""

    busy_text = "Merging workshops…"

    def __init__(self, store: Store, keep_id: str, other_id: str, attendance: str = "sum") -> None:
        self.store = store
        self.keep_id = keep_id
        self.other_id = other_id
        self.attendance = attendance
        self.record: ops.MergeRecord | None = None
        keep = store.get_workshop(keep_id)
        super().__init__(f"Merge the two copies of workshop {keep.code}")
        self.touches("workshops", [keep_id, other_id])
        self.touches("attendance", [keep_id, other_id])

    def apply_on(self, store: Store) -> None:
        self.record = ops.merge_workshops(store, self.keep_id, self.other_id,
                                          attendance=self.attendance)

    def revert_on(self, store: Store) -> None:
        _undo_merge(store, self.record)
