"""ACLED codebook values derived from a record: actor classes (inter codes), the
interaction code, civilian targeting and the region of a country.

The word lists live in ``geo.reader.english`` (ACTOR_CLASS_WORDS); the region table in
``geo/data/acled_regions.tsv``, with its source.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from pathlib import Path

from incimap.geo.reader import english

# ACLED's actor classes ("inter" codes).
INTER_CODES = {
    0: "", 1: "State Forces", 2: "Rebel Groups", 3: "Political Militias", 4: "Identity Militias",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other Forces",
}
CIVILIAN_TARGETING = "Civilian targeting"
REGIONS_FILE = Path(__file__).resolve().parent / "data" / "acled_regions.tsv"
# "BLA: Baloch Liberation Army": ACLED writes a named organisation's acronym first.
_NAMED_GROUP = re.compile(r"^[A-Z][A-Za-z0-9-]{1,9}:\s+\S")


@functools.lru_cache(maxsize=4096)
def inter_code(actor: str) -> int:
    """ACLED inter code (1-8) of an actor's name; 0 for no actor or one we cannot tell."""
    text = actor.strip().lower()
    if not text:
        return 0
    words = set(re.findall(r"[a-z][a-z'-]*", text))
    padded = f" {' '.join(re.findall(r'[a-z0-9]+', text))} "
    for code, class_words, phrases in english.ACTOR_CLASS_WORDS:
        if words & class_words or any(f" {p} " in padded for p in phrases):
            return code
    return 2 if _NAMED_GROUP.match(actor.strip()) else 0


def interaction(inter1: int, inter2: int) -> int:
    """The two inter codes as one two-digit number, smaller first (27); 10 for a state's
    forces acting alone; 0 with no actor."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return 0
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def civilian_targeting(inter2: int) -> str:
    """ACLED's flag: "Civilian targeting" when the second actor is civilians."""
    return CIVILIAN_TARGETING if inter2 == 7 else ""


@functools.lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    regions = {}
    for line in REGIONS_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("iso2\t"):
            continue
        iso2, _, region = line.split("\t")
        regions[iso2] = region
    return regions


def region(country_code: str) -> str:
    """ACLED region of an ISO 3166-1 alpha-2 country ("PK" -> "South Asia"); "" if unknown."""
    return _regions().get(country_code.strip().upper(), "") if country_code else ""


def unix_day(date_text: str) -> int | None:
    """Unix time of a day's midnight UTC ("2025-03-12" -> 1741737600); None if unreadable.

    ACLED's ``timestamp`` is when a record was last changed; ours is the day of the report
    it came from, so the same input always gives the same file.
    """
    try:
        day = dt.date.fromisoformat(str(date_text)[:10])
    except ValueError:
        return None
    return calendar.timegm(day.timetuple())
