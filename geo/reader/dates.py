"""Event dates in news text, resolved against the article's publication date.

``find_dates(text, published)`` finds every date expression; ``resolve_date``
resolves one expression given on its own. Each result is a ``DateRef`` with
ACLED's time precision: 1 the exact day, 2 a week (or a weekend, or "days ago"
larger than a week), 3 a month or vaguer (month, year).

Rules (``published`` is the anchor; news reports past events):

- Weekdays ("on Tuesday", "Tuesday night", "late on Tuesday"): the most recent such
  day on or before publication, so "on Wednesday" in a Wednesday paper is that
  day. "last Tuesday" is the same day unless publication falls on a Tuesday,
  then it is a week before. "next Tuesday" is the first one after. Precision 1.
- "today", "tonight", "this morning" -> published; "yesterday", "last night" ->
  the day before; "the day before yesterday" -> two days before. Precision 1.
- "N days ago" -> precision 1; "N weeks ago", "a week ago" -> precision 2.
- "last week" -> Monday of the previous week; "this week", "earlier this week" ->
  Monday of the publication week; "last weekend", "at the weekend", "over the
  weekend" -> Saturday of the latest weekend before publication. Precision 2.
- Day and month ("on 11 March", "March 11", "11th March", "the 11th of March"),
  with or without a year or weekday ("Tuesday, March 11, 2025"), ISO
  "2025-03-11": precision 1. Without a year, the year is the one that puts the
  date on or before publication, except that a date up to 14 days after
  publication stays in the publication year (announced events).
- Month ("In August", "in October last year", "October 2024", "earlier this
  month", "last month", "in early March"): the first day of the month,
  precision 3. A month without a year is its most recent occurrence on or before
  the publication month. Month names fire only when capitalised and, if bare,
  after a preposition ("in", "since", "during", "early", "late", "mid-", "by",
  "until", "from", "through", "of", "last", "this"), so "March" the verb and
  "the march" never do, and "May" the modal never does.
- Years ("in 2023", "since 2019", "last year", "earlier this year", "this year"):
  1 January, precision 3.

A range's date is the first day of the period it names; ``precision`` says how wide
the period is. Slash dates ("11/03/2025") are ambiguous between conventions and
are not read.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from incimap.geo.reader import english
from incimap.geo.reader.english import (
    DATE_PATTERNS,
    IN_BACKGROUND_CLAUSE,
    LAST_WORD,
    MAYBE_DATE,
    MONTH_FULL,
    MONTH_NUMBERS,
    SMALL_NUMBERS,
    WEEKDAY_NUMBERS,
)

if TYPE_CHECKING:
    from incimap.geo.models import Span

_FUTURE_GRACE_DAYS = 14


@dataclass(frozen=True)
class DateRef:
    """A date expression resolved to a day, with ACLED time precision and its span."""

    date: dt.date
    precision: int  # 1 day, 2 week, 3 month or vaguer
    start: int
    end: int
    text: str

    def iso(self) -> str:
        return self.date.isoformat()

    def to_dict(self) -> dict:
        return {"date": self.date.isoformat(), "precision": self.precision,
                "start": self.start, "end": self.end, "text": self.text}


# ---------------------------------------------------------------- patterns


# ---------------------------------------------------------------- resolution helpers


def _recent_weekday(published: dt.date, weekday: int) -> dt.date:
    """The most recent ``weekday`` on or before ``published``."""
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _recent_month(published: dt.date, month: int) -> dt.date:
    """First day of the most recent ``month`` on or before the publication month."""
    year = published.year if month <= published.month else published.year - 1
    return dt.date(year, month, 1)


def _day_without_year(published: dt.date, month: int, day: int) -> dt.date | None:
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published + dt.timedelta(days=_FUTURE_GRACE_DAYS):
            return candidate
    return None


def _int_day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _month_number(name: str) -> int:
    return MONTH_NUMBERS[name.lower().rstrip(".")]


def _resolve_match(kind: str, m: re.Match[str], published: dt.date) -> tuple[dt.date, int] | None:
    g = m.groupdict()
    try:
        if kind == "iso":
            return dt.date(int(g["y"]), int(g["m"]), int(g["d"])), 1
        if kind in ("dmy", "mdy"):
            month, day = _month_number(g["mon"]), _int_day(g["d"])
            if g.get("y"):
                return dt.date(int(g["y"]), month, day), 1
            found = _day_without_year(published, month, day)
            return (found, 1) if found else None
        if kind == "month_year":
            return dt.date(int(g["y"]), _month_number(g["mon"]), 1), 3
        if kind == "month_rel":
            year = published.year - 1 if "last" in g["rel"] else published.year
            return dt.date(year, _month_number(g["mon"]), 1), 3
        if kind == "month_bare":
            month = _month_number(g["mon"])
            if LAST_WORD.match(m.group()):
                year = published.year - 1 if month >= published.month else published.year
                return dt.date(year, month, 1), 3
            return _recent_month(published, month), 3
    except ValueError:
        return None  # 31 February and the like
    if kind == "weekday":
        weekday = WEEKDAY_NUMBERS[g["wd"].lower()]
        day = _recent_weekday(published, weekday)
        mod = (g.get("mod") or "").lower()
        if mod == "last" and day == published:
            day -= dt.timedelta(days=7)
        elif mod == "next":
            day = published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)
        return day, 1
    if kind == "day_word":
        w = " ".join(g["w"].lower().split())
        back = {"yesterday": 1, "last night": 1, "the day before yesterday": 2}.get(w, 0)
        return published - dt.timedelta(days=back), 1
    if kind == "ago":
        n_text = g["n"].lower()
        n = int(n_text) if n_text.isdigit() else SMALL_NUMBERS[n_text]
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            return published - dt.timedelta(days=n), 1 if n < 7 else 2
        if unit == "week":
            return published - dt.timedelta(weeks=n), 2
        if unit == "month":
            return _add_months(published, -n), 3
        return dt.date(published.year - n, 1, 1), 3
    if kind == "period":
        return _resolve_period(" ".join(g["w"].lower().split()), published)
    if kind == "year":
        return dt.date(int(g["y"]), 1, 1), 3
    return None


def _resolve_period(w: str, published: dt.date) -> tuple[dt.date, int] | None:
    previous = "last" in w or "past" in w or "previous" in w
    if w.endswith("weekend"):
        # Saturday of the latest weekend on or before publication; "last weekend"
        # read on a Saturday or Sunday is the one before
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if previous and published.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        return saturday, 2
    if w.endswith("week"):
        monday = _monday(published)
        return (monday - dt.timedelta(days=7) if previous else monday), 2
    if w.endswith("month"):
        first = dt.date(published.year, published.month, 1)
        return (_add_months(first, -1) if previous else first), 3
    if w.endswith("year"):
        return dt.date(published.year - 1 if previous else published.year, 1, 1), 3
    return None


# ---------------------------------------------------------------- public


def find_dates(text: str, published: dt.date) -> list[DateRef]:
    """Every date expression in ``text`` resolved against ``published``, in order.

    Overlapping matches keep the longest ("Tuesday, March 11, 2025" is one date,
    not a weekday and a date). Spans include a leading preposition ("on Tuesday",
    "In August") so that evidence reads naturally.
    """
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            candidates.append((m.start(), m.end(), kind, m))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[DateRef] = []
    taken_until = -1
    for start, end, kind, m in candidates:
        if start < taken_until:
            continue
        resolved = _resolve_match(kind, m, published)
        if resolved is None:
            continue
        day, precision = resolved
        out.append(DateRef(day, precision, start, end, text[start:end]))
        taken_until = end
    return out


def resolve_date(expression: str, published: dt.date) -> DateRef | None:
    """The date one expression names ("on Tuesday", "In October last year"), or None.

    The whole expression (ignoring surrounding spaces and punctuation) must be a
    date. A bare capitalised month ("August") is accepted here, since the caller
    already knows it is a date, and resolves like "in August".
    """
    core = expression.strip().strip(".,;:")
    if not core:
        return None
    lead = expression.find(core)
    found = find_dates(core, published)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(core):
        ref = found[0]
        return DateRef(ref.date, ref.precision, lead, lead + len(core), core)
    month = re.fullmatch(MONTH_FULL, core)
    if month:
        day = _recent_month(published, MONTH_NUMBERS[core.lower()])
        return DateRef(day, 3, lead, lead + len(core), core)
    return None


# ---------------------------------------------------------------- event dates


def event_dates(doc, triggers: dict[int, list], anchor: dt.date) -> dict[int, list[DateRef]]:
    """The dates of each sentence that reports an event (by sentence start, offsets in the
    article), leaving out a date on a verb of saying ("Police on Monday said") and one
    inside a relative clause of background ("who was arrested in 2024")."""
    return {s.start: sentence_dates(s, anchor) if triggers[s.start] else []
            for s in doc.sentences}


def sentence_dates(s: Span, anchor: dt.date) -> list[DateRef]:
    """The dates a sentence gives an event (offsets in the article): not one on a verb of
    saying, nor one in a relative clause of background, nor the day people taken were
    let go."""
    if not MAYBE_DATE.search(s.text):
        return []
    released = english.RELEASED_BEFORE if not english.RESCUE_WORDS.search(s.text) else None
    return [replace(d, start=d.start + s.start, end=d.end + s.start)
            for d in find_dates(s.text, anchor)
            if not english.REPORTED_BEFORE.search(s.text[max(0, d.start - 30) : d.start])
            and not english.REPORTED_AFTER.match(s.text[d.end : d.end + 30])
            and not IN_BACKGROUND_CLAUSE.search(s.text[max(0, d.start - 90) : d.start])
            and not (released and released.search(s.text[max(0, d.start - 30) : d.start]))]
