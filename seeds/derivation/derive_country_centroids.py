"""One-off derivation of gazetteer/data/country_centroids.tsv from the shipped Natural
Earth outlines (seeds/boundaries/countries.geojson, public domain).

    python seeds/derivation/derive_country_centroids.py

Each row: ISO alpha-2, the centre of mass of the country's largest part (on an equal-area
projection), and the share of the country's area that part holds. Gazetteers and
encyclopaedias put a country near the middle of its main landmass; the Factbook's points
are whole degrees and can sit a few hundred km off it. A country of scattered islands
has no such middle: the world store keeps the Factbook point when the share is small.
"""
import json
import math
from pathlib import Path

import shapely
from shapely.geometry import shape

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "seeds" / "boundaries" / "countries.geojson"
OUT = ROOT / "gazetteer" / "data" / "country_centroids.tsv"


def equal_area(geom):
    # Lambert cylindrical equal-area: x = lon, y = sin(lat).
    return shapely.transform(geom, lambda xy: [(x, math.sin(math.radians(y))) for x, y in xy])


rows = {}
for feature in json.loads(SOURCE.read_text(encoding="utf-8"))["features"]:
    iso = feature["properties"].get("iso_a2") or ""
    geom = equal_area(shape(feature["geometry"]))
    if len(iso) != 2 or geom.area <= 0:
        continue
    main = max(getattr(geom, "geoms", [geom]), key=lambda part: part.area)
    c = main.centroid
    rows[iso] = (math.degrees(math.asin(c.y)), c.x, main.area / geom.area)

with OUT.open("w", encoding="utf-8", newline="\n") as f:
    f.write("# iso2\tlat\tlon\tshare of the area in the largest part\n")
    for iso in sorted(rows):
        lat, lon, share = rows[iso]
        f.write(f"{iso}\t{lat:.3f}\t{lon:.3f}\t{share:.3f}\n")
print(f"{len(rows)} countries -> {OUT}")
