"""`incimap geocode NAME...`: names to coordinates, offline unless asked."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from pathlib import Path

import typer

from incimap.geo.cli import app, fail, out
from incimap.geo.exceptions import InputError, NoMatch
from incimap.geo.models import GeocodeResult

CSV_COLUMNS = ("query", "name", "lat", "lon", "feature_type", "admin1", "country", "population",
               "geo_precision", "radius_km", "gazetteer_id", "source", "match_kind", "score",
               "reason")


@app.command()
def geocode(
    names: list[str] = typer.Argument(None, help="Place names (or use --file)."),
    file: Path = typer.Option(None, "--file", "-f", help="Batch: one name per line ('-' stdin)."),
    column: str = typer.Option("", help="With --file: the CSV column holding names."),
    country: str = typer.Option("", "--country", "-c", help="Prefer this ISO country, e.g. PK."),
    only_country: bool = typer.Option(False, "--only-country",
                                      help="With --country: only places in it; others are "
                                           "not found."),
    near: str = typer.Option("", help="Prefer places near LAT,LON."),
    bbox: str = typer.Option("", help="Prefer places inside SOUTH,WEST,NORTH,EAST."),
    alternatives: int = typer.Option(0, "--alternatives", "-n", min=0, max=20,
                                     help="Show up to N ranked alternatives."),
    as_json: bool = typer.Option(False, "--json", help="JSON list of results."),
    as_geojson: bool = typer.Option(False, "--geojson", help="RFC 7946 FeatureCollection."),
    as_csv: bool = typer.Option(False, "--csv", help="CSV, one row per name."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to a file (atomically)."),
    no_fuzzy: bool = typer.Option(False, "--no-fuzzy", help="Exact names and variants only."),
    provider: str = typer.Option("", help="Ask an online provider instead "
                                          "(nominatim, photon, arcgis)."),
    fallback: str = typer.Option("", help="Online provider for names the gazetteer misses."),
    user_agent: str = typer.Option("", envvar="INCIMAP_USER_AGENT",
                                   help="User agent for online providers (Nominatim needs one)."),
    domain: str = typer.Option("", envvar="INCIMAP_PROVIDER_DOMAIN",
                               help="Provider server host[:port] (self-hosted)."),
    scheme: str = typer.Option("https", help="http or https for --domain."),
    timeout: float = typer.Option(10.0, min=0.1, max=300.0,
                                  help="Online request timeout in seconds (0.1 to 300)."),
) -> None:
    """Geocode place names from the offline gazetteer (online only with --provider/--fallback)."""
    from incimap.geo.fileio import check_output_file, check_stdout
    from incimap.geo.geocode import parse_bbox, parse_latlon

    if output:  # fail on a bad destination before the slow part
        check_output_file(output)
    else:
        check_stdout()
    _check_providers(provider, fallback)
    queries = list(names or []) + (_read_batch(file, column) if file else [])
    if not queries:
        raise fail("give place names or --file", 2)
    near_ll = parse_latlon(near) if near else None
    box = parse_bbox(bbox) if bbox else None
    online = dict(user_agent=user_agent, timeout=timeout, domain=domain, scheme=scheme)
    if only_country:
        results = _in_country(queries, country, near_ll, box, alternatives, not no_fuzzy)
    else:
        results = _resolve(queries, country, near_ll, box, alternatives, not no_fuzzy,
                           provider, fallback, online)
    found = [r for r in results if isinstance(r, GeocodeResult)]
    misses = [r for r in results if not isinstance(r, GeocodeResult)]
    fmt = "geojson" if as_geojson else "json" if as_json else "csv" if as_csv else "table"
    if found or fmt != "table":
        _emit(render(found, fmt, alternatives), output)
    for miss in misses:
        typer.echo(f"incimap: {miss}", err=True)
    if misses:
        if len(queries) > 1:
            typer.echo(f"incimap: {len(misses)} of {len(queries)} names not found", err=True)
        raise typer.Exit(1 if all(isinstance(m, NoMatch) for m in misses) else 2)


def _check_providers(provider: str, fallback: str) -> None:
    """An unknown --fallback fails now, not only once some name is missed."""
    from incimap.geo.providers import PROVIDERS

    for option, name in (("--provider", provider), ("--fallback", fallback)):
        if name and name.lower() not in PROVIDERS:
            raise InputError(f"unknown provider {name!r}; choose from {', '.join(PROVIDERS)}",
                             field=option)


def _resolve(queries, country, near, bbox, alternatives, fuzzy, provider, fallback, online):
    from incimap.geo.geocode import geocode_many
    from incimap.geo.providers import get_provider

    if provider:
        source = get_provider(provider, **online)
        return [_online(source, q, country, alternatives) for q in queries]
    results = []
    with _progress(len(queries)) as advance:
        for i in range(0, len(queries), _CHUNK):
            chunk = queries[i : i + _CHUNK]
            results += geocode_many(chunk, country=country, near=near, bbox=bbox,
                                    alternatives=alternatives, fuzzy=fuzzy)
            advance(len(chunk))
    if fallback and any(isinstance(r, NoMatch) for r in results):
        source = get_provider(fallback, **online)
        results = [_online(source, r.query, country, alternatives) if isinstance(r, NoMatch)
                   else r for r in results]
    return results


_CHUNK = 5000


def _in_country(queries, country, near, bbox, alternatives, fuzzy):
    """``--only-country``: each name among the places of that country only."""
    from incimap.geo.geocode import check_country, geocode

    if not check_country(country):
        raise InputError("--only-country needs --country", field="--only-country")
    results = []
    for q in queries:
        try:
            results.append(geocode(q, country=country, near=near, bbox=bbox,
                                   alternatives=alternatives, fuzzy=fuzzy, only_country=True))
        except (NoMatch, InputError) as e:
            results.append(e)
    return results


@contextlib.contextmanager
def _progress(total: int):
    """A progress bar on stderr for long batches in a terminal; silent otherwise."""
    if total < 2 * _CHUNK or not sys.stderr.isatty():
        yield lambda n: None
        return
    with typer.progressbar(length=total, label="geocoding", file=sys.stderr) as bar:
        yield bar.update


def _online(source, query: str, country: str, alternatives: int):
    try:
        return source.lookup(query, country=country, alternatives=alternatives)
    except NoMatch as e:
        return e


def _read_batch(path: Path, column: str) -> list[str]:
    from incimap.geo.fileio import read_text

    text = read_text(path, what="batch file")
    if not column:
        return [line.strip() for line in text.splitlines() if line.strip()]
    reader = csv.DictReader(io.StringIO(text))
    if column not in (reader.fieldnames or ()):
        raise InputError(f"no column {column!r} (columns: {', '.join(reader.fieldnames or [])})",
                         path=str(path), line=1, field="--column")
    return [(row.get(column) or "").strip() for row in reader]


def _emit(text: str, output: Path | None) -> None:
    from incimap.geo.fileio import write_text_atomic

    if output:
        write_text_atomic(output, text)
    else:
        out(text, nl=not text.endswith("\n"))


def render(results: list[GeocodeResult], fmt: str, alternatives: int = 0) -> str:
    """Results as a table, JSON, GeoJSON or CSV text."""
    if fmt == "json":
        return json.dumps([_trim(r.to_dict(), alternatives) for r in results],
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "geojson":
        return json.dumps(to_feature_collection(results, alternatives), ensure_ascii=False,
                          indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for r in results:
            writer.writerow(r.to_dict(with_alternatives=False))
        return buf.getvalue()
    return table(results, alternatives)


def _trim(d: dict, alternatives: int) -> dict:
    d["alternatives"] = d.get("alternatives", [])[:alternatives]
    return d


def to_feature_collection(results: list[GeocodeResult], alternatives: int = 0) -> dict:
    features = []
    for r in results:
        props = _trim(r.to_dict(), alternatives)
        lat, lon = props.pop("lat"), props.pop("lon")
        features.append({"type": "Feature",
                         "geometry": {"type": "Point",
                                      "coordinates": [round(lon, 6), round(lat, 6)]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def table(results: list[GeocodeResult], alternatives: int = 0) -> str:
    header = ("query", "name", "lat", "lon", "type", "admin1", "cc", "prec", "±km", "match",
              "score")
    rows = []
    for r in results:
        rows.append(_row(r.query, r))
        rows.extend(_row("  alt", a) for a in r.alternatives[:alternatives])
    widths = [max(len(str(x[i])) for x in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
             for row in (header, *rows)]
    if alternatives:
        lines += [f"{r.query}: {r.reason}" for r in results]
    return "\n".join(lines) + "\n"


def _row(label: str, r: GeocodeResult) -> tuple:
    p = r.place
    return (label, p.name, f"{p.lat:.5f}", f"{p.lon:.5f}", p.feature_type, p.admin1 or "-",
            p.country, p.geo_precision, f"{p.uncertainty_km:g}", r.match_kind, f"{r.score:.0f}")
