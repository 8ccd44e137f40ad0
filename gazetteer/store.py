"""One indexed SQLite file of places and their name keys.

The same schema serves three stores (see ``gazetteer.sources``): the world base
compiled from GeoNames data, the curated overlay from ``seeds/places.csv``, and
GeoNames dumps a user imports. A store is written to a temporary file and renamed,
so a crash never leaves a half-built store behind.

Checking a store: opening one checks that it is a whole SQLite file of this schema
(header, page count against the file size, tables, meta keys: a fraction of a
millisecond). ``PRAGMA quick_check`` would catch damaged pages too, but costs about
1 s on the 160 MB world store, twice a cold ``incimap geocode``. So it runs only when
the file changed since incimap wrote or last checked it: a stamp beside the store
(``<store>.ok``) holds the file's size, inode and times; writing into a file moves
its times. Damage SQLite finds mid-query (bit rot) becomes a one-line
``GazetteerError`` and marks the stamp, so the next open rebuilds or reports it.

Keys (``gazetteer.normalize``): ``keys.key`` is the normalised name, ``keys.skel``
its consonant skeleton; ``fuzzy`` maps a 32-bit hash of every one-character
deletion of a compact key to that key (a symmetric-deletion index: two names one
edit apart share a deletion).
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from incimap.gazetteer.errors import GazetteerError
from incimap.gazetteer.normalize import compact, deletions, normalize, skeleton
from incimap.gazetteer.reporting import Progress

SCHEMA_VERSION = "25"  # bump when what a store holds changes

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, gid TEXT, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    ftype TEXT NOT NULL, fcode TEXT, country TEXT, admin1_code TEXT, admin1 TEXT, admin2 TEXT,
    population INTEGER, source TEXT, radius_km REAL, importance REAL
);
CREATE TABLE keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, skel TEXT);
CREATE TABLE names (key_id INTEGER NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL);
CREATE TABLE fuzzy (h INTEGER NOT NULL, key_id INTEGER NOT NULL, PRIMARY KEY (h, key_id))
    WITHOUT ROWID;
"""

_INDEXES = """
CREATE INDEX names_key ON names (key_id);
CREATE INDEX keys_skel ON keys (skel);
CREATE TABLE best (key_id INTEGER PRIMARY KEY, place INTEGER NOT NULL, kind INTEGER NOT NULL);
INSERT INTO best
    SELECT key_id, place, kind FROM (
        SELECT n.key_id, n.place, n.kind, ROW_NUMBER() OVER (
            PARTITION BY n.key_id
            ORDER BY (CASE n.kind WHEN 0 THEN 100.0 ELSE 97.0 END) + p.importance DESC, p.gid
        ) AS r
        FROM names n JOIN places p ON p.id = n.place)
    WHERE r = 1;
"""

PLACE_COLUMNS = (
    "gid", "name", "lat", "lon", "ftype", "fcode", "country", "admin1_code", "admin1",
    "admin2", "population", "source", "radius_km", "importance",
)

# How much a feature type weighs when names match equally well.
TYPE_WEIGHT = {"continent": 14, "country": 14, "province": 12, "district": 8, "city": 6, "pass": 6,
               "region": 5, "water": 5, "town": 3, "station": 1, "tunnel": 1, "village": 0,
               "place": 0}


def importance(ftype: str, population: int) -> float:
    """Static rank of a feature: its type and the order of magnitude of its population."""
    return TYPE_WEIGHT.get(ftype, 0) + 2.5 * math.log10(max(population, 0) + 1)


@dataclass(frozen=True)
class Row:
    """A place as stored, with the names it is known by."""

    gid: str
    name: str
    lat: float
    lon: float
    ftype: str
    fcode: str = ""
    country: str = ""
    admin1_code: str = ""
    admin1: str = ""
    admin2: str = ""
    population: int = 0
    source: str = ""
    radius_km: float = 0.0
    importance: float = -1.0  # computed from type and population when left at -1
    alternate_names: tuple[str, ...] = ()


def deletion_hash(text: str) -> int:
    return zlib.crc32(text.encode())


# Share of a build spent on the indexes after the places (measured on the world store:
# 3.7 s of indexes after 34 s of places), so progress moves at an even pace.
INDEX_SHARE = 0.1

def write_store(path: Path, rows: Iterable[Row], meta: dict[str, str],
                fuzzy_alternates: bool = True, needs_mb: int = 1,
                progress: Progress | None = None) -> int:
    """Compile ``rows`` into a new store at ``path``; returns the number of places.

    ``fuzzy_alternates`` False indexes only primary names for typo matching (the
    world base, where alternates would multiply the index without helping much).
    ``needs_mb``: about how much room the store takes, for the disk-full message.
    ``progress`` is told how far the build is (``reporting.Progress``); for it, rows
    without a length (a generator) are read into a list first.
    A failed build leaves nothing behind; disk full or any SQLite failure is one
    ``GazetteerError`` line.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        if progress and not hasattr(rows, "__len__"):
            progress(0, 0, "reading")
            rows = list(rows)  # to know the total (the world: 3 s, 45 MB of memory)
        con = sqlite3.connect(tmp)
        report = _Reporter(progress, len(rows) if hasattr(rows, "__len__") else 0)
        try:
            con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
            count = _fill(con, rows, fuzzy_alternates, report)
            con.executemany("INSERT INTO meta VALUES (?, ?)",
                            [*meta.items(), ("schema", SCHEMA_VERSION), ("places", str(count))])
            report.stage("indexes")
            con.executescript(_INDEXES)
            con.commit()
        finally:
            con.close()
        # No stamp while the file changes: a reader in between checks the file instead.
        stamp_path(path).unlink(missing_ok=True)
        os.replace(tmp, path)
    except (OSError, sqlite3.Error) as e:
        where = f"cannot build the gazetteer in {path.parent}"
        if _disk_full(e):
            raise GazetteerError(f"{where}: No space left on device (needs about {needs_mb} MB)"
                                 ) from None
        if isinstance(e, sqlite3.Error):
            raise GazetteerError(f"{where}: {e}") from None
        raise
    finally:
        tmp.unlink(missing_ok=True)
    write_stamp(path)
    report.stage("done")
    return count


class _Reporter:
    """Turns places written and stages reached into monotonic ``progress`` calls."""

    def __init__(self, progress: Progress | None, places: int):
        self.progress, self.places = progress, places
        self.total = places + math.ceil(places * INDEX_SHARE)
        self.step = max(1, places // 200)  # at most ~200 calls while places go in
        self.done = 0
        if progress:
            progress(0, self.total, "places")

    def placed(self, count: int) -> None:
        if self.progress and count % self.step == 0:
            self._tell(min(count, self.places), "places")

    def stage(self, stage: str) -> None:
        if self.progress:
            self._tell(self.total if stage == "done" else self.places, stage)

    def _tell(self, done: int, stage: str) -> None:
        self.done = max(self.done, done)
        self.progress(self.done, self.total, stage)


def _disk_full(e: Exception) -> bool:
    if isinstance(e, OSError):
        return e.errno in (errno.ENOSPC, errno.EDQUOT)
    return sqlite_code(e) == "SQLITE_FULL"


def sqlite_code(e: Exception) -> str:
    """The primary SQLite result code of an error: ``SQLITE_CORRUPT`` for
    ``SQLITE_CORRUPT_INDEX`` too."""
    return "_".join(getattr(e, "sqlite_errorname", "").split("_")[:2])


def _fill(con: sqlite3.Connection, rows: Iterable[Row], fuzzy_alternates: bool,
          report: _Reporter) -> int:
    key_ids: dict[str, int] = {}
    fuzzy_done: set[int] = set()
    places, names, keys, fuzzy = [], [], [], []
    count = 0

    def key_id(key: str) -> int:
        kid = key_ids.get(key)
        if kid is None:
            kid = key_ids[key] = len(key_ids) + 1
            keys.append((kid, key, skeleton(key)))
        return kid

    for count, row in enumerate(rows, start=1):
        values = [getattr(row, c) for c in PLACE_COLUMNS]
        if row.importance < 0:
            values[-1] = importance(row.ftype, row.population)
        places.append((count, *values))
        seen: set[str] = set()
        for kind, name in enumerate((row.name, *row.alternate_names)):
            key = normalize(name)
            if not key or key in seen:
                continue
            seen.add(key)
            kid = key_id(key)
            names.append((kid, count, min(kind, 1)))
            if (kind == 0 or fuzzy_alternates) and kid not in fuzzy_done and key.isascii():
                fuzzy_done.add(kid)
                c = compact(key)
                if len(c) >= 4:
                    fuzzy.extend((deletion_hash(d), kid) for d in deletions(c))
        if len(places) >= 50_000:
            _flush(con, places, names, keys, fuzzy)
        report.placed(count)
    _flush(con, places, names, keys, fuzzy)
    return count


def _flush(con, places, names, keys, fuzzy) -> None:
    marks = ",".join("?" * (len(PLACE_COLUMNS) + 1))
    con.executemany(f"INSERT INTO places VALUES ({marks})", places)
    con.executemany("INSERT INTO keys VALUES (?, ?, ?)", keys)
    con.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
    con.executemany("INSERT OR IGNORE INTO fuzzy VALUES (?, ?)", fuzzy)
    for batch in (places, names, keys, fuzzy):
        batch.clear()


# --- checking a store ----------------------------------------------------------------

_TABLES = frozenset({"meta", "places", "keys", "names", "fuzzy", "best"})
_DAMAGED = "damaged"  # the stamp of a store a query found damaged
# SQLite's codes for a file that is not a database or is damaged (others, such as
# "locked" or an I/O error, say nothing about the file itself).
_CORRUPT = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_FORMAT"})


class StoreDamaged(Exception):
    """A store file is not a whole store of this schema, or has damaged pages."""


def stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".ok")


def _file_stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size} {st.st_ino} {st.st_mtime_ns} {st.st_ctime_ns}"


def write_stamp(path: Path, damaged: bool = False) -> None:
    """Record that ``path`` is whole as it is now (or that this file is damaged)."""
    with contextlib.suppress(OSError):  # without a stamp it is only checked again
        text = f"{_DAMAGED} {_file_stamp(path)}" if damaged else _file_stamp(path)
        stamp_path(path).write_text(text, encoding="ascii")


def _read_stamp(path: Path) -> str:
    try:
        return stamp_path(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _check_header(path: Path) -> None:
    """An SQLite file as long as its header says (an empty or cut-off file is not)."""
    with path.open("rb") as f:  # FileNotFoundError: the caller builds it
        header = f.read(100)
        size = os.fstat(f.fileno()).st_size
    if not header:
        raise StoreDamaged("empty file")
    if not header.startswith(b"SQLite format 3\x00") or len(header) < 100:
        raise StoreDamaged("not an SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is valid when its two change counters agree.
    if header[24:28] == header[92:96] and size < pages * page_size:
        raise StoreDamaged(f"cut off: {size:,} of {pages * page_size:,} bytes")


class _Cursor(sqlite3.Cursor):
    def __next__(self):
        try:
            return super().__next__()
        except sqlite3.DatabaseError as e:
            raise self.connection.failed(e) from None

    def fetchone(self):
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as e:
            raise self.connection.failed(e) from None

    def fetchall(self):
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as e:
            raise self.connection.failed(e) from None


class _Connection(sqlite3.Connection):
    """A store's connection: a damage SQLite finds in any query (``geo.reader.matcher`` reads
    ``store.con`` too) becomes the store's one-line error instead of a traceback."""

    on_error = None  # set once the store is open

    def execute(self, sql, parameters=()):
        try:
            return self.cursor(_Cursor).execute(sql, parameters)
        except sqlite3.DatabaseError as e:
            raise self.failed(e) from None

    def failed(self, e: sqlite3.DatabaseError) -> Exception:
        return self.on_error(e) if self.on_error else e


class Store:
    """Read-only access to one store file.

    Opening checks the file (see the module notes): ``StoreDamaged`` when it is not
    a whole store. ``verify`` False refuses a file changed since its last check
    instead of running ``quick_check`` (the caller checks it under the build lock).
    ``derived`` says the store can be rebuilt (the world, the overlay), for messages.
    """

    def __init__(self, path: Path, label: str, verify: bool = True, derived: bool = True):
        self.path, self.label, self.derived = path, label, derived
        _check_header(path)
        stamp = _read_stamp(path)
        if stamp == f"{_DAMAGED} {_file_stamp(path)}":  # (a file put there since is checked)
            raise StoreDamaged("an earlier run found damaged pages")
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False,
                                   factory=_Connection)
        try:
            self.meta = self._check(stamp == _file_stamp(path), verify)
        except BaseException:
            self.con.close()
            raise
        self.con.on_error = self._query_failed

    def _check(self, unchanged: bool, verify: bool) -> dict[str, str]:
        try:
            tables = {n for (n,) in self.con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if missing := sorted(_TABLES - tables):
                raise StoreDamaged(f"not an incimap store: no table {', '.join(missing)}")
            meta = dict(self.con.execute("SELECT key, value FROM meta"))
            if meta.get("schema") != SCHEMA_VERSION or "places" not in meta:
                raise StoreDamaged(f"schema {meta.get('schema')!r}, expected {SCHEMA_VERSION}")
            if not unchanged:
                if not verify:
                    raise StoreDamaged("changed since it was last checked")
                found = "\n".join(p for (p,) in self.con.execute("PRAGMA quick_check(1)"))
                if found != "ok":
                    problems = [p for p in found.splitlines() if p and not p.startswith("***")]
                    raise StoreDamaged(f"damaged pages: {'; '.join(problems)}")
                write_stamp(self.path)
        except sqlite3.DatabaseError as e:
            if sqlite_code(e) not in _CORRUPT:
                raise  # locked, unreadable: nothing says the file is bad
            raise StoreDamaged(str(e)) from None
        return meta

    def _query_failed(self, e: sqlite3.DatabaseError) -> GazetteerError:
        if sqlite_code(e) in _CORRUPT:
            write_stamp(self.path, damaged=True)  # the next open rebuilds or reports it
            then = ("it is rebuilt on the next run" if self.derived else
                    f"move it aside (mv {self.path} {self.path}.damaged) and import your "
                    "GeoNames dumps again")
            return GazetteerError(f"{self.path}: the {self.label} gazetteer is damaged "
                                  f"({e}); {then}")
        with contextlib.suppress(OSError):
            stamp_path(self.path).unlink(missing_ok=True)  # check it on the next open
        return GazetteerError(f"{self.path}: cannot read the {self.label} gazetteer ({e})")

    def close(self) -> None:
        self.con.on_error = None
        self.con.close()

    _SELECT = (
        "SELECT p.gid, p.name, p.lat, p.lon, p.ftype, p.fcode, p.country, p.admin1_code,"
        " p.admin1, p.admin2, p.population, p.source, p.radius_km, p.importance, k.key, n.kind"
        " FROM keys k JOIN names n ON n.key_id = k.id JOIN places p ON p.id = n.place"
    )

    def by_keys(self, keys: list[str]) -> Iterator[tuple]:
        """Rows (place columns, matched key, kind) for exact normalised keys."""
        for i in range(0, len(keys), 900):
            chunk = keys[i : i + 900]
            marks = ",".join("?" * len(chunk))
            yield from self.con.execute(f"{self._SELECT} WHERE k.key IN ({marks})", chunk)

    _SELECT_BEST = (
        "SELECT p.gid, p.name, p.lat, p.lon, p.ftype, p.fcode, p.country, p.admin1_code,"
        " p.admin1, p.admin2, p.population, p.source, p.radius_km, p.importance, k.key, b.kind"
        " FROM keys k JOIN best b ON b.key_id = k.id JOIN places p ON p.id = b.place"
    )

    def best_by_keys(self, keys: list[str]) -> list[tuple]:
        """The single most important place per exact key (the batch fast path)."""
        rows: list[tuple] = []
        for i in range(0, len(keys), 900):
            chunk = keys[i : i + 900]
            marks = ",".join("?" * len(chunk))
            rows += self.con.execute(f"{self._SELECT_BEST} WHERE k.key IN ({marks})",
                                     chunk).fetchall()
        return rows

    def keys_by_skeleton(self, skel: str) -> list[str]:
        return [k for (k,) in self.con.execute("SELECT key FROM keys WHERE skel = ?", (skel,))]

    def keys_by_deletions(self, hashes: list[int]) -> list[str]:
        marks = ",".join("?" * len(hashes))
        sql = (f"SELECT DISTINCT k.key FROM fuzzy f JOIN keys k ON k.id = f.key_id"
               f" WHERE f.h IN ({marks})")
        return [k for (k,) in self.con.execute(sql, hashes)]

    def keys_near(self, key: str, limit: int = 3) -> list[str]:
        """Keys that sort just after ``key``: a last resort for suggestions."""
        sql = "SELECT key FROM keys WHERE key >= ? ORDER BY key LIMIT ?"
        return [k for (k,) in self.con.execute(sql, (key[:3], limit))]

    def places_within(self, bounds: tuple[float, float, float, float],
                      ftypes: tuple[str, ...]) -> list[tuple]:
        """Place columns of every place of the given types inside (west, south, east, north)."""
        west, south, east, north = bounds
        marks = ",".join("?" * len(ftypes))
        sql = (f"SELECT {', '.join(PLACE_COLUMNS)} FROM places WHERE lat BETWEEN ? AND ?"
               f" AND lon BETWEEN ? AND ? AND ftype IN ({marks})")
        return self.con.execute(sql, (south, north, west, east, *ftypes)).fetchall()

    def count(self, table: str = "places") -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def counts_by_type(self) -> dict[str, int]:
        return dict(self.con.execute("SELECT ftype, count(*) FROM places GROUP BY ftype"))
