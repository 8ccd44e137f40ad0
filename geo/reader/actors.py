"""Who did it: named armed groups, the group named as the doer or that claimed the event,
the state's forces, and an incident's two ACLED actors."""

from __future__ import annotations

import re
from functools import lru_cache

from incimap.geo.models import Span
from incimap.geo.reader import english
from incimap.geo.reader.english import (
    ACRONYM_GROUP,
    CLAIM,
    DOER_BEFORE,
    FIGHTERS_AFTER_NAME,
    FOREIGN_FORCES,
    MILITARY_WORD,
    NAME_RUN,
    NO_CLAIM,
    NOT_DOERS,
    NOT_IN_NAMES,
    ONE_WORD_GROUPS,
    POLICE_WORD,
    POSSESSIVE,
    STATE_FORCE_NOUNS,
    UNNAMED_ATTACKERS,
)
from incimap.geo.reader.places import is_demonym
from incimap.geo.reader.triggers import classes_in

_ACRONYM_AFTER = re.compile(r"^\s*\(([A-Z][A-Za-z]{1,7})\)")


def armed_groups(text: str) -> dict[str, str]:
    """Named armed groups: {alias or full name: ACLED-style name "ACR: Full Name"}."""
    groups: dict[str, str] = {}
    last_seen: dict[str, int] = {}
    for m in ACRONYM_GROUP.finditer(text):  # "M23 rebels", "ADF militants"
        groups.setdefault(m.group(1), m.group(1))
    groups.update(doer_names(text))
    for m in NAME_RUN.finditer(text):
        words = m.group(0).split()
        lead = 0
        while lead < len(words) and (words[lead].lower() in NOT_IN_NAMES
                                     or words[lead].lower() in english.NAME_LEAD_WORDS
                                     or words[lead].lower() in english.NUMBER_WORDS):
            # "Suspected ADF rebels", "And The X": the adjective is not the name; nor the
            # count ("Two British Army soldiers": the state's army).
            lead += 1
        words = _without_members(words[lead:])
        if words and POSSESSIVE.search(words[-1]):
            words[-1] = POSSESSIVE.sub("", words[-1])  # "the X Front's attack"
        if not words or _is_state_army(words):
            continue
        if len(words) == 1 and words[0].lower() not in ONE_WORD_GROUPS and not (
                _hyphenated_group(words[0])):
            continue  # one capitalised word is a group only when it is a known one
        parts = {p.lower().strip("’'") for w in words for p in w.split("-")}
        name = " ".join(words)
        if (parts & english.STATE_UNIT_WORDS and not parts & english.INSURGENT_WORDS) or not (
                parts & english.ARMED_GROUP_WORDS
                or any(ph in name.lower() for ph in english.ARMED_GROUP_PHRASES)):
            continue
        acronym = _ACRONYM_AFTER.match(text[m.end() : m.end() + 12])
        initials = "".join(p[0] for w in words for p in w.split("-") if p[:1].isupper())
        alias = acronym.group(1) if acronym else initials
        label = f"{alias}: {name}" if acronym or _last_seen(text, alias, last_seen) >= m.end(
        ) else name
        label = english.GROUP_SPELLINGS.get(label, label)
        groups[name] = label
        if len(alias) >= 2:
            groups[alias] = label
    return groups


def _hyphenated_group(word: str) -> bool:
    """"Lashkar-e-Taiba", "Jamaat-ul-Mujahideen": one hyphenated word of three or more
    parts, one of them a group's word, is a group's name."""
    parts = word.lower().split("-")
    return len(parts) >= 3 and bool(set(parts) & english.ARMED_GROUP_WORDS)


def doer_names(text: str) -> dict[str, str]:
    """Groups named as the doer ("X claimed responsibility", "carried out by X", "X
    militants attacked"), whatever their name's words."""
    out: dict[str, str] = {}
    for m in _doer_matches(text):
        words = m.group(1).split()
        # "Yesterday Ansar Dine militants ...": a capitalised sentence opener is no name,
        # nor a count ("Six militants were killed").
        while words and (words[0].lower() in NOT_IN_NAMES or words[0].lower() in
                         english.COMMON_WORDS or words[0].lower() in english.WEEKDAYS
                         or words[0].lower() in english.NUMBER_WORDS):
            words = words[1:]
        words = _without_members(words)
        parts = {w.lower().strip("’'") for w in words}
        if not words or parts & NOT_DOERS or parts & english.STATE_UNIT_WORDS or (
                words[0].lower() in english.STATE_DEMONYMS) or _is_state_army(words):
            continue
        if len(words) == 1 and (is_demonym(words[0].lower())
                                or words[0].lower() in english.DEMONYMS):
            continue  # "launched by Palestinian fighters": a people, not a group's name
        name = " ".join(words)
        acronym = _ACRONYM_AFTER.match(text[m.end(1) : m.end(1) + 12])
        out.setdefault(name, f"{acronym.group(1)}: {name}" if acronym else name)
    return out


def _without_members(words: list[str]) -> list[str]:
    """"Fighters of the Rapid Support Forces" -> "Rapid Support Forces"."""
    if len(words) > 2 and words[0].lower() in english.MEMBER_NOUNS and words[1] == "of":
        return words[3:] if words[2].lower() == "the" else words[2:]
    return words


_DOER_REACH = 120  # characters around a cue a doer phrase may span


def _doer_matches(text: str) -> list[re.Match]:
    """The names in doer phrases, each read next to its cue (a scan of the whole text for
    a name would try one at every capital letter)."""
    out: dict[tuple, re.Match] = {}
    for cue, side, name in english.DOER_PATTERNS:
        for c in cue.finditer(text):
            at = c.start()
            if at and (text[at - 1].isalnum() if side == "after" else False):
                continue  # "by" inside a word
            if side == "before":
                m = name.search(text, max(0, at - _DOER_REACH), at)
            elif english.DOER_BY_VERB.search(text, max(0, at - 25), at):
                m = name.match(text, c.end(), c.end() + _DOER_REACH)
            else:
                m = None
            if m:
                out.setdefault(m.span(1), m)
    return [out[k] for k in sorted(out)]


def _last_seen(text: str, alias: str, seen: dict[str, int]) -> int:
    """Start of the last word-bounded ``alias`` in ``text`` (-1 if none). An alias made of
    word characters is a whole word, so one pass over the words answers every alias: a
    search of the rest of the text per name would be quadratic in a long article."""
    if not seen:
        seen[""] = -1
        for w in re.finditer(r"\w+", text):
            seen[w.group()] = w.start()
    if re.fullmatch(r"\w+", alias):
        return seen.get(alias, -1)
    return max((a.start() for a in re.finditer(rf"\b{re.escape(alias)}\b", text)), default=-1)


def _is_state_army(words: list[str]) -> bool:
    """"Thai Army", "Pakistan Police"; a kingdom's too ("Royal Thai Army")."""
    if len(words) == 3 and words[0].lower() in english.ROYAL_WORDS:
        words = words[1:]
    return len(words) == 2 and words[1].lower() in STATE_FORCE_NOUNS


def _mentions_group(sentence: str, alias: str) -> bool:
    """The sentence names the group other than as a guess ("believed to be from X")."""
    return any(not _suspected(sentence, m.start())
               for m in re.finditer(rf"{english.NOT_A_STANCE}\b{re.escape(alias)}\b", sentence))


def _suspected(text: str, start: int) -> bool:
    return bool(english.SUSPECTED_DOER.search(text, max(0, start - 80), start))


@lru_cache(maxsize=2)
def _unclaimed(text: str) -> bool:
    return bool(NO_CLAIM.search(text))  # once per article, not once per incident


def named_doer(sentences: list[Span], groups: dict[str, str]) -> str:
    """The group that claimed the event or is named as its doer ("carried out by X")."""
    said = [s.text for s in sentences]
    for sentence in said:
        if CLAIM.search(sentence) and not NO_CLAIM.search(sentence):
            named = _first_named(sentence, groups)
            if named:
                return named
    for sentence in said:
        for alias, label in groups.items():
            m = re.search(DOER_BEFORE + "(" + re.escape(alias) + r")\b", sentence)
            if m and not _suspected(sentence, m.start(1)):
                return label  # "fired by the paramilitary RSF", "blamed on the M23"
    return ""


def subject_doer(sentences: list[Span], groups: dict[str, str]) -> str:
    """A group written as the subject of a violence verb ("The Rapid Support Forces (RSF)
    killed 30 in a drone strike"): the doer, even of a strike from the air."""
    for s in sentences:
        for alias, label in groups.items():
            m = re.search(rf"\b{re.escape(alias)}\b" + english.DOER_VERB_AFTER, s.text)
            if m and not _suspected(s.text, m.start()):
                return label
    return ""


def claimed_in_story(sentences: list[str], groups: dict[str, str]) -> str:
    """The group that claimed "the attack" anywhere in the story: a claim is of the story's
    own event, though told in a paragraph about something else."""
    if not groups:
        return ""
    for sentence in sentences:
        if CLAIM.search(sentence) and not NO_CLAIM.search(sentence):
            named = _first_named(sentence, groups)
            if named:
                return named
    return ""


def _first_named(sentence: str, groups: dict[str, str]) -> str:
    """The group a claim sentence names first, the longest name at that point: the
    claimant is the subject ("The X Brigades, military wing of Y, took responsibility"),
    and "Al-Qaeda in Iraq" is not "Al-Qaeda"."""
    found = [(m.start(), -len(alias), label) for alias, label in groups.items()
             for m in re.finditer(rf"\b{re.escape(alias)}\b", sentence)]
    return min(found)[2] if found else ""


def perpetrator(sentences: list[Span], groups: dict[str, str], text: str) -> str:
    """The armed group behind an event: one that claimed it, one named as the doer
    ("suspected BLA gunmen"), else none ("No group has claimed ...")."""
    named = named_doer(sentences, groups)
    if named:
        return named
    said = [s.text for s in sentences]
    if any(NO_CLAIM.search(x) for x in said) or _unclaimed(text):
        return ""
    for sentence in said:
        if english.DENIAL.search(sentence):
            continue  # "X has stated that it is not responsible for the blast"
        for alias, label in groups.items():
            if re.search(rf"\b{re.escape(alias)}" + FIGHTERS_AFTER_NAME, sentence) or (
                    _mentions_group(sentence, alias) and classes_in(sentence)):
                return label
    # "they had killed over 50 people": the article's one group, if it has exactly one.
    labels = set(groups.values())
    if len(labels) == 1 and any(UNNAMED_ATTACKERS.search(x) for x in said) and any(
            _mentions_group(text, alias) for alias in groups):
        return next(iter(labels))
    return ""


def actors_of(draft, groups: dict[str, str], country: str, text: str, *,
              claimant: str = "") -> tuple[str, str]:
    """(actor1, actor2) of a draft; ``claimant``: the group that claimed "the attack"
    anywhere in the story (``claimed_in_story``), the doer of the story's own event."""
    in_country = f" ({country})" if country else ""
    said = english.IN_UNIFORM.sub(" ", " ".join(s.text for s in draft.sentences))
    police = _police_in(said)
    state = forces_of("Police" if police else "Military", country or "the state")
    # A claim or a doer phrase beats a group only written in the event's sentences ("attacked
    # a camp of the X Front ... The Y Front claimed the raid": Y did it).
    claimed = claimant if draft.context.startswith("main") else ""
    group = (named_doer(draft.sentences, groups) or claimed
             or perpetrator(draft.sentences, groups, text)
             or perpetrator(draft.related, groups, text))
    # The dead say whom the attack was on ("two soldiers killed, two civilians hurt" is an
    # attack on soldiers); the hurt and the held only when no one is told dead.
    dead = [f.who for f in draft.figures if f.kind == "fatalities" and f.who]
    victims = dead or [f.who for f in draft.figures
                       if f.kind in ("fatalities", "hostages", "injured")]
    fighters = bool(victims) and all(v.split()[-1:] and v.split()[-1] in english.COMBATANTS
                                     for v in victims)
    # "Militants stormed a police station": with no one counted, the target says who was
    # attacked; so it does when the forces were among the hurt ("fired on a police post,
    # wounding two officers and a passer-by, killing a driver").
    forces_hurt = any(f.kind in ("fatalities", "injured") and f.head in english.STATE_FORCE_DEAD
                      for f in draft.figures)
    # ... unless more others than one died ("killing eight shoppers and injuring a
    # policeman" is on the shoppers).
    others_dead = sum(f.value for f in draft.figures if f.kind == "fatalities" and f.head
                      and f.head not in english.COMBATANTS)
    forces_hurt = forces_hurt and others_dead <= 1
    fighters = fighters or ((not victims or forces_hurt)
                            and bool(english.STATE_TARGET.search(said)))
    if not group and draft.cls == "violence" and _state_doer(said):
        # "the junta's aircraft carried out", "security forces opened fire": the state,
        # against civilians or, when only fighters fell, against an armed group.
        return (state_named(draft, country or "the state")
                or forces_of("Military", country or "the state"),
                f"{'Unidentified Armed Group' if fighters else 'Civilians'}{in_country}")
    named = bool(group)
    group = group or f"Unidentified Armed Group{in_country}"
    if draft.cls == "operation":
        # "Fighters of the X Front clashed with the Y Front": two groups, no state.
        rival = _rival_group(draft, groups, group, said) if named else ""
        return (group, rival) if rival else (state, group)
    if draft.cls == "demonstration":
        violent = any(t[1] == "Riots" for t in draft.triggers)
        crowd = f"{'Rioters' if violent else 'Protesters'}{in_country}"
        if any(t[2] in english.FORCE_ON_CROWD_SUBS for t in draft.triggers):
            # The forces that broke up or fired on the crowd: soldiers as much as police.
            # ACLED puts the forces first when they used lethal force on a peaceful crowd.
            force = state_named(draft, country or "the state") or state
            if not violent and any(t[2] == english.EXCESSIVE_FORCE for t in draft.triggers):
                return force, crowd
            return crowd, force
        return crowd, (state if police else "")
    if draft.cls == "arrest":
        return state, f"Civilians{in_country}"
    if fighters:
        # "Gunmen attacked an X camp, killing 12 fighters": the other named group fought.
        return group, _rival_group(draft, groups, group, said) or state
    return group, f"Civilians{in_country}"


def _rival_group(draft, groups: dict[str, str], group: str, said: str) -> str:
    """Another named group than the doer in the draft's sentences, the first written, when
    no force of the state is named there (``said``: the sentences' text)."""
    if MILITARY_WORD.search(said) or _police_in(said):
        return ""
    found = sorted((m.start(), label) for alias, label in groups.items() if label != group
                   for m in re.finditer(rf"\b{re.escape(alias)}\b", said))
    return found[0][1] if found else ""


def _state_doer(said: str) -> bool:
    """The state's forces as the doer ("soldiers opened fire"); not a group named after an
    army ("the Sudan Liberation Army attacked"), unless a nation's ("the Pakistani Army")."""
    for m in english.STATE_DOER.finditer(said):
        head = english.FORCE_HEAD.match(m.group()).group(1)
        before = english.NAME_WORD_BEFORE.search(said, max(0, m.start() - 40), m.start())
        if head[0].isupper() and before and not is_demonym(before.group(1).lower()):
            continue
        return True
    return False


def _police_in(said: str) -> bool:
    """The police take part in what the sentences tell, not only report it."""
    return bool(POLICE_WORD.search(english.POLICE_AS_SOURCE.sub(" ", said)))


def forces_of(kind: str, country: str) -> str:
    """ACLED's name of a state's forces: "Military Forces of Pakistan", "Police Forces of
    the Philippines" (the article a country's English name takes)."""
    the = "the " if english.NAME_WITH_THE.match(country) else ""
    return f"{kind} Forces of {the}{country}"


def state_named(draft, country: str) -> str:
    said = " ".join(s.text for s in draft.sentences)
    if _police_in(said):
        return forces_of("Police", country)
    if MILITARY_WORD.search(said):
        return forces_of("Military", country)
    return ""


def foreign_state(draft) -> str:
    """"Russian aircraft", "Israeli drones": a state's forces named by their demonym."""
    return foreign_state_in(" ".join(s.text for s in draft.sentences))


def foreign_state_in(said: str) -> str:
    """The first state whose forces ``said`` names by their demonym, as an ACLED actor."""
    m = FOREIGN_FORCES.search(said)
    country = (english.STATE_DEMONYMS.get(m.group(1).lower())
               or english.STATE_SHORT_NAMES.get(m.group(1))) if m else None
    return forces_of("Military", country) if country else ""
