"""Reports of one event merged into one ``Event``.

Two incident records are the same event when everything they say is compatible:

- dates: each record stands for an interval (a day, a week, a month, by its
  ``time_precision``); the intervals must overlap, with one day of slack for reports that
  date a night-time attack to either day;
- places: the great-circle distance is within the larger uncertainty radius (the vaguer
  place contains the precise one); two different admin areas of one level (two districts)
  are different places;
- countries, where both are known, are the same;
- event types are the same, or both are kinds of violence (battle, attack on civilians,
  explosion) and a named actor is shared;
- named actors do not contradict (an unidentified group contradicts nobody).

Records of one article never merge (the reader already told them apart). Clusters grow by
the closest compatible pairs first and only while every pair inside stays compatible, so a
chain of look-alikes never links two distinct events. Candidate pairs come from blocks
(week bucket x 1-degree cell), so the cost grows with the records, not their square.
Everything is sorted first, and event ids are hashes of the member ids: the output does not
depend on input order or PYTHONHASHSEED.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from incimap.geo.models import Claim, Event, EventSource, Incident, Place

DATE_SLACK_DAYS = 1
_VIOLENCE = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})
_ADMIN_TYPES = frozenset({"country", "province", "district"})
_GENERIC_ACTOR = re.compile(r"^(?:unidentified|unknown|civilians|protesters|rioters)\b", re.I)
_EARTH_KM = 6371.0088
_WEEK = 7


# --------------------------------------------------------------------------- compatibility


def date_interval(incident: Incident) -> tuple[int, int] | None:
    """(first, last) day ordinal the record's date stands for, or None when unreadable."""
    return day_interval(incident.event_date, incident.time_precision)


def day_interval(event_date: str, time_precision: int) -> tuple[int, int] | None:
    """(first, last) day ordinal a date of ACLED ``time_precision`` stands for."""
    try:
        day = dt.date.fromisoformat(str(event_date)[:10])
    except (TypeError, ValueError):
        return None
    n = day.toordinal()
    if time_precision == 2:
        return n - 7, n + 7
    if time_precision >= 3:
        if day.day == 1:  # a month coded as its first day
            nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return n, nxt.toordinal() - 1
        return n - 15, n + 15
    return n, n


def distance_km(a: Place, b: Place) -> float:
    """Great-circle (haversine) distance."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        (lo2 - lo1) / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


@functools.lru_cache(maxsize=65536)  # few distinct actors, many comparisons
def _actor_key(actor: str) -> str:
    actor = actor.strip()
    if not actor or _GENERIC_ACTOR.match(actor):
        return ""
    head = actor.split(":", 1)[0]  # "BLA: Baloch Liberation Army" -> "BLA"
    return re.sub(r"\W+", " ", head).strip().lower()


def _named_actors(incident: Incident) -> set[str]:
    return {k for k in (_actor_key(incident.actor1), _actor_key(incident.actor2)) if k}


def _actors_compatible(a: Incident, b: Incident) -> tuple[bool, bool]:
    """(no contradiction, a named actor shared)."""
    first_a, first_b = _actor_key(a.actor1), _actor_key(b.actor1)
    shared = bool(_named_actors(a) & _named_actors(b))
    if first_a and first_b and first_a not in _named_actors(b) \
            and first_b not in _named_actors(a):
        return False, shared
    return True, shared


def pair_score(a: Incident, b: Incident) -> float | None:
    """How far apart two records are (0 = identical), or None when they cannot be one event."""
    return _score(a, b, date_interval(a), date_interval(b))


def _score(a: Incident, b: Incident, ia: tuple[int, int] | None, ib: tuple[int, int] | None
           ) -> float | None:
    if a.location is None or b.location is None or ia is None or ib is None:
        return None
    gap = max(ia[0], ib[0]) - min(ia[1], ib[1])  # > 0: days between the intervals
    if gap > DATE_SLACK_DAYS:
        return None
    pa, pb = a.location, b.location
    if pa.country and pb.country and pa.country != pb.country:
        return None
    if pa.feature_type == pb.feature_type and pa.feature_type in _ADMIN_TYPES \
            and _place_id(pa) != _place_id(pb):
        return None
    # Reports code one attack differently (a shelling as an explosion or as an attack on
    # civilians); kinds of violence may meet, at a cost, never violence and a protest.
    same_type = a.event_type == b.event_type
    if not same_type and not (a.event_type in _VIOLENCE and b.event_type in _VIOLENCE):
        return None
    reach = max(pa.uncertainty_km, pb.uncertainty_km)
    d = distance_km(pa, pb)
    if d > reach:
        return None
    actors_ok, shared = _actors_compatible(a, b)
    if not actors_ok:
        return None
    # Same-type, same first actor (the one who acted) and a shared actor count as closer.
    same_doer = _actor_key(a.actor1) == _actor_key(b.actor1)
    return d / max(reach, 1e-9) + max(gap, 0) / 2 + (0 if same_type else 0.5) \
        + (0 if shared else 0.25) + (0 if same_doer else 0.3)


def _place_id(place: Place) -> str:
    return place.gazetteer_id or place.name.lower()


# --------------------------------------------------------------------------- blocking


def _cells(place: Place, radius_km: float) -> list[tuple[int, int]]:
    """1-degree cells a disc of ``radius_km`` around ``place`` touches."""
    dlat = radius_km / 111.0
    lat0, lat1 = max(-90.0, place.lat - dlat), min(90.0, place.lat + dlat)
    cos = math.cos(math.radians(max(abs(lat0), abs(lat1))))
    dlon = 360.0 if cos < 1e-6 else radius_km / (111.32 * cos)
    if dlon >= 180:
        lons = range(-180, 181)
    else:
        lons = range(math.floor(place.lon - dlon), math.floor(place.lon + dlon) + 1)
    return [(la, ((lo + 180) % 360) - 180) for la in range(math.floor(lat0), math.floor(lat1) + 1)
            for lo in lons]


def _weeks(interval: tuple[int, int]) -> range:
    return range((interval[0] - DATE_SLACK_DAYS) // _WEEK,
                 (interval[1] + DATE_SLACK_DAYS) // _WEEK + 1)


def candidate_pairs(records: list[Incident]) -> list[tuple[float, int, int]]:
    """(score, i, j) for every compatible pair, i < j, found through the blocks."""
    index: dict[tuple[int, int, int], list[int]] = {}
    intervals = [date_interval(r) for r in records]
    radius = [r.location.uncertainty_km if r.location else 0.0 for r in records]
    for i, r in enumerate(records):
        if r.location is None or intervals[i] is None:
            continue
        cell = (math.floor(r.location.lat), ((math.floor(r.location.lon) + 180) % 360) - 180)
        for week in _weeks(intervals[i]):
            index.setdefault((week, *cell), []).append(i)
    pairs = []
    for i, r in enumerate(records):
        if r.location is None or intervals[i] is None:
            continue
        # The side with the larger radius covers the other, so each pair is tried once,
        # from that side.
        mine = (radius[i], i)
        seen: set[int] = set()
        for week in _weeks(intervals[i]):
            for cell in _cells(r.location, radius[i]):
                for j in index.get((week, *cell), ()):
                    if j in seen or (radius[j], j) >= mine:
                        continue
                    seen.add(j)
                    a, b = (i, j) if i < j else (j, i)
                    score = _score(records[a], records[b], intervals[a], intervals[b])
                    if score is not None:
                        pairs.append((score, a, b))
    return sorted(pairs)


# --------------------------------------------------------------------------- clustering


def _default_report(incident: Incident) -> str:
    return f"{'curated' if incident.curated else 'read'}:{incident.article_id or incident.source}"


def cluster(records: list[Incident], report_of: Callable[[Incident], str] = _default_report
            ) -> list[list[int]]:
    """Groups of record indexes, each one event (sorted lists, sorted by first member)."""
    pairs = candidate_pairs(records)
    compatible = {(i, j) for _, i, j in pairs}
    group = list(range(len(records)))
    members = {i: [i] for i in range(len(records))}
    reports = {i: {report_of(r)} for i, r in enumerate(records)}
    for _, i, j in pairs:
        a, b = group[i], group[j]
        if a == b or reports[a] & reports[b]:
            continue
        if not all((min(x, y), max(x, y)) in compatible for x in members[a] for y in members[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for x in members[b]:
            group[x] = a
        members[a] += members.pop(b)
        reports[a] |= reports.pop(b)
    return sorted(sorted(m) for m in members.values())


# --------------------------------------------------------------------------- reconciling


def event_id(member_ids: Iterable[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(member_ids)).encode("utf-8")).hexdigest()
    return f"EV-{digest[:12]}"


def _mode(values: list, key=lambda v: v):
    """The most common value; ties go to the smallest by ``key`` (deterministic)."""
    counts = Counter(key(v) for v in values)
    best = max(counts.values())
    return min((v for v in values if counts[key(v)] == best), key=key)


def reconcile(group: list[Incident], sources: Mapping[str, EventSource] | None = None) -> Event:
    """One Event from its reports: every source and claim, one value per field.

    Curated (human-verified) records win every field they set; otherwise the most precise
    date and place, the most reported type and actors, and ACLED's conservative rule for
    fatalities: the lowest figure any report gives.
    """
    group = sorted(group, key=lambda i: i.id)
    sources = sources or {}
    curated = [i for i in group if i.curated]
    pool = curated or group
    best_time = min(i.time_precision for i in pool)
    dated = [i for i in pool if i.time_precision == best_time]
    date = _mode([i.event_date for i in dated])
    located = [i for i in pool if i.location is not None] or [
        i for i in group if i.location is not None]
    location = None
    if located:
        finest = min(i.location.uncertainty_km for i in located)
        location = _mode([i.location for i in located if i.location.uncertainty_km == finest],
                         key=lambda p: (p.name, p.lat, p.lon, p.gazetteer_id))
    kind = _mode([(i.event_type, i.sub_event_type) for i in pool])
    actor1 = _mode([i.actor1 for i in pool if i.actor1] or [""])
    actor2 = _mode([i.actor2 for i in pool if i.actor2 and i.actor2 != actor1] or [""])
    if curated:
        fatalities = min(i.fatalities for i in curated)
    else:
        reported = [i.fatalities for i in group
                    if i.fatalities or i.count("fatalities") is not None]
        fatalities = min(reported) if reported else 0
    titled = [i.title for i in pool if i.title]
    ids = tuple(i.id for i in group)
    return Event(
        id=event_id(ids), event_date=date, time_precision=best_time, event_type=kind[0],
        sub_event_type=kind[1], location=location, actor1=actor1, actor2=actor2,
        fatalities=fatalities, title=titled[0] if titled else "", members=ids,
        sources=tuple(sources.get(i.id) or EventSource(i.id, url=i.source, curated=i.curated)
                      for i in group),
        claims=tuple(Claim(i.id, f) for i in group for f in i.figures),
    )


def merge_events(incidents: Iterable[Incident], sources: Mapping[str, EventSource] | None = None,
                 report_of: Callable[[Incident], str] = _default_report
                 ) -> tuple[list[Event], list[Incident]]:
    """(events, the incidents with their ``event_id``), both sorted by id.

    ``sources`` gives each incident id its publication facts (URL, publisher, date);
    ``report_of`` names the report (article) a record comes from: records of one report
    never merge. Incident ids must be unique.
    """
    records = sorted(incidents, key=lambda i: i.id)
    events = []
    linked: list[Incident] = []
    for members in cluster(records, report_of):
        group = [records[k] for k in members]
        event = reconcile(group, sources)
        events.append(event)
        linked += [replace(i, event_id=event.id) for i in group]
    events.sort(key=lambda e: e.id)
    linked.sort(key=lambda i: i.id)
    return events, linked


def event_incident(event: Event, members: Iterable[Incident] = ()) -> Incident:
    """An Incident standing for the event (one marker on a map): the curated member when
    there is one (it keeps its quotes), marked as also found automatically when it was."""
    from incimap.geo.extract import public_source

    members = sorted(members, key=lambda i: i.id)
    curated = [i for i in members if i.curated]
    if curated:
        return replace(curated[0], event_id=event.id, also_automatic=event.automatic,
                       fatalities=event.fatalities)
    base = members[0] if members else None
    return Incident(
        id=event.id, title=event.title, event_type=event.event_type,
        sub_event_type=event.sub_event_type, event_date=event.event_date,
        time_precision=event.time_precision, location=event.location, actor1=event.actor1,
        actor2=event.actor2, fatalities=event.fatalities,
        figures=tuple(c.figure for c in event.claims),
        notes=base.notes if base else "",
        evidence=base.evidence if base else {},
        mentions=base.mentions if base else (),
        source="; ".join(sorted({public_source(s.url) for s in event.sources if s.url})),
        event_id=event.id)


def one_per_event(incidents: Iterable[Incident]) -> list[Incident]:
    """Merge ``incidents`` and return one Incident per event, in input order of first member."""
    incidents = list(incidents)
    events, linked = merge_events(incidents)
    by_event: dict[str, list[Incident]] = {}
    for i in linked:
        by_event.setdefault(i.event_id, []).append(i)
    order = {i.id: n for n, i in enumerate(incidents)}
    chosen = [event_incident(e, by_event[e.id]) for e in events]
    first = {e.id: min(order[m] for m in e.members) for e in events}
    return [inc for _, inc in sorted(zip([first[e.id] for e in events], chosen,
                                         strict=True), key=lambda t: t[0])]
