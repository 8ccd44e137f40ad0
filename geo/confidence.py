"""How far an incident record can be trusted: a number in [0, 1] per field and one for
the record, from how each field was found.

Each field has a few features read off the record itself (its evidence spans, mentions
and figures), e.g. for fatalities "a figure in a sentence with the event's trigger" and
"all figures agree", for the location "named in the text" vs "fell back to the
province or country". A logistic model per field turns them into a probability that the
field is right. Its weights are fitted on the dev part of tests/corpus by
``bench/fit_confidence.py`` and stored in ``geo/data/confidence_weights.json``; that
script prints the fit. The record's confidence is the geometric mean of its fields': one
doubtful field lowers it, but does not make it worthless.

Curated (hand-coded) records are not scored: their ``confidence`` stays None, and a
``--min-confidence`` filter keeps them.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from incimap.geo.models import Incident

FIELDS = ("location", "date", "fatalities", "event_type", "actor1")
# Below this a record is doubtful: the map draws it faded with a dashed ring. A record at
# 0.5 is as likely wrong as right in some field, by the fitted probabilities.
LOW = 0.5
WEIGHTS_FILE = Path(__file__).parent / "data" / "confidence_weights.json"
# Sub-event types that are the reader's fall-back when no specific cue was seen.
_GENERIC_SUB = frozenset({"Attack", "Armed clash"})


def features(inc: Incident) -> dict[str, dict[str, float]]:
    """Per field, named features in [0, 1] (1 for the evidence that usually goes with a
    right answer, by the name's reading)."""
    triggers = set(inc.evidence.get("event_type", ()))
    notes = list(inc.evidence.get("notes", ()))
    trigger_starts = {s.start for s in triggers}

    def in_trigger_sentence(span) -> bool:
        return any(s.start <= span.start < s.end for s in triggers)

    first = inc.mentions[0] if inc.mentions else None
    location = {
        "named": float(first is not None),
        "precise": float(inc.geo_precision == 1),
        "broad": float(inc.geo_precision == 3),
        "exact_match": float(bool(first) and first.match_kind == "exact"),
        "unambiguous": float(bool(first) and not first.alternatives and first.score >= 90),
        "with_trigger": float(bool(first) and first.sentence.start in trigger_starts),
        "repeated": float(sum(1 for m in inc.mentions if first and m.place == first.place) > 1),
    }
    date_spans = inc.evidence.get("event_date", ())
    date = {
        "explicit": float(bool(date_spans)),
        "day": float(inc.time_precision == 1),
        "with_trigger": float(any(in_trigger_sentence(s) for s in date_spans)),
    }
    dead = [f for f in inc.figures if f.kind == "fatalities" and not f.implausible]
    place_sentences = {m.sentence.start for m in inc.mentions}
    quotes = [f.quote for f in dead if f.quote]
    fatalities = {
        "has_figure": float(bool(dead)),
        "with_trigger": float(any(q.start in trigger_starts for q in quotes)),
        "with_place": float(any(q.start in place_sentences for q in quotes)),
        "agree": float(len({f.value for f in dead}) <= 1),
        "first_sentence": float(bool(notes) and any(q.start == notes[0].start for q in quotes)),
    }
    event_type = {
        "specific": float(inc.sub_event_type not in _GENERIC_SUB),
        "repeated": float(len(triggers) > 1),
        "first_sentence": float(bool(notes) and notes[0] in triggers),
    }
    actor = inc.actor1 or ""
    said = " ".join(s.text for s in notes).lower()
    actor1 = {
        "unidentified": float(actor.startswith("Unidentified")),
        "state": float(actor.startswith(("Military Forces", "Police Forces"))),
        "claimed": float("claim" in said and not actor.startswith("Unidentified")),
        "with_evidence": float(bool(inc.evidence.get("actor1"))),
    }
    return {"location": location, "date": date, "fatalities": fatalities,
            "event_type": event_type, "actor1": actor1}


@lru_cache(maxsize=1)
def weights() -> dict[str, dict[str, float]]:
    """Fitted weights per field ({"bias": b, feature: w, ...})."""
    if not WEIGHTS_FILE.exists():  # before the first fit: every field 0.5
        return {name: {} for name in FIELDS}
    return json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["fields"]


def probability(w: dict[str, float], x: dict[str, float]) -> float:
    z = w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in x.items())
    return 1.0 / (1.0 + math.exp(-z))


def score(inc: Incident, fitted: dict | None = None) -> tuple[float, dict[str, float]]:
    """(record confidence, {field: confidence}), each rounded to 3 decimals."""
    fitted = fitted or weights()
    per_field = {name: round(probability(fitted[name], x), 3)
                 for name, x in features(inc).items()}
    record = math.exp(sum(math.log(max(p, 1e-6)) for p in per_field.values()) / len(per_field))
    return round(record, 3), per_field


def is_low(inc: Incident) -> bool:
    """True for a machine-read record below ``LOW`` (curated ones are never low)."""
    return inc.confidence is not None and inc.confidence < LOW


def at_least(incidents, threshold: float | None) -> list:
    """Incidents whose confidence reaches ``threshold`` (unscored curated ones kept)."""
    if threshold is None:
        return list(incidents)
    return [i for i in incidents
            if getattr(i, "confidence", None) is None or i.confidence >= threshold]
