"""The same reader on articles it was not written for (tests/articles/, other
countries and names): places within tolerance of independent coordinates, roles,
false friends, and incidents as a careful coder would record them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from geopy.distance import geodesic

ARTICLES = sorted(Path(__file__).parent.joinpath("articles").glob("*.yaml"))


@pytest.fixture(scope="module", params=ARTICLES, ids=lambda p: p.stem)
def case(request, isolated_cache):
    from incimap.geo.extract import extract_file

    meta = yaml.safe_load(request.param.read_text(encoding="utf-8"))
    article = request.param.with_suffix(".txt")
    return meta, article.read_text(encoding="utf-8"), extract_file(article)


def _mention_at(result, text, entry):
    start = text.index(entry["context"])
    offset = text.index(entry["surface"], start)
    return next((m for m in result.mentions if m.span.start == offset), None)


def test_most_expected_places_are_found_in_the_right_place_and_role(case):
    meta, text, result = case
    good, misses = 0, []
    for entry in meta["places"]:
        m = _mention_at(result, text, entry)
        ok = m is not None and m.role == entry["role"]
        if ok and entry.get("lat") is not None:
            km = geodesic((m.place.lat, m.place.lon), (entry["lat"], entry["lon"])).km
            ok = km <= entry["tolerance_km"]
        good += ok
        if not ok:
            misses.append(f"{entry['surface']} ({entry['role']}): "
                          f"{(m.role, m.place.name) if m else 'not found'}")
    assert good / len(meta["places"]) >= 0.75, misses


def test_not_places_and_false_friends_are_never_reported(case):
    meta, text, result = case
    for phrase in meta.get("not_places", []):
        start = re.search(rf"\b{re.escape(phrase)}\b", text).start()
        inside = [m.surface for m in result.mentions
                  if start <= m.span.start < start + len(phrase)]
        assert not inside, f"{phrase!r} reported as {inside}"
    for friend in meta.get("false_friends", []):
        start = text.index(friend["context"])
        offset = text.index(friend["surface"], start)
        assert all(m.span.start != offset for m in result.mentions), friend


def test_country_focus_is_detected(case):
    meta, _, result = case
    assert result.country == meta["country"]


def test_expected_incidents_are_found_with_date_type_and_fatalities(case):
    meta, _, result = case
    for expected in meta["incidents"]:
        date = dt.date.fromisoformat(str(expected["event_date"]))
        same = [i for i in result.incidents
                if dt.date.fromisoformat(i.event_date) == date
                and i.event_type == expected["event_type"]]
        assert same, f"no {expected['event_type']} on {date}: " + "; ".join(
            f"{i.event_date} {i.event_type}" for i in result.incidents)
        assert any(i.fatalities == expected["fatalities"] for i in same), (
            [i.fatalities for i in same], expected["fatalities"])
        assert any(i.time_precision == expected["time_precision"] for i in same)


def test_incident_location_is_the_named_event_place_where_the_gazetteer_has_it(case):
    meta, _, result = case
    names = {p["name"]: p for p in meta["places"]}
    located = 0
    for expected in meta["incidents"]:
        date = dt.date.fromisoformat(str(expected["event_date"]))
        ref = names.get(expected["location"], {})
        for i in result.incidents:
            if dt.date.fromisoformat(i.event_date) != date or not i.location:
                continue
            if ref.get("lat") is not None:
                km = geodesic((i.location.lat, i.location.lon), (ref["lat"], ref["lon"])).km
                located += km <= max(ref["tolerance_km"], i.location.uncertainty_km)
                break
            located += expected["location"].split()[0] in i.location.name
            break
    assert located >= len(meta["incidents"]) - 1


def test_no_spurious_incidents(case):
    meta, _, result = case
    assert len(result.incidents) <= len(meta["incidents"]) + 1
