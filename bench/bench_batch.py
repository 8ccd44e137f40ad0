"""Figures for `incimap batch` (issue 12). Prints them; asserts nothing.

    python bench/make_corpus.py 100000 -o bench/corpus/reports-100k.jsonl
    python bench/bench_batch.py [--docs 3000] [--large bench/corpus/reports-100k.jsonl]

1. Scaling: the first ``--docs`` reports on a local cluster of 1, then 2 worker processes:
   documents/s overall and in the steady state (after the first partition, so cluster start
   and gazetteer loading are left out), per core, the 2/1 ratio, peak RSS per worker.
2. ``--large``: the whole corpus through the CLI (2 workers), sampling the RSS of the client
   and of each worker every few seconds (the memory curve); with ``--budget S`` the run is
   killed after S seconds (it is resumable) and the measured rate reported.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def scaling(corpus: Path, docs: int, partition_size: int) -> None:
    from incimap.geo.batch import run_batch

    folder = Path(tempfile.mkdtemp(prefix="incimap-bench-"))
    subset = folder / "subset.jsonl"
    with corpus.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as out:
        for n, line in enumerate(src):
            if n >= docs:
                break
            out.write(line)
    rates = {}
    for workers in (1, 2):
        marks: list[tuple[int, float]] = []
        summary = run_batch([str(subset)], folder / f"out-{workers}", workers=workers,
                            partition_size=partition_size,
                            progress=lambda done, total, t, m=marks: m.append((done, t)))
        (d0, t0), (d1, t1) = marks[1], marks[-1]
        steady = (d1 - d0) / (t1 - t0) if t1 > t0 else float("nan")
        rates[workers] = steady
        print(f"{workers} worker(s): {summary['read']} docs in {summary['seconds']:.1f} s "
              f"({summary['read'] / summary['seconds']:.0f} docs/s overall), steady "
              f"{steady:.0f} docs/s = {steady / workers:.0f} docs/s per core; "
              f"peak RSS per worker {summary.get('peak_rss_mb_per_worker', 0):.0f} MB; "
              f"{summary['incidents']} incidents, {summary['events']} events")
    print(f"scaling 2 workers / 1 worker: {rates[2] / rates[1]:.2f}x "
          f"(2 cores shared with other jobs: load {os.getloadavg()[0]:.1f})")
    shutil.rmtree(folder, ignore_errors=True)


def large(corpus: Path, budget: float, partition_size: int, every: float) -> None:
    import psutil

    total = sum(1 for _ in corpus.open(encoding="utf-8"))
    out = Path(tempfile.mkdtemp(prefix="incimap-bench-large-")) / "out"
    args = [sys.executable, "-m", "incimap.geo", "batch", str(corpus), "-o", str(out), "--workers",
            "2", "--partition-size", str(partition_size), "--quiet"]
    started = time.monotonic()
    proc = subprocess.Popen(args, cwd=ROOT, start_new_session=True)
    parent = psutil.Process(proc.pid)
    print(f"{total} reports, partitions of {partition_size}; memory curve (MB):")
    print("   s     docs  docs/s   client  workers")
    last = (0, started)
    killed = False
    while proc.poll() is None:
        time.sleep(every)
        now = time.monotonic()
        parts = out / "parts"
        done = 0
        if parts.is_dir():
            done = sum(1 for p in parts.iterdir() if not p.name.startswith(".")) * partition_size
        done = min(done, total)
        try:
            client = parent.memory_info().rss / 2**20
            workers = [c.memory_info().rss / 2**20 for c in parent.children(recursive=True)
                       if "multiprocessing" in " ".join(c.cmdline())]
        except psutil.Error:
            continue
        rate = (done - last[0]) / (now - last[1])
        last = (done, now)
        print(f"{now - started:5.0f} {done:8d} {rate:7.0f} {client:8.0f}  "
              + " ".join(f"{w:.0f}" for w in sorted(workers)), flush=True)
        if budget and now - started > budget:
            os.killpg(proc.pid, signal.SIGKILL)
            killed = True
            break
    proc.wait()
    spent = time.monotonic() - started
    if killed:
        print(f"stopped after {spent:.0f} s (budget): {last[0]} of {total} docs, "
              f"{last[0] / spent:.0f} docs/s; rerun the same command to finish (resumable)")
    else:
        summary = json.loads((out / "summary.json").read_text())
        print(f"done: {summary['read']} read, {summary['failed']} failed, "
              f"{summary['incidents']} incidents, {summary['events']} events in "
              f"{summary['seconds']:.0f} s ({summary['read'] / summary['seconds']:.0f} docs/s)"
              f"; peak RSS per worker {summary.get('peak_rss_mb_per_worker', 0):.0f} MB")
    print(f"output in {out}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=ROOT / "bench/corpus/reports-100k.jsonl")
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--partition-size", type=int, default=100)
    ap.add_argument("--large", type=Path)
    ap.add_argument("--budget", type=float, default=0.0)
    ap.add_argument("--every", type=float, default=10.0)
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}: run bench/make_corpus.py first")
    scaling(args.corpus, args.docs, args.partition_size)
    if args.large:
        large(args.large, args.budget, args.partition_size, args.every)


if __name__ == "__main__":
    main()
