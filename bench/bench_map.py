"""Map figures: render time and HTML size for synthetic incidents, and Chromium load times.

    python bench/bench_map.py                 # 1,000 / 10,000 / 100,000 incidents + seed map
    python bench/bench_map.py --sizes 1000    # quicker
    python bench/bench_map.py --no-browser    # Python side only

Browser figures use Debian's /usr/bin/chromium (headless, every non-file request blocked):
time from navigation until the page's layers are built (``incimap.ready()``), and frames
per second while panning, for the seed map and for the 10,000-incident map.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from incimap.geo.models import Incident, Place  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
EVENT_TYPES = ("Battles", "Violence against civilians", "Explosions/Remote violence", "Riots",
               "Protests", "Strategic developments")


def synthetic_incidents(n: int, seed: int = 7) -> list[Incident]:
    """``n`` incidents over Pakistan's west, dates spread over 2024."""
    rng = random.Random(seed)
    incidents = []
    for k in range(n):
        where = Place(f"Village {k}", rng.uniform(25.0, 34.0), rng.uniform(61.0, 72.0),
                      "village", country="PK")
        incidents.append(Incident(
            id=f"synthetic-{k}", title=f"Synthetic incident {k}",
            event_type=EVENT_TYPES[k % len(EVENT_TYPES)], sub_event_type="",
            event_date=f"2024-{1 + k % 12:02d}-{1 + k % 28:02d}", time_precision=1,
            location=where, fatalities=k % 40, curated=k % 10 == 0))
    return incidents


def bench_render(n: int, folder: Path) -> tuple[float, int, Path]:
    from incimap import maps
    from incimap.geo.route import load_route

    incidents = synthetic_incidents(n)
    route = load_route()
    start = time.perf_counter()
    m = maps.render(incidents, route=route, title=f"{n:,} synthetic incidents")
    path = folder / f"synthetic-{n}.html"
    size = maps.save(m, path)
    return time.perf_counter() - start, size, path


def seed_map(folder: Path) -> tuple[float, Path]:
    from incimap.geo.cli import main

    path = folder / "seed-map.html"
    start = time.perf_counter()
    try:
        main(["map", "-o", str(path)])
    except SystemExit as done:
        if done.code not in (0, None):
            raise
    return time.perf_counter() - start, path


def context_figures() -> tuple[int, float]:
    """(labels, seconds) of the basemap's place names around the seed route."""
    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.context import context_labels, data_bounds
    from incimap.geo.route import load_route

    gazetteer = open_gazetteer()
    bounds = data_bounds(route=load_route())
    start = time.perf_counter()
    labels = context_labels(bounds, gazetteer)
    return len(labels), time.perf_counter() - start


def browser_figures(paths: dict[str, Path]) -> dict[str, tuple[float, float]]:
    """Per page: (seconds until layers are built, frames per second while panning)."""
    from playwright.sync_api import sync_playwright

    figures = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        for name, path in paths.items():
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                ("file:", "data:")) else r.abort())
            start = time.perf_counter()
            page.goto(path.resolve().as_uri())
            page.wait_for_function("window.incimap && incimap.instances.length && "
                                   "incimap.ready()", timeout=600_000)
            load = time.perf_counter() - start
            fps = page.evaluate("""() => new Promise(done => {
                const map = incimap.app().map;
                let frames = 0, steps = 0;
                const t0 = performance.now();
                function frame() {
                    frames += 1;
                    if (performance.now() - t0 < 2000) requestAnimationFrame(frame);
                    else done(frames / ((performance.now() - t0) / 1000));
                }
                const pan = setInterval(() => {
                    map.panBy([steps % 2 ? -120 : 120, 60 * (steps % 3 - 1)], {animate: false});
                    steps += 1;
                }, 50);
                requestAnimationFrame(frame);
                setTimeout(() => clearInterval(pan), 2000);
            })""")
            figures[name] = (load, fps)
            page.close()
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-map-"))

    print(f"{'incidents':>10} {'render+save s':>14} {'HTML MB':>9}")
    pages: dict[str, Path] = {}
    for n in args.sizes:
        seconds, size, path = bench_render(n, folder)
        print(f"{n:>10,} {seconds:>14.2f} {size / 1e6:>9.2f}")
        if n == 10_000:
            pages[f"{n:,} incidents"] = path
    seconds, path = seed_map(folder)
    print(f"seed map (incimap map): {seconds:.2f} s, {path.stat().st_size / 1e6:.2f} MB")
    pages = {"seed map": path, **pages}
    count, seconds = context_figures()
    print(f"context labels around the seed route: {count} in {seconds * 1000:.0f} ms")

    if not args.no_browser:
        if not Path(CHROMIUM).exists():
            print(f"{CHROMIUM} missing: no browser figures")
            return
        print(f"{'page':>18} {'load s':>8} {'pan fps':>8}")
        for name, (load, fps) in browser_figures(pages).items():
            print(f"{name:>18} {load:>8.2f} {fps:>8.1f}")


if __name__ == "__main__":
    main()
