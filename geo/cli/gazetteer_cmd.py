"""`incimap gazetteer info|import|build`: the offline place store."""

from __future__ import annotations

from pathlib import Path

import typer

from incimap.geo.cli import app, out

gazetteer_app = typer.Typer(help="Inspect and extend the offline gazetteer.",
                            no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("info")
def info() -> None:
    """Sources, counts, build date and path of every store."""
    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.fileio import check_stdout

    check_stdout()
    for store in open_gazetteer().info():
        types = ", ".join(f"{k} {v:,}" for k, v in sorted(store["types"].items()))
        out(f"{store['store']}: {store['places']:,} places, {store['names']:,} names "
            f"({types})\n  source: {store['source']}\n  built:  {store['built']}\n"
            f"  path:   {store['path']} ({store['size_mb']} MB)")
    out("GeoNames data (https://www.geonames.org/) is licensed CC BY 4.0.")


@gazetteer_app.command("import")
def import_(files: list[Path] = typer.Argument(..., help="GeoNames dump files (.txt or .zip).")
            ) -> None:
    """Load GeoNames dump files (allCountries.txt format) into the local store."""
    from incimap.gazetteer.gazetteer import import_dump
    from incimap.geo.fileio import check_stdout

    check_stdout()  # the import report goes there
    for path in files:
        report = import_dump(path)
        out(f"{path}: imported {len(report.rows):,} places, skipped {report.skipped:,} "
            "bad rows")
        for problem in report.problems:
            typer.echo(f"  skipped {problem}", err=True)


@gazetteer_app.command("build")
def build() -> None:
    """Build (or rebuild) the world store now instead of on first use."""
    import time

    from incimap.gazetteer.gazetteer import build_world, clear_cache, world_path
    from incimap.geo.cli.progress import BuildProgress

    start = time.perf_counter()
    clear_cache()
    path = build_world(world_path(), notify=lambda m: typer.echo(f"incimap: {m}", err=True),
                       progress=BuildProgress())
    out(f"built {path} in {time.perf_counter() - start:.1f} s")
