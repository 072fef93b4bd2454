"""Issue 15: the screen-reader audit through the real accessibility stack (AT-SPI).

A virtual X server and a private D-Bus session with the accessibility bus already running
(Qt joins AT-SPI only if it is), then the app's windows (tests/ui/atspi/app.py, a process of
its own, ``QT_ACCESSIBILITY=1``), then a walker in Debian's own Python with
``python3-pyatspi`` (tests/ui/atspi/walk.py) that reads every window as Orca does and
presses buttons through AT-SPI's Action interface (or real keys through the X server),
listening for the ``object:announcement`` events the app's announcer (ui/announce.py)
sends: the timer started, paused, one minute left, time up; a note saved, NOT saved; a
step change; a refused save; an export finished; an import's result; the report dialog's
warnings as they change; the postponed-workshop and missing-library banners. The in-process ``QAccessible`` audit beside it
(tests/ui/accessibility/) checks what Windows and macOS read.

``.ci/run`` installs the stack (xvfb, dbus, at-spi2-core, python3-pyatspi) and sets
``WF_REQUIRE_ATSPI=1``, so in CI a missing piece fails rather than skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.a11y_audit import GENERIC

ROOT = Path(__file__).resolve().parents[3]
WALKER = Path(__file__).with_name("walk.py")
SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")

#: Every window the audit opens (tests/ui/atspi/app.py), as AT-SPI must show it.
WINDOWS = {
    "main window": "frame", "run window on WHO": "frame", "run window on HOW": "frame",
    "presenter": "frame", "type-up": "frame", "workshop dialog": "dialog",
    "report dialog": "dialog", "export dialog": "dialog", "compile": "frame",
    "themes board": "frame", "settings": "dialog", "search": "dialog",
    "deleted items": "frame", "merge programmes": "dialog", "merge workshops": "dialog",
    "roadshow with its visitor tally": "frame", "action plan": "frame",
    "suggested themes": "dialog", "asset register": "frame", "connect assets": "dialog",
    "move workshop": "dialog", "workshops captured twice": "dialog",
    "import summary": "dialog", "similar notes": "dialog", "new workshop dialog": "dialog",
    "theme picker": "dialog", "wi-fi code": "dialog", "open voting": "dialog",
    "edit a phone's note": "dialog",
}


def _missing() -> list[str]:
    missing = [tool for tool in ("Xvfb", "dbus-daemon", "dbus-send") if shutil.which(tool) is None]
    if not any(Path(p).exists() for p in BUS_LAUNCHERS):
        missing.append("at-spi2-core (at-spi-bus-launcher)")
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(
            [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"],
            capture_output=True).returncode:
        missing.append("python3-pyatspi")
    return missing


class Stack:
    """Xvfb, a private session bus, the accessibility bus, and the app on them."""

    def __init__(self, tmp: Path) -> None:
        self.processes: list[subprocess.Popen] = []
        self.tmp = tmp
        self.env = dict(os.environ)

    def start(self):
        read, write = os.pipe()
        self._spawn(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x900x24",
                    "-nolisten", "tcp"], pass_fds=(write,))
        os.close(write)
        with os.fdopen(read) as display:
            number = display.readline().strip()
        assert number, "Xvfb did not start"
        self.env["DISPLAY"] = f":{number}"
        bus = self._spawn(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                          stdout=subprocess.PIPE, text=True)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        launcher = next(p for p in BUS_LAUNCHERS if Path(p).exists())
        self._spawn([launcher, "--launch-immediately"])
        self._wait_for_accessibility_bus()
        self.env.update(QT_QPA_PLATFORM="xcb", QT_ACCESSIBILITY="1",
                        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        self.app = self._spawn([sys.executable, "-m", "tests.ui.atspi.app",
                                str(self.tmp / "audit.wfdb")],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               cwd=ROOT)
        ready = self.app.stdout.readline().split()
        assert ready[:1] == ["ready"], f"the app did not start: {ready}"
        self.pid = int(ready[1])
        self.described = json.loads(self.app.stdout.readline())
        return self

    def _wait_for_accessibility_bus(self, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = subprocess.run(
                ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus",
                 "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
                env=self.env, capture_output=True, text=True)
            if found.returncode == 0:
                return
            time.sleep(0.1)
        raise AssertionError("the accessibility bus did not start")

    def _spawn(self, argv, **kwargs) -> subprocess.Popen:
        kwargs.setdefault("stdout", subprocess.DEVNULL)
        process = subprocess.Popen(argv, env=self.env, stderr=subprocess.DEVNULL, **kwargs)
        self.processes.append(process)
        return process

    def activate(self, title: str) -> None:
        self.app.stdin.write(f"activate {title}\n")
        self.app.stdin.flush()
        answer = self.app.stdout.readline().strip()
        assert answer == f"active {title}", answer

    def command(self, verb: str, *args: str) -> None:
        """Ask the app to change its own state (tests/ui/atspi/app.py: COMMANDS)."""
        self.app.stdin.write(f"{verb} {chr(9).join(args)}\n")
        self.app.stdin.flush()
        answer = self.app.stdout.readline().strip()
        assert answer == f"done {verb}", answer

    def hear(self, words: str, steps=(), then=None, seconds: float = 15.0) -> list[dict]:
        """The announcements AT-SPI carries while the walker does ``steps`` (and ``then``
        runs, once the walker listens), until one says ``words`` or ``seconds`` pass."""
        walker = subprocess.Popen(
            [SYSTEM_PYTHON, str(WALKER), str(self.pid), "listen", words, str(seconds),
             json.dumps(list(steps))],
            env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        try:
            assert walker.stdout.readline().strip() == "listening", walker.stderr.read()[-2000:]
            if then is not None:
                then()
            out, err = walker.communicate("go\n", timeout=120)
        finally:
            if walker.poll() is None:
                walker.kill()
                walker.communicate()
        assert walker.returncode == 0, err[-2000:]
        return json.loads(out)

    def walk(self, what: str, *args: str):
        done = subprocess.run([SYSTEM_PYTHON, str(WALKER), str(self.pid), what, *args],
                              env=self.env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        return json.loads(done.stdout)

    def stop(self):
        for process in reversed(self.processes):
            if process.poll() is None:
                if process is getattr(self, "app", None):
                    process.stdin.close()
                    try:
                        process.wait(timeout=10)
                        continue
                    except subprocess.TimeoutExpired:
                        pass
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        for process in self.processes:
            for stream in (process.stdout, process.stdin):
                if stream is not None and not stream.closed:
                    stream.close()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    missing = _missing()
    if missing:
        if os.environ.get("WF_REQUIRE_ATSPI"):
            pytest.fail(f"the AT-SPI audit needs {', '.join(missing)} (CI installs them)")
        pytest.skip(f"no accessibility stack here: {', '.join(missing)} not installed")
    stack = Stack(tmp_path_factory.mktemp("atspi"))
    try:
        yield stack.start()
    finally:
        stack.stop()


@pytest.fixture(scope="module")
def trees(stack):
    return stack.walk("tree")


def _window(stack, trees, title):
    name = stack.described[title]["name"]
    assert name in trees, f"{title} ({name!r}) is not in AT-SPI: {list(trees)}"
    return trees[name]


@pytest.mark.parametrize("title", list(WINDOWS))
def test_each_window_is_a_window_with_named_controls(title, stack, trees):
    nodes = _window(stack, trees, title)
    assert nodes[0]["role"] == WINDOWS[title], nodes[0]
    nameless = [
        f"{n['role']} at {n['path']} named {n['name']!r} ({n['description']!r})"
        for n in nodes
        if n["focusable"] and n["showing"] and n["enabled"]
        # An empty label shows nothing, so its empty name hides nothing.
        and not (n["role"] == "label" and not n["name"])
        and " ".join(n["name"].split()).casefold() in GENERIC
    ]
    assert not nameless, "\n".join(nameless)


@pytest.mark.parametrize("title", list(WINDOWS))
def test_labels_say_what_they_show(title, stack, trees):
    """Every label the window shows (read in-process) is spoken with that text first."""
    nodes = _window(stack, trees, title)
    spoken = [" ".join(n["name"].split()).casefold() for n in nodes if n["showing"]]
    hidden = [text for text in stack.described[title]["labels"]
              if not any(name.startswith(text.casefold()[:60]) for name in spoken)]
    assert not hidden, hidden


def test_role_names_are_not_generic(stack, trees):
    """Nothing focusable is an unnamed "filler" or "panel" (an unnamed scroll area as a
    Tab stop, say)."""
    found = [f"{title}: {n['role']} at {n['path']}"
             for title, nodes in trees.items() for n in nodes
             if n["focusable"] and n["showing"] and n["role"] in ("filler", "panel",
                                                                    "scroll pane")
             and not n["name"]]
    assert not found, found


def test_pressing_start_through_atspi_announces_the_timer(stack, trees):
    heard = stack.walk("announce")
    assert any(event["type"] == "object:announcement"
               and event["text"].startswith("Timer started:") for event in heard), heard
    assert any(event["type"] == "object:announcement"
               and event["text"].startswith("Timer paused:") for event in heard), heard


#: Windows whose Tab order is walked with real Tab keys through the X server.
TAB_WINDOWS = ["settings", "workshop dialog", "report dialog", "export dialog", "compile",
               "search", "deleted items", "merge programmes", "merge workshops",
               "run window on HOW", "run window on WHO", "themes board", "main window",
               "type-up", "roadshow with its visitor tally", "action plan",
               "suggested themes", "asset register", "connect assets", "move workshop",
               "workshops captured twice", "import summary", "similar notes",
               "new workshop dialog", "theme picker", "wi-fi code", "open voting",
               "edit a phone's note"]


@pytest.mark.parametrize("title", TAB_WINDOWS)
def test_tab_reaches_every_control_and_comes_back(title, stack, trees):
    """Real Tab key presses (XTest, through the X server) go round the window: every
    enabled Tab stop AT-SPI shows is reached, and the focus comes back to the first."""
    stack.activate(title)
    walked = stack.walk("tab", stack.described[title]["name"])
    stops, visited = walked["stops"], walked["visited"]
    assert stops
    if len(stops) == 1:  # (the main window: its list is its one Tab stop, and keeps it)
        assert set(visited) <= set(stops), visited
        return
    assert visited and visited[-1] == visited[0], f"Tab never came back: {visited[-8:]}"
    missed = [stop for stop in stops if stop not in visited]
    assert not missed, f"never reached by Tab: {missed}; went {visited}"


def test_typing_a_note_and_changing_step_are_announced(stack, trees):
    """Real keys through the X server: a note typed and Enter says "Saved" (and nothing
    while typing); Ctrl+PgDown says the next step and its question, as Orca hears them."""
    stack.activate("run window on WHO")
    heard = [event["text"] for event in
             stack.walk("type", stack.described["run window on WHO"]["name"])]
    assert heard[0] == "Saved", heard
    assert any(text.startswith("Step 2 of 3: WHAT.") for text in heard), heard


def _said(heard: list[dict], words: str, assertive: bool | None = None) -> list[dict]:
    """The announcements that say ``words``, of the politeness asked for (AT-SPI's
    detail1: 1 polite, 2 assertive)."""
    return [h for h in heard if h["type"] == "object:announcement"
            and words.casefold() in h["text"].casefold()
            and (assertive is None or (h["politeness"] == 2) == assertive)]


def test_the_last_minute_and_time_up_are_announced(stack, trees):
    """The WHO run window's countdown left at 61 seconds (then 1.5), Start pressed through
    AT-SPI: "One minute left" (polite) as it passes a minute, "Time is up" (assertive) at
    zero, each heard as Orca hears it."""
    who = stack.described["run window on WHO"]["name"]
    try:
        stack.command("timer", "61")
        heard = stack.hear("One minute left", [["press", who, "push button", "Start"]])
        assert _said(heard, "One minute left", assertive=False), heard
        stack.command("timer", "1.5")
        heard = stack.hear("Time is up", [["press", who, "push button", "Start"]])
        assert _said(heard, "Time is up", assertive=True), heard
    finally:
        stack.command("timer", "600")


def test_a_warning_appearing_in_the_report_dialog_is_announced(stack, trees):
    """Ticking the postponed W3 with Space (real keys, as Orca's user does: a list item's
    AT-SPI "Toggle" selects it, it does not tick it) adds a warning under the counts: it
    is heard, not only shown; unticking it says it has gone."""
    report = stack.described["report dialog"]["name"]
    stack.activate("report dialog")
    # The list's rows: R1 (the audit's roadshow), W1, W2, W3, ...
    to_w3 = [["focus", report, "list", "Workshops to include"], ["key", "Home"],
             ["key", "Down"], ["key", "Down"], ["key", "Down"]]
    heard = stack.hear("W3 is postponed", [*to_w3, ["key", "space"]])
    assert _said(heard, "Warning: W3 is postponed: it is listed with its status",
                 assertive=False), heard
    heard = stack.hear("No longer a warning", [["key", "space"]])
    assert _said(heard, "No longer a warning: W3 is postponed"), heard


def test_an_export_finished_says_how_many_notes_and_where(stack, trees, tmp_path):
    """Export… pressed through AT-SPI (the file chooser answering a path): "Saved 96
    notes to …" is heard once the report is written."""
    report = stack.described["report dialog"]["name"]
    target = tmp_path / "Summary of Results.docx"
    stack.command("answer", "save_file", str(target))
    heard = stack.hear("Saved", [["press", report, "push button", "Export"]], seconds=90)
    assert _said(heard, f"notes to {target}", assertive=False), heard
    assert target.exists()


def _workshop_file(folder: Path) -> Path:
    """A workshop file from another laptop: a programme of its own, W1 and one note."""
    from facilitator.formats import load_builtin_formats
    from facilitator.library import open_library
    from facilitator.models import Note, Programme, Workshop
    from facilitator.transfer import export_workshops

    library = open_library(folder / "other laptop.wfdb", load_builtin_formats())
    try:
        store = library.store
        programme = store.add_programme(Programme("Oakham 2026", area="Rutland"))
        workshop = store.add_workshop(
            Workshop(programme.id, "W1", "How can I help my neighbours?", "delivery-planning"))
        store.add_note(Note(workshop.id, "who", "People living alone"))
        return export_workshops(store, [workshop.id], folder / "W1 Oakham.workshop").path
    finally:
        library.close()


def test_an_import_says_what_it_took_and_what_it_refused(stack, trees, tmp_path):
    """Ctrl+Shift+I in the library window (real keys), a good file and a broken one
    chosen: the result, refusal included, is heard (assertive, as something was refused)."""
    good = _workshop_file(tmp_path)
    broken = tmp_path / "broken.workshop"
    broken.write_bytes(b"this is not a workshop file")
    stack.command("answer", "open_files", str(good), str(broken))
    stack.activate("main window")
    try:
        heard = stack.hear("files imported", [["key", "i", "ctrl", "shift"]], seconds=60)
    finally:
        stack.command("close")
    assert _said(heard, "1 of 2 files imported; 1 refused", assertive=True), heard


def test_the_postponed_workshop_banner_is_announced(stack, trees):
    """The run window's workshop marked postponed elsewhere (the library window's
    details): the banner that appears over the capture box is heard."""
    heard = stack.hear("is marked postponed",
                       then=lambda: stack.command("postpone", "Hall flooded"))
    assert _said(heard, "is marked postponed: Hall flooded. Notes typed here are left out",
                 assertive=False), heard


def test_a_refused_save_says_why(stack, trees):
    """The workshop dialog with its Code emptied and Save pressed through AT-SPI: the
    reason the dialog stays open is heard (last in this file: it leaves Code empty)."""
    heard = [event["text"] for event in
             stack.walk("refuse", stack.described["workshop dialog"]["name"])]
    assert any("needs a code" in text for text in heard), heard


def test_a_note_not_saved_and_the_missing_library_banner_are_announced(stack, trees):
    """The library file moved away by another program, then a note typed and Enter in the
    run window (real keys): "Last change NOT saved" and the red banner over every window
    are heard, both assertive. Last in this file: the library is gone after it."""
    who = stack.described["run window on WHO"]["name"]
    library = stack.tmp / "audit.wfdb"
    stack.activate("run window on WHO")
    heard = stack.hear(
        "Last change NOT saved",
        [["focus", who, "text", "New note"], ["type", "Bus pass help"], ["key", "Return"]],
        then=lambda: library.rename(library.with_name("moved away.wfdb")))
    assert _said(heard, "Last change NOT saved", assertive=True), heard
    assert _said(heard, "was deleted or moved away by another program", assertive=True), heard
