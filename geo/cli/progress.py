"""Drawing a gazetteer build's progress on stderr (the gazetteer only reports numbers)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

# A plain line at each of these shares where stderr is not a terminal (a CI log, a file):
# at most four lines however long the build, and none for a build of a few seconds.
_MILESTONES = (0.25, 0.5, 0.75)
_QUIET_SECONDS = 3.0
_WIDTH = 30
_REDRAW_SECONDS = 0.2


class BuildProgress:
    """A ``progress(done, total, stage)`` callback for ``gazetteer.build_world``.

    In a terminal: one line redrawn in place with a bar and the time left. Elsewhere:
    a line at each quarter and one at the end. ``clock`` is a seam for tests.
    """

    def __init__(self, what: str = "world gazetteer", stream: TextIO | None = None,
                 tty: bool | None = None, clock: Callable[[], float] | None = None):
        self.what, self.clock = what, clock or time.monotonic
        self._stream, self._tty = stream, tty
        self._reset()

    def _reset(self) -> None:
        self.start: float | None = None
        self.next_milestone = 0
        self.drawn = -1.0
        self.shown = False

    @property
    def stream(self) -> TextIO:
        # sys.stderr as it is now: the CLI sets one callback up per process, and a caller
        # (a test runner) may have replaced stderr since.
        return self._stream if self._stream is not None else sys.stderr

    @property
    def tty(self) -> bool:
        return self._tty if self._tty is not None else _isatty(self.stream)

    def __call__(self, done: int, total: int, stage: str) -> None:
        now = self.clock()
        if self.start is None:
            self.start = now
        elapsed = now - self.start
        if stage == "done":
            if self.shown:
                self._line(f"{self.what} built in {elapsed:.0f} s", end="\n")
            self._reset()  # ready for the next build in this process
            return
        share = done / total if total else 0.0
        if self.tty:
            if now - self.drawn >= _REDRAW_SECONDS:
                self.drawn = now
                bar = "#" * int(share * _WIDTH)
                doing = {"reading": " (reading GeoNames)", "indexes": " (indexing)"}
                self._line(f"building the {self.what} [{bar:<{_WIDTH}}] {share:4.0%}"
                           f"{doing.get(stage, '')}{_left(share, elapsed)}")
            return
        while (self.next_milestone < len(_MILESTONES)
               and share >= _MILESTONES[self.next_milestone]):
            self.next_milestone += 1
            if elapsed < _QUIET_SECONDS:
                continue
            self._line(f"{self.what} {share:.0%} built ({elapsed:.0f} s{_left(share, elapsed)})",
                       end="\n")

    def _line(self, text: str, end: str = "") -> None:
        self.shown = True
        if self.tty:  # redraw in place; \x1b[K clears what a longer line left
            self.stream.write(f"\rincimap: {text}\x1b[K{end}")
        else:
            self.stream.write(f"incimap: {text}{end}")
        self.stream.flush()


def _left(share: float, elapsed: float) -> str:
    """", about 20 s left", once enough is done for the pace to mean something."""
    if share < 0.05 or share >= 1:
        return ""
    return f", about {elapsed * (1 - share) / share:.0f} s left"


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False
