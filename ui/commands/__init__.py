"""Every change a user makes is one QUndoCommand whose redo/undo call only store methods.

One write path: undo, autosave (each store write is durable) and tests come free.
Modules: ``library`` (programmes, workshops, attendance), ``notes`` (add, edit, delete,
move, tag), ``themes`` (create, rename, group, merge).
"""
