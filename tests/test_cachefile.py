"""Cache files found in the cache folder are never trusted to run code (issue: a planted
pickle as the matcher cache ran its payload on load)."""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys

import pytest

from incimap.geo import cachefile


class _Payload:
    """Unpickling this calls os.system: what a planted cache file would do."""

    def __init__(self, canary):
        self.canary = canary

    def __reduce__(self):
        return (os.system, (f"touch {self.canary}",))


ALLOWED = frozenset({("builtins", "dict")})


def _planted(path, obj) -> None:
    """A file with our own header around a hostile pickle: only the globals check stops it."""
    payload = pickle.dumps(obj)
    header = cachefile.MAGIC + cachefile._HEADER.pack(len(payload),
                                                      hashlib.sha256(payload).digest())
    path.write_bytes(header + payload)


def test_round_trip(tmp_path):
    path = tmp_path / "x.cache"
    cachefile.dump({"a": 1}, path)
    assert cachefile.load(path, ALLOWED, dict) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["x.cache"]  # no temp file left


def test_restricted_unpickler_refuses_other_globals(tmp_path):
    canary = tmp_path / "PWNED"
    path = tmp_path / "x.cache"
    _planted(path, _Payload(canary))
    with pytest.raises(cachefile.CacheFileError, match="posix.system|os.system|not allowed"):
        cachefile.load(path, ALLOWED, dict)
    assert not canary.exists()


def test_plain_pickle_is_not_a_cache_file(tmp_path):
    canary = tmp_path / "PWNED"
    path = tmp_path / "x.cache"
    path.write_bytes(pickle.dumps(_Payload(canary)))
    with pytest.raises(cachefile.CacheFileError, match="not an incimap cache file"):
        cachefile.load(path, ALLOWED, dict)
    assert not canary.exists()


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty"])
def test_damaged_file_is_refused(tmp_path, damage):
    path = tmp_path / "x.cache"
    cachefile.dump({"a": list(range(1000))}, path)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[:-10]
    elif damage == "flip":
        data[-5] ^= 0xFF
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    with pytest.raises(cachefile.CacheFileError):
        cachefile.load(path, ALLOWED, dict)


def test_wrong_type_is_refused(tmp_path):
    path = tmp_path / "x.cache"
    cachefile.dump({"a": 1}, path)
    with pytest.raises(cachefile.CacheFileError, match="holds a dict, not list"):
        cachefile.load(path, ALLOWED, list)


def _matcher_cache(isolated_cache):
    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.reader import matcher as mentions

    return mentions.matcher_path(mentions.matcher_version(open_gazetteer()))


@pytest.mark.parametrize("planted", ["hostile pickle", "hostile in our header", "wrong type",
                                     "empty"])
def test_planted_matcher_cache_never_runs_and_is_rebuilt(isolated_cache, tmp_path, planted):
    """A planted matcher file: the next extract runs no payload, warns once and rebuilds."""
    from incimap.geo.reader import matcher as mentions

    mentions.get_matcher()  # the real cache exists
    path = _matcher_cache(isolated_cache)
    good = path.read_bytes()
    canary = tmp_path / "PWNED"
    try:
        if planted == "hostile pickle":
            path.write_bytes(pickle.dumps(_Payload(canary)))
        elif planted == "hostile in our header":
            _planted(path, _Payload(canary))
        elif planted == "wrong type":
            cachefile.dump({"not": "an automaton"}, path)
        else:
            path.write_bytes(b"")
        out = subprocess.run([sys.executable, "-m", "incimap.geo", "extract", "-", "-f", "json",
                              "--published", "2025-03-12"],
                             input=b"Gunmen attacked a bus near Quetta on Monday.",
                             capture_output=True, timeout=300)
        assert not canary.exists()
        assert out.returncode == 0, out.stderr
        assert b"Quetta" in out.stdout
        warnings = [line for line in out.stderr.decode().splitlines() if "matcher cache" in line]
        assert len(warnings) == 1 and "rebuilding" in warnings[0]
        assert b"Traceback" not in out.stderr
        # rebuilt: the next load trusts it again
        assert path.read_bytes()[:len(cachefile.MAGIC)] == cachefile.MAGIC
    finally:
        path.write_bytes(good)
        mentions.clear_matchers()
