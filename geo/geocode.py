"""Geocoding place names against the offline gazetteer (online providers only on request).

    >>> from incimap.geo.geocode import geocode
    >>> r = geocode("Mach railway station", country="PK")
    >>> r.place.feature_type, r.match_kind
    ('station', 'alternate')

Ranking: how well the name matched, then feature hints written in the query
("Bolan district", "Mushkaf Tunnel"), a country bias, a proximity bias (``near``
or ``bbox``), and the feature's importance (type and population). The winner
carries its runner-ups and a sentence saying why it won.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from incimap.gazetteer.gazetteer import Candidate, Gazetteer, open_gazetteer
from incimap.gazetteer.normalize import normalize
from incimap.gazetteer.store import Row
from incimap.geo import ranking
from incimap.geo.exceptions import IncimapError, InputError, NoMatch
from incimap.geo.models import GeocodeResult, Place
from incimap.geo.reader import english

# Words that say what kind of feature a name is, and the feature type they mean.
HINT_WORDS = english.HINT_AFTER
# Adjectives that qualify a region without naming it ("the eastern Punjab province").
_DIRECTIONS = ("northern", "southern", "eastern", "western", "central", "north western",
               "south western", "north eastern", "south eastern", "northwestern",
               "southwestern", "northeastern", "southeastern", "restive", "remote")
_HINT_RE = re.compile(r"\s(?:{})$".format("|".join(sorted(HINT_WORDS, key=len, reverse=True))))
_LEAD_RE = re.compile(r"^(?:the\s)?(?:(?:{})\s)*".format("|".join(_DIRECTIONS)))

# Settlement types a "city"/"town" hint accepts.
_SETTLEMENTS = {"city", "town", "village", "place"}
# Feature types a hint also accepts: news calls first-level divisions "regions"
# ("the Belgorod region") and any settlement a town.
_HINT_ACCEPTS = {"city": _SETTLEMENTS, "town": _SETTLEMENTS, "village": _SETTLEMENTS,
                 "region": {"province", "district"}, "district": {"region"},
                 # many countries call their second-level divisions provinces
                 "province": {"district"}}


@dataclass(frozen=True)
class Query:
    """A name split into the place name and the feature hint written around it."""

    text: str
    name: str  # normalised name without hint words
    hint: str  # feature type the wording asks for, or ""


@lru_cache(maxsize=100_000)
def parse_query(text: str) -> Query:
    """Separate the feature hint: "the Mach railway station" -> ("mach", "station")."""
    key = normalize(text)
    if " " not in key:  # one word: no hint, no leading article
        return Query(text, key, "")
    key = _LEAD_RE.sub("", key)
    hint = ""
    m = _HINT_RE.search(key)
    if m:
        hint = HINT_WORDS[m.group(0).strip()]
        key = key[: m.start()].strip()
    return Query(text, key, hint)


def parse_latlon(text: str, option: str = "--near") -> tuple[float, float]:
    """"30.18,67.00" -> (30.18, 67.0), with a one-line error for anything else."""
    parts = [p.strip() for p in str(text).split(",")]
    try:
        if len(parts) != 2:
            raise ValueError
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        raise InputError(f"expected LAT,LON, got {text!r}", field=option) from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise InputError(f"{text!r} is not a finite LAT,LON", field=option)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"{text!r} is outside -90..90, -180..180", field=option)
    return lat, lon


def check_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code from a code or a country's name ("PK", "PAK", "Pakistan",
    "DR Congo"); '' stays ''; anything else is refused."""
    text = (value or "").strip()
    if not text:
        return ""
    code = _country_code(text)
    if code is None:
        raise InputError(f"{text!r} is not a country: give an ISO 3166-1 code (e.g. PK) or a "
                         "name (e.g. Pakistan)", field="--country")
    return code


@lru_cache(maxsize=1024)
def _country_code(text: str) -> str | None:
    import pycountry

    from incimap.gazetteer.sources import country_name, country_points

    upper = text.upper()
    if len(upper) == 2 and (pycountry.countries.get(alpha_2=upper)
                            or country_name(upper) != upper):
        return upper  # GeoNames' codes include user-assigned ones (XK, Kosovo)
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        pass
    folded = text.casefold()
    for iso, (_, _, names) in sorted(country_points().items()):
        if folded in (n.casefold() for n in names):
            return iso
    return None


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """"S,W,N,E" -> (south, west, north, east)."""
    try:
        s, w, n, e = (float(p) for p in str(text).split(","))
    except ValueError:
        raise InputError(f"expected SOUTH,WEST,NORTH,EAST, got {text!r}", field="--bbox") from None
    if not all(math.isfinite(v) for v in (s, w, n, e)):
        raise InputError(f"{text!r} holds a value that is not a finite number", field="--bbox")
    if not (-90 <= s < n <= 90 and -180 <= w <= 180 and -180 <= e <= 180):
        raise InputError(f"{text!r} is not a valid box", field="--bbox")
    return s, w, n, e


@dataclass(frozen=True)
class Bias:
    """What the caller knows beyond the name."""

    country: str = ""
    near: tuple[float, float] | None = None
    bbox: tuple[float, float, float, float] | None = None
    soft_country: str = ""  # a weaker country focus (the rest of a batch, an article)
    division: str = ""  # "US.OH": the first-level division an article's places lie in
    centre: tuple[float, float] | None = None  # where an article's other places cluster
    # What an article's other names say (geo.reader.resolution.document_bias); each entry
    # carries the gazetteer id it came from, so a name is never its own context.
    votes: tuple[tuple[str, float], ...] = ()  # each country's votes (country_votes)
    named: tuple[tuple[str, str], ...] = ()  # ("US.IL" or "US", gid): divisions, countries
    others: tuple[tuple[str, float, float], ...] = ()  # (gid, lat, lon): sure answers
    # Every other name's precise candidates, sure or not: (gids, lats, lons, radii)
    namesakes: tuple[tuple[tuple[str, ...], tuple[float, ...], tuple[float, ...],
                           tuple[float, ...]], ...] = ()


def to_place(c: Candidate) -> Place:
    r = c.row
    return Place(name=r.name, lat=r.lat, lon=r.lon, feature_type=r.ftype, country=r.country,
                 admin1=r.admin1, population=r.population, gazetteer_id=r.gid, source=r.source,
                 radius_km=r.radius_km, admin1_code=r.admin1_code, admin2=r.admin2)


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Geodesic distance on the WGS84 ellipsoid (geopy), for distances users read."""
    from geopy.distance import geodesic

    return geodesic((lat1, lon1), (lat2, lon2)).km


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle km: ample for ranking and de-duplication (exports use geodesics)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def country_votes(candidates: Sequence[Candidate]) -> dict[str, float]:
    """One name's vote for the article's country: a country named outright counts
    double, and a name splits its vote by how prominent its place is in each country:
    "Virginia" is a US state and a few small towns elsewhere, so the US gets most of it."""
    best: dict[str, float] = {}
    for c in candidates:
        if c.row.country:
            best[c.row.country] = max(best.get(c.row.country, 0.0), c.row.importance)
    if not best:
        return {}
    weight = 2.0 if any(c.row.ftype == "country" for c in candidates) else 1.0
    total = sum(best.values()) or 1.0
    # Sorted: the set's order (PYTHONHASHSEED) would otherwise reach callers' Counters.
    return {cc: weight * (best[cc] or 1.0 / len(best)) / total for cc in sorted(best)}


@dataclass(frozen=True)
class ArticleContext:
    """The part of an article's context that is not the name itself."""

    share: dict[str, float]  # each country's share of the other names' votes
    divisions: frozenset[str]
    countries: frozenset[str]
    others: tuple[tuple[float, float], ...]
    namesakes: tuple[tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]], ...] = ()


def article_context(candidates: Sequence[Candidate], bias: Bias) -> ArticleContext:
    own = {c.row.gid for c in candidates}
    mine = country_votes(candidates) if bias.votes else {}
    rest = {cc: max(0.0, v - mine.get(cc, 0.0)) for cc, v in bias.votes}
    total = sum(rest.values())
    named = [key for key, gid in bias.named if gid not in own]
    share = {cc: v / total for cc, v in rest.items()} if total > 1e-9 else {}
    if not share and bias.soft_country:
        # A focus given without its votes (a batch's, the caller's), or voted by this name
        # alone, is the whole share.
        share = {bias.soft_country: 1.0}
    return ArticleContext(
        share=share,
        divisions=frozenset(k for k in named if "." in k),
        countries=frozenset(k for k in named if "." not in k),
        others=tuple((lat, lon) for gid, lat, lon in bias.others if gid not in own),
        # A name that shares a candidate is this name again ("RICHMOND", "Richmond").
        namesakes=tuple((lats, lons, radii) for gids, lats, lons, radii in bias.namesakes
                        if own.isdisjoint(gids)))


def namesake_closeness(candidates: Sequence[Candidate], context: ArticleContext
                       ) -> list[float]:
    """For each candidate, the mean over the article's other names of how close the
    nearest place of that name lies (1 at 0 km, 0 at 10,000 km, on a log scale): places
    named together lie together, whichever of their namesakes each is."""
    if not context.namesakes or not candidates:
        return [0.0] * len(candidates)
    import numpy as np  # only here: a single geocode starts without numpy

    lat = np.radians([c.row.lat for c in candidates])[:, None]
    lon = np.radians([c.row.lon for c in candidates])[:, None]
    radius = np.array([c.row.radius_km for c in candidates])[:, None]
    total = np.zeros(len(candidates))
    for lats, lons, radii in context.namesakes:
        la, lo = np.radians(lats)[None, :], np.radians(lons)[None, :]
        a = (np.sin((la - lat) / 2) ** 2
             + np.cos(lat) * np.cos(la) * np.sin((lo - lon) / 2) ** 2)
        km = 12742.0 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
        # From edge to edge: a town inside a state is at 0 km from it.
        nearest = np.maximum(0.0, km - radius - np.array(radii)[None, :]).min(axis=1)
        total += np.maximum(0.0, 1 - np.log10(1 + nearest) / 4)
    return [float(v) for v in total / len(context.namesakes)]


def candidate_vectors(candidates: Sequence[Candidate], hint: str, bias: Bias
                      ) -> list[list[float]]:
    """Each candidate's features for ``geo.ranking`` under what the caller knows."""
    # A first-level division only: most districts are named after their seat, so a
    # district namesake says nothing about which town a bare name means.
    # Only the foremost division of the name: "Florida" is the US state, so the seat of
    # Uruguay's Florida department is no namesake seat.
    provinces = [c.row for c in candidates if c.row.ftype == "province" and c.row.admin1_code]
    top = max((r.importance for r in provinces), default=0.0)
    divisions = {(r.country, r.admin1_code) for r in provinces if r.importance >= top}
    context = article_context(candidates, bias)
    closeness = namesake_closeness(candidates, context)
    # The largest place of the name in its division ("Zaporizhzhia", a village of 656,
    # is not the seat beside the city spelt "Zaporizhzhya"), and it must bear the name
    # itself: "New York" is New York City's other name only.
    largest: dict[tuple[str, str], int] = {}
    for c in candidates:
        if c.row.ftype in _SETTLEMENTS:
            key = (c.row.country, c.row.admin1_code)
            largest[key] = max(largest.get(key, 0), c.row.population)
    # A feature word ("Van province") asks for the division: then no seat stands for it.
    return [candidate_vector(c, hint, bias, seat=c.row.ftype in _SETTLEMENTS
                             and (not hint or _fits(c.row.ftype, hint))
                             and c.match_kind == "exact"
                             and (c.row.country, c.row.admin1_code) in divisions
                             and c.row.population >= largest[(c.row.country, c.row.admin1_code)],
                             context=context, namesakes=k)
            for c, k in zip(candidates, closeness, strict=True)]


def candidate_vector(c: Candidate, hint: str, bias: Bias, seat: bool = False,
                     context: ArticleContext | None = None, namesakes: float | None = None
                     ) -> list[float]:
    """One candidate's features; ``seat``: a town whose division shares its name;
    ``context``: what the article's other names say (none when ranked alone)."""
    r = c.row
    # A province's point is arbitrary inside it: count distance from its edge.
    near_km = centre_km = other_km = None
    if bias.near:
        near_km = max(0.0, great_circle_km(r.lat, r.lon, *bias.near) - r.radius_km)
    if bias.centre:
        centre_km = max(0.0, great_circle_km(r.lat, r.lon, *bias.centre) - r.radius_km)
    context = context or article_context([c], bias)
    if namesakes is None:
        namesakes = namesake_closeness([c], context)[0]
    if context.others:
        other_km = max(0.0, min(great_circle_km(r.lat, r.lon, lat, lon)
                                for lat, lon in context.others) - r.radius_km)
    return ranking.features(
        similarity=c.similarity, match_kind=c.match_kind, importance=r.importance,
        population=r.population, ftype=r.ftype, seat_of_namesake=seat,
        second_level=r.fcode == "ADM2", hint=hint,
        hint_fits=_fits(r.ftype, hint),
        in_country=(r.country == bias.country) if bias.country else None,
        # An article's voted focus speaks through its names' context (near_namesakes,
        # in_named_country); this is a focus given without votes (a batch's, the caller's)
        # and in the article's first ranking.
        in_focus=bool(not bias.country and not bias.votes and bias.soft_country
                      and r.country == bias.soft_country),
        near_km=near_km, centre_km=centre_km,
        inside_bbox=_inside(r, bias.bbox) if bias.bbox else None,
        curated=c.store != "world",
        in_division=bool(bias.division) and f"{r.country}.{r.admin1_code}" == bias.division,
        other_km=other_km, namesakes=namesakes,
        in_named_division=(r.ftype not in ("province", "country")
                           and f"{r.country}.{r.admin1_code}" in context.divisions),
        in_named_country=r.ftype != "country" and r.country in context.countries)


def _fits(ftype: str, hint: str) -> bool:
    return bool(hint) and (ftype == hint or ftype in _HINT_ACCEPTS.get(hint, ()))


def _inside(r, bbox: tuple[float, float, float, float]) -> bool:
    s, w, n, e = bbox
    return s <= r.lat <= n and (w <= r.lon <= e if w <= e else (r.lon >= w or r.lon <= e))


def rank(c: Candidate, hint: str, bias: Bias, vector: list[float] | None = None
         ) -> tuple[float, list[str]]:
    """Ranking value of a candidate (``geo.ranking``'s fitted score) and the reasons."""
    r = c.row
    vector = vector or candidate_vector(c, hint, bias)
    why = []
    if hint:
        why.append(f"is a {r.ftype}" if _fits(r.ftype, hint) else f"{r.ftype}, not a {hint}")
    if bias.country and r.country == bias.country:
        why.append(f"in {r.country}")
    elif not bias.country and bias.soft_country and r.country == bias.soft_country:
        why.append(f"in {r.country}, like the other places")
    if bias.bbox and _inside(r, bias.bbox):
        why.append("inside the box")
    if c.store != "world":
        why.append(f"curated ({c.store})")
    if r.population:
        why.append(f"population {r.population:,}")
    return ranking.score(vector), why


_CITED_GEONAMES = re.compile(r"GeoNames (\d+)\b")


def _cites(a: Candidate, b: Candidate) -> bool:
    """A curated row whose source is the other's GeoNames record ("GeoNames 1180825")."""
    cited = _CITED_GEONAMES.match(a.row.source) if a.store != "world" else None
    return cited is not None and b.row.gid == f"geonames:{cited.group(1)}"


def _same_feature(a: Candidate, b: Candidate) -> bool:
    """Two stores describing one feature (the overlay and GeoNames both have Quetta, or
    the overlay spells it "Dhadar" and cites GeoNames' "Dadhar")."""
    if (a.row.ftype in _SETTLEMENTS) != (b.row.ftype in _SETTLEMENTS) and a.row.gid != b.row.gid:
        return False
    if _cites(a, b) or _cites(b, a):
        return True
    if normalize(a.row.name) != normalize(b.row.name) and a.row.gid != b.row.gid:
        return False
    reach = max(a.row.radius_km, b.row.radius_km, 10.0)
    near = abs(a.row.lat - b.row.lat) < 1
    return near and great_circle_km(a.row.lat, a.row.lon, b.row.lat, b.row.lon) <= reach


def prefer_curated(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Drop GeoNames rows that describe a feature the curated overlay also has."""
    curated = [c for c in candidates if c.store != "world"]
    if not curated:
        return list(candidates)
    return curated + [c for c in candidates if c.store == "world"
                      and not any(_same_feature(c, k) for k in curated)]


def ranked(query: str, candidates: Sequence[Candidate], hint: str, bias: Bias,
           alternatives: int = 3, explain: bool = True) -> GeocodeResult:
    """The best candidate as a result, its distinct runner-ups as alternatives."""
    kept_candidates = prefer_curated(candidates)
    vectors = candidate_vectors(kept_candidates, hint, bias)
    scored = sorted(((*rank(c, hint, bias, v), c) for c, v in zip(kept_candidates, vectors,
                                                                  strict=True)),
                    key=lambda t: (-t[0], -t[2].similarity, t[2].row.gid))
    kept: list[tuple[float, list[str], Candidate]] = scored[:1]
    for item in scored[1:]:
        if len(kept) > alternatives:
            break
        if not any(_same_feature(item[2], k[2]) for k in kept):
            kept.append(item)
    value, why, best = kept[0]
    if bias.near and explain:  # the distance a user reads is geodesic
        why.append(f"{geodesic_km(best.row.lat, best.row.lon, *bias.near):,.0f} km from "
                   "the given point")
    reason = f"{best.match_kind} match ({best.similarity:.0f})"
    if why:
        reason += "; " + ", ".join(why)
    if len(kept) > 1:
        runner, margin = kept[1][2].row, value - kept[1][0]
        reason += (f"; ambiguous: {runner.name} ({runner.country}) ranks the same, see alternatives"
                   if margin < 1 else f"; beats {runner.name} ({runner.country}) by {margin:.1f}")
    alts = tuple(GeocodeResult(query, to_place(c), c.match_kind, c.similarity, ", ".join(w))
                 for _, w, c in kept[1:])
    return GeocodeResult(query, to_place(best), best.match_kind, best.similarity, reason, alts)


def candidates_for(gaz: Gazetteer, q: Query, fuzzy: bool = True) -> list[Candidate]:
    """Candidates for the whole wording and for the name without its hint word; a
    demonym no place is named after stands for its country ("Georgians")."""
    full = normalize(q.text)
    found = gaz.candidates(full, fuzzy=False) if full != q.name else []
    if not any(c.match_kind in ("exact", "alternate") for c in found):
        country = demonym_country(q.name)
        if not gaz.exact([q.name]).get(q.name):  # no place is named so: a demonym?
            if country:
                return found + demonym_candidates(gaz, country)
            division = division_demonym_candidates(gaz, q.name)
            if division:
                return found + division
        found += gaz.candidates(q.name, fuzzy=fuzzy)
        if country:  # "Canadian": the country too, beside a village of that name
            found += demonym_candidates(gaz, country)
    # One edit away from a village is no answer: villages are so many that a garbage
    # name ("Flimp") is always near one, so it is not found rather than placed at random.
    return [c for c in found if not (c.match_kind == "fuzzy" and c.row.ftype == "village")]


def demonym_country(key: str) -> str:
    """ISO code of the country a folded demonym names ("pakistanis" -> "PK"), or ''."""
    from incimap.gazetteer.sources import demonyms

    table = demonyms()
    found = table.get(key) or (table.get(key[:-1], "") if key.endswith("s") else "")
    if not found and key in english.STATE_DEMONYMS:  # short forms: "Saudi", "Emirati"
        found = _country_code(english.STATE_DEMONYMS[key]) or ""
    return found


def division_demonym_candidates(gaz: Gazetteer, key: str) -> list[Candidate]:
    """The division or region a demonym of it names, from English's regular endings:
    "ohioans" -> Ohio, "texan" -> Texas, "dagestani" -> Dagestan, "abkhaz" -> Abkhazia.
    Only divisions, regions and countries: "Bostonians" is no place of the story."""
    word = key[:-1] if key.endswith(("ns", "is")) else key
    stems = []
    for ending, added in english.DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stems += [word[: len(word) - len(ending)] + a for a in added]
    found = gaz.exact(stems) if stems else {}
    return [Candidate(c.row, c.key, "alternate", 97.0, c.store)
            for stem in stems for c in found.get(stem, [])
            if c.row.ftype in english.DEMONYM_OF_FEATURES]


def demonym_candidates(gaz: Gazetteer, iso: str) -> list[Candidate]:
    from incimap.gazetteer.sources import country_name

    key = normalize(country_name(iso))
    return [Candidate(c.row, c.key, "alternate", 97.0, c.store)
            for c in gaz.exact([key]).get(key, [])
            if c.row.ftype == "country" and c.row.country == iso]


# No place name is this long; a longer "name" (a whole line of text pasted in) is refused
# rather than matched, since fuzzy matching costs grow with the square of the length.
MAX_NAME_CHARS = 200
EMPTY_NAME = "empty place name"


def _too_long(query: str) -> InputError:
    return InputError(f"a name of {len(query):,} characters is longer than the "
                      f"{MAX_NAME_CHARS}-character limit", field="name")


def geocode(query: str, *, country: str = "", near: tuple[float, float] | None = None,
            bbox: tuple[float, float, float, float] | None = None, alternatives: int = 3,
            fuzzy: bool = True, gazetteer: Gazetteer | None = None,
            soft_country: str = "", only_country: bool = False) -> GeocodeResult:
    """Best place for a name, with ranked alternatives; raises ``NoMatch``.

    ``country`` prefers places in it; with ``only_country`` it is a filter, and a name
    with no place there is not found (rather than placed abroad)."""
    if not query or not query.strip():
        raise InputError("empty place name", field="name")
    if len(query) > MAX_NAME_CHARS:
        raise _too_long(query)
    country = check_country(country)
    gaz = gazetteer or open_gazetteer()
    q = parse_query(query)
    if not q.name:
        raise InputError(f"{query!r} has no name in it", field="name")
    bias = Bias(country.upper(), near, bbox, soft_country.upper())
    if only_country and not country:
        raise InputError("--only-country needs --country", field="--only-country")
    q, found, bias = qualified_candidates(gaz, q, bias, fuzzy)
    if only_country:
        found = [c for c in found if c.row.country == country.upper()]
    if not found:
        raise NoMatch(query, () if only_country else gaz.suggestions(q.name))
    return ranked(query, found, q.hint, bias, alternatives)


def qualified_candidates(gaz: Gazetteer, q: Query, bias: Bias, fuzzy: bool = True
                         ) -> tuple[Query, list[Candidate], Bias]:
    """``candidates_for``, reading a name written with what holds it ("Billings, MT",
    "Kalat, Balochistan, Pakistan"): the name's candidates inside every place after a
    comma, with the division or country as the ranking's bias. A name the gazetteer holds
    with its comma ("Washington, D.C."), or whose parts after a comma hold no place, is
    looked up as it is."""
    found = candidates_for(gaz, q, fuzzy)
    name, *parts = [p.strip() for p in q.text.split(",")]
    if not parts or not name or any(c.match_kind in ("exact", "alternate") for c in found):
        return q, found, bias
    holders = [_holders(gaz, p) for p in parts]
    if not all(holders):
        return q, found, bias
    inner = parse_query(name)
    kept = [c for c in candidates_for(gaz, inner, fuzzy)
            if all(any(_holds(h, c.row) for h in hs) for hs in holders)]
    countries = {h.country for hs in holders for h in hs}
    divisions = {f"{h.country}.{h.admin1_code}" for hs in holders for h in hs
                 if h.ftype == "province"}
    bias = replace(bias, country=bias.country or (min(countries) if len(countries) == 1 else ""),
                   division=min(divisions) if len(divisions) == 1 else bias.division)
    return Query(q.text, inner.name, inner.hint), kept, bias


def _holders(gaz: Gazetteer, text: str) -> list[Row]:
    """The countries, divisions and regions a qualifier may name ("MT": Montana or
    Malta), as rows."""
    cands = candidates_for(gaz, parse_query(text), fuzzy=False)
    return [c.row for c in cands if c.match_kind in ("exact", "alternate")
            and c.row.ftype in _HOLDERS]


_HOLDERS = ("country", "province", "district", "region")


def _holds(holder: Row, row: Row) -> bool:
    """A country or division by its codes; a region (no codes) or a district (no
    second-level code on every row) by its circle too."""
    if holder.gid == row.gid:
        return False
    within = great_circle_km(holder.lat, holder.lon, row.lat, row.lon) <= holder.radius_km
    if holder.ftype == "region":
        return within
    if row.country != holder.country or holder.ftype == "country":
        return row.country == holder.country
    return row.admin1_code == holder.admin1_code and (holder.ftype == "province" or within)


def geocode_many(queries: Iterable[str], *, country: str = "", near=None, bbox=None,
                 alternatives: int = 3, fuzzy: bool = True, gazetteer: Gazetteer | None = None,
                 coherent: bool = True) -> list[GeocodeResult | NoMatch | InputError]:
    """Geocode a batch; exact names in one query, the rest one by one.

    With ``coherent`` and no explicit country, names that are unambiguous decide a
    soft country focus for the others (as a reader assumes one country in a list).
    Without any bias or alternatives, exact names take a fast path: the store keeps
    the best place of every name.
    """
    queries = list(queries)
    if any(q and len(q) > MAX_NAME_CHARS for q in queries):
        # A too-long row gets its own error; the others are geocoded together as usual.
        kept = [q for q in queries if not (q and len(q) > MAX_NAME_CHARS)]
        rest = iter(geocode_many(kept, country=country, near=near, bbox=bbox,
                                 alternatives=alternatives, fuzzy=fuzzy, gazetteer=gazetteer,
                                 coherent=coherent))
        return [_too_long(q) if q and len(q) > MAX_NAME_CHARS else next(rest) for q in queries]
    country = check_country(country)
    gaz = gazetteer or open_gazetteer()
    parsed = [parse_query(t) if t and t.strip() else None for t in queries]
    if not (country or near or bbox or coherent or alternatives):
        return _plain_batch(gaz, parsed, fuzzy)
    exact = gaz.exact(sorted({normalize(q.text) for q in parsed if q} |
                             {q.name for q in parsed if q and q.name}))
    soft = "" if (country or not coherent) else _focus_country(parsed, exact)
    bias = Bias(country.upper(), near, bbox, soft)
    results: list[GeocodeResult | NoMatch | InputError] = []
    for q in parsed:
        if q is None or not q.name:
            results.append(InputError(EMPTY_NAME, field="name"))
            continue
        found = exact.get(normalize(q.text)) or exact.get(q.name)
        row_bias = bias
        if not found:
            q, found, row_bias = qualified_candidates(gaz, q, bias, fuzzy)
        if not found:
            results.append(NoMatch(q.text, gaz.suggestions(q.name)))
            continue
        if len(found) == 1 and not q.hint:  # nothing to rank
            c = found[0]
            results.append(GeocodeResult(q.text, to_place(c), c.match_kind, c.similarity,
                                         f"{c.match_kind} match ({c.similarity:.0f}); "
                                         "the only place of that name"))
            continue
        results.append(ranked(q.text, found, q.hint, row_bias, alternatives))
    return results


def _plain_batch(gaz: Gazetteer, parsed: list[Query | None], fuzzy: bool
                 ) -> list[GeocodeResult | NoMatch | InputError]:
    best = gaz.best(sorted({q.name for q in parsed if q and q.name and not q.hint}))
    reasons = {(kind, label): f"{kind} match; the most important place of that name ({label})"
               for kind in ("exact", "alternate") for label in ("world", "overlay", "imports")}
    results: list[GeocodeResult | NoMatch | InputError] = []
    for q in parsed:
        if q is None or not q.name:
            results.append(InputError(EMPTY_NAME, field="name"))
            continue
        hit = None if q.hint else best.get(q.name)
        if hit is not None:
            v, store = hit
            kind = "exact" if v[15] == 0 else "alternate"
            place = Place(v[1], v[2], v[3], v[4], v[6], v[8], v[10], v[0], v[11], v[12], v[7],
                          v[9])
            results.append(GeocodeResult(q.text, place, kind, 100.0 if kind == "exact" else 97.0,
                                         reasons[kind, store]))
            continue
        q, found, bias = qualified_candidates(gaz, q, Bias(), fuzzy)
        if not found:
            results.append(NoMatch(q.text, gaz.suggestions(q.name)))
            continue
        results.append(ranked(q.text, found, q.hint, bias, 0))
    return results


def _focus_country(parsed: list[Query | None], exact: dict[str, list[Candidate]]) -> str:
    votes: dict[str, int] = {}
    for q in parsed:
        if not q:
            continue
        countries = {c.row.country for c in exact.get(q.name, ())}
        if len(countries) == 1:
            (cc,) = countries
            votes[cc] = votes.get(cc, 0) + 1
    if not votes:
        return ""
    best = max(votes, key=votes.get)
    return best if votes[best] >= 2 else ""


# --- a batch as a table: one row per input row ------------------------------------------

# What a batch row adds after the input's own columns, in this order.
BATCH_COLUMNS = ("status", "query", "name", "lat", "lon", "feature_type", "admin1", "country",
                 "population", "geo_precision", "radius_km", "gazetteer_id", "source",
                 "match_kind", "score", "reason", "suggestions")
_AMBIGUOUS = "; ambiguous: "  # how ``ranked`` words a tie in its reason


def row_status(outcome: GeocodeResult | IncimapError) -> str:
    """``ok``, ``ambiguous`` (another place ranks the same), ``online`` (answered by a
    provider), ``not_found``, ``blank`` (no name in the row) or ``error: <why>``."""
    if isinstance(outcome, GeocodeResult):
        if outcome.match_kind == "online":
            return "online"
        return "ambiguous" if _AMBIGUOUS in outcome.reason else "ok"
    if isinstance(outcome, NoMatch):
        return "not_found"
    message = str(outcome).removeprefix("field 'name': ")
    return "blank" if message == EMPTY_NAME else f"error: {message}"


def batch_rows(queries: Sequence[str], outcomes: Sequence[GeocodeResult | IncimapError],
               records: Sequence[dict[str, str]] | None = None,
               alternatives: int | None = None) -> tuple[list[str], list[dict]]:
    """The columns and rows of a batch answer: each input record's columns unchanged,
    then ``BATCH_COLUMNS`` (all with a ``geo_`` prefix if the input uses one of them).
    Rows that found nothing keep their place with empty coordinates. With
    ``alternatives`` a number, each row lists up to that many runner-ups (JSON)."""
    given = next((list(r) for r in records if r), []) if records else []
    # One clash renames all of ours, so that lat and lon never come from different sides.
    prefix = ""
    while any(prefix + c in given for c in (*BATCH_COLUMNS, "alternatives")):
        prefix += "geo_"
    ours = {c: prefix + c for c in (*BATCH_COLUMNS, "alternatives")}
    rows = []
    for i, (query, outcome) in enumerate(zip(queries, outcomes, strict=True)):
        row = dict(records[i]) if records else {}
        values = dict.fromkeys(BATCH_COLUMNS)
        values.update(status=row_status(outcome), query=query)
        if isinstance(outcome, GeocodeResult):
            values.update(outcome.to_dict(with_alternatives=False))
        values["suggestions"] = "; ".join(getattr(outcome, "suggestions", ()))
        row.update({ours[c]: values[c] for c in BATCH_COLUMNS})
        if alternatives is not None:
            found = outcome.alternatives if isinstance(outcome, GeocodeResult) else ()
            row[ours["alternatives"]] = [
                a.to_dict(with_alternatives=False) for a in found[:alternatives]]
        rows.append(row)
    return given + [ours[c] for c in BATCH_COLUMNS], rows
