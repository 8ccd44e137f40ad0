"""Reading user files with clear errors, and writing outputs atomically."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from incimap.gazetteer.textfile import (  # noqa: F401  (re-exported: geo's file helpers)
    DEFAULT_MAX_INPUT_MB,
    MAX_INPUT_ENV,
    max_input_bytes,
    read_text,
)
from incimap.geo.exceptions import BrokenPipe, InputError, OutputError


def check_output_file(path: str | Path) -> Path:
    """The folder an output file goes to; InputError if the file cannot be made there."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise InputError("is a folder; give a file name", path=str(target))
    if not folder.is_dir():
        raise InputError("output folder does not exist", path=str(folder))
    return folder


def missing_folders(folder: str | Path, *, field: str = "") -> list[Path]:
    """The folders to create for ``folder`` to exist, deepest first; InputError when
    something that is not a folder stands in the way."""
    missing = []
    folder = Path(folder)
    for candidate in (folder, *folder.parents):
        if candidate.is_dir():
            return missing
        if os.path.lexists(candidate):
            raise InputError("is not a folder", path=str(candidate), field=field)
        missing.append(candidate)
    return missing


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place only on success."""
    target = Path(path)
    folder = check_output_file(target)
    if target.exists() and not target.is_file():
        # A device or FIFO (-o /dev/null, a named pipe): write through it. Renaming over it
        # would replace the device itself with a plain file.
        yield target
        return
    clean_stale_temporaries(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(), suffix=f".{target.name[:80]}.tmp",
                                   dir=folder)
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
        write_stdout(text)
        return
    with atomic_path(path) as tmp:
        try:
            tmp.write_text(text, encoding="utf-8")
        except OSError as e:  # a full disk reports no file name of its own
            raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None


def check_stdout() -> None:
    """Fail before any work when the output would go to a stdout that is closed."""
    if sys.stdout is None:
        raise OutputError("standard output is closed; nothing could be written")


def write_stdout(text: str) -> None:
    """Write and flush ``text`` to stdout, so a closed or full stdout is an error, not lost output.

    A reader that went away (``| head``) raises BrokenPipe; stdout then points at /dev/null so
    the interpreter's final flush stays quiet.
    """
    check_stdout()  # fd 1 closed at start (`>&-`) leaves sys.stdout None
    stream = sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        silence_stdout()
        raise BrokenPipe("standard output closed by its reader") from None
    except (OSError, ValueError) as e:  # ValueError: the stream object itself is closed
        silence_stdout()
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise OutputError(f"cannot write to standard output: {reason}") from None


def silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


# --------------------------------------------------------------------------- temporaries
# Every temporary output is a hidden ``.incimap-<pid>-<random>.*`` entry beside its target, so a
# later run can tell the leftovers of a killed run (pid gone, or old) from a live run's.

TEMP_PATTERN = re.compile(r"\.incimap-(\d+)-[a-z0-9_]{8}\.")
STALE_AFTER_S = 3600.0


def _temp_prefix() -> str:
    return f".incimap-{os.getpid()}-"


def clean_stale_temporaries(folder: str | Path) -> list[Path]:
    """Remove the temporaries a killed run left in ``folder``; returns what was removed."""
    from incimap.gazetteer.gazetteer import pid_alive

    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = TEMP_PATTERN.match(entry.name)
        if not m:
            continue
        pid = int(m.group(1))
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if (pid == os.getpid() or pid_alive(pid)) and age < STALE_AFTER_S:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue  # not ours to fight over; the next run tries again
        removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def temporary_folder(folder: str | Path, suffix: str = ".d") -> Iterator[Path]:
    """A hidden temporary folder inside ``folder``, removed with its contents on exit."""
    clean_stale_temporaries(folder)
    try:
        path = Path(tempfile.mkdtemp(prefix=_temp_prefix(), suffix=suffix, dir=folder))
    except OSError as e:
        raise InputError(f"cannot write here: {e.strerror}", path=str(folder)) from None
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def move_into_place(staging: Path, folder: Path, names: list[str]) -> list[Path]:
    """Move the files ``names`` from ``staging`` into ``folder``, all or none.

    Files being replaced are first kept aside in ``staging``; if any move fails, the ones
    already made are undone and the old files put back.
    """
    aside = staging / ".previous"
    aside.mkdir()
    done: list[str] = []
    try:
        for name in names:
            target = folder / name
            if os.path.lexists(target):
                os.replace(target, aside / name)
            done.append(name)
            os.replace(staging / name, target)
    except BaseException:
        for name in reversed(done):
            with contextlib.suppress(OSError):
                if os.path.lexists(aside / name):
                    os.replace(aside / name, folder / name)
                else:
                    (folder / name).unlink(missing_ok=True)
        raise
    return [folder / name for name in names]
