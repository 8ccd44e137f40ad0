"""The route as data and geometry, linear referencing along it, and `incimap route`."""

from __future__ import annotations

import csv
import json
import math
from dataclasses import replace

import numpy as np
import pytest
from pyproj import Geod

from incimap import seeds
from incimap.geo.cli import main
from incimap.geo.exceptions import DataError, InputError, RouteError
from incimap.geo.layers import corridor, counts_by_segment, length_by_province
from incimap.geo.models import Incident, Place
from incimap.geo.route import (
    line_length_km,
    load_route,
    locate,
    locate_many,
    parse_lat_lon,
    route_line,
    station_chainages,
)

GEOD = Geod(ellps="WGS84")
HEADER = "name,place_id,lat,lon,km,line,km_source"
BOLAN_STATIONS = ("Quetta", "Spezand", "Kolpur", "Dozan", "Hirok", "Mach", "Ab-e-Gum", "Peshi",
                  "Panir", "Pehro Kunri", "Mushkaf", "Nari Bank", "Sibi")
# Railway km from Quetta by the Pakistan Railways km posts (ML-3 post 384 minus the post).
KM_POSTS = {"Mach": 384 - 318, "Mushkaf": 384 - 259, "Sibi": 384 - 243}


def write_route(tmp_path, rows, header=HEADER, meta=("# name: Test line",)):
    path = tmp_path / "route.csv"
    path.write_text("\n".join([*meta, header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seed_route():
    return load_route(seeds.DEFAULT_ROUTE)


@pytest.fixture
def meridian_route(tmp_path):
    """Three stations due north along 70 E, with a km post only at the ends."""
    return load_route(write_route(tmp_path, [
        "South,,30.0,70.0,0,,", "Middle,,30.5,70.0,,,", "North,,31.0,70.0,150,,"]))


def run_cli(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(list(args))
    out, err = capsys.readouterr()
    return stop.value.code or 0, out, err


# --------------------------------------------------------------------------- the seed route


def test_seed_route_is_one_line_from_quetta_to_peshawar_cantonment(seed_route):
    line = route_line(seed_route)
    assert line.geom_type == "LineString" and line.is_valid
    assert seed_route.stations[0].name == "Quetta"
    assert seed_route.stations[-1].name == "Peshawar Cantonment"
    assert list(line.coords) == [(s.lon, s.lat) for s in seed_route.stations]


def test_seed_route_passes_every_bolan_station_in_travel_order(seed_route):
    names = [s.name for s in seed_route.stations]
    assert names[: len(BOLAN_STATIONS)] == list(BOLAN_STATIONS)


@pytest.mark.parametrize("station", sorted(KM_POSTS))
def test_station_chainage_matches_km_post_within_5km(seed_route, station):
    s = next(s for s in seed_route.stations if s.name == station)
    assert locate(seed_route, s.lat, s.lon).km == pytest.approx(KM_POSTS[station], abs=5)


@pytest.mark.parametrize("station", sorted(KM_POSTS))
def test_chainage_without_the_station_post_still_within_5km(seed_route, station):
    # The calibration must work from the neighbouring posts alone, or it only echoes the file.
    stations = tuple(replace(s, km=None) if s.name == station else s for s in seed_route.stations)
    route = replace(seed_route, stations=stations)
    s = next(s for s in stations if s.name == station)
    assert locate(route, s.lat, s.lon).km == pytest.approx(KM_POSTS[station], abs=5)


def test_mach_town_chainage_matches_km_post_within_5km(seed_route):
    # GeoNames' Mach (geonames:1171757), not the route file's station row.
    assert locate(seed_route, 29.86371, 67.33018).km == pytest.approx(KM_POSTS["Mach"], abs=5)


@pytest.mark.parametrize(("place_id", "low", "high"), [
    ("mushkaf", 116, 125),  # the Mushkaf area: Pehro Kunri to Mushkaf posts
    ("mushkaf-tunnel", 101, 116),  # Tunnel No. 8: Panir to Pehro Kunri posts
])
def test_mushkaf_area_places_get_chainages_between_their_km_posts(seed_route, place_id,
                                                                  low, high):
    with open(seeds.PLACES_OVERLAY, encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == place_id)
    found = locate(seed_route, float(row["lat"]), float(row["lon"]))
    assert low - 5 <= found.km <= high + 5
    assert found.offset_km < 10


def test_seed_route_length_by_province_adds_up_to_the_line(seed_route):
    lengths = length_by_province(seed_route)
    assert {"Balochistan", "Sindh", "Punjab", "Khyber Pakhtunkhwa"} <= set(lengths)
    assert sum(lengths.values()) == pytest.approx(line_length_km(seed_route), rel=0.01)
    railway = length_by_province(seed_route, measure="railway")
    assert sum(railway.values()) == pytest.approx(station_chainages(seed_route)[-1], rel=0.01)


# --------------------------------------------------------------------------- linear referencing


def test_chainage_reads_in_railway_km_not_line_km(meridian_route):
    # The line is ~111 km long but the posts say 150: halfway along reads 75 railway km.
    assert line_length_km(meridian_route) == pytest.approx(110.9, abs=0.5)
    assert locate(meridian_route, 30.5, 70.0).km == pytest.approx(75.0, abs=0.5)


def test_station_without_km_post_is_interpolated_by_line_length(meridian_route):
    assert station_chainages(meridian_route) == pytest.approx([0.0, 75.0, 150.0], abs=0.5)


def test_first_station_without_km_post_is_km_zero(tmp_path):
    route = load_route(write_route(tmp_path, ["A,,30.0,70.0,,,", "B,,31.0,70.0,,,"]))
    assert station_chainages(route)[0] == 0.0
    assert station_chainages(route)[1] == pytest.approx(line_length_km(route))


def test_km_past_the_last_post_grows_at_the_calibrated_rate(tmp_path):
    route = load_route(write_route(tmp_path, [
        "A,,30.0,70.0,0,,", "B,,30.5,70.0,100,,", "C,,31.0,70.0,,,"]))
    assert station_chainages(route)[2] == pytest.approx(200.0, abs=0.5)


def test_point_far_from_route_reports_its_geodesic_offset(meridian_route):
    found = locate(meridian_route, 30.5, 71.0)  # one degree of longitude east of the line
    expected = GEOD.inv(71.0, 30.5, 70.0, 30.5)[2] / 1000
    assert found.offset_km == pytest.approx(expected, rel=0.002)
    assert found.offset_km > 90  # ~96 km: reported, not hidden by snapping
    assert found.km == pytest.approx(75.0, abs=1.0)
    assert (found.before, found.after) == ("Middle", "North")


def test_offset_matches_brute_force_geodesic_distance(seed_route):
    lat, lon = 24.86, 67.01  # Karachi, well off the route
    line = route_line(seed_route)
    dense = np.array([line.interpolate(f, normalized=True).coords[0]
                      for f in np.linspace(0, 1, 20001)])
    brute = GEOD.inv(np.full(len(dense), lon), np.full(len(dense), lat),
                     dense[:, 0], dense[:, 1])[2].min() / 1000
    assert locate(seed_route, lat, lon).offset_km == pytest.approx(brute, rel=0.01)


def test_point_on_a_station_reports_that_station_before(seed_route):
    mach = next(s for s in seed_route.stations if s.name == "Mach")
    found = locate(seed_route, mach.lat, mach.lon)
    assert (found.before, found.after) == ("Mach", "Ab-e-Gum")
    assert found.offset_km < 0.01


def test_locate_many_agrees_with_locate(seed_route):
    rng = np.random.default_rng(7)
    lats, lons = rng.uniform(25, 35, 50), rng.uniform(66, 75, 50)
    many = locate_many(seed_route, lats, lons)
    for i in (0, 17, 49):
        assert many.at(seed_route, i) == locate(seed_route, lats[i], lons[i])


def test_locate_rejects_a_point_outside_wgs84(meridian_route):
    with pytest.raises(RouteError, match="point 0"):
        locate(meridian_route, 95.0, 70.0)


@pytest.mark.parametrize("text, expected", [
    ("29.86,67.33", (29.86, 67.33)), (" -1.5 , 36.8 ", (-1.5, 36.8)), ("Mach", None),
    ("29.86", None),
])
def test_parse_lat_lon(text, expected):
    assert parse_lat_lon(text) == expected


@pytest.mark.parametrize("text", ["nan,nan", "inf, 0", "-Infinity 3", "1e400,0"])
def test_non_finite_pairs_are_coordinates_for_the_caller_to_refuse(text):
    # Not place names: "nan,nan" once fuzzy-matched Nantan, China.
    lat, lon = parse_lat_lon(text)
    assert not (math.isfinite(lat) and math.isfinite(lon))


# --------------------------------------------------------------------------- loading


def test_metadata_lines_name_the_route(tmp_path):
    path = write_route(tmp_path, ["A,,30.0,70.0,0,,", "B,,31.0,70.0,,,"],
                       meta=("# name: Khyber Mail", "# source: a timetable"))
    route = load_route(path)
    assert (route.name, route.source) == ("Khyber Mail", "a timetable")


def test_station_without_coordinates_is_placed_through_its_place_id(tmp_path):
    path = write_route(tmp_path, ["A,a-id,,,0,,", "B,,31.0,70.0,,,"])
    route = load_route(path, resolve={"a-id": (30.0, 70.0)}.get)
    assert (route.stations[0].lat, route.stations[0].lon) == (30.0, 70.0)


def test_place_ids_resolve_through_the_overlay_gazetteer_by_default(tmp_path):
    route = load_route(write_route(tmp_path, ["Mach,station-mach,,,66,,", "B,,29.5,67.9,,,"]))
    assert route.stations[0].lat == pytest.approx(29.86, abs=0.05)


@pytest.mark.parametrize("rows, line, field, message", [
    (["A,,30.0,70.0,0,,"], 2, None, "at least two stations"),
    (["A,,30.0,70.0,10,,", "B,,30.5,70.0,10,,"], 4, "km", "does not increase"),
    (["A,,30.0,70.0,10,,", "B,,30.5,70.0,5,,"], 4, "km", "does not increase"),
    (["A,,30.0,70.0,0,,", "Nowhere,no-such-place,,,,,"], 4, "place_id", "unknown station"),
    (["A,,30.0,70.0,0,,", "Nowhere,,,,,,"], 4, "lat", "unknown station"),
    (["A,,30.0,,0,,", "B,,30.5,70.0,,,"], 3, "lon", "missing value"),
    (["A,,95.0,70.0,0,,", "B,,30.5,70.0,,,"], 3, "lat", "out of range"),
    (["A,,thirty,70.0,0,,", "B,,30.5,70.0,,,"], 3, "lat", "not a number"),
    (["A,,30.0,70.0,0,,", "B,,30.5,190,,,"], 4, "lon", "out of range"),
    (["A,,30.0,70.0,-3,,", "B,,30.5,70.0,,,"], 3, "km", "out of range"),
    (["A,,30.0,70.0,0,,", ",,30.5,70.0,,,"], 4, "name", "empty station name"),
    (["A,,30.0,70.0,0,,", "B,,30.0,70.0,,,"], None, None, "same point"),
])
def test_bad_route_file_names_file_line_and_field(tmp_path, rows, line, field, message):
    path = write_route(tmp_path, rows)
    with pytest.raises(DataError, match=message) as error:
        load_route(path)
    text = str(error.value)
    assert str(path) in text
    if line is not None:
        assert f"line {line}" in text
    if field is not None:
        assert f"field '{field}'" in text


def test_route_file_without_required_column_names_the_column(tmp_path):
    path = write_route(tmp_path, ["A,30.0,0", "B,30.5,"], header="name,lat,km")
    with pytest.raises(DataError, match="field 'lon'"):
        load_route(path)


def test_missing_route_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="route file not found"):
        load_route(tmp_path / "nope.csv")


# --------------------------------------------------------------------------- analysis


def incident_at(ident: str, lat: float, lon: float) -> Incident:
    place = Place(name=ident, lat=lat, lon=lon, feature_type="village", country="PK")
    return Incident(id=ident, title=ident, event_type="Battles", sub_event_type="Armed clash",
                    event_date="2025-03-11", time_precision=1, location=place)


def test_corridor_keeps_only_incidents_within_n_km(meridian_route):
    near, far = incident_at("near", 30.5, 70.1), incident_at("far", 30.5, 71.0)  # ~10, ~96 km
    assert list(corridor([near, far], meridian_route, 20)["event_id_cnty"]) == ["near"]
    assert len(corridor([near, far], meridian_route, 100)) == 2


@pytest.mark.parametrize("km", [0, math.nan, math.inf])
def test_corridor_width_must_be_positive_and_finite(meridian_route, km):
    with pytest.raises(RouteError, match="positive finite"):
        corridor([], meridian_route, km)


def test_counts_by_segment_bins_incidents_by_railway_km(meridian_route):
    incidents = [incident_at("a", 30.1, 70.0), incident_at("b", 30.2, 70.0),
                 incident_at("c", 30.9, 70.0), incident_at("far", 30.5, 72.0)]
    segments = counts_by_segment(incidents, meridian_route, segment_km=50)
    assert list(segments["start_km"]) == [0, 50, 100]
    assert list(segments["incidents"]) == [2, 0, 1]  # "far" is beyond 50 km of the line
    assert segments.geometry.geom_type.eq("LineString").all()


def test_length_by_province_with_given_polygons(meridian_route):
    from shapely.geometry import box

    lengths = length_by_province(meridian_route, {"South": box(69, 29, 71, 30.5),
                                                  "North": box(69, 30.5, 71, 32)})
    assert lengths["South"] == pytest.approx(lengths["North"], rel=0.01)
    assert sum(lengths.values()) == pytest.approx(line_length_km(meridian_route), rel=1e-6)


# --------------------------------------------------------------------------- CLI


def test_cli_locate_lat_lon_prints_chainage_offset_and_stations(capsys, tmp_path):
    path = write_route(tmp_path, [
        "South,,30.0,70.0,0,,", "Middle,,30.5,70.0,,,", "North,,31.0,70.0,150,,"])
    code, out, _ = run_cli(capsys, "route", "locate", "30.5,71", "--route", str(path), "--json",
                             "--max-offset", "100")
    answer = json.loads(out)
    assert code == 0
    assert answer["km"] == pytest.approx(75, abs=1)
    assert answer["offset_km"] == pytest.approx(96, abs=1)
    assert (answer["before"], answer["after"]) == ("Middle", "North")


def test_cli_route_show_lists_stations_with_km(capsys):
    code, out, _ = run_cli(capsys, "route", "show")
    assert code == 0
    assert "Mach" in out and "66.0" in out


@pytest.mark.parametrize("args, fragment", [
    (["route", "locate", "95,70"], "not a WGS84 LAT,LON"),
    (["route", "show", "--route", "{bad}"], "line 3"),
    (["route", "show", "--route", "{missing}"], "route file not found"),
])
def test_cli_bad_input_exits_2_with_one_line(capsys, tmp_path, args, fragment):
    bad = write_route(tmp_path, ["A,,95.0,70.0,0,,", "B,,30.5,70.0,,,"])
    args = [a.format(bad=bad, missing=tmp_path / "missing.csv") for a in args]
    code, _, err = run_cli(capsys, *args)
    assert code == 2
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_cli_route_stats_reports_provinces_corridor_and_segments(capsys):
    code, out, _ = run_cli(capsys, "route", "stats", "--curated", "--json")
    report = json.loads(out)
    assert code == 0
    assert report["length_by_province_km"]["Balochistan"]["railway_km"] > 200
    corridor_ids = [r["id"] for r in report["corridor"]["incidents"]]
    assert any("hijacking" in i for i in corridor_ids)
    assert sum(s["incidents"] for s in report["segments"]) == len(corridor_ids)


def test_route_built_in_code_is_checked_before_use(meridian_route):
    one = replace(meridian_route, name="one", stations=meridian_route.stations[:1])
    with pytest.raises(RouteError, match="at least two stations"):
        locate(one, 30.0, 70.0)
    backwards = replace(meridian_route, name="backwards", stations=tuple(
        replace(s, km=km) for s, km in zip(meridian_route.stations, (10, None, 5), strict=True)))
    with pytest.raises(RouteError, match="do not increase"):
        station_chainages(backwards)


def test_incimap_process_exits_2_with_one_line_and_no_traceback():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "incimap.geo", "route", "locate", "95,70"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "Traceback" not in done.stderr


def test_locate_far_point_reports_offset_warns_and_exits_1(capsys):
    code, out, err = run_cli(capsys, "route", "locate", "40,10")
    assert code == 1
    assert "5,221 km off the line" in out or "5,22" in out
    assert "warning" in err and "nearest point" in err


def test_locate_point_near_the_line_exits_0(capsys):
    code, out, _ = run_cli(capsys, "route", "locate", "29.86,67.33")
    assert code == 0 and "between Mach and Ab-e-Gum" in out
