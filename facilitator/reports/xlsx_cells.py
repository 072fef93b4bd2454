"""How every Excel sheet the app writes sets out its cells (the notes workbook,
``xlsx_export``; the asset register's sheets, ``assets_section``): a header row bold in white
on dark blue (7.4:1), frozen and filtered; every text cell stored as text, never a formula,
whatever it starts with (marked "quote prefix", as Excel does when you type an apostrophe
first), and without the characters an .xlsx cannot hold. openpyxl is imported only when a
sheet is written. This module imports no other report module.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

#: Characters an .xlsx cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, and lone surrogates).
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xlsx_text(text: str) -> str:
    return _NOT_IN_XLSX.sub("", text)


def write_table(sheet: Any, header: Sequence[str], rows: Iterable[Sequence[Any]],
                number: Callable[[int, Any], bool] | None = None) -> None:
    """``header`` (bold in white on dark blue, wrapped) and ``rows`` under it, frozen and
    filtered: each value a whole number where ``number(index, value)`` says so (index from
    0), else text (``text_cell``)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.append(list(header))
    font, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="2F5496")
    for cell in sheet[1]:
        cell.font, cell.fill = font, fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for values in rows:
        sheet.append([None] * len(values))
        row = sheet.max_row
        for index, value in enumerate(values):
            cell = sheet.cell(row=row, column=index + 1)
            if number is not None and number(index, value):
                cell.value = int(value)
            else:
                text_cell(cell, value)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 2)}"


def text_cell(cell: Any, value: object) -> None:
    """``value`` in ``cell`` as text: never a formula, whatever it starts with."""
    cell.value = xlsx_text(str(value))
    cell.data_type = "s"
    if cell.value[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True
