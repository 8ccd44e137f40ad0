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
    final = {s: ranked(s, c, h, bias, explain=False) for s, (h, c) in found.items() if c}
    out = []
    for m in mentions:
        r = final.get(m.surface)
        if r is None or _stray(r.place, focus):
            out.append(m)
            continue
        hint = found[m.surface][0]
        out.append(replace(m, hint=hint, place=r.place, score=r.score, match_kind=r.match_kind,
                           alternatives=tuple(a.place for a in r.alternatives)))
    return out


def _stray(place, focus: str) -> bool:
    """A small place abroad in an article about another country is a false friend
    ("Pacific", Missouri, in a Colombian story); cities, regions and countries abroad
    are real mentions."""
    if not focus or place.country == focus:
        return False
    return place.feature_type not in ("country", "province") and place.population < 100_000


def variant_mentions(text: str, mentions: list[Mention], *, country: str,
                     gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Places written in a spelling the gazetteer lacks ("Bannoo" for Bannu).

    Only a capitalised word after a locative preposition ("in", "at", "near", "to",
    "from") that is not already a mention, and only a match in the article's country.
    """
    from geo import lexicon
    from geo.models import Span
    from geo.text import TOKEN, SentenceIndex, sentences

    if not country:
        return []
    gaz = gazetteer or open_gazetteer()
    taken = [(m.span.start, m.span.end) for m in mentions]
    sents = sentences(text)
    index = SentenceIndex(sents)
    tokens = list(TOKEN.finditer(text))
    out = []
    for prev, tok in zip(tokens, tokens[1:], strict=False):
        word = tok.group(0)
        if (len(word) < 4 or not word[0].isupper() or word.isupper()
                or prev.group(0) not in _LOCATIVE or text[prev.end() : tok.start()] != " "
                or any(s <= tok.start() < e for s, e in taken)):
            continue
        low = word.lower()
        if low in lexicon.COMMON_WORDS or low in lexicon.DEMONYMS or low in lexicon.MONTHS \
                or low in lexicon.WEEKDAYS:
            continue
        cands = [c for c in gaz.candidates(word) if c.row.country == country
                 and c.match_kind in ("variant", "fuzzy") and c.similarity >= 68]
        if not cands:
            continue
        best = ranked(word, cands, "", Bias(country=country))
        sentence = sents[index.at(tok.start())]
        out.append(Mention(surface=word, span=Span(tok.start(), tok.end(), word),
                           sentence=sentence, place=best.place, score=best.score,
                           match_kind=best.match_kind,
                           alternatives=tuple(a.place for a in best.alternatives)))
    return out


_LOCATIVE = frozenset({"in", "at", "near", "to", "from", "outside", "towards", "toward", "into"})


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


def document_focus(mentions: list[Mention]) -> str:
    """The country most resolved mentions lie in."""
    counts = Counter(m.place.country for m in mentions if m.place and m.place.country)
    return counts.most_common(1)[0][0] if counts else ""
