"""How a candidate place is scored for a name: explicit features, fitted weights.

Each candidate becomes a vector of named features:
- how the name matched (similarity; alternate, variant or fuzzy rather than exact);
- the place's importance (its type and population);
- the feature hint written beside the name ("Bolan district");
- what the caller or the document knows: a country (strict or the article's focus), the
  state or province the article's places lie in, a division or country it names, a point
  they cluster around, how near its nearest other place and the other names' namesakes
  are, a box;
- whether the place comes from the curated overlay.

The score is the dot product with weights that ``bench/fit_resolution.py`` fits on the
dev parts of the standard corpora, as a conditional logit over each name's candidates. The
weights ship as ``geo/data/resolution_weights.json``; refit with the script, never by
hand.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

WEIGHTS_FILE = Path(__file__).parent / "data" / "resolution_weights.json"
NEAR_SCALE_KM = 150.0  # distance over which closeness to the document's centre fades
_TYPES = ("continent", "country", "province", "district", "region", "city", "town",
          "village")

FEATURES = (
    "similarity",  # 0..1
    "spelling_gap",  # 1 - similarity, for variant and fuzzy matches only
    "alternate", "variant", "fuzzy",  # how the name matched (exact is the baseline)
    "importance",  # the store's static rank of type and population, scaled
    "log_population",  # log10(population + 1) / 8
    *(f"type_{t}" for t in _TYPES),  # pass, station, tunnel and place are the baseline
    "seat_of_namesake",  # a town whose division has the same name ("Kharkiv", "Kunduz")
    "second_level",  # a second-level division of the gazetteer (fcode ADM2), not curated
    "hint_fits", "hint_conflicts",
    "in_country", "outside_country",  # the caller's country (--country)
    "in_focus_country",  # the article's or the batch's country
    "in_focus_division",  # the first-level division most of the article's places lie in
    "near",  # 1 at the caller's point (--near), fading with distance
    "near_centre",  # the same for the point the article's other places cluster around
    "near_other",  # 1 at the article's nearest other confidently placed name, 0 at 10,000 km
    "near_namesakes",  # mean closeness to the nearest namesake of each other name (log km)
    "in_named_division",  # inside a state or province the article names elsewhere
    "in_named_country",  # inside a country the article names elsewhere
    "inside_bbox", "outside_bbox",
    "curated",
)


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[float, ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    by_name = dict(zip(data["features"], data["weights"], strict=True))
    return tuple(float(by_name.get(name, 0.0)) for name in FEATURES)


def weights(path: Path | None = None) -> tuple[float, ...]:
    """The fitted weights, in ``FEATURES`` order (features the file lacks weigh 0)."""
    return _load(str(path or WEIGHTS_FILE))


def features(*, similarity: float, match_kind: str, importance: float, population: int,
             ftype: str, seat_of_namesake: bool, hint: str, hint_fits: bool,
             second_level: bool = False,
             in_country: bool | None, in_focus: bool, near_km: float | None,
             centre_km: float | None = None,
             inside_bbox: bool | None, curated: bool, in_division: bool = False,
             other_km: float | None = None, namesakes: float = 0.0,
             in_named_division: bool = False,
             in_named_country: bool = False) -> list[float]:
    """The feature vector of one candidate (see ``FEATURES``).

    ``in_country`` and ``inside_bbox`` are None when the caller gave no country or box;
    ``near_km``, ``centre_km`` and ``other_km`` are the distances from the edge of the
    place to the caller's point, to the document's centre and to the nearest of the
    document's other confidently placed names.
    """
    return [
        similarity / 100.0,
        (1 - similarity / 100.0) if match_kind in ("variant", "fuzzy") else 0.0,
        float(match_kind == "alternate"), float(match_kind == "variant"),
        float(match_kind == "fuzzy"),
        importance / 20.0,
        math.log10(max(population, 0) + 1) / 8.0,
        *(float(ftype == t) for t in _TYPES),
        float(seat_of_namesake), float(second_level),
        float(bool(hint) and hint_fits), float(bool(hint) and not hint_fits),
        float(in_country is True), float(in_country is False),
        float(in_focus),
        float(in_division),
        math.exp(-near_km / NEAR_SCALE_KM) if near_km is not None else 0.0,
        math.exp(-centre_km / NEAR_SCALE_KM) if centre_km is not None else 0.0,
        # Log distance: 5 km or 50 km apart says more than 1,000 or 1,500 km apart.
        max(0.0, 1 - math.log10(1 + other_km) / 4) if other_km is not None else 0.0,
        namesakes,
        float(in_named_division), float(in_named_country),
        float(inside_bbox is True), float(inside_bbox is False),
        float(curated),
    ]


def score(vector: list[float], w: tuple[float, ...] | None = None) -> float:
    w = w or weights()
    return math.fsum(a * b for a, b in zip(vector, w, strict=True))


def contributions(vector: list[float], w: tuple[float, ...] | None = None
                  ) -> list[tuple[str, float]]:
    """Each feature's share of the score, largest first (for ``--alternatives``)."""
    w = w or weights()
    parts = [(name, a * b) for name, a, b in zip(FEATURES, vector, w, strict=True) if a * b]
    return sorted(parts, key=lambda p: (-abs(p[1]), p[0]))
