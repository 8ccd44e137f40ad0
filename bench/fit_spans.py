"""Fit the span classifier's weights (geo/data/span_weights.json) on the dev corpora.

    python bench/fit_spans.py [--l2 0.1] [--balance 0] [--out geo/data/span_weights.json]

Every candidate span of the dev parts of LGL and GeoVirus (../shared/benchmarks/ or
$INCIMAP_BENCHMARKS; ``geo.reader.spans.candidates``) is labelled a place when it overlaps
a gold name. A logistic regression with an L2 penalty is fitted over them, a corpus of n
candidates weighing n ** (1 - balance) (LGL has four times GeoVirus' candidates; both
settings were chosen on dev), and the probability threshold is the one that maximises
the mean of the two corpora's geotagging F1 (spans scored as ``geo.evaluate`` does). The
frozen test parts are never read here: score them with `python bench/bench_geoparse.py`
after fitting.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPORA = ("lgl.xml", "GeoVirus.xml")


def corpus_rows(path: Path, gazetteer, matcher):
    """(feature dicts, labels, per document: first row, candidate spans, gold spans) of a
    corpus's dev documents."""
    from incimap.geo.evaluate import read_corpus
    from incimap.geo.reader.document import Document
    from incimap.geo.reader.spans import Runs, candidates, features, guarded

    corpus = path.stem.lower()
    rows, labels, docs = [], [], []
    for doc in read_corpus(path):
        if doc.split(corpus) != "dev" or not doc.text.strip():
            continue  # the test part is never read
        article = Document(doc.text)
        runs = Runs(article)
        # What the guards rule out is no place whatever the model says: not fitted on.
        cands = [c for c in candidates(article, matcher) if not guarded(article, c, runs)]
        first = len(rows)
        for c, f in zip(cands, features(article, cands, gazetteer), strict=True):
            rows.append(f)
            labels.append(any(t.start < c.end and c.start < t.end for t in doc.toponyms))
        docs.append((first, [(c.start, c.end) for c in cands],
                     [(t.start, t.end) for t in doc.toponyms]))
    return rows, np.array(labels, dtype=float), docs


def span_f1(take: np.ndarray, docs) -> float:
    """Geotagging F1 of the taken candidates, scored as ``geo.evaluate`` scores spans."""
    from incimap.geo.evaluate import match_spans, prf

    tp = predicted = gold = 0
    for first, spans, gold_spans in docs:
        chosen = [s for k, s in enumerate(spans) if take[first + k]]
        tp += len(match_spans(chosen, gold_spans))
        predicted += len(chosen)
        gold += len(gold_spans)
    return prf(tp, predicted, gold)[2]


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float) -> np.ndarray:
    def loss(beta):
        z = x @ beta
        p = 1 / (1 + np.exp(-z))
        ll = w * (np.logaddexp(0, z) - y * z)
        grad = x.T @ (w * (p - y)) + l2 * beta
        grad[0] -= l2 * beta[0]  # the bias is not penalised
        return ll.sum() + 0.5 * l2 * (beta[1:] ** 2).sum(), grad

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B",
                      options={"maxiter": 2000})
    return result.x


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, default=0.1)
    parser.add_argument("--balance", type=float, default=0.0,
                        help="1: each corpus weighs the same; 0: each candidate does")
    parser.add_argument("--out", type=Path, default=ROOT / "geo" / "data" / "span_weights.json")
    args = parser.parse_args()

    from incimap.gazetteer.gazetteer import open_gazetteer
    from incimap.geo.reader.matcher import get_matcher

    folder = Path(os.environ.get("INCIMAP_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))
    gazetteer = open_gazetteer()
    matcher = get_matcher(gazetteer)
    parts = [corpus_rows(folder / name, gazetteer, matcher) for name in CORPORA]
    names = sorted({k for rows, _, _ in parts for f in rows for k in f} - {"bias", "curated"})
    names = ["bias", *names]
    column = {k: i for i, k in enumerate(names)}
    xs, ys, ws = [], [], []
    for rows, labels, _ in parts:
        x = np.zeros((len(rows), len(names)))
        for i, f in enumerate(rows):
            for k, v in f.items():
                if k in column:  # "curated" is left out of the fit above
                    x[i, column[k]] = v
        xs.append(x)
        ys.append(labels)
        # Each corpus weighs the same (balance 1) or each candidate does (balance 0).
        ws.append(np.full(len(rows), len(rows) ** -args.balance))
    total = sum(w.sum() for w in ws)
    ws = [w * 1000 / total for w in ws]
    beta = fit(np.vstack(xs), np.concatenate(ys), np.concatenate(ws), args.l2)
    threshold, best = 0.5, -1.0
    for t in np.arange(0.2, 0.81, 0.01):
        f1s = [span_f1(1 / (1 + np.exp(-(x @ beta))) >= t, docs)
               for x, (_, _, docs) in zip(xs, parts, strict=True)]
        if np.mean(f1s) > best:
            threshold, best = round(float(t), 2), float(np.mean(f1s))
            report = f1s
    weights = {k: round(float(b), 4) for k, b in zip(names, beta, strict=True)}
    args.out.write_text(json.dumps({"threshold": threshold, "weights": weights},
                                   indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"threshold {threshold}: geotagging F1 on dev " + ", ".join(
        f"{n} {f:.3f}" for n, f in zip(CORPORA, report, strict=True)))
    for k, b in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {k:32} {b:+.3f}")


if __name__ == "__main__":
    main()
