"""Every menu action has a shortcut or a reason for none, a tooltip, and is named in the user guide.

Like sqlite-utils checking that every CLI command appears in its docs: the test
walks the real menus of the main window (and of the run window), so an action
added without a shortcut, tooltip or a mention in ``docs/user-guide.md`` fails
here with its name. Each test lists every problem at once.

The name the guide must use is the action's object name (``add_action`` sets it
from the menu text, without ``&`` and ``…``). A numbered family ("Tag 1" …
"Tag 9", "Go to step 1" …) is documented by naming its first member.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ui.guide import user_guide_path

GUIDE = user_guide_path()


def guide_text() -> str:
    return GUIDE.read_text(encoding="utf-8")


def plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").replace("…", "").strip()


def guide_name(action: QAction, submenu: str | None = None) -> str:
    if submenu:  # a list made from data (e.g. the steps of a format): name the submenu
        return submenu
    name = action.objectName() or plain(action.text())
    if re.fullmatch(r"(Undo|Redo)\b.*", plain(action.text())):
        return plain(action.text()).split()[0]
    family = re.fullmatch(r"(.*\D) ?[1-9]", name)
    if family:
        return f"{family.group(1).rstrip()} 1"
    return name


def walk(menu: QMenu, path: str, submenu: str | None = None):
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        title = f"{path} ▸ {plain(action.text())}"
        if action.menu() is not None:
            action.menu().aboutToShow.emit()  # menus filled when opened
            yield from walk(action.menu(), title, plain(action.text()))
        else:
            yield title, action, submenu


def menu_actions(window) -> list[tuple[str, QAction]]:
    return [(title, action) for title, action, _ in menu_entries(window)]


def menu_entries(window) -> list[tuple[str, QAction, str | None]]:
    found = []
    for top in window.menuBar().actions():
        if top.menu() is not None:
            found.extend(walk(top.menu(), plain(top.text())))
    return found


def problems(window) -> list[str]:
    text = guide_text()
    wrong = []
    for title, action, submenu in menu_entries(window):
        if action.shortcut().isEmpty() and not action.property("no_shortcut_reason"):
            wrong.append(f"{title}: no shortcut and no 'no_shortcut_reason' property")
        tip = action.toolTip().strip()
        if not tip or plain(tip) == plain(action.text()):
            wrong.append(f"{title}: no tooltip of its own")
        name = guide_name(action, submenu)
        if name not in text:
            wrong.append(f"{title}: the user guide does not name '{name}'")
    return wrong


def test_the_guide_exists_and_has_the_chapters_users_need():
    text = guide_text()
    for heading in (
        "Preparing a workshop", "Running a workshop", "After the workshop",
        "Several laptops, one programme", "Correcting the library", "Exporting the summary", "Backups and restoring",
        "Settings", "Where your files live",
    ):
        assert re.search(rf"^#+ .*{re.escape(heading)}", text, re.M | re.I), heading


def test_every_picture_in_the_guide_exists():
    text = guide_text()
    missing = [
        name for name in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
        if not (GUIDE.parent / name).is_file()
    ]
    assert missing == []


def test_the_walk_sees_the_main_windows_menus(main_window):
    titles = [title for title, _ in menu_actions(main_window)]
    assert "File ▸ New programme" in titles
    assert "File ▸ Settings" in titles
    assert "Help ▸ User guide" in titles
    assert len(titles) >= 10


def test_main_window_menus_are_documented(main_window):
    assert problems(main_window) == []


def test_run_window_menus_are_documented(qtbot, context):
    from facilitator.demo import load_demo
    from ui.run.window import RunWindow

    load_demo(context.store)
    programme = context.store.programmes()[0]
    workshop = context.store.workshops(programme.id)[0]
    window = RunWindow(context, workshop.id)
    qtbot.addWidget(window)
    assert len(menu_actions(window)) >= 10
    assert problems(window) == []


def test_the_checker_catches_an_undocumented_action(main_window):
    action = main_window.add_action(
        "file", "Frobnicate the &widgets", lambda: None, None, "", reason_no_shortcut=""
    )
    action.setToolTip("")
    found = [p for p in problems(main_window) if "Frobnicate" in p]
    assert len(found) == 3, found


def test_guide_path_is_inside_the_project_or_bundle():
    assert GUIDE.name == "user-guide.md"
    assert Path(GUIDE).parent.name == "docs"
