"""`incimap route show|locate|stats`: the railway route and where things lie along it."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import typer

from incimap.geo.cli import app, options, out, warn
from incimap.geo.exceptions import InputError

route_app = typer.Typer(help="The railway route: stations, chainage of places, corridor stats.",
                        no_args_is_help=True)
app.add_typer(route_app, name="route")

ROUTE_OPTION = options.ROUTE


def _load(route_file: Path | None):
    from incimap import seeds
    from incimap.geo.fileio import check_stdout
    from incimap.geo.route import load_route

    check_stdout()  # every route command answers there; fail before the work

    return load_route(route_file or seeds.DEFAULT_ROUTE)


@route_app.command("show")
def show(route_file: Path = ROUTE_OPTION,
         as_json: bool = typer.Option(False, "--json", help="JSON list of stations.")) -> None:
    """Stations in travel order with their km posts (~ marks interpolated km, * estimated
    coordinates)."""
    from incimap.geo.route import line_length_km, station_chainages

    route = _load(route_file)
    km = station_chainages(route)
    if as_json:
        rows = [{"name": s.name, "lat": s.lat, "lon": s.lon, "km": s.km,
                 "chainage_km": round(k, 3), "place_id": s.place_id,
                 "coord_quality": "estimated" if s.coord_estimated else "surveyed",
                 "coord_source": s.coord_source}
                for s, k in zip(route.stations, km, strict=True)]
        out(json.dumps({"name": route.name, "stations": rows}, ensure_ascii=False,
                       indent=2))
        return
    out(f"{route.name}: {len(route.stations)} stations, railway km {km[0]:g}-{km[-1]:g}, "
        f"line {line_length_km(route):,.1f} km")
    for s, k in zip(route.stations, km, strict=True):
        mark = " " if s.km is not None else "~"
        estimated = "  * coordinates estimated" if s.coord_estimated else ""
        out(f"{mark}{k:8.1f}  {s.name:<24} {s.lat:9.5f} {s.lon:10.5f}{estimated}")
    if any(s.coord_estimated for s in route.stations):
        out("* interpolated by railway km between surveyed stations; no source found")


@route_app.command("locate")
def locate(
    where: str = typer.Argument(..., help="A place name, or LAT,LON."),
    route_file: Path = ROUTE_OPTION,
    country: str = typer.Option("", "--country", "-c", help="Prefer places in this country."),
    as_json: bool = typer.Option(False, "--json", help="JSON object."),
    max_offset: float = typer.Option(None, "--max-offset", min=0.0,
                                     help="Exit 1 with a warning when the point lies farther "
                                          "than this from the line (km; default: the "
                                          "route's reach, beyond which no km is given)."),
) -> None:
    """The place's own coordinates, the nearest point of the line, the offset between them,
    the railway km (only within the route's reach) and the stations before/after."""
    from incimap.geo.route import locate as locate_point
    from incimap.geo.route import parse_lat_lon

    if max_offset is not None and math.isnan(max_offset):  # nan never compares greater
        raise InputError("not a number", field="--max-offset")
    route = _load(route_file)
    point = parse_lat_lon(where)
    if point is not None:
        label = where.strip()
        lat, lon = point
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):  # also false for nan
            raise InputError(f"{where!r} is not a WGS84 LAT,LON (latitude -90..90, "
                             "longitude -180..180)", field="WHERE")
    elif re.fullmatch(r"[\d\s.,;+-]*\d[\d\s.,;+-]*", where):  # digits, no name: "30," "1,2,3"
        raise InputError(f"expected LAT,LON or a place name, got {where!r}", field="WHERE")
    else:
        place = _geocode_near_route(where, route, country)
        label, lat, lon = place.name, place.lat, place.lon
    found = locate_point(route, lat, lon)
    if as_json:
        out(json.dumps({"query": where, "name": label, "lat": lat, "lon": lon,
                        **found.to_dict(), "route": route.name}, ensure_ascii=False))
    else:
        out(_locate_text(label, lat, lon, found, route))
    limit = found.reach_km if max_offset is None else max_offset
    if found.offset_km > limit:
        typer.echo(f"incimap: warning: {label} is {found.offset_km:,.0f} km from "
                   f"{route.name}, beyond {limit:g} km"
                   + ("" if found.within_reach else "; no railway km is given"), err=True)
        raise typer.Exit(1)


def _locate_text(label: str, lat: float, lon: float, found, route) -> str:
    where = (f"km {found.km:,.1f} from {route.stations[0].name}, {found.offset_km:,.1f} km "
             "off the line" if found.within_reach
             else f"far from the route ({found.offset_km:,.0f} km), so no railway km "
                  f"(reach {found.reach_km:g} km)")
    return (f"{label} ({lat:.5f}, {lon:.5f}): {where}; nearest point of the line "
            f"({found.line_lat:.5f}, {found.line_lon:.5f}) between {found.before} and "
            f"{found.after}")


def _geocode_near_route(name: str, route, country: str):
    """The place a name means, preferring places inside the route's box."""
    from incimap.geo.geocode import geocode

    lats = [s.lat for s in route.stations]
    lons = [s.lon for s in route.stations]
    box = (max(min(lats) - 1, -90), max(min(lons) - 1, -180), min(max(lats) + 1, 90),
           min(max(lons) + 1, 180))
    return geocode(name, country=country, bbox=box).place


@route_app.command("stats")
def stats(
    article: Path = typer.Argument(None, help="Article whose incidents to count "
                                              "(default: the seed article)."),
    route_file: Path = ROUTE_OPTION,
    corridor_km: float = typer.Option(25.0, "--corridor-km", min=0.001,
                                      help="Corridor half-width for the corridor query."),
    segment_km: float = typer.Option(50.0, "--segment-km", min=0.001,
                                     help="Length of the segments incidents are counted in."),
    published: str = options.PUBLISHED,
    country: str = options.COUNTRY,
    curated: bool = options.CURATED,
    incidents_file: Path = options.INCIDENTS_FILE,
    as_json: bool = typer.Option(False, "--json", help="JSON object."),
) -> None:
    """Route length by province, incidents in the corridor, and counts by segment."""
    from incimap.geo.exceptions import RouteError
    from incimap.geo.extract import incidents_and_mentions, parse_date
    from incimap.geo.layers import corridor, counts_by_segment, length_by_province
    from incimap.geo.route import line_length_km, reach_km, station_chainages

    if not math.isfinite(corridor_km):
        raise InputError(f"{corridor_km} is not a finite width in km", field="--corridor-km")
    route = _load(route_file)
    km = station_chainages(route)
    report: dict = {"route": route.name, "stations": len(route.stations),
                    "railway_km": km[-1] - km[0], "line_km": round(line_length_km(route), 1),
                    "reach_km": reach_km(route)}
    try:
        line = length_by_province(route)
        railway = length_by_province(route, measure="railway")
        report["length_by_province_km"] = {
            name: {"railway_km": railway.get(name, 0.0), "line_km": km_line}
            for name, km_line in line.items()}
    except RouteError as e:
        report["length_by_province_km"] = None
        warn(str(e))
    incidents, _ = incidents_and_mentions(
        article, published=parse_date(published) if published else None, country=country,
        curated=options.curated_path(curated, incidents_file))
    near = corridor(incidents, route, corridor_km)
    segments = counts_by_segment(incidents, route, segment_km, max_offset_km=corridor_km)
    report["incidents"] = len(incidents)
    report["corridor"] = {"width_km": corridor_km, "incidents": [
        {"id": r.event_id_cnty, "location": r.location, "route_km": _finite(r.route_km),
         "offset_km": _finite(r.offset_km)} for r in near.itertuples()]}
    report["segments"] = [
        {"start_km": r.start_km, "end_km": r.end_km, "from": r.from_station, "to": r.to_station,
         "incidents": int(r.incidents)} for r in segments.itertuples()]
    if as_json:
        out(json.dumps(report, ensure_ascii=False, indent=2))
        return
    _print_stats(report)


def _finite(value) -> float | None:
    """A frame's NaN (no km beyond reach) as JSON null."""
    return None if value is None or not math.isfinite(value) else float(value)


def _print_stats(report: dict) -> None:
    out(f"{report['route']}: {report['stations']} stations, "
        f"{report['railway_km']:,.0f} railway km, line {report['line_km']:,.1f} km")
    provinces = report["length_by_province_km"]
    if provinces is None:
        out("length by province: unavailable (no province polygons)")
    else:
        out(f"length by province:{'railway km':>23} {'line km':>10}")
        for name, length in provinces.items():
            out(f"  {name:<30} {length['railway_km']:10.1f} {length['line_km']:10.1f}")
    corridor = report["corridor"]
    out(f"incidents within {corridor['width_km']:g} km of the line: "
        f"{len(corridor['incidents'])} of {report['incidents']}")
    for r in corridor["incidents"]:
        km = f"{'far':>8}" if r["route_km"] is None else f"{r['route_km']:8.1f}"
        out(f"  {r['id']:<12} km {km}  off {r['offset_km']:6.1f} km  {r['location']}")
    out("incidents by segment (railway km):")
    for s in report["segments"]:
        if s["incidents"]:
            out(f"  {s['start_km']:7.0f}-{s['end_km']:<7.0f} {s['from']} - {s['to']}: "
                f"{s['incidents']}")
    if not any(s["incidents"] for s in report["segments"]):
        out("  (none)")
