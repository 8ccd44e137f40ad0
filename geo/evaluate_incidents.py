"""Scoring the incident reader on a hand-coded corpus (tests/corpus/: Wikinews reports coded
in ACLED's conventions before the reader saw them).

For each article the reader's first incident, the one a user reads first, is held against
the coded main incident:
- place: within the coded ``tolerance_km`` of the coded point (geodesic);
- date: the same day, or within the coded precision (a week, a month);
- fatalities: exactly the coded figure (ACLED's lowest credible total);
- event type and sub-event type: the same;
- actor1: the same actor, allowing for ACLED's "ACRONYM: Full Name" and a country in
  brackets;
and each article's extra incidents (beyond the coded main and other incidents) are counted.
Scores are given for the dev part and the frozen part (``split: frozen``, never read while
writing rules) separately.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from incimap.geo.exceptions import InputError

FIELDS = ("place", "date", "fatalities", "event_type", "sub_event_type", "actor1")
_PRECISION_DAYS = {1: 0, 2: 7, 3: 31}


@dataclass(frozen=True)
class CodedArticle:
    stem: str
    text_path: Path
    published: dt.date | None
    split: str
    main: dict
    others: tuple[dict, ...]


def read_coded_corpus(folder: str | Path) -> list[CodedArticle]:
    """The coded articles of a corpus folder (``articles/`` and ``coding/``), by stem."""
    import yaml

    root = Path(folder)
    coding = root / "coding"
    if not coding.is_dir() or not (root / "articles").is_dir():
        raise InputError("not a coded corpus: needs articles/ and coding/", path=str(root))
    out = []
    for path in sorted(coding.glob("*.yaml")):
        try:
            code = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            meta_path = root / "articles" / path.name
            meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as e:
            raise InputError(f"cannot read: {e}", path=str(path)) from None
        main = [i for i in code.get("incidents") or [] if i.get("main")]
        if len(main) != 1:
            raise InputError("needs exactly one incident with main: true", path=str(path))
        others = tuple(i for i in [*(code.get("incidents") or []),
                                   *(code.get("other_incidents") or [])] if not i.get("main"))
        published = meta.get("published")
        out.append(CodedArticle(
            stem=path.stem, text_path=meta_path.with_suffix(".txt"),
            published=dt.date.fromisoformat(str(published)) if published else None,
            split=str(meta.get("split") or "dev"), main=main[0], others=others))
    return out


def _actor_names(actor: str) -> set[str]:
    """"BLA: Baloch Liberation Army" -> {"bla", "baloch liberation army"}; brackets and
    the words for unnamed groups kept, so unidentified matches unidentified."""
    names = set()
    for part in re.split(r":", actor or ""):
        # "Al-Shabaab" is ACLED's "Al Shabaab": a hyphen is no part of the name's identity.
        name = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)|-", " ", part)).strip().lower()
        if name:
            names.add(name)
    return names


def actors_match(coded: str, found: str) -> bool:
    a, b = _actor_names(coded), _actor_names(found)
    return bool(a and b) and any(x == y or (len(x) > 3 and len(y) > 3 and (x in y or y in x))
                                 for x in a for y in b)


def dates_match(coded: dict, found: str) -> bool:
    try:
        want = dt.date.fromisoformat(str(coded["event_date"]))
        got = dt.date.fromisoformat(found)
    except (KeyError, TypeError, ValueError):
        return False
    return abs((got - want).days) <= _PRECISION_DAYS.get(int(coded.get("time_precision") or 1),
                                                          0)


def place_matches(coded: dict, place) -> bool:
    from incimap.geo.geocode import geodesic_km

    loc = coded.get("location") or {}
    if place is None or loc.get("lat") is None:
        return False
    tolerance = float(loc.get("tolerance_km") or 25)
    return geodesic_km(place.lat, place.lon, float(loc["lat"]), float(loc["lon"])) <= tolerance


@dataclass
class IncidentScores:
    articles: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    no_incident: int = 0
    extra: int = 0

    def table(self) -> dict[str, float]:
        n = self.articles or 1
        out = {"articles": self.articles}
        out.update({f"main_{name}": self.right[name] / n for name in FIELDS})
        out["no_incident"] = self.no_incident / n
        out["extra_per_article"] = self.extra / n
        return out


def score_article(article: CodedArticle, incidents) -> tuple[dict[str, bool], int]:
    """Which fields of the main incident the reader got right, and its extra incidents."""
    main = article.main
    first = incidents[0] if incidents else None
    right = dict.fromkeys(FIELDS, False)
    if first is not None:
        right.update(
            place=place_matches(main, first.location),
            date=dates_match(main, first.event_date),
            fatalities=first.fatalities == int(main.get("fatalities") or 0),
            event_type=first.event_type == main.get("event_type"),
            sub_event_type=first.sub_event_type == main.get("sub_event_type"),
            actor1=actors_match(str(main.get("actor1") or ""), first.actor1),
        )
    extra = max(0, len(incidents) - 1 - len(article.others))
    return right, extra


SPLITS = ("all", "dev", "frozen")


def evaluate_incidents(folder: str | Path, *, split: str = "all",
                       on_article: Callable[[dict], None] | None = None) -> dict[str, dict]:
    """Scores over the corpus, overall and per split; ``split`` dev or frozen reads and
    scores only that part (so rules can be written on dev without seeing frozen scores)."""
    from incimap.geo.extract import extract_file

    split = "frozen" if split == "test" else split
    if split not in SPLITS:
        raise InputError(f"unknown split {split!r}; one of all, dev, frozen", field="--split")
    totals = {"dev": IncidentScores(), "frozen": IncidentScores()}
    for article in read_coded_corpus(folder):
        if split != "all" and article.split != split:
            continue
        result = extract_file(article.text_path, published=article.published)
        right, extra = score_article(article, list(result.incidents))
        part = totals.setdefault(article.split, IncidentScores())
        part.articles += 1
        part.no_incident += not result.incidents
        part.extra += extra
        for name, ok in right.items():
            part.right[name] += ok
        if on_article is not None:
            first = result.incidents[0] if result.incidents else None
            on_article({"id": article.stem, "split": article.split,
                        "wrong": [k for k, ok in right.items() if not ok], "extra": extra,
                        "found": first.to_dict() if first else None})
    overall = IncidentScores()
    for part in totals.values():
        overall.articles += part.articles
        overall.no_incident += part.no_incident
        overall.extra += part.extra
        for name in FIELDS:
            overall.right[name] += part.right[name]
    if split != "all":
        return {split: totals[split].table()}
    out = {"all": overall.table()}
    out.update({name: s.table() for name, s in totals.items() if s.articles})
    return out
