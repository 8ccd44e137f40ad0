"""Resolution errors on the dev parts of the corpora, bucketed by kind.

    python bench/resolution_errors.py [--corpus lgl] [--show BUCKET] [--limit N]

Resolves the gold names of each dev document together (as ``incimap evaluate`` does,
without the slower end-to-end reading) and prints Acc@161 and every wrong or missing
answer's bucket, so work is picked by data. The frozen test parts are never read here.
Buckets, first that fits:
- no_candidate: the gazetteer has no sure candidate for the name;
- no_right_candidate: candidates, but none within 161 km of the gold point;
- unresolved: a right candidate exists but the answer was dropped (a stray);
- country_point / province_point: the right place by name, its point too far from gold's;
- foreign_over_home: a place in another country than the nearest right candidate's;
- same_name_division: a district or county over the right place (or the reverse);
- larger_namesake: a more populous namesake in the same country over the right one;
- other.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from incimap.gazetteer.gazetteer import open_gazetteer  # noqa: E402
from incimap.geo.evaluate import ACC_KM, read_corpus, resolve_gold  # noqa: E402
from incimap.geo.geocode import (  # noqa: E402
    candidates_for,
    great_circle_km,
    parse_query,
    prefer_curated,
)
from incimap.geo.reader.resolution import _trusted  # noqa: E402

CORPORA = ("lgl.xml", "GeoVirus.xml")


def bucket(place, cands, gold) -> str:
    def km(lat, lon):
        return great_circle_km(lat, lon, gold.lat, gold.lon)

    if not cands:
        return "no_candidate"
    right = [c for c in cands if km(c.row.lat, c.row.lon) <= ACC_KM]
    if place is None:
        return "unresolved" if right else "no_right_candidate"
    if not right:
        if place.feature_type == "country":
            return "country_point"
        if place.feature_type == "province":
            return "province_point"
        return "no_right_candidate"
    best = min(right, key=lambda c: km(c.row.lat, c.row.lon))
    if place.country != best.row.country:
        return "foreign_over_home"
    if "district" in (place.feature_type, best.row.ftype) and (
            place.feature_type != best.row.ftype):
        return "same_name_division"
    if place.population > best.row.population:
        return "larger_namesake"
    return "other"


def analyse(path: Path, gaz, limit: int | None = None):
    corpus = path.stem.lower()
    rows, total, within = [], 0, 0
    for n, doc in enumerate(d for d in read_corpus(path) if d.split(corpus) == "dev"):
        if limit is not None and n >= limit:
            break
        resolved = resolve_gold(doc, gaz)
        for gold, m in zip(doc.toponyms, resolved, strict=True):
            if not gold.located:
                continue
            total += 1
            place = m.place
            if place is not None and great_circle_km(place.lat, place.lon, gold.lat,
                                                     gold.lon) <= ACC_KM:
                within += 1
                continue
            q = parse_query(m.surface)
            cands = prefer_curated([c for c in candidates_for(gaz, q, fuzzy=False)
                                    if _trusted(c)])
            rows.append((bucket(place, cands, gold), doc.id, m.surface, place, gold))
    return total, within, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("lgl", "geovirus"), default=None)
    parser.add_argument("--show", default="", help="list this bucket's errors")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    folder = Path(os.environ.get("INCIMAP_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))
    gaz = open_gazetteer()
    for name in CORPORA:
        if args.corpus and Path(name).stem.lower() != args.corpus:
            continue
        total, within, rows = analyse(folder / name, gaz, args.limit)
        print(f"== {name} dev: {total} located gold names, Acc@161 {within / total:.3f}")
        for kind, count in sorted(Counter(r[0] for r in rows).items(), key=lambda kv: -kv[1]):
            print(f"  {kind:20} {count:5}")
        for kind, doc_id, surface, place, gold in rows:
            if kind == args.show:
                got = (f"{place.name} ({place.feature_type}, {place.admin1}, {place.country})"
                       if place else "-")
                print(f"  {doc_id:>8} {surface!r:28} -> {got}  gold {gold.lat:.2f},{gold.lon:.2f}")


if __name__ == "__main__":
    main()
