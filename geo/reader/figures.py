"""What a reported number counts: ``parse_figures(sentence, sentence_start)`` classifies
the quantities of one sentence (``reader.quantities``) into what they count
(fatalities, injured, hostages, rescued, arrested, a total, a subset...), who they count
("militants") and who reported them ("Associated Press"); which incident class a figure
belongs to; and ACLED's rule for the fatalities of a set of figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from incimap.geo.models import Figure, Span
from incimap.geo.reader import english
from incimap.geo.reader.document import is_headline
from incimap.geo.reader.english import (
    ACCORDING_TO,
    AFTER_CUE_PATTERNS,
    AGENCY_TAIL,
    AND_BEFORE,
    ARTICLE_LEAD,
    COMPOUND_TAILS,
    DATE_OPENER,
    FIGHTERS,
    GROUP_HEADS,
    HOSTAGE_NOUN,
    INCLUDING_ASIDE,
    LEAD_IN_CLAUSE,
    LIST_JOIN,
    LISTED_ONE_TAIL,
    MORE_AFTER,
    OF_THE_AFTER,
    OF_TOTAL_AFTER,
    OF_TOTAL_BEFORE,
    ONE_THEN_AND,
    OTHER_PEOPLE_AFTER,
    OTHERS_LEAD,
    PARTITIVE_OF,
    PLACE_ATTACHMENT,
    PLURAL_HEADS,
    PRONOUNS,
    RELATIVE_ASIDE,
    REPORTER_WORDS,
    SAID_BY_NAME,
    SAID_BY_OFFICIALS,
    SAYING_VERB,
    SUBSET_LEAD_IN,
    TAKING_BEFORE,
    THREAT_BEFORE,
    VAGUE_QUALIFIERS,
    VERB_BEFORE,
    WHO_STOP,
)
from incimap.geo.reader.places import is_demonym
from incimap.geo.reader.quantities import (
    LOOK_AHEAD,
    LOOK_BACK,
    MAX_PLAUSIBLE_COUNT,
    Quantity,
    parse_quantities,
)

FIGURE_KINDS = (
    "fatalities",
    "injured",
    "hostages",
    "rescued",
    "arrested",
    "total",  # "of the 450 passengers", "carrying nearly 500 passengers"
    "subset",  # "including 31 women and 15 children": part of another figure
    "other",
)


@dataclass(frozen=True)
class _Classified:
    kind: str
    who: str


def _is_plural_head(word: str) -> bool:
    w = word.lower()
    # "policemen", "tribesmen": a plural in -men ends the phrase as one in -s does.
    return w in PLURAL_HEADS or (w.endswith("s") and not w.endswith(("ss", "us", "is"))) or (
        w.endswith("men") and len(w) > 4)


def _continues_compound(rest: str) -> bool:
    """True when the next word completes a compound noun ("police officers")."""
    m = re.match(r"\s+([a-z]+)\b", rest)
    return bool(m and m.group(1) in COMPOUND_TAILS)


def _people_of_a_nation(word: str) -> bool:
    """"Kenyans", "Iraqis", "one Briton": the people of a country, counted like "people"."""
    w = word.lower()
    return is_demonym(w) or w in english.NATIONALS or (
        w.endswith("s") and w[:-1] in english.NATIONALS)


def _who_after(sentence: str, end: int) -> str:
    """The counted noun phrase right after a quantity ("security personnel"), also
    after "of" when the quantity is a word ("dozens of militants")."""
    partitive = PARTITIVE_OF.match(sentence[end : end + LOOK_AHEAD])
    if partitive:
        end += partitive.end() - 1
    words = []
    ahead = sentence[end : end + LOOK_AHEAD]
    for m in re.finditer(r"[A-Za-z][A-Za-z’'-]*|[^\sA-Za-z]", ahead):
        w = m.group()
        if not w[0].isalpha() or w.lower() in WHO_STOP or len(words) >= 3:
            break
        if w.lower().endswith(("’s", "'s")):
            break
        words.append(w)
        if _is_plural_head(w) and not _continues_compound(ahead[m.end() : m.end() + 40]):
            break
    while words and not words[-1][0].islower() and not (
            len(words) == 1 and _people_of_a_nation(words[0])):
        words.pop()
    phrase = " ".join(words)
    if words and words[-1].lower() in GROUP_HEADS:
        # "members of the security forces"
        head_end = sentence.find(phrase, end, end + LOOK_AHEAD) + len(phrase)
        tail = OF_THE_AFTER.match(sentence[head_end : head_end + 40])
        if tail:
            owner = _who_after(sentence, head_end + tail.end() - 1)
            if owner:
                return f"{phrase} of the {owner}"
    return phrase


def _rest_after_noun(sentence: str, end: int, who: str) -> str:
    """Text after the counted noun, skipping a parenthetical ", including ..., "."""
    rest = sentence[end : end + LOOK_AHEAD].lstrip()
    if who and rest.startswith(who):
        rest = rest[len(who):]
    elif not who:
        rest = OTHERS_LEAD.sub("", rest)
    # drop a leading attachment: "from the eastern Punjab province", ", including X and Y,"
    rest = INCLUDING_ASIDE.sub(" ", rest)
    rest = LISTED_ONE_TAIL.sub(" ", rest)
    rest = PLACE_ATTACHMENT.sub(" ", rest)
    return rest


def _classify(sentence: str, q: Quantity, prev: _Classified | None) -> _Classified:
    before = sentence[max(0, q.start - LOOK_BACK) : q.start]
    who = _who_after(sentence, q.end)
    # "more than 150 of the 450 passengers": the noun is the total's noun
    of_total = OF_TOTAL_AFTER.match(sentence[q.end : q.end + LOOK_AHEAD])
    if not who and of_total:
        who = _who_after(sentence, q.end + of_total.end() - 1)
    if OF_TOTAL_BEFORE.search(before):
        return _Classified("total", who)
    if who and who.split()[-1].lower() in english.COLLECTIVE_COUNTS:
        return _Classified("other", who)  # "fighting between two armed groups killed 55"
    if prev is not None and english.OF_THEM_AFTER.match(sentence, q.end):
        return _Classified("subset", prev.who)
    # "including 31 women and 15 children", "among them 5 children"
    lead_in = SUBSET_LEAD_IN.search(before)
    if lead_in and not LEAD_IN_CLAUSE.search(lead_in.group(1)):
        return _Classified("subset", who or (prev.who if prev else ""))
    # "Dozens of people were killed": the verb follows the noun after "of".
    partitive = PARTITIVE_OF.match(sentence[q.end : q.end + LOOK_AHEAD])
    noun_at = q.end + partitive.end() if partitive and who else q.end
    # "Three of the 12 passengers died": the verb follows the total's noun.
    counted_total = of_total and _numeral(of_total.group().split()[-1])
    total_who = _who_after(sentence, q.end + of_total.end() - 1) if counted_total else ""
    if total_who:
        who, noun_at = total_who, q.end + of_total.end()
    rest = _rest_after_noun(sentence, noun_at, who)
    opened = ONE_THEN_AND.search(before)
    for pattern, kind in VERB_BEFORE:
        if pattern.search(before) or opened and pattern.search(before[: opened.start()]):
            if kind == "fatalities" and THREAT_BEFORE.search(before):
                return _Classified("other", who)  # "they intend to kill five": a threat
            # "taken 182 security personnel hostage" needs the word "hostage"
            taking = TAKING_BEFORE.search(before)
            if kind == "hostages" and taking and not HOSTAGE_NOUN.match(rest):
                continue
            return _Classified(kind, who or (prev.who if prev else ""))
    for pattern, kind in AFTER_CUE_PATTERNS:
        if pattern.match(rest.lstrip()):
            return _Classified(kind, who)
    # the counted noun itself says it: "21 hostages", "15 bodies"
    head = who.split()[-1].lower() if who else ""
    if head in ("hostages", "captives"):
        return _Classified("hostages", who)
    if head in ("bodies", "dead", "deaths", "fatalities"):
        return _Classified("fatalities", who)
    if head in ("casualties",):
        return _Classified("other", who)
    if not who and prev is not None and AND_BEFORE.search(before):
        return _Classified(prev.kind, prev.who)
    return _Classified("other", who)


def _numeral(word: str) -> bool:
    return word.replace(",", "").isdigit() or word.lower() in english.NUMBER_WORDS


def _clean_source(name: str) -> str:
    name = ARTICLE_LEAD.sub("", name.strip(" ,.;:“”\"'"))
    name = AGENCY_TAIL.sub("", name)
    return name.strip()


def find_attribution(sentence: str) -> str:
    """Who a sentence says reported its facts: "Associated Press", "officials", "BLA".

    Looks, in order, for "according to X", "reported/said X" (verb first) and
    "X said/reported/claimed" (subject first, skipping ", which ...," clauses).
    Pronouns ("he said") give "" since the referent is in another sentence.
    """
    m = ACCORDING_TO.search(sentence)
    if m:
        words = m.group(1).split()
        return _clean_source(" ".join(words[:6]))
    m = SAID_BY_NAME.search(sentence)
    if m and m.group(1).split()[-1].lower() not in PRONOUNS \
            and not DATE_OPENER.match(m.group(1)):
        return _clean_source(m.group(1))
    m = SAID_BY_OFFICIALS.search(sentence)
    if m:
        return _clean_source(m.group(1))
    for m in SAYING_VERB.finditer(sentence):
        before = sentence[max(0, m.start() - LOOK_BACK) : m.start()]
        before = RELATIVE_ASIDE.sub(" ", before)
        words = re.findall(r"[\w’'.-]+|[^\w\s]", before)
        picked: list[str] = []
        for w in reversed(words):
            bare = w.lower()
            if w[0].isupper() and w[0].isalpha() or bare in REPORTER_WORDS and bare not in (
                "the", "a", "an"
            ):
                picked.append(w)
                continue
            break
        picked.reverse()
        rest = words[: len(words) - len(picked)]
        if picked and len(rest) >= 2 and rest[-1].lower() in ("in", "of", "from", "at") and (
                rest[-2].lower() in REPORTER_WORDS):
            # "police in Bolan said": the police reported, not the place.
            picked = [rest[-2], rest[-1], *picked]
        phrase = " ".join(picked)
        if phrase and phrase.lower() not in PRONOUNS and phrase.split()[-1].lower() not in \
                PRONOUNS:
            return _clean_source(phrase)
    return ""


def parse_figures(sentence: str, sentence_start: int = 0) -> list[Figure]:
    """Reported figures of one sentence, classified, with their source.

    ``sentence_start`` is the sentence's offset in the article; each figure's
    ``quote`` is the whole sentence (stripped) as a Span of the article, since the
    classification rests on the sentence. Kinds are ``FIGURE_KINDS``: a "total"
    ("of the 450 passengers", "carrying nearly 500 passengers") and a "subset"
    ("including 31 women and 15 children") are kept but must not be read as extra
    victims or rescues. A quantity with no noun of its own after "and" takes the
    noun of the figure before it ("shot dead 20 miners and wounded over half a
    dozen" -> injured 6 miners).
    """
    quantities = parse_quantities(sentence)
    if not quantities:
        return []
    claimed_by = find_attribution(sentence)
    lead = len(sentence) - len(sentence.lstrip())
    body = sentence.strip()
    quote = Span(sentence_start + lead, sentence_start + lead + len(body), body)
    figures: list[Figure] = []
    kinds = _listed_kinds(sentence, quantities)
    prev: _Classified | None = None
    for q, listed in zip(quantities, kinds, strict=True):
        c = _classify(sentence, q, prev)
        if c.kind == "other" and listed:
            c = _Classified(listed, c.who)
        who = c.who or (prev.who if prev else "")
        # "two more died", "three others died": on top of the toll told so far
        # ("at least nine other people": the qualifier does not make it a new total)
        more = MORE_AFTER.match(sentence[q.end : q.end + LOOK_AHEAD]) and (
            not q.qualifier or OTHER_PEOPLE_AFTER.match(sentence[q.end : q.end + LOOK_AHEAD]))
        if more and english.KILLERS_KILLED_THEMSELVES.search(sentence, max(0, q.start - 30),
                                                             q.start):
            # "killing themselves and 15 others": the others are the victims, the bombers
            # added by ``fatalities``; not more of the bombers.
            more, who = False, "people"
        figures.append(Figure(kind=c.kind, value=q.value, qualifier="more" if more else q.qualifier,
                              high=q.high,
                              who=who, claimed_by=claimed_by, quote=quote,
                              implausible=q.value > MAX_PLAUSIBLE_COUNT,
                              part=bool(english.PART_OF_AFTER.match(sentence, q.end))))
        one = _listed_one(sentence, q, c) or _opening_one(sentence, q, c)
        if one:  # "Eleven passengers and the driver were killed": the driver is one more
            figures.append(Figure(kind=c.kind, value=1, who=one, claimed_by=claimed_by,
                                  quote=quote))
        if c.kind not in ("total", "subset") or prev is None:
            prev = c
    return figures


def _listed_one(sentence: str, q: Quantity, c: _Classified) -> str:
    """The noun of a single victim closing a counted list ("and a soldier were killed")."""
    if c.kind not in _LISTED_KINDS or not c.who:
        return ""
    at = sentence.find(c.who, q.end, q.end + LOOK_AHEAD)
    m = LISTED_ONE_TAIL.match(sentence[at + len(c.who):]) if at >= 0 else None
    return m.group().split()[-1] if m else ""


def _opening_one(sentence: str, q: Quantity, c: _Classified) -> str:
    """The noun of a single victim opening the list ("killing a policeman and two ...",
    "The driver and four passengers were killed")."""
    if c.kind not in _LISTED_KINDS:
        return ""
    before = sentence[max(0, q.start - LOOK_BACK) : q.start]
    m = ONE_THEN_AND.search(before)
    if not m:
        return ""
    # the verb before the list, or none: the list opens the clause and its verb follows
    # ("The driver and four passengers were killed")
    opens = not before[: m.start()].strip() or before[: m.start()].rstrip()[-1] in ",;:"
    if not opens and not any(p.search(before[: m.start()]) for p, k in VERB_BEFORE
                             if k == c.kind):
        return ""
    return m.group(1)


_LISTED_KINDS = ("fatalities", "injured", "hostages", "rescued", "arrested")


def _joined(sentence: str, quantities: list[Quantity]) -> list[bool]:
    """Whether each quantity is listed right after the one before ("three soldiers and two")."""
    joined = [False] * len(quantities)
    for i in range(1, len(quantities)):
        prev = quantities[i - 1]
        who = _who_after(sentence, prev.end)
        noun_end = prev.end
        if who:
            at = sentence.find(who, prev.end, prev.end + LOOK_AHEAD)
            noun_end = at + len(who) if at >= 0 else prev.end
        joined[i] = bool(LIST_JOIN.match(sentence[noun_end : quantities[i].start]))
    return joined


def listed_together(sentence: str) -> bool:
    """True when the sentence lists counts side by side under one verb ("four gunmen and
    five civilians have been killed"), as against two clauses ("killed over 50 people,
    prompting a crackdown that left 21 militants dead")."""
    return any(_joined(sentence, parse_quantities(sentence)))


def _listed_kinds(sentence: str, quantities: list[Quantity]) -> list[str]:
    """The kind each count of a list takes from its neighbours: in "killed three soldiers
    and two civilians" and "three soldiers and two civilians were killed" one verb
    counts both groups, so an uncued count shares the kind of the cued one."""
    cued = [_classify(sentence, q, None).kind for q in quantities]
    joined = _joined(sentence, quantities)
    listed = ["" for _ in quantities]
    for i in range(1, len(quantities)):  # forward: the verb before the first count
        if joined[i] and (cued[i - 1] in _LISTED_KINDS or listed[i - 1]):
            listed[i] = listed[i - 1] or cued[i - 1]
    for i in range(len(quantities) - 2, -1, -1):  # backward: the verb after the last
        if joined[i + 1] and (cued[i + 1] in _LISTED_KINDS or listed[i + 1]):
            listed[i] = listed[i] or listed[i + 1] or cued[i + 1]
    return listed


def figure_class(f: Figure) -> str:
    if f.kind == "rescued":
        return "operation"
    if f.kind == "fatalities" and f.head in FIGHTERS:
        return "operation"
    return "violence"


def fatalities(figures: list[Figure]) -> int:
    """ACLED's rule: the lowest figure per group of people, summed over groups."""
    by_group: dict[str, int] = {}
    counted = [replace(f, value=f.value + _killers_among(f))
               for f in figures if f.kind == "fatalities" and not f.implausible]
    # A number beats a vague word for the same dead ("dozens" in a headline, "at
    # least 30" in the text): the vague word only counts when nothing else does.
    if any(f.qualifier not in VAGUE_QUALIFIERS for f in counted):
        counted = [f for f in counted if f.qualifier not in VAGUE_QUALIFIERS]
    totals: dict[str, list[int]] = {}
    sides: dict[str, list[Figure]] = {}
    added: dict[str, int] = {}
    for f in counted:
        group = _group(f)
        by_group.setdefault(group, 0)
        if _adds(f):  # "two more died", "two civilians also died": on top of the rest
            added[group] = added.get(group, 0) + f.value
        elif _is_total(f):
            totals.setdefault(group, []).append(f.value)
        else:
            sides.setdefault(group, []).append(f)
    for group, side in sides.items():
        by_group[group] = _side_toll(side)
    # "One soldier was killed ... 32 people died in all": the soldier is part of the 32,
    # not a lower estimate of it. The lowest total beats any smaller sub-group.
    for group, values in totals.items():
        by_group[group] = max(by_group[group], _lowest_total(values))
    # "Troops kill 9": a total of people that holds both sides' named dead ("four gunmen
    # and five civilians") counts them all, the fighters too.
    if "others" in totals and "fighters" in by_group and "fighters" not in totals:
        everyone = _lowest_total(totals["others"])
        if everyone >= by_group["fighters"] + _side_toll(sides.get("others", [])):
            by_group = {"others": everyone}
    # "Five killed as gunmen ambush convoy" over "killing five others" (others than the
    # governor they missed): a headline's count of people is the whole toll of its group, so
    # what the body adds "on top" does not go past it. Not a headline's one victim
    # ("Mayor killed by car bomb"), nor one kind of people ("kill eight police": "and
    # their driver" is one more).
    heads: dict[str, list[int]] = {}
    for f in counted:
        if f.value > 1 and f.quote and is_headline(f.quote.text) and not _adds(f) and (
                not f.head or f.head in english.TOTAL_WHO):
            heads.setdefault(_group(f), []).append(f.value)
    if any(f.quote and english.KILLER_COUNTED.search(f.quote.text) for f in counted):
        added.pop("killer", None)  # "Nine, including the gunman, were killed": counted
    for group, value in added.items():
        toll = by_group.get(group, 0)  # a group the total of everyone took in is gone
        cap = min(heads.get(group, [0]))
        # (A body that counts more than the headline has an older headline: it adds.)
        by_group[group] = min(toll + value, cap) if cap > 0 and toll <= cap else toll + value
    updated = [f.value for f in counted if f.quote and english.TOLL_UPDATED.search(f.quote.text)]
    return max(sum(by_group.values()), max(updated, default=0))


def _group(f: Figure) -> str:
    """Whom a toll counts: fighters, a lone killer ("the gunman was killed") or everyone
    else."""
    return "fighters" if f.head in FIGHTERS else "killer" if f.head in english.LONE_KILLERS else (
        "others")


def _killers_among(f: Figure) -> int:
    """How many killers the sentence of a toll of victims says killed themselves too: one
    ("killed six before turning the gun on himself"), or the bombers "killing themselves
    and 15 others" (as many as it counts, else two)."""
    text = f.quote.text if f.quote else ""
    if figure_class(f) != "violence" or english.KILLER_COUNTED.search(text):
        return 0
    if english.KILLER_KILLED_HIMSELF.search(text):
        return 1
    if english.KILLERS_KILLED_THEMSELVES.search(text):
        n = english.KILLERS_COUNT.search(text)
        return killers_counted(n.group(1) if n else "")
    return 0


def killers_counted(word: str) -> int:
    """Attackers who killed "themselves": as many as ``word`` counts ("Two", "3"), at least
    two."""
    word = word.lower()
    return int(word) if word.isdigit() else max(2, english.SMALL_NUMBERS.get(word, 2))


def _side_toll(side: list[Figure]) -> int:
    """The toll of one side's named groups. Groups one sentence lists ("three soldiers
    and two civilians were killed") add up; otherwise the figures are estimates of the
    same dead, worded apart ("Three troops killed" ... "three soldiers"): lowest wins."""
    lowest: dict[str, int] = {}
    by_sentence: dict[int, set[str]] = {}
    for f in side:
        head = f.who.lower().split()[-1]
        lowest[head] = min(lowest.get(head, f.value), f.value)
        by_sentence.setdefault(f.quote.start if f.quote else -1, set()).add(head)
    listed = [sum(lowest[h] for h in heads) for heads in by_sentence.values() if len(heads) > 1]
    return max(listed) if listed else min((f.value for f in side), default=0)


def _adds(f: Figure) -> bool:
    """A count on top of the rest: "two more", "three others died", "also died"."""
    return f.qualifier == "more" or bool(f.quote and english.ADDED_VICTIMS.search(f.quote.text))


def _lowest_total(values: list[int]) -> int:
    """The lowest total, unless the smaller ones are the parts of the largest: "eight
    killed" then "five victims died at the first hotel" and "one person at the second"
    (two or more smaller counts adding up to no more than it) count the eight."""
    top = max(values)
    below = [v for v in values if v < top]
    return top if len(below) >= 2 and sum(below) <= top else min(values)


def _is_total(f: Figure) -> bool:
    """A figure counting everyone ("32 people", "at least 40 were killed"); not a part of
    them ("one of the passengers")."""
    if f.part:
        return False
    words = f.who.lower().split()
    return not words or words[-1] in english.TOTAL_WHO or words[-1] in \
        english.GENERIC_DEAD_WHO or (len(words) == 1 and _people_of_a_nation(words[0]))
