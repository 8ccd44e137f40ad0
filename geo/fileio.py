"""Reading user files with clear errors, and writing outputs atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo.exceptions import InputError


def read_text(path: str | Path, *, what: str = "file") -> str:
    """Text of a UTF-8 file (``-`` is stdin); binary or undecodable input names the line."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        name = str(path)
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError(f"{what} not found", path=name) from None
        except IsADirectoryError:
            raise InputError(f"{what} is a directory", path=name) from None
        except OSError as e:
            raise InputError(f"cannot read {what}: {e.strerror}", path=name) from None
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
