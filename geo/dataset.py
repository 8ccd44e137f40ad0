"""Incident datasets on disk: frames of many articles' incidents, events and mentions.

A dataset is either the folder ``incimap batch`` writes (``incidents.parquet``,
``events.parquet``, ``mentions.parquet``, ``errors.jsonl``, ``summary.json``) or one file
of incidents with ACLED columns (GeoParquet, GeoPackage, CSV, GeoJSON). ``load_incidents``
reads either back as ``Incident`` objects, so maps, exports and the merge take a corpus
the way they take one article.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from incimap.geo.confidence import FIELDS as CONFIDENCE_FIELDS
from incimap.geo.exceptions import InputError
from incimap.geo.models import Event, EventSource, Figure, Incident, Mention, Place

DATASET_SUFFIXES = (".parquet", ".geoparquet", ".gpkg", ".csv", ".geojson", ".json")
CURATED_SUFFIXES = (".yaml", ".yml")  # curated incidents (geo.curated), for merge
CRS = "EPSG:4326"

# Columns the batch adds to the ACLED incident columns, so records read back whole.
EXTRA_INCIDENT_COLUMNS = ("event_id", "article_id", "url", "publisher", "published",
                          "feature_type", "country_code", "gazetteer_id", "figures")
EVENT_COLUMNS = ("event_id", "event_date", "time_precision", "event_type", "sub_event_type",
                 "actor1", "actor2", "location", "country_code", "admin1", "admin2",
                 "feature_type", "latitude", "longitude", "uncertainty_km", "fatalities",
                 "reports", "curated", "automatic", "title", "members", "sources", "claims")


def is_dataset(path: str | Path | None) -> bool:
    """A batch output folder, or a file of incidents (by suffix); not an article."""
    if path is None or str(path) == "-":
        return False
    p = Path(path)
    if p.is_dir():
        return True
    return p.suffix.lower() in DATASET_SUFFIXES


# --------------------------------------------------------------------------- writing


def incident_rows(incidents: Sequence[Incident], meta: dict[str, dict] | None = None
                  ) -> gpd.GeoDataFrame:
    """ACLED incident columns plus what a merge needs (``meta``: incident id -> url,
    publisher, published, article_id)."""
    from incimap.geo.layers import incidents_frame

    meta = meta or {}
    frame = incidents_frame(incidents)
    frame["event_id"] = [i.event_id for i in incidents]
    for key in ("article_id", "url", "publisher", "published"):
        frame[key] = [str(meta.get(i.id, {}).get(key) or "") for i in incidents]
    frame["feature_type"] = [i.location.feature_type if i.location else "" for i in incidents]
    frame["country_code"] = [i.location.country if i.location else "" for i in incidents]
    frame["gazetteer_id"] = [i.location.gazetteer_id if i.location else "" for i in incidents]
    frame["figures"] = [json.dumps([_figure_dict(f) for f in i.figures], ensure_ascii=False,
                                   sort_keys=True) for i in incidents]
    for column in EXTRA_INCIDENT_COLUMNS:
        frame[column] = frame[column].astype(object)
    return frame


def _figure_dict(f: Figure) -> dict:
    d = f.to_dict()
    d["quote"] = f.quote.text if f.quote else ""
    return d


def mention_rows(mentions: Sequence[Mention], article_ids: Sequence[str]) -> gpd.GeoDataFrame:
    from incimap.geo.layers import mentions_frame

    frame = mentions_frame(mentions)
    frame.insert(0, "article_id", pd.Series(list(article_ids), dtype=object))
    return frame


def events_frame(events: Sequence[Event]) -> gpd.GeoDataFrame:
    """One row per event: reconciled values, and every source and claim as JSON."""
    from shapely.geometry import Point

    rows, geoms = [], []
    for e in events:
        p = e.location
        rows.append({
            "event_id": e.id, "event_date": e.event_date, "time_precision": e.time_precision,
            "event_type": e.event_type, "sub_event_type": e.sub_event_type,
            "actor1": e.actor1, "actor2": e.actor2, "location": p.name if p else "",
            "country_code": p.country if p else "", "admin1": p.admin1 if p else "",
            "admin2": p.admin2 if p else "", "feature_type": p.feature_type if p else "",
            "latitude": p.lat if p else None, "longitude": p.lon if p else None,
            "uncertainty_km": p.uncertainty_km if p else None, "fatalities": e.fatalities,
            "reports": len(e.members), "curated": e.curated, "automatic": e.automatic,
            "title": e.title, "members": json.dumps(list(e.members)),
            "sources": json.dumps([s.to_dict() for s in e.sources], ensure_ascii=False),
            "claims": json.dumps([{"incident_id": c.incident_id, **_figure_dict(c.figure)}
                                  for c in e.claims], ensure_ascii=False),
        })
        geoms.append(Point(p.lon, p.lat) if p else None)
    data = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for column in ("time_precision", "fatalities", "reports"):
        data[column] = data[column].astype("Int64")
    for column in ("latitude", "longitude", "uncertainty_km"):
        data[column] = data[column].astype("float64")
    for column in ("curated", "automatic"):
        data[column] = data[column].astype(bool)
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


# --------------------------------------------------------------------------- reading


def read_frame(path: str | Path, layer: str = "incidents") -> gpd.GeoDataFrame:
    """The incident (or ``layer``) frame of a dataset folder or file."""
    p = Path(path)
    if p.is_dir():
        target = p / f"{layer}.parquet"
        if not target.exists():
            raise InputError(f"not an incimap dataset (no {layer}.parquet)", path=str(p))
        return _read_file(target)
    if not p.exists():
        raise InputError("dataset not found", path=str(p))
    return _read_file(p, layer)


def _read_file(p: Path, layer: str = "incidents") -> gpd.GeoDataFrame:
    suffix = p.suffix.lower()
    try:
        if suffix in (".parquet", ".geoparquet"):
            return gpd.read_parquet(p)
        if suffix == ".csv":
            table = pd.read_csv(p, dtype=str, keep_default_na=False)
            return _csv_points(table)
        import pyogrio

        if suffix == ".gpkg":
            layers = [name for name, _ in pyogrio.list_layers(p)]
            return gpd.read_file(p, layer=layer if layer in layers else layers[0],
                                 engine="pyogrio")
        return gpd.read_file(p, engine="pyogrio")
    except InputError:
        raise
    except Exception as e:  # pyarrow, GDAL and pandas each raise their own errors
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(f"cannot read dataset: {reason}", path=str(p)) from None


def _csv_points(table: pd.DataFrame) -> gpd.GeoDataFrame:
    from shapely.geometry import Point

    geoms = []
    for lat, lon in zip(table.get("latitude", [""] * len(table)),
                        table.get("longitude", [""] * len(table)), strict=True):
        a, b = _float(lat), _float(lon)
        geoms.append(Point(b, a) if a is not None and b is not None else None)
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(geoms, crs=CRS), crs=CRS)


def _float(value) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _int(value, default: int = 0) -> int:
    f = _float(value)
    return int(f) if f is not None else default


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


_TYPE_BY_PRECISION = {3: "province", 2: "district"}


class _Row:
    """Row ``n`` of column lists, read like a dict."""

    __slots__ = ("columns", "n")

    def __init__(self, columns: dict[str, list], n: int):
        self.columns, self.n = columns, n

    def get(self, key: str, default=None):
        column = self.columns.get(key)
        return default if column is None else column[self.n]

    def __getitem__(self, key: str):
        return self.columns[key][self.n]


def _country_code(row) -> str:
    code = _text(row.get("country_code"))
    if code:
        return code
    numeric = _int(row.get("iso"), 0)
    if numeric:
        import pycountry

        country = pycountry.countries.get(numeric=f"{numeric:03d}")
        return country.alpha_2 if country else ""
    return ""


def incidents_from_frame(frame: pd.DataFrame, path: str = "") -> list[Incident]:
    """Incidents of a frame with ACLED columns (and the batch's extra ones when present)."""
    missing = [c for c in ("event_date", "event_type") if c not in frame.columns]
    if missing:
        raise InputError(f"not a table of incidents: no column {', '.join(missing)}", path=path)
    from incimap.geo.extract import public_source

    out = []
    # Column lists, not a dict per row: a 100,000-row frame as records costs ~300 MB more.
    columns = {c: frame[c].tolist() for c in frame.columns}
    for n in range(len(frame)):
        row = _Row(columns, n)
        lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
        geom = row.get("geometry")
        if (lat is None or lon is None) and geom is not None and not getattr(
                geom, "is_empty", True) and geom.geom_type == "Point":
            lon, lat = geom.x, geom.y
        place = None
        if lat is not None and lon is not None:
            precision = _int(row.get("geo_precision"), 1)
            place = Place(
                name=_text(row.get("location")), lat=lat, lon=lon,
                feature_type=_text(row.get("feature_type"))
                or _TYPE_BY_PRECISION.get(precision, "place"),
                country=_country_code(row), admin1=_text(row.get("admin1")),
                admin2=_text(row.get("admin2")), gazetteer_id=_text(row.get("gazetteer_id")),
                source="dataset", radius_km=_float(row.get("uncertainty_km")) or 0.0)
        figures = ()
        if _text(row.get("figures")):
            try:
                figures = tuple(Figure(kind=f["kind"], value=int(f["value"]),
                                       qualifier=f.get("qualifier") or "", high=f.get("high"),
                                       who=f.get("who") or "",
                                       claimed_by=f.get("claimed_by") or "")
                                for f in json.loads(row["figures"]))
            except (ValueError, KeyError, TypeError):
                raise InputError("figures is not valid JSON", path=path, line=n + 2,
                                 field="figures") from None
        curated = row.get("curated")
        out.append(Incident(
            id=_text(row.get("event_id_cnty")) or f"{Path(path).stem or 'row'}-{n + 1}",
            title=_text(row.get("title")), event_type=_text(row.get("event_type")),
            sub_event_type=_text(row.get("sub_event_type")),
            event_date=_text(row.get("event_date"))[:10],
            time_precision=_int(row.get("time_precision"), 1), location=place,
            actor1=_text(row.get("actor1")), actor2=_text(row.get("actor2")),
            fatalities=_int(row.get("fatalities"), 0), figures=figures,
            notes=_text(row.get("notes")), source=public_source(_text(row.get("source"))),
            curated=curated is True or _text(curated).lower() in ("true", "1"),
            event_id=_text(row.get("event_id")), source_scale=_text(row.get("source_scale")),
            published=_text(row.get("published"))[:10],
            article_id=_text(row.get("article_id")),
            confidence=_float(row.get("confidence")),
            field_confidence={name: value for name in CONFIDENCE_FIELDS
                              if (value := _float(row.get(f"confidence_{name}"))) is not None}))
    return out


def sources_from_frame(frame: pd.DataFrame) -> dict[str, EventSource]:
    """Publication facts of each incident id, from the batch's columns."""
    if "url" not in frame.columns:
        return {}
    out = {}
    for row in frame[[c for c in ("event_id_cnty", "url", "publisher", "published", "curated",
                                  "source") if c in frame.columns]].to_dict(orient="records"):
        out[_text(row.get("event_id_cnty"))] = EventSource(
            incident_id=_text(row.get("event_id_cnty")),
            url=_text(row.get("url")) or _text(row.get("source")),
            publisher=_text(row.get("publisher")), published=_text(row.get("published")),
            curated=row.get("curated") is True)
    return out


def load_incidents(paths: Iterable[str | Path]) -> tuple[list[Incident], dict[str, EventSource]]:
    """Incidents (and their sources) of datasets, incident files and curated YAML files;
    ids made unique."""
    incidents: list[Incident] = []
    sources: dict[str, EventSource] = {}
    seen: set[str] = set()
    for path in paths:
        if Path(path).suffix.lower() in CURATED_SUFFIXES:
            from incimap.geo.curated import load_curated

            found = load_curated(path)
            found_sources = {i.id: EventSource(i.id, url=i.source, curated=True)
                             for i in found}
        else:
            frame = read_frame(path)
            found = incidents_from_frame(frame, str(path))
            found_sources = sources_from_frame(frame)
        for inc in found:
            new_id = inc.id
            if new_id in seen:  # two files may number their rows alike
                new_id = f"{Path(path).stem}:{inc.id}"
            seen.add(new_id)
            if new_id != inc.id:
                from dataclasses import replace

                if inc.id in found_sources:
                    found_sources[new_id] = replace(found_sources[inc.id], incident_id=new_id)
                inc = replace(inc, id=new_id)
            incidents.append(inc)
        sources.update(found_sources)
    return incidents, sources
