"""Resolving place mentions in the context of the whole article.

A reader knows which country a story is about and that its places lie near each
other. So: (1) the document's country focus is voted by its mentions (a country
named outright counts double; a name with candidates in several countries splits
its vote), unless the caller gives one; (2) every mention is ranked with that focus
as a soft bias; (3) the median point of the confident first-pass answers becomes a
proximity bias for a second pass, which settles the ambiguous names.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import replace

from gazetteer.gazetteer import Candidate, Gazetteer, open_gazetteer
from geo.geocode import Bias, candidates_for, parse_query, ranked
from geo.models import Mention


def resolve_mentions(mentions: list[Mention], *, country: str = "",
                     gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Mentions with their place, score, match kind and runner-up alternatives."""
    if not mentions:
        return []
    gaz = gazetteer or open_gazetteer()
    found: dict[str, tuple[str, list[Candidate]]] = {}
    for m in mentions:
        if m.surface not in found:
            q = parse_query(m.surface)
            cands = [c for c in candidates_for(gaz, q, fuzzy=False) if _trusted(c)]
            found[m.surface] = (q.hint or m.hint, cands)
    focus = country.upper() or document_country(found)
    bias = Bias(country=country.upper(), soft_country="" if country else focus)
    first = {s: ranked(s, c, h, bias) for s, (h, c) in found.items() if c}
    centre = _centre([r.place for r in first.values()
                      if r.place.geo_precision < 3 and (not focus or r.place.country == focus)])
    if centre:
        bias = replace(bias, near=centre)
    final = {s: ranked(s, c, h, bias) for s, (h, c) in found.items() if c}
    out = []
    for m in mentions:
        r = final.get(m.surface)
        if r is None:
            out.append(m)
            continue
        hint = found[m.surface][0]
        out.append(replace(m, hint=hint, place=r.place, score=r.score, match_kind=r.match_kind,
                           alternatives=tuple(a.place for a in r.alternatives)))
    return out


def _trusted(c: Candidate) -> bool:
    # In running text only sure matches count: a spelling variant must be the same
    # letters once spaces are ignored ("Musa Khel" for "Musakhel").
    return c.match_kind in ("exact", "alternate") or c.similarity >= 96


def document_country(found: dict[str, tuple[str, list[Candidate]]]) -> str:
    """The country most of the article's names point to."""
    votes: Counter[str] = Counter()
    for _, cands in found.values():
        countries = {c.row.country for c in cands if c.row.country}
        if not countries:
            continue
        weight = 2.0 if any(c.row.ftype == "country" for c in cands) else 1.0
        for cc in countries:
            votes[cc] += weight / len(countries)
    return votes.most_common(1)[0][0] if votes else ""


def _centre(places) -> tuple[float, float] | None:
    if len(places) < 2:
        return None
    return (statistics.median(p.lat for p in places), statistics.median(p.lon for p in places))
