"""Reading numbers in news text: what a number's wording ("at least", "dozens") is worth.

``parse_quantities(text)``
    every number that counts something, with its wording ("at least", "dozens")
    turned into a conservative value, ACLED style. Ages, years, times, dates,
    ordinals, percentages, money, measurements (km, hours, days) and numbers that
    are part of a name ("France 24", "AK-47") are not quantities.

What each number counts is ``reader.figures``.

How wording becomes a value (ACLED: "if source reports differ or a vague estimate
is provided, use the most conservative estimate"; "tens" = 10, "dozens" = 12,
"hundreds" = 100; an unspecified plural such as "several" = 3):

=====================================  =====  =====  =============
wording                                value  high   qualifier
=====================================  =====  =====  =============
"27"                                   27     None   "" (exact)
"at least 27", "no fewer than 27"      27     None   "at least"
"more than 150", "upwards of 150"      150    None   "more than"
"over 50", "well over 50"              50     None   "over"
"about 3,000", "around", "some",       3000   None   "about"
"roughly", "an estimated"
"nearly 500", "almost", "close to"     500    500    "nearly"
"up to 30", "as many as 30"            30     30     "up to"
"fewer than 10", "less than 10"        10     10     "fewer than"
"between 10 and 15", "10 to 15",       10     15     "between"
"10-15", "two or three"
"a dozen" / "half a dozen"             12/6   None   ""
"over half a dozen"                    6      None   "over"
"dozens (of)" / "scores of"            12/20  None   "dozens"/"scores"
"tens of" / "hundreds" / "thousands"   10/100/1000   "tens"/...
"several" / "a few" / "a handful of"   3      None   "several"/...
"several hundred" / "a few dozen"      300/36 None   "several"/"a few"
=====================================  =====  =====  =============

"more than 150" strictly means 151 or more, but coders record the figure the
source states; the qualifier keeps the nuance. Wording that only bounds from above
("nearly", "up to", "fewer than") gives no lower bound at all: the stated figure
is the only one the source offers, so it is kept as ``value`` and repeated in
``high`` to mark it as a ceiling. Consumers choosing a fatality count should take
the lowest ``value`` across claims (ACLED's rule), which is what
``Incident.count`` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from incimap.geo.reader.document import NUMBER_TOKEN
from incimap.geo.reader.english import (
    AGE_AFTER_NUMBER,
    AGE_BEFORE_NUMBER,
    CEILING_QUALIFIERS,
    FEW_VALUES,
    FEW_WORDS,
    MEASURE_AFTER,
    MONEY_AFTER,
    MONEY_BEFORE,
    MONTHS,
    NAME_NUMBER_PREFIXES,
    NUMBER_SCALES,
    NUMBER_TENS,
    NUMBER_UNITS,
    OF_SUPERLATIVE,
    OVER_PARTICLE_VERBS,
    PERCENT_AFTER,
    QUANTITY_QUALIFIERS,
    TIME_AFTER,
    VAGUE_PLURALS,
    WEEKDAYS,
    YEAR_PREPOSITIONS,
)


@dataclass(frozen=True)
class Quantity:
    """A number that counts something, with its wording and where it is.

    ``value`` is the conservative figure (see the module table); ``high`` an upper
    bound when the wording gives one; ``exact`` only for a bare number such as
    "27" or "twenty-three". ``start``/``end`` index the input text, and ``text``
    is the whole expression including its qualifier ("at least 27").
    """

    value: int
    high: int | None
    qualifier: str
    exact: bool
    start: int
    end: int
    text: str


class _Tok:
    """A token with its lower-case form and kind worked out once (they are read often)."""

    __slots__ = ("text", "start", "end", "low", "is_word", "is_digits")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.low = text.lower()
        self.is_word = text.isalpha()
        self.is_digits = text[0].isdigit()


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), m.start(), m.end()) for m in NUMBER_TOKEN.finditer(text)]


@dataclass(frozen=True)
class _Core:
    value: int
    end_tok: int  # index one past the last token of the core
    vague: str = ""  # "dozens", "several", ...
    rough: bool = False  # "a dozen": a count word, not a precise figure
    digits: bool = False


# A figure above this is not a count of one incident's people ("10,000,000,000,000,000,000
# people killed", a typo, a joke): it is kept as a claim but marked ``implausible``, and
# the incident's fatalities and counts leave it out. Dropping it would hide what the
# source says; clamping it would invent a figure nobody reported.
MAX_PLAUSIBLE_COUNT = 10_000_000

# Digit strings longer than this are not counts at all (and ``int`` refuses very long ones).
_MAX_DIGITS = 30


def _digit_value(tok: _Tok) -> int | None:
    t = tok.text
    if len(t) > _MAX_DIGITS * 4 // 3:
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        return int(t.replace(",", ""))
    if re.fullmatch(r"\d+", t):
        return int(t)
    return None


def _is_joiner(toks: list[_Tok], j: int, seen: bool) -> bool:
    """A "-" inside "twenty-three" or an "and" inside "two hundred and fifty"."""
    if not seen or j + 1 >= len(toks):
        return False
    w, nxt, prev = toks[j], toks[j + 1].low, toks[j - 1]
    if w.text == "-":
        return nxt in NUMBER_UNITS and prev.low in NUMBER_TENS and w.start == prev.end
    return w.low == "and" and prev.low in NUMBER_SCALES and (nxt in NUMBER_UNITS
                                                           or nxt in NUMBER_TENS)


def _word_number(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """Value and end index of a spelled-out number starting at ``i`` ("twenty-three")."""
    total, current, j, seen = 0, 0, i, False
    while j < len(toks):
        w = toks[j].low
        if w in NUMBER_UNITS or w in NUMBER_TENS:
            if seen and current % 100 != 0 and not (
                current % 10 == 0 and current % 100 >= 20 and w in NUMBER_UNITS
                and NUMBER_UNITS[w] < 10
            ):
                break
            current += NUMBER_UNITS.get(w, 0) + NUMBER_TENS.get(w, 0)
            seen, j = True, j + 1
        elif w in NUMBER_SCALES and seen:
            if total + current > 10 ** _MAX_DIGITS:
                break  # "a hundred hundred hundred ...": no count is that big
            scale = NUMBER_SCALES[w]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
            j += 1
        elif _is_joiner(toks, j, seen):
            j += 1
        else:
            break
    if not seen:
        return None
    return total + current, j


def _starters() -> frozenset[str]:
    """Words a number expression can begin with; any other word is skipped at once."""
    return frozenset({*NUMBER_UNITS, *NUMBER_TENS, "half", "a", *VAGUE_PLURALS,
                      *(words[0] for words in FEW_WORDS)})


def _core_at(toks: list[_Tok], i: int) -> _Core | None:
    """The number expression starting at token ``i``, without qualifier or range."""
    tok = toks[i]
    if not tok.is_digits and tok.low not in _STARTERS:
        return None
    n = len(toks)

    def low(k: int) -> str:
        return toks[k].low if k < n else ""

    # digits, optionally "1.5 million", "3 million", "2 dozen"
    if tok.is_digits:
        value = _digit_value(tok)
        if value is None and len(tok.text) <= _MAX_DIGITS and re.fullmatch(
                r"\d+\.\d+", tok.text) and low(i + 1) in (
            "million", "billion", "thousand"
        ):
            return _Core(int(float(tok.text) * NUMBER_SCALES[low(i + 1)]), i + 2, digits=True)
        if value is None:
            return None
        if low(i + 1) in ("million", "billion", "thousand"):
            return _Core(value * NUMBER_SCALES[low(i + 1)], i + 2, digits=True)
        if low(i + 1) == "dozen":
            return _Core(value * 12, i + 2, rough=True)
        return _Core(value, i + 1, digits=True)

    w = tok.low
    # "half a dozen"
    if w == "half" and low(i + 1) == "a" and low(i + 2) == "dozen":
        return _Core(6, i + 3, rough=True)
    # "a dozen", "a hundred", "a score of"
    if w == "a" and low(i + 1) in ("dozen", "hundred", "thousand", "million", "score"):
        scale = {"dozen": 12, "score": 20}.get(low(i + 1)) or NUMBER_SCALES[low(i + 1)]
        end = i + 2
        if low(i + 1) == "score":
            if low(end) != "of":
                return None
            end += 1
        return _Core(scale, end, rough=low(i + 1) in ("dozen", "score"))
    # "tens of thousands", "hundreds of thousands", "dozens of", "scores of"
    if w in VAGUE_PLURALS:
        value, end = VAGUE_PLURALS[w], i + 1
        if low(end) == "of" and low(end + 1) in ("thousands", "millions"):
            value *= VAGUE_PLURALS[low(end + 1)]
            end += 2
        if w in ("scores", "tens") and low(end) != "of" and end == i + 1:
            return None
        if low(end) == "of" and end + 1 < n and toks[end + 1].is_word:
            end += 1  # "dozens of people": the count ends before the noun
        return _Core(value, end, vague=w)
    # "several", "a few", "a handful of", "a couple of", optionally "... hundred/dozen"
    for words, label in FEW_WORDS.items():
        if tuple(low(i + k) for k in range(len(words))) == words:
            end = i + len(words)
            base = FEW_VALUES[label]
            if low(end) in ("hundred", "thousand", "dozen"):
                scale = 12 if low(end) == "dozen" else NUMBER_SCALES[low(end)]
                return _Core(base * scale, end + 1, vague=label)
            if label in ("a handful", "a couple"):
                if low(end) != "of":
                    return None
                end += 1
            return _Core(base, end, vague=label)
    # spelled-out numbers, "two dozen"
    parsed = _word_number(toks, i)
    if parsed:
        value, end = parsed
        if low(end) == "dozen":
            return _Core(value * 12, end + 1, rough=True)
        return _Core(value, end)
    return None


LOOK_BACK = 200  # characters of context a rule may read before a number

# ... and after it: a slice to the sentence's end per number is quadratic in the sentence.
LOOK_AHEAD = 400


def _prev_word(toks: list[_Tok], i: int) -> str:
    return toks[i - 1].low if i > 0 else ""


def _is_excluded(text: str, toks: list[_Tok], i: int, core: _Core) -> bool:
    """True when the number at token ``i`` is not a count: age, year, time, money..."""
    tok = toks[i]
    last = toks[core.end_tok - 1]
    after = text[last.end : last.end + LOOK_AHEAD]  # bounded, as ``before`` is
    before = text[max(0, tok.start - LOOK_BACK) : tok.start]  # bounded: no quadratic scans
    nxt = toks[core.end_tok] if core.end_tok < len(toks) else None
    prev = toks[i - 1] if i > 0 else None

    # attached to letters or part of a code: "1st", "G20", "AK-47", "N-25", "2025-03-11"
    if tok.is_digits:
        if nxt and nxt.start == last.end and nxt.is_word and not core.end_tok > i + 1:
            return True  # "1st", "20th", "5km"
        if prev and prev.end == tok.start and (prev.is_word or prev.text in "/."):
            return True
        if prev and prev.text in "-–/" and prev.end == tok.start and i >= 2 \
                and toks[i - 2].end == prev.start:
            # "AK-47", "COVID-19", or the tail of "10-15" (handled by the range reader)
            return True
        if nxt and nxt.text in "/" and nxt.start == last.end:
            return True  # "11/03/2025"
        if (nxt and nxt.text in "^*" and nxt.start == last.end) or (
                prev and prev.text in "^*" and prev.end == tok.start):
            return True  # "10^400", "10**6": a power, not a count
        if nxt and nxt.text in "-–" and nxt.start == last.end and core.end_tok + 1 < len(toks):
            after_dash = toks[core.end_tok + 1]
            if after_dash.is_digits and after_dash.start == nxt.end and core.end_tok + 2 < len(
                toks
            ) and toks[core.end_tok + 2].text in "-–" and toks[core.end_tok + 2].start == \
                    after_dash.end:
                return True  # "2025-03-11"
    # ages: "a 32-year-old", "aged 49", "Allahditta, 49,", "Ali (35)"
    if AGE_AFTER_NUMBER.match(after):
        return True
    if AGE_BEFORE_NUMBER.search(before):
        return True  # "aged 49", "aged between 19 and 46", "ages 5 to 12"
    if re.search(r"[A-Z][\w’'-]+,\s*$", before) and re.match(r"\s*,", after) and core.value <= 120:
        return True
    if re.search(r"[A-Z][\w’'-]+\s*\(\s*$", before) and re.match(r"\s*\)", after) \
            and core.value <= 120:
        return True
    # years: 4 digits in 1800-2100 unless followed by a counted noun ("2000 people")
    if core.digits and re.fullmatch(r"\d{4}", tok.text) and 1800 <= core.value <= 2100:
        counted = nxt is not None and nxt.is_word and nxt.text.islower() and (
            _prev_word(toks, i) not in YEAR_PREPOSITIONS
            and _prev_word(toks, i) not in MONTHS
        )
        if not counted:
            return True
    # dates: "11 March", "March 11", "the 11th of March"
    if nxt and nxt.low.rstrip(".") in MONTHS and nxt.text[0].isupper():
        return True
    if prev and prev.low.rstrip(".") in MONTHS and prev.text[0].isupper():
        return True
    if prev and prev.low in WEEKDAYS:
        return True
    # times, percentages, money, measurements
    if TIME_AFTER.match(after) or PERCENT_AFTER.match(after):
        return True
    if MONEY_BEFORE.search(before) or MONEY_AFTER.match(after):
        return True
    if MEASURE_AFTER.match(after):
        return True
    # part of a name: "Flight 370", "France 24", "Resolution 1701"
    if prev and tok.is_digits:
        if prev.low.rstrip(".") in NAME_NUMBER_PREFIXES and prev.text[0].isupper():
            return True
        if prev.is_word and prev.text[0].isupper() and i >= 2 and toks[i - 2].text not in ".!?“\"" \
                and not (nxt and nxt.is_word and nxt.text.islower()) \
                and prev.low not in {q for words, _ in QUANTITY_QUALIFIERS for q in words}:
            return True
    # "one" as a pronoun or article: "no one", "one another", "one of the worst"
    if tok.low == "one" and core.end_tok == i + 1:
        if _prev_word(toks, i) in ("no", "the", "this", "that", "every", "any", "each",
                                   "which", "another", "someone", "little"):
            return True
        if nxt and nxt.low in ("another", "day", "time", "way", "thing", "side", "hand",
                               "point", "morning", "evening", "night", "year"):
            return True
        if nxt and nxt.low == "of" and OF_SUPERLATIVE.match(after):
            return True  # "one of the deadliest", "one of several"
    return False


def _qualifier_before(toks: list[_Tok], i: int) -> tuple[str, int]:
    """Normalised qualifier ending just before token ``i`` and its first token index."""
    for words, label in QUANTITY_QUALIFIERS:
        k = len(words)
        if i - k < 0:
            continue
        if tuple(t.low for t in toks[i - k: i]) == words:
            if label == "over" and _prev_word(toks, i - k) in OVER_PARTICLE_VERBS:
                continue
            if words == ("some",) and not (toks[i].is_digits or toks[i].low in NUMBER_UNITS
                                           or toks[i].low in NUMBER_TENS):
                continue
            return label, i - k
    return "", i


def _range_after(toks: list[_Tok], core: _Core, text: str) -> tuple[_Core, int] | None:
    """Second number of "10 to 15", "10-15", "two or three"; with the index after it."""
    j = core.end_tok
    if j + 1 >= len(toks) or core.vague:
        return None
    sep = toks[j]
    if sep.low not in ("to", "or", "-", "–"):
        return None
    if sep.text in "-–" and not (sep.start == toks[j - 1].end and toks[j + 1].start == sep.end):
        return None
    second = _core_at(toks, j + 1)
    if second is None or second.vague or second.value <= core.value:
        return None
    if _is_excluded(text, toks, j + 1, second) and sep.text not in "-–":
        return None
    if sep.text in "-–" and MEASURE_AFTER.match(text[toks[second.end_tok - 1].end:]):
        return None
    return second, second.end_tok


_STARTERS = _starters()


def parse_quantities(text: str) -> list[Quantity]:
    """Every counted number in ``text``, in order, with conservative values.

    See the module docstring for how each wording maps to ``value``/``high``.
    """
    toks = _tokens(text)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        # "between 10 and 15"
        if toks[i].low == "between" and i + 1 < len(toks) \
                and _prev_word(toks, i) not in ("aged", "ages", "age"):
            first = _core_at(toks, i + 1)
            if first and not first.vague and first.end_tok + 1 < len(toks) \
                    and toks[first.end_tok].low == "and":
                second = _core_at(toks, first.end_tok + 1)
                if second and not second.vague and second.value > first.value \
                        and not _is_excluded(text, toks, first.end_tok + 1, second):
                    start, end = toks[i].start, toks[second.end_tok - 1].end
                    out.append(Quantity(first.value, second.value, "between", False,
                                        start, end, text[start:end]))
                    i = second.end_tok
                    continue
        core = _core_at(toks, i)
        if core is None or _is_excluded(text, toks, i, core):
            i += 1
            continue
        qualifier, q_start = _qualifier_before(toks, i)
        end_tok = core.end_tok
        high: int | None = None
        value = core.value
        rng = _range_after(toks, core, text)
        if rng:
            second, end_tok = rng
            high = second.value
            qualifier = qualifier or "between"
        elif qualifier in CEILING_QUALIFIERS:
            high = value
        if not qualifier and core.vague:
            qualifier = core.vague
        # a trailing "of" belongs to the noun phrase, not the number
        last = end_tok - 1
        if toks[last].low == "of":
            last -= 1
        start, end = toks[q_start].start, toks[last].end
        exact = not qualifier and not core.vague and not core.rough and high is None
        out.append(Quantity(value, high, qualifier, exact, start, end, text[start:end]))
        i = end_tok
    return out
