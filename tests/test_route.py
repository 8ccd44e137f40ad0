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
    DEFAULT_REACH_KM,
    line_length_km,
    load_route,
    locate,
    locate_many,
    parse_lat_lon,
    route_line,
    segments,
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
    assert found.km is None  # beyond the default reach: no km
    assert (found.before, found.after) == ("Middle", "North")
    assert locate(meridian_route, 30.5, 71.0, reach=100).km == pytest.approx(75.0, abs=1.0)


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
        "South,,30.0,70.0,0,,", "Middle,,30.5,70.0,,,", "North,,31.0,70.0,150,,"],
        meta=("# name: Test line", "# reach_km: 100"))
    code, out, _ = run_cli(capsys, "route", "locate", "30.5,71", "--route", str(path), "--json")
    answer = json.loads(out)
    assert code == 0
    assert answer["km"] == pytest.approx(75, abs=1)
    assert answer["offset_km"] == pytest.approx(96, abs=1)
    assert answer["reach_km"] == 100
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
    assert "far from the route (5,221 km)" in out and "km 1" not in out
    assert "warning" in err and "no railway km" in err


def test_locate_point_near_the_line_exits_0(capsys):
    code, out, _ = run_cli(capsys, "route", "locate", "29.86,67.33")
    assert code == 0 and "between Mach and Ab-e-Gum" in out


# --------------------------------------------------------------------------- honest railway:
# km only within reach, interpolated segments flagged, station coordinates sourced

ROUTE_HEADER = "name,place_id,lat,lon,km,line,km_source,coord_source,coord_quality"


def overlay_place(place_id: str) -> tuple[float, float]:
    with open(seeds.PLACES_OVERLAY, encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == place_id)
    return float(row["lat"]), float(row["lon"])


def test_far_place_gets_no_km_only_its_offset(seed_route):
    found = locate(seed_route, 24.86, 67.01)  # Karachi, ~300 km from the line
    assert found.km is None and not found.within_reach
    assert found.offset_km > found.reach_km == DEFAULT_REACH_KM


def test_place_within_reach_gets_km_within_tolerance(meridian_route):
    found = locate(meridian_route, 30.5, 70.2)  # ~19 km east of the Middle station
    assert found.offset_km == pytest.approx(19.2, abs=0.5) and found.within_reach
    assert found.km == pytest.approx(75.0, abs=1.0)


def test_reach_km_header_sets_the_reach(tmp_path):
    rows = ["South,,30.0,70.0,0,,", "North,,31.0,70.0,150,,"]
    near = load_route(write_route(tmp_path, rows, meta=("# reach_km: 10",)))
    assert near.reach_km == 10
    assert locate(near, 30.5, 70.2).km is None  # 19 km off: beyond 10 km
    assert locate(near, 30.5, 70.05).km == pytest.approx(75.0, abs=1.0)


@pytest.mark.parametrize("value, message", [("0", "must be positive"), ("far", "not a number"),
                                            ("-5", "out of range")])
def test_bad_reach_km_names_file_line_and_field(tmp_path, value, message):
    path = write_route(tmp_path, ["A,,30.0,70.0,0,,", "B,,31.0,70.0,,,"],
                       meta=("# name: x", f"# reach_km: {value}"))
    with pytest.raises(DataError, match=message) as error:
        load_route(path)
    assert (error.value.line, error.value.field) == (2, "reach_km")


@pytest.mark.parametrize("reach", [0, -1, math.nan])
def test_reach_must_be_a_positive_number(meridian_route, reach):
    with pytest.raises(RouteError, match="reach"):
        locate(meridian_route, 30.5, 70.1, reach=reach)


def test_exports_give_no_route_km_for_far_places(meridian_route):
    from incimap.geo.layers import incidents_frame

    frame = incidents_frame([incident_at("near", 30.5, 70.1), incident_at("far", 30.5, 71.0)],
                            meridian_route)
    rows = frame.set_index("event_id_cnty")
    assert rows.loc["near", "route_km"] == pytest.approx(75.0, abs=1.0)
    assert math.isnan(rows.loc["far", "route_km"])
    assert rows.loc["far", "offset_km"] == pytest.approx(96, abs=1)


def test_curving_chord_and_estimated_station_make_interpolated_segments(tmp_path):
    route = load_route(write_route(tmp_path, [
        "A,,30.0,70.0,0,,,GeoNames 1,surveyed",
        "B,,30.5,70.0,56,,,GeoNames 2,surveyed",  # 55.5 km straight: a fair chord
        "C,,31.0,70.0,120,,,GeoNames 3,surveyed",  # 64 km of track for 55.5 km: curves
        "D,,31.5,70.0,,,,interpolated,estimated",
    ], header=ROUTE_HEADER))
    parts = segments(route)
    assert [p.interpolated for p in parts] == [False, True, True]
    assert parts[0].note == ""
    assert "curves" in parts[1].note and "up to 16 km" in parts[1].note
    assert "coordinates of D estimated" in parts[2].note
    assert route.stations[3].coord_estimated and route.stations[3].coord_source == "interpolated"


def test_unknown_coord_quality_names_the_field(tmp_path):
    path = write_route(tmp_path, ["A,,30.0,70.0,0,,,x,guessed", "B,,31.0,70.0,,,,y,surveyed"],
                       header=ROUTE_HEADER)
    with pytest.raises(DataError, match="guessed") as error:
        load_route(path)
    assert (error.value.line, error.value.field) == (3, "coord_quality")


def test_every_seed_route_station_says_where_its_coordinates_come_from():
    with open(seeds.DEFAULT_ROUTE, encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    assert rows and all(r["coord_source"].strip() for r in rows)
    assert {r["coord_quality"] for r in rows} == {"surveyed", "estimated"}
    estimated = {r["name"] for r in rows if r["coord_quality"] == "estimated"}
    assert {"Mushkaf", "Pehro Kunri", "Panir", "Kolpur"} <= estimated
    for r in rows:  # the overlay rows say the same as the route file
        assert overlay_place(r["place_id"]) == (float(r["lat"]), float(r["lon"]))


def test_seed_route_segments_touching_estimated_stations_are_interpolated(seed_route):
    for part in segments(seed_route):
        a, b = seed_route.stations[part.index], seed_route.stations[part.index + 1]
        if a.coord_estimated or b.coord_estimated:
            assert part.interpolated and "estimated" in part.note


def test_mushkaf_tunnel_is_near_the_line_or_its_segment_is_drawn_interpolated(seed_route):
    # Tunnel No. 8 is a point on the track; a chord passing it at a distance must not be
    # drawn as exact. Measured: 7.0 km from the Panir - Pehro Kunri chord, whose stations
    # have no surveyed coordinates.
    found = locate(seed_route, *overlay_place("mushkaf-tunnel"))
    segment = segments(seed_route)[[s.name for s in seed_route.stations].index(found.before)]
    assert found.offset_km <= 2 or segment.interpolated
    assert (found.before, found.after) == ("Panir", "Pehro Kunri")


def test_route_frame_has_one_feature_per_segment_with_interpolated_and_note(seed_route,
                                                                            tmp_path):
    import geopandas as gpd

    from incimap.geo.layers import route_frame

    path = tmp_path / "route.gpkg"
    route_frame(seed_route).to_file(path, driver="GPKG")
    back = gpd.read_file(path).set_index("from_station")
    assert len(back) == len(seed_route.stations) - 1
    assert back.loc["Panir", "interpolated"] and "Pehro Kunri" in back.loc["Panir", "note"]
    assert not back.loc["Bahawalpur", "interpolated"] and back.loc["Bahawalpur", "note"] == ""
    assert back.loc["Jhelum", "interpolated"] and "curves" in back.loc["Jhelum", "note"]


def test_map_route_data_flags_interpolated_segments_and_estimated_stations(seed_route):
    from incimap.maps.page import build_data

    data, _ = build_data([], seed_route, [], basemaps_on=False)
    route = data["route"]
    flagged = {(route["stations"][g["index"]]["name"], g["interpolated"])
               for g in route["segments"]}
    assert ("Panir", True) in flagged and ("Bahawalpur", False) in flagged
    mushkaf = next(s for s in route["stations"] if s["name"] == "Mushkaf")
    assert mushkaf["coord_estimated"] and "interpolated" in mushkaf["coord_source"]


def test_map_popup_data_has_no_km_for_a_far_place(seed_route):
    from incimap.maps.page import build_data

    data, _ = build_data([incident_at("far", 24.86, 67.01), incident_at("near", 29.87, 67.34)],
                         seed_route, [], basemaps_on=False)
    props = {f["properties"]["id"]: f["properties"] for f in data["incidents"]["features"]}
    assert props["far"].get("route_km") is None and props["far"]["offset_km"] > 250
    assert props["near"]["route_km"] == pytest.approx(66, abs=3)


def test_cli_locate_json_reports_place_and_line_point_separately(capsys):
    tunnel = overlay_place("mushkaf-tunnel")
    code, out, _ = run_cli(capsys, "route", "locate", f"{tunnel[0]},{tunnel[1]}", "--json")
    answer = json.loads(out)
    assert code == 0
    assert (answer["lat"], answer["lon"]) == tunnel  # the place itself
    line_point = (answer["line_lat"], answer["line_lon"])
    offset = GEOD.inv(tunnel[1], tunnel[0], line_point[1], line_point[0])[2] / 1000
    assert offset == pytest.approx(answer["offset_km"], abs=0.01) and offset > 1
    assert 101 <= answer["km"] <= 116
    assert (answer["before"], answer["after"]) == ("Panir", "Pehro Kunri")


def test_cli_locate_json_far_place_has_null_km(capsys):
    code, out, _ = run_cli(capsys, "route", "locate", "24.86,67.01", "--json")
    answer = json.loads(out)
    assert code == 1 and answer["km"] is None and answer["offset_km"] > 250


def test_cli_route_stats_gives_no_km_to_corridor_incidents_beyond_reach(capsys):
    code, out, _ = run_cli(capsys, "route", "stats", "--curated", "--corridor-km", "300",
                           "--json")
    far = [r for r in json.loads(out)["corridor"]["incidents"] if r["offset_km"] > 25]
    assert code == 0 and far and all(r["route_km"] is None for r in far)
    code, out, _ = run_cli(capsys, "route", "stats", "--curated", "--corridor-km", "300")
    assert code == 0 and "km      far" in out


def test_cli_route_show_marks_estimated_coordinates(capsys):
    code, out, _ = run_cli(capsys, "route", "show")
    lines = {line.split()[1]: line for line in out.splitlines()[1:] if line[:1] in " ~"}
    assert code == 0
    assert "estimated" in lines["Mushkaf"] and "estimated" not in lines["Mach"]


@pytest.mark.browser
def test_map_draws_interpolated_segments_dashed_with_a_note(open_map, seed_route, tmp_path):
    from incimap import maps

    path = tmp_path / "route.html"
    maps.save(maps.render([incident_at("far", 24.86, 67.01)], route=seed_route), path)
    page, log = open_map(path)
    dashed = page.locator("path.incimap-route-interpolated")
    assert dashed.count() == sum(p.interpolated for p in segments(seed_route))
    assert page.locator("path.incimap-route-line").count() == 1
    assert dashed.first.get_attribute("stroke-dasharray")
    assert not page.locator("path.incimap-route-line").get_attribute("stroke-dasharray")
    assert "Route, interpolated" in page.locator(".incimap-legend").text_content()
    # Click a visible dash (not a gap) of the longest dashed segment, as a reader would.
    x, y = page.evaluate("""() => {
        const paths = [...document.querySelectorAll("path.incimap-route-interpolated")];
        const path = paths.reduce((a, b) => b.getTotalLength() > a.getTotalLength() ? b : a);
        const m = path.getScreenCTM();
        for (let d = 0; d < path.getTotalLength(); d += 0.5) {
            const p = path.getPointAtLength(d);
            const x = m.a * p.x + m.c * p.y + m.e, y = m.b * p.x + m.d * p.y + m.f;
            if (document.elementFromPoint(x, y) === path) return [x, y];
        }
        return [null, null];
    }""")
    page.mouse.click(x, y)
    assert "Interpolated" in page.locator(".leaflet-popup-content").inner_text()
    page.keyboard.press("Escape")
    page.locator('.incimap-incident[data-incident-id="far"]').click()
    popup = page.locator(".leaflet-popup-content", has_text="Date").inner_text()
    assert "far from the route" in popup and "km 1" not in popup
    assert log.problems() == {}
