"""Place names the gazetteer lacks, read from strong cues only ("the village of X", "an
area known as X", "X district", "near the X market", "in X, <state>"), kept as unresolved
mentions."""

from __future__ import annotations

import bisect
import itertools
import re

from incimap.geo.models import Mention, Span
from incimap.geo.reader import english
from incimap.geo.reader.document import Document, document_of, fold, line_start
from incimap.geo.reader.english import (
    NOT_IN_UNKNOWN,
    PLAIN_WORDS,
    UNKNOWN_AFTER,
    UNKNOWN_CALLED,
    UNKNOWN_IN,
    UNKNOWN_OF,
    UNKNOWN_SITE,
)
from incimap.geo.reader.places import is_demonym

_WORD_BEFORE = re.compile(r"([\w’'-]+) $")


def find_unknown_places(text: str | Document, known: list[Mention], in_gazetteer=None
                        ) -> list[Mention]:
    """Place names the gazetteer lacks, from strong cues only, as unresolved mentions.

    A capitalised name counts when a settlement or area word stands beside it ("the
    village of X", "X district", "the X valley"), when it names a site ("near the X
    market"), or after "in"/"near"/"at" when a known division or country follows it
    ("in X, <state>"). ``known`` are the mentions found so far (the gazetteer's names);
    a name overlapping one, or that ``in_gazetteer(name)`` says the gazetteer holds (the
    scan has judged it already), is left out.
    """
    doc = document_of(text)
    text = doc.text
    sents = doc.sentences
    index = doc.sentence_index
    starts = doc.sentence_starts
    # Known spans by start, with the furthest end reached so far: a name [s, e) overlaps
    # one iff some span starting before e ends after s (a bisection, not a scan per name).
    taken = sorted((m.span.start, m.span.end) for m in known)
    taken_starts = [a for a, _ in taken]
    reach = list(itertools.accumulate((b for _, b in taken), max))

    def overlaps_known(s: int, e: int) -> bool:
        i = bisect.bisect_left(taken_starts, e)
        return i > 0 and reach[i - 1] > s

    containers = {m.span.start for m in known if m.place is not None
                  and (m.place.feature_type in ("province", "country")
                       or m.hint in ("province", "country"))}
    lower_words = doc.lower_words
    found: dict[int, tuple[int, str]] = {}
    for pattern, kind in ((UNKNOWN_OF, "of"), (UNKNOWN_CALLED, "called"),
                          (UNKNOWN_AFTER, "after"), (UNKNOWN_SITE, "site"), (UNKNOWN_IN, "in")):
        for m in pattern.finditer(text):
            s, e = m.span("name")
            name = m.group("name")
            while " " in name and fold(name.split(" ", 1)[0]).strip() in PLAIN_WORDS:
                # "The Gidan X area", "Northern X district": the name follows the plain word
                word, name = name.split(" ", 1)
                s += len(word) + 1
            if kind == "in" and m.end() not in containers:
                continue
            if s in found or overlaps_known(s, e) or _run_before(text, s):
                continue
            if not _unknown_name(name, s, text, starts, lower_words):
                continue
            if in_gazetteer is not None and in_gazetteer(name):
                continue
            words = {"of": english.UNKNOWN_FEATURE_OF, "called": english.UNKNOWN_FEATURE_CALLED,
                     "after": english.UNKNOWN_FEATURE_AFTER}.get(kind, {})
            hint = words.get(m.groupdict().get("hint", "").lower(), "place")
            found[s] = (e, hint)
    out = []
    for s, (e, hint) in sorted(found.items()):
        out.append(Mention(surface=text[s:e], span=Span(s, e, text[s:e]),
                           sentence=sents[index.at(s)], hint=hint, match_kind="unresolved"))
    return out


def _unknown_name(name: str, start: int, text: str, sentence_starts: set[int],
                  lower_words) -> bool:
    """Could ``name`` be a place's name? Not a person's, a body's, a demonym, a plain word
    ("Another village"), nor a possessive ("Trump's camp")."""
    words = [fold(w).strip() for w in name.split()]
    if name.endswith(("'s", "’s")) or any(w in NOT_IN_UNKNOWN or is_demonym(w) for w in words):
        return False
    if all(w in PLAIN_WORDS for w in words):
        return False
    opens = start in sentence_starts or _after_quote_at(text, start) or line_start(text, start)
    return not (opens and (words[0] in PLAIN_WORDS or words[0] in lower_words
                           or words[0] in english.FEATURE_ADJECTIVES))


def _run_before(text: str, start: int) -> bool:
    """A capitalised word right before: the name is the tail of a longer one ("Abdul
    Karim Musa village" is no village named "Karim Musa")."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return (m is not None and m.group(1)[:1].isupper()
            and fold(m.group(1)).strip() not in PLAIN_WORDS)


def _after_quote_at(text: str, start: int) -> bool:
    """After a quote, a bracket or a dateline's dash ("IMPHAL, India (wire) - Three")."""
    before = text[max(0, start - 2) : start]
    return any(q in before for q in "\"“‘(") or before in ("- ", "— ", "– ")


def in_gazetteer(gazetteer=None):
    """``name -> bool``: does the gazetteer hold the name exactly (as any place's name)?"""
    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.gazetteer.normalize import normalize

    gaz = gazetteer or open_gazetteer()

    def known(name: str) -> bool:
        key = normalize(name)
        return bool(gaz.exact([key]).get(key))

    return known
