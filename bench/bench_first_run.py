"""What a user's first run costs: the world gazetteer build (first ``geocode``) and the
place matcher build (first ``extract``), in time and disk, each in a fresh cache folder.

    python3 bench/bench_first_run.py

The figures back the estimate ``gazetteer.build_world`` announces (``BUILD_ESTIMATE``,
``WORLD_MB``, ``MATCHER_MB``) and the README's Quick start note. Takes about a minute.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ARTICLE = "Gunmen attacked a checkpoint in Quetta on Monday, killing two soldiers."


def _run(folder: str, *args: str, stdin: str | None = None) -> tuple[float, str]:
    env = {**os.environ, "INCIMAP_CACHE_DIR": folder}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "incimap.geo", *args], input=stdin,
                          capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - start, done.stderr


def _mb(folder: str, pattern: str) -> float:
    return sum(p.stat().st_size for p in Path(folder).glob(pattern)) / 1e6


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          f"python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        seconds, stderr = _run(folder, "geocode", "Quetta")
        lines = len(stderr.strip().splitlines())
        print(f"first geocode (world build): {seconds:.1f} s, world store "
              f"{_mb(folder, 'world-*.sqlite'):.0f} MB, {lines} stderr lines (not a terminal)")
        seconds, _ = _run(folder, "extract", "-", "--published", "2025-01-01", "-f", "json",
                          stdin=ARTICLE)
        print(f"first extract (matcher build): {seconds:.1f} s, matcher "
              f"{_mb(folder, 'matcher-*'):.0f} MB")
        seconds, _ = _run(folder, "extract", "-", "--published", "2025-01-01", "-f", "json",
                          stdin=ARTICLE)
        print(f"second extract (all cached): {seconds:.1f} s")
        print(f"cache folder in all: {_mb(folder, '*'):.0f} MB")


if __name__ == "__main__":
    main()
