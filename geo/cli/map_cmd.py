"""`incimap map`: one self-contained HTML map of an article's incidents and the route."""

from __future__ import annotations

from pathlib import Path

import typer

from incimap.geo.cli import app, options, warn
from incimap.geo.exceptions import GazetteerError, InputError


@app.command("map")
def map_command(
    article: str = typer.Argument(
        None, help="Article text file, or - for stdin (default: the seed article, with its "
                   "curated incidents)."),
    output: Path = typer.Option(None, "--output", "-o",
                                help="HTML file to write (- for stdout; default map.html, "
                                     "or none when --png/--svg is given without -o)."),
    published: str = options.PUBLISHED,
    country: str = options.COUNTRY,
    route_file: Path = options.ROUTE,
    no_route: bool = typer.Option(False, "--no-route", help="Draw no route."),
    curated_file: Path = typer.Option(
        None, "--curated", help="Curated incidents YAML to show beside the automatic ones "
                                "(default: the seed's, when no ARTICLE is given)."),
    no_curated: bool = typer.Option(False, "--no-curated", help="Leave out curated incidents."),
    title: str = typer.Option(None, "--title", help="Map title (default: the article's)."),
    cdn: bool = typer.Option(False, "--cdn",
                             help="Load Leaflet from a CDN: a smaller file that needs internet."),
    all_reports: bool = typer.Option(False, "--all-reports",
                                     help="One marker per report, not one per event."),
    png: Path = typer.Option(None, "--png", help="Write a static PNG image for print and "
                                                 "articles (the HTML too only with -o)."),
    svg: Path = typer.Option(None, "--svg", help="Write the static image as SVG, text "
                                                 "editable (the HTML too only with -o)."),
    dpi: int = typer.Option(150, "--dpi", min=50, max=600,
                            help="Pixels per inch of the PNG (text scales with it)."),
    size: str = typer.Option("1200x900", "--size",
                             help="Image size WIDTHxHEIGHT in pixels at --dpi."),
    min_confidence: float = options.MIN_CONFIDENCE,
) -> None:
    """Write an interactive map: incidents by type, places by role, route, controls.

    ARTICLE may also be a dataset (an ``incimap batch`` folder, or a GeoParquet, GeoPackage,
    CSV or GeoJSON of incidents): a corpus becomes one map, one marker per event.

    --png and --svg write a static image of the same map for print and articles (legend,
    scale bar, title, sources); with them the HTML is written only when -o is given.
    """
    from incimap import seeds
    from incimap.geo.dataset import is_dataset
    from incimap.geo.extract import Extraction, extract_file, parse_date

    # Cheap inputs first, so a wrong option fails before the article is read.
    images = _image_outputs(png, svg, size)
    if output is None and not images:
        output = Path("map.html")
    if str(output) == "-":
        from incimap.geo.fileio import check_stdout

        check_stdout()
    if output is not None and str(output) != "-" and output.is_dir():
        raise InputError("is a folder; give a file name", path=str(output))
    if output is not None and str(output) != "-" and not output.resolve().parent.is_dir():
        raise InputError("output folder does not exist", path=str(output.parent))
    date = parse_date(published) if published else None
    route = None
    if not no_route:
        from incimap.geo.route import load_route

        route = load_route(route_file or seeds.DEFAULT_ROUTE)
    curated = []
    if not no_curated:
        path = curated_file or (seeds.CURATED_INCIDENTS if article is None else None)
        if path is not None:
            from incimap.geo.curated import load_curated

            curated = load_curated(path)

    source = seeds.SEED_ARTICLE if article is None else article
    if is_dataset(article):
        from incimap.geo.dataset import load_incidents

        loaded, _ = load_incidents([article])
        extraction = Extraction(str(article), None, "", (), tuple(loaded))
    else:
        extraction = extract_file(source, published=date, country=country)
    for message in extraction.warnings:
        warn(message)
    if min_confidence is not None:
        from dataclasses import replace

        from incimap.geo.confidence import at_least

        extraction = replace(extraction, incidents=tuple(at_least(extraction.incidents,
                                                                  min_confidence)))
    shown, curated_shown = list(extraction.incidents), curated
    if not all_reports:
        # Reports of one event (the article's and the curated copy, or a corpus's many)
        # become one marker.
        from incimap.geo.events import one_per_event

        shown, curated_shown = one_per_event([*extraction.incidents, *curated]), []
    if route is not None and route_file is None and not _near(route, extraction):
        # The default route belongs to the seed story; an article elsewhere gets none.
        warn(f"no incident lies within {_ROUTE_REACH_KM:.0f} km of {route.name}; "
             "drawing no route (give --route to draw one)")
        route = None

    if images:
        from incimap.maps import static

        figure = static.render(shown, route=route, mentions=extraction.mentions,
                               curated=curated_shown, title=title or _title_of(source),
                               size=images["size"], dpi=dpi)
        for fmt in static.FORMATS:
            if images.get(fmt) is not None:
                written = static.save(figure, images[fmt], fmt)
                typer.echo(f"wrote {images[fmt]}: {fmt.upper()} image, "
                           f"{written / 1e3:.0f} KB", err=True)
    if output is None:
        return
    from incimap import maps
    from incimap.geo.context import context_labels, data_bounds

    try:
        context = context_labels(data_bounds([*shown, *curated_shown], route,
                                             extraction.mentions))
    except GazetteerError as e:  # place names are context: the map is still worth having
        warn(f"no place names on the basemap: {e}")
        context = []
    m = maps.render(shown, route=route, mentions=extraction.mentions,
                    curated=curated_shown, title=title or _title_of(source), cdn=cdn,
                    context=context)
    size = maps.save(m, output, cdn=cdn)
    if str(output) != "-":
        events = "" if all_reports else f", {len(shown)} events"
        typer.echo(f"wrote {output}: {len(extraction.incidents)} incidents, "
                   f"{len(curated)} curated{events}, {len(extraction.mentions)} place "
                   f"mentions, {size / 1e6:.2f} MB", err=True)


def _image_outputs(png: Path | None, svg: Path | None, size: str) -> dict:
    """The image files asked for and their size in pixels, checked before any work."""
    if png is None and svg is None:
        return {}
    from incimap.geo.fileio import check_output_file

    for option, path in (("--png", png), ("--svg", svg)):
        if path is not None:
            if str(path) == "-":
                raise InputError(f"{option} needs a file name, not standard output")
            check_output_file(path)
    from incimap.maps.static import parse_size

    return {"png": png, "svg": svg, "size": parse_size(size)}


_ROUTE_REACH_KM = 200.0


def _near(route, extraction) -> bool:
    """Does any incident or event place of the article lie near the route?"""
    from incimap.geo.route import locate_many

    places = [i.location for i in extraction.incidents if i.location] + [
        m.place for m in extraction.mentions if m.role == "event" and m.place]
    if not places:
        return False
    found = locate_many(route, [p.lat for p in places], [p.lon for p in places])
    return bool((found.offset_km <= _ROUTE_REACH_KM).any())


def _title_of(source: str | Path) -> str:
    """The article's title from its metadata, else its headline (its first line)."""
    if str(source) == "-":
        return "Article from standard input"
    from incimap.geo.dataset import is_dataset

    if is_dataset(source):
        return f"Incidents of {Path(source).name}"
    from incimap.geo.extract import article_metadata
    from incimap.geo.fileio import read_text

    meta = article_metadata(Path(source))
    if meta.get("title"):
        return str(meta["title"])
    return headline(read_text(source, what="article")) or Path(source).stem


_HEADLINE_MAX = 160  # characters; a longer first line is a paragraph, not a headline
_TITLE_CUT = 100


def headline(text: str) -> str:
    """The first line of an article, as its title; a first paragraph is cut at a word."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    first = lines[0].lstrip("#").strip()
    for prefix in ("title:", "headline:"):
        if first.lower().startswith(prefix):
            first = first[len(prefix):].strip()
    if len(first) <= _HEADLINE_MAX:
        return first
    cut = first[:_TITLE_CUT].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"
