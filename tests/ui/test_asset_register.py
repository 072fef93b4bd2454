"""The asset register (issue 11), by keyboard: notes become assets from the run window, the
register edits, merges duplicates, connects assets with an idea and exports; all undoable."""

from __future__ import annotations

import csv

from docx import Document
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator import asset_connections, asset_view, assets
from facilitator.models import Note, Programme, Workshop
from facilitator.store.transfer_merge import content_snapshot
from tests.ui.run.helpers import open_run, type_note
from tests.ui.windows import show_active
from ui.assets.model import FIELD
from ui.assets.register import AssetRegisterWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def asset_workshops(store, codes=("A1", "A2")):
    programme = store.add_programme(Programme("Melton assets 2026", area="Melton"))
    workshops = [store.add_workshop(Workshop(programme.id, code, "What is good here?",
                                             "asset-mapping", district="Melton"))
                 for code in codes]
    return programme, workshops


def open_register(qtbot, context, programme_id) -> AssetRegisterWindow:
    window = show_active(qtbot, AssetRegisterWindow(context, programme_id))
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    return window


def names(window) -> list[str]:
    return [row.name for row in window.model.rows]


def test_cards_become_assets_with_one_key_and_the_whole_step_at_once(qtbot, context):
    programme, (a1, _a2) = asset_workshops(context.store)
    run = open_run(qtbot, context, a1.id)
    assert run.session.step_key == "assets"
    type_note(qtbot, run, "Knit and natter group")
    qtbot.keyClick(run.capture.box, Qt.Key.Key_2, CTRL)  # Social assets
    type_note(qtbot, run, "Retired joiner")
    type_note(qtbot, run, "The old cattle market")
    qtbot.keyClick(run.capture.box, Qt.Key.Key_F6)
    run.board.setCurrentIndex(run.model.index_of(context.store.notes()[0].id))
    qtbot.keyClick(run.board, Qt.Key.Key_A, CTRL | ALT)
    qtbot.waitUntil(lambda: len(asset_view.register(context.store, programme.id)) == 1)
    [row] = asset_view.register(context.store, programme.id)
    assert (row.name, row.category, row.place, row.workshops) == (
        "Knit and natter group", "social", "Melton", ("A1",))
    qtbot.keyClick(run.board, Qt.Key.Key_A, CTRL | ALT | SHIFT)
    qtbot.waitUntil(lambda: len(asset_view.register(context.store, programme.id)) == 3)
    qtbot.keyClick(run.board, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: len(asset_view.register(context.store, programme.id)) == 1)
    # A card already in the register is said so, not added twice.
    run.board.select_notes([context.store.notes()[0].id])
    qtbot.keyClick(run.board, Qt.Key.Key_A, CTRL | ALT)
    assert "already in the asset register" in run.statusBar().currentMessage()
    assert len(asset_view.register(context.store, programme.id)) == 1
    run.close()


def _edit_cell(qtbot, window, field: str):
    """F2 on the first row's ``field``: its editor, with the keyboard in it."""
    window.table.setCurrentIndex(window.model.index(0, FIELD[field]))
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    return QApplication.focusWidget()


def _type_in_cell(qtbot, window, field: str, text: str) -> None:
    """Type ``text`` into the first row's ``field`` (F2, the keys, Return)."""
    editor = _edit_cell(qtbot, window, field)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_the_register_edits_in_place_and_undoes(qtbot, context, dialogs):
    programme, _ = asset_workshops(context.store)
    assets.add_asset(context.store, programme.id, "Village hall", "neighbourhood")
    window = open_register(qtbot, context, programme.id)
    assert names(window) == ["Village hall"]
    before = content_snapshot(context.store)
    _type_in_cell(qtbot, window, "place", "Asfordby")
    qtbot.waitUntil(lambda: window.model.rows[0].place == "Asfordby")
    # Who can help connect: a person's phone number is flagged by the personal-data check.
    _type_in_cell(qtbot, window, "connector", "Mrs Patel 07700 900123")
    qtbot.waitUntil(lambda: window.model.rows[0].connector == "Mrs Patel 07700 900123")
    assert "contact details" in window.status.text()
    assert "a UK phone number" in window.model.index(0, FIELD["connector"]).data(
        Qt.ItemDataRole.ToolTipRole)
    # A blank name is refused with a message; nothing changes.
    editor = _edit_cell(qtbot, window, "name")
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any("An asset needs a name" in e for e in dialogs.errors))
    assert names(window) == ["Village hall"]
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: content_snapshot(context.store) == before)
    window.close()


def test_search_filters_and_counts(qtbot, context):
    programme, (a1, a2) = asset_workshops(context.store)
    for name, category, place, workshop in (
            ("Choir", "social", "Bottesford", a1), ("Village hall", "neighbourhood",
                                                    "Bottesford", a2),
            ("Food bank", "community", "Melton", a2), ("Cake maker", "personal", "", a1)):
        assets.add_asset(context.store, programme.id, name, category, place=place,
                         workshop_id=workshop.id)
    window = open_register(qtbot, context, programme.id)
    assert "Social assets: 1" in window.counts.text()
    assert "Bottesford: 2" in window.counts.text()
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.search
    qtbot.keyClicks(window.search, "hall")
    qtbot.waitUntil(lambda: names(window) == ["Village hall"])
    qtbot.keyClick(window.search, Qt.Key.Key_Backspace, CTRL | SHIFT)
    assert len(names(window)) == 4
    window.workshop_box.setFocus()
    window.workshop_box.setCurrentIndex(window.workshop_box.findData(a1.id))
    assert names(window) == ["Cake maker", "Choir"]
    window.place_box.setCurrentIndex(window.place_box.findData("Bottesford"))
    assert names(window) == ["Choir"]
    window.clear_filters()
    window.category_box.setCurrentIndex(window.category_box.findData("neighbourhood"))
    assert names(window) == ["Village hall"]
    window.clear_filters()
    window.table.sortByColumn(FIELD["place"], Qt.SortOrder.AscendingOrder)
    assert names(window)[0] == "Cake maker"
    window.close()


def test_merge_two_duplicate_assets_and_undo(qtbot, context, dialogs):
    programme, (a1, a2) = asset_workshops(context.store)
    context.store.add_notes([Note(a1.id, "assets", "Melton Library"),
                             Note(a2.id, "assets", "melton library")])
    assets.notes_to_assets(context.store, [n.id for n in context.store.notes()])
    before = content_snapshot(context.store)
    window = open_register(qtbot, context, programme.id)
    dialog = window.show_duplicates()
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.model.rows) == 1)
    [row] = window.model.rows
    assert row.workshops == ("A1", "A2")
    assert dialog.list.count() == 0
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: len(window.model.rows) == 2)
    assert content_snapshot(context.store) == before
    # Ctrl+M merges the selected ones into the current one.
    window.table.setCurrentIndex(window.model.index(0, 0))
    qtbot.keyClick(window.table, Qt.Key.Key_Down, SHIFT)
    dialogs.confirm_answers.append(True)
    qtbot.keyClick(window.table, Qt.Key.Key_M, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(window.model.rows) == 1)
    window.close()


def test_link_a_connection_from_the_connections_step(qtbot, context):
    programme, (a1, _) = asset_workshops(context.store)
    for name in ("Allotment society", "Primary school", "Scout hut"):
        assets.add_asset(context.store, programme.id, name)
    run = open_run(qtbot, context, a1.id)
    run.session.set_step("connections")
    type_note(qtbot, run, "Growing club for pupils")
    qtbot.keyClick(run.capture.box, Qt.Key.Key_F6)
    run.board.setCurrentIndex(run.model.index(0))
    qtbot.keyClick(run.board, Qt.Key.Key_K, CTRL | SHIFT)
    dialog = run.connect_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert dialog.idea.text() == "Growing club for pupils"
    for word in ("allot", "primary"):
        dialog.find_box.setFocus()
        dialog.find_box.selectAll()
        qtbot.keyClicks(dialog.find_box, word)
        qtbot.keyClick(dialog.find_box, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
    assert len(dialog.chosen_ids()) == 2
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    rows = {r.name: r for r in asset_view.register(context.store, programme.id)}
    assert rows["Allotment society"].connections == ("Growing club for pupils",)
    assert rows["Primary school"].connections == ("Growing club for pupils",)
    assert rows["Scout hut"].connections == ()
    [(connection, _)] = asset_view.connections(context.store, programme.id)
    assert connection.workshop_id == a1.id and connection.note_id
    window = open_register(qtbot, context, programme.id)
    window.select_ids([rows["Primary school"].id])
    assert window.connections.item(0).text() == \
        "Growing club for pupils — with Allotment society"
    window.close()
    run.close()


def test_export_the_register_and_read_it_back(qtbot, context, dialogs, tmp_path):
    programme, (a1, a2) = asset_workshops(context.store)
    assets.add_asset(context.store, programme.id, "=Choir", "social", place="Bottesford",
                     offers="Singing for wellbeing", connector="Parish clerk",
                     workshop_id=a1.id)
    hall = assets.add_asset(context.store, programme.id, "Village hall", "neighbourhood",
                            place="Bottesford", workshop_id=a2.id).asset_ids[0]
    choir = asset_view.register(context.store, programme.id)[0].id
    asset_connections.link_assets(context.store, programme.id, "Concerts in the hall", [choir, hall])
    window = open_register(qtbot, context, programme.id)
    for suffix in (".xlsx", ".csv", ".docx"):
        dialogs.file_answers.append(tmp_path / f"register{suffix}")
        qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL | SHIFT)
        assert (tmp_path / f"register{suffix}").is_file()
    sheet = load_workbook(tmp_path / "register.xlsx")["Assets"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Name", "Category", "What it offers", "Place", "Who can help connect",
                         "Named at", "Connections", "Notes"]
    assert values[1] == ["=Choir", "Social assets", "Singing for wellbeing", "Bottesford",
                         "Parish clerk", "A1", "Concerts in the hall", None]
    assert sheet["A2"].data_type == "s"
    with (tmp_path / "register.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == "'=Choir" and rows[2][:2] == ["Village hall", "Neighbourhood assets"]
    document = Document(tmp_path / "register.docx")
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["Community assets", "Melton assets 2026"]
    assert "Social assets" in texts and "Neighbourhood assets" in texts
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in document.tables]
    assert tables[0][1:] == [["Personal assets", "0"], ["Social assets", "1"],
                             ["Community assets", "0"], ["Neighbourhood assets", "1"],
                             ["Total", "2"]]
    assert tables[1][1:] == [["Bottesford", "2"]]
    assert tables[2][1] == ["=Choir", "Singing for wellbeing", "Bottesford", "Parish clerk",
                            "A1"]
    assert tables[-1][1] == ["Concerts in the hall", "=Choir; Village hall"]
    window.close()


def test_an_asset_named_at_an_earlier_session_is_offered_for_merging(qtbot, context):
    programme, (a1, a2) = asset_workshops(context.store)
    note = context.store.add_note(Note(a1.id, "assets", "Melton Library"))
    assets.notes_to_assets(context.store, [note.id])
    run = open_run(qtbot, context, a2.id)
    type_note(qtbot, run, "melton library")
    qtbot.keyClick(run.capture.box, Qt.Key.Key_A, CTRL | ALT | SHIFT)
    qtbot.waitUntil(lambda: len(asset_view.register(context.store, programme.id)) == 2)
    message = run.statusBar().currentMessage()
    assert "“melton library” was already in the register (named at A1)" in message
    assert "Possible duplicates (Ctrl+D)" in message
    run.close()
