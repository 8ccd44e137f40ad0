"""GeoDataFrames (EPSG:4326) of incidents, mentions, the route, its stations and uncertainty
shapes, and the spatial analyses over them (corridor, length by province, counts by segment).

Columns hold plain values (str, int, float, None) so every export format can take them as they
are. Incident columns use ACLED's names, so a CSV export reads like an ACLED download.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import shapely
from shapely.geometry import LineString, Point

from incimap.geo import acled
from incimap.geo.confidence import FIELDS as CONFIDENCE_FIELDS
from incimap.geo.exceptions import RouteError
from incimap.geo.models import Incident, Mention, Place, Route
from incimap.geo.route import (
    GEOD,
    line_between,
    line_length_km,
    locate_many,
    projected_crs,
    reach_km,
    route_line,
    segments,
    station_chainages,
    station_line_km,
)
from incimap.geo.uncertainty import uncertainty_of

CRS = "EPSG:4326"
_DATE_DTYPE = pd.ArrowDtype(pa.date32())

# Every column of the ACLED Codebook, in ACLED's order, then ours.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
# How far the reader trusts each machine-read record and field (geo.confidence); empty for
# curated records.
CONFIDENCE_COLUMNS = ("confidence", *(f"confidence_{name}" for name in CONFIDENCE_FIELDS))
INCIDENT_COLUMNS = ACLED_COLUMNS + (
    "injured", "hostages", "rescued", "title", "curated", *CONFIDENCE_COLUMNS, "route_km",
    "offset_km", "uncertainty_km",
)
MENTION_COLUMNS = (
    "surface", "char_start", "char_end", "role", "hint", "location", "feature_type", "gazetteer_id",
    "country", "admin1", "admin2", "latitude", "longitude", "geo_precision", "uncertainty_km",
    "score", "match_kind", "sentence", "route_km", "offset_km",
)
STATION_COLUMNS = ("seq", "name", "place_id", "line", "km", "chainage_km", "line_km",
                   "latitude", "longitude", "source", "coord_source", "coord_estimated")
ROUTE_COLUMNS = ("name", "source", "notes", "stations", "km_start", "km_end", "line_length_km",
                 "reach_km", "segment", "from_station", "to_station", "km_from", "km_to",
                 "interpolated", "note")
UNCERTAINTY_COLUMNS = ("ref", "item", "name", "geo_precision", "uncertainty_km", "shape",
                       "shape_radius_km")


# --------------------------------------------------------------------------- frames


def incidents_frame(incidents: Iterable[Incident], route: Route | None = None) -> gpd.GeoDataFrame:
    """One row per incident, ACLED columns; route_km/offset_km along ``route`` when given."""
    incidents = list(incidents)
    rows = [_incident_row(i) for i in incidents]
    geoms = [_point(i.location) for i in incidents]
    frame = _frame(rows, geoms, INCIDENT_COLUMNS)
    return _fill_route_columns(frame, route)


def mentions_frame(mentions: Iterable[Mention], route: Route | None = None) -> gpd.GeoDataFrame:
    """One row per place mention; unresolved mentions keep a null geometry."""
    mentions = list(mentions)
    rows = [_mention_row(m) for m in mentions]
    frame = _frame(rows, [_point(m.place) for m in mentions], MENTION_COLUMNS)
    return _fill_route_columns(frame, route)


def route_frame(route: Route) -> gpd.GeoDataFrame:
    """The route as one LineString per segment between stations, each saying whether it is
    interpolated (and why, in ``note``); the route's own columns repeat on every row."""
    km = station_chainages(route)
    whole = {"name": route.name, "source": route.source, "notes": route.notes,
             "stations": len(route.stations), "km_start": km[0], "km_end": km[-1],
             "line_length_km": round(line_length_km(route), 3), "reach_km": reach_km(route)}
    parts = segments(route)
    rows = [{**whole, "segment": p.index, "from_station": p.start, "to_station": p.end,
             "km_from": round(p.km_from, 3), "km_to": round(p.km_to, 3),
             "interpolated": p.interpolated, "note": p.note} for p in parts]
    coords = list(route_line(route).coords)
    lines = [LineString(coords[p.index:p.index + 2]) for p in parts]
    return _frame(rows, lines, ROUTE_COLUMNS)


def stations_frame(route: Route) -> gpd.GeoDataFrame:
    """One point per station: its km post (None where unpublished) and calibrated chainage."""
    chainage = station_chainages(route)
    line_km = station_line_km(route)
    rows = [
        {"seq": i, "name": s.name, "place_id": s.place_id, "line": s.line, "km": s.km,
         "chainage_km": round(chainage[i], 3), "line_km": round(line_km[i], 3),
         "latitude": s.lat, "longitude": s.lon, "source": s.source,
         "coord_source": s.coord_source, "coord_estimated": s.coord_estimated}
        for i, s in enumerate(route.stations)
    ]
    return _frame(rows, [Point(s.lon, s.lat) for s in route.stations], STATION_COLUMNS)


def uncertainty_frame(items: Iterable[Incident | Mention | Place], **options) -> gpd.GeoDataFrame:
    """One polygon per incident, mention or place that has a place: where it could be.

    ``options`` go to ``geo.uncertainty.uncertainty_of`` (``segments``, ``boundaries``).
    """
    rows, geoms = [], []
    for item in items:
        shape = uncertainty_of(item, **options)
        if shape is None:
            continue
        rows.append(_uncertainty_row(item, shape))
        geoms.append(shape.geometry)
    return _frame(rows, geoms, UNCERTAINTY_COLUMNS)


# Column types, so that None stays a null and every format keeps ints as ints.
_INT_COLUMNS = frozenset({
    "year", "time_precision", "iso", "geo_precision", "fatalities", "injured", "hostages",
    "rescued", "char_start", "char_end", "seq", "stations", "incidents", "segment", "inter1",
    "inter2", "interaction", "timestamp",
})
# Calendar dates: DATE in GeoPackage, date32 in GeoParquet, ISO text in CSV and GeoJSON.
_DATE_COLUMNS = frozenset({"event_date"})
_FLOAT_COLUMNS = frozenset({
    "latitude", "longitude", "route_km", "offset_km", "uncertainty_km", "score", "km",
    "chainage_km", "line_km", "km_start", "km_end", "line_length_km", "shape_radius_km",
    "start_km", "end_km", "reach_km", "km_from", "km_to", *CONFIDENCE_COLUMNS,
})
_BOOL_COLUMNS = frozenset({"curated", "interpolated", "coord_estimated"})


def _frame(rows: list[dict], geoms: list, columns: Sequence[str]) -> gpd.GeoDataFrame:
    data = pd.DataFrame(rows, columns=list(columns))
    for column in data.columns:
        if column in _INT_COLUMNS:
            data[column] = data[column].astype("Int64")
        elif column in _FLOAT_COLUMNS:
            data[column] = data[column].astype("float64")
        elif column in _BOOL_COLUMNS:
            data[column] = data[column].astype(bool)
        elif column in _DATE_COLUMNS:
            data[column] = pd.array([_day(v) for v in data[column]], dtype=_DATE_DTYPE)
        else:
            data[column] = data[column].map(lambda v: "" if v is None else str(v)).astype(object)
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


def _day(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def _point(place: Place | None):
    return Point(place.lon, place.lat) if place is not None else None


def _incident_row(incident: Incident) -> dict:
    place = incident.location
    year = int(incident.event_date[:4]) if incident.event_date[:4].isdigit() else None
    country = place.country if place else ""
    inter1, inter2 = acled.inter_code(incident.actor1), acled.inter_code(incident.actor2)
    return {
        "event_id_cnty": incident.id,
        "event_date": incident.event_date,
        "year": year,
        "time_precision": incident.time_precision,
        "disorder_type": disorder_type(incident.event_type, incident.sub_event_type),
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": incident.actor1,
        "assoc_actor_1": "",  # the reader names no associated actors yet
        "inter1": inter1,
        "actor2": incident.actor2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": acled.interaction(inter1, inter2),
        "civilian_targeting": acled.civilian_targeting(inter2),
        "iso": _iso_numeric(country),
        "region": acled.region(country),
        "country": _country_name(country),
        "admin1": place.admin1 if place else "",
        "admin2": place.admin2 if place else "",
        "admin3": "",  # the gazetteer keeps no third-level divisions
        "location": place.name if place else "",
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": incident.geo_precision,
        "source": incident.source,
        "source_scale": incident.source_scale,
        "notes": incident.notes,
        "fatalities": incident.fatalities,
        "tags": "",  # ACLED's tags ("crowd size=...") are never read from the text yet
        "timestamp": acled.unix_day(incident.published or incident.event_date),
        "injured": incident.count("injured"),
        "hostages": incident.count("hostages"),
        "rescued": incident.count("rescued"),
        "title": incident.title,
        "curated": incident.curated,
        "confidence": incident.confidence,
        **{f"confidence_{name}": incident.field_confidence.get(name)
           for name in CONFIDENCE_FIELDS},
        "route_km": incident.route_km,
        "offset_km": incident.offset_km,
        "uncertainty_km": place.uncertainty_km if place else None,
    }


def _mention_row(mention: Mention) -> dict:
    place = mention.place
    return {
        "surface": mention.surface,
        "char_start": mention.span.start,
        "char_end": mention.span.end,
        "role": mention.role,
        "hint": mention.hint,
        "location": place.name if place else "",
        "feature_type": place.feature_type if place else "",
        "gazetteer_id": place.gazetteer_id if place else "",
        "country": place.country if place else "",
        "admin1": place.admin1 if place else "",
        "admin2": place.admin2 if place else "",
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.geo_precision if place else None,
        "uncertainty_km": place.uncertainty_km if place else None,
        "score": round(mention.score, 1),
        "match_kind": mention.match_kind,
        "sentence": mention.sentence.text,
        "route_km": mention.route_km,
        "offset_km": mention.offset_km,
    }


def _uncertainty_row(item: Incident | Mention | Place, shape) -> dict:
    if isinstance(item, Incident):
        ref, kind, name = item.id, "incident", item.location.name if item.location else ""
    elif isinstance(item, Mention):
        ref, kind, name = f"{item.span.start}-{item.span.end}", "mention", item.surface
    else:
        ref, kind, name = item.gazetteer_id, "place", item.name
    place = item if isinstance(item, Place) else (
        item.location if isinstance(item, Incident) else item.place)
    return {"ref": ref, "item": kind, "name": name, "geo_precision": place.geo_precision,
            "uncertainty_km": place.uncertainty_km, "shape": shape.kind,
            "shape_radius_km": round(shape.radius_km, 3)}


def _fill_route_columns(frame: gpd.GeoDataFrame, route: Route | None) -> gpd.GeoDataFrame:
    """route_km/offset_km of every row with a point, along ``route`` (vectorised).

    The given route wins over values the items carry, which may be along another route.
    """
    if route is None or frame.empty:
        return frame
    todo = frame["latitude"].notna()
    if not todo.any():
        return frame
    found = locate_many(route, frame.loc[todo, "latitude"].to_numpy(float),
                        frame.loc[todo, "longitude"].to_numpy(float))
    frame = frame.copy()
    frame["route_km"] = frame["route_km"].astype("float64")
    frame["offset_km"] = frame["offset_km"].astype("float64")
    frame.loc[todo, "route_km"] = np.round(found.km, 3)
    frame.loc[todo, "offset_km"] = np.round(found.offset_km, 3)
    return frame


def disorder_type(event_type: str, sub_event_type: str = "") -> str:
    """ACLED's disorder type for an event type (the sub-event type decides a few cases)."""
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type in ("Protests", "Riots") and sub_event_type != "Mob violence":
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence" if event_type else ""


@functools.lru_cache(maxsize=256)
def _country(code: str):
    if not code:
        return None
    import pycountry

    return pycountry.countries.get(alpha_2=code.upper())


def _country_name(code: str) -> str:
    from incimap.gazetteer.sources import country_name

    return country_name(code) if code else code


def _iso_numeric(code: str) -> int | None:
    country = _country(code)
    return int(country.numeric) if country else None


# --------------------------------------------------------------------------- analysis


def as_incident_frame(incidents: Iterable[Incident] | gpd.GeoDataFrame,
                      route: Route) -> gpd.GeoDataFrame:
    """Incidents as a frame with route_km/offset_km filled along ``route``."""
    if isinstance(incidents, gpd.GeoDataFrame):
        frame = incidents.to_crs(CRS) if incidents.crs and incidents.crs != CRS else incidents
        if "route_km" not in frame or "latitude" not in frame:
            frame = frame.copy()
            pts = frame.geometry
            frame["latitude"], frame["longitude"] = pts.y, pts.x
            frame["route_km"], frame["offset_km"] = np.nan, np.nan
        return _fill_route_columns(frame, route)
    return incidents_frame(incidents, route)


def corridor(incidents: Iterable[Incident] | gpd.GeoDataFrame, route: Route,
             km: float) -> gpd.GeoDataFrame:
    """Incidents within ``km`` of the route line (buffered in the route's projected CRS)."""
    if not (km > 0 and math.isfinite(km)):  # GEOS cannot buffer by inf
        raise RouteError(f"corridor width must be a positive finite number, got {km}")
    frame = as_incident_frame(incidents, route)
    crs = projected_crs(route)
    buffer = gpd.GeoSeries([route_line(route)], crs=CRS).to_crs(crs).buffer(km * 1000.0)
    inside = frame.geometry.notna() & frame.to_crs(crs).within(buffer.iloc[0])
    return frame[inside.to_numpy()]


def corridor_buffer(route: Route, km: float) -> gpd.GeoDataFrame:
    """The corridor polygon itself (WGS84), for maps."""
    crs = projected_crs(route)
    shape = gpd.GeoSeries([route_line(route)], crs=CRS).to_crs(crs).buffer(km * 1000.0)
    return gpd.GeoDataFrame({"width_km": [km]}, geometry=shape.to_crs(CRS), crs=CRS)


def length_by_province(route: Route,
                       provinces: Mapping[str, shapely.Geometry] | None = None,
                       country: str = "", measure: str = "line") -> dict[str, float]:
    """Km of the route inside each province polygon (WGS84), longest first.

    ``measure="line"`` gives the geodesic length of the line; ``"railway"`` the railway km
    (the chainage covered by each piece inside the province). ``provinces`` defaults to
    ``province_polygons(route, country)``; RouteError when no polygons are available.
    """
    if measure not in ("line", "railway"):
        raise RouteError(f"measure must be 'line' or 'railway', got {measure!r}")
    if provinces is None:
        provinces = province_polygons(route, country)
    line = route_line(route)
    lengths = {}
    for name, polygon in provinces.items():
        part = line.intersection(polygon)
        if part.is_empty:
            continue
        length = (GEOD.geometry_length(part) / 1000.0 if measure == "line"
                  else _railway_km(route, part))
        if length > 0:
            lengths[name] = round(length, 3)
    return dict(sorted(lengths.items(), key=lambda kv: -kv[1]))


def _railway_km(route: Route, part: shapely.Geometry) -> float:
    """Chainage covered by the line pieces of ``part`` (points on the route line)."""
    pieces = [g for g in shapely.get_parts(part) if g.geom_type == "LineString"]
    if not pieces:
        return 0.0
    ends = np.array([[*g.coords[0], *g.coords[-1]] for g in pieces])
    start = locate_many(route, ends[:, 1], ends[:, 0], reach=math.inf).km
    end = locate_many(route, ends[:, 3], ends[:, 2], reach=math.inf).km
    return float(np.abs(end - start).sum())


def province_polygons(route: Route, country: str = "") -> dict[str, shapely.Geometry]:
    """Province polygons of ``country`` (default: the countries the stations are in), by name,
    from ``gazetteer.boundaries``; RouteError when there are none."""
    from shapely.geometry import shape

    from incimap.gazetteer import boundaries

    codes = [country.upper()] if country else route_countries(route)
    polygons = {
        feature["properties"]["name"]: shape(feature["geometry"])
        for code in codes
        for feature in boundaries.provinces_geojson(code)["features"]
    }
    if not polygons:
        raise RouteError(f"no province polygons for {', '.join(codes) or 'the route'}")
    return polygons


def route_countries(route: Route) -> list[str]:
    """ISO codes of the countries the route's stations lie in, in travel order."""
    from shapely.geometry import shape

    from incimap.gazetteer import boundaries

    lons = np.array([s.lon for s in route.stations])
    lats = np.array([s.lat for s in route.stations])
    first_seen: dict[str, int] = {}
    for feature in boundaries.countries_geojson()["features"]:
        geom = shape(feature["geometry"])
        minx, miny, maxx, maxy = geom.bounds
        near = (lons >= minx) & (lons <= maxx) & (lats >= miny) & (lats <= maxy)
        if not near.any():
            continue
        inside = np.flatnonzero(near)[shapely.contains_xy(geom, lons[near], lats[near])]
        if inside.size:
            first_seen[feature["properties"]["iso_a2"].upper()] = int(inside[0])
    return sorted(first_seen, key=first_seen.get)


MAX_SEGMENTS = 10_000


def counts_by_segment(incidents: Iterable[Incident] | gpd.GeoDataFrame, route: Route,
                      segment_km: float = 50.0,
                      max_offset_km: float | None = 50.0) -> gpd.GeoDataFrame:
    """Incident counts along the route in ``segment_km`` stretches of railway km.

    Only incidents with a railway km (within the route's reach) are counted, and of those not
    the ones farther than ``max_offset_km`` from the line (None: all within reach). Each row
    carries the stretch of line as its geometry.
    """
    if not segment_km > 0:
        raise RouteError(f"segment length must be positive, got {segment_km}")
    km = np.asarray(station_chainages(route))
    # Each segment is a row and a piece of line: a bound keeps memory and time in check.
    if (km[-1] - km[0]) / segment_km > MAX_SEGMENTS:
        least = (km[-1] - km[0]) / MAX_SEGMENTS
        raise RouteError(f"segment length {segment_km:g} km cuts the {km[-1] - km[0]:,.0f} km "
                         f"route into more than {MAX_SEGMENTS:,} segments; use {least:.3g} km "
                         "or more")
    frame = as_incident_frame(incidents, route)
    edges = np.arange(km[0], km[-1], segment_km)
    edges = np.append(edges, km[-1])
    near = frame["route_km"].notna()
    if max_offset_km is not None:
        near &= frame["offset_km"] <= max_offset_km
    values = frame.loc[near, "route_km"].to_numpy(float)
    counts, _ = np.histogram(values, bins=edges)
    rows = [{"start_km": round(float(a), 3), "end_km": round(float(b), 3), "incidents": int(n),
             "from_station": _station_at(route, km, a), "to_station": _station_at(route, km, b)}
            for a, b, n in zip(edges[:-1], edges[1:], counts, strict=True)]
    geoms = [line_between(route, a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]
    return _frame(rows, geoms, ("start_km", "end_km", "incidents", "from_station", "to_station"))


def _station_at(route: Route, km: np.ndarray, at: float) -> str:
    """Name of the last station at or before railway km ``at``."""
    i = int(np.clip(np.searchsorted(km, at + 1e-9, side="right") - 1, 0, len(km) - 1))
    return route.stations[i].name
