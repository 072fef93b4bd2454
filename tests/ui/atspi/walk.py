"""Walk the app's windows through AT-SPI, as Orca sees them (run by Debian's Python 3).

    /usr/bin/python3 tests/ui/atspi/walk.py PID tree      -> JSON: {window's name: [node, ...]}
    /usr/bin/python3 tests/ui/atspi/walk.py PID announce  -> JSON: events heard while the
        run window's "Start" (timer) button is pressed through AT-SPI's Action interface
    /usr/bin/python3 tests/ui/atspi/walk.py PID tab NAME  -> JSON: Tab stops, and where real
        Tab presses took the focus
    /usr/bin/python3 tests/ui/atspi/walk.py PID type NAME -> JSON: events heard while a note
        is typed and Enter, then Ctrl+PgDown, pressed in that run window
    /usr/bin/python3 tests/ui/atspi/walk.py PID listen WORDS SECONDS STEPS -> prints
        "listening", does STEPS (JSON: presses, toggles, keys, typing, through AT-SPI),
        then JSON: the announcements heard until one says WORDS (or SECONDS pass)

Not run by pytest itself: it needs ``python3-pyatspi`` (GObject introspection), which the
app's own environment does not have. The test (tests/ui/atspi/test_atspi.py) runs it
as a separate process, like a real screen reader, and checks what it prints.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

#: Table and tree children beyond this many are not walked (a table's cells repeat).
MAX_CHILDREN = 60
MAX_DEPTH = 40


def app_of(pid: int, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except GLib.Error:
                continue
        time.sleep(0.2)
    raise SystemExit(f"no AT-SPI application with process id {pid}")


def windows_of(app) -> dict:
    """The application's top-level windows by their spoken names."""
    out = {}
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None:
            out[window.get_name() or ""] = window
    return out


def text_of(node) -> str | None:
    if "Text" not in node.get_interfaces():
        return None
    return Atspi.Text.get_text(node, 0, min(Atspi.Text.get_character_count(node), 500))


def node_info(node, path: str) -> dict:
    states = node.get_state_set()
    return {
        "path": path,
        "role": node.get_role_name(),
        "name": node.get_name() or "",
        "description": node.get_description() or "",
        "text": text_of(node),
        "focusable": states.contains(Atspi.StateType.FOCUSABLE),
        "enabled": states.contains(Atspi.StateType.ENABLED),
        "showing": states.contains(Atspi.StateType.SHOWING),
        "focused": states.contains(Atspi.StateType.FOCUSED),
        "children": node.get_child_count(),
        "actions": action_names(node),
    }


def action_names(node) -> list[str]:
    if "Action" not in node.get_interfaces():
        return []
    return [Atspi.Action.get_action_name(node, i) for i in range(Atspi.Action.get_n_actions(node))]


def walk(node, path="0", depth=0) -> list[dict]:
    found = [node_info(node, path)]
    if depth >= MAX_DEPTH:
        return found
    for i in range(min(node.get_child_count(), MAX_CHILDREN)):
        child = node.get_child_at_index(i)
        if child is not None:
            found.extend(walk(child, f"{path}.{i}", depth + 1))
    return found


def find(node, role: str, name_start: str):
    if node.get_role_name() == role and (node.get_name() or "").startswith(name_start):
        return node
    for i in range(min(node.get_child_count(), MAX_CHILDREN)):
        child = node.get_child_at_index(i)
        hit = child is not None and find(child, role, name_start)
        if hit:
            return hit
    return None


@contextlib.contextmanager
def listening(event_type: str, on_event):
    """``on_event`` hears each ``event_type`` event while the block runs."""
    listener = Atspi.EventListener.new(on_event)
    listener.register(event_type)
    try:
        yield
    finally:
        listener.deregister(event_type)


@contextlib.contextmanager
def hearing():
    """The list of what the app announces while the block runs, as a screen reader hears it:
    the event's type, its text, AT-SPI's politeness (1 polite, 2 assertive) and its source's
    name."""
    heard: list[dict] = []

    def on_event(event):
        heard.append({"type": event.type, "text": str(event.any_data or ""),
                      "politeness": event.detail1,
                      "source": event.source.get_name() if event.source else ""})

    with listening("object:announcement", on_event):
        yield heard


def control(window, role: str, name_start: str, what: str):
    """The window's control of that role whose name starts so; the walk stops if none."""
    node = find(window, role, name_start)
    if node is None:
        raise SystemExit(f"no {what}")
    return node


def announcements(app) -> list[dict]:
    """Press the run window's timer button through AT-SPI and hear what the app says."""
    with hearing() as heard:
        run = next(w for name, w in windows_of(app).items()
                   if name.endswith("(run window on WHO)"))
        button = control(run, "push button", "Start", "Start button in the run window")
        Atspi.Action.do_action(button, 0)
        _pump(3.0, until=lambda: any(h["text"].startswith("Timer started") for h in heard))
        # The same button now pauses the timer (its name says so).
        button = control(run, "push button", "Pause",
                         "Pause button in the run window once the timer runs")
        Atspi.Action.do_action(button, 0)
        _pump(3.0, until=lambda: any(h["text"].startswith("Timer paused") for h in heard))
    return heard


def refused_announcements(app, window_name: str) -> list[dict]:
    """Empty the workshop dialog's Code field and press Save through AT-SPI, as a
    screen-reader user would, and hear why the dialog stays open."""
    with hearing() as heard:
        window = windows_of(app)[window_name]
        code = control(window, "text", "Code", "Code field in the workshop dialog")
        save = control(window, "push button", "Save the workshop",
                       "Save button in the workshop dialog")
        Atspi.EditableText.set_text_contents(code, "")
        _pump(0.3)
        Atspi.Action.do_action(save, 0)
        _pump(3.0, until=lambda: bool(heard))
    return heard


#: Roles that are a Tab stop of their own when focusable (not a list's items or a menu's).
TAB_STOPS = {"push button", "toggle button", "check box", "radio button", "combo box", "text",
             "password text", "spin button", "slider", "list", "tree", "table", "tree table",
             "page tab list", "scroll pane"}


def tab_walk(app, window_name: str, presses: int = 80) -> dict:
    """Give the window's first Tab stop the focus, press Tab (a real key, through the X
    server) and note where the focus goes each time, as the focus events tell a screen
    reader."""
    window = windows_of(app)[window_name]
    stops = [n for n in _nodes(window) if _is_stop(n)]
    if not stops:
        return {"stops": [], "visited": []}
    focused: list[str] = []

    def on_focus(event):
        if event.detail1 == 1 and event.source is not None:
            focused.append(_key(event.source))

    with listening("object:state-changed:focused", on_focus):
        Atspi.Component.grab_focus(stops[0])
        _pump(0.5)
        for _ in range(presses):
            before = len(focused)
            Atspi.generate_keyboard_event(0xFF09, None, Atspi.KeySynthType.SYM)  # XK_Tab
            _pump(0.3, until=lambda before=before: len(focused) > before)
            if len(focused) > 2 and focused[-1] == focused[0]:
                break
    return {"stops": [_key(n) for n in stops], "visited": focused}


def _nodes(node, depth=0):
    yield node
    if depth < MAX_DEPTH:
        for i in range(min(node.get_child_count(), MAX_CHILDREN)):
            child = node.get_child_at_index(i)
            if child is not None:
                yield from _nodes(child, depth + 1)


def _is_stop(node) -> bool:
    states = node.get_state_set()
    return (node.get_role_name() in TAB_STOPS
            and all(states.contains(s) for s in (Atspi.StateType.FOCUSABLE,
                                                 Atspi.StateType.SHOWING,
                                                 Atspi.StateType.ENABLED))
            # A group of radio buttons is one Tab stop: the checked one (arrows move inside).
            and not (node.get_role_name() == "radio button"
                     and not states.contains(Atspi.StateType.CHECKED)))


def _key(node) -> str:
    """Role, name and place in the window (two combo boxes may both say "Any")."""
    path, up = [], node
    while up is not None and up.get_role_name() not in ("frame", "dialog", "window",
                                                          "application"):
        path.append(str(up.get_index_in_parent()))
        up = up.get_parent()
    return f"{node.get_role_name()}: {node.get_name() or ''} @{'.'.join(reversed(path))}"


def _pump(seconds: float, until=lambda: False) -> None:
    loop = GLib.MainLoop()
    GLib.timeout_add(int(seconds * 1000), loop.quit)
    GLib.timeout_add(20, lambda: (loop.quit() if until() else True))
    loop.run()


XK_RETURN, XK_NEXT, CONTROL_MASK = 0xFF0D, 0xFF56, 1 << 2


def typed_announcements(app, window_name: str) -> list[dict]:
    """Type a note into the run window's capture box and press Enter, then Ctrl+PgDown,
    with real keys through the X server, and hear what the app announces."""
    with hearing() as heard:
        box = control(windows_of(app)[window_name], "text", "New note",
                      "capture box in the run window")
        Atspi.Component.grab_focus(box)
        _pump(0.3)
        Atspi.generate_keyboard_event(0, "Lift share to the surgery", Atspi.KeySynthType.STRING)
        _pump(0.3)
        press_key(XK_RETURN)
        _pump(3.0, until=lambda: any(h["text"] == "Saved" for h in heard))
        press_key(XK_NEXT, CONTROL_MASK)
        _pump(3.0, until=lambda: any(h["text"].startswith("Step 2") for h in heard))
    return heard


def press_key(keysym: int, mask: int = 0) -> None:
    """A real key press through the X server; with ``mask`` (Ctrl, Shift) held while it is
    pressed (the modifiers locked, then let go)."""
    if mask:
        Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    if mask:
        Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


#: Key names a "key" step may use, as X key symbols, and modifiers as AT-SPI's masks.
KEYSYMS = {"Return": XK_RETURN, "Tab": 0xFF09, "space": 0x20, "i": 0x69, "Down": 0xFF54,
           "Home": 0xFF50}
MODIFIERS = {"ctrl": CONTROL_MASK, "shift": 1 << 0}


def listen(app, words: str, seconds: float, steps: list[list]) -> list[dict]:
    """Listen for announcements, say so on standard output (the test may now change the
    app's state), do ``steps`` as a user of a screen reader would, and return what was
    heard once an announcement says ``words`` (case aside), or after ``seconds``.

    Steps: ``["press", WINDOW, ROLE, NAME START]`` (the control's first action, as Orca's
    "click"), ``["focus", WINDOW, ROLE, NAME START]``, ``["type", TEXT]`` and
    ``["key", NAME, MODIFIER, ...]`` (real keys through the X server).
    """
    with hearing() as heard:
        print("listening", flush=True)
        sys.stdin.readline()  # the test says "go" once it has done its part
        for step in steps:
            kind, *args = step
            if kind in ("press", "focus"):
                window_name, role, name = args
                node = control(windows_of(app)[window_name], role, name,
                               f"{role} named {name!r}... in {window_name!r}")
                if kind == "focus":
                    Atspi.Component.grab_focus(node)
                else:
                    Atspi.Action.do_action(node, 0)
            elif kind == "type":
                Atspi.generate_keyboard_event(0, args[0], Atspi.KeySynthType.STRING)
            elif kind == "key":
                press_key(KEYSYMS[args[0]], sum(MODIFIERS[m] for m in args[1:]))
            _pump(0.3)
        wanted = words.casefold()
        _pump(seconds, until=lambda: any(wanted in h["text"].casefold() for h in heard))
        _pump(0.5)  # what is said along with it (a banner and a status together)
    return heard


def main(argv: list[str]) -> int:
    pid, what = int(argv[0]), argv[1]
    app = app_of(pid)
    if what == "tree":
        result = {title: walk(window) for title, window in windows_of(app).items()}
    elif what == "tab":
        result = tab_walk(app, argv[2])
    elif what == "type":
        result = typed_announcements(app, argv[2])
    elif what == "refuse":
        result = refused_announcements(app, argv[2])
    elif what == "listen":
        result = listen(app, argv[2], float(argv[3]), json.loads(argv[4]))
    else:
        result = announcements(app)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
