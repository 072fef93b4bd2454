"""Pasting several lines: say how many notes that makes, and ask before adding them."""

from __future__ import annotations

from ui.run.note_text import display_text

#: From this many lines on, the question warns that the paste is large.
LARGE = 500


def paste_question(lines: list[str]) -> str:
    count = len(lines)
    first = "\n".join(f"  • {display_text(line, 60)}" for line in lines[:3])
    more = f"\n  … and {count - 3:,} more" if count > 3 else ""
    text = (f"The pasted text has {count:,} lines.\n\nAdd {count:,} notes, one per line?\n\n"
            f"{first}{more}\n\nNo pastes it into the box as one note.")
    if count >= LARGE:
        text += (f"\n\nThat is a large paste: the {count:,} notes are added as one change "
                 "(one Ctrl+Z takes them all away again).")
    return text


def confirm_paste(parent, dialogs, lines: list[str]) -> bool:
    return dialogs.confirm(parent, f"Add {len(lines):,} notes?", paste_question(lines))
