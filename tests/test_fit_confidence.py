"""The confidence fitter (bench/fit_confidence.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def test_a_field_never_wrong_on_dev_is_still_not_certain():
    """Laplace's pseudo-counts: with every sample right the fitted bias stays finite, so
    the confidence stays below one."""
    sys.path.insert(0, str(ROOT / "bench"))
    import fit_confidence

    x = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]] * 10)
    w = fit_confidence.fit(x, np.ones(len(x)), l2=0.3, prior=np.zeros(2))
    p = 1 / (1 + np.exp(-(w[0] + x.mean(axis=0) @ w[1:])))
    assert p < 0.99
