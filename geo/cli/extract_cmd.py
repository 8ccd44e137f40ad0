"""`incimap extract ARTICLE`: places, roles and incidents of a news article."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from incimap.geo.cli import app, options, out, warn

FORMATS = ("geojson", "json", "csv", "table", "gpkg", "kml", "parquet")
# Formats that are files, not text: written by the exporter, -o required.
FILE_FORMATS = ("gpkg", "kml", "parquet")
_BY_SUFFIX = {".geojson": "geojson", ".json": "json", ".csv": "csv", ".gpkg": "gpkg",
              ".kml": "kml", ".parquet": "parquet"}


@app.command()
def extract(
    article: str = typer.Argument(None, help="Article text file ('-' for stdin; "
                                             "default: the seed article)."),
    published: str = options.PUBLISHED,
    country: str = options.COUNTRY,
    fmt: str = typer.Option(None, "--format", "-f",
                            help="geojson, json, csv (ACLED columns), table, or gpkg, kml, "
                                 "parquet (with -o). Default: from -o's extension, else "
                                 "geojson."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to a file (atomically)."),
    min_confidence: float = options.MIN_CONFIDENCE,
    fallback: str = typer.Option("", help="Online provider (nominatim, photon, arcgis) for "
                                          "places the gazetteer lacks; offline without it."),
    user_agent: str = options.USER_AGENT,
    domain: str = options.DOMAIN,
    scheme: str = options.SCHEME,
    timeout: float = options.TIMEOUT,
    recognizer: str = typer.Option(None, "--recognizer",
                                   help="How place names are found: gazetteer (the scan and "
                                        "its filters) or classifier (the learned span "
                                        "model, the default)."),
) -> None:
    """Find and resolve every place an article names, and the incidents it reports.

    A place the gazetteer lacks is kept, unresolved ("not located"); --fallback asks an
    online provider for it."""
    from incimap.geo.exceptions import InputError
    from incimap.geo.extract import extract_file, parse_date
    from incimap.geo.fileio import check_output_file, check_stdout, write_text_atomic

    if fmt is None:
        fmt = _BY_SUFFIX.get(output.suffix.lower(), "geojson") if output else "geojson"
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}",
                         field="--format")
    if fmt in FILE_FORMATS and not output:
        raise InputError(f"{fmt} is a file format; give -o FILE", field="--format")
    if output:  # fail on a bad destination before the slow part
        check_output_file(output)
    else:
        check_stdout()
    if article is None:
        from incimap.seeds import SEED_ARTICLE

        article = str(SEED_ARTICLE)
    date = parse_date(published) if published else None
    provider = None
    if fallback:
        from incimap.geo.providers import PROVIDERS, get_provider

        if fallback.lower() not in PROVIDERS:
            raise InputError(f"unknown provider {fallback!r}; choose from "
                             f"{', '.join(PROVIDERS)}", field="--fallback")
        provider = get_provider(fallback, user_agent=user_agent, timeout=timeout,
                                domain=domain, scheme=scheme)
    result = extract_file(article, published=date, country=country, fallback=provider,
                          recognizer=recognizer)
    if min_confidence is not None:
        from dataclasses import replace

        from incimap.geo.confidence import at_least

        result = replace(result, incidents=tuple(at_least(result.incidents, min_confidence)))
    for message in result.warnings:
        warn(f"{article}: {message}")
    if fmt in FILE_FORMATS:
        from incimap.geo.export import build_layers, export_layers

        export_layers(build_layers(result.incidents, result.mentions), output, fmt)
        return
    text = render(result, fmt)
    if output:
        write_text_atomic(output, text)
    else:
        out(text, nl=not text.endswith("\n"))


def render(result, fmt: str) -> str:
    """The text of one format; geojson and csv are exactly what ``incimap export`` writes."""
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n"
    if fmt in ("geojson", "csv"):
        from incimap.geo.export import csv_text, geojson_text
        from incimap.geo.layers import incidents_frame

        frame = incidents_frame(result.incidents)
        return geojson_text(frame) if fmt == "geojson" else csv_text(frame)
    return table(result)


def table(result) -> str:
    from incimap.geo.reader.incidents import UNLOCATED

    lines = [f"{len(result.mentions)} place mentions, {len(result.incidents)} incidents "
             f"({result.source}, published {result.published or 'unknown'})", "", "PLACES"]
    for m in result.mentions:
        p = m.place
        if p is None:  # a place the gazetteer lacks: kept, never dropped
            lines.append(f"  {m.surface:<26} {m.role:<13} not located ({m.hint or 'place'}, "
                         f"not in the gazetteer)")
            continue
        lines.append(f"  {m.surface:<26} {m.role:<13} {p.name} ({p.feature_type}, "
                     f"{p.admin1 or p.country}) {p.lat:.4f},{p.lon:.4f} "
                     f"prec {p.geo_precision} ±{p.uncertainty_km:g} km")
    lines += ["", "INCIDENTS"]
    for i in result.incidents:
        where = i.location.name if i.location else "?"
        if i.location and i.location.source.startswith(UNLOCATED):
            where += f" ({i.location.source})"
        lines.append(f"  {i.id} {date_text(i)} (precision {i.time_precision}) {i.event_type} / "
                     f"{i.sub_event_type}  confidence {confidence_text(i)}")
        actors = f"{i.actor1} vs {i.actor2}" if i.actor2 else i.actor1  # no one targeted
        lines.append(f"      at {where} (geo precision {i.geo_precision}); {actors}; "
                     f"fatalities {i.fatalities}")
        if i.field_confidence:
            lines.append("      field confidence: " + ", ".join(
                f"{k} {v:.2f}" for k, v in i.field_confidence.items()))
        shown = set()
        for f in i.figures:
            line = (f"      - {f.kind}: {figure_text(f)}"
                    f"{' (per ' + f.claimed_by + ')' if f.claimed_by else ''}")
            if line not in shown:  # one report's figure repeated in a later sentence
                shown.add(line)
                lines.append(line)
    return "\n".join(lines) + "\n"


def date_text(i) -> str:
    """The date as precise as it is known: "2025-03" for a month, not its 1st."""
    if i.time_precision == 3 and len(i.event_date) == 10 and i.event_date.endswith("-01"):
        return i.event_date[:7]
    return i.event_date


def confidence_text(i) -> str:
    return "-" if i.confidence is None else f"{i.confidence:.2f}"


def figure_text(f) -> str:
    """"at least 27 militants"; "several passengers (counted as 3)"."""
    from incimap.geo.reader.english import VAGUE_QUALIFIERS

    if f.qualifier in VAGUE_QUALIFIERS:
        return f"{f.qualifier} {f.who} (counted as {f.value})".replace("  ", " ")
    return " ".join(str(x) for x in (f.qualifier, f.value, f.who) if x)
