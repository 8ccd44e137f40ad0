"""`incimap geocode NAME...`: names to coordinates, offline unless asked."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from pathlib import Path

import typer

from incimap.geo.cli import app, fail, options, out
from incimap.geo.exceptions import InputError, NoMatch
from incimap.geo.models import GeocodeResult


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
    user_agent: str = options.USER_AGENT,
    domain: str = options.DOMAIN,
    scheme: str = options.SCHEME,
    timeout: float = options.TIMEOUT,
) -> None:
    """Geocode place names from the offline gazetteer (online only with --provider/--fallback).

    With --csv or --json every name gets a row, in input order, with a status (ok,
    ambiguous, online, not_found, blank, error: ...); a --file CSV keeps its columns.
    """
    from incimap.geo.fileio import check_output_file, check_stdout
    from incimap.geo.geocode import EMPTY_NAME, parse_bbox, parse_latlon

    if output:  # fail on a bad destination before the slow part
        check_output_file(output)
    else:
        check_stdout()
    _check_providers(provider, fallback)
    queries, records = list(names or []), None
    if any(not name.strip() for name in queries):  # (a blank line of a file is a blank row)
        raise InputError(EMPTY_NAME, field="name")
    if file:
        batch, records = _read_batch(file, column)
        queries += batch
        records = [{} for _ in names or []] + records if records is not None else None
    if not queries:
        raise fail("give place names or --file", 2)
    near_ll = parse_latlon(near) if near else None
    box = parse_bbox(bbox) if bbox else None
    online = dict(user_agent=user_agent, timeout=timeout, domain=domain, scheme=scheme)
    fmt = "geojson" if as_geojson else "json" if as_json else "csv" if as_csv else "table"
    # A row's status says "ambiguous" only if a runner-up was ranked against the winner.
    ranked = max(alternatives, 1) if fmt in ("csv", "json") else alternatives
    if only_country:
        results = _in_country(queries, country, near_ll, box, ranked, not no_fuzzy)
    else:
        results = _resolve(queries, country, near_ll, box, ranked, not no_fuzzy,
                           provider, fallback, online)
    found = [r for r in results if isinstance(r, GeocodeResult)]
    misses = [r for r in results if not isinstance(r, GeocodeResult) and not _blank(r)]
    if fmt in ("csv", "json"):
        _emit(render_rows(queries, results, records, fmt, alternatives), output)
    elif found or fmt != "table":
        _emit(render(found, fmt, alternatives), output)
    if fmt in ("csv", "json"):  # each row says what happened; stderr only sums it up
        _summarise(misses, len(queries))
    else:
        for miss in misses:
            typer.echo(f"incimap: {miss}", err=True)
        if misses and len(queries) > 1:
            typer.echo(f"incimap: {len(misses)} of {len(queries)} names not found", err=True)
    if misses:
        raise typer.Exit(1 if all(isinstance(m, NoMatch) for m in misses) else 2)


def _blank(outcome) -> bool:
    from incimap.geo.geocode import row_status

    return row_status(outcome) == "blank"


def _summarise(misses: list, total: int) -> None:
    """One line per distinct problem (a dead server is one line, not one per name)."""
    not_found = sum(isinstance(m, NoMatch) for m in misses)
    if not_found and total == 1:
        typer.echo(f"incimap: {misses[0]}", err=True)
    elif not_found:
        typer.echo(f"incimap: {not_found} of {total} names not found (see the status column)",
                   err=True)
    counts: dict[str, int] = {}
    for m in misses:
        if not isinstance(m, NoMatch):
            counts[str(m)] = counts.get(str(m), 0) + 1
    for message, n in counts.items():
        typer.echo(f"incimap: {message}" + (f" ({n} names)" if n > 1 else ""), err=True)


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
        return _online(source, queries, country, alternatives)
    results = []
    with _progress(len(queries)) as advance:
        for i in range(0, len(queries), _CHUNK):
            chunk = queries[i : i + _CHUNK]
            results += geocode_many(chunk, country=country, near=near, bbox=bbox,
                                    alternatives=alternatives, fuzzy=fuzzy)
            advance(len(chunk))
    missed = [i for i, r in enumerate(results) if isinstance(r, NoMatch)]
    if fallback and missed:
        source = get_provider(fallback, **online)
        answers = _online(source, [queries[i] for i in missed], country, alternatives)
        for i, answer in zip(missed, answers, strict=True):
            # A name the provider does not know either keeps the gazetteer's suggestions.
            results[i] = results[i] if isinstance(answer, NoMatch) else answer
    return results


_CHUNK = 5000


def _in_country(queries, country, near, bbox, alternatives, fuzzy):
    """``--only-country``: each name among the places of that country only."""
    from incimap.geo.geocode import check_country, geocode, geocode_many

    if not check_country(country):
        raise InputError("--only-country needs --country", field="--only-country")
    results = []
    for q in queries:
        if not q.strip():  # a blank row keeps its place, as in the ordinary batch
            results += geocode_many([q], country=country)
            continue
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


def _online(source, queries: list[str], country: str, alternatives: int) -> list:
    """Blank names are not sent; the rest get one outcome each (``lookup_many``)."""
    from incimap.geo.geocode import EMPTY_NAME

    asked = [q for q in queries if q.strip()]
    answers = iter(source.lookup_many(asked, country=country, alternatives=alternatives))
    return [next(answers) if q.strip() else InputError(EMPTY_NAME, field="name")
            for q in queries]


def _read_batch(path: Path, column: str) -> tuple[list[str], list[dict] | None]:
    """Names of a batch file, one per line (blank lines kept, but not trailing ones), or
    of a CSV column, with each CSV row's columns to carry through (None for a list)."""
    from incimap.geo.fileio import read_text

    text = read_text(path, what="batch file")
    if not column:
        lines = [line.strip() for line in text.splitlines()]
        while lines and not lines[-1]:
            lines.pop()
        return lines, None
    reader = csv.DictReader(io.StringIO(text))
    if column not in (reader.fieldnames or ()):
        raise InputError(f"no column {column!r} (columns: {', '.join(reader.fieldnames or [])})",
                         path=str(path), line=1, field="--column")
    records = [{k: v if v is not None else "" for k, v in row.items() if k is not None}
               for row in reader]
    return [(row.get(column) or "").strip() for row in records], records


def _emit(text: str, output: Path | None) -> None:
    from incimap.geo.fileio import write_text_atomic

    if output:
        write_text_atomic(output, text)
    else:
        out(text, nl=not text.endswith("\n"))


def render_rows(queries, outcomes, records, fmt: str, alternatives: int = 0) -> str:
    """Every input row with its status, as CSV or JSON (``geocode.batch_rows``)."""
    from incimap.geo.geocode import batch_rows

    columns, rows = batch_rows(queries, outcomes, records,
                               alternatives if fmt == "json" else None)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def render(results: list[GeocodeResult], fmt: str, alternatives: int = 0) -> str:
    """Found places as a table or GeoJSON text (CSV and JSON: ``render_rows``)."""
    if fmt == "geojson":
        return json.dumps(to_feature_collection(results, alternatives), ensure_ascii=False,
                          indent=2) + "\n"
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
