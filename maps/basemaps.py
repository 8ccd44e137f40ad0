"""Basemaps: an offline outline map (default) and optional online tile layers.

The outline map draws country and province outlines from ``gazetteer.boundaries`` as
vectors inside the page, so a map opened with no internet still has context and makes
no tile request. Online tiles (OpenStreetMap, OpenTopoMap for the mountains, Esri
imagery) are offered in the layer control but never shown on opening: Leaflet only
requests tiles of a layer that is on the map.
"""

from __future__ import annotations

from collections.abc import Iterable

from maps.features import COORD_DIGITS

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


def _load_boundaries(countries_of_interest: set[str]) -> tuple[dict | None, dict | None]:
    """(countries, provinces) FeatureCollections from gazetteer.boundaries, or Nones."""
    try:
        from gazetteer import boundaries
    except ImportError:
        return None, None
    countries = provinces = None
    try:
        countries = boundaries.countries_geojson()
    except Exception:  # noqa: BLE001 - outlines are optional context, never fatal
        countries = None
    try:
        if countries_of_interest:
            features: list[dict] = []
            for code in sorted(countries_of_interest):
                fc = boundaries.provinces_geojson(code)
                features.extend((fc or {}).get("features", []))
            provinces = {"type": "FeatureCollection", "features": features}
        else:
            provinces = boundaries.provinces_geojson()
    except Exception:  # noqa: BLE001
        provinces = None
    return countries, provinces


def _generalise(collection: dict | None, bounds: tuple[float, float, float, float] | None,
                kind: str) -> list[dict]:
    """Features near ``bounds`` (west, south, east, north), simplified and rounded."""
    if not collection:
        return []
    import shapely
    from shapely.geometry import box, mapping, shape

    area = box(*bounds) if bounds else None
    out = []
    for feature in collection.get("features", []):
        geometry = feature.get("geometry")
        if not geometry:
            continue
        try:
            geom = shape(geometry)
        except Exception:  # noqa: BLE001 - skip a broken outline rather than fail the map
            continue
        if geom.is_empty or (area is not None and not geom.intersects(area)):
            continue
        geom = geom.simplify(SIMPLIFY_DEG, preserve_topology=True)
        geom = shapely.set_precision(geom, 10 ** -OUTLINE_DIGITS)
        if geom.is_empty:
            continue
        props = feature.get("properties") or {}
        out.append({
            "type": "Feature",
            "geometry": mapping(geom),
            "properties": {
                "kind": kind,
                "name": _property(props, NAME_KEYS),
                "country": _property(props, COUNTRY_KEYS),
            },
        })
    return out


def outline_basemap(bounds: tuple[float, float, float, float] | None,
                    countries_of_interest: Iterable[str] = ()) -> dict | None:
    """Country and province outlines around ``bounds`` for the offline basemap.

    Returns ``{"countries": [...], "provinces": [...]}`` GeoJSON features, or None when no
    boundary data is installed.
    """
    codes = {c.upper() for c in countries_of_interest if c}
    padded = None
    if bounds:
        west, south, east, north = bounds
        m = CONTEXT_MARGIN_DEG
        padded = (max(-180.0, west - m), max(-90.0, south - m),
                  min(180.0, east + m), min(90.0, north + m))
    countries, provinces = _load_boundaries(codes)
    country_features = _generalise(countries, padded, "country")
    province_features = _generalise(provinces, padded, "province")
    if not country_features and not province_features:
        return None
    return {"countries": country_features, "provinces": province_features}


def round_coordinates(value: object, digits: int = COORD_DIGITS) -> object:
    """Nested coordinate lists rounded (for geometry coming from elsewhere)."""
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, (list, tuple)):
        return [round_coordinates(v, digits) for v in value]
    return value
