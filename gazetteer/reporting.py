"""How a gazetteer build reports itself: ``Progress`` callbacks and who hears a build
that a lookup starts. Light on purpose: the CLI sets it up before every command."""

from __future__ import annotations

import sys
from collections.abc import Callable

# ``progress(done, total, stage)``: stage "places" while rows go in, "indexes", then
# "done" with done == total. ``done`` never goes back. Before them "reading", with
# total 0, while a generator of rows is read.
Progress = Callable[[int, int, str], None]
Notify = Callable[[str], None]


def _warn(message: str) -> None:
    print(f"incimap: {message}", file=sys.stderr)


# One line on stderr unless a caller (the CLI) draws its own message and progress.
_REPORT: dict[str, Callable | None] = {"notify": _warn, "progress": None}


def report_builds(notify: Notify | None, progress: Progress | None) -> None:
    """Set how a build started by ``open_gazetteer`` is reported (the CLI draws a bar)."""
    _REPORT.update(notify=notify, progress=progress)


def reporters() -> tuple[Notify | None, Progress | None]:
    return _REPORT["notify"], _REPORT["progress"]
