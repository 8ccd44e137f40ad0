"""Figures for the route and the exports: locate throughput and export times.

    python bench/bench_route_export.py [--points 100000] [--incidents 10000]

Prints a table. Synthetic incidents are scattered around the default route (seeded random),
so runs are comparable.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from incimap.geo.export import FORMATS, SINGLE_LAYER_FORMATS, build_layers, export_layers  # noqa: E402
from incimap.geo.models import Figure, Incident, Place  # noqa: E402
from incimap.geo.route import load_route, locate, locate_many  # noqa: E402


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    """Best wall time of ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def random_points(route, n: int, spread_deg: float, rng) -> tuple[np.ndarray, np.ndarray]:
    """Points scattered around random stations of the route."""
    pick = rng.integers(0, len(route.stations), n)
    lats = np.array([route.stations[i].lat for i in pick]) + rng.normal(0, spread_deg, n)
    lons = np.array([route.stations[i].lon for i in pick]) + rng.normal(0, spread_deg, n)
    return np.clip(lats, -89, 89), np.clip(lons, -179, 179)


def synthetic_incidents(route, n: int, rng) -> list[Incident]:
    lats, lons = random_points(route, n, 0.3, rng)
    types = ("village", "town", "district", "station", "city")
    return [
        Incident(id=f"SYN{i}", title=f"Synthetic incident {i}", event_type="Battles",
                 sub_event_type="Armed clash", event_date="2025-03-11", time_precision=1,
                 location=Place(name=f"Place {i}", lat=float(lats[i]), lon=float(lons[i]),
                                feature_type=types[i % len(types)], country="PK",
                                admin1="Balochistan"),
                 actor1="Actor A", actor2="Actor B", fatalities=int(i % 7),
                 figures=(Figure("injured", int(i % 5)),), notes="synthetic <b>note</b> & more")
        for i in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--incidents", type=int, default=10_000)
    args = parser.parse_args()
    rng = np.random.default_rng(42)
    route = load_route()
    rows: list[tuple[str, str, str]] = []

    lats, lons = random_points(route, args.points, 1.0, rng)
    locate_many(route, lats[:10], lons[:10])  # warm the per-route cache
    seconds, _ = timed(lambda: locate_many(route, lats, lons), repeat=3)
    rows.append((f"locate_many, {args.points:,} points", f"{seconds * 1000:,.0f} ms",
                 f"{args.points / seconds:,.0f} points/s"))
    single = 2000
    seconds, _ = timed(lambda: [locate(route, lats[i], lons[i]) for i in range(single)])
    rows.append((f"locate one by one, {single:,} points", f"{seconds * 1000:,.0f} ms",
                 f"{single / seconds:,.0f} points/s"))

    incidents = synthetic_incidents(route, args.incidents, rng)
    seconds, layers = timed(lambda: build_layers(incidents, (), route))
    rows.append((f"build layers, {args.incidents:,} incidents", f"{seconds * 1000:,.0f} ms",
                 "incl. chainage + 64-gon uncertainty circles"))
    incidents_only = {"incidents": layers["incidents"]}
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            out = Path(folder) / f"bench.{fmt}"
            seconds, _ = timed(lambda fmt=fmt, out=out: export_layers(incidents_only, out, fmt))
            size = out.stat().st_size / 1e6
            rows.append((f"export {fmt}, {args.incidents:,} incidents", f"{seconds * 1000:,.0f} ms",
                         f"{size:,.1f} MB"))
        for fmt in FORMATS:
            out = Path(folder) / f"all.{fmt}"
            layer = "uncertainty" if fmt in SINGLE_LAYER_FORMATS else "incidents"
            what = "uncertainty layer" if fmt in SINGLE_LAYER_FORMATS else "all 5 layers"
            seconds, _ = timed(lambda fmt=fmt, out=out, layer=layer:
                               export_layers(layers, out, fmt, layer=layer))
            rows.append((f"export {fmt}, {what}", f"{seconds * 1000:,.0f} ms",
                         f"{out.stat().st_size / 1e6:,.1f} MB"))

    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'time':>10}  figure")
    print("-" * (width + 40))
    for what, seconds_text, figure in rows:
        print(f"{what:<{width}}  {seconds_text:>10}  {figure}")


if __name__ == "__main__":
    main()
