"""Figures for the gazetteer and the geocoder (issue 2). Prints them; asserts nothing.

    python bench/bench_geocode.py [--quick]

- cold process time of `incimap geocode Quetta` (median of runs), beside a bare
  Python process that opens SQLite and answers one lookup;
- batch throughput for exact and for normalised names;
- fuzzy fallbacks: names/s and how often a name with one typo (dropped, swapped or
  substituted letter) still resolves to the right place;
- the world store's build time, size on disk and the build's peak memory.
"""

from __future__ import annotations

import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed_runs(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=False, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_start(runs: int) -> None:
    from incimap.gazetteer.gazetteer import world_path

    baseline = (f"import sqlite3; c = sqlite3.connect('file:{world_path()}?mode=ro', uri=True); "
                "c.execute(\"select * from keys where key = 'quetta'\").fetchall()")
    base = timed_runs([sys.executable, "-c", baseline], runs)
    cli = timed_runs([sys.executable, "-m", "incimap.geo", "geocode", "Quetta"], runs)
    helptime = timed_runs([sys.executable, "-m", "incimap.geo", "--help"], runs)
    print(f"cold `incimap geocode Quetta`: {cli * 1000:.0f} ms median of {runs} "
          f"(target <= 200 ms; bare python+sqlite lookup here: {base * 1000:.0f} ms)")
    print(f"cold `incimap --help`:         {helptime * 1000:.0f} ms")


def sample_names(gaz, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(name, gid) of random world places with Latin-script primary names."""
    rng = random.Random(seed)
    store = next(s for s in gaz.stores if s.label == "world")
    total = store.count()
    rows = []
    while len(rows) < n:
        ids = rng.sample(range(1, total + 1), min(n * 2, total))
        marks = ",".join("?" * len(ids))
        for name, gid in store.con.execute(
                f"SELECT name, gid FROM places WHERE id IN ({marks})", ids):
            if name.isascii() and len(name) >= 5 and name.replace(" ", "").isalpha():
                rows.append((name, gid))
    return rows[:n]


def batch(gaz, names: list[str], label: str, coherent: bool = False) -> None:
    """Plain batches take the fast path (the best place of each name is stored); a batch
    with a country focus (``coherent``, what `incimap geocode --file` does) ranks every
    candidate."""
    from incimap.geo.geocode import geocode_many

    start = time.perf_counter()
    results = geocode_many(names, gazetteer=gaz, alternatives=0, fuzzy=False, coherent=coherent)
    elapsed = time.perf_counter() - start
    found = sum(hasattr(r, "place") for r in results)
    print(f"batch {label:<11} {len(names) / elapsed:>10,.0f} names/s "
          f"({len(names):,} names, {found / len(names):.1%} found; target >= 200,000/s)")


def typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    kind = rng.choice(("drop", "swap", "substitute"))
    if kind == "drop":
        return name[:i] + name[i + 1:]
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz".replace(name[i].lower(), ""))
    return name[:i] + letter + name[i + 1:]


def fuzzy(gaz, sample: list[tuple[str, str]]) -> None:
    from incimap.geo.exceptions import IncimapError
    from incimap.geo.geocode import geocode

    rng = random.Random(11)
    queries = [(typo(name, rng), name, gid) for name, gid in sample]
    right = 0
    start = time.perf_counter()
    for query, name, gid in queries:
        try:
            r = geocode(query, gazetteer=gaz, alternatives=0)
        except IncimapError:
            continue
        # Right place: the same record, or a record of the very same name there.
        right += r.place.gazetteer_id == gid or r.place.name == name
    elapsed = time.perf_counter() - start
    print(f"fuzzy (one typo)  {len(queries) / elapsed:>10,.0f} names/s, "
          f"{right / len(queries):.1%} resolved to the right place "
          f"(targets >= 2,000/s and >= 90%)")


def build(quick: bool) -> None:
    if quick:
        return
    with tempfile.TemporaryDirectory() as tmp:
        code = ("import resource, time; from pathlib import Path; "
                "from incimap.gazetteer.gazetteer import build_world; t = time.perf_counter(); "
                f"p = build_world(Path({tmp!r}) / 'w.sqlite'); "
                "print(time.perf_counter() - t, p.stat().st_size, "
                "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             cwd=ROOT, check=True).stdout.split()
        seconds, size, rss = float(out[0]), int(out[1]), int(out[2])
        print(f"world store build: {seconds:.1f} s, {size / 1e6:.0f} MB on disk, "
              f"peak memory {rss / 1024:.0f} MB")


def main() -> None:
    quick = "--quick" in sys.argv
    from incimap.gazetteer.gazetteer import open_gazetteer

    gaz = open_gazetteer()
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    cold_start(5 if quick else 15)
    sample = sample_names(gaz, 20_000 if quick else 100_000)
    names = [n for n, _ in sample]
    batch(gaz, names, "exact")
    batch(gaz, [n.upper().replace("a", "á") for n in names], "normalised")
    batch(gaz, names, "CLI-ranked", coherent=True)
    fuzzy(gaz, sample[: 500 if quick else 3000])
    build(quick)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"this benchmark's peak memory: {rss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
