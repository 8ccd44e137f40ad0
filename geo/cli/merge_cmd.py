"""`incimap merge DATASET_OR_FILES... -o OUT/`: reports of one event merged, over outputs."""

from __future__ import annotations

from pathlib import Path

import typer

from incimap.geo.cli import app


@app.command("merge")
def merge(
    inputs: list[str] = typer.Argument(..., help="Batch dataset folders, incident files "
                                                 "(GeoParquet, GeoPackage, CSV, GeoJSON) or "
                                                 "curated incidents YAML."),
    output: str = typer.Option(..., "--output", "-o", help="Folder to write (created)."),
) -> None:
    """Merge the incidents of datasets into events: incidents.parquet, events.parquet."""
    from incimap.geo.merge import merge_datasets

    summary = merge_datasets(inputs, Path(output))
    typer.echo(f"{summary['incidents']} incidents, {summary['events']} events -> {output}",
               err=True)
