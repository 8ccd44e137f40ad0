"""Figures for the event merge (issue 12). Prints them; asserts nothing.

    python bench/bench_merge.py [--incidents 100000] [--places 2000]

Synthetic incidents, in-process, no extraction: events at random places (towns, cities,
some district- or province-level reports) over two years, each reported 1-4 times with
the date off by up to a day, the place moved within its radius, the type sometimes coded
differently and the death toll varying. Prints the time to merge (blocking + clustering +
reconciling), the candidate pairs examined, and pair precision/recall against the
generator's truth (distinct events that fall on the same place and day with the same type
cannot be told apart by any rule, so precision below 1 is expected at high density). Also
the extract+merge scores on the committed test set (tests/merge/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TYPES = ["Battles", "Violence against civilians", "Explosions/Remote violence", "Protests"]
ACTORS = ["Unidentified Armed Group", "ISKP: Islamic State Khorasan Province",
          "TTP: Tehrik-i-Taliban Pakistan", "Al-Shabaab", "JNIM: Jama'at Nusrat al-Islam "
          "wal-Muslimin", "BLA: Baloch Liberation Army"]


def synthetic(n: int, places: int, seed: int = 5):
    from incimap.geo.models import Incident, Place

    rng = random.Random(seed)
    sites = []
    for k in range(places):
        kind = rng.choices(["town", "city", "district", "province"], [50, 35, 10, 5])[0]
        sites.append(Place(f"site-{k}", rng.uniform(-35, 55), rng.uniform(-20, 120), kind,
                           "X" + chr(65 + k % 26), gazetteer_id=f"s:{k}"))
    start = dt.date(2023, 1, 1)
    records, gold = [], {}
    event = 0
    while len(records) < n:
        site = rng.choice(sites)
        day = start + dt.timedelta(days=rng.randrange(730))
        kind = rng.choice(TYPES)
        actor = rng.choice(ACTORS)
        deaths = rng.randint(0, 30)
        for r in range(min(rng.choice([1, 1, 2, 3, 4]), n - len(records))):
            radius = site.uncertainty_km * 0.5
            bearing = rng.uniform(0, 2 * math.pi)
            d = rng.uniform(0, radius) / 111.0
            lat = site.lat + d * math.cos(bearing)
            lon = site.lon + d * math.sin(bearing) / max(0.2, math.cos(math.radians(site.lat)))
            place = Place(site.name, lat, lon, site.feature_type, site.country,
                          gazetteer_id=site.gazetteer_id)
            coded = kind if rng.random() > 0.1 or kind == "Protests" else rng.choice(TYPES[:3])
            shifted = day + dt.timedelta(days=rng.choice([0, 0, 0, 1]))
            ident = f"ev{event:06d}-r{r}"
            records.append(Incident(
                id=ident, title="", event_type=coded, sub_event_type="",
                event_date=shifted.isoformat(),
                time_precision=1 if site.feature_type != "province" else 2, location=place,
                actor1=actor if rng.random() > 0.2 else "Unidentified Armed Group",
                fatalities=max(0, deaths + rng.randint(-2, 2)), source=ident))
            gold[ident] = event
        event += 1
    return records, gold


def pair_counts(clusters: list[list[str]], gold: dict[str, int]) -> tuple[float, float]:
    def pairs(sizes):
        return sum(s * (s - 1) // 2 for s in sizes)

    predicted = pairs(len(c) for c in clusters)
    true = pairs(Counter(gold.values()).values())
    tp = sum(pairs(Counter(gold[m] for m in c).values()) for c in clusters)
    return (tp / predicted if predicted else 1.0), (tp / true if true else 1.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--places", type=int, default=2000)
    ap.add_argument("--no-set", action="store_true", help="skip the committed test set")
    args = ap.parse_args()
    from incimap.geo.events import candidate_pairs, merge_events

    records, gold = synthetic(args.incidents, args.places)
    t = time.perf_counter()
    pairs = candidate_pairs(sorted(records, key=lambda r: r.id))
    t_pairs = time.perf_counter() - t
    t = time.perf_counter()
    events, _ = merge_events(records)
    spent = time.perf_counter() - t
    precision, recall = pair_counts([list(e.members) for e in events], gold)
    print(f"merge of {len(records)} synthetic incidents ({len(set(gold.values()))} true events, "
          f"{args.places} places): {spent:.1f} s in all ({len(records) / spent:,.0f} "
          f"incidents/s); blocking found {len(pairs)} compatible pairs in {t_pairs:.1f} s; "
          f"{len(events)} events; pair precision {precision:.3f}, recall {recall:.3f}")
    if not args.no_set:
        sys.path.insert(0, str(ROOT / "tests"))
        from test_events import score_merge_set

        p, r, n, e = score_merge_set()
        print(f"committed set (tests/merge/reports.yaml): {n} reports -> {e} events, "
              f"pair precision {p:.3f}, recall {r:.3f}")


if __name__ == "__main__":
    main()
