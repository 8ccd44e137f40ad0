"""Offline country and province outlines: shapes, name matching, caching."""

from __future__ import annotations

import json

import pytest
from shapely import union_all
from shapely.geometry import Point

from incimap.gazetteer import boundaries
from incimap.gazetteer.boundaries import (
    countries_geojson,
    country_shape,
    normalize_name,
    province_shape,
    provinces_geojson,
)
from incimap.geo.exceptions import DataError

# GeoNames points (lon, lat)
QUETTA = Point(67.00141, 30.18414)
LAHORE = Point(74.35071, 31.558)
PESHAWAR = Point(71.57849, 34.008)
KARACHI = Point(67.0104, 24.8608)
GILGIT = Point(74.31245, 35.91869)
MUZAFFARABAD = Point(73.47082, 34.37002)
ISLAMABAD = Point(73.04329, 33.72148)
MIRAM_SHAH = Point(70.0783, 33.0086)  # former FATA
DELHI = Point(77.209, 28.6139)
KABUL = Point(69.1723, 34.5281)


@pytest.mark.parametrize(
    ("name", "city"),
    [
        ("Balochistan", QUETTA),
        ("Punjab", LAHORE),
        ("Khyber Pakhtunkhwa", PESHAWAR),
        ("Khyber Pakhtunkhwa", MIRAM_SHAH),
        ("Sindh", KARACHI),
        ("Gilgit-Baltistan", GILGIT),
        ("Azad Kashmir", MUZAFFARABAD),
        ("Islamabad Capital Territory", ISLAMABAD),
    ],
)
def test_capital_lies_inside_its_province(name, city):
    assert province_shape(name, "PK").contains(city)


@pytest.mark.parametrize(
    ("name", "other_city"),
    [("Balochistan", LAHORE), ("Punjab", PESHAWAR), ("Khyber Pakhtunkhwa", QUETTA),
     ("Sindh", QUETTA), ("Punjab", ISLAMABAD)],
)
def test_other_provinces_capitals_lie_outside(name, other_city):
    assert not province_shape(name, "PK").contains(other_city)


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("NWFP", "Khyber Pakhtunkhwa"),
        ("khyber-pakhtunkhwa", "Khyber Pakhtunkhwa"),
        ("KPK", "Khyber Pakhtunkhwa"),
        ("Azad Jammu and Kashmir", "Azad Kashmir"),
        ("Azad Jammu & Kashmir", "Azad Kashmir"),
        ("BALUCHISTAN", "Balochistan"),
        ("Balōchistān", "Balochistan"),
        ("Punjab Province", "Punjab"),
        ("Gilgit Baltistan", "Gilgit-Baltistan"),
        ("Islamabad", "Islamabad Capital Territory"),
    ],
)
def test_province_names_match_alternates_case_and_accents(alias, canonical):
    assert province_shape(alias).equals(province_shape(canonical))


@pytest.mark.parametrize(("name", "country"), [("Texas", ""), ("", ""), ("Punjab", "IN")])
def test_unknown_province_gives_none(name, country):
    assert province_shape(name, country) is None


def test_normalize_name_drops_case_accents_punctuation_and_generic_words():
    assert normalize_name("  Balōchistān Province ") == "balochistan"
    assert normalize_name("Azad Jammu & Kashmir") == normalize_name("Azad Jammu and Kashmir")


def test_provinces_do_not_overlap_and_fill_pakistan():
    shapes = [province_shape(f["properties"]["name"]) for f in provinces_geojson("PK")["features"]]
    assert all(s.is_valid for s in shapes)
    total = sum(s.area for s in shapes)
    union = union_all(shapes)
    assert union.area == pytest.approx(total, rel=1e-3)
    assert union.area == pytest.approx(country_shape("PK").area, rel=0.03)


def test_provinces_geojson_filters_by_country_and_has_the_documented_properties():
    pk = provinces_geojson("pk")
    assert pk["type"] == "FeatureCollection"
    assert len(pk["features"]) == 7
    for feature in pk["features"]:
        assert {"name", "country", "alt_names"} <= set(feature["properties"])
        assert feature["properties"]["country"] == "PK"
    assert provinces_geojson("IN")["features"] == []
    assert len(provinces_geojson()["features"]) == 7


def test_countries_geojson_has_name_and_iso_code_for_every_feature():
    data = countries_geojson()
    assert len(data["features"]) > 200
    codes = [f["properties"]["iso_a2"] for f in data["features"]]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 2 for code in codes)
    assert {"PK", "IN", "AF", "IR", "CN", "FR", "NO"} <= set(codes)


@pytest.mark.parametrize(
    ("iso", "inside", "outside"),
    [
        ("PK", QUETTA, DELHI),
        ("pk", PESHAWAR, KABUL),
        ("IN", DELHI, LAHORE),
        ("AF", KABUL, PESHAWAR),
    ],
)
def test_country_shape_contains_its_cities_only(iso, inside, outside):
    shape = country_shape(iso)
    assert shape.is_valid
    assert shape.contains(inside) and not shape.contains(outside)


@pytest.mark.parametrize("iso", ["", "XX", "ZZ"])
def test_unknown_country_gives_none(iso):
    assert country_shape(iso) is None


def test_returned_geojson_is_a_copy_callers_may_change():
    first = countries_geojson()
    first["features"].clear()
    assert countries_geojson()["features"]


def test_boundary_files_are_small_enough_to_ship():
    total = sum(p.stat().st_size for p in boundaries.BOUNDARIES_DIR.glob("*.geojson"))
    assert total < 1_000_000


def test_bad_boundary_file_raises_a_data_error_naming_it(tmp_path, monkeypatch):
    bad = tmp_path / "provinces.geojson"
    bad.write_text(json.dumps({"type": "Feature"}), encoding="utf-8")
    monkeypatch.setattr(boundaries, "PROVINCES_FILE", bad)
    boundaries.clear_cache()
    try:
        with pytest.raises(DataError, match="provinces.geojson"):
            province_shape("Punjab")
    finally:
        monkeypatch.undo()
        boundaries.clear_cache()
    assert province_shape("Punjab") is not None


def test_missing_boundary_file_raises_a_data_error(tmp_path, monkeypatch):
    monkeypatch.setattr(boundaries, "COUNTRIES_FILE", tmp_path / "nope.geojson")
    boundaries.clear_cache()
    try:
        with pytest.raises(DataError, match="missing"):
            countries_geojson()
    finally:
        monkeypatch.undo()
        boundaries.clear_cache()
