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


# --- batches: one row per input row, in order, with a status ------------------------------

SIX_NAMES = "Quetta\nSibi\n\nQwzxvtown\nLahore\nMach\n"


def test_six_names_in_six_rows_out_in_order_with_statuses(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text(SIX_NAMES + "\n\n", encoding="utf-8")  # trailing blank lines: no rows
    target = tmp_path / "out.csv"
    out = run("geocode", "--file", str(names), "--csv", "-o", str(target))
    assert out.returncode == 1  # a name was not found
    assert "1 of 6 names not found" in out.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["query"] for r in rows] == ["Quetta", "Sibi", "", "Qwzxvtown", "Lahore", "Mach"]
    assert [r["status"] for r in rows] == ["ok", "ok", "blank", "not_found", "ok", "ok"]
    assert abs(float(rows[0]["lat"]) - 30.18) < 0.05 and abs(float(rows[0]["lon"]) - 67.0) < 0.05
    missed = rows[3]
    assert missed["lat"] == missed["lon"] == missed["name"] == ""
    assert missed["suggestions"]


def test_csv_batch_carries_every_input_column_through_unchanged(tmp_path):
    import geopandas as gpd

    batch = tmp_path / "events.csv"
    batch.write_text('event_id,place,lat,notes\n7,Quetta,n/a,"blast, 2 dead"\n'
                     '8,Qwzxvtown,,\n9,Sibi,1.5,"quote ""x"""\n', encoding="utf-8")
    target = tmp_path / "geocoded.csv"
    run("geocode", "--file", str(batch), "--column", "place", "--csv", "-o", str(target),
        "--country", "PK")
    frame = gpd.read_file(target)
    columns = list(frame.columns)
    # Input columns first and unchanged; ours after, all prefixed as "lat" was taken.
    assert columns[:4] == ["event_id", "place", "lat", "notes"]
    assert columns[4:7] == ["geo_status", "geo_query", "geo_name"]
    assert "geo_lat" in columns and "geo_lon" in columns and "lon" not in columns
    assert list(frame["event_id"]) == ["7", "8", "9"]
    assert list(frame["lat"]) == ["n/a", "", "1.5"]
    assert list(frame["notes"]) == ["blast, 2 dead", "", 'quote "x"']
    assert list(frame["geo_status"]) == ["ok", "not_found", "ok"]
    assert abs(float(frame["geo_lat"][2]) - 29.54) < 0.05


def test_json_batch_has_a_row_per_input_with_columns_and_status(tmp_path):
    batch = tmp_path / "events.csv"
    batch.write_text("id,place\n1,Qwzxvtown\n2,Quetta\n3,\n", encoding="utf-8")
    out = run("geocode", "--file", str(batch), "--column", "place", "--json", "-n", "1")
    rows = json.loads(out.stdout)
    assert [(r["id"], r["status"]) for r in rows] == [("1", "not_found"), ("2", "ok"),
                                                      ("3", "blank")]
    assert rows[0]["lat"] is None and rows[0]["alternatives"] == []
    assert rows[1]["name"] == "Quetta" and len(rows[1]["alternatives"]) == 1


def test_too_long_row_is_an_error_row_and_the_others_are_answered(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("Quetta\n" + "x" * 300 + "\nSibi\n", encoding="utf-8")
    out = run("geocode", "--file", str(names), "--csv", "--country", "PK")
    assert out.returncode == 2
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["status"][:6] for r in rows] == ["ok", "error:", "ok"]
    assert "200-character limit" in rows[1]["status"]
    assert "Traceback" not in out.stderr


def test_a_name_two_places_share_equally_is_ambiguous():
    out = run("geocode", "Frankfort", "--json")
    (row,) = json.loads(out.stdout)
    assert row["status"] == "ambiguous"
    assert "ambiguous" in row["reason"]


def test_unknown_name_suggests_distinct_places_with_division_and_country():
    out = run("geocode", "Nowshera Kalan xx")
    assert out.returncode == 1
    nearest = out.stderr.split("nearest: ", 1)[1].strip()
    assert nearest.startswith("Nowshera (Khyber Pakhtunkhwa, PK)")
    labels = nearest.split("), ")
    assert len(labels) == len(set(labels)) == 3


# --- first-run progress as the CLI draws it ------------------------------------------------

def test_build_progress_off_a_terminal_is_a_few_plain_lines():
    from incimap.geo.cli.progress import BuildProgress

    clock = iter(range(100_000))
    stream = io.StringIO()
    progress = BuildProgress(stream=stream, tty=False, clock=lambda: next(clock) * 0.5)
    progress(0, 0, "reading")
    for done in range(0, 10_001, 10):
        progress(done, 11_000, "places")
    progress(10_000, 11_000, "indexes")
    progress(11_000, 11_000, "done")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 4 and "\r" not in stream.getvalue()
    assert [line.split()[3] for line in lines[:3]] == ["25%", "50%", "75%"]
    assert "s left" in lines[0] and lines[-1].startswith("incimap: world gazetteer built in")


def test_build_progress_writes_to_stderr_as_it_is_now_and_serves_a_second_build(monkeypatch):
    """The CLI sets one callback up per process: it must not hold on to a stderr that has
    since been replaced (and closed), nor to the first build's milestones."""
    from incimap.geo.cli.progress import BuildProgress

    clock = iter(range(100_000))
    progress = BuildProgress(tty=False, clock=lambda: next(clock) * 2.0)
    printed = []
    for _build in range(2):
        stream = io.StringIO()
        monkeypatch.setattr(sys, "stderr", stream)
        for done in range(0, 101, 5):
            progress(done, 100, "places")
        progress(100, 100, "done")
        printed.append(stream.getvalue())
        stream.close()  # what a test runner does with the stderr it captured
        monkeypatch.undo()
    assert all("25% built" in text and "built in" in text for text in printed), printed


def test_build_progress_of_a_quick_build_off_a_terminal_prints_nothing():
    from incimap.geo.cli.progress import BuildProgress

    stream = io.StringIO()
    progress = BuildProgress(stream=stream, tty=False, clock=lambda: 0.0)
    for done in range(0, 101):
        progress(done, 110, "places")
    progress(110, 110, "done")
    assert stream.getvalue() == ""


def test_build_progress_in_a_terminal_redraws_one_line():
    from incimap.geo.cli.progress import BuildProgress

    clock = iter(range(100_000))
    stream = io.StringIO()
    progress = BuildProgress(stream=stream, tty=True, clock=lambda: next(clock) * 1.0)
    for done in range(0, 1001, 100):
        progress(done, 1100, "places")
    progress(1100, 1100, "done")
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")  # one line, redrawn in place
    assert text.count("\r") == 12
    assert "[" + "#" * 27 in text and "s left" in text


_SLOW_BUILD = (
    f"import sys, types; sys.path[:0] = [{str(__import__('pathlib').Path(__file__).parent)!r}]; "
    "import test_cache_recovery as t; t.use_small_world_from_env(); "
    "import incimap.geo.cli.progress as p; import itertools; ticks = itertools.count(); "
    # Each progress call reads a clock one second later: a long build, run in an instant.
    "p.time = types.SimpleNamespace(monotonic=lambda: float(next(ticks))); "
    "from incimap.geo.cli import main; main(sys.argv[1:])")


def test_first_run_off_a_terminal_prints_a_bounded_number_of_lines(tmp_path):
    env = {**__import__("os").environ, "INCIMAP_CACHE_DIR": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", _SLOW_BUILD, "geocode", "Quetta"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stderr.splitlines()
    assert lines[0].startswith("incimap: building the world gazetteer once")
    assert "3 minutes" in lines[0] and "MB on disk" in lines[0]
    assert len(lines) <= 6, out.stderr  # notice, 3 quarters, done
    assert lines[-1].startswith("incimap: world gazetteer built in")
    assert "\r" not in out.stderr
