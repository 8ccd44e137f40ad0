"""`incimap map`: one self-contained HTML map of an article's incidents and the route."""

from __future__ import annotations

from pathlib import Path

import typer

from incimap.geo.cli import app, options, warn
from incimap.geo.exceptions import InputError


@app.command("map")
def map_command(
    article: str = typer.Argument(
        None, help="Article text file, or - for stdin (default: the seed article, with its "
                   "curated incidents)."),
    output: Path = typer.Option(Path("map.html"), "--output", "-o",
                                help="HTML file to write (- for stdout)."),
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
    min_confidence: float = options.MIN_CONFIDENCE,
) -> None:
    """Write an interactive map: incidents by type, places by role, route, controls.

    ARTICLE may also be a dataset (an ``incimap batch`` folder, or a GeoParquet, GeoPackage,
    CSV or GeoJSON of incidents): a corpus becomes one map, one marker per event.
    """
    from incimap import seeds
    from incimap.geo.dataset import is_dataset
    from incimap.geo.extract import Extraction, extract_file, parse_date

    # Cheap inputs first, so a wrong option fails before the article is read.
    if str(output) == "-":
        from incimap.geo.fileio import check_stdout

        check_stdout()
    if str(output) != "-" and output.is_dir():
        raise InputError("is a folder; give a file name", path=str(output))
    if str(output) != "-" and not output.resolve().parent.is_dir():
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

    from incimap import maps
    m = maps.render(shown, route=route, mentions=extraction.mentions,
                    curated=curated_shown, title=title or _title_of(source), cdn=cdn)
    size = maps.save(m, output, cdn=cdn)
    if str(output) != "-":
        events = "" if all_reports else f", {len(shown)} events"
        typer.echo(f"wrote {output}: {len(extraction.incidents)} incidents, "
                   f"{len(curated)} curated{events}, {len(extraction.mentions)} place "
                   f"mentions, {size / 1e6:.2f} MB", err=True)


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
    """The article's title from its metadata, else its headline, else its file name."""
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
    first = read_text(source, what="article").strip().splitlines()[0].strip()
    return first if 0 < len(first) <= 120 and not first.endswith(".") else Path(source).stem
