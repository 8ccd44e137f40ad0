"""Static map figures: time to draw and save the seed map as PNG and SVG, and file sizes.

    python bench/bench_static_map.py               # seed map, then 1,000 / 10,000 synthetic
    python bench/bench_static_map.py --sizes 1000  # quicker

Drawing (``static.render``: frames, outlines, labels) is timed apart from saving each format;
CPU time beside wall time, since the machine may be shared. The seed map, drawn first, also
pays for reading the outline files once.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_map import synthetic_incidents  # noqa: E402


def seed_inputs() -> dict:
    """What `incimap map` draws for the seed article."""
    from incimap import seeds
    from incimap.geo.curated import load_curated
    from incimap.geo.events import one_per_event
    from incimap.geo.extract import extract_file
    from incimap.geo.route import load_route

    extraction = extract_file(seeds.SEED_ARTICLE)
    curated = load_curated(seeds.CURATED_INCIDENTS)
    return {"incidents": one_per_event([*extraction.incidents, *curated]),
            "route": load_route(seeds.DEFAULT_ROUTE), "mentions": extraction.mentions}


def measure(name: str, inputs: dict, folder: Path) -> None:
    from incimap.maps import static

    start, cpu = time.perf_counter(), time.process_time()
    figure = static.render(inputs["incidents"], route=inputs.get("route"),
                           mentions=inputs.get("mentions", ()), title=name)
    parts = [f"{name}: draw {time.perf_counter() - start:.2f} s "
             f"(CPU {time.process_time() - cpu:.2f} s)"]
    for fmt in static.FORMATS:
        start, cpu = time.perf_counter(), time.process_time()
        size = static.save(figure, folder / f"{name.replace(' ', '-')}.{fmt}")
        parts.append(f"{fmt.upper()} {time.perf_counter() - start:.2f} s "
                     f"(CPU {time.process_time() - cpu:.2f} s), {size / 1e3:.0f} KB")
    print("; ".join(parts), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000],
                        help="synthetic incident counts (default: 1000 10000)")
    args = parser.parse_args()
    import matplotlib  # noqa: F401 - first import (font cache) is not the map's time

    from incimap.geo.route import load_route

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure("seed map", seed_inputs(), folder)
        route = load_route()
        for n in args.sizes:
            measure(f"{n} synthetic incidents", {"incidents": synthetic_incidents(n),
                                                 "route": route}, folder)


if __name__ == "__main__":
    main()
