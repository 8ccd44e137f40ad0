"""Fit the resolution weights (geo/data/resolution_weights.json) on the dev corpora.

    python bench/fit_resolution.py [--rounds 2] [--l2 1.0]

For every gold name of the dev parts of LGL and GeoVirus (../shared/benchmarks/ or
$INCIMAP_BENCHMARKS), and of the project's own test articles (tests/articles*/), that has
coordinates and at least two candidates, one right and one
wrong (within 161 km of the gold point or not), the candidates' features under the
document's bias (geo.reader.resolution.document_bias) form one choice. A conditional logit with an
L2 penalty is fitted over all choices, each corpus weighing the same. The penalty pulls
toward a prior, not toward zero: the earlier hand-set weights (PRIOR) times one scale,
itself fitted first as a one-parameter logit on the prior's score. So features the corpora
never exercise (--country, --bbox, fuzzy matches) keep their earlier effect, and the
others move as far as the data says. The document's bias depends on a first ranking, so
the fit runs in rounds, each ranking with the last weights. The frozen test parts are
never read here: score them with `incimap evaluate --split test` after fitting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

import numpy as np
import yaml
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from incimap.gazetteer.gazetteer import open_gazetteer  # noqa: E402
from incimap.geo import ranking  # noqa: E402
from incimap.geo.evaluate import (  # noqa: E402
    ACC_KM,
    GoldDocument,
    GoldToponym,
    gold_mentions,
    read_corpus,
)
from incimap.geo.geocode import candidate_vectors, great_circle_km, prefer_curated  # noqa: E402
from incimap.geo.reader.resolution import candidates_by_surface, document_bias  # noqa: E402

CORPORA = ("lgl.xml", "GeoVirus.xml")
# The earlier hand-set ranking, in its own units (points): the prior of the fit.
PRIOR = {"similarity": 100, "spelling_gap": -100, "importance": 20, "hint_fits": 25,
         "hint_conflicts": -15, "in_country": 30, "outside_country": -30,
         "in_focus_country": 15, "in_focus_division": 15, "near": 30, "near_centre": 30,
         "near_other": 20, "near_namesakes": 20, "in_named_division": 15, "in_named_country": 10,
         "inside_bbox": 30,
         "outside_bbox": -30,
         "curated": 4,
         # A second-level division derived from its towns is a rougher guess than a
         # curated one: the corpora hold no curated district to tell them apart.
         "second_level": -10}


def article_documents() -> list[tuple[GoldDocument, dict[int, float]]]:
    """The project's test articles (tests/articles*/): places with independent coordinates
    and the tolerance each is judged by (conflict reporting, which LGL's local US news and
    GeoVirus' outbreak reports do not cover)."""
    docs = []
    for meta_path in sorted([*(ROOT / "tests" / "articles").glob("*.yaml"),
                             *(ROOT / "tests" / "articles_unseen").glob("*.yaml")]):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        text = meta_path.with_suffix(".txt").read_text(encoding="utf-8")
        toponyms, tolerance = [], {}
        for e in meta.get("places") or []:
            if e.get("lat") is None:
                continue
            start = text.index(e["surface"], text.index(e["context"]))
            tolerance[start] = float(e.get("tolerance_km") or ACC_KM)
            toponyms.append(GoldToponym(start, start + len(e["surface"]), e["surface"],
                                        e["lat"], e["lon"]))
        toponyms.sort(key=lambda t: t.start)
        docs.append((GoldDocument(meta_path.stem, text, tuple(toponyms)), tolerance))
    return docs


def corpus_documents(path: Path) -> list[tuple[GoldDocument, dict[int, float]]]:
    corpus = path.stem.lower()
    return [(doc, {}) for doc in read_corpus(path) if doc.split(corpus) == "dev"]


def choices(documents, gaz) -> list[tuple[np.ndarray, np.ndarray]]:
    out = []
    for doc, tolerance in documents:
        mentions = gold_mentions(doc)
        found = candidates_by_surface(mentions, gaz)
        bias, _ = document_bias(found)
        for gold, mention in zip(doc.toponyms, mentions, strict=True):
            if not gold.located:
                continue
            hint, cands = found[mention.surface]
            cands = sorted(prefer_curated(cands), key=lambda c: c.row.gid)
            reach = tolerance.get(gold.start, ACC_KM)
            right = [great_circle_km(c.row.lat, c.row.lon, gold.lat, gold.lon) <= reach
                     for c in cands]
            if len(cands) < 2 or all(right) or not any(right):
                continue
            out.append((np.array(candidate_vectors(cands, hint, bias)), np.array(right)))
    return out


def log_likelihood(w: np.ndarray, groups) -> tuple[float, np.ndarray]:
    """Sum over choices of log P(a right candidate), and its gradient."""
    total, grad = 0.0, np.zeros_like(w)
    for x, right, weight in groups:
        s = x @ w
        p = np.exp(s - s.max())
        z, zr = p.sum(), p[right].sum()
        total += weight * (np.log(zr) - np.log(z))
        grad += weight * (x[right].T @ p[right] / zr - x.T @ p / z)
    return total, grad


def fit(groups, l2: float) -> tuple[np.ndarray, float]:
    """Weights maximising the log likelihood minus l2 * |w - prior|^2, and the prior's
    fitted scale."""
    prior_points = np.array([PRIOR.get(name, 0.0) for name in ranking.FEATURES], float)

    def scale_loss(k):
        ll, grad = log_likelihood(k[0] * prior_points, groups)
        return -ll, np.array([-(grad @ prior_points)])

    scale = float(minimize(scale_loss, np.array([0.1]), jac=True, method="L-BFGS-B").x[0])
    prior = scale * prior_points

    def loss(w):
        ll, grad = log_likelihood(w, groups)
        return -ll + l2 * (w - prior) @ (w - prior), -grad + 2 * l2 * (w - prior)

    return minimize(loss, prior, jac=True, method="L-BFGS-B").x, scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--l2", type=float, default=1.0)
    args = parser.parse_args()
    folder = Path(os.environ.get("INCIMAP_BENCHMARKS", ROOT.parent / "shared" / "benchmarks"))
    gaz = open_gazetteer()
    for n in range(args.rounds):
        groups, counts = [], {}
        sources = {name: corpus_documents(folder / name) for name in CORPORA}
        sources["tests/articles*"] = article_documents()
        for name, documents in sources.items():
            found = choices(documents, gaz)
            counts[name] = len(found)
            groups += [(x, y, 1000.0 / max(len(found), 1)) for x, y in found]
        w, scale = fit(groups, args.l2)
        data = {
            "note": "fitted by bench/fit_resolution.py on the dev parts of the corpora; "
                    "do not edit by hand",
            "fitted": dt.date.today().isoformat(),
            "choices": counts,
            "l2": args.l2,
            "prior_scale": round(scale, 5),
            "features": list(ranking.FEATURES),
            "weights": [round(float(v), 4) for v in w],
        }
        ranking.WEIGHTS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        ranking._load.cache_clear()
        print(f"round {n + 1}: {counts}")
    for name, value in zip(ranking.FEATURES, ranking.weights(), strict=True):
        print(f"  {name:18} {value:8.3f}")


if __name__ == "__main__":
    main()
