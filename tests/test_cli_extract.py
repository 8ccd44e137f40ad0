"""`incimap extract` as a user runs it: formats, stdin, and bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incimap.geo", "extract", *args], input=stdin,
                          capture_output=True, timeout=180)


@pytest.fixture(scope="module", autouse=True)
def built(isolated_cache):
    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.reader.matcher import get_matcher

    get_matcher(open_gazetteer())


def test_default_is_the_seed_article_as_geojson():
    out = run()
    assert out.returncode == 0, out.stderr
    fc = json.loads(out.stdout)
    assert fc["type"] == "FeatureCollection" and fc["features"]
    hijacking = [f for f in fc["features"]
                 if f["properties"]["location"] == "Mushkaf Tunnel"][0]
    lon, lat = hijacking["geometry"]["coordinates"]
    assert 67 < lon < 68 and 29 < lat < 30
    assert hijacking["properties"]["event_date"] == "2025-03-11"


def test_extract_and_export_write_one_geojson_layout(tmp_path):
    extracted, exported = tmp_path / "extract.geojson", tmp_path / "export.geojson"
    assert run("-o", str(extracted)).returncode == 0
    out = subprocess.run([sys.executable, "-m", "incimap.geo", "export", "--no-route", "-f",
                          "geojson", "-o", str(exported)], capture_output=True, timeout=180)
    assert out.returncode == 0, out.stderr
    a, b = (json.loads(p.read_text(encoding="utf-8"))["features"] for p in (extracted, exported))
    assert a == b and a
    assert list(a[0]["properties"])[:3] == ["event_id_cnty", "event_date", "year"]


@pytest.mark.parametrize("suffix", [".gpkg", ".kml", ".parquet"])
def test_extract_writes_gis_files_by_the_output_extension(tmp_path, suffix):
    import geopandas as gpd
    import pyogrio

    target = tmp_path / f"seed{suffix}"
    out = run("-o", str(target))
    assert out.returncode == 0, out.stderr
    frame = (gpd.read_parquet(target) if suffix == ".parquet"
             else pyogrio.read_dataframe(target, layer="incidents"))
    assert "Mushkaf Tunnel" in set(frame["location"])


def test_csv_uses_acled_column_names(tmp_path):
    target = tmp_path / "incidents.csv"
    out = run("--format", "csv", "-o", str(target))
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    for column in ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1",
                   "actor2", "admin1", "location", "latitude", "longitude", "geo_precision",
                   "time_precision", "fatalities", "notes"):
        assert column in rows[0]
    assert {r["event_date"] for r in rows} >= {"2025-03-11", "2024-10-01", "2024-08-01"}


def test_stdin_with_published_date_and_country():
    text = b"Gunmen shot dead three farmers near Sibi on Monday, police said."
    out = run("-", "--published", "2025-03-12", "--country", "PK", "-f", "json", stdin=text)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    (incident,) = result["incidents"]
    assert incident["event_date"] == "2025-03-10"
    assert incident["fatalities"] == 3
    assert incident["location"]["name"] == "Sibi"


def test_table_lists_places_and_incidents():
    out = run("-f", "table")
    text = out.stdout.decode()
    assert "PLACES" in text and "INCIDENTS" in text and "Mushkaf Tunnel" in text


@pytest.mark.parametrize(("content", "needle"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"Quetta\x00\x01\x02", "binary"),
    (b"Quetta was \xff\xfe hit", "not UTF-8"),
])
def test_bad_article_is_one_line_and_exit_2(tmp_path, content, needle):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    out = run(str(path))
    err = out.stderr.decode()
    assert out.returncode == 2 and needle in err and str(path) in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [("--published", "12/03/2025"), ("--format", "xml"),
                                  ("/no/such/file.txt",)])
def test_bad_options_are_refused(args):
    out = run(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr.decode()


def test_article_without_places_warns_and_writes_an_empty_collection(tmp_path):
    target = tmp_path / "out.geojson"
    out = run("-", "--published", "2025-01-01", "-o", str(target),
              stdin=b"nothing to see here, all quiet.")
    assert out.returncode == 0
    assert "names no place" in out.stderr.decode()
    assert json.loads(target.read_text())["features"] == []


def test_failed_run_leaves_no_output_file(tmp_path):
    target = tmp_path / "out.geojson"
    out = run(str(tmp_path / "missing.txt"), "-o", str(target))
    assert out.returncode == 2 and not target.exists()


# --- a place the gazetteer lacks (invented name: no gazetteer has it) ---------------------
UNKNOWN_VILLAGE = (b"Gunmen attacked the village of Tumbarwa in Zamfara state on Monday, "
                   b"killing 12 people, police said.\n")


def test_table_lists_an_unknown_village_as_not_located():
    out = run("-", "-f", "table", "--published", "2025-05-07", stdin=UNKNOWN_VILLAGE)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    row = next(line for line in text.splitlines() if line.strip().startswith("Tumbarwa"))
    assert "event" in row and "not located" in row
    assert "at Tumbarwa (not in the gazetteer; placed at Zamfara) (geo precision 2)" in text


def test_json_and_csv_keep_an_unknown_village():
    out = run("-", "-f", "json", "--published", "2025-05-07", stdin=UNKNOWN_VILLAGE)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    [m] = [m for m in data["mentions"] if m["surface"] == "Tumbarwa"]
    assert m["place"] is None and m["role"] == "event" and m["hint"] == "village"
    assert data["incidents"][0]["location"]["name"] == "Tumbarwa"
    out = run("-", "-f", "csv", "--published", "2025-05-07", stdin=UNKNOWN_VILLAGE)
    [row] = list(csv.DictReader(io.StringIO(out.stdout.decode())))
    assert (row["location"], row["admin1"], row["geo_precision"]) == ("Tumbarwa", "Zamfara", "2")


def test_gpkg_mentions_layer_keeps_an_unknown_village_without_geometry(tmp_path):
    import geopandas as gpd

    path = tmp_path / "x.gpkg"
    out = run("-", "-o", str(path), "--published", "2025-05-07", stdin=UNKNOWN_VILLAGE)
    assert out.returncode == 0, out.stderr
    mentions = gpd.read_file(path, layer="mentions")
    row = mentions[mentions["surface"] == "Tumbarwa"]
    assert len(row) == 1 and row.geometry.iloc[0] is None
    assert row["role"].iloc[0] == "event"


def test_unknown_fallback_provider_is_one_line_error():
    out = run("-", "--fallback", "nowhere", stdin=UNKNOWN_VILLAGE)
    assert out.returncode == 2
    assert out.stderr.decode().strip().startswith("incimap:") and b"Traceback" not in out.stderr
