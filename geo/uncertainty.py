"""Uncertainty as geometry: where an incident or place could be, as a WGS84 polygon.

A place known only as a province (ACLED precision 3) is the province's polygon when the
gazetteer has one; a district is its district polygon when known; anything else is a geodesic
circle of the place's uncertainty radius. Polygons are wound counter-clockwise (RFC 7946).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from incimap.geo.models import Incident, Mention, Place

GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Uncertainty:
    """The shape a place could be anywhere inside, and what that shape is."""

    geometry: BaseGeometry  # WGS84 lon/lat
    kind: str  # circle | province | district | country
    radius_km: float  # the radius of the circle, or of a circle of the same area


def circle(lat: float, lon: float, radius_km: float, segments: int = 64) -> Polygon:
    """A geodesic circle (true km on the ellipsoid) around a point, counter-clockwise."""
    if radius_km <= 0:
        raise ValueError(f"radius must be positive, got {radius_km}")
    azimuths = np.linspace(0.0, 360.0, segments, endpoint=False)
    lons, lats, _ = GEOD.fwd(np.full(segments, lon), np.full(segments, lat), azimuths,
                             np.full(segments, radius_km * 1000.0))
    # Azimuths turn clockwise; reversing gives the counter-clockwise ring RFC 7946 wants.
    return Polygon(list(zip(lons[::-1], lats[::-1], strict=True)))


def place_of(item: Incident | Mention | Place) -> Place | None:
    if isinstance(item, Place):
        return item
    if isinstance(item, Incident):
        return item.location
    return item.place


_INSTALLED = object()  # "use gazetteer.boundaries if it is installed"


def uncertainty_of(item: Incident | Mention | Place, *, segments: int = 64,
                   boundaries: Any = _INSTALLED) -> Uncertainty | None:
    """The uncertainty shape of an incident, mention or place; None if it has no place.

    ``boundaries`` is any object with ``province_shape(name, country)``,
    ``country_shape(iso_a2)`` and optionally ``district_shape(name, country)``; None means
    circles only.
    """
    place = place_of(item)
    if place is None:
        return None
    if boundaries is _INSTALLED:
        boundaries = _installed_boundaries()
    polygon = _known_polygon(place, boundaries) if boundaries is not None else None
    if polygon is not None:
        geom, kind = polygon
        area_km2 = abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6
        return Uncertainty(shapely.orient_polygons(geom), kind, float(np.sqrt(area_km2 / np.pi)))
    radius = place.uncertainty_km
    return Uncertainty(circle(place.lat, place.lon, radius, segments), "circle", radius)


def _known_polygon(place: Place, boundaries: Any) -> tuple[BaseGeometry, str] | None:
    """The administrative polygon standing for an imprecise place, when boundaries are known."""
    lookups: list[tuple[str, str, tuple[Any, ...]]] = []
    if place.feature_type == "country" and place.country:
        lookups.append(("country", "country_shape", (place.country,)))
    elif place.feature_type == "province":
        lookups.append(("province", "province_shape", (place.name, place.country)))
    elif place.feature_type == "district":
        lookups.append(("district", "district_shape", (place.name, place.country)))
    for kind, fn_name, args in lookups:
        fn = getattr(boundaries, fn_name, None)
        if fn is None:
            continue
        geom = fn(*args)  # a broken boundary file is an error, not a silent circle
        if geom is not None and not geom.is_empty:
            return geom, kind
    return None


def _installed_boundaries():
    """``gazetteer.boundaries``, imported late (it loads shapely)."""
    from incimap.gazetteer import boundaries

    return boundaries
