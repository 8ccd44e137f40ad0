"""Text plumbing for the article reader: sentences, tokens, and the folded copy of
the text that the place matcher scans (same length, so offsets carry over)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from incimap.geo.models import Span

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*\n|\n")
_ABBREVIATIONS = ("mr.", "mrs.", "ms.", "dr.", "st.", "gen.", "col.", "lt.", "capt.", "sgt.",
                  "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.", "no.", "vs.",
                  "u.s.", "u.k.", "e.g.", "i.e.", "approx.", "govt.", "jr.", "sr.")
TOKEN = re.compile(r"[^\W_](?:[\w'’.]*[^\W_])?", re.UNICODE)


def sentences(text: str) -> list[Span]:
    """Sentence spans; a line break always ends one (headlines, paragraphs)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(start, m.start() - 6) : m.start()].lower()
        if m.group(0).strip() == "" and before.endswith(_ABBREVIATIONS) and "\n" not in m.group(0):
            continue
        _add(spans, text, start, m.start())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start + chunk.index(stripped)
        spans.append(Span(s, s + len(stripped), stripped))


def paragraphs(text: str) -> list[Span]:
    out, start = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        _add(out, text, start, m.start())
        start = m.end()
    _add(out, text, start, len(text))
    return out


class SentenceIndex:
    """Which sentence holds an offset."""

    def __init__(self, spans: list[Span]):
        self.spans = spans
        self._starts = [s.start for s in spans]

    def at(self, offset: int) -> int:
        return max(0, bisect_right(self._starts, offset) - 1)


_TABLE_SIZE = 0x2070  # Latin letters and the General Punctuation block (’ “ ” – —)


@lru_cache(maxsize=1)
def _fold_table() -> str:
    """Map every non-ASCII letter in Latin ranges to its base letter, every
    punctuation mark to a space: one character for one character."""
    table = {}
    for code in range(0x80, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c)).lower()
        if len(base) == 1 and base.isascii():
            table[code] = base
    for ch in "-‐‑‒–—'’‘`´.,;:!?\"“”()[]{}/\\|&_*#@+=<>~^$%\n\t\r":
        table[ord(ch)] = " "
    # A string indexed by code point translates about twice as fast as a dict.
    return "".join(table.get(code, chr(code)) for code in range(_TABLE_SIZE))


def fold(text: str) -> str:
    """Lower-cased, diacritic-free, punctuation-as-space copy of ``text``, same length."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_fold_table())


_LOWER_WORD = re.compile(r"(?<![\w'’.])[a-z][a-z'’]*(?![\w])")


class LowerWords:
    """The words the article writes in lower case, found only if a rule asks."""

    def __init__(self, text: str):
        self.text, self.words = text, None

    def __contains__(self, word: str) -> bool:
        if self.words is None:
            self.words = set(_LOWER_WORD.findall(self.text))
        return word in self.words


def line_start(text: str, start: int) -> bool:
    return start == 0 or text[start - 1] == "\n"
