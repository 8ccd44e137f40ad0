"""GeoDataFrames (EPSG:4326) of incidents, mentions, the route, its stations and uncertainty
shapes, and the spatial analyses over them (corridor, length by province, counts by segment).

Columns hold plain values (str, int, float, None) so every export format can take them as they
are. Incident columns use ACLED's names, so a CSV export reads like an ACLED download.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point
from shapely.ops import substring

from geo.exceptions import RouteError
from geo.models import Incident, Mention, Place, Route
from geo.route import (
    GEOD,
    _index,
    line_length_km,
    locate_many,
    projected_crs,
    route_line,
    station_chainages,
)
from geo.uncertainty import uncertainty_of

CRS = "EPSG:4326"

# ACLED's column names, in ACLED's order, then ours.
INCIDENT_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "actor2", "iso", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "injured", "hostages", "rescued", "title", "curated", "route_km", "offset_km",
    "uncertainty_km",
)
MENTION_COLUMNS = (
    "surface", "start", "end", "role", "hint", "location", "feature_type", "gazetteer_id",
    "country", "admin1", "admin2", "latitude", "longitude", "geo_precision", "uncertainty_km",
    "score", "match_kind", "sentence", "route_km", "offset_km",
)
STATION_COLUMNS = ("seq", "name", "place_id", "km", "chainage_km", "line_km", "latitude",
                   "longitude", "source")
ROUTE_COLUMNS = ("name", "source", "notes", "stations", "km_start", "km_end", "line_length_km")
UNCERTAINTY_COLUMNS = ("ref", "item", "name", "geo_precision", "uncertainty_km", "shape",
                       "shape_radius_km")


# --------------------------------------------------------------------------- frames


def incidents_frame(incidents: Iterable[Incident], route: Route | None = None) -> gpd.GeoDataFrame:
    """One row per incident, ACLED columns; route_km/offset_km from ``route`` where missing."""
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
    """The route as one LineString feature."""
    km = station_chainages(route)
    row = {"name": route.name, "source": route.source, "notes": route.notes,
           "stations": len(route.stations), "km_start": km[0], "km_end": km[-1],
           "line_length_km": round(line_length_km(route), 3)}
    return _frame([row], [route_line(route)], ROUTE_COLUMNS)


def stations_frame(route: Route) -> gpd.GeoDataFrame:
    """One point per station: its km post (None where unpublished) and calibrated chainage."""
    chainage = station_chainages(route)
    line_km = _index(route).line_pos
    rows = [
        {"seq": i, "name": s.name, "place_id": s.place_id, "km": s.km,
         "chainage_km": round(chainage[i], 3), "line_km": round(float(line_km[i]), 3),
         "latitude": s.lat, "longitude": s.lon, "source": s.source}
        for i, s in enumerate(route.stations)
    ]
    return _frame(rows, [Point(s.lon, s.lat) for s in route.stations], STATION_COLUMNS)


def uncertainty_frame(items: Iterable[Incident | Mention | Place]) -> gpd.GeoDataFrame:
    """One polygon per incident, mention or place that has a place: where it could be."""
    rows, geoms = [], []
    for item in items:
        shape = uncertainty_of(item)
        if shape is None:
            continue
        rows.append(_uncertainty_row(item, shape))
        geoms.append(shape.geometry)
    return _frame(rows, geoms, UNCERTAINTY_COLUMNS)


# Column types, so that None stays a null and every format keeps ints as ints.
_INT_COLUMNS = frozenset({
    "year", "time_precision", "iso", "geo_precision", "fatalities", "injured", "hostages",
    "rescued", "start", "end", "seq", "stations", "incidents",
})
_FLOAT_COLUMNS = frozenset({
    "latitude", "longitude", "route_km", "offset_km", "uncertainty_km", "score", "km",
    "chainage_km", "line_km", "km_start", "km_end", "line_length_km", "shape_radius_km",
    "start_km", "end_km",
})
_BOOL_COLUMNS = frozenset({"curated"})


def _frame(rows: list[dict], geoms: list, columns: Sequence[str]) -> gpd.GeoDataFrame:
    data = pd.DataFrame(rows, columns=list(columns))
    for column in data.columns:
        if column in _INT_COLUMNS:
            data[column] = data[column].astype("Int64")
        elif column in _FLOAT_COLUMNS:
            data[column] = data[column].astype("float64")
        elif column in _BOOL_COLUMNS:
            data[column] = data[column].astype(bool)
        else:
            data[column] = data[column].map(lambda v: "" if v is None else str(v)).astype(object)
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


def _point(place: Place | None):
    return Point(place.lon, place.lat) if place is not None else None


def _incident_row(incident: Incident) -> dict:
    place = incident.location
    year = int(incident.event_date[:4]) if incident.event_date[:4].isdigit() else None
    country = place.country if place else ""
    return {
        "event_id_cnty": incident.id,
        "event_date": incident.event_date,
        "year": year,
        "time_precision": incident.time_precision,
        "disorder_type": disorder_type(incident.event_type, incident.sub_event_type),
        "event_type": incident.event_type,
        "sub_event_type": incident.sub_event_type,
        "actor1": incident.actor1,
        "actor2": incident.actor2,
        "iso": _iso_numeric(country),
        "country": _country_name(country),
        "admin1": place.admin1 if place else "",
        "admin2": place.admin2 if place else "",
        "location": place.name if place else "",
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": incident.geo_precision,
        "source": incident.source,
        "notes": incident.notes,
        "fatalities": incident.fatalities,
        "injured": incident.count("injured"),
        "hostages": incident.count("hostages"),
        "rescued": incident.count("rescued"),
        "title": incident.title,
        "curated": incident.curated,
        "route_km": incident.route_km,
        "offset_km": incident.offset_km,
        "uncertainty_km": place.uncertainty_km if place else None,
    }


def _mention_row(mention: Mention) -> dict:
    place = mention.place
    return {
        "surface": mention.surface,
        "start": mention.span.start,
        "end": mention.span.end,
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
    """Locate rows that have a point but no route_km along ``route`` (vectorised)."""
    if route is None or frame.empty:
        return frame
    todo = frame["route_km"].isna() & frame["latitude"].notna()
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
    country = _country(code)
    return country.name if country else code


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
    if not km > 0:
        raise RouteError(f"corridor width must be positive, got {km}")
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
                       country: str = "") -> dict[str, float]:
    """Geodesic km of the route line inside each province polygon (WGS84 polygons).

    ``provinces`` defaults to the gazetteer's boundaries for ``country`` (or for the countries
    the route's stations fall in); RouteError when no polygons are available.
    """
    if provinces is None:
        provinces = province_polygons(route, country)
    line = route_line(route)
    lengths = {}
    for name, polygon in provinces.items():
        part = line.intersection(polygon)
        if not part.is_empty:
            lengths[name] = round(GEOD.geometry_length(part) / 1000.0, 3)
    return dict(sorted(lengths.items(), key=lambda kv: -kv[1]))


def province_polygons(route: Route, country: str = "") -> dict[str, shapely.Geometry]:
    """Province polygons from ``gazetteer.boundaries``, keyed by name."""
    try:
        from gazetteer import boundaries
    except ImportError:
        boundaries = None
    list_fn = getattr(boundaries, "province_shapes", None) or getattr(boundaries, "provinces",
                                                                      None)
    if list_fn is None:
        raise RouteError("province polygons are unavailable (gazetteer.boundaries has none)")
    codes = [country] if country else _route_countries(route, boundaries)
    shapes: dict[str, shapely.Geometry] = {}
    for code in codes:
        found = list_fn(code)
        items = found.items() if isinstance(found, Mapping) else found
        for name, geom in items:
            if geom is not None:
                shapes[name] = geom
    if not shapes:
        raise RouteError(f"no province polygons for {', '.join(codes) or 'the route'}")
    return shapes


def _route_countries(route: Route, boundaries) -> list[str]:
    """ISO codes of the countries the route's stations are in, through the stations' places."""
    finder = getattr(boundaries, "country_at", None)
    if finder is None:
        return ["PK"] if _mostly_in_pakistan(route) else []
    codes = []
    for s in route.stations:
        code = finder(s.lat, s.lon)
        if code and code not in codes:
            codes.append(code)
    return codes


def _mostly_in_pakistan(route: Route) -> bool:
    # A bounding-box guess used only when the gazetteer cannot tell a point's country.
    inside = [23.5 <= s.lat <= 37.2 and 60.8 <= s.lon <= 77.9 for s in route.stations]
    return sum(inside) * 2 > len(inside)


def counts_by_segment(incidents: Iterable[Incident] | gpd.GeoDataFrame, route: Route,
                      segment_km: float = 50.0,
                      max_offset_km: float | None = 50.0) -> gpd.GeoDataFrame:
    """Incident counts along the route in ``segment_km`` stretches of railway km.

    Incidents farther than ``max_offset_km`` from the line are not counted (None counts all).
    Each row carries the stretch of line as its geometry.
    """
    if not segment_km > 0:
        raise RouteError(f"segment length must be positive, got {segment_km}")
    frame = as_incident_frame(incidents, route)
    km = np.asarray(station_chainages(route))
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
    geoms = [_line_between(route, a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]
    return _frame(rows, geoms, ("start_km", "end_km", "incidents", "from_station", "to_station"))


def _station_at(route: Route, km: np.ndarray, at: float) -> str:
    """Name of the last station at or before railway km ``at``."""
    i = int(np.clip(np.searchsorted(km, at + 1e-9, side="right") - 1, 0, len(km) - 1))
    return route.stations[i].name


def _line_between(route: Route, km_a: float, km_b: float):
    """The WGS84 stretch of line between two railway km."""
    idx = _index(route)
    pos_a, pos_b = np.interp([km_a, km_b], idx.station_km, idx.proj_pos)
    part = substring(idx.line_proj, pos_a, pos_b)
    return shapely.transform(part, lambda xy: np.column_stack(
        idx.to_wgs.transform(xy[:, 0], xy[:, 1])))
