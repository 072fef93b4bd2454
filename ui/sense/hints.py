"""Support-area hints off the GUI thread, for the themes board and the run screen.

``HintWorker`` loads the model (the first time) and works hints out with
``facilitator.sense.areas``; ``LiveHints`` keeps a run screen's hints up to date as notes
are typed (one worker at a time, again after it if notes came meanwhile). Nothing here is
imported until the user asks for hints.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal


class HintWorker(QThread):
    """Support-area hints (facilitator.sense.areas), off the GUI thread: the model loads
    here the first time."""

    done = Signal(object, str, str)  # {note id: AreaHint}, model name, notice ("" if none)
    failed = Signal(str)

    def __init__(self, untagged, tagged, vocabulary, parent=None) -> None:
        super().__init__(parent)
        self.untagged, self.tagged, self.vocabulary = untagged, tagged, vocabulary

    def run(self) -> None:
        from facilitator.sense.areas import area_hints
        from facilitator.sense.embedding import load_model

        try:
            model = load_model()
            hints = area_hints(self.untagged, self.tagged, self.vocabulary, model)
        except Exception as exc:  # noqa: BLE001 - shown in the status bar, never a crash
            self.failed.emit(str(exc))
            return
        self.done.emit(hints, model.name, "" if model.semantic else model.notice)


class LiveHints(QObject):
    """One workshop's hints on the run screen: for its notes of the current step that are
    not yet sorted, worked out again (for new notes only) as notes come in."""

    #: A sentence for the status bar: working, how many hints and from what, or why none.
    status = Signal(str)

    def __init__(self, store, programme_id: str, workshop_id: str,
                 show: Callable[[dict[str, str]], None], parent=None) -> None:
        super().__init__(parent)
        self.store, self.programme_id, self.workshop_id = store, programme_id, workshop_id
        self.show = show
        self.step_key = ""
        self.on = False
        self.hints: dict[str, str] = {}  # note id -> "probably 3 Support to get started"
        self._asked: set[str] = set()
        self.worker: HintWorker | None = None
        self._again = False
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(400)  # a burst of typing is one look, not one per note
        self._soon.timeout.connect(self.start)

    def set_on(self, on: bool, step_key: str) -> None:
        self.on, self.step_key = on, step_key
        if on:
            self.start()
        else:
            self._soon.stop()
            self.show({})

    def set_step(self, step_key: str) -> None:
        self.step_key = step_key
        if self.on:
            self.start()

    def notes_changed(self, *_args) -> None:
        if self.on:
            self._soon.start()

    def start(self) -> None:
        from facilitator.sense.areas import hint_inputs

        if not self.on:
            return
        if self.worker is not None and self.worker.isRunning():
            self._again = True
            return
        vocabulary, untagged, tagged = hint_inputs(self.store, self.programme_id, self.step_key)
        if vocabulary is None:
            self.status.emit("This step has no support areas to hint.")
            self.show(self.hints)
            return
        todo = [n for n in untagged
                if n.workshop_id == self.workshop_id and n.id not in self._asked]
        if not todo:
            self.show(self.hints)
            return
        self._asked.update(n.id for n in todo)
        self.status.emit("Working out support-area hints…")
        self.worker = HintWorker(todo, tagged, vocabulary, self)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(lambda text: self.status.emit(f"No support-area hints: {text}"))
        self.worker.finished.connect(self._on_finished)
        self.worker.start()

    def _on_done(self, hints: dict, model_name: str, notice: str) -> None:
        self.hints.update({note_id: hint.text for note_id, hint in hints.items()})
        if self.on:
            self.show(self.hints)
            self.status.emit(f"Support-area hints on {len(self.hints)} cards, from the "
                             f"library's sorted notes ({model_name})."
                             + (f" {notice}" if notice else "")
                             + " Press the number a hint shows to sort the card there.")

    def _on_finished(self) -> None:
        if self._again:
            self._again = False
            self.start()

    def stop(self) -> None:
        self.on = False
        self._soon.stop()
        if self.worker is not None:
            self.worker.wait(10_000)
