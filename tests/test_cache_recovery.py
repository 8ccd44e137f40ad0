"""The gazetteer cache always recovers (issue 11): empty, cut-off or damaged stores,
damaged user imports, killed and concurrent first builds, a full disk.

Builds here read a small world (``small_world_rows``: Quetta and 3,000 made-up places)
into each test's own cache folder, so no test rebuilds the session's world store. CLI
runs go through ``run_cli``: ``python -c`` with the same small world, switched by
``INCIMAP_TEST_*`` variables that only this module reads.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from incimap.gazetteer import gazetteer as gz
from incimap.gazetteer import sources
from incimap.gazetteer.store import Row, Store, StoreDamaged, stamp_path
from incimap.geo.exceptions import GazetteerError

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
_PRELUDE = (f"import sys; sys.path[:0] = [{str(TESTS)!r}]; "
            "import test_cache_recovery as t; t.use_small_world_from_env(); "
            "from incimap.geo.cli import main; main(sys.argv[1:])")


def small_world_rows():
    yield Row(gid="geonames:1167528", name="Quetta", lat=30.18414, lon=67.00141, ftype="city",
              fcode="PPLA", country="PK", admin1_code="02", admin1="Balochistan",
              population=733_675, source="test world")
    for i in range(3000):
        name = "Zed" + "".join(chr(97 + (i // 26**k) % 26) for k in range(3))
        yield Row(gid=f"test:{i}", name=name, lat=i % 170 - 85.0, lon=i % 350 - 175.0,
                  ftype="village", population=i, alternate_names=(name + "abad",))


def use_small_world_from_env() -> None:
    """In a CLI subprocess: build the small world; count builds, wait at a start
    barrier, be slow, or hit a full disk when the test asks to."""
    counter = os.environ.get("INCIMAP_TEST_BUILDS")
    barrier = os.environ.get("INCIMAP_TEST_BARRIER")  # "<folder>:<processes>"
    overlay_rows = sources.overlay_rows

    def count(what: str) -> None:
        if counter:
            with open(counter, "a", encoding="utf-8") as f:
                f.write(f"{what} {os.getpid()}\n")

    def world_rows():
        count("world")
        if os.environ.get("INCIMAP_TEST_SLOW"):
            time.sleep(float(os.environ["INCIMAP_TEST_SLOW"]))
        for i, row in enumerate(small_world_rows()):
            if os.environ.get("INCIMAP_TEST_DISK_FULL") and i == 1000:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            yield row

    def counted_overlay_rows(path):
        count("overlay")
        return overlay_rows(path)

    from incimap.geo.reader.matcher import Matcher

    from_keys = Matcher.from_keys.__func__

    def counted_from_keys(cls, keys, version=""):
        count("matcher")
        return from_keys(cls, keys, version)

    sources.geonames_base_rows = world_rows
    sources.overlay_rows = counted_overlay_rows
    Matcher.from_keys = classmethod(counted_from_keys)
    if barrier:  # every process checks for the stores at the same moment
        folder, _, n = barrier.rpartition(":")
        Path(folder, f"ready-{os.getpid()}").touch()
        deadline = time.monotonic() + 60
        while len(list(Path(folder).glob("ready-*"))) < int(n) and time.monotonic() < deadline:
            time.sleep(0.01)


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _PRELUDE, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **env})


def one_line(err: str) -> str:
    """The one error line (besides the notice that a first build is starting)."""
    assert "Traceback" not in err, err
    lines = [line for line in err.strip().splitlines()
             if not line.startswith("incimap: building the world gazetteer once")]
    assert len(lines) == 1, err
    return lines[0]


def damage(path: Path) -> None:
    """Overwrite the middle half of a store, page-aligned, as a disk or a stray write would."""
    time.sleep(0.05)  # file times tick in jiffies; real damage comes long after the build
    size = path.stat().st_size
    start, end = size // 4 // 4096 * 4096, size * 3 // 4 // 4096 * 4096
    with path.open("r+b") as f:
        f.seek(start)
        f.write(b"\xff" * max(end - start, 4096))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder of this test, with the small world as the world source."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("INCIMAP_CACHE_DIR", str(folder))
    monkeypatch.setenv("INCIMAP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sources, "geonames_base_rows", small_world_rows)
    gz.clear_cache()
    yield folder
    gz.clear_cache()


def _world(folder: Path) -> Path:
    (path,) = folder.glob("world-*.sqlite")
    return path


def _warnings(err: str) -> list[str]:
    assert "Traceback" not in err, err
    return [line for line in err.splitlines() if "warning" in line]


def test_empty_world_store_is_rebuilt_with_one_warning(cache):
    assert run_cli("geocode", "Quetta").returncode == 0
    world = _world(cache)
    world.write_bytes(b"")
    second = run_cli("geocode", "Quetta")
    assert second.returncode == 0, second.stderr
    assert "Quetta" in second.stdout and "30.18414" in second.stdout
    (warning,) = _warnings(second.stderr)
    assert warning.startswith("incimap: warning: ") and str(world) in warning
    assert "empty file" in warning and "rebuilding" in warning
    third = run_cli("geocode", "Quetta")
    assert third.returncode == 0 and third.stderr == ""


def test_empty_overlay_store_is_rebuilt_with_one_warning(cache, capsys):
    from incimap.seeds import PLACES_OVERLAY

    gz.open_gazetteer(world=False)
    gz.clear_cache()
    path = gz.overlay_store_path(PLACES_OVERLAY)
    path.write_bytes(b"")
    capsys.readouterr()
    assert gz.open_gazetteer(world=False).candidates("Mushkaf Tunnel")
    (warning,) = _warnings(capsys.readouterr().err)
    assert str(path) in warning and "rebuilding" in warning
    gz.clear_cache()
    gz.open_gazetteer(world=False)
    assert capsys.readouterr().err == ""


def test_cut_off_world_store_is_rebuilt(cache, capsys):
    gz.open_gazetteer()
    gz.clear_cache()
    world = _world(cache)
    with world.open("r+b") as f:
        f.truncate(world.stat().st_size // 2)
    capsys.readouterr()
    assert gz.open_gazetteer().candidates("Quetta")
    (warning,) = _warnings(capsys.readouterr().err)
    assert "cut off" in warning and "rebuilding" in warning


def test_damaged_pages_in_world_store_are_found_and_rebuilt(cache, capsys):
    gz.open_gazetteer()
    gz.clear_cache()
    world = _world(cache)
    damage(world)
    capsys.readouterr()
    gaz = gz.open_gazetteer()
    (warning,) = _warnings(capsys.readouterr().err)
    assert str(world) in warning and "damaged pages" in warning and "rebuilding" in warning
    assert "world" in {c.store for c in gaz.candidates("Quetta")}
    assert len(gaz.exact([f"zed{chr(97 + k)}aa" for k in range(26)])) == 26


def test_damaged_copy_of_the_real_world_store_is_refused(gazetteer, tmp_path):
    world = next(s for s in gazetteer.stores if s.label == "world").path
    copy = tmp_path / world.name
    shutil.copyfile(world, copy)
    try:
        with copy.open("r+b") as f:  # 64 KiB of zeros in the middle, on page boundaries
            f.seek(copy.stat().st_size // 2 // 4096 * 4096)
            f.write(bytes(65536))
        start = time.perf_counter()
        with pytest.raises(StoreDamaged, match="damaged pages"):
            Store(copy, "world")
        print(f"quick_check found the damage in {time.perf_counter() - start:.2f} s")
    finally:
        copy.unlink(missing_ok=True)


def test_damage_found_mid_run_is_one_line_and_rebuilt_next_run(cache, capsys):
    world_store = next(s for s in gz.open_gazetteer().stores if s.label == "world")
    damage(world_store.path)
    with pytest.raises(GazetteerError) as caught:
        for table in ("places", "keys", "names", "fuzzy", "best"):
            world_store.con.execute(f"SELECT * FROM {table}").fetchall()
    message = str(caught.value)
    assert "\n" not in message and str(world_store.path) in message
    assert "rebuilt on the next run" in message
    assert stamp_path(world_store.path).read_text().startswith("damaged ")
    gz.clear_cache()
    capsys.readouterr()
    assert gz.open_gazetteer().candidates("Quetta")
    (warning,) = _warnings(capsys.readouterr().err)
    assert "an earlier run found damaged pages" in warning and "rebuilding" in warning


_DUMP = "\n".join("\t".join(map(str, (
    9000000 + i, name, name, "", 30.2 + i / 100, 67.0, "S", "RSTN", "PK", "", "02", "", "", "",
    0, "", "", "Asia/Karachi", "2024-01-01"))) for i, name in enumerate(
    ("Zarghun Road", "Spezand Junction", "Kolpur Halt"))) + "\n"


def test_damaged_imports_store_stops_import_and_geocode_in_one_line(cache, tmp_path):
    dump = tmp_path / "PK.txt"
    dump.write_text(_DUMP, encoding="utf-8")
    assert run_cli("gazetteer", "import", str(dump)).returncode == 0
    imports = gz.imports_path()
    damage(imports)
    before = imports.read_bytes()
    for args in (("gazetteer", "import", str(dump)), ("geocode", "Quetta")):
        result = run_cli(*args)
        assert result.returncode == 2
        line = one_line(result.stderr)
        assert line.startswith(f"incimap: {imports}: the imports gazetteer is damaged")
        assert f"move it aside (mv {imports} {imports}.damaged)" in line
        assert "import your GeoNames dumps again" in line
    assert imports.read_bytes() == before  # user data is never rewritten or removed


def test_stale_hidden_temp_files_are_removed_when_a_build_starts(cache):
    cache.mkdir(parents=True)
    stale = [cache / f".{gz.world_path().name}.424242.tmp",
             cache / f".world-s5-old.sqlite.{os.getpid()}.tmp",  # a reused pid: still stale
             cache / ".overlay-s6-0123456789ab.sqlite.31337.tmp",
             cache / ".matcher-0123456789abcdef.cache.999999.tmp"]
    for path in stale:
        path.write_bytes(b"x" * 1000)
    keep = cache / ".not-ours.tmp"
    keep.write_bytes(b"x")
    assert gz.open_gazetteer().candidates("Quetta")
    assert [p for p in stale if p.exists()] == []
    assert keep.exists()


def test_stale_import_temp_file_is_removed_by_the_next_import(cache, tmp_path):
    dump = tmp_path / "PK.txt"
    dump.write_text(_DUMP, encoding="utf-8")
    stale = gz.imports_path().with_name(f".{gz.imports_path().name}.424242.tmp")
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"x" * 1000)
    assert len(gz.import_dump(dump).rows) == 3
    assert not stale.exists() and gz.imports_path().exists()


def test_killed_first_build_leaves_nothing_the_next_run_keeps(cache):
    env = {**os.environ, "INCIMAP_TEST_SLOW": "30"}
    proc = subprocess.Popen([sys.executable, "-c", _PRELUDE, "geocode", "Quetta"], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not list(cache.glob(".world-*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(cache.glob(".world-*.tmp")), "the build never started"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # The killed process held the build lock: the OS released it with the process.
    result = run_cli("geocode", "Quetta", INCIMAP_LOCK_TIMEOUT="20")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in cache.glob(".*")) == [gz.LOCK_NAME]


def test_four_concurrent_first_runs_build_once(cache, tmp_path):
    counter, barrier = tmp_path / "builds.txt", tmp_path / "barrier"
    barrier.mkdir()
    env = {**os.environ, "INCIMAP_TEST_BUILDS": str(counter), "INCIMAP_TEST_SLOW": "1",
           "INCIMAP_TEST_BARRIER": f"{barrier}:4"}
    procs = [subprocess.Popen([sys.executable, "-c", _PRELUDE, "geocode", "Quetta"], cwd=ROOT,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    assert [rc for rc, _, _ in results] == [0] * 4, results
    assert len({out for _, out, _ in results}) == 1 and "30.18414" in results[0][1]
    builds = sorted(line.split()[0] for line in counter.read_text().splitlines())
    assert builds == ["overlay", "world"]
    notices = "".join(err for _, _, err in results)
    assert "Traceback" not in notices
    assert notices.count("building the world gazetteer") == 1


def test_four_concurrent_first_extracts_build_stores_and_matcher_once(cache, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Gunmen attacked a bus near Quetta on Monday.", encoding="utf-8")
    counter, barrier = tmp_path / "builds.txt", tmp_path / "barrier"
    barrier.mkdir()
    env = {**os.environ, "INCIMAP_TEST_BUILDS": str(counter), "INCIMAP_TEST_SLOW": "1",
           "INCIMAP_TEST_BARRIER": f"{barrier}:4"}
    args = ["extract", str(article), "--published", "2025-03-12", "-f", "json"]
    procs = [subprocess.Popen([sys.executable, "-c", _PRELUDE, *args], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    assert [rc for rc, _, _ in results] == [0] * 4, results
    assert len({out for _, out, _ in results}) == 1 and "Quetta" in results[0][1]
    builds = sorted(line.split()[0] for line in counter.read_text().splitlines())
    assert builds == ["matcher", "overlay", "world"]
    assert len(list(cache.glob("matcher-*.cache"))) == 1


def test_lock_wait_times_out_in_one_line(cache):
    with gz.build_lock(cache):  # as if another process were building
        result = run_cli("geocode", "Quetta", INCIMAP_LOCK_TIMEOUT="1")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr and len(lines) == 2, result.stderr
    assert lines[0] == ("incimap: waiting for another incimap process to build the gazetteer "
                        f"in {cache}")
    assert lines[1].startswith(f"incimap: {cache / gz.LOCK_NAME}: gave up after 1 s waiting")


def test_disk_full_during_build_is_one_line_and_leaves_nothing(cache):
    result = run_cli("geocode", "Quetta", INCIMAP_TEST_DISK_FULL="1")
    assert result.returncode == 2
    assert one_line(result.stderr) == (f"incimap: cannot build the gazetteer in {cache}: No space "
                                       f"left on device (needs about {gz.WORLD_NEEDS_MB} MB)")
    assert list(cache.glob("*tmp*")) == [] and list(cache.glob(".*tmp*")) == []
    assert list(cache.glob("world-*")) == []
    assert run_cli("geocode", "Quetta").returncode == 0  # with room again, it builds


def test_sqlite_disk_full_is_one_line_and_leaves_nothing(cache, monkeypatch):
    from incimap.gazetteer import store

    # SQLite's own "database or disk is full", as a full cache disk raises it.
    monkeypatch.setattr(store, "_SCHEMA", "PRAGMA max_page_count = 8;" + store._SCHEMA)
    with pytest.raises(GazetteerError) as caught:
        gz.open_gazetteer(world=False)
    assert str(caught.value) == (f"cannot build the gazetteer in {cache}: No space left on "
                                 "device (needs about 1 MB)")
    assert [p.name for p in cache.iterdir()] == [gz.LOCK_NAME]


def test_disk_full_writing_the_matcher_is_one_line_and_leaves_nothing(cache, monkeypatch):
    from incimap.geo import cachefile
    from incimap.geo.reader import matcher as mentions

    def full(obj, path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cachefile, "dump", full)
    with pytest.raises(GazetteerError) as caught:
        mentions.get_matcher(gz.open_gazetteer())
    assert str(caught.value) == (f"cannot build the gazetteer in {cache}: No space left on "
                                 f"device (needs about {mentions.MATCHER_MB} MB)")
    assert list(cache.glob("matcher-*")) == [] and list(cache.glob(".matcher-*")) == []
