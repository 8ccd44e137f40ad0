"""The ``incimap`` command line: a thin layer over the library.

Each verb lives in its own module beside this one and registers itself on ``app``.
Heavy libraries (geopandas, folium) are imported inside the commands that need
them, so ``incimap --help`` and ``incimap geocode`` start fast.
"""

from __future__ import annotations

import sys

import typer

from geo.exceptions import IncimapError

app = typer.Typer(
    name="incimap",
    help="Read incident reports, geocode their places offline, map and export them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line on stderr and return the Exit to raise."""
    typer.echo(f"incimap: {message}", err=True)
    return typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"incimap: warning: {message}", err=True)


def _register() -> None:
    # Importing a command module registers its commands on ``app``.
    from geo.cli import (  # noqa: F401
        batch_cmd,
        export_cmd,
        extract_cmd,
        gazetteer_cmd,
        geocode_cmd,
        map_cmd,
        merge_cmd,
        route_cmd,
    )


def main(argv: list[str] | None = None) -> None:
    """Console entry point: every project error becomes one line and an exit code."""
    _register()
    try:
        app(args=argv, standalone_mode=True)
    except IncimapError as e:
        typer.echo(f"incimap: {e}", err=True)
        sys.exit(e.exit_code)
    except OSError as e:  # a disk full, a permission: one line, not a traceback
        where = f"{e.filename}: " if e.filename else ""
        typer.echo(f"incimap: {where}{e.strerror or e}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo("incimap: interrupted", err=True)
        sys.exit(130)
