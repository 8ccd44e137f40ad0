"""`incimap evaluate CORPUS`: the reader scored on a standard geoparsing corpus (an XML file)
or on a hand-coded incident corpus (a folder such as tests/corpus/)."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import typer

from geo.cli import app, out

_ROWS = (
    ("documents", "documents", "{:.0f}"),
    ("gold_names", "gold names", "{:.0f}"),
    ("geotagging_precision", "geotagging P", "{:.3f}"),
    ("geotagging_recall", "geotagging R", "{:.3f}"),
    ("geotagging_f1", "geotagging F1", "{:.3f}"),
    ("resolution_acc161", "resolution Acc@161 (gold spans)", "{:.3f}"),
    ("resolution_exact_id", "resolution exact GeoNames id", "{:.3f}"),
    ("resolution_median_km", "resolution median error km", "{:.1f}"),
    ("resolution_mean_km", "resolution mean error km", "{:.1f}"),
    ("resolution_auc", "resolution AUC of log error", "{:.3f}"),
    ("end_to_end_found_acc161", "found names within 161 km", "{:.3f}"),
    ("end_to_end_acc161", "all gold names within 161 km", "{:.3f}"),
    ("docs_per_second", "documents/s (reader)", "{:.1f}"),
)
_INCIDENT_ROWS = (
    ("articles", "articles", "{:.0f}"),
    ("main_place", "main incident: place within tolerance", "{:.3f}"),
    ("main_date", "main incident: date", "{:.3f}"),
    ("main_fatalities", "main incident: fatalities exact", "{:.3f}"),
    ("main_event_type", "main incident: event type", "{:.3f}"),
    ("main_sub_event_type", "main incident: sub-event type", "{:.3f}"),
    ("main_actor1", "main incident: actor1", "{:.3f}"),
    ("no_incident", "articles with no incident", "{:.3f}"),
    ("extra_per_article", "extra incidents per article", "{:.2f}"),
)


@app.command()
def evaluate(
    corpus: Path = typer.Argument(..., help="LGL, TR-News, GeoWebNews or GeoVirus XML file, "
                                            "or a coded incident corpus folder."),
    split: str = typer.Option("all", "--split",
                              help="all, dev or test (the frozen fifth, by document id)."),
    limit: int = typer.Option(None, "--limit", min=1, help="Score only the first N documents."),
    errors: Path = typer.Option(None, "--errors",
                                help="Write each document's misses and far answers (JSON "
                                     "Lines)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Geotagging P/R/F1, resolution given the gold names, and end to end; for a coded
    incident corpus, the main incident's fields and the extra incidents."""
    from geo.fileio import atomic_path

    if corpus.is_dir():
        from geo.evaluate_incidents import evaluate_incidents

        with contextlib.ExitStack() as stack:
            on_article = None
            if errors is not None:
                tmp = stack.enter_context(atomic_path(errors))
                sink = stack.enter_context(tmp.open("w", encoding="utf-8"))

                def on_article(record: dict) -> None:
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")

            scores = evaluate_incidents(corpus, on_article=on_article)
            if on_article is not None:
                sink.close()
        out(json.dumps(scores, indent=1) if as_json else table(scores, _INCIDENT_ROWS))
        return
    from geo.evaluate import evaluate as run

    with contextlib.ExitStack() as stack:
        on_document = None
        if errors is not None:
            tmp = stack.enter_context(atomic_path(errors))
            sink = stack.enter_context(tmp.open("w", encoding="utf-8"))

            def on_document(record: dict) -> None:
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")

        progress = None
        if sys.stderr.isatty():
            bar = stack.enter_context(typer.progressbar(length=limit or 0, label="scoring",
                                                        file=sys.stderr, show_pos=True))
            seen = [0]

            def progress(done: int) -> None:
                bar.update(done - seen[0])
                seen[0] = done

        scores = run(corpus, split=split, limit=limit, on_document=on_document,
                     progress=progress)
        if on_document is not None:
            sink.close()
    out(json.dumps(scores, indent=1) if as_json else table(scores))


def table(scores: dict[str, dict], rows=_ROWS) -> str:
    """One row per figure, one column per split."""
    columns = [c for c in scores]
    width = max(len(label) for _, label, _ in rows) + 2
    lines = [f"{'':{width}}" + "".join(f"{c:>10}" for c in columns)]
    for key, label, fmt in rows:
        cells = []
        for c in columns:
            value = scores[c].get(key)
            cells.append(f"{'-' if value is None else fmt.format(value):>10}")
        lines.append(f"{label:{width}}" + "".join(cells))
    return "\n".join(lines)
