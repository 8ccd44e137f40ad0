"""Part of a country or province named by a direction: "southern Thailand", "north-west
Pakistan", "eastern Congo".

An incident placed only at its country or province is placed at that part instead, when
the report says which part: the centre of the division's outline within that third of
its bounding box (for "north-west", the northern and the western half), with the radius
of a circle of that part's area. Still ACLED precision 3 (a region), but hundreds of km
nearer than the country's centre. The name itself still refers to the country, so only
the incident's location changes, not the mention's place.
"""

from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

from incimap.geo.models import Mention, Place
from incimap.geo.reader import english


def direction_before(m: Mention) -> str:
    """The compass part written right before the name ("in southern X"): 'n', 'se', ...
    or ''."""
    at = m.span.start - m.sentence.start
    found = english.DIRECTION_BEFORE.search(m.sentence.text[max(0, at - 30) : at])
    if not found:
        return ""
    word = found.group("dir").lower().replace("-", "").replace(" ", "")
    return english.DIRECTION_PARTS.get(word, "")


def part_of(place: Place, part: str) -> Place | None:
    """The ``part`` ('n', 'sw', ...) of a country or province, or None when its outline
    is unknown."""
    if place.feature_type not in ("country", "province") or not part:
        return None
    found = _part(place.feature_type, place.name, place.country, part)
    if found is None:
        return None
    lat, lon, radius = found
    word = english.DIRECTION_NAMES[part]
    return replace(place, name=f"{word} {place.name}", feature_type="region", lat=lat,
                   lon=lon, radius_km=radius, precision=3, population=0, gazetteer_id="",
                   source=f"{place.source}; the {word} part of its outline (Natural Earth)")


@lru_cache(maxsize=512)
def _part(kind: str, name: str, country: str, part: str) -> tuple[float, float, float] | None:
    from shapely.geometry import box

    from incimap.gazetteer.boundaries import country_shape, province_shape

    shape = country_shape(country) if kind == "country" else province_shape(name, country)
    if shape is None or shape.is_empty:
        return None
    # The largest piece only: islands far off ("the south of France") are not its south.
    pieces = getattr(shape, "geoms", [shape])
    shape = max(pieces, key=lambda g: g.area)
    x0, y0, x1, y1 = shape.bounds
    # A third of the box's height or width for a side ("southern"); for a corner
    # ("north-west") the half that way on both axes, as usage means the north of the west.
    cut = 2 if len(part) == 2 else 3
    w, h = (x1 - x0) / cut, (y1 - y0) / cut
    lo_y, hi_y = (y1 - h, y1) if "n" in part else (y0, y0 + h) if "s" in part else (y0, y1)
    lo_x, hi_x = (x1 - w, x1) if "e" in part else (x0, x0 + w) if "w" in part else (x0, x1)
    if part == "c":
        lo_x, hi_x, lo_y, hi_y = x0 + w, x1 - w, y0 + h, y1 - h
    piece = shape.intersection(box(lo_x, lo_y, hi_x, hi_y))
    if piece.is_empty:
        return None
    # A point on the land of that part, near its centre of mass.
    centre = piece.centroid if piece.contains(piece.centroid) else piece.representative_point()
    lat = centre.y
    km2 = piece.area * 111.32 ** 2 * math.cos(math.radians(lat))
    return round(lat, 5), round(centre.x, 5), round(math.sqrt(km2 / math.pi), 1)
