"""A railway route as data and geometry, and linear referencing along it.

A route file is a CSV of stations in travel order (``name,place_id,lat,lon,km,...``) with
optional ``# key: value`` metadata lines on top. ``km`` is the railway's own chainage from the
first station where a km post is published, empty where it is not.

Linear referencing works in two lengths:
- *line length*: the geodesic length along the polyline through the stations;
- *railway km*: the official chainage. Between two stations with known km, a point's chainage is
  interpolated linearly by its fraction of the line length between them, so answers read in the
  railway's km posts (the track winds more than the polyline does) rather than in polyline km.

Nearest points are found in a conformal conic projection fitted to the route (see
``projected_crs``); offsets are then measured geodesically between the point and that nearest
point, so no distance is ever computed in degrees.

A chainage is only given within the route's *reach* (``# reach_km:``, default
``DEFAULT_REACH_KM``): farther away, the km of the nearest point of the line says nothing about
where a place is, so ``km`` is None and only the offset is reported.

The line is a chain of straight chords between stations, not track geometry (none is available
offline). ``segments`` says which chords are *interpolated*: an end whose coordinates were
estimated (``coord_quality`` = ``estimated``), or a track much longer than its chord.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry import LineString
from shapely.ops import substring

from incimap import seeds
from incimap.geo.exceptions import DataError, RouteError
from incimap.geo.fileio import read_text
from incimap.geo.models import Route, Station

WGS84 = "EPSG:4326"
GEOD = Geod(ellps="WGS84")

REQUIRED_COLUMNS = ("name", "lat", "lon")
COORD_QUALITIES = ("surveyed", "estimated")

# Why 25 km: beyond it a place is no longer "on the line" in any sense a reader would use (a
# railway's stations, sidings and works lie within a few km of it), and it covers the widest
# uncertainty of the estimated Bolan stations (radius up to 24 km in seeds/places.csv).
DEFAULT_REACH_KM = 25.0
# A chord stands for a curving track when the track is this much longer than the chord and
# could lie farther than CHORD_TOLERANCE_KM from it; below that, the town points the stations
# are placed on (1-3 km off) explain the difference.
CHORD_RATIO = 1.15
CHORD_TOLERANCE_KM = 5.0
_META_LINE = re.compile(r"^#\s*([A-Za-z_][\w-]*)\s*:\s*(.*)$")

PlaceResolver = Callable[[str], "tuple[float, float] | None"]


# --------------------------------------------------------------------------- loading


def load_route(path: str | Path = seeds.DEFAULT_ROUTE, *,
               resolve: PlaceResolver | None = None) -> Route:
    """Read and validate a route CSV; every error names the file, line and field.

    Stations without coordinates are placed through their ``place_id`` with ``resolve``
    (default: the gazetteer, if installed); a station neither placed nor resolvable is an
    unknown station and an error.
    """
    name = str(path)
    text = read_text(path, what="route file")
    meta: dict[str, tuple[str, int]] = {}
    header: list[str] | None = None
    header_line = 0
    stations: list[Station] = []
    last_km: tuple[float, int] | None = None  # (km, line) of the last station with a km post
    resolver = resolve or _default_resolver
    for lineno, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            m = _META_LINE.match(stripped)
            if m and header is None:
                meta[m.group(1).lower()] = (m.group(2).strip(), lineno)
            continue
        cells = [c.strip() for c in next(csv.reader([raw]))]
        if header is None:
            header, header_line = [c.lower() for c in cells], lineno
            for column in REQUIRED_COLUMNS:
                if column not in header:
                    raise DataError("missing column in header", path=name, line=lineno,
                                    field=column)
            continue
        if len(cells) > len(header):
            raise DataError(f"{len(cells)} fields, header has {len(header)}", path=name,
                            line=lineno)
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        station = _station_from_row(row, name, lineno, resolver)
        if station.km is not None:
            if last_km is not None and station.km <= last_km[0]:
                raise DataError(
                    f"km {station.km:g} does not increase along the route "
                    f"(line {last_km[1]} has {last_km[0]:g})",
                    path=name, line=lineno, field="km")
            last_km = (station.km, lineno)
        stations.append(station)
    if header is None:
        raise DataError("no header line (name,lat,lon,...)", path=name)
    if len(stations) < 2:
        raise DataError(f"a route needs at least two stations, found {len(stations)}",
                        path=name, line=header_line)
    reach = None
    if "reach_km" in meta:
        text, lineno = meta["reach_km"]
        reach = _number(text, name, lineno, "reach_km", 0.0, math.inf)
        if reach <= 0:
            raise DataError(f"reach_km must be positive, got {text}", path=name, line=lineno,
                            field="reach_km")
    route = Route(
        name=meta.get("name", ("", 0))[0] or Path(name).stem,
        stations=tuple(stations),
        source=meta.get("source", ("", 0))[0],
        notes=meta.get("notes", ("", 0))[0],
        reach_km=reach,
    )
    if _line_lengths_km(route)[-1] <= 0:
        raise DataError("all stations are at the same point", path=name)
    return route


def _station_from_row(row: dict[str, str], path: str, line: int,
                      resolve: PlaceResolver) -> Station:
    name = row.get("name", "")
    if not name:
        raise DataError("empty station name", path=path, line=line, field="name")
    place_id = row.get("place_id", "")
    lat_text, lon_text = row.get("lat", ""), row.get("lon", "")
    if not lat_text and not lon_text:
        found = resolve(place_id) if place_id else None
        if found is None:
            why = f"place_id '{place_id}' not found" if place_id else "no lat/lon nor place_id"
            raise DataError(f"unknown station '{name}': {why}", path=path, line=line,
                            field="place_id" if place_id else "lat")
        lat, lon = found
    else:
        lat = _number(lat_text, path, line, "lat", -90.0, 90.0)
        lon = _number(lon_text, path, line, "lon", -180.0, 180.0)
    km_text = row.get("km", "")
    km = _number(km_text, path, line, "km", 0.0, math.inf) if km_text else None
    quality = row.get("coord_quality", "").lower()
    if quality and quality not in COORD_QUALITIES:
        raise DataError(f"'{quality}' is not one of {', '.join(COORD_QUALITIES)}", path=path,
                        line=line, field="coord_quality")
    return Station(name=name, lat=lat, lon=lon, km=km, place_id=place_id,
                   source=row.get("km_source", "") or row.get("source", ""),
                   line=(row.get("line") or "").strip(),
                   coord_source=row.get("coord_source", ""),
                   coord_estimated=quality == "estimated")


def _number(text: str, path: str, line: int, field: str, low: float, high: float) -> float:
    if not text:
        raise DataError("missing value", path=path, line=line, field=field)
    try:
        value = float(text)
    except ValueError:
        raise DataError(f"not a number: '{text}'", path=path, line=line, field=field) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise DataError(f"{text} is out of range [{low:g}, {high:g}]", path=path, line=line,
                        field=field)
    return value


def _default_resolver(place_id: str) -> tuple[float, float] | None:
    """Coordinates of a place id of the curated overlay (``seeds/places.csv``, or the file
    ``INCIMAP_OVERLAY`` names)."""
    from incimap.gazetteer.gazetteer import overlay_path

    return _overlay_coordinates(str(overlay_path())).get(place_id.removeprefix("overlay:"))


@functools.lru_cache(maxsize=4)
def _overlay_coordinates(path: str) -> dict[str, tuple[float, float]]:
    """``id -> (lat, lon)`` of an overlay CSV; rows without usable numbers are skipped."""
    if not Path(path).is_file():
        return {}
    found = {}
    for row in csv.DictReader(read_text(path, what="places overlay").splitlines()):
        try:
            found[row["id"]] = (float(row["lat"]), float(row["lon"]))
        except (KeyError, TypeError, ValueError):
            continue
    return found


# --------------------------------------------------------------------------- geometry


def route_line(route: Route) -> LineString:
    """The route in WGS84 (lon, lat), through every station in order."""
    return LineString([(s.lon, s.lat) for s in route.stations])


def projected_crs(route: Route) -> CRS:
    """A Lambert conformal conic fitted to the route's latitudes, in metres.

    Why this CRS: it is conformal (nearest points and buffers keep their shape) and its scale
    error depends only on latitude, so standard parallels at 1/6 and 5/6 of the route's
    latitude range keep it within a fraction of a percent for a route like Quetta - Peshawar
    (lat 27.7-34 N, 7 degrees of longitude across two UTM zones, where UTM 42N would be off by
    ~0.3% at Lahore). Routes near the equator get a transverse Mercator instead, where a
    conic degenerates. Lengths themselves are always measured geodesically.
    """
    lats = [s.lat for s in route.stations]
    lons = [s.lon for s in route.stations]
    south, north = min(lats), max(lats)
    lon_0 = (min(lons) + max(lons)) / 2
    if south <= 5 and north >= -5:  # touches the tropics band where a conic degenerates
        return CRS.from_proj4(f"+proj=tmerc +lat_0=0 +lon_0={lon_0:.4f} +k=1 +x_0=0 +y_0=0 "
                              "+ellps=WGS84 +units=m +no_defs")
    span = north - south
    lat_1, lat_2 = south + span / 6, north - span / 6
    lat_0 = (south + north) / 2
    return CRS.from_proj4(
        f"+proj=lcc +lat_0={lat_0:.4f} +lon_0={lon_0:.4f} +lat_1={lat_1:.4f} "
        f"+lat_2={lat_2:.4f} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs")


def line_length_km(route: Route) -> float:
    """Geodesic length of the polyline through the stations."""
    return float(_line_lengths_km(route)[-1])


def _line_lengths_km(route: Route) -> np.ndarray:
    """Cumulative geodesic length (km) at each station along the polyline."""
    lons = np.array([s.lon for s in route.stations])
    lats = np.array([s.lat for s in route.stations])
    _, _, seg = GEOD.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    return np.concatenate([[0.0], np.cumsum(np.atleast_1d(seg) / 1000.0)])


def station_chainages(route: Route) -> list[float]:
    """Railway km of every station: its km post, or interpolated between its neighbours'."""
    return [float(k) for k in _index(route).station_km]


def station_line_km(route: Route) -> list[float]:
    """Geodesic km along the polyline from the first station to each station."""
    return [float(k) for k in _index(route).line_pos]


def line_between(route: Route, km_from: float, km_to: float) -> LineString:
    """The stretch of the route (WGS84) between two railway km, clipped to the route."""
    idx = _index(route)
    pos_a, pos_b = np.interp([km_from, km_to], idx.station_km, idx.proj_pos)
    part = substring(idx.line_proj, pos_a, pos_b)
    return shapely.transform(part, lambda xy: np.column_stack(
        idx.to_wgs.transform(xy[:, 0], xy[:, 1])))


def reach_km(route: Route) -> float:
    """Distance from the line within which places get a railway km."""
    return route.reach_km if route.reach_km is not None else DEFAULT_REACH_KM


@dataclass(frozen=True)
class Segment:
    """The drawn chord from ``route.stations[index]`` to the next station."""

    index: int
    start: str
    end: str
    km_from: float  # railway chainage of its ends
    km_to: float
    chord_km: float  # geodesic length of the straight line drawn
    interpolated: bool  # not a faithful picture of the track: see note
    note: str


def segments(route: Route) -> list[Segment]:
    """Every chord between consecutive stations, flagged where it is interpolated.

    Interpolated: either end's coordinates were estimated, or the km posts make the track more
    than ``CHORD_RATIO`` times the chord and it could stray more than ``CHORD_TOLERANCE_KM``
    from it. The bound: every point of a track of length L between two points C apart lies in
    the ellipse with those foci and major axis L, so within (1/2)sqrt(L^2 - C^2) of the chord.
    """
    idx = _index(route)
    found = []
    for i, (a, b) in enumerate(pairwise(route.stations)):
        chord = float(idx.line_pos[i + 1] - idx.line_pos[i])
        why = []
        estimated = [s.name for s in (a, b) if s.coord_estimated]
        if estimated:
            why.append(f"coordinates of {' and '.join(estimated)} estimated, not surveyed")
        if a.km is not None and b.km is not None and b.km - a.km > CHORD_RATIO * chord:
            track = b.km - a.km
            stray = math.sqrt(track ** 2 - chord ** 2) / 2
            if stray > CHORD_TOLERANCE_KM:
                why.append(f"the track is {track:g} km by its km posts but {chord:.1f} km "
                           f"straight, so it curves and may lie up to {stray:.0f} km from "
                           "this line")
        note = ("Interpolated: " + "; ".join(why) + ". Drawn as a straight line."
                if why else "")
        found.append(Segment(i, a.name, b.name, float(idx.station_km[i]),
                             float(idx.station_km[i + 1]), chord, bool(why), note))
    return found


@dataclass(frozen=True)
class _RouteIndex:
    """Everything locate needs, computed once per route."""

    line_proj: LineString  # the route in the projected CRS
    to_proj: Transformer
    to_wgs: Transformer
    proj_pos: np.ndarray  # projected position (m) of each station along line_proj
    line_pos: np.ndarray  # geodesic position (km) of each station along the line
    station_km: np.ndarray  # railway km of each station (given or interpolated)


@functools.lru_cache(maxsize=16)
def _index(route: Route) -> _RouteIndex:
    _check_route(route)
    crs = projected_crs(route)
    to_proj = Transformer.from_crs(WGS84, crs, always_xy=True)
    to_wgs = Transformer.from_crs(crs, WGS84, always_xy=True)
    lons = np.array([s.lon for s in route.stations])
    lats = np.array([s.lat for s in route.stations])
    x, y = to_proj.transform(lons, lats)
    line_proj = LineString(np.column_stack([x, y]))
    seg = np.hypot(np.diff(x), np.diff(y))
    proj_pos = np.concatenate([[0.0], np.cumsum(seg)])
    line_pos = _line_lengths_km(route)
    station_km = _calibrate(line_pos, [s.km for s in route.stations])
    return _RouteIndex(line_proj, to_proj, to_wgs, proj_pos, line_pos, station_km)


def _check_route(route: Route) -> None:
    """What ``load_route`` guarantees, for routes built in code."""
    if len(route.stations) < 2:
        raise RouteError(f"route '{route.name}' needs at least two stations")
    posts = [s.km for s in route.stations if s.km is not None]
    if any(b <= a for a, b in zip(posts, posts[1:], strict=False)):
        raise RouteError(f"route '{route.name}': km posts do not increase along the route")
    if _line_lengths_km(route)[-1] <= 0:
        raise RouteError(f"route '{route.name}': all stations are at the same point")


def _calibrate(line_pos: np.ndarray, posts: Sequence[float | None]) -> np.ndarray:
    """Railway km at each station from the published km posts.

    The first station is km 0 unless it has a post. Between posts, km follows the line length
    linearly; past the last post it grows by the mean km-per-line-km of the calibrated part.
    """
    known = [(p, k) for p, k in zip(line_pos, posts, strict=True) if k is not None]
    if posts[0] is None:
        known.insert(0, (line_pos[0], 0.0))
    kp = np.array([p for p, _ in known])
    kk = np.array([k for _, k in known])
    ratio = (kk[-1] - kk[0]) / (kp[-1] - kp[0]) if len(kp) > 1 and kp[-1] > kp[0] else 1.0
    return _km_at(line_pos, kp, kk, ratio)


def _km_at(pos: np.ndarray, kp: np.ndarray, kk: np.ndarray, ratio: float) -> np.ndarray:
    km = np.interp(pos, kp, kk)
    after = pos > kp[-1]
    km[after] = kk[-1] + (pos[after] - kp[-1]) * ratio
    before = pos < kp[0]
    km[before] = kk[0] - (kp[0] - pos[before]) * ratio
    return km


# --------------------------------------------------------------------------- locate


@dataclass(frozen=True)
class RouteLocation:
    """Where a point lies along a route: railway km, offset from the line, neighbours."""

    km: float | None  # railway chainage from the first station; None beyond the route's reach
    offset_km: float  # geodesic distance from the point to the nearest point of the line
    before: str  # station at or before the nearest point
    after: str  # station after it
    line_lat: float  # the nearest point of the line (not the point located)
    line_lon: float
    reach_km: float  # the reach the km was given within

    @property
    def within_reach(self) -> bool:
        return self.km is not None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class RouteLocations:
    """``locate_many``'s answer: one array per field, aligned with the input points."""

    km: np.ndarray  # NaN beyond reach_km
    offset_km: np.ndarray
    before: np.ndarray  # station index before each point; names via ``route.stations``
    after: np.ndarray
    line_lon: np.ndarray
    line_lat: np.ndarray
    reach_km: float

    def __len__(self) -> int:
        return len(self.km)

    def at(self, route: Route, i: int) -> RouteLocation:
        km = float(self.km[i])
        return RouteLocation(
            km=km if math.isfinite(km) else None, offset_km=float(self.offset_km[i]),
            before=route.stations[int(self.before[i])].name,
            after=route.stations[int(self.after[i])].name,
            line_lat=float(self.line_lat[i]), line_lon=float(self.line_lon[i]),
            reach_km=self.reach_km)


def locate(route: Route, lat: float, lon: float, *,
           reach: float | None = None) -> RouteLocation:
    """Chainage (within reach), offset and neighbouring stations of one point."""
    return locate_many(route, [lat], [lon], reach=reach).at(route, 0)


def locate_many(route: Route, lats: Sequence[float] | np.ndarray,
                lons: Sequence[float] | np.ndarray, *,
                reach: float | None = None) -> RouteLocations:
    """Vectorised ``locate`` over arrays of points (shapely 2 and pyproj on whole arrays).

    ``km`` is NaN for points farther than ``reach`` km from the line (default: the route's
    ``reach_km``); pass ``math.inf`` for points known to be on the line.
    """
    lat = np.asarray(lats, dtype=float)
    lon = np.asarray(lons, dtype=float)
    if lat.shape != lon.shape or lat.ndim != 1:
        raise RouteError("lats and lons must be 1-d arrays of the same length")
    bad = ~(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise RouteError(f"point {i} is not a WGS84 lat/lon: ({lat[i]}, {lon[i]})")
    limit = reach_km(route) if reach is None else float(reach)
    if not limit > 0:
        raise RouteError(f"reach must be a positive number of km, got {reach}")
    idx = _index(route)
    x, y = idx.to_proj.transform(lon, lat)
    proj_s = shapely.line_locate_point(idx.line_proj, shapely.points(x, y))
    nearest = shapely.get_coordinates(shapely.line_interpolate_point(idx.line_proj, proj_s))
    near_lon, near_lat = idx.to_wgs.transform(nearest[:, 0], nearest[:, 1])
    _, _, dist_m = GEOD.inv(lon, lat, near_lon, near_lat)
    offset = np.atleast_1d(dist_m) / 1000.0
    seg = np.clip(np.searchsorted(idx.proj_pos, proj_s, side="right") - 1,
                  0, len(idx.proj_pos) - 2)
    seg_len = idx.proj_pos[seg + 1] - idx.proj_pos[seg]
    frac = np.divide(proj_s - idx.proj_pos[seg], seg_len, out=np.zeros_like(proj_s),
                     where=seg_len > 0)
    km = idx.station_km[seg] + frac * (idx.station_km[seg + 1] - idx.station_km[seg])
    km = np.where(offset <= limit, km, np.nan)
    return RouteLocations(
        km=km, offset_km=offset, before=seg, after=seg + 1,
        line_lon=np.atleast_1d(near_lon), line_lat=np.atleast_1d(near_lat), reach_km=limit)


def parse_lat_lon(text: str) -> tuple[float, float] | None:
    """``"29.86,67.33"`` -> (29.86, 67.33); None when the text is not a coordinate pair."""
    # nan, inf and exponents count as numbers here, so that the caller can refuse them rather
    # than geocode "nan,nan" as a place name.
    m = re.fullmatch(rf"\s*({_NUMBER})\s*(?:,|\s)\s*({_NUMBER})\s*", text, re.I)
    return (float(m.group(1)), float(m.group(2))) if m else None


_NUMBER = r"[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|nan|inf(?:inity)?)"
