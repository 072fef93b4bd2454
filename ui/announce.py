"""Say a change of state to a screen reader: one helper every window uses.

Qt turns a ``QAccessibleAnnouncementEvent`` into what each platform's screen readers
listen for (a UI Automation notification on Windows, an announcement on macOS, an
AT-SPI ``announcement`` event on Linux). Polite announcements wait for the screen reader
to finish what it is saying (progress: a step changed, a note saved); assertive ones
interrupt (a problem: a note NOT saved, a field that needs fixing, time up).

Cheap enough for the capture path: when no assistive technology is listening
``QAccessible.isActive()`` is false and nothing is built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from PySide6.QtGui import QAccessibleAnnouncementEvent

#: Called with (source object, text, assertive) for every announcement, AT listening or
#: not: tests install one (PySide6 has no QAccessible.installUpdateHandler to catch the
#: event itself), and nothing else should need to.
listeners: list[Callable[[QObject, str, bool], None]] = []


def announce(source: QObject, text: str, *, assertive: bool = False) -> None:
    """Announce ``text`` on behalf of ``source`` (a widget in the window it is about)."""
    text = " ".join(text.split())
    if not text:
        return
    for listener in listeners:
        listener(source, text, assertive)
    # Imported here: making QAccessible's Python type costs ~5 ms, which start-up need not pay.
    from PySide6.QtGui import QAccessible

    if not QAccessible.isActive():
        return
    event = build_event(source, text, assertive=assertive)
    QAccessible.updateAccessibility(event)


def build_event(source: QObject, text: str, *, assertive: bool = False
                ) -> QAccessibleAnnouncementEvent:
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    return event


def visible_first(visible: str, words: str) -> str:
    """A spoken name that starts with the control's visible label (WCAG 2.5.3, so a voice
    control user can say what they see), followed by ``words`` when they add anything.

    ``visible_first("+1 min", "Add a minute")`` is "+1 min: Add a minute";
    ``visible_first("Start", "Start timer")`` is "Start timer".
    """
    shown = " ".join(visible.replace("&&", "\0").replace("&", "").replace("\0", "&").split())
    if not shown or words.casefold().startswith(shown.casefold()):
        return words
    return f"{shown}: {words}" if words else shown


def tell(window, text: str, timeout: int = 0, *, assertive: bool = False) -> None:
    """Show ``text`` in ``window``'s status bar and announce it (a status bar message is
    otherwise silent: screen readers do not watch it)."""
    window.statusBar().showMessage(text, timeout)
    announce(window, text, assertive=assertive or text.casefold().startswith("not saved"))


def show_status(label, text: str, *, assertive: bool = False) -> None:
    """Set a status label's text (its accessible name, being its text) and announce it."""
    label.setText(text)
    announce(label, _plain(text), assertive=assertive)


def _plain(text: str) -> str:
    import re
    from html import unescape

    if re.search(r"<[a-zA-Z/][^>]*>", text):
        return unescape(re.sub(r"<br\s*/?>", ". ", re.sub(r"<(?!br)[^>]+>", "", text)))
    return text


#: Widgets shown as windows of their own whose accessible role Qt gives as a plain
#: "client"/filler (they are QWidgets, not QMainWindows or QDialogs).
WINDOW_CLASSES = {"PresenterWindow", "TypeUpView", "DeletedItemsWindow"}
_roles_installed = False


def install_window_roles() -> None:
    """Make the presenter screen, the type-up window and Deleted items "window"s to screen readers.
    Idempotent; the windows call it as they are made."""
    global _roles_installed
    if _roles_installed:
        return
    _roles_installed = True
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAccessibleWidget

    def factory(classname: str, obj):
        if classname in WINDOW_CLASSES and obj.isWidgetType() and obj.isWindow():
            return QAccessibleWidget(obj, QAccessible.Role.Window)
        return None

    QAccessible.installFactory(factory)
