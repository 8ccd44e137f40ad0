"""Every exception the project raises, in one family tree.

The CLI catches ``IncimapError`` and prints ``str(error)`` as one line, so each
message must name the file, line or field at fault.
"""

from __future__ import annotations

# The root of the tree and the gazetteer's own errors live in the gazetteer, the lowest
# layer, so that it never imports geo; this module is still the one place to import from.
from incimap.gazetteer.errors import (  # noqa: F401
    DataError,
    GazetteerError,
    IncimapError,
    InputError,
)


class NoMatch(IncimapError):
    """A place name the gazetteer cannot resolve."""

    exit_code = 1

    def __init__(self, query: str, suggestions: tuple[str, ...] = ()):
        hint = f"; nearest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"no match for '{query}'{hint}")
        self.query, self.suggestions = query, suggestions


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
