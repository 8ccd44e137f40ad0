"""Basemaps: an offline outline map (default) and optional online tile layers.

The outline map draws country and province outlines from ``gazetteer.boundaries`` as
vectors inside the page, so a map opened with no internet still has context and makes
no tile request. Online tiles (OpenStreetMap, OpenTopoMap for the mountains, Esri
imagery) are offered in the layer control but never shown on opening: Leaflet only
requests tiles of a layer that is on the map.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

# (xyzservices provider path, label in the layer control)
TILE_PROVIDERS = (
    ("OpenStreetMap.Mapnik", "OpenStreetMap (online)"),
    ("OpenTopoMap", "OpenTopoMap terrain (online)"),
    ("Esri.WorldImagery", "Esri satellite imagery (online)"),
)

# Outlines kept around the data: countries within this margin of the data's bounds.
CONTEXT_MARGIN_DEG = 8.0
# Display generalisation of outlines (degrees of the drawing, not a distance computation):
# ~0.01 degree is ~1 km, below a pixel at the zooms where whole provinces are in view.
SIMPLIFY_DEG = 0.01
OUTLINE_DIGITS = 3

NAME_KEYS = ("name", "NAME", "name_en", "NAME_EN", "admin", "ADMIN", "shapeName")
COUNTRY_KEYS = ("iso_a2", "ISO_A2", "country", "country_code", "iso2", "cc")


def tile_providers() -> list[tuple[object, str]]:
    """(xyzservices TileProvider, label) of each online tile layer."""
    import xyzservices.providers as providers

    found = []
    for path, label in TILE_PROVIDERS:
        provider = providers
        try:
            for part in path.split("."):
                provider = provider[part]
        except KeyError:  # an older xyzservices without it: offer the others
            continue
        found.append((provider, label))
    return found


def _property(props: dict, keys: Iterable[str]) -> str:
    for key in keys:
        value = props.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def _boundaries_module():
    from incimap.gazetteer import boundaries

    return boundaries


def _collection(fetch, *args) -> dict | None:
    """A FeatureCollection from a boundaries function (a broken file raises DataError)."""
    collection = fetch(*args)
    return collection if isinstance(collection, dict) else None


def _generalise(collection: dict | None, keep, kind: str) -> list[dict]:
    """Features for which ``keep(geometry, country_code)`` holds, simplified and rounded."""
    if not collection:
        return []
    import shapely
    from shapely.geometry import mapping, shape

    out = []
    for feature in collection.get("features", []):
        geometry = feature.get("geometry")
        props = feature.get("properties") or {}
        if not geometry:
            continue
        try:
            geom = shape(geometry)
        except Exception:  # noqa: BLE001 - skip a broken outline rather than fail the map
            continue
        country = _property(props, COUNTRY_KEYS)
        if geom.is_empty or not keep(geom, country.upper()):
            continue
        geom = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
        geom = shapely.set_precision(geom, 10 ** -OUTLINE_DIGITS)
        if geom.is_empty:
            continue
        label = geom.representative_point()
        out.append({
            "type": "Feature",
            "geometry": mapping(geom),
            "properties": {
                "kind": kind,
                "name": _property(props, NAME_KEYS),
                "country": country,
                "label_lat": round(label.y, OUTLINE_DIGITS),
                "label_lon": round(label.x, OUTLINE_DIGITS),
            },
        })
    return out


def padded_bounds(bounds: tuple[float, float, float, float],
                  margin: float = CONTEXT_MARGIN_DEG) -> tuple[float, float, float, float]:
    west, south, east, north = bounds
    return (max(-180.0, west - margin), max(-90.0, south - margin),
            min(180.0, east + margin), min(90.0, north + margin))


def outline_basemap(bounds: tuple[float, float, float, float] | None,
                    countries: Iterable[str] = (),
                    province_countries: Iterable[str] = ()) -> dict | None:
    """Country and province outlines for the offline basemap, or None without boundary data.

    Countries: those near ``bounds`` (the main data) and those named in ``countries`` (so a
    context place far away still sits on a drawn country). Provinces: only inside
    ``province_countries`` (where the incidents are), to keep the page small.
    Returns ``{"countries": [...], "provinces": [...], "attribution": html}``.
    """
    module = _boundaries_module()
    if module is None:
        return None
    from shapely.geometry import box

    area = box(*padded_bounds(bounds)) if bounds else None
    wanted = {c.upper() for c in countries if c}
    inside = {c.upper() for c in province_countries if c}

    def keep_country(geom, code: str) -> bool:
        return code in wanted or area is None or geom.intersects(area)

    country_features = _generalise(
        _collection(getattr(module, "countries_geojson", lambda: None)), keep_country, "country")
    province_features: list[dict] = []
    fetch_provinces = getattr(module, "provinces_geojson", None)
    if fetch_provinces is not None:
        for code in sorted(inside):
            province_features += _generalise(_collection(fetch_provinces, code),
                                             lambda _g, _c: True, "province")
    if not country_features and not province_features:
        return None
    attribution = getattr(module, "ATTRIBUTION", "") or "Outlines: Natural Earth (public domain)"
    return {"countries": country_features, "provinces": province_features,
            "attribution": html.escape(str(attribution))}
