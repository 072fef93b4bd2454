"""The asset register's upkeep by keyboard (issue 11): a deleted asset waits in Deleted
items, comes back with Enter and is emptied for good; a connection's idea and assets are
edited and the connection removed, each undone with Ctrl+Z; contact details typed into
"who can help connect" are flagged where the facilitator is looking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from facilitator import asset_connections, asset_view, assets
from tests.ui.test_asset_register import asset_workshops, names, open_register
from tests.ui.windows import show_main_window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def deleted_rows(deleted) -> list[list[str]]:
    tree = deleted.tree
    return [[tree.topLevelItem(r).text(c) for c in range(3)]
            for r in range(tree.topLevelItemCount())]


def test_a_deleted_asset_waits_in_deleted_items_comes_back_and_is_emptied(
    qtbot, context, dialogs
):
    programme, (a1, _a2) = asset_workshops(context.store)
    for name, place in (("Scout hut", "Sysonby"), ("Village hall", "")):
        assets.add_asset(context.store, programme.id, name, place=place, workshop_id=a1.id)
    main = show_main_window(qtbot, context)
    window = open_register(qtbot, context, programme.id)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)  # the row the keyboard is on: Scout hut
    qtbot.waitUntil(lambda: names(window) == ["Village hall"])
    assert window.status.text() == ("Deleted 1 asset (Ctrl+Z, or Workshop ▸ Deleted items in "
                                    "the library window, brings it back).")
    activate(qtbot, main)
    qtbot.keyClick(main.tree, Qt.Key.Key_D, CTRL | SHIFT)
    deleted = main.library_ops.deleted_window
    qtbot.waitUntil(lambda: deleted is not None and deleted.isVisible())
    assert deleted_rows(deleted) == [["Scout hut (Sysonby)", "Asset", "Melton assets 2026"]]
    assert "assets of the register" in deleted.intro.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is deleted.tree)
    qtbot.keyClick(deleted.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names(window) == ["Scout hut", "Village hall"])
    qtbot.waitUntil(lambda: deleted.tree.topLevelItemCount() == 0)
    assert asset_view.register(context.store, programme.id)[0].workshops == ("A1",)
    # One history: Ctrl+Z in the register undoes the restore; it is back in Deleted items.
    assert context.undo_stack.undoText() == "Restore asset Scout hut (Sysonby)"
    activate(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: names(window) == ["Village hall"])
    qtbot.waitUntil(lambda: deleted.tree.topLevelItemCount() == 1)
    # Empty deleted items (Alt+E) asks, then removes it for good.
    activate(qtbot, deleted)
    dialogs.confirm_answers.append(True)
    qtbot.keyClick(deleted.tree, Qt.Key.Key_E, ALT)
    qtbot.waitUntil(lambda: deleted.tree.topLevelItemCount() == 0)
    assert [a.name for a in assets_sql_all(context.store)] == ["Village hall"]
    assert deleted.empty_note.isVisibleTo(deleted)
    deleted.close()
    window.close()


def assets_sql_all(store):
    from facilitator.store import assets as assets_sql

    return assets_sql.assets(store, include_deleted=True)


def test_a_connection_is_edited_and_removed_from_the_register_by_keyboard(qtbot, context):
    programme, _ = asset_workshops(context.store)
    ids = {name: assets.add_asset(context.store, programme.id, name).asset_ids[0]
           for name in ("Allotment society", "Primary school", "Scout hut")}
    asset_connections.link_assets(context.store, programme.id, "Growing club",
                                  [ids["Allotment society"], ids["Primary school"]])
    window = open_register(qtbot, context, programme.id)
    window.select_ids([ids["Primary school"]])
    qtbot.keyClick(window.table, Qt.Key.Key_O, ALT)  # Connections of this asset
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.connections)
    assert window.connections.item(0).text() == "Growing club — with Allotment society"
    qtbot.keyClick(window.connections, Qt.Key.Key_Return)
    dialog = window.connect_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert dialog.windowTitle() == "Edit connection"
    assert sorted(dialog.chosen_ids()) == sorted([ids["Allotment society"],
                                                  ids["Primary school"]])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.idea)
    qtbot.keyClicks(dialog.idea, "Growing club for pupils")  # the old idea was selected
    for word in ("scout", "allot"):  # tick the scout hut, untick the allotments
        qtbot.keyClick(dialog.idea, Qt.Key.Key_F, ALT)
        dialog.find_box.selectAll()
        qtbot.keyClicks(dialog.find_box, word)
        qtbot.keyClick(dialog.find_box, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
    assert dialog.status.text() == "2 assets ticked."
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    rows = {r.name: r.connections for r in asset_view.register(context.store, programme.id)}
    assert rows == {"Allotment society": (), "Primary school": ("Growing club for pupils",),
                    "Scout hut": ("Growing club for pupils",)}
    qtbot.waitUntil(lambda: window.connections.count() == 1)
    assert window.connections.item(0).text() == "Growing club for pupils — with Scout hut"
    # Delete removes it; Ctrl+Z brings it back; Ctrl+Z again undoes the edit.
    activate(qtbot, window)  # (the offscreen platform activates no window when one closes)
    qtbot.keyClick(window.table, Qt.Key.Key_O, ALT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.connections)
    qtbot.keyClick(window.connections, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.connections.count() == 0)
    assert asset_view.connections(context.store, programme.id) == []
    assert window.status.text() == "Connection removed (Ctrl+Z brings it back)."
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: window.connections.count() == 1)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: window.connections.count() == 1 and window.connections.item(0)
                    .text() == "Growing club — with Allotment society")
    window.close()


def test_an_edit_that_leaves_one_asset_is_refused_and_said(qtbot, context):
    programme, _ = asset_workshops(context.store)
    ids = [assets.add_asset(context.store, programme.id, n).asset_ids[0]
           for n in ("Allotment society", "Primary school")]
    asset_connections.link_assets(context.store, programme.id, "Growing club", ids)
    window = open_register(qtbot, context, programme.id)
    window.select_ids([ids[0]])
    qtbot.keyClick(window.table, Qt.Key.Key_O, ALT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.connections)
    qtbot.keyClick(window.connections, Qt.Key.Key_Return)
    dialog = window.connect_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.idea)
    qtbot.keyClick(dialog.idea, Qt.Key.Key_F, ALT)
    qtbot.keyClicks(dialog.find_box, "primary")
    qtbot.keyClick(dialog.find_box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.status.text() == ("A connection links two or more assets: choose at least "
                                    "two.")
    qtbot.keyClick(dialog.list, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [(connection, linked)] = asset_view.connections(context.store, programme.id)
    assert sorted(linked) == sorted(ids)
    window.close()


def test_the_registers_menus_are_documented(qtbot, context):
    from tests.ui.test_menus_documented import menu_actions, problems

    programme, _ = asset_workshops(context.store)
    window = open_register(qtbot, context, programme.id)
    titles = [title for title, _ in menu_actions(window)]
    assert "Edit ▸ Edit connection" in titles and "Edit ▸ Remove connection" in titles
    assert problems(window) == []
    window.close()


# ------------------------------------------------------------- contact details
def type_connector(qtbot, window, text: str) -> None:
    """F2 on the first asset's "Who can help connect", type ``text``, Enter."""
    from ui.assets.model import FIELD

    window.table.setFocus()
    window.table.setCurrentIndex(window.model.index(0, FIELD["connector"]))
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not window.table)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.rows[0].connector == text)


def test_contact_details_typed_into_who_can_help_connect_are_flagged_in_words(qtbot, context):
    from PySide6.QtGui import QIcon

    from ui.assets.model import FIELD

    programme, _ = asset_workshops(context.store)
    context.store.set_privacy_names(["Brenda Holt"])
    assets.add_asset(context.store, programme.id, "Scout hut", connector="Group Scout Leader")
    window = open_register(qtbot, context, programme.id)
    cell = window.model.index(0, FIELD["connector"])
    assert window.model.data(cell, Qt.ItemDataRole.DecorationRole) is None
    assert "to check" not in window.counts.text()
    type_connector(qtbot, window, "Mrs Jones, 07700 900123")
    assert window.status.text() == (
        "Check “Who can help connect”: it looks like a person's contact details (a UK phone "
        "number: 07700 900123; a title and name: Mrs Jones). Give a role or an organisation "
        "instead.")
    cell = window.model.index(0, FIELD["connector"])
    assert window.model.data(cell, Qt.ItemDataRole.AccessibleTextRole) == (
        "Mrs Jones, 07700 900123 (check: looks like contact details)")
    assert window.model.data(cell, Qt.ItemDataRole.ToolTipRole) == (
        "This looks like a person's contact details: a UK phone number: 07700 900123; a title "
        "and name: Mrs Jones. Give a role or an organisation instead.")
    assert isinstance(window.model.data(cell, Qt.ItemDataRole.DecorationRole), QIcon)
    assert ("⚠ 1 to check: “Who can help connect” looks like a person's contact details"
            in window.counts.text())
    # A name on the library's own list is flagged too; a role is not.
    type_connector(qtbot, window, "brenda holt")
    assert window.status.text().startswith("Check “Who can help connect”: it looks like a "
                                           "person's contact details (a name on your list: "
                                           "brenda holt).")
    type_connector(qtbot, window, "Parish clerk")
    qtbot.waitUntil(lambda: "to check" not in window.counts.text())
    assert window.model.data(window.model.index(0, FIELD["connector"]),
                             Qt.ItemDataRole.DecorationRole) is None
    window.close()


def test_the_export_dialog_names_flagged_assets_before_exporting(qtbot, context):
    from facilitator.demo import load_demo

    load_demo(context.store, sessions=True)
    main = show_main_window(qtbot, context)
    programme = next(p for p in context.store.programmes()
                     if asset_view.register(context.store, p.id))
    first = asset_view.register(context.store, programme.id)[0]
    assets.edit_asset(context.store, first.id, connector="jo@example.org")
    action = next(a for a in main.actions() if a.objectName() == "Export summary")
    action.trigger()
    dialog = main.export_dialog
    qtbot.addWidget(dialog)
    warning = (f"Asset “{first.name}”: “Who can help connect” looks like a person's contact "
               "details (an email address: jo@example.org); give a role or an organisation "
               "instead.")
    assert warning not in dialog.warnings_label.accessibleDescription()
    dialog.assets_box.setFocus()
    qtbot.keyClick(dialog.assets_box, Qt.Key.Key_Space)
    assert dialog.assets_box.isChecked()
    assert warning in dialog.warnings_label.accessibleDescription()
    assert "⚠ Asset “" in dialog.warnings_label.text()  # shown, not only told
    qtbot.keyClick(dialog.assets_box, Qt.Key.Key_Space)
    assert warning not in dialog.warnings_label.accessibleDescription()
    dialog.close()
    # The Excel workbook always carries the Assets sheet: its dialog names them at once.
    action = next(a for a in main.actions() if a.objectName() == "Export notes (Excel)")
    action.trigger()
    excel = main.export_dialog
    qtbot.addWidget(excel)
    assert warning in excel.warnings_label.accessibleDescription()
    excel.close()


# ------------------------------------------------------------------- exports
def body_of(path) -> list:
    """A Word document's body in order: ("P", style, text) and ("T", rows of cell texts)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(path)
    out = []
    for child in document.element.body.iterchildren():
        kind = child.tag.rsplit("}", 1)[1]
        if kind == "p":
            paragraph = Paragraph(child, document)
            out.append(("P", paragraph.style.name, paragraph.text))
        elif kind == "tbl":
            out.append(("T", [[c.text for c in r.cells] for r in Table(child, document).rows]))
    return out


def register_for_export(store):
    from facilitator.asset_models import AssetSource
    from facilitator.store import assets as assets_sql

    programme, (a1, a2) = asset_workshops(store)
    ids = {}
    for name, category, values, workshop in (
        ("Village hall", "neighbourhood", {"place": "Bottesford", "offers": "Room for 80; "
                                           "kitchen", "connector": "Hall committee"}, a2),
        ("=Choir", "social", {"place": "Bottesford", "offers": "Singing for wellbeing",
                              "connector": "Parish clerk"}, a1),
        ("Retired joiner", "personal", {"place": "Asfordby", "offers": "Mends benches"}, a1),
        ("Knit and natter", "social", {"offers": "Company on Tuesdays",
                                       "notes": "Meets at the library"}, a2),
        ("Old cattle market", "", {"place": "Melton Mowbray"}, a1),
    ):
        ids[name] = assets.add_asset(store, programme.id, name, category, workshop_id=workshop.id,
                                     **values).asset_ids[0]
    assets_sql.add_sources(store, [AssetSource(ids["Village hall"], a1.id)])  # named twice
    asset_connections.link_assets(store, programme.id, "Concerts in the hall",
                                  [ids["=Choir"], ids["Village hall"]])
    asset_connections.link_assets(store, programme.id, "Bench repairs at the market",
                                  [ids["Retired joiner"], ids["Old cattle market"]])
    return programme


def test_the_exported_register_reads_back_exactly(qtbot, context, dialogs, tmp_path):
    """Ctrl+Shift+E in the register, as Excel and as Word; every sheet, cell, heading and
    table of the files, in order."""
    from openpyxl import load_workbook

    programme = register_for_export(context.store)
    window = open_register(qtbot, context, programme.id)
    for suffix in (".xlsx", ".docx"):
        dialogs.file_answers.append(tmp_path / f"register{suffix}")
        qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL | SHIFT)
        assert window.status.text() == f"Saved 5 assets to register{suffix}."
    window.close()

    book = load_workbook(tmp_path / "register.xlsx")
    assert book.sheetnames == ["Assets", "By category", "By place"]
    sheets = {s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book}
    assert sheets["Assets"] == [
        ["Name", "Category", "What it offers", "Place", "Who can help connect", "Named at",
         "Connections", "Notes"],
        ["Retired joiner", "Personal assets", "Mends benches", "Asfordby", None, "A1",
         "Bench repairs at the market", None],
        ["=Choir", "Social assets", "Singing for wellbeing", "Bottesford", "Parish clerk", "A1",
         "Concerts in the hall", None],
        ["Knit and natter", "Social assets", "Company on Tuesdays", None, None, "A2", None,
         "Meets at the library"],
        ["Village hall", "Neighbourhood assets", "Room for 80; kitchen", "Bottesford",
         "Hall committee", "A1, A2", "Concerts in the hall", None],
        ["Old cattle market", "Not yet sorted", None, "Melton Mowbray", None, "A1",
         "Bench repairs at the market", None],
    ]
    assert sheets["By category"] == [
        ["Asset category", "Assets"], ["Personal assets", 1], ["Social assets", 2],
        ["Community assets", 0], ["Neighbourhood assets", 1], ["Not yet sorted", 1]]
    assert sheets["By place"] == [
        ["Place", "Assets"], ["Bottesford", 2], ["Asfordby", 1], ["Melton Mowbray", 1],
        ["No place given", 1]]
    choir = book["Assets"]["A3"]
    assert (choir.value, choir.data_type) == ("=Choir", "s")  # text, never a formula
    assert all(book[name].freeze_panes == "A2" for name in book.sheetnames)

    header = ["Asset", "What it offers", "Place", "Who can help connect", "Named at"]
    assert body_of(tmp_path / "register.docx") == [
        ("P", "Title", "Community assets"),
        ("P", "Subtitle", "Melton assets 2026"),
        ("P", "Normal", "5 assets the community already has were named at the sessions, in 3 "
                        "places: the strengths to build on, sorted by the asset-based model's "
                        "categories."),
        ("T", [["Asset category", "Assets"], ["Personal assets", "1"], ["Social assets", "2"],
               ["Community assets", "0"], ["Neighbourhood assets", "1"],
               ["Not yet sorted", "1"], ["Total", "5"]]),
        ("P", "Normal", ""),
        ("T", [["Place", "Assets"], ["Bottesford", "2"], ["Asfordby", "1"],
               ["Melton Mowbray", "1"], ["No place given", "1"]]),
        ("P", "Heading 2", "Personal assets"),
        ("T", [header, ["Retired joiner", "Mends benches", "Asfordby", "", "A1"]]),
        ("P", "Heading 2", "Social assets"),
        ("T", [header, ["=Choir", "Singing for wellbeing", "Bottesford", "Parish clerk", "A1"],
               ["Knit and natter", "Company on Tuesdays", "", "", "A2"]]),
        ("P", "Heading 2", "Neighbourhood assets"),
        ("T", [header, ["Village hall", "Room for 80; kitchen", "Bottesford", "Hall committee",
                        "A1, A2"]]),
        ("P", "Heading 2", "Not yet sorted"),
        ("T", [header, ["Old cattle market", "", "Melton Mowbray", "", "A1"]]),
        ("P", "Heading 2", "Connections"),
        ("P", "Normal", "Ideas from the sessions that bring two or more assets together."),
        ("T", [["Idea", "Assets it connects"], ["Concerts in the hall", "=Choir; Village hall"],
               ["Bench repairs at the market", "Old cattle market; Retired joiner"]]),
    ]


def test_a_flagged_connector_is_named_when_the_register_is_exported(qtbot, context, dialogs,
                                                                   tmp_path):
    programme = register_for_export(context.store)
    hall = next(r for r in asset_view.register(context.store, programme.id)
                if r.name == "Village hall")
    assets.edit_asset(context.store, hall.id, connector="ring 07700 900123")
    window = open_register(qtbot, context, programme.id)
    dialogs.file_answers.append(tmp_path / "register.docx")
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL | SHIFT)
    assert window.status.text() == (
        "Saved 5 assets to register.docx. Check: Asset “Village hall”: “Who can help connect” "
        "looks like a person's contact details (a UK phone number: 07700 900123); give a role "
        "or an organisation instead.")
    window.close()
