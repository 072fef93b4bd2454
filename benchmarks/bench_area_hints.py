"""Support-area hints (issue 16): how often the hint for a HOW note is right.

The demo programme's sorted HOW notes, each hinted from all the others (leave-one-out),
with the offline model and with the word-overlap fallback: how many notes get a hint, and
the share of those hints that name the area the note was sorted under (chance: 25 %).
A small set (33 notes); it shows the order of things, not a guarantee.
"""

from __future__ import annotations

import time


def run() -> list[tuple[str, float, str]]:
    from facilitator.demo import load_demo
    from facilitator.library import open_library
    from facilitator.sense.areas import area_hints
    from facilitator.sense.embedding import load_model

    library = open_library(None)
    try:
        load_demo(library.store)
        notes = library.store.notes(step_key="how")
        vocabulary = library.store.get_format("delivery-planning").vocabulary_for("how")
        tagged = [n for n in notes if n.tags]
        figures = []
        for lexical in (False, True):
            model = load_model(force_lexical=lexical)
            shown = right = 0
            started = time.perf_counter()
            for i, note in enumerate(tagged):
                hint = area_hints([note], tagged[:i] + tagged[i + 1:], vocabulary, model).get(note.id)
                if hint is not None:
                    shown += 1
                    right += hint.tag_key == note.tags[0]
            each = (time.perf_counter() - started) / len(tagged) * 1000
            name = "lexical fallback" if lexical else "offline model"
            figures += [
                (f"area hints ({name}): notes with a hint, of {len(tagged)}", shown, "notes"),
                (f"area hints ({name}): hints that are right", right / max(shown, 1) * 100, "%"),
                (f"area hints ({name}): time per note hinted from the rest", each, "ms"),
            ]
        return figures
    finally:
        library.close()


if __name__ == "__main__":
    for figure, value, unit in run():
        print(f"{figure}: {value:.3g} {unit}")
