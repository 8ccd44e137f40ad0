"""The ``incimap`` command line: a thin layer over the library.

Each verb lives in its own module beside this one and registers itself on ``app``.
Heavy libraries (geopandas, folium) are imported inside the commands that need
them, so ``incimap --help`` and ``incimap geocode`` start fast.
"""

from __future__ import annotations

import sys

import typer

from incimap.geo.exceptions import BrokenPipe, IncimapError

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


def out(text: str = "", nl: bool = True) -> None:
    """Print on stdout, flushed and checked: a closed or full stdout is an error.

    (``typer.echo`` silently drops text when stdout is closed.)
    """
    from incimap.geo.fileio import write_stdout

    write_stdout(f"{text}\n" if nl else text)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("incident-mapper")
        except PackageNotFoundError:  # run from a checkout that was never installed
            number = "unknown (not installed)"
        out(f"incimap {number}")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: bool = typer.Option(False, "--version", callback=_show_version,
                                      is_eager=True, help="Show the version and exit."),
) -> None:
    """Read incident reports, geocode their places offline, map and export them."""


def _register() -> None:
    # Importing a command module registers its commands on ``app``.
    from incimap.geo.cli import (  # noqa: F401
        batch_cmd,
        evaluate_cmd,
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
    try:
        from typer._click import exceptions as click_errors
    except ImportError:  # typer before 0.26 uses the click package
        from click import exceptions as click_errors
    Abort, ClickException = click_errors.Abort, click_errors.ClickException
    NoArgsIsHelpError = getattr(click_errors, "NoArgsIsHelpError", ())  # click 8.2+

    _register()
    _report_builds()
    try:
        # Not standalone, so a usage error reaches us and prints as one line, not a box.
        code = app(args=argv, standalone_mode=False)
        _flush_stdout()  # text still buffered must reach its reader, or fail loudly
    except NoArgsIsHelpError as e:
        if e.format_message().strip():  # with rich, the help is already on stdout
            e.show()
        code = e.exit_code
    except ClickException as e:
        typer.echo(f"incimap: {e.format_message()} (see '{_command_path(e)} --help')",
                   err=True)
        code = e.exit_code
    except (BrokenPipe, BrokenPipeError):  # `incimap ... | head`: quiet, as shell tools are
        from incimap.geo.fileio import silence_stdout

        silence_stdout()
        code = BrokenPipe.exit_code
    except IncimapError as e:
        typer.echo(f"incimap: {e}", err=True)
        code = e.exit_code
    except OSError as e:  # a disk full, a permission: one line, not a traceback
        where = f"{e.filename}: " if e.filename else ""
        typer.echo(f"incimap: {where}{e.strerror or e}", err=True)
        code = 2
    except (KeyboardInterrupt, Abort):
        typer.echo("incimap: interrupted", err=True)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)


def _report_builds() -> None:
    """A first-run gazetteer build says how long and how much disk, then shows progress."""
    from incimap.gazetteer.reporting import report_builds
    from incimap.geo.cli.progress import BuildProgress

    report_builds(lambda message: typer.echo(f"incimap: {message}", err=True), BuildProgress())


def _command_path(error) -> str:
    """``incimap route locate`` for the command a usage error is about."""
    names, ctx = [], getattr(error, "ctx", None)
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(["incimap", *reversed(names)])


def _flush_stdout() -> None:
    from incimap.geo.fileio import write_stdout

    if sys.stdout is not None:
        write_stdout("")
