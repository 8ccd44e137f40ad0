"""Small immutable value types that flow through the pipeline.

article text -> Mention -> Place -> Incident -> layers -> map / exports

Every type has ``to_dict()`` returning plain JSON values, so exports and the map
never need to know the classes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from incimap.gazetteer.features import FEATURE_TYPES  # noqa: F401  (re-exported)

# ACLED geo-precision codes: 1 the point itself, 2 near it or part of a region,
# 3 only a large region (province, country).
_PRECISION_BY_TYPE = {
    "continent": 3,
    "country": 3,
    "province": 3,
    "district": 2,
    "region": 2,
    "water": 2,  # an event on a lake or at sea is near a point, never at it
    "pass": 2,
}

# Default uncertainty radius in km when a source gives none.
_RADIUS_BY_TYPE = {
    "continent": 3000.0,
    "country": 500.0,
    "province": 250.0,
    "district": 50.0,
    "region": 40.0,
    "water": 100.0,
    "pass": 20.0,
    "city": 10.0,
    "town": 5.0,
    "village": 2.0,
    "station": 1.0,
    "tunnel": 1.0,
    "place": 5.0,
}


def geo_precision_for(feature_type: str) -> int:
    """ACLED geo precision (1-3) for a feature type."""
    return _PRECISION_BY_TYPE.get(feature_type, 1)


def default_radius_km(feature_type: str, population: int = 0) -> float:
    """Uncertainty radius for a feature type; big cities are wider than their point."""
    radius = _RADIUS_BY_TYPE.get(feature_type, 5.0)
    if feature_type in ("city", "town", "place") and population >= 1_000_000:
        radius = max(radius, 20.0)
    return radius


@dataclass(frozen=True)
class Place:
    """A named feature with WGS84 coordinates and an honest uncertainty."""

    name: str
    lat: float
    lon: float
    feature_type: str = "place"
    country: str = ""  # ISO 3166-1 alpha-2
    admin1: str = ""  # first-level division name, e.g. "Balochistan"
    population: int = 0
    gazetteer_id: str = ""  # "geonames:1167528", "overlay:mushkaf-tunnel"
    source: str = ""
    radius_km: float = 0.0
    admin1_code: str = ""
    admin2: str = ""  # district, where known
    # ACLED precision when not the feature type's: a place the gazetteer lacks, placed at
    # the division it lies in, is "part of a region" (2), not the region itself (3).
    precision: int = 0

    @property
    def geo_precision(self) -> int:
        return self.precision or geo_precision_for(self.feature_type)

    @property
    def uncertainty_km(self) -> float:
        return self.radius_km or default_radius_km(self.feature_type, self.population)

    def to_dict(self) -> dict:
        d = asdict(self)
        del d["precision"]  # said as geo_precision
        d["geo_precision"] = self.geo_precision
        d["radius_km"] = self.uncertainty_km
        return d


@dataclass(frozen=True)
class GeocodeResult:
    """One answer to a geocoding query: the place, how it matched, and why it won."""

    query: str
    place: Place
    match_kind: str  # exact | alternate | variant | fuzzy | online
    score: float  # 0-100
    reason: str = ""
    alternatives: tuple[GeocodeResult, ...] = ()

    def to_dict(self, with_alternatives: bool = True) -> dict:
        d = {"query": self.query, **self.place.to_dict()}
        d.update(match_kind=self.match_kind, score=round(self.score, 1), reason=self.reason)
        if with_alternatives:
            d["alternatives"] = [a.to_dict(with_alternatives=False) for a in self.alternatives]
        return d


@dataclass(frozen=True)
class Span:
    """A stretch of the article: character offsets and the exact text there."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


# Roles a place mention plays in an article.
ROLES = (
    "event",  # where something happened
    "origin",  # start of a journey
    "destination",  # end of a journey
    "based_in",  # where someone is based ("an Islamabad-based analyst")
    "victims_from",  # where victims came from
    "taken_to",  # where people were moved or treated
    "title",  # part of an official's title ("Kalat Commissioner")
    "context",  # a broader region mentioned for context
)


@dataclass(frozen=True)
class Mention:
    """A place named in the text, with its role and (once resolved) its place."""

    surface: str  # as written in the article
    span: Span
    sentence: Span
    hint: str = ""  # feature hint written beside the name ("district", "railway station")
    role: str = "context"
    place: Place | None = None
    score: float = 0.0
    match_kind: str = ""
    alternatives: tuple[Place, ...] = ()
    route_km: float | None = None
    offset_km: float | None = None

    def to_dict(self) -> dict:
        return {
            "surface": self.surface,
            "start": self.span.start,
            "end": self.span.end,
            "sentence": self.sentence.text,
            "sentence_start": self.sentence.start,
            "hint": self.hint,
            "role": self.role,
            "place": self.place.to_dict() if self.place else None,
            "score": round(self.score, 1),
            "match_kind": self.match_kind,
            "alternatives": [p.to_dict() for p in self.alternatives],
            "route_km": self.route_km,
            "offset_km": self.offset_km,
        }


@dataclass(frozen=True)
class Figure:
    """A reported number ("at least 27 militants killed") kept with who said it."""

    kind: str  # fatalities | injured | hostages | rescued | ...
    value: int  # the lowest number the wording supports
    qualifier: str = ""  # "at least", "more than", "nearly", "dozens", ...
    high: int | None = None  # an upper bound where the wording gives one
    who: str = ""  # who the figure is about ("militants", "passengers")
    claimed_by: str = ""  # who reported it ("Associated Press", "officials")
    quote: Span | None = None
    # Above ``numbers.MAX_PLAUSIBLE_COUNT``: kept as what the source says, never counted.
    implausible: bool = False
    # A count of part of a group ("one of the passengers"): never an estimate of its total.
    part: bool = False

    @property
    def head(self) -> str:
        """The head noun of whom it counts ("soldiers" of "Colombian soldiers"), or ""."""
        words = self.who.split()
        return words[-1] if words else ""

    def to_dict(self) -> dict:
        d = asdict(self)
        d["quote"] = self.quote.to_dict() if self.quote else None
        for flag in ("implausible", "part"):
            if not d[flag]:
                del d[flag]  # only said when true: the usual output stays as it was
        return d


# ACLED event types and their sub-event types.
ACLED_TAXONOMY = {
    "Battles": (
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    ),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Explosions/Remote violence": (
        "Remote explosive/landmine/IED",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Grenade",
        "Chemical weapon",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Protests": (
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}


@dataclass(frozen=True)
class Incident:
    """One reported event, ACLED-compatible, each field traceable to its sentences.

    ``evidence`` maps a field name ("event_type", "location", "fatalities", ...) to the
    spans of the article that support it.
    """

    id: str
    title: str
    event_type: str
    sub_event_type: str
    event_date: str  # ISO date, "2025-03-11"
    time_precision: int  # ACLED: 1 day, 2 week, 3 month or vaguer
    location: Place | None
    actor1: str = ""
    actor2: str = ""
    fatalities: int = 0  # ACLED's rule: the lowest reported figure
    figures: tuple[Figure, ...] = ()
    notes: str = ""
    evidence: dict[str, tuple[Span, ...]] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()  # the place mentions that locate it
    source: str = ""  # its publisher or URL (ACLED's source), never a local path
    curated: bool = False
    route_km: float | None = None
    offset_km: float | None = None
    event_id: str = ""  # the merged Event it reports (geo.events), once merged
    # A curated record the automatic reader also found: one event, shown with both badges.
    also_automatic: bool = False
    source_scale: str = ""  # ACLED's source scale (National, International, ...), if given
    published: str = ""  # ISO date the report was published, where known
    article_id: str = ""  # the report it came from: records of one report never merge
    # How far the record and each field can be trusted, 0-1 (geo.confidence); None when
    # not machine-read (curated).
    confidence: float | None = None
    field_confidence: dict[str, float] = field(default_factory=dict)

    @property
    def geo_precision(self) -> int:
        return self.location.geo_precision if self.location else 3

    def count(self, kind: str) -> int | None:
        """Lowest reported figure of a kind (ACLED's conservative rule), or None."""
        values = [f.value for f in self.figures if f.kind == kind and not f.implausible]
        return min(values) if values else None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "event_date": self.event_date,
            "time_precision": self.time_precision,
            "location": self.location.to_dict() if self.location else None,
            "geo_precision": self.geo_precision,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "fatalities": self.fatalities,
            "injured": self.count("injured"),
            "hostages": self.count("hostages"),
            "rescued": self.count("rescued"),
            "figures": [f.to_dict() for f in self.figures],
            "notes": self.notes,
            "evidence": {k: [s.to_dict() for s in v] for k, v in self.evidence.items()},
            "source": self.source,
            "curated": self.curated,
            "route_km": self.route_km,
            "offset_km": self.offset_km,
            "event_id": self.event_id,
            "also_automatic": self.also_automatic,
            "source_scale": self.source_scale,
            "published": self.published,
            "article_id": self.article_id,
            "confidence": self.confidence,
            "field_confidence": dict(self.field_confidence),
        }


@dataclass(frozen=True)
class EventSource:
    """One report of an event: the article-level record and where it was published."""

    incident_id: str
    url: str = ""
    publisher: str = ""
    published: str = ""  # ISO date
    curated: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Claim:
    """A figure one report gives ("officials said at least 16 militants were killed")."""

    incident_id: str
    figure: Figure

    def to_dict(self) -> dict:
        return {"incident_id": self.incident_id, **self.figure.to_dict()}


@dataclass(frozen=True)
class Event:
    """Reports of one event merged (geo.events): every source and claim kept, and one
    reconciled value per field."""

    id: str
    event_date: str
    time_precision: int
    event_type: str
    sub_event_type: str
    location: Place | None
    actor1: str = ""
    actor2: str = ""
    fatalities: int = 0
    title: str = ""
    members: tuple[str, ...] = ()  # incident ids, sorted
    sources: tuple[EventSource, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def curated(self) -> bool:
        return any(s.curated for s in self.sources)

    @property
    def automatic(self) -> bool:
        return any(not s.curated for s in self.sources)

    def to_dict(self) -> dict:
        return {
            "id": self.id, "event_date": self.event_date, "time_precision": self.time_precision,
            "event_type": self.event_type, "sub_event_type": self.sub_event_type,
            "location": self.location.to_dict() if self.location else None,
            "actor1": self.actor1, "actor2": self.actor2, "fatalities": self.fatalities,
            "title": self.title, "members": list(self.members), "reports": len(self.members),
            "curated": self.curated, "automatic": self.automatic,
            "sources": [s.to_dict() for s in self.sources],
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass(frozen=True)
class Station:
    """A stop on a route, with its railway kilometre post where one is published."""

    name: str
    lat: float
    lon: float
    km: float | None = None  # official km post, counted from the route's start
    place_id: str = ""
    source: str = ""
    line: str = ""  # the railway line it stands on ("ML-3")
    coord_source: str = ""  # where lat/lon come from
    coord_estimated: bool = False  # lat/lon interpolated, not taken from a source


@dataclass(frozen=True)
class Route:
    """An ordered list of stations; the geometry is built from it in geo.route."""

    name: str
    stations: tuple[Station, ...]
    source: str = ""
    notes: str = ""
    reach_km: float | None = None  # km are given within this distance of the line (None: default)
