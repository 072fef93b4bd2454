"""Every undoable command declares the rows it writes, so its undo can be refused when one
changed since (another window, an import, another program). A command without a
declaration would silently overwrite a later change: add ``self.touches(table, ids)`` in
its ``__init__`` (see ``ui/commands/base.py``)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _commands():
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # (BackgroundCommand, the base of commands run on a worker thread, declares
            # nothing itself: each of its subclasses does.)
            if isinstance(node, ast.ClassDef) and node.name != "BackgroundCommand" and any(
                isinstance(b, ast.Name) and b.id in ("StoreCommand", "BackgroundCommand")
                for b in node.bases
            ):
                yield path.relative_to(ROOT), node


def test_every_store_command_declares_the_rows_it_touches():
    found, missing = 0, []
    for path, node in _commands():
        found += 1
        calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)
                 and isinstance(n.func, ast.Attribute) and n.func.attr == "touches"]
        overrides = any(isinstance(n, ast.FunctionDef) and n.name == "touched" for n in node.body)
        if not calls and not overrides:
            missing.append(f"{path}: {node.name}")
    assert found >= 15
    assert missing == [], "add self.touches(table, ids) to: " + ", ".join(missing)
