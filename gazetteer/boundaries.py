"""Offline country and province outlines for the basemap and for uncertainty shapes.

The data ship in ``seeds/boundaries/`` as small GeoJSON files, derived once from public-domain
Natural Earth data (see ``seeds/boundaries/README.md``). Nothing here touches the network.
Shapely is imported inside the functions that build geometries, so importing this module is cheap.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from incimap.gazetteer.errors import DataError
from incimap.gazetteer.normalize import normalize
from incimap.seeds import SEEDS_DIR

BOUNDARIES_DIR = SEEDS_DIR / "boundaries"
COUNTRIES_FILE = BOUNDARIES_DIR / "countries.geojson"
PROVINCES_FILE = BOUNDARIES_DIR / "provinces.geojson"

# Words that name the kind of division rather than the division ("Punjab Province").
_GENERIC_WORDS = {"province", "provinces", "state", "territory", "region", "the", "of"}


def normalize_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key for a division name, without the
    generic words ("province", "and") that some sources add."""
    words = [w for w in normalize(name).split() if w != "and" and w not in _GENERIC_WORDS]
    return " ".join(words)


def _read_feature_collection(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataError("boundary file missing", path=str(path)) from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read boundary GeoJSON ({exc})", path=str(path)) from exc
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        raise DataError("not a GeoJSON FeatureCollection", path=str(path))
    return data


@lru_cache(maxsize=1)
def _countries() -> dict:
    return _read_feature_collection(COUNTRIES_FILE)


@lru_cache(maxsize=1)
def _provinces() -> dict:
    return _read_feature_collection(PROVINCES_FILE)


def countries_geojson() -> dict:
    """Country outlines as a FeatureCollection (properties: name, iso_a2); a fresh copy."""
    return copy.deepcopy(_countries())


def provinces_geojson(country: str | None = None) -> dict:
    """First-level divisions as a FeatureCollection (properties: name, country, alt_names).

    ``country`` (ISO 3166-1 alpha-2, any case) keeps only that country's divisions.
    """
    features = _provinces()["features"]
    if country:
        wanted = country.upper()
        features = [f for f in features if f["properties"].get("country", "").upper() == wanted]
    return {"type": "FeatureCollection", "features": copy.deepcopy(features)}


def _feature_names(feature: dict) -> list[str]:
    props = feature["properties"]
    return [props.get("name", ""), *props.get("alt_names", [])]


@lru_cache(maxsize=1)
def _province_index() -> dict[tuple[str, str], int]:
    """(country, normalized name or alternate) -> feature position; first name wins."""
    index: dict[tuple[str, str], int] = {}
    for pos, feature in enumerate(_provinces()["features"]):
        country = feature["properties"].get("country", "").upper()
        for name in _feature_names(feature):
            key = normalize_name(name)
            if key:
                index.setdefault((country, key), pos)
    return index


@lru_cache(maxsize=256)
def _province_geometry(pos: int):
    from shapely.geometry import shape

    return shape(_provinces()["features"][pos]["geometry"])


@lru_cache(maxsize=256)
def _country_geometry(iso_a2: str):
    from shapely.geometry import shape

    for feature in _countries()["features"]:
        if feature["properties"].get("iso_a2", "").upper() == iso_a2:
            return shape(feature["geometry"])
    return None


def province_shape(name: str, country: str = ""):
    """Shapely geometry of a first-level division, or None when unknown.

    Matching ignores case, accents, punctuation and words like "Province"; alternates such as
    "NWFP" or "Azad Jammu and Kashmir" are accepted. ``country`` (ISO alpha-2) narrows the search.
    """
    key = normalize_name(name)
    if not key:
        return None
    index = _province_index()
    wanted = country.upper()
    for (iso, alias), pos in index.items():
        if alias == key and (not wanted or iso == wanted):
            return _province_geometry(pos)
    return None


def country_shape(iso_a2: str):
    """Shapely geometry of a country by ISO 3166-1 alpha-2 code, or None when unknown."""
    if not iso_a2:
        return None
    return _country_geometry(iso_a2.upper())


def clear_cache() -> None:
    """Forget every loaded file and built geometry (for tests or after replacing the files)."""
    for cached in (_countries, _provinces, _province_index, _province_geometry, _country_geometry):
        cached.cache_clear()
