"""Exports of the layers to GIS formats, validated first and written atomically.

- GeoJSON per RFC 7946: lon/lat, no ``crs`` member, coordinates rounded to 6 decimals,
  polygons counter-clockwise (right-hand rule), properties plain JSON.
- GeoPackage: one layer per frame (incidents, mentions, route, stations, uncertainty).
- KML (GDAL's LIBKML driver): one folder per layer, each placemark with a name and an
  HTML-escaped description; every column also kept as ExtendedData.
- CSV: the attribute columns (ACLED's names for incidents), WKT for non-point layers.
- GeoParquet.

Every writer stages its output beside the target and renames it into place on success, so a
failed export never leaves a half-written file; ``all`` moves its files in only when every one
was written.
"""

from __future__ import annotations

import html
import json
import math
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from incimap.geo.exceptions import ExportError
from incimap.geo.fileio import atomic_path, move_into_place, temporary_folder, write_text_atomic
from incimap.geo.layers import (
    incidents_frame,
    mentions_frame,
    route_frame,
    stations_frame,
    uncertainty_frame,
)
from incimap.geo.models import Incident, Mention, Route

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
    return value is None or isinstance(value, (str, bool, int, float)) or pd.isna(value)


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
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if pd.isna(value):
        return None
    return str(value)


def write_geojson(frame: gpd.GeoDataFrame, path: str | Path,
                  precision: int = GEOJSON_PRECISION) -> Path:
    """GeoJSON text of ``frame`` to ``path`` (``-`` is stdout)."""
    text = json.dumps(geojson_dict(frame, precision), ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False) + "\n"
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
            pyogrio.write_dataframe(
                frame, staged, layer=name, driver="GPKG", append=i > 0,
                geometry_type=geometry_type,
                promote_to_multi=geometry_type.startswith("Multi") or None)

    return _staged_write(path, ".gpkg", write)


def write_kml(layers: Mapping[str, gpd.GeoDataFrame], path: str | Path) -> Path:
    """KML for Google Earth: one folder per layer, placemarks named and described."""
    import pyogrio

    def write(staged: Path) -> None:
        for i, (name, frame) in enumerate(layers.items()):
            pyogrio.write_dataframe(_kml_frame(name, frame), staged, layer=name,
                                    driver="LIBKML", append=i > 0,
                                    layer_options={"FOLDER": "YES"})

    return _staged_write(path, ".kml", write)


def _kml_frame(layer: str, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``name`` and an HTML ``description`` first; KML has no 64-bit ints, so use 32-bit."""
    out = frame.copy()
    out["name"] = [_kml_name(layer, row) for row in frame.to_dict(orient="records")]
    out["description"] = [_kml_description(row, frame.geometry.name)
                          for row in frame.to_dict(orient="records")]
    for column in out.columns:
        if str(out[column].dtype) == "Int64":
            out[column] = out[column].astype("Int32")
    first = ["name", "description"]
    return out[first + [c for c in out.columns if c not in first]]


def _kml_name(layer: str, row: dict) -> str:
    for key in ("title", "name", "surface", "location", "event_id_cnty", "ref"):
        value = plain(row.get(key))
        if value:
            return str(value)
    return layer


def _kml_description(row: dict, geometry_column: str) -> str:
    """An HTML table of the row's values, every value escaped."""
    cells = "".join(
        f"<tr><th>{html.escape(key)}</th><td>{html.escape(str(value))}</td></tr>"
        for key, value in ((k, plain(v)) for k, v in row.items())
        if key not in (geometry_column, "name") and value not in (None, "")
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


def write_csv(frame: gpd.GeoDataFrame, path: str | Path) -> Path:
    table = csv_frame(frame)
    return _staged_write(path, ".csv", lambda staged: table.to_csv(
        staged, index=False, encoding="utf-8", lineterminator="\n"))


def write_parquet(frame: gpd.GeoDataFrame, path: str | Path) -> Path:
    return _staged_write(path, ".parquet", lambda staged: frame.to_parquet(staged, index=False))


# --------------------------------------------------------------------------- entry points


def export_layers(layers: Mapping[str, gpd.GeoDataFrame], path: str | Path, fmt: str,
                  layer: str = "incidents", stem: str = "incimap") -> list[Path]:
    """Write ``layers`` as ``fmt`` to ``path``; single-layer formats write ``layer``.

    ``fmt="all"`` takes ``path`` as an existing folder and writes every format there:
    ``stem.gpkg``, ``stem.kml`` and ``stem_<layer>.<ext>`` for the single-layer formats.
    """
    fmt = fmt.lower()
    if fmt != "all" and fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}, all")
    if fmt != "all" and fmt in SINGLE_LAYER_FORMATS and layer not in layers:
        raise ExportError(f"no layer '{layer}'; have {', '.join(layers)}")
    if fmt == "all" and not Path(path).is_dir():
        raise ExportError(f"{path}: output folder does not exist")
    target = Path(path) if fmt == "all" else _output_file(path)
    for name, frame in layers.items():
        validate_layer(name, frame)
    if fmt != "all":
        return [_write(layers, target, fmt, layer)]
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


def _output_file(path: str | Path) -> Path:
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{folder}: output folder does not exist")
    if target.is_dir():
        raise ExportError(f"{target}: is a folder; give a file name")
    return target
