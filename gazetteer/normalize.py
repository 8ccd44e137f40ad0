"""Name keys: how a place name is folded before it is stored or looked up.

Three keys, from strict to loose:

- ``normalize``: case, diacritics, punctuation, hyphens and runs of spaces folded
  ("Ab-e-Gum" -> "ab e gum", "Peshawar Cantt." -> "peshawar cantt"); an ampersand is
  "and" ("Antigua & Barbuda" -> "antigua and barbuda").
- ``spelt_out``: a key's abbreviated words written in full ("st kitts" -> "saint kitts"),
  a second try for a name not found as written.
- ``compact``: ``normalize`` without spaces, so "Musa Khel" meets "Musakhel".
- ``skeleton``: a consonant skeleton for South Asian (and other) romanisations:
  vowels after the first letter dropped, an ``h`` after a consonant dropped
  (kh/k, dh/d, sh/s), doubled letters merged. "Musakhail", "Musakhel" and
  "Musa Khel" share ``mskl``; "Mushkaf"/"Mashkaf", "Dhadar"/"Dadhar",
  "Jaffar"/"Jaffer", "Noshki"/"Nushki" pair up. A skeleton is only a candidate
  key: matches through it are confirmed by string similarity.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_VOWELS = frozenset("aeiouy")
# Letters some romanisations write that plain ASCII folding misses.
_EXTRA_FOLD = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae",
                             "œ": "oe", "þ": "th", "’": "", "'": "", "ʼ": "", "`": ""})


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """Lower-case, diacritic-free, punctuation-free name with single spaces."""
    text = unicodedata.normalize("NFKD", name.lower().replace("&", " and ").translate(_EXTRA_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", text).strip()


# Abbreviated words of names: "St. Kitts" is "Saint Kitts". Only before another word,
# since a word alone is a code ("ST" is Sao Tome's, "MT" Montana's).
_SPELT_OUT = {"st": "saint", "ste": "sainte", "sta": "santa", "sto": "santo",
              "mt": "mount", "ft": "fort"}


def spelt_out(key: str) -> str:
    """A ``normalize`` key with its abbreviated words written in full."""
    words = key.split()
    return " ".join([*(_SPELT_OUT.get(w, w) for w in words[:-1]), *words[-1:]])


def compact(name: str) -> str:
    """``normalize`` without spaces."""
    return normalize(name).replace(" ", "")


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Consonant skeleton of a Latin-script name; '' for other scripts."""
    key = compact(name)
    if not key or not key.isascii():
        return ""
    out = [key[0]]
    prev = key[0]
    for ch in key[1:]:
        if ch in _VOWELS or ch.isdigit():
            prev = ch
            continue
        if ch == "h" and prev not in _VOWELS:
            continue
        if ch != out[-1]:
            out.append(ch)
        prev = ch
    return "".join(out)


def deletions(key: str) -> set[str]:
    """The key and every string one character shorter (a symmetric-deletion index)."""
    return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}
