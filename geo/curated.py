"""Human-verified incidents (``seeds/incidents.yaml``) loaded as ``Incident`` objects.

Every quote in the file must be an exact substring of the article it codes, so each
figure and each piece of evidence becomes a ``Span`` of that article. Anything wrong
raises ``DataError`` naming the file, the record (its id, or ``#index``), the field and,
where known, the line.

File layout::

    article: jaffar_express_2025-03-12.txt   # relative to the YAML file
    published: 2025-03-12                     # optional; event dates may not be later
    incidents:
      - id, title, event_type, sub_event_type, event_date, time_precision,
        location: {name, lat, lon, feature_type, gazetteer_id, admin1, admin2, country,
                   radius_km},
        actor1, actor2, fatalities, fatalities_excludes: [ids],
        figures: [{kind, value, qualifier, high, who, claimed_by, quote}],
        notes, evidence: {field: [quote, ...]}

``fatalities`` must be the lowest fatality figure (ACLED's rule) minus the fatalities of
the records in ``fatalities_excludes`` (a summed toll split between events).
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import yaml

from incimap import seeds
from incimap.geo.exceptions import DataError, InputError
from incimap.geo.fileio import read_text
from incimap.geo.models import ACLED_TAXONOMY, FEATURE_TYPES, Figure, Incident, Place, Span
from incimap.geo.reader.figures import FIGURE_KINDS
from incimap.geo.reader.quantities import MAX_PLAUSIBLE_COUNT

_REQUIRED = ("id", "title", "event_type", "sub_event_type", "event_date", "time_precision",
             "location", "actor1", "fatalities")
_LOCATION_REQUIRED = ("name", "lat", "lon", "feature_type")


class _Record:
    """Error reporting for one record: file, record label, line numbers of its fields."""

    def __init__(self, path: str, label: str, lines: dict[str, int], line: int | None):
        self.path, self.label, self.lines, self.line = path, label, lines, line

    def error(self, field: str, message: str) -> DataError:
        top = field.split(".")[0].split("[")[0]
        return DataError(message, path=self.path, line=self.lines.get(top, self.line),
                         field=f"{self.label}.{field}")


def _node_lines(root: yaml.Node | None) -> list[tuple[int, dict[str, int]]]:
    """Line of each record under ``incidents`` and of each of its top-level keys."""
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "incidents" and isinstance(value, yaml.SequenceNode):
            out = []
            for item in value.value:
                fields = {}
                if isinstance(item, yaml.MappingNode):
                    fields = {k.value: v.start_mark.line + 1 for k, v in item.value}
                out.append((item.start_mark.line + 1, fields))
            return out
    return []


def _parse_yaml(text: str, path: str) -> tuple[Any, list[tuple[int, dict[str, int]]]]:
    try:
        data = yaml.safe_load(text)
        lines = _node_lines(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise DataError(f"invalid YAML: {problem}", path=path, line=line) from None
    return data, lines


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(rec: _Record, raw: dict, field: str, required: bool = False) -> str:
    value = raw.get(field)
    if value is None:
        if required:
            raise rec.error(field, "missing required field")
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise rec.error(field, f"must be text, got {type(value).__name__}")
    return str(value).strip()


def _span(rec: _Record, field: str, quote: Any, article: str, article_name: str) -> Span:
    if not isinstance(quote, str) or not quote.strip():
        raise rec.error(field, "quote must be non-empty text")
    start = article.find(quote)
    if start < 0:
        raise rec.error(field, f"quote not found verbatim in {article_name}: {quote[:60]!r}")
    return Span(start, start + len(quote), quote)


def _location(rec: _Record, raw: Any) -> Place:
    if not isinstance(raw, dict):
        raise rec.error("location", "must be a mapping with name, lat, lon, feature_type")
    for key in _LOCATION_REQUIRED:
        if raw.get(key) in (None, ""):
            raise rec.error(f"location.{key}", "missing required field")
    coords = {}
    for key, limit in (("lat", 90.0), ("lon", 180.0)):
        value = raw[key]
        if not isinstance(value, int | float) or isinstance(value, bool) \
                or not math.isfinite(value) or abs(value) > limit:
            raise rec.error(f"location.{key}", f"must be a number within ±{limit:g}, got {value!r}")
        coords[key] = float(value)
    feature_type = str(raw["feature_type"])
    if feature_type not in FEATURE_TYPES:
        raise rec.error("location.feature_type",
                        f"unknown feature type {feature_type!r}; one of {', '.join(FEATURE_TYPES)}")
    radius = raw.get("radius_km", 0.0)
    if not isinstance(radius, int | float) or isinstance(radius, bool) or radius < 0 \
            or not math.isfinite(radius):
        raise rec.error("location.radius_km", f"must be a non-negative number, got {radius!r}")
    country = str(raw.get("country") or "")
    if country and not (len(country) == 2 and country.isalpha() and country.isupper()):
        raise rec.error("location.country", f"must be an ISO 3166-1 alpha-2 code, got {country!r}")
    return Place(
        name=str(raw["name"]), lat=coords["lat"], lon=coords["lon"], feature_type=feature_type,
        country=country, admin1=str(raw.get("admin1") or ""),
        admin2=str(raw.get("admin2") or ""), gazetteer_id=str(raw.get("gazetteer_id") or ""),
        source="curated", radius_km=float(radius),
    )


def _figures(rec: _Record, raw: Any, article: str, article_name: str) -> tuple[Figure, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise rec.error("figures", "must be a list")
    out = []
    for k, item in enumerate(raw):
        where = f"figures[{k}]"
        if not isinstance(item, dict):
            raise rec.error(where, "must be a mapping")
        kind = item.get("kind")
        if kind not in FIGURE_KINDS:
            raise rec.error(f"{where}.kind",
                            f"unknown kind {kind!r}; one of {', '.join(FIGURE_KINDS)}")
        value, high = item.get("value"), item.get("high")
        if not _is_int(value) or value < 0:
            raise rec.error(f"{where}.value", f"must be a whole number >= 0, got {value!r}")
        if value > MAX_PLAUSIBLE_COUNT:
            raise rec.error(f"{where}.value", f"{value} is above the plausible "
                                              f"{MAX_PLAUSIBLE_COUNT:,}")
        if high is not None and (not _is_int(high) or high < value):
            raise rec.error(f"{where}.high", f"must be a whole number >= value, got {high!r}")
        out.append(Figure(
            kind=kind, value=value, high=high,
            qualifier=str(item.get("qualifier") or ""), who=str(item.get("who") or ""),
            claimed_by=str(item.get("claimed_by") or ""),
            quote=_span(rec, f"{where}.quote", item.get("quote"), article, article_name),
        ))
    return tuple(out)


def _evidence(rec: _Record, raw: Any, article: str, article_name: str) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise rec.error("evidence", "must be a mapping of field -> list of quotes")
    out = {}
    for field, quotes in raw.items():
        if isinstance(quotes, str):
            quotes = [quotes]
        if not isinstance(quotes, list):
            raise rec.error(f"evidence.{field}", "must be a list of quotes")
        out[str(field)] = tuple(
            _span(rec, f"evidence.{field}[{k}]", q, article, article_name)
            for k, q in enumerate(quotes)
        )
    return out


def _incident(rec: _Record, raw: dict, article: str, article_name: str,
              published: dt.date | None) -> Incident:
    for field in _REQUIRED:
        if raw.get(field) in (None, ""):
            raise rec.error(field, "missing required field")
    event_type = _text(rec, raw, "event_type", required=True)
    if event_type not in ACLED_TAXONOMY:
        raise rec.error("event_type", f"unknown ACLED event type {event_type!r}")
    sub_event_type = _text(rec, raw, "sub_event_type", required=True)
    if sub_event_type not in ACLED_TAXONOMY[event_type]:
        raise rec.error("sub_event_type",
                        f"{sub_event_type!r} is not a sub-event type of {event_type!r}")
    date = _as_date(raw["event_date"])
    if date is None:
        raise rec.error("event_date", f"must be an ISO date YYYY-MM-DD, got {raw['event_date']!r}")
    if published and date > published:
        raise rec.error("event_date", f"{date} is after the article's publication ({published})")
    precision = raw["time_precision"]
    if precision not in (1, 2, 3) or isinstance(precision, bool):
        raise rec.error("time_precision", f"must be 1, 2 or 3, got {precision!r}")
    fatalities = raw["fatalities"]
    if not _is_int(fatalities) or fatalities < 0:
        raise rec.error("fatalities", f"must be a whole number >= 0, got {fatalities!r}")
    if fatalities > MAX_PLAUSIBLE_COUNT:  # exports hold it in a 64-bit (KML 32-bit) column
        raise rec.error("fatalities", f"{fatalities} is above the plausible "
                                      f"{MAX_PLAUSIBLE_COUNT:,}")
    return Incident(
        id=_text(rec, raw, "id", required=True),
        title=_text(rec, raw, "title", required=True),
        event_type=event_type,
        sub_event_type=sub_event_type,
        event_date=date.isoformat(),
        time_precision=precision,
        location=_location(rec, raw["location"]),
        actor1=_text(rec, raw, "actor1", required=True),
        actor2=_text(rec, raw, "actor2"),
        fatalities=fatalities,
        figures=_figures(rec, raw.get("figures"), article, article_name),
        notes=_text(rec, raw, "notes"),
        evidence=_evidence(rec, raw.get("evidence"), article, article_name),
        source=article_name,
        curated=True,
    )


def _check_fatalities(recs: list[_Record], raws: list[dict], incidents: list[Incident]) -> None:
    """Fatalities = lowest fatality claim minus the records it excludes (no double count)."""
    by_id = {inc.id: inc for inc in incidents}
    for rec, raw, inc in zip(recs, raws, incidents, strict=True):
        excludes = raw.get("fatalities_excludes") or []
        if not isinstance(excludes, list):
            raise rec.error("fatalities_excludes", "must be a list of record ids")
        for other in excludes:
            if not isinstance(other, str) or other not in by_id or other == inc.id:
                raise rec.error("fatalities_excludes", f"unknown record id {other!r}")
        lowest = inc.count("fatalities")
        if lowest is None:
            continue
        expected = lowest - sum(by_id[o].fatalities for o in excludes)
        if inc.fatalities != expected:
            raise rec.error("fatalities", f"is {inc.fatalities} but the lowest fatality figure "
                            f"gives {expected} (ACLED's conservative rule)")


def load_curated(path: str | Path = seeds.CURATED_INCIDENTS,
                 article_text: str | None = None) -> list[Incident]:
    """Curated incidents of ``path``, their quotes located in the article they code.

    ``article_text`` overrides the article named by the file's ``article:`` key (read
    relative to the YAML file). Raises ``DataError`` naming file, record and field.
    """
    name = str(path)
    try:
        text = read_text(path, what="curated incidents file")
    except DataError:
        raise
    except InputError as e:
        raise DataError(str(e)) from None
    data, lines = _parse_yaml(text, name)
    if not isinstance(data, dict) or not isinstance(data.get("incidents"), list):
        raise DataError("must be a mapping with an 'incidents' list", path=name,
                        field="incidents")
    published = None
    if data.get("published") is not None:
        published = _as_date(data["published"])
        if published is None:
            raise DataError(f"must be an ISO date, got {data['published']!r}", path=name,
                            field="published")
    article_name = str(data.get("article") or "")
    if article_text is None:
        if not article_name:
            raise DataError("names no article and none was given", path=name, field="article")
        article_path = Path(path).parent / article_name
        try:
            article_text = read_text(article_path, what="article")
        except InputError as e:
            raise DataError(f"cannot read the article: {e}", path=name, field="article") from None
    article_name = article_name or "the article"

    incidents: list[Incident] = []
    recs: list[_Record] = []
    raws: list[dict] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["incidents"]):
        line, field_lines = lines[index] if index < len(lines) else (None, {})
        label = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") else f"#{index}"
        rec = _Record(name, label, field_lines, line)
        if not isinstance(raw, dict):
            raise rec.error("record", "must be a mapping")
        incident = _incident(rec, raw, article_text, article_name, published)
        if incident.id in seen:
            raise rec.error("id", "duplicate id")
        seen.add(incident.id)
        incidents.append(incident)
        recs.append(rec)
        raws.append(raw)
    _check_fatalities(recs, raws, incidents)
    # The source is the coded article's publisher or URL (its metadata YAML), else its name.
    from incimap.geo.extract import article_metadata, with_report

    named = str(data.get("article") or "")
    meta = article_metadata(Path(path).parent / named) if named else {}
    return with_report(incidents, meta, named, published)
