"""`incimap batch INPUT... -o DATASET/`: many articles into one deduplicated dataset (Dask)."""

from __future__ import annotations

import sys
import time

import typer

from incimap.geo.cli import app, options


@app.command("batch")
def batch(
    inputs: list[str] = typer.Argument(..., help="Folders or globs of .txt articles (metadata "
                                                 "YAML beside them), JSON Lines, or CSV files."),
    output: str = typer.Option(..., "--output", "-o", help="Dataset folder to write."),
    workers: int = typer.Option(None, "--workers", "-w", help="Local worker processes "
                                "(default: the core count; 0: no Dask, in this process)."),
    scheduler: str = typer.Option(None, "--scheduler",
                                  help="Run on an existing Dask cluster, e.g. tcp://host:8786."),
    partition_size: int = typer.Option(50, "--partition-size",
                                       help="Articles per task (and per resumable step)."),
    text_column: str = typer.Option("text", "--text-column",
                                    help="CSV/JSON Lines field holding the article text."),
    country: str = options.COUNTRY,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Extract every article, merge reports of one event, write GeoParquet and a summary."""
    from incimap.geo.batch import run_batch

    if workers is not None and workers < 0:
        from incimap.geo.exceptions import InputError

        raise InputError("must be 0 or more", field="--workers")
    show = not quiet and sys.stderr.isatty()
    summary = run_batch(inputs, output, partition_size=partition_size, workers=workers,
                        scheduler=scheduler, country=country, text_column=text_column,
                        progress=ProgressBar() if show else None)
    if show:
        sys.stderr.write("\n")
    typer.echo(f"{summary['read']} articles read, {summary['failed']} failed, "
               f"{summary['incidents']} incidents, {summary['events']} events "
               f"in {summary['seconds']:.1f} s -> {output}", err=True)
    if summary["partitions_failed"]:
        typer.echo(f"incimap: {summary['partitions_failed']} partitions failed (see "
                   f"{output}/errors.jsonl); run again to retry them", err=True)
        raise typer.Exit(1)


class ProgressBar:
    """One stderr line: done/total, documents/s, time left."""

    def __init__(self, width: int = 30):
        self.width, self.first = width, None

    def __call__(self, done: int, total: int, elapsed: float) -> None:
        if self.first is None:
            self.first = (done, time.perf_counter())
        fraction = done / total if total else 1.0
        new_docs = done - self.first[0]
        spent = time.perf_counter() - self.first[1]
        rate = new_docs / spent if spent > 0 and new_docs else 0.0
        left = (total - done) / rate if rate else None
        bar = "#" * int(fraction * self.width)
        eta = f"{int(left // 60)}:{int(left % 60):02d} left" if left is not None else "--:-- left"
        sys.stderr.write(f"\r[{bar:<{self.width}}] {done}/{total} docs  {rate:.1f} docs/s  "
                         f"{eta} ")
        sys.stderr.flush()
