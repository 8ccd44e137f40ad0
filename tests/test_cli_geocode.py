"""`incimap geocode` and `incimap gazetteer` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incimap.geo", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module", autouse=True)
def built(isolated_cache):
    from incimap.gazetteer.gazetteer import open_gazetteer

    open_gazetteer()  # build once before the subprocesses use it


def test_table_lists_each_name_with_coordinates():
    out = run("geocode", "Quetta", "Mach railway station")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:4] == ["query", "name", "lat", "lon"]
    assert any(line.startswith("Quetta") and "30.18" in line for line in lines)
    assert any("station" in line for line in lines)


def test_geojson_is_rfc7946_lon_lat():
    out = run("geocode", "Peshawar", "--geojson")
    fc = json.loads(out.stdout)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    lon, lat = fc["features"][0]["geometry"]["coordinates"]
    assert 71 < lon < 72 and 33.5 < lat < 34.5


def test_json_has_match_kind_score_precision_and_alternatives():
    out = run("geocode", "Sahiwal", "--json", "-n", "2")
    (result,) = json.loads(out.stdout)
    assert result["match_kind"] == "exact" and result["score"] == 100
    assert result["geo_precision"] == 1 and result["radius_km"] > 0
    assert len(result["alternatives"]) == 2


def test_csv_batch_from_file_column(tmp_path):
    batch = tmp_path / "places.csv"
    batch.write_text("id,place\n1,Quetta\n2,Sibi\n3,Lahore\n", encoding="utf-8")
    out = run("geocode", "--file", str(batch), "--column", "place", "--csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["name"] for r in rows] == ["Quetta", "Sibi", "Lahore"]
    assert all(r["country"] == "PK" for r in rows)


def test_batch_from_stdin_summarises_misses_and_exits_1():
    out = run("geocode", "--file", "-", stdin="Quetta\nQwzxvtown\nMach\n")
    assert out.returncode == 1
    assert "no match for 'Qwzxvtown'" in out.stderr
    assert "1 of 3 names not found" in out.stderr
    assert "Quetta" in out.stdout and "Mach" in out.stdout


def test_unknown_place_exits_1_with_suggestions():
    out = run("geocode", "Quetaxx")
    assert out.returncode == 1
    assert out.stderr.strip().startswith("incimap: no match for 'Quetaxx'")
    assert "nearest:" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(("args", "needle"), [
    (("geocode", "Quetta", "--near", "30.1"), "--near"),
    (("geocode", "Quetta", "--bbox", "1,2"), "--bbox"),
    (("geocode", ""), "empty place name"),
    (("geocode", "Quetta", "--provider", "nowhere"), "unknown provider"),
    (("geocode", "Quetta", "--country", "XX"), "'XX' is not a country"),
    (("extract", "--country", "Narnia"), "'Narnia' is not a country"),
])
def test_bad_options_exit_2_with_one_line(args, needle):
    out = run(*args)
    assert out.returncode == 2
    assert needle in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(("content", "line"), [
    (b"Quetta\nSibi\n\xff\xfeLahore\n", "line 3"),
    (b"Quetta\n\x00\x00\x00", "line 2"),
])
def test_undecodable_batch_file_names_the_line(tmp_path, content, line):
    batch = tmp_path / "names.txt"
    batch.write_bytes(content)
    out = run("geocode", "--file", str(batch))
    assert out.returncode == 2
    assert str(batch) in out.stderr and line in out.stderr


def test_output_file_written_atomically_and_not_on_failure(tmp_path):
    target = tmp_path / "out.json"
    assert run("geocode", "Quetta", "--json", "-o", str(target)).returncode == 0
    assert json.loads(target.read_text())[0]["name"] == "Quetta"
    missing = tmp_path / "nope" / "out.json"
    out = run("geocode", "Quetta", "--json", "-o", str(missing))
    assert out.returncode == 2 and "does not exist" in out.stderr
    assert not missing.parent.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_gazetteer_info_names_sources_and_licence():
    out = run("gazetteer", "info")
    assert out.returncode == 0
    assert "world:" in out.stdout and "overlay:" in out.stdout
    assert "CC BY 4.0" in out.stdout


def test_gazetteer_import_counts_skipped_rows(tmp_path):
    dump = tmp_path / "PK.txt"
    cols = ["9100001", "Khost Railway Station", "Khost Railway Station", "", "30.21", "67.58",
            "S", "RSTN", "PK", "", "02", "", "", "", "0", "", "1500", "Asia/Karachi",
            "2024-01-01"]
    dump.write_text("\t".join(cols) + "\nbroken\trow\n", encoding="utf-8")
    out = run("gazetteer", "import", str(dump))
    assert out.returncode == 0, out.stderr
    assert "imported 1 places, skipped 1 bad rows" in out.stdout
    found = run("geocode", "Khost railway station", "--json")
    assert json.loads(found.stdout)[0]["feature_type"] == "station"
    # The article reader sees imported places too (its matcher is rebuilt).
    article = subprocess.run(
        [sys.executable, "-m", "incimap.geo", "extract", "-", "--published", "2025-01-01",
         "-f", "json"],
        input="Gunmen attacked the Khost Railway Station on Monday.", capture_output=True,
        text=True, timeout=120)
    names = [m["place"]["name"] for m in json.loads(article.stdout)["mentions"]]
    assert "Khost Railway Station" in names


def test_help_lists_every_command():
    out = run("--help")
    assert out.returncode == 0
    for command in ("geocode", "gazetteer", "extract", "map", "route", "export"):
        assert command in out.stdout


def test_geocode_path_imports_no_heavy_library():
    code = ("import sys; from incimap.geo.cli import main\n"
            "try:\n    main(['geocode', 'Quetta'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('geopandas', 'folium', 'pandas', 'shapely')"
            " if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


@pytest.mark.parametrize("given, code", [("PK", "PK"), ("pk", "PK"), ("PAK", "PK"),
                                         ("Pakistan", "PK"), ("DR Congo", "CD"),
                                         ("XK", "XK")])
def test_country_option_takes_codes_and_names(given, code):
    from incimap.geo.geocode import check_country

    assert check_country(given) == code


def test_version_is_printed():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("incimap ")
