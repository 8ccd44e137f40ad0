"""The role a place plays where it is mentioned, read from the words around it.

Roles (``geo.models.ROLES``): ``event`` where something happened; ``origin`` and
``destination`` of a journey ("on its way from Quetta to Peshawar"); ``based_in``
("an Islamabad-based analyst"); ``victims_from`` ("passengers from the eastern Punjab
province"); ``taken_to`` ("moved to ...", "the hospital at ..."); ``title``
("Kalat Commissioner"); and ``context`` for everything else.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from incimap.geo.models import Mention
from incimap.geo.reader import english
from incimap.geo.reader.background import is_aggregate, is_background
from incimap.geo.reader.english import (
    AND_GAP,
    AT_PLACE,
    BASED,
    BASED_IN,
    BOUND_FOR,
    CARE_AT,
    CONTAINER_GAP,
    FROM_BEFORE,
    FROM_X_TO,
    HIT_AFTER,
    JOURNEY,
    LEFT_FROM,
    NATIVE_OF,
    PERSON_FROM,
    TAKEN_TO,
    TO_NEXT,
    VICTIMS_FROM,
)
from incimap.geo.reader.triggers import classes_in


def has_event(sentence: str) -> bool:
    """Does the sentence report an event? (The incident reader's own trigger words.)"""
    return bool(classes_in(sentence))


def role_of(m: Mention) -> str:
    """The role of one mention, from its sentence."""
    if m.role == "title":
        return "title"
    s = m.sentence
    at, to = m.span.start - s.start, m.span.end - s.start
    # Slices of bounded length: copying the sentence's head or tail is quadratic in it.
    before = s.text[max(0, at - 90) : at]
    after = s.text[to : to + 40]
    if BASED.match(after) or BASED_IN.search(before):
        return "based_in"
    journey = _journey(s.text)
    if BOUND_FOR.search(before) or (journey and FROM_X_TO.search(before)):
        return "destination"
    if (journey and FROM_BEFORE.search(before) and TO_NEXT.match(after)) or (
            LEFT_FROM.search(before)):
        return "origin"
    if english.FLED_TO.search(before):
        return "destination"  # "residents who fled from the village to X"
    if english.SPOKE_FROM.search(before):
        return "context"  # where a witness spoke from, not where victims came from
    if english.ACCORDING_TO_BEFORE.search(before):
        return "context"  # whose officials say so
    if VICTIMS_FROM.search(before) or NATIVE_OF.search(before) or (
            PERSON_FROM.search(before) and not journey):
        return "victims_from"
    if TAKEN_TO.search(before) or CARE_AT.search(before):
        return "taken_to"
    story = not is_aggregate(s.text) and not is_background(s.text)
    if has_event(s.text) and story and (AT_PLACE.search(before) or
                                        (not before.strip() and HIT_AFTER.match(after))):
        return "event"
    return "context"


@lru_cache(maxsize=4096)
def _journey(sentence: str) -> bool:
    # Once per sentence, not once per mention: a long sentence names many places.
    return bool(JOURNEY.search(sentence))


def _container_is_context(m: Mention, prev: Mention | None) -> Mention:
    """"Belgorod region of Russia", "Butig, Lanao del Sur": the broader place right
    after another one only says where that one is."""
    if prev is None or m.role != "event" or prev.sentence != m.sentence or not (
            m.place and prev.place):
        return m
    gap = m.sentence.text[prev.span.end - m.sentence.start : m.span.start - m.sentence.start]
    broader = (m.place.geo_precision, m.place.uncertainty_km) > (prev.place.geo_precision,
                                                                 prev.place.uncertainty_km)
    return replace(m, role="context") if broader and CONTAINER_GAP.match(gap) else m


def _share_coordinated_roles(mentions: list[Mention]) -> list[Mention]:
    """"the border of Bishnupur and Churachandpur districts", "to Oicha and then on to
    Butembo": a place joined by "and" to one with a role shares it."""
    out = list(mentions)
    for i in range(1, len(out)):
        prev, m = out[i - 1], out[i]
        if (m.role == "context" and prev.role in ("event", "taken_to", "victims_from")
                and prev.sentence == m.sentence):
            gap = m.sentence.text[prev.span.end - m.sentence.start :
                                  m.span.start - m.sentence.start]
            if AND_GAP.match(gap):
                out[i] = replace(m, role=prev.role)
    return out


def assign_roles(mentions: list[Mention]) -> list[Mention]:
    """Roles for every mention; a broader place named beside a more precise event place
    of the same sentence ("Maiduguri, the capital of Borno State") is context."""
    from incimap.geo.geocode import great_circle_km

    roled = [replace(m, role=role_of(m)) for m in mentions]
    roled = [_container_is_context(m, prev) for prev, m in zip([None, *roled], roled,
                                                                strict=False)]
    roled = _share_coordinated_roles(roled)
    # The places of each sentence that can make another one context, each place once:
    # a long sentence listing the same places again and again must not cost its square.
    finer: dict[int, dict[tuple, object]] = {}
    for other in roled:
        if other.role in ("event", "taken_to", "origin") and other.place:
            finer.setdefault(other.sentence.start, {}).setdefault(_place_key(other.place),
                                                                   other.place)
    verdicts: dict[tuple, bool] = {}
    out = []
    for m in roled:
        if m.role == "event" and m.place:
            q = m.place
            key = (m.sentence.start, _place_key(q))
            if key not in verdicts:
                # A place strictly finer than q is never q itself ("other is not m").
                verdicts[key] = any(
                    (p.geo_precision, p.uncertainty_km) < (q.geo_precision, q.uncertainty_km)
                    and great_circle_km(p.lat, p.lon, q.lat, q.lon) <= q.uncertainty_km * 1.5
                    for p in finer.get(m.sentence.start, {}).values())
            if verdicts[key]:
                m = replace(m, role="context")
        out.append(m)
    return out


def _place_key(p) -> tuple:
    return (p.gazetteer_id, p.lat, p.lon, p.geo_precision, p.uncertainty_km)
