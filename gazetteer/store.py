"""One indexed SQLite file of places and their name keys.

The same schema serves three stores (see ``gazetteer.sources``): the world base
compiled from GeoNames data, the curated overlay from ``seeds/places.csv``, and
GeoNames dumps a user imports. A store is written to a temporary file and renamed,
so a crash never leaves a half-built store behind.

Keys (``gazetteer.normalize``): ``keys.key`` is the normalised name, ``keys.skel``
its consonant skeleton; ``fuzzy`` maps a 32-bit hash of every one-character
deletion of a compact key to that key (a symmetric-deletion index: two names one
edit apart share a deletion).
"""

from __future__ import annotations

import math
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from gazetteer.normalize import compact, deletions, normalize, skeleton

SCHEMA_VERSION = "7"  # bump when what a store holds changes

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
               "region": 5, "town": 3, "station": 1, "tunnel": 1, "village": 0, "place": 0}


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


def write_store(path: Path, rows: Iterable[Row], meta: dict[str, str],
                fuzzy_alternates: bool = True) -> int:
    """Compile ``rows`` into a new store at ``path``; returns the number of places.

    ``fuzzy_alternates`` False indexes only primary names for typo matching (the
    world base, where alternates would multiply the index without helping much).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        count = _fill(con, rows, fuzzy_alternates)
        con.executemany("INSERT INTO meta VALUES (?, ?)",
                        [*meta.items(), ("schema", SCHEMA_VERSION), ("places", str(count))])
        con.executescript(_INDEXES)
        con.commit()
    finally:
        con.close()
    os.replace(tmp, path)
    return count


def _fill(con: sqlite3.Connection, rows: Iterable[Row], fuzzy_alternates: bool) -> int:
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


class Store:
    """Read-only access to one store file."""

    def __init__(self, path: Path, label: str):
        self.path, self.label = path, label
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.meta = dict(self.con.execute("SELECT key, value FROM meta"))

    def close(self) -> None:
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

    def count(self, table: str = "places") -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def counts_by_type(self) -> dict[str, int]:
        return dict(self.con.execute("SELECT ftype, count(*) FROM places GROUP BY ftype"))
