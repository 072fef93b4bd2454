"""What the themes board's parts (``changes``, ``hints``, ``columns``: mixins of
``ThemesBoardWindow``) use of the window and of one another, declared once for the type
checker. At run time ``BoardWindowParts`` is plain ``object``: the mixins gain nothing from
it; the window (``board.py``) and its actions (``board_actions.py``) set and define all
of this."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QMainWindow

    from facilitator.sense.areas import AreaHint
    from facilitator.store import Store
    from facilitator.transfer.compile import ThemesBoard
    from ui.commands.base import StoreCommand
    from ui.compile.cards import FilterBox, NoteList
    from ui.context import AppContext
    from ui.sense.hints import HintWorker

    class BoardWindowParts(QMainWindow):
        # Set by ThemesBoardWindow.__init__ and refresh (board.py):
        context: AppContext
        store: Store
        undo_stack: QUndoStack
        report: Callable[[Exception], None]
        programme_id: str
        board: ThemesBoard | None
        #: Each column's card list and frame, by theme id (LOOSE: not in a theme).
        lists: dict[str, NoteList]
        frames: dict[str, QFrame]
        #: The column whose selection the actions use (None: its theme was just deleted).
        current_theme_id: str | None
        target_box: QComboBox
        filter_box: FilterBox
        status_label: QLabel
        #: A note to put the focus on when the board is rebuilt (the card just moved).
        _focus_note: str | None
        #: What became actions: theme id -> actions, and the notes that did.
        promoted_themes: dict[str, list[str]]
        promoted_notes: set[str]
        # Support-area hints (hints.py), shown on the cards while Ctrl+H is on:
        hints: dict[str, AreaHint]
        _hinted: set[str]
        hint_worker: HintWorker | None
        hint_status: str
        # Set by build_actions (board_actions.py):
        hint_action: QAction
        stack_action: QAction
        card_actions: list[QAction]

        @property
        def step_key(self) -> str: ...
        def refresh(self) -> None: ...
        # columns.py
        def apply_filter(self, *_args: object) -> None: ...
        # changes.py
        def selected_note_ids(self) -> list[str]: ...
        def _run(self, command: StoreCommand) -> bool: ...
        def _move(self, ids: list[str], theme_id: str) -> None: ...
else:
    BoardWindowParts = object
