"""The gazetteer store: keys, overlay validation, GeoNames imports, cache repair."""

from __future__ import annotations

import zipfile

import pytest

from incimap.gazetteer import gazetteer as gz
from incimap.gazetteer.normalize import compact, normalize, skeleton
from incimap.gazetteer.sources import feature_type, overlay_rows, read_geonames_dump
from incimap.geo.exceptions import DataError, InputError


@pytest.mark.parametrize(("a", "b"), [
    ("Ab-e-Gum", "ab e gum"), ("  Peshawar   Cantt. ", "peshawar cantt"),
    ("Mūsá Khel", "musa khel"), ("D.I. Khan", "d i khan"), ("Bahāwalpur", "bahawalpur"),
])
def test_normalize_folds_case_diacritics_and_punctuation(a, b):
    assert normalize(a) == b


@pytest.mark.parametrize(("a", "b"), [
    ("Musakhail", "Musa Khel"), ("Musakhel", "Musakhail"), ("Mushkaf", "Mashkaf"),
    ("Dhadar", "Dadhar"), ("Jaffar", "Jaffer"), ("Noshki", "Nushki"), ("Machh", "Mach"),
])
def test_romanisation_variants_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


def test_different_places_keep_different_skeletons():
    assert skeleton("Quetta") != skeleton("Kohat")
    assert compact("Musa Khel") == compact("Musakhel")


def test_seed_overlay_loads_with_types_and_radii():
    from incimap.seeds import PLACES_OVERLAY

    rows = overlay_rows(PLACES_OVERLAY)
    ids = {r.gid for r in rows}
    for needed in ("overlay:bolan-district", "overlay:bolan-pass", "overlay:mushkaf-tunnel",
                   "overlay:dhadar", "overlay:station-mach", "overlay:balochistan"):
        assert needed in ids
    assert all(r.radius_km > 0 and r.source for r in rows)


HEADER = ("id,name,alternate_names,feature_type,lat,lon,radius_km,country,admin1,admin2,"
          "population,source,source_2,notes\n")


@pytest.mark.parametrize(("row", "field"), [
    ("x,X,,tunnel,95,67,1,PK,,,,src,,\n", "lat"),
    ("x,X,,tunnel,29,abc,1,PK,,,,src,,\n", "lon"),
    ("x,X,,castle,29,67,1,PK,,,,src,,\n", "feature_type"),
    (",X,,town,29,67,1,PK,,,,src,,\n", "id"),
])
def test_bad_overlay_row_names_file_line_and_field(tmp_path, row, field):
    path = tmp_path / "places.csv"
    path.write_text(HEADER + "ok,Ok,,town,29,67,1,PK,,,,src,,\n" + row, encoding="utf-8")
    with pytest.raises(DataError) as err:
        overlay_rows(path)
    message = str(err.value)
    assert str(path) in message and "line 3" in message and f"'{field}'" in message


def _dump_line(gid, name, lat, lon, fclass, fcode, alternates="", population=0):
    cols = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, "PK", "",
            "02", "", "", "", str(population), "", "1000", "Asia/Karachi", "2024-01-01"]
    return "\t".join(cols) + "\n"


@pytest.fixture
def dump_file(tmp_path):
    path = tmp_path / "PK.txt"
    path.write_text(
        _dump_line(9000001, "Zarghun Road Railway Station", 30.101, 67.111, "S", "RSTN",
                   "Zarghun Road Station") +
        _dump_line(9000002, "Chappar Rift Tunnel", 30.05, 67.62, "R", "TNL") +
        "this line is broken\n" +
        _dump_line(9000003, "Kharzai Pass", 30.3, 67.9, "T", "PASS") +
        _dump_line(9000004, "Bad Lat", 123, 67.9, "P", "PPL"),
        encoding="utf-8")
    return path


def test_geonames_dump_rows_are_typed_and_bad_rows_counted(dump_file):
    report = read_geonames_dump(dump_file)
    types = {r.name: r.ftype for r in report.rows}
    assert types == {"Zarghun Road Railway Station": "station", "Chappar Rift Tunnel": "tunnel",
                     "Kharzai Pass": "pass"}
    assert report.skipped == 2
    assert any("line 3" in p for p in report.problems)


def test_zipped_dump_reads_like_plain(dump_file, tmp_path):
    archive = tmp_path / "PK.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(dump_file, "PK.txt")
        zf.writestr("readme.txt", "not data")
    assert len(read_geonames_dump(archive).rows) == 3


def test_binary_dump_is_refused_with_its_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"ok\n\x00\x01binary")
    with pytest.raises(InputError, match="line 2"):
        read_geonames_dump(path)


def test_imported_station_is_found_by_geocode(dump_file, gazetteer):
    from incimap.geo.geocode import geocode

    report = gz.import_dump(dump_file)
    try:
        assert len(report.rows) == 3
        result = geocode("Zarghun Road station", gazetteer=gz.open_gazetteer())
        assert result.place.feature_type == "station"
        assert result.place.gazetteer_id == "geonames:9000001"
        stores = {s["store"] for s in gz.open_gazetteer().info()}
        assert "imports" in stores
    finally:
        gz.imports_path().unlink(missing_ok=True)
        gz.clear_cache()


@pytest.mark.parametrize(("fclass", "fcode", "population", "expected"), [
    ("A", "ADM1", 0, "province"), ("A", "ADM2", 0, "district"), ("P", "PPLC", 1, "city"),
    ("P", "PPL", 200_000, "city"), ("P", "PPL", 6_000, "town"), ("P", "PPL", 50, "village"),
    ("S", "RSTN", 0, "station"), ("R", "TNL", 0, "tunnel"), ("T", "PASS", 0, "pass"),
])
def test_geonames_feature_codes_map_to_feature_types(fclass, fcode, population, expected):
    assert feature_type(fclass, fcode, population) == expected


def test_corrupt_overlay_cache_is_rebuilt_with_a_warning(isolated_cache, capsys):
    from incimap.seeds import PLACES_OVERLAY

    gz.clear_cache()
    path = gz.overlay_store_path(PLACES_OVERLAY)
    gz.open_gazetteer(world=False)
    gz.clear_cache()
    path.write_bytes(b"this is not a database" * 100)
    g = gz.open_gazetteer(world=False)
    assert g.candidates("Mushkaf Tunnel")
    assert "rebuilding" in capsys.readouterr().err
    gz.clear_cache()


def test_world_store_is_reused_not_rebuilt(gazetteer):
    path = gz.world_path()
    before = path.stat().st_mtime
    gz.clear_cache()
    gz.open_gazetteer()
    assert path.stat().st_mtime == before


def test_info_reports_counts_sources_and_paths(gazetteer):
    info = {s["store"]: s for s in gazetteer.info()}
    assert info["world"]["places"] > 200_000
    assert info["world"]["names"] > 500_000
    assert "GeoNames" in info["world"]["source"]
    assert info["overlay"]["places"] >= 50


def test_a_dump_with_no_usable_row_is_an_error_counting_lines(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("eggs\nmilk\tbread\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no places imported: read 2 lines, skipped 2"):
        read_geonames_dump(path)


def test_an_overlong_line_is_refused_without_reading_it_whole(tmp_path, monkeypatch):
    from incimap.gazetteer import sources

    monkeypatch.setattr(sources, "MAX_LINE_BYTES", 1000)
    path = tmp_path / "one-line.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(InputError, match="line 1: file: a line longer than"):
        read_geonames_dump(path)


def test_a_zip_that_inflates_too_far_is_refused_before_inflating(tmp_path, monkeypatch):
    from incimap.gazetteer import sources

    monkeypatch.setattr(sources, "RATIO_FREE_BYTES", 1000)
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("PK.txt", b"\n" * 1_000_000)
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open",
                        lambda self, *a, **k: opened.append(a) or real_open(self, *a, **k))
    with pytest.raises(InputError, match="zip member 'PK.txt' inflates .* zip bomb"):
        read_geonames_dump(archive)
    assert opened == []


def test_a_zip_too_big_once_inflated_is_refused(tmp_path, monkeypatch):
    from incimap.gazetteer import sources

    monkeypatch.setattr(sources, "MAX_DUMP_BYTES", 10_000)
    archive = tmp_path / "big.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("PK.txt", b"y\n" * 10_000)
    with pytest.raises(InputError, match="inflates to more than"):
        read_geonames_dump(archive)


# --- first-run build: progress and an honest estimate -------------------------------------

def _small_world(monkeypatch):
    from test_cache_recovery import small_world_rows

    from incimap.gazetteer import sources

    monkeypatch.setattr(sources, "geonames_base_rows", small_world_rows)


def test_world_build_reports_progress_monotonically_ending_at_total(tmp_path, monkeypatch):
    _small_world(monkeypatch)
    calls = []
    gz.build_world(tmp_path / "world.sqlite", progress=lambda *a: calls.append(a))
    done = [d for d, _, _ in calls]
    assert done == sorted(done)
    assert calls[0][2] == "reading"
    totals = {t for _, t, s in calls if s != "reading"}
    (total,) = totals  # one total once the rows are read
    assert total > 3001  # every place, then the indexes
    assert calls[-1] == (total, total, "done")
    stages = [s for _, _, s in calls]
    assert stages.index("places") < stages.index("indexes") < stages.index("done")
    assert 10 < stages.count("places") <= 202  # steady, but not a call per place


def test_world_build_notice_says_how_long_and_how_much_disk(tmp_path, monkeypatch):
    _small_world(monkeypatch)
    notes = []
    gz.build_world(tmp_path / "world.sqlite", notify=notes.append)
    (note,) = notes
    assert gz.BUILD_ESTIMATE in note and "3 minutes" in note
    assert f"{gz.WORLD_MB} MB" in note and f"{gz.MATCHER_MB} MB" in note
    assert "25 s" not in note


def test_store_build_from_a_generator_reads_it_first_to_know_the_total(tmp_path):
    from incimap.gazetteer.store import Row, write_store

    calls = []
    rows = (Row(gid=f"t:{i}", name=f"Place{i}", lat=0.0, lon=0.0, ftype="village")
            for i in range(10))
    write_store(tmp_path / "s.sqlite", rows, {}, progress=lambda *a: calls.append(a))
    assert calls[0] == (0, 0, "reading")
    assert calls[1] == (0, 11, "places") and calls[-1] == (11, 11, "done")


def test_no_match_suggestions_are_distinct_places_with_division_and_country(gazetteer):
    # A name known by several spellings, and a name many places share, once each.
    found = gazetteer.suggestions("Nowshera Kalan xx")
    assert len(found) == len(set(found)) == 3
    assert all(s.endswith(")") and ", " in s for s in found)
    assert found[0] == "Nowshera (Khyber Pakhtunkhwa, PK)"
    assert gazetteer.suggestions("Quettaxyzq") == gazetteer.suggestions("Quettaxyzq")


def test_place_label_skips_missing_parts():
    from incimap.gazetteer.store import Row

    assert gz.place_label(Row(gid="x", name="Ghana", lat=0, lon=0, ftype="country",
                              country="GH")) == "Ghana (GH)"
    assert gz.place_label(Row(gid="x", name="Atlantis", lat=0, lon=0, ftype="place")) == \
        "Atlantis"
