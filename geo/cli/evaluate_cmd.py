"""`incimap evaluate CORPUS.xml`: the reader scored on a standard geoparsing corpus."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

import typer

from geo.cli import app

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


@app.command()
def evaluate(
    corpus: Path = typer.Argument(..., help="LGL, TR-News, GeoWebNews or GeoVirus XML file."),
    split: str = typer.Option("all", "--split",
                              help="all, dev or test (the frozen fifth, by document id)."),
    limit: int = typer.Option(None, "--limit", min=1, help="Score only the first N documents."),
    errors: Path = typer.Option(None, "--errors",
                                help="Write each document's misses and far answers (JSON "
                                     "Lines)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Geotagging P/R/F1, resolution given the gold names, and end to end."""
    from geo.evaluate import evaluate as run
    from geo.fileio import atomic_path

    with contextlib.ExitStack() as stack:
        on_document = None
        if errors is not None:
            tmp = stack.enter_context(atomic_path(errors))
            out = stack.enter_context(tmp.open("w", encoding="utf-8"))

            def on_document(record: dict) -> None:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")

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
            out.close()
    typer.echo(json.dumps(scores, indent=1) if as_json else table(scores))


def table(scores: dict[str, dict]) -> str:
    """One row per figure, one column per split."""
    columns = [c for c in ("all", "dev", "test") if c in scores]
    lines = [f"{'':34}" + "".join(f"{c:>10}" for c in columns)]
    for key, label, fmt in _ROWS:
        cells = []
        for c in columns:
            value = scores[c].get(key)
            cells.append(f"{'-' if value is None else fmt.format(value):>10}")
        lines.append(f"{label:34}" + "".join(cells))
    return "\n".join(lines)
