"""The role a place plays where it is mentioned, read from the words around it.

Roles (``geo.models.ROLES``): ``event`` where something happened; ``origin`` and
``destination`` of a journey ("on its way from Quetta to Peshawar"); ``based_in``
("an Islamabad-based analyst"); ``victims_from`` ("passengers from the eastern Punjab
province"); ``taken_to`` ("moved to ...", "the hospital at ..."); ``title``
("Kalat Commissioner"); and ``context`` for everything else.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from incimap.geo.models import Mention
from incimap.geo.reader import english
from incimap.geo.reader.background import is_aggregate, is_background
from incimap.geo.reader.triggers import classes_in

_W = r"(?:[\w’'-]+\s+)"  # one word and its space

_BASED = re.compile(r"^\s*[-–]\s*based\b", re.I)

_BASED_IN = re.compile(r"\bbased\s+(?:in|at)\s+(?:the\s+)?" + _W + r"{0,2}$", re.I)

_FROM = re.compile(r"\bfrom\s+(?:the\s+)?" + _W + r"{0,2}$", re.I)

_TO_NEXT = re.compile(r"^\s*(?:to|towards|for)\s+(?:the\s+)?[A-Z]")

_FROM_X_TO = re.compile(r"\bfrom\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}\s+(?:to|towards)\s+"
                        r"(?:the\s+)?$")

_BOUND_FOR = re.compile(r"\b(?:bound\s+for|en\s+route\s+to|heading\s+(?:to|for)|headed\s+"
                        r"(?:to|for)|on\s+(?:its|their|his|her)\s+way\s+to|travel(?:l)?ing\s+to|"
                        r"destined\s+for)\s+(?:the\s+)?" + _W + r"{0,1}$", re.I)

_JOURNEY = re.compile(r"\b(?:train|express|bus|coach|flight|plane|convoy|vehicle|truck|lorry|"
                      r"car|ferry|boat|ship|travel\w*|journey|way|route|bound|trip|passengers?|"
                      r"headed|heading|driving|sailing|flying|marched|walked)\b", re.I)

_LEFT = re.compile(r"\b(?:left|departed(?:\s+from)?|leaving|set\s+off\s+from)\s+(?:the\s+)?$",
                   re.I)

_PEOPLE = (r"(?:passengers?|people|persons?|residents?|workers?|labou?rers?|miners?|victims?|"
           r"pilgrims?|men|man|women|woman|children|child|students?|villagers?|travell?ers?|"
           r"citizens?|nationals?|migrants?|tourists?|worshippers?|civilians?|famil(?:y|ies)|"
           r"farmers?|drivers?|teachers?|traders?|soldiers?|officers?|personnel|youths?|boys?|"
           r"girls?|who\s+(?:were|was|came|hailed))")

_VICTIMS_FROM = re.compile(r"\b" + _PEOPLE + r"\s+" + _W + r"{0,3}?(?:from|of)\s+(?:the\s+)?"
                           + _W + r"{0,2}$", re.I)

_NATIVE = re.compile(r"\b(?:natives?\s+of|residents?\s+of|hail(?:ed|ing)\s+from|hometown\s+"
                     r"(?:of|in)|home\s+town\s+(?:of|in)|originally\s+from|belong(?:ed|ing)?\s+"
                     r"to|was\s+from|were\s+from|came\s+from|native)\s+(?:the\s+)?"
                     + _W + r"{0,2}$", re.I)

_TAKEN_TO = re.compile(r"\b(?:moved|taken|shifted|rushed|evacuated|transported|brought|"
                       r"airlifted|transferred|flown|referred|relocated|driven|carried|treated|"
                       r"admitted|hospitali[sz]ed|then\s+on)\b(?!\s+out\b)(?:(?!\bfrom\b)[^.;:!?]){0,100}?\b(?:to|into|"
                       r"in|at)\s+(?:the\s+)?" + _W + r"{0,3}$", re.I)

_PERSON_FROM = re.compile(r"(?:\b(?:an?|the)\s+(?:[\w-]+\s+){0,2}?[a-z][\w-]*|\b\d{1,3}\s*,)"
                          r"\s+from\s+(?:the\s+)?$")

_CARE_AT = re.compile(r"\b(?:hospital|clinic|morgue|mortuary|camp|shelter|infirmary|"
                      r"medical\s+(?:centre|center|facility))\s+(?:at|in|of)\s+(?:the\s+)?"
                      + _W + r"{0,2}$", re.I)

_AT_PLACE = re.compile(r"\b(?:in|at|near|around|outside|inside|on|across|close\s+to|"
                       r"outskirts\s+of|areas?\s+of|districts?\s+of|villages?\s+of|towns?\s+of|"
                       r"city\s+of|province\s+of|region\s+of|parts\s+of|vicinity\s+of|"
                       r"neighbou?rhoods?\s+of|suburbs?\s+of|between|along|within)\s+"
                       r"(?:the\s+)?" + _W + r"{0,3}$|\b(?:seized|captured|overran|attacked|"
                       r"ambushed|bombed|shelled|raided|stormed|struck|hit|targeted)\s+(?:the\s+)?"
                       r"(?:(?:town|city|village|district|province|region)\s+of\s+)?$", re.I)

# A place opening its sentence as the thing struck ("Maiduguri was hit by ...").
_HIT = re.compile(r"^\s+(?:was|were|has\s+been|have\s+been|is|are)\s+(?:\w+\s+)?(?:hit|"
                  r"struck|attacked|rocked|shaken|targeted|bombed|shelled|raided|stormed)\b",
                  re.I)


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
    if _BASED.match(after) or _BASED_IN.search(before):
        return "based_in"
    journey = _journey(s.text)
    if _BOUND_FOR.search(before) or (journey and _FROM_X_TO.search(before)):
        return "destination"
    if (journey and _FROM.search(before) and _TO_NEXT.match(after)) or _LEFT.search(before):
        return "origin"
    if english.FLED_TO.search(before):
        return "destination"  # "residents who fled from the village to X"
    if english.SPOKE_FROM.search(before):
        return "context"  # where a witness spoke from, not where victims came from
    if _VICTIMS_FROM.search(before) or _NATIVE.search(before) or (
            _PERSON_FROM.search(before) and not journey):
        return "victims_from"
    if _TAKEN_TO.search(before) or _CARE_AT.search(before):
        return "taken_to"
    story = not is_aggregate(s.text) and not is_background(s.text)
    if has_event(s.text) and story and (_AT_PLACE.search(before) or
                                        (not before.strip() and _HIT.match(after))):
        return "event"
    return "context"


@lru_cache(maxsize=4096)
def _journey(sentence: str) -> bool:
    # Once per sentence, not once per mention: a long sentence names many places.
    return bool(_JOURNEY.search(sentence))


_CONTAINER_GAP = re.compile(r"^(?:,\s*(?:in\s+)?|\s+(?:of|in)\s+|[’']s?\s+)(?:the\s+)?"
                            r"(?:[a-z]+\s+){0,2}$")


def _container_is_context(m: Mention, prev: Mention | None) -> Mention:
    """"Belgorod region of Russia", "Butig, Lanao del Sur": the broader place right
    after another one only says where that one is."""
    if prev is None or m.role != "event" or prev.sentence != m.sentence or not (
            m.place and prev.place):
        return m
    gap = m.sentence.text[prev.span.end - m.sentence.start : m.span.start - m.sentence.start]
    broader = (m.place.geo_precision, m.place.uncertainty_km) > (prev.place.geo_precision,
                                                                 prev.place.uncertainty_km)
    return replace(m, role="context") if broader and _CONTAINER_GAP.match(gap) else m


_AND = re.compile(r"^\s*(?:,\s*)?(?:and|or)\s+(?:then\s+)?(?:on\s+)?(?:to\s+)?(?:the\s+)?$")


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
            if _AND.match(gap):
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
