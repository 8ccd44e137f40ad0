"""Exports: every format round-trips, GeoJSON follows RFC 7946, bad requests fail cleanly."""

from __future__ import annotations

import errno
import json
import math
import numbers
import os
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely import wkt

from incimap.geo.cli import main
from incimap.geo.exceptions import ExportError, InputError
from incimap.geo.export import (
    LAYERS,
    build_layers,
    export_layers,
    geojson_dict,
    validate_layer,
    write_gpkg,
)
from incimap.geo.layers import INCIDENT_COLUMNS
from incimap.geo.models import Figure, Incident, Mention, Place, Span
from incimap.geo.route import load_route

ROUTE_CSV = """# name: Test line
name,place_id,lat,lon,km,line,km_source
Quetta,,30.18414,67.00141,0,,
Mach,,29.86371,67.33018,66,,
Sibi,,29.54299,67.87726,141,,
"""


@pytest.fixture(scope="module")
def route(tmp_path_factory):
    path = tmp_path_factory.mktemp("route") / "route.csv"
    path.write_text(ROUTE_CSV, encoding="utf-8")
    return load_route(path)


@pytest.fixture(scope="module")
def layers(route):
    mach = Place(name="Mach", lat=29.86371, lon=67.33018, feature_type="town", country="PK",
                 admin1="Balochistan", admin2="Kachhi", gazetteer_id="geonames:1171757")
    tunnel = Place(name="Mushkaf Tunnel", lat=29.6499, lon=67.6949123456789,
                   feature_type="tunnel", country="PK", admin1="Balochistan")
    province = Place(name="Balochistan", lat=28.478, lon=65.629, feature_type="province",
                     country="PK")
    text = "Militants ambushed the <Jaffar> Express near the Mushkaf Tunnel & Mach."
    incidents = [
        Incident(id="PAK1", title="Hijacking of the <Jaffar> Express & hostages",
                 event_type="Violence against civilians",
                 sub_event_type="Abduction/forced disappearance", event_date="2025-03-11",
                 time_precision=1, location=tunnel, actor1="BLA", actor2="Civilians (Pakistan)",
                 fatalities=10, figures=(Figure("injured", 5), Figure("hostages", 182)),
                 notes="Train stopped in a tunnel; \"many\" held.", source="seed"),
        Incident(id="PAK2", title="Clash", event_type="Battles", sub_event_type="Armed clash",
                 event_date="2025-03-12", time_precision=1, location=mach, fatalities=27),
        Incident(id="PAK3", title="Province-wide", event_type="Battles",
                 sub_event_type="Armed clash", event_date="2024-08-26", time_precision=2,
                 location=province),
    ]
    mentions = [
        Mention(surface="Mushkaf Tunnel", span=Span(47, 61, "Mushkaf Tunnel"),
                sentence=Span(0, len(text), text), role="event", place=tunnel, score=97.0,
                match_kind="exact"),
        Mention(surface="Nowhere", span=Span(0, 7, "Nowhere"), sentence=Span(0, 7, "Nowhere")),
    ]
    return build_layers(incidents, mentions, route)


def read_back(path, fmt: str, layer: str) -> gpd.GeoDataFrame:
    if fmt == "csv":
        table = pd.read_csv(path, keep_default_na=False, na_values=[""])
        if "wkt" in table:
            geoms = [wkt.loads(t) if isinstance(t, str) else None for t in table.pop("wkt")]
        else:
            geoms = [shapely.Point(x, y) if pd.notna(y) else None
                     for x, y in zip(table["longitude"], table["latitude"], strict=True)]
        return gpd.GeoDataFrame(table, geometry=geoms, crs=4326)
    if fmt == "parquet":
        return gpd.read_parquet(path)
    if fmt == "kml":
        return read_kml(path, layer)
    return pyogrio.read_dataframe(path, layer=None if fmt == "geojson" else layer,
                                  datetime_as_string=True)


def read_kml(path, layer: str) -> gpd.GeoDataFrame:
    """A KML layer as GDAL reads it, its <TimeStamp> as ``kml_when``: GDAL's own name for it
    is ``timestamp``, which would hide ACLED's column of that name (read as timestamp2)."""
    pyogrio.set_gdal_config_options({"LIBKML_TIMESTAMP_FIELD": "kml_when"})
    try:
        return pyogrio.read_dataframe(path, layer=layer, datetime_as_string=True)
    finally:
        pyogrio.set_gdal_config_options({"LIBKML_TIMESTAMP_FIELD": None})


def same_value(a, b) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, (bool, np.bool_)):
        return bool(a) == (str(b).lower() in ("true", "1"))
    if isinstance(a, numbers.Number):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-6)
    return str(a) == str(b)


def _missing(v) -> bool:
    return v == "" if isinstance(v, str) else v is None or bool(pd.isna(v))


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml", "csv", "parquet"])
@pytest.mark.parametrize("layer", LAYERS)
def test_every_format_round_trips_geometry_and_attributes(tmp_path, layers, fmt, layer):
    out = tmp_path / f"out.{fmt}"
    export_layers(layers, out, fmt, layer=layer)
    original = layers[layer]
    back = read_back(out, fmt, layer)
    assert len(back) == len(original)
    for a, b in zip(original.geometry, back.geometry, strict=True):
        if a is None:
            assert b is None or b.is_empty
            continue
        b = shapely.force_2d(b)
        tolerance = 1e-6 if fmt == "geojson" else 1e-9
        assert shapely.equals_exact(shapely.normalize(a), shapely.normalize(b), tolerance)
    if fmt == "kml":
        back = back.rename(columns={"Name": "name"})
    for column in original.columns.drop(original.geometry.name):
        if fmt == "kml" and column == "name":
            continue  # KML's <name> is the placemark label (checked below)
        assert column in back, column
        for i, (a, b) in enumerate(zip(original[column], back[column], strict=True)):
            assert same_value(a, b), (column, i, a, b)


def test_gpkg_has_one_layer_per_frame_with_its_geometry_type(tmp_path, layers):
    out = write_gpkg(layers, tmp_path / "all.gpkg")
    found = dict(pyogrio.list_layers(out))
    assert found == {"incidents": "Point", "mentions": "Point", "route": "LineString",
                     "stations": "Point", "uncertainty": "Polygon"}


def test_kml_placemarks_have_names_and_escaped_descriptions(tmp_path, layers):
    out = tmp_path / "out.kml"
    export_layers(layers, out, "kml")
    assert {name for name, _ in pyogrio.list_layers(out)} == set(LAYERS)
    incidents = pyogrio.read_dataframe(out, layer="incidents")
    assert incidents["Name"][0] == "Hijacking of the <Jaffar> Express & hostages"
    text = out.read_text(encoding="utf-8")
    assert "&lt;Jaffar&gt; Express &amp;amp; hostages" in text or \
        "&lt;Jaffar&gt; Express &amp; hostages" in text
    assert "<Jaffar>" not in incidents["description"][0]
    assert "<table>" in incidents["description"][0]


def test_csv_uses_acled_column_names_in_order(tmp_path, layers):
    out = tmp_path / "incidents.csv"
    export_layers(layers, out, "csv")
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == list(INCIDENT_COLUMNS)
    table = pd.read_csv(out)
    assert table.loc[0, "hostages"] == 182 and table.loc[0, "disorder_type"] == \
        "Political violence"


def test_parquet_is_geoparquet_with_wgs84(tmp_path, layers):
    out = tmp_path / "incidents.parquet"
    export_layers(layers, out, "parquet")
    import pyarrow.parquet as pq

    geo = json.loads(pq.read_schema(out).metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert gpd.read_parquet(out).crs.to_epsg() == 4326


def test_all_writes_every_format_into_the_folder(tmp_path, layers):
    written = export_layers(layers, tmp_path, "all", stem="seed")
    names = {p.name for p in written}
    assert {"seed.gpkg", "seed.kml", "seed_incidents.geojson", "seed_route.csv",
            "seed_uncertainty.parquet"} <= names
    assert len(written) == 2 + 3 * len(LAYERS)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


# --------------------------------------------------------------------------- RFC 7946


def test_geojson_follows_rfc7946(layers):
    for name, frame in layers.items():
        doc = json.loads(json.dumps(geojson_dict(frame), allow_nan=False))
        assert doc["type"] == "FeatureCollection" and "crs" not in doc, name
        for feature in doc["features"]:
            geometry = feature["geometry"]
            if geometry is None:
                continue
            for x, y in shapely.get_coordinates(shapely.geometry.shape(geometry)):
                assert -180 <= x <= 180 and -90 <= y <= 90  # lon, lat order
                assert round(x, 6) == x and round(y, 6) == y
            if geometry["type"] == "Polygon":
                polygon = shapely.geometry.shape(geometry)
                assert polygon.exterior.is_ccw
                assert all(not ring.is_ccw for ring in polygon.interiors)


def test_geojson_coordinates_are_rounded_to_6_decimals(layers):
    doc = geojson_dict(layers["incidents"])
    assert list(doc["features"][0]["geometry"]["coordinates"]) == [67.694912, 29.6499]


def test_geojson_properties_are_plain_json_with_nulls(layers):
    props = geojson_dict(layers["mentions"])["features"][1]["properties"]
    assert props["latitude"] is None and props["route_km"] is None
    assert geojson_dict(layers["incidents"])["features"][1]["properties"]["hostages"] is None


# --------------------------------------------------------------------------- bad input


def test_a_file_where_the_output_folder_should_be_is_refused(tmp_path, layers):
    (tmp_path / "taken").write_text("a file", encoding="utf-8")
    with pytest.raises(InputError, match="taken: is not a folder"):
        export_layers(layers, tmp_path / "taken" / "deeper" / "out.geojson", "geojson")
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "a file"


def test_unknown_format_and_layer_are_export_errors(tmp_path, layers):
    with pytest.raises(ExportError, match="unknown format"):
        export_layers(layers, tmp_path / "out.shp", "shp")
    with pytest.raises(ExportError, match="no layer 'roads'"):
        export_layers(layers, tmp_path / "out.csv", "csv", layer="roads")


def test_layer_with_coordinates_outside_wgs84_names_the_row(layers):
    frame = layers["incidents"].copy()
    frame.loc[1, "geometry"] = shapely.Point(67.0, 95.0)
    with pytest.raises(ExportError, match="layer 'incidents', row 1, field 'geometry'"):
        validate_layer("incidents", frame)


def test_layer_with_a_non_plain_value_names_the_field(layers):
    frame = layers["incidents"].copy()
    frame["notes"] = frame["notes"].astype(object)
    frame.at[2, "notes"] = {"nested": True}
    with pytest.raises(ExportError, match="row 2, field 'notes'"):
        validate_layer("incidents", frame)


def test_failed_export_leaves_neither_file_nor_temporary(tmp_path, layers):
    out = tmp_path / "out.gpkg"
    broken = dict(layers, stations=layers["stations"].rename(columns={"km": "name"}))
    with pytest.raises(ExportError):
        export_layers(broken, out, "gpkg")
    assert list(tmp_path.iterdir()) == []


def test_failed_export_keeps_the_previous_file(tmp_path, layers):
    out = tmp_path / "out.gpkg"
    out.write_bytes(b"previous")
    broken = dict(layers, stations=layers["stations"].set_crs(3857, allow_override=True))
    with pytest.raises(ExportError):
        export_layers(broken, out, "gpkg")
    assert out.read_bytes() == b"previous"


# --------------------------------------------------------------------------- CLI


def run_cli(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(list(args))
    out, err = capsys.readouterr()
    return stop.value.code or 0, out, err


@pytest.mark.parametrize("args, fragment", [
    (["-f", "geojson", "-o", "{tmp}/a-file/out.geojson"], "is not a folder"),
    (["-f", "all", "-o", "{tmp}/a-file/exports"], "is not a folder"),
    (["-f", "shapefile", "-o", "{tmp}/out.shp"], "unknown format"),
    (["-f", "csv", "-l", "roads", "-o", "{tmp}/out.csv"], "unknown layer"),
    (["-f", "kml", "-o", "-"], "only geojson"),
    (["-f", "csv", "-o", "{tmp}"], "is a folder"),
    (["-f", "csv", "-o", "{tmp}/not-yet/"], "is a folder"),
])
def test_cli_bad_export_request_exits_2_with_one_line(capsys, tmp_path, args, fragment):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    args = [a.format(tmp=tmp_path) for a in args]
    code, _, err = run_cli(capsys, "export", *args)
    assert code == 2
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_cli_missing_article_exits_2_with_one_line(capsys, tmp_path):
    code, _, err = run_cli(capsys, "export", str(tmp_path / "no.txt"), "-f", "csv",
                           "-l", "stations", "-o", str(tmp_path / "s.csv"))
    assert code == 2 and err.count("\n") == 1 and "not found" in err


def test_cli_exports_the_curated_incidents_as_a_geopackage(capsys, tmp_path):
    out = tmp_path / "seed.gpkg"
    code, stdout, _ = run_cli(capsys, "export", "--curated", "-f", "gpkg", "-o", str(out))
    assert code == 0 and stdout.strip() == str(out)
    assert {name for name, _ in pyogrio.list_layers(out)} == set(LAYERS)
    incidents = pyogrio.read_dataframe(out, layer="incidents")
    hijacking = incidents[incidents["event_id_cnty"].str.contains("hijacking")].iloc[0]
    # Tunnel No. 8 lies between the Panir (km 101) and Pehro Kunri (km 116) posts.
    assert 101 - 5 <= hijacking["route_km"] <= 116 + 5


def test_cli_writes_geojson_to_stdout(capsys):
    code, stdout, _ = run_cli(capsys, "export", "--curated", "-l", "stations", "-o", "-")
    doc = json.loads(stdout)
    assert code == 0 and "crs" not in doc
    assert doc["features"][0]["properties"]["name"] == "Quetta"


# --------------------------------------------------------------------------- all or nothing


def _listing(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (b"dir" if p.is_dir() else p.read_bytes())
            for p in sorted(folder.rglob("*"))}


def test_all_writes_nothing_when_the_disk_fills_midway(tmp_path, layers, monkeypatch):
    (tmp_path / "seed.kml").write_bytes(b"an older export")
    (tmp_path / "notes.txt").write_bytes(b"the user's")
    before = _listing(tmp_path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    # The CSVs come after the GeoPackage, KML and GeoJSON files are already written.
    monkeypatch.setattr(pd.DataFrame, "to_csv", full)
    with pytest.raises(ExportError, match="No space left on device") as failure:
        export_layers(layers, tmp_path, "all", stem="seed")
    assert str(tmp_path / "seed_incidents.csv") in str(failure.value)
    assert ".incimap-" not in str(failure.value)
    assert _listing(tmp_path) == before


def test_all_puts_the_old_files_back_when_a_move_fails(tmp_path, layers, monkeypatch):
    from incimap.geo import fileio as geo_fileio

    (tmp_path / "seed.kml").write_bytes(b"an older export")
    (tmp_path / "seed_route.csv").write_bytes(b"an older route")
    before = _listing(tmp_path)
    real_replace, moves = os.replace, []

    def replace(src, dst):
        # Fail the fourth move out of the staging folder into the target folder.
        if Path(dst).parent == tmp_path and ".staging" in str(src):
            moves.append(dst)
            if len(moves) == 4:
                raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(geo_fileio.os, "replace", replace)
    with pytest.raises(OSError, match="Input/output error"):
        export_layers(layers, tmp_path, "all", stem="seed")
    monkeypatch.undo()
    assert len(moves) >= 4  # the failed move, then the old files put back
    assert _listing(tmp_path) == before


def test_all_replaces_every_file_and_leaves_no_temporary(tmp_path, layers):
    (tmp_path / "seed.kml").write_bytes(b"an older export")
    written = export_layers(layers, tmp_path, "all", stem="seed")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    assert (tmp_path / "seed.kml").read_bytes() != b"an older export"
    assert len(written) == 2 + 3 * len(layers)


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_a_later_run_removes_what_a_killed_run_left(tmp_path, layers):
    dead = _dead_pid()
    stale_file = tmp_path / f".incimap-{dead}-abcdefgh.seed.kml.tmp"
    stale_file.write_bytes(b"<kml>partial")
    stale_folder = tmp_path / f".incimap-{dead}-ijklmnop.staging"
    stale_folder.mkdir()
    (stale_folder / "seed.kml").write_bytes(b"<kml>partial")
    old = tmp_path / f".incimap-{os.getppid()}-qrstuvwx.d"  # a live pid, but hours old
    old.mkdir()
    os.utime(old, (time.time() - 3 * 3600,) * 2)
    live = tmp_path / f".incimap-{os.getppid()}-yz012345.seed.csv.tmp"  # a run going on now
    live.write_bytes(b"in progress")
    mine = tmp_path / ".hidden-notes"
    mine.write_bytes(b"not ours")

    export_layers(layers, tmp_path, "all", stem="seed")
    assert not stale_file.exists() and not stale_folder.exists() and not old.exists()
    assert live.exists() and mine.exists()


def test_a_map_or_extract_run_cleans_stale_temporaries_too(tmp_path):
    from incimap.geo.fileio import write_text_atomic

    stale = tmp_path / f".incimap-{_dead_pid()}-abcdefgh.map.html.tmp"
    stale.write_text("<html>half")
    write_text_atomic(tmp_path / "map.html", "<html></html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]


def test_all_on_a_really_full_disk_leaves_the_folder_empty(tmp_path):
    """A real full file system (a 64 kB tmpfs), where mounting one is allowed."""
    full = tmp_path / "full"
    full.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(full)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        done = subprocess.run([sys.executable, "-m", "incimap.geo", "export", "--curated",
                               "-f", "all", "-o", str(full)], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert list(full.iterdir()) == []
    finally:
        subprocess.run(["umount", str(full)], check=True)


def test_a_named_pipe_as_output_is_written_through_not_replaced(tmp_path):
    import stat
    import threading

    from incimap.geo.fileio import write_text_atomic

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    write_text_atomic(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert got == ["through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_device_as_export_target_stays_a_device(tmp_path, layers):
    """`-o /dev/null` as root once replaced the device with a plain file (tested on a copy)."""
    import stat

    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    for fmt in ("gpkg", "csv"):
        export_layers(layers, device, fmt, layer="incidents")
        assert stat.S_ISCHR(device.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_after_a_kill_9_the_next_export_leaves_only_complete_files(tmp_path):
    import signal

    command = [sys.executable, "-m", "incimap.geo", "export", "--curated", "-f", "all", "-o",
               str(tmp_path)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while proc.poll() is None and time.time() < deadline:
        staging = [p for p in tmp_path.iterdir() if p.name.startswith(".incimap-")]
        if staging and any(staging[0].iterdir()):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait(timeout=60)
    if proc.returncode != -signal.SIGKILL:
        pytest.skip("the export finished before it could be killed")
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == []

    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 17 and not any(n.startswith(".") for n in names)
