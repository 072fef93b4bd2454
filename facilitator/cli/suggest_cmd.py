"""``main.py suggest-themes``: suggested groups of a step's notes, as a CSV table."""

from __future__ import annotations

from pathlib import Path

from facilitator.cli.common import parse_codes, run_on_library


def register(sub, add_library_option) -> None:
    parser = sub.add_parser(
        "suggest-themes",
        help="suggest themes for a step's notes (groups of similar notes), as a CSV table",
        description="Group the step's notes that are not yet in a theme by similarity (offline), "
        "and write one row per note: note id, workshop code, text, suggested group number "
        "(blank if none) and the group's suggested label. Groups that match an existing theme "
        "are labelled with it. Nothing in the library is changed; dismissed suggestions are "
        "left out.",
        epilog='example: main.py suggest-themes --programme "TITLE" --step who --out who.csv',
    )
    add_library_option(parser)
    parser.add_argument("--programme", required=True, metavar="TITLE", help="the programme")
    parser.add_argument("--step", required=True, metavar="KEY", help="the step (who, what, how…)")
    parser.add_argument("--workshops", metavar="W1,W2", default=None,
                        help="workshop codes to include (default: all of the programme's)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.csv",
                        help="where to save")
    parser.add_argument("--lexical", action="store_true",
                        help="compare words only (the fallback used when the model is missing)")
    parser.set_defaults(func=run)


def run(args) -> int:
    import csv

    from facilitator.reports.gather import find_programme
    from facilitator.reports.safe_write import ExportError
    from facilitator.sense.embedding import load_model
    from facilitator.sense.suggest import suggest_themes, suggestions_csv_rows

    def work(library) -> int:
        store = library.store
        programme = find_programme(store, args.programme)
        codes = parse_codes(args.workshops)
        ids = [w.id for w in store.find_workshops(programme.id, codes)] if codes else None
        result = suggest_themes(store, programme.id, args.step, ids,
                                model=load_model(force_lexical=args.lexical))
        try:
            with open(args.out, "w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle).writerows(suggestions_csv_rows(result))
        except OSError as exc:
            raise ExportError(f"Cannot save {args.out}: {exc.strerror or exc}.") from None
        grouped = sum(len(s.note_ids) for s in result.suggestions)
        print(f"{args.out}: {len(result.notes)} notes, {len(result.suggestions)} suggested "
              f"groups covering {grouped} notes (compared with: {result.model_name})")
        return 0

    return run_on_library(args, work)
