"""The asset register with 5,000 assets (issue 11: opens < 300 ms, filters < 50 ms).

Open: ``AssetRegisterWindow`` built, read from the library (one query: assets, the workshops
that named them, connections), shown and laid out, vs a floor measured in the same run: a
plain ``QTableWidget`` filled with the same 5,000 rows of 8 texts, read by a plain
``SELECT`` of the assets, shown and laid out. Filter: typing a word and choosing a
category in the register (``apply_filter``: filter, sort, reset the view) vs the floor of a
plain SQL ``LIKE`` query over the same assets. Interleaved repetitions, min and median.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time

from facilitator.asset_models import Asset, AssetSource
from facilitator.library import open_library
from facilitator.models import Programme, Workshop
from facilitator.store import assets as assets_store

ASSETS = 5_000
ROUNDS = 7
WORDS = ["village", "hall", "choir", "allotment", "society", "youth", "club", "library",
         "food", "bank", "church", "walking", "group", "cafe", "school", "football", "knit",
         "natter", "men's", "shed", "park", "garden", "scouts", "guides", "brass", "band",
         "lunch", "carers", "retired", "joiner", "electrician", "baker", "pharmacy", "surgery"]
PLACES = ["Melton Mowbray", "Bottesford", "Asfordby", "Waltham", "Long Clawson", "Somerby",
          "Oakham", "Uppingham", "Coalville", "Loughborough", ""]
CATEGORIES = ["personal", "social", "community", "neighbourhood", ""]


def build(store) -> str:
    rng = random.Random(11)
    programme = store.add_programme(Programme("Bench assets"))
    workshops = [store.add_workshop(Workshop(programme.id, f"A{i}", "Q", "asset-mapping"))
                 for i in range(1, 21)]
    items = []
    for _ in range(ASSETS):
        name = " ".join(rng.choices(WORDS, k=rng.randint(2, 4))).capitalize()
        asset = Asset(programme.id, name, rng.choice(CATEGORIES),
                      offers=" ".join(rng.choices(WORDS, k=rng.randint(3, 9))),
                      place=rng.choice(PLACES), connector=rng.choice(
                          ["Parish clerk", "Community worker", "", "Village hall committee"]))
        sources = [AssetSource(asset.id, w.id) for w in rng.sample(workshops, rng.randint(1, 3))]
        items.append((asset, sources))
    assets_store.add_assets(store, items)
    return programme.id


def run() -> list[tuple[str, float, str]]:
    from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem

    from benchmarks.common import YesDialogs, bench_context
    from ui.assets.register import AssetRegisterWindow

    app = QApplication.instance() or QApplication([])
    library = open_library(None)
    store = library.store
    programme_id = build(store)
    # (settings in a throwaway folder, never the user's own)
    settings_folder = tempfile.TemporaryDirectory()
    context = bench_context(library, settings_folder.name, YesDialogs())
    opens, floors, filters, filter_floors = [], [], [], []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        window = AssetRegisterWindow(context, programme_id)
        window.show()
        app.processEvents()
        t1 = time.perf_counter()
        rows = store.conn.execute(
            "SELECT name, category, offers, place, connector, notes, id, updated_at FROM assets "
            "WHERE programme_id = ? AND deleted = 0 ORDER BY name", [programme_id]).fetchall()
        table = QTableWidget(len(rows), 8)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(value))
        table.show()
        app.processEvents()
        t2 = time.perf_counter()
        opens.append(t1 - t0)
        floors.append(t2 - t1)
        for word, category in (("hall", "social"), ("club", "community"), ("ban", None),
                               ("zzz", None)):
            t3 = time.perf_counter()
            window.search.setText(word)
            index = window.category_box.findData(category) if category else 0
            window.category_box.blockSignals(True)
            window.category_box.setCurrentIndex(index)
            window.category_box.blockSignals(False)
            window.apply_filter()
            app.processEvents()
            t4 = time.perf_counter()
            store.conn.execute(
                "SELECT id FROM assets WHERE programme_id = ? AND deleted = 0 AND (name LIKE ?1 "
                "OR offers LIKE ?1 OR place LIKE ?1 OR connector LIKE ?1) AND (?3 IS NULL OR "
                "category = ?3) ORDER BY name".replace("?1", "?2"),
                [programme_id, f"%{word}%", category]).fetchall()
            t5 = time.perf_counter()
            filters.append(t4 - t3)
            filter_floors.append(t5 - t4)
        window.close()
        window.deleteLater()
        table.close()
        table.deleteLater()
        app.processEvents()
    library.close()
    settings_folder.cleanup()
    p50 = statistics.median
    return [
        (f"asset register opens with {ASSETS:,} assets, p50 (aim < 300)", p50(opens) * 1000,
         "ms"),
        ("asset register opens, min", min(opens) * 1000, "ms"),
        ("floor: plain QTableWidget of the same rows, p50", p50(floors) * 1000, "ms"),
        ("register open vs QTableWidget floor p50", p50(opens) / p50(floors), "x"),
        (f"asset register filters {ASSETS:,} assets, p50 (aim < 50)", p50(filters) * 1000,
         "ms"),
        ("asset register filters, max", max(filters) * 1000, "ms"),
        ("floor: plain SQL LIKE query, p50", p50(filter_floors) * 1000, "ms"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name}: {value:.3g} {unit}")
