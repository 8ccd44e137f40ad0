"""The place matcher: an Aho-Corasick automaton over every Latin-script name key of the
gazetteer, built once and cached in the cache folder."""

from __future__ import annotations

import sys
from pathlib import Path

from incimap.gazetteer.gazetteer import on_clear
from incimap.geo.exceptions import GazetteerError


class Matcher:
    """An Aho-Corasick automaton over name keys (ASCII, 3+ characters).

    Each key is stored with a leading space and the text is scanned with one in
    front, so every match starts at a word start and a match inside a word can
    never swallow the name that follows it. Built once from the gazetteer's keys
    and cached in the cache folder (``geo.cachefile``: checked before it loads, and
    never able to run code); it loads in a fraction of a second.
    """

    def __init__(self, automaton, keys_version: str):
        self.automaton, self.version = automaton, keys_version

    @classmethod
    def from_keys(cls, keys, version: str = "") -> Matcher:
        import ahocorasick

        automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
        for key in keys:
            if len(key) >= 3 and key.isascii():
                automaton.add_word(" " + key)
                if " and " in key:  # "Antigua & Barbuda": the text folds "&" to a space
                    automaton.add_word(" " + key.replace(" and ", "   "))
        automaton.make_automaton()
        return cls(automaton, version)

    def has(self, key: str) -> bool:
        """Is ``key`` (normalised) one of the names?"""
        return len(key) >= 3 and key.isascii() and self.automaton.exists(" " + key)

    def spans(self, folded: str, text: str):
        """(start, end) of the longest capitalised, word-bounded names, left to right."""
        n = len(folded)
        best: dict[int, int] = {}
        for end, length in self.automaton.iter(" " + folded):
            start = end - length + 1  # ``end`` counts the leading space: offsets shift by one
            if not text[start].isupper() or (end < n and folded[end].isalnum()):
                continue
            if end > best.get(start, -1):
                best[start] = end
        reach = -1
        for start in sorted(best):
            if start >= reach:
                reach = best[start]
                yield start, reach


_MATCHERS: dict[str, Matcher] = {}

MATCHER_MB = 110  # the cache file of the matcher over the world's names


def matcher_path(version: str) -> Path:
    from incimap.gazetteer.gazetteer import cache_dir

    return cache_dir() / f"matcher-{version}.cache"


def matcher_version(gazetteer) -> str:
    """Names the stores and when each was built, so a new import means a new matcher."""
    import hashlib

    stamp = "|".join(f"{s.path.stem}:{s.meta.get('built', '')}:{s.meta.get('places', '')}"
                     for s in gazetteer.stores)
    return hashlib.sha1(stamp.encode()).hexdigest()[:16]


# The only global a matcher cache file may name: the automaton's own class.
_MATCHER_GLOBALS = frozenset({("ahocorasick", "Automaton")})


def _load_matcher(path: Path, version: str) -> Matcher | None:
    """The cached matcher, or None (with a warning) when the file is absent or not to trust."""
    import ahocorasick

    from incimap.geo import cachefile

    if not path.exists():
        return None
    try:
        automaton = cachefile.load(path, _MATCHER_GLOBALS, ahocorasick.Automaton)
    except cachefile.CacheFileError as e:
        print(f"incimap: warning: the matcher cache {path}: {e}; rebuilding it",
              file=sys.stderr)
        return None
    return Matcher(automaton, version)


def _remove_stale(folder: Path, keep: Path) -> None:
    """Older matchers and earlier pickle caches (temp files of killed builds go with the
    stores', ``gazetteer.remove_temps``)."""
    for stale in [*folder.glob("matcher-*.cache"), *folder.glob("matcher-*.pickle")]:
        if stale != keep:
            stale.unlink(missing_ok=True)


def get_matcher(gazetteer=None) -> Matcher:
    """The matcher for the open gazetteer, from memory, the cache file, or built."""
    from incimap.gazetteer.gazetteer import build_lock, open_gazetteer, remove_temps
    from incimap.geo import cachefile

    gaz = gazetteer or open_gazetteer()
    version = matcher_version(gaz)
    if version in _MATCHERS:
        return _MATCHERS[version]
    path = matcher_path(version)
    seen = path.stat().st_mtime_ns if path.exists() else None
    matcher = _load_matcher(path, version)
    if matcher is None:
        # One process builds it; others started at the same time wait, then load it.
        with build_lock(path.parent):
            if path.exists() and path.stat().st_mtime_ns != seen:
                matcher = _load_matcher(path, version)
            if matcher is None:
                remove_temps(path.parent)
                keys = (k for s in gaz.stores for (k,) in s.con.execute("SELECT key FROM keys"))
                matcher = Matcher.from_keys(keys, version)
                try:
                    cachefile.dump(matcher.automaton, path)
                except OSError as e:  # a full disk: one line naming the folder, like the stores
                    raise GazetteerError(f"cannot build the gazetteer in {path.parent}: "
                                         f"{e.strerror or e} (needs about {MATCHER_MB} MB)"
                                         ) from None
                _remove_stale(path.parent, path)
    _MATCHERS.clear()
    _MATCHERS[version] = matcher
    return matcher


@on_clear  # the matcher is built from the stores' names
def clear_matchers() -> None:
    _MATCHERS.clear()
