"""Uncertainty shapes: geodesic circles, or administrative polygons where known."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import box

from incimap.geo.layers import uncertainty_frame
from incimap.geo.models import Incident, Mention, Place, Span
from incimap.geo.uncertainty import circle, uncertainty_of

GEOD = Geod(ellps="WGS84")
MACH = Place(name="Mach", lat=29.8637, lon=67.3302, feature_type="town", country="PK")
BALOCHISTAN = Place(name="Balochistan", lat=28.48, lon=65.63, feature_type="province",
                    country="PK")
PROVINCE_BOX = box(62, 25, 70, 32)
FAKE_BOUNDARIES = SimpleNamespace(
    province_shape=lambda name, country="": PROVINCE_BOX if name == "Balochistan" else None,
    country_shape=lambda iso: None)


@pytest.mark.parametrize("lat, radius_km", [(0.0, 5.0), (29.86, 20.0), (60.0, 250.0)])
def test_circle_vertices_are_the_radius_away_on_the_ellipsoid(lat, radius_km):
    ring = np.array(circle(lat, 67.0, radius_km).exterior.coords)
    distances = GEOD.inv(np.full(len(ring), 67.0), np.full(len(ring), lat),
                         ring[:, 0], ring[:, 1])[2] / 1000
    assert distances == pytest.approx(radius_km, rel=1e-9)


def test_circle_is_wound_counter_clockwise():
    assert circle(29.86, 67.33, 10).exterior.is_ccw


def test_circle_rejects_a_non_positive_radius():
    with pytest.raises(ValueError, match="positive"):
        circle(29.86, 67.33, 0)


def test_precise_place_gets_a_circle_of_its_uncertainty_radius():
    shape = uncertainty_of(MACH, boundaries=FAKE_BOUNDARIES)
    assert shape.kind == "circle"
    assert shape.radius_km == MACH.uncertainty_km
    assert shape.geometry.contains(shapely.Point(MACH.lon, MACH.lat))


def test_province_with_known_polygon_gets_the_polygon():
    shape = uncertainty_of(BALOCHISTAN, boundaries=FAKE_BOUNDARIES)
    assert shape.kind == "province"
    assert shape.geometry.equals(PROVINCE_BOX)
    assert shape.geometry.exterior.is_ccw


def test_province_without_boundaries_falls_back_to_a_circle():
    shape = uncertainty_of(BALOCHISTAN, boundaries=None)
    assert (shape.kind, shape.radius_km) == ("circle", BALOCHISTAN.uncertainty_km)


def test_installed_boundaries_give_balochistan_its_province_polygon():
    shape = uncertainty_of(BALOCHISTAN)
    assert shape.kind == "province"
    assert shape.geometry.contains(shapely.Point(MACH.lon, MACH.lat))


def test_incident_and_mention_use_their_place_and_none_without_one():
    incident = Incident(id="X1", title="t", event_type="Battles", sub_event_type="Armed clash",
                        event_date="2025-03-11", time_precision=1, location=MACH)
    mention = Mention(surface="Mach", span=Span(0, 4, "Mach"), sentence=Span(0, 4, "Mach"),
                      place=MACH)
    assert uncertainty_of(incident, boundaries=None).kind == "circle"
    assert uncertainty_of(mention, boundaries=None).kind == "circle"
    assert uncertainty_of(replace(incident, location=None)) is None


def test_uncertainty_frame_has_one_wgs84_polygon_per_located_item():
    frame = uncertainty_frame([MACH, BALOCHISTAN], boundaries=FAKE_BOUNDARIES)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["shape"]) == ["circle", "province"]
    assert frame.geometry.geom_type.eq("Polygon").all()
