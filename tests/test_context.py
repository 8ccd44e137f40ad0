"""Context labels of the offline basemap (geo.context): which places, from which zoom."""

from __future__ import annotations

from dataclasses import dataclass, field

from incimap.gazetteer.store import Row
from incimap.geo import context
from incimap.geo.context import ContextLabel, context_labels, data_bounds, town_min_zooms
from incimap.geo.models import Incident, Place


@dataclass
class FakeGazetteer:
    """A gazetteer answering ``places_within`` from a list of rows, as the real one does."""

    rows: list[Row] = field(default_factory=list)
    asked: list[tuple] = field(default_factory=list)

    def places_within(self, bounds, ftypes):
        self.asked.append(bounds)
        west, south, east, north = bounds
        found = [r for r in self.rows if r.ftype in ftypes
                 and west <= r.lon <= east and south <= r.lat <= north]
        return sorted(found, key=lambda r: (-r.population, r.gid, r.name))


def town(name: str, lat: float, lon: float, population: int, gid: str = "") -> Row:
    return Row(gid or f"t:{name}", name, lat, lon, "town", population=population)


BOUNDS = (10.0, 10.0, 12.0, 12.0)


def test_bigger_town_is_labelled_from_a_lower_zoom_than_its_small_neighbour():
    gaz = FakeGazetteer([town("Big", 11.0, 11.0, 500_000), town("Small", 11.15, 11.15, 5_000)])
    labels = {lab.name: lab for lab in context_labels(BOUNDS, gaz)}
    assert labels["Big"].min_zoom < labels["Small"].min_zoom


def test_a_lone_small_town_is_labelled_as_early_as_a_big_one():
    gaz = FakeGazetteer([town("Big", 11.0, 10.2, 500_000), town("Lone", 11.0, 11.8, 2_000)])
    labels = {lab.name: lab for lab in context_labels(BOUNDS, gaz)}
    zoom_apart = min(z for z in context.TOWN_ZOOMS
                     if context.CELL_PX * 360 / (256 * 2 ** z) < 1.6)
    assert labels["Lone"].min_zoom <= zoom_apart


def test_town_min_zooms_gives_one_label_per_screen_square():
    # Two points 1 km apart share a square until the highest zooms; the first keeps it.
    zooms = town_min_zooms([(0.0, 0.0), (0.0, 0.009)], zooms=range(4, 12))
    assert zooms[0] == 4
    assert zooms[1] is None or zooms[1] > 9


def test_labels_are_capped_and_ordered_the_same_way_every_time():
    rows = [town(f"T{k}", 10.0 + (k % 40) * 0.05, 10.0 + (k // 40) * 0.05, 1_000 + k)
            for k in range(1_600)]
    gaz = FakeGazetteer(rows)
    first = context_labels(BOUNDS, gaz, limit=100)
    assert len(first) == 100
    assert first == context_labels(BOUNDS, FakeGazetteer(list(reversed(rows))), limit=100)
    assert [lab.min_zoom for lab in first] == sorted(lab.min_zoom for lab in first)


def test_the_same_place_in_two_stores_gives_one_label():
    gaz = FakeGazetteer([town("Twin", 11.0, 11.0, 9_000, "world:1"),
                         town("Twin", 11.001, 11.001, 9_000, "overlay:twin")])
    assert [lab.name for lab in context_labels(BOUNDS, gaz)] == ["Twin"]


def test_countries_and_provinces_carry_their_zoom_ranges():
    gaz = FakeGazetteer([Row("c:1", "Landia", 11.0, 11.0, "country"),
                         Row("p:1", "North Province", 11.5, 11.5, "province"),
                         Row("v:1", "Nowhere", 11.2, 11.2, "village")])  # no population
    labels = {lab.name: lab for lab in context_labels(BOUNDS, gaz)}
    assert (labels["Landia"].min_zoom, labels["Landia"].max_zoom) == context.AREA_ZOOMS["country"]
    assert labels["North Province"].kind == "province"
    assert "Nowhere" not in labels


def test_labels_come_from_around_the_data_and_not_beyond():
    gaz = FakeGazetteer([town("Near", 12.5, 12.5, 9_000), town("Far", 40.0, 40.0, 9_000_000)])
    names = [lab.name for lab in context_labels(BOUNDS, gaz)]
    assert names == ["Near"]
    assert context_labels(None, gaz) == []


def test_data_bounds_cover_incidents_and_route():
    where = Place("X", 29.0, 67.0, "town")
    incidents = [Incident(id="a", title="", event_type="", sub_event_type="",
                          event_date="2025-01-01", time_precision=1, location=where)]
    assert data_bounds(incidents) == (67.0, 29.0, 67.0, 29.0)
    assert data_bounds() is None


def test_label_json_is_small_and_rounded():
    lab = ContextLabel("Town", "town", 29.123456, 67.654321, 7, 99, 12_000)
    assert lab.to_dict() == {"name": "Town", "kind": "town", "lat": 29.1235, "lon": 67.6543,
                             "min_zoom": 7, "max_zoom": 99}


def test_towns_around_the_bolan_pass_are_labelled_by_zoom_9(gazetteer):
    labels = context_labels((67.0, 29.3, 67.9, 30.2), gazetteer)
    by_name = {lab.name: lab for lab in labels}
    for name in ("Quetta", "Sibi", "Mach"):
        assert by_name[name].min_zoom <= 9, name
    assert by_name["Quetta"].min_zoom < by_name["Mach"].min_zoom
    # The province around them is named when the view takes in its reference point (the
    # centre of its towns' box, which a view of the pass alone need not reach).
    wider = context_labels((64.0, 26.0, 70.0, 31.5), gazetteer)
    assert "Balochistan" in {lab.name for lab in wider if lab.kind == "province"}
