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

from geo.lexicon import EVENT_PATTERNS
from geo.models import Mention

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
_LEFT = re.compile(r"\b(?:left|departed(?:\s+from)?|leaving|set\s+off\s+from)\s+(?:the\s+)?$",
                   re.I)
_PEOPLE = (r"(?:passengers|people|residents|workers|labou?rers|miners|victims|pilgrims|men|"
           r"women|children|students|villagers|travell?ers|citizens|nationals|migrants|"
           r"tourists|worshippers|civilians|families|farmers|drivers|teachers|traders|"
           r"soldiers|officers|personnel|youths|boys|girls|who\s+(?:were|was|came|hailed))")
_VICTIMS_FROM = re.compile(_PEOPLE + r"\s+" + _W + r"{0,3}?(?:from|of)\s+(?:the\s+)?"
                           + _W + r"{0,2}$", re.I)
_NATIVE = re.compile(r"\b(?:natives?\s+of|residents?\s+of|hail(?:ed|ing)\s+from|hometown\s+"
                     r"(?:of|in)|home\s+town\s+(?:of|in)|originally\s+from|belong(?:ed|ing)?\s+"
                     r"to|was\s+from|were\s+from|came\s+from|native)\s+(?:the\s+)?"
                     + _W + r"{0,2}$", re.I)
_TAKEN_TO = re.compile(r"\b(?:moved|taken|shifted|rushed|evacuated|transported|brought|"
                       r"airlifted|transferred|flown|referred|relocated|driven|carried)\s+"
                       + _W + r"{0,3}?(?:to|into)\s+(?:the\s+)?" + _W + r"{0,3}$", re.I)
_CARE_AT = re.compile(r"\b(?:hospital|clinic|morgue|mortuary|camp|shelter|infirmary|"
                      r"medical\s+(?:centre|center|facility))\s+(?:at|in|of)\s+(?:the\s+)?"
                      + _W + r"{0,2}$", re.I)
_AT_PLACE = re.compile(r"\b(?:in|at|near|around|outside|inside|on|across|close\s+to|"
                       r"outskirts\s+of|area\s+of|district\s+of|village\s+of|town\s+of|"
                       r"city\s+of|province\s+of|region\s+of|parts\s+of|vicinity\s+of|"
                       r"between|along|within)\s+(?:the\s+)?" + _W + r"{0,3}$", re.I)

# A place opening its sentence as the thing struck ("Maiduguri was hit by ...").
_HIT = re.compile(r"^\s+(?:was|were|has\s+been|have\s+been|is|are)\s+(?:\w+\s+)?(?:hit|"
                  r"struck|attacked|rocked|shaken|targeted|bombed|shelled|raided|stormed)\b",
                  re.I)


def has_event(sentence: str) -> bool:
    return any(p.search(sentence) for p, *_ in EVENT_PATTERNS)


def role_of(m: Mention) -> str:
    """The role of one mention, from its sentence."""
    if m.role == "title":
        return "title"
    s = m.sentence
    before = s.text[: m.span.start - s.start][-90:]
    after = s.text[m.span.end - s.start :][:40]
    if _BASED.match(after) or _BASED_IN.search(before):
        return "based_in"
    if _FROM_X_TO.search(before) or _BOUND_FOR.search(before):
        return "destination"
    if (_FROM.search(before) and _TO_NEXT.match(after)) or _LEFT.search(before):
        return "origin"
    if _VICTIMS_FROM.search(before) or _NATIVE.search(before):
        return "victims_from"
    if _TAKEN_TO.search(before) or _CARE_AT.search(before):
        return "taken_to"
    if has_event(s.text) and (_AT_PLACE.search(before) or
                              (not before.strip() and _HIT.match(after))):
        return "event"
    return "context"


def assign_roles(mentions: list[Mention]) -> list[Mention]:
    return [replace(m, role=role_of(m)) for m in mentions]
