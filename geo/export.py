"""Exports of the layers to GIS formats, validated first and written atomically.

- GeoJSON per RFC 7946: lon/lat, no ``crs`` member, coordinates rounded to 6 decimals,
  polygons counter-clockwise (right-hand rule), properties plain JSON.
- GeoPackage: one layer per frame (incidents, mentions, route, stations, uncertainty);
  ``event_date`` a DATE.
- KML 2.2 (our own writer, so styles and times are exact): one folder per layer, each
  placemark with a name, an HTML-escaped description, a ``<Style>`` per event type (the
  map's colours, ``geo.palette``), a ``<TimeStamp>`` for a day or a ``<TimeSpan>`` for a
  week or month, and every column as typed ExtendedData.
- CSV: the attribute columns (ACLED's names and order for incidents), WKT for non-point
  layers; dates as ISO text.
- GeoParquet; ``event_date`` a date32.

No format cuts text: notes of any length survive in all five.

Every writer stages its output beside the target and renames it into place on success, so a
failed export never leaves a half-written file; ``all`` moves its files in only when every one
was written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import math
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from incimap.geo.exceptions import ExportError
from incimap.geo.fileio import (
    atomic_path,
    missing_folders,
    move_into_place,
    temporary_folder,
    write_text_atomic,
)
from incimap.geo.layers import (
    incidents_frame,
    mentions_frame,
    route_frame,
    stations_frame,
    uncertainty_frame,
)
from incimap.geo.models import Incident, Mention, Route
from incimap.geo.palette import event_colors

LAYERS = ("incidents", "mentions", "route", "stations", "uncertainty")
FORMATS = ("geojson", "gpkg", "kml", "csv", "parquet")
SINGLE_LAYER_FORMATS = ("geojson", "csv", "parquet")
EXTENSIONS = {"geojson": ".geojson", "gpkg": ".gpkg", "kml": ".kml", "csv": ".csv",
              "parquet": ".parquet"}
GEOJSON_PRECISION = 6

# Geometry type of each layer when it is empty (GDAL needs one to declare the layer).
_EMPTY_GEOMETRY_TYPE = {"incidents": "Point", "mentions": "Point", "route": "LineString",
                        "stations": "Point", "uncertainty": "Polygon"}


# --------------------------------------------------------------------------- layers


def build_layers(incidents: Iterable[Incident] = (), mentions: Iterable[Mention] = (),
                 route: Route | None = None) -> dict[str, gpd.GeoDataFrame]:
    """The five export layers; incidents and mentions located along ``route`` when given."""
    incidents, mentions = list(incidents), list(mentions)
    layers = {
        "incidents": incidents_frame(incidents, route),
        "mentions": mentions_frame(mentions, route),
        "uncertainty": uncertainty_frame([*incidents, *(m for m in mentions if m.place)]),
    }
    if route is not None:
        layers["route"] = route_frame(route)
        layers["stations"] = stations_frame(route)
    return {name: layers[name] for name in LAYERS if name in layers}


def validate_layer(name: str, frame: gpd.GeoDataFrame) -> None:
    """ExportError naming the layer, row and field of the first value no format can take."""
    if not isinstance(frame, gpd.GeoDataFrame):
        raise ExportError(f"layer '{name}': not a GeoDataFrame")
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise ExportError(f"layer '{name}': CRS must be EPSG:4326, got {frame.crs}")
    columns = [c for c in frame.columns if c != frame.geometry.name]
    if len(set(columns)) != len(columns) or not all(isinstance(c, str) and c for c in columns):
        raise ExportError(f"layer '{name}': column names must be unique non-empty strings")
    for column in columns:
        if frame[column].dtype == object:
            for i, value in enumerate(frame[column]):
                if not _is_plain(value):
                    raise ExportError(f"layer '{name}', row {i}, field '{column}': "
                                      f"{type(value).__name__} is not a plain value")
    geoms = frame.geometry.to_numpy()
    present = ~shapely.is_missing(geoms)
    if not present.any():
        return
    coords = shapely.get_coordinates(geoms[present])
    bad = ~(np.isfinite(coords).all(axis=1) & (np.abs(coords[:, 0]) <= 180)
            & (np.abs(coords[:, 1]) <= 90))
    if bad.any():
        counts = shapely.get_num_coordinates(geoms[present])
        row = int(np.flatnonzero(present)[np.searchsorted(np.cumsum(counts),
                                                          np.flatnonzero(bad)[0], "right")])
        raise ExportError(f"layer '{name}', row {row}, field 'geometry': "
                          f"coordinates outside WGS84 lon/lat")


def _is_plain(value) -> bool:
    return value is None or isinstance(value, (str, bool, int, float, dt.date)) or pd.isna(
        value)


# --------------------------------------------------------------------------- GeoJSON


def geojson_dict(frame: gpd.GeoDataFrame, precision: int = GEOJSON_PRECISION) -> dict:
    """An RFC 7946 FeatureCollection of ``frame`` (EPSG:4326), with no ``crs`` member."""
    geoms = _rfc7946_geometries(frame.geometry.to_numpy(), precision)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    records = frame[columns].to_dict(orient="records")
    features = [
        {"type": "Feature",
         "geometry": mapping(g) if g is not None else None,
         "properties": {k: plain(v) for k, v in props.items()}}
        for g, props in zip(geoms, records, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def _rfc7946_geometries(geoms: np.ndarray, precision: int) -> np.ndarray:
    """Coordinates rounded to ``precision`` decimals, polygons wound counter-clockwise."""
    rounded = shapely.transform(geoms, lambda xy: np.round(xy, precision))
    return shapely.orient_polygons(rounded, exterior_cw=False)


def plain(value):
    """A JSON value for a cell: numpy scalars to Python, NaN/NA to None, dates to ISO text."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.isoformat()
    if pd.isna(value):
        return None
    return str(value)


def geojson_text(frame: gpd.GeoDataFrame, precision: int = GEOJSON_PRECISION) -> str:
    """The GeoJSON file ``write_geojson`` writes, as text."""
    return json.dumps(geojson_dict(frame, precision), ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False) + "\n"


def incidents_geojson(incidents: Iterable[Incident], route: Route | None = None) -> dict:
    """Incidents as GeoJSON: the one layout of ``export -f geojson`` and ``extract``."""
    return geojson_dict(incidents_frame(incidents, route))


def write_geojson(frame: gpd.GeoDataFrame, path: str | Path,
                  precision: int = GEOJSON_PRECISION) -> Path:
    """GeoJSON text of ``frame`` to ``path`` (``-`` is stdout)."""
    text = geojson_text(frame, precision)
    if str(path) == "-":
        write_text_atomic(path, text)
        return Path(path)
    return _staged_write(path, ".geojson", lambda staged: staged.write_text(text, "utf-8"))


# --------------------------------------------------------------------------- GDAL formats


def write_gpkg(layers: Mapping[str, gpd.GeoDataFrame], path: str | Path) -> Path:
    """A GeoPackage with one layer per frame, written to a staging file then renamed."""
    import pyogrio

    def write(staged: Path) -> None:
        for i, (name, frame) in enumerate(layers.items()):
            geometry_type = _geometry_type(name, frame)
            # Through Arrow, so that a date column is a GeoPackage DATE, not TEXT.
            pyogrio.write_dataframe(
                frame, staged, layer=name, driver="GPKG", append=i > 0,
                geometry_type=geometry_type, use_arrow=True,
                promote_to_multi=geometry_type.startswith("Multi") or None)

    return _staged_write(path, ".gpkg", write)


KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
_KML_INT_MAX = 2**31 - 1  # KML's int is 32-bit
# Characters XML 1.0 cannot hold at all, even escaped: one in a note would make the whole
# file unreadable, so each becomes U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def write_kml(layers: Mapping[str, gpd.GeoDataFrame], path: str | Path) -> Path:
    """KML for Google Earth and QGIS: one folder per layer, placemarks named, described,
    styled by event type and stamped with their time."""
    text = kml_text(layers)
    return _staged_write(path, ".kml", lambda staged: staged.write_text(text, "utf-8"))


def kml_text(layers: Mapping[str, gpd.GeoDataFrame]) -> str:
    """The KML document of ``layers`` (deterministic: same layers, same bytes)."""
    kml = ET.Element("kml", xmlns=KML_NAMESPACE)
    document = ET.SubElement(kml, "Document", id="root_doc")
    ET.SubElement(document, "name").text = "incimap"
    styles = kml_style_ids([t for frame in layers.values() if "event_type" in frame
                            for t in frame["event_type"] if t])
    colors = event_colors(list(styles))
    for event_type, style_id in styles.items():
        _kml_style(document, style_id, colors[event_type])
    schemas = {name: _kml_schema(document, name, frame) for name, frame in layers.items()}
    for name, frame in layers.items():
        folder = ET.SubElement(document, "Folder", id=name)
        ET.SubElement(folder, "name").text = name
        geometry_column = frame.geometry.name
        for i, (row, geom) in enumerate(zip(frame.drop(columns=geometry_column).to_dict(
                orient="records"), frame.geometry, strict=True)):
            _kml_placemark(folder, f"{name}.{i + 1}", name, row, geom, styles, schemas[name])
    ET.indent(kml, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(kml, encoding="unicode") + "\n"


def kml_style_ids(event_types: Iterable[str]) -> dict[str, str]:
    """A ``<Style>`` id per event type, in order of first use: ``event-battles``, ..."""
    ids: dict[str, str] = {}
    for event_type in event_types:
        if event_type in ids:
            continue
        base = "event-" + (re.sub(r"[^a-z0-9]+", "-", event_type.lower()).strip("-") or "other")
        style_id, n = base, 2
        while style_id in ids.values():
            style_id, n = f"{base}-{n}", n + 1
        ids[event_type] = style_id
    return ids


def kml_color(hex_rgb: str, alpha: str = "ff") -> str:
    """KML's aabbggrr of a CSS ``#rrggbb``."""
    rgb = hex_rgb.lstrip("#").lower()
    return f"{alpha}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}"


def _kml_style(document: ET.Element, style_id: str, color: str) -> None:
    # No <Icon>: Google Earth tints its own pushpin, and nothing is fetched from a server.
    style = ET.SubElement(document, "Style", id=style_id)
    ET.SubElement(ET.SubElement(style, "IconStyle"), "color").text = kml_color(color)
    ET.SubElement(ET.SubElement(style, "LineStyle"), "color").text = kml_color(color)
    ET.SubElement(ET.SubElement(style, "PolyStyle"), "color").text = kml_color(color, "66")


def _kml_schema(document: ET.Element, layer: str, frame: gpd.GeoDataFrame) -> dict[str, str]:
    """A typed ``<Schema>`` of the layer's columns; returns column -> KML type."""
    schema = ET.SubElement(document, "Schema", name=layer, id=f"{layer}.schema")
    types = {}
    for column in frame.columns:
        if column in (frame.geometry.name, "name"):  # a name is the placemark's <name>
            continue
        types[column] = _kml_type(frame[column])
        ET.SubElement(schema, "SimpleField", name=column, type=types[column])
    return types


def _kml_type(series: pd.Series) -> str:
    dtype = str(series.dtype)
    if dtype == "bool":
        return "bool"
    if dtype in ("Int64", "int64", "int32", "Int32"):
        values = series.dropna()
        fits = values.empty or int(values.abs().max()) <= _KML_INT_MAX
        return "int" if fits else "double"
    if dtype in ("float64", "float32", "Float64"):
        return "double"
    return "string"


def _kml_placemark(folder: ET.Element, placemark_id: str, layer: str, row: dict, geom,
                   styles: Mapping[str, str], types: Mapping[str, str]) -> None:
    placemark = ET.SubElement(folder, "Placemark", id=placemark_id)
    ET.SubElement(placemark, "name").text = _xml_text(_kml_name(layer, row))
    ET.SubElement(placemark, "description").text = _xml_text(_kml_description(row))
    when = kml_time(row.get("event_date"), row.get("time_precision"))
    if when and when[0] == when[1]:
        ET.SubElement(ET.SubElement(placemark, "TimeStamp"), "when").text = when[0]
    elif when:
        span = ET.SubElement(placemark, "TimeSpan")
        ET.SubElement(span, "begin").text = when[0]
        ET.SubElement(span, "end").text = when[1]
    if row.get("event_type") in styles:
        ET.SubElement(placemark, "styleUrl").text = f"#{styles[row['event_type']]}"
    data = ET.SubElement(ET.SubElement(placemark, "ExtendedData"), "SchemaData",
                         schemaUrl=f"#{layer}.schema")
    for column, value in row.items():
        if column not in types:
            continue
        text = _kml_value(plain(value), types[column])
        if text is not None:
            ET.SubElement(data, "SimpleData", name=column).text = _xml_text(text)
    if geom is not None and not geom.is_empty:
        placemark.append(_kml_geometry(geom))


def kml_time(event_date, time_precision) -> tuple[str, str] | None:
    """(begin, end) ISO days a date of ACLED precision stands for: one day for precision 1,
    the week or month of ``geo.events.day_interval`` otherwise; None without a date."""
    from incimap.geo.events import day_interval

    precision = plain(time_precision)
    interval = day_interval(plain(event_date) or "", precision or 1)
    if interval is None:
        return None
    begin, end = (dt.date.fromordinal(n).isoformat() for n in interval)
    return begin, end


def _kml_value(value, kml_type: str) -> str | None:
    if value is None or value == "":
        return None  # no SimpleData: a null when read back
    if kml_type == "bool":
        return "1" if value else "0"
    if kml_type == "double":
        return repr(float(value))
    return str(value)


def _kml_geometry(geom) -> ET.Element:
    kind = geom.geom_type
    if kind.startswith("Multi") or kind == "GeometryCollection":
        multi = ET.Element("MultiGeometry")
        for part in geom.geoms:
            multi.append(_kml_geometry(part))
        return multi
    if kind == "Point":
        element = ET.Element("Point")
        ET.SubElement(element, "coordinates").text = _kml_coordinates([geom.coords[0]])
        return element
    if kind == "LineString":
        element = ET.Element("LineString")
        ET.SubElement(element, "tessellate").text = "1"
        ET.SubElement(element, "coordinates").text = _kml_coordinates(geom.coords)
        return element
    element = ET.Element("Polygon")
    ET.SubElement(element, "tessellate").text = "1"
    for tag, rings in (("outerBoundaryIs", [geom.exterior]), ("innerBoundaryIs", geom.interiors)):
        for ring in rings:
            linear = ET.SubElement(ET.SubElement(element, tag), "LinearRing")
            ET.SubElement(linear, "coordinates").text = _kml_coordinates(ring.coords)
    return element


def _kml_coordinates(coords) -> str:
    return " ".join(f"{c[0]!r},{c[1]!r}" for c in coords)


def _kml_name(layer: str, row: dict) -> str:
    for key in ("title", "name", "surface", "location", "event_id_cnty", "ref"):
        value = plain(row.get(key))
        if value:
            return str(value)
    return layer


def _kml_description(row: dict) -> str:
    """An HTML table of the row's values, every value escaped."""
    cells = "".join(
        f"<tr><th>{html.escape(key)}</th><td>{html.escape(str(value))}</td></tr>"
        for key, value in ((k, plain(v)) for k, v in row.items())
        if key != "name" and value not in (None, "")
    )
    return f"<table>{cells}</table>"


def _geometry_type(layer: str, frame: gpd.GeoDataFrame) -> str:
    """The layer's one geometry type; X and MultiX together become MultiX."""
    types = set(frame.geometry.dropna().geom_type)
    if not types:
        return _EMPTY_GEOMETRY_TYPE.get(layer, "Unknown")
    if len(types) == 1:
        return types.pop()
    bases = {t.removeprefix("Multi") for t in types}
    return f"Multi{bases.pop()}" if len(bases) == 1 else "Unknown"


def _staged_write(path: str | Path, suffix: str, write: Callable[[Path], None]) -> Path:
    """Run ``write`` on a staging path with the right extension, then move it to ``path``.

    GDAL picks behaviour from the file name, so the staging file lives in a private temporary
    folder beside the target under a proper name; side files (-wal, -shm) die with the folder.
    """
    target = Path(path)
    with atomic_path(target) as tmp, temporary_folder(tmp.parent) as folder:
        staged = Path(folder) / f"export{suffix}"
        try:
            write(staged)
        except Exception as e:  # GDAL raises its own family; report it as ours
            raise ExportError(f"{target}: cannot write: {e}") from None
        if tmp == target:  # a device or FIFO, written through (see atomic_path)
            shutil.copyfile(staged, tmp)
        else:
            staged.replace(tmp)
    return target


# --------------------------------------------------------------------------- tables


def csv_frame(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """Attributes only; a ``wkt`` column for layers that are not all points."""
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    geoms = frame.geometry
    if not geoms.dropna().empty and not (geoms.dropna().geom_type == "Point").all():
        table["wkt"] = [g.wkt if g is not None else "" for g in geoms]
    return table


def csv_text(frame: gpd.GeoDataFrame) -> str:
    """The CSV file ``write_csv`` writes, as text."""
    return csv_frame(frame).to_csv(index=False, lineterminator="\n")


def write_csv(frame: gpd.GeoDataFrame, path: str | Path) -> Path:
    return _staged_write(path, ".csv", lambda staged: staged.write_text(csv_text(frame),
                                                                       "utf-8"))


def write_parquet(frame: gpd.GeoDataFrame, path: str | Path) -> Path:
    return _staged_write(path, ".parquet", lambda staged: frame.to_parquet(staged, index=False))


# --------------------------------------------------------------------------- entry points


def export_layers(layers: Mapping[str, gpd.GeoDataFrame], path: str | Path, fmt: str,
                  layer: str = "incidents", stem: str = "incimap") -> list[Path]:
    """Write ``layers`` as ``fmt`` to ``path``; single-layer formats write ``layer``.

    ``fmt="all"`` takes ``path`` as a folder and writes every format there: ``stem.gpkg``,
    ``stem.kml`` and ``stem_<layer>.<ext>`` for the single-layer formats. Missing folders
    (also nested) are made, and removed again if the export fails.
    """
    fmt = fmt.lower()
    if fmt != "all" and fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}, all")
    if fmt != "all" and fmt in SINGLE_LAYER_FORMATS and layer not in layers:
        raise ExportError(f"no layer '{layer}'; have {', '.join(layers)}")
    for name, frame in layers.items():
        validate_layer(name, frame)
    folder = Path(path) if fmt == "all" else (Path(path).parent if str(Path(path).parent)
                                               else Path("."))
    if fmt != "all" and (Path(path).is_dir() or str(path).endswith(("/", os.sep))):
        raise ExportError(f"{path}: is a folder; give a file name")
    created = make_folders(folder)
    try:
        if fmt != "all":
            return [_write(layers, Path(path), fmt, layer)]
        return _write_all(layers, folder, stem)
    except BaseException:
        # A failed export leaves no trace, not even the folders it made.
        for made in created:
            with contextlib.suppress(OSError):
                made.rmdir()
        raise


def make_folders(folder: str | Path) -> list[Path]:
    """Create ``folder`` and its missing parents; returns those made, deepest first."""
    missing = missing_folders(folder)
    for made in reversed(missing):
        try:
            made.mkdir()
        except FileExistsError:
            continue  # made meanwhile by someone else: theirs, not ours to remove
        except OSError as e:
            raise ExportError(f"{made}: cannot create the folder: {e.strerror or e}") from None
    return missing


def _write_all(layers: Mapping[str, gpd.GeoDataFrame], target: Path, stem: str) -> list[Path]:
    plan = [(f"{stem}{EXTENSIONS[f]}", f, "") for f in FORMATS if f not in SINGLE_LAYER_FORMATS]
    plan += [(f"{stem}_{name}{EXTENSIONS[f]}", f, name)
             for f in SINGLE_LAYER_FORMATS for name in layers]
    for file_name, _, _ in plan:
        if (target / file_name).is_dir():
            raise ExportError(f"{target / file_name}: is a folder; cannot replace it")
    # All or nothing: every file is made in a hidden folder inside the target folder (same
    # file system, so the moves are renames) and moved into place only when all exist.
    with temporary_folder(target, suffix=".staging") as staging:
        for file_name, f, name in plan:
            try:
                _write(layers, staging / file_name, f, name)
            except ExportError as e:  # name the file the user asked for, not the staging one
                raise ExportError(str(e).replace(str(staging / file_name),
                                                 str(target / file_name))) from None
        return move_into_place(staging, target, [file_name for file_name, _, _ in plan])


def _write(layers: Mapping[str, gpd.GeoDataFrame], target: Path, fmt: str, layer: str) -> Path:
    if fmt == "gpkg":
        return write_gpkg(layers, target)
    if fmt == "kml":
        return write_kml(layers, target)
    writer = {"geojson": write_geojson, "csv": write_csv, "parquet": write_parquet}[fmt]
    return writer(layers[layer], target)
