"""From sentences to incident records (ACLED-compatible), each field with its evidence.

How the article is read:
1. The story's main date is the first date in a sentence that reports an event (else
   the publication date at week precision). A date within a week of it continues
   the story ("on Wednesday"); an older one ("In October last year") opens an
   episode that lasts to the end of its paragraph. On a page of several stories (news
   briefs, each under its own headline: ``Document.story_starts``) each story has its
   own main date and incidents, listed story by story.
2. Each sentence's event words (``english.EVENT_PATTERNS``) give its classes:
   ``violence`` by armed groups, ``operation`` by security forces, and the
   non-violent kinds. One incident per (story or episode, class).
3. Figures (``reader.figures``) go to the class they belong to: fighters killed and
   people rescued to the operation, the rest to the violence.
4. A sentence saying the dead "included" people killed at a named place splits off
   its own incident there (ACLED records one event per location).
5. The location is the most precise event place; a more precise event place of the
   same story inside its uncertainty radius refines it ("Bolan district" -> "the
   Mushkaf Tunnel"). With no place named, the narrowest region the article supports
   (its main province, else its country) at precision 3, unless the attacked vehicle's
   route names a town in it ("a train going from X to Y"): near the town it left. A
   country or province with a compass word before it ("southern Thailand") is that part
   of it (``reader.directions``).
6. Fatalities follow ACLED's rule: per group of people (fighters, others), the lowest
   figure reported; the groups add up. A total ("32 people") beats a smaller sub-group
   ("one soldier") of the same group: the soldier is part of it, not an estimate of it.
   Every figure is kept as a claim. Wording as in ``reader.quantities`` ("more than 20" -> 20).
7. Background is not the story: a sentence recalling history or a comparison ("In a
   similar attack", "In 2021", "Last year", "the 2019 bombing") opens no incident and
   lends none its date, toll, place or actor (its groups are never the doer). A past
   event dated to its month or day is its own incident (step 1), never the main date.
8. One incident per site: a sentence with its own toll at a place far from the story's
   places so far (beyond both uncertainty radii) opens a separate incident; so does a
   later sentence whose places are all in another country ("Across the border in
   Pakistan, a drone strike ..."), and the reading stays abroad until a place at home.
   Incidents are listed the stories' own events first, then the episodes they recall;
   an event with a place of its own before one placed only at the article's region.
9. Actors: a group that claimed the event or is named as its doer ("carried out by X",
   "X militants attacked"); the state's forces for air strikes without such a group and
   for "the junta"/"security forces" as the doer; a date on a verb of saying ("Police
   on Monday said") is never an event date.
10. Each record gets a confidence per field and overall (``geo.confidence``).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from incimap.geo.models import Figure, Incident, Mention, Place, Span
from incimap.geo.reader.actors import (
    actors_of,
    armed_groups,
    claimed_in_story,
    forces_of,
    foreign_state,
    foreign_state_in,
    named_doer,
    state_named,
    subject_doer,
)
from incimap.geo.reader.background import is_aggregate, is_background_sentence
from incimap.geo.reader.dates import DateRef, event_dates, sentence_dates
from incimap.geo.reader.directions import direction_before, part_of
from incimap.geo.reader.document import Document, document_of, is_headline
from incimap.geo.reader.english import (
    ACTOR_WORDS,
    ANOTHER_DIED,
    ARMED_DOER,
    ATTACKER_KILLED,
    BACKGROUND_BEFORE,
    BARE_EXPLOSION,
    BODY_OF,
    BODY_OF_PERSON,
    BOMB_NAMED,
    COMBATANTS,
    COUPLE_KILLED,
    CROWD_PEOPLE,
    EXCESSIVE_FORCE,
    FIREARM,
    FORCE_ON_CROWD_SUBS,
    FOUGHT_OFF,
    GROUP_ATTACKED,
    GUNFIGHT,
    HEADLINE_KILLS_ONE,
    HEADLINE_VICTIM,
    IN_CONTAINER_GAP,
    INCLUDED,
    KILLED_COUNT,
    KILLING_ONE,
    LISTED_PERSON,
    MISHAP,
    NONE_REPORTED,
    NUMBERISH,
    PAIR_KILLED,
    PAST_REFERENCE,
    PERSON_WORD,
    PROTEST_CLASH,
    REFERENCE_BEFORE,
    SELF_DETONATED,
    SEPARATE_EVENT,
    SIEGE,
    SINGLE_KIND,
    SINGLE_VICTIM,
    STATE_FIRST_IN_FIGHT,
    STATE_FORCE_DEAD,
    STATE_TARGET,
    THE_PERPETRATOR,
    TO_DEATH_ONE,
)
from incimap.geo.reader.figures import (
    fatalities,
    figure_class,
    killers_counted,
    listed_together,
    parse_figures,
)
from incimap.geo.reader.triggers import classes_in, sentence_triggers, with_weak_triggers

_STORY_DAYS = 7


_COUNTED_KINDS = ("fatalities", "injured", "hostages", "rescued")


@dataclass
class _Draft:
    """An incident while the article is read."""

    context: str  # "main" (or "main@N" for story N of a page of several) or the episode's date
    cls: str
    date: DateRef | None
    story: int = 0
    triggers: list[tuple[int, str, str, Span]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    unknown: list[Mention] = field(default_factory=list)  # event places the gazetteer lacks
    # Divisions its sentences name only as context ("X, Nabatieh Governorate"): where an
    # unknown place may be placed.
    containers: list[Mention] = field(default_factory=list)
    route: list[Mention] = field(default_factory=list)  # where the attacked vehicle came from
    sentences: list[Span] = field(default_factory=list)
    related: list[Span] = field(default_factory=list)  # the story it splits from
    arrested: bool = False  # a sentence of it counts people arrested
    _have: set[Span] = field(default_factory=set, repr=False)  # a set: list lookup is quadratic

    def add_sentence(self, s: Span) -> None:
        if s not in self._have:
            self._have.add(s)
            self.sentences.append(s)

    def absorb(self, other: _Draft, *, triggers: bool = True) -> None:
        """Take in a draft found to be part of this event (its sentences, figures, places)."""
        for s in other.sentences:
            self.add_sentence(s)
        self.arrested = self.arrested or other.arrested
        if triggers:
            self.triggers.extend(other.triggers)
        self.figures.extend(other.figures)
        self.places.extend(other.places)
        self.unknown.extend(other.unknown)
        self.containers.extend(other.containers)


def extract_incidents(text: str | Document, mentions: list[Mention], published: dt.date | None,
                      *, country: str = "", source: str = "") -> list[Incident]:
    """Incident records reported by ``text`` (mentions already resolved and given roles);
    the sentences' triggers and dates are the document's when its stages have read them."""
    anchor = published or dt.date.today()
    doc = document_of(text)
    text = doc.text
    sents = doc.sentences
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence.start, []).append(m)
    triggers = doc.triggers if doc.triggers is not None else sentence_triggers(doc)
    dates = dict(doc.dates if doc.dates is not None else event_dates(doc, triggers, anchor))
    background = {s.start for s in sents if is_background_sentence(s, dates[s.start], anchor)}
    for start in background:
        dates[start] = []  # a background date is never the story's
    # A page of several stories (news briefs): each is read on its own, with its own date.
    story_of = {s.start: doc.story_at(s.start) for s in sents}
    triggers = _headline_clash_as_told(sents, triggers, story_of)
    sites_of = {start: [m for m in ms if m.role == "event" and m.place
                        and m.place.feature_type != "country"]
                for start, ms in by_sentence.items()}
    mains = {n: _main_date([s for s in sents if story_of[s.start] == n], dates, anchor,
                           sites_of, doc.paragraph_at)
             for n in sorted(set(story_of.values()))}
    site_places: dict[str, list[list[Mention]]] = {}
    last_site: dict[str, tuple[int, int]] = {}  # context -> (paragraph, site)

    drafts: dict[tuple, _Draft] = {}
    episode: DateRef | None = None
    episode_para = -1
    main_places: set[str] = set()
    story = -1
    home = _home_country(mentions, country)
    abroad: tuple[int, str, int] | None = None  # the site abroad the story is at
    at_home = False
    for s in sents:
        if s.start in background or is_aggregate(s.text):
            continue
        if story_of[s.start] != story:
            story = story_of[s.start]
            main, main_places = mains[story], set()
            at_home = False  # has the story named an event place in its own country?
        para = doc.paragraph_at(s.start)
        if para != episode_para:
            episode = None
        here = [m for m in by_sentence.get(s.start, ()) if m.role == "event" and m.place]
        unknown = [m for m in by_sentence.get(s.start, ()) if m.role == "event" and not m.place]
        containers = [m for m in by_sentence.get(s.start, ()) if unknown and m.role == "context"
                      and m.place and m.place.feature_type in ("province", "district")]
        route = [m for m in by_sentence.get(s.start, ())
                 if m.role in ("origin", "destination") and m.place]
        raw = triggers[s.start]
        numberish = NUMBERISH.search(s.text)
        if not raw and (not numberish or MISHAP.search(s.text)):
            continue  # "Three more died in the crash": the mishap's dead, no one's toll
        parsed = parse_figures(s.text, s.start) if numberish else []
        figures = [f for f in parsed if f.kind in _COUNTED_KINDS]
        if NONE_REPORTED.search(s.text):
            figures = [f for f in figures if f.kind != "fatalities"]
        arrested = any(f.kind == "arrested" for f in parsed)
        if is_headline(s.text):
            # "Two more killed in bombings": a headline's "more" is beside earlier reports;
            # its count is the story's toll, not one on top of the body's.
            figures = [replace(f, qualifier="") if f.qualifier == "more" else f
                       for f in figures]
        if raw:
            figures += _single_victims(s, figures)
        raw = _fighters_killed(raw, figures)
        fig_classes = _figure_classes(figures, listed_together(s.text), raw)
        found = [t for t in with_weak_triggers(raw, set(fig_classes))
                 if not BACKGROUND_BEFORE.search(s.text[max(0, t[4].start() - 40) : t[4].start()])]
        # "on Sunday night and into Monday morning": a sentence that gives the story's own
        # day opens no episode with the next one it names.
        own_day = any(d.date == main.date for d in dates[s.start])
        for d in dates[s.start]:
            if not own_day and _opens_episode(d, main, s, here, main_places, bool(found)):
                episode, episode_para = d, para
        context = episode.date.isoformat() if episode else "main"
        if story:
            context += f"@{story}"
        date = episode or main
        if not found and not figures:
            continue
        if episode is None:
            main_places.update(m.place.gazetteer_id for m in here)
        classes = {c for _, c, *_ in found} | set(fig_classes)
        split = (INCLUDED.search(s.text) and here
                 and any(f.kind == "fatalities" for f in figures) and episode is not None) or (
            bool(SEPARATE_EVENT.search(s.text)) and bool(figures))
        if not here and abroad and abroad[0] == story:
            _, context, site = abroad  # still across the border ("Authorities say ...")
        else:
            site = _site(site_places.setdefault(context, []), here, figures, para,
                         last_site.get(context), home, at_home,
                         separate=bool(SEPARATE_EVENT.search(s.text)), unknown=unknown,
                         crowd=any(t[1] == "demonstration" for t in found))
            at_home = at_home or any(m.place.country == home for m in here)
            abroad = (story, context, site) if site and _foreign(here, home) else None
        last_site[context] = (para, site)
        for cls in sorted(classes):
            base = (context, cls) if site == 0 else (context, cls, "site", site)
            key = (context, cls, s.start) if split else base
            draft = drafts.get(key)
            if draft is None:
                draft = drafts[key] = _Draft(context, cls, date, story)
                if split and base in drafts:
                    parent = drafts[base]
                    draft.triggers.extend(parent.triggers)
                    draft.related.extend(parent.sentences)
            draft.add_sentence(s)
            draft.arrested = draft.arrested or arrested
            for priority, c, etype, sub, m in found:
                if c == cls:
                    span = Span(s.start + m.start(), s.start + m.end(), m.group(0))
                    draft.triggers.append((priority, etype, sub, span))
            draft.figures.extend(f for f, c in zip(figures, fig_classes, strict=True) if c == cls)
            draft.places.extend(here)
            draft.unknown.extend(unknown)
            draft.containers.extend(containers)
            draft.route.extend(route)
    _fold_arrests(drafts)
    _fold_responses(drafts)
    _fold_deaths_into_crowd(drafts)
    _headline_sums(drafts)

    # Groups named only in background ("a 2019 attack by X") are never this story's doers.
    story_text = _blank(text, [s for s in sents if s.start in background])
    groups = armed_groups(story_text)
    # Background and tallies ("300 have been killed in X since 2012") place nothing.
    told = [s for s in sents if s.start not in background]
    page = _setting(mentions, told, background, groups, country, home, story_text)
    settings = {n: page for n in set(story_of.values())}
    if len(settings) > 1:
        # A page of several stories (news briefs): each is set in its own places and
        # country, with its own claimant; the page's only where a story has none.
        for n in settings:
            own_setting = _setting([m for m in mentions if story_of.get(m.sentence.start) == n],
                                   [s for s in told if story_of[s.start] == n], background,
                                   groups, country, "",
                                   _blank(text, [s for s in sents if s.start in background
                                                 or story_of[s.start] != n]))
            settings[n] = own_setting._replace(
                country=own_setting.country or page.country) if own_setting.focus else (
                page._replace(claimant=own_setting.claimant, air_force=own_setting.air_force,
                              text=own_setting.text))
    incidents, stories, own = [], {}, {}
    story_places = _story_places(drafts)
    # A story headlined as a mishap ("16 killed in motor accident"): its dead died in it,
    # so a draft only "killed" words make is no event.
    mishaps = {story_of[s.start] for s in sents if is_headline(s.text)
               and MISHAP.search(s.text) and not any(t[0] > 0 for t in triggers[s.start])}
    for draft in drafts.values():
        if draft.story in mishaps and all(t[0] == 0 for t in draft.triggers):
            continue
        # An incident needs an event word, and a number or a place to stand on (a country
        # alone is background: "despite a government offensive launched in 2022").
        precise = [m for m in draft.places if m.place.feature_type != "country"]
        # A riot is an event wherever it is written to be, at country precision too ("a
        # riot has broken out at the main prison in Haiti"): no offensive of background.
        riot = any(t[1] == "Riots" for t in draft.triggers) and bool(draft.places)
        if not draft.triggers or not (draft.figures or precise or draft.unknown or riot):
            continue
        incidents.append(_incident(draft, story_places, groups, len(incidents) + 1, source,
                                   settings[draft.story]))
        stories[incidents[-1].id] = draft.story
        own[incidents[-1].id] = (draft.context.startswith("main"),
                                 bool(draft.places or draft.unknown))
    # A report of one event that names only its country ("a suicide bomber struck a
    # police station in Iraq") is still that event: the first one a strong word says
    # happened in the country, at country precision. So is a counted arrest ("At least
    # 200 monks have been arrested in Myanmar"). On a page of several stories, each
    # story that has no event of its own yet.
    told = set(stories.values())
    for n in sorted({d.story for d in drafts.values()} - told):
        strong = [d for d in drafts.values() if d.story == n and d.places
                  and d.context.startswith("main")
                  and (any(t[0] >= 2 for t in d.triggers) or d.arrested)]
        if strong:
            incidents.append(_incident(strong[0], story_places, groups, len(incidents) + 1,
                                       source, settings[n]))
            stories[incidents[-1].id] = n
            own[incidents[-1].id] = (True, True)
    # The stories' own events first, then the episodes they recall (the first story of a
    # page of several may only recall a months-old event); an event with a place of its
    # own before one placed only at the article's region; story by story; in a story
    # latest first, and on one day in reading order (the story's own site first).
    incidents.sort(key=lambda i: (own[i.id], -stories[i.id], i.event_date, -int(i.id)),
                   reverse=True)
    from incimap.geo.confidence import score

    out = []
    for n, inc in enumerate(incidents, 1):
        record, per_field = score(inc)
        out.append(replace(inc, id=f"{_id_prefix(source)}-{n}", confidence=record,
                           field_confidence=per_field))
    return out


def _headline_clash_as_told(sents: list[Span], triggers: dict[int, list],
                            story_of: dict[int, int]) -> dict[int, list]:
    """"Clashes in city kill two" over "Fighting broke out between rioters and ...": the
    headline's clash is the one the body tells, a riot when the body's first clash is."""
    told: dict[int, tuple] = {}  # story -> the body's first clash trigger
    for s in sents:
        if not is_headline(s.text) and story_of[s.start] not in told:
            for t in triggers[s.start]:
                if PROTEST_CLASH.fullmatch(t[4].group()):
                    told[story_of[s.start]] = t
                    break
    out = dict(triggers)
    for s in sents:
        first = told.get(story_of[s.start])
        if first is not None and first[2] == "Riots" and is_headline(s.text):
            out[s.start] = [(*first[:4], t[4]) if t[2] == "Battles" and PROTEST_CLASH.fullmatch(
                t[4].group()) else t for t in triggers[s.start]]
    return out


def _past(d: DateRef, anchor: dt.date) -> bool:
    """In an earlier year and over a month before publication: never the story's date."""
    return d.date.year < anchor.year and (anchor - d.date).days > 31


def _past_month(d: DateRef, anchor: dt.date) -> bool:
    """A month before publication ("banned in February" in an August report): history
    or an earlier episode, never the story's own date."""
    return d.precision == 3 and (d.date.year, d.date.month) < (anchor.year, anchor.month)


def _blank(text: str, spans: list[Span]) -> str:
    """``text`` with ``spans`` blanked out, offsets kept."""
    if not spans:
        return text
    parts, at = [], 0
    for sp in spans:
        parts += [text[at : sp.start], " " * (sp.end - sp.start)]
        at = sp.end
    return "".join(parts) + text[at:]


_SITE_MIN_KM = 25.0


def _apart(a: Place, b: Place) -> bool:
    """Far enough apart to be two places of events: beyond both uncertainty radii, and
    neither inside the other's province ("in Kashgar, in the Xinjiang region": a
    province's point may sit far from its towns)."""
    from incimap.geo.geocode import great_circle_km

    if any(y.feature_type == "province" and y.admin1_code and x.country == y.country
           and x.admin1_code == y.admin1_code for x, y in ((a, b), (b, a))):
        return False
    gap = great_circle_km(a.lat, a.lon, b.lat, b.lon)
    return gap > max(_SITE_MIN_KM, a.uncertainty_km + b.uncertainty_km)


def _home_country(mentions: list[Mention], country: str) -> str:
    """The article's own country: the one given, else the one its places name most."""
    if country:
        return country.upper()
    named = Counter(m.place.country for m in mentions if m.place and m.place.country)
    return min(named, key=lambda c: (-named[c], c)) if named else ""


def _site(sites: list[list[Mention]], here: list[Mention], figures: list[Figure], para: int,
          last: tuple[int, int] | None, home: str = "", settled: bool = False,
          separate: bool = False, unknown: list[Mention] = (), crowd: bool = False) -> int:
    """Which event site of the story a sentence reports (ACLED: one event per location).

    A sentence with its own toll at a place far from every site so far opens a new
    site ("Separately, 12 were killed in <another town>"); one without a place stays
    with the paragraph's last site. A later sentence whose places are all in another
    country than the article's ("Across the border in Pakistan, a drone strike killed
    five") is always its own site; the reading stays there until a place brings it back.
    ``separate``: the sentence says it is another event ("In a separate attack ..."), so a
    far place opens a site without a toll of its own. A place the gazetteer lacks, told
    with the story's first toll ("killed 85 people on the island of X"), holds the first
    site: a later toll at a located place is another event. ``crowd``: the sentence tells a
    demonstration or riot of its own, so a far place is another one ("In the western city
    of X, protesters burned tyres")."""
    if _foreign(here, home) and settled:
        # Only once the story has a place at home: a place abroad first named is the
        # story's own or where its fire came from ("a rocket launched from Gaza").
        if not sites:
            sites.append([])  # site 0 stays the one at home
        for i, places in enumerate(sites):
            if places and places[0].place and places[0].place.country == here[0].place.country:
                places.extend(here)
                return i
        sites.append(list(here))
        return len(sites) - 1
    precise = [m for m in here if m.place.feature_type != "country"]
    tolled = any(f.kind == "fatalities" for f in figures)
    if not precise and unknown and tolled and not sites:
        sites.append(list(unknown))
        return 0
    if not precise:
        return last[1] if last and last[0] == para else 0
    for i, places in enumerate(sites):
        if any(p.place and not _apart(m.place, p.place) for m in precise for p in places):
            places.extend(precise)
            return i
    if not sites or not sites[0]:
        sites[:1] = [list(precise)]
        return 0
    if separate or tolled or crowd:
        sites.append(list(precise))
        return len(sites) - 1
    return last[1] if last and last[0] == para else 0


def _foreign(places: list[Mention], home: str) -> bool:
    """Are all these event places in another country than the article's?"""
    return bool(home) and bool(places) and all(m.place.country != home for m in places)


def _opens_episode(d: DateRef, main: DateRef, s: Span, here: list[Mention],
                   main_places: set[str], has_event: bool) -> bool:
    """Does this date start a separate event rather than continue the main story?

    A date more than a week away always does. A nearby but different day does when
    its sentence reports an event and either opens with the date ("On Tuesday, two
    soldiers were killed ...") or names its own event place.
    """
    if abs((d.date - main.date).days) > _STORY_DAYS:
        return True
    if d.date == main.date or d.precision != 1 or not has_event:
        return False
    opens = d.start - s.start <= 3
    elsewhere = bool(here) and not any(m.place.gazetteer_id in main_places for m in here)
    return opens or elsewhere


def _fighters_killed(triggers: list, figures: list[Figure]) -> list:
    """"Troops killed 12 militants": a bare "killed" whose dead are all fighters tells the
    forces' fight with them, a battle (ACLED), not an attack on civilians."""
    dead = [f for f in figures if f.kind == "fatalities"]
    if not triggers or any(t[0] > 0 for t in triggers) or not dead or any(
            figure_class(f) != "operation" for f in dead):
        return triggers
    return [(p, "operation", "Battles", "Armed clash", *rest)
            for p, cls, _, _, *rest in triggers]


def _figure_classes(figures: list[Figure], listed: bool, triggers: list) -> list[str]:
    """Each figure's incident class. "Four gunmen and five civilians have been killed":
    the dead of both sides listed in one toll are one event, so the fighters' dead stay
    with the others' (a fighters' toll alone, or in a clause of its own, keeps its class).
    In a riot that no attack shares the sentence with, the victims are the riot's
    ("protesters clashed with police; one was killed")."""
    riot = any(t[2] == "Riots" for t in triggers) and not any(
        t[1] == "violence" and t[0] > 0 for t in triggers)
    victims = "demonstration" if riot else "violence"
    classes = [figure_class(f) for f in figures]
    if not any(t[1] == "operation" for t in triggers) and any(
            t[1] == "violence" and t[0] > 0 for t in triggers):
        # "The army shelled their positions, killing 14 fighters": no response is told,
        # so the fighters fell in the violence the sentence tells (ACLED counts them all).
        classes = ["violence" if c == "operation" else c for c in classes]
    pairs = list(zip(figures, classes, strict=True))
    joint = listed and any(f.kind == "fatalities" and c == "violence" for f, c in pairs)
    return [victims if c == "violence" or (joint and f.kind == "fatalities") else c
            for f, c in pairs]


def _single_victims(s: Span, figures: list[Figure]) -> list[Figure]:
    """"An Indigenous leader was shot dead", "killing the driver": one victim, though no
    number is written; "a couple were found slain": two."""
    out = []
    found = [*SINGLE_VICTIM.finditer(s.text), *KILLING_ONE.finditer(s.text),
             *BODY_OF.finditer(s.text), *BODY_OF_PERSON.finditer(s.text),
             *TO_DEATH_ONE.finditer(s.text)]
    if is_headline(s.text):  # "Christian leader assassinated": no "was"; "kills boy"
        found += [*HEADLINE_VICTIM.finditer(s.text), *HEADLINE_KILLS_ONE.finditer(s.text)]
    for m in found:
        verb = next(g for g in m.groups() if g)  # the first group matched is the verb
        kind = SINGLE_KIND.get(verb.split()[0].lower(), "fatalities")
        if not any(f.kind == kind for f in figures):
            two = "kin" in m.re.groupindex and m.group("kin")
            value, at = (2 if two else 1), m.end()
            while m.re.pattern == KILLING_ONE.pattern and (
                    more := LISTED_PERSON.match(s.text, at)):
                value, at = value + 1, more.end()
            # A fighter of either side ("a police officer", "a rebel commander") is named,
            # so the event is a fight with them; anyone else counts as a person.
            noun = PERSON_WORD.search(m.group(0))
            word = noun.group(0).lower() if noun and value == 1 else ""
            if kind == "fatalities" and value == 1 and THE_PERPETRATOR.search(m.group(0)):
                # "Police returned fire, killing the suspect": the killer, on top of his dead.
                out.append(Figure(kind=kind, value=1, qualifier="more", who="gunman", quote=s))
                continue
            out.append(Figure(kind=kind, value=value, quote=s,
                              who=word if word in COMBATANTS else "person"))
    # "qualifier more": added to the toll, never an estimate of it (figures.fatalities)
    out += [Figure(kind="fatalities", value=1, qualifier="more", who="person", quote=s)
            for _ in ANOTHER_DIED.finditer(s.text)]
    for m in KILLED_COUNT.finditer(s.text):  # "eleven soldiers and a captain"
        at = m.end()
        while more := LISTED_PERSON.match(s.text, at):
            out.append(Figure(kind="fatalities", value=1, qualifier="more",
                              who=more.group().split()[-1].lower(), quote=s))
            at = more.end()
    if ATTACKER_KILLED.search(s.text) and not any(f.kind == "fatalities" for f in figures):
        out.append(Figure(kind="fatalities", value=1, qualifier="more", who="gunman", quote=s))
    if COUPLE_KILLED.search(s.text) and not any(f.kind == "fatalities" for f in figures):
        out.append(Figure(kind="fatalities", value=2, who="couple", quote=s))
    elif PAIR_KILLED.search(s.text) and not any(f.kind == "fatalities" for f in figures):
        out.append(Figure(kind="fatalities", value=2, who="people", quote=s))
    return out


def _headline_sums(drafts: dict) -> None:
    """"Twin attacks kill 30" over 20 villagers killed in one place and 10 soldiers in
    another: the headline's count is the story's sum, not one event's toll."""
    tolled = [d for d in drafts.values() if any(f.kind == "fatalities" for f in d.figures)]
    for story in {d.story for d in tolled}:
        mains = [d.date.date for d in tolled if d.story == story and d.context.startswith("main")]
        # The story's own events: its main day's, and others of that week ("in a separate
        # attack on Monday"), not an older one it recalls ("last month").
        own = [d for d in tolled if d.story == story and mains
               and abs((d.date.date - mains[0]).days) <= 7]
        if len(own) < 2:
            continue
        for d in own:
            heads = [f for f in d.figures if f.kind == "fatalities" and f.quote
                     and is_headline(f.quote.text)]
            rest = sum(fatalities([f for f in x.figures if f not in heads]) for x in own)
            if heads and 0 < rest <= min(f.value for f in heads):
                d.figures = [f for f in d.figures if f not in heads]


def _fold_arrests(drafts: dict) -> None:
    """Arrests at a demonstration are part of it (ACLED: protest with intervention)."""
    for key in [k for k in drafts if k[1] == "arrest"]:
        demo = drafts.get((key[0], "demonstration"))
        if demo is not None:
            arrests = drafts.pop(key)
            demo.absorb(arrests, triggers=False)
            demo.triggers.extend((2, "Protests", "Protest with intervention", t[3])
                                 for t in arrests.triggers)


def _fold_responses(drafts: dict) -> None:
    """A response with no toll of its own ("Assam Rifles intervened", "security forces
    launched a search") and a strike whose toll the violence holds are one event with
    that violence (ACLED records one event per clash); so is the forces' fire that killed
    only the attackers of an attack on them ("returned fire and killed four of the
    attackers"), its dead counted beside the forces' own. Violence told only in the forces'
    own sentences ("Police stormed a hideout, killing three militants") is their operation."""
    for key in [k for k in drafts if k[1] == "operation"]:
        response = drafts[key]
        vkey = (key[0], "violence", *key[2:])
        violence = drafts.get(vkey)
        if violence is None or (any(f.kind in ("fatalities", "rescued") for f in response.figures)
                                and not _returned_fire(violence, response)):
            continue
        if response.figures and _told_by_forces(violence, response):
            response.absorb(drafts.pop(vkey))
        else:
            violence.absorb(drafts.pop(key))


def _told_by_forces(violence: _Draft, response: _Draft) -> bool:
    return {s.start for s in violence.sentences} <= {s.start for s in response.sentences}


def _dead_heads(d: _Draft) -> list[str]:
    """The head noun of whom each of the draft's fatality figures counts ("soldiers")."""
    return [f.head for f in d.figures if f.kind == "fatalities"]


def _returned_fire(violence: _Draft, response: _Draft) -> bool:
    """An attack with no dead but the state's forces (or none at all: "Militants attacked a
    police post. Three of the attackers were killed when police returned fire."), then
    the forces' fire killing only attackers."""
    forces, attackers = _dead_heads(violence), _dead_heads(response)
    if not forces:
        # No one dead in the attack: it was on the forces (their post, or only they hurt),
        # not on people it hurt or took ("abducted ten women").
        hurt = [f.head for f in violence.figures if f.kind in ("injured", "hostages")]
        said = " ".join(s.text for s in violence.sentences)
        # (Or told in the forces' own sentences: "Police stormed a hideout, killing three
        # militants in a shootout".)
        if any(w not in STATE_FORCE_DEAD for w in hurt) or not (
                hurt or _told_by_forces(violence, response) or STATE_TARGET.search(said)):
            return False
    return bool(attackers) and all(w in STATE_FORCE_DEAD for w in forces) and all(
        w in COMBATANTS and w not in STATE_FORCE_DEAD for w in attackers)


def _fold_deaths_into_crowd(drafts: dict) -> None:
    """"Police opened fire on protesters. Three people were killed.": deaths told with no
    doer and no event word of their own ("killed") beside a riot or the forces' violence
    on a crowd are that event's (ACLED: one protest or riot event holding its dead)."""
    for key in [k for k in drafts if k[1] in ("violence", "operation")]:
        deaths = drafts[key]
        crowd = drafts.get((key[0], "demonstration", *key[2:]))
        # "Clashes" beside a riot are the riot's, unless fought with arms.
        if crowd is None:
            continue
        if _crowd_dead(deaths) and any(t[2] in FORCE_ON_CROWD_SUBS for t in crowd.triggers):
            # "Police fired tear gas at the marchers. Two protesters were shot dead.": the
            # force that broke up the crowd killed them, unless armed men are named.
            if not any(t[1] == "Riots" for t in crowd.triggers):
                crowd.triggers.extend((3, "Protests", EXCESSIVE_FORCE, t[3])
                                      for t in deaths.triggers if t[0] > 0)
            crowd.absorb(drafts.pop(key))
            continue
        if any(t[0] > 0 and not PROTEST_CLASH.fullmatch(t[3].text)
               for t in deaths.triggers) or not any(
                t[1] == "Riots" or t[2] == EXCESSIVE_FORCE for t in crowd.triggers):
            continue
        crowd.absorb(drafts.pop(key))


def _civilians_fell(d: _Draft) -> bool:
    """Does the draft count dead or hurt who are no fighters ("killing 10 shoppers")?"""
    return any(f.kind in ("fatalities", "injured") and f.head not in COMBATANTS
               for f in d.figures)


def _crowd_dead(d: _Draft) -> bool:
    """Are the draft's dead all of a crowd, told with no armed men to have killed them?"""
    heads = _dead_heads(d)
    return bool(heads) and all(h in CROWD_PEOPLE for h in heads) and not any(
        ARMED_DOER.search(s.text) for s in d.sentences)


def _id_prefix(source: str) -> str:
    stem = re.sub(r"\W+", "-", source.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip("-")
    return stem[:40] or "incident"


def _main_date(sents: list[Span], dates: dict[int, list[DateRef]], anchor: dt.date,
               sites_of: dict[int, list[Mention]], paragraph_of: Callable[[int], int]
               ) -> DateRef:
    """The first date of an event sentence; but when the lead names its place and no
    date, a later dated event far from it is another event ("Six were killed in
    <another town> on Monday"), and the story is of its publication week."""
    lead: list[Mention] = []
    before: Span | None = None  # the sentence just before, when it tells no event
    for s in sents:
        if not classes_in(s.text):
            before = s
            continue
        here = sites_of.get(s.start, [])
        said = dates[s.start]
        if not said and before is not None and paragraph_of(before.start) == paragraph_of(
                s.start):
            # "On Thursday night, a gunman entered the library. He opened fire, killing
            # eight.": the scene's day is the event's.
            said = sentence_dates(before, anchor)
        before = None
        story = [d for d in said if not _past(d, anchor) and not _past_month(d, anchor)]
        if story:
            if lead and here and all(_apart(m.place, p.place) for m in here for p in lead):
                break
            if lead and PAST_REFERENCE.search(story[0].text):
                break  # "Two weeks ago, a gunman ...": an earlier event, after the story's own
            return story[0]
        lead = lead or here
    return DateRef(anchor, 2, 0, 0, "")


def _focus_region(mentions: list[Mention], country: str) -> Place | None:
    """The narrowest region the article supports: its most named province, else country."""
    places = [m.place for m in mentions if m.place and (not country or
                                                        m.place.country == country.upper())]
    if not places:
        return None
    top_country = Counter(p.country for p in places).most_common(1)[0][0]
    provinces = Counter(p.admin1 or p.name for p in places
                        if p.country == top_country and p.feature_type != "country")
    for m in mentions:
        if m.place and m.place.feature_type == "province" and m.place.country == top_country:
            provinces[m.place.name] += 1
    by_name = {m.place.name: m.place for m in mentions
               if m.place and m.place.feature_type in ("province", "country")}
    for name, _ in provinces.most_common():
        if name in by_name and by_name[name].feature_type == "province":
            return by_name[name]
    countries = [p for p in by_name.values() if p.feature_type == "country"
                 and p.country == top_country]
    return countries[0] if countries else None


def _lone_town(mentions: list[Mention], region: Place | None) -> Place | None:
    """The one town a report names inside its region, when it names no other: where an
    event the report places no finer than the region happened, "near" (ACLED precision
    2), rather than the region's centre ("the soldiers had bought food in Nara. As they
    collected it at their camp's gate they were shot", in a report about its region)."""
    towns = {m.place.gazetteer_id: m for m in mentions
             if m.place and m.place.feature_type in ("city", "town", "village")}
    # A town the report measures from ("east of the capital, X") is no rival to the one it
    # names otherwise; alone, it is still the nearest place named ("north of X").
    sites = {k: m for k, m in towns.items() if not _reference_point(m)}
    towns = sites or towns
    if len(towns) != 1:
        return None
    (m,) = towns.values()
    # A report that names neither region nor country ("the mayor of X was shot"): its one
    # town is all it says of where.
    return replace(m.place, precision=2) if m.role == "context" and (
        region is None or _within(m.place, region)) else None


def _reference_point(m: Mention) -> bool:
    """A town the report measures from ("east of the capital, X", "25 km from X"): the
    event is away from it."""
    at = m.span.start - m.sentence.start
    return bool(REFERENCE_BEFORE.search(m.sentence.text[max(0, at - 40) : at]))


def _within(p: Place, region: Place) -> bool:
    """Is the town in the country or first-level division (by name, not by distance)?"""
    return region.geo_precision >= 3 and p.country == region.country and (
        region.feature_type == "country" or p.admin1 == region.name)


def _country_name(cc: str) -> str:
    from incimap.gazetteer.sources import country_name

    return country_name(cc) if cc else ""


def _location(draft: _Draft, story: dict, focus: Place | None, lone: Place | None = None
              ) -> tuple[Place | None, list[Mention]]:
    from incimap.geo.geocode import great_circle_km

    if draft.unknown:  # a site the gazetteer lacks is still the site
        lone = None
    places = sorted(draft.places, key=lambda m: (m.place.geo_precision,
                                                 m.place.uncertainty_km))
    on_route = _on_route(draft, places[0].place if places else focus)
    if on_route is not None:
        return replace(on_route.place, precision=2), [on_route, *places]
    if not places:
        # "Six militants were killed in the exchange of fire that followed": an event the
        # sentence places nowhere is at the site the story has already named, when finer
        # than a country, before a town named only in passing (a dateline).
        first = draft.sentences[0].start
        site = [m for m in story.get(draft.context, ()) if m.place.feature_type != "country"
                and m.span.start < first]
        if site and not draft.unknown and not (lone is not None and _within(lone,
                                                                          site[0].place)):
            return replace(site[0].place, precision=max(2, site[0].place.geo_precision)), []
        return lone or focus, []
    best = places[0]
    # A finer place of the story stands in for a region, unless the event has a place of
    # its own that the gazetteer lacks.
    for m in () if draft.unknown else story.get(draft.context, ()):
        p, b = m.place, best.place
        finer = (p.geo_precision, p.uncertainty_km) < (b.geo_precision, b.uncertainty_km)
        if finer and great_circle_km(p.lat, p.lon, b.lat, b.lon) <= b.uncertainty_km:
            best = m
            break
    used = [best] + [m for m in places if m is not best]
    if lone is not None and _within(lone, best.place):
        return lone, used
    if best.place.geo_precision >= 3:  # "in southern Thailand": that part of it
        for m in used:
            part = m.place.gazetteer_id == best.place.gazetteer_id and part_of(
                m.place, direction_before(m))
            if part:
                return part, used
    return best.place, used


def _on_route(draft: _Draft, region: Place | None) -> Mention | None:
    """A vehicle attacked on its way ("a train going from X to Y") where the report names
    no finer event place than a region: the town it left (else the one it was bound for)
    inside that region, at ACLED's precision 2 ("near"), rather than the region's centre."""
    from incimap.geo.geocode import great_circle_km

    if region is None or region.geo_precision < 3:
        return None
    for role in ("origin", "destination"):
        for m in draft.route:
            p = m.place
            if m.role == role and p.geo_precision < 3 and p.country == region.country and (
                    great_circle_km(p.lat, p.lon, region.lat, region.lon)
                    <= region.uncertainty_km):
                return m
    return None


# The source of an incident's place that the gazetteer lacks (placed at its container).
UNLOCATED = "not in the gazetteer"


def _unlocated(draft: _Draft, location: Place | None, used: list[Mention]
               ) -> tuple[Place | None, Mention | None]:
    """An event place the gazetteer lacks, when nothing finer than a division locates the
    incident: the incident keeps its name, placed at its nearest resolved container (the
    division or country written right after it, else the incident's own region or the
    article's) at ACLED precision 2, so it does not fall back to that region silently."""
    if not draft.unknown or (location is not None and location.geo_precision < 3):
        return location, None
    name = draft.unknown[0]
    container = _container_after(name, [*used, *draft.containers]) or location
    if container is None:
        return location, None
    c = container
    return replace(c, name=name.surface, feature_type=name.hint or "place", gazetteer_id="",
                   admin1=c.admin1 or (c.name if c.feature_type == "province" else ""),
                   source=f"{UNLOCATED}; placed at {c.name}", radius_km=c.uncertainty_km,
                   precision=2, population=0), name


def _container_after(name: Mention, used: list[Mention]) -> Place | None:
    """The division or country written right after ``name`` ("X, Zamfara state", "X in
    Zamfara")."""
    for m in used:
        gap = name.sentence.text[name.span.end - name.sentence.start :
                                 m.span.start - name.sentence.start]
        if m.sentence == name.sentence and m.span.start >= name.span.end and (
                IN_CONTAINER_GAP.fullmatch(gap)):
            return m.place
    return None


def _story_places(drafts: dict) -> dict[str, list[Mention]]:
    """Event places of each story, most precise first: worked out once, not once per
    incident (an article of many episodes has many incidents)."""
    out: dict[str, list[Mention]] = {}
    for d in drafts.values():
        out.setdefault(d.context, []).extend(d.places)
    for places in out.values():
        places.sort(key=lambda m: (m.place.geo_precision, m.place.uncertainty_km))
    return out


class _Setting(NamedTuple):
    """Where and among whom a story is set: its region, its one town, its country's name,
    the group that claimed its attack and the air force its strikes name."""

    focus: Place | None
    lone: Place | None
    country: str
    claimant: str
    air_force: str
    text: str  # the story's text, the rest blanked


def _setting(mentions: list[Mention], told: list[Span], background: set[int], groups: dict,
             country: str, home: str, text: str) -> _Setting:
    focus = _focus_region(mentions, country)
    lone = _lone_town([m for m in mentions if m.sentence.start not in background
                       and not is_aggregate(m.sentence.text)], focus)
    own_cc = country or (focus.country if focus else "") or home or _home_country(
        [m for m in mentions if m.sentence.start not in background], "")
    return _Setting(focus, lone, _country_name(own_cc),
                    claimed_in_story([s.text for s in told], groups),
                    foreign_state_in(" ".join(s.text for s in told)), text)


def _incident(draft: _Draft, story: dict, groups: dict, number: int, source: str,
              setting: _Setting) -> Incident:
    focus, lone, country, claimant, air_force, text = setting
    triggers = draft.triggers
    if not any(BOMB_NAMED.search(s.text) for s in draft.sentences):
        # "the blast of the gunman's shotgun": a shot, not an explosion.
        shot = [s for s in draft.sentences if FIREARM.search(s.text)]
        triggers = [t for t in triggers if not (
            t[2] == "Remote explosive/landmine/IED" and BARE_EXPLOSION.fullmatch(t[3].text)
            and any(s.start <= t[3].start < s.end for s in shot))] or triggers
    _, (priority, etype, sub, top) = max(enumerate(triggers), key=lambda t: (t[1][0], t[0]))
    if sub == "Violent demonstration" and not any(t[1] == "Protests" for t in draft.triggers):
        # ACLED: rioting that is no demonstration turned violent is mob violence.
        sub = "Mob violence"
    location, used = _location(draft, story, focus, lone)
    location, unlocated = _unlocated(draft, location, used)
    if location and location.country:
        # The state and the unnamed sides of an event are those of the country it is in,
        # not of the page's other stories ("police in Niono" on a page led from abroad).
        country = _country_name(location.country) or country
    actor1, actor2 = actors_of(draft, groups, country, text, claimant=claimant)
    if draft.cls == "violence" and actor2.startswith(("Military", "Police")) and (
            etype == "Violence against civilians" or sub == "Grenade" or (
                sub == "Remote explosive/landmine/IED" and any(
                    GUNFIGHT.search(t[3].text) for t in draft.triggers))):
        # An attack on the state's forces is a battle; so is one fought with grenades
        # (thrown in a fight, not set off from afar) or with bombs and gunfire ("tried to
        # storm the embassy ... an exchange of gunfire and explosions").
        etype, sub = "Battles", "Armed clash"
    elif draft.cls == "violence" and etype == "Violence against civilians" and sub == "Attack" and (
            actor2 and not actor2.startswith(("Civilians", "Protesters", "Rioters"))):
        etype, sub = "Battles", "Armed clash"  # an attack on another armed group's fighters
    if sub == "Remote explosive/landmine/IED" and all(
            BARE_EXPLOSION.fullmatch(t[3].text) for t in draft.triggers if t[2] == sub) and any(
            t[1] == "Battles" for t in draft.triggers) and not _civilians_fell(draft):
        # "Blasts were heard ... The battle between the army and the rebels": the
        # blasts of a battle, not a bombing.
        etype, sub = "Battles", "Armed clash"
    if etype == "Violence against civilians" and actor1.startswith(("Military", "Police")) and (
            actor2 and not actor2.startswith("Civilians")):
        # "The militants were confronted and killed by security forces": a fight.
        etype, sub = "Battles", "Armed clash"
    if etype == "Battles" and actor2.startswith("Civilians"):
        # Civilians cannot be a side in a battle: the other side is the state's forces,
        # if the report names them, or an unnamed armed group.
        actor2 = state_named(draft, country) or actor2.replace("Civilians",
                                                                "Unidentified Armed Group")
    if etype == "Battles" and SIEGE.fullmatch(top.text) and actor2.startswith(
            ("Military", "Police")) and actor1.startswith("Unidentified"):
        actor1, actor2 = actor2, actor1  # the forces laying the siege fight it
    if etype == "Battles" and actor1.startswith(("Military", "Police")) and actor2 and not (
            actor2.startswith(("Military", "Police"))) and draft.cls == "violence" and any(
            FOUGHT_OFF.search(x.text) for x in draft.sentences):
        actor1, actor2 = actor2, actor1  # "an attack ... was thwarted by police": theirs
    elif etype == "Battles" and actor2.startswith(("Military", "Police")) and any(
            STATE_FIRST_IN_FIGHT.search(x.text) for x in draft.sentences) and not any(
            GROUP_ATTACKED.search(x.text) for x in draft.sentences):
        actor1, actor2 = actor2, actor1  # "the army clashed with militants": the army first
    if etype == "Battles" and actor1 == actor2:
        # A battle has two sides: against the state's forces, an unnamed armed group
        # ("Rebels attacked ...; the attack was repelled by the army").
        actor1 = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    # "Russian aircraft dropped glide bombs", "Israeli troops raided the camp": a state's
    # forces named by their demonym, not the home country's.
    foreign = foreign_state(draft) if etype == "Explosions/Remote violence" or (
        actor1.startswith("Military Forces of")) else ""
    if foreign:
        actor1 = foreign
        if sub == "Air/drone strike" and actor2.startswith("Unidentified Armed Group") and not (
                _fighters_fell(draft)):
            # A strike on a refinery or a town's homes: on civilians, if anyone was hurt.
            hurt = any(f.kind in ("fatalities", "injured") for f in draft.figures)
            actor2 = (f"Civilians ({country})" if country else "Civilians") if hurt else ""
    elif sub == "Air/drone strike" and not actor1.startswith(("Military", "Police")) and not (
            named_doer(draft.sentences, groups) or subject_doer(draft.sentences, groups)):
        # Air power is a state's unless a group claims the strike or is named as its doer:
        # the one whose strikes the story names ("an Israeli air strike ... Separately, a
        # strike on a house"), else the country's own.
        actor1 = air_force or forces_of("Military", country or "the state")
        if actor2.startswith(("Military", "Police")):
            actor2 = f"Civilians ({country})" if country else "Civilians"
    where = f" near {location.name}" if location else ""
    evidence: dict[str, tuple[Span, ...]] = {
        # The sentences whose words ("held hostage", "ambushed") give the type.
        "event_type": _trigger_sentences(draft, etype),
        "notes": tuple(draft.sentences),
    }
    if draft.date and draft.date.text:
        evidence["event_date"] = (Span(draft.date.start, draft.date.end, draft.date.text),)
    if used:
        evidence["location"] = tuple(m.span for m in used)
    actor_spans = _mentions_of(text, draft.sentences, (actor1, actor2), groups)
    if actor_spans:
        evidence["actor1"] = actor_spans
    for kind in _COUNTED_KINDS:
        quotes = tuple(dict.fromkeys(f.quote for f in draft.figures if f.kind == kind and f.quote))
        if quotes:
            evidence[kind] = quotes
    notes = " ".join(s.text for s in draft.sentences)
    if unlocated:
        notes += f" [The place itself, {unlocated.surface}, is {location.source}.]"
        used = [*used, unlocated]
        evidence["location"] = tuple(m.span for m in used)
    return Incident(
        id=str(number), title=f"{sub} by {actor1}{where}", event_type=etype,
        sub_event_type=sub, event_date=(draft.date.date.isoformat() if draft.date else ""),
        time_precision=draft.date.precision if draft.date else 3, location=location,
        actor1=actor1, actor2=actor2, fatalities=fatalities(draft.figures) or (
            _bombers(draft) if sub == "Suicide bomb" else 0),
        figures=tuple(draft.figures), notes=notes, evidence=evidence,
        mentions=tuple(used), source=source,
    )


def _bombers(draft: _Draft) -> int:
    """Suicide bombers who killed no one else: they are the bombing's dead."""
    for s in draft.sentences:
        m = SELF_DETONATED.search(s.text)
        if m and m.group("self").lower() != "themselves":
            return 1
        if m:
            return killers_counted(m.group("n") or "")
    return 0


def _fighters_fell(draft: _Draft) -> bool:
    dead = _dead_heads(draft)
    return bool(dead) and all(w in COMBATANTS for w in dead)


def _trigger_sentences(draft: _Draft, etype: str) -> tuple[Span, ...]:
    """The draft's sentences holding a trigger of ``etype``, in trigger order. Sentences do
    not overlap, so one bisect per trigger finds its sentence."""
    spans = sorted(set(draft.sentences + draft.related), key=lambda s: (s.start, s.end))
    starts = [s.start for s in spans]
    out: dict[Span, None] = {}
    for t in draft.triggers:
        if t[1] != etype:
            continue
        i = bisect_right(starts, t[3].start) - 1
        if i >= 0 and spans[i].start <= t[3].start < spans[i].end:
            out.setdefault(spans[i])
    return tuple(out)


def _mentions_of(text: str, sents: list[Span], actors: tuple[str, ...], groups: dict
                 ) -> tuple[Span, ...]:
    aliases = [a for a, full in groups.items() if full in actors]
    out = []
    for s in sents:
        if any(re.search(rf"\b{re.escape(a)}\b", s.text) for a in aliases) or (
                ACTOR_WORDS.search(s.text)):
            out.append(s)
    return tuple(out)
