"""Time per MB of reading pathological articles of growing size (issue 11). Prints them;
asserts nothing.

    python bench/bench_pathological.py [--sizes 0.25,1,4,20] [--kinds lists,numbers]

Each kind is built to a size and read in-process by ``geo.extract.extract``: the time
per MB must stay flat (within about 2x) as the size grows; a quadratic step shows as a
time per MB that grows with the size. Kinds: many varied sentences (from the seed and
test articles), the same text as one huge line and one huge sentence, one long word,
random letter runs, a repeated list of places, a list of places after an event verb,
and many numbers.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_SOURCES = [ROOT / "seeds" / "jaffar_express_2025-03-12.txt",
            *sorted((ROOT / "tests" / "articles").glob("*.txt"))]


def _sentences() -> list[str]:
    return [s for p in _SOURCES for s in re.split(r"(?<=[.!?])\s+", p.read_text("utf-8"))
            if s.strip()]


def sentences(n: int) -> str:
    rng, pool = random.Random(1), _sentences()
    paras, size = [], 0
    while size < n:
        para = " ".join(rng.choice(pool) for _ in range(5))
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras)[:n]


def one_sentence(n: int) -> str:
    """The sentences as one line with no sentence break: every per-sentence rule sees it all."""
    return sentences(n).replace("\n", " ").replace(". ", ", ")


def long_word(n: int) -> str:
    return "Qu" + "a" * (n - 2)


def letters(n: int) -> str:
    rng = random.Random(2)
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ", k=n))


def repeated_list(n: int) -> str:
    return "Quetta, " * (n // 8)


def event_list(n: int) -> str:
    """Event places of one sentence: each is checked against the others of its sentence."""
    return "Militants attacked " + "in Quetta, in Kalat, in Mach, in Bolan district, " * (n // 49)


def numbers(n: int) -> str:
    rng = random.Random(3)
    return " ".join(f"{rng.randint(1, 999)} people were killed," for _ in range(n // 24))


KINDS = {"sentences": sentences, "one_sentence": one_sentence, "long_word": long_word,
         "letters": letters, "repeated_list": repeated_list, "event_list": event_list,
         "numbers": numbers}


def _arg(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main() -> None:
    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.extract import extract

    sizes = [float(x) for x in _arg("--sizes", "0.25,1,4").split(",")]
    kinds = _arg("--kinds", ",".join(KINDS)).split(",")
    gaz = open_gazetteer()
    published = dt.date(2025, 3, 12)
    extract("Quetta is a city.", published=published, gazetteer=gaz)  # load the matcher
    print(f"{'kind':<14}" + "".join(f"{f'{mb:g} MB':>12}" for mb in sizes)
          + "   (seconds per MB)", flush=True)
    for kind in kinds:
        row = f"{kind:<14}"
        for mb in sizes:
            text = KINDS[kind](int(mb * 1_000_000))
            start = time.perf_counter()
            extract(text, published=published, gazetteer=gaz)
            row += f"{(time.perf_counter() - start) / mb:12.2f}"
        print(row, flush=True)


if __name__ == "__main__":
    main()
