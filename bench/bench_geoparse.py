"""Geoparsing figures on the standard dev corpora, beside the published anchors.

    python bench/bench_geoparse.py [--limit N] [--recognizer gazetteer|classifier|both]

Reads ../shared/benchmarks/{lgl,GeoVirus}.xml (or $INCIMAP_BENCHMARKS); the corpora are
referenced by path, never copied into the repository. Prints each corpus's table for all
documents, the dev part and the frozen test part (one document in five, by id), for each
recognizer asked for (both by default: the gazetteer scan and the span classifier).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from incimap.geo.cli.evaluate_cmd import table  # noqa: E402
from incimap.geo.evaluate import evaluate  # noqa: E402

CORPORA = ("lgl.xml", "GeoVirus.xml")
# Published figures to compare with (resolution given the gold names).
ANCHORS = {
    "lgl.xml": "Mordecai3: Acc@161 0.827, exact GeoNames id 0.794, mean error 303.9 km",
    "GeoVirus.xml": "issue 9 targets: F1 >= 0.90, resolution >= 0.95, end to end >= 0.85",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--recognizer", choices=("gazetteer", "classifier", "both"),
                        default="both")
    args = parser.parse_args()
    recognizers = ("gazetteer", "classifier") if args.recognizer == "both" else (
        args.recognizer,)
    folder = Path(os.environ.get("INCIMAP_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))
    for name in CORPORA:
        path = folder / name
        if not path.exists():
            print(f"{path}: not found (set INCIMAP_BENCHMARKS)")
            continue
        for recognizer in recognizers:
            print(f"== {name}  recognizer {recognizer}  ({ANCHORS[name]})")
            print(table(evaluate(path, limit=args.limit, recognizer=recognizer)))
            print()


if __name__ == "__main__":
    main()
