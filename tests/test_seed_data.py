"""The curated overlay gazetteer and the Jaffar Express route are well formed and consistent."""

from __future__ import annotations

import csv
import re
from itertools import pairwise

import pytest
from geopy.distance import geodesic
from shapely.geometry import Point

from incimap.gazetteer.boundaries import country_shape
from incimap.geo.models import FEATURE_TYPES
from incimap.seeds import DEFAULT_ROUTE, PLACES_OVERLAY

PLACE_COLUMNS = [
    "id", "name", "alternate_names", "feature_type", "lat", "lon", "radius_km", "country",
    "admin1", "admin2", "population", "source", "source_2", "notes",
]
ROUTE_COLUMNS = ["name", "place_id", "lat", "lon", "km", "line", "km_source", "coord_source",
                 "coord_quality"]
PAKISTAN_DIVISIONS = {
    "Balochistan", "Punjab", "Sindh", "Khyber Pakhtunkhwa", "Gilgit-Baltistan", "Azad Kashmir",
    "Islamabad Capital Territory",
}
ROUTE_STATIONS = [
    "Quetta", "Spezand", "Kolpur", "Dozan", "Hirok", "Mach", "Ab-e-Gum", "Peshi", "Panir",
    "Pehro Kunri", "Mushkaf", "Nari Bank", "Sibi", "Bakhtiarabad Domki", "Dera Murad Jamali",
    "Dera Allah Yar", "Jacobabad", "Shikarpur", "Sukkur", "Rohri", "Sadiqabad", "Rahim Yar Khan",
    "Bahawalpur", "Lodhran", "Multan Cantt", "Khanewal", "Sahiwal", "Okara Cantt", "Raiwind",
    "Lahore", "Gujranwala", "Wazirabad", "Gujrat", "Lala Musa", "Jhelum", "Rawalpindi", "Taxila",
    "Attock City", "Nowshera", "Peshawar City", "Peshawar Cantonment",
]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIVE_DECIMALS = re.compile(r"^-?\d{1,3}\.\d{5}$")


def _read_csv(path, skip_comments=False):
    with open(path, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if not (skip_comments and ln.startswith("#"))]
    reader = csv.DictReader(lines)
    return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def places() -> dict[str, dict]:
    header, rows = _read_csv(PLACES_OVERLAY)
    assert header == PLACE_COLUMNS
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == len(rows), "duplicate ids"
    return by_id


@pytest.fixture(scope="module")
def route() -> list[dict]:
    header, rows = _read_csv(DEFAULT_ROUTE, skip_comments=True)
    assert header == ROUTE_COLUMNS
    return rows


@pytest.fixture(scope="module")
def route_metadata() -> dict[str, str]:
    meta = {}
    for line in DEFAULT_ROUTE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and ":" in line:
            key, value = line[1:].split(":", 1)
            meta[key.strip()] = value.strip()
    return meta


def _point(row) -> tuple[float, float]:
    return float(row["lat"]), float(row["lon"])


def test_every_overlay_row_has_valid_type_coordinates_and_radius(places):
    for pid, row in places.items():
        assert SLUG.match(pid), pid
        assert row["name"].strip(), pid
        assert row["feature_type"] in FEATURE_TYPES, pid
        assert FIVE_DECIMALS.match(row["lat"]) and FIVE_DECIMALS.match(row["lon"]), pid
        lat, lon = _point(row)
        assert -90 <= lat <= 90 and -180 <= lon <= 180, pid
        assert float(row["radius_km"]) > 0, pid
        assert re.fullmatch(r"[A-Z]{2}", row["country"]), pid
        assert int(row["population"]) >= 0, pid
        assert row["source"].strip(), f"{pid}: no source"
        assert all(a.strip() for a in row["alternate_names"].split("|") if row["alternate_names"])


def test_pakistani_rows_name_a_known_first_level_division(places):
    for pid, row in places.items():
        if row["country"] == "PK" and row["feature_type"] != "country":
            assert row["admin1"] in PAKISTAN_DIVISIONS, pid


@pytest.mark.parametrize(
    ("pid", "feature_type", "names"),
    [
        ("bolan-district", "district", {"Kachhi District", "Bolan District", "Kachhi", "Bolan"}),
        ("bolan-pass", "pass", {"Bolan Pass"}),
        ("mushkaf", "place", {"Mushkaf", "Mashkaf"}),
        ("mushkaf-tunnel", "tunnel", {"Tunnel No. 8"}),
        ("dhadar", "town", {"Dhadar", "Dadhar"}),
        ("kolpur", "village", {"Kolpur"}),
        ("musakhel-district", "district", {"Musakhel", "Musa Khel", "Musakhail"}),
        ("musa-khel-bazar", "town", {"Musa Khel Bazar"}),
        ("pakistan", "country", {"Pakistan"}),
        ("khyber-pakhtunkhwa", "province", {"Khyber Pakhtunkhwa", "NWFP"}),
        ("azad-kashmir", "province", {"Azad Kashmir", "Azad Jammu and Kashmir"}),
        ("station-mach", "station", {"Mach", "Machh", "Mach railway station"}),
        ("station-pehro-kunri", "station", {"Pehro Kunri", "Piru Kunri"}),
        ("station-ab-e-gum", "station", {"Ab-e-Gum", "Aab-e-Gum"}),
    ],
)
def test_required_rows_exist_with_their_names(places, pid, feature_type, names):
    row = places[pid]
    assert row["feature_type"] == feature_type
    assert names <= {row["name"], *row["alternate_names"].split("|")}


def test_every_division_of_pakistan_is_a_province_row(places):
    provinces = {r["name"] for r in places.values() if r["feature_type"] == "province"}
    assert provinces == PAKISTAN_DIVISIONS


def test_route_lists_every_station_in_travel_order(route):
    assert [r["name"] for r in route] == ROUTE_STATIONS


def test_route_metadata_names_the_train_source_and_km(route_metadata):
    assert route_metadata["name"].startswith("Jaffar Express")
    assert route_metadata["source"] and "km post" in route_metadata["km"]


def test_route_rows_point_at_station_rows_with_the_same_coordinates(route, places):
    for row in route:
        place = places[row["place_id"]]
        assert place["feature_type"] == "station"
        assert place["name"] == row["name"]
        assert (row["lat"], row["lon"]) == (place["lat"], place["lon"])


def test_route_km_start_at_quetta_and_strictly_increase(route):
    kms = [int(r["km"]) for r in route if r["km"]]
    assert len(kms) == len(route)
    assert kms[0] == 0
    assert all(b > a for a, b in pairwise(kms))


@pytest.mark.parametrize(
    ("station", "km"),
    [
        ("Mach", 66), ("Mushkaf", 125), ("Sibi", 141), ("Rohri", 384), ("Lodhran", 750),
        ("Multan Cantt", 837), ("Khanewal", 886), ("Lahore", 1171), ("Peshawar Cantonment", 1635),
    ],
)
def test_route_km_follow_the_km_posts_via_multan(route, station, km):
    assert {r["name"]: int(r["km"]) for r in route}[station] == km


def test_consecutive_stations_are_closer_than_their_track_distance(route):
    for a, b in pairwise(route):
        straight = geodesic(_point(a), _point(b)).km
        track = int(b["km"]) - int(a["km"])
        assert straight <= track * 1.1, f"{a['name']} -> {b['name']}: {straight:.1f} km"


def test_stations_far_apart_by_rail_are_not_implausibly_close(route):
    for a, b in pairwise(route):
        track = int(b["km"]) - int(a["km"])
        if track >= 20:
            assert geodesic(_point(a), _point(b)).km >= track * 0.5, f"{a['name']} -> {b['name']}"


def test_every_station_lies_in_pakistan(places):
    pakistan = country_shape("PK")
    for pid, row in places.items():
        if row["feature_type"] == "station":
            lat, lon = _point(row)
            assert pakistan.contains(Point(lon, lat)), pid


def test_bolan_pass_stations_lie_within_the_district_radius(places):
    district = places["bolan-district"]
    for pid in ("station-mach", "station-kolpur", "station-pehro-kunri", "station-mushkaf"):
        distance = geodesic(_point(district), _point(places[pid])).km
        assert distance <= float(district["radius_km"]), pid


def test_hijacking_site_is_no_farther_from_sibi_and_mach_than_the_rails_allow(places):
    # A straight line is never longer than the track: the site (Tunnel No. 8) must sit
    # within its railway distance of both Sibi (km 141) and Mach (km 66), i.e. between
    # the Panir (101) and Pehro Kunri (116) posts.
    tunnel = _point(places["mushkaf-tunnel"])
    assert geodesic(tunnel, _point(places["station-sibi"])).km <= 141 - 101
    assert geodesic(tunnel, _point(places["station-mach"])).km <= 116 - 66


def test_mach_is_between_quetta_and_sibi(places):
    quetta, mach, sibi = (_point(places[f"station-{s}"]) for s in ("quetta", "mach", "sibi"))
    assert geodesic(quetta, mach).km < geodesic(quetta, sibi).km
    assert geodesic(mach, sibi).km < geodesic(quetta, sibi).km
