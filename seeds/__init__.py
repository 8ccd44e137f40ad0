"""The seed article and the curated data shipped with incident-mapper.

Files here are package data, so they are found the same way from a source
checkout, an editable install or a wheel.
"""

from __future__ import annotations

from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent

SEED_ARTICLE = SEEDS_DIR / "jaffar_express_2025-03-12.txt"
SEED_ARTICLE_META = SEEDS_DIR / "jaffar_express_2025-03-12.yaml"
PLACES_OVERLAY = SEEDS_DIR / "places.csv"
CURATED_INCIDENTS = SEEDS_DIR / "incidents.yaml"
ROUTES_DIR = SEEDS_DIR / "routes"
DEFAULT_ROUTE = ROUTES_DIR / "jaffar_express.csv"


def seed_path(name: str) -> Path:
    """Path of a file shipped in ``seeds/``."""
    return SEEDS_DIR / name
