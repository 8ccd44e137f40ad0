"""Reading a data or input file with a size bound and errors that name the line.

It sits in the gazetteer, the lowest layer, because the curated overlay is read here;
``incimap.geo.fileio`` offers the same functions to the rest of the project.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from incimap.gazetteer.errors import InputError

# Inputs are read with a bound so that /dev/zero or a runaway pipe fails fast instead of
# filling memory; 20 MB is some 3,000 news articles.
MAX_INPUT_ENV = "INCIMAP_MAX_ARTICLE_MB"
DEFAULT_MAX_INPUT_MB = 20.0


def max_input_bytes() -> int:
    """The input size limit in bytes: ``INCIMAP_MAX_ARTICLE_MB`` (MB, default 20)."""
    raw = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not raw:
        return int(DEFAULT_MAX_INPUT_MB * 1_000_000)
    try:
        mb = float(raw)
    except ValueError:
        mb = -1.0
    if not 0 < mb <= 100_000:
        raise InputError(f"{MAX_INPUT_ENV} must be a number of MB above 0, got {raw!r}")
    return max(1, int(mb * 1_000_000))


def _limit_text(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB"


def read_text(path: str | Path, *, what: str = "file", limit: int | None = None) -> str:
    """Text of a UTF-8 file (``-`` is stdin); binary or undecodable input names the line.

    At most ``limit`` bytes (default ``max_input_bytes()``) are accepted: one byte more is
    read to tell, never the whole of an endless input.
    """
    limit = max_input_bytes() if limit is None else limit
    if str(path) == "-":
        data = _read_stdin(what, limit + 1)
        name = "<stdin>"
    else:
        name = str(path)
        try:
            with open(path, "rb") as f:
                data = f.read(limit + 1)
        except FileNotFoundError:
            raise InputError(f"{what} not found", path=name) from None
        except IsADirectoryError:
            raise InputError(f"{what} is a directory", path=name) from None
        except OSError as e:
            raise InputError(f"cannot read {what}: {e.strerror}", path=name) from None
    if len(data) > limit:
        raise InputError(f"{what} is larger than the {_limit_text(limit)} limit (set "
                         f"{MAX_INPUT_ENV} to raise it)", path=name)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise InputError(f"{what} is binary (NUL byte)", path=name, line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"{what} is not UTF-8 (byte {e.start})", path=name, line=line) from None
    return text


def _read_stdin(what: str, size: int = -1) -> bytes:
    if sys.stdin is None:  # started with fd 0 closed (`<&-`)
        raise InputError(f"standard input is closed; cannot read the {what} from '-'")
    try:
        return sys.stdin.buffer.read(size)
    except OSError as e:
        raise InputError(f"cannot read the {what} from standard input: {e.strerror or e}"
                         ) from None
