"""`incimap export [ARTICLE] --format F -o PATH`: an article's incidents and places as GIS files."""

from __future__ import annotations

from pathlib import Path

import typer

from geo.cli import app, warn
from geo.exceptions import ExportError, InputError

FORMAT_CHOICES = ("geojson", "gpkg", "kml", "csv", "parquet", "all")
LAYER_CHOICES = ("incidents", "mentions", "route", "stations", "uncertainty")


@app.command("export")
def export(
    article: Path = typer.Argument(None, help="Article text ('-' stdin; default: the seed "
                                              "article)."),
    fmt: str = typer.Option("geojson", "--format", "-f",
                            help="geojson, gpkg, kml, csv, parquet, or all (-o is a folder)."),
    output: str = typer.Option(..., "--output", "-o",
                               help="Output file ('-' for GeoJSON on stdout), or folder for all."),
    layer: str = typer.Option("incidents", "--layer", "-l",
                              help="Layer for geojson/csv/parquet: incidents, mentions, route, "
                                   "stations, uncertainty."),
    route_file: Path = typer.Option(None, "--route", "-r",
                                    help="Route CSV (default: the Jaffar Express)."),
    no_route: bool = typer.Option(False, "--no-route", help="No route, stations or chainage."),
    published: str = typer.Option("", help="Publication date of ARTICLE (YYYY-MM-DD)."),
    country: str = typer.Option("", help="Country the article is about (ISO code)."),
    curated: bool = typer.Option(False, "--curated",
                                 help="Export the curated incidents (seeds/incidents.yaml)."),
    incidents_file: Path = typer.Option(None, "--incidents",
                                        help="Export the curated incidents of this YAML file."),
) -> None:
    """Export incidents, mentions, the route, stations and uncertainty shapes."""
    fmt = fmt.lower()
    _check_request(fmt, output, layer)
    import seeds
    from geo.export import build_layers, export_layers, write_geojson
    from geo.route import load_route

    route = None if no_route else load_route(route_file or seeds.DEFAULT_ROUTE)
    incidents, mentions = read_incidents(article, published, country, curated, incidents_file)
    layers = build_layers(incidents, mentions, route)
    if output == "-":
        if layer not in layers:
            raise ExportError(f"no layer '{layer}'; have {', '.join(layers)}")
        write_geojson(layers[layer], "-")
        return
    stem = (article.stem if article and str(article) != "-" else
            Path(seeds.SEED_ARTICLE).stem if article is None else "stdin")
    for path in export_layers(layers, output, fmt, layer=layer, stem=stem):
        typer.echo(str(path))


def _check_request(fmt: str, output: str, layer: str) -> None:
    """Reject a bad format, layer or output place before any slow work."""
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
    target = Path(output)
    if fmt == "all":
        if not target.is_dir():
            raise InputError("output folder does not exist", path=output, field="--output")
        return
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("output folder does not exist", path=str(folder), field="--output")
    if target.is_dir():
        raise InputError("is a folder; give a file name (or --format all)", path=output,
                         field="--output")


def read_incidents(article: Path | None, published: str, country: str, curated: bool,
                   incidents_file: Path | None) -> tuple[list, list]:
    """(incidents, mentions): curated ones when asked, else the article's extraction."""
    import seeds

    if curated or incidents_file:
        from geo.curated import load_curated

        incidents = load_curated(incidents_file or seeds.CURATED_INCIDENTS)
        mentions = [m for i in incidents for m in i.mentions]
        return incidents, mentions
    extraction = read_extraction(article, published, country)
    if extraction is None:
        warn("no article extractor installed; no incidents or mentions")
        return [], []
    return list(extraction.incidents), list(extraction.mentions)


def read_extraction(article: Path | None, published: str = "", country: str = ""):
    """The extraction of an article (default: the seed article; metadata from the YAML beside
    it), or None when the extractor is not installed."""
    import seeds

    path = article if article is not None else seeds.SEED_ARTICLE
    try:
        from geo.extract import extract_file, parse_date
    except ImportError:
        if str(path) != "-":
            from geo.fileio import read_text

            read_text(path, what="article")  # a missing article is still an error
        return None
    return extract_file(path, published=parse_date(published) if published else None,
                        country=country)
