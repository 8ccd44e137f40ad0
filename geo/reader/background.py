"""Sentence tests that roles and incidents both need: is a sentence background (history,
a comparison) or an aggregate (a tally, a trend) rather than the story?"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from incimap.geo.models import Span
from incimap.geo.reader import english
from incimap.geo.reader.dates import DateRef
from incimap.geo.reader.english import (
    AGGREGATE,
    MONTH_NAME,
    PERFECT_TOLL,
    TALLY_SPAN,
    YEAR_TALLY,
)


@lru_cache(maxsize=4096)
def is_background(sentence: str) -> bool:
    """History or a comparison ("In a similar attack last year ..."): not the story."""
    return bool(english.BACKGROUND_CUE.search(sentence))


@lru_cache(maxsize=4096)
def is_aggregate(sentence: str) -> bool:
    """A tally or trend ("has killed more than 40,000 people", "since January"), not an
    event: its places and figures do not make an incident. A toll that "has risen to 25"
    is the event's, updated, not a trend."""
    sentence = english.TOLL_UPDATED.sub(" ", sentence)
    if AGGREGATE.search(sentence) or (PERFECT_TOLL.search(sentence)
                                      and TALLY_SPAN.search(sentence)):
        return True
    if english.SERIES.search(sentence) and not english.ONE_DAY.search(sentence):
        return True
    return any(not MONTH_NAME.match(m.group(1)) for m in YEAR_TALLY.finditer(sentence))


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
