"""Context labels for the offline basemap: countries, first-level divisions and towns.

An outline map alone is a blank field once zoomed in. These labels name the places
around the data, so a map of a new story says where it is at every zoom.

Which towns, and from which zoom: the largest town of each square of ``CELL_PX`` screen
pixels (Web Mercator) is labelled from the first zoom at which it is the largest of its
square, so big places show when zoomed out and smaller ones fill in as zoom allows,
about one label per square at every zoom. The page still hides any label that would
cover a marker or a label of the data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from incimap.geo.models import Incident, Mention, Route

# Countries and first-level divisions: from which zoom, up to which zoom.
AREA_ZOOMS = {"country": (3, 8), "province": (5, 10)}
TOWN_TYPES = ("city", "town", "village")
TOWN_ZOOMS = range(4, 12)  # town labels are chosen for these zooms
TOWN_MAX_ZOOM = 99  # a town's label never goes away when zooming in
CELL_PX = 110  # one town label per square this wide on screen
MAX_LABELS = 1500  # bounds the page's size (about 70 bytes each)
MIN_MARGIN_DEG = 1.0
MARGIN_SHARE = 0.25  # of the data's extent, added on each side
COORD_DIGITS = 4


@dataclass(frozen=True)
class ContextLabel:
    """A place name drawn on the basemap from ``min_zoom`` to ``max_zoom``."""

    name: str
    kind: str  # country | province | town
    lat: float
    lon: float
    min_zoom: int
    max_zoom: int
    population: int = 0

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "lat": round(self.lat, COORD_DIGITS),
                "lon": round(self.lon, COORD_DIGITS), "min_zoom": self.min_zoom,
                "max_zoom": self.max_zoom}


def _mercator_y(lat: float) -> float:
    """Web Mercator northing in degrees of longitude (so cells are square on screen)."""
    lat = max(-85.0, min(85.0, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def town_min_zooms(towns: Sequence[tuple[float, float]], zooms: Iterable[int] = TOWN_ZOOMS,
                   cell_px: int = CELL_PX) -> list[int | None]:
    """For (lat, lon) points in priority order, the first zoom at which each is the first of
    its screen square; None when it never is within ``zooms``."""
    found: list[int | None] = [None] * len(towns)
    for zoom in zooms:
        cell = cell_px * 360.0 / (256 * 2 ** zoom)
        taken: set[tuple[int, int]] = set()
        for k, (lat, lon) in enumerate(towns):
            key = (math.floor(lon / cell), math.floor(_mercator_y(lat) / cell))
            if key in taken:
                continue
            taken.add(key)
            if found[k] is None:
                found[k] = zoom
    return found


def padded(bounds: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    west, south, east, north = bounds
    margin = max(MIN_MARGIN_DEG, MARGIN_SHARE * max(east - west, north - south))
    return (max(-180.0, west - margin), max(-90.0, south - margin),
            min(180.0, east + margin), min(90.0, north + margin))


def context_labels(bounds: tuple[float, float, float, float] | None, gazetteer=None, *,
                   limit: int = MAX_LABELS) -> list[ContextLabel]:
    """Labels of countries, first-level divisions and towns around ``bounds``
    (west, south, east, north of the data), at most ``limit``, in drawing priority:
    by first zoom, then bigger places first, then by name."""
    if bounds is None:
        return []
    if gazetteer is None:
        from incimap.gazetteer.gazetteer import open_gazetteer

        gazetteer = open_gazetteer()
    area = padded(bounds)
    labels: list[ContextLabel] = []
    for row in gazetteer.places_within(area, tuple(AREA_ZOOMS)):
        low, high = AREA_ZOOMS[row.ftype]
        labels.append(ContextLabel(row.name, row.ftype, row.lat, row.lon, low, high,
                                   row.population))
    towns = [row for row in gazetteer.places_within(area, TOWN_TYPES) if row.population > 0]
    for row, zoom in zip(towns, town_min_zooms([(r.lat, r.lon) for r in towns]), strict=True):
        if zoom is not None:
            labels.append(ContextLabel(row.name, "town", row.lat, row.lon, zoom,
                                       TOWN_MAX_ZOOM, row.population))
    labels = _distinct(labels)
    labels.sort(key=lambda lab: (lab.min_zoom, -lab.population, lab.name, lab.lat, lab.lon))
    return labels[:limit]


def _distinct(labels: list[ContextLabel]) -> list[ContextLabel]:
    """One label per (kind, name) within a few km: stores may hold the same place twice."""
    seen: set[tuple] = set()
    out = []
    for lab in labels:
        key = (lab.kind, lab.name.casefold(), round(lab.lat, 1), round(lab.lon, 1))
        if key not in seen:
            seen.add(key)
            out.append(lab)
    return out


def data_bounds(incidents: Iterable[Incident] = (), route: Route | None = None,
                mentions: Iterable[Mention] = (),
                roles: Iterable[str] = ("event", "origin", "destination", "victims_from",
                                        "taken_to")) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of located incidents, the route's stations and the
    mentions in ``roles`` (the places the map opens on); None when there are none."""
    wanted = set(roles)
    points = [(i.location.lat, i.location.lon) for i in incidents if i.location is not None]
    points += [(m.place.lat, m.place.lon) for m in mentions
               if m.place is not None and m.role in wanted]
    if route is not None:
        points += [(s.lat, s.lon) for s in route.stations]
    points = [(lat, lon) for lat, lon in points
              if math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180]
    if not points:
        return None
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)
