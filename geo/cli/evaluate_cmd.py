"""`incimap evaluate CORPUS`: the reader scored on a standard geoparsing corpus (an XML file)
or on a hand-coded incident corpus (a folder such as tests/corpus/)."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import typer

from incimap.geo.cli import app, out

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
                              help="all, dev or test (the frozen fifth, by document id; for "
                                   "an incident corpus folder, dev or frozen)."),
    limit: int = typer.Option(None, "--limit", min=1, help="Score only the first N documents."),
    errors: Path = typer.Option(None, "--errors",
                                help="Write each document's misses and far answers (JSON "
                                     "Lines)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    recognizer: str = typer.Option(None, "--recognizer",
                                   help="How place names are found: gazetteer (the scan and "
                                        "its filters) or classifier (the learned span "
                                        "model, the default)."),
) -> None:
    """Geotagging P/R/F1, resolution given the gold names, and end to end; for a coded
    incident corpus, the main incident's fields and the extra incidents."""
    with contextlib.ExitStack() as stack:
        record = _records(stack, errors)
        if corpus.is_dir():
            from incimap.geo.evaluate_incidents import evaluate_incidents

            scores = evaluate_incidents(corpus, split=split, on_article=record)
            rows = _INCIDENT_ROWS
        else:
            from incimap.geo.evaluate import evaluate as run

            scores = run(corpus, split=split, limit=limit, on_document=record,
                         progress=_progress(stack, limit), recognizer=recognizer)
            rows = _ROWS
    # Printed only once the errors file is in place (the stack renames it on exit).
    out(json.dumps(scores, indent=1) if as_json else table(scores, rows))


def _records(stack: contextlib.ExitStack, path: Path | None):
    """A function writing one JSON line per document to ``path`` (atomically), or None."""
    if path is None:
        return None
    from incimap.geo.fileio import atomic_path

    sink = stack.enter_context(stack.enter_context(atomic_path(path)).open(
        "w", encoding="utf-8"))

    def record(value: dict) -> None:
        sink.write(json.dumps(value, ensure_ascii=False) + "\n")

    return record


def _progress(stack: contextlib.ExitStack, limit: int | None):
    """A progress callback drawing a bar on a terminal's stderr, or None."""
    if not sys.stderr.isatty():
        return None
    bar = stack.enter_context(typer.progressbar(length=limit or 0, label="scoring",
                                                file=sys.stderr, show_pos=True))
    seen = [0]

    def progress(done: int) -> None:
        bar.update(done - seen[0])
        seen[0] = done

    return progress


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
