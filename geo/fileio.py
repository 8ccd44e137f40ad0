"""Reading user files with clear errors, and writing outputs atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo.exceptions import InputError

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
        data = sys.stdin.buffer.read(limit + 1)
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


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only on success."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError("is a folder; give a file name", path=str(target))
    if not folder.is_dir():
        raise InputError("output folder does not exist", path=str(folder))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"cannot write here: {e.strerror}", path=str(folder)) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` (``-`` is stdout) so that no half file is ever left."""
    if str(path) == "-":
        sys.stdout.write(text)
        return
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
