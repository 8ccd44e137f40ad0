"""Plain JSON values for the map, built from the domain's value types.

Everything the page shows comes from here as data (never as HTML or script source): the
page's own script turns it into markers and popups with DOM text nodes, so no string from
an article is ever parsed as markup or code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from incimap.geo.confidence import is_low
from incimap.geo.dates import display_date
from incimap.geo.models import Figure, Incident, Mention, Place, Route, Span
from incimap.maps import styles

COORD_DIGITS = 5  # ~1 m: more digits only grow the file


def finite(value: float | None) -> float | None:
    """``value`` as a float, or None when missing or not finite (JSON has no NaN)."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def rounded(value: float | None, digits: int = 2) -> float | None:
    value = finite(value)
    return None if value is None else round(value, digits)


def lon_lat(lat: float, lon: float) -> list[float]:
    """A GeoJSON position (lon, lat), rounded."""
    return [round(float(lon), COORD_DIGITS), round(float(lat), COORD_DIGITS)]


def has_position(place: Place | None) -> bool:
    """True when a place has finite WGS84 coordinates we can draw."""
    if place is None:
        return False
    lat, lon = finite(place.lat), finite(place.lon)
    return lat is not None and lon is not None and abs(lat) <= 90 and abs(lon) <= 180


def compact(values: dict) -> dict:
    """``values`` without empty entries ("", None, []): the page treats missing as empty,
    and 100,000 incidents' worth of empty fields would be megabytes."""
    return {k: v for k, v in values.items() if v not in ("", None, [], {})}


def place_summary(place: Place) -> dict:
    """The facts about a place a popup shows."""
    return compact({
        "name": place.name,
        "feature_type": place.feature_type,
        "lat": round(float(place.lat), COORD_DIGITS),
        "lon": round(float(place.lon), COORD_DIGITS),
        "geo_precision": place.geo_precision,
        "radius_km": rounded(place.uncertainty_km, 1),
        "admin1": place.admin1,
        "admin2": place.admin2,
        "country": place.country,
        "gazetteer_id": place.gazetteer_id,
    })


def figure_summary(figure: Figure) -> dict:
    return {
        "kind": figure.kind,
        "value": figure.value,
        "qualifier": figure.qualifier,
        "high": figure.high,
        "who": figure.who,
        "claimed_by": figure.claimed_by,
        "quote": figure.quote.text if figure.quote else "",
    }


def incident_quotes(incident: Incident) -> list[dict]:
    """The article's sentences behind an incident, each with the fields it supports.

    Order: as they first appear (evidence first, then figures' quotes); one entry per text.
    """
    by_text: dict[str, list[str]] = {}

    def add(span: Span | None, what: str) -> None:
        if span is None or not span.text:
            return
        fields = by_text.setdefault(span.text, [])
        if what and what not in fields:
            fields.append(what)

    for field_name, spans in incident.evidence.items():
        for span in spans:
            add(span, field_name)
    for figure in incident.figures:
        add(figure.quote, figure.kind)
    for mention in incident.mentions:
        add(mention.sentence, "location")
    return [{"text": text, "supports": fields} for text, fields in by_text.items()]


def incident_feature(incident: Incident, layer: str, route_km: float | None = None,
                     offset_km: float | None = None) -> dict:
    """A GeoJSON Point feature for a located incident (``incident.location`` must be set)."""
    place = incident.location
    assert place is not None
    km = incident.route_km if incident.route_km is not None else route_km
    offset = incident.offset_km if incident.offset_km is not None else offset_km
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": lon_lat(place.lat, place.lon)},
        "properties": compact({
            "id": incident.id,
            "layer": layer,
            "title": incident.title,
            "event_type": incident.event_type or styles.UNKNOWN_EVENT_TYPE,
            "sub_event_type": incident.sub_event_type,
            "date": incident.event_date,
            "date_label": display_date(incident.event_date, incident.time_precision),
            "time_precision": incident.time_precision,
            "actor1": incident.actor1,
            "actor2": incident.actor2,
            "fatalities": incident.fatalities,
            "injured": incident.count("injured"),
            "hostages": incident.count("hostages"),
            "rescued": incident.count("rescued"),
            "figures": [figure_summary(f) for f in incident.figures],
            "place": place_summary(place),
            "route_km": rounded(km, 1),
            "offset_km": rounded(offset, 1),
            "quotes": incident_quotes(incident),
            "notes": incident.notes,
            "source": incident.source,
            "curated": incident.curated or None,
            # One event read by the automatic reader too (geo.events): both badges show.
            "also_automatic": incident.also_automatic or None,
            "event_id": incident.event_id,
            "confidence": incident.confidence,
            "field_confidence": dict(incident.field_confidence) or None,
            "low_confidence": is_low(incident) or None,
        }) | {"id": incident.id, "layer": layer, "px": styles.marker_px(incident.fatalities)},
    }


def unmapped_incident(incident: Incident) -> dict:
    """An incident without a location: listed in the side panel, not drawn."""
    return {
        "id": incident.id,
        "title": incident.title,
        "event_type": incident.event_type or styles.UNKNOWN_EVENT_TYPE,
        "date": incident.event_date,
        "date_label": display_date(incident.event_date, incident.time_precision),
        "curated": incident.curated,
    }


def unlocated_places(mentions: Iterable[Mention]) -> list[dict]:
    """Each name the gazetteer lacks, once per role, in reading order: listed, not drawn."""
    out: dict[tuple[str, str], dict] = {}
    for m in mentions:
        if m.place is None:
            out.setdefault((m.surface, m.role), {"name": m.surface, "role": m.role,
                                                 "role_label": styles.role_label(m.role),
                                                 "hint": m.hint})
    return list(out.values())


def place_key(place: Place) -> tuple:
    return (place.gazetteer_id or place.name, round(place.lat, 4), round(place.lon, 4))


def place_features(mentions: Iterable[Mention], layer_of_role: dict[str, str]) -> list[dict]:
    """One Point feature per (place, role): every mention of it in that role folded in."""
    grouped: dict[tuple, list[Mention]] = {}
    for mention in mentions:
        if not has_position(mention.place):
            continue
        grouped.setdefault((place_key(mention.place), mention.role), []).append(mention)
    features = []
    for (_, role), group in grouped.items():
        place = group[0].place
        assert place is not None
        alternatives: dict[tuple, Place] = {}
        for mention in group:
            for alt in mention.alternatives:
                alternatives.setdefault(place_key(alt), alt)
        first = group[0]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": lon_lat(place.lat, place.lon)},
            "properties": {
                "layer": layer_of_role[role],
                "role": role,
                "place": place_summary(place),
                "surfaces": _unique(m.surface for m in group),
                "hints": _unique(m.hint for m in group),
                "sentences": _unique(m.sentence.text for m in group),
                "match_kind": first.match_kind,
                "score": rounded(max(m.score for m in group), 1),
                "alternatives": [place_summary(a) for a in alternatives.values()],
                "route_km": rounded(first.route_km, 1),
                "offset_km": rounded(first.offset_km, 1),
            },
        })
    return features


def route_data(route: Route, line: Sequence[tuple[float, float]],
               station_km: Sequence[float | None] | None = None,
               segments: Sequence = ()) -> dict:
    """The route's line (lon, lat pairs), its interpolated segments (drawn dashed, with their
    note) and its stations with km posts and whether their coordinates are estimated."""
    kms = list(station_km) if station_km is not None else [s.km for s in route.stations]
    return {
        "name": route.name,
        "source": route.source,
        "notes": route.notes,
        "line": [lon_lat(lat, lon) for lon, lat in line],
        # Segment i runs from line[i] to line[i + 1].
        "segments": [{"index": g.index, "interpolated": g.interpolated, "note": g.note}
                     for g in segments],
        "stations": [
            {
                "name": s.name,
                "lat": round(s.lat, COORD_DIGITS),
                "lon": round(s.lon, COORD_DIGITS),
                "km": rounded(s.km, 1),
                "km_estimated": rounded(km, 1) if s.km is None else None,
                "coord_estimated": s.coord_estimated,
                "coord_source": s.coord_source,
            }
            for s, km in zip(route.stations, kms, strict=True)
        ],
    }


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return list(seen)
