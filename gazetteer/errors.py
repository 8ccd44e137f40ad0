"""The root of the project's exceptions and the gazetteer's own.

``incimap.geo.exceptions`` re-exports these with the rest of the family tree; import
from there. They live here because the gazetteer sits below geo and never imports it.
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


class GazetteerError(IncimapError):
    """The gazetteer store cannot be built or read."""
