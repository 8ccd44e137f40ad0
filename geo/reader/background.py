"""Sentence tests that roles and incidents both need: is a sentence background (history,
a comparison) or an aggregate (a tally, a trend) rather than the story?"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from incimap.geo.models import Span
from incimap.geo.reader import english
from incimap.geo.reader.dates import DateRef

_AGGREGATE = re.compile(r"\b(?:has|have)\s+(?:\w+\s+){0,2}(?:killed|died|been\s+killed|claimed|"
                        r"displaced|surged|risen|carried\s+out|left\s+\d)|\bsince\s+(?:19|20)\d\d|"
                        r"\bsince\s+(?:January|February|March|April|May|June|July|August|"
                        r"September|October|November|December|the\s+start)|\bso\s+far\s+this|"
                        r"\bper\s+cent|\bpercent\b|\bin\s+recent\s+(?:years|months)|"
                        r"\bone\s+of\s+(?:several|many|a\s+series|a\s+number|dozens)|"
                        r"\b(?:a\s+(?:string|wave|spate|series)\s+of)\s+\w+", re.I)

# "this year"/"last year" is a tally unless a month dates it ("In October last year").
# \b: tried only at word starts, else a long letter run is rescanned from each letter.
_YEAR_TALLY = re.compile(r"\b(\w+)\s+(?:this|last)\s+year\b", re.I)

_MONTHS = re.compile(r"^(?:january|february|march|april|may|june|july|august|september|"
                     r"october|november|december)$", re.I)


@lru_cache(maxsize=4096)
def is_background(sentence: str) -> bool:
    """History or a comparison ("In a similar attack last year ..."): not the story."""
    return bool(english.BACKGROUND_CUE.search(sentence))


@lru_cache(maxsize=4096)
def is_aggregate(sentence: str) -> bool:
    """A tally or trend ("has killed more than 40,000 people", "since January"), not an
    event: its places and figures do not make an incident."""
    if _AGGREGATE.search(sentence):
        return True
    return any(not _MONTHS.match(m.group(1)) for m in _YEAR_TALLY.finditer(sentence))


_HAS_YEAR = re.compile(r"(?:19|20)\d\d")  # cheap gate: most sentences name no year


def is_background_sentence(s: Span, dates: list[DateRef], anchor: dt.date) -> bool:
    """History or a comparison: a background cue ("In a similar attack"), an event named
    by a past year ("a 2019 bombing"), or only a past year for a date ("In 2021, ...",
    "Last year, ..."). A past event dated to its month or day ("In October last year,
    gunmen shot dead 20 miners") is reported, not recalled: it is its own incident (an
    episode), never the story's."""
    if is_background(s.text):
        return True
    if _HAS_YEAR.search(s.text) and any(int(m.group(1)) < anchor.year for m in
                                        english.YEAR_NAMED_EVENT.finditer(s.text)):
        return True
    past = [d for d in dates if _past_year_only(d, anchor)]
    return bool(past) and len(past) == len(dates)


def _past_year_only(d: DateRef, anchor: dt.date) -> bool:
    return (d.precision == 3 and d.date.year < anchor.year
            and not any(w.lower() in english.MONTHS for w in re.findall(r"[A-Za-z]+", d.text)))
