"""Resolving place mentions in the context of the whole article.

A reader knows which country a story is about and that its places lie near each
other. So: (1) the document's country focus is voted by its mentions (a country
named outright counts double; a name with candidates in several countries splits
its vote), unless the caller gives one; (2) every mention is ranked with that focus
as a soft bias; (3) the median point of the confident first-pass answers becomes a
proximity bias for a second pass, which settles the ambiguous names, together with
the divisions and countries the first pass found named, the points of its sure
answers, and each country's share of the votes.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from itertools import accumulate

from incimap.gazetteer.gazetteer import Candidate, Gazetteer, open_gazetteer
from incimap.geo import ranking
from incimap.geo.geocode import (
    Bias,
    article_context,
    candidate_vectors,
    candidates_for,
    country_votes,
    parse_query,
    prefer_curated,
    ranked,
)
from incimap.geo.models import GeocodeResult, Mention, Span
from incimap.geo.reader import english
from incimap.geo.reader.document import Document, document_of
from incimap.geo.reader.english import LOCATIVE


def resolve_mentions(mentions: list[Mention], *, country: str = "",
                     gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Mentions with their place, score, match kind and runner-up alternatives."""
    if not mentions:
        return []
    gaz = gazetteer or open_gazetteer()
    found = candidates_by_surface(mentions, gaz)
    bias, focus = document_bias(found, country)
    final = {s: ranked(s, c, h, bias, explain=False) for s, (h, c) in found.items() if c}
    final.update(_paired(mentions, found, bias, final))
    out = []
    for m in mentions:
        r = final.get(m.surface)
        if r is None or (_stray(r.place, r.match_kind, focus, m.surface)
                         and _share(found[m.surface][1], bias, r.place) < STRAY_SHARE):
            out.append(m)
            continue
        hint = found[m.surface][0]
        out.append(replace(m, hint=hint, place=r.place, score=r.score, match_kind=r.match_kind,
                           alternatives=tuple(a.place for a in r.alternatives)))
    return out


def candidates_by_surface(mentions: list[Mention], gaz: Gazetteer
                          ) -> dict[str, tuple[str, list[Candidate]]]:
    """Each distinct name's feature hint and its sure candidates (no fuzzy matching)."""
    first: dict[str, Mention] = {}
    division: dict[str, str] = {}  # "Oconee" -> "Oconee county", from any of its mentions
    for m in mentions:
        first.setdefault(m.surface, m)
        division[m.surface] = division.get(m.surface) or division_query(m)
    found: dict[str, tuple[str, list[Candidate]]] = {}
    for surface, m in first.items():
        q = parse_query(surface)
        cands = [c for c in candidates_for(gaz, q, fuzzy=False) if _trusted(c)]
        if division[surface]:  # the division, where the gazetteer has it by that name
            qd = parse_query(division[surface])
            named = [c for c in candidates_for(gaz, qd, fuzzy=False)
                     if _trusted(c) and c.match_kind in ("exact", "alternate")]
            if named:
                q, cands = qd, named
        found[surface] = (q.hint or m.hint, cands)
    return found


def division_query(m: Mention) -> str:
    """The name with the division word written after it, or after the list of names it
    opens or ends ("Clarke and Oconee counties" -> "Oconee county"), or abbreviated at its
    end ("Loudon Co." -> "Loudon county"); '' when there is none."""
    head, _, last = m.surface.rpartition(" ")
    if head and last.lower() in english.DIVISION_ABBREVIATIONS:
        return f"{head} {english.DIVISION_ABBREVIATIONS[last.lower()]}"
    if m.sentence.text and m.sentence.start <= m.span.end <= m.sentence.end:
        after = english.DIVISION_AFTER_LIST.match(m.sentence.text[m.span.end - m.sentence.start:])
        if after:
            return f"{m.surface} {english.DIVISION_AFTER[after.group('word').lower()]}"
    return ""


def document_bias(found: dict[str, tuple[str, list[Candidate]]], country: str = ""
                  ) -> tuple[Bias, str]:
    """What the document says about where its places are: its country focus, then (from
    a first ranking) the point its precise places in that country cluster around, the
    state they lie in, the divisions and countries it names, its sure answers and the
    candidates of every name (a second round of this gains nothing on the dev corpora)."""
    focus = country.upper() or document_country(found)
    base = Bias(country=country.upper(), soft_country="" if country else focus,
                votes=tuple(sorted(document_votes(found).items())))
    # The first ranking knows the focus alone.
    return _context_bias(found, base, ranked_under=replace(base, votes=()), focus=focus), focus


def _context_bias(found, base: Bias, *, ranked_under: Bias, focus: str) -> Bias:
    first = {s: ranked(s, c, h, ranked_under) for s, (h, c) in found.items() if c}
    bias = base
    centre = _centre([r.place for r in first.values()
                      if r.place.geo_precision < 3 and (not focus or r.place.country == focus)])
    if centre:
        bias = replace(bias, centre=centre)
    spread = {s: len({c.row.admin1_code for c in found[s][1] if c.row.country == focus})
              for s in first}
    division = document_division([r.place for r in first.values()], focus,
                                 [spread[s] for s in first])
    if division:
        bias = replace(bias, division=division)
    named = tuple(sorted({(_key(r.place), r.place.gazetteer_id) for r in first.values()
                          if _key(r.place)}))
    sure = [s for s in first if _margin(found[s][1], found[s][0], ranked_under) >= SURE_MARGIN]
    others = tuple(sorted({(first[s].place.gazetteer_id, first[s].place.lat,
                            first[s].place.lon) for s in sure
                           if first[s].place.geo_precision < 3}))
    return replace(bias, named=named, others=others, namesakes=_namesakes(found))


# Types whose point (and radius) says where a name is; a country lies near everything.
_PRECISE = ("city", "town", "village", "district", "province")


def _namesakes(found) -> tuple:
    out = []
    for _, cands in found.values():
        rows = sorted({c.row.gid: c.row for c in cands if c.row.ftype in _PRECISE}.items())
        if rows:
            out.append((tuple(g for g, _ in rows), tuple(r.lat for _, r in rows),
                        tuple(r.lon for _, r in rows), tuple(r.radius_km for _, r in rows)))
    return tuple(out)


# Score points (of the fitted ranking) a first answer must lead its runner-up by to be
# context for the others.
SURE_MARGIN = 2.0


def _margin(cands: list[Candidate], hint: str, bias: Bias) -> float:
    kept = prefer_curated(cands)
    scores = sorted((ranking.score(v) for v in candidate_vectors(kept, hint, bias)),
                    reverse=True)
    return scores[0] - scores[1] if len(scores) > 1 else float("inf")


def _key(place) -> str:
    """"US.IL" for a state, "US" for a country; "" for anything else."""
    if place.feature_type == "country" and place.country:
        return place.country
    if place.feature_type == "province" and place.country and place.admin1_code:
        return f"{place.country}.{place.admin1_code}"
    return ""


def document_division(places, focus: str, spread: list[int] | None = None) -> str:
    """"US.OH": the state or province of the focus country that the first answers lie in.
    A state named outright counts double; a name that could lie in several of the
    country's states ("Gainesville") counts only its share. The leader needs a whole vote
    and more than any other; local news keeps to one."""
    votes: Counter[str] = Counter()
    for p, k in zip(places, spread or [1] * len(places), strict=True):
        if focus and p.country == focus and p.admin1_code and p.feature_type != "country":
            votes[f"{p.country}.{p.admin1_code}"] += (
                2 if p.feature_type == "province" else 1) / max(k, 1)
    top = votes.most_common(2)
    if not top or top[0][1] < 1 or (len(top) > 1 and top[1][1] >= top[0][1]):
        return ""
    return top[0][0]


def _stray(place, match_kind: str, focus: str, surface: str = "") -> bool:
    """A small place abroad in an article about another country is a false friend
    ("Pacific", Missouri, in a Colombian story), and so is a place abroad reached only
    through one of its alternate names ("Kuki" for Kukichūō in an Indian story);
    cities, regions and countries abroad are real mentions, and so is a division
    under a former name of several words ("Northern Areas")."""
    if not focus or place.country == focus or place.feature_type == "country":
        return False
    if not place.country:  # a region across borders ("Caucasus"), a continent
        return False
    if match_kind != "exact":  # but a city is known by its other names ("Mecca")
        return place.population < 100_000 and not (
            place.feature_type == "province" and len(surface.split()) >= 2)
    return place.feature_type != "province" and place.population < 100_000


# A place abroad is no stray when this share of the article's other names points to its
# country too (a story about Ohio that names Dublin, Ohio and Ireland's Cork).
STRAY_SHARE = 0.1


def _share(cands: list[Candidate], bias: Bias, place) -> float:
    return article_context(cands, bias).share.get(place.country, 0.0)


def variant_mentions(text: str | Document, mentions: list[Mention], *, country: str,
                     gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Places written in a spelling the gazetteer lacks ("Bannoo" for Bannu).

    Only a capitalised word after a locative preposition ("in", "at", "near", "to",
    "from") that is not already a mention, and only a match in the article's country, or
    in the one country the sentence's resolved places are in ("near Bannoo, in Pakistan's
    Khyber Pakhtunkhwa" on a page about another country).
    """
    if not country:
        return []
    in_sentence: dict[int, set[str]] = {}
    for m in mentions:
        if m.place and m.place.country:
            in_sentence.setdefault(m.sentence.start, set()).add(m.place.country)
    gaz = gazetteer or open_gazetteer()
    # Is a token inside a mention: one bisect per token, not a scan of all mentions.
    # reach[i] is the furthest end among the first i+1 spans sorted by start.
    taken = sorted((m.span.start, m.span.end) for m in mentions)
    taken_starts = [s for s, _ in taken]
    reach = list(accumulate((e for _, e in taken), max))
    doc = document_of(text)
    text = doc.text
    tokens = doc.tokens
    out = []
    for i in range(1, len(tokens)):
        prev, tok = tokens[i - 1], tokens[i]
        word = tok.text
        if (len(word) < 4 or len(word) > _MAX_WORD or not word[0].isupper() or word.isupper()
                or not _locative(tokens, i) or text[prev.end : tok.start] != " "
                or _inside(taken_starts, reach, tok.start) or _names_a_site(tokens, i)):
            continue
        low = word.lower()
        if low in english.COMMON_WORDS or low in english.DEMONYMS or low in english.MONTHS \
                or low in english.WEEKDAYS:
            continue
        sentence = doc.sentence_at(tok.start)
        local = in_sentence.get(sentence.start, set())
        here = min(local) if len(local) == 1 else country
        cands = [c for c in gaz.candidates(word) if c.row.country == here
                 and c.match_kind in ("variant", "fuzzy") and c.similarity >= 68]
        if not cands:
            continue
        best = ranked(word, cands, "", Bias(country=here))
        out.append(Mention(surface=word, span=Span(tok.start, tok.end, word),
                           sentence=sentence, place=best.place, score=best.score,
                           match_kind=best.match_kind,
                           alternatives=tuple(a.place for a in best.alternatives)))
    return out


def _locative(tokens: list, i: int) -> bool:
    """Is token ``i`` after a locative ("in X") or a settlement's "of" ("the city of X"),
    or a division's name after "in the" ("in the Bannoo district")?"""
    prev = tokens[i - 1].text
    nxt = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
    return prev in LOCATIVE or (prev == "of" and i > 1 and
                                tokens[i - 2].text.lower() in english.SETTLEMENT_OF) or (
        prev == "the" and i > 1 and tokens[i - 2].text in LOCATIVE
        and nxt in english.SETTLEMENT_OF)


def _names_a_site(tokens: list, i: int) -> bool:
    """"in Barlows scrapyard": a word before a lowercase noun names the site (a business,
    a market), not a misspelt town; "in Bannoo district" and "in Bannoo on Monday" do not."""
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    return bool(nxt) and nxt.islower() and nxt not in english.COMMON_WORDS and (
        nxt not in english.HINT_AFTER)


def _inside(starts: list[int], reach: list[int], offset: int) -> bool:
    i = bisect_right(starts, offset)
    return i > 0 and reach[i - 1] > offset


# No place name is one word this long; fuzzy lookup cost grows with the square of it.
_MAX_WORD = 64


def _paired(mentions: list[Mention], found: dict, bias: Bias, final: dict) -> dict:
    """"El Paso, Texas", "Butig, Lanao del Sur": a place followed by ", <division or
    country>" lies inside it, unless it is of the same rank (a list). The pair is resolved
    together, which may overrule the article's country ("arrested in El Paso, Texas" in a
    story about Mexico)."""
    out = {}
    for i, (a, b) in enumerate(zip(mentions, mentions[1:], strict=False)):
        if a.sentence != b.sentence or a.sentence.text[a.span.end - a.sentence.start :
                                                        b.span.start - a.sentence.start] != ", ":
            continue
        containers = [c for c in found.get(b.surface, ("", []))[1]
                      if c.row.ftype in ("province", "country")]
        hint_a, cands_a = found.get(a.surface, ("", []))
        for container in sorted(containers, key=lambda c: -c.row.importance):
            if _sibling(cands_a, container):
                break
            inside = [c for c in cands_a if c.row.country == container.row.country and (
                container.row.ftype == "country" or c.row.admin1 == container.row.name
                or (c.row.admin1_code and c.row.admin1_code == container.row.admin1_code))]
            pair_bias = replace(bias, country=container.row.country, soft_country="",
                                centre=None)
            if inside:
                out[a.surface] = ranked(a.surface, inside, hint_a, pair_bias, explain=False)
                out[b.surface] = ranked(b.surface, [container], "", pair_bias, explain=False)
                break
            if container.row.ftype == "province" and not _listed(
                    mentions[i - 1] if i else None, a, b,
                    mentions[i + 2] if i + 2 < len(mentions) else None):
                # "Springfield, Ontario" when the gazetteer has Springfields elsewhere only:
                # the place is in Ontario, unlocated, never the namesake abroad. (Not for a
                # country: "<a town>, Congo" may name the other Congo.)
                out[a.surface] = None
                out[b.surface] = ranked(b.surface, [container], "", pair_bias, explain=False)
    return out


def _listed(prev: Mention | None, a: Mention, b: Mention, nxt: Mention | None) -> bool:
    """"Aville, Btown, Cville and Dtown": the pair is part of a list, another place written
    just before it or just after it with a comma or "and" between ("Niono, Zamfara state, on
    Monday" is no list)."""
    def gap(x: Mention | None, y: Mention | None) -> str:
        if x is None or y is None or x.sentence != y.sentence:
            return ""
        return x.sentence.text[x.span.end - x.sentence.start : y.span.start - y.sentence.start]

    return gap(prev, a) == ", " or gap(b, nxt) in (", ", " and ", " or ", ", and ")


_RANK = {"country": 2, "province": 1}


def _sibling(cands: list[Candidate], container: Candidate) -> bool:
    """"China, Japan", "Sindh, Balochistan": a name that is itself a country (or a
    province before a province) is the next item of a list, not a place inside."""
    return any(c.match_kind == "exact" and _RANK.get(c.row.ftype, 0) >= _RANK[container.row.ftype]
               for c in cands)


def _trusted(c: Candidate) -> bool:
    # In running text only sure matches count: a spelling variant must be the same
    # letters once spaces are ignored ("Musa Khel" for "Musakhel").
    return c.match_kind in ("exact", "alternate") or c.similarity >= 96


def document_votes(found: dict[str, tuple[str, list[Candidate]]]) -> Counter[str]:
    """Each country's votes from the article's names (geocode.country_votes)."""
    votes: Counter[str] = Counter()
    for _, cands in found.values():
        # country_votes is sorted: the set's order (PYTHONHASHSEED) would decide ties
        # through the Counter's insertion order, which ``most_common`` keeps.
        for cc, v in country_votes(cands).items():
            votes[cc] += v
    return votes


def document_country(found: dict[str, tuple[str, list[Candidate]]]) -> str:
    """The country most of the article's names point to."""
    votes = document_votes(found)
    return votes.most_common(1)[0][0] if votes else ""


def _centre(places) -> tuple[float, float] | None:
    if len(places) < 2:
        return None
    return (statistics.median(p.lat for p in places), statistics.median(p.lon for p in places))


def document_focus(mentions: list[Mention]) -> str:
    """The country most resolved mentions lie in."""
    counts = Counter(m.place.country for m in mentions if m.place and m.place.country)
    return counts.most_common(1)[0][0] if counts else ""


def resolve_online(mentions: list[Mention], provider, country: str = "") -> list[Mention]:
    """Mentions with the place an online provider gives; one request per distinct name,
    and a name it does not know (or a server that fails) stays unresolved."""
    names = list(dict.fromkeys(m.surface for m in mentions))
    answers = dict(zip(names, provider.lookup_many(names, country=country, alternatives=0),
                       strict=True))
    out = []
    for m in mentions:
        r = answers[m.surface]
        if isinstance(r, GeocodeResult):
            m = replace(m, place=r.place, score=r.score, match_kind=r.match_kind)
        out.append(m)
    return out
