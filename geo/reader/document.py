"""The article as the reader sees it: a ``Document`` built once from the text, holding its
sentences, paragraphs, tokens and folded copy (same length, so offsets carry over), and
the annotations the stages add (``reader.pipeline``). Stages read sentences and
paragraphs from it and never split the text again.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cached_property, lru_cache
from typing import NamedTuple

from incimap.geo.models import Span
from incimap.geo.reader.english import ABBREVIATIONS, CLOCK_ZONE, SECTION_WORDS

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*\n|\n")
TOKEN = re.compile(r"[^\W_](?:[\w'’.]*[^\W_])?", re.UNICODE)
# The figure reader's tokens (``reader.quantities``): digits apart from letters and every
# other mark a token of its own, since "AK-47", "10-15", "3,000" and "'s" are read by
# their parts; the word tokens above keep such runs whole. Read per sentence string, as
# ``parse_figures(sentence)`` is called on its own too.
NUMBER_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[A-Za-z]+|[’']|\S")


def sentences(text: str) -> list[Span]:
    """Sentence spans; a line break always ends one (headlines, paragraphs)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(0).strip() == "" and "\n" not in m.group(0) and _abbreviation(text, m.start()):
            continue
        _add(spans, text, start, m.start())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def _abbreviation(text: str, end: int) -> bool:
    """Does a known abbreviation end at ``end`` ("Gen.", "No.")? A whole word only: "Niono."
    and "the east." end sentences. "a.m."/"p.m." does only before a time zone ("p.m. AST"):
    before another word it ends the sentence as often as not."""
    before = text[max(0, end - 8) : end].lower()
    if before.endswith(("a.m.", "p.m.")):
        return bool(CLOCK_ZONE.match(text, end))
    return any(before.endswith(a) and not before[: -len(a)][-1:].isalnum()
               for a in ABBREVIATIONS)


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


_HEADLINE_WORDS = 16
_CLOSING = ".!?:;\"”’'"


def is_headline(line: str) -> bool:
    """A headline (or a section label): a short line of its own with no closing stop."""
    line = line.strip()
    return bool(line) and "\n" not in line and line[-1] not in _CLOSING and (
        len(line.split()) <= _HEADLINE_WORDS)


def story_starts(paras: list[Span]) -> list[int]:
    """Where each story of a page of several begins: at a headline (with its labels) that
    follows body text, as on a page of news briefs. One story, at 0, for an article."""
    starts, body_seen = [0], False
    for prev, p in zip([None, *paras], paras, strict=False):
        head = is_headline(p.text)
        if head and body_seen and prev is not None and not is_headline(prev.text) and not (
                _section_label(p.text)):
            starts.append(p.start)
        body_seen = body_seen or not head
    return starts


def _section_label(line: str) -> bool:
    """"Responsibility", "Casualty reports": a section of the article, not a new story."""
    return all(w in SECTION_WORDS for w in line.lower().split())


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


_new_token = tuple.__new__  # skips NamedTuple's argument handling: tokens are many


class Token(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class Document:
    """One article's text, split once, and what the stages have read in it so far.

    The splits are computed when first asked for. The annotations start empty and are
    filled by the stages in ``reader.pipeline.STAGES`` order: ``found`` (place names the
    gazetteer holds, unresolved), ``mentions`` (resolved, then with the places the
    gazetteer lacks, then with roles), ``focus`` (the article's country), ``triggers``
    and ``dates`` per sentence start, and ``incidents``.
    """

    def __init__(self, text: str, *, published=None, country: str = "", source: str = "",
                 gazetteer=None, fallback=None):
        self.text = text
        self.published, self.country, self.source = published, country, source
        # What the stages read with: the gazetteer and an online provider (or None).
        self.gazetteer, self.fallback = gazetteer, fallback
        self.recognizer = "gazetteer"  # or "classifier" (``reader.pipeline.RECOGNIZERS``)
        self.found: list = []
        self.unlisted: list = []  # the classifier's places the gazetteer lacks
        self.mentions: list = []
        self.focus = ""
        self.triggers: dict[int, list] | None = None
        self.dates: dict[int, list] | None = None
        self.incidents: list = []
        self.warnings: list[str] = []
        self._tokens_of: dict[int, list[Token]] = {}

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def sentences(self) -> list[Span]:
        return sentences(self.text)

    @cached_property
    def sentence_starts(self) -> set[int]:
        return {s.start for s in self.sentences}

    @cached_property
    def sentence_index(self) -> SentenceIndex:
        return SentenceIndex(self.sentences)

    def sentence_at(self, offset: int) -> Span:
        """The sentence holding ``offset`` (the one before it, between two)."""
        return self.sentences[self.sentence_index.at(offset)]

    @cached_property
    def paragraphs(self) -> list[Span]:
        return paragraphs(self.text)

    @cached_property
    def paragraph_ends(self) -> list[int]:
        return [p.end for p in self.paragraphs]

    def paragraph_at(self, offset: int) -> int:
        """Index of the first paragraph ending after ``offset`` (the one holding it, else the
        next); a bisect, since it is asked once per sentence."""
        return min(bisect_right(self.paragraph_ends, offset), len(self.paragraph_ends) - 1)

    @cached_property
    def story_starts(self) -> list[int]:
        return story_starts(self.paragraphs)

    def story_at(self, offset: int) -> int:
        """Index of the story holding ``offset`` (0 on a page of one story)."""
        return max(0, bisect_right(self.story_starts, offset) - 1)

    def sentence_tokens(self, n: int) -> list[Token]:
        """The tokens of sentence ``n``, made when first asked for (a name never runs
        across sentences, so a stage that reads names needs only their sentences')."""
        toks = self._tokens_of.get(n)
        if toks is None:
            s = self.sentences[n]
            toks = self._tokens_of[n] = [_new_token(Token, (m.start(), m.end(), m.group()))
                                         for m in TOKEN.finditer(self.text, s.start, s.end)]
        return toks

    @cached_property
    def tokens(self) -> list[Token]:
        """Every token, in reading order: those of the sentences, which hold them all (what
        lies between sentences is space and quotes)."""
        return [t for n in range(len(self.sentences)) for t in self.sentence_tokens(n)]

    @cached_property
    def lower_words(self) -> LowerWords:
        return LowerWords(self.text)


def document_of(text: str | Document) -> Document:
    """``text`` as a Document: the stages' functions take either."""
    return text if isinstance(text, Document) else Document(text)
