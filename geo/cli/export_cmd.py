"""`incimap export [ARTICLE] --format F -o PATH`: an article's incidents and places as GIS files."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from incimap.geo.cli import app, options, out
from incimap.geo.exceptions import ExportError, InputError

FORMAT_CHOICES = ("geojson", "gpkg", "kml", "csv", "parquet", "all")
LAYER_CHOICES = ("incidents", "mentions", "route", "stations", "uncertainty")


@app.command("export")
def export(
    article: Path = typer.Argument(None, help="Article text ('-' stdin; default: the seed "
                                              "article), or a dataset (batch folder, "
                                              ".parquet, .gpkg, .csv, .geojson of incidents)."),
    fmt: str = typer.Option("geojson", "--format", "-f",
                            help="geojson, gpkg, kml, csv, parquet, or all (-o is a folder)."),
    output: str = typer.Option(..., "--output", "-o",
                               help="Output file ('-' for GeoJSON on stdout), or folder for all; "
                                    "missing folders are made."),
    layer: str = typer.Option("incidents", "--layer", "-l",
                              help="Layer for geojson/csv/parquet: incidents, mentions, route, "
                                   "stations, uncertainty."),
    route_file: Path = options.ROUTE,
    no_route: bool = typer.Option(False, "--no-route", help="No route, stations or chainage."),
    published: str = options.PUBLISHED,
    country: str = options.COUNTRY,
    curated: bool = options.CURATED,
    incidents_file: Path = options.INCIDENTS_FILE,
    min_confidence: float = options.MIN_CONFIDENCE,
) -> None:
    """Export incidents, mentions, the route, stations and uncertainty shapes."""
    fmt = fmt.lower()
    _check_request(fmt, output, layer)
    from incimap import seeds
    from incimap.geo.export import build_layers, export_layers, write_geojson
    from incimap.geo.route import load_route

    route = None if no_route else load_route(route_file or seeds.DEFAULT_ROUTE)
    from incimap.geo.dataset import is_dataset
    from incimap.geo.extract import incidents_and_mentions, parse_date

    if is_dataset(article) and not (curated or incidents_file):
        # A dataset (batch folder or incident file) exports its incidents as they are.
        from incimap.geo.dataset import load_incidents

        incidents, mentions = load_incidents([article])[0], []
    else:
        incidents, mentions = incidents_and_mentions(
            article, published=parse_date(published) if published else None,
            country=country, curated=options.curated_path(curated, incidents_file))
    from incimap.geo.confidence import at_least

    layers = build_layers(at_least(incidents, min_confidence), mentions, route)
    if output == "-":
        if layer not in layers:
            raise ExportError(f"no layer '{layer}'; have {', '.join(layers)}")
        write_geojson(layers[layer], "-")
        return
    stem = (article.stem if article and str(article) != "-" else
            Path(seeds.SEED_ARTICLE).stem if article is None else "stdin")
    for path in export_layers(layers, output, fmt, layer=layer, stem=stem):
        out(str(path))


def _check_request(fmt: str, output: str, layer: str) -> None:
    """Reject a bad format, layer or output place before any slow work."""
    from incimap.geo.fileio import check_stdout, missing_folders

    check_stdout()  # the data or the list of files written goes there
    if fmt not in FORMAT_CHOICES:
        raise InputError(f"unknown format '{fmt}'; choose {', '.join(FORMAT_CHOICES)}",
                         field="--format")
    if layer not in LAYER_CHOICES:
        raise InputError(f"unknown layer '{layer}'; choose {', '.join(LAYER_CHOICES)}",
                         field="--layer")
    if output == "-":
        if fmt != "geojson":
            raise InputError("only geojson can be written to stdout", field="--output")
        return
    # Missing folders are made (the export removes them again if it fails); a file in the
    # way is refused now, before the slow part.
    target = Path(output)
    if fmt == "all":
        missing_folders(target, field="--output")
        return
    if target.is_dir() or output.endswith(("/", os.sep)):
        raise InputError("is a folder; give a file name (or --format all)", path=output,
                         field="--output")
    missing_folders(target.parent if str(target.parent) else Path("."), field="--output")
