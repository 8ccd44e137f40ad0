"""Finding place mentions in text: a word-bounded scan with the gazetteer's matcher
(``reader.matcher``), then filters that throw out what only
looks like a place.

A capitalised name is kept unless it is
- a month, weekday, faith or calendar word, or a demonym ("Baloch", "Punjabis");
- a common English word capitalised only because it opens a sentence, or one the
  article also writes in lower case ("Security analysts", "Reading" the verb);
- part of a longer proper name: the capitalised run around it holds words that are
  neither places nor feature or title words ("Baloch Liberation Army",
  "Pakistan Institute for ...", "Jaffar Express", "China-Pakistan Economic Corridor");
- a person ("Mr Sharif", "named Allahditta", "Allahditta, 49,"), or the surname of one
  the article names in full ("Sheriff Bill Jones ... Jones said"), or a brand-like name
  followed by a number ("France 24");
- an abbreviated title ("Sgt. Jones", "Sen. Smith").
A state's or province's press abbreviation ("Ill.", "W.Va.") counts only written as one
after a place or a party letter ("Springfield, Ill.", "D-S.C.").
Feature words after a name are kept as its hint ("Bolan district", "Mach railway
station"), title words as the title role ("Kalat Commissioner").
"""

from __future__ import annotations

import functools
import re

from incimap.geo.models import Mention, Span
from incimap.geo.reader import english
from incimap.geo.reader.document import (
    Document,
    Token,
    document_of,
    fold,
    line_start,
)
from incimap.geo.reader.english import (
    AGE_AFTER_NAME,
    COMPASS,
    CONTRACTION,
    GROUP_AFTER,
    HINTS_LONGEST_FIRST,
    LOWER_START,
    METONYMY_AFTER,
    METONYMY_OBJECT,
    NAME_LINK_WORDS,
    NUMBER_AFTER,
    ORGANISATION_HEADS,
    PUBLIC_BODIES,
    SPEECH_AFTER,
    TITLE_ABBREVIATIONS,
    TWO_LETTER_PLACES,
)
from incimap.geo.reader.matcher import Matcher, get_matcher

# "U.S", matched without its last dot: the dot belongs to the name ("U.S.").
_DOTTED = re.compile(r"(?:[A-Z]\.)+[A-Z]")

# Where a state's press abbreviation stands: after a place and a comma, or a party letter.
_ABBREVIATION_BEFORE = re.compile(r"(?:\w,\s|\b[DRI]-)$")


# '"We will help," Walker said': a one-word name between a closing quote and a speech verb.
_QUOTED_SPEAKER = re.compile(r"[”\"]\s$")


_INITIAL_BEFORE = re.compile(r"\b[A-Z][a-z]+ [A-Z]\. $")

_TITLE_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]{1,4})\.\s$")

def _with_apostrophe_names(text: str, matcher: Matcher, found: list[tuple[int, int]]
                           ) -> list[tuple[int, int]]:
    """"N'Djamena", "Sana'a": names whose key has no apostrophe, which the scan of the
    text (one character for one) cannot match; each replaces any part of it found."""
    from incimap.gazetteer.normalize import normalize

    if "'" not in text and "’" not in text:
        return found
    names = [(m.start(), m.end()) for m in english.APOSTROPHE_NAME.finditer(text)
             if matcher.has(normalize(m.group(0)))]
    if not names:
        return found
    kept = [(s, e) for s, e in found if not any(a <= s < b or s <= a < e for a, b in names)]
    return kept + names


def find_mentions(text: str | Document, matcher: Matcher | None = None, *,
                  rejected: list | None = None) -> list[Mention]:
    """Place mentions (unresolved) in reading order, false hits filtered out.

    ``rejected``, if given, receives ``(start, end, reason)`` for each name a filter
    drops (the span classifier, ``reader.spans``, reads them as candidates)."""
    matcher = matcher or get_matcher()

    def drop(start: int, end: int, reason: str) -> None:
        if rejected is not None:
            rejected.append((start, end, reason))

    doc = document_of(text)
    text = doc.text
    sents = doc.sentences
    index = doc.sentence_index
    lower_words = doc.lower_words
    sentence_starts = doc.sentence_starts
    # Names start at capitalised words: hide the other word starts from the scan (one
    # character for one, so offsets hold), except the little words inside names.
    scan = fold(LOWER_START.sub("\x01", text))
    abbreviations = _abbreviation_keys()
    found, written_short = [], set()
    for s, e in matcher.spans(scan, text):
        if s and text[s - 1].isalnum():
            continue
        if scan[s:e].strip() in abbreviations:
            if text[e:e + 1] == "." and _ABBREVIATION_BEFORE.search(text, max(0, s - 3), s):
                found.append((s, e + 1))
                written_short.add(s)
            elif _code_written(text, s, e, lower_words):
                found.append((s, e))
                written_short.add(s)
            else:
                drop(s, e, "abbreviation")
            continue
        if not _plain_word(scan[s:e], s, text, sentence_starts, lower_words):
            found.append((s, e + (text[e:e + 1] == "." and _DOTTED.fullmatch(text, s, e)
                                  is not None)))
        else:
            drop(s, e, "plain_word")
    found.extend(_two_letter_places(text, {s for s, _ in found}))
    found = _with_apostrophe_names(text, matcher, found)
    found.sort()
    place_starts = {w for s, e in found for w in _word_starts(text, s, e)}
    inner_starts = {w for s, e in found for w in _word_starts(text, s, e)[1:]}

    mentions = []
    surnames: set[str] = set()  # one-word names the article gives a person's first name
    headline: dict[int, bool] = {}  # sentences written in title case
    by_sentence: dict[int, tuple[list[Token], dict[int, int], set[int], set[int]]] = {}
    for start, end in found:
        # Tokens of the match's sentence only (a name never runs across sentences),
        # made once per sentence.
        n = index.at(start)
        if n not in by_sentence:
            toks = doc.sentence_tokens(n)
            by_sentence[n] = (toks, {t.start: i for i, t in enumerate(toks)},
                              {i for i, t in enumerate(toks) if t.start in place_starts},
                              {i for i, t in enumerate(toks) if t.start in inner_starts})
        tokens, token_at, place_tokens, inner_tokens = by_sentence[n]
        span_tokens = _token_range(tokens, token_at, start, end)
        if not span_tokens:
            continue
        first, last = span_tokens[0], span_tokens[-1]
        surface = text[start:end]
        key = scan[start:end].strip()
        if start in written_short:  # "Springfield, Ill.": nothing more to check
            mentions.append(Mention(surface=surface, span=Span(start, end, surface),
                                    sentence=sents[n]))
            continue
        reason = _not_a_place(key, surface, first, tokens, sentence_starts, lower_words, text)
        if reason:
            drop(start, end, reason)
            continue
        if CONTRACTION.search(surface):
            drop(start, end, "contraction")
            continue
        if key in TITLE_ABBREVIATIONS and text[end:end + 1] == ".":
            drop(start, end, "title")
            continue  # "Sgt. Jones", "Sen. Smith"
        if _after_title(text, start):
            drop(start, end, "after_title")
            continue  # the person after the title: "Sen. Clark"
        if first == last and _QUOTED_SPEAKER.search(text, max(0, start - 3), start) and \
                SPEECH_AFTER.match(text, end):
            surnames.add(key)  # '..." Wright said': the speaker of a quote
            drop(start, end, "speaker")
            continue
        if first == last and _INITIAL_BEFORE.search(text, max(0, start - 30), start):
            surnames.add(key)  # "Tyrise M. Bell"
            drop(start, end, "person")
            continue
        hint, hint_end, title = _hint_after(tokens, last, text)
        hint = hint or hint_before(text, start)
        if n not in headline:
            headline[n] = _title_case(tokens, sents[n].text)
        if not headline[n] and _inside_longer_name(text, tokens, first, last, place_tokens,
                                                   sentence_starts, hint_end, title,
                                                   inner_tokens):
            if first == last and _after_first_name(text, tokens, first, place_tokens):
                surnames.add(key)
                drop(start, end, "person")
            else:
                drop(start, end, "longer_name")
            continue
        reason = _person_or_brand(tokens, first, end, text)
        if reason == "person" and hint_before(text, start):
            reason = ""  # "a town named X" names a town, "a man named X" a man
        if reason:
            drop(start, end, reason)
            continue
        end_with_hint = tokens[hint_end].end if hint_end > last else end
        if title:  # "Kalat Commissioner": the place is Kalat (with its hint, if any)
            end_with_hint = tokens[hint_end - 1].end if hint_end - 1 > last else end
        s = sents[n]
        mentions.append(Mention(
            surface=text[start:end_with_hint], span=Span(start, end_with_hint,
                                                         text[start:end_with_hint]),
            sentence=s, hint=hint, role="title" if title else "context",
        ))
    if surnames:
        for m in mentions:
            if _surname(m, surnames):
                drop(m.span.start, m.span.end, "surname")
        mentions = [m for m in mentions if not _surname(m, surnames)]
    return mentions


def _code_written(text: str, s: int, e: int, lower_words) -> bool:
    """"NSW", "QLD": a division's upper-case code of three or more letters that the
    article never writes as a lower-case word ("ACT" beside "act")."""
    code = text[s:e]
    return (len(code) >= 3 and code.isalpha() and code.isupper() and code.lower() not in
            lower_words and code.lower() not in english.COMMON_WORDS
            and any(c.islower() for c in text[max(0, s - 30) : e + 30]))


def _two_letter_places(text: str, taken: set[int]) -> list[tuple[int, int]]:
    """"US", "UK": upper-case country initialisms too short for the scan's keys, in
    text that is not itself upper case ("LET US PRAY")."""
    return [(m.start(), m.end()) for m in TWO_LETTER_PLACES.finditer(text)
            if m.start() not in taken
            and any(c.islower() for c in text[max(0, m.start() - 30) : m.end() + 30])]


@functools.cache
def _abbreviation_keys() -> frozenset[str]:
    from incimap.gazetteer.sources import abbreviation_keys

    return abbreviation_keys()


def _after_title(text: str, start: int) -> bool:
    """Right after an abbreviated title ("Sen. ", "Gov. ")."""
    m = _TITLE_BEFORE.search(text, max(0, start - 7), start)
    return m is not None and m.group(1).lower() in TITLE_ABBREVIATIONS


def _title_case(tokens, sentence: str) -> bool:
    """A headline ("Georgia Arrests Opposition Members on Arms Charges"): nearly every
    longer word capitalised, so capitalised runs say nothing about longer names."""
    words = [t for t in tokens if len(t.text) > 3 and t.text[:1].isalpha()]
    if len(words) < 4 or sentence.rstrip()[-1:] in (".", "!", "?", '"', "”", ":"):
        return False  # a headline has no full stop
    return sum(t.capitalised and not t.text.isupper() for t in words) >= 0.8 * len(words)


def _after_first_name(text: str, tokens, i: int, place_tokens: set[int]) -> bool:
    """A one-word name right after a capitalised word that is no place and no title: a
    person's surname after the first name ("Bill Jones")."""
    if i == 0 or text[tokens[i - 1].end : tokens[i].start] != " ":
        return False
    prev = tokens[i - 1]
    word = prev.text.lower().rstrip(".")
    if not (prev.capitalised and len(word) > 1 and word not in english.DIRECTIONS
            and word not in english.TITLE_AFTER and word not in english.COMMON_WORDS
            and not prev.text.isupper()):
        return False
    # A run joined by a dash is an organisation's name ("Democratic Movement-United
    # Georgia"), not a person's.
    return i < 2 or text[tokens[i - 2].end : prev.start] not in ("-", "–", "—")


def _surname(m: Mention, surnames: set[str]) -> bool:
    """The same word alone later ("Jones said") is that person, not the place."""
    return " " not in m.surface and fold(m.surface).strip() in surnames


def _plain_word(key: str, start: int, text: str, sentence_starts: set[int],
                lower_words: set[str]) -> bool:
    """Cheap first cut: a one-word common English word capitalised only because it
    opens a sentence ("The", "At"), or one the article also writes in lower case."""
    if " " in key:
        return False
    if key in english.MONTHS or key in english.WEEKDAYS or key in english.NOT_ALONE:
        return True
    opens = start in sentence_starts or text[max(0, start - 1) : start] in ("“", '"', "‘")
    return (opens or key in lower_words) and key in english.COMMON_WORDS and not (
        text[start : start + len(key)].isupper() and line_start(text, start))


def _word_starts(text: str, start: int, end: int) -> list[int]:
    """Offsets where the words of ``text[start:end]`` begin."""
    return [start] + [start + i + 1 for i, ch in enumerate(text[start:end - 1])
                      if not ch.isalnum() and text[start + i + 1].isalnum()]


def _token_range(tokens, token_at, start: int, end: int) -> list[int]:
    i = token_at.get(start)
    if i is None:
        return []
    out = []
    while i < len(tokens) and tokens[i].start < end:
        out.append(i)
        i += 1
    return out


def _not_a_place(key: str, surface: str, first: int, tokens, sentence_starts,
                 lower_words, text: str) -> str:
    """Why a one-word name is no place (a filter's name), or ""."""
    words = key.split()
    if len(words) == 1:
        word = words[0]
        if word in english.MONTHS or word in english.WEEKDAYS:
            return "calendar"
        if word in english.CALENDAR_AND_FAITH or word in english.GROUP_NAMES:
            return "calendar"
        if word in english.DEMONYMS or is_demonym(word) or _looks_like_demonym(tokens, first):
            return "demonym"
        if (surface.isupper() and len(surface) > 1 and word not in english.ALL_CAPS_PLACES
                and not _dateline(text, tokens, first)):
            return "acronym"  # BLA, AFP
        if _dateline(text, tokens, first):
            return ""
        opens_sentence = tokens[first].start in sentence_starts or _after_quote(text, tokens,
                                                                                first)
        if word in english.COMMON_WORDS and (opens_sentence or word in lower_words):
            return "common_word"
        if word in lower_words and opens_sentence:
            return "common_word"
    return ""


def is_demonym(word: str) -> bool:
    """"Canadian", "Romanians": a country's demonym (gazetteer/data/demonyms.tsv), even
    where a town bears it ("Canadian beef" is no town in Texas)."""
    table = _demonyms()
    return word in table or (word.endswith("s") and word[:-1] in table)


@functools.cache
def _demonyms() -> frozenset[str]:
    from incimap.gazetteer.sources import demonyms

    return frozenset(demonyms())


def _dateline(text: str, tokens, i: int) -> bool:
    """An upper-case place opening a paragraph or a sentence: "PESHAWAR, Pakistan (wire)
    -", "CINCINNATI (AP)", "MANSFIELD —", "BEIRUT:"."""
    start = tokens[i].start
    opens = start == 0 or text[start - 1] == "\n" or text[max(0, start - 2) : start] in (
        ". ", ".\t") or (start > 2 and text[start - 1] == " " and text[start - 3 : start - 1]
                         in (". ", ".)"))
    after = text[tokens[i].end : tokens[i].end + 2]
    return opens and (after in (", ", " (", " -", " —", " –") or after[:1] == ":")


def _after_quote(text: str, tokens, i: int) -> bool:
    before = text[max(0, tokens[i].start - 2) : tokens[i].start]
    return any(q in before for q in "\"“‘(")


def _looks_like_demonym(tokens, i: int) -> bool:
    # "Pakistanis", "Punjabi": a name followed straight by a demonym suffix is not
    # matched by the word-bounded scan; a plural noun-like word is.
    word = tokens[i].text.lower()
    return word.endswith(("ians", "ese", "ans")) and len(word) > 5


def hint_before(text: str, start: int) -> str:
    """Feature hint written before a name ("the state of Washington": province), or ""."""
    found = english.HINT_BEFORE.search(text, max(0, start - 30), start)
    if not found:
        return ""
    word = (found.group(1) or found.group(2)).lower()
    return english.HINT_AFTER.get(word) or english.HINT_BEFORE_ONLY[word]


def _hint_after(tokens, last: int, text: str) -> tuple[str, int, bool]:
    """Feature hint or title word right after a name: (hint, last token index, is_title)."""
    if last + 1 >= len(tokens):
        return "", last, False
    nxt = tokens[last + 1]
    if text[tokens[last].end : nxt.start] not in (" ", "-"):
        return "", last, False
    rest = text[nxt.start : nxt.start + 24].lower()
    for words in HINTS_LONGEST_FIRST:
        # Not a word that goes on ("Lebanon's state-run agency", "district-level").
        after = rest[len(words) : len(words) + 1]
        if rest.startswith(words) and not (after.isalnum() or after == "-"):
            stop = nxt.start + len(words)
            end = last + 1
            while end + 1 < len(tokens) and tokens[end + 1].end <= stop:
                end += 1
            if tokens[end].end != stop:  # "train.station" is one token: not a hint
                break
            # "the Borno State Governor": a title may follow the hint too.
            title = (end + 1 < len(tokens) and tokens[end + 1].text.lower() in english.TITLE_AFTER
                     and tokens[end + 1].start == tokens[end].end + 1)
            return english.HINT_AFTER[words], end, title
    if nxt.text.lower() in english.TITLE_AFTER:
        return "", last + 1, True
    return "", last, False


def _inside_longer_name(text: str, tokens, first: int, last: int, place_tokens: set[int],
                        sentence_starts: set[int], hint_end: int, title: bool,
                        inner: set[int] = frozenset()) -> bool:
    """True when capitalised words around the name make it part of another name.

    The capitalised run around the name may hold other places joined by a dash or
    "and"/"of" ("Quetta-Peshawar", "Quetta and Peshawar"), direction words, feature
    and title words, or a public body of the place after it ("Ohio Supreme Court");
    anything else makes it an organisation or a person ("Baloch Liberation Army",
    "University of Maiduguri Teaching Hospital"). Two
    places joined by a bare space are a person's name ("Shahid Rind"); the words of one
    place are one ("Bihar and Uttar Pradesh").
    """
    # Right: from the end of the name (and its hint) on.
    j = max(last, hint_end)
    body = title and tokens[hint_end].text.lower() in PUBLIC_BODIES
    if not tokens[last].text.endswith(("'s", "’s")):
        while True:
            nxt, link = _next_in_run(text, tokens, j)
            if nxt is None:
                break
            word = tokens[nxt].text.lower()
            if nxt in place_tokens and (link != "space" or nxt in inner):
                j = nxt
                continue
            if title and link == "space" and (word in english.TITLE_AFTER
                                              or tokens[j].text.lower() in english.TITLE_AFTER):
                break  # "Sinaloa Governor Rubén Rocha": the person's name follows the title
            if link == "space" and word in PUBLIC_BODIES:
                body = True
                break  # "Mansfield Police Department": a body of the place, which stays one
            return True
    # Left: from the start of the name back.
    i = first
    while True:
        prev, link = _prev_in_run(text, tokens, i)
        if prev is None:
            break
        t = tokens[prev]
        word = t.text.lower()
        if link == "space" and t.text.endswith(("'s", "’s")):
            break  # "China's Guangdong province": the owner ends the run
        if link == "space" and (word in english.DIRECTIONS or word in COMPASS):
            i = prev
            continue  # "Northeast Georgia", "North East Texas"
        if i == first and link == "of" and _person_of(text, tokens, prev):
            break  # "James Mitchell of Charleston"
        if i == first and link == "dash" and t.text in ("D", "R", "I") and (
                prev == 0 or text[tokens[prev - 1].end : t.start] in (", ", " (", "(")):
            break  # "Armond Budish, D-Beachwood": a party letter and a hometown
        if prev in place_tokens and (link != "space" or i in inner):
            i = prev
            continue
        if link == "of" and (word in english.OF_PLACE_HEADS or body):
            break  # "the mayor of Paris", "Jeff Goodwin of the Paris Police Department"
        if word in english.COMMON_WORDS and t.start in sentence_starts:
            break  # "Across Texas", "One of Texas’ rivers"
        return True
    return False


_QUOTED_GAPS = frozenset({" '", " ‘", "' ", "’ ", ' "', '" ', " “", "” "})


def _person_of(text: str, tokens, k: int) -> bool:
    """Token k, before "of", ends a person's name: it and the word before it are
    capitalised, joined by a space, and neither heads an organisation's name."""
    if k == 0:
        return False
    a, b = tokens[k - 1], tokens[k]
    return (a.capitalised and text[a.end : b.start] == " " and not a.text.isupper()
            and not b.text.isupper()
            and a.text.lower() not in ORGANISATION_HEADS and b.text.lower() not in
            ORGANISATION_HEADS and b.text.lower() not in english.OF_PLACE_HEADS
            and a.text.lower() not in english.COMMON_WORDS)


def _next_in_run(text: str, tokens, j: int) -> tuple[int | None, str]:
    """The next capitalised token of the run after token j, and what links them."""
    if j + 1 >= len(tokens):
        return None, ""
    gap = text[tokens[j].end : tokens[j + 1].start]
    nxt = tokens[j + 1]
    if gap in ("-", "–", "—", "/") and nxt.capitalised:
        return j + 1, "dash"
    if gap in _QUOTED_GAPS and nxt.capitalised:
        return j + 1, "space"  # a nickname in quotes: Joaquín 'El Chapo' Guzmán
    if gap != " ":
        return None, ""
    if nxt.capitalised:
        return j + 1, "space"
    if nxt.text in english.NAME_ARTICLES and j + 2 < len(tokens) and (
            text[nxt.end : tokens[j + 2].start] == "-" and tokens[j + 2].capitalised):
        return j + 2, "space"  # "Kafr al-Zayt": the name goes on through its article
    link = NAME_LINK_WORDS.get(nxt.text)
    if link and j + 2 < len(tokens) and text[nxt.end : tokens[j + 2].start] == " ":
        k = j + 2
        if tokens[k].text == "the" and k + 1 < len(tokens):
            k += 1
        if tokens[k].capitalised:
            return k, link
    return None, ""


def _prev_in_run(text: str, tokens, i: int) -> tuple[int | None, str]:
    if i == 0:
        return None, ""
    prev = tokens[i - 1]
    gap = text[prev.end : tokens[i].start]
    if gap == "-" and prev.text in english.NAME_ARTICLES and i >= 2 and (
            tokens[i - 2].capitalised and text[tokens[i - 2].end : prev.start] == " "):
        return i - 2, "space"  # "Tell al-Nur": the name began before its article
    if gap in ("-", "–", "—", "/") and prev.capitalised:
        return i - 1, "dash"
    if gap in _QUOTED_GAPS and prev.capitalised:
        return i - 1, "space"
    if gap != " ":
        return None, ""
    if prev.capitalised:
        return i - 1, "space"
    k = i - 1
    if prev.text == "the" and k > 0:
        k -= 1
    link = NAME_LINK_WORDS.get(tokens[k].text)
    if link and k > 0 and tokens[k - 1].capitalised and text[tokens[k - 1].end :
                                                             tokens[k].start] == " ":
        return k - 1, link
    return None, ""


def _person_or_brand(tokens, first: int, end: int, text: str) -> str:
    """People, brands ("France 24") and capitals standing for governments
    ("Islamabad accuses Kabul of ..."): the filter's name, or ""."""
    after = text[end : end + 24]
    if METONYMY_AFTER.match(after):
        return "metonymy"
    if GROUP_AFTER.match(after):
        return "group"
    if first > 0 and tokens[first - 1].text.lower() in english.METONYMY_VERBS and (
            METONYMY_OBJECT.match(text[end : end + 12])):
        return "metonymy"
    if first > 0:
        prev = tokens[first - 1].text.lower().rstrip(".")
        if prev in english.PERSON_BEFORE and tokens[first].start - tokens[first - 1].end <= 2:
            return "person"
    after = text[end : end + 12]
    if AGE_AFTER_NAME.match(after):
        return "person"
    return "brand" if NUMBER_AFTER.match(after) else ""
