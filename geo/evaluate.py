"""Scoring the reader on standard geoparsing corpora (Gritta et al., "A Pragmatic Guide to
Geoparsing Evaluation", 2020).

Three figures, each on its own question:
- geotagging: are the names found? Precision, recall and F1 of predicted spans against gold
  spans, a pair counting when the spans overlap (each span used once);
- resolution: given the gold spans, are they placed right? Acc@161 km, exact GeoNames id
  where the corpus has one, median and mean error, and the AUC of the log-error curve
  (0 is perfect, 1 every answer at the antipode);
- end to end: of all gold names, how many are found and placed within 161 km.

Corpora: LGL / TR-News / GeoWebNews (``<toponym>`` with a ``<gaztag>``) and GeoVirus
(``<location>``). Documents are split by a hash of their id: one in five is the frozen
``test`` part, scored but never read while writing rules or fitting weights; the rest is
``dev``.
"""

from __future__ import annotations

import hashlib
import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from incimap.geo.exceptions import InputError
from incimap.geo.models import Mention, Span

ACC_KM = 161.0  # 100 miles, the field's usual threshold
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: an unresolved name counts as this
TEST_SHARE = 5  # one document in five is frozen
SPLITS = ("all", "dev", "test")


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: str = ""

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]

    def split(self, corpus: str) -> str:
        digest = hashlib.sha1(f"{corpus}:{self.id}".encode()).digest()
        return "test" if digest[0] % TEST_SHARE == 0 else "dev"


# --------------------------------------------------------------------------- reading


def _float(element: ET.Element | None, *tags: str) -> float | None:
    for tag in tags:
        found = element.find(tag) if element is not None else None
        if found is not None and (found.text or "").strip():
            try:
                value = float(found.text)
            except ValueError:
                return None
            return value if math.isfinite(value) else None
    return None


def _int(element: ET.Element, tag: str) -> int | None:
    found = element.find(tag)
    try:
        return int((found.text or "").strip()) if found is not None else None
    except ValueError:
        return None


ALIGN_WINDOW = 10  # characters; GeoVirus' offsets are one off its text, some more


def _align(text: str, start: int, end: int, name: str) -> tuple[int, int] | None:
    """The span of ``name`` nearest the given offsets (they are not always exact)."""
    if not name or text[start:end] == name:
        return (start, end) if 0 <= start < end <= len(text) else None
    lo = max(0, start - ALIGN_WINDOW)
    window = text[lo:end + ALIGN_WINDOW + len(name)]
    best, at = None, window.find(name)
    while at != -1:
        if best is None or abs(lo + at - start) < abs(best - start):
            best = lo + at
        at = window.find(name, at + 1)
    return (best, best + len(name)) if best is not None else None


def _toponym(element: ET.Element, text: str) -> GoldToponym | None:
    start, end = _int(element, "start"), _int(element, "end")
    if start is None or end is None or start < 0 or end <= start:
        return None
    name = (element.findtext("phrase") or element.findtext("name") or "").strip()
    span = _align(text, start, end, name)
    if span is None:
        return None
    start, end = span
    gaztag = element.find("gaztag")
    source = gaztag if gaztag is not None else element
    lat = _float(source, "lat", "latitude")
    lon = _float(source, "lon", "longitude")
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    geonameid = gaztag.get("geonameid", "") if gaztag is not None else ""
    return GoldToponym(start, end, name, lat, lon, geonameid)


def read_corpus(path: str | Path) -> Iterator[GoldDocument]:
    """The documents of a corpus file, in file order; bad toponyms are skipped."""
    name = str(path)
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise InputError("corpus not found", path=name) from None
    except IsADirectoryError:
        raise InputError("corpus is a directory", path=name) from None
    except ET.ParseError as e:
        line = e.position[0] if e.position else None
        raise InputError(f"not a corpus XML file: {e.msg if hasattr(e, 'msg') else e}",
                         path=name, line=line) from None
    except OSError as e:
        raise InputError(f"cannot read corpus: {e.strerror}", path=name) from None
    articles = root.findall("article") if root.tag != "article" else [root]
    if not articles:
        raise InputError("no <article> elements: not an LGL, TR-News, GeoWebNews or "
                         "GeoVirus file", path=name)
    for n, article in enumerate(articles):
        text = article.findtext("text") or ""
        doc_id = article.get("docid") or (article.findtext("source") or "").strip() or str(n)
        items = [*article.iterfind("toponyms/toponym"), *article.iterfind("locations/location")]
        toponyms = [t for t in (_toponym(item, text) for item in items) if t is not None]
        yield GoldDocument(doc_id, text, tuple(sorted(toponyms, key=lambda t: t.start)))


# --------------------------------------------------------------------------- metrics


def match_spans(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]
                ) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of overlapping spans, each used once, in order."""
    pairs, used, g = [], set(), 0
    gold_order = sorted(range(len(gold)), key=lambda i: gold[i])
    for p in sorted(range(len(predicted)), key=lambda i: predicted[i]):
        ps, pe = predicted[p]
        while g < len(gold_order) and gold[gold_order[g]][1] <= ps:
            g += 1
        for k in range(g, len(gold_order)):
            gi = gold_order[k]
            gs, ge = gold[gi]
            if gs >= pe:
                break
            if gi not in used:
                used.add(gi)
                pairs.append((p, gi))
                break
    return pairs


def prf(true_pos: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = true_pos / predicted if predicted else 0.0
    r = true_pos / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def error_auc(errors_km: Iterable[float]) -> float:
    """Area under the curve of sorted log errors, scaled to 0..1 (lower is better)."""
    scaled = sorted(math.log1p(min(e, MAX_ERROR_KM)) / math.log1p(MAX_ERROR_KM)
                    for e in errors_km)
    if not scaled:
        return 0.0
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:], strict=False))
    return area / (len(scaled) - 1)


@dataclass
class Scores:
    """Running totals over documents; ``table()`` gives the figures."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    tagged: int = 0  # predicted spans that overlap a gold span
    located_gold: int = 0
    errors_km: list[float] = field(default_factory=list)  # resolution given gold spans
    id_checked: int = 0
    id_exact: int = 0
    found_located: int = 0  # located gold names that were also found end to end
    found_within: int = 0  # ... and placed within ACC_KM
    seconds: float = 0.0

    def add(self, other: Scores) -> None:
        for name, value in vars(other).items():
            if isinstance(value, list):
                getattr(self, name).extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    def table(self) -> dict[str, float]:
        p, r, f = prf(self.tagged, self.predicted, self.gold)
        errors = self.errors_km
        within = sum(1 for e in errors if e <= ACC_KM)
        return {
            "documents": self.documents,
            "gold_names": self.gold,
            "geotagging_precision": p,
            "geotagging_recall": r,
            "geotagging_f1": f,
            "resolution_acc161": within / len(errors) if errors else 0.0,
            "resolution_exact_id": self.id_exact / self.id_checked if self.id_checked else None,
            "resolution_median_km": statistics.median(errors) if errors else 0.0,
            "resolution_mean_km": statistics.fmean(errors) if errors else 0.0,
            "resolution_auc": error_auc(errors),
            "end_to_end_found_acc161": (self.found_within / self.found_located
                                        if self.found_located else 0.0),
            "end_to_end_acc161": (self.found_within / self.located_gold
                                  if self.located_gold else 0.0),
            "docs_per_second": self.documents / self.seconds if self.seconds else 0.0,
        }


def _distance(place, gold: GoldToponym) -> float:
    from incimap.geo.geocode import great_circle_km

    if place is None:
        return MAX_ERROR_KM
    return great_circle_km(place.lat, place.lon, gold.lat, gold.lon)


def gold_mentions(doc: GoldDocument) -> list[Mention]:
    """The gold spans as unresolved mentions, each with its sentence."""
    from incimap.geo.reader.document import Document
    from incimap.geo.reader.places import hint_before

    article = Document(doc.text)
    mentions = []
    for t in doc.toponyms:
        sentence = (article.sentence_at(t.start) if article.sentences
                    else Span(0, len(doc.text), doc.text))
        surface = doc.text[t.start:t.end]
        mentions.append(Mention(surface=surface, span=Span(t.start, t.end, surface),
                                sentence=sentence, hint=hint_before(doc.text, t.start)))
    return mentions


def resolve_gold(doc: GoldDocument, gazetteer=None) -> list[Mention]:
    """The gold spans resolved together as one document (the reader's resolver, with the
    document's other names as context)."""
    from incimap.geo.reader.resolution import resolve_mentions

    return resolve_mentions(gold_mentions(doc), gazetteer=gazetteer)


def score_document(doc: GoldDocument, predicted: list[Mention], resolved: list[Mention]
                   ) -> tuple[Scores, dict]:
    """The document's totals, and its errors for the ``--errors`` file."""
    s = Scores(documents=1, gold=len(doc.toponyms), predicted=len(predicted))
    pairs = match_spans([(m.span.start, m.span.end) for m in predicted],
                        [(t.start, t.end) for t in doc.toponyms])
    s.tagged = len(pairs)
    matched_gold = {g: p for p, g in pairs}
    far = []
    for i, (gold, mention) in enumerate(zip(doc.toponyms, resolved, strict=True)):
        if not gold.located:
            continue
        s.located_gold += 1
        error = _distance(mention.place, gold)
        s.errors_km.append(error)
        if gold.geonameid:
            s.id_checked += 1
            s.id_exact += (mention.place is not None
                           and mention.place.gazetteer_id == f"geonames:{gold.geonameid}")
        if error > ACC_KM:
            far.append({"name": gold.name, "start": gold.start, "gold": [gold.lat, gold.lon],
                        "resolved": _brief(mention.place), "error_km": round(error, 1)})
        if i in matched_gold:
            s.found_located += 1
            s.found_within += _distance(predicted[matched_gold[i]].place, gold) <= ACC_KM
    found = {p for p, _ in pairs}
    errors = {
        "id": doc.id,
        "missed": [t.name for i, t in enumerate(doc.toponyms) if i not in matched_gold],
        "spurious": [m.surface for i, m in enumerate(predicted) if i not in found],
        "far": far,
    }
    return s, errors


def _brief(place) -> dict | None:
    if place is None:
        return None
    return {"name": place.name, "country": place.country, "lat": round(place.lat, 4),
            "lon": round(place.lon, 4), "feature_type": place.feature_type}


def evaluate(path: str | Path, *, split: str = "all", limit: int | None = None,
             on_document: Callable[[dict], None] | None = None,
             progress: Callable[[int], None] | None = None,
             recognizer: str | None = None) -> dict[str, dict]:
    """Scores of the reader on a corpus, overall and per split: ``{"dev": {...}, ...}``.

    ``recognizer``: how names are found (``reader.pipeline.RECOGNIZERS``; None: the default).

    ``on_document`` receives each document's errors; ``progress`` the count done so far.
    """
    import time

    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.extract import extract

    if split not in SPLITS:
        raise InputError(f"must be one of {', '.join(SPLITS)}, got {split!r}", field="--split")
    from incimap.geo.reader.pipeline import RECOGNIZERS

    if recognizer is not None and recognizer not in RECOGNIZERS:
        raise InputError(f"must be one of {', '.join(RECOGNIZERS)}, got {recognizer!r}",
                         field="--recognizer")
    corpus = Path(path).stem.lower()
    gazetteer = open_gazetteer()
    totals = {"dev": Scores(), "test": Scores()}
    done = 0
    for doc in read_corpus(path):
        part = doc.split(corpus)
        if split != "all" and part != split:
            continue
        if limit is not None and done >= limit:
            break
        started = time.perf_counter()
        predicted = list(extract(doc.text, published=None, gazetteer=gazetteer,
                                 recognizer=recognizer).mentions
                         ) if doc.text.strip() else []
        elapsed = time.perf_counter() - started
        resolved = resolve_gold(doc, gazetteer)
        scores, errors = score_document(doc, predicted, resolved)
        scores.seconds = elapsed
        totals[part].add(scores)
        if on_document is not None:
            on_document({"split": part, **errors})
        done += 1
        if progress is not None:
            progress(done)
    overall = Scores()
    for part in totals.values():
        overall.add(part)
    out = {"all": overall.table()}
    out.update({name: s.table() for name, s in totals.items() if s.documents})
    return out
