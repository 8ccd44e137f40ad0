"""Generalisation: places in articles written after the reader was built, scored
together against independent coordinates (tests/articles_unseen/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from geopy.distance import geodesic

FOLDER = Path(__file__).parent / "articles_unseen"


@pytest.fixture(scope="module")
def scores(isolated_cache):
    from incimap.geo.extract import extract_file

    total = right = resolved = near = false_places = 0
    for meta_path in sorted(FOLDER.glob("*.yaml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        article = meta_path.with_suffix(".txt")
        text = article.read_text(encoding="utf-8")
        result = extract_file(article, published=meta["published"])
        for entry in meta["places"]:
            total += 1
            offset = text.index(entry["surface"], text.index(entry["context"]))
            m = next((m for m in result.mentions if m.span.start == offset), None)
            if m is None or (m.place is None and entry.get("lat") is not None):
                continue  # missed, or kept but not located (not in the gazetteer)
            ok = m.role == entry["role"]
            if entry.get("lat") is not None:
                resolved += 1
                km = geodesic((m.place.lat, m.place.lon), (entry["lat"], entry["lon"])).km
                near += km <= entry["tolerance_km"]
                ok = ok and km <= entry["tolerance_km"]
            right += ok
        for phrase in meta.get("not_places", []):
            found = re.search(rf"\b{re.escape(phrase)}\b", text)
            if found and any(found.start() <= m.span.start < found.end()
                             for m in result.mentions):
                false_places += 1
    return {"total": total, "right": right, "resolved": resolved, "near": near,
            "false_places": false_places}


def test_resolved_places_lie_within_tolerance_of_independent_coordinates(scores):
    assert scores["resolved"] >= 50
    assert scores["near"] / scores["resolved"] >= 0.95, scores


def test_most_places_are_found_with_their_role(scores):
    assert scores["right"] / scores["total"] >= 0.70, scores


def test_organisations_people_and_demonyms_are_almost_never_places(scores):
    assert scores["false_places"] <= 2, scores
