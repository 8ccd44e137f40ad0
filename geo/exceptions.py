"""Every exception the project raises, in one family tree.

The CLI catches ``IncimapError`` and prints ``str(error)`` as one line, so each
message must name the file, line or field at fault.
"""

from __future__ import annotations


class IncimapError(Exception):
    """Base of all project errors; ``exit_code`` is what the CLI returns."""

    exit_code = 2


class InputError(IncimapError):
    """Bad user input: a file, a line, an option value."""

    def __init__(self, message: str, *, path: str = "", line: int | None = None,
                 field: str = ""):
        where = ", ".join(
            part
            for part in (
                str(path) if path else "",
                f"line {line}" if line is not None else "",
                f"field '{field}'" if field else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.path, self.line, self.field = path, line, field


class DataError(InputError):
    """A data file of ours or the user's (gazetteer, overlay, route, curated seeds) is wrong."""


class NoMatch(IncimapError):
    """A place name the gazetteer cannot resolve."""

    exit_code = 1

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()):
        hint = f"; nearest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"no match for '{query}'{hint}")
        self.query, self.suggestions = query, suggestions


class GazetteerError(IncimapError):
    """The gazetteer store cannot be built or read."""


class ProviderError(IncimapError):
    """An online geocoding provider failed (timeout, HTTP error, bad answer)."""


class ProviderUnreachable(ProviderError, ConnectionError):
    """No answer from a provider at all (refused, unknown host, timed out): asking it
    again for the next name would only fail the same way."""


class RouteError(IncimapError):
    """A route file or a route operation is invalid."""


class ExportError(IncimapError):
    """An export cannot be written."""


class OutputError(IncimapError):
    """Standard output or an output file cannot be written (closed, full)."""


class BrokenPipe(OutputError):
    """The reader of standard output went away (``| head``): exit quietly, as shell tools do."""

    exit_code = 141  # 128 + SIGPIPE, what a shell reports for a tool killed by the pipe
