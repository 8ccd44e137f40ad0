"""Cache files that can be trusted on load: a header with a digest, and a restricted unpickler.

The cache folder is user-writable and its file names are predictable, so anything found
there may have been planted or damaged. Plain ``pickle.load`` would run whatever code a
planted file names. Here a file is ``MAGIC``, the payload's length and SHA-256, then the
payload; loading checks all three, and the unpickler resolves only the globals the
caller allows (the Python documentation's "restricting globals"), so no other callable
can ever be reached. Anything wrong raises ``CacheFileError`` and the caller rebuilds.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import struct
from pathlib import Path

MAGIC = b"incimap-cache\x00v1\x00"
_HEADER = struct.Struct(">Q32s")  # payload length, SHA-256 of the payload


class CacheFileError(Exception):
    """A cache file is missing, damaged, foreign or of the wrong type."""


class _RestrictedUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, allowed: frozenset[tuple[str, str]]):
        super().__init__(file)
        self._allowed = allowed

    def find_class(self, module: str, name: str):
        if (module, name) not in self._allowed:
            raise CacheFileError(f"cache file refers to {module}.{name}, which is not allowed")
        return super().find_class(module, name)


def dump(obj: object, path: Path) -> None:
    """Write ``obj`` to ``path`` atomically (temp file in the same folder, then rename)."""
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    header = MAGIC + _HEADER.pack(len(payload), hashlib.sha256(payload).digest())
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            f.write(header)
            f.write(payload)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def load(path: Path, allowed: frozenset[tuple[str, str]], expect: type) -> object:
    """The object in ``path``, if the file is whole, ours, and holds an ``expect``."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CacheFileError(f"cannot read: {e.strerror}") from None
    start = len(MAGIC) + _HEADER.size
    if not data.startswith(MAGIC) or len(data) < start:
        raise CacheFileError("not an incimap cache file")
    length, digest = _HEADER.unpack_from(data, len(MAGIC))
    payload = memoryview(data)[start:]
    if len(payload) != length or hashlib.sha256(payload).digest() != digest:
        raise CacheFileError("cache file is damaged (length or digest)")
    buffer = io.BytesIO(data)  # shares the bytes read: no copy of a 100 MB payload
    buffer.seek(start)
    try:
        obj = _RestrictedUnpickler(buffer, allowed).load()
    except CacheFileError:
        raise
    except Exception as e:  # any unpickling failure means the same: rebuild
        raise CacheFileError(f"cache file does not load: {type(e).__name__}") from None
    if not isinstance(obj, expect):
        raise CacheFileError(f"cache file holds a {type(obj).__name__}, not {expect.__name__}")
    return obj
