"""Reading an article: the stages, in order, each adding one kind of annotation to the
``Document``.

    places -> resolution -> unknown places -> roles -> triggers -> dates -> incidents

``read(text, ...)`` builds the Document and runs ``STAGES`` over it. A stage takes the
document and returns it; it reads what the stages before it added, never the text
split again.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from dataclasses import replace

from incimap.geo.exceptions import InputError
from incimap.geo.reader.dates import event_dates
from incimap.geo.reader.document import Document
from incimap.geo.reader.incidents import extract_incidents
from incimap.geo.reader.matcher import get_matcher
from incimap.geo.reader.places import find_mentions
from incimap.geo.reader.resolution import (
    document_focus,
    resolve_mentions,
    resolve_online,
    variant_mentions,
)
from incimap.geo.reader.roles import assign_roles
from incimap.geo.reader.triggers import sentence_triggers
from incimap.geo.reader.unknown import find_unknown_places, in_gazetteer

RECOGNIZERS = ("gazetteer", "classifier")
DEFAULT_RECOGNIZER = "classifier"


def places(doc: Document) -> Document:
    """The gazetteer's names in the text, false hits filtered out (unresolved); with the
    classifier (``reader.spans``), the spans its model takes for places."""
    if doc.recognizer == "classifier":
        from incimap.geo.reader.spans import recognize

        doc.found, doc.unlisted = recognize(doc, get_matcher(doc.gazetteer),
                                            _gazetteer(doc))
    else:
        doc.found = find_mentions(doc, get_matcher(doc.gazetteer))
    return doc


def _gazetteer(doc: Document):
    from incimap.gazetteer.gazetteer import open_gazetteer

    return doc.gazetteer or open_gazetteer()


def resolution(doc: Document) -> Document:
    """Each name's place, in the article's country (given, else voted by its places);
    then the names written in a spelling the gazetteer lacks."""
    ranked = resolve_mentions(doc.found, country=doc.country, gazetteer=doc.gazetteer)
    resolved = [m for m in ranked if m.place is not None]
    if doc.recognizer == "classifier":  # a name it took for a place stays, unresolved
        doc.unlisted += [replace(m, match_kind="unresolved") for m in ranked if m.place is None]
    doc.focus = doc.country.upper() or document_focus(resolved)
    variants = variant_mentions(doc, resolved, country=doc.focus, gazetteer=doc.gazetteer)
    if doc.recognizer == "classifier":
        # The classifier has judged every capitalised run: a spelling the gazetteer lacks
        # ("Kidall") is looked up only where it took the run for a place.
        judged = {(m.span.start, m.span.end) for m in doc.unlisted}
        variants = [v for v in variants if (v.span.start, v.span.end) in judged]
    resolved += variants
    doc.mentions = resolved
    return doc


def unknown_places(doc: Document) -> Document:
    """Names the gazetteer lacks, kept unresolved rather than dropped (or placed by the
    online provider, if one is given)."""
    unknown = []
    if doc.recognizer == "classifier":  # the runs the classifier took for places
        unknown = _not_overlapping(doc.unlisted, doc.mentions)
    # The strong cues hold with either recogniser; "in X, <state>" needs the resolved
    # places, which the classifier's candidates do not have yet.
    unknown += find_unknown_places(doc, doc.found + doc.mentions + unknown,
                                   in_gazetteer(doc.gazetteer))
    unknown.sort(key=lambda m: m.span.start)
    if doc.fallback is not None and unknown:
        unknown = resolve_online(unknown, doc.fallback, doc.focus)
    doc.mentions = sorted(doc.mentions + unknown, key=lambda m: m.span.start)
    return doc


def _not_overlapping(new: list, mentions: list) -> list:
    """The ``new`` mentions that overlap none of ``mentions`` (by bisection: a long article
    has many)."""
    taken = sorted((m.span.start, m.span.end) for m in mentions)
    starts = [a for a, _ in taken]
    reach = list(itertools.accumulate((b for _, b in taken), max))

    def overlaps(m) -> bool:
        i = bisect.bisect_left(starts, m.span.end)
        return i > 0 and reach[i - 1] > m.span.start

    return [m for m in new if not overlaps(m)]


def roles(doc: Document) -> Document:
    doc.mentions = assign_roles(doc.mentions)
    if not any(m.place for m in doc.mentions):
        doc.warnings.append("the article names no place the gazetteer knows")
    return doc


def triggers(doc: Document) -> Document:
    doc.triggers = sentence_triggers(doc)
    return doc


def dates(doc: Document) -> Document:
    doc.dates = event_dates(doc, doc.triggers, doc.published or dt.date.today())
    return doc


def incidents(doc: Document) -> Document:
    doc.incidents = extract_incidents(doc, doc.mentions, doc.published, country=doc.country,
                                      source=doc.source)
    return doc


STAGES = (places, resolution, unknown_places, roles, triggers, dates, incidents)


def read(text: str, *, published: dt.date | None = None, country: str = "", source: str = "",
         gazetteer=None, fallback=None, recognizer: str | None = None) -> Document:
    """The Document of ``text`` with every stage's annotations.

    ``recognizer`` picks how place names are found: ``gazetteer`` (the scan and its
    filters, ``reader.places``) or ``classifier`` (the learned span model,
    ``reader.spans``); None is ``DEFAULT_RECOGNIZER``.

    ``fallback`` (an online provider, ``geo.providers``; never by default) is asked for
    the names the gazetteer lacks; what it cannot answer stays unresolved. ``source``
    names the incidents (their ids) and errors."""
    from incimap.geo.geocode import check_country

    country = check_country(country)
    if not text.strip():
        raise InputError("the article is empty", path=source)
    recognizer = recognizer or DEFAULT_RECOGNIZER
    if recognizer not in RECOGNIZERS:
        raise InputError(f"must be one of {', '.join(RECOGNIZERS)}, got {recognizer!r}",
                         field="--recognizer")
    doc = Document(text, published=published, country=country, source=source,
                   gazetteer=gazetteer, fallback=fallback)
    doc.recognizer = recognizer
    if published is None:
        doc.warnings.append("no publication date given: relative dates resolve against today")
    for stage in STAGES:
        doc = stage(doc)
    return doc
