"""Exports as GIS and ACLED users meet them: every ACLED column with its codebook meaning,
real dates, full notes, styled and time-stamped KML, and sources that never carry a local
path (checked on every byte of every file the commands write)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import pyogrio
import pytest

from incimap.geo import acled
from incimap.geo.export import build_layers, export_layers, kml_color
from incimap.geo.extract import citation, extract_file, public_source
from incimap.geo.layers import ACLED_COLUMNS, INCIDENT_COLUMNS, incidents_frame
from incimap.geo.models import Incident, Place
from incimap.geo.palette import EVENT_COLORS

ROOT = Path(__file__).resolve().parents[1]
KML = "{http://www.opengis.net/kml/2.2}"
TOWN = Place(name="Sibi", lat=29.54299, lon=67.87726, feature_type="town", country="PK",
             admin1="Balochistan")
# Words and a non-ASCII letter, far past the old 1,000-character cut.
LONG_NOTE = ("Soldiers and 'guards' said é, & <b>. " * 200)[:4999] + "."


def incident(n: int = 1, **fields) -> Incident:
    values = dict(id=f"T{n}", title=f"Attack {n}", event_type="Violence against civilians",
                  sub_event_type="Attack", event_date="2025-03-10", time_precision=1,
                  location=TOWN, actor1="Unidentified Armed Group (Pakistan)",
                  actor2="Civilians (Pakistan)", fatalities=3)
    values.update(fields)
    return Incident(**values)


def read_layer(path: Path, fmt: str) -> pd.DataFrame:
    if fmt == "csv":
        return pd.read_csv(path, keep_default_na=False, dtype=str)
    if fmt == "parquet":
        return gpd.read_parquet(path)
    if fmt == "kml":
        pyogrio.set_gdal_config_options({"LIBKML_TIMESTAMP_FIELD": "kml_when"})
        try:
            return pyogrio.read_dataframe(path, layer="incidents")
        finally:
            pyogrio.set_gdal_config_options({"LIBKML_TIMESTAMP_FIELD": None})
    return pyogrio.read_dataframe(path, layer="incidents" if fmt == "gpkg" else None)


# --------------------------------------------------------------------------- inter codes


@pytest.mark.parametrize(("actor", "code"), [
    ("Civilians (Pakistan)", 7),
    ("passengers", 7),
    ("Protesters (India)", 6),
    ("Rioters (Kenya)", 5),
    ("United Nations peacekeepers", 8),
    ("Military Forces of Pakistan", 1),
    ("Police Forces of Nigeria", 1),
    ("Kuki Ethnic Militia (India)", 4),
    ("Unidentified Armed Group (Mali)", 3),
    ("Baloch Liberation Army", 2),
    ("rebels", 2),
    ("XYZ: Some Movement", 2),
    ("the army", 1),
    ("security forces", 1),
    ("", 0),
    ("Someone", 0),
], ids=["civilians", "passengers", "protesters", "rioters", "external-forces",
        "military-forces-of", "police-forces-of", "identity-militia", "unidentified-group",
        "liberation-army-is-not-the-state", "rebels", "acronym-named-group", "army",
        "security-forces", "no-actor", "unknown-actor"])
def test_inter_code_of_an_actor_name(actor, code):
    assert acled.inter_code(actor) == code


@pytest.mark.parametrize(("inter1", "inter2", "expected"), [
    (2, 7, 27), (7, 1, 17), (1, 0, 10), (0, 0, 0), (3, 3, 33)])
def test_interaction_is_both_codes_smaller_first(inter1, inter2, expected):
    assert acled.interaction(inter1, inter2) == expected


def test_civilian_targeting_only_when_actor2_is_civilians():
    frame = incidents_frame([incident(1), incident(2, actor2="Military Forces of Pakistan")])
    assert list(frame["civilian_targeting"]) == ["Civilian targeting", ""]
    assert list(frame["inter1"]) == [3, 3] and list(frame["inter2"]) == [7, 1]
    assert list(frame["interaction"]) == [37, 13]


@pytest.mark.parametrize(("code", "region"), [
    ("PK", "South Asia"), ("IR", "Middle East"), ("AM", "Caucasus and Central Asia"),
    ("KZ", "Caucasus and Central Asia"), ("CY", "Europe"), ("NG", "Western Africa"),
    ("CD", "Middle Africa"), ("MX", "Central America"), ("fj", "Oceania"), ("", ""),
    ("ZZ", ""),
], ids=["southern-asia", "iran-is-middle-east", "caucasus", "central-asia",
        "cyprus-is-europe", "african-subregion-kept", "middle-africa", "central-america",
        "lower-case-code", "no-country", "unknown-code"])
def test_region_is_acleds_name_for_the_countrys_m49_subregion(code, region):
    assert acled.region(code) == region


def test_region_table_names_only_acled_regions():
    known = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa",
             "Northern Africa", "South Asia", "Southeast Asia", "East Asia",
             "Caucasus and Central Asia", "Middle East", "Europe", "North America",
             "Central America", "South America", "Caribbean", "Oceania", "Antarctica"}
    assert set(acled._regions().values()) <= known
    assert len(acled._regions()) > 240


def test_timestamp_is_the_publication_day_else_the_event_day():
    frame = incidents_frame([incident(1, published="2025-03-12"), incident(2)])
    assert list(frame["timestamp"]) == [1741737600, 1741564800]  # midnight UTC
    assert incidents_frame([incident(1, published="2025-03-12")])["timestamp"][0] == \
        frame["timestamp"][0]  # no wall clock: the same input, the same value


# --------------------------------------------------------------------------- formats


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    incidents = [
        incident(1, notes=LONG_NOTE, source="Dawn", source_scale="National",
                 published="2025-03-12", confidence=0.42,
                 field_confidence={"location": 0.25, "date": 0.9}),
        incident(2, event_type="Battles", sub_event_type="Armed clash",
                 actor1="Military Forces of Pakistan", actor2="Baloch Liberation Army",
                 event_date="2025-03-01", time_precision=2),
        incident(3, event_type="Protests", sub_event_type="Peaceful protest",
                 actor1="Protesters (Pakistan)", actor2="", event_date="2025-02-01",
                 time_precision=3),
    ]
    export_layers(build_layers(incidents), folder, "all", stem="t")
    return folder


FILES = {"geojson": "t_incidents.geojson", "gpkg": "t.gpkg", "kml": "t.kml",
         "csv": "t_incidents.csv", "parquet": "t_incidents.parquet"}


@pytest.mark.parametrize("fmt", list(FILES))
def test_every_format_has_every_acled_column_and_the_full_note(exported, fmt):
    back = read_layer(exported / FILES[fmt], fmt)
    assert set(ACLED_COLUMNS) <= set(back.columns)
    assert back["notes"][0] == LONG_NOTE and len(LONG_NOTE) == 5000
    assert str(back["source"][0]) == "Dawn" and str(back["source_scale"][0]) == "National"
    assert int(back["timestamp"][0]) == 1741737600 and int(back["interaction"][0]) == 37
    assert str(back["region"][0]) == "South Asia"
    # The reader's confidence, for the record and per field; empty where it has none.
    assert float(back["confidence"][0]) == pytest.approx(0.42)
    assert float(back["confidence_location"][0]) == pytest.approx(0.25)
    assert str(back["confidence_fatalities"][0]) in ("", "nan", "None")


def test_a_dataset_read_back_keeps_the_confidences(exported):
    from incimap.geo.dataset import load_incidents

    loaded, _ = load_incidents([exported / FILES["parquet"]])
    first = next(i for i in loaded if i.title == "Attack 1")
    assert first.confidence == pytest.approx(0.42)
    assert first.field_confidence == pytest.approx({"location": 0.25, "date": 0.9})


def test_csv_columns_are_acleds_in_acleds_order(exported):
    header = (exported / FILES["csv"]).read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(INCIDENT_COLUMNS)
    assert header.split(",")[:len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)


def test_event_date_is_a_date_in_geopackage_and_geoparquet(exported):
    with sqlite3.connect(exported / FILES["gpkg"]) as db:
        columns = {row[1]: row[2] for row in db.execute("PRAGMA table_info(incidents)")}
    assert columns["event_date"] == "DATE" and columns["timestamp"] == "INTEGER"
    schema = pq.read_schema(exported / FILES["parquet"])
    assert str(schema.field("event_date").type) == "date32[day]"
    assert gpd.read_parquet(exported / FILES["parquet"])["event_date"][0] == dt.date(2025, 3, 10)
    assert pyogrio.read_dataframe(exported / FILES["gpkg"], layer="incidents")[
        "event_date"][0] == pd.Timestamp("2025-03-10")


def test_event_date_is_iso_text_in_csv_and_geojson(exported):
    assert read_layer(exported / FILES["csv"], "csv")["event_date"][0] == "2025-03-10"
    import json

    doc = json.loads((exported / FILES["geojson"]).read_text(encoding="utf-8"))
    assert doc["features"][0]["properties"]["event_date"] == "2025-03-10"
    assert isinstance(doc["features"][0]["properties"]["timestamp"], int)


def _kml(exported) -> ET.Element:
    return ET.parse(exported / FILES["kml"]).getroot()


def test_kml_has_a_style_per_event_type_in_the_maps_colours(exported):
    from incimap.maps.styles import EVENT_STYLES

    root = _kml(exported)
    styles = {s.get("id"): s.find(f"{KML}IconStyle/{KML}color").text
              for s in root.iter(f"{KML}Style")}
    assert styles == {
        "event-violence-against-civilians": kml_color(EVENT_COLORS["Violence against civilians"]),
        "event-battles": kml_color(EVENT_COLORS["Battles"]),
        "event-protests": kml_color(EVENT_COLORS["Protests"]),
    }
    assert kml_color("#d62728") == "ff2827d6"  # KML's aabbggrr
    assert all(EVENT_STYLES[t]["color"] == c for t, c in EVENT_COLORS.items())


def test_every_kml_incident_points_at_its_events_style(exported):
    root = _kml(exported)
    folder = next(f for f in root.iter(f"{KML}Folder") if f.get("id") == "incidents")
    urls = [p.find(f"{KML}styleUrl").text for p in folder.iter(f"{KML}Placemark")]
    assert urls == ["#event-violence-against-civilians", "#event-battles", "#event-protests"]
    ids = {s.get("id") for s in root.iter(f"{KML}Style")}
    assert {u.lstrip("#") for u in urls} <= ids


def test_kml_times_are_a_day_stamp_or_a_week_or_month_span(exported):
    folder = next(f for f in _kml(exported).iter(f"{KML}Folder") if f.get("id") == "incidents")
    day, week, month = folder.iter(f"{KML}Placemark")
    assert day.find(f"{KML}TimeStamp/{KML}when").text == "2025-03-10"
    assert day.find(f"{KML}TimeSpan") is None
    assert (week.find(f"{KML}TimeSpan/{KML}begin").text,
            week.find(f"{KML}TimeSpan/{KML}end").text) == ("2025-02-22", "2025-03-08")
    assert (month.find(f"{KML}TimeSpan/{KML}begin").text,
            month.find(f"{KML}TimeSpan/{KML}end").text) == ("2025-02-01", "2025-02-28")


def test_gdal_reads_the_kml_times_and_typed_columns(exported):
    back = pyogrio.read_dataframe(exported / FILES["kml"], layer="incidents")
    # GDAL's own field for <TimeStamp> is "timestamp"; ACLED's column then reads as timestamp2.
    assert back["timestamp"][0] == pd.Timestamp("2025-03-10")
    assert back["begin"][1] == pd.Timestamp("2025-02-22")
    assert back["timestamp2"][0] == 1741737600 and back["fatalities"].dtype.kind == "i"


def test_kml_stays_well_formed_with_control_characters_in_the_text(tmp_path):
    out = tmp_path / "x.kml"
    export_layers(build_layers([incident(notes="form\x0cfeed and \x01 bell")]), out, "kml")
    ET.parse(out)  # XML 1.0 cannot hold them even escaped
    assert pyogrio.read_dataframe(out, layer="incidents")["notes"][0] == \
        "form\ufffdfeed and \ufffd bell"


def test_a_kml_export_is_the_same_bytes_every_time(tmp_path):
    layers = build_layers([incident(1), incident(2, event_type="Riots")])
    a, b = tmp_path / "a.kml", tmp_path / "b.kml"
    export_layers(layers, a, "kml")
    export_layers(layers, b, "kml")
    assert a.read_bytes() == b.read_bytes()


# --------------------------------------------------------------------------- folders


def test_all_creates_a_missing_nested_folder(tmp_path):
    target = tmp_path / "exports" / "2025" / "march"
    written = export_layers(build_layers([incident()]), target, "all", stem="t")
    assert target.is_dir() and all(p.parent == target for p in written)


def test_a_failed_export_removes_the_folders_it_made(tmp_path, monkeypatch):
    from incimap.geo import export

    def broken(*args, **kwargs):
        raise export.ExportError("disk on fire")

    monkeypatch.setattr(export, "write_kml", broken)
    with pytest.raises(export.ExportError, match="disk on fire"):
        export_layers(build_layers([incident()]), tmp_path / "new" / "deeper", "all")
    assert list(tmp_path.iterdir()) == []


def test_cli_export_all_makes_the_nested_output_folder(tmp_path, capsys):
    from incimap.geo.cli import main

    target = tmp_path / "exports" / "seed"
    with pytest.raises(SystemExit) as stop:
        main(["export", "--curated", "--no-route", "-f", "all", "-o", str(target)])
    assert (stop.value.code or 0) == 0, capsys.readouterr().err
    assert {p.suffix for p in target.iterdir()} == {".gpkg", ".kml", ".geojson", ".csv",
                                                   ".parquet"}


def test_a_single_file_export_creates_its_folder(tmp_path):
    target = tmp_path / "made" / "incidents.csv"
    export_layers(build_layers([incident()]), target, "csv")
    assert target.is_file()


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize(("args", "expected"), [
    (("Dawn", "https://dawn.com/x", "/home/me/a.txt"), "Dawn"),
    (("", "https://dawn.com/x", "/home/me/a.txt"), "https://dawn.com/x"),
    (("", "", "/home/me/news/a.txt"), "a.txt"),
    (("/home/me/a.txt", "file:///home/me/a.txt", "a.txt"), "a.txt"),
    (("", "", "-"), ""),
    (("", "", "C:\\Users\\me\\a.txt"), "a.txt"),
], ids=["publisher-first", "then-url", "else-base-name", "never-a-local-path", "stdin",
        "windows-path"])
def test_citation_is_publisher_or_url_never_a_local_path(args, expected):
    assert citation(*args) == expected


def test_public_source_keeps_names_and_urls_and_strips_paths():
    assert public_source("Dawn; AFP") == "Dawn; AFP"
    assert public_source("https://example.org/a/b") == "https://example.org/a/b"
    assert public_source("/tmp/run/seeds/a.txt") == "a.txt"
    assert public_source("~/news/a.txt") == "a.txt"


def test_article_metadata_gives_publisher_scale_and_publication_day(tmp_path, isolated_cache):
    article = tmp_path / "report.txt"
    article.write_text("Gunmen shot dead three farmers near Sibi on Monday, police said.\n",
                       encoding="utf-8")
    article.with_suffix(".yaml").write_text(
        "published: 2025-03-12\npublisher: Dawn\nurl: https://example.org/1\n"
        "source_scale: National\n", encoding="utf-8")
    (found,) = extract_file(article, country="PK").incidents
    assert (found.source, found.source_scale, found.published) == ("Dawn", "National",
                                                                   "2025-03-12")
    assert found.article_id == "report.txt" and found.id.startswith("report-")


def test_an_article_without_metadata_is_cited_by_its_base_name(tmp_path, isolated_cache):
    article = tmp_path / "deep" / "report.txt"
    article.parent.mkdir()
    article.write_text("Gunmen shot dead three farmers near Sibi on Monday, police said.\n",
                       encoding="utf-8")
    result = extract_file(article, published=dt.date(2025, 3, 12), country="PK")
    assert result.source == "report.txt"
    assert {i.source for i in result.incidents} == {"report.txt"}


def test_a_dataset_row_holding_a_local_path_is_read_as_its_base_name():
    from incimap.geo.dataset import incidents_from_frame

    frame = incidents_frame([incident(source="x")])
    frame["source"] = "/srv/analyst/articles/report.txt"
    (back,) = incidents_from_frame(frame)
    assert back.source == "report.txt"


def test_reports_of_one_publisher_still_merge_as_two_reports():
    from incimap.geo.events import merge_events

    a = incident(1, source="Dawn", article_id="a.txt")
    b = incident(2, source="Dawn", article_id="b.txt")
    events, _ = merge_events([a, b])
    assert len(events) == 1 and len(events[0].members) == 2
    same, _ = merge_events([a, incident(2, source="Dawn", article_id="a.txt")])
    assert len(same) == 2  # records of one report never merge


# --------------------------------------------------------------------------- no local path


def test_no_output_of_export_extract_or_map_holds_a_local_path(tmp_path):
    """Every byte of every file: no checkout path, no temp folder, no home folder."""
    out = tmp_path / "out"
    runs = [["export", "-f", "all", "-o", str(out / "all")]]
    runs += [["extract", "-o", str(out / f"extract.{fmt}")]
             for fmt in ("geojson", "json", "csv", "gpkg", "kml", "parquet")]
    runs += [["map", "-o", str(out / "map.html")]]
    for args in runs:
        done = subprocess.run([sys.executable, "-m", "incimap.geo", *args], capture_output=True,
                              timeout=300, cwd=tmp_path)
        assert done.returncode == 0, (args, done.stderr.decode())
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) >= 17 + 6 + 1
    needles = {str(ROOT.resolve()), str(ROOT), str(tmp_path), os.path.expanduser("~"),
               str(Path(os.environ.get("TMPDIR", "/tmp")).resolve())}
    needles = {n.encode() for n in needles if len(n) > 1}
    for path in files:
        data = path.read_bytes()
        found = [n for n in needles if n in data]
        assert not found, (path.name, found)
    # The map takes its source from the incident: the article's base name, no folders.
    assert b"jaffar_express_2025-03-12.txt" in (out / "map.html").read_bytes()
