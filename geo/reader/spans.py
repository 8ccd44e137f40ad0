"""The learned place recogniser: which capitalised spans are place names.

The gazetteer scan (``reader.places.find_mentions``) keeps some names and its filters drop
others, each for a named reason; capitalised runs the gazetteer lacks are candidates
too. Each candidate gets a few features (which filter dropped it, what the gazetteer
holds under the name, the words around it) and a logistic regression, fitted on the
dev parts of LGL and GeoVirus by ``bench/fit_spans.py`` (``geo/data/span_weights.json``),
says whether it is a place. Guards the corpora do not teach (ACLED's conventions) stay
rules: a place inside an armed group's name or a capital standing for its government is
no place of an event.
"""

from __future__ import annotations

import bisect
import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from incimap.geo.models import Mention, Span
from incimap.geo.reader import english
from incimap.geo.reader.document import Document, fold, line_start
from incimap.geo.reader.places import _abbreviation_keys, find_mentions, hint_before, is_demonym
from incimap.geo.reader.unknown import find_unknown_places

WEIGHTS_PATH = Path(__file__).resolve().parents[1] / "data" / "span_weights.json"

# Dropped by a filter the classifier never overrules: names inside an armed group's
# name and capitals standing for their government (ACLED codes neither as a location).
GUARDED = frozenset({"group", "metonymy"})


@dataclass
class Candidate:
    start: int
    end: int
    reason: str  # "kept", a filter's name, "press_abbreviation", "unknown_cue", "capitalised"
    known: bool  # the gazetteer holds the name
    mention: Mention | None = None  # the scan's mention, for a kept or cued name


def candidates(doc: Document, matcher) -> list[Candidate]:
    """Every span that might be a place, in reading order, none overlapping another."""
    rejected: list[tuple[int, int, str]] = []
    kept = find_mentions(doc, matcher, rejected=rejected)
    out = [Candidate(m.span.start, m.span.end, "kept", True, m) for m in kept]
    taken = _Taken([(c.start, c.end) for c in out])
    for s, e, reason in sorted(rejected):
        if not taken.overlaps(s, e):
            out.append(Candidate(s, e, reason, True))
            taken.add(s, e)
    for m in english.SPAN_PRESS_ABBREVIATION.finditer(doc.text):
        if not taken.overlaps(m.start(), m.end()) and " ".join(
                fold(m.group()).split()) in _abbreviation_keys():
            out.append(Candidate(m.start(), m.end(), "press_abbreviation", True))
            taken.add(m.start(), m.end())
    for m in find_unknown_places(doc, []):
        if not taken.overlaps(m.span.start, m.span.end):
            out.append(Candidate(m.span.start, m.span.end, "unknown_cue", False, m))
            taken.add(m.span.start, m.span.end)
    for s, e in _capitalised_runs(doc):
        if not taken.overlaps(s, e):
            out.append(Candidate(s, e, "capitalised", False))
            taken.add(s, e)
    out.sort(key=lambda c: c.start)
    return out


class _Taken:
    """Spans already taken, sorted by start: an overlap is found by bisection (a long
    article has tens of thousands of candidates)."""

    def __init__(self, spans):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.spans.insert(i, (s, e))

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)
        # Taken spans hardly overlap each other: the two starting last before e decide.
        return any(self.spans[j][1] > s for j in range(max(0, i - 2), i))


class Runs:
    """The article's capitalised runs, found once, and the one around an offset."""

    def __init__(self, doc: Document):
        self.spans = sorted(_capitalised_runs(doc))
        self.starts = [a for a, _ in self.spans]

    def around(self, start: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.starts, start) - 1
        return self.spans[i] if i >= 0 and self.spans[i][0] <= start < self.spans[i][1] \
            else None


def _capitalised_runs(doc: Document):
    """Runs of capitalised words joined by single spaces (or a dash), per sentence."""
    text = doc.text
    for n in range(len(doc.sentences)):
        toks = doc.sentence_tokens(n)
        i = 0
        while i < len(toks):
            if not (toks[i].capitalised and toks[i].text[:1].isalpha()):
                i += 1
                continue
            j = i
            while j + 1 < len(toks) and toks[j + 1].capitalised and _joined(text, toks[j],
                                                                             toks[j + 1]):
                if toks[j + 1].text.lower() in english.WEEKDAYS or (
                        toks[j + 1].text.lower() in english.MONTHS):
                    break  # "Alexandria Friday", "Ohio March 3": a date follows the name
                j += 1
            yield toks[i].start, toks[j].end
            i = j + 1


def _joined(text: str, a, b) -> bool:
    """Two capitalised tokens of one run: a space or a dash between, or the dot of a short
    abbreviation ("St. Marys")."""
    gap = text[a.end : b.start]
    return gap in (" ", "-") or (gap == ". " and a.text.lower() in
                                 english.SPAN_NAME_ABBREVIATIONS)


# --------------------------------------------------------------------------- features


# Coarse kinds of candidate: the context features are also read per kind (a word before
# or after says one thing of a kept name, another of a run the gazetteer lacks).
KIND = {"kept": "kept", "longer_name": "longer", "unknown_cue": "unknown",
        "capitalised": "run", "person": "person", "surname": "person", "speaker": "person",
        "after_title": "person", "title": "person"}


def features(doc: Document, cands: list[Candidate], gazetteer) -> list[dict[str, float]]:
    """One feature dict per candidate (names -> values; absent means 0)."""
    from incimap.gazetteer.normalize import normalize

    text = doc.text
    keys = [normalize(text[c.start:c.end]) for c in cands]
    best = gazetteer.best(sorted({k for k, c in zip(keys, cands, strict=True) if c.known}))
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    kept_keys = {k for k, c in zip(keys, cands, strict=True) if c.reason == "kept"}
    runs = Runs(doc)
    starts = doc.sentence_starts
    out = []
    for c, key in zip(cands, keys, strict=True):
        surface = text[c.start:c.end]
        words = surface.split()
        f = {"bias": 1.0, f"reason={c.reason}": 1.0}
        if c.known and key in best:
            row = best[key][0]
            if best[key][1] != "world":
                f["curated"] = 1.0  # a rule, not a weight (``recognize``)
            f[f"ftype={row[4] or 'other'}"] = 1.0
            f["log_population"] = math.log1p(max(row[10] or 0, 0)) / 10
            f["importance"] = float(row[13]) / 10 if row[13] is not None else 0.0
        elif c.known:
            f["known_no_best"] = 1.0
        context: dict[str, float] = {f"words={min(len(words), 3)}": 1.0}
        if c.start in starts or text[max(0, c.start - 1):c.start] in ('"', "“", "‘", "("):
            context["sentence_initial"] = 1.0
        if len(words) == 1 and is_demonym(fold(words[0]).strip()):
            context["demonym"] = 1.0
        if len(words) == 1 and fold(words[0]).strip() in english.COMMON_WORDS:
            context["common_word"] = 1.0
        if len(words) == 1 and words[0].lower() in doc.lower_words:
            context["lower_elsewhere"] = 1.0
        if surface.isupper() and len(surface) > 1:
            context["all_caps"] = 1.0
            if line_start(text, c.start) and english.SPAN_DATELINE_AFTER.match(text, c.end):
                context["dateline"] = 1.0
        context["log_count"] = math.log(counts[key])
        if words[-1].lower().strip(".") in english.SPAN_ROAD_WORDS and \
                english.SPAN_ROAD_NUMBER_AFTER.match(text, c.end):
            context["road_number"] = 1.0
        if key in _abbreviation_keys() and text[c.end:c.end + 1] == ".":
            context["state_abbreviation"] = 1.0
        if c.reason != "kept" and key in kept_keys:
            context["kept_elsewhere"] = 1.0
        _before(context, text, c.start)
        _after(context, text, c.end)
        _run(context, text, c, runs)
        f.update(context)
        kind = KIND.get(c.reason, "other")
        f.update({f"{kind}&{k}": v for k, v in context.items()})
        out.append(f)
    return out


def _word_class(word: str) -> str:
    word = word.lower().strip(".,;:)\"”’'")
    if word in english.SPAN_STREET_AFTER:
        return "street"
    if word in english.SPAN_DIVISION_AFTER:
        return "division"
    if word in english.SPAN_FEATURE_AFTER:
        return "feature"
    if word in english.ORGANISATION_HEADS or word in english.PUBLIC_BODIES:
        return "organisation"
    if word in english.TITLE_AFTER:
        return "title"
    return "other"


def _run(f: dict, text: str, c: Candidate, runs: Runs) -> None:
    """The capitalised run around the candidate: how far it reaches, what ends it."""
    own = text[c.start:c.end].split()
    f[f"last={_word_class(own[-1])}"] = 1.0
    run = runs.around(c.start)
    if run is None:
        return
    s, e = run
    if e > c.end:
        tail = text[c.end:e].split()
        f[f"run_after={min(len(tail), 2)}"] = 1.0
        f[f"run_last={_word_class(tail[-1])}"] = 1.0
    if s < c.start:
        f[f"run_before={min(len(text[s:c.start].split()), 2)}"] = 1.0


def _before(f: dict, text: str, start: int) -> None:
    before = text[max(0, start - 30):start]
    if english.SPAN_PARTY_BEFORE.search(before):
        f["before=party"] = 1.0
    if english.SPAN_COMMA_BEFORE.search(before):
        f["before=comma_place"] = 1.0
    prev_words = before.split()
    if not prev_words or before[-1:] != " ":
        return
    prev = prev_words[-1].lower().strip("\"“‘(,")
    if prev in english.SPAN_PLACE_BEFORE:
        f["before=place_preposition"] = 1.0
    elif prev in english.SPAN_OF_BEFORE:
        f["before=of"] = 1.0
    elif prev in english.SPAN_DETERMINERS:
        f["before=determiner"] = 1.0
    elif prev.rstrip(".") in english.PERSON_BEFORE or prev.rstrip(".") in \
            english.TITLE_ABBREVIATIONS:
        f["before=title"] = 1.0
    elif prev_words[-1][:1].isupper():
        f["before=capitalised"] = 1.0


def _after(f: dict, text: str, end: int) -> None:
    after = text[end:end + 30]
    word = after.split(None, 1)[0] if after[:1] == " " and after.strip() else ""
    if word:
        f[f"after={_word_class(word)}"] = 1.0
        if word[:1].isupper():
            f["after=capitalised"] = 1.0
    if english.SPEECH_AFTER.match(after):
        f["after=speech"] = 1.0
    if english.SPAN_STATE_AFTER.match(after):
        f["after=comma_place"] = 1.0
    if english.SPAN_POSSESSIVE_AFTER.match(after):
        f["after=possessive"] = 1.0


# --------------------------------------------------------------------------- model


@functools.cache
def load_weights(path: Path = WEIGHTS_PATH) -> tuple[dict[str, float], float]:
    """(feature weights, threshold on the probability) from the shipped file."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {k: float(v) for k, v in data["weights"].items()}, float(data["threshold"])


def probability(f: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights.get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def inside_organisation(doc: Document, c: Candidate, runs: Runs | None = None) -> bool:
    """A name the scan found inside a longer name that is an organisation's, a unit's, an
    armed group's or a person's (ACLED codes none of them as a location): the run holds
    an armed group's word ("Tehreek-e-Taliban Pakistan"), goes on past the name to an
    organisation's word ("Kunduz Regional Hospital") or joins places by a dash into
    another name ("China-Pakistan Economic Corridor"), follows "of" after an
    organisation's word ("the Armed Forces of Colombia"), or a first name stands right
    before it ("Jomar Santa Cruz"). A street, feature or division word ending the run
    makes it a place's name ("Front Street", "Red River", "X County")."""
    if c.reason == "kept" or not c.known:
        return False
    text = doc.text
    s, e = (runs or Runs(doc)).around(c.start) or (c.start, c.end)
    last = _word_class(text[s:e].split()[-1])
    words = [w.lower().strip(".,’'") for w in text[s:e].replace("-", " ").split()]
    if last not in ("street", "feature") and (
            any(w in english.ARMED_GROUP_WORDS for w in words)
            or any(p in text[max(0, s - 20):e].lower() for p in english.ARMED_GROUP_PHRASES)):
        return True  # "Islamic State West Africa Province"
    if last == "division":
        return False
    tail = text[c.end:e]
    own_division = _word_class(text[c.start:c.end].split()[-1]) == "division"
    if tail and not own_division and (any(_organisation_word(w) for w in tail.split())
                                      or "-" in text[s:e]):
        return True  # but "the Douglas County Hospital" is in Douglas County
    before = english.SPAN_OF_BEFORE_RUN.search(text, max(0, s - 80), s)
    if before and any(_organisation_word(w) for w in before.group().split()):
        return True
    if s < c.start and not tail and text[c.start - 1] == " ":
        first = fold(text[s:c.start].split()[-1]).strip()
        return (first not in english.PLAIN_WORDS and not _organisation_word(first)
                and first not in english.PERSON_BEFORE and first not in english.TITLE_AFTER)
    return False


def guarded(doc: Document, c: Candidate, runs: Runs | None = None) -> bool:
    """Never a place, whatever the model says (ACLED's conventions, which the corpora do
    not teach): a name in an armed group's, an organisation's or a person's name, or a
    capital standing for its government; nor a demonym ("Somali refugees": GeoVirus and
    ACLED agree, LGL tags them); nor a time zone ("7:00 p.m. AST")."""
    surface = doc.text[c.start:c.end]
    return c.reason in GUARDED or _demonym(surface) or inside_organisation(doc, c, runs) or (
        surface.isupper() and len(surface) <= 5
        and bool(english.CLOCK_BEFORE.search(doc.text, max(0, c.start - 12), c.start)))


def _demonym(surface: str) -> bool:
    word = fold(surface).strip()
    return " " not in word and (word in english.DEMONYMS or is_demonym(word))


def _organisation_word(word: str) -> bool:
    w = word.lower().strip(".,’'")
    return w in english.SPAN_ORGANISATION_WORDS or w.rstrip("s") in \
        english.SPAN_ORGANISATION_WORDS


def recognize(doc: Document, matcher, gazetteer) -> tuple[list[Mention], list[Mention]]:
    """(names the gazetteer holds, names it lacks) the classifier takes for places; the
    first still to resolve, the second kept unresolved."""
    weights, threshold = load_weights()
    cands = candidates(doc, matcher)
    runs = Runs(doc)
    known, unknown = [], []
    for c, f in zip(cands, features(doc, cands, gazetteer), strict=True):
        if guarded(doc, c, runs):
            continue
        # A dateline the scan kept ("READING, England (wire) -") is the report's place,
        # whatever its word means; so is a name of the user's curated overlay.
        # As is a name the text calls a town or province ("the town of X").
        if probability(f, weights) < threshold and not (
                c.reason == "kept" and ("dateline" in f or "curated" in f
                                        or hint_before(doc.text, c.start))):
            continue
        if c.mention is not None:  # the scan's mention, with its hint and title role
            (known if c.known else unknown).append(c.mention)
            continue
        surface = doc.text[c.start:c.end]
        m = Mention(surface=surface, span=Span(c.start, c.end, surface),
                    sentence=doc.sentence_at(c.start),
                    match_kind="" if c.known else "unresolved")
        (known if c.known else unknown).append(m)
    return known, unknown
