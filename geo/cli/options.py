"""Options several commands share, defined once so they read and behave alike."""

from __future__ import annotations

import typer

ROUTE = typer.Option(None, "--route", "-r", help="Route CSV (default: the Jaffar Express).")
PUBLISHED = typer.Option("", "--published",
                         help="Publication date YYYY-MM-DD (relative dates resolve against it).")
COUNTRY = typer.Option("", "--country", "-c", help="ISO country the article is about, e.g. PK.")
CURATED = typer.Option(False, "--curated",
                       help="Use the curated incidents (seeds/incidents.yaml), not the article.")
INCIDENTS_FILE = typer.Option(None, "--incidents",
                              help="Use the curated incidents of this YAML file.")
MIN_CONFIDENCE = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                              help="Keep only incidents whose confidence (0-1) reaches this; "
                                   "curated ones are kept.")


# Online providers (only ever asked with --provider or --fallback).
USER_AGENT = typer.Option("", envvar="INCIMAP_USER_AGENT",
                          help="User agent for online providers (Nominatim needs one).")
DOMAIN = typer.Option("", envvar="INCIMAP_PROVIDER_DOMAIN",
                      help="Provider server host[:port] (self-hosted).")
SCHEME = typer.Option("https", help="http or https for --domain.")
TIMEOUT = typer.Option(10.0, min=0.1, max=300.0,
                       help="Online request timeout in seconds (0.1 to 300).")


def curated_path(curated: bool, incidents_file):
    """The curated incidents file the options ask for, or None for the article's own."""
    from incimap.seeds import CURATED_INCIDENTS

    return incidents_file or (CURATED_INCIDENTS if curated else None)
