"""Event words in a sentence: which event classes (``english.EVENT_PATTERNS``) it reports,
each with its ACLED event type, sub-event type, priority and the words that say so."""

from __future__ import annotations

import re
from functools import lru_cache

from incimap.geo.reader import english
from incimap.geo.reader.english import EVENT_RE


@lru_cache(maxsize=8192)
def classes_in(sentence: str) -> list[tuple[int, str, str, str, re.Match]]:
    """(priority, class, event_type, sub_event_type, match): the first match of each
    event pattern in the sentence."""
    found, seen = [], set()
    for m in EVENT_RE.finditer(sentence):
        index = int(m.lastgroup[1:])
        if index not in seen and not english.HEDGED_BEFORE.search(
                sentence, max(0, m.start() - 60), m.start()) and not _accident(
                    sentence, m, index):
            seen.add(index)
            _, cls, etype, sub, priority = english.EVENT_PATTERNS[index]
            found.append((priority, cls, etype, sub, _Sub(m, m.lastgroup)))
    if english.MISHAP.search(sentence):
        found = [f for f in found if f[0] > 0]
    found = _supporters_clashing(_protesters_clashing(found, sentence), sentence)
    return _force_on_protesters(_crowd_violence(found, sentence), sentence)


def _supporters_clashing(found: list, sentence: str) -> list:
    """"Clashes between supporters of the two candidates": a fight of crowds, no armed
    side named, is mob violence (ACLED's riot), not a battle."""
    if not english.CROWD_SIDES.search(sentence) or english.ARMED_SIDES.search(sentence):
        return found
    return [(3, "demonstration", "Riots", "Mob violence", f[4])
            if f[2] == "Battles" and english.PROTEST_CLASH.fullmatch(f[4].group()) else f
            for f in found]


def _accident(sentence: str, m: re.Match, index: int) -> bool:
    """An explosion at a chemical plant or of gas is no bombing."""
    if english.EVENT_PATTERNS[index][3] != "Remote explosive/landmine/IED":
        return False
    return bool(english.ACCIDENT_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
                or english.ACCIDENT_AFTER.match(sentence, m.end()))


def _protesters_clashing(found: list, sentence: str) -> list:
    """"Protesters clashed with police", "fighting broke out between rioters and ...": a
    clash after a protest word in the sentence, or between a crowd and others, is the
    demonstration turned violent (ACLED's riot), not a battle."""
    protest = min((f[4].start() for f in found if f[2] == "Protests"), default=None)
    crowds = [f[4].start() for f in found if f[2] in ("Protests", "Riots")]
    if not crowds:
        return found

    def between_crowd(f) -> bool:
        return any(f[4].end() < at and english.BETWEEN.match(sentence, f[4].end(), at)
                   for at in crowds)

    return [(3, "demonstration", "Riots", "Violent demonstration", f[4])
            if f[2] == "Battles" and english.PROTEST_CLASH.fullmatch(f[4].group())
            and (protest is not None and f[4].start() > protest or between_crowd(f))
            else f for f in found]


def _crowd_violence(found: list, sentence: str) -> list:
    """"Rioters torched shops", "a mob beat him to death", "demonstrators laid siege to the
    town hall": violence or a battle whose doer is the crowd of a riot or demonstration in
    the sentence is that riot (ACLED), not an attack."""
    if not any(f[2] in ("Riots", "Protests") for f in found):
        return found
    return [(3, "demonstration", "Riots", "Violent demonstration", f[4])
            if f[1] in ("violence", "operation") and f[0] > 0
            and not english.PASSIVE_START.match(f[4].group())
            and english.CROWD_DOER_BEFORE.search(sentence, 0, f[4].start()) else f
            for f in found]


def _force_on_protesters(found: list, sentence: str) -> list:
    """"Police opened fire on protesters, killing three": the state's violence on a
    demonstration is one protest event that holds the dead (not a separate attack):
    ACLED's excessive force against protesters, or a violent demonstration if the crowd
    rioted."""
    if not any(f[2] in ("Protests", "Riots") for f in found):
        return found
    violence = [f for f in found if f[1] == "violence"]
    if not any(english.FORCE_ON_CROWD_BEFORE.search(sentence, 0, f[4].start())
               or english.FORCE_ON_CROWD_AFTER.match(sentence, f[4].end()) for f in violence):
        return found
    # A crowd that threw stones or rioted is no peaceful one: fired on, it is still a
    # violent demonstration (Rioters vs the forces), ACLED's excessive force being kept
    # for peaceful crowds.
    event = (("Riots", "Violent demonstration") if any(f[2] == "Riots" for f in found)
             else ("Protests", english.EXCESSIVE_FORCE))
    return [(3.5, "demonstration", *event, f[4]) if f[1] == "violence" else f for f in found]


class _Sub:
    """A match narrowed to one named group (so .start/.end/.group are the trigger's)."""

    __slots__ = ("_m", "_g")

    def __init__(self, m: re.Match, group: str):
        self._m, self._g = m, group

    def start(self) -> int:
        return self._m.start(self._g)

    def end(self) -> int:
        return self._m.end(self._g)

    def group(self, _: int = 0) -> str:
        return self._m.group(self._g)


def with_weak_triggers(found: list, figure_classes: set[str]) -> list:
    """Keep a weak trigger ("killed") only when nothing stronger is there, or when the
    sentence's figures belong to its class."""
    strong = [f for f in found if f[0] > 0]
    weak = [f for f in found if f[0] == 0 and (not strong or f[1] in figure_classes)]
    return strong + weak


def sentence_triggers(doc) -> dict[int, list]:
    """``classes_in`` of every sentence of the document, by sentence start."""
    return {s.start: classes_in(s.text) for s in doc.sentences}
