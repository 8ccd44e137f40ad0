"""Fit the confidence weights (geo/data/confidence_weights.json) on the dev part of
tests/corpus, and print how well they separate right fields from wrong ones.

    python bench/fit_confidence.py [--dry-run]

For every dev article (``split: dev``; frozen articles are never read) the reader's first
incident is scored against the coded main incident (geo.evaluate_incidents.score_article):
each field right or wrong is one sample of that field's features
(geo.confidence.features). One logistic regression per field (with Laplace's pseudo-
counts), with an L2 penalty on the feature weights (not the bias) pulling toward a prior
(``PRIOR``, hand-set log-odds, each with its reason): with a few dozen articles, a feature
moves from its prior only as far as the data supports, and one the dev part barely varies
stays near its prior. The penalty is chosen per field from ``L2_GRID`` by leave-one-out
Brier score. Printed: per field the base rate, the chosen penalty, the weights, and the
leave-one-out Brier score of the fit against the base rate alone (lower is better).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from incimap.geo.confidence import FIELDS, WEIGHTS_FILE, features  # noqa: E402
from incimap.geo.evaluate_incidents import read_coded_corpus, score_article  # noqa: E402
from incimap.geo.extract import extract_file  # noqa: E402

# The evaluator's name for each confidence field.
_SCORED_AS = {"location": "place", "date": "date", "fatalities": "fatalities",
              "event_type": "event_type", "actor1": "actor1"}


# Prior log-odds per feature (before the data): what each clue should be worth.
PRIOR = {
    "location": {
        "named": 1.0,  # a place named in the text, not the province/country fall-back
        "precise": 0.5,  # a town or site: a narrow target, but one that was named
        "broad": -1.0,  # province or country: rarely within a town's tolerance
        "exact_match": 0.3,  # the name as the gazetteer spells it
        "unambiguous": 0.5,  # no rival candidate, high resolution score
        "with_trigger": 0.5,  # named in a sentence with the event's words
        "repeated": 0.3,  # named more than once for the event
    },
    "date": {
        "explicit": 1.0,  # a date in the text, not the publication-day default
        "day": 0.5,  # a day, not a week or month
        "with_trigger": 0.5,  # in a sentence with the event's words
    },
    "fatalities": {
        "has_figure": 0.5,  # a written toll, not "none found"
        "with_trigger": 0.7,  # the toll beside the event's words
        "with_place": 0.3,  # ... and its place
        "agree": 0.5,  # every figure gives the same number
        "first_sentence": 0.3,  # the lead gives it
    },
    "event_type": {
        "specific": 0.5,  # a specific cue (bomb, hostage) rather than the fall-back
        "repeated": 0.3,  # cues in more than one sentence
        "first_sentence": 0.5,  # the lead says what happened
    },
    "actor1": {
        "unidentified": 0.0,  # no claim: usually right by convention, no prior either way
        "state": 0.3,  # the state's forces, named by their role
        "claimed": 1.0,  # a group claimed it
        "with_evidence": 0.3,  # a sentence names the actor
    },
}


def samples(corpus: Path) -> dict[str, list[tuple[dict[str, float], bool]]]:
    out: dict[str, list] = {name: [] for name in FIELDS}
    for article in read_coded_corpus(corpus):
        if article.split != "dev":
            continue
        incidents = list(extract_file(article.text_path, published=article.published).incidents)
        if not incidents:
            continue  # nothing to be confident about
        right, _ = score_article(article, incidents)
        for name, x in features(incidents[0]).items():
            out[name].append((x, bool(right[_SCORED_AS[name]])))
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float, prior: np.ndarray) -> np.ndarray:
    """Weights [bias, w1, ...] of a logistic regression penalised toward ``prior``.

    One right and one wrong pseudo-sample at the mean features (Laplace's rule): a field
    the dev part never gets wrong is still not certain, and its bias stays finite."""
    mean = x.mean(axis=0, keepdims=True)
    x, y = np.vstack([x, mean, mean]), np.concatenate([y, [1.0, 0.0]])
    design = np.hstack([np.ones((len(x), 1)), x])

    def loss(w):
        z = design @ w
        nll = np.sum(np.logaddexp(0, z) - y * z)
        return nll + 0.5 * l2 * np.sum((w[1:] - prior) ** 2)

    def grad(w):
        p = 1 / (1 + np.exp(-(design @ w)))
        g = design.T @ (p - y)
        g[1:] += l2 * (w[1:] - prior)
        return g

    start = np.concatenate([[0.0], prior])
    return minimize(loss, start, jac=grad, method="L-BFGS-B").x


def loo_brier(x: np.ndarray, y: np.ndarray, l2: float, prior: np.ndarray
              ) -> tuple[float, float]:
    """Leave-one-out Brier score of the fit and of the base rate."""
    fitted, base = [], []
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        w = fit(x[keep], y[keep], l2, prior)
        p = 1 / (1 + np.exp(-(w[0] + x[i] @ w[1:])))
        fitted.append((p - y[i]) ** 2)
        base.append(((y[keep].sum() + 1) / (keep.sum() + 2) - y[i]) ** 2)
    return float(np.mean(fitted)), float(np.mean(base))


L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true", help="Print, write nothing.")
    args = parser.parse_args()
    data = samples(ROOT / "tests" / "corpus")
    result = {"note": "fitted by bench/fit_confidence.py on the dev part of tests/corpus; "
                      "do not edit by hand",
              "fitted": dt.date.today().isoformat(), "l2": {}, "loo_brier": {},
              "fields": {}}
    for name in FIELDS:
        names = sorted(data[name][0][0])
        x = np.array([[s[0][k] for k in names] for s in data[name]], dtype=float)
        y = np.array([s[1] for s in data[name]], dtype=float)
        prior = np.array([PRIOR[name][k] for k in names])
        l2, (brier, base) = min(((c, loo_brier(x, y, c, prior)) for c in L2_GRID),
                                key=lambda t: t[1][0])
        w = fit(x, y, l2, prior)
        result["l2"][name] = l2
        result["loo_brier"][name] = {"fit": round(brier, 4), "base_rate": round(base, 4)}
        result["fields"][name] = {"bias": round(float(w[0]), 4),
                                  **{k: round(float(v), 4) for k, v in zip(names, w[1:],
                                                                            strict=True)}}
        print(f"{name:<11} n={len(y):3d} right={y.mean():.2f} l2={l2:<4g} LOO Brier {brier:.3f} "
              f"(base rate {base:.3f})  " + " ".join(f"{k}={v:+.2f}" for k, v in
                                                     result["fields"][name].items()))
    if not args.dry_run:
        WEIGHTS_FILE.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")


if __name__ == "__main__":
    main()
